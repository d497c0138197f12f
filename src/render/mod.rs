//! Templates to documents: Tera renders a form's markup, `markup` parses it into `doc`.

pub mod markup;
