//! `virkplan changes` through the real binary (issue 20): freeze, change through
//! `Document::apply`, freeze again, and `changes` lists exactly what changed, nothing more;
//! the report PDF; bad command lines (exit 2) and a version the plan does not have (exit 1).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

mod common;

use common::REFERENCE_JSON;
use std::path::Path;
use std::process::{Command, Output};
use virkplan::document::Document;
use virkplan::model::{
    self, Date, FollowUp, FollowUpId, GoalField, Moment, PlanId, Status, frozen_form,
};
use virkplan::versions;

const BIN: &str = env!("CARGO_BIN_EXE_virkplan");

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run virkplan")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A file with the reference plans (plan 2 is 2012/2013).
fn reference_file(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("plan.sqlite");
    let out = run(&["import-json", p(&file), "--from", REFERENCE_JSON]);
    assert!(out.status.success(), "{}", stderr(&out));
    file
}

#[test]
fn a_changes_command_line_without_its_plan_or_version_is_refused_with_exit_2() {
    for (args, says) in [
        (
            vec!["changes", "f.sqlite", "--since", "1"],
            "changes mangler --plan ID",
        ),
        (
            vec!["changes", "f.sqlite", "--plan", "2"],
            "changes mangler --since N",
        ),
        (
            vec!["changes", "f.sqlite", "--plan", "2", "--since", "første"],
            "--since skal være et helt tal",
        ),
        (
            vec!["changes", "f.sqlite", "--plan", "2", "--since", "1", "--to"],
            "tilvalget --to mangler en værdi",
        ),
        (
            vec![
                "changes",
                "f.sqlite",
                "--plan",
                "2",
                "--since",
                "1",
                "--summary",
            ],
            "ukendt tilvalg «--summary»",
        ),
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_version_the_plan_does_not_have_is_one_danish_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let file = reference_file(dir.path());
    let pdf = dir.path().join("ændringer.pdf");
    for args in [
        vec!["changes", p(&file), "--plan", "2", "--since", "7"],
        vec![
            "changes",
            p(&file),
            "--plan",
            "2",
            "--since",
            "7",
            "-o",
            p(&pdf),
        ],
        vec![
            "export-pdf",
            p(&file),
            "--plan",
            "2",
            "--since",
            "7",
            "-o",
            p(&pdf),
        ],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert_eq!(
            stderr(&out),
            "Planen har ingen version 7. Se planens versioner med «virkplan versions».\n"
        );
        assert!(out.stdout.is_empty());
        assert!(!pdf.exists());
    }
}

/// Seven edits of plan `plan` through `Document::apply`, one of each kind the command line
/// shows here; returns the lines `changes` must print for them, exactly.
fn edit(doc: &mut Document, plan: PlanId) -> String {
    let before = doc.load_plan(plan).unwrap();
    let goal = |a: usize, g: usize| before.focus_areas[a].goals[g].id;
    let people = doc.people().unwrap();
    let name = |key: &str| {
        people
            .iter()
            .find(|p| p.name.to_lowercase().starts_with(key))
            .unwrap()
    };
    let (jan, unna) = (name("jan"), name("unna"));
    let removed_text = before.focus_areas[1].goals[4].text.clone();
    let edits = vec![
        model::Command::SetGoalText {
            goal: goal(3, 3),
            field: GoalField::Text,
            value: "Professionalisering af opgaveløsningen".into(),
        },
        model::Command::InsertFollowUp {
            goal: goal(0, 0),
            index: 0,
            follow_up: FollowUp {
                id: FollowUpId(0),
                date: Date::day(2013, 6, 1).unwrap(),
                status: Some(Status::AtRisk),
                text: "Forsinket af ferien.".into(),
                measurements: Vec::new(),
                extra: None,
            },
        },
        model::Command::SetGoalStatus {
            goal: goal(0, 0),
            status: Some(Status::AtRisk),
        },
        model::Command::SetGoalDeadline {
            goal: goal(2, 2),
            deadline: Some(Date::half(2013, 2).unwrap()),
        },
        model::Command::DeleteGoal(goal(1, 4)),
        model::Command::MoveGoal {
            goal: goal(0, 2),
            area: before.focus_areas[2].id,
            index: 3,
        },
        model::Command::SetGoalOwners {
            goal: goal(3, 0),
            owners: vec![jan.id, unna.id],
        },
    ];
    for edit in edits {
        doc.apply(edit).unwrap();
    }
    let expected = format!(
        "1. Sundhed og forebyggelse\n\
         \x20 Mål 1.1, status: ikke startet → udfordret (opfølgning 1. juni 2013: «Forsinket af ferien.»)\n\
         2. Mestring af livet\n\
         \x20 Mål 2.5 fjernet: «{}»\n\
         3. Aktivt medborgerskab\n\
         \x20 Mål 3.3, frist: ingen frist → 2. halvår 2013\n\
         \x20 Mål 3.4 flyttet fra 1.3 til 3.4 (fra «1. Sundhed og forebyggelse»)\n\
         4. Den kompetente kommune\n\
         \x20 Mål 4.1, tovholder: {} → {}, {}\n\
         \x20 Mål 4.4, tekst: Professionalisering {{+af opgaveløsningen+}}\n",
        removed_text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        jan.name,
        jan.name,
        unna.name
    );
    expected
}

fn moment(day: u8, hour: u8) -> Moment {
    Moment::new(2013, 3, day, hour, 0).unwrap()
}

#[test]
fn freeze_change_freeze_again_and_changes_lists_exactly_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let file = reference_file(dir.path());
    let plan = PlanId(2);
    let mut doc = Document::open(&file).unwrap();
    let v1 = versions::freeze(
        &mut doc,
        plan,
        "Til udvalget 12. marts 2013",
        "Anna",
        moment(12, 14),
    )
    .unwrap();
    assert_eq!(v1.number, 1);

    let expected = edit(&mut doc, plan);
    let out = run(&["changes", p(&file), "--plan", "2", "--since", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), expected);
    assert!(out.stderr.is_empty(), "{}", stderr(&out));

    // Frozen again: from version 1 to version 2 is the same, and nothing since version 2.
    let v2 = versions::freeze(&mut doc, plan, "Til byrådet", "Anna", moment(20, 9)).unwrap();
    assert_eq!(v2.number, 2);
    drop(doc);
    let out = run(&[
        "changes",
        p(&file),
        "--plan",
        "2",
        "--since",
        "1",
        "--to",
        "2",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), expected);
    let out = run(&["changes", p(&file), "--plan", "2", "--since", "2"]);
    assert_eq!(stdout(&out), "Ingen ændringer.\n");
    // Backwards, version 2 to version 1: the goal removed comes back as added.
    let out = run(&[
        "changes",
        p(&file),
        "--plan",
        "2",
        "--since",
        "2",
        "--to",
        "1",
    ]);
    assert!(
        stdout(&out).contains("Mål 2.5 tilføjet"),
        "{}",
        stdout(&out)
    );

    // The report PDF, tagged, titled after the version's day.
    let pdf = dir.path().join("ændringer.pdf");
    let out = run(&[
        "changes",
        p(&file),
        "--plan",
        "2",
        "--since",
        "1",
        "-o",
        p(&pdf),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let info = String::from_utf8_lossy(&bytes).into_owned();
    assert!(bytes.len() > 1000, "{info}");
    let pdf2 = dir.path().join("fra-1-til-2.pdf");
    let out = run(&[
        "changes",
        p(&file),
        "--plan",
        "2",
        "--since",
        "1",
        "--to",
        "2",
        "-o",
        p(&pdf2),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    if let Ok(keep) = std::env::var("VIRKPLAN_CHANGES_PDF") {
        std::fs::copy(&pdf, keep).unwrap();
    }
    // "Siden sidst" in the plan's own PDF.
    let plan_pdf = dir.path().join("plan.pdf");
    let out = run(&[
        "export-pdf",
        p(&file),
        "--plan",
        "2",
        "--since",
        "1",
        "-o",
        p(&plan_pdf),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let with = std::fs::read(&plan_pdf).unwrap();
    let out = run(&["export-pdf", p(&file), "--plan", "2", "-o", p(&plan_pdf)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(with.len() > std::fs::read(&plan_pdf).unwrap().len());
    // Version 2 printed as it was, with what changed since version 1 until then.
    let out = run(&[
        "export-pdf",
        p(&file),
        "--plan",
        "2",
        "--version",
        "2",
        "--since",
        "1",
        "-o",
        p(&plan_pdf),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let version_with = std::fs::read(&plan_pdf).unwrap().len();
    let out = run(&[
        "export-pdf",
        p(&file),
        "--plan",
        "2",
        "--version",
        "2",
        "-o",
        p(&plan_pdf),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(version_with > std::fs::read(&plan_pdf).unwrap().len());

    // What `changes` compares is what a version keeps: the plan now in frozen form.
    let doc = Document::open(&file).unwrap();
    let now = versions::current(&doc, plan).unwrap();
    assert_eq!(now, frozen_form(now.clone()));
}

#[test]
fn the_plan_changed_through_the_document_compares_with_its_earlier_state_read_back_as_a_version() {
    // The same as above without the store's versions: the earlier state goes through the
    // version's own format (write_frozen, read_frozen) as a saved version would.
    let dir = tempfile::tempdir().unwrap();
    let file = reference_file(dir.path());
    let plan = PlanId(2);
    let mut doc = Document::open(&file).unwrap();
    let (_, payload) =
        virkplan::json::write_frozen(&versions::current(&doc, plan).unwrap()).unwrap();
    let earlier = versions::Frozen {
        version: model::Version {
            id: model::VersionId(1),
            plan,
            number: 1,
            label: "Til udvalget".into(),
            saved_at: moment(12, 14),
            saved_by: "Anna".into(),
            kind: model::VersionKind::Saved,
        },
        bundle: virkplan::json::read_frozen(&payload.0).unwrap(),
    };
    let today = Date::day(2013, 9, 1).unwrap();
    let now = versions::current(&doc, plan).unwrap();
    let same = virkplan::comparison::of(&earlier, virkplan::comparison::Later::Now(&now, today));
    assert!(same.changes.is_empty(), "{:?}", same.changes.lines());
    let expected = edit(&mut doc, plan);
    let now = versions::current(&doc, plan).unwrap();
    let c = virkplan::comparison::of(&earlier, virkplan::comparison::Later::Now(&now, today));
    let printed: String = c.changes.lines().iter().map(|l| format!("{l}\n")).collect();
    assert_eq!(printed, expected);
    assert_eq!(c.title, "Ændringer siden 12. marts 2013");
    assert_eq!(
        c.subtitle(),
        [
            "Virksomhedsplan 2012/2013, 2012–2013",
            "Fra version 1, «Til udvalget», gemt 12. marts 2013 kl. 14.00 af Anna",
            "Til planen, som den er 1. september 2013",
        ]
    );
    let pdf = dir.path().join("ændringer.pdf");
    let (pages, warnings) = virkplan::comparison::export_pdf(&c, &pdf).unwrap();
    assert_eq!(pages, 1);
    assert!(warnings.is_empty(), "{warnings:?}");
    if let Ok(keep) = std::env::var("VIRKPLAN_CHANGES_PDF") {
        std::fs::copy(&pdf, keep).unwrap();
    }
}

#[test]
fn a_damaged_version_is_refused_and_never_compared() {
    let dir = tempfile::tempdir().unwrap();
    let file = reference_file(dir.path());
    let plan = PlanId(2);
    let mut doc = Document::open(&file).unwrap();
    let v1 = versions::freeze(&mut doc, plan, "Til udvalget", "Anna", moment(12, 14)).unwrap();
    drop(doc);
    // Another program changes the version's digest.
    let conn = rusqlite::Connection::open(&file).unwrap();
    conn.execute(
        "UPDATE version SET digest = ?1 WHERE id = ?2",
        rusqlite::params!["0".repeat(64), v1.id.0],
    )
    .unwrap();
    drop(conn);
    let pdf = dir.path().join("ændringer.pdf");
    for args in [
        vec!["changes", p(&file), "--plan", "2", "--since", "1"],
        vec![
            "changes",
            p(&file),
            "--plan",
            "2",
            "--since",
            "1",
            "-o",
            p(&pdf),
        ],
        vec![
            "export-pdf",
            p(&file),
            "--plan",
            "2",
            "--since",
            "1",
            "-o",
            p(&pdf),
        ],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        let message = stderr(&out);
        assert_eq!(message.lines().count(), 1, "{message}");
        assert!(message.contains("Version 1"), "{message}");
        assert!(message.contains("Til udvalget"), "{message}");
        assert!(out.stdout.is_empty());
        assert!(!pdf.exists());
    }
}
