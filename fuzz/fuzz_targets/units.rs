//! The Danish number and date parsers with arbitrary text: `parse_amount` and
//! `parse_date_input` answer every text with a value or an error (whose Danish sentence can be
//! shown), never a panic; and what they read prints and reads back as the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use virkplan::model::Date;
use virkplan::units::{
    format_amount, format_date, format_date_capitalised, format_decimal, format_percent,
    parse_amount, parse_date_input,
};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);

    match parse_amount(&text) {
        // format_amount prints any i64, and parse_amount reads what it prints.
        Ok(v) => {
            assert_eq!(parse_amount(&format_amount(v)), Ok(v), "{text:?}");
            assert_eq!(parse_amount(&format!("{v}")), Ok(v), "{text:?}");
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }

    match parse_date_input(&text) {
        // Every accepted date is a real date that prints in running text, capitalised and in
        // ISO form, and each of those reads back as the same date.
        Ok(d) => {
            assert_eq!(parse_date_input(&format_date(d)), Ok(d), "{text:?}");
            assert_eq!(
                parse_date_input(&format_date_capitalised(d)),
                Ok(d),
                "{text:?}"
            );
            assert_eq!(parse_date_input(&d.to_string()), Ok(d), "{text:?}");
            assert_eq!(Date::parse_iso(&d.to_string()), Ok(d), "{text:?}");
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }

    // The raw bytes as numbers: every i64 prints and reads back; every f64 prints without a
    // panic, and a whole one within i64 prints with 0 decimals as the amount does.
    if let Some(bytes) = data.get(..8) {
        let bytes: [u8; 8] = bytes.try_into().expect("8 bytes");
        let v = i64::from_le_bytes(bytes);
        assert_eq!(parse_amount(&format_amount(v)), Ok(v));
        let f = f64::from_le_bytes(bytes);
        let decimals = usize::from(data.get(8).copied().unwrap_or(0) % 8);
        let printed = format_decimal(f, decimals);
        assert!(!printed.is_empty());
        assert!(format_percent(f, decimals).ends_with('%'));
        if f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e18 {
            assert_eq!(format_decimal(f, 0), format_amount(f as i64), "{f}");
        }
    }
});
