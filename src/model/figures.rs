//! What a goal measures and the steps it takes (plan-format.md, version 2): [`Number`] (an
//! exact decimal of at most 15 significant digits), [`Indicator`] (målepunkt) with its
//! baseline and target, [`Measurement`] (a figure given in a follow-up), [`Milestone`]
//! (delmål), and the "behind the straight line" rule of the board.

use super::date::Date;
use super::plan::Extra;
use std::fmt;

/// The most significant digits a figure may have (plan-format.md: "at most 15 significant
/// digits"): more would be rounded by a double, so they are refused, never rounded.
pub const MAX_DIGITS: u32 = 15;

/// The largest power of ten a figure may carry; a larger figure is no indicator value.
const MAX_EXPONENT: i32 = 30;

/// An exact decimal figure: `mantissa × 10^exponent`, normalised (the mantissa has no
/// trailing zero, zero is `0 × 10^0`), so that `75`, `75.0` and `7.5e1` are one value and
/// `Eq` is equality of numbers. Stored and exchanged as text, never through a binary float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Number {
    mantissa: i64,
    exponent: i32,
}

/// Why a text is not a [`Number`]; `Display` is the Danish sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    /// Not a decimal number at all.
    #[error("skriv et tal, fx 60 eller 62,5")]
    Form,
    /// More significant digits than a figure may have.
    #[error("tallet har mere end {MAX_DIGITS} betydende cifre; skriv det med færre cifre")]
    TooPrecise,
    /// Too large or too small in magnitude.
    #[error("tallet er for stort eller for småt")]
    OutOfRange,
}

impl Number {
    /// A whole number.
    pub fn from_int(value: i64) -> Result<Number, NumberError> {
        Number::normalised(i128::from(value), 0)
    }

    fn normalised(mut mantissa: i128, mut exponent: i32) -> Result<Number, NumberError> {
        if mantissa == 0 {
            return Ok(Number::default());
        }
        while mantissa % 10 == 0 {
            mantissa /= 10;
            exponent += 1;
        }
        if mantissa.unsigned_abs() >= 10u128.pow(MAX_DIGITS) {
            return Err(NumberError::TooPrecise);
        }
        let digits = i32::try_from(mantissa.unsigned_abs().ilog10()).unwrap_or(0);
        if exponent + digits > MAX_EXPONENT || exponent < -MAX_EXPONENT {
            return Err(NumberError::OutOfRange);
        }
        let mantissa = i64::try_from(mantissa).map_err(|_| NumberError::TooPrecise)?;
        Ok(Number { mantissa, exponent })
    }

    /// Reads a decimal as JSON writes it and as the file stores it: an optional minus, digits,
    /// an optional `.` with digits, an optional exponent (`e`/`E`, sign, digits). `NaN`,
    /// infinity, a comma, spaces and more than [`MAX_DIGITS`] significant digits are refused.
    pub fn parse(text: &str) -> Result<Number, NumberError> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (digits_part, exp_part) = match rest.find(['e', 'E']) {
            Some(i) => (&rest[..i], Some(&rest[i + 1..])),
            None => (rest, None),
        };
        let (whole, fraction) = match digits_part.split_once('.') {
            Some((w, f)) => (w, f),
            None => (digits_part, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty()
            || !all_digits(whole)
            || !all_digits(fraction)
            || (digits_part.contains('.') && fraction.is_empty())
        {
            return Err(NumberError::Form);
        }
        let mut exponent: i64 = match exp_part {
            None => 0,
            Some(e) => {
                let unsigned = e.strip_prefix(['+', '-']).unwrap_or(e);
                if unsigned.is_empty() || !all_digits(unsigned) {
                    return Err(NumberError::Form);
                }
                if unsigned.len() > 6 {
                    return Err(NumberError::OutOfRange);
                }
                e.parse::<i64>().map_err(|_| NumberError::Form)?
            }
        };
        // Significant digits: leading zeros do not count, trailing zeros are normalised away.
        let all: String = format!("{whole}{fraction}");
        let trimmed = all.trim_start_matches('0');
        let significant = trimmed.trim_end_matches('0');
        if significant.is_empty() {
            return Ok(Number::default());
        }
        if significant.len() > MAX_DIGITS as usize {
            return Err(NumberError::TooPrecise);
        }
        let trailing = trimmed.len() - significant.len();
        exponent += i64::try_from(trailing).unwrap_or(0);
        exponent -= i64::try_from(fraction.len()).unwrap_or(0);
        let exponent = i32::try_from(exponent).map_err(|_| NumberError::OutOfRange)?;
        let mut mantissa: i128 = significant.parse().map_err(|_| NumberError::Form)?;
        if negative {
            mantissa = -mantissa;
        }
        Number::normalised(mantissa, exponent)
    }

    /// The value as a binary float, for charts and the "behind" rule (never stored).
    pub fn to_f64(self) -> f64 {
        // Exact enough for drawing: both parts are small (15 digits, |exponent| <= 30).
        (self.mantissa as f64) * 10f64.powi(self.exponent)
    }

    /// The digits after the decimal point when written out (0 for a whole number).
    pub fn decimals(self) -> usize {
        usize::try_from(-self.exponent).unwrap_or(0)
    }

    /// Written out without exponent, with `separator` between whole part and decimals:
    /// `('.')` gives "62.5" (JSON, the file), `(',')` the Danish "62,5" (no grouping).
    pub fn plain(self, separator: char) -> String {
        let negative = self.mantissa < 0;
        let digits = self.mantissa.unsigned_abs().to_string();
        let mut out = String::new();
        if negative {
            out.push('-');
        }
        if self.exponent >= 0 {
            out.push_str(&digits);
            for _ in 0..self.exponent {
                out.push('0');
            }
            return out;
        }
        let decimals = self.decimals();
        if digits.len() > decimals {
            let (whole, fraction) = digits.split_at(digits.len() - decimals);
            out.push_str(whole);
            out.push(separator);
            out.push_str(fraction);
        } else {
            out.push('0');
            out.push(separator);
            for _ in digits.len()..decimals {
                out.push('0');
            }
            out.push_str(&digits);
        }
        out
    }
}

impl fmt::Display for Number {
    /// The form JSON and the file use: "62.5", "75", "-3", "0.05".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.plain('.'))
    }
}

/// Which way an indicator should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Op (larger is better).
    Increase,
    /// Ned (smaller is better).
    Decrease,
    /// Fasthold (stay at the target).
    Keep,
}

impl Direction {
    /// Every direction, in the order the editor offers them.
    pub const ALL: [Direction; 3] = [Direction::Increase, Direction::Decrease, Direction::Keep];

    /// The code in the file and in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
            Direction::Keep => "keep",
        }
    }

    /// The direction for a code, if it is one.
    pub fn from_code(code: &str) -> Option<Direction> {
        Direction::ALL.into_iter().find(|d| d.code() == code)
    }

    /// The Danish label ("skal op").
    pub fn label(self) -> &'static str {
        match self {
            Direction::Increase => "skal op",
            Direction::Decrease => "skal ned",
            Direction::Keep => "skal fastholdes",
        }
    }
}

/// A value with an optional period: an indicator's baseline (udgangspunkt) or target (mål).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Figure {
    /// The value, in the indicator's unit.
    pub value: Number,
    /// When it was (baseline) or is to be reached (target).
    pub date: Option<Date>,
    /// The JSON `extra` object, verbatim.
    pub extra: Extra,
}

/// An indicator's row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct IndicatorId(pub i64);

impl fmt::Display for IndicatorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A milestone's row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct MilestoneId(pub i64);

impl fmt::Display for MilestoneId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A målepunkt of a goal: what is counted, from where, to where.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Indicator {
    /// Row id (document-local before import; unique in the document).
    pub id: IndicatorId,
    /// What is measured; never blank.
    pub name: String,
    /// Enhed: "%", "antal", "kr.", "dage"; may be empty.
    pub unit: String,
    /// Udgangspunkt.
    pub baseline: Option<Figure>,
    /// Mål.
    pub target: Option<Figure>,
    /// Which way it should go; `None` = not said.
    pub direction: Option<Direction>,
    /// The JSON `extra` object, verbatim.
    pub extra: Extra,
}

/// A figure given for an indicator in a follow-up; its date is the follow-up's.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Measurement {
    /// The indicator (of the same goal).
    pub indicator: IndicatorId,
    /// The value.
    pub value: Number,
    /// The JSON `extra` object, verbatim.
    pub extra: Extra,
}

/// A delmål: a step on the way to the goal.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Milestone {
    /// Row id.
    pub id: MilestoneId,
    /// What is to be reached; never blank.
    pub text: String,
    /// When.
    pub date: Option<Date>,
    /// Reached.
    pub done: bool,
    /// The JSON `extra` object, verbatim.
    pub extra: Extra,
}

impl Milestone {
    /// Not done and its period has ended by `today`.
    pub fn is_overdue(&self, today: Date) -> bool {
        !self.done && self.date.is_some_and(|d| d.has_ended_by(today))
    }
}

/// One point of an indicator's history: a measurement with its follow-up's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// The follow-up's date.
    pub date: Date,
    /// The value.
    pub value: Number,
}

impl Indicator {
    /// True when the indicator is behind on `today`, given its readings (oldest first):
    /// - past the target's period without the target reached (by the last reading), or
    /// - behind the straight line from baseline (value, date) to target (value, date) at the
    ///   date of the last reading.
    ///
    /// Without a target, or without a direction for the straight line, it is never behind.
    pub fn is_behind(&self, readings: &[Reading], today: Date) -> bool {
        let Some(target) = &self.target else {
            return false;
        };
        let direction = self.direction.unwrap_or_else(|| match &self.baseline {
            Some(b) if b.value.to_f64() > target.value.to_f64() => Direction::Decrease,
            _ => Direction::Increase,
        });
        let latest = readings.last();
        let reached = |value: Number| {
            let (v, t) = (value.to_f64(), target.value.to_f64());
            match direction {
                Direction::Increase => v >= t,
                Direction::Decrease => v <= t,
                Direction::Keep => (v - t).abs() <= f64::EPSILON * t.abs().max(1.0),
            }
        };
        if let Some(target_date) = target.date
            && target_date.has_ended_by(today)
        {
            return !latest.is_some_and(|r| reached(r.value));
        }
        let (Some(baseline), Some(target_date), Some(latest)) =
            (&self.baseline, target.date, latest)
        else {
            return false;
        };
        let Some(start) = baseline.date else {
            return false;
        };
        if direction == Direction::Keep {
            return !reached(latest.value);
        }
        let day = |d: Date| {
            let (y, m, dd) = d.last_day();
            f64::from(y) * 372.0 + f64::from(m) * 31.0 + f64::from(dd)
        };
        let (t0, t1, t) = (day(start), day(target_date), day(latest.date));
        if t1 <= t0 {
            return false;
        }
        let share = ((t - t0) / (t1 - t0)).clamp(0.0, 1.0);
        let (v0, v1) = (baseline.value.to_f64(), target.value.to_f64());
        let expected = v0 + (v1 - v0) * share;
        let v = latest.value.to_f64();
        match direction {
            Direction::Increase => v < expected,
            Direction::Decrease => v > expected,
            Direction::Keep => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(t: &str) -> Number {
        Number::parse(t).unwrap()
    }

    #[test]
    fn numbers_are_exact_and_normalised() {
        assert_eq!(n("75"), n("75.0"));
        assert_eq!(n("75"), n("7.5e1"));
        assert_eq!(n("0.05").to_string(), "0.05");
        assert_eq!(n("62.5").plain(','), "62,5");
        assert_eq!(n("-3").to_string(), "-3");
        assert_eq!(n("1e3").to_string(), "1000");
        assert_eq!(n("0").to_string(), "0");
        assert_eq!(n("-0.0").to_string(), "0");
        assert_eq!(n("123456789012345").to_string(), "123456789012345");
        assert_eq!(n("0.000000000000001").to_string(), "0.000000000000001");
        assert_eq!(
            Number::parse("1234567890123456"),
            Err(NumberError::TooPrecise)
        );
        assert_eq!(
            Number::parse("0.1234567890123456"),
            Err(NumberError::TooPrecise)
        );
        for bad in [
            "", "NaN", "inf", "-", "1.", ".5", "1,5", " 1", "1e", "0x10", "1e+",
        ] {
            assert_eq!(Number::parse(bad), Err(NumberError::Form), "{bad:?}");
        }
        assert_eq!(Number::parse("1e400"), Err(NumberError::OutOfRange));
        assert_eq!(Number::parse("1e9999999"), Err(NumberError::OutOfRange));
        assert!((n("62.5").to_f64() - 62.5).abs() < 1e-12);
    }

    fn date(t: &str) -> Date {
        Date::parse_iso(t).unwrap()
    }

    #[test]
    fn behind_means_below_the_straight_line_or_past_the_target_date() {
        let ind = Indicator {
            baseline: Some(Figure {
                value: n("60"),
                date: Some(date("2011")),
                extra: None,
            }),
            target: Some(Figure {
                value: n("80"),
                date: Some(date("2013")),
                extra: None,
            }),
            direction: Some(Direction::Increase),
            ..Indicator::default()
        };
        let at = |t: &str, v: &str| Reading {
            date: date(t),
            value: n(v),
        };
        // Halfway in time (end of 2012), the line says 70.
        assert!(ind.is_behind(&[at("2012-12", "65")], date("2013-01-15")));
        assert!(!ind.is_behind(&[at("2012-12", "72")], date("2013-01-15")));
        // Past the target period without reaching it.
        assert!(ind.is_behind(&[at("2013-12", "79")], date("2014-02-01")));
        assert!(!ind.is_behind(&[at("2013-12", "80")], date("2014-02-01")));
        // No reading and the target period is over: behind.
        assert!(ind.is_behind(&[], date("2014-02-01")));
        // No target: never behind.
        let free = Indicator::default();
        assert!(!free.is_behind(&[at("2013-12", "1")], date("2020")));
    }
}
