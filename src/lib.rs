//! dossier: one YAML file per industrial cluster in, the complete print-ready submission out.
//!
//! The stages, in the order data flows through them, one folder each:
//!
//! 1. [`load`]: `cluster.yaml` and `city.yaml` with a position for every value, every shape error
//!    at once, the scans of each 目录 item, and the findings type ([`load::diagnostic`]).
//! 2. [`model`]: the typed data and the figures derived from it (增速, 年均增速, 占比); its JSON
//!    Schema and the `init` skeleton, both written from the fields' doc comments.
//! 3. [`rules`]: every rule of the notice, one file per family.
//! 4. [`render`]: which documents a submission needs ([`render::forms`]), Tera templates and
//!    the markup they produce, parsed into …
//! 5. [`doc`]: the document model both back ends draw, knowing no form, and the GB/T 9704
//!    page they draw it on.
//! 6. [`docx`] and [`pdf`]: the document as WordprocessingML, and typeset on GB/T 9704 pages
//!    ([`pdf::Typeset`], from which the form's own PDF is written).
//! 7. [`volume`]: typeset forms and foreign scans bound into the 附件7 volumes.
//! 8. [`build`]: the orchestration that runs the stages for a cluster or a city and writes
//!    `out/` (atomic writes, the build cache, CDs and print lists), reporting its progress as
//!    events.
//!
//! The command line (`src/main.rs`, `src/cli/`) is a face over these; it is not part of the
//! library. [`serve`] is the other face: the workbench, a local web page over the same stages.

pub mod build;
pub mod doc;
pub mod docx;
pub mod load;
pub mod model;
pub mod pdf;
pub mod render;
pub mod rules;
pub mod serve;
pub mod volume;
