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

// ---- Schema 2 (issue 18): owners of focus areas, related goals, indicators, milestones,
// measurements, the plan's words ----

fn number(text: &str) -> model::Number {
    model::Number::parse(text).unwrap()
}

fn date(text: &str) -> Option<Date> {
    Some(Date::parse_iso(text).unwrap())
}

fn indicator(name: &str) -> model::Indicator {
    model::Indicator {
        id: model::IndicatorId(0),
        name: name.into(),
        unit: "%".into(),
        baseline: Some(model::Figure {
            value: number("62.5"),
            date: date("2011"),
            extra: None,
        }),
        target: Some(model::Figure {
            value: number("75"),
            date: date("2013-H2"),
            extra: None,
        }),
        direction: Some(model::Direction::Increase),
        extra: None,
    }
}

fn measurement(indicator: model::IndicatorId, value: &str) -> model::Measurement {
    model::Measurement {
        indicator,
        value: number(value),
        extra: None,
    }
}

#[test]
fn focus_area_owners_and_related_goals_undo_and_redo() {
    let (_dir, mut doc, plan) = setup();
    let p = doc.load_plan(plan).unwrap();
    let people: Vec<model::PersonId> = doc.people().unwrap().iter().map(|p| p.id).collect();
    let area = p.focus_areas[0].id;
    round_trip(
        &mut doc,
        Command::SetFocusAreaOwners {
            area,
            owners: vec![people[1], people[0]],
        },
        |d| assert_eq!(d.plans[0].focus_areas[0].owners, [people[1], people[0]]),
    );
    // Related goals: one in the same plan, one in the next plan of the file.
    let goal = p.focus_areas[0].goals[0].id;
    let same_plan = p.focus_areas[1].goals[0].id;
    let other_plan = doc.load_bundle(None).unwrap().plans[1].focus_areas[0].goals[1].id;
    round_trip(
        &mut doc,
        Command::SetGoalRelated {
            goal,
            related: vec![other_plan, same_plan],
        },
        |d| {
            assert_eq!(
                d.plans[0].focus_areas[0].goals[0].related,
                [other_plan, same_plan]
            )
        },
    );
    let before = snapshot(&doc);
    for (related, what) in [
        (vec![goal], "itself"),
        (vec![same_plan, same_plan], "twice"),
        (vec![model::GoalId(9999)], "unknown"),
    ] {
        let err = doc
            .apply(Command::SetGoalRelated { goal, related })
            .unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::RelatedToItself | StoreError::RelatedTwice | StoreError::NotFound(_)
            ),
            "{what}: {err:?}"
        );
        assert_eq!(snapshot(&doc), before, "{what}: nothing written");
    }
}

#[test]
fn indicators_with_their_measurements_undo_and_redo() {
    let (_dir, mut doc, plan) = setup();
    let goal = doc.load_plan(plan).unwrap().focus_areas[0].goals[0].clone();
    round_trip(
        &mut doc,
        Command::InsertIndicator {
            goal: goal.id,
            index: 0,
            indicator: indicator("Andel med tilbud"),
        },
        |d| {
            let got = &d.plans[0].focus_areas[0].goals[0].indicators;
            assert_eq!(got.len(), 1);
            assert_eq!(
                model::Indicator {
                    id: model::IndicatorId(0),
                    ..got[0].clone()
                },
                indicator("Andel med tilbud")
            );
        },
    );
    doc.apply(Command::InsertIndicator {
        goal: goal.id,
        index: 9,
        indicator: model::Indicator {
            baseline: None,
            direction: None,
            unit: String::new(),
            ..indicator("Ventetid")
        },
    })
    .unwrap();
    let goal = doc.load_plan(plan).unwrap().focus_areas[0].goals[0].clone();
    let (first, second) = (goal.indicators[0].clone(), goal.indicators[1].clone());
    assert_eq!(second.name, "Ventetid", "index past the end is the end");
    let mut changed = first.clone();
    changed.target.as_mut().unwrap().value = number("0.000000000000001");
    changed.direction = Some(model::Direction::Keep);
    round_trip(&mut doc, Command::SetIndicator(changed), |d| {
        let got = &d.plans[0].focus_areas[0].goals[0].indicators[0];
        assert_eq!(
            got.target.as_ref().unwrap().value.to_string(),
            "0.000000000000001"
        );
    });
    round_trip(
        &mut doc,
        Command::MoveIndicator {
            indicator: second.id,
            index: 0,
        },
        |d| {
            assert_eq!(
                d.plans[0].focus_areas[0].goals[0].indicators[0].id,
                second.id
            )
        },
    );
    // A follow-up with a figure for each; deleting an indicator takes its figures with it,
    // and undo puts them back in their place.
    round_trip(
        &mut doc,
        Command::InsertFollowUp {
            goal: goal.id,
            index: 9,
            follow_up: FollowUp {
                id: FollowUpId(0),
                date: Date::parse_iso("2012-Q4").unwrap(),
                status: None,
                text: String::new(),
                measurements: vec![measurement(second.id, "12"), measurement(first.id, "70.1")],
                extra: None,
            },
        },
        |d| {
            let f = d.plans[0].focus_areas[0].goals[0]
                .follow_ups
                .last()
                .unwrap();
            assert_eq!(f.measurements[1].value.to_string(), "70.1");
        },
    );
    doc.apply(Command::InsertFollowUp {
        goal: goal.id,
        index: 9,
        follow_up: FollowUp {
            id: FollowUpId(0),
            date: Date::parse_iso("2013").unwrap(),
            status: None,
            text: "Året".into(),
            measurements: vec![measurement(first.id, "72")],
            extra: None,
        },
    })
    .unwrap();
    round_trip(&mut doc, Command::DeleteIndicator(first.id), |d| {
        let g = &d.plans[0].focus_areas[0].goals[0];
        assert_eq!(g.indicators.len(), 1);
        assert!(
            g.follow_ups
                .iter()
                .flat_map(|f| &f.measurements)
                .all(|m| m.indicator == second.id)
        );
    });
}

#[test]
fn a_follow_up_measures_only_its_own_goals_indicators_once() {
    let (_dir, mut doc, plan) = setup();
    let p = doc.load_plan(plan).unwrap();
    let (goal, other) = (&p.focus_areas[0].goals[0], &p.focus_areas[1].goals[0]);
    for g in [goal.id, other.id] {
        doc.apply(Command::InsertIndicator {
            goal: g,
            index: 0,
            indicator: indicator("Andel"),
        })
        .unwrap();
    }
    let p = doc.load_plan(plan).unwrap();
    let mine = p.focus_areas[0].goals[0].indicators[0].id;
    let theirs = p.focus_areas[1].goals[0].indicators[0].id;
    let follow_up = p.focus_areas[0].goals[0].follow_ups[0].clone();
    let mut changed = follow_up.clone();
    changed.measurements = vec![measurement(mine, "64")];
    round_trip(&mut doc, Command::SetFollowUp(changed.clone()), |d| {
        assert_eq!(
            d.plans[0].focus_areas[0].goals[0].follow_ups[0].measurements,
            [measurement(mine, "64")]
        )
    });
    let before = snapshot(&doc);
    changed.measurements = vec![measurement(theirs, "1")];
    let err = doc
        .apply(Command::SetFollowUp(changed.clone()))
        .unwrap_err();
    assert!(matches!(err, StoreError::MeasurementOfOtherGoal), "{err:?}");
    assert!(err.to_string().contains("andet mål"), "{err}");
    changed.measurements = vec![measurement(mine, "1"), measurement(mine, "2")];
    let err = doc
        .apply(Command::SetFollowUp(changed.clone()))
        .unwrap_err();
    assert!(matches!(err, StoreError::MeasurementTwice), "{err:?}");
    let err = doc
        .apply(Command::InsertFollowUp {
            goal: goal.id,
            index: 0,
            follow_up: FollowUp {
                id: FollowUpId(0),
                ..changed
            },
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::MeasurementTwice), "{err:?}");
    assert_eq!(snapshot(&doc), before, "nothing written");
}

#[test]
fn milestones_undo_and_redo() {
    let (_dir, mut doc, plan) = setup();
    let goal = doc.load_plan(plan).unwrap().focus_areas[0].goals[0].id;
    let milestone = |text: &str, when: &str| model::Milestone {
        id: model::MilestoneId(0),
        text: text.into(),
        date: date(when),
        done: false,
        extra: None,
    };
    round_trip(
        &mut doc,
        Command::InsertMilestone {
            goal,
            index: 0,
            milestone: milestone("Konsulenter ansat", "2012-Q2"),
        },
        |d| {
            let m = &d.plans[0].focus_areas[0].goals[0].milestones[0];
            assert_eq!(
                (m.text.as_str(), m.date),
                ("Konsulenter ansat", date("2012-Q2"))
            );
        },
    );
    doc.apply(Command::InsertMilestone {
        goal,
        index: 0,
        milestone: milestone("Plan vedtaget", "2012"),
    })
    .unwrap();
    let ms = doc.load_plan(plan).unwrap().focus_areas[0].goals[0]
        .milestones
        .clone();
    assert_eq!(ms[0].text, "Plan vedtaget", "inserted at the front");
    let mut done = ms[1].clone();
    done.done = true;
    done.date = date("2012-06-30");
    round_trip(&mut doc, Command::SetMilestone(done), |d| {
        assert!(d.plans[0].focus_areas[0].goals[0].milestones[1].done)
    });
    round_trip(
        &mut doc,
        Command::MoveMilestone {
            milestone: ms[1].id,
            index: 0,
        },
        |d| {
            assert_eq!(
                d.plans[0].focus_areas[0].goals[0].milestones[0].id,
                ms[1].id
            )
        },
    );
    round_trip(&mut doc, Command::DeleteMilestone(ms[0].id), |d| {
        assert_eq!(d.plans[0].focus_areas[0].goals[0].milestones.len(), 1)
    });
}

#[test]
fn the_plans_own_words_undo_and_redo_and_a_blank_word_is_refused() {
    let (_dir, mut doc, plan) = setup();
    let labels = model::Labels {
        owner: Some("Netværksleder".into()),
        focus_area: Some("Mål".into()),
        ..model::Labels::default()
    };
    let numbering = model::Numbering {
        focus_areas: model::AreaNumbering::Label,
        goals: model::GoalNumbering::Letter,
        extra: None,
    };
    let print = model::PrintSettings {
        empty_fields: model::EmptyFields::Hide,
        owner_email: true,
        owner_title: false,
        extra: None,
    };
    round_trip(
        &mut doc,
        Command::SetPlanWords {
            plan,
            labels: labels.clone(),
            numbering: numbering.clone(),
            print: print.clone(),
        },
        |d| {
            let p = &d.plans[0];
            assert_eq!(
                (&p.labels, &p.numbering, &p.print),
                (&labels, &numbering, &print)
            );
        },
    );
    let before = snapshot(&doc);
    let err = doc
        .apply(Command::SetPlanWords {
            plan,
            labels: model::Labels {
                goal: Some("  ".into()),
                ..labels
            },
            numbering,
            print,
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::BlankLabel("Mål")), "{err:?}");
    assert!(err.to_string().contains("«Mål»"), "{err}");
    assert_eq!(snapshot(&doc), before);
}

#[test]
fn a_deleted_goal_comes_back_with_the_relations_other_goals_had_to_it() {
    let (_dir, mut doc, plan) = setup();
    let p = doc.load_plan(plan).unwrap();
    let (a, b, c) = (
        p.focus_areas[0].goals[0].id,
        p.focus_areas[0].goals[1].id,
        p.focus_areas[1].goals[0].id,
    );
    doc.apply(Command::SetGoalRelated {
        goal: a,
        related: vec![c, b],
    })
    .unwrap();
    doc.apply(Command::SetGoalRelated {
        goal: b,
        related: vec![a],
    })
    .unwrap();
    // round_trip compares the whole file after undo: a's list [c, b] in that order included.
    round_trip(&mut doc, Command::DeleteGoal(b), |d| {
        assert_eq!(d.plans[0].focus_areas[0].goals[0].related, [c]);
    });
    assert!(doc.undo().unwrap(), "b back, for the next delete");
    round_trip(
        &mut doc,
        Command::DeleteFocusArea(p.focus_areas[1].id),
        |d| {
            assert_eq!(d.plans[0].focus_areas[0].goals[0].related, [b]);
        },
    );
    round_trip(&mut doc, Command::DeletePlan(plan), |_| {});
}

#[test]
fn a_person_who_answers_for_a_focus_area_cannot_be_deleted() {
    let (_dir, mut doc, plan) = setup();
    let p = doc.load_plan(plan).unwrap();
    let person = doc
        .apply(Command::InsertPerson(Person {
            name: "Anne Ansvarlig".into(),
            ..Person::default()
        }))
        .unwrap()
        .person()
        .unwrap();
    for area in &p.focus_areas {
        doc.apply(Command::SetFocusAreaOwners {
            area: area.id,
            owners: vec![person],
        })
        .unwrap();
    }
    let before = snapshot(&doc);
    let err = doc.apply(Command::DeletePerson(person)).unwrap_err();
    assert!(
        matches!(err, StoreError::PersonAnswersForAreas { others: 1, .. }),
        "{err:?}"
    );
    let text = err.to_string();
    assert!(
        text.contains(
            "Anne Ansvarlig er ansvarlig for indsatsområdet «Sundhed og forebyggelse» og ét andet"
        ),
        "{text}"
    );
    assert_eq!(snapshot(&doc), before);
}
