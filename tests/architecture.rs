//! The layering rules of ARCHITECTURE.md, checked: only `store` speaks SQL, only `ui` knows
//! egui/eframe/rfd, only `json` knows serde and serde_json, only `report::render` knows printpdf and lopdf, only
//! `report::fonts` reads font files (ttf-parser).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// (crate or word, the only place under src/ allowed to use it)
const RULES: &[(&str, &str)] = &[
    ("rusqlite", "src/store"),
    ("egui", "src/ui"),
    ("eframe", "src/ui"),
    ("rfd", "src/ui"),
    ("serde", "src/json"),
    ("serde_json", "src/json"),
    ("serde_path_to_error", "src/json"),
    ("printpdf", "src/report/render"),
    ("lopdf", "src/report/render"),
    ("flate2", "src/report/render"),
    ("ttf_parser", "src/report/fonts.rs"),
];

#[test]
fn each_dependency_is_used_in_its_one_place() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let mut violations = Vec::new();
    for file in &files {
        let rel = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(file).unwrap();
        for (name, home) in RULES {
            if rel.starts_with(home) {
                continue;
            }
            let used = text.lines().any(|l| {
                let l = l.trim_start();
                !l.starts_with("//")
                    && (l.contains(&format!("use {name}::"))
                        || l.contains(&format!("use {name};"))
                        || l.contains(&format!("{name}::")) && !l.contains(&format!("_{name}::")))
            });
            if used {
                violations.push(format!("{rel} uses {name} (only {home} may)"));
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn no_sql_outside_the_store() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    for file in files {
        let rel = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.starts_with("src/store") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for word in [
            "SELECT ",
            "INSERT INTO",
            "UPDATE ",
            "DELETE FROM",
            "PRAGMA ",
        ] {
            assert!(!text.contains(word), "{rel} contains SQL ({word:?})");
        }
    }
}
