#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test
//! Issue 20's "done when", the follow-up round's half: a version saved from the command line,
//! a round sent out, one tovholder's answers read back (status, date, text and a figure),
//! a second version saved, and `virkplan changes` between the two lists exactly what the
//! answers changed (the status with the follow-up that set it, the new measurement),
//! nothing more; and nothing since the second version.

mod common;

use common::REFERENCE_JSON;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output};
use virkplan::document::Document;
use virkplan::model::{Command, Figure, GoalId, Indicator, IndicatorId, Number, PlanId};

const BIN: &str = env!("CARGO_BIN_EXE_virkplan");
const PLAN: PlanId = PlanId(1);

fn run(args: &[&str]) -> Output {
    Process::new(BIN).args(args).output().expect("run virkplan")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout(&out)
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The reference plan with a tovholder on every goal and a målepunkt on the first.
fn plan_file(dir: &Path) -> PathBuf {
    let file = dir.join("plan.sqlite");
    ok(&["import-json", p(&file), "--from", REFERENCE_JSON]);
    let mut doc = Document::open(&file).unwrap();
    let people = doc.people().unwrap();
    let goals: Vec<GoalId> = doc
        .load_plan(PLAN)
        .unwrap()
        .goals()
        .map(|(_, g)| g.id)
        .collect();
    for (i, goal) in goals.iter().enumerate() {
        doc.apply(Command::SetGoalOwners {
            goal: *goal,
            owners: vec![people[i % people.len()].id],
        })
        .unwrap();
    }
    doc.apply(Command::InsertIndicator {
        goal: goals[0],
        index: 0,
        indicator: Indicator {
            id: IndicatorId(0),
            name: "Borgere i forløb".into(),
            unit: "personer".into(),
            baseline: Some(Figure {
                value: Number::from_int(120).unwrap(),
                date: None,
                extra: None,
            }),
            target: None,
            direction: None,
            extra: None,
        },
    })
    .unwrap();
    file
}

/// Types the first goal's answer and the first målepunkt's value into a workbook, as a
/// tovholder would (with a second xlsx library).
fn fill(path: &Path) -> PathBuf {
    let mut book = umya_spreadsheet::reader::xlsx::read_reader(
        Cursor::new(std::fs::read(path).unwrap()),
        true,
    )
    .unwrap();
    let sheet = book.sheet_by_name_mut("Opfølgning").unwrap();
    sheet.cell_mut((6, 7)).set_value("Kritisk");
    sheet.cell_mut((7, 7)).set_value("30.9.2013");
    sheet.cell_mut((8, 7)).set_value("Strategien er udskudt.");
    book.sheet_by_name_mut("Målepunkter")
        .unwrap()
        .cell_mut((7, 5))
        .set_value("135");
    let out = path.with_file_name("svar.xlsx");
    umya_spreadsheet::writer::xlsx::write(&book, &out).unwrap();
    out
}

#[test]
fn answers_read_back_between_two_versions_are_exactly_what_changes_lists() {
    let dir = tempfile::tempdir().unwrap();
    let file = plan_file(dir.path());
    let first = ok(&["freeze", p(&file), "--plan", "1", "--label", "Til udvalget"]);
    assert_eq!(first.trim(), "1");

    let folder = dir.path().join("ud");
    std::fs::create_dir_all(&folder).unwrap();
    let sent = ok(&[
        "followup-request",
        p(&file),
        "--plan",
        "1",
        "--name",
        "Opfølgning efterår 2013",
        "--deadline",
        "15.10.2013",
        "-o",
        p(&folder),
    ]);
    let workbook = PathBuf::from(sent.lines().next().unwrap());
    let answers = fill(&workbook);
    ok(&["followup-receive", p(&file), "--from", p(&answers)]);
    let second = ok(&["freeze", p(&file), "--plan", "1", "--label", "Til byrådet"]);
    assert_eq!(second.trim(), "2");

    let lines = ok(&[
        "changes",
        p(&file),
        "--plan",
        "1",
        "--since",
        "1",
        "--to",
        "2",
    ]);
    // What the plan-wide "since version 1" says is the same as between the two versions.
    assert_eq!(
        ok(&["changes", p(&file), "--plan", "1", "--since", "1"]),
        lines
    );
    let changes: Vec<&str> = lines.lines().filter(|l| l.starts_with("  ")).collect();
    let headings: Vec<&str> = lines.lines().filter(|l| !l.starts_with("  ")).collect();
    assert_eq!(headings.len(), 1, "one focus area changed:\n{lines}");
    // The new follow-up set the status: it is named with the status change, not twice.
    assert_eq!(
        changes.len(),
        2,
        "status with its follow-up, measurement:\n{lines}"
    );
    assert_eq!(
        changes[0],
        "  Mål 1.1, status: ikke vurderet → kritisk (opfølgning 30. september 2013: \
         «Strategien er udskudt.»)"
    );
    assert!(
        changes
            .iter()
            .any(|l| l.contains("Borgere i forløb") && l.contains("135\u{a0}personer")),
        "{lines}"
    );
    assert_eq!(
        ok(&["changes", p(&file), "--plan", "1", "--since", "2"]),
        "Ingen ændringer.\n"
    );
}
