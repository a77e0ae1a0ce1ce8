//! Versions on the command line (issue 20), through the real binary: `freeze` prints the
//! number, `versions` lists `NUMBER<TAB>time<TAB>label` (a damaged version marked
//! «beskadiget»), `export-pdf`/`export-json --version N` give the version as it was saved;
//! every mistake is one Danish sentence with exit 1, or the usage line with exit 2.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

mod common;

use rusqlite::Connection;
use std::path::Path;
use std::process::{Command, Output};
use virkplan::document::Document;
use virkplan::model::PlanField;

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

fn pdf_pages(path: &Path) -> Vec<String> {
    let pdf = lopdf::Document::load(path).unwrap();
    pdf.get_pages()
        .keys()
        .map(|n| pdf.extract_text(&[*n]).unwrap())
        .collect()
}

/// True for "12. marts 2013 kl. 14.05".
fn is_danish_time(text: &str) -> bool {
    let Some((day, clock)) = text.split_once(" kl. ") else {
        return false;
    };
    let months = [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let parts: Vec<&str> = day.split(' ').collect();
    parts.len() == 3
        && parts[0].ends_with('.')
        && parts[0].trim_end_matches('.').parse::<u8>().is_ok()
        && months.contains(&parts[1])
        && parts[2].len() == 4
        && clock.len() == 5
        && clock.as_bytes()[2] == b'.'
}

#[test]
fn freeze_edit_freeze_then_list_print_and_export_the_first_version() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::plan_file(dir.path(), "plan.sqlite");
    let plan = Document::open(&file).unwrap().list_plans().unwrap()[0].id;
    let id = plan.0.to_string();
    let then = dir.path().join("da.pdf");
    assert!(
        run(&["export-pdf", p(&file), "-o", p(&then)])
            .status
            .success()
    );
    let json_then = run(&["export-json", p(&file), "--plan", &id]);

    let out = run(&[
        "freeze",
        p(&file),
        "--plan",
        &id,
        "--label",
        "Til udvalget",
        "--by",
        "Bente",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "1\n");
    let mut doc = Document::open(&file).unwrap();
    doc.apply(virkplan::model::Command::SetPlanText {
        plan,
        field: PlanField::Title,
        value: "Ny titel".into(),
    })
    .unwrap();
    drop(doc);
    let out = run(&["freeze", p(&file), "--plan", &id, "--label", "Til byrådet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "2\n");
    let doc = Document::open(&file).unwrap();
    let saved = doc.versions(plan).unwrap();
    assert_eq!(saved[0].saved_by, "Bente");
    assert_eq!(saved[1].saved_by, virkplan::versions::user_name());
    drop(doc);

    let out = run(&["versions", p(&file), "--plan", &id]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 2, "{text}");
    for (line, (number, label)) in lines
        .iter()
        .zip([("1", "Til udvalget"), ("2", "Til byrådet")])
    {
        assert_eq!(line.len(), 3, "{text}");
        assert_eq!(line[0], number);
        assert!(is_danish_time(line[1]), "{text}");
        assert_eq!(line[2], label);
    }

    // The version prints as the plan printed when it was saved, and exports as it did.
    let version = dir.path().join("version.pdf");
    let out = run(&[
        "export-pdf",
        p(&file),
        "--plan",
        &id,
        "--version",
        "1",
        "-o",
        p(&version),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(pdf_pages(&version), pdf_pages(&then));
    let out = run(&["export-json", p(&file), "--plan", &id, "--version", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let exported = virkplan::json::parse_document(&out.stdout).unwrap();
    let original = virkplan::json::parse_document(&json_then.stdout).unwrap();
    assert_eq!(common::normalise(&exported), common::normalise(&original));
    let json = dir.path().join("version.json");
    let out = run(&[
        "export-json",
        p(&file),
        "--plan",
        &id,
        "--version",
        "2",
        "-o",
        p(&json),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let second = virkplan::json::parse_document(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(second.plans[0].title, "Ny titel");
}

#[test]
fn a_damaged_version_is_marked_in_the_list_and_refused_for_export() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::plan_file(dir.path(), "plan.sqlite");
    let id = "1";
    for label in ["Første", "Anden"] {
        let out = run(&["freeze", p(&file), "--plan", id, "--label", label]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    Connection::open(&file)
        .unwrap()
        .execute(
            "UPDATE version SET digest = '0000000000000000000000000000000000000000000000000000000000000000' WHERE number = 2",
            [],
        )
        .unwrap();
    let out = run(&["versions", p(&file), "--plan", id]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(!lines[0].contains("beskadiget"), "{text}");
    assert!(lines[1].ends_with("\tAnden\tbeskadiget"), "{text}");

    let pdf = dir.path().join("v.pdf");
    let out = run(&[
        "export-pdf",
        p(&file),
        "--plan",
        id,
        "--version",
        "2",
        "-o",
        p(&pdf),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim(),
        "Version 2 «Anden» er ændret af et andet program og kan ikke bruges. Resten af filen er i orden; du kan slette versionen"
    );
    assert!(!pdf.exists());
    let out = run(&["export-json", p(&file), "--plan", id, "--version", "2"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
}

#[test]
fn mistakes_are_one_danish_sentence_or_the_usage_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::plan_file(dir.path(), "plan.sqlite");
    let f = p(&file);
    for (args, code, says) in [
        (
            vec!["freeze", f, "--plan", "1"],
            2,
            "freeze mangler --label TEKST",
        ),
        (
            vec!["freeze", f, "--plan", "1", "--label", "  "],
            2,
            "freeze mangler --label TEKST",
        ),
        (
            vec!["freeze", f, "--label", "x"],
            2,
            "freeze mangler --plan ID",
        ),
        (vec!["versions", f], 2, "versions mangler --plan ID"),
        (
            vec!["export-pdf", f, "--version", "1", "-o", "x.pdf"],
            2,
            "--version N kræver planen",
        ),
        (
            vec!["freeze", f, "--plan", "99", "--label", "x"],
            1,
            "Planen med id 99 findes ikke",
        ),
        (
            vec!["versions", f, "--plan", "99"],
            1,
            "Planen med id 99 findes ikke",
        ),
        (
            vec!["export-json", f, "--plan", "1", "--version", "7"],
            1,
            "Planen har ingen version 7",
        ),
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "{args:?}");
    }
    let out = run(&["versions", f, "--plan", "1"]);
    assert!(out.status.success());
    assert_eq!(stdout(&out), "", "no versions, no lines");
}
