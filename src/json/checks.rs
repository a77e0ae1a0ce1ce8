//! The small checks every part of an import shares: required texts, keys, dates (with the
//! forms each format version allows), `extra` and document-local ids. Each failure is a
//! [`FormatError`] at the JSON path it is given.

use std::collections::HashMap;

use super::error::FormatError;
use super::values::{ExtraObject, shorten};
use crate::model::{Date, DateError, Extra};

pub(super) type Result<T> = std::result::Result<T, FormatError>;

/// The format version a document says it is: which fields and date forms it may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Version {
    /// Days and months only; no version-2 fields (`raw_v1` has already refused them).
    One,
    /// Everything of plan-format.md's "Version 2".
    Two,
}

/// A required text that must say something.
pub(super) fn required_text(object_path: &str, field: &str, value: String) -> Result<String> {
    if value.trim().is_empty() {
        return Err(FormatError::invalid(
            format!("{object_path}.{field}"),
            format!("feltet «{field}» er tomt; det skal indeholde tekst"),
        ));
    }
    Ok(value)
}

pub(super) fn check_key(path: &str, key: &str) -> Result<()> {
    if key.trim().is_empty() {
        return Err(FormatError::invalid(
            path,
            "nøglen er tom; en nøgle skal indeholde tegn",
        ));
    }
    Ok(())
}

/// Maps each key to its index; an empty or repeated key is an error at its path.
pub(super) fn unique_keys<'a>(
    keys: impl Iterator<Item = (String, &'a str)>,
    what: &str,
) -> Result<HashMap<String, usize>> {
    let mut seen: HashMap<&str, (usize, String)> = HashMap::new();
    for (i, (path, key)) in keys.enumerate() {
        check_key(&path, key)?;
        if let Some((_, first)) = seen.get(key) {
            return Err(FormatError::invalid(
                path,
                format!("{what} «{}» er allerede brugt i {first}", shorten(key)),
            ));
        }
        seen.insert(key, (i, path));
    }
    Ok(seen
        .into_iter()
        .map(|(k, (i, _))| (k.to_string(), i))
        .collect())
}

/// A DATE: in version 2 any of the five forms; in version 1 a day or a month, as before
/// version 2 existed (a quarter, half year or year there says which version it needs).
pub(super) fn date(path: &str, text: &str, version: Version) -> Result<Date> {
    let parsed = Date::parse_iso(text);
    let problem = match (version, parsed) {
        (Version::Two, Ok(date)) => return Ok(date),
        (Version::One, Ok(date @ (Date::Day { .. } | Date::Month { .. }))) => return Ok(date),
        (Version::One, Ok(_)) => format!(
            "{V1_FORMS}; kvartal, halvår og år (fx 2013-Q3, 2013-H2, 2013) kræver «version»: 2"
        ),
        (Version::One, Err(_)) if is_v2_shape(text) => V1_FORMS.to_string(),
        (Version::One, Err(DateError::Form)) => V1_FORMS.to_string(),
        (_, Err(e)) => e.to_string(),
    };
    Err(FormatError::invalid(
        path,
        format!("{problem} (fandt «{}»)", shorten(text)),
    ))
}

/// Version 1's sentence for a text that is not one of its date forms (its words as before).
const V1_FORMS: &str = "en dato skal skrives ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD, fx 2013-06 eller 2013-06-30";

/// A text shaped like one of the forms only version 2 has (`2013`, `2013-Qn`, `2013-Hn`), which
/// version 1 calls a wrong form, not an impossible date.
fn is_v2_shape(text: &str) -> bool {
    text.len() == 4 || matches!(text.as_bytes().get(5), Some(b'Q' | b'H'))
}

pub(super) fn optional_date(
    path: &str,
    text: Option<String>,
    version: Version,
) -> Result<Option<Date>> {
    text.map(|t| date(path, &t, version)).transpose()
}

pub(super) fn extra(value: Option<ExtraObject>, path: &str) -> Result<Extra> {
    value
        .map(|v| v.to_text())
        .transpose()
        .map_err(|e| FormatError::invalid(path, format!("kunne ikke gemmes ({e})")))
}

/// An index as an id; documents never have 2^63 entries, so saturation is only theory.
pub(super) fn index_id(index: usize) -> i64 {
    i64::try_from(index).unwrap_or(i64::MAX)
}
