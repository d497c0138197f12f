//! The typed data of a cluster and of a city, with the figures derived from it.
//!
//! Keys are English snake_case; every field's doc comment starts with its Chinese form label,
//! which becomes the JSON Schema title that editors show and error messages quote.

mod city;
mod cluster;
mod common;
mod decimal;
pub mod derived;
pub mod lists;
pub mod options;
pub mod plan;
mod province;
pub mod schema;
pub mod skeleton;
mod submission;

pub use city::{City, Letter, Recommendation, ReviewEntry};
pub use cluster::*;
pub use common::{Contact, Date, Value, Years, YearsFrom2022, YesNo, YesNoNa};
pub use decimal::{Dec, Signed};
pub use province::{Province, ProvincialOpinion};
pub use submission::{Evidence, Item, Landscape, Layout, Rotation, Submission, TOPICS, Topic};
