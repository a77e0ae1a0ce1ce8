//! Follow-up (issue 5) through the store and the document: the status the follow-ups give a
//! goal, and the roll-over to the next period, each undone and redone exactly.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

mod common;

use virkplan::document::Document;
use virkplan::model::{
    self, Command, Date, FollowUp, FollowUpId, Goal, Period, PlanId, PlanState, Status,
};

fn setup() -> (tempfile::TempDir, Document, PlanId) {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = Document::open_or_create(&dir.path().join("plan.sqlite")).unwrap();
    let ids = doc.import(&common::small_document()).unwrap();
    (dir, doc, ids[0])
}

fn follow_up(date: &str, status: Option<Status>, text: &str) -> FollowUp {
    FollowUp {
        id: FollowUpId(0),
        date: Date::parse_iso(date).unwrap(),
        status,
        text: text.into(),
        measurements: Vec::new(),
        extra: None,
    }
}

#[test]
fn the_newest_follow_up_with_a_status_gives_the_goal_its_status() {
    // Oldest first as stored; a day sorts before the month it starts (plan-format.md, DATE
    // version 2: the shorter period first); equal dates keep their order, so the later
    // written one counts.
    let list = [
        follow_up("2013-05", Some(Status::OffTrack), "a"),
        follow_up("2013-05-01", Some(Status::Done), "b"),
        follow_up("2013-06-01", None, "c"),
        follow_up("2013-05", Some(Status::AtRisk), "d"),
    ];
    assert_eq!(Goal::status_from_follow_ups(&list), Some(Status::AtRisk));
    assert_eq!(
        Goal::status_from_follow_ups(&list[..2]),
        Some(Status::OffTrack)
    );
    assert_eq!(Goal::status_from_follow_ups(&list[2..3]), None);
    assert_eq!(Goal::status_from_follow_ups(&[]), None);
}

#[test]
fn a_follow_up_and_the_status_it_sets_are_one_undo_step() {
    let (_dir, mut doc, plan) = setup();
    let before = doc.load_plan(plan).unwrap();
    let goal = before.focus_areas[1].goals[0].clone();
    doc.apply(Command::Batch(vec![
        Command::InsertFollowUp {
            goal: goal.id,
            index: goal.follow_ups.len(),
            follow_up: follow_up("2013-03", Some(Status::OffTrack), "Fraværet steg."),
        },
        Command::SetGoalStatus {
            goal: goal.id,
            status: Some(Status::OffTrack),
        },
    ]))
    .unwrap();
    let after = doc.load_plan(plan).unwrap();
    let changed = &after.focus_areas[1].goals[0];
    assert_eq!(changed.status, Some(Status::OffTrack));
    assert_eq!(
        Goal::status_from_follow_ups(&changed.follow_ups),
        changed.status
    );
    assert!(doc.undo().unwrap());
    assert_eq!(doc.load_plan(plan).unwrap(), before);
    assert!(doc.redo().unwrap());
    assert_eq!(doc.load_plan(plan).unwrap(), after);
}

#[test]
fn roll_over_copies_what_it_should_links_back_and_is_undone_exactly() {
    let (_dir, mut doc, plan) = setup();
    // Close one goal, so that it stays behind.
    let old = doc.load_plan(plan).unwrap();
    let closed = old.focus_areas[0].goals[1].id;
    doc.apply(Command::SetGoalStatus {
        goal: closed,
        status: Some(Status::Done),
    })
    .unwrap();
    doc.apply(Command::SetState {
        plan,
        state: PlanState::Approved,
        approved_on: Date::parse_iso("2012-06-12").ok(),
    })
    .unwrap();
    let old = doc.load_plan(plan).unwrap();
    let before = doc.load_bundle(None).unwrap();

    let next = model::next_plan(
        &old,
        "Virksomhedsplan 2014/2015",
        Period {
            start: 2014,
            end: 2015,
        },
    );
    doc.apply(Command::InsertPlan(Box::new(next))).unwrap();
    let plans = doc.list_plans().unwrap();
    assert_eq!(plans.len(), 2);
    let new_id = plans.iter().map(|p| p.id).max().unwrap();
    let new = doc.load_plan(new_id).unwrap();
    assert_eq!(new.previous, Some(plan));
    assert_eq!(new.state, PlanState::Draft);
    assert_eq!(new.organisation, old.organisation);
    assert_eq!(new.focus_areas.len(), old.focus_areas.len());
    let continued: Vec<_> = new.goals().filter_map(|(_, g)| g.continues).collect();
    let open: Vec<_> = old
        .goals()
        .filter(|(_, g)| g.id != closed)
        .map(|(_, g)| g.id)
        .collect();
    assert_eq!(continued, open);
    assert!(new.goals().all(|(_, g)| g.follow_ups.is_empty()));
    // People are shared, not copied.
    assert_eq!(doc.people().unwrap().len(), before.people.len());
    // The old plan is as it was.
    assert_eq!(doc.load_plan(plan).unwrap(), old);

    assert!(doc.undo().unwrap());
    assert_eq!(doc.load_bundle(None).unwrap(), before);
    assert!(doc.redo().unwrap());
    assert_eq!(doc.load_plan(new_id).unwrap(), new);
}
