//! dossier: one YAML file per industrial cluster in, the complete print-ready submission out.
//!
//! `YAML → model (+ derived figures) → rules → Tera templates → doc → DOCX / PDF → volumes`

pub mod doc;
pub mod model;
pub mod render;
pub mod volume;
