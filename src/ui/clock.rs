//! The wall-clock time for "Gemt 14:03:12": Danish time (CET/CEST), computed from the system
//! clock without a time-zone database. The users sit in Denmark.

use std::time::{SystemTime, UNIX_EPOCH};

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The year of a day count since 1970-01-01.
fn year_of(days: i64) -> i64 {
    civil_from_days(days).0
}

/// Seconds since the epoch of 01:00 UTC on the last Sunday of a 31-day month: when EU summer
/// time starts (March) and ends (October).
fn switch_at(year: i64, month: i64) -> i64 {
    let last = days_from_civil(year, month, 31);
    let weekday = (last + 4).rem_euclid(7); // 0 = Sunday; 1970-01-01 was a Thursday
    (last - weekday) * 86_400 + 3_600
}

/// Hours, minutes and seconds in Danish time of `seconds` since the Unix epoch.
pub fn danish_hms(seconds: i64) -> (u32, u32, u32) {
    let s = local_seconds(seconds).rem_euclid(86_400);
    // `s` is below 86 400, so the casts cannot truncate.
    ((s / 3_600) as u32, (s / 60 % 60) as u32, (s % 60) as u32)
}

/// The civil date (year, month, day) of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    // Both are small and positive by construction.
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// Danish local time in seconds since the epoch (UTC + 1, or + 2 in summer).
fn local_seconds(seconds: i64) -> i64 {
    let year = year_of(seconds.div_euclid(86_400));
    let summer = seconds >= switch_at(year, 3) && seconds < switch_at(year, 10);
    seconds + if summer { 7_200 } else { 3_600 }
}

fn now_seconds() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
}

/// Today's date in Denmark, e.g. for "Godkendt den".
pub fn today() -> crate::model::Date {
    let (y, m, d) = civil_from_days(local_seconds(now_seconds()).div_euclid(86_400));
    let year = i32::try_from(y).unwrap_or(2000);
    crate::model::Date::day(year, m as u8, d as u8)
        .unwrap_or(crate::model::Date::Month { year, month: 1 })
}

/// The day `days` after `date` (for a period: after its first day), e.g. a reply deadline
/// two weeks from today.
pub fn days_after(date: crate::model::Date, days: i64) -> crate::model::Date {
    let (y, m, d) = date.first_day();
    let (y, m, d) =
        civil_from_days(days_from_civil(i64::from(y), i64::from(m), i64::from(d)) + days);
    let year = i32::try_from(y).unwrap_or(2000);
    crate::model::Date::day(year, m as u8, d as u8).unwrap_or(date)
}

/// "14:03:12", Danish time, now.
pub fn now_text() -> String {
    let (h, m, s) = danish_hms(now_seconds());
    format!("{h:02}:{m:02}:{s:02}")
}

/// Now, Danish time, to the minute: when a version is saved.
pub fn now_moment() -> crate::model::Moment {
    let local = local_seconds(now_seconds());
    let (y, mo, d) = civil_from_days(local.div_euclid(86_400));
    let s = local.rem_euclid(86_400);
    let year = i32::try_from(y).unwrap_or(2000);
    // The parts are in range by construction; the fallback is never taken.
    crate::model::Moment::new(
        year,
        mo as u8,
        d as u8,
        (s / 3_600) as u8,
        (s / 60 % 60) as u8,
    )
    .unwrap_or(crate::model::Moment {
        year,
        month: 1,
        day: 1,
        hour: 0,
        minute: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i64, mo: i64, d: i64, h: i64, mi: i64) -> i64 {
        days_from_civil(y, mo, d) * 86_400 + h * 3_600 + mi * 60
    }

    #[test]
    fn winter_is_utc_plus_one() {
        assert_eq!(danish_hms(at(2026, 1, 15, 12, 0)), (13, 0, 0));
        assert_eq!(danish_hms(at(2026, 11, 23, 23, 30)), (0, 30, 0));
    }

    #[test]
    fn summer_is_utc_plus_two_from_the_last_sunday_of_march_to_that_of_october() {
        // 2026: summer time 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(danish_hms(at(2026, 3, 29, 0, 59)), (1, 59, 0));
        assert_eq!(danish_hms(at(2026, 3, 29, 1, 0)), (3, 0, 0));
        assert_eq!(danish_hms(at(2026, 10, 25, 0, 59)), (2, 59, 0));
        assert_eq!(danish_hms(at(2026, 10, 25, 1, 0)), (2, 0, 0));
    }

    #[test]
    fn dates_come_back_from_day_counts() {
        assert_eq!(
            civil_from_days(days_from_civil(2026, 11, 23)),
            (2026, 11, 23)
        );
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
        assert_eq!(civil_from_days(0), (1970, 1, 1));
    }

    #[test]
    fn days_after_cross_months_and_years() {
        let d = |y, m, d| crate::model::Date::day(y, m, d).unwrap();
        assert_eq!(days_after(d(2026, 12, 3), 14), d(2026, 12, 17));
        assert_eq!(days_after(d(2026, 12, 24), 14), d(2027, 1, 7));
        assert_eq!(days_after(d(2024, 2, 20), 14), d(2024, 3, 5));
    }

    #[test]
    fn civil_days_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(year_of(days_from_civil(2024, 12, 31)), 2024);
        assert_eq!(year_of(days_from_civil(2025, 1, 1)), 2025);
    }
}
