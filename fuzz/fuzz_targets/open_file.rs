//! The file opener with arbitrary bytes: whatever is in a file, `Store::open` answers with a
//! store or a `StoreError` and never panics; a file that opens lists and loads its plans
//! without panicking; and opening never changes the file (no migration exists yet, so the
//! opener has no reason to write).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use virkplan::store::Store;

/// One folder per fuzzing process, in RAM where there is a /dev/shm.
fn path() -> &'static Path {
    static PATH: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = PATH.get_or_init(|| {
        let shm = Path::new("/dev/shm");
        let dir = if shm.is_dir() {
            tempfile::tempdir_in(shm)
        } else {
            tempfile::tempdir()
        }
        .expect("temporary folder");
        let path = dir.path().join("plan.sqlite");
        (dir, path)
    });
    path
}

/// Removes the file and anything SQLite may have left beside it.
fn clean(path: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// With `VIRKPLAN_FUZZ_MAKE_SEEDS=<folder>` the target makes its seeds instead of fuzzing
/// (scripts/fuzz.sh does this once): a real plan file, made by the command line's own
/// `import-json` from the reference plan, and truncated copies of it, so the fuzzer starts from
/// real SQLite pages. The names have no `.sqlite`, which .gitignore leaves out.
fn make_seeds(folder: &Path) {
    std::fs::create_dir_all(folder).expect("seed folder");
    let file = folder.join("reference-plan");
    let _ = std::fs::remove_file(&file);
    let reference = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/data/virksomhedsplan-albertslund-sof-2012-2013.json"
    );
    let args = [
        "import-json".into(),
        file.clone().into_os_string(),
        "--from".into(),
        reference.into(),
    ];
    let invocation = virkplan::cli::parse(args).expect("import-json arguments");
    let _ = virkplan::cli::run(&invocation);
    let bytes = std::fs::read(&file).expect("the CLI made the plan file");
    Store::open(&file).expect("the reference plan file opens");
    let page = 4096.min(bytes.len());
    let cuts = [
        ("header", 100),
        ("first-page", page),
        ("half", bytes.len() / 2 / page * page),
        ("one-page-short", bytes.len() - page),
        ("one-byte-short", bytes.len() - 1),
    ];
    for (name, len) in cuts {
        std::fs::write(folder.join(format!("reference-plan-{name}")), &bytes[..len])
            .expect("write a truncated copy");
    }
    std::process::exit(0);
}

fuzz_target!(
    init: {
        if let Some(folder) = std::env::var_os("VIRKPLAN_FUZZ_MAKE_SEEDS") {
            make_seeds(Path::new(&folder));
        }
    },
    |data: &[u8]| {
        let path = path();
        clean(path);
        std::fs::write(path, data).expect("write the input");
        if let Ok(store) = Store::open(path) {
            if let Ok(plans) = store.list_plans() {
                for plan in plans {
                    let _ = store.load_plan(plan.id);
                }
            }
            let _ = store.people();
            if let Ok(doc) = store.load_document(None) {
                // A fuzzed file may hold what the format forbids: an Err is an answer.
                let _ = virkplan::json::write_document(&doc);
            }
            let _ = store.data_version();
        }
        let after = std::fs::read(path).expect("the file is still there");
        assert!(after == data, "opening changed the file");
        clean(path);
    }
);
