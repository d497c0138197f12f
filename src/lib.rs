//! dossier: one YAML file per industrial cluster in, the complete print-ready submission out.
//!
//! `YAML → model (+ derived figures) → rules → Tera templates → doc → DOCX / PDF → volumes`

// Reading the data.
pub mod diagnostic;
pub mod load;
pub mod model;
pub mod project;
pub mod schema;
pub mod skeleton;

// Checking it.
pub mod evidence;
pub mod rules;

// Turning it into documents.
pub mod doc;
pub mod forms;
pub mod render;

// Back ends and output.
pub mod build;
pub mod cache;
pub mod docx;
pub mod output;
pub mod pdf;
pub mod volume;
