//! Whole amounts in kroner ("1.120.883.000") and decimals and percentages printed the Danish
//! way ("67,5 %"), and how an officer types an amount.

/// The space between a number and its `%` in [`format_percent`]: a no-break space (U+00A0), so
/// that "67,5 %" never breaks across lines in the report or the UI.
pub const PERCENT_SPACE: char = '\u{a0}';

/// Puts '.' between groups of three digits of a string of ASCII digits: "1120883000" →
/// "1.120.883.000".
pub(super) fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A whole amount in kroner the Danish way: "1.120.883.000", "-21.742.000", "0".
///
/// The minus is the ASCII hyphen-minus, which every font has; any `i64`, `i64::MIN` included.
pub fn format_amount(v: i64) -> String {
    let digits = group_thousands(&v.unsigned_abs().to_string());
    if v < 0 { format!("-{digits}") } else { digits }
}

/// Why a text is not a whole amount in kroner. The `Display` is the Danish sentence to show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// Nothing but spaces (or only "kr." or a sign).
    #[error("Skriv et beløb i hele kroner, fx 1.120.883.000")]
    Empty,
    /// Øre or another decimal part ("12,5").
    #[error("Skriv et helt beløb i kroner uden øre, fx 1.120.883.000")]
    Decimals,
    /// Thousands separators in the wrong places ("12.34", "1.2345").
    #[error("Punktummer deler beløbet i grupper af tre cifre, fx 1.120.883.000")]
    Grouping,
    /// Letters or other signs that are not part of an amount.
    #[error("Et beløb må kun have cifre, fx 1.120.883.000 eller -21.742.000")]
    NotANumber,
    /// More than a 64-bit integer holds (about 9,2 trillioner kroner).
    #[error("Beløbet er for stort")]
    TooLarge,
}

/// Separators an officer may type between groups of thousands: '.', space, no-break space,
/// narrow no-break space and thin space.
pub(super) fn is_group_separator(c: char) -> bool {
    matches!(c, '.' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Strips a "kr." or "kr" (any case) at either end of `s`, with the spaces around it.
fn strip_kroner(s: &str) -> &str {
    let s = s.trim();
    let lower_end = |s: &str, suffix: &str| {
        s.len() >= suffix.len()
            && s.is_char_boundary(s.len() - suffix.len())
            && s[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    let lower_start = |s: &str, prefix: &str| {
        s.len() >= prefix.len()
            && s.is_char_boundary(prefix.len())
            && s[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    for suffix in ["kr.", "kr"] {
        if lower_end(s, suffix) {
            return s[..s.len() - suffix.len()].trim();
        }
    }
    for prefix in ["kr.", "kr"] {
        if lower_start(s, prefix) {
            return s[prefix.len()..].trim();
        }
    }
    s
}

/// Reads a whole amount in kroner as an officer types it.
///
/// Accepts "1.120.883.000", "1120883000", "1 120 883 000", "-21.742.000" and "−21.742.000"
/// (U+2212), an optional "+", spaces around it, "kr." or "kr" before or after it, and a
/// zero øre part written ",00" or ",-" ("1.200,-"). Rejects other decimals ("12,5"), wrong
/// grouping ("12.34"), mixed separators, letters, an empty text and amounts that do not fit
/// an `i64`.
pub fn parse_amount(s: &str) -> Result<i64, AmountError> {
    let s = strip_kroner(s);
    let (negative, rest) = if let Some(r) = s.strip_prefix(['-', '\u{2212}']) {
        (true, r.trim_start())
    } else if let Some(r) = s.strip_prefix('+') {
        (false, r.trim_start())
    } else {
        (false, s)
    };
    // A zero øre part is still a whole amount.
    let body = match rest.split_once(',') {
        None => rest,
        Some((whole, "00" | "-" | "–")) => whole.trim_end(),
        Some((whole, frac)) => {
            let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
            return Err(if digits(whole.trim_end()) || digits(frac) {
                AmountError::Decimals
            } else {
                AmountError::NotANumber
            });
        }
    };
    if body.is_empty() {
        return Err(AmountError::Empty);
    }
    if body
        .chars()
        .any(|c| !c.is_ascii_digit() && !is_group_separator(c))
    {
        return Err(AmountError::NotANumber);
    }
    let groups: Vec<&str> = body.split(is_group_separator).collect();
    if groups.len() > 1 {
        let mut seps = body.chars().filter(|c| is_group_separator(*c));
        let first = seps.next();
        let same_separator = seps.all(|c| Some(c) == first);
        let first_ok = (1..=3).contains(&groups[0].len());
        if !same_separator || !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
            return Err(AmountError::Grouping);
        }
    }
    let mut magnitude: u64 = 0;
    for b in groups.iter().flat_map(|g| g.bytes()) {
        magnitude = magnitude
            .checked_mul(10)
            .and_then(|m| m.checked_add(u64::from(b - b'0')))
            .ok_or(AmountError::TooLarge)?;
    }
    if negative {
        0i64.checked_sub_unsigned(magnitude)
            .ok_or(AmountError::TooLarge)
    } else {
        i64::try_from(magnitude).map_err(|_| AmountError::TooLarge)
    }
}

/// A number with `decimals` decimals the Danish way: decimal comma and '.' between thousands
/// ("67,5", "1.234,50", "-0,3"). Rounds as Rust's formatting does (the nearest representable
/// value, ties to even). A result that rounds to zero has no minus ("0,0", not "-0,0").
/// NaN prints as "–" (en dash) and the infinities as "∞" and "-∞".
pub fn format_decimal(v: f64, decimals: usize) -> String {
    if v.is_nan() {
        return "–".to_owned();
    }
    if v.is_infinite() {
        return if v < 0.0 { "-∞" } else { "∞" }.to_owned();
    }
    let text = format!("{:.*}", decimals, v.abs());
    let (whole, frac) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let mut out = String::with_capacity(text.len() + whole.len() / 3 + 1);
    let is_zero = text.bytes().all(|b| b == b'0' || b == b'.');
    if v < 0.0 && !is_zero {
        out.push('-');
    }
    out.push_str(&group_thousands(whole));
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// A percentage: `v` is already in percent (67.5 → "67,5 %"), printed as [`format_decimal`]
/// followed by [`PERCENT_SPACE`] (a no-break space) and "%".
pub fn format_percent(v: f64, decimals: usize) -> String {
    let mut out = format_decimal(v, decimals);
    out.push(PERCENT_SPACE);
    out.push('%');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_grouped_by_thousands() {
        assert_eq!(format_amount(0), "0");
        assert_eq!(format_amount(7), "7");
        assert_eq!(format_amount(999), "999");
        assert_eq!(format_amount(1000), "1.000");
        assert_eq!(format_amount(-1000), "-1.000");
        assert_eq!(format_amount(123_456), "123.456");
        assert_eq!(format_amount(1_120_883_000), "1.120.883.000");
        assert_eq!(format_amount(-21_742_000), "-21.742.000");
        assert_eq!(format_amount(i64::MAX), "9.223.372.036.854.775.807");
        assert_eq!(format_amount(i64::MIN), "-9.223.372.036.854.775.808");
    }

    #[test]
    fn amounts_are_read_as_officers_type_them() {
        let ok = [
            ("1.120.883.000", 1_120_883_000),
            ("1120883000", 1_120_883_000),
            ("-21.742.000", -21_742_000),
            ("\u{2212}21.742.000", -21_742_000),
            ("  1.000  ", 1000),
            ("1 120 883 000", 1_120_883_000),
            ("1\u{a0}120\u{a0}883", 1_120_883),
            ("1.200 kr.", 1200),
            ("1.200 kr", 1200),
            ("1.200kr.", 1200),
            ("1.200 Kr.", 1200),
            ("kr. 1.200", 1200),
            ("- 21.742.000 kr.", -21_742_000),
            ("+5", 5),
            ("0", 0),
            ("-0", 0),
            ("007", 7),
            ("1.200,-", 1200),
            ("1.200,00", 1200),
            ("9.223.372.036.854.775.807", i64::MAX),
            ("-9.223.372.036.854.775.808", i64::MIN),
        ];
        for (text, want) in ok {
            assert_eq!(parse_amount(text), Ok(want), "{text:?}");
        }
    }

    #[test]
    fn amounts_that_are_not_whole_kroner_are_rejected() {
        use AmountError::*;
        let bad = [
            ("", Empty),
            ("   ", Empty),
            ("kr.", Empty),
            ("-", Empty),
            ("12,5", Decimals),
            ("1.200,50", Decimals),
            ("12.34", Grouping),
            ("1.2345", Grouping),
            ("1234.567", Grouping),
            (".123", Grouping),
            ("123.", Grouping),
            ("1..000", Grouping),
            ("1.000 000", Grouping),
            ("12 34", Grouping),
            ("abc", NotANumber),
            ("12a", NotANumber),
            ("1e6", NotANumber),
            ("--5", NotANumber),
            ("5-", NotANumber),
            ("0x10", NotANumber),
            ("kr,", NotANumber),
            ("9.223.372.036.854.775.808", TooLarge),
            ("-9.223.372.036.854.775.809", TooLarge),
            ("99999999999999999999999", TooLarge),
        ];
        for (text, want) in bad {
            assert_eq!(parse_amount(text), Err(want), "{text:?}");
        }
    }

    #[test]
    fn amount_errors_speak_danish() {
        assert_eq!(
            AmountError::Decimals.to_string(),
            "Skriv et helt beløb i kroner uden øre, fx 1.120.883.000"
        );
        for e in [
            AmountError::Empty,
            AmountError::Grouping,
            AmountError::NotANumber,
            AmountError::TooLarge,
        ] {
            assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn formatted_amounts_read_back() {
        for v in [
            0,
            1,
            -1,
            999,
            1000,
            -21_742_000,
            1_120_883_000,
            i64::MAX,
            i64::MIN,
        ] {
            assert_eq!(parse_amount(&format_amount(v)), Ok(v));
        }
    }

    #[test]
    fn decimals_use_a_comma_and_group_thousands() {
        assert_eq!(format_decimal(67.5, 1), "67,5");
        assert_eq!(format_decimal(67.45, 1), "67,5");
        assert_eq!(format_decimal(0.0, 2), "0,00");
        assert_eq!(format_decimal(3.0, 0), "3");
        assert_eq!(format_decimal(1234.5, 2), "1.234,50");
        assert_eq!(format_decimal(-1234567.25, 1), "-1.234.567,2");
        assert_eq!(format_decimal(-0.04, 1), "0,0");
        assert_eq!(format_decimal(-0.0, 0), "0");
        assert_eq!(format_decimal(-0.3, 1), "-0,3");
        assert_eq!(format_decimal(f64::NAN, 1), "–");
        assert_eq!(format_decimal(f64::INFINITY, 1), "∞");
        assert_eq!(format_decimal(f64::NEG_INFINITY, 1), "-∞");
    }

    #[test]
    fn percentages_keep_their_sign_on_the_line() {
        assert_eq!(format_percent(67.5, 1), "67,5\u{a0}%");
        assert_eq!(format_percent(85.0, 0), "85\u{a0}%");
        assert_eq!(
            format_percent(100.0, 0).replace(PERCENT_SPACE, " "),
            "100 %"
        );
    }
}
