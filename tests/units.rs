//! Property tests of `units` through the public API: what is printed reads back, and what an
//! officer might type never panics. Plus the demo plan's speed and its dates in Danish.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

use proptest::prelude::*;
use virkplan::demo::{DemoSpec, generate};
use virkplan::model::Date;
use virkplan::units::{
    format_amount, format_date, format_date_capitalised, format_decimal, parse_amount,
    parse_date_input,
};

fn any_date() -> impl Strategy<Value = Date> {
    (1000i32..=9999, 1u8..=12, 0u8..=31).prop_filter_map("a real date", |(y, m, d)| {
        if d == 0 {
            Date::month(y, m).ok()
        } else {
            Date::day(y, m, d).ok()
        }
    })
}

proptest! {
    #[test]
    fn every_amount_reads_back(v in any::<i64>()) {
        prop_assert_eq!(parse_amount(&format_amount(v)), Ok(v));
        prop_assert_eq!(parse_amount(&format!("{v}")), Ok(v));
        prop_assert_eq!(parse_amount(&format!(" {} kr. ", format_amount(v))), Ok(v));
        prop_assert_eq!(parse_amount(&format_amount(v).replace('.', " ")), Ok(v));
    }

    #[test]
    fn every_date_reads_back(d in any_date()) {
        prop_assert_eq!(parse_date_input(&format_date(d)), Ok(d));
        prop_assert_eq!(parse_date_input(&format_date_capitalised(d)), Ok(d));
        prop_assert_eq!(parse_date_input(&d.to_string()), Ok(d));
    }

    #[test]
    fn typed_text_never_panics(s in "\\PC{0,24}") {
        let _ = parse_amount(&s);
        let _ = parse_date_input(&s);
    }

    #[test]
    fn typed_dates_never_panic(s in "[0-9 ./\\-a-zæøå]{0,20}") {
        if let Ok(d) = parse_date_input(&s) {
            prop_assert_eq!(Date::parse_iso(&d.to_string()), Ok(d));
        }
    }

    #[test]
    fn whole_decimals_group_like_amounts(v in -1_000_000_000_000i64..1_000_000_000_000) {
        prop_assert_eq!(format_decimal(v as f64, 0), format_amount(v));
    }
}

#[test]
fn the_demo_plan_prints_in_danish() {
    let doc = generate(&DemoSpec::default());
    let plan = &doc.plans[0];
    for (_, goal) in plan.goals() {
        for f in &goal.follow_ups {
            let head = format_date_capitalised(f.date);
            assert!(head.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
            assert_eq!(parse_date_input(&head), Ok(f.date));
        }
    }
    for row in &plan.budget.rows {
        assert_eq!(parse_amount(&format_amount(row.income)), Ok(row.income));
    }
}

#[test]
fn the_big_demo_plan_is_quick() {
    let spec = DemoSpec {
        areas: 40,
        goals_per_area: 25,
        follow_ups_per_goal: 8,
        seed: 1,
    };
    let start = std::time::Instant::now();
    let doc = generate(&spec);
    let took = start.elapsed();
    assert_eq!(doc.plans[0].goals().count(), 1000);
    // Generous so that an unoptimised build on a busy machine passes; release is far faster.
    assert!(took.as_millis() < 2_000, "{took:?}");
}
