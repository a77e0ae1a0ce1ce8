//! "What has changed since" (issue 20): two states of one plan (a version read back, and a
//! later version or the plan now) compared by row id, grouped by focus area, in the plan's
//! own words and numbering. Pure: no files, no store, no egui. `types` holds the values,
//! `diff` the word diff (the `similar` crate), `compare` the comparison.

mod compare;
mod diff;
mod types;

pub use compare::between;
pub use types::{Change, Changes, Group, Kind, Piece, title_between, title_since};
