//! Schema 2 (issue 18) through the store: every field plan-format.md's version 2 adds is
//! written by an import and by the whole-entity inserts, and read back as it went in; the
//! file has an identity of its own.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

mod common;

use virkplan::model::{
    AreaNumbering, Command, Date, Direction, EmptyFields, Figure, FollowUp, FollowUpId, GoalId,
    GoalNumbering, Indicator, IndicatorId, Labels, Measurement, Milestone, MilestoneId, Number,
    Numbering, PersonId, PlanBundle, PrintSettings,
};
use virkplan::store::{Store, StoreError};

fn n(text: &str) -> Number {
    Number::parse(text).unwrap()
}

fn d(text: &str) -> Option<Date> {
    Some(Date::parse_iso(text).unwrap())
}

/// The small document with every version-2 field filled in, in document-local ids: indicator
/// ids unique in the document (10, 11, 20), measurements and related goals refer to them.
fn v2_document() -> PlanBundle {
    let mut doc = common::small_document();
    let plan = &mut doc.plans[0];
    plan.labels = Labels {
        focus_area: Some("Mål".into()),
        focus_areas: Some("Mål og indsatser".into()),
        goal: Some("Indsats".into()),
        owner: Some("Netværksleder".into()),
        documentation: None,
        intro: Some("Forord".into()),
        extra: Some(r#"{"x":1}"#.into()),
    };
    plan.numbering = Numbering {
        focus_areas: AreaNumbering::Label,
        goals: GoalNumbering::Letter,
        extra: Some(r#"{"y":2}"#.into()),
    };
    plan.print = PrintSettings {
        empty_fields: EmptyFields::Hide,
        owner_email: true,
        owner_title: false,
        extra: Some(r#"{"z":3}"#.into()),
    };
    plan.focus_areas[0].owners = vec![PersonId(1), PersonId(0)];
    let goal = &mut plan.focus_areas[0].goals[0];
    goal.deadline = d("2013-H2");
    goal.indicators = vec![
        Indicator {
            id: IndicatorId(10),
            name: "Andel med tilbud om rehabilitering".into(),
            unit: "%".into(),
            baseline: Some(Figure {
                value: n("62.5"),
                date: d("2011"),
                extra: None,
            }),
            target: Some(Figure {
                value: n("75"),
                date: d("2013-Q4"),
                extra: Some(r#"{"kilde":"DST"}"#.into()),
            }),
            direction: Some(Direction::Increase),
            extra: None,
        },
        Indicator {
            id: IndicatorId(11),
            name: "Ventetid".into(),
            unit: "dage".into(),
            baseline: None,
            target: Some(Figure {
                value: n("0.000000000000001"),
                date: None,
                extra: None,
            }),
            direction: None,
            extra: Some(r#"{"a":[1,2]}"#.into()),
        },
    ];
    goal.milestones = vec![
        Milestone {
            id: MilestoneId(0),
            text: "Alle fire afdelinger har en mestringskonsulent".into(),
            date: d("2012-Q2"),
            done: true,
            extra: None,
        },
        Milestone {
            id: MilestoneId(0),
            text: "Evaluering fremlagt".into(),
            date: None,
            done: false,
            extra: Some("{}".into()),
        },
    ];
    goal.related = vec![GoalId(3), GoalId(2)];
    goal.follow_ups.push(FollowUp {
        id: FollowUpId(0),
        date: d("2012-H2").unwrap(),
        status: None,
        text: String::new(),
        measurements: vec![
            Measurement {
                indicator: IndicatorId(11),
                value: n("-3"),
                extra: None,
            },
            Measurement {
                indicator: IndicatorId(10),
                value: n("70.1"),
                extra: Some(r#"{"m":true}"#.into()),
            },
        ],
        extra: None,
    });
    let other = &mut plan.focus_areas[1].goals[0];
    other.indicators = vec![Indicator {
        id: IndicatorId(20),
        name: "Sygefravær".into(),
        unit: String::new(),
        direction: Some(Direction::Decrease),
        ..Indicator::default()
    }];
    other.related = vec![GoalId(1)];
    doc
}

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open_or_create(&dir.path().join("plan.sqlite")).unwrap()
}

#[test]
fn an_import_keeps_every_version_2_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    store.import(&v2_document()).unwrap();
    let loaded = store.load_document(None).unwrap();
    // Related goals and area owners are row ids now: map them by what they stand for.
    let goal = &loaded.plans[0].focus_areas[0].goals[0];
    let texts: Vec<&str> = goal
        .related
        .iter()
        .map(|r| {
            loaded.plans[0]
                .goals()
                .find(|(_, g)| g.id == *r)
                .unwrap()
                .1
                .text
                .as_str()
        })
        .collect();
    assert_eq!(texts, ["Lavere sygefravær", "Færre indlæggelser"]);
    let owners: Vec<&str> = loaded.plans[0].focus_areas[0]
        .owners
        .iter()
        .map(|o| {
            loaded
                .people
                .iter()
                .find(|p| p.id == *o)
                .unwrap()
                .name
                .as_str()
        })
        .collect();
    assert_eq!(owners, ["Unna Scherer", "Børge Alstrup"]);

    let mut expected = v2_document();
    // normalise maps owners, related goals and indicators by what they stand for.
    for area in &mut expected.plans[0].focus_areas {
        for goal in &mut area.goals {
            goal.follow_ups.sort_by_key(|f| f.date);
        }
    }
    let expected = common::normalise(&expected);
    let got = common::normalise(&loaded);
    assert_eq!(got.plans[0].labels, expected.plans[0].labels);
    assert_eq!(got.plans[0].numbering, expected.plans[0].numbering);
    assert_eq!(got.plans[0].print, expected.plans[0].print);
    for (a, b) in got.plans[0].goals().zip(expected.plans[0].goals()) {
        assert_eq!(a.1.indicators, b.1.indicators);
        assert_eq!(a.1.milestones, b.1.milestones);
        assert_eq!(a.1.follow_ups, b.1.follow_ups);
        assert_eq!(a.1.related, b.1.related);
    }
    assert_eq!(
        got.plans[0].focus_areas[0].owners,
        expected.plans[0].focus_areas[0].owners
    );
}

#[test]
fn a_deleted_plan_comes_back_with_every_version_2_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let (ids, _) = store.import(&v2_document()).unwrap();
    let before = store.load_document(None).unwrap();
    let undo = store.apply(&Command::DeletePlan(ids[0])).unwrap();
    assert!(store.list_plans().unwrap().is_empty());
    store.apply(&undo).unwrap();
    assert_eq!(store.load_document(None).unwrap(), before);

    // A goal and a focus area too: their indicators, measurements, milestones, owners and
    // related goals come back under their old ids.
    let area = before.plans[0].focus_areas[0].id;
    let undo = store.apply(&Command::DeleteFocusArea(area)).unwrap();
    store.apply(&undo).unwrap();
    let goal = before.plans[0].focus_areas[0].goals[0].id;
    let undo = store.apply(&Command::DeleteGoal(goal)).unwrap();
    store.apply(&undo).unwrap();
    // The other goal's relation to the deleted one went with it (cascade); everything the
    // goal itself held is back.
    let after = store.load_document(None).unwrap();
    assert_eq!(
        after.plans[0].focus_areas[0].goals[0],
        before.plans[0].focus_areas[0].goals[0]
    );
    assert_eq!(after.plans[0].labels, before.plans[0].labels);
}

#[test]
fn a_measurement_of_another_goals_indicator_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let mut doc = v2_document();
    doc.plans[0].focus_areas[0].goals[0].follow_ups[1].measurements[0].indicator = IndicatorId(20);
    assert!(matches!(
        store.import(&doc),
        Err(StoreError::NotFound(_) | StoreError::MeasurementOfOtherGoal)
    ));
    assert!(
        store.list_plans().unwrap().is_empty(),
        "nothing half-imported"
    );

    let mut doc = v2_document();
    let f = &mut doc.plans[0].focus_areas[0].goals[0].follow_ups[1];
    f.measurements[0].indicator = IndicatorId(10);
    let err = store.import(&doc).unwrap_err();
    assert!(matches!(err, StoreError::MeasurementTwice), "{err:?}");
    assert!(err.to_string().contains("samme målepunkt"));

    let mut doc = v2_document();
    doc.plans[0].focus_areas[0].goals[0].related = vec![GoalId(1)];
    let err = store.import(&doc).unwrap_err();
    assert!(matches!(err, StoreError::RelatedToItself), "{err:?}");
    assert!(store.list_plans().unwrap().is_empty());
}

#[test]
fn a_new_file_has_an_identity_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let a = Store::open_or_create(&dir.path().join("a.sqlite")).unwrap();
    let b = Store::open_or_create(&dir.path().join("b.sqlite")).unwrap();
    let id_a = a.file_id().unwrap().unwrap();
    assert_eq!(id_a.len(), 32, "{id_a}");
    assert!(
        id_a.bytes()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    );
    assert_ne!(Some(id_a.clone()), b.file_id().unwrap());
    drop(a);
    let again = Store::open(&dir.path().join("a.sqlite")).unwrap();
    assert_eq!(again.file_id().unwrap(), Some(id_a), "written once");
}

#[test]
fn a_saved_copy_gets_its_own_identity_and_names_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::plan_file(dir.path(), "plan.sqlite");
    let doc = virkplan::document::Document::open(&path).unwrap();
    let copy = dir.path().join("kopi.sqlite");
    virkplan::transfer::save_copy(&doc, &copy).unwrap();
    drop(doc);
    let original = Store::open(&path).unwrap();
    let copied = Store::open(&copy).unwrap();
    let id = original.file_id().unwrap().unwrap();
    assert_eq!(original.copied_from().unwrap(), None);
    assert_ne!(
        copied.file_id().unwrap().unwrap(),
        id,
        "a copy is another file"
    );
    assert_eq!(copied.copied_from().unwrap(), Some(id));
    assert_eq!(
        copied.load_document(None).unwrap(),
        original.load_document(None).unwrap(),
        "the same content"
    );
}
