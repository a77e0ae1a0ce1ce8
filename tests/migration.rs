//! Forward-only migrations: a backup beside the file first, then all steps in one
//! transaction; a failed step leaves the file as it was. The machinery is tested with
//! synthetic steps on top of the real history (a file of today's version).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

mod common;

use common::{bytes, plan_file};
use virkplan::store::schema::Migrations;
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

#[test]
fn an_older_read_only_file_is_not_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = plan_file(dir.path(), "plan.sqlite");
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    let before = bytes(&path);
    let next = with_steps(vec!["ALTER TABLE person ADD COLUMN phone TEXT;"]);
    match Store::open_with(&path, &next) {
        Err(StoreError::OldReadOnly { found: CURRENT, .. }) => {}
        other => panic!("expected OldReadOnly, got {other:?}"),
    }
    assert_eq!(bytes(&path), before);
}

/// The schema-1 fixture (tests/data/schema-v1.sqlite: a file made by the release before
/// schema 2) is backed up byte for byte, migrated, and gets a file id.
#[test]
fn the_schema_1_fixture_is_backed_up_and_migrated() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/schema-v1.sqlite");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schema-v1.sqlite");
    std::fs::copy(fixture, &path).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version(), 2);
    let backup = dir.path().join("schema-v1.bak-v1.sqlite");
    assert!(
        bytes(&backup) == bytes(std::path::Path::new(fixture)),
        "the backup is the fixture byte for byte"
    );
    let id = store.file_id().unwrap().unwrap();
    assert_eq!(id.len(), 32);
    let doc = store.load_document(None).unwrap();
    assert_eq!(doc.plans.len(), 3);
    for plan in &doc.plans {
        assert_eq!(plan.labels, Default::default());
        assert_eq!(plan.numbering, Default::default());
        assert_eq!(plan.print, Default::default());
    }
}
