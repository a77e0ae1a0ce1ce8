//! A plan date: a period of time as plan-format.md's DATE (version 2): a day ("30. juni
//! 2013"), a month ("juni 2013"), a quarter ("3. kvartal 2013"), a half year ("2. halvår
//! 2013") or a year ("2013"), with its order and its "overdue" rule.

use std::cmp::Ordering;
use std::fmt;

/// A period of time: a day, a month, a quarter, a half year or a year. Ordered by the
/// period's first day, then by its last day, the shorter first: `2013-01-01` < `2013-01` <
/// `2013-Q1` < `2013-H1` < `2013` < `2013-02`.
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
    /// A quarter, `"YYYY-Qn"`.
    Quarter {
        /// Year, 1000–9999.
        year: i32,
        /// Quarter, 1–4.
        quarter: u8,
    },
    /// A half year, `"YYYY-Hn"`.
    Half {
        /// Year, 1000–9999.
        year: i32,
        /// Half, 1–2.
        half: u8,
    },
    /// A whole year, `"YYYY"`.
    Year {
        /// Year, 1000–9999.
        year: i32,
    },
}

/// Why a text is not a DATE.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not of one of the five forms.
    #[error(
        "en dato skal skrives ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM, ÅÅÅÅ-Qn, ÅÅÅÅ-Hn eller ÅÅÅÅ, \
         fx 2013-06-30, 2013-06, 2013-Q3, 2013-H2 eller 2013"
    )]
    Form,
    /// A month outside 1–12, a day the month does not have, a quarter outside 1–4, a half
    /// outside 1–2, or a year without four digits.
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

fn checked_year(year: i32) -> Result<i32, DateError> {
    if (1000..=9999).contains(&year) {
        Ok(year)
    } else {
        Err(DateError::Impossible)
    }
}

impl Date {
    /// A month, checked.
    pub fn month(year: i32, month: u8) -> Result<Date, DateError> {
        checked_year(year)?;
        if !(1..=12).contains(&month) {
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

    /// A quarter (1–4), checked.
    pub fn quarter(year: i32, quarter: u8) -> Result<Date, DateError> {
        checked_year(year)?;
        if !(1..=4).contains(&quarter) {
            return Err(DateError::Impossible);
        }
        Ok(Date::Quarter { year, quarter })
    }

    /// A half year (1–2), checked.
    pub fn half(year: i32, half: u8) -> Result<Date, DateError> {
        checked_year(year)?;
        if !(1..=2).contains(&half) {
            return Err(DateError::Impossible);
        }
        Ok(Date::Half { year, half })
    }

    /// A whole year, checked.
    pub fn whole_year(year: i32) -> Result<Date, DateError> {
        Ok(Date::Year {
            year: checked_year(year)?,
        })
    }

    /// Parses one of the five forms of plan-format.md exactly (no spaces, no signs):
    /// `"YYYY-MM-DD"`, `"YYYY-MM"`, `"YYYY-Qn"`, `"YYYY-Hn"`, `"YYYY"`.
    pub fn parse_iso(text: &str) -> Result<Date, DateError> {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let parts: Vec<&str> = text.split('-').collect();
        let num = |s: &str| s.parse::<i32>().map_err(|_| DateError::Form);
        let small = |s: &str| u8::try_from(num(s)?).map_err(|_| DateError::Impossible);
        match parts.as_slice() {
            [y] if y.len() == 4 && digits(y) => Date::whole_year(num(y)?),
            [y, p] if y.len() == 4 && digits(y) && p.len() == 2 => {
                let (kind, n) = p.split_at(1);
                match kind {
                    "Q" if digits(n) => Date::quarter(num(y)?, small(n)?),
                    "H" if digits(n) => Date::half(num(y)?, small(n)?),
                    _ if digits(p) => Date::month(num(y)?, small(p)?),
                    _ => Err(DateError::Form),
                }
            }
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                if !(digits(y) && digits(m) && digits(d)) {
                    return Err(DateError::Form);
                }
                Date::day(num(y)?, small(m)?, small(d)?)
            }
            _ => Err(DateError::Form),
        }
    }

    /// The year (of the period's start; every form lies within one year).
    pub fn year(self) -> i32 {
        match self {
            Date::Month { year, .. }
            | Date::Day { year, .. }
            | Date::Quarter { year, .. }
            | Date::Half { year, .. }
            | Date::Year { year } => year,
        }
    }

    /// The month of the period's first day, 1–12.
    pub fn month_number(self) -> u8 {
        self.first_day().1
    }

    /// The first day the period covers, as (year, month, day).
    pub fn first_day(self) -> (i32, u8, u8) {
        match self {
            Date::Day { year, month, day } => (year, month, day),
            Date::Month { year, month } => (year, month, 1),
            Date::Quarter { year, quarter } => (year, quarter * 3 - 2, 1),
            Date::Half { year, half } => (year, half * 6 - 5, 1),
            Date::Year { year } => (year, 1, 1),
        }
    }

    /// The last day the period covers (a month covers all its days): used for "overdue".
    pub fn last_day(self) -> (i32, u8, u8) {
        let end_of = |year: i32, month: u8| (year, month, days_in_month(year, month));
        match self {
            Date::Day { year, month, day } => (year, month, day),
            Date::Month { year, month } => end_of(year, month),
            Date::Quarter { year, quarter } => end_of(year, quarter * 3),
            Date::Half { year, half } => end_of(year, half * 6),
            Date::Year { year } => end_of(year, 12),
        }
    }

    /// True when the period has ended on `today` (a day): the day after its last day has come.
    /// What "overdue" means for a deadline of a goal that is neither done nor dropped.
    pub fn has_ended_by(self, today: Date) -> bool {
        today.first_day() > self.last_day()
    }

    /// True when the period is a single day.
    pub fn is_day(self) -> bool {
        matches!(self, Date::Day { .. })
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.first_day(), self.last_day()).cmp(&(other.first_day(), other.last_day()))
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Date {
    /// The form of plan-format.md: `2013-06-30`, `2013-06`, `2013-Q3`, `2013-H2`, `2013`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Date::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Date::Day { year, month, day } => write!(f, "{year:04}-{month:02}-{day:02}"),
            Date::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Date::Half { year, half } => write!(f, "{year:04}-H{half}"),
            Date::Year { year } => write!(f, "{year:04}"),
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
            "13",
            "2013-Q",
            "2013-q3",
            "2013-H",
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
    fn periods_sort_by_start_then_the_shorter_first_and_round_trip() {
        let order = [
            "2012-12",
            "2013-01-01",
            "2013-01",
            "2013-Q1",
            "2013-H1",
            "2013",
            "2013-01-02",
            "2013-02",
            "2013-Q2",
            "2013-07",
            "2013-Q3",
            "2013-H2",
            "2014",
        ];
        let dates: Vec<Date> = order.iter().map(|t| Date::parse_iso(t).unwrap()).collect();
        for pair in dates.windows(2) {
            assert!(pair[0] < pair[1], "{} < {}", pair[0], pair[1]);
        }
        for (text, date) in order.iter().zip(&dates) {
            assert_eq!(&date.to_string(), text);
        }
        assert_eq!(Date::parse_iso("2013-Q5"), Err(DateError::Impossible));
        assert_eq!(Date::parse_iso("2013-H3"), Err(DateError::Impossible));
        assert_eq!(Date::parse_iso("2013-Q0"), Err(DateError::Impossible));
        assert_eq!(Date::parse_iso("0999"), Err(DateError::Impossible));
    }

    #[test]
    fn a_period_has_ended_the_day_after_its_last_day() {
        let today = |t| Date::parse_iso(t).unwrap();
        let h2 = today("2013-H2");
        assert!(!h2.has_ended_by(today("2013-12-31")));
        assert!(h2.has_ended_by(today("2014-01-01")));
        let q1 = today("2012-Q1");
        assert!(!q1.has_ended_by(today("2012-03-31")));
        assert!(q1.has_ended_by(today("2012-04-01")));
        assert!(today("2012").has_ended_by(today("2013-01-01")));
        assert!(!today("2012-02").has_ended_by(today("2012-02-29")));
        assert_eq!(today("2013-Q3").first_day(), (2013, 7, 1));
        assert_eq!(today("2013-H1").last_day(), (2013, 6, 30));
    }
}
