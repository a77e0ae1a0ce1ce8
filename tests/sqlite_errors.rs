//! SQLite's own English never reaches the user: a raw SQLite error forced through each public
//! door (document open, apply, reads; transfer import, export, copy, save_copy; the command
//! line) by what another program can really do to a file (rename a column, damage the
//! schema), and the message is the Danish sentence.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

mod common;

use common::plan_file;
use rusqlite::Connection;
use std::path::Path;
use std::process::Command as Process;
use virkplan::document::Document;
use virkplan::model::{Command, PlanField};
use virkplan::transfer;

/// Words of SQLite's English messages ("no such column: titel", "database disk image is
/// malformed", "constraint failed").
const ENGLISH: [&str; 7] = [
    "no such",
    "error",
    "malformed",
    "constraint",
    "failed",
    "unable",
    "database disk",
];

fn assert_danish(door: &str, message: &str) {
    let lower = message.to_lowercase();
    for word in ENGLISH {
        assert!(
            !lower.contains(word),
            "{door}: SQLite's English ({word:?}) in {message:?}"
        );
    }
}

/// The Danish sentence of an unexpected SQLite error (with SQLite's code in Danish words
/// where SQLite gave one).
fn assert_sql_sentence(door: &str, message: &str) {
    assert_danish(door, message);
    assert!(
        message.contains("kunne ikke læses eller ændres"),
        "{door}: not the Danish sentence: {message:?}"
    );
}

/// Another program, while the file is open: SQL on its own connection.
fn other_program(path: &Path, sql: &str) {
    Connection::open(path).unwrap().execute_batch(sql).unwrap();
}

const RENAME_COLUMNS: &str = "ALTER TABLE plan RENAME COLUMN title TO titel; \
    ALTER TABLE person RENAME COLUMN name TO navn;";

#[test]
fn document_open_apply_and_reads_say_it_in_danish() {
    let dir = tempfile::tempdir().unwrap();

    // Open: a schema entry another program wrote that SQLite cannot parse.
    let broken = plan_file(dir.path(), "skema.sqlite");
    other_program(
        &broken,
        "PRAGMA writable_schema = ON; \
         UPDATE sqlite_schema SET sql = 'CREATE TABLE goal (' WHERE name = 'goal';",
    );
    let e = Document::open(&broken).unwrap_err();
    assert_danish("open", &e.to_string());
    assert!(e.to_string().ends_with(&broken.display().to_string()));

    // Apply (and so undo and redo): a column renamed after the file was opened.
    let path = plan_file(dir.path(), "plan.sqlite");
    let mut doc = Document::open(&path).unwrap();
    let plan = doc.list_plans().unwrap()[0].id;
    other_program(&path, RENAME_COLUMNS);
    let e = doc
        .apply(Command::SetPlanText {
            plan,
            field: PlanField::Title,
            value: "Ny titel".into(),
        })
        .unwrap_err();
    assert_sql_sentence("apply", &e.to_string());

    // Reads: columns renamed after the file was opened.
    let path = plan_file(dir.path(), "laes.sqlite");
    let doc = Document::open(&path).unwrap();
    let plan = doc.list_plans().unwrap()[0].id;
    other_program(&path, RENAME_COLUMNS);
    assert_sql_sentence("list_plans", &doc.list_plans().unwrap_err().to_string());
    assert_sql_sentence("load_plan", &doc.load_plan(plan).unwrap_err().to_string());
    assert_sql_sentence("people", &doc.people().unwrap_err().to_string());
    assert_sql_sentence(
        "load_bundle",
        &doc.load_bundle(None).unwrap_err().to_string(),
    );
}

#[test]
fn transfer_import_export_copy_and_save_copy_say_it_in_danish() {
    let dir = tempfile::tempdir().unwrap();

    // Import: a column renamed after the file was opened.
    let path = plan_file(dir.path(), "import.sqlite");
    let mut doc = Document::open(&path).unwrap();
    other_program(&path, RENAME_COLUMNS);
    let e = transfer::import_json(&mut doc, Path::new(common::REFERENCE_JSON)).unwrap_err();
    assert_sql_sentence("import_json", &e.to_string());

    // Export: columns renamed underneath.
    let path = plan_file(dir.path(), "eksport.sqlite");
    let doc = Document::open(&path).unwrap();
    other_program(&path, RENAME_COLUMNS);
    let out = dir.path().join("ud.json");
    let e = transfer::export_json(&doc, None, &out).unwrap_err();
    assert_sql_sentence("export_json", &e.to_string());
    assert!(!out.exists(), "a failed export leaves no file");
    let plan = virkplan::model::PlanId(1);
    let pdf = dir.path().join("ud.pdf");
    let e = transfer::export_pdf(&doc, plan, &Default::default(), &pdf).unwrap_err();
    assert_sql_sentence("export_pdf", &e.to_string());

    // Copy plans: the colleague's file is altered after it was opened for the dialog.
    let source_path = plan_file(dir.path(), "kollega.sqlite");
    let source = transfer::SourceFile::open(&source_path).unwrap();
    let chosen: Vec<_> = source.plans().iter().map(|p| p.id).collect();
    other_program(&source_path, RENAME_COLUMNS);
    let target = plan_file(dir.path(), "egen.sqlite");
    let mut doc = Document::open(&target).unwrap();
    let e = transfer::copy_plans(&mut doc, &source, &chosen).unwrap_err();
    assert_sql_sentence("copy_plans", &e.to_string());

    // Save a copy of a file with another program's table (copied as content), altered after
    // it was opened.
    let path = plan_file(dir.path(), "fremmed.sqlite");
    other_program(&path, "CREATE TABLE notes (x TEXT);");
    let doc = Document::open(&path).unwrap();
    assert!(doc.read_only().is_some());
    other_program(&path, RENAME_COLUMNS);
    let dest = dir.path().join("kopi.sqlite");
    let e = transfer::save_copy(&doc, &dest).unwrap_err();
    assert_sql_sentence("save_copy", &e.to_string());
    assert!(!dest.exists(), "a failed copy leaves no file");
}

#[test]
fn the_command_line_says_it_in_danish() {
    let dir = tempfile::tempdir().unwrap();
    let path = plan_file(dir.path(), "skema.sqlite");
    other_program(
        &path,
        "PRAGMA writable_schema = ON; \
         UPDATE sqlite_schema SET sql = 'CREATE TABLE goal (' WHERE name = 'goal';",
    );
    let file = path.to_str().unwrap();
    let out = dir.path().join("ud.pdf");
    let json = dir.path().join("ud.json");
    for args in [
        vec!["check", file],
        vec!["list", file],
        vec!["export-json", file, "-o", json.to_str().unwrap()],
        vec!["export-pdf", file, "-o", out.to_str().unwrap()],
    ] {
        let output = Process::new(env!("CARGO_BIN_EXE_virkplan"))
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_danish(args[0], &stderr);
        assert!(stderr.contains("beskadiget"), "{args:?}: {stderr}");
    }
}
