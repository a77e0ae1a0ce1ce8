//! Issue 17, cases 2, 4, 5 and 8: what the program reads (only a regular file, at most 256 MB),
//! how it writes an output (through a symlink, keeping the mode, never over a device), deep
//! folders, stdout that is closed or full, control characters on the terminal, and `extra`
//! kept exactly. Through the real binary where a user would meet it, and through the
//! functions the editor calls.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

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
    let message = virkplan::transfer::read_json(&big).unwrap_err().to_string();
    assert!(
        message.contains("for stor (1,2 GB; højst 256 MB)"),
        "{message}"
    );
    let folder = virkplan::transfer::read_json(dir.path())
        .unwrap_err()
        .to_string();
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

// ---- Outputs (case 5) ----

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

/// The mode a new file of this test process gets (0666 without the umask).
#[cfg(unix)]
fn umask_default() -> u32 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let umask = status
        .lines()
        .find_map(|l| l.strip_prefix("Umask:"))
        .map(|v| u32::from_str_radix(v.trim(), 8).unwrap())
        .unwrap();
    0o666 & !umask
}

/// `virkplan ARGS` under the shell with `umask MASK`.
#[cfg(unix)]
fn run_with_umask(mask: &str, args: &[&str]) -> Output {
    let mut script = format!("umask {mask}; exec \"$0\"");
    for i in 1..=args.len() {
        script.push_str(&format!(" \"${i}\""));
    }
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(BIN)
        .args(args)
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn a_new_plan_file_and_a_new_export_get_the_umasks_mode() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fælles.sqlite");
    let out = run_with_umask(
        "002",
        &["import-json", p(&file), "--from", common::REFERENCE_JSON],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&file), 0o664, "a colleague in the group can read it");

    let json = dir.path().join("ud.json");
    let out = run_with_umask("022", &["export-json", p(&file), "-o", p(&json)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&json), 0o644);
}

#[cfg(unix)]
#[test]
fn an_existing_output_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = common::plan_file(dir.path(), "plan.sqlite");
    for (name, args) in [
        ("ud.json", vec!["export-json", p(&file), "-o"]),
        ("ud.pdf", vec!["export-pdf", p(&file), "-o"]),
    ] {
        let out_path = dir.path().join(name);
        std::fs::write(&out_path, b"gammel").unwrap();
        std::fs::set_permissions(&out_path, std::fs::Permissions::from_mode(0o640)).unwrap();
        let mut args = args.clone();
        args.push(p(&out_path));
        let out = run(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(mode(&out_path), 0o640, "{name}");
        assert_ne!(
            std::fs::read(&out_path).unwrap(),
            b"gammel",
            "{name} written"
        );
    }
}

#[cfg(unix)]
#[test]
fn an_output_that_is_a_symlink_is_written_through_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::plan_file(dir.path(), "plan.sqlite");
    let shared = dir.path().join("fælles");
    std::fs::create_dir(&shared).unwrap();
    let target = shared.join("plan.pdf");
    std::fs::write(&target, b"gammel").unwrap();
    let link = dir.path().join("plan.pdf");
    // A relative link, as `ln -s fælles/plan.pdf plan.pdf` makes.
    std::os::unix::fs::symlink("fælles/plan.pdf", &link).unwrap();
    let out = run(&["export-pdf", p(&file), "-o", p(&link)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert!(std::fs::read(&target).unwrap().starts_with(b"%PDF"));

    // A dangling link: the file it names is created, as the shell's `>` does.
    let dangling = dir.path().join("ud.json");
    std::os::unix::fs::symlink(shared.join("ny.json"), &dangling).unwrap();
    let out = run(&["export-json", p(&file), "-o", p(&dangling)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::read(shared.join("ny.json"))
            .unwrap()
            .starts_with(b"{")
    );
    assert!(
        std::fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );

    // Links in a circle: refused in Danish.
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    let out = run(&["export-json", p(&file), "-o", p(&a)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("peger i ring"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn a_hard_linked_output_is_replaced_whole_and_the_other_name_keeps_the_old_file() {
    // The decision (ARCHITECTURE.md, `files`): atomicity over the link. A crash while
    // writing in place would leave half a PDF under both names.
    let dir = tempfile::tempdir().unwrap();
    let file = common::plan_file(dir.path(), "plan.sqlite");
    let out_path = dir.path().join("ud.json");
    let other = dir.path().join("arkiv.json");
    std::fs::write(&out_path, b"gammel").unwrap();
    std::fs::hard_link(&out_path, &other).unwrap();
    let out = run(&["export-json", p(&file), "-o", p(&out_path)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read(&out_path).unwrap().starts_with(b"{"));
    assert_eq!(std::fs::read(&other).unwrap(), b"gammel");
}

#[cfg(unix)]
#[test]
fn a_device_or_a_pipe_named_as_output_is_never_replaced() {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let dir = tempfile::tempdir().unwrap();
    let file = common::plan_file(dir.path(), "plan.sqlite");
    // A named pipe: anyone can make one.
    let fifo = dir.path().join("rør.json");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out = run(&["export-json", p(&file), "-o", p(&fifo)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Stien er en navngiven pipe"),
        "{}",
        stderr(&out)
    );
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );

    // A device: as root, the old code replaced `-o /dev/null` by a file. The test makes its
    // own copy of /dev/null's node (character device 1,3) in its folder, so that a failing
    // build cannot break the machine's /dev/null.
    let root = std::fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false);
    let null = dir.path().join("null");
    let made = root
        && Command::new("mknod")
            .args([p(&null), "c", "1", "3"])
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
    if !made {
        eprintln!("skipped the device: only root can make a device node (and replace one)");
        return;
    }
    for args in [
        vec!["export-json", p(&file), "-o", p(&null)],
        vec!["export-pdf", p(&file), "-o", p(&null)],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("Stien er en enhed, ikke en almindelig fil"),
            "{}",
            stderr(&out)
        );
        let meta = std::fs::symlink_metadata(&null).unwrap();
        assert!(
            meta.file_type().is_char_device(),
            "the node is still the device"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_saved_copy_and_a_migration_backup_get_the_right_mode() {
    use std::os::unix::fs::PermissionsExt;
    use virkplan::store::{OpenOptions, Store, schema::Migrations};
    let dir = tempfile::tempdir().unwrap();
    let file = common::plan_file(dir.path(), "plan.sqlite");
    assert_eq!(mode(&file), umask_default(), "a new plan file");
    let store = virkplan::document::Document::open(&file).unwrap();

    // "Gem en kopi som": a new copy gets the umask's mode, an old one keeps its own, and a
    // link stays a link.
    let copy = dir.path().join("kopi.sqlite");
    virkplan::transfer::save_copy(&store, &copy).unwrap();
    assert_eq!(mode(&copy), umask_default());
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("genvej.sqlite");
    std::os::unix::fs::symlink(&copy, &link).unwrap();
    virkplan::transfer::save_copy(&store, &link).unwrap();
    assert_eq!(mode(&copy), 0o640);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(Store::open(&copy).unwrap().list_plans().unwrap().len() == 1);
    drop(store);

    let mut migrations = Migrations::current();
    let version = migrations.latest();
    migrations
        .steps
        .push("ALTER TABLE person ADD COLUMN phone TEXT NOT NULL DEFAULT '';");
    let next = OpenOptions {
        migrations,
        ..OpenOptions::default()
    };
    Store::open_with(&file, &next).unwrap();
    assert_eq!(
        mode(&dir.path().join(format!("plan.bak-v{version}.sqlite"))),
        umask_default()
    );
}

// ---- Deep folders (case 4) ----

/// A folder inside `root` whose path is at least `length` bytes long (and 36 more at most).
fn deep_folder(root: &Path, length: usize) -> std::path::PathBuf {
    let mut dir = root.to_path_buf();
    let mut i = 0;
    while dir.as_os_str().len() < length {
        dir.push(format!("Fælles dokumenter - afdeling {i:02}"));
        i += 1;
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_path_of_1000_bytes_works_where_it_can_and_says_so_where_sqlite_cannot() {
    let dir = tempfile::tempdir().unwrap();
    let deep = deep_folder(dir.path(), 1000);
    let plan = common::plan_file(dir.path(), "plan.sqlite");

    // Exports and imports through std: they work.
    let json = deep.join("Virksomhedsplan for Sundhed og Omsorg.json");
    assert!(json.as_os_str().len() >= 1000);
    let out = run(&["export-json", p(&plan), "-o", p(&json)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = deep.join("Virksomhedsplan for Sundhed og Omsorg.pdf");
    let out = run(&["export-pdf", p(&plan), "-o", p(&pdf)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let other = dir.path().join("anden.sqlite");
    let out = run(&["import-json", p(&other), "--from", p(&json)]);
    assert!(out.status.success(), "{}", stderr(&out));

    // A plan file there: SQLite's Unix limit (512 bytes) cannot be raised, so the message
    // says that the path is too long, not that access is denied.
    let too_long = |message: &str| {
        assert!(message.contains("stien er for lang: 1.0"), "{message}");
        assert!(message.contains("ca. 500 bytes"), "{message}");
        assert!(!message.contains("adgang"), "{message}");
    };
    let new = deep.join("plan.sqlite");
    let out = run(&["import-json", p(&new), "--from", p(&json)]);
    assert_eq!(out.status.code(), Some(1));
    too_long(&stderr(&out));
    assert!(!new.exists());

    std::fs::copy(&plan, &new).unwrap();
    let out = run(&["list", p(&new)]);
    assert_eq!(out.status.code(), Some(1));
    too_long(&stderr(&out));

    let store = virkplan::document::Document::open(&plan).unwrap();
    let copy = deep.join("kopi.sqlite");
    too_long(
        &virkplan::transfer::save_copy(&store, &copy)
            .unwrap_err()
            .to_string(),
    );
    assert!(!copy.exists());
}

#[test]
fn a_path_just_under_sqlites_limit_is_still_opened() {
    // The check must not refuse what SQLite can open: 430–470 bytes is fine.
    let dir = tempfile::tempdir().unwrap();
    let deep = deep_folder(dir.path(), 420);
    let file = deep.join("plan.sqlite");
    assert!(file.as_os_str().len() > 430 && file.as_os_str().len() < 470);
    let out = run(&["import-json", p(&file), "--from", common::REFERENCE_JSON]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&["list", p(&file)]);
    assert!(out.status.success(), "{}", stderr(&out));
}

// ---- The terminal (case 8) ----

#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("stor.sqlite");
    let out = run(&[
        "demo",
        p(&file),
        "--areas",
        "10",
        "--goals",
        "10",
        "--follow-ups",
        "3",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    // `virkplan export-json stor.sqlite | head -c 100`: more than a pipe holds, read a little.
    let mut child = Command::new(BIN)
        .args(["export-json", p(&file)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "nothing to say: the reader stopped");
}

#[test]
fn a_full_stdout_is_said_in_danish() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::plan_file(dir.path(), "plan.sqlite");
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(BIN)
        .args(["export-json", p(&file)])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(message.contains("(disken er fuld)"), "{message}");
    assert!(!message.contains("os error"), "{message}");
}

#[test]
fn list_and_check_show_control_characters_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.sqlite");
    let mut doc = common::small_document();
    doc.plans[0].title = "Rød\u{1b}[31m plan\tmed\u{9b}2J fane".into();
    let mut store = virkplan::store::Store::open_or_create(&file).unwrap();
    store.import(&doc).unwrap();
    drop(store);
    for command in ["list", "check"] {
        let out = run(&[command, p(&file)]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{9b}'),
            "{text:?}"
        );
        assert!(
            text.contains("Rød\\u{1b}[31m plan\\tmed\\u{9b}2J fane"),
            "{text:?}"
        );
        let line = text.lines().find(|l| l.contains("Rød")).unwrap();
        assert_eq!(line.split('\t').count(), 4, "four columns: {line:?}");
    }
}

// ---- `extra` kept exactly (case 8) ----

#[test]
fn numbers_in_extra_come_back_exactly_through_a_plan_file() {
    let extra = r#"{"sagsnr":123456789012345678901234567890,"andel":0.1000000000000000055511151231257827,"e":1e2,"liste":[-0.0,18446744073709551616]}"#;
    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(common::REFERENCE_JSON).unwrap()).unwrap();
    doc["plans"][0]["extra"] = serde_json::from_str(extra).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("ind.json");
    std::fs::write(&json, doc.to_string()).unwrap();
    let file = dir.path().join("plan.sqlite");
    let out = run(&["import-json", p(&file), "--from", p(&json)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&["export-json", p(&file)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    for number in [
        "123456789012345678901234567890",
        "0.1000000000000000055511151231257827",
        // The same number; serde_json writes an exponent with its sign.
        "1e+2",
        "-0.0",
        "18446744073709551616",
    ] {
        assert!(text.contains(number), "{number} kept exactly");
    }
    assert!(!text.contains("1.2345678901234568e+29"));
}
