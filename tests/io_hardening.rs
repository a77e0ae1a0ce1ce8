//! Issue 17, cases 2, 4, 5 and 8: what the program reads (only a regular file, at most 256 MB),
//! how it writes an output (through a symlink, keeping the mode, never over a device), deep
//! folders, stdout that is closed or full, control characters on the terminal, and `extra`
//! kept exactly. Through the real binary where a user would meet it, and through the
//! functions the editor calls.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_virkplan");

#[allow(dead_code)]
fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run virkplan")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Runs an import that must be refused; checks exit 1, nothing on stdout and no plan file.
/// A process that is still running after a minute is killed and the test fails: before the
/// fix, a named pipe made the import wait for ever and `/dev/zero` filled the memory.
fn refused_import(from: &Path) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ny.sqlite");
    let mut child = Command::new(BIN)
        .args(["import-json", p(&file), "--from", p(from)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut waited = 0;
    while child.try_wait().unwrap().is_none() {
        if waited > 600 {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("the import of {} did not end", from.display());
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        waited += 1;
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "nothing on stdout");
    assert!(!file.exists(), "no plan file is created");
    let message = stderr(&out);
    assert!(
        message.trim_end().ends_with(p(from)),
        "path last: {message}"
    );
    message
}

#[test]
fn import_refuses_a_device_before_reading_it() {
    let message = refused_import(Path::new("/dev/zero"));
    assert!(
        message.contains("ikke en almindelig fil, men en enhed"),
        "{message}"
    );
}

#[test]
fn import_refuses_a_named_pipe_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("rør.json");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let message = refused_import(&fifo);
    assert!(message.contains("en navngiven pipe"), "{message}");
}

#[test]
fn import_refuses_a_file_over_256_mb_naming_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("stor.log");
    // Sparse: 300 MB that cost no disk.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(300 * 1024 * 1024)
        .unwrap();
    let message = refused_import(&big);
    assert!(
        message.contains("Filen er for stor (300 MB; højst 256 MB)"),
        "{message}"
    );
}

#[test]
fn the_editors_json_import_refuses_a_big_file_too() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("stor.log");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(1_300_000_000)
        .unwrap();
    // `transfer::read_json` is what the editor's "Importér JSON…" reads with.
    let message = virkplan::transfer::read_json(&big).unwrap_err();
    assert!(
        message.contains("for stor (1,2 GB; højst 256 MB)"),
        "{message}"
    );
    let folder = virkplan::transfer::read_json(dir.path()).unwrap_err();
    assert!(folder.starts_with("Stien er en mappe"), "{folder}");
}

#[test]
fn the_read_stops_at_the_limit_even_when_the_size_is_wrong() {
    // Files in /proc say they are empty and are not: only the bounded reader stops them.
    let status = Path::new("/proc/self/status");
    assert_eq!(std::fs::metadata(status).unwrap().len(), 0);
    let e = virkplan::files::read_input(status, 16).unwrap_err();
    assert!(
        matches!(e, virkplan::files::InputError::TooLarge { size: None, .. }),
        "{e:?}"
    );
    assert!(e.to_string().contains("voksede"), "{e}");
    let whole = virkplan::files::read_input(status, 1 << 20).unwrap();
    assert!(whole.starts_with(b"Name:"));
}
