//! The figures of målepunkter as the editor reads and writes them, the Danish way: "62,5",
//! "1.250", "62,5 %"; exact (`model::Number`), never rounded.

use crate::model::{Number, NumberError};

/// Why a typed figure cannot be used; `Display` is the sentence shown beside the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// Not a number (a unit typed with it, a word).
    #[error("skriv et tal, fx 60 eller 62,5; enheden står i feltet Enhed")]
    Form,
    /// Too many digits, too large or too small.
    #[error("{0}")]
    Number(NumberError),
}

/// Reads a figure as an officer types it: a decimal comma ("62,5"), dots between thousands
/// ("1.250" or "1.250,5"), a minus (also "−"), spaces around. A lone dot with other than three
/// digits after it is read as a decimal point ("62.5"), as it cannot be a thousands dot.
/// Never rounds: more than 15 significant digits is refused (`model::Number`).
pub fn parse_value(text: &str) -> Result<Number, ValueError> {
    let text = text.trim().replace('\u{2212}', "-");
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest.trim_start()),
        None => ("", text.as_str()),
    };
    let thousands = |whole: &str| {
        let groups: Vec<&str> = whole.split('.').collect();
        groups.len() > 1
            && (1..=3).contains(&groups[0].len())
            && groups[1..].iter().all(|g| g.len() == 3)
    };
    let plain = match digits.split_once(',') {
        Some((whole, fraction)) if whole.contains('.') => {
            if !thousands(whole) {
                return Err(ValueError::Form);
            }
            format!("{}.{fraction}", whole.replace('.', ""))
        }
        Some((whole, fraction)) => format!("{whole}.{fraction}"),
        None if thousands(digits) => digits.replace('.', ""),
        None => digits.to_owned(),
    };
    match Number::parse(&format!("{sign}{plain}")) {
        Ok(n) => Ok(n),
        Err(NumberError::Form) => Err(ValueError::Form),
        Err(e) => Err(ValueError::Number(e)),
    }
}

/// A figure the Danish way: dots between thousands, a decimal comma ("1.250,5", "-3").
pub fn format_value(n: Number) -> String {
    let plain = n.plain(',');
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (whole, fraction) = match rest.split_once(',') {
        Some((w, f)) => (w, Some(f)),
        None => (rest, None),
    };
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    match fraction {
        Some(f) => format!("{sign}{grouped},{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A figure with its unit: "62,5 %", "1.250 kr.", "12" (no unit).
pub fn with_unit(n: Number, unit: &str) -> String {
    let unit = unit.trim();
    if unit.is_empty() {
        format_value(n)
    } else {
        // A no-break space, so the unit never starts a line alone.
        format!("{}\u{a0}{unit}", format_value(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(t: &str) -> Number {
        Number::parse(t).unwrap()
    }

    #[test]
    fn figures_are_read_the_danish_way_and_a_unit_is_refused_with_advice() {
        assert_eq!(parse_value("62,5"), Ok(n("62.5")));
        assert_eq!(parse_value(" 60 "), Ok(n("60")));
        assert_eq!(parse_value("1.250"), Ok(n("1250")));
        assert_eq!(parse_value("1.250.000,75"), Ok(n("1250000.75")));
        assert_eq!(parse_value("62.5"), Ok(n("62.5")));
        assert_eq!(parse_value("−3,5"), Ok(n("-3.5")));
        assert_eq!(parse_value("- 3"), Ok(n("-3")));
        assert_eq!(parse_value("60 %"), Err(ValueError::Form));
        assert_eq!(
            parse_value("60 %").unwrap_err().to_string(),
            "skriv et tal, fx 60 eller 62,5; enheden står i feltet Enhed"
        );
        assert_eq!(parse_value("1.25,5"), Err(ValueError::Form));
        assert_eq!(parse_value("NaN"), Err(ValueError::Form));
        assert_eq!(
            parse_value("1234567890123456"),
            Err(ValueError::Number(NumberError::TooPrecise))
        );
    }

    #[test]
    fn figures_are_written_the_danish_way() {
        assert_eq!(format_value(n("62.5")), "62,5");
        assert_eq!(format_value(n("1250")), "1.250");
        assert_eq!(format_value(n("-1250000.75")), "-1.250.000,75");
        assert_eq!(format_value(n("0.05")), "0,05");
        assert_eq!(with_unit(n("75"), "%"), "75\u{a0}%");
        assert_eq!(with_unit(n("12"), " "), "12");
        for text in ["62,5", "1.250", "-3", "0,05", "123.456.789,012"] {
            assert_eq!(format_value(parse_value(text).unwrap()), text);
        }
    }
}
