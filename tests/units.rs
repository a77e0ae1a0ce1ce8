//! `units` through the public API: every phrasing of a date that plan-format.md lists (version 2)
//! and every refusal, figures as officers type them, property tests that what is printed reads
//! back and that what an officer might type never panics, and the demo plan's dates and
//! figures in Danish.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

use proptest::prelude::*;
use std::collections::HashMap;
use virkplan::demo::{DemoSpec, generate};
use virkplan::document::{Created, Document};
use virkplan::model::{Command, Date, GoalId, Number, Period, Plan, next_plan};
use virkplan::units::{
    DateInputError, NumberInputError, format_amount, format_date, format_date_capitalised,
    format_decimal, format_figure, format_number, parse_amount, parse_date_input,
    parse_number_input, understood_as,
};

/// Any period of the five forms: a day, a month, a quarter, a half year, a year.
fn any_date() -> impl Strategy<Value = Date> {
    (1000i32..=9999, 0u8..5, 1u8..=12, 1u8..=31).prop_filter_map(
        "a real date",
        |(y, form, m, d)| match form {
            0 => Date::day(y, m, d).ok(),
            1 => Date::month(y, m).ok(),
            2 => Date::quarter(y, (m - 1) / 3 + 1).ok(),
            3 => Date::half(y, (m - 1) / 6 + 1).ok(),
            _ => Date::whole_year(y).ok(),
        },
    )
}

fn iso(text: &str) -> Date {
    Date::parse_iso(text).unwrap()
}

fn number(text: &str) -> Number {
    Number::parse(text).unwrap()
}

/// Every phrasing plan-format.md's DATE (version 2) lists, in any case and spacing.
#[test]
fn every_phrasing_of_the_spec_gives_its_period() {
    let phrasings = [
        // Years.
        ("2013", "2013"),
        ("i 2013", "2013"),
        ("inden udgangen af 2013", "2013"),
        ("Inden  udgangen af   2013", "2013"),
        ("ved udgangen af 2013", "2013"),
        ("senest i 2013", "2013"),
        ("i løbet af 2013", "2013"),
        // Primo, medio and ultimo stay months.
        ("primo 2013", "2013-01"),
        ("medio 2013", "2013-06"),
        ("ultimo 2013", "2013-12"),
        ("senest ultimo 2013", "2013-12"),
        // First half.
        ("1. halvår 2013", "2013-H1"),
        ("første halvår 2013", "2013-H1"),
        ("første halvdel af 2013", "2013-H1"),
        ("Første Halvdel Af 2013", "2013-H1"),
        ("1.halvår 2013", "2013-H1"),
        ("1 halvår 2013", "2013-H1"),
        // Second half.
        ("2. halvår 2013", "2013-H2"),
        ("andet halvår 2013", "2013-H2"),
        ("sidste halvdel af 2013", "2013-H2"),
        ("anden halvdel af 2013", "2013-H2"),
        ("i 2. halvår 2013", "2013-H2"),
        ("inden udgangen af 2. halvår 2013", "2013-H2"),
        ("H2 2013", "2013-H2"),
        // Quarters.
        ("3. kvartal 2013", "2013-Q3"),
        ("Q3 2013", "2013-Q3"),
        ("q3 2013", "2013-Q3"),
        ("Q3-2013", "2013-Q3"),
        ("3. kvt. 2013", "2013-Q3"),
        ("3 kvt 2013", "2013-Q3"),
        ("tredje kvartal 2013", "2013-Q3"),
        ("fjerde kvartal 2013", "2013-Q4"),
        ("sidste kvartal 2013", "2013-Q4"),
        ("1. KVARTAL 2013", "2013-Q1"),
        // The stored forms.
        ("2013-Q3", "2013-Q3"),
        ("2013-q3", "2013-Q3"),
        ("2013-H2", "2013-H2"),
        ("2013-06", "2013-06"),
        ("2013-06-30", "2013-06-30"),
        // The version-1 forms.
        ("juni 2013", "2013-06"),
        ("30.6.2013", "2013-06-30"),
        ("30. juni 2013", "2013-06-30"),
        ("  30. JUNI 2013 ", "2013-06-30"),
    ];
    for (typed, stored) in phrasings {
        assert_eq!(parse_date_input(typed), Ok(iso(stored)), "{typed:?}");
    }
}

/// What no period holds exactly is refused, and the message names the nearest forms.
#[test]
fn vague_times_are_refused_with_the_nearest_forms() {
    let refusals = [
        (
            "efteråret 2016",
            "skriv fx «2. halvår 2016» eller «september 2016»",
        ),
        (
            "i efteråret 2016",
            "«2. halvår 2016» eller «september 2016»",
        ),
        ("inden sommeren 2012", "«1. halvår 2012» eller «juni 2012»"),
        ("foråret 2014", "«1. halvår 2014» eller «maj 2014»"),
        ("sommeren 2014", "«3. kvartal 2014» eller «august 2014»"),
        (
            "efter sommerferien 2014",
            "«2. halvår 2014» eller «september 2014»",
        ),
        ("vinteren 2014", "«4. kvartal 2014» eller «1. kvartal 2015»"),
        ("inden jul 2014", "«november 2014» eller «december 2014»"),
        ("inden 2013", "«2012» eller «december 2012»"),
        ("før juni 2013", "«maj 2013»"),
        ("efter 2. halvår 2013", "«1. halvår 2014»"),
        ("inden 1. juni 2013", "«31. maj 2013»"),
    ];
    for (typed, nearest) in refusals {
        let message = parse_date_input(typed).unwrap_err().to_string();
        assert!(
            message.starts_with(&format!("«{typed}» kan ikke placeres præcist i tiden")),
            "{typed:?}: {message}"
        );
        assert!(message.contains(nearest), "{typed:?}: {message}");
    }
    // Without a year, the forms are named without one and the year is asked for.
    for (typed, nearest) in [
        ("foråret", "«1. halvår» eller «maj» med årstallet"),
        ("vinter", "«4. kvartal» eller «1. kvartal» med årstallet"),
        ("Efteråret", "«2. halvår» eller «september» med årstallet"),
    ] {
        let message = parse_date_input(typed).unwrap_err().to_string();
        assert!(message.contains(nearest), "{typed:?}: {message}");
        assert!(!message.contains("2013"), "{typed:?}: {message}");
    }
}

/// Every other refusal, each with the sentence that says what to do.
#[test]
fn dates_that_cannot_be_read_are_refused_with_a_reason() {
    use DateInputError::*;
    let refusals: [(&str, DateInputError); 14] = [
        ("", Empty),
        ("snart", Form),
        ("i morgen", Form),
        ("13", Form),
        ("2. halvår", NoYear("2. halvår".into())),
        ("andet halvår", NoYear("andet halvår".into())),
        ("3. kvt.", NoYear("3. kvartal".into())),
        ("ultimo", NoYear("ultimo".into())),
        ("5. kvartal 2013", NoSuchQuarter(5)),
        ("Q0 2013", NoSuchQuarter(0)),
        ("3. halvår 2013", NoSuchHalf(3)),
        (
            "2013-2014",
            Range {
                typed: "2013-2014".into(),
                last: 2014,
            },
        ),
        (
            "2013/14",
            Range {
                typed: "2013/14".into(),
                last: 2014,
            },
        ),
        ("1. halvår 0999", Year),
    ];
    for (typed, want) in refusals {
        assert_eq!(parse_date_input(typed), Err(want), "{typed:?}");
    }
    let messages = [
        (
            Empty,
            "Skriv en dato eller en periode, fx 2013, 2. halvår 2013, 3. kvartal 2013",
        ),
        (
            Form,
            "Datoen kan ikke læses; skriv fx 2013, 2. halvår 2013, 3. kvartal 2013, juni 2013, ultimo 2013, 30.6.2013 eller 30. juni 2013",
        ),
        (
            NoYear("2. halvår".into()),
            "Der mangler et årstal; skriv fx «2. halvår 2013»",
        ),
        (
            NoSuchQuarter(5),
            "Der er intet 5. kvartal; et år har fire kvartaler, fx 3. kvartal 2013",
        ),
        (
            NoSuchHalf(3),
            "Der er intet 3. halvår; et år har to halvår, fx 2. halvår 2013",
        ),
        (
            Range {
                typed: "2013/14".into(),
                last: 2014,
            },
            "«2013/14» er flere år; skriv én periode, fx «2014» eller «2. halvår 2014»",
        ),
    ];
    for (error, message) in messages {
        assert!(error.to_string().starts_with(message), "{error}");
    }
    // A month of a year is still a month, not a span.
    assert_eq!(parse_date_input("2011-12"), Ok(iso("2011-12")));
    assert_eq!(parse_date_input("2013/06"), Ok(iso("2013-06")));
}

#[test]
fn every_form_prints_in_danish_and_the_hint_says_what_was_understood() {
    let printed = [
        ("2013-06-30", "30. juni 2013"),
        ("2013-06", "juni 2013"),
        ("2013-Q3", "3. kvartal 2013"),
        ("2013-H2", "2. halvår 2013"),
        ("2013", "2013"),
    ];
    for (stored, danish) in printed {
        assert_eq!(format_date(iso(stored)), danish);
    }
    assert_eq!(
        understood_as(parse_date_input("andet halvår 2013").unwrap()),
        "forstået som 2. halvår 2013"
    );
    assert_eq!(
        understood_as(parse_date_input("primo 2013").unwrap()),
        "forstået som januar 2013"
    );
    assert_eq!(
        understood_as(parse_date_input("inden udgangen af 2013").unwrap()),
        "forstået som hele året 2013"
    );
    assert_eq!(
        understood_as(parse_date_input("Q3 2013").unwrap()),
        "forstået som 3. kvartal 2013"
    );
}

#[test]
fn figures_are_typed_and_printed_the_danish_way() {
    for (typed, value, printed) in [
        ("62,5", "62.5", "62,5"),
        ("62.5", "62.5", "62,5"),
        ("1.250", "1250", "1.250"),
        ("-3", "-3", "-3"),
        (" 75 ", "75", "75"),
    ] {
        assert_eq!(parse_number_input(typed), Ok(number(value)), "{typed:?}");
        assert_eq!(format_number(number(value)), printed);
    }
    assert_eq!(format_figure(number("62.5"), "%"), "62,5\u{a0}%");
    assert_eq!(format_figure(number("1250"), "kr."), "1.250\u{a0}kr.");
    assert_eq!(
        format_figure(number("4"), "mestringskonsulenter").replace('\u{a0}', " "),
        "4 mestringskonsulenter"
    );
    assert_eq!(
        parse_number_input("60 %").unwrap_err().to_string(),
        "skriv et tal, fx 60 eller 62,5; enheden står i feltet Enhed"
    );
    assert_eq!(
        parse_number_input("1234567890123456"),
        Err(NumberInputError::TooPrecise)
    );
    assert_ne!(
        NumberInputError::TooPrecise.to_string(),
        NumberInputError::Unit.to_string()
    );
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
        prop_assert!(understood_as(d).starts_with("forstået som "));
        let shouted = format!("  {}  ", format_date(d).to_uppercase().replace(' ', "   "));
        prop_assert_eq!(parse_date_input(&shouted), Ok(d));
        prop_assert_eq!(parse_date_input(&format_date_capitalised(d)), Ok(d));
        prop_assert_eq!(parse_date_input(&d.to_string()), Ok(d));
    }

    #[test]
    fn typed_text_never_panics(s in "\\PC{0,24}") {
        let _ = parse_amount(&s);
        let _ = parse_date_input(&s);
    }

    #[test]
    fn every_figure_reads_back(mantissa in -999_999_999_999_999i64..=999_999_999_999_999, scale in 0u32..=15) {
        let text = if scale == 0 {
            mantissa.to_string()
        } else {
            let digits = format!("{:0>width$}", mantissa.unsigned_abs(), width = scale as usize + 1);
            let (whole, fraction) = digits.split_at(digits.len() - scale as usize);
            format!("{}{whole}.{fraction}", if mantissa < 0 { "-" } else { "" })
        };
        let n = Number::parse(&text).unwrap();
        prop_assert_eq!(parse_number_input(&format_number(n)), Ok(n));
        prop_assert_eq!(parse_number_input(&n.plain(',')), Ok(n));
    }

    #[test]
    fn typed_figures_never_panic(s in "[0-9 .,+\\-%a-z\u{a0}\u{2212}]{0,24}") {
        let _ = parse_number_input(&s);
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
    for (_, goal) in plan.goals() {
        if let Some(deadline) = goal.deadline {
            assert_eq!(parse_date_input(&format_date(deadline)), Ok(deadline));
        }
        for indicator in &goal.indicators {
            for reading in goal.readings(indicator.id) {
                let printed = format_figure(reading.value, &indicator.unit);
                let (value, unit) = printed.split_once('\u{a0}').unwrap();
                assert_eq!(unit, indicator.unit);
                assert_eq!(parse_number_input(value), Ok(reading.value));
            }
        }
    }
    for row in &plan.budget.rows {
        assert_eq!(parse_amount(&format_amount(row.income)), Ok(row.income));
    }
}

/// What a plan's figures say, without row ids: per goal its indicators, the measurements of
/// each follow-up (by the indicator's place), its milestones, its related goals (by place) and
/// its focus area's owners (by name).
fn figures_of(plan: &Plan, names: &HashMap<i64, String>) -> Vec<String> {
    let places: HashMap<GoalId, (usize, usize)> = plan
        .numbered_goals()
        .map(|(a, g, _, goal)| (goal.id, (a, g)))
        .collect();
    let mut out = Vec::new();
    for (_, _, area, goal) in plan.numbered_goals() {
        let owners: Vec<&String> = area.owners.iter().map(|o| &names[&o.0]).collect();
        out.push(format!("{owners:?}"));
        for i in &goal.indicators {
            out.push(format!(
                "{} {} {:?} {:?} {:?}",
                i.name,
                i.unit,
                i.baseline.as_ref().map(|f| (f.value, f.date)),
                i.target.as_ref().map(|f| (f.value, f.date)),
                i.direction
            ));
        }
        for f in &goal.follow_ups {
            let values: Vec<(Option<usize>, Number)> = f
                .measurements
                .iter()
                .map(|m| {
                    (
                        goal.indicators.iter().position(|i| i.id == m.indicator),
                        m.value,
                    )
                })
                .collect();
            out.push(format!("{} {values:?}", f.date));
        }
        for m in &goal.milestones {
            out.push(format!("{} {:?} {}", m.text, m.date, m.done));
        }
        let related: Vec<_> = goal.related.iter().map(|r| places.get(r)).collect();
        out.push(format!("{related:?}"));
    }
    out
}

/// The demo plan is what the benchmarks measure: it must reach a plan file whole, and roll
/// over with its figures.
#[test]
fn the_demo_plan_keeps_its_figures_in_a_plan_file_and_rolls_over() {
    let dir = tempfile::tempdir().unwrap();
    let mut document = Document::open_or_create(&dir.path().join("demo.sqlite")).unwrap();
    let generated = generate(&DemoSpec {
        areas: 4,
        goals_per_area: 5,
        follow_ups_per_goal: 3,
        seed: 31,
    });
    let id = document.import(&generated).unwrap()[0];
    let stored = document.load_plan(id).unwrap();
    let generated_names: HashMap<i64, String> = generated
        .people
        .iter()
        .map(|p| (p.id.0, p.name.clone()))
        .collect();
    let stored_names: HashMap<i64, String> = document
        .people()
        .unwrap()
        .into_iter()
        .map(|p| (p.id.0, p.name))
        .collect();
    assert_eq!(
        figures_of(&stored, &stored_names),
        figures_of(&generated.plans[0], &generated_names)
    );
    assert!(stored.goals().any(|(_, g)| !g.related.is_empty()));

    let next = next_plan(
        &stored,
        "Virksomhedsplan 2029/2030",
        Period::new(2029, 2030).unwrap(),
    );
    let applied = document.apply(Command::InsertPlan(Box::new(next))).unwrap();
    let Some(Created::Plan(new_id)) = applied.created else {
        panic!("a new plan: {:?}", applied.created)
    };
    let rolled = document.load_plan(new_id).unwrap();
    let carried: Vec<_> = stored
        .goals()
        .filter(|(_, g)| !g.status.is_some_and(|s| s.is_closed()))
        .collect();
    assert_eq!(rolled.goals().count(), carried.len());
    for ((_, new), (_, old)) in rolled.goals().zip(carried) {
        assert_eq!(new.continues, Some(old.id));
        for (n, o) in new.indicators.iter().zip(&old.indicators) {
            let latest = old.readings(o.id).last().copied().unwrap();
            let baseline = n.baseline.as_ref().unwrap();
            assert_eq!(
                (baseline.value, baseline.date),
                (latest.value, Some(latest.date))
            );
            assert_eq!(n.target, o.target);
        }
        let open: Vec<&str> = old
            .milestones
            .iter()
            .filter(|m| !m.done)
            .map(|m| m.text.as_str())
            .collect();
        let kept: Vec<&str> = new.milestones.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(kept, open);
        // The demo relates goals within its one plan: those links stay with it.
        assert!(new.related.is_empty());
    }
    let owners = |p: &Plan| {
        p.focus_areas
            .iter()
            .map(|a| a.owners.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(owners(&rolled), owners(&stored));
}
