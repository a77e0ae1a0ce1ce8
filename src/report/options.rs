//! [`Options`]: what the PDF of a plan includes (the status summary, the review of the
//! previous plan) and the creation date its metadata carries.

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
}

impl Default for Options {
    fn default() -> Self {
        Options {
            summary: false,
            review: true,
            created: None,
        }
    }
}
