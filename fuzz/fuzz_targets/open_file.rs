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

fuzz_target!(|data: &[u8]| {
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
            let _ = virkplan::exchange::write_document(&doc);
        }
        let _ = store.data_version();
    }
    let after = std::fs::read(path).expect("the file is still there");
    assert!(after == data, "opening changed the file");
    clean(path);
});
