//! The JSON importer with arbitrary bytes: `parse_document` must answer every input with a
//! document or an `FormatError`, never a panic. What it accepts must write back
//! (`write_document`) and read again, import into a fresh plan file, and come out of that file
//! as a document that writes and reads again with the same plans.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use virkplan::json::{parse_document, write_document};
use virkplan::store::Store;

/// One folder per fuzzing process, in RAM where there is a /dev/shm (plan files are fsynced).
fn folder() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let shm = std::path::Path::new("/dev/shm");
        if shm.is_dir() {
            tempfile::tempdir_in(shm)
        } else {
            tempfile::tempdir()
        }
        .expect("temporary folder")
    })
}

fn fresh_path() -> PathBuf {
    static N: AtomicU64 = AtomicU64::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    folder().path().join(format!("import-{n}.sqlite"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = parse_document(data) else {
        return;
    };
    // A document the reader accepted is a valid document, so the writer must accept it too,
    // and what it writes must read back (write_document checks that itself, too).
    let text = write_document(&doc).expect("an accepted document writes back");
    let again = parse_document(text.as_bytes()).expect("what was written reads back");
    assert_eq!(again.plans.len(), doc.plans.len());

    let path = fresh_path();
    let mut store = Store::open_or_create(&path).expect("a new plan file");
    // The import may refuse a document (an Err is an answer); it must not panic.
    if let Ok((ids, _undo)) = store.import(&doc) {
        assert_eq!(ids.len(), doc.plans.len());
        let loaded = store.load_document(None).expect("the imported plans load");
        assert_eq!(loaded.plans.len(), doc.plans.len());
        let exported = write_document(&loaded).expect("the imported plans export");
        let back = parse_document(exported.as_bytes()).expect("the export reads back");
        assert_eq!(back.plans.len(), doc.plans.len());
    }
    drop(store);
    let _ = std::fs::remove_file(&path);
});
