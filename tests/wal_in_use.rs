//! A plan file that another program switched to WAL and still holds open (issue 17, case 6):
//! virkplan cannot set it back to the rollback journal without that program's consent, so it
//! opens the file read-only, says why in Danish, and writes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

mod common;

use virkplan::document::Document;
use virkplan::store::ReadOnlyReason;

#[test]
fn a_wal_file_another_program_holds_open_opens_read_only_and_stays_in_wal() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::plan_file(dir.path(), "plan.sqlite");
    // "Another program": its own connection, switched to WAL, with a read transaction open.
    let other = rusqlite::Connection::open(&path).unwrap();
    let mode: String = other
        .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    other.execute_batch("BEGIN").unwrap();
    let _: i64 = other
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .unwrap();

    let document = Document::open(&path).unwrap();
    assert!(
        matches!(document.read_only(), Some(ReadOnlyReason::WalInUse)),
        "{:?}",
        document.read_only()
    );
    let message = document.read_only().unwrap().message();
    assert!(message.contains("WAL-tilstand"), "{message}");
    assert!(message.contains("Luk det andet program"), "{message}");
    // The plans are there to read, and nothing was written: the other program's file is
    // still in WAL mode.
    assert_eq!(document.list_plans().unwrap().len(), 1);
    drop(document);
    other.execute_batch("COMMIT").unwrap();
    let mode: String = other
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}
