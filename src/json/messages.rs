//! Danish words for serde's and serde_json's English messages, and the JSON path as the user
//! reads it (`plans[1].focus_areas[0].goals[2].owners[0]`).
//!
//! The messages are matched by their English text, which serde and serde_json have kept stable
//! for years; anything not recognised falls back to a Danish frame around the English text.

use serde_path_to_error::{Path, Segment};

use super::values::shorten;

/// The path as `a.b[2].c`; the empty string for the document itself.
pub(super) fn render_path(path: &Path) -> String {
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => push_member(&mut out, key),
            // A member whose name was not read yet (the text ended or broke before it):
            // the path stops at the object.
            Segment::Unknown => {}
        }
    }
    out
}

/// `path.name`, or `name` at the top.
pub(super) fn join(path: &str, name: &str) -> String {
    let mut out = path.to_string();
    push_member(&mut out, name);
    out
}

fn push_member(out: &mut String, name: &str) {
    if !out.is_empty() {
        out.push('.');
    }
    out.push_str(name);
}

/// serde_json's message without its " at line L column C" tail.
pub(super) fn bare_message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let tail = format!(" at line {} column {}", err.line(), err.column());
    match text.strip_suffix(&tail) {
        Some(bare) => bare.to_string(),
        None => text,
    }
}

/// The first name between backticks in a serde message: "missing field `x`" gives `x`.
fn backticked(rest: &str) -> Option<&str> {
    let start = rest.find('`')? + 1;
    let len = rest[start..].find('`')?;
    Some(&rest[start..start + len])
}

/// A data error (the JSON is well formed but does not fit the format): the path it belongs to
/// (a missing, unknown or doubled member gets its own name appended) and the Danish problem.
pub(super) fn translate_data(path: &str, message: &str) -> (String, String) {
    if let Some(name) = message.strip_prefix("missing field ").and_then(backticked) {
        return (join(path, name), format!("feltet «{name}» mangler"));
    }
    if let Some((rest, name)) = message
        .strip_prefix("unknown field ")
        .and_then(|rest| Some((rest, backticked(rest)?)))
    {
        let known = known_fields(&rest[name.len() + 2..]);
        let problem = if known.is_empty() {
            format!("ukendt felt «{name}» (stavefejl?)")
        } else {
            format!("ukendt felt «{name}» (stavefejl?); her kendes {known}")
        };
        // serde_path_to_error has already entered the unknown member.
        let path = if path == name || path.ends_with(&format!(".{name}")) {
            path.to_string()
        } else {
            join(path, name)
        };
        return (path, problem);
    }
    if let Some(name) = message
        .strip_prefix("duplicate field ")
        .and_then(backticked)
    {
        return (join(path, name), format!("feltet «{name}» står to gange"));
    }
    for (english, danish) in [
        ("invalid type: ", "forkert type"),
        ("invalid value: ", "ugyldig værdi"),
    ] {
        if let Some((rest, split)) = message
            .strip_prefix(english)
            .and_then(|rest| Some((rest, rest.rfind(", expected ")?)))
        {
            let found = unexpected(&rest[..split]);
            let wanted = expected(&rest[split + ", expected ".len()..]);
            return (
                path.to_string(),
                format!("{danish}: fandt {found}, ventede {wanted}"),
            );
        }
    }
    if message.is_ascii() && message.starts_with(|c: char| c.is_ascii_lowercase()) {
        // English we do not know: keep it, but say in Danish what kind of problem it is.
        return (path.to_string(), format!("ugyldigt indhold ({message})"));
    }
    // Our own visitors speak Danish already.
    (path.to_string(), message.to_string())
}

/// ", expected one of `a`, `b`" → "«a», «b»".
fn known_fields(rest: &str) -> String {
    rest.split('`')
        .skip(1)
        .step_by(2)
        .map(|name| format!("«{name}»"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// serde's `Unexpected` as Danish words.
fn unexpected(text: &str) -> String {
    if text == "null" || text == "unit value" {
        return "null".to_string();
    }
    if text == "sequence" {
        return "en liste".to_string();
    }
    if text == "map" {
        return "et objekt".to_string();
    }
    if let Some(rest) = text.strip_prefix("boolean ") {
        return format!("sandhedsværdien {}", rest.trim_matches('`'));
    }
    if let Some(rest) = text.strip_prefix("integer ") {
        return format!("tallet {}", rest.trim_matches('`'));
    }
    if let Some(rest) = text.strip_prefix("floating point ") {
        return format!("kommatallet {}", rest.trim_matches('`'));
    }
    if let Some(rest) = text.strip_prefix("string ") {
        let inner = rest
            .strip_prefix('"')
            .and_then(|r| r.strip_suffix('"'))
            .unwrap_or(rest);
        return format!("teksten «{}»", shorten(inner));
    }
    text.to_string()
}

/// serde's `Expected` as Danish words (our own visitors already say it in Danish).
fn expected(text: &str) -> String {
    match text {
        "a string" => "en tekst".to_string(),
        "a sequence" => "en liste".to_string(),
        "a map" => "et objekt".to_string(),
        "a boolean" => "en sandhedsværdi (true eller false)".to_string(),
        "i64" | "i32" | "u64" | "u32" => "et helt tal".to_string(),
        other => other.to_string(),
    }
}

/// serde_json's syntax messages in Danish.
pub(super) fn translate_syntax(message: &str) -> String {
    let danish = match message {
        "expected value" => "her skulle stå en værdi",
        "expected `:`" => "her skulle stå et kolon (:)",
        "expected `,` or `]`" => "her skulle stå et komma eller ]",
        "expected `,` or `}`" => "her skulle stå et komma eller }",
        "expected `\"`" => "her skulle stå et anførselstegn (\")",
        "expected ident" => "ukendt ord (uden anførselstegn kendes kun true, false og null)",
        "invalid escape" => "ugyldig escape-sekvens (\\) i en tekst",
        "invalid number" => "ugyldigt tal",
        "number out of range" => "tallet er for stort",
        "invalid unicode code point" => "ugyldig Unicode-escape (\\u…): tegnet findes ikke",
        "lone leading surrogate in hex escape" => {
            "ugyldig Unicode-escape (\\u…): et halvt surrogatpar"
        }
        "unexpected end of hex escape" => {
            "ugyldig Unicode-escape (\\u…): ufuldstændig, eller et halvt surrogatpar"
        }
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "styretegn i en tekst (et linjeskift skal skrives \\n)"
        }
        "key must be a string" => "et feltnavn skal stå i anførselstegn",
        "trailing comma" => "overflødigt komma før ] eller }",
        "trailing characters" => "der står noget efter dokumentets afsluttende }",
        "recursion limit exceeded" => "JSON'en er indlejret for dybt",
        other => return format!("ugyldig JSON ({other})"),
    };
    danish.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_unknown_and_duplicate_fields_name_the_field_in_the_path() {
        assert_eq!(
            translate_data("plans[0]", "missing field `title`"),
            (
                "plans[0].title".to_string(),
                "feltet «title» mangler".to_string()
            )
        );
        let (path, problem) = translate_data(
            "people[1].nmae",
            "unknown field `nmae`, expected one of `key`, `name`",
        );
        assert_eq!(path, "people[1].nmae");
        assert_eq!(
            problem,
            "ukendt felt «nmae» (stavefejl?); her kendes «key», «name»"
        );
        assert_eq!(
            translate_data("", "unknown field `x`, there are no fields").1,
            "ukendt felt «x» (stavefejl?)"
        );
        assert_eq!(
            translate_data("plans[0]", "duplicate field `key`"),
            (
                "plans[0].key".to_string(),
                "feltet «key» står to gange".to_string()
            )
        );
    }

    #[test]
    fn invalid_types_are_danish() {
        assert_eq!(
            translate_data(
                "plans[0].title",
                "invalid type: integer `5`, expected a string"
            )
            .1,
            "forkert type: fandt tallet 5, ventede en tekst"
        );
        assert_eq!(
            translate_data("plans", "invalid type: null, expected a sequence").1,
            "forkert type: fandt null, ventede en liste"
        );
        assert_eq!(
            translate_data(
                "plans[0].period",
                "invalid type: string \"2012, expected\", expected et JSON-objekt (en periode)"
            )
            .1,
            "forkert type: fandt teksten «2012, expected», ventede et JSON-objekt (en periode)"
        );
        assert_eq!(
            translate_data("x", "invalid type: boolean `true`, expected et helt tal").1,
            "forkert type: fandt sandhedsværdien true, ventede et helt tal"
        );
        assert_eq!(
            translate_data("x", "invalid type: floating point `1.5`, expected a string").1,
            "forkert type: fandt kommatallet 1.5, ventede en tekst"
        );
    }

    #[test]
    fn danish_messages_pass_and_unknown_english_is_framed() {
        assert_eq!(
            translate_data("x", "tallet skal være et helt tal").1,
            "tallet skal være et helt tal"
        );
        assert_eq!(
            translate_data("x", "something odd").1,
            "ugyldigt indhold (something odd)"
        );
    }

    #[test]
    fn syntax_messages_are_danish_with_a_fallback() {
        assert_eq!(
            translate_syntax("trailing comma"),
            "overflødigt komma før ] eller }"
        );
        assert_eq!(translate_syntax("new thing"), "ugyldig JSON (new thing)");
    }

    #[test]
    fn join_starts_without_a_dot() {
        assert_eq!(join("", "format"), "format");
        assert_eq!(join("plans[0]", "key"), "plans[0].key");
    }
}
