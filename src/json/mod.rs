//! The JSON exchange format of plan-format.md (versions 1 and 2): reading a document into a
//! [`model::PlanBundle`] and writing one back (always version 2).
//!
//! Owns the format and its strictness rules, and is the only module that knows serde_json. It
//! has its own serde types (`raw` for version 2, `raw_v1` for version 1, `values` for numbers
//! and `extra`), converted to and from the model explicitly (`import` with `import_figures`
//! and `import_words`, over the shared `checks`; `export`); the model carries no serde derives. Every rejection is an [`FormatError`] that
//! names the JSON path and says in one Danish sentence what is wrong. No file I/O here: callers
//! pass bytes in and get text out.

mod checks;
mod error;
mod export;
mod export_parts;
mod frozen;
mod import;
mod import_figures;
mod import_words;
mod messages;
mod raw;
mod raw_v1;
mod values;
mod version;

use serde_json::error::Category;

use crate::model;

pub use error::FormatError;
pub use version::{FORMAT_NAME, FORMAT_VERSION, OLDEST_VERSION};

/// Reads a JSON document (plan-format.md, version 1 or 2) into a [`model::PlanBundle`] with
/// document-local ids: people, plans and what lies in a list of a plan or a goal by index;
/// goals and indicators numbered from 1 in document order. Follow-ups come out oldest first.
/// Nothing is half-read: any rule broken is an error.
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
    let raw = read_document(text)?;
    let version = import::check_header(&raw.format, raw.version.0)?;
    import::to_model(raw, version)
}

/// The strict structural parse by the rules of the version the document says. A version-1
/// document is read as version 1 (where version 2's fields are unknown fields, with serde's
/// own words and path, exactly as before version 2) and converted to version 2's mirror; that
/// second parse costs only version-1 documents and failed ones.
fn read_document(text: &str) -> Result<raw::RawDocument, FormatError> {
    let read_v1 = || read_raw::<raw_v1::RawDocumentV1>(text).map(raw::RawDocument::from);
    let (err, by_v1_rules) = match read_raw::<raw::RawDocument>(text) {
        Ok(doc) if doc.version.0 != 1 => return Ok(doc),
        Ok(_) => match read_v1() {
            Ok(doc) => return Ok(doc),
            Err(err) => (err, true),
        },
        Err(err) => (err, false),
    };
    Err(match header_error(text) {
        Some(HeaderProblem::Error(header)) => header,
        Some(HeaderProblem::VersionOne) if !by_v1_rules => read_v1().err().unwrap_or(err),
        _ => err,
    })
}

/// Strict structural parse: serde with paths, then nothing after the closing brace.
fn read_raw<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, FormatError> {
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

/// What a lenient look at `format` and `version` finds when the strict parse failed.
enum HeaderProblem {
    /// A file from another program or from a newer virkplan: that message rather than
    /// "unknown field".
    Error(FormatError),
    /// The document says version 1: its error is the one version 1's rules give.
    VersionOne,
}

fn header_error(text: &str) -> Option<HeaderProblem> {
    #[derive(serde::Deserialize)]
    struct Header {
        format: Option<serde_json::Value>,
        version: Option<serde_json::Value>,
    }
    let header: Header = serde_json::from_str(text).ok()?;
    match &header.format {
        Some(serde_json::Value::String(format)) if format != FORMAT_NAME => {
            return import::check_header(format, FORMAT_VERSION)
                .err()
                .map(HeaderProblem::Error);
        }
        _ => {}
    }
    let version = header.version?;
    if version.as_i64() == Some(1) {
        return Some(HeaderProblem::VersionOne);
    }
    match version.as_f64() {
        Some(v) if v > FORMAT_VERSION as f64 => {
            Some(HeaderProblem::Error(FormatError::NewerVersion {
                version: header_version(v),
            }))
        }
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

/// Writes a document as version 2, pretty JSON with a trailing newline. Keys are generated
/// (people from their names, plans from their first year, indicators `i1`, `i2`, … in
/// document order, goals only where a `continues` or a `related` names them); ids may be row
/// ids. Empty texts, absent options and default words, numbering and print settings are left
/// out; follow-ups go oldest first. A `related` link to a goal that is not in `doc` is left out
/// (see `export`).
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

/// The content of a version of `bundle` (issue 20; `frozen` says its shape): `bundle` in
/// [`model::frozen_form`] (what the exchange format cannot hold is left out first), returned
/// with the bytes, which are read back before they are returned: what this gives can always
/// be read as that bundle.
pub fn write_frozen(
    bundle: &model::PlanBundle,
) -> Result<(model::PlanBundle, model::Payload), FormatError> {
    let frozen = model::frozen_form(bundle.clone());
    let document = write_document(&frozen)?;
    let mut bytes = frozen::ids_line(model::BundleIds::of(&frozen))?;
    bytes.extend_from_slice(document.as_bytes());
    let payload = model::Payload(bytes.into());
    match read_frozen(&payload.0) {
        Ok(back) if back == frozen => Ok((frozen, payload)),
        Ok(_) => Err(FormatError::export(
            "",
            "versionen ville ikke kunne læses tilbage uændret (en fejl i virkplan; gem planen som JSON og send den til os)",
        )),
        Err(e) => Err(FormatError::export(
            "",
            format!("versionen kan ikke læses tilbage: {e}"),
        )),
    }
}

/// The bundle a version's content holds, with the row ids it had when it was saved.
pub fn read_frozen(bytes: &[u8]) -> Result<model::PlanBundle, FormatError> {
    let (ids, document) = frozen::split(bytes)?;
    let parsed = parse_document(document)?;
    ids.restore(parsed)
        .map_err(|_| frozen::not_a_version("id'erne passer ikke til planen i den"))
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
            parse_document(br#"{"format":"virkplan","version":3,"plans":[],"new":1}"#).unwrap_err();
        assert_eq!(err, FormatError::NewerVersion { version: 3 });
    }
}

#[cfg(test)]
mod frozen_tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test
    use super::*;
    use crate::model::{BundleIds, FollowUp, FollowUpId, GoalId, PersonId, PlanBundle, PlanId};

    /// The reference plan with row-like ids (as a store gives them), not a parse's.
    fn stored_like() -> PlanBundle {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/virksomhedsplan-albertslund-sof-2012-2013.json"
        ))
        .unwrap();
        let parsed = super::parse_document(&bytes).unwrap();
        let mut ids = BundleIds::of(&parsed);
        let shift = |v: &mut Vec<i64>, by: i64| v.iter_mut().for_each(|x| *x = *x * 7 + by);
        shift(&mut ids.people, 100);
        for p in &mut ids.plans {
            p.plan = p.plan * 3 + 11;
            shift(&mut p.goals, 1000);
            shift(&mut p.focus_areas, 50);
            shift(&mut p.sections, 60);
            p.follow_ups.iter_mut().for_each(|f| shift(f, 5000));
        }
        ids.restore(parsed).unwrap()
    }

    #[test]
    fn a_version_reads_back_with_the_ids_it_was_saved_with() {
        let bundle = stored_like();
        let (frozen, payload) = write_frozen(&bundle).unwrap();
        assert_eq!(frozen, bundle, "nothing of the reference plan is left out");
        let back = read_frozen(&payload.0).unwrap();
        assert_eq!(back, bundle);
        assert!(back.plans.iter().any(|p| p.id == PlanId(14)));
        assert!(back.people.iter().all(|p| p.id.0 >= 100));
    }

    #[test]
    fn what_the_format_cannot_hold_is_left_out_first_and_the_rest_kept() {
        let mut bundle = stored_like();
        let goal = &mut bundle.plans[1].focus_areas[0].goals[0];
        goal.owners.push(PersonId(999_999));
        goal.related.push(GoalId(888_888));
        goal.follow_ups.push(FollowUp {
            id: FollowUpId(77),
            date: model::Date::Month {
                year: 2013,
                month: 1,
            },
            status: None,
            text: String::new(),
            measurements: Vec::new(),
            extra: None,
        });
        let (frozen, payload) = write_frozen(&bundle).unwrap();
        assert_eq!(frozen, stored_like());
        assert_eq!(read_frozen(&payload.0).unwrap(), frozen);
    }

    #[test]
    fn a_damaged_or_foreign_content_is_refused_in_danish() {
        let (_, payload) = write_frozen(&stored_like()).unwrap();
        let bytes = payload.0.to_vec();
        let cut = bytes.iter().position(|&b| b == b'\n').unwrap();
        let mut other_ids = bytes.clone();
        other_ids.splice(
            ..cut,
            br#"{"virkplan":"version","layout":1,"people":[],"plans":[]}"#
                .iter()
                .copied(),
        );
        for (bad, words) in [
            (b"no newline".to_vec(), "ingen linje med id'er"),
            (b"{}\n{}".to_vec(), "kan ikke læses"),
            (other_ids, "passer ikke"),
            (
                [
                    br#"{"virkplan":"version","layout":9,"people":[],"plans":[]}"#.as_slice(),
                    b"\n{}",
                ]
                .concat(),
                "nyere virkplan",
            ),
        ] {
            let err = read_frozen(&bad).unwrap_err().to_string();
            assert!(err.contains(words), "{err}");
        }
    }
}
