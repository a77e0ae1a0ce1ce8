//! [`FormatError`], why a JSON document could not be read or written: one Danish sentence
//! that starts with the JSON path, and the path itself for callers that point at it.

use super::version::{FORMAT_VERSION, OLDEST_VERSION};

/// Why a JSON document could not be read or written. `Display` is one Danish sentence that
/// starts with the JSON path (where there is one) and says what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// The bytes are not UTF-8.
    #[error(
        "filen er ikke UTF-8: ugyldig byte ved position {offset} (linje {line}); gem den som UTF-8"
    )]
    NotUtf8 {
        /// Byte offset of the first invalid byte, counted from the start of the file.
        offset: usize,
        /// Line (1-based) of that byte.
        line: usize,
    },
    /// The text is not a JSON document at all (empty, or not starting with `{`).
    #[error("filen er ikke et JSON-dokument: {problem}")]
    NotJson {
        /// What was found instead.
        problem: String,
    },
    /// The JSON is malformed.
    #[error(
        "{}: ugyldig JSON på linje {line}, kolonne {column}: {problem}",
        shown(path)
    )]
    Syntax {
        /// Where in the document the parser was.
        path: String,
        /// Line, 1-based.
        line: usize,
        /// Column, 1-based.
        column: usize,
        /// What is wrong, in Danish.
        problem: String,
    },
    /// The JSON ends before the document does.
    #[error("{}: JSON'en slutter midt i det hele (filen er afskåret)", shown(path))]
    Truncated {
        /// Where in the document the text ended.
        path: String,
    },
    /// A newer virkplan wrote the file.
    #[error(
        "version: filen er skrevet af et nyere program (formatversion {version}); denne udgave af virkplan læser version {OLDEST_VERSION} til {FORMAT_VERSION}, så opdatér virkplan"
    )]
    NewerVersion {
        /// The version the file says.
        version: i64,
    },
    /// Well-formed JSON that breaks a rule of the format.
    #[error("{}: {problem}", shown(path))]
    Invalid {
        /// The JSON path of the offending value.
        path: String,
        /// What is wrong, in Danish.
        problem: String,
    },
    /// The model cannot be written as a valid document (a dangling reference, a blank title…).
    #[error("{}: kan ikke eksporteres, fordi {problem}", shown(path))]
    Export {
        /// The JSON path the value would have had.
        path: String,
        /// What is wrong, in Danish.
        problem: String,
    },
}

fn shown(path: &str) -> &str {
    if path.is_empty() { "dokumentet" } else { path }
}

impl FormatError {
    /// The JSON path of the problem (`plans[1].focus_areas[0].goals[2].owners[0]`), or `None`
    /// when the problem is the file as a whole.
    pub fn path(&self) -> Option<&str> {
        let path = match self {
            FormatError::NotUtf8 { .. } | FormatError::NotJson { .. } => return None,
            FormatError::NewerVersion { .. } => "version",
            FormatError::Syntax { path, .. }
            | FormatError::Truncated { path }
            | FormatError::Invalid { path, .. }
            | FormatError::Export { path, .. } => path,
        };
        (!path.is_empty()).then_some(path)
    }

    pub(super) fn invalid(path: impl Into<String>, problem: impl Into<String>) -> FormatError {
        FormatError::Invalid {
            path: path.into(),
            problem: problem.into(),
        }
    }

    pub(super) fn export(path: impl Into<String>, problem: impl Into<String>) -> FormatError {
        FormatError::Export {
            path: path.into(),
            problem: problem.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_sentence_starts_with_the_path() {
        let err = FormatError::invalid(
            "plans[0].period.start",
            "årstallet skal have fire cifre (fandt 12)",
        );
        assert_eq!(
            err.to_string(),
            "plans[0].period.start: årstallet skal have fire cifre (fandt 12)"
        );
        assert_eq!(err.path(), Some("plans[0].period.start"));
        let root = FormatError::Truncated {
            path: String::new(),
        };
        assert_eq!(root.path(), None);
        assert!(root.to_string().starts_with("dokumentet: "));
    }
}
