//! [`Options`]: what the PDF of a plan includes (the status summary, the review of the
//! previous plan, what has changed since a version) and the creation date its metadata
//! carries.

use crate::changes::Changes;

/// What to include in the PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Add the status summary chapter (table and chart).
    pub summary: bool,
    /// Include the review chapter of the previous plan (`--no-review` turns it off).
    pub review: bool,
    /// The creation date written in the PDF's metadata, as seconds since 1970 (UTC); `None`
    /// = now.
    pub created: Option<i64>,
    /// "Siden sidst" in the chapter Statusoverblik: what has changed since a version
    /// (`export-pdf --since N`); `None` leaves it out.
    pub since: Option<Box<Since>>,
}

/// The section "Siden sidst": a comparison of the plan with one of its versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Since {
    /// "Ændringer siden 12. marts 2013".
    pub title: String,
    /// What was compared with what, a line each.
    pub lines: Vec<String>,
    /// The changes.
    pub changes: Changes,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            summary: false,
            review: true,
            created: None,
            since: None,
        }
    }
}
