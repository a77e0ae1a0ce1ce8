//! (being written on branch `units`; this placeholder only lets the rest compile)
#![allow(missing_docs)]
use crate::model::Document;
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSpec {
    pub areas: usize,
    pub goals_per_area: usize,
    pub follow_ups_per_goal: usize,
    pub seed: u64,
}
pub fn generate(_spec: &DemoSpec) -> Document {
    Document::default()
}
