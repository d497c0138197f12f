//! dossier: one YAML file per industrial cluster in, the complete print-ready submission out.
//!
//! `YAML → model (+ derived figures) → rules → Tera templates → doc → DOCX / PDF → volumes`

pub mod doc;
pub mod model;
pub mod render;
pub mod diagnostic;
pub mod load;
pub mod schema;
pub mod forms;
pub mod evidence;
pub mod skeleton;
pub mod output;
pub mod project;
pub mod rules;
pub mod build;
