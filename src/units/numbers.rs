//! An indicator's figures as officers read and type them: "62,5", "1.250", "62,5 %",
//! "4 mestringskonsulenter". Exact: a figure is a [`Number`], never a binary float, so what is
//! typed is what is stored and printed, never rounded.

use super::amounts::{PERCENT_SPACE, group_thousands, is_group_separator};
use crate::model::{MAX_DIGITS, Number, NumberError};

/// A figure the Danish way: decimal comma and '.' between thousands, as many decimals as it
/// has ("62,5", "1.250", "-3", "0,05", "1.234.567,125").
pub fn format_number(n: Number) -> String {
    let plain = n.plain(',');
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (whole, fraction) = rest.split_once(',').unwrap_or((rest, ""));
    let mut out = String::with_capacity(plain.len() + whole.len() / 3 + 1);
    out.push_str(sign);
    out.push_str(&group_thousands(whole));
    if !fraction.is_empty() {
        out.push(',');
        out.push_str(fraction);
    }
    out
}

/// A figure with its indicator's unit: "62,5 %", "1.250 kr.", "4 mestringskonsulenter", or
/// the number alone when the unit is blank. Number and unit are joined by a no-break space
/// ([`PERCENT_SPACE`], as in `format_percent`), so that a line never ends between them.
pub fn format_figure(n: Number, unit: &str) -> String {
    let mut out = format_number(n);
    let unit = unit.trim();
    if !unit.is_empty() {
        out.push(PERCENT_SPACE);
        out.push_str(unit);
    }
    out
}

/// Why a typed figure was not taken. The `Display` is the Danish sentence shown beside the
/// field (the field keeps what was typed).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberInputError {
    /// Nothing but spaces.
    #[error("skriv et tal, fx 60 eller 62,5")]
    Empty,
    /// A number with a unit or a sign such as % ("60 %", "1.250 kr.").
    #[error("skriv et tal, fx 60 eller 62,5; enheden står i feltet Enhed")]
    Unit,
    /// No number at all ("mange", "-").
    #[error("det er ikke et tal; skriv fx 60, 62,5 eller -3")]
    Form,
    /// Separators that make no number: two commas, thousands not in groups of three.
    #[error("skriv decimaler efter et komma og tusinder med punktum, fx 62,5 eller 1.250")]
    Grouping,
    /// More significant digits than a figure may have.
    #[error(
        "tallet har mere end {MAX_DIGITS} betydende cifre; virkplan runder ikke af, så skriv \
         det med højst {MAX_DIGITS} cifre"
    )]
    TooPrecise,
    /// Larger or with more decimals than a figure may have.
    #[error("tallet er for stort eller har for mange decimaler til et målepunkt")]
    OutOfRange,
}

/// Checks the whole part of a typed figure: digits, or groups of three after a first group of
/// one to three, all split by one kind of separator ('.' or a space). Returns the digits.
fn whole_digits(whole: &str) -> Result<String, NumberInputError> {
    let mut separators = whole.chars().filter(|c| is_group_separator(*c));
    let Some(first) = separators.next() else {
        return Ok(whole.to_owned());
    };
    if separators.any(|c| c != first) {
        return Err(NumberInputError::Grouping);
    }
    let groups: Vec<&str> = whole.split(first).collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
        return Err(NumberInputError::Grouping);
    }
    Ok(groups.concat())
}

/// True when a single dot between `whole` and `fraction` groups thousands: one to three digits
/// not starting with 0, then exactly three ("1.250", "12.500"; not "0.250" or "62.5").
fn groups_thousands(whole: &str, fraction: &str) -> bool {
    fraction.len() == 3 && (1..=3).contains(&whole.len()) && !whole.starts_with('0')
}

/// Reads an indicator's value as an officer types it, exactly (never rounded).
///
/// Accepted, with spaces around it: "62,5", "-3", "+3", "−3" (U+2212), "0,05", ",5",
/// thousands grouped by '.' or a space ("1.250", "1 250", "1.250.000,5"), and "62.5".
///
/// A dot without a comma: one dot that is followed by exactly three digits and follows one to
/// three digits (not starting with 0) groups thousands, as in Danish ("1.250" is 1250,
/// "12.500" is 12500); any other single dot is a decimal point ("62.5", "0.05", "1.25",
/// "0.250"), which is how a figure copied from an English spreadsheet reads. Several dots
/// group thousands ("1.250.000").
///
/// Refused: a unit or a % with the number ("60 %", "1.250 kr.": the unit has its own field),
/// letters, two commas, wrong groups ("12.34.5"), more than [`MAX_DIGITS`] significant digits
/// (refused, never rounded), and figures beyond what a [`Number`] holds.
pub fn parse_number_input(text: &str) -> Result<Number, NumberInputError> {
    let s = text.trim();
    if s.is_empty() {
        return Err(NumberInputError::Empty);
    }
    let has_digit = s.chars().any(|c| c.is_ascii_digit());
    let number_char = |c: char| {
        c.is_ascii_digit()
            || matches!(c, ',' | '.' | '-' | '+' | '\u{2212}')
            || is_group_separator(c)
    };
    if !s.chars().all(number_char) {
        return Err(if has_digit {
            NumberInputError::Unit
        } else {
            NumberInputError::Form
        });
    }
    let (negative, body) = match s.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s.strip_prefix('+').unwrap_or(s).trim_start()),
    };
    if !has_digit || body.contains(['-', '+', '\u{2212}']) {
        return Err(NumberInputError::Form);
    }
    let (whole, fraction) = match body.split_once(',') {
        Some((_, fraction)) if fraction.contains(',') => return Err(NumberInputError::Grouping),
        Some((whole, fraction)) => (whole, fraction),
        None => match body.split_once('.') {
            Some((whole, fraction))
                if !(fraction.contains('.')
                    || whole.contains(is_group_separator)
                    || groups_thousands(whole, fraction)) =>
            {
                (whole, fraction)
            }
            _ => (body, ""),
        },
    };
    if fraction.is_empty() && body.ends_with([',', '.']) {
        return Err(NumberInputError::Grouping);
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NumberInputError::Grouping);
    }
    let mut digits = whole_digits(whole)?;
    if digits.is_empty() {
        digits.push('0');
    }
    let mut canonical = String::with_capacity(digits.len() + fraction.len() + 2);
    if negative {
        canonical.push('-');
    }
    canonical.push_str(&digits);
    if !fraction.is_empty() {
        canonical.push('.');
        canonical.push_str(fraction);
    }
    Number::parse(&canonical).map_err(|e| match e {
        NumberError::TooPrecise => NumberInputError::TooPrecise,
        NumberError::OutOfRange => NumberInputError::OutOfRange,
        NumberError::Form => NumberInputError::Form,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> Number {
        Number::parse(text).unwrap()
    }

    #[test]
    fn figures_print_the_danish_way_with_every_decimal() {
        assert_eq!(format_number(n("62.5")), "62,5");
        assert_eq!(format_number(n("1250")), "1.250");
        assert_eq!(format_number(n("-3")), "-3");
        assert_eq!(format_number(n("0")), "0");
        assert_eq!(format_number(n("0.05")), "0,05");
        assert_eq!(format_number(n("-1234567.125")), "-1.234.567,125");
        assert_eq!(format_number(n("999")), "999");
        assert_eq!(format_number(n("1e20")), "100.000.000.000.000.000.000");
        assert_eq!(format_number(n("123456789012345")), "123.456.789.012.345");
    }

    #[test]
    fn figures_keep_their_unit_on_the_line() {
        assert_eq!(format_figure(n("62.5"), "%"), "62,5\u{a0}%");
        assert_eq!(format_figure(n("1250"), "kr."), "1.250\u{a0}kr.");
        assert_eq!(
            format_figure(n("4"), " mestringskonsulenter "),
            "4\u{a0}mestringskonsulenter"
        );
        assert_eq!(format_figure(n("4"), ""), "4");
        assert_eq!(format_figure(n("4"), "  "), "4");
    }

    #[test]
    fn typed_figures_are_read_exactly() {
        let ok = [
            ("62,5", "62.5"),
            ("62.5", "62.5"),
            ("1.250", "1250"),
            ("12.500", "12500"),
            ("1.250.000", "1250000"),
            ("1.250,5", "1250.5"),
            ("1 250", "1250"),
            ("1\u{a0}250,75", "1250.75"),
            ("-3", "-3"),
            ("\u{2212}3", "-3"),
            ("- 3", "-3"),
            ("+3", "3"),
            ("  60  ", "60"),
            ("0,05", "0.05"),
            ("0.05", "0.05"),
            ("0.250", "0.25"),
            ("1.2345", "1.2345"),
            ("12.34", "12.34"),
            (",5", "0.5"),
            ("007", "7"),
            ("-0", "0"),
            ("123456789012345", "123456789012345"),
            ("0,000000000000001", "0.000000000000001"),
            ("1234567890,12345", "1234567890.12345"),
        ];
        for (typed, want) in ok {
            assert_eq!(parse_number_input(typed), Ok(n(want)), "{typed:?}");
        }
    }

    #[test]
    fn typed_figures_that_are_not_figures_are_refused_with_a_reason() {
        use NumberInputError::*;
        let bad = [
            ("", Empty),
            ("   ", Empty),
            ("60 %", Unit),
            ("60%", Unit),
            ("1.250 kr.", Unit),
            ("kr. 1.250", Unit),
            ("4 konsulenter", Unit),
            ("1e5", Unit),
            ("mange", Form),
            ("NaN", Form),
            ("uendelig", Form),
            ("-", Form),
            (",", Form),
            ("--3", Form),
            ("3-", Form),
            ("1,250,000", Grouping),
            ("1,250.5", Grouping),
            ("12.34.5", Grouping),
            ("1.2345.678", Grouping),
            ("1 2345", Grouping),
            ("1.250 000", Grouping),
            ("62,", Grouping),
            ("62.", Grouping),
            ("1234567890123456", TooPrecise),
            ("0,1234567890123456", TooPrecise),
            ("1234567890,123456", TooPrecise),
            ("1.234.567.890.123.456", TooPrecise),
            (&*format!("1{}", "0".repeat(40)), OutOfRange),
            (&*format!("0,{}1", "0".repeat(40)), OutOfRange),
        ];
        for (typed, want) in bad {
            assert_eq!(parse_number_input(typed), Err(want), "{typed:?}");
        }
    }

    #[test]
    fn a_unit_in_the_field_is_sent_to_the_unit_field() {
        assert_eq!(
            parse_number_input("60 %").unwrap_err().to_string(),
            "skriv et tal, fx 60 eller 62,5; enheden står i feltet Enhed"
        );
        let precise = NumberInputError::TooPrecise.to_string();
        assert!(precise.contains("15 betydende cifre"), "{precise}");
    }

    #[test]
    fn printed_figures_read_back() {
        for text in [
            "62.5",
            "1250",
            "-3",
            "0.05",
            "-1234567.125",
            "123456789012345",
            "0",
        ] {
            assert_eq!(parse_number_input(&format_number(n(text))), Ok(n(text)));
        }
    }
}
