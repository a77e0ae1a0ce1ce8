//! Forward-only migrations: a backup beside the file first, then all steps in one
//! transaction; a failed step leaves the file as it was. Tested with a synthetic schema
//! history on top of the real version 1 (there is no version 2 yet).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

mod common;

use common::{bytes, plan_file};
use virkplan::store::schema::Migrations;
use virkplan::store::{OpenOptions, Store, StoreError};

fn with_steps(steps: Vec<&'static str>) -> OpenOptions {
    OpenOptions {
        migrations: Migrations {
            steps,
            ..Migrations::current()
        },
        ..OpenOptions::default()
    }
}

#[test]
fn an_older_file_is_backed_up_then_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = plan_file(dir.path(), "plan.sqlite");
    let before = Store::open(&path).unwrap().load_document(None).unwrap();
    let v2 = with_steps(vec![
        "ALTER TABLE person ADD COLUMN phone TEXT NOT NULL DEFAULT '';",
    ]);
    let store = Store::open_with(&path, &v2).unwrap();
    assert_eq!(store.schema_version(), 2);
    assert_eq!(store.list_plans().unwrap().len(), 1, "content survives");
    drop(store);

    let backup = dir.path().join("plan.bak-v1.sqlite");
    let old = Store::open(&backup).unwrap();
    assert_eq!(old.schema_version(), 1, "the backup is the file as it was");
    assert_eq!(old.load_document(None).unwrap(), before);
    drop(old);

    // Opened again with the same program: nothing more to do, no new backup.
    std::fs::remove_file(&backup).unwrap();
    let again = Store::open_with(&path, &v2).unwrap();
    assert_eq!(again.schema_version(), 2);
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
                msg.contains("ikke ændret") && msg.contains("skemaversion 1"),
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
    assert_eq!(store.schema_version(), 1);
}

#[test]
fn an_older_read_only_file_is_not_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = plan_file(dir.path(), "plan.sqlite");
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    let before = bytes(&path);
    let v2 = with_steps(vec!["ALTER TABLE person ADD COLUMN phone TEXT;"]);
    match Store::open_with(&path, &v2) {
        Err(StoreError::OldReadOnly { found: 1, .. }) => {}
        other => panic!("expected OldReadOnly, got {other:?}"),
    }
    assert_eq!(bytes(&path), before);
}
