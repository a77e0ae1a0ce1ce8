//! The name and version of the JSON exchange format (plan-format.md): what the document's
//! `format` and `version` members say.

/// The format version this program reads and writes.
pub const FORMAT_VERSION: i64 = 1;

/// The value of the document's `format` member.
pub const FORMAT_NAME: &str = "virkplan";
