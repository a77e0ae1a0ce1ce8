//! The word diff of two texts (similar's word tokens): which words were removed and which
//! added, with a few unchanged words around each change for context.

use super::types::Piece;
use similar::{Algorithm, ChangeTag, TextDiff};
use std::time::Duration;

/// Unchanged words kept on each side of a change.
const CONTEXT: usize = 6;

/// A diff this slow is given up and shown as the whole text replaced: a reader of the report
/// cannot use a diff of two unrelated long texts anyway.
const TIMEOUT: Duration = Duration::from_secs(1);

/// The text as one line: runs of whitespace (line breaks too) become one space, so that a
/// paragraph re-wrapped is not a change.
pub fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when the two texts differ in more than whitespace.
pub fn differs(old: &str, new: &str) -> bool {
    old.split_whitespace().ne(new.split_whitespace())
}

/// The words of `new` against `old`: unchanged runs (shortened to [`CONTEXT`] words on each
/// side of a change, "…" for the rest), removed and added runs, a removed run before the
/// added run that replaces it. Empty when the texts differ only in whitespace.
pub fn words(old: &str, new: &str) -> Vec<Piece> {
    let old = normalise(old);
    let new = normalise(new);
    if old == new {
        return Vec::new();
    }
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .timeout(TIMEOUT)
        .diff_words(old.as_str(), new.as_str());
    let mut raw: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let value = change.value().to_string();
        match change.tag() {
            ChangeTag::Equal => raw.push(Piece::Same(value)),
            ChangeTag::Delete => raw.push(Piece::Removed(value)),
            ChangeTag::Insert => raw.push(Piece::Added(value)),
        }
    }
    shorten_context(regroup(raw))
}

/// Joins each run of changes (with the spaces between its words) into one removed and one
/// added piece, with the spaces at its ends left outside the marks.
fn regroup(raw: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut removed = String::new();
    let mut added = String::new();
    let mut i = 0;
    while i < raw.len() {
        let in_run = !removed.is_empty() || !added.is_empty();
        match &raw[i] {
            Piece::Removed(t) => removed.push_str(t),
            Piece::Added(t) => added.push_str(t),
            Piece::Same(t)
                if in_run
                    && t.trim().is_empty()
                    && raw.get(i + 1).is_some_and(|p| !matches!(p, Piece::Same(_))) =>
            {
                // A space between two changed words belongs to the run on both sides.
                removed.push_str(t);
                added.push_str(t);
            }
            Piece::Same(t) => {
                flush(&mut out, &mut removed, &mut added);
                push_same(&mut out, t);
            }
        }
        i += 1;
    }
    flush(&mut out, &mut removed, &mut added);
    out
}

/// Ends a run of changes: its removed and added words, the spaces at their ends outside.
fn flush(out: &mut Vec<Piece>, removed: &mut String, added: &mut String) {
    if removed.is_empty() && added.is_empty() {
        return;
    }
    let r = std::mem::take(removed);
    let a = std::mem::take(added);
    let lead = |s: &str| s.len() - s.trim_start().len();
    let trail = |s: &str| s.len() - s.trim_end().len();
    // Only removed (or only added) words: their spaces go outside. Both: the spaces both
    // have at an end go outside (a word replaced keeps the spaces around it).
    let (l, t) = match (r.trim().is_empty(), a.trim().is_empty()) {
        (false, true) => (lead(&r), trail(&r)),
        (true, false) => (lead(&a), trail(&a)),
        _ => (lead(&r).min(lead(&a)), trail(&r).min(trail(&a))),
    };
    let (lead_text, r_mid, a_mid) = if r.trim().is_empty() {
        (&a[..l], "", &a[l..a.len() - t])
    } else if a.trim().is_empty() {
        (&r[..l], &r[l..r.len() - t], "")
    } else {
        (&r[..l], &r[l..r.len() - t], &a[l..a.len() - t])
    };
    let trail_text = if r.trim().is_empty() {
        &a[a.len() - t..]
    } else {
        &r[r.len() - t..]
    };
    push_same(out, lead_text);
    if !r_mid.is_empty() {
        out.push(Piece::Removed(r_mid.to_string()));
    }
    if !a_mid.is_empty() {
        out.push(Piece::Added(a_mid.to_string()));
    }
    push_same(out, trail_text);
}

/// Appends plain words, joined to a plain piece before them.
fn push_same(out: &mut Vec<Piece>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Piece::Same(last)) = out.last_mut() {
        last.push_str(text);
    } else {
        out.push(Piece::Same(text.to_string()));
    }
}

/// Unchanged runs cut to [`CONTEXT`] words next to each change.
fn shorten_context(pieces: Vec<Piece>) -> Vec<Piece> {
    let last = pieces.len().saturating_sub(1);
    pieces
        .into_iter()
        .enumerate()
        .map(|(i, piece)| match piece {
            Piece::Same(text) => {
                let words: Vec<&str> = text.split(' ').collect();
                let keep_start = i > 0; // a change before: keep the words after it
                let keep_end = i < last; // a change after: keep the words before it
                let budget = CONTEXT * (usize::from(keep_start) + usize::from(keep_end));
                // Words counted without the empty strings of a leading or trailing space.
                let real = words.iter().filter(|w| !w.is_empty()).count();
                if real <= budget.max(CONTEXT) + 1 {
                    return Piece::Same(text);
                }
                let mut out = String::new();
                let lead_space = text.starts_with(' ');
                let trail_space = text.ends_with(' ');
                let real_words: Vec<&str> = words.into_iter().filter(|w| !w.is_empty()).collect();
                if keep_start {
                    if lead_space {
                        out.push(' ');
                    }
                    out.push_str(&real_words[..CONTEXT].join(" "));
                    out.push_str(" …");
                } else {
                    out.push('…');
                }
                if keep_end {
                    out.push(' ');
                    out.push_str(&real_words[real_words.len() - CONTEXT..].join(" "));
                    if trail_space {
                        out.push(' ');
                    }
                } else {
                    // nothing after: the cut ends the text
                }
                Piece::Same(out)
            }
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test
    use super::*;

    fn marked(old: &str, new: &str) -> String {
        super::super::types::Change {
            kind: super::super::types::Kind::Text,
            goal: None,
            pieces: words(old, new),
        }
        .line()
    }

    #[test]
    fn a_word_replaced_is_removed_then_added_with_its_spaces_outside() {
        assert_eq!(
            marked(
                "Færre indlæggelser af ældre",
                "Færre genindlæggelser af ældre"
            ),
            "Færre [-indlæggelser-]{+genindlæggelser+} af ældre"
        );
        assert_eq!(marked("a b c", "a c"), "a [-b-] c");
        assert_eq!(marked("a c", "a b c"), "a {+b+} c");
        assert_eq!(marked("", "ny tekst"), "{+ny tekst+}");
        assert_eq!(marked("gammel tekst", ""), "[-gammel tekst-]");
    }

    #[test]
    fn whitespace_alone_is_no_change() {
        assert!(
            words(
                "Færre  indlæggelser\naf ældre",
                "Færre indlæggelser af ældre"
            )
            .is_empty()
        );
        assert!(!differs("a  b", "a b"));
        assert!(differs("a b", "a c"));
    }

    #[test]
    fn long_unchanged_runs_are_cut_to_a_few_words_around_the_change() {
        let old = "en to tre fire fem seks syv otte ni ti elleve tolv tretten fjorten";
        let new = "en to tre fire fem seks syv otte ni ti elleve tolv tretten femten";
        let line = marked(old, new);
        assert!(line.starts_with('…'), "{line}");
        assert!(line.ends_with("tretten [-fjorten-]{+femten+}"), "{line}");
        assert!(!line.contains("fem seks syv"), "{line}");
    }
}
