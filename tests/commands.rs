//! Every command through the one door: applied in its own transaction, undone exactly (same
//! content, same ids, same order), redone exactly.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

mod common;

use common::small_document;
use virkplan::document::Document;
use virkplan::model::{
    self, BudgetRow, Command, Date, FocusArea, FocusAreaField, FollowUp, FollowUpId, Goal,
    GoalField, Period, Person, PersonField, PlanField, PlanId, PlanState, Section, SectionField,
    Status,
};
use virkplan::store::StoreError;

fn setup() -> (tempfile::TempDir, Document, PlanId) {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = Document::open_or_create(&dir.path().join("plan.sqlite")).unwrap();
    let mut two = small_document();
    let mut second = two.plans[0].clone();
    second.title = "Virksomhedsplan 2014/2015".into();
    second.previous = Some(PlanId(0));
    second.id = PlanId(1);
    for (i, g) in second
        .focus_areas
        .iter_mut()
        .flat_map(|a| a.goals.iter_mut())
        .enumerate()
    {
        g.continues = Some(g.id);
        g.id = model::GoalId(100 + i as i64);
    }
    two.plans.push(second);
    let ids = doc.import(&two).unwrap();
    (dir, doc, ids[0])
}

fn snapshot(doc: &Document) -> model::PlanBundle {
    doc.load_bundle(None).unwrap()
}

/// Applies, checks the change, undoes (back to the exact state), redoes (the exact change).
fn round_trip(doc: &mut Document, command: Command, check: impl Fn(&model::PlanBundle)) {
    let before = snapshot(doc);
    doc.apply(command.clone())
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    let after = snapshot(doc);
    assert_ne!(before, after, "{command:?} changed nothing");
    check(&after);
    assert!(doc.undo().unwrap());
    assert_eq!(snapshot(doc), before, "undo of {command:?}");
    assert!(doc.redo().unwrap());
    assert_eq!(snapshot(doc), after, "redo of {command:?}");
}

#[test]
fn text_edits_undo_and_redo() {
    let (_dir, mut doc, plan) = setup();
    let p = doc.load_plan(plan).unwrap();
    let goal = p.focus_areas[0].goals[0].id;
    let area = p.focus_areas[0].id;
    round_trip(
        &mut doc,
        Command::SetPlanText {
            plan,
            field: PlanField::Title,
            value: "Ny titel".into(),
        },
        |d| assert_eq!(d.plans[0].title, "Ny titel"),
    );
    round_trip(
        &mut doc,
        Command::SetGoalText {
            goal,
            field: GoalField::Documentation,
            value: "Rapport".into(),
        },
        |d| assert_eq!(d.plans[0].focus_areas[0].goals[0].documentation, "Rapport"),
    );
    round_trip(
        &mut doc,
        Command::SetFocusAreaText {
            area,
            field: FocusAreaField::Description,
            value: "Beskrivelse".into(),
        },
        |d| assert_eq!(d.plans[0].focus_areas[0].description, "Beskrivelse"),
    );
    round_trip(
        &mut doc,
        Command::SetPeriod {
            plan,
            period: Period {
                start: 2020,
                end: 2021,
            },
        },
        |d| assert_eq!(d.plans[0].period.start, 2020),
    );
    round_trip(
        &mut doc,
        Command::SetState {
            plan,
            state: PlanState::Approved,
            approved_on: Date::parse_iso("2012-03-01").ok(),
        },
        |d| assert_eq!(d.plans[0].state, PlanState::Approved),
    );
    round_trip(
        &mut doc,
        Command::SetBudgetYear {
            plan,
            year: Some(2012),
        },
        |d| assert_eq!(d.plans[0].budget.year, Some(2012)),
    );
    round_trip(
        &mut doc,
        Command::SetGoalStatus {
            goal,
            status: Some(Status::AtRisk),
        },
        |d| {
            assert_eq!(
                d.plans[0].focus_areas[0].goals[0].status,
                Some(Status::AtRisk)
            )
        },
    );
    round_trip(
        &mut doc,
        Command::SetGoalDeadline {
            goal,
            deadline: Date::parse_iso("2013-12").ok(),
        },
        |_| {},
    );
    round_trip(
        &mut doc,
        Command::SetGoalOwners {
            goal,
            owners: vec![],
        },
        |d| assert!(d.plans[0].focus_areas[0].goals[0].owners.is_empty()),
    );
}

#[test]
fn sections_and_budget_rows_add_move_delete() {
    let (_dir, mut doc, plan) = setup();
    for title in ["Hvem er vi?", "Hvorfor er vi her?"] {
        doc.apply(Command::InsertSection {
            plan,
            index: usize::MAX,
            section: Section {
                title: title.into(),
                ..Section::default()
            },
        })
        .unwrap();
    }
    let p = doc.load_plan(plan).unwrap();
    let second = p.sections[1].id;
    round_trip(
        &mut doc,
        Command::MoveSection {
            section: second,
            index: 0,
        },
        |d| assert_eq!(d.plans[0].sections[0].title, "Hvorfor er vi her?"),
    );
    round_trip(&mut doc, Command::DeleteSection(second), |d| {
        assert_eq!(d.plans[0].sections.len(), 1)
    });
    doc.undo().unwrap();
    round_trip(
        &mut doc,
        Command::SetSectionText {
            section: second,
            field: SectionField::Body,
            value: "Tekst".into(),
        },
        |_| {},
    );
    round_trip(
        &mut doc,
        Command::InsertBudgetRow {
            plan,
            index: 0,
            row: BudgetRow {
                area: "Ældrepleje".into(),
                expenses: 102_560_000,
                income: -21_742_000,
                ..BudgetRow::default()
            },
        },
        |d| assert_eq!(d.plans[0].budget.rows[0].result(), Some(80_818_000)),
    );
}

#[test]
fn goals_move_between_focus_areas_and_deletes_restore_everything() {
    let (_dir, mut doc, plan) = setup();
    let p = doc.load_plan(plan).unwrap();
    let first_goal = p.focus_areas[0].goals[0].id;
    let other_area = p.focus_areas[1].id;
    round_trip(
        &mut doc,
        Command::MoveGoal {
            goal: first_goal,
            area: other_area,
            index: 0,
        },
        |d| {
            assert_eq!(d.plans[0].focus_areas[0].goals.len(), 1);
            assert_eq!(
                d.plans[0].focus_areas[1].goals[0].text,
                "Forebyggelsesstrategien bruges"
            );
        },
    );
    round_trip(
        &mut doc,
        Command::MoveFocusArea {
            area: other_area,
            index: 0,
        },
        |d| assert_eq!(d.plans[0].focus_areas[0].title, "Det gode arbejdsliv"),
    );
    // Deleting a goal that a goal of the next plan continues: undo restores the link too.
    round_trip(&mut doc, Command::DeleteGoal(first_goal), |d| {
        assert!(
            d.plans[1]
                .goals()
                .all(|(_, g)| g.continues != Some(first_goal))
        );
    });
    round_trip(
        &mut doc,
        Command::DeleteFocusArea(p.focus_areas[0].id),
        |d| assert_eq!(d.plans[0].focus_areas.len(), 1),
    );
    round_trip(&mut doc, Command::DeletePlan(plan), |d| {
        assert_eq!(d.plans.len(), 1);
        assert_eq!(d.plans[0].previous, None);
    });
    doc.undo().unwrap();
    round_trip(
        &mut doc,
        Command::InsertGoal {
            area: other_area,
            index: 1,
            goal: Goal {
                text: "Nyt mål".into(),
                status: Some(Status::NotStarted),
                ..Goal::default()
            },
        },
        |d| {
            let area = d.plans[0]
                .focus_areas
                .iter()
                .find(|a| a.id == other_area)
                .unwrap();
            assert_eq!(area.goals[1].text, "Nyt mål");
        },
    );
    round_trip(
        &mut doc,
        Command::InsertFocusArea {
            plan,
            index: 0,
            area: FocusArea {
                title: "Nyt område".into(),
                ..FocusArea::default()
            },
        },
        |d| assert_eq!(d.plans[0].focus_areas[0].title, "Nyt område"),
    );
}

#[test]
fn follow_ups_keep_date_order_and_equal_dates_keep_their_order() {
    let (_dir, mut doc, plan) = setup();
    let goal = doc.load_plan(plan).unwrap().focus_areas[0].goals[0].id;
    for (date, text) in [("2013-01", "b"), ("2012-01", "a"), ("2013-01", "c")] {
        doc.apply(Command::InsertFollowUp {
            goal,
            index: usize::MAX,
            follow_up: FollowUp {
                id: FollowUpId(0),
                date: Date::parse_iso(date).unwrap(),
                status: None,
                text: text.into(),
                measurements: Vec::new(),
                extra: None,
            },
        })
        .unwrap();
    }
    let g = &doc.load_plan(plan).unwrap().focus_areas[0].goals[0].clone();
    let texts: Vec<&str> = g.follow_ups.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(texts, ["a", "Godt i gang.", "b", "c"]);
    round_trip(
        &mut doc,
        Command::DeleteFollowUp(g.follow_ups[2].id),
        |_| {},
    );
    let mut changed = g.follow_ups[0].clone();
    changed.status = Some(Status::Done);
    round_trip(&mut doc, Command::SetFollowUp(changed), |_| {});
}

#[test]
fn people_who_carry_goals_cannot_be_deleted() {
    let (_dir, mut doc, _plan) = setup();
    let people = doc.people().unwrap();
    let borge = people
        .iter()
        .find(|p| p.name == "Børge Alstrup")
        .unwrap()
        .id;
    match doc.apply(Command::DeletePerson(borge)) {
        Err(e @ StoreError::PersonHasGoals { .. }) => {
            assert!(e.to_string().contains("Børge Alstrup er tovholder på"))
        }
        other => panic!("expected PersonHasGoals, got {other:?}"),
    }
    round_trip(
        &mut doc,
        Command::InsertPerson(Person {
            name: "Ny Person".into(),
            ..Person::default()
        }),
        |d| assert!(d.people.iter().any(|p| p.name == "Ny Person")),
    );
    let new = doc
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.name == "Ny Person")
        .unwrap();
    round_trip(
        &mut doc,
        Command::SetPersonText {
            person: new.id,
            field: PersonField::Title,
            value: "Konsulent".into(),
        },
        |_| {},
    );
    round_trip(&mut doc, Command::DeletePerson(new.id), |_| {});
}

#[test]
fn an_import_is_one_undo_step_and_a_failed_batch_writes_nothing() {
    let (_dir, mut doc, plan) = setup();
    let before = snapshot(&doc);
    let label = doc.undo_label();
    doc.import(&small_document()).unwrap();
    assert_eq!(snapshot(&doc).plans.len(), 3);
    doc.undo().unwrap();
    assert_eq!(snapshot(&doc), before);

    let bad = Command::Batch(vec![
        Command::SetPlanText {
            plan,
            field: PlanField::Title,
            value: "Halvt".into(),
        },
        Command::DeleteGoal(model::GoalId(999_999)),
    ]);
    assert!(doc.apply(bad).is_err());
    assert_eq!(
        snapshot(&doc),
        before,
        "a failed batch leaves nothing behind"
    );
    assert_eq!(doc.undo_label(), label, "and records no undo step");
}

#[test]
fn typing_in_one_field_is_one_undo_step() {
    let (_dir, mut doc, plan) = setup();
    let before = snapshot(&doc);
    for text in ["V", "Vi", "Vi s", "Vi skal"] {
        doc.apply_typing(Command::SetPlanText {
            plan,
            field: PlanField::Title,
            value: text.into(),
        })
        .unwrap();
    }
    doc.end_typing();
    doc.apply_typing(Command::SetPlanText {
        plan,
        field: PlanField::Title,
        value: "Vi skal!".into(),
    })
    .unwrap();
    assert_eq!(snapshot(&doc).plans[0].title, "Vi skal!");
    doc.undo().unwrap();
    assert_eq!(
        snapshot(&doc).plans[0].title,
        "Vi skal",
        "the second burst is its own step"
    );
    doc.undo().unwrap();
    assert_eq!(snapshot(&doc), before, "the first burst is one step");
}

#[test]
fn apply_says_which_row_an_insert_made_even_when_it_is_not_the_largest_id() {
    use virkplan::document::Created;
    let (dir, mut doc, plan) = setup();
    // Another program adds a person after ours would be made: "the largest id" would name
    // theirs, the id apply returns names ours.
    let applied = doc
        .apply(Command::InsertPerson(Person {
            name: "Ny Person".into(),
            ..Person::default()
        }))
        .unwrap();
    let ours = applied.person().expect("an insert names its row");
    rusqlite::Connection::open(dir.path().join("plan.sqlite"))
        .unwrap()
        .execute("INSERT INTO person (name) VALUES ('Fremmed')", [])
        .unwrap();
    let people = doc.people().unwrap();
    let largest = people.iter().map(|p| p.id).max().unwrap();
    assert_ne!(largest, ours);
    assert_eq!(
        people.iter().find(|p| p.id == ours).unwrap().name,
        "Ny Person"
    );

    let old = doc.load_plan(plan).unwrap();
    let new = model::next_plan(&old, "Næste", Period::new(2014, 2015).unwrap());
    let applied = doc.apply(Command::InsertPlan(Box::new(new))).unwrap();
    let id = applied.plan().expect("the new plan's id");
    assert_eq!(applied.created, Some(Created::Plan(id)));
    assert_eq!(doc.load_plan(id).unwrap().title, "Næste");

    // An edit that inserts nothing says so.
    let applied = doc
        .apply(Command::SetPlanText {
            plan,
            field: PlanField::Title,
            value: "Ny titel".into(),
        })
        .unwrap();
    assert_eq!(applied.created, None);
}
