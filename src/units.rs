//! Danish numbers, amounts and dates, in one place: how the UI, the report and the command line
//! print them ("1.120.883.000", "67,5 %", "1. juni 2012") and how they read what an officer types.
//!
//! Pure functions, no I/O and no clock. The stored forms (ISO dates, whole kroner) belong to
//! [`crate::model`]; this module only converts between those and the Danish way of writing them:
//! `amounts` (kroner, decimals, percentages), `dates` (every period of a DATE), `numbers` (an
//! indicator's exact figures), and here the one text shortener.

mod amounts;
mod dates;
mod numbers;

pub use amounts::{
    AmountError, PERCENT_SPACE, format_amount, format_decimal, format_percent, parse_amount,
};
pub use dates::{
    DateInputError, format_date, format_date_capitalised, format_moment, month_name,
    parse_date_input, understood_as,
};
pub use numbers::{NumberInputError, format_figure, format_number, parse_number_input};

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
