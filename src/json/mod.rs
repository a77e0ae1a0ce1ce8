//! The JSON exchange format of plan-format.md (version 1): reading a document into a
//! [`model::PlanBundle`] and writing one back.
//!
//! Owns the format and its strictness rules, and is the only module that knows serde_json. It
//! has its own serde types (`raw`), converted to and from the model explicitly (`import`,
//! `export`); the model carries no serde derives. Every rejection is an [`FormatError`] that
//! names the JSON path and says in one Danish sentence what is wrong. No file I/O here: callers
//! pass bytes in and get text out.

mod error;
mod export;
mod import;
mod messages;
mod raw;
mod version;

use serde_json::error::Category;

use crate::model;

pub use error::FormatError;
pub use version::{FORMAT_NAME, FORMAT_VERSION};

/// Reads a JSON document (plan-format.md, version 1) into a [`model::PlanBundle`] with
/// document-local ids: people and plans by index, goals numbered from 1 in document order.
/// Follow-ups come out oldest first. Nothing is half-read: any rule broken is an error.
pub fn parse_document(bytes: &[u8]) -> Result<model::PlanBundle, FormatError> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let (bom_len, body) = match bytes.strip_prefix(BOM) {
        Some(rest) => (BOM.len(), rest),
        None => (0, bytes),
    };
    let text = std::str::from_utf8(body).map_err(|e| {
        let offset = bom_len + e.valid_up_to();
        let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
        FormatError::NotUtf8 { offset, line }
    })?;
    match text
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .chars()
        .next()
    {
        None => {
            return Err(FormatError::NotJson {
                problem: "filen er tom".to_string(),
            });
        }
        Some('{') => {}
        Some(c) => {
            return Err(FormatError::NotJson {
                problem: format!("det skal begynde med «{{», men begynder med «{c}»"),
            });
        }
    }
    let raw = read_raw(text).map_err(|err| header_error(text).unwrap_or(err))?;
    import::check_header(&raw.format, raw.version.0)?;
    import::to_model(raw)
}

/// Strict structural parse: serde with paths, then nothing after the closing brace.
fn read_raw(text: &str) -> Result<raw::RawDocument, FormatError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let doc = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = messages::render_path(err.path());
        json_error(&path, err.inner())
    })?;
    de.end().map_err(|err| json_error("", &err))?;
    Ok(doc)
}

fn json_error(path: &str, err: &serde_json::Error) -> FormatError {
    let message = messages::bare_message(err);
    match err.classify() {
        Category::Eof => FormatError::Truncated {
            path: path.to_string(),
        },
        Category::Syntax => FormatError::Syntax {
            path: path.to_string(),
            line: err.line(),
            column: err.column(),
            problem: messages::translate_syntax(&message),
        },
        Category::Data | Category::Io => {
            let (path, problem) = messages::translate_data(path, &message);
            FormatError::Invalid { path, problem }
        }
    }
}

/// When the strict parse fails, a lenient look at `format` and `version`: a file from another
/// program or from a newer virkplan deserves that message rather than "unknown field".
fn header_error(text: &str) -> Option<FormatError> {
    #[derive(serde::Deserialize)]
    struct Header {
        format: Option<serde_json::Value>,
        version: Option<serde_json::Value>,
    }
    let header: Header = serde_json::from_str(text).ok()?;
    match &header.format {
        Some(serde_json::Value::String(format)) if format != FORMAT_NAME => {
            return import::check_header(format, FORMAT_VERSION).err();
        }
        _ => {}
    }
    match header.version?.as_f64() {
        Some(v) if v > FORMAT_VERSION as f64 => Some(FormatError::NewerVersion {
            version: header_version(v),
        }),
        _ => None,
    }
}

fn header_version(v: f64) -> i64 {
    // A float that is not a whole number is still "newer": show its whole part.
    if v < i64::MAX as f64 {
        v as i64
    } else {
        i64::MAX
    }
}

/// Writes a document as pretty JSON with a trailing newline. Keys are generated (people from
/// their names, plans from their first year, goals only where a `continues` needs one); ids
/// may be row ids. Empty texts and absent options are left out; follow-ups go oldest first.
/// The text is checked by [`parse_document`] before it is returned, so what this writes can
/// always be read back.
pub fn write_document(doc: &model::PlanBundle) -> Result<String, FormatError> {
    let raw = export::from_model(doc)?;
    let mut text = serde_json::to_string_pretty(&raw)
        .map_err(|e| FormatError::export("", format!("JSON kunne ikke dannes ({e})")))?;
    text.push('\n');
    if let Err(err) = parse_document(text.as_bytes()) {
        let path = err.path().unwrap_or("").to_string();
        let problem = match err {
            FormatError::Invalid { problem, .. } => problem,
            other => other.to_string(),
        };
        return Err(FormatError::Export { path, problem });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_utf8_reports_the_offset_in_the_file() {
        let err = parse_document(b"\xEF\xBB\xBF{\n\"a\xFF").unwrap_err();
        assert_eq!(err, FormatError::NotUtf8 { offset: 7, line: 2 });
    }

    #[test]
    fn a_newer_version_wins_over_unknown_fields() {
        let err =
            parse_document(br#"{"format":"virkplan","version":2,"plans":[],"new":1}"#).unwrap_err();
        assert_eq!(err, FormatError::NewerVersion { version: 2 });
    }
}
