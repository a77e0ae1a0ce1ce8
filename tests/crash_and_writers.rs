//! Crash safety and two writers, with real processes (the `virkplan-stress` binary): a child
//! killed with SIGKILL in the middle of many writes leaves a sound file that holds only whole
//! edits; two processes writing one file lose nothing and corrupt nothing. The long versions
//! run in the stress binary (README, "Pålidelighed").
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const STRESS: &str = env!("CARGO_BIN_EXE_virkplan-stress");

fn verify(path: &std::path::Path) -> usize {
    let conn = rusqlite::Connection::open(path).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(conn);
    let out = Command::new(STRESS)
        .arg("verify")
        .arg(path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "verify failed: {} {}",
        stdout,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout.trim().trim_start_matches("ok ").parse().unwrap()
}

/// Creates the file with one plan, written by the stress writer, so that later writers do not
/// race to create it.
fn create_with_one_plan(path: &std::path::Path) {
    let status = Command::new(STRESS)
        .arg("write")
        .arg(path)
        .args(["--tag", "init", "--count", "1"])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn sigkill_in_the_middle_of_writes_leaves_whole_edits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.sqlite");
    let mut committed_total = 0;
    for cycle in 0..12u64 {
        let mut child = Command::new(STRESS)
            .arg("write")
            .arg(&path)
            .args(["--tag", &format!("c{cycle}")])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        // Let it commit a varying number of edits, then kill it wherever it is.
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut committed = Vec::new();
        let wanted = 1 + (cycle * 7) % 5;
        for line in lines.by_ref() {
            let line = line.unwrap();
            if let Some(id) = line.strip_prefix("committed ")
                && !id.starts_with("edit")
            {
                committed.push(id.to_string());
            }
            if committed.len() as u64 >= wanted {
                break;
            }
        }
        std::thread::sleep(Duration::from_micros(500 * (cycle % 7)));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let plans = verify(&path);
        committed_total += committed.len();
        assert!(
            plans >= committed_total,
            "cycle {cycle}: {plans} plans, but {committed_total} were reported committed"
        );
    }
}

#[test]
fn two_writers_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.sqlite");
    create_with_one_plan(&path);
    let started = Instant::now();
    let spawn = |tag: &str| {
        Command::new(STRESS)
            .arg("write")
            .arg(&path)
            .args(["--tag", tag, "--count", "40"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let a = spawn("a");
    let b = spawn("b");
    let mut ids = Vec::new();
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "writer failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let committed: Vec<String> = stdout
            .lines()
            .filter_map(|l| l.strip_prefix("committed "))
            .filter(|l| !l.starts_with("edit"))
            .map(str::to_string)
            .collect();
        assert_eq!(committed.len(), 40);
        ids.extend(committed);
    }
    assert!(started.elapsed() < Duration::from_secs(60), "no hang");
    assert_eq!(verify(&path), 81, "every committed plan is in the file");
    let store = virkplan::store::Store::open(&path).unwrap();
    let in_file: Vec<String> = store
        .list_plans()
        .unwrap()
        .iter()
        .map(|p| p.id.to_string())
        .collect();
    for id in ids {
        assert!(
            in_file.contains(&id),
            "plan {id} was reported committed but is lost"
        );
    }
}

/// "Gem en kopi som" while another process writes: the copy (SQLite's backup API) opens, passes
/// the full check and holds only whole edits, every time.
#[test]
fn a_copy_taken_while_another_process_writes_opens_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.sqlite");
    create_with_one_plan(&path);
    let mut writer = Command::new(STRESS)
        .arg("write")
        .arg(&path)
        .args(["--tag", "w", "--count", "0"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let store = virkplan::store::Store::open(&path).unwrap();
    let mut sizes = Vec::new();
    for i in 0..8 {
        std::thread::sleep(Duration::from_millis(40));
        let copy = dir.path().join(format!("kopi {i}.sqlite"));
        // The copy waits for the writer's edit in flight, as an edit would; it never fails
        // because someone is writing.
        if let Err(e) = store.backup_to(&copy) {
            panic!("copy {i}: {e}");
        }
        sizes.push(verify(&copy));
    }
    writer.kill().unwrap();
    writer.wait().unwrap();
    assert!(sizes.windows(2).all(|w| w[0] <= w[1]), "{sizes:?}");
    assert!(
        sizes.last() > sizes.first(),
        "the writer wrote during the copies: {sizes:?}"
    );
}

fn new_file_temporaries(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".virkplan-ny-")
        })
        .collect();
    found.sort();
    found
}

fn make_old(path: &std::path::Path) {
    let an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(an_hour_ago)
        .unwrap();
}

/// Issue 16: writers killed while they create a new file leave `.virkplan-ny-*.sqlite` (and
/// its journal) beside it. The next open in that folder removes the stale ones silently, and
/// leaves a fresh one alone.
#[cfg(unix)]
#[test]
fn killed_creators_leave_temporaries_that_the_next_open_removes() {
    let dir = tempfile::tempdir().unwrap();
    // Kill writers while they create their file, at varying moments, until some temporaries
    // are left (about one kill in five leaves one).
    let mut cycle = 0u64;
    while new_file_temporaries(dir.path()).len() < 3 {
        assert!(cycle < 400, "no temporary was left in {cycle} kills");
        let mut child = Command::new(STRESS)
            .arg("write")
            .arg(dir.path().join(format!("ny {cycle}.sqlite")))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(300 * (cycle % 40)));
        child.kill().unwrap();
        child.wait().unwrap();
        cycle += 1;
    }
    let stale = new_file_temporaries(dir.path());
    for path in &stale {
        make_old(path);
    }
    // A fresh one: another virkplan may be creating a file right now.
    let fresh = dir.path().join(".virkplan-ny-frisk.sqlite");
    std::fs::copy(&stale[0], &fresh).unwrap();

    let plan = dir.path().join("plan.sqlite");
    create_with_one_plan(&plan);
    let left = new_file_temporaries(dir.path());
    assert_eq!(
        left,
        vec![fresh],
        "the stale temporaries and their journals are gone, the fresh one stays"
    );
    verify(&plan);
}
