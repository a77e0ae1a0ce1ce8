//! A goal whose tovholder another program deleted (the person row removed, the goal_owner link
//! left behind): the exports go on, say which goal and what to do, and the PDF shows the
//! tovholder as missing (issue 16).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

mod common;

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use virkplan::document::Document;

const BIN: &str = env!("CARGO_BIN_EXE_virkplan");

/// The small plan, with Unna Scherer (second tovholder of goal 1.2, "Færre indlæggelser")
/// deleted the way another program would: foreign keys off, the row gone, the link left.
fn file_with_deleted_owner(dir: &Path) -> PathBuf {
    let path = dir.join("plan.sqlite");
    let mut doc = Document::open_or_create(&path).unwrap();
    doc.import(&common::small_document()).unwrap();
    drop(doc);
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF; DELETE FROM person WHERE name = 'Unna Scherer';",
    )
    .unwrap();
    path
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn assert_names_the_goal(stderr: &str) {
    assert!(
        stderr.contains("Mål 1.2 («Færre indlæggelser») i planen «Virksomhedsplan 2012/2013»"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Vælg en ny tovholder for målet i virkplan, eller fjern den slettede"),
        "{stderr}"
    );
    assert!(!stderr.contains("er ikke med i dokumentet"), "{stderr}");
}

#[test]
fn export_pdf_goes_on_names_the_goal_and_shows_the_tovholder_as_missing() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_with_deleted_owner(dir.path());
    let out = dir.path().join("plan.pdf");
    let output = run(&[
        "export-pdf",
        path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_names_the_goal(&stderr);
    assert!(
        stderr.contains("PDF'en viser «Tovholder mangler (slettet)»"),
        "{stderr}"
    );

    let pdf = lopdf::Document::load(&out).unwrap();
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    let text = pdf.extract_text(&pages).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Tovholder mangler (slettet)"), "{text}");
    // The tovholder who is still there is printed as before.
    assert!(text.contains("Børge Alstrup"), "{text}");
}

#[test]
fn export_json_goes_on_without_the_deleted_link_and_names_the_goal() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_with_deleted_owner(dir.path());
    let out = dir.path().join("plan.json");
    let output = run(&[
        "export-json",
        path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_names_the_goal(&stderr);
    assert!(stderr.contains("uden den slettede tovholder"), "{stderr}");

    // The document is valid and reads back: goal 1.2 keeps its other tovholder.
    let doc = virkplan::transfer::read_json(&out).unwrap();
    let goal = &doc.plans[0].focus_areas[0].goals[1];
    assert_eq!(goal.text, "Færre indlæggelser");
    let names: Vec<&str> = goal
        .owners
        .iter()
        .map(|id| {
            doc.people
                .iter()
                .find(|p| p.id == *id)
                .unwrap()
                .name
                .as_str()
        })
        .collect();
    assert_eq!(names, ["Børge Alstrup"]);

    // To stdout as well, with the warning on stderr.
    let output = run(&["export-json", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert_names_the_goal(&String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).contains("Færre indlæggelser"));
}

#[test]
fn plans_with_a_deleted_tovholder_can_be_copied_into_another_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_with_deleted_owner(dir.path());
    let source = virkplan::transfer::SourceFile::open(&path).unwrap();
    let chosen: Vec<_> = source.plans().iter().map(|p| p.id).collect();
    let mut target = Document::open_or_create(&dir.path().join("egen.sqlite")).unwrap();
    let ids = virkplan::transfer::copy_plans(&mut target, &source, &chosen)
        .unwrap()
        .plans;
    let goal = target.load_plan(ids[0]).unwrap().focus_areas[0].goals[1].clone();
    assert_eq!(goal.text, "Færre indlæggelser");
    assert_eq!(
        goal.owners.len(),
        1,
        "only the tovholder who is still there"
    );
}

#[test]
fn a_file_with_another_programs_table_and_a_deleted_tovholder_can_be_saved_as_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_with_deleted_owner(dir.path());
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE notes (x TEXT);")
        .unwrap();
    let doc = Document::open(&path).unwrap();
    assert!(
        doc.read_only().is_some(),
        "copied as content, not byte for byte"
    );
    let dest = dir.path().join("kopi.sqlite");
    virkplan::transfer::save_copy(&doc, &dest).unwrap();
    let copy = Document::open(&dest).unwrap();
    let plan = copy.list_plans().unwrap()[0].id;
    let goal = copy.load_plan(plan).unwrap().focus_areas[0].goals[1].clone();
    assert_eq!(
        goal.owners.len(),
        1,
        "only the tovholder who is still there"
    );
}

#[test]
fn check_names_the_goals_whose_tovholder_was_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_with_deleted_owner(dir.path());
    let out = run(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Mål med en tovholder, der er slettet: 2\n"),
        "{stdout}"
    );
    assert_names_the_goal(&stdout);
    // A sound file says nothing of the kind.
    let sound = dir.path().join("sund.sqlite");
    let mut doc = Document::open_or_create(&sound).unwrap();
    doc.import(&common::small_document()).unwrap();
    drop(doc);
    let out = run(&["check", sound.to_str().unwrap()]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("slettet"));
}
