//! What the command line writes to the terminal: text from a plan file shown safely (control
//! characters escaped, so a title cannot recolour the terminal, move its cursor or break a
//! tab-separated column), and stdout written with Danish messages (a reader that stopped
//! reading, as `| head -1` does, is not an error).

use std::borrow::Cow;
use std::io::Write;

/// `text` with every character a terminal would act on rather than show written as a visible
/// escape: C0 and C1 control characters and DEL as `\u{1b}` (Rust's own form), tab, line feed
/// and carriage return as `\t`, `\n`, `\r`, and the bidirectional overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069) that reorder what follows them. Everything else, æøå and
/// emoji included, is left as it is.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Why stdout could not take the result. `Display` is the Danish sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StdoutError {
    /// The reader closed the pipe (`virkplan export-json f | head -1`): it has what it wanted.
    #[error("Den, der læste resultatet, stoppede undervejs.")]
    Closed,
    /// Anything else: a full disk, a file that cannot grow.
    #[error(
        "Resultatet kunne ikke skrives ud ({0}). Skriv det til en fil på et andet drev, eller frigør plads."
    )]
    Failed(String),
}

/// Writes `text` to stdout and flushes it.
pub fn write_stdout(text: &str) -> Result<(), StdoutError> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::BrokenPipe => StdoutError::Closed,
            _ => StdoutError::Failed(crate::files::io_reason(&e)),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(
            escape_controls("Plan \u{1b}[31mrød\u{1b}[0m"),
            "Plan \\u{1b}[31mrød\\u{1b}[0m"
        );
        assert_eq!(escape_controls("a\tb\nc\rd"), "a\\tb\\nc\\rd");
        assert_eq!(
            escape_controls("\u{7f}\u{9b}\u{202e}x"),
            "\\u{7f}\\u{9b}\\u{202e}x"
        );
        assert!(matches!(
            escape_controls("Sundhed og ældre 2024–2025 ✓"),
            Cow::Borrowed(_)
        ));
    }
}
