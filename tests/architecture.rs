//! The layering rules of ARCHITECTURE.md, checked: only `store` speaks SQL, only `ui` knows
//! egui/eframe/rfd, only `json` knows serde and serde_json, only `report::render` knows printpdf and lopdf, only
//! `report::fonts` reads font files (ttf-parser), only `followup` knows rust_xlsxwriter and
//! calamine.
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

/// The path of `file` below `root`, with '/' on every system ("src/ui/app.rs").
fn relative(root: &Path, file: &Path) -> String {
    file.strip_prefix(root)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
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
    // A version's chunks are deflated and keyed by their SHA-256 (issue 20, schema 4).
    ("flate2", "src/store/chunks.rs"),
    ("fastcdc", "src/store/chunks.rs"),
    ("sha2", "src/store/chunks.rs"),
    // A workbook's answers are fingerprinted (issue 19).
    ("sha2", "src/followup"),
    ("ttf_parser", "src/report/fonts.rs"),
    ("libc", "src/allocator.rs"),
    ("rust_xlsxwriter", "src/followup"),
    ("calamine", "src/followup"),
    // The word diff of "what has changed since" (issue 20).
    ("similar", "src/changes"),
];

#[test]
fn each_dependency_is_used_in_its_one_place() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let mut violations = Vec::new();
    for file in &files {
        let rel = relative(root, file);
        let text = std::fs::read_to_string(file).unwrap();
        for (name, home) in RULES {
            // A crate may have more than one home: each is listed.
            if RULES
                .iter()
                .any(|(other, place)| other == name && rel.starts_with(place))
            {
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
                violations.push(format!(
                    "{rel} uses {name} (only {home} and its other homes may)"
                ));
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
        let rel = relative(root, &file);
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

/// The module path of a file of the library (`src/ui/app.rs` -> `["ui", "app"]`), or `None`
/// for the roots of other crates (`main.rs`, `bin/`), which are not part of the library's graph.
fn module_of(rel: &str) -> Option<Vec<String>> {
    let inner = rel.strip_prefix("src/")?.strip_suffix(".rs")?;
    if inner == "main" || inner.starts_with("bin/") {
        return None;
    }
    if inner == "lib" {
        return Some(Vec::new());
    }
    let mut segments: Vec<String> = inner.split('/').map(str::to_owned).collect();
    if segments.last().is_some_and(|s| s == "mod") {
        segments.pop();
    }
    Some(segments)
}

/// The text with comments, string and character literals blanked out (replaced by spaces), so
/// that a path in a doc comment or a message does not count as an import.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
            out.push(' ');
        } else if c == 'r'
            && (i == 0 || !ident(chars[i - 1]))
            && matches!(next, Some('"') | Some('#'))
        {
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let hashes = j - i - 1;
            j += 1;
            while j < chars.len()
                && !(chars[j] == '"' && (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')))
            {
                j += 1;
            }
            i = j + 1 + hashes;
            out.push(' ');
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push(' ');
        } else if c == '\'' && next == Some('\\') {
            i += 2;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push(' ');
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            i += 3;
            out.push(' ');
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Reads a path or a `use` tree at `i` (`super::fields::{Form, hint}`), returning every path it
/// names (`self` in braces names the prefix) and the position after it.
fn read_tree(chars: &[char], mut i: usize, prefix: &[String]) -> (Vec<Vec<String>>, usize) {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let skip_space = |mut i: usize| {
        while chars.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        i
    };
    let mut path = prefix.to_vec();
    loop {
        i = skip_space(i);
        match chars.get(i) {
            Some('{') => {
                let mut paths = Vec::new();
                i += 1;
                loop {
                    i = skip_space(i);
                    match chars.get(i) {
                        Some('}') => return (paths, i + 1),
                        Some(',') => i += 1,
                        None => return (paths, i),
                        _ => {
                            let (inner, end) = read_tree(chars, i, &path);
                            paths.extend(inner);
                            if end == i {
                                i += 1;
                            } else {
                                i = end;
                            }
                        }
                    }
                }
            }
            Some('*') => return (vec![path], i + 1),
            Some(&c) if ident(c) => {
                let start = i;
                while chars.get(i).is_some_and(|&c| ident(c)) {
                    i += 1;
                }
                let segment: String = chars[start..i].iter().collect();
                if segment != "self" {
                    path.push(segment);
                }
                if chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&':') {
                    i += 2;
                } else {
                    let after = skip_space(i);
                    if chars[after..].starts_with(&['a', 's', ' ']) {
                        i = skip_space(after + 2);
                        while chars.get(i).is_some_and(|&c| ident(c)) {
                            i += 1;
                        }
                    }
                    return (vec![path], i);
                }
            }
            _ => return (vec![path], i),
        }
    }
}

/// Every module path a file names (`use` lines, `crate::`/`super::`/`self::` paths and paths
/// through its child modules), resolved to absolute module paths. Inline modules (`mod tests
/// { use super::*; }`) are followed, so their `super` means the file itself.
fn named_paths(module: &[String], code: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = code.chars().collect();
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let word_at = |i: usize| -> (String, usize) {
        let mut j = i;
        while chars.get(j).is_some_and(|&c| ident(c)) {
            j += 1;
        }
        (chars[i..j].iter().collect(), j)
    };
    // The child modules declared with `mod name;` (their own files).
    let mut children = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if ident(chars[i]) && (i == 0 || !ident(chars[i - 1])) {
            let (word, end) = word_at(i);
            if word == "mod" {
                let mut j = end;
                while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                    j += 1;
                }
                let (name, after) = word_at(j);
                if chars.get(after) == Some(&';') {
                    children.push(name);
                }
            }
            i = end;
        } else {
            i += 1;
        }
    }
    let mut paths = Vec::new();
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' {
            depth += 1;
            i += 1;
            continue;
        }
        if c == '}' {
            depth = depth.saturating_sub(1);
            if inline.last().is_some_and(|(_, d)| *d == depth) {
                inline.pop();
            }
            i += 1;
            continue;
        }
        let starts_word = ident(c)
            && (i == 0 || !(ident(chars[i - 1]) || chars[i - 1] == ':' || chars[i - 1] == '$'));
        if !starts_word {
            i += 1;
            continue;
        }
        let (word, end) = word_at(i);
        let mut current: Vec<String> = module.to_vec();
        current.extend(inline.iter().map(|(name, _)| name.clone()));
        if word == "mod" {
            let mut j = end;
            while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                j += 1;
            }
            let (name, mut after) = word_at(j);
            while chars.get(after).is_some_and(|c| c.is_whitespace()) {
                after += 1;
            }
            if chars.get(after) == Some(&'{') {
                inline.push((name, depth));
                depth += 1;
                i = after + 1;
                continue;
            }
            i = end;
            continue;
        }
        let follows_path = chars.get(end) == Some(&':') && chars.get(end + 1) == Some(&':');
        let is_use = word == "use";
        if !(follows_path || is_use) {
            i = end;
            continue;
        }
        let start = if is_use { end } else { i };
        let (found, after) = read_tree(&chars, start, &[]);
        for path in found {
            let Some(first) = path.first() else { continue };
            let mut base = match first.as_str() {
                "crate" => Vec::new(),
                "super" => {
                    let mut b = current.clone();
                    b.pop();
                    b
                }
                "self" => current.clone(),
                name if inline.is_empty() && children.iter().any(|c| c == name) => {
                    let mut b = current.clone();
                    b.push(name.to_owned());
                    b
                }
                _ => continue,
            };
            let mut rest = path[1..].iter().peekable();
            while rest.peek().is_some_and(|s| *s == "super") {
                base.pop();
                rest.next();
            }
            base.extend(rest.cloned());
            paths.push(base);
        }
        i = after.max(end);
    }
    paths
}

/// The file-level import graph of the library: for each file, the files it names.
fn import_graph() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let mut modules = std::collections::BTreeMap::new();
    let mut texts = Vec::new();
    for file in &files {
        let rel = relative(root, file);
        if let Some(module) = module_of(&rel) {
            modules.insert(module.clone(), rel.clone());
            texts.push((rel, module, std::fs::read_to_string(file).unwrap()));
        }
    }
    let mut graph = std::collections::BTreeMap::new();
    for (rel, module, text) in texts {
        let mut targets = std::collections::BTreeSet::new();
        for path in named_paths(&module, &code_only(&text)) {
            // The longest prefix that is a file's module: `crate::ui::fields::Form` is fields.rs.
            let target = (0..=path.len()).rev().find_map(|n| modules.get(&path[..n]));
            if let Some(target) = target.filter(|t| **t != rel) {
                targets.insert(target.clone());
            }
        }
        graph.insert(rel, targets);
    }
    graph
}

/// The groups of files that import each other in a circle (strongly connected components with
/// more than one file), each as one circle through them.
fn circles(
    graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
) -> Vec<Vec<String>> {
    let reach = |from: &String| {
        let mut seen = std::collections::BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(node) = stack.pop() {
            for next in graph.get(&node).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let reachable: std::collections::BTreeMap<&String, _> =
        graph.keys().map(|k| (k, reach(k))).collect();
    let mut done = std::collections::BTreeSet::new();
    let mut found = Vec::new();
    for node in graph.keys() {
        if done.contains(node) || !reachable[node].contains(node) {
            continue;
        }
        let group: std::collections::BTreeSet<&String> = graph
            .keys()
            .filter(|other| reachable[node].contains(*other) && reachable[*other].contains(node))
            .collect();
        done.extend(group.iter().map(|s| (*s).clone()));
        // One concrete circle through `node`, by breadth-first search inside the group.
        let mut back: std::collections::BTreeMap<&String, &String> = Default::default();
        let mut queue = std::collections::VecDeque::from([node]);
        'search: while let Some(at) = queue.pop_front() {
            for next in graph.get(at).into_iter().flatten() {
                if !group.contains(next) || back.contains_key(next) {
                    continue;
                }
                back.insert(next, at);
                if next == node {
                    break 'search;
                }
                queue.push_back(next);
            }
        }
        let mut circle = vec![node.clone()];
        let mut at = back[node];
        while at != node {
            circle.push(at.clone());
            at = back[at];
        }
        circle.push(node.clone());
        circle.reverse();
        found.push(circle);
    }
    found
}

#[test]
fn no_two_files_import_each_other_in_a_circle() {
    let graph = import_graph();
    let found = circles(&graph);
    assert!(
        found.is_empty(),
        "files of src/ that import each other in a circle:\n{}",
        found
            .iter()
            .map(|c| c.join(" -> "))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_import_graph_sees_use_lines_paths_and_child_modules() {
    let graph = import_graph();
    let imports = |from: &str, to: &str| graph[from].contains(to);
    // `use super::{budget, ...}`, `use super::fields::{Drafts, Form}`, `super::follow_up::Board`.
    assert!(imports("src/ui/app.rs", "src/ui/budget.rs"));
    assert!(imports("src/ui/app.rs", "src/ui/fields.rs"));
    assert!(imports("src/ui/app.rs", "src/ui/follow_up.rs"));
    // `use crate::model::{...}` and `crate::units::format_date(..)` inside a function.
    assert!(imports("src/ui/app.rs", "src/model/mod.rs"));
    assert!(imports("src/ui/search.rs", "src/units.rs"));
    // A `mod.rs` naming its child: `pub use app::{App, Services}`.
    assert!(imports("src/ui/mod.rs", "src/ui/app.rs"));
    // A test module's `use super::*` is the file itself, not its parent.
    assert!(!imports("src/ui/search.rs", "src/ui/mod.rs"));
    // A circle is found when there is one.
    let mut circular = graph.clone();
    circular
        .entry("src/ui/theme.rs".to_owned())
        .or_default()
        .insert("src/ui/app.rs".to_owned());
    assert!(
        circles(&circular)
            .iter()
            .any(|c| c.contains(&"src/ui/theme.rs".to_owned()))
    );
}

/// The layers above the document reach a plan file only through `document` and `transfer`
/// (issue 16, "one door"): none of them imports a file of `src/store/`.
#[test]
fn the_layers_above_the_document_never_name_the_store() {
    let graph = import_graph();
    let layers = ["src/ui/", "src/cli.rs", "src/report/", "src/json/"];
    let violations: Vec<String> = graph
        .iter()
        .filter(|(file, _)| layers.iter().any(|l| file.starts_with(l)))
        .flat_map(|(file, targets)| {
            targets
                .iter()
                .filter(|t| t.starts_with("src/store/"))
                .map(move |t| format!("{file} imports {t} (only document and transfer may)"))
        })
        .collect();
    assert!(violations.is_empty(), "{}", violations.join("\n"));
    // The rule is not empty: the document does reach the store this way.
    assert!(
        graph["src/document.rs"]
            .iter()
            .any(|t| t.starts_with("src/store/"))
    );
}
