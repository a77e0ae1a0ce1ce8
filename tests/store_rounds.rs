//! Follow-up rounds (issue 19) in the plan file, through the document: a round goes in with
//! its packages and receipts and comes back equal; every round command is undone and redone
//! exactly; a deleted plan's rounds come back with it; a deleted goal or person stays in the
//! round; a read-only file refuses the commands.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

mod common;

use virkplan::document::{Document, DocumentError};
use virkplan::model::{
    Command, Date, GoalId, IndicatorId, Package, PersonId, Plan, PlanId, Receipt, Round, RoundId,
};

fn day(text: &str) -> Date {
    Date::parse_iso(text).unwrap()
}

/// A document holding the small plan; returns it with the plan's id.
fn document(dir: &std::path::Path) -> (Document, PlanId) {
    let path = common::plan_file(dir, "plan.sqlite");
    let doc = Document::open(&path).unwrap();
    let plan = doc.list_plans().unwrap()[0].id;
    (doc, plan)
}

/// A round for every tovholder of `plan`, in the order they first own a goal, with two
/// indicator ids made up (a round keeps ids without checking them, as it keeps deleted ones).
fn round_for(plan: &Plan, name: &str, started: &str) -> Round {
    let mut packages: Vec<Package> = Vec::new();
    for (_, goal) in plan.goals() {
        for owner in &goal.owners {
            match packages.iter_mut().find(|p| p.person == *owner) {
                Some(p) => p.goals.push(goal.id),
                None => packages.push(Package {
                    person: *owner,
                    person_name: format!("Person {}", owner.0),
                    file_name: format!("{name} - Person {}.xlsx", owner.0),
                    goals: vec![goal.id],
                    indicators: Vec::new(),
                    sent_on: None,
                    receipts: Vec::new(),
                }),
            }
        }
    }
    packages[0].indicators = vec![IndicatorId(71), IndicatorId(70)];
    packages[0].sent_on = Some(day("2013-09-21"));
    packages[0].receipts = vec![
        Receipt {
            received_on: day("2013-10-01"),
            digest: "0a1b2c".into(),
            follow_ups: 2,
        },
        Receipt {
            received_on: day("2013-10-03"),
            digest: "ffee".into(),
            follow_ups: 0,
        },
    ];
    Round {
        id: RoundId(0),
        plan: plan.id,
        name: name.into(),
        deadline: day("2013-10-15"),
        started_on: day(started),
        closed_on: None,
        folder: format!("C:\\Opfølgning\\{name}"),
        packages,
    }
}

/// The round as the file should hold it: `round` with the id it got.
fn stored(round: &Round, id: RoundId) -> Round {
    Round {
        id,
        ..round.clone()
    }
}

#[test]
fn a_round_goes_in_with_its_packages_and_receipts_and_comes_back_equal() {
    let dir = tempfile::tempdir().unwrap();
    let (mut doc, plan_id) = document(dir.path());
    let plan = doc.load_plan(plan_id).unwrap();
    assert!(doc.rounds(plan_id).unwrap().is_empty());

    // Started later but made first: rounds come back in the order they were started.
    let autumn = round_for(&plan, "Opfølgning efterår 2013", "2013-09-20");
    let mut spring = round_for(&plan, "Opfølgning forår 2013", "2013-03");
    spring.closed_on = Some(day("2013-04-30"));
    spring.deadline = day("2013-Q2");
    let autumn_id = doc
        .apply(Command::InsertRound(Box::new(autumn.clone())))
        .unwrap()
        .round()
        .unwrap();
    let spring_id = doc
        .apply(Command::InsertRound(Box::new(spring.clone())))
        .unwrap()
        .round()
        .unwrap();
    assert_ne!(autumn_id, spring_id);
    assert!(autumn.packages.len() >= 2, "both tovholdere");
    assert_eq!(
        doc.rounds(plan_id).unwrap(),
        vec![stored(&spring, spring_id), stored(&autumn, autumn_id)]
    );
    assert_eq!(doc.round(autumn_id).unwrap(), stored(&autumn, autumn_id));

    // Reopened: it is in the file, not in the session.
    let path = doc.path().to_path_buf();
    drop(doc);
    let doc = Document::open(&path).unwrap();
    assert_eq!(doc.round(autumn_id).unwrap(), stored(&autumn, autumn_id));
    // A round is not part of the plan or its export.
    assert_eq!(doc.load_plan(plan_id).unwrap(), plan);
}

#[test]
fn a_missing_round_or_plan_is_a_danish_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let (doc, _) = document(dir.path());
    let missing = doc.round(RoundId(99)).unwrap_err();
    assert!(matches!(missing, DocumentError::NotFound(_)));
    assert_eq!(
        missing.to_string(),
        "Opfølgningsrunden findes ikke (længere) i filen; måske har en anden slettet det"
    );
    assert!(matches!(
        doc.rounds(PlanId(99)),
        Err(DocumentError::NoSuchPlan(99))
    ));
}

/// Applies `command`, then checks that undo brings back `before` and redo the state after.
fn undo_and_redo_restore(doc: &mut Document, plan: PlanId, command: Command) {
    let before = doc.rounds(plan).unwrap();
    doc.apply(command).unwrap();
    let after = doc.rounds(plan).unwrap();
    assert_ne!(after, before, "the command changed something");
    assert!(doc.undo().unwrap());
    assert_eq!(doc.rounds(plan).unwrap(), before, "undo");
    assert!(doc.redo().unwrap());
    assert_eq!(doc.rounds(plan).unwrap(), after, "redo");
    assert!(doc.undo().unwrap());
    assert_eq!(doc.rounds(plan).unwrap(), before, "undo again");
    assert!(doc.redo().unwrap());
}

#[test]
fn every_round_command_is_undone_and_redone_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let (mut doc, plan_id) = document(dir.path());
    let plan = doc.load_plan(plan_id).unwrap();
    let first = round_for(&plan, "Opfølgning forår 2013", "2013-03-01");
    let first_id = doc
        .apply(Command::InsertRound(Box::new(first)))
        .unwrap()
        .round()
        .unwrap();

    let second = round_for(&plan, "Opfølgning efterår 2013", "2013-09-20");
    assert_eq!(
        doc.apply(Command::InsertRound(Box::new(second.clone())))
            .unwrap()
            .round(),
        Some(RoundId(first_id.0 + 1))
    );
    assert_eq!(doc.undo_label(), Some("ny opfølgningsrunde"));
    // Undo and redo of the insert: the redo restores the round under the id it had.
    assert!(doc.undo().unwrap());
    assert!(doc.round(RoundId(first_id.0 + 1)).is_err());
    assert!(doc.redo().unwrap());
    let second_id = RoundId(first_id.0 + 1);
    assert_eq!(doc.round(second_id).unwrap(), stored(&second, second_id));

    // A package marked as sent, and a workbook's receipt added: the rest as it was.
    let mut package = doc.round(second_id).unwrap().packages[1].clone();
    package.sent_on = Some(day("2013-09-22"));
    package.receipts.push(Receipt {
        received_on: day("2013-10-02"),
        digest: "9f86d081884c7d65".into(),
        follow_ups: 3,
    });
    undo_and_redo_restore(
        &mut doc,
        plan_id,
        Command::SetRoundPackage {
            round: second_id,
            package: package.clone(),
        },
    );
    let round = doc.round(second_id).unwrap();
    assert_eq!(round.packages[1], package, "replaced whole, in its place");
    assert_eq!(
        round.packages[0], second.packages[0],
        "the others untouched"
    );
    assert_eq!(doc.undo_label(), Some("ret opfølgningsrunde"));

    // Receipts taken away again (a package set back to none).
    let mut emptied = round.packages[0].clone();
    emptied.receipts.clear();
    emptied.sent_on = None;
    undo_and_redo_restore(
        &mut doc,
        plan_id,
        Command::SetRoundPackage {
            round: second_id,
            package: emptied,
        },
    );

    undo_and_redo_restore(
        &mut doc,
        plan_id,
        Command::SetRoundClosed {
            round: second_id,
            closed_on: Some(day("2013-11-01")),
        },
    );
    assert_eq!(doc.undo_label(), Some("luk opfølgningsrunde"));
    assert!(doc.round(second_id).unwrap().is_closed());
    undo_and_redo_restore(
        &mut doc,
        plan_id,
        Command::SetRoundClosed {
            round: second_id,
            closed_on: None,
        },
    );
    assert_eq!(doc.undo_label(), Some("genåbn opfølgningsrunde"));

    undo_and_redo_restore(&mut doc, plan_id, Command::DeleteRound(first_id));
    assert_eq!(doc.undo_label(), Some("slet opfølgningsrunde"));
    assert!(doc.round(first_id).is_err());
    assert!(doc.undo().unwrap());
    assert_eq!(doc.rounds(plan_id).unwrap()[0].id, first_id, "its old id");
    assert!(
        doc.load_plan(plan_id).unwrap() == plan,
        "no round command touches the plan"
    );
}

#[test]
fn a_package_of_someone_not_in_the_round_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut doc, plan_id) = document(dir.path());
    let plan = doc.load_plan(plan_id).unwrap();
    let round = round_for(&plan, "Opfølgning efterår 2013", "2013-09-20");
    let id = doc
        .apply(Command::InsertRound(Box::new(round.clone())))
        .unwrap()
        .round()
        .unwrap();
    let mut stranger = round.packages[0].clone();
    stranger.person = PersonId(4242);
    let e = doc
        .apply(Command::SetRoundPackage {
            round: id,
            package: stranger,
        })
        .unwrap_err();
    assert!(matches!(e, DocumentError::NotFound(_)), "{e:?}");
    assert!(matches!(
        doc.apply(Command::SetRoundClosed {
            round: RoundId(77),
            closed_on: None
        }),
        Err(DocumentError::NotFound(_))
    ));
    assert!(matches!(
        doc.apply(Command::DeleteRound(RoundId(77))),
        Err(DocumentError::NotFound(_))
    ));

    let mut blank = round.clone();
    blank.name = "  ".into();
    let e = doc
        .apply(Command::InsertRound(Box::new(blank)))
        .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("Opfølgningsrunden skal have et navn"),
        "{e}"
    );
    let mut twice = round.clone();
    twice.packages.push(round.packages[0].clone());
    let e = doc
        .apply(Command::InsertRound(Box::new(twice)))
        .unwrap_err();
    assert!(e.to_string().contains("to pakker"), "{e}");
    let mut elsewhere = round;
    elsewhere.plan = PlanId(99);
    assert!(matches!(
        doc.apply(Command::InsertRound(Box::new(elsewhere))),
        Err(DocumentError::NoSuchPlan(99))
    ));
    assert_eq!(doc.rounds(plan_id).unwrap(), vec![doc.round(id).unwrap()]);
}

#[test]
fn a_deleted_plan_brings_its_rounds_back_on_undo_under_their_ids() {
    let dir = tempfile::tempdir().unwrap();
    let (mut doc, plan_id) = document(dir.path());
    let plan = doc.load_plan(plan_id).unwrap();
    for (name, started) in [("Forår", "2013-03-01"), ("Efterår", "2013-09-20")] {
        doc.apply(Command::InsertRound(Box::new(round_for(
            &plan, name, started,
        ))))
        .unwrap();
    }
    let rounds = doc.rounds(plan_id).unwrap();
    assert_eq!(rounds.len(), 2);

    doc.apply(Command::DeletePlan(plan_id)).unwrap();
    assert!(doc.round(rounds[0].id).is_err(), "gone with the plan");
    assert!(doc.undo().unwrap());
    assert_eq!(doc.load_plan(plan_id).unwrap(), plan);
    assert_eq!(
        doc.rounds(plan_id).unwrap(),
        rounds,
        "the same rounds, same ids"
    );
    assert!(doc.redo().unwrap());
    assert!(doc.round(rounds[1].id).is_err());
    assert!(doc.undo().unwrap());
    assert_eq!(doc.rounds(plan_id).unwrap(), rounds);
}

#[test]
fn a_deleted_goal_or_person_stays_in_the_round() {
    let dir = tempfile::tempdir().unwrap();
    let (mut doc, plan_id) = document(dir.path());
    let plan = doc.load_plan(plan_id).unwrap();
    let round = round_for(&plan, "Opfølgning efterår 2013", "2013-09-20");
    let id = doc
        .apply(Command::InsertRound(Box::new(round.clone())))
        .unwrap()
        .round()
        .unwrap();
    let goal: GoalId = round.packages[0].goals[0];
    doc.apply(Command::DeleteGoal(goal)).unwrap();
    assert!(
        doc.load_plan(plan_id)
            .unwrap()
            .goals()
            .all(|(_, g)| g.id != goal)
    );
    assert_eq!(
        doc.round(id).unwrap(),
        stored(&round, id),
        "still asked about"
    );
    assert!(doc.undo().unwrap());

    // A person without goals can be deleted; the package keeps the id and the name.
    let person = round.packages[1].person;
    let goals: Vec<GoalId> = plan
        .goals()
        .filter(|(_, g)| g.owners.contains(&person))
        .map(|(_, g)| g.id)
        .collect();
    for g in &goals {
        doc.apply(Command::SetGoalOwners {
            goal: *g,
            owners: Vec::new(),
        })
        .unwrap();
    }
    doc.apply(Command::DeletePerson(person)).unwrap();
    assert!(doc.people().unwrap().iter().all(|p| p.id != person));
    assert_eq!(doc.round(id).unwrap(), stored(&round, id));
}

#[test]
fn a_read_only_file_refuses_the_round_commands_with_the_usual_message() {
    let dir = tempfile::tempdir().unwrap();
    let (mut doc, plan_id) = document(dir.path());
    let plan = doc.load_plan(plan_id).unwrap();
    let round = round_for(&plan, "Opfølgning efterår 2013", "2013-09-20");
    let id = doc
        .apply(Command::InsertRound(Box::new(round.clone())))
        .unwrap()
        .round()
        .unwrap();
    let path = doc.path().to_path_buf();
    drop(doc);
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    let before = common::bytes(&path);

    let mut doc = Document::open(&path).unwrap();
    assert!(doc.read_only().is_some());
    assert_eq!(doc.round(id).unwrap(), stored(&round, id), "still read");
    let mut package = round.packages[0].clone();
    package.sent_on = None;
    for command in [
        Command::InsertRound(Box::new(round.clone())),
        Command::DeleteRound(id),
        Command::SetRoundPackage { round: id, package },
        Command::SetRoundClosed {
            round: id,
            closed_on: Some(day("2013-11-01")),
        },
        Command::DeletePlan(plan_id),
    ] {
        let e = doc.apply(command).unwrap_err();
        assert!(matches!(e, DocumentError::ReadOnly(_)), "{e:?}");
        assert!(
            e.to_string()
                .starts_with("Ændringen blev ikke gemt, fordi filen er åbnet skrivebeskyttet"),
            "{e}"
        );
    }
    drop(doc);
    assert_eq!(common::bytes(&path), before, "the file as it was");
}
