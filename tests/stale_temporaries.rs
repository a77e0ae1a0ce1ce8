//! A new plan file is made under a temporary name (`.virkplan-ny-*.sqlite`) and renamed when
//! whole. Those a killed writer left behind are removed, silently, the next time a file in the
//! folder is opened (issue 16) — but never one that another instance is still writing, however
//! old it looks (a slow network drive, a clock that is off).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

mod common;

use std::time::{Duration, SystemTime};
use virkplan::document::Document;

fn make_old(path: &std::path::Path) {
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(an_hour_ago)
        .unwrap();
}

#[test]
fn an_old_temporary_that_another_writer_holds_is_left_alone_and_removed_once_free() {
    let dir = tempfile::tempdir().unwrap();
    let plan = common::plan_file(dir.path(), "plan.sqlite");
    // Another instance in the middle of creating a file: its temporary, inside a transaction.
    let tmp = dir.path().join(".virkplan-ny-abc123.sqlite");
    let writer = rusqlite::Connection::open(&tmp).unwrap();
    writer
        .execute_batch("CREATE TABLE t(x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);")
        .unwrap();
    make_old(&tmp);
    let journal = dir.path().join(".virkplan-ny-abc123.sqlite-journal");
    if journal.exists() {
        make_old(&journal);
    }

    drop(Document::open(&plan).unwrap());
    assert!(tmp.exists(), "a temporary in use was removed");

    // The writer is gone (as when it was killed): the next open removes it and its journal.
    writer.execute_batch("ROLLBACK").unwrap();
    drop(writer);
    make_old(&tmp);
    drop(Document::open(&plan).unwrap());
    assert!(!tmp.exists(), "a stale temporary was left");
    assert!(!journal.exists());
    // The plan file itself is untouched by the cleaning.
    assert_eq!(
        Document::open(&plan).unwrap().list_plans().unwrap().len(),
        1
    );
}
