//! The command line, through the real binary: results on stdout, one Danish sentence on
//! stderr, exit codes 0, 1 and 2 as decisions.md says, and the reference plan's round trip.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

mod common;

use common::{REFERENCE_JSON, normalise};
use std::path::Path;
use std::process::{Command, Output};

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

#[test]
fn the_reference_plan_round_trips_through_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.sqlite");
    let out = run(&["import-json", p(&file), "--from", REFERENCE_JSON]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "1\n2\n",
        "new plan ids, one per line, in document order"
    );

    let out = run(&["export-json", p(&file)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let exported = virkplan::json::parse_document(&out.stdout).expect("export is valid");
    let original = virkplan::json::parse_document(&std::fs::read(REFERENCE_JSON).unwrap()).unwrap();
    assert_eq!(normalise(&exported), normalise(&original));

    // With -o the same document goes to a file.
    let json = dir.path().join("ud.json");
    let out = run(&["export-json", p(&file), "-o", p(&json)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(&json).unwrap(),
        run(&["export-json", p(&file)]).stdout
    );
}

#[test]
fn export_of_one_plan_brings_its_previous_plan_and_people() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.sqlite");
    assert!(
        run(&["import-json", p(&file), "--from", REFERENCE_JSON])
            .status
            .success()
    );
    let out = run(&["export-json", p(&file), "--plan", "2"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = virkplan::json::parse_document(&out.stdout).unwrap();
    assert_eq!(
        doc.plans.len(),
        2,
        "2012/2013 and the 2010/2011 plan it reviews"
    );
    let out = run(&["export-json", p(&file), "--plan", "1"]);
    let doc = virkplan::json::parse_document(&out.stdout).unwrap();
    assert_eq!(doc.plans.len(), 1);
    assert_eq!(doc.plans[0].title, "Virksomhedsplan 2010/2011");
}

#[test]
fn list_and_check_describe_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.sqlite");
    assert!(
        run(&["import-json", p(&file), "--from", REFERENCE_JSON])
            .status
            .success()
    );
    let out = run(&["list", p(&file)]);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        "1\tVirksomhedsplan 2010/2011\t2010–2011\tgodkendt\n2\tVirksomhedsplan 2012/2013\t2012–2013\tkladde\n"
    );
    let out = run(&["check", p(&file)]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.contains("skemaversion 4")
            && text.contains("Planer: 2")
            && text.contains("Personer: 5"),
        "{text}"
    );
    assert!(text.contains("Kan redigeres"), "{text}");
}

#[test]
fn importing_twice_merges_people_by_name_and_mail() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.sqlite");
    assert!(
        run(&["import-json", p(&file), "--from", REFERENCE_JSON])
            .status
            .success()
    );
    let out = run(&["import-json", p(&file), "--from", REFERENCE_JSON]);
    assert_eq!(stdout(&out), "3\n4\n");
    let out = run(&["check", p(&file)]);
    assert!(stdout(&out).contains("Personer: 5"), "{}", stdout(&out));
}

#[test]
fn an_invalid_document_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.sqlite");
    let bad = dir.path().join("bad.json");
    let mut text = std::fs::read_to_string(REFERENCE_JSON).unwrap();
    text = text.replacen("\"2012-01\"", "\"2012-02-30\"", 1);
    std::fs::write(&bad, &text).unwrap();
    let out = run(&["import-json", p(&file), "--from", p(&bad)]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        err.contains("plans[") && err.contains("intet er importeret"),
        "{err}"
    );
    assert!(!file.exists(), "no file is created for an invalid document");
}

#[test]
fn user_errors_exit_1_with_one_danish_line() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("findes-ikke.sqlite");
    let text = dir.path().join("tekst.sqlite");
    std::fs::write(&text, "ikke en database").unwrap();
    let file = dir.path().join("x.sqlite");
    assert!(
        run(&["import-json", p(&file), "--from", REFERENCE_JSON])
            .status
            .success()
    );
    let cases: Vec<Vec<&str>> = vec![
        vec!["list", p(&missing)],
        vec!["check", p(&text)],
        vec!["list", p(dir.path())],
        vec!["export-json", p(&file), "--plan", "99"],
        vec!["import-json", p(&file), "--from", p(&missing)],
        vec!["export-json", p(&file), "-o", "/findes/ikke/ud.json"],
    ];
    for args in cases {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn command_line_mistakes_exit_2_with_usage() {
    for args in [
        vec!["list"],
        vec!["import-json", "x.sqlite"],
        vec!["export-json", "x.sqlite", "--plan", "abc"],
        vec!["list", "x.sqlite", "--nope"],
        vec!["fil.sqlite", "ekstra"],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("Brug: virkplan"), "{args:?}");
    }
}

#[test]
fn demo_adds_a_plan_of_the_asked_size() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.sqlite");
    let out = run(&[
        "demo",
        p(&file),
        "--areas",
        "3",
        "--goals",
        "4",
        "--follow-ups",
        "2",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "1\n");
    let store = virkplan::store::Store::open(&file).unwrap();
    let plan = store.load_plan(virkplan::model::PlanId(1)).unwrap();
    assert_eq!(plan.focus_areas.len(), 3);
    assert_eq!(plan.goals().count(), 12);
    assert!(
        plan.goals()
            .all(|(_, g)| g.follow_ups.len() == 2 && !g.owners.is_empty())
    );
}

#[test]
fn export_pdf_chooses_the_plan_or_asks_for_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.sqlite");
    let out = run(&["import-json", p(&file), "--from", REFERENCE_JSON]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = dir.path().join("plan.pdf");

    // Two plans and no --plan: exit 2 with the list.
    let out = run(&["export-pdf", p(&file), "-o", p(&pdf)]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("Filen har 2 planer; vælg en med --plan ID:"),
        "{err}"
    );
    assert!(
        err.contains("2\tVirksomhedsplan 2012/2013\t2012–2013\tkladde"),
        "{err}"
    );
    assert!(!pdf.exists());

    let out = run(&[
        "export-pdf",
        p(&file),
        "--plan",
        "2",
        "-o",
        p(&pdf),
        "--summary",
        "--no-review",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-1.7"));

    // A plan that does not exist: exit 1, one Danish sentence; a missing -o: exit 2.
    let out = run(&["export-pdf", p(&file), "--plan", "99", "-o", p(&pdf)]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    let out = run(&["export-pdf", p(&file), "--plan", "2"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("export-pdf mangler -o UD.pdf"));
}

#[test]
fn rollover_prints_the_new_plan_and_leaves_the_old_one_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.sqlite");
    assert!(
        run(&["import-json", p(&file), "--from", REFERENCE_JSON])
            .status
            .success()
    );
    let before = virkplan::store::Store::open(&file)
        .unwrap()
        .load_plan(virkplan::model::PlanId(2))
        .unwrap();

    let out = run(&[
        "rollover",
        p(&file),
        "--plan",
        "2",
        "--title",
        "Virksomhedsplan 2014/2015",
        "--start",
        "2014",
        "--end",
        "2015",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "3\n");

    let store = virkplan::store::Store::open(&file).unwrap();
    assert_eq!(store.load_plan(virkplan::model::PlanId(2)).unwrap(), before);
    let new = store.load_plan(virkplan::model::PlanId(3)).unwrap();
    assert_eq!(new.title, "Virksomhedsplan 2014/2015");
    assert_eq!((new.period.start, new.period.end), (2014, 2015));
    assert_eq!(new.previous, Some(virkplan::model::PlanId(2)));
    let open: Vec<_> = before
        .goals()
        .filter(|(_, g)| !g.status.is_some_and(|s| s.is_closed()))
        .map(|(_, g)| g.id)
        .collect();
    let continued: Vec<_> = new.goals().filter_map(|(_, g)| g.continues).collect();
    assert_eq!(continued, open, "every open goal continues, in order");
    assert_eq!(new.focus_areas.len(), before.focus_areas.len());
    assert_eq!(new.sections.len(), before.sections.len());
    assert_eq!(new.budget.rows.len(), before.budget.rows.len());

    // A plan that is not there: exit 1, one line; a period backwards: exit 2.
    let out = run(&[
        "rollover",
        p(&file),
        "--plan",
        "99",
        "--title",
        "X",
        "--start",
        "2014",
        "--end",
        "2015",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    let out = run(&[
        "rollover",
        p(&file),
        "--plan",
        "2",
        "--title",
        "X",
        "--start",
        "2016",
        "--end",
        "2015",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// Issue 6: every subcommand under bad arguments (missing files, folders, unwritable output
/// paths, unknown plan ids, a damaged file) says what happened in one Danish line, exits 1,
/// prints nothing on stdout, and writes nothing: no output file, no change to the plan file.
#[test]
fn bad_arguments_to_every_subcommand_exit_1_with_one_danish_line_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan med æøå.sqlite");
    assert!(
        run(&["import-json", p(&file), "--from", REFERENCE_JSON])
            .status
            .success()
    );
    let missing = dir.path().join("findes-ikke.sqlite");
    let folder = dir.path().join("en mappe");
    std::fs::create_dir(&folder).unwrap();
    let text = dir.path().join("brev.sqlite");
    std::fs::write(&text, "Kære kollega").unwrap();
    let bad_json = dir.path().join("halv.json");
    std::fs::write(
        &bad_json,
        "{\"format\": \"virkplan\", \"version\": 1, \"plans\": [",
    )
    .unwrap();
    // Output paths that cannot be written: a folder that does not exist, a path under a file
    // (works as root too, where permissions do not stop a write), and an existing folder.
    let no_folder = dir.path().join("findes ikke").join("ud.pdf");
    let under_file = text.join("ud.pdf");
    let before = std::fs::read(&file).unwrap();
    let listing = stdout(&run(&["list", p(&file)]));

    let cases: Vec<Vec<&str>> = vec![
        vec!["check", p(&missing)],
        vec!["check", p(&folder)],
        vec!["check", p(&text)],
        vec!["list", p(&missing)],
        vec!["list", p(&text)],
        vec!["export-json", p(&missing)],
        vec!["export-json", p(&folder)],
        vec!["export-json", p(&file), "--plan", "999"],
        vec!["export-json", p(&file), "-o", p(&no_folder)],
        vec!["export-json", p(&file), "-o", p(&under_file)],
        vec!["export-json", p(&file), "-o", p(&folder)],
        vec!["export-pdf", p(&missing), "-o", "ud.pdf"],
        vec!["export-pdf", p(&folder), "-o", "ud.pdf"],
        vec!["export-pdf", p(&text), "-o", "ud.pdf"],
        vec!["export-pdf", p(&file), "--plan", "999", "-o", "ud.pdf"],
        vec!["export-pdf", p(&file), "--plan", "2", "-o", p(&no_folder)],
        vec!["export-pdf", p(&file), "--plan", "2", "-o", p(&under_file)],
        vec!["export-pdf", p(&file), "--plan", "2", "-o", p(&folder)],
        vec!["import-json", p(&file), "--from", p(&missing)],
        vec!["import-json", p(&file), "--from", p(&folder)],
        vec!["import-json", p(&file), "--from", p(&bad_json)],
        vec!["import-json", p(&file), "--from", p(&text)],
        vec!["import-json", p(&folder), "--from", REFERENCE_JSON],
        vec!["import-json", p(&under_file), "--from", REFERENCE_JSON],
        vec![
            "rollover",
            p(&file),
            "--plan",
            "999",
            "--title",
            "Ny",
            "--start",
            "2014",
            "--end",
            "2015",
        ],
        vec![
            "rollover",
            p(&missing),
            "--plan",
            "2",
            "--title",
            "Ny",
            "--start",
            "2014",
            "--end",
            "2015",
        ],
        vec!["demo", p(&folder)],
        vec!["demo", p(&text)],
        vec!["demo", p(&under_file)],
    ];
    for args in &cases {
        let out = Command::new(env!("CARGO_BIN_EXE_virkplan"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}: {}", stdout(&out));
        let lower = err.to_lowercase();
        assert!(
            !["error", "panicked", "invalid", "os error"]
                .iter()
                .any(|w| lower.contains(w)),
            "{args:?}: not a Danish sentence: {err}"
        );
    }
    assert!(!dir.path().join("ud.pdf").exists(), "no PDF was written");
    assert!(!no_folder.exists() && !folder.join("ud.pdf").exists());
    assert!(!missing.exists(), "no file was created by a failed command");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the plan file is unchanged"
    );
    assert_eq!(stdout(&run(&["list", p(&file)])), listing);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn check_list_and_the_exports_only_read_the_plan_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.sqlite");
    assert!(
        run(&["import-json", p(&file), "--from", REFERENCE_JSON])
            .status
            .success()
    );
    let before = std::fs::read(&file).unwrap();
    let json = dir.path().join("ud.json");
    let pdf = dir.path().join("ud.pdf");
    for args in [
        vec!["check", p(&file)],
        vec!["list", p(&file)],
        vec!["export-json", p(&file)],
        vec!["export-json", p(&file), "-o", p(&json)],
        vec!["export-pdf", p(&file), "--plan", "2", "-o", p(&pdf)],
    ] {
        let out = run(&args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert_eq!(
            std::fs::read(&file).unwrap(),
            before,
            "{args:?} changed the file"
        );
    }
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["ud.json", "ud.pdf", "x.sqlite"],
        "no journal or other file left"
    );
}
