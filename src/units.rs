//! Danish numbers, amounts and dates, in one place: how the UI, the report and the command line
//! print them ("1.120.883.000", "67,5 %", "1. juni 2012") and how they read what an officer types.
//!
//! Pure functions, no I/O and no clock. The stored forms (ISO dates, whole kroner) belong to
//! [`crate::model`]; this module only converts between those and the Danish way of writing them.

use crate::model::Date;

/// The space between a number and its `%` in [`format_percent`]: a no-break space (U+00A0), so
/// that "67,5 %" never breaks across lines in the report or the UI.
pub const PERCENT_SPACE: char = '\u{a0}';

/// The Danish month names, lower case as in running text ("1. juni 2012").
const MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];

/// Puts '.' between groups of three digits of a string of ASCII digits: "1120883000" →
/// "1.120.883.000".
fn group_thousands(digits: &str) -> String {
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
fn is_group_separator(c: char) -> bool {
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

/// The Danish name of month `m` (1 = "januar" … 12 = "december"), lower case; "" outside 1–12.
pub fn month_name(m: u8) -> &'static str {
    match m {
        1..=12 => MONTHS[usize::from(m - 1)],
        _ => "",
    }
}

/// A date in running text: a day as "1. juni 2012", a month as "maj 2010".
pub fn format_date(d: Date) -> String {
    match d {
        Date::Month { year, month } => format!("{} {year}", month_name(month)),
        Date::Day { year, month, day } => format!("{day}. {} {year}", month_name(month)),
        Date::Quarter { year, quarter } => format!("{quarter}. kvartal {year}"),
        Date::Half { year, half } => format!("{half}. halvår {year}"),
        Date::Year { year } => year.to_string(),
    }
}

/// A date at the start of a line or a sentence: "Maj 2010", "1. juni 2012" (a day starts with
/// its number, so only a month changes).
pub fn format_date_capitalised(d: Date) -> String {
    let text = format_date(d);
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// Why a typed date could not be read. The `Display` is the Danish sentence to show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateInputError {
    /// Nothing but spaces.
    #[error(
        "Skriv en dato eller en måned, fx 30.6.2013, 1. juni 2013, juni 2013 eller ultimo 2013"
    )]
    Empty,
    /// Not one of the accepted forms.
    #[error(
        "Datoen kan ikke læses. Skriv fx 30.6.2013, 1. juni 2013, juni 2013, 6/2013, \
         primo, medio eller ultimo 2013, eller 2013-06-30"
    )]
    Form,
    /// A month number outside 1–12.
    #[error("Der er ingen måned {0}; måneder tælles fra 1 til 12")]
    NoSuchMonth(u32),
    /// A day the month does not have ("30.2.2013").
    #[error("Der er kun {days} dage i {month} {year}")]
    NoSuchDay {
        /// The month's name ("februar").
        month: &'static str,
        /// The year.
        year: i32,
        /// How many days the month has.
        days: u8,
    },
    /// A year outside 1000–9999.
    #[error("Året skal skrives med fire cifre, fx 2013")]
    Year,
}

/// One piece of a typed date: a run of digits, a run of letters or a punctuation sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    Num(&'a str),
    Word(&'a str),
    Sep(char),
}

/// Splits into digit runs, letter runs and single signs; whitespace only separates.
fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let run_end = |pred: fn(char) -> bool| rest.find(|c: char| !pred(c)).unwrap_or(rest.len());
        let len = if c.is_ascii_digit() {
            let n = run_end(|c| c.is_ascii_digit());
            out.push(Token::Num(&rest[..n]));
            n
        } else if c.is_alphabetic() {
            let n = run_end(char::is_alphabetic);
            out.push(Token::Word(&rest[..n]));
            n
        } else {
            if !c.is_whitespace() {
                out.push(Token::Sep(c));
            }
            c.len_utf8()
        };
        rest = &rest[len..];
    }
    out
}

/// The month of a (lower-case) Danish month name or its usual abbreviation ("jun", "sept").
fn month_of_word(w: &str) -> Option<u8> {
    if let Some(i) = MONTHS.iter().position(|m| *m == w) {
        return u8::try_from(i + 1).ok();
    }
    if w == "sept" {
        return Some(9);
    }
    if w.chars().count() == 3 {
        return MONTHS
            .iter()
            .position(|m| m.starts_with(w))
            .and_then(|i| u8::try_from(i + 1).ok());
    }
    None
}

/// A year of exactly four digits.
fn year_of(t: &str) -> Result<i32, DateInputError> {
    if t.len() != 4 {
        return Err(DateInputError::Form);
    }
    let y: i32 = t.parse().map_err(|_| DateInputError::Form)?;
    if y < 1000 {
        return Err(DateInputError::Year);
    }
    Ok(y)
}

/// A day or month number of one or two digits.
fn small_of(t: &str) -> Result<u32, DateInputError> {
    if t.is_empty() || t.len() > 2 {
        return Err(DateInputError::Form);
    }
    t.parse().map_err(|_| DateInputError::Form)
}

/// Days in a month of a year, through the model's own calendar.
fn days_in_month(year: i32, month: u8) -> u8 {
    Date::Month { year, month }.last_day().2
}

fn checked_month(year: i32, month: u32) -> Result<Date, DateInputError> {
    let m = u8::try_from(month)
        .ok()
        .filter(|m| (1..=12).contains(m))
        .ok_or(DateInputError::NoSuchMonth(month))?;
    Date::month(year, m).map_err(|_| DateInputError::Year)
}

fn checked_day(year: i32, month: u32, day: u32) -> Result<Date, DateInputError> {
    let Date::Month { month: m, .. } = checked_month(year, month)? else {
        return Err(DateInputError::Form);
    };
    u8::try_from(day)
        .ok()
        .and_then(|d| Date::day(year, m, d).ok())
        .ok_or(DateInputError::NoSuchDay {
            month: month_name(m),
            year,
            days: days_in_month(year, m),
        })
}

fn is_numeric_sep(t: Token<'_>) -> bool {
    matches!(t, Token::Sep('.' | '/' | '-'))
}

/// Reads a deadline or follow-up date as an officer types it, giving a day or a month.
///
/// Accepted, with any case and spacing:
/// - ISO: "2013-06", "2013-06-30" (also "2013-6-30");
/// - "primo 2013", "medio 2013", "ultimo 2012": the month January, June, December
///   (plan-format.md, DATE);
/// - a month by name, full or abbreviated: "juni 2013", "Juni 2013", "jun. 2013", "sept. 2013";
/// - a day with a month name: "1. juni 2012", "1 jun 2012";
/// - a day by numbers, day first: "30.6.2013", "30.06.2013", "30/6-2013", "30-06-2013";
/// - a month by numbers: "6/2013", "06.2013", "6-2013".
///
/// Years have four digits; impossible dates ("30.2.2013", "13/2013") are rejected with a
/// sentence that says why.
pub fn parse_date_input(s: &str) -> Result<Date, DateInputError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(DateInputError::Empty);
    }
    let lower = s.to_lowercase();
    let toks = tokens(&lower);
    use Token::{Num, Sep, Word};
    match toks.as_slice() {
        [Word(w), Num(y)] | [Word(w), Sep('.'), Num(y)] => {
            let month = match *w {
                "primo" => 1,
                "medio" => 6,
                "ultimo" => 12,
                w => month_of_word(w).ok_or(DateInputError::Form)?,
            };
            checked_month(year_of(y)?, u32::from(month))
        }
        [Num(d), Word(w), Num(y)]
        | [Num(d), Sep('.'), Word(w), Num(y)]
        | [Num(d), Word(w), Sep('.'), Num(y)]
        | [Num(d), Sep('.'), Word(w), Sep('.'), Num(y)] => {
            let month = month_of_word(w).ok_or(DateInputError::Form)?;
            checked_day(year_of(y)?, u32::from(month), small_of(d)?)
        }
        [Num(a), s1, Num(b), s2, Num(c)] if is_numeric_sep(*s1) && is_numeric_sep(*s2) => {
            if a.len() == 4 {
                checked_day(year_of(a)?, small_of(b)?, small_of(c)?)
            } else {
                checked_day(year_of(c)?, small_of(b)?, small_of(a)?)
            }
        }
        [Num(a), s1, Num(b)] if is_numeric_sep(*s1) => {
            if a.len() == 4 {
                checked_month(year_of(a)?, small_of(b)?)
            } else {
                checked_month(year_of(b)?, small_of(a)?)
            }
        }
        _ => Err(DateInputError::Form),
    }
}

/// A one-line preview of `text` for a list, a heading or a message: runs of whitespace
/// (line breaks too) become one space, other control characters go, and when more than
/// `max_chars` characters remain it is cut there, at a character boundary, and ends with "…"
/// ("Færre indlæggelser og …"). Reads only as far as it needs: a long text costs no more than
/// its first `max_chars` characters.
pub fn shorten(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut space_before = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space_before = count > 0;
            continue;
        }
        if c.is_control() {
            continue;
        }
        let needed = if space_before { 2 } else { 1 };
        if count + needed > max_chars {
            out.push('…');
            return out;
        }
        if space_before {
            out.push(' ');
            count += 1;
            space_before = false;
        }
        out.push(c);
        count += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> Date {
        Date::Day {
            year: y,
            month: m,
            day: d,
        }
    }

    fn month(y: i32, m: u8) -> Date {
        Date::Month { year: y, month: m }
    }

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

    #[test]
    fn months_have_danish_names() {
        assert_eq!(month_name(1), "januar");
        assert_eq!(month_name(3), "marts");
        assert_eq!(month_name(5), "maj");
        assert_eq!(month_name(12), "december");
        assert_eq!(month_name(0), "");
        assert_eq!(month_name(13), "");
    }

    #[test]
    fn dates_are_written_as_danes_write_them() {
        assert_eq!(format_date(day(2012, 6, 1)), "1. juni 2012");
        assert_eq!(format_date(day(2013, 12, 31)), "31. december 2013");
        assert_eq!(format_date(month(2010, 5)), "maj 2010");
        assert_eq!(format_date_capitalised(month(2010, 5)), "Maj 2010");
        assert_eq!(format_date_capitalised(day(2012, 6, 1)), "1. juni 2012");
    }

    #[test]
    fn typed_dates_are_read_in_every_usual_form() {
        let ok = [
            ("2013-06", month(2013, 6)),
            ("2013-06-30", day(2013, 6, 30)),
            ("2013-6-30", day(2013, 6, 30)),
            ("primo 2013", month(2013, 1)),
            ("medio 2013", month(2013, 6)),
            ("ultimo 2012", month(2012, 12)),
            ("Ultimo 2012", month(2012, 12)),
            ("  MEDIO   2013 ", month(2013, 6)),
            ("juni 2013", month(2013, 6)),
            ("Juni 2013", month(2013, 6)),
            ("jun. 2013", month(2013, 6)),
            ("jun 2013", month(2013, 6)),
            ("maj 2010", month(2010, 5)),
            ("sept. 2013", month(2013, 9)),
            ("okt. 2013", month(2013, 10)),
            ("marts 2014", month(2014, 3)),
            ("mar 2014", month(2014, 3)),
            ("30.6.2013", day(2013, 6, 30)),
            ("30.06.2013", day(2013, 6, 30)),
            ("30/6-2013", day(2013, 6, 30)),
            ("30-06-2013", day(2013, 6, 30)),
            ("30/6/2013", day(2013, 6, 30)),
            ("30. 6. 2013", day(2013, 6, 30)),
            ("1. juni 2012", day(2012, 6, 1)),
            ("1.juni 2012", day(2012, 6, 1)),
            ("1 juni 2012", day(2012, 6, 1)),
            ("1. jun. 2012", day(2012, 6, 1)),
            ("29. februar 2012", day(2012, 2, 29)),
            ("6/2013", month(2013, 6)),
            ("06.2013", month(2013, 6)),
            ("6-2013", month(2013, 6)),
        ];
        for (text, want) in ok {
            assert_eq!(parse_date_input(text), Ok(want), "{text:?}");
        }
    }

    #[test]
    fn typed_dates_that_do_not_exist_are_rejected_with_a_reason() {
        use DateInputError::*;
        let bad = [
            ("", Empty),
            ("  ", Empty),
            ("snart", Form),
            ("2013", Form),
            ("juni", Form),
            ("primo", Form),
            ("primo 13", Form),
            ("30.6.13", Form),
            ("30.6.2013.", Form),
            ("juno 2013", Form),
            ("ju 2013", Form),
            ("primo juni 2013", Form),
            ("100.6.2013", Form),
            ("1. primo 2013", Form),
            ("13/2013", NoSuchMonth(13)),
            ("0.2013", NoSuchMonth(0)),
            ("2013-13", NoSuchMonth(13)),
            ("1.13.2013", NoSuchMonth(13)),
            (
                "30.2.2013",
                NoSuchDay {
                    month: "februar",
                    year: 2013,
                    days: 28,
                },
            ),
            (
                "2013-02-30",
                NoSuchDay {
                    month: "februar",
                    year: 2013,
                    days: 28,
                },
            ),
            (
                "29. februar 2013",
                NoSuchDay {
                    month: "februar",
                    year: 2013,
                    days: 28,
                },
            ),
            (
                "31/4-2013",
                NoSuchDay {
                    month: "april",
                    year: 2013,
                    days: 30,
                },
            ),
            (
                "0.6.2013",
                NoSuchDay {
                    month: "juni",
                    year: 2013,
                    days: 30,
                },
            ),
            ("juni 0999", Year),
        ];
        for (text, want) in bad {
            assert_eq!(parse_date_input(text), Err(want), "{text:?}");
        }
    }

    #[test]
    fn date_errors_speak_danish_and_name_the_forms() {
        let form = DateInputError::Form.to_string();
        for example in ["30.6.2013", "juni 2013", "ultimo 2013", "2013-06-30"] {
            assert!(form.contains(example), "{form}");
        }
        let no_day = DateInputError::NoSuchDay {
            month: "februar",
            year: 2013,
            days: 28,
        };
        assert_eq!(no_day.to_string(), "Der er kun 28 dage i februar 2013");
    }

    #[test]
    fn formatted_dates_read_back() {
        for y in [1999, 2012, 2024] {
            for m in 1..=12u8 {
                let mo = month(y, m);
                assert_eq!(parse_date_input(&format_date(mo)), Ok(mo));
                assert_eq!(parse_date_input(&format_date_capitalised(mo)), Ok(mo));
                assert_eq!(parse_date_input(&mo.to_string()), Ok(mo));
                for d in 1..=days_in_month(y, m) {
                    let da = day(y, m, d);
                    assert_eq!(parse_date_input(&format_date(da)), Ok(da));
                    assert_eq!(parse_date_input(&da.to_string()), Ok(da));
                }
            }
        }
    }

    #[test]
    fn shorten_keeps_a_short_text_and_makes_it_one_line() {
        assert_eq!(shorten("Færre indlæggelser", 80), "Færre indlæggelser");
        assert_eq!(shorten("", 10), "");
        assert_eq!(
            shorten("  Første linje\n\tanden  linje\u{7} \n", 80),
            "Første linje anden linje"
        );
    }

    #[test]
    fn shorten_cuts_at_a_character_boundary_and_ends_with_an_ellipsis() {
        let long = "ø".repeat(100);
        let short = shorten(&long, 60);
        assert_eq!(short.chars().count(), 61);
        assert_eq!(short, format!("{}…", "ø".repeat(60)));
        // Exactly max_chars characters is not cut.
        assert_eq!(shorten(&"æ".repeat(60), 60), "æ".repeat(60));
        // Emoji and combining marks are cut between characters, never inside one.
        assert_eq!(shorten("👍👍👍", 2), "👍👍…");
        assert_eq!(shorten("abc", 0), "…");
    }

    #[test]
    fn shorten_never_ends_with_a_space_before_the_ellipsis() {
        assert_eq!(shorten("abcd efg", 5), "abcd…");
        assert_eq!(shorten("abcde fg", 5), "abcde…");
        assert_eq!(shorten("ab\n\ncd", 4), "ab c…");
    }
}
