//! One test per rule of plan-format.md: a small document that breaks exactly that rule, and
//! the JSON path (and a Danish word of the message) the error must name. Plus the positive
//! cases: the reference plan, `null` for optional fields, a BOM, `extra`, follow-up order.
//! Version 1's rules first (`base()` says version 1), then version 2's (`base_v2()`), with
//! the example document `tests/data/plan-v2-example.json` read field by field.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

use serde_json::{Value, json};
use virkplan::json::{FormatError, parse_document, write_document};
use virkplan::model::{
    AreaNumbering, Date, Direction, EmptyFields, GoalId, GoalNumbering, IndicatorId, Number,
    PersonId, PlanBundle, PlanId, PlanState, Status,
};

const REFERENCE: &str = "tests/data/virksomhedsplan-albertslund-sof-2012-2013.json";

/// A small valid document: two people, plan `p2` follows up `p1`, one goal continues another.
fn base() -> Value {
    json!({
        "format": "virkplan",
        "version": 1,
        "people": [
            { "key": "anna", "name": "Anna Ås" },
            { "key": "bo", "name": "Bo Berg" }
        ],
        "plans": [
            {
                "key": "p1",
                "title": "Virksomhedsplan 2010/2011",
                "organisation": "Forvaltningen",
                "period": { "start": 2010, "end": 2011 },
                "focus_areas": [
                    { "title": "Sundhed",
                      "goals": [ { "key": "g1", "text": "Mål et", "owners": ["anna"] } ] }
                ]
            },
            {
                "key": "p2",
                "previous": "p1",
                "title": "Virksomhedsplan 2012/2013",
                "organisation": "Forvaltningen",
                "period": { "start": 2012, "end": 2013 },
                "sections": [ { "title": "Hvem er vi?", "body": "Vi er os." } ],
                "budget": { "rows": [ { "area": "Ældrepleje", "expenses": 100, "income": -50 } ] },
                "focus_areas": [
                    { "title": "Ældre",
                      "goals": [ {
                          "key": "g2",
                          "continues": "g1",
                          "text": "Mål to",
                          "owners": ["anna", "bo"],
                          "deadline": "2013-06",
                          "status": "on_track",
                          "follow_ups": [ { "date": "2012-06", "status": "on_track", "text": "I gang" } ]
                      } ] }
                ]
            }
        ]
    })
}

fn parse(doc: &Value) -> Result<virkplan::model::PlanBundle, FormatError> {
    parse_document(doc.to_string().as_bytes())
}

/// Parsing `doc` fails at `path`, and the Danish sentence contains `word`.
#[track_caller]
fn rejected_text(text: &str, path: &str, word: &str) -> FormatError {
    let err = match parse_document(text.as_bytes()) {
        Ok(_) => panic!("accepted, expected an error at {path}: {text}"),
        Err(err) => err,
    };
    let sentence = err.to_string();
    assert_eq!(err.path(), Some(path), "wrong path in «{sentence}»");
    assert!(sentence.starts_with(&format!("{path}: ")), "«{sentence}»");
    assert!(sentence.contains(word), "«{sentence}» lacks «{word}»");
    err
}

#[track_caller]
fn rejected(doc: Value, path: &str, word: &str) -> FormatError {
    rejected_text(&doc.to_string(), path, word)
}

/// `base()` with `f` applied.
fn with(f: impl FnOnce(&mut Value)) -> Value {
    let mut doc = base();
    f(&mut doc);
    doc
}

fn remove(v: &mut Value, field: &str) {
    v.as_object_mut().expect("an object").remove(field);
}

fn goal2(doc: &mut Value) -> &mut Value {
    &mut doc["plans"][1]["focus_areas"][0]["goals"][0]
}

const GOAL2: &str = "plans[1].focus_areas[0].goals[0]";

#[test]
fn the_base_document_is_valid() {
    let doc = parse(&base()).expect("base parses");
    assert_eq!(doc.plans.len(), 2);
    assert_eq!(doc.plans[1].previous, Some(PlanId(0)));
    let g2 = &doc.plans[1].focus_areas[0].goals[0];
    assert_eq!(g2.continues, Some(doc.plans[0].focus_areas[0].goals[0].id));
    assert_eq!(g2.owners, vec![PersonId(0), PersonId(1)]);
}

// ---- format and version -------------------------------------------------------------------

#[test]
fn format_is_required() {
    rejected(with(|d| remove(d, "format")), "format", "mangler");
}

#[test]
fn format_must_be_virkplan() {
    rejected(with(|d| d["format"] = json!("vplan")), "format", "virkplan");
}

#[test]
fn version_is_required() {
    rejected(with(|d| remove(d, "version")), "version", "mangler");
}

#[test]
fn a_higher_version_was_written_by_a_newer_program() {
    let err = rejected(with(|d| d["version"] = json!(3)), "version", "nyere");
    assert!(matches!(err, FormatError::NewerVersion { version: 3 }));
    assert!(err.to_string().contains("læser version 1 til 2"), "{err}");
}

#[test]
fn a_newer_version_is_reported_even_with_fields_we_do_not_know() {
    let err = rejected(
        with(|d| {
            d["version"] = json!(3);
            d["plans"][0]["new_thing"] = json!(true);
        }),
        "version",
        "nyere",
    );
    assert!(matches!(err, FormatError::NewerVersion { version: 3 }));
}

#[test]
fn version_zero_is_not_a_version() {
    rejected(with(|d| d["version"] = json!(0)), "version", "version");
}

#[test]
fn version_must_be_a_number_not_a_text() {
    rejected(
        with(|d| d["version"] = json!("1")),
        "version",
        "forkert type",
    );
}

#[test]
fn version_one_point_zero_is_not_a_whole_number() {
    rejected_text(
        &base()
            .to_string()
            .replace("\"version\":1", "\"version\":1.0"),
        "version",
        "helt tal",
    );
}

// ---- required fields ----------------------------------------------------------------------

#[test]
fn plans_is_required() {
    rejected(with(|d| remove(d, "plans")), "plans", "mangler");
}

#[test]
fn person_key_is_required() {
    rejected(
        with(|d| remove(&mut d["people"][0], "key")),
        "people[0].key",
        "mangler",
    );
}

#[test]
fn person_name_is_required() {
    rejected(
        with(|d| remove(&mut d["people"][1], "name")),
        "people[1].name",
        "mangler",
    );
}

#[test]
fn plan_key_is_required() {
    rejected(
        with(|d| remove(&mut d["plans"][0], "key")),
        "plans[0].key",
        "mangler",
    );
}

#[test]
fn plan_title_is_required() {
    rejected(
        with(|d| remove(&mut d["plans"][1], "title")),
        "plans[1].title",
        "mangler",
    );
}

#[test]
fn plan_organisation_is_required() {
    rejected(
        with(|d| remove(&mut d["plans"][0], "organisation")),
        "plans[0].organisation",
        "mangler",
    );
}

#[test]
fn plan_period_is_required() {
    rejected(
        with(|d| remove(&mut d["plans"][0], "period")),
        "plans[0].period",
        "mangler",
    );
}

#[test]
fn period_start_and_end_are_required() {
    rejected(
        with(|d| remove(&mut d["plans"][0]["period"], "start")),
        "plans[0].period.start",
        "mangler",
    );
    rejected(
        with(|d| remove(&mut d["plans"][1]["period"], "end")),
        "plans[1].period.end",
        "mangler",
    );
}

#[test]
fn section_title_is_required() {
    rejected(
        with(|d| remove(&mut d["plans"][1]["sections"][0], "title")),
        "plans[1].sections[0].title",
        "mangler",
    );
}

#[test]
fn focus_area_title_is_required() {
    rejected(
        with(|d| remove(&mut d["plans"][0]["focus_areas"][0], "title")),
        "plans[0].focus_areas[0].title",
        "mangler",
    );
}

#[test]
fn goal_text_is_required() {
    rejected(
        with(|d| remove(goal2(d), "text")),
        &format!("{GOAL2}.text"),
        "mangler",
    );
}

#[test]
fn budget_row_area_expenses_and_income_are_required() {
    for field in ["area", "expenses", "income"] {
        rejected(
            with(|d| remove(&mut d["plans"][1]["budget"]["rows"][0], field)),
            &format!("plans[1].budget.rows[0].{field}"),
            "mangler",
        );
    }
}

#[test]
fn follow_up_date_is_required() {
    rejected(
        with(|d| remove(&mut goal2(d)["follow_ups"][0], "date")),
        &format!("{GOAL2}.follow_ups[0].date"),
        "mangler",
    );
}

#[test]
fn null_is_not_a_value_for_a_required_field() {
    rejected(
        with(|d| d["plans"][0]["title"] = Value::Null),
        "plans[0].title",
        "forkert type",
    );
}

// ---- blank texts --------------------------------------------------------------------------

#[test]
fn blank_titles_names_organisation_goal_text_and_area_are_errors() {
    type Field = fn(&mut Value) -> &mut Value;
    let cases: [(Field, &str, &str); 7] = [
        (|d| &mut d["people"][0]["name"], "people[0].name", "name"),
        (|d| &mut d["plans"][0]["title"], "plans[0].title", "title"),
        (
            |d| &mut d["plans"][1]["organisation"],
            "plans[1].organisation",
            "organisation",
        ),
        (
            |d| &mut d["plans"][1]["sections"][0]["title"],
            "plans[1].sections[0].title",
            "title",
        ),
        (
            |d| &mut d["plans"][0]["focus_areas"][0]["title"],
            "plans[0].focus_areas[0].title",
            "title",
        ),
        (
            |d| &mut goal2(d)["text"],
            "plans[1].focus_areas[0].goals[0].text",
            "text",
        ),
        (
            |d| &mut d["plans"][1]["budget"]["rows"][0]["area"],
            "plans[1].budget.rows[0].area",
            "area",
        ),
    ];
    for (field, path, name) in cases {
        for blank in ["", " ", " \n\t\u{a0}"] {
            let err = rejected(with(|d| *field(d) = json!(blank)), path, "tom");
            assert!(err.to_string().contains(&format!("«{name}»")), "{err}");
        }
    }
}

// ---- unknown and duplicate members --------------------------------------------------------

#[test]
fn an_unknown_field_is_a_typo() {
    rejected(
        with(|d| d["plan"] = json!([])),
        "plan",
        "ukendt felt «plan» (stavefejl?)",
    );
    rejected(
        with(|d| goal2(d)["onwers"] = json!(["bo"])),
        &format!("{GOAL2}.onwers"),
        "stavefejl",
    );
    rejected(
        with(|d| d["plans"][0]["period"]["begin"] = json!(2010)),
        "plans[0].period.begin",
        "ukendt felt",
    );
}

#[test]
fn the_same_member_twice_in_an_object_is_an_error() {
    let text = base().to_string().replacen(
        "\"title\":\"Virksomhedsplan 2010/2011\"",
        "\"title\":\"A\",\"title\":\"B\"",
        1,
    );
    rejected_text(&text, "plans[0].title", "to gange");
}

#[test]
fn the_same_member_twice_inside_extra_is_an_error_at_any_depth() {
    let text = base().to_string().replacen(
        "\"key\":\"anna\"",
        r#""key":"anna","extra":{"a":{"b":1,"c":[{"b":2,"b":3}]}}"#,
        1,
    );
    rejected_text(&text, "people[0].extra.a.c[0].b", "to gange");
    let text = base()
        .to_string()
        .replacen("\"format\"", r#""extra":{"x":1,"x":1},"format""#, 1);
    rejected_text(&text, "extra.x", "to gange");
}

#[test]
fn extra_must_be_an_object() {
    rejected(
        with(|d| d["plans"][0]["extra"] = json!([1, 2])),
        "plans[0].extra",
        "objekt",
    );
}

// ---- keys and references ------------------------------------------------------------------

#[test]
fn duplicate_person_keys_are_an_error() {
    rejected(
        with(|d| d["people"][1]["key"] = json!("anna")),
        "people[1].key",
        "people[0].key",
    );
}

#[test]
fn duplicate_plan_keys_are_an_error() {
    rejected(
        with(|d| d["plans"][1]["key"] = json!("p1")),
        "plans[1].key",
        "allerede",
    );
}

#[test]
fn duplicate_goal_keys_are_an_error_across_plans() {
    rejected(
        with(|d| goal2(d)["key"] = json!("g1")),
        &format!("{GOAL2}.key"),
        "allerede",
    );
}

#[test]
fn empty_keys_are_an_error() {
    rejected(
        with(|d| d["people"][0]["key"] = json!("")),
        "people[0].key",
        "tom",
    );
    rejected(
        with(|d| d["plans"][1]["key"] = json!("")),
        "plans[1].key",
        "tom",
    );
    rejected(
        with(|d| goal2(d)["key"] = json!("  ")),
        &format!("{GOAL2}.key"),
        "tom",
    );
}

#[test]
fn previous_must_name_a_plan() {
    rejected(
        with(|d| d["plans"][1]["previous"] = json!("p0")),
        "plans[1].previous",
        "findes ikke",
    );
}

#[test]
fn previous_must_not_name_the_plan_itself() {
    rejected(
        with(|d| d["plans"][1]["previous"] = json!("p2")),
        "plans[1].previous",
        "sig selv",
    );
}

#[test]
fn previous_must_not_form_a_cycle() {
    rejected(
        with(|d| d["plans"][0]["previous"] = json!("p2")),
        "plans[0].previous",
        "ring",
    );
}

#[test]
fn continues_must_name_a_goal_of_the_previous_plan() {
    rejected(
        with(|d| goal2(d)["continues"] = json!("g9")),
        &format!("{GOAL2}.continues"),
        "findes ikke",
    );
    // g2 is in the same plan, not in the previous one.
    rejected(
        with(|d| {
            d["plans"][1]["focus_areas"][0]["goals"]
                .as_array_mut()
                .expect("goals")
                .push(json!({ "text": "Mål tre", "continues": "g2" }));
        }),
        "plans[1].focus_areas[0].goals[1].continues",
        "forrige plan",
    );
}

#[test]
fn continues_needs_a_previous_plan() {
    rejected(
        with(|d| remove(&mut d["plans"][1], "previous")),
        &format!("{GOAL2}.continues"),
        "previous",
    );
}

#[test]
fn owners_must_be_people_of_the_document() {
    rejected(
        with(|d| goal2(d)["owners"][1] = json!("xyz")),
        &format!("{GOAL2}.owners[1]"),
        "personen «xyz» findes ikke i dokumentets people",
    );
}

#[test]
fn an_owner_twice_on_a_goal_is_an_error() {
    rejected(
        with(|d| goal2(d)["owners"] = json!(["bo", "anna", "bo"])),
        &format!("{GOAL2}.owners[2]"),
        "to gange",
    );
}

// ---- numbers ------------------------------------------------------------------------------

#[test]
fn amounts_must_be_whole_numbers() {
    let text = base()
        .to_string()
        .replace("\"expenses\":100", "\"expenses\":100.0");
    rejected_text(&text, "plans[1].budget.rows[0].expenses", "helt tal");
    let text = base()
        .to_string()
        .replace("\"expenses\":100", "\"expenses\":1e2");
    rejected_text(&text, "plans[1].budget.rows[0].expenses", "helt tal");
    rejected(
        with(|d| d["plans"][1]["budget"]["rows"][0]["income"] = json!(-0.5)),
        "plans[1].budget.rows[0].income",
        "helt tal",
    );
}

#[test]
fn amounts_must_fit_in_64_bits() {
    for big in [
        "9223372036854775808",
        "-9223372036854775809",
        "100000000000000000000000",
    ] {
        let text = base()
            .to_string()
            .replace("\"expenses\":100", &format!("\"expenses\":{big}"));
        rejected_text(&text, "plans[1].budget.rows[0].expenses", "64-bit");
    }
    let max = base()
        .to_string()
        .replace("\"expenses\":100", "\"expenses\":9223372036854775807");
    let min = base()
        .to_string()
        .replace("\"income\":-50", "\"income\":-9223372036854775808");
    assert!(parse_document(max.replace("\"income\":-50", "\"income\":0").as_bytes()).is_ok());
    assert!(parse_document(min.replace("\"expenses\":100", "\"expenses\":0").as_bytes()).is_ok());
}

#[test]
fn a_budget_total_that_would_overflow_is_an_error() {
    rejected(
        with(|d| {
            d["plans"][1]["budget"]["rows"] = json!([
                { "area": "A", "expenses": i64::MAX - 10, "income": 0 },
                { "area": "B", "expenses": 11, "income": 0 }
            ]);
        }),
        "plans[1].budget.rows[1]",
        "64-bit",
    );
    rejected(
        with(|d| {
            d["plans"][1]["budget"]["rows"] = json!([
                { "area": "A", "expenses": i64::MAX, "income": 1 }
            ]);
        }),
        "plans[1].budget.rows[0]",
        "resultat",
    );
}

#[test]
fn nan_is_not_json() {
    let text = base()
        .to_string()
        .replace("\"expenses\":100", "\"expenses\":NaN");
    let err = parse_document(text.as_bytes()).unwrap_err();
    assert!(matches!(err, FormatError::Syntax { .. }), "{err}");
    assert_eq!(err.path(), Some("plans[1].budget.rows[0].expenses"));
}

// ---- periods, states, dates, statuses -----------------------------------------------------

#[test]
fn period_years_have_four_digits() {
    let err = rejected(
        with(|d| d["plans"][0]["period"]["start"] = json!(12)),
        "plans[0].period.start",
        "fire cifre",
    );
    assert_eq!(
        err.to_string(),
        "plans[0].period.start: årstallet skal have fire cifre (fandt 12)"
    );
    rejected(
        with(|d| d["plans"][0]["period"]["end"] = json!(20111)),
        "plans[0].period.end",
        "fire cifre",
    );
}

#[test]
fn period_start_must_not_be_after_end() {
    rejected(
        with(|d| d["plans"][1]["period"] = json!({ "start": 2013, "end": 2012 })),
        "plans[1].period.end",
        "før",
    );
}

#[test]
fn state_is_draft_or_approved() {
    rejected(
        with(|d| d["plans"][0]["state"] = json!("godkendt")),
        "plans[0].state",
        "approved",
    );
}

#[test]
fn approved_on_is_a_date() {
    rejected(
        with(|d| d["plans"][0]["approved_on"] = json!("2012-6-1")),
        "plans[0].approved_on",
        "ÅÅÅÅ-MM",
    );
}

#[test]
fn deadlines_must_be_real_dates() {
    rejected(
        with(|d| goal2(d)["deadline"] = json!("2013-02-30")),
        &format!("{GOAL2}.deadline"),
        "findes ikke",
    );
    rejected(
        with(|d| goal2(d)["deadline"] = json!("primo 2013")),
        &format!("{GOAL2}.deadline"),
        "primo 2013",
    );
}

#[test]
fn follow_up_dates_must_be_dates() {
    rejected(
        with(|d| goal2(d)["follow_ups"][0]["date"] = json!("2012-13")),
        &format!("{GOAL2}.follow_ups[0].date"),
        "findes ikke",
    );
}

#[test]
fn goal_status_must_be_a_known_code() {
    rejected(
        with(|d| goal2(d)["status"] = json!("green")),
        &format!("{GOAL2}.status"),
        "on_track",
    );
}

#[test]
fn follow_up_status_must_be_a_known_code() {
    rejected(
        with(|d| goal2(d)["follow_ups"][0]["status"] = json!("i gang")),
        &format!("{GOAL2}.follow_ups[0].status"),
        "ukendt status",
    );
}

#[test]
fn a_wrong_type_is_named() {
    rejected(with(|d| d["people"] = json!({})), "people", "forkert type");
    rejected(
        with(|d| goal2(d)["owners"] = json!("anna")),
        &format!("{GOAL2}.owners"),
        "liste",
    );
    rejected(
        with(|d| d["plans"][0]["title"] = json!(7)),
        "plans[0].title",
        "tekst",
    );
}

// ---- bytes and syntax ---------------------------------------------------------------------

#[test]
fn a_file_that_is_not_utf8_is_rejected_with_its_byte_offset() {
    let mut bytes = base().to_string().into_bytes();
    let at = bytes.len() / 2;
    bytes[at] = 0xFF;
    let err = parse_document(&bytes).unwrap_err();
    assert_eq!(
        err,
        FormatError::NotUtf8 {
            offset: at,
            line: 1
        }
    );
    assert_eq!(err.path(), None);
    assert!(err.to_string().contains("UTF-8"));
    // Latin-1 "ø" in a name.
    let latin1 = [
        &br#"{"format":"virkplan","version":1,"people":[{"key":"b","name":"B"#[..],
        &[0xF8],
        br#"rge"}],"plans":[]}"#,
    ]
    .concat();
    assert!(matches!(
        parse_document(&latin1),
        Err(FormatError::NotUtf8 { offset: 63, .. })
    ));
}

#[test]
fn invalid_unicode_escapes_are_rejected() {
    for escape in [r"\uD800", r"\uDC00x", r"\u12", r"\uZZZZ", r"\x41"] {
        let text = base()
            .to_string()
            .replace("Mål to", &format!("Mål {escape} to"));
        let err = parse_document(text.as_bytes()).unwrap_err();
        assert!(matches!(err, FormatError::Syntax { .. }), "{escape}: {err}");
        assert_eq!(
            err.path(),
            Some(&*format!("{GOAL2}.text")),
            "{escape}: {err}"
        );
    }
    // A proper surrogate pair is fine.
    let text = base().to_string().replace("Mål to", r"Mål \uD83D\uDE00 to");
    let doc = parse_document(text.as_bytes()).expect("a valid pair");
    assert_eq!(doc.plans[1].focus_areas[0].goals[0].text, "Mål 😀 to");
}

#[test]
fn text_that_is_not_json_is_rejected() {
    for text in ["hello", "<?xml version=\"1.0\"?>", "Børge", ""] {
        let err = parse_document(text.as_bytes()).unwrap_err();
        assert!(matches!(err, FormatError::NotJson { .. }), "{text}: {err}");
    }
    let err = parse_document(b"{\"format\": virkplan}").unwrap_err();
    assert!(matches!(err, FormatError::Syntax { line: 1, .. }), "{err}");
    assert_eq!(err.path(), Some("format"));
}

#[test]
fn json_cut_off_in_the_middle_is_rejected() {
    let text = serde_json::to_string_pretty(&base()).expect("json");
    for cut in [1, text.len() / 3, text.len() / 2, text.len() - 1] {
        let cut = (0..=cut)
            .rev()
            .find(|&c| text.is_char_boundary(c))
            .unwrap_or(0);
        let err = parse_document(&text.as_bytes()[..cut]).unwrap_err();
        assert!(matches!(err, FormatError::Truncated { .. }), "{cut}: {err}");
        assert!(err.to_string().contains("afskåret"), "{err}");
    }
}

#[test]
fn syntax_errors_name_line_and_column() {
    let text = "{\n  \"format\": \"virkplan\",\n  \"version\": 1,\n}";
    let err = parse_document(text.as_bytes()).unwrap_err();
    assert!(matches!(err, FormatError::Syntax { line: 4, .. }), "{err}");
    assert!(err.to_string().contains("linje 4"), "{err}");
    let err = parse_document(format!("{} x", base()).as_bytes()).unwrap_err();
    assert!(matches!(err, FormatError::Syntax { .. }), "{err}");
}

// ---- what is accepted ---------------------------------------------------------------------

#[test]
fn the_reference_plan_imports() {
    let bytes = std::fs::read(REFERENCE).expect("the reference plan in tests/data");
    let doc = parse_document(&bytes).expect("the reference plan parses");
    assert_eq!(doc.people.len(), 5);
    assert_eq!(doc.plans.len(), 2);
    let vp2010 = &doc.plans[0];
    let vp2012 = &doc.plans[1];
    assert_eq!(vp2012.title, "Virksomhedsplan 2012/2013");
    assert_eq!(vp2012.previous, Some(vp2010.id));
    assert_eq!(vp2010.previous, None);
    assert_eq!(vp2012.focus_areas.len(), 4);
    assert_eq!(vp2010.state, PlanState::Approved);
    assert!(vp2012.budget.totals().is_some());
    // And it survives a round trip.
    let again = parse_document(write_document(&doc).expect("writes").as_bytes()).expect("reads");
    assert_eq!(again, doc);
}

#[test]
fn null_means_absent_for_every_optional_field() {
    let doc = with(|d| {
        d["extra"] = Value::Null;
        d["people"][0] = json!({ "key": "anna", "name": "Anna Ås", "title": null,
                                 "email": null, "unit": null, "extra": null });
        let p = &mut d["plans"][0];
        for f in [
            "previous",
            "municipality",
            "journal_number",
            "contact",
            "state",
            "approved_on",
            "approved_by",
            "sections",
            "budget",
            "focus_areas_intro",
            "review_intro",
            "extra",
        ] {
            p[f] = Value::Null;
        }
        p["period"]["extra"] = Value::Null;
        p["focus_areas"][0]["description"] = Value::Null;
        p["focus_areas"][0]["extra"] = Value::Null;
        let p2 = &mut d["plans"][1];
        p2["contact"] =
            json!({ "address": null, "phone": null, "email": null, "web": null, "extra": null });
        p2["budget"] =
            json!({ "title": null, "year": null, "note": null, "rows": null, "extra": null });
        p2["sections"][0]["body"] = Value::Null;
        p2["focus_areas"][0]["goals"] = json!([
            { "key": null, "continues": null, "text": "Mål", "details": null,
              "documentation": null, "owners": null, "deadline": null, "status": null,
              "follow_ups": [ { "date": "2012-06", "status": null, "text": null, "extra": null } ],
              "extra": null },
        ]);
        d["plans"][0]["focus_areas"][0]["goals"] = Value::Null;
    });
    let parsed = parse(&doc).expect("null is absent");
    let plan = &parsed.plans[0];
    assert_eq!(plan.previous, None);
    assert_eq!(plan.state, PlanState::Draft);
    assert!(plan.budget.is_empty() && plan.sections.is_empty());
    let goal = &parsed.plans[1].focus_areas[0].goals[0];
    assert_eq!(goal.status, None);
    assert_eq!(goal.follow_ups[0].status, None);
    assert!(parsed.plans[1].budget.is_empty());
    assert!(
        parse(&with(|d| d["people"] = Value::Null))
            .is_err_and(|e| e.path() == Some("plans[0].focus_areas[0].goals[0].owners[0]"))
    );
}

#[test]
fn a_leading_byte_order_mark_is_allowed() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(base().to_string().into_bytes());
    assert_eq!(
        parse_document(&bytes).expect("BOM"),
        parse(&base()).expect("plain")
    );
}

#[test]
fn extra_survives_parse_write_parse() {
    let extra =
        json!({ "kilde": "ESDH", "tal": [1, -2, 3.5, null, true], "dybt": { "ø": "\"\n" } });
    let doc = with(|d| {
        d["extra"] = extra.clone();
        d["people"][1]["extra"] = json!({});
        d["plans"][0]["period"]["extra"] = json!({ "uge": 3 });
        goal2(d)["extra"] = extra.clone();
        goal2(d)["follow_ups"][0]["extra"] = json!({ "id": 17 });
        d["plans"][1]["budget"]["rows"][0]["extra"] = json!({ "konto": "5.32" });
    });
    let first = parse(&doc).expect("parses");
    let text = write_document(&first).expect("writes");
    let second = parse_document(text.as_bytes()).expect("parses again");
    assert_eq!(first, second);
    let written: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(written["extra"], extra);
    assert_eq!(written["people"][1]["extra"], json!({}));
    assert_eq!(written["plans"][0]["period"]["extra"], json!({ "uge": 3 }));
    assert_eq!(
        written["plans"][1]["focus_areas"][0]["goals"][0]["extra"],
        extra
    );
    // The member order of extra is kept, whatever serde_json's map does.
    let ordered = base().to_string().replacen(
        "\"key\":\"anna\"",
        r#""key":"anna","extra":{"z":1,"a":2}"#,
        1,
    );
    let parsed = parse_document(ordered.as_bytes()).expect("parses");
    assert_eq!(parsed.people[0].extra.as_deref(), Some(r#"{"z":1,"a":2}"#));
}

#[test]
fn follow_ups_out_of_order_are_sorted_stably() {
    let doc = with(|d| {
        goal2(d)["follow_ups"] = json!([
            { "date": "2013-01-15", "text": "c" },
            { "date": "2012-06", "text": "a1" },
            { "date": "2013-01", "text": "b" },
            { "date": "2012-06", "text": "a2" },
        ]);
    });
    let parsed = parse(&doc).expect("sorted, not rejected");
    let texts: Vec<&str> = parsed.plans[1].focus_areas[0].goals[0]
        .follow_ups
        .iter()
        .map(|f| f.text.as_str())
        .collect();
    assert_eq!(texts, ["a1", "a2", "b", "c"]);
    assert_eq!(
        parsed.plans[1].focus_areas[0].goals[0].follow_ups[0].date,
        Date::Month {
            year: 2012,
            month: 6
        }
    );
}

#[test]
fn a_missing_status_is_not_assessed_and_round_trips_as_absent() {
    let doc = with(|d| remove(goal2(d), "status"));
    let parsed = parse(&doc).expect("parses");
    assert_eq!(parsed.plans[1].focus_areas[0].goals[0].status, None);
    let text = write_document(&parsed).expect("writes");
    let written: Value = serde_json::from_str(&text).expect("json");
    assert!(
        written["plans"][1]["focus_areas"][0]["goals"][0]
            .get("status")
            .is_none()
    );
    let done = parse(&with(|d| goal2(d)["status"] = json!("done"))).expect("parses");
    assert_eq!(
        done.plans[1].focus_areas[0].goals[0].status,
        Some(Status::Done)
    );
}

#[test]
fn written_documents_are_pretty_end_in_a_newline_and_omit_empty_things() {
    let parsed = parse(&base()).expect("parses");
    let text = write_document(&parsed).expect("writes");
    assert!(text.ends_with("}\n"));
    assert!(text.starts_with("{\n  \"format\": \"virkplan\",\n  \"version\": 2,"));
    let written: Value = serde_json::from_str(&text).expect("json");
    let p1 = &written["plans"][0];
    for absent in [
        "budget",
        "contact",
        "sections",
        "previous",
        "approved_on",
        "municipality",
    ] {
        assert!(p1.get(absent).is_none(), "{absent} in {p1}");
    }
    // Only goals that something continues get a key.
    assert!(p1["focus_areas"][0]["goals"][0].get("key").is_some());
    assert!(
        written["plans"][1]["focus_areas"][0]["goals"][0]
            .get("key")
            .is_none()
    );
    assert_eq!(written["people"][0]["key"], json!("anna-aas"));
}

// ==== version 2 ============================================================================

const V2_EXAMPLE: &str = "tests/data/plan-v2-example.json";

/// `base()` as version 2 with every version-2 field: `g2` has two indicators, two milestones,
/// a related goal and a measurement; `g1` has an indicator of its own; plan `p2` has its own
/// words, numbering and print settings, and its focus area an owner and a key.
fn base_v2() -> Value {
    with(|d| {
        d["version"] = json!(2);
        d["plans"][0]["focus_areas"][0]["goals"][0]["indicators"] =
            json!([ { "key": "i-g1", "name": "Antal borgere" } ]);
        let g = goal2(d);
        g["indicators"] = json!([
            { "key": "i-rehab", "name": "Andel med tilbud om rehabilitering", "unit": "%",
              "baseline": { "value": 62.5, "date": "2011" },
              "target": { "value": 75, "date": "2013" }, "direction": "increase" },
            { "key": "i-ventetid", "name": "Ventetid", "unit": "dage" }
        ]);
        g["milestones"] = json!([
            { "text": "Alle afdelinger har en konsulent", "date": "2012-Q2", "done": true },
            { "text": "Evaluering fremlagt" }
        ]);
        g["related"] = json!(["g1"]);
        g["follow_ups"][0]["measurements"] = json!([ { "indicator": "i-rehab", "value": 70.1 } ]);
        let p2 = &mut d["plans"][1];
        p2["focus_areas"][0]["key"] = json!("fa-aeldre");
        p2["focus_areas"][0]["owners"] = json!(["bo", "anna"]);
        p2["labels"] = json!({ "owner": "Netværksleder", "focus_area": "Mål" });
        p2["numbering"] = json!({ "focus_areas": "label", "goals": "a" });
        p2["print"] = json!({ "empty_fields": "hide", "owner_email": true, "owner_title": false });
    })
}

/// `base_v2()` with `f` applied.
fn with2(f: impl FnOnce(&mut Value)) -> Value {
    let mut doc = base_v2();
    f(&mut doc);
    doc
}

fn number(text: &str) -> Number {
    Number::parse(text).expect("a number")
}

fn date(text: &str) -> Date {
    Date::parse_iso(text).expect("a date")
}

#[test]
fn the_version_2_base_document_is_valid_and_read_as_written() {
    let doc = parse(&base_v2()).expect("base_v2 parses");
    let plan = &doc.plans[1];
    let area = &plan.focus_areas[0];
    assert_eq!(area.owners, vec![PersonId(1), PersonId(0)]);
    let goal = &area.goals[0];
    assert_eq!(goal.indicators.len(), 2);
    // Indicator ids are unique in the document: g1's is 1, g2's are 2 and 3.
    assert_eq!(
        doc.plans[0].focus_areas[0].goals[0].indicators[0].id,
        IndicatorId(1)
    );
    assert_eq!(goal.indicators[0].id, IndicatorId(2));
    assert_eq!(goal.indicators[1].id, IndicatorId(3));
    assert_eq!(goal.follow_ups[0].measurements[0].indicator, IndicatorId(2));
    assert_eq!(goal.follow_ups[0].measurements[0].value, number("70.1"));
    assert_eq!(goal.related, vec![doc.plans[0].focus_areas[0].goals[0].id]);
    assert!(!goal.milestones[1].done, "done is false when absent");
    assert_eq!(plan.labels.owner(), "Netværksleder");
    assert_eq!(plan.labels.goal(), "Mål", "an absent label is the default");
    assert_eq!(plan.numbering.focus_areas, AreaNumbering::Label);
    assert_eq!(plan.numbering.goals, GoalNumbering::Letter);
    assert_eq!(plan.print.empty_fields, EmptyFields::Hide);
    assert!(plan.print.owner_email && !plan.print.owner_title);
    // The first plan says nothing of words, numbering or print: the defaults.
    assert_eq!(doc.plans[0].numbering, Default::default());
    assert_eq!(doc.plans[0].print, Default::default());
}

#[test]
fn the_version_2_example_is_read_field_by_field() {
    let bytes = std::fs::read(V2_EXAMPLE).expect("the example in tests/data");
    let doc = parse_document(&bytes).expect("the version-2 example parses");
    assert_eq!(doc.people.len(), 2);
    let birgitte = PersonId(0);
    let borge = PersonId(1);
    let plan = &doc.plans[0];
    assert_eq!(plan.labels.focus_area(), "Mål");
    assert_eq!(plan.labels.focus_areas(), "Mål og indsatser");
    assert_eq!(plan.labels.goal(), "Indsats");
    assert_eq!(plan.labels.owner(), "Netværksleder");
    assert_eq!(plan.labels.documentation(), "Dokumentation");
    assert_eq!(plan.labels.intro(), "Indledning");
    assert_eq!(plan.numbering.focus_areas, AreaNumbering::Label);
    assert_eq!(plan.numbering.goals, GoalNumbering::Dotted);
    assert_eq!(
        plan.numbering
            .area_heading(&plan.labels, 1, &plan.focus_areas[1].title),
        "Mål 2: Mestring af livet"
    );
    assert_eq!(plan.print.empty_fields, EmptyFields::Hide);
    assert!(plan.print.owner_email);
    assert!(plan.print.owner_title);

    let prevention = &plan.focus_areas[0].goals[0];
    assert_eq!(prevention.deadline, Some(Date::Year { year: 2013 }));
    assert_eq!(
        prevention.follow_ups[0].date,
        Date::Quarter {
            year: 2012,
            quarter: 3
        }
    );
    assert_eq!(prevention.follow_ups[0].text, "", "a bare status change");

    let area = &plan.focus_areas[1];
    assert_eq!(area.title, "Mestring af livet");
    assert_eq!(area.owners, vec![birgitte]);
    let goal = &area.goals[0];
    assert!(goal.text.starts_with("Flest mulige borgere"));
    assert_eq!(goal.owners, vec![birgitte]);
    assert_ne!(goal.owners, vec![borge]);
    assert_eq!(
        goal.deadline,
        Some(Date::Half {
            year: 2013,
            half: 2
        })
    );
    assert_eq!(goal.related, vec![prevention.id]);

    let rehab = &goal.indicators[0];
    assert_eq!(
        rehab.name,
        "Andel af nye borgere i hjemmeplejen, der får tilbud om rehabilitering"
    );
    assert_eq!(rehab.unit, "%");
    let baseline = rehab.baseline.as_ref().expect("a baseline");
    assert_eq!(baseline.value, number("62.5"));
    assert_eq!(baseline.value.plain(','), "62,5");
    assert_eq!(baseline.date, Some(Date::Year { year: 2011 }));
    let target = rehab.target.as_ref().expect("a target");
    assert_eq!(target.value, number("75"));
    assert_eq!(target.date, Some(Date::Year { year: 2013 }));
    assert_eq!(rehab.direction, Some(Direction::Increase));
    assert_eq!(
        rehab.extra.as_deref(),
        Some(r#"{"kilde":"Omsorgssystemet"}"#)
    );
    let waiting = &goal.indicators[1];
    assert_eq!(waiting.unit, "dage");
    assert_eq!(waiting.baseline.as_ref().map(|b| b.date), Some(None));
    assert_eq!(
        waiting.target.as_ref().and_then(|t| t.date),
        Some(date("2013-12-31"))
    );
    assert_eq!(waiting.direction, Some(Direction::Decrease));

    assert_eq!(goal.milestones.len(), 2);
    assert_eq!(
        goal.milestones[0].text,
        "Alle fire afdelinger har en mestringskonsulent"
    );
    assert_eq!(goal.milestones[0].date, Some(date("2012-Q2")));
    assert!(goal.milestones[0].done);
    assert_eq!(goal.milestones[1].date, Some(date("2013-06")));
    assert!(!goal.milestones[1].done, "done is false when absent");

    // Follow-ups in date order: the day in June before the second half year.
    assert_eq!(goal.follow_ups[0].date, date("2012-06-30"));
    assert_eq!(goal.follow_ups[0].text, "", "a bare figure");
    assert_eq!(goal.follow_ups[1].date, date("2012-H2"));
    assert_eq!(goal.follow_ups[1].status, Some(Status::OnTrack));
    let readings = goal.readings(rehab.id);
    let values: Vec<String> = readings.iter().map(|r| r.value.to_string()).collect();
    assert_eq!(values, ["66.25", "70.1"], "the latest is the current value");
    assert_eq!(goal.readings(waiting.id)[0].value, number("10"));

    // Exported again, it is the same document.
    let text = write_document(&doc).expect("writes");
    assert_eq!(parse_document(text.as_bytes()).expect("reads"), doc);
}

// ---- version 1 stays version 1 ------------------------------------------------------------

#[test]
fn a_version_2_field_in_a_version_1_document_is_an_unknown_field() {
    type Case = (&'static str, Box<dyn Fn(&mut Value)>, String);
    let cases: Vec<Case> = vec![
        (
            "indicators",
            Box::new(|d| goal2(d)["indicators"] = json!([])),
            format!("{GOAL2}.indicators"),
        ),
        (
            "milestones",
            Box::new(|d| goal2(d)["milestones"] = json!(null)),
            format!("{GOAL2}.milestones"),
        ),
        (
            "related",
            Box::new(|d| goal2(d)["related"] = json!(["g1"])),
            format!("{GOAL2}.related"),
        ),
        (
            "measurements",
            Box::new(|d| goal2(d)["follow_ups"][0]["measurements"] = json!([])),
            format!("{GOAL2}.follow_ups[0].measurements"),
        ),
        (
            "owners",
            Box::new(|d| d["plans"][0]["focus_areas"][0]["owners"] = json!(["anna"])),
            "plans[0].focus_areas[0].owners".to_string(),
        ),
        (
            "key",
            Box::new(|d| d["plans"][0]["focus_areas"][0]["key"] = json!("fa")),
            "plans[0].focus_areas[0].key".to_string(),
        ),
        (
            "labels",
            Box::new(|d| d["plans"][1]["labels"] = json!({})),
            "plans[1].labels".to_string(),
        ),
        (
            "numbering",
            Box::new(|d| d["plans"][0]["numbering"] = json!({ "goals": "a" })),
            "plans[0].numbering".to_string(),
        ),
        (
            "print",
            Box::new(|d| d["plans"][0]["print"] = json!({ "empty_fields": "hide" })),
            "plans[0].print".to_string(),
        ),
    ];
    for (field, change, path) in cases {
        let doc = with(|d| change(d));
        let err = rejected(doc.clone(), &path, &format!("ukendt felt «{field}»"));
        // The fields version 1 knows are named, not version 2's.
        let sentence = err.to_string();
        let known = sentence.split("her kendes").nth(1).unwrap_or("");
        for v2 in [
            "indicators",
            "milestones",
            "related",
            "measurements",
            "labels",
            "owners»",
        ] {
            if !(v2 == "owners»" && path.contains("goals")) {
                assert!(!known.contains(v2), "{sentence}");
            }
        }
        // The same document as version 2 is fine.
        let mut v2 = doc;
        v2["version"] = json!(2);
        parse(&v2).unwrap_or_else(|e| panic!("{field} in version 2: {e}"));
    }
}

#[test]
fn version_2_date_forms_in_a_version_1_document_are_errors() {
    for form in ["2013", "2013-Q3", "2013-H2"] {
        let err = rejected(
            with(|d| goal2(d)["deadline"] = json!(form)),
            &format!("{GOAL2}.deadline"),
            "ÅÅÅÅ-MM",
        );
        assert!(err.to_string().contains("«version»: 2"), "{err}");
        rejected(
            with(|d| goal2(d)["follow_ups"][0]["date"] = json!(form)),
            &format!("{GOAL2}.follow_ups[0].date"),
            "version",
        );
        rejected(
            with(|d| d["plans"][0]["approved_on"] = json!(form)),
            "plans[0].approved_on",
            "version",
        );
    }
    // A quarter that does not exist is a wrong form in version 1, as before.
    rejected(
        with(|d| goal2(d)["deadline"] = json!("2013-Q5")),
        &format!("{GOAL2}.deadline"),
        "ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD",
    );
}

#[test]
fn a_version_1_document_reads_the_same_as_before() {
    // Version 1 allowed a follow-up with a date only; it still does.
    let doc = with(|d| goal2(d)["follow_ups"] = json!([ { "date": "2012-06" } ]));
    let parsed = parse(&doc).expect("version 1 as before");
    let goal = &parsed.plans[1].focus_areas[0].goals[0];
    assert_eq!(goal.follow_ups[0].text, "");
    assert!(goal.indicators.is_empty() && goal.milestones.is_empty() && goal.related.is_empty());
    assert_eq!(parsed.plans[1].labels, Default::default());
}

#[test]
fn version_2_reads_every_date_form_everywhere() {
    let forms = [
        ("2013-06-30", "day"),
        ("2013-06", "month"),
        ("2013-Q3", "quarter"),
        ("2013-H2", "half"),
        ("2013", "year"),
    ];
    for (form, _) in forms {
        let doc = with2(|d| {
            d["plans"][1]["approved_on"] = json!(form);
            let g = goal2(d);
            g["deadline"] = json!(form);
            g["follow_ups"][0]["date"] = json!(form);
            g["milestones"][0]["date"] = json!(form);
            g["indicators"][0]["baseline"]["date"] = json!(form);
            g["indicators"][0]["target"]["date"] = json!(form);
        });
        let parsed = parse(&doc).unwrap_or_else(|e| panic!("{form}: {e}"));
        let goal = &parsed.plans[1].focus_areas[0].goals[0];
        let want = Some(date(form));
        assert_eq!(goal.deadline, want);
        assert_eq!(Some(goal.follow_ups[0].date), want);
        assert_eq!(goal.milestones[0].date, want);
        assert_eq!(goal.indicators[0].baseline.as_ref().unwrap().date, want);
        assert_eq!(goal.indicators[0].target.as_ref().unwrap().date, want);
        assert_eq!(parsed.plans[1].approved_on, want);
    }
}

#[test]
fn version_2_dates_must_be_one_of_the_five_forms() {
    let g = GOAL2;
    for (bad, word) in [
        ("2013-Q5", "findes ikke"),
        ("2013-H3", "findes ikke"),
        ("2013-q3", "ÅÅÅÅ-Qn"),
        ("efteråret 2013", "ÅÅÅÅ-Hn"),
        ("13", "ÅÅÅÅ"),
    ] {
        rejected(
            with2(|d| goal2(d)["deadline"] = json!(bad)),
            &format!("{g}.deadline"),
            word,
        );
    }
    rejected(
        with2(|d| goal2(d)["milestones"][1]["date"] = json!("2013-Q0")),
        &format!("{g}.milestones[1].date"),
        "findes ikke",
    );
    rejected(
        with2(|d| goal2(d)["indicators"][0]["baseline"]["date"] = json!("2011-13")),
        &format!("{g}.indicators[0].baseline.date"),
        "findes ikke",
    );
    rejected(
        with2(|d| goal2(d)["indicators"][0]["target"]["date"] = json!("ultimo 2013")),
        &format!("{g}.indicators[0].target.date"),
        "ultimo 2013",
    );
}

// ---- indicators and numbers ---------------------------------------------------------------

#[test]
fn an_indicator_needs_a_name_that_says_something() {
    rejected(
        with2(|d| remove(&mut goal2(d)["indicators"][1], "name")),
        &format!("{GOAL2}.indicators[1].name"),
        "mangler",
    );
    rejected(
        with2(|d| goal2(d)["indicators"][1]["name"] = json!(" \n")),
        &format!("{GOAL2}.indicators[1].name"),
        "tomt",
    );
}

#[test]
fn baseline_and_target_need_a_value() {
    rejected(
        with2(|d| remove(&mut goal2(d)["indicators"][0]["baseline"], "value")),
        &format!("{GOAL2}.indicators[0].baseline.value"),
        "mangler",
    );
    rejected(
        with2(|d| goal2(d)["indicators"][0]["target"] = json!({ "date": "2013" })),
        &format!("{GOAL2}.indicators[0].target.value"),
        "mangler",
    );
}

#[test]
fn a_number_with_more_than_15_significant_digits_is_refused_not_rounded() {
    let path = format!("{GOAL2}.indicators[0].baseline.value");
    for (text, shown) in [
        ("1234567890123456", "1234567890123456"),
        ("62.50000000000001", "62.50000000000001"),
        ("0.1234567890123456", "0.1234567890123456"),
        (
            "123456789012345678901234567890",
            "123456789012345678901234567890",
        ),
    ] {
        let doc = base_v2().to_string().replacen("62.5", text, 1);
        let err = rejected_text(&doc, &path, "15 betydende cifre");
        assert!(err.to_string().contains(shown), "{err}");
    }
    // Fifteen digits and trailing zeros are fine, exactly.
    for (text, exact) in [
        ("123456789012345", "123456789012345"),
        ("0.000000000000001", "0.000000000000001"),
        ("62.50000000000000000", "62.5"),
        ("7.5e1", "75"),
        ("-3", "-3"),
    ] {
        let doc = base_v2().to_string().replacen("62.5", text, 1);
        let parsed = parse_document(doc.as_bytes()).unwrap_or_else(|e| panic!("{text}: {e}"));
        let goal = &parsed.plans[1].focus_areas[0].goals[0];
        let value = goal.indicators[0].baseline.as_ref().unwrap().value;
        assert_eq!(value.to_string(), exact);
    }
}

#[test]
fn a_measurement_value_beyond_15_digits_or_out_of_range_is_refused() {
    let path = format!("{GOAL2}.follow_ups[0].measurements[0].value");
    let doc = base_v2()
        .to_string()
        .replacen("70.1", "70.12345678901234567", 1);
    rejected_text(&doc, &path, "15 betydende cifre");
    let doc = base_v2().to_string().replacen("70.1", "1e400", 1);
    rejected_text(&doc, &path, "for stort");
}

#[test]
fn a_string_where_a_number_belongs_is_an_error() {
    rejected(
        with2(|d| goal2(d)["indicators"][0]["baseline"]["value"] = json!("62,5")),
        &format!("{GOAL2}.indicators[0].baseline.value"),
        "ventede et tal",
    );
    rejected(
        with2(|d| goal2(d)["follow_ups"][0]["measurements"][0]["value"] = json!("70")),
        &format!("{GOAL2}.follow_ups[0].measurements[0].value"),
        "ventede et tal",
    );
    rejected(
        with2(|d| goal2(d)["indicators"][0]["target"]["value"] = json!(null)),
        &format!("{GOAL2}.indicators[0].target.value"),
        "forkert type",
    );
}

#[test]
fn nan_and_infinity_are_not_numbers() {
    for word in ["NaN", "Infinity", "-Infinity"] {
        let doc = base_v2().to_string().replacen("62.5", word, 1);
        let err = parse_document(doc.as_bytes()).expect_err(word);
        assert!(matches!(err, FormatError::Syntax { .. }), "{word}: {err:?}");
        assert_eq!(
            err.path(),
            Some(format!("{GOAL2}.indicators[0].baseline.value").as_str()),
            "{err}"
        );
    }
}

#[test]
fn direction_is_increase_decrease_or_keep() {
    rejected(
        with2(|d| goal2(d)["indicators"][0]["direction"] = json!("up")),
        &format!("{GOAL2}.indicators[0].direction"),
        "increase",
    );
    let keep = parse(&with2(|d| {
        goal2(d)["indicators"][0]["direction"] = json!("keep")
    }))
    .expect("keep is a direction");
    assert_eq!(
        keep.plans[1].focus_areas[0].goals[0].indicators[0].direction,
        Some(Direction::Keep)
    );
}

#[test]
fn indicator_keys_are_unique_in_the_whole_document() {
    rejected(
        with2(|d| goal2(d)["indicators"][1]["key"] = json!("i-g1")),
        &format!("{GOAL2}.indicators[1].key"),
        "plans[0].focus_areas[0].goals[0].indicators[0].key",
    );
    rejected(
        with2(|d| goal2(d)["indicators"][1]["key"] = json!("  ")),
        &format!("{GOAL2}.indicators[1].key"),
        "tom",
    );
}

// ---- measurements -------------------------------------------------------------------------

#[test]
fn a_measurement_names_an_indicator_of_its_own_goal() {
    let path = format!("{GOAL2}.follow_ups[0].measurements[0].indicator");
    rejected(
        with2(|d| goal2(d)["follow_ups"][0]["measurements"][0]["indicator"] = json!("i-x")),
        &path,
        "findes ikke",
    );
    let err = rejected(
        with2(|d| goal2(d)["follow_ups"][0]["measurements"][0]["indicator"] = json!("i-g1")),
        &path,
        "andet mål",
    );
    assert!(
        err.to_string().contains("plans[0].focus_areas[0].goals[0]"),
        "{err}"
    );
    rejected(
        with2(|d| {
            remove(
                &mut goal2(d)["follow_ups"][0]["measurements"][0],
                "indicator",
            )
        }),
        &path,
        "mangler",
    );
    rejected(
        with2(|d| remove(&mut goal2(d)["follow_ups"][0]["measurements"][0], "value")),
        &format!("{GOAL2}.follow_ups[0].measurements[0].value"),
        "mangler",
    );
}

#[test]
fn one_measurement_per_indicator_per_follow_up() {
    rejected(
        with2(|d| {
            goal2(d)["follow_ups"][0]["measurements"] = json!([
                { "indicator": "i-rehab", "value": 70 },
                { "indicator": "i-ventetid", "value": 9 },
                { "indicator": "i-rehab", "value": 71 }
            ]);
        }),
        &format!("{GOAL2}.follow_ups[0].measurements[2].indicator"),
        "measurements[0]",
    );
    // The same indicator in two follow-ups is its history.
    let doc = with2(|d| {
        let f = goal2(d)["follow_ups"].as_array_mut().unwrap();
        f.push(json!({ "date": "2013-01", "measurements": [ { "indicator": "i-rehab", "value": 72 } ] }));
    });
    let parsed = parse(&doc).expect("two readings");
    let goal = &parsed.plans[1].focus_areas[0].goals[0];
    let values: Vec<String> = goal
        .readings(goal.indicators[0].id)
        .iter()
        .map(|r| r.value.to_string())
        .collect();
    assert_eq!(values, ["70.1", "72"]);
}

#[test]
fn a_version_2_follow_up_must_say_something() {
    let path = format!("{GOAL2}.follow_ups[0].text");
    rejected(
        with2(|d| goal2(d)["follow_ups"][0] = json!({ "date": "2012-06" })),
        &path,
        "hverken tekst, status eller målinger",
    );
    rejected(
        with2(|d| {
            goal2(d)["follow_ups"][0] =
                json!({ "date": "2012-06", "text": "", "measurements": [] });
        }),
        &path,
        "hverken",
    );
    // A bare status change, or a bare figure, is a follow-up.
    parse(&with2(|d| {
        goal2(d)["follow_ups"][0] = json!({ "date": "2012-06", "status": "at_risk" });
    }))
    .expect("a bare status");
    parse(&with2(|d| {
        goal2(d)["follow_ups"][0] =
            json!({ "date": "2012-06", "measurements": [ { "indicator": "i-rehab", "value": 1 } ] });
    }))
    .expect("a bare figure");
}

// ---- milestones, related, focus-area owners and keys --------------------------------------

#[test]
fn a_milestone_needs_a_text_and_done_is_true_or_false() {
    rejected(
        with2(|d| remove(&mut goal2(d)["milestones"][0], "text")),
        &format!("{GOAL2}.milestones[0].text"),
        "mangler",
    );
    rejected(
        with2(|d| goal2(d)["milestones"][1]["text"] = json!("")),
        &format!("{GOAL2}.milestones[1].text"),
        "tomt",
    );
    rejected(
        with2(|d| goal2(d)["milestones"][0]["done"] = json!("ja")),
        &format!("{GOAL2}.milestones[0].done"),
        "sandhedsværdi",
    );
}

#[test]
fn milestones_keep_their_order() {
    let doc = with2(|d| {
        goal2(d)["milestones"] = json!([
            { "text": "sidst", "date": "2014" },
            { "text": "først", "date": "2012-01" },
            { "text": "uden dato" }
        ]);
    });
    let parsed = parse(&doc).expect("parses");
    let texts: Vec<&str> = parsed.plans[1].focus_areas[0].goals[0]
        .milestones
        .iter()
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(texts, ["sidst", "først", "uden dato"]);
}

#[test]
fn related_names_other_goals_of_the_document_once() {
    let path = format!("{GOAL2}.related[0]");
    rejected(
        with2(|d| goal2(d)["related"] = json!(["g9"])),
        &path,
        "findes ikke",
    );
    rejected(
        with2(|d| goal2(d)["related"] = json!(["g2"])),
        &path,
        "målet selv",
    );
    rejected(
        with2(|d| goal2(d)["related"] = json!(["g1", "g1"])),
        &format!("{GOAL2}.related[1]"),
        "to gange",
    );
    // Any plan, either direction: g1 (first plan) may name g2 (the plan after it).
    let doc = with2(|d| d["plans"][0]["focus_areas"][0]["goals"][0]["related"] = json!(["g2"]));
    let parsed = parse(&doc).expect("related forward");
    assert_eq!(
        parsed.plans[0].focus_areas[0].goals[0].related,
        vec![parsed.plans[1].focus_areas[0].goals[0].id]
    );
}

#[test]
fn focus_area_owners_are_people_of_the_document_once() {
    let area = "plans[1].focus_areas[0]";
    rejected(
        with2(|d| d["plans"][1]["focus_areas"][0]["owners"] = json!(["cecilie"])),
        &format!("{area}.owners[0]"),
        "findes ikke",
    );
    rejected(
        with2(|d| d["plans"][1]["focus_areas"][0]["owners"] = json!(["bo", "bo"])),
        &format!("{area}.owners[1]"),
        "ansvarlig",
    );
}

#[test]
fn focus_area_keys_are_unique_and_not_empty() {
    rejected(
        with2(|d| d["plans"][0]["focus_areas"][0]["key"] = json!("fa-aeldre")),
        "plans[1].focus_areas[0].key",
        "plans[0].focus_areas[0].key",
    );
    rejected(
        with2(|d| d["plans"][1]["focus_areas"][0]["key"] = json!("")),
        "plans[1].focus_areas[0].key",
        "tom",
    );
}

// ---- labels, numbering, print -------------------------------------------------------------

#[test]
fn a_label_may_be_absent_or_null_but_not_blank() {
    for label in [
        "focus_area",
        "focus_areas",
        "goal",
        "owner",
        "documentation",
        "intro",
    ] {
        rejected(
            with2(|d| d["plans"][1]["labels"][label] = json!("  ")),
            &format!("plans[1].labels.{label}"),
            "tomt",
        );
        let parsed = parse(&with2(|d| d["plans"][1]["labels"][label] = json!(null)))
            .expect("null is the default");
        assert_eq!(
            parsed.plans[1].labels.get(
                virkplan::model::Label::ALL
                    .into_iter()
                    .find(|l| l.code() == label)
                    .unwrap()
            ),
            None
        );
    }
    rejected(
        with2(|d| d["plans"][1]["labels"]["tovholder"] = json!("Leder")),
        "plans[1].labels.tovholder",
        "ukendt felt",
    );
}

#[test]
fn numbering_codes_are_the_spec_s() {
    rejected(
        with2(|d| d["plans"][1]["numbering"]["focus_areas"] = json!("a")),
        "plans[1].numbering.focus_areas",
        "«label»",
    );
    rejected(
        with2(|d| d["plans"][1]["numbering"]["goals"] = json!("1.1.1")),
        "plans[1].numbering.goals",
        "«1.1»",
    );
    for (areas, goals) in [("1", "1.1"), ("A", "1"), ("I", "none"), ("none", "a")] {
        parse(&with2(|d| {
            d["plans"][1]["numbering"] = json!({ "focus_areas": areas, "goals": goals });
        }))
        .unwrap_or_else(|e| panic!("{areas}/{goals}: {e}"));
    }
}

#[test]
fn print_settings_are_the_spec_s() {
    rejected(
        with2(|d| d["plans"][1]["print"]["empty_fields"] = json!("blank")),
        "plans[1].print.empty_fields",
        "«hide»",
    );
    rejected(
        with2(|d| d["plans"][1]["print"]["owner_title"] = json!(1)),
        "plans[1].print.owner_title",
        "sandhedsværdi",
    );
}

// ---- extra, round trip and export -----------------------------------------------------------

#[test]
fn extra_of_every_version_2_object_survives_the_round_trip() {
    let doc = with2(|d| {
        let p2 = &mut d["plans"][1];
        p2["labels"]["extra"] = json!({ "l": 1 });
        p2["numbering"]["extra"] = json!({ "n": [2] });
        p2["print"]["extra"] = json!({ "p": "3" });
        let g = goal2(d);
        g["indicators"][0]["extra"] = json!({ "i": true });
        g["indicators"][0]["baseline"]["extra"] = json!({ "b": null });
        g["indicators"][0]["target"]["extra"] = json!({ "t": 1.5 });
        g["follow_ups"][0]["measurements"][0]["extra"] = json!({ "m": "x" });
        g["milestones"][0]["extra"] = json!({ "ms": {} });
    });
    let first = parse(&doc).expect("parses");
    let text = write_document(&first).expect("writes");
    assert_eq!(parse_document(text.as_bytes()).expect("again"), first);
    let written: Value = serde_json::from_str(&text).expect("json");
    let p2 = &written["plans"][1];
    assert_eq!(p2["labels"]["extra"], json!({ "l": 1 }));
    assert_eq!(p2["numbering"]["extra"], json!({ "n": [2] }));
    assert_eq!(p2["print"]["extra"], json!({ "p": "3" }));
    let g = &p2["focus_areas"][0]["goals"][0];
    assert_eq!(g["indicators"][0]["extra"], json!({ "i": true }));
    assert_eq!(
        g["indicators"][0]["baseline"]["extra"],
        json!({ "b": null })
    );
    assert_eq!(g["indicators"][0]["target"]["extra"], json!({ "t": 1.5 }));
    assert_eq!(
        g["follow_ups"][0]["measurements"][0]["extra"],
        json!({ "m": "x" })
    );
    assert_eq!(g["milestones"][0]["extra"], json!({ "ms": {} }));
}

#[test]
fn version_2_is_written_with_keys_where_something_refers() {
    let parsed = parse(&base_v2()).expect("parses");
    let text = write_document(&parsed).expect("writes");
    assert!(text.starts_with("{\n  \"format\": \"virkplan\",\n  \"version\": 2,"));
    // The exact number text, not a float's.
    assert!(text.contains("\"value\": 62.5,"), "{text}");
    assert!(text.contains("\"value\": 70.1\n"), "{text}");
    let written: Value = serde_json::from_str(&text).expect("json");
    let g1 = &written["plans"][0]["focus_areas"][0]["goals"][0];
    let g2 = &written["plans"][1]["focus_areas"][0]["goals"][0];
    // Indicators are keyed i1, i2, … in document order; the measurement names its own.
    assert_eq!(g1["indicators"][0]["key"], json!("i1"));
    assert_eq!(g2["indicators"][0]["key"], json!("i2"));
    assert_eq!(g2["indicators"][1]["key"], json!("i3"));
    assert_eq!(
        g2["follow_ups"][0]["measurements"][0]["indicator"],
        json!("i2")
    );
    // g1 gets a key because g2 continues it and names it in related.
    assert_eq!(g2["related"], json!([g1["key"].clone()]));
    assert!(g2.get("key").is_none(), "nothing refers to g2");
    assert_eq!(g2["milestones"][0]["done"], json!(true));
    assert!(
        g2["milestones"][1].get("done").is_none(),
        "false is left out"
    );
    let p2 = &written["plans"][1];
    assert_eq!(
        p2["focus_areas"][0]["owners"],
        json!(["bo-berg", "anna-aas"])
    );
    assert_eq!(
        p2["labels"],
        json!({ "focus_area": "Mål", "owner": "Netværksleder" })
    );
    assert_eq!(
        p2["numbering"],
        json!({ "focus_areas": "label", "goals": "a" })
    );
    assert_eq!(
        p2["print"],
        json!({ "empty_fields": "hide", "owner_email": true, "owner_title": false })
    );
    // Defaults are left out.
    let p1 = &written["plans"][0];
    for absent in ["labels", "numbering", "print"] {
        assert!(p1.get(absent).is_none(), "{absent} in {p1}");
    }
}

#[test]
fn a_version_1_document_exported_is_version_2_with_the_same_content() {
    let v1 = parse(&base()).expect("version 1");
    let text = write_document(&v1).expect("writes");
    assert!(text.contains("\"version\": 2,"));
    assert_eq!(parse_document(text.as_bytes()).expect("version 2"), v1);
    let bytes = std::fs::read(REFERENCE).expect("the reference plan in tests/data");
    let reference = parse_document(&bytes).expect("the reference plan parses");
    let text = write_document(&reference).expect("writes");
    assert!(text.contains("\"version\": 2,"));
    assert_eq!(parse_document(text.as_bytes()).expect("reads"), reference);
}

/// A model document whose goal names a goal that is not in it (the export of one plan, whose
/// goal is related to a goal of a plan it does not reach through `previous`).
fn with_outside_link(mut doc: PlanBundle) -> PlanBundle {
    let inside = doc.plans[0].focus_areas[0].goals[0].id;
    doc.plans[1].focus_areas[0].goals[0].related = vec![GoalId(999), inside];
    doc
}

#[test]
fn a_related_goal_outside_the_exported_plans_is_left_out() {
    let doc = with_outside_link(parse(&base_v2()).expect("parses"));
    let text = write_document(&doc).expect("an export of some plans is still written");
    let back = parse_document(text.as_bytes()).expect("and reads");
    let goal = &back.plans[1].focus_areas[0].goals[0];
    assert_eq!(
        goal.related,
        vec![back.plans[0].focus_areas[0].goals[0].id],
        "the link inside stays, the one outside is dropped"
    );
}

/// An empty follow-up (what the editor's "Tilføj opfølgning" makes before anything is typed)
/// is left out of the export: the rest of the document is written and valid.
#[test]
fn an_empty_follow_up_is_left_out_of_the_export() {
    let mut doc = parse(&base_v2()).expect("parses");
    let goal = &mut doc.plans[1].focus_areas[0].goals[0];
    let before = goal.follow_ups.len();
    goal.follow_ups[0].text.clear();
    goal.follow_ups[0].status = None;
    goal.follow_ups[0].measurements.clear();
    let text = write_document(&doc).expect("the rest is exported");
    let back = virkplan::json::parse_document(text.as_bytes()).expect("and is valid");
    assert_eq!(
        back.plans[1].focus_areas[0].goals[0].follow_ups.len(),
        before - 1
    );
}

#[test]
fn a_measurement_of_another_goal_s_indicator_cannot_be_exported() {
    let mut doc = parse(&base_v2()).expect("parses");
    let other = doc.plans[0].focus_areas[0].goals[0].indicators[0].id;
    doc.plans[1].focus_areas[0].goals[0].follow_ups[0].measurements[0].indicator = other;
    let err = write_document(&doc).expect_err("a foreign indicator");
    assert_eq!(
        err.path(),
        Some(format!("{GOAL2}.follow_ups[0].measurements[0].indicator").as_str())
    );
}
