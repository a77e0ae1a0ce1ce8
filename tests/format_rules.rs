//! One test per rule of plan-format.md: a small document that breaks exactly that rule, and
//! the JSON path (and a Danish word of the message) the error must name. Plus the positive
//! cases: the reference plan, `null` for optional fields, a BOM, `extra`, follow-up order.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

use serde_json::{Value, json};
use virkplan::json::{FormatError, parse_document, write_document};
use virkplan::model::{Date, PersonId, PlanId, PlanState, Status};

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
    let err = rejected(with(|d| d["version"] = json!(2)), "version", "nyere");
    assert!(matches!(err, FormatError::NewerVersion { version: 2 }));
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
    assert!(text.starts_with("{\n  \"format\": \"virkplan\",\n  \"version\": 1,"));
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
