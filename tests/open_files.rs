//! Every way a file can be wrong gets its own Danish message, or a read-only open with a
//! reason, and the file's bytes are never changed (issue 2, "Opening must be safe").
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

mod common;

use common::{bytes, plan_file};
use rusqlite::Connection;
use std::path::Path;
use std::time::Duration;
use virkplan::store::{OpenOptions, ReadOnlyReason, Store, StoreError};

fn open_err(path: &Path) -> StoreError {
    match Store::open(path) {
        Ok(_) => panic!("{} opened, but should not", path.display()),
        Err(e) => e,
    }
}

/// Opening must fail with the expected error, a Danish sentence naming the file, and leave
/// the bytes as they were.
fn assert_refused(path: &Path, check: impl Fn(&StoreError) -> bool, word: &str) {
    let before = std::fs::read(path).ok();
    let e = open_err(path);
    assert!(check(&e), "unexpected error for {}: {e:?}", path.display());
    let msg = e.to_string();
    assert!(msg.contains(word), "message {msg:?} lacks {word:?}");
    assert!(
        msg.ends_with(&path.display().to_string()),
        "path last: {msg}"
    );
    assert_eq!(std::fs::read(path).ok(), before, "file changed");
}

#[test]
fn a_missing_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("findes-ikke.sqlite");
    assert_refused(
        &path,
        |e| matches!(e, StoreError::Missing(_)),
        "findes ikke",
    );
    assert!(!path.exists(), "opening must not create the file");
}

#[test]
fn a_folder_is_not_a_file() {
    let dir = tempfile::tempdir().unwrap();
    assert_refused(
        dir.path(),
        |e| matches!(e, StoreError::IsDirectory(_)),
        "mappe",
    );
}

#[test]
fn an_empty_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tom.sqlite");
    std::fs::write(&path, b"").unwrap();
    assert_refused(&path, |e| matches!(e, StoreError::Empty(_)), "tom");
}

#[test]
fn text_random_bytes_and_zip_are_not_plan_files() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, Vec<u8>); 4] = [
        (
            "tekst.sqlite",
            "Kære kollega, her er planen.\n".repeat(200).into_bytes(),
        ),
        (
            "tilfaeldig.sqlite",
            (0..8192u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
                .collect(),
        ),
        ("arkiv.sqlite", {
            let mut z = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
            z.resize(4096, 7);
            z
        }),
        ("kort.sqlite", b"SQLite".to_vec()),
    ];
    for (name, content) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        assert_refused(
            &path,
            |e| matches!(e, StoreError::NotSqlite(_)),
            "ikke en virkplan-fil",
        );
    }
}

#[test]
fn another_programs_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("andet.sqlite");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE kunder (id INTEGER PRIMARY KEY, navn TEXT); INSERT INTO kunder VALUES (1, 'x');")
        .unwrap();
    drop(conn);
    assert_refused(
        &path,
        |e| matches!(e, StoreError::Foreign(_)),
        "andet program",
    );
}

#[test]
fn truncated_files_are_refused_at_several_points() {
    let dir = tempfile::tempdir().unwrap();
    let good = plan_file(dir.path(), "hel.sqlite");
    let full = bytes(&good);
    assert!(full.len() > 8192);
    for cut in [
        50,
        99,
        100,
        1000,
        4096,
        full.len() / 2,
        full.len() - 4096,
        full.len() - 1,
    ] {
        let path = dir.path().join(format!("afkortet-{cut}.sqlite"));
        std::fs::write(&path, &full[..cut]).unwrap();
        assert_refused(
            &path,
            |e| matches!(e, StoreError::Truncated(_) | StoreError::NotSqlite(_)),
            "",
        );
    }
}

#[test]
fn damaged_pages_are_found_before_use() {
    let dir = tempfile::tempdir().unwrap();
    let good = plan_file(dir.path(), "hel.sqlite");
    let full = bytes(&good);
    let page = 4096;
    let pages = full.len() / page;
    let mut found = 0;
    for p in 1..pages {
        let mut damaged = full.clone();
        // Overwrite the b-tree page header and cell pointers with garbage.
        for (i, b) in damaged[p * page..p * page + 64].iter_mut().enumerate() {
            *b ^= 0xA5 ^ (i as u8);
        }
        let path = dir.path().join(format!("skadet-{p}.sqlite"));
        std::fs::write(&path, &damaged).unwrap();
        match Store::open(&path) {
            Err(StoreError::Corrupt { .. }) => found += 1,
            Err(e) => panic!("page {p}: unexpected {e:?}"),
            Ok(store) => {
                // A page SQLite does not use (free) may be damaged harmlessly; then reading
                // must still work.
                store.list_plans().unwrap();
            }
        }
        assert_eq!(bytes(&path), damaged, "damaged file was changed");
    }
    assert!(
        found * 2 >= pages - 1,
        "only {found} of {} damaged pages found",
        pages - 1
    );
}

#[test]
fn a_file_from_a_newer_version_opens_read_only_and_says_which() {
    let dir = tempfile::tempdir().unwrap();
    let path = plan_file(dir.path(), "ny.sqlite");
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 5)
        .unwrap();
    let before = bytes(&path);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        store.read_only(),
        Some(&ReadOnlyReason::NewerVersion {
            found: 5,
            supported: 4
        })
    );
    assert!(
        store
            .read_only()
            .unwrap()
            .message()
            .contains("skemaversion 5")
    );
    assert_eq!(store.list_plans().unwrap().len(), 1);
    let plan = store.list_plans().unwrap()[0].id;
    let err = store
        .apply(&virkplan::model::Command::SetPlanText {
            plan,
            field: virkplan::model::PlanField::Title,
            value: "x".into(),
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly(_)));
    drop(store);
    assert_eq!(bytes(&path), before);
}

fn with_extra_object(sql: &str, name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = plan_file(dir.path(), name);
    Connection::open(&path).unwrap().execute_batch(sql).unwrap();
    (dir, path)
}

#[test]
fn extra_triggers_and_views_open_read_only_and_never_run() {
    for (sql, word) in [
        (
            "CREATE TABLE log (x); CREATE TRIGGER spion AFTER UPDATE ON plan BEGIN INSERT INTO log VALUES (1); END;",
            "spion",
        ),
        ("CREATE VIEW udsigt AS SELECT * FROM plan;", "udsigt"),
    ] {
        let (_dir, path) = with_extra_object(sql, "fremmed.sqlite");
        let before = bytes(&path);
        let mut store = Store::open(&path).unwrap();
        match store.read_only() {
            Some(ReadOnlyReason::ForeignObjects(names)) => {
                assert!(names.iter().any(|n| n.contains(word)), "{names:?}")
            }
            other => panic!("expected read-only for foreign objects, got {other:?}"),
        }
        let plan = store.list_plans().unwrap()[0].id;
        assert!(
            store
                .apply(&virkplan::model::Command::SetPlanText {
                    plan,
                    field: virkplan::model::PlanField::Title,
                    value: "x".into(),
                })
                .is_err()
        );
        drop(store);
        assert_eq!(bytes(&path), before, "a foreign file must not change");
    }
}

#[test]
fn a_modified_table_definition_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = plan_file(dir.path(), "aendret.sqlite");
    Connection::open(&path)
        .unwrap()
        .execute_batch("ALTER TABLE goal ADD COLUMN hemmelig TEXT;")
        .unwrap();
    assert_refused(
        &path,
        |e| matches!(e, StoreError::ModifiedSchema { names, .. } if names.contains(&"goal".to_string())),
        "ændret",
    );
}

#[cfg(unix)]
#[test]
fn read_only_files_and_folders_open_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = plan_file(dir.path(), "laest.sqlite");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.read_only(), Some(&ReadOnlyReason::FileReadOnly));
    assert_eq!(store.list_plans().unwrap().len(), 1);
    drop(store);

    let folder = tempfile::tempdir().unwrap();
    let path = plan_file(folder.path(), "i-laest-mappe.sqlite");
    std::fs::set_permissions(folder.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.read_only(), Some(&ReadOnlyReason::FolderReadOnly));
    drop(store);
    std::fs::set_permissions(folder.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_locked_file_waits_briefly_then_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = plan_file(dir.path(), "laast.sqlite");
    let holder = Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE;").unwrap();
    let options = OpenOptions {
        busy_timeout: Duration::from_millis(300),
        ..OpenOptions::default()
    };
    let started = std::time::Instant::now();
    match Store::open_with(&path, &options) {
        Err(e @ StoreError::Locked(_)) => assert!(e.to_string().contains("optaget")),
        other => panic!("expected Locked, got {other:?}"),
    }
    assert!(
        started.elapsed() >= Duration::from_millis(250),
        "must wait before giving up"
    );
    holder.execute_batch("ROLLBACK;").unwrap();
    Store::open(&path).expect("opens once the lock is gone");
}

#[test]
fn creating_a_file_writes_the_marks_and_rollback_journal() {
    let dir = tempfile::tempdir().unwrap();
    let path = plan_file(dir.path(), "ny.sqlite");
    let raw = bytes(&path);
    assert_eq!(
        &raw[68..72],
        &0x566B_506Cu32.to_be_bytes(),
        "application_id"
    );
    assert_eq!(&raw[60..64], &4u32.to_be_bytes(), "user_version");
    assert_eq!((raw[18], raw[19]), (1, 1), "rollback journal, not WAL");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left: {leftovers:?}");
}
