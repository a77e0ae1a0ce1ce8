//! The hostile-file corpus (issue 6): every file here is built by the test, and each one must
//! give its clear Danish message, or open read-only with a reason, or open and read, but never
//! panic, and its bytes must be the same afterwards. Each file goes through the store (what the
//! editor's Åbn… does) and through `virkplan check` (the command line).
//!
//! `tests/open_files.rs` tests the kinds one by one with their exact errors; this test holds
//! them all in one corpus, adds the cases that come from other programs writing into a plan
//! file (bad text, wrong types, dangling references, WAL mode, huge texts), and counts them.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

mod common;

use common::{bytes, plan_file, small_document};
use rusqlite::Connection;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::Duration;
use virkplan::store::{OpenOptions, ReadOnlyReason, Store, StoreError};

const VIRKPLAN: &str = env!("CARGO_BIN_EXE_virkplan");

/// What opening a file must give.
enum Expect {
    /// Refused with this error.
    Refused(fn(&StoreError) -> bool),
    /// Opened read-only for this reason; plans can be read.
    ReadOnly(fn(&ReadOnlyReason) -> bool),
    /// Opened for editing; every plan loads.
    Opens,
    /// Opens, but reading a plan fails with a Danish message (another program wrote values
    /// virkplan never writes).
    OpensButPlanRefused,
}

struct Case {
    name: &'static str,
    path: PathBuf,
    expect: Expect,
}

fn write(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

/// A plan file changed afterwards with raw SQL, as another program might.
fn altered(dir: &Path, name: &str, sql: &str) -> PathBuf {
    let path = plan_file(dir, name);
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(sql).unwrap();
    drop(conn);
    path
}

/// Danish sentences, not SQLite's or Rust's English.
fn assert_danish(msg: &str, case: &str) {
    let lower = msg.to_lowercase();
    for english in [
        "error", "invalid", "failed", "called `", "panicked", "sqlite_",
    ] {
        assert!(
            !lower.contains(english),
            "{case}: message is not Danish: {msg}"
        );
    }
    assert!(
        ["fil", "plan", "ikke", "kan"]
            .iter()
            .any(|w| lower.contains(w)),
        "{case}: message does not say what happened: {msg}"
    );
}

fn corpus(dir: &Path) -> Vec<Case> {
    let good = plan_file(dir, "hel.sqlite");
    let full = bytes(&good);
    let page = 4096;
    let pages = full.len() / page;
    assert!(pages >= 4, "the plan file is {} bytes", full.len());

    let mut cases = vec![
        Case {
            name: "en hel plan-fil",
            path: good.clone(),
            expect: Expect::Opens,
        },
        Case {
            name: "findes ikke",
            path: dir.join("findes-ikke.sqlite"),
            expect: Expect::Refused(|e| matches!(e, StoreError::Missing(_))),
        },
        Case {
            name: "en mappe",
            path: {
                let p = dir.join("mappe.sqlite");
                std::fs::create_dir(&p).unwrap();
                p
            },
            expect: Expect::Refused(|e| matches!(e, StoreError::IsDirectory(_))),
        },
        Case {
            name: "tom",
            path: write(dir, "tom.sqlite", b""),
            expect: Expect::Refused(|e| matches!(e, StoreError::Empty(_))),
        },
        Case {
            name: "tekst",
            path: write(
                dir,
                "tekst.sqlite",
                "Kære kollega, her er planen.\n".repeat(200).as_bytes(),
            ),
            expect: Expect::Refused(|e| matches!(e, StoreError::NotSqlite(_))),
        },
        Case {
            name: "tilfældige bytes",
            path: write(
                dir,
                "tilfaeldig.sqlite",
                &(0..65536u32)
                    .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
                    .collect::<Vec<_>>(),
            ),
            expect: Expect::Refused(|e| matches!(e, StoreError::NotSqlite(_))),
        },
        Case {
            name: "zip",
            path: write(dir, "arkiv.sqlite", &{
                let mut z = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
                z.resize(4096, 7);
                z
            }),
            expect: Expect::Refused(|e| matches!(e, StoreError::NotSqlite(_))),
        },
        Case {
            name: "kun SQLite-hovedet",
            path: write(dir, "hoved.sqlite", &full[..16]),
            expect: Expect::Refused(|e| {
                matches!(e, StoreError::NotSqlite(_) | StoreError::Truncated(_))
            }),
        },
        Case {
            name: "et andet programs database",
            path: {
                let p = dir.join("andet.sqlite");
                Connection::open(&p)
                    .unwrap()
                    .execute_batch(
                        "CREATE TABLE kunder (id INTEGER PRIMARY KEY, navn TEXT);
                         INSERT INTO kunder VALUES (1, 'x');",
                    )
                    .unwrap();
                p
            },
            expect: Expect::Refused(|e| matches!(e, StoreError::Foreign(_))),
        },
    ];

    for cut in [
        50,
        99,
        100,
        1000,
        page,
        full.len() / 2,
        full.len() - page,
        full.len() - 1,
    ] {
        cases.push(Case {
            name: "afkortet",
            path: write(dir, &format!("afkortet-{cut}.sqlite"), &full[..cut]),
            expect: Expect::Refused(|e| {
                matches!(e, StoreError::Truncated(_) | StoreError::NotSqlite(_))
            }),
        });
    }

    // Bit flips: in the b-tree page headers of three pages, and in the file header's page size.
    for p in [1, pages / 2, pages - 1] {
        let mut damaged = full.clone();
        for (i, b) in damaged[p * page..p * page + 64].iter_mut().enumerate() {
            *b ^= 1 << (i % 8);
        }
        cases.push(Case {
            name: "bit-vendte sider",
            path: write(dir, &format!("vendt-side-{p}.sqlite"), &damaged),
            expect: Expect::Refused(|e| matches!(e, StoreError::Corrupt { .. })),
        });
    }
    let mut header = full.clone();
    header[16] ^= 0x01; // page size 4096 → 4352: not a power of two
    cases.push(Case {
        name: "bit-vendt sidestørrelse",
        path: write(dir, "vendt-hoved.sqlite", &header),
        expect: Expect::Refused(|e| {
            matches!(
                e,
                StoreError::NotSqlite(_) | StoreError::Corrupt { .. } | StoreError::Truncated(_)
            )
        }),
    });

    cases.extend([
        Case {
            name: "nyere skemaversion",
            path: altered(dir, "nyere.sqlite", "PRAGMA user_version = 7;"),
            expect: Expect::ReadOnly(|r| {
                matches!(r, ReadOnlyReason::NewerVersion { found: 7, .. })
            }),
        },
        Case {
            name: "ekstra trigger",
            path: altered(
                dir,
                "trigger.sqlite",
                "CREATE TABLE log (x);
                 CREATE TRIGGER spion AFTER UPDATE ON plan BEGIN INSERT INTO log VALUES (1); END;",
            ),
            expect: Expect::ReadOnly(|r| matches!(r, ReadOnlyReason::ForeignObjects(_))),
        },
        Case {
            name: "ekstra view",
            path: altered(
                dir,
                "view.sqlite",
                "CREATE VIEW udsigt AS SELECT * FROM plan;",
            ),
            expect: Expect::ReadOnly(|r| matches!(r, ReadOnlyReason::ForeignObjects(_))),
        },
        Case {
            name: "ændret tabeldefinition",
            path: altered(
                dir,
                "aendret.sqlite",
                "ALTER TABLE goal ADD COLUMN hemmelig TEXT;",
            ),
            expect: Expect::Refused(|e| matches!(e, StoreError::ModifiedSchema { .. })),
        },
        Case {
            name: "manglende tabel",
            path: altered(dir, "uden-tabel.sqlite", "DROP TABLE follow_up;"),
            expect: Expect::Refused(|e| matches!(e, StoreError::ModifiedSchema { .. })),
        },
        Case {
            name: "WAL-tilstand sat af et andet program",
            path: altered(dir, "wal.sqlite", "PRAGMA journal_mode = WAL;"),
            expect: Expect::Opens,
        },
        Case {
            name: "ugyldig UTF-8 i en titel",
            path: altered(
                dir,
                "utf8.sqlite",
                "UPDATE plan SET title = CAST(x'C3A6FF41' AS TEXT);",
            ),
            expect: Expect::OpensButPlanRefused,
        },
        Case {
            name: "tekst i et talfelt",
            path: altered(
                dir,
                "type.sqlite",
                "UPDATE plan SET period_start = 'to tusind';",
            ),
            expect: Expect::OpensButPlanRefused,
        },
        Case {
            name: "ukendt status",
            path: altered(dir, "status.sqlite", "UPDATE goal SET status = 'måske';"),
            expect: Expect::OpensButPlanRefused,
        },
        Case {
            name: "ugyldig dato",
            path: altered(
                dir,
                "dato.sqlite",
                "UPDATE follow_up SET date = '2012-13-45';",
            ),
            expect: Expect::OpensButPlanRefused,
        },
        // Schema 2's parts, changed by another program.
        Case {
            name: "ændret tabel fra skemaversion 2",
            path: altered(
                dir,
                "aendret-v2.sqlite",
                "ALTER TABLE indicator ADD COLUMN hemmelig TEXT;",
            ),
            expect: Expect::Refused(|e| matches!(e, StoreError::ModifiedSchema { .. })),
        },
        Case {
            name: "filens identitet fjernet",
            path: altered(dir, "uden-id.sqlite", "DROP TABLE file_identity;"),
            expect: Expect::Refused(|e| matches!(e, StoreError::ModifiedSchema { .. })),
        },
        Case {
            name: "ikke et tal i et målepunkt",
            path: altered(
                dir,
                "maaletal.sqlite",
                "INSERT INTO indicator (goal_id, position, name, baseline_value)
                 VALUES ((SELECT min(id) FROM goal), 0, 'Andel', 'NaN');",
            ),
            expect: Expect::OpensButPlanRefused,
        },
        Case {
            name: "ukendt nummerering",
            path: altered(
                dir,
                "nummerering.sqlite",
                "PRAGMA ignore_check_constraints = ON;
                 UPDATE plan SET numbering_goals = 'ix';",
            ),
            // quick_check checks CHECK constraints: found at the open.
            expect: Expect::Refused(|e| matches!(e, StoreError::Corrupt { .. })),
        },
        // A goal whose tovholder is not in the file: read as it is (the editor and the PDF
        // show the goal; the export below must not panic on the unknown person).
        Case {
            name: "tovholder der ikke findes",
            path: altered(
                dir,
                "tovholder.sqlite",
                "PRAGMA foreign_keys = OFF;
                 UPDATE goal_owner SET person_id = 999 WHERE rowid = (SELECT min(rowid) FROM goal_owner);",
            ),
            expect: Expect::Opens,
        },
        Case {
            name: "enorme tekster (10 MB)",
            path: {
                let path = dir.join("enorm.sqlite");
                let mut doc = small_document();
                let huge = "Lang uddybning med æøå og – tegn. ".repeat(10 * 1024 * 1024 / 36);
                doc.plans[0].focus_areas[0].goals[0].details = huge.clone();
                doc.plans[0].focus_areas[0].description = huge;
                let mut store = Store::open_or_create(&path).unwrap();
                store.import(&doc).unwrap();
                path
            },
            expect: Expect::Opens,
        },
    ]);
    cases
}

#[test]
fn every_hostile_file_gives_a_danish_answer_and_stays_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let cases = corpus(dir.path());
    let files = cases.iter().filter(|c| c.name != "en hel plan-fil").count();
    assert!(files >= 25, "the corpus holds {files} hostile files");
    let mut refused = 0;
    let mut read_only = 0;
    let mut opened = 0;

    for case in &cases {
        let before = std::fs::read(&case.path).ok();
        let label = format!("{} ({})", case.name, case.path.display());
        let result = catch_unwind(AssertUnwindSafe(|| {
            let store = Store::open(&case.path);
            let store = match (&case.expect, store) {
                (Expect::Refused(check), Err(e)) => {
                    assert!(check(&e), "{label}: unexpected error {e:?}");
                    let msg = e.to_string();
                    assert_danish(&msg, &label);
                    assert!(
                        msg.ends_with(&case.path.display().to_string()),
                        "{label}: the message names the file last: {msg}"
                    );
                    return;
                }
                (Expect::Refused(_), Ok(_)) => panic!("{label}: opened, but should not"),
                (_, Err(e)) => panic!("{label}: refused with {e}"),
                (_, Ok(store)) => store,
            };
            match (&case.expect, store.read_only()) {
                (Expect::ReadOnly(check), Some(reason)) => {
                    assert!(check(reason), "{label}: read-only for {reason:?}");
                    assert_danish(&reason.message(), &label);
                }
                (Expect::ReadOnly(_), None) => panic!("{label}: opened for editing"),
                (_, Some(reason)) => panic!("{label}: read-only for {reason:?}"),
                (_, None) => {}
            }
            let plans = store.list_plans();
            let loaded: Vec<_> = match &plans {
                Ok(list) => list.iter().map(|p| store.load_plan(p.id)).collect(),
                Err(_) => Vec::new(),
            };
            let failure = plans.as_ref().err().map(|e| e.to_string()).or_else(|| {
                loaded
                    .iter()
                    .find_map(|r| r.as_ref().err().map(|e| e.to_string()))
            });
            match (&case.expect, failure) {
                (Expect::OpensButPlanRefused, Some(msg)) => assert_danish(&msg, &label),
                (Expect::OpensButPlanRefused, None) => {
                    panic!("{label}: a plan with values virkplan never writes was read")
                }
                (_, Some(msg)) => panic!("{label}: reading failed: {msg}"),
                (_, None) => assert!(!loaded.is_empty(), "{label}: no plans"),
            }
        }));
        assert!(result.is_ok(), "{label}: the store panicked");
        match &case.expect {
            Expect::Refused(_) => refused += 1,
            Expect::ReadOnly(_) => read_only += 1,
            _ => opened += 1,
        }

        // The command line: refused files, and files with a plan that cannot be read, exit 1
        // with one Danish line; the others exit 0.
        let out = Process::new(VIRKPLAN)
            .arg("check")
            .arg(&case.path)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        match &case.expect {
            Expect::Refused(_) | Expect::OpensButPlanRefused => {
                assert_eq!(out.status.code(), Some(1), "{label}: check: {err}");
                assert_eq!(err.trim_end().lines().count(), 1, "{label}: {err}");
                assert_danish(&err, &label);
            }
            _ => {
                assert_eq!(out.status.code(), Some(0), "{label}: check: {err}");
            }
        }
        // Every file that opens exports: JSON and PDF, or one Danish line and exit 1; never
        // a panic (exit 101).
        if matches!(case.expect, Expect::Opens | Expect::ReadOnly(_)) {
            for (what, out_name) in [("export-json", "ud.json"), ("export-pdf", "ud.pdf")] {
                let out_path = dir.path().join(out_name);
                let out = Process::new(VIRKPLAN)
                    .arg(what)
                    .arg(&case.path)
                    .args(["--plan", "1", "-o"])
                    .arg(&out_path)
                    .output()
                    .unwrap();
                let err = String::from_utf8_lossy(&out.stderr);
                match out.status.code() {
                    Some(0) => assert!(out_path.exists(), "{label}: {what} wrote nothing"),
                    Some(1) => {
                        assert_eq!(err.trim_end().lines().count(), 1, "{label}: {err}");
                        assert_danish(&err, &label);
                    }
                    other => panic!("{label}: {what} exited {other:?}: {err}"),
                }
                let _ = std::fs::remove_file(&out_path);
            }
        }
        let after = std::fs::read(&case.path).ok();
        if case.name.starts_with("WAL") {
            // Opened for writing, the file is set back to the rollback journal: one file
            // again. Only the header's journal-mode bytes and change counters may differ.
            assert_wal_set_back(&case.path, before.as_deref(), after.as_deref(), &label);
        } else {
            assert_eq!(after, before, "{label}: the file's bytes changed");
        }
    }
    eprintln!(
        "{} files: {refused} refused, {read_only} read-only, {opened} opened; none changed",
        cases.len()
    );
}

/// The file is in rollback-journal mode with no `-wal` or `-shm` beside it, and its bytes are
/// those of `before` except the header's file-format versions (18–19: 2 = WAL, 1 = rollback
/// journal), change counter (24–27) and version-valid-for number (92–95).
fn assert_wal_set_back(path: &Path, before: Option<&[u8]>, after: Option<&[u8]>, label: &str) {
    let (before, after) = (before.unwrap(), after.unwrap());
    assert_eq!(
        before[18..20],
        [2, 2],
        "{label}: the corpus file was in WAL mode"
    );
    assert_eq!(
        after[18..20],
        [1, 1],
        "{label}: set back to the rollback journal"
    );
    assert_eq!(before.len(), after.len(), "{label}: the length changed");
    let differs: Vec<usize> = (0..before.len())
        .filter(|&i| before[i] != after[i])
        .filter(|i| !(18..20).contains(i) && !(24..28).contains(i) && !(92..96).contains(i))
        .collect();
    assert!(differs.is_empty(), "{label}: bytes changed at {differs:?}");
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        assert!(
            !Path::new(&side).exists(),
            "{label}: {suffix} left beside it"
        );
    }
}

/// The locked file of the corpus: another program holds an exclusive lock. The store waits
/// its timeout, then says so in Danish; the command line does the same with exit code 1.
#[test]
fn a_locked_file_in_the_corpus_says_so_and_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = plan_file(dir.path(), "laast.sqlite");
    let before = bytes(&path);
    let holder = Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE;").unwrap();
    // The command line first, from another process. (The store in this process reads the
    // file's header with its own file handle; closing that handle drops every POSIX lock
    // this process holds on the file, the holder's too: see ARCHITECTURE.md.)
    let out = Process::new(VIRKPLAN)
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("optaget"), "{err}");
    assert_danish(&err, "låst");
    let options = OpenOptions {
        busy_timeout: Duration::from_millis(200),
        ..OpenOptions::default()
    };
    match Store::open_with(&path, &options) {
        Err(e @ StoreError::Locked(_)) => assert_danish(&e.to_string(), "låst"),
        other => panic!("expected Locked, got {other:?}"),
    }
    holder.execute_batch("ROLLBACK;").unwrap();
    drop(holder);
    assert_eq!(bytes(&path), before);
}

/// The read-only file and the file in a read-only folder of the corpus.
#[cfg(unix)]
#[test]
fn read_only_files_in_the_corpus_open_read_only_and_stay_unchanged() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = plan_file(dir.path(), "laest.sqlite");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = bytes(&path);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.read_only(), Some(&ReadOnlyReason::FileReadOnly));
    assert_danish(&store.read_only().unwrap().message(), "skrivebeskyttet");
    drop(store);
    let out = Process::new(VIRKPLAN)
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("skrivebeskyttet"));
    assert_eq!(bytes(&path), before);
}

fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A file another program switched to WAL (issue 17, case 6): opened for writing, it is set
/// back to the rollback journal, and an edit leaves one file, in DELETE mode, whole.
#[test]
fn a_write_after_opening_a_wal_file_leaves_one_file_in_delete_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = plan_file(dir.path(), "wal.sqlite");
    {
        let other = Connection::open(&path).unwrap();
        let mode: String = other
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        other
            .execute_batch("UPDATE plan SET title = 'Skrevet i WAL af et andet program'")
            .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.read_only(), None);
    store.import(&small_document()).unwrap();
    let titles: Vec<String> = store
        .list_plans()
        .unwrap()
        .into_iter()
        .map(|p| p.title)
        .collect();
    drop(store);
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert_eq!(titles[0], "Skrevet i WAL af et andet program");
    for suffix in ["-wal", "-shm", "-journal"] {
        assert!(
            !side_file(&path, suffix).exists(),
            "{suffix} left beside it"
        );
    }
    assert_eq!(
        bytes(&path)[18..20],
        [1, 1],
        "the header says rollback journal"
    );
    // The file alone, copied elsewhere, holds everything.
    let copy_dir = tempfile::tempdir().unwrap();
    let copy = copy_dir.path().join("kopi.sqlite");
    std::fs::copy(&path, &copy).unwrap();
    let conn = Connection::open(&copy).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    let plans: i64 = conn
        .query_row("SELECT count(*) FROM plan", [], |r| r.get(0))
        .unwrap();
    assert_eq!(plans, 2);
}
