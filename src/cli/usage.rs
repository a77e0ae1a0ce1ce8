//! A wrong command line ([`UsageError`], exit 2): lexopt's errors in Danish, and whole
//! numbers read from an option.

/// A wrong command line: exit 2 with the usage line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl From<lexopt::Error> for UsageError {
    fn from(e: lexopt::Error) -> Self {
        UsageError(match e {
            lexopt::Error::MissingValue { option } => match option {
                Some(o) => format!("tilvalget {o} mangler en værdi"),
                None => "en værdi mangler".into(),
            },
            lexopt::Error::UnexpectedOption(o) => format!("ukendt tilvalg «{o}»"),
            lexopt::Error::UnexpectedArgument(a) => {
                format!("uventet argument «{}»", a.to_string_lossy())
            }
            lexopt::Error::UnexpectedValue { option, .. } => {
                format!("tilvalget {option} tager ingen værdi")
            }
            lexopt::Error::ParsingFailed { value, .. } => format!("«{value}» er ikke et tal"),
            lexopt::Error::NonUnicodeValue(v) => {
                format!("«{}» er ikke gyldig tekst", v.to_string_lossy())
            }
            other => other.to_string(),
        })
    }
}

pub(super) fn number<T: std::str::FromStr>(
    parser: &mut lexopt::Parser,
    option: &str,
) -> Result<T, UsageError> {
    let value = parser.value()?;
    let text = value.to_string_lossy();
    text.trim()
        .parse()
        .map_err(|_| UsageError(format!("{option} skal være et helt tal (fandt «{text}»)")))
}
