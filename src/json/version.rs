//! The name and versions of the JSON exchange format (plan-format.md): what the document's
//! `format` and `version` members say.

/// The format version this program writes, and the newest it reads.
pub const FORMAT_VERSION: i64 = 2;

/// The oldest format version this program reads (version 1: days and months only, none of
/// version 2's fields).
pub const OLDEST_VERSION: i64 = 1;

/// The value of the document's `format` member.
pub const FORMAT_NAME: &str = "virkplan";
