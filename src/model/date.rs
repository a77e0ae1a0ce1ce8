//! A plan date: a day ("1. juni 2012") or a month ("maj 2010"), as plan-format.md's DATE.

use std::cmp::Ordering;
use std::fmt;

/// A day or a month. Ordered by time; a month sorts before the days of the same month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Date {
    /// A whole month, `"YYYY-MM"`.
    Month {
        /// Year, 1000–9999.
        year: i32,
        /// Month, 1–12.
        month: u8,
    },
    /// A day, `"YYYY-MM-DD"`.
    Day {
        /// Year, 1000–9999.
        year: i32,
        /// Month, 1–12.
        month: u8,
        /// Day of month, valid for the month.
        day: u8,
    },
}

/// Why a text is not a DATE.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not of the form YYYY-MM or YYYY-MM-DD.
    #[error("en dato skal skrives ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD, fx 2013-06 eller 2013-06-30")]
    Form,
    /// A month outside 1–12 or a day the month does not have.
    #[error("datoen findes ikke")]
    Impossible,
}

/// Days in a month of a year (Gregorian).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A month, checked.
    pub fn month(year: i32, month: u8) -> Result<Date, DateError> {
        if !(1000..=9999).contains(&year) || !(1..=12).contains(&month) {
            return Err(DateError::Impossible);
        }
        Ok(Date::Month { year, month })
    }

    /// A day, checked.
    pub fn day(year: i32, month: u8, day: u8) -> Result<Date, DateError> {
        Date::month(year, month)?;
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::Impossible);
        }
        Ok(Date::Day { year, month, day })
    }

    /// Parses `"YYYY-MM"` or `"YYYY-MM-DD"`, exactly (no spaces, no signs).
    pub fn parse_iso(text: &str) -> Result<Date, DateError> {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let parts: Vec<&str> = text.split('-').collect();
        let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
        if !(lens == [4, 2] || lens == [4, 2, 2]) || !parts.iter().all(|p| digits(p)) {
            return Err(DateError::Form);
        }
        let num = |s: &str| s.parse::<i32>().map_err(|_| DateError::Form);
        let year = num(parts[0])?;
        let month = u8::try_from(num(parts[1])?).map_err(|_| DateError::Impossible)?;
        match parts.get(2) {
            None => Date::month(year, month),
            Some(d) => Date::day(
                year,
                month,
                u8::try_from(num(d)?).map_err(|_| DateError::Impossible)?,
            ),
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        match self {
            Date::Month { year, .. } | Date::Day { year, .. } => year,
        }
    }

    /// The month, 1–12.
    pub fn month_number(self) -> u8 {
        match self {
            Date::Month { month, .. } | Date::Day { month, .. } => month,
        }
    }

    /// The last day this date covers (a month covers all its days): used for "overdue".
    pub fn last_day(self) -> (i32, u8, u8) {
        match self {
            Date::Month { year, month } => (year, month, days_in_month(year, month)),
            Date::Day { year, month, day } => (year, month, day),
        }
    }

    fn sort_key(self) -> (i32, u8, u8) {
        match self {
            Date::Month { year, month } => (year, month, 0),
            Date::Day { year, month, day } => (year, month, day),
        }
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Date {
    /// The ISO form of plan-format.md: `2013-06` or `2013-06-30`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Date::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Date::Day { year, month, day } => write!(f, "{year:04}-{month:02}-{day:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_months_and_days_and_rejects_the_rest() {
        assert_eq!(
            Date::parse_iso("2013-06"),
            Ok(Date::Month {
                year: 2013,
                month: 6
            })
        );
        assert_eq!(
            Date::parse_iso("2012-02-29"),
            Ok(Date::Day {
                year: 2012,
                month: 2,
                day: 29
            })
        );
        assert_eq!(Date::parse_iso("2013-02-29"), Err(DateError::Impossible));
        assert_eq!(Date::parse_iso("2013-02-30"), Err(DateError::Impossible));
        assert_eq!(Date::parse_iso("2013-13"), Err(DateError::Impossible));
        assert_eq!(Date::parse_iso("2013-00"), Err(DateError::Impossible));
        for bad in [
            "",
            "2013",
            "2013-6",
            "13-06",
            "2013-06-1",
            "2013/06",
            "+013-06",
            "2013-06-01x",
            "2013-0a",
        ] {
            assert_eq!(Date::parse_iso(bad), Err(DateError::Form), "{bad}");
        }
    }

    #[test]
    fn a_month_sorts_before_its_days_and_round_trips() {
        let m = Date::parse_iso("2012-06").unwrap();
        let d = Date::parse_iso("2012-06-01").unwrap();
        let later = Date::parse_iso("2012-07").unwrap();
        assert!(m < d && d < later);
        assert_eq!(m.to_string(), "2012-06");
        assert_eq!(d.to_string(), "2012-06-01");
    }
}
