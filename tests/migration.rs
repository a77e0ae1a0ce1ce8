//! Forward-only migrations: a backup beside the file first, then all steps in one
//! transaction; a failed step leaves the file as it was. The machinery is tested with
//! synthetic steps on top of the real history (a file of today's version).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

mod common;

use common::{bytes, plan_file};
use rusqlite::Connection;
use rusqlite::types::Value;
use std::path::{Path, PathBuf};
use virkplan::document::Document;
use virkplan::model::{PlanBundle, PlanId};
use virkplan::report::Options;
use virkplan::store::schema::{Migrations, SCHEMA_V1};
use virkplan::store::{OpenOptions, Store, StoreError};

/// Today's history with `extra` steps after it.
fn with_steps(extra: Vec<&'static str>) -> OpenOptions {
    let mut migrations = Migrations::current();
    migrations.steps.extend(extra);
    OpenOptions {
        migrations,
        ..OpenOptions::default()
    }
}

const CURRENT: i64 = virkplan::store::schema::CURRENT_VERSION;

#[test]
fn an_older_file_is_backed_up_then_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = plan_file(dir.path(), "plan.sqlite");
    let before = Store::open(&path).unwrap().load_document(None).unwrap();
    let next = with_steps(vec![
        "ALTER TABLE person ADD COLUMN phone TEXT NOT NULL DEFAULT '';",
    ]);
    let store = Store::open_with(&path, &next).unwrap();
    assert_eq!(store.schema_version(), CURRENT + 1);
    assert_eq!(store.list_plans().unwrap().len(), 1, "content survives");
    drop(store);

    let backup = dir.path().join(format!("plan.bak-v{CURRENT}.sqlite"));
    let old = Store::open(&backup).unwrap();
    assert_eq!(
        old.schema_version(),
        CURRENT,
        "the backup is the file as it was"
    );
    assert_eq!(old.load_document(None).unwrap(), before);
    drop(old);

    // Opened again with the same program: nothing more to do, no new backup.
    std::fs::remove_file(&backup).unwrap();
    let again = Store::open_with(&path, &next).unwrap();
    assert_eq!(again.schema_version(), CURRENT + 1);
    assert!(!backup.exists());
}

#[test]
fn a_failed_migration_leaves_the_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = plan_file(dir.path(), "plan.sqlite");
    let before = bytes(&path);
    let broken = with_steps(vec![
        "ALTER TABLE person ADD COLUMN phone TEXT;",
        "ALTER TABLE findes_ikke ADD COLUMN x TEXT;",
    ]);
    match Store::open_with(&path, &broken) {
        Err(e @ StoreError::MigrationFailed { .. }) => {
            let msg = e.to_string();
            assert!(
                msg.contains("ikke ændret") && msg.contains(&format!("skemaversion {CURRENT}")),
                "{msg}"
            );
        }
        other => panic!("expected MigrationFailed, got {other:?}"),
    }
    assert_eq!(
        bytes(&path),
        before,
        "the first step must be rolled back too"
    );
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version(), CURRENT);
}

/// An older file that cannot be written (a write-protected file, a read-only share) is read
/// through a copy upgraded in memory: it opens read-only with all it holds, and neither the
/// file nor its folder changes (no backup, no upgrade).
#[test]
fn an_older_read_only_file_is_read_through_an_upgraded_copy_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = plan_file(dir.path(), "plan.sqlite");
    let content = Store::open(&path).unwrap().load_document(None).unwrap();
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    let before = bytes(&path);
    let next = with_steps(vec!["ALTER TABLE person ADD COLUMN phone TEXT;"]);
    let store = Store::open_with(&path, &next).unwrap();
    assert!(store.read_only().is_some(), "still read-only");
    assert_eq!(
        store.schema_version(),
        CURRENT + 1,
        "read as the new schema"
    );
    assert_eq!(store.load_document(None).unwrap(), content);
    drop(store);
    assert_eq!(bytes(&path), before);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        vec![std::ffi::OsString::from("plan.sqlite")],
        "no backup"
    );
}

// ---- Schema 1 → 2 (issue 18), and on to today's ----

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/schema-v1.sqlite");

/// The tables of schema 1, whose rows the migration must keep exactly.
const V1_TABLES: [&str; 9] = [
    "person",
    "plan",
    "section",
    "budget_row",
    "focus_area",
    "goal",
    "goal_owner",
    "follow_up",
    "document_meta",
];

/// Every row of a schema-1 table, with the columns schema 1 has, in a fixed order.
fn v1_rows(conn: &Connection, table: &str) -> Vec<Vec<Value>> {
    rows_as_of(1, conn, table)
}

/// Every row of `table` with the columns it has at schema `version`, in a fixed order.
fn rows_as_of(version: i64, conn: &Connection, table: &str) -> Vec<Vec<Value>> {
    let columns: Vec<String> = {
        let old = Connection::open_in_memory().unwrap();
        Migrations::current().create(&old, version).unwrap();
        let mut stmt = old
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let order: Vec<String> = (1..=columns.len()).map(|i| i.to_string()).collect();
    let mut stmt = conn
        .prepare(&format!(
            "SELECT {} FROM {table} ORDER BY {}",
            columns.join(", "),
            order.join(", ")
        ))
        .unwrap();
    stmt.query_map([], |r| {
        (0..columns.len())
            .map(|i| r.get::<_, Value>(i))
            .collect::<rusqlite::Result<Vec<_>>>()
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// The text of every page of plan `plan`'s PDF, exported as the editor does, at a fixed time.
fn pdf_text(doc: &Document, plan: PlanId, dir: &Path) -> Vec<String> {
    let out = dir.join(format!("plan-{}.pdf", plan.0));
    let options = Options {
        created: Some(1_353_700_000),
        ..Options::default()
    };
    virkplan::transfer::export_pdf(doc, plan, &options, &out).unwrap();
    let pdf = lopdf::Document::load(&out).unwrap();
    pdf.get_pages()
        .keys()
        .map(|n| pdf.extract_text(&[*n]).unwrap())
        .collect()
}

fn plan_by_title(doc: &Document, title: &str) -> PlanId {
    doc.list_plans()
        .unwrap()
        .into_iter()
        .find(|p| p.title == title)
        .unwrap_or_else(|| panic!("no plan «{title}»"))
        .id
}

/// The schema-1 fixture (tests/data/schema-v1.sqlite: a file made by the release before
/// schema 2) is backed up byte for byte, migrated with every row it held, gets a file id,
/// and prints as the same plans imported into a new file do.
#[test]
fn the_schema_1_fixture_is_backed_up_and_migrated_with_all_it_held() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schema-v1.sqlite");
    std::fs::copy(FIXTURE, &path).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version(), CURRENT);
    assert!(
        bytes(&dir.path().join("schema-v1.bak-v1.sqlite")) == bytes(Path::new(FIXTURE)),
        "the backup is the fixture byte for byte"
    );
    let id = store.file_id().unwrap().unwrap();
    assert_eq!(id.len(), 32, "{id}");
    assert_eq!(store.copied_from().unwrap(), None);
    let doc = store.load_document(None).unwrap();
    assert_eq!(doc.plans.len(), 3, "every plan loads");
    for plan in &doc.plans {
        assert_eq!(plan.labels, Default::default());
        assert_eq!(plan.numbering, Default::default());
        assert_eq!(plan.print, Default::default());
        for area in &plan.focus_areas {
            assert!(area.owners.is_empty());
        }
        for (_, goal) in plan.goals() {
            assert!(goal.indicators.is_empty() && goal.milestones.is_empty());
            assert!(goal.related.is_empty());
            assert!(goal.follow_ups.iter().all(|f| f.measurements.is_empty()));
        }
    }
    drop(store);

    // Every row of every schema-1 table, column for column, as the fixture held it.
    let old =
        Connection::open_with_flags(FIXTURE, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let new = Connection::open(&path).unwrap();
    for table in V1_TABLES {
        let rows = v1_rows(&old, table);
        assert_eq!(v1_rows(&new, table), rows, "table {table}");
    }
    assert!(count(&old, "goal") > 0 && count(&old, "follow_up") > 0);
    for table in [
        "focus_area_owner",
        "indicator",
        "measurement",
        "milestone",
        "goal_related",
        "round",
        "round_package",
        "round_goal",
        "round_indicator",
        "round_receipt",
    ] {
        assert_eq!(count(&new, table), 0, "{table}");
    }
    drop((old, new));

    // The PDF of each plan reads as that of the same plans imported fresh: the reference
    // plans from their JSON, the demo plan from its own content.
    let migrated = Document::open(&path).unwrap();
    let mut fresh = Document::open_or_create(&dir.path().join("frisk.sqlite")).unwrap();
    virkplan::transfer::import_json(&mut fresh, Path::new(common::REFERENCE_JSON)).unwrap();
    let demo = migrated
        .load_bundle(None)
        .unwrap()
        .keep_plans(&[plan_by_title(&migrated, "Virksomhedsplan 2027/2028")]);
    fresh.import(&demo).unwrap();
    let fresh_dir = dir.path().join("frisk");
    std::fs::create_dir(&fresh_dir).unwrap();
    for title in [
        "Virksomhedsplan 2010/2011",
        "Virksomhedsplan 2012/2013",
        "Virksomhedsplan 2027/2028",
    ] {
        let a = pdf_text(&migrated, plan_by_title(&migrated, title), dir.path());
        let b = pdf_text(&fresh, plan_by_title(&fresh, title), &fresh_dir);
        assert!(a.len() > 1, "{title}: {} pages", a.len());
        assert!(a == b, "{title}: the PDF text differs");
    }
}

/// A schema-1 file holding `doc`: imported into a file of today's schema by this program,
/// then its rows copied into a file made with schema 1's DDL (the columns schema 1 has).
fn schema_1_file(dir: &Path, name: &str, doc: &PlanBundle) -> (PathBuf, PlanBundle) {
    let v2 = dir.join(format!("{name}-ny.sqlite"));
    let mut store = Store::open_or_create(&v2).unwrap();
    store.import(doc).unwrap();
    let expected = store.load_document(None).unwrap();
    drop(store);
    let v1 = dir.join(format!("{name}.sqlite"));
    let conn = Connection::open(&v1).unwrap();
    conn.execute_batch(SCHEMA_V1).unwrap();
    conn.pragma_update(None, "application_id", 0x566B_506C)
        .unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
    conn.execute("ATTACH DATABASE ?1 AS v2", [v2.to_str().unwrap()])
        .unwrap();
    for table in V1_TABLES {
        let columns: Vec<String> = {
            let mut stmt = conn
                .prepare(&format!(
                    "SELECT name FROM main.pragma_table_info('{table}')"
                ))
                .unwrap();
            stmt.query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect()
        };
        let columns = columns.join(", ");
        conn.execute_batch(&format!(
            "INSERT INTO main.{table} ({columns}) SELECT {columns} FROM v2.{table};"
        ))
        .unwrap();
    }
    conn.execute_batch("DETACH DATABASE v2;").unwrap();
    drop(conn);
    (v1, expected)
}

/// What a schema-1 file can hold of a document: no version-2 field.
fn v1_only(mut doc: PlanBundle) -> PlanBundle {
    for plan in &mut doc.plans {
        plan.labels = Default::default();
        plan.numbering = Default::default();
        plan.print = Default::default();
        for area in &mut plan.focus_areas {
            area.owners.clear();
            for goal in &mut area.goals {
                goal.indicators.clear();
                goal.milestones.clear();
                goal.related.clear();
                for f in &mut goal.follow_ups {
                    f.measurements.clear();
                }
            }
        }
    }
    doc
}

/// Every test plan, in a schema-1 file made with the old DDL, migrates to the same content
/// under the same ids.
#[test]
fn the_schema_1_fixture_write_protected_opens_read_only_with_its_plans() {
    let writable = tempfile::tempdir().unwrap();
    let copy = writable.path().join("schema-v1.sqlite");
    std::fs::copy(FIXTURE, &copy).unwrap();
    let migrated = Document::open(&copy).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schema-v1.sqlite");
    std::fs::copy(FIXTURE, &path).unwrap();
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    let doc = Document::open(&path).unwrap();
    assert!(doc.read_only().is_some());
    assert_eq!(doc.schema_version(), CURRENT);
    assert_eq!(
        doc.upgraded_in_memory_from(),
        Some(1),
        "check says the file is version 1"
    );
    assert_eq!(
        doc.load_bundle(None).unwrap(),
        migrated.load_bundle(None).unwrap(),
        "the same plans as the upgraded file"
    );
    drop(doc);
    assert_eq!(
        bytes(&path),
        bytes(Path::new(FIXTURE)),
        "the file as it was"
    );
    assert!(!dir.path().join("schema-v1.bak-v1.sqlite").exists());
}

#[test]
fn every_test_plan_in_a_schema_1_file_migrates_to_the_same_content() {
    let dir = tempfile::tempdir().unwrap();
    let reference = virkplan::transfer::read_json(Path::new(common::REFERENCE_JSON)).unwrap();
    let demo = virkplan::demo::generate(&virkplan::demo::DemoSpec {
        areas: 3,
        goals_per_area: 4,
        follow_ups_per_goal: 2,
        seed: 7,
    });
    for (name, doc) in [
        ("lille", common::small_document()),
        ("reference", reference),
        ("demo", demo),
    ] {
        let (path, expected) = schema_1_file(dir.path(), name, &v1_only(doc));
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version(), CURRENT, "{name}");
        assert!(store.file_id().unwrap().is_some(), "{name}");
        assert_eq!(store.load_document(None).unwrap(), expected, "{name}");
        assert!(store.integrity_check().unwrap().is_empty(), "{name}");
        assert!(dir.path().join(format!("{name}.bak-v1.sqlite")).exists());
    }
}

// ---- Schema 2 → 3 (issue 19: follow-up rounds) ----

const FIXTURE_V2: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/schema-v2.sqlite");

/// The tables of schema 2, whose rows the migration must keep exactly.
const V2_TABLES: [&str; 16] = [
    "person",
    "plan",
    "section",
    "budget_row",
    "focus_area",
    "goal",
    "goal_owner",
    "follow_up",
    "document_meta",
    "focus_area_owner",
    "indicator",
    "measurement",
    "milestone",
    "goal_related",
    "file_identity",
    "sqlite_sequence",
];

/// The schema-2 fixture (tests/data/schema-v2.sqlite: a file made by the release before
/// schema 3) is backed up byte for byte, migrated with every row it held and its identity,
/// has no rounds, and prints as the same plans imported into a new file do.
#[test]
fn the_schema_2_fixture_is_backed_up_and_migrated_with_all_it_held() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schema-v2.sqlite");
    std::fs::copy(FIXTURE_V2, &path).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version(), CURRENT);
    assert!(
        bytes(&dir.path().join("schema-v2.bak-v2.sqlite")) == bytes(Path::new(FIXTURE_V2)),
        "the backup is the fixture byte for byte"
    );
    let plans = store.list_plans().unwrap();
    assert_eq!(plans.len(), 4, "every plan loads");
    for plan in &plans {
        assert!(store.rounds(plan.id).unwrap().is_empty(), "{}", plan.title);
    }
    assert!(store.integrity_check().unwrap().is_empty());
    drop(store);

    // Every row of every schema-2 table, column for column, as the fixture held it: the
    // file's identity too (workbooks sent before the upgrade still belong to it).
    let old = Connection::open_with_flags(FIXTURE_V2, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap();
    let new = Connection::open(&path).unwrap();
    for table in V2_TABLES {
        let rows = rows_as_of(2, &old, table);
        // The fixture's plans have no document-level `extra`; every other table has rows.
        assert!(
            table == "document_meta" || !rows.is_empty(),
            "the fixture has rows in {table}"
        );
        assert_eq!(rows_as_of(2, &new, table), rows, "table {table}");
    }
    for table in [
        "round",
        "round_package",
        "round_goal",
        "round_indicator",
        "round_receipt",
    ] {
        assert_eq!(count(&new, table), 0, "{table}");
    }
    drop((old, new));

    // The PDF of each plan reads as that of the same plans imported fresh: the reference
    // plans and the version-2 example from their JSON, the demo plan from its own content.
    let migrated = Document::open(&path).unwrap();
    let mut fresh = Document::open_or_create(&dir.path().join("frisk.sqlite")).unwrap();
    virkplan::transfer::import_json(&mut fresh, Path::new(common::REFERENCE_JSON)).unwrap();
    virkplan::transfer::import_json(
        &mut fresh,
        Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/plan-v2-example.json"
        )),
    )
    .unwrap();
    let demo = migrated
        .load_bundle(None)
        .unwrap()
        .keep_plans(&[plan_by_title(&migrated, "Virksomhedsplan 2027/2028")]);
    fresh.import(&demo).unwrap();
    let fresh_dir = dir.path().join("frisk");
    std::fs::create_dir(&fresh_dir).unwrap();
    for plan in &plans {
        let a = pdf_text(&migrated, plan.id, dir.path());
        let b = pdf_text(&fresh, plan_by_title(&fresh, &plan.title), &fresh_dir);
        assert!(a.len() > 1, "{}: {} pages", plan.title, a.len());
        assert!(a == b, "{}: the PDF text differs", plan.title);
    }
}

/// The schema-2 fixture, write-protected: read through a copy upgraded in memory, with the
/// plans the migrated file has, and left byte for byte as it was (no backup).
#[test]
fn the_schema_2_fixture_write_protected_opens_read_only_with_its_plans() {
    let writable = tempfile::tempdir().unwrap();
    let copy = writable.path().join("schema-v2.sqlite");
    std::fs::copy(FIXTURE_V2, &copy).unwrap();
    let migrated = Document::open(&copy).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schema-v2.sqlite");
    std::fs::copy(FIXTURE_V2, &path).unwrap();
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    let doc = Document::open(&path).unwrap();
    assert!(doc.read_only().is_some());
    assert_eq!(doc.schema_version(), CURRENT);
    assert_eq!(doc.upgraded_in_memory_from(), Some(2));
    assert_eq!(
        doc.load_bundle(None).unwrap(),
        migrated.load_bundle(None).unwrap()
    );
    assert_eq!(doc.file_id().unwrap(), migrated.file_id().unwrap());
    for plan in doc.list_plans().unwrap() {
        assert!(doc.rounds(plan.id).unwrap().is_empty());
    }
    drop(doc);
    assert_eq!(bytes(&path), bytes(Path::new(FIXTURE_V2)));
    assert!(!dir.path().join("schema-v2.bak-v2.sqlite").exists());
}

/// A new file and a migrated one hold the same schema, so that the open check (which compares
/// `sqlite_schema`) accepts both, and a round can be written into the migrated file.
#[test]
fn a_migrated_file_has_the_schema_of_a_new_one_and_takes_rounds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schema-v2.sqlite");
    std::fs::copy(FIXTURE_V2, &path).unwrap();
    drop(Store::open(&path).unwrap());
    let fresh = plan_file(dir.path(), "ny.sqlite");
    let objects =
        |p: &Path| virkplan::store::schema::read_objects(&Connection::open(p).unwrap()).unwrap();
    assert_eq!(objects(&path), objects(&fresh));

    let mut doc = Document::open(&path).unwrap();
    let plan = plan_by_title(&doc, "Netværksplan 2012/2013");
    let goals: Vec<_> = doc
        .load_plan(plan)
        .unwrap()
        .goals()
        .map(|(_, g)| g.id)
        .collect();
    let round = virkplan::model::Round {
        id: virkplan::model::RoundId(0),
        plan,
        name: "Opfølgning efterår 2013".into(),
        deadline: virkplan::model::Date::parse_iso("2013-10-15").unwrap(),
        started_on: virkplan::model::Date::parse_iso("2013-09-20").unwrap(),
        closed_on: None,
        folder: "/srv/runder/efterår 2013".into(),
        packages: vec![virkplan::model::Package {
            person: virkplan::model::PersonId(1),
            person_name: "Børge Alstrup".into(),
            file_name: "Opfølgning efterår 2013 - Børge Alstrup.xlsx".into(),
            goals,
            indicators: Vec::new(),
            sent_on: None,
            receipts: Vec::new(),
        }],
    };
    let id = doc
        .apply(virkplan::model::Command::InsertRound(Box::new(
            round.clone(),
        )))
        .unwrap()
        .round()
        .unwrap();
    assert_eq!(
        doc.round(id).unwrap(),
        virkplan::model::Round { id, ..round }
    );
}

// ---- Schema 3 → 4 (issue 20: versions) ----

const FIXTURE_V3: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/schema-v3.sqlite");

/// The schema-3 fixture (tests/data/schema-v3.sqlite: a file made by the release before
/// schema 4) is backed up byte for byte, migrated with every row it held (its follow-up round
/// too) and its identity, has no versions, and prints as the same plans imported into a new
/// file do.
#[test]
fn the_schema_3_fixture_is_backed_up_and_migrated_with_all_it_held() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schema-v3.sqlite");
    std::fs::copy(FIXTURE_V3, &path).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version(), 4);
    assert!(
        bytes(&dir.path().join("schema-v3.bak-v3.sqlite")) == bytes(Path::new(FIXTURE_V3)),
        "the backup is the fixture byte for byte"
    );
    let plans = store.list_plans().unwrap();
    assert_eq!(plans.len(), 4, "every plan loads");
    for plan in &plans {
        assert!(
            store.versions(plan.id).unwrap().is_empty(),
            "{}",
            plan.title
        );
    }
    assert_eq!(
        store
            .rounds(plan_by_title_in(&plans, "Virksomhedsplan 2012/2013"))
            .unwrap()
            .len(),
        1,
        "the round is still there"
    );
    assert!(store.integrity_check().unwrap().is_empty());
    drop(store);

    // Every row of every schema-3 table, column for column, as the fixture held it.
    let old = Connection::open_with_flags(FIXTURE_V3, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap();
    let new = Connection::open(&path).unwrap();
    let empty_in_fixture = ["document_meta", "round_indicator", "round_receipt"];
    for table in V2_TABLES.iter().chain(&[
        "round",
        "round_package",
        "round_goal",
        "round_indicator",
        "round_receipt",
    ]) {
        let rows = rows_as_of(3, &old, table);
        assert!(
            empty_in_fixture.contains(table) || !rows.is_empty(),
            "the fixture has rows in {table}"
        );
        assert_eq!(rows_as_of(3, &new, table), rows, "table {table}");
    }
    for table in ["version", "version_chunk", "version_part"] {
        assert_eq!(count(&new, table), 0, "{table}");
    }
    drop((old, new));

    // The PDF of each plan reads as that of the same plans imported fresh.
    let migrated = Document::open(&path).unwrap();
    let mut fresh = Document::open_or_create(&dir.path().join("frisk.sqlite")).unwrap();
    virkplan::transfer::import_json(&mut fresh, Path::new(common::REFERENCE_JSON)).unwrap();
    virkplan::transfer::import_json(
        &mut fresh,
        Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/plan-v2-example.json"
        )),
    )
    .unwrap();
    let demo = migrated
        .load_bundle(None)
        .unwrap()
        .keep_plans(&[plan_by_title(&migrated, "Virksomhedsplan 2027/2028")]);
    fresh.import(&demo).unwrap();
    let fresh_dir = dir.path().join("frisk");
    std::fs::create_dir(&fresh_dir).unwrap();
    for plan in &plans {
        let a = pdf_text(&migrated, plan.id, dir.path());
        let b = pdf_text(&fresh, plan_by_title(&fresh, &plan.title), &fresh_dir);
        assert!(a.len() > 1, "{}: {} pages", plan.title, a.len());
        assert!(a == b, "{}: the PDF text differs", plan.title);
    }
}

fn plan_by_title_in(plans: &[virkplan::model::PlanSummary], title: &str) -> PlanId {
    plans.iter().find(|p| p.title == title).unwrap().id
}

/// A file migrated from schema 3 holds the schema of a new file, and takes versions.
#[test]
fn a_file_migrated_from_schema_3_has_the_schema_of_a_new_one_and_takes_versions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schema-v3.sqlite");
    std::fs::copy(FIXTURE_V3, &path).unwrap();
    drop(Store::open(&path).unwrap());
    let fresh = plan_file(dir.path(), "ny.sqlite");
    let objects =
        |p: &Path| virkplan::store::schema::read_objects(&Connection::open(p).unwrap()).unwrap();
    assert_eq!(objects(&path), objects(&fresh));

    let mut doc = Document::open(&path).unwrap();
    let plan = plan_by_title(&doc, "Virksomhedsplan 2012/2013");
    let now = virkplan::model::Moment::new(2013, 3, 12, 14, 5).unwrap();
    let v = virkplan::versions::freeze(&mut doc, plan, "Til byrådet", "Bente", now).unwrap();
    assert_eq!(v.number, 1);
    let frozen = virkplan::versions::load(&doc, &v).unwrap();
    assert_eq!(frozen.plan().unwrap().title, "Virksomhedsplan 2012/2013");
}
