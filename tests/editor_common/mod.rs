//! What the editor's kittest flows share: a plan file with the small test plan, the harness
//! at two screen sizes, and the user's gestures (click, pick from a list, type over a field,
//! wait) found by the Danish labels a user reads.
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

use crate::common;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::{Path, PathBuf};
use virkplan::document::Document;
use virkplan::model::{Plan, PlanId};
use virkplan::ui::App;

/// A new plan file holding the small test plan; returns the folder (keep it alive), the
/// file and the plan's id.
pub fn plan_file() -> (tempfile::TempDir, PathBuf, PlanId) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.sqlite");
    let mut doc = Document::open_or_create(&path).unwrap();
    let ids = doc.import(&common::small_document()).unwrap();
    (dir, path, ids[0])
}

pub fn harness(app: App) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size([1300.0, 900.0])
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    harness.run();
    harness
}

pub fn editor(path: &Path) -> Harness<'static, App> {
    harness(App::open(path))
}

/// An editor on a screen `height` points tall (the version-2 flows use 4,000: a goal with
/// målepunkter, their charts, delmål and follow-ups is long, and a kittest harness does not
/// scroll).
pub fn editor_of_height(path: &Path, height: f32) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size([1300.0, height])
        .build_ui_state(|ui, app: &mut App| app.show(ui), App::open(path));
    harness.run();
    harness
}

/// An editor on a tall screen: the follow-ups under a goal with its målepunkter and delmål
/// lie below a 900-point window, and a drop-down list opens only where it can be seen.
pub fn tall_editor(path: &Path) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size([1300.0, 1600.0])
        .build_ui_state(|ui, app: &mut App| app.show(ui), App::open(path));
    harness.run();
    harness
}

/// Clicks the (first) button with this label (a screen's heading may read the same).
pub fn click(harness: &mut Harness<'_, App>, label: &str) {
    harness
        .get_all_by_role_and_label(Role::Button, label)
        .next()
        .unwrap_or_else(|| panic!("no button {label:?}"))
        .click();
    harness.run();
}

/// Opens a menu of the menu bar and clicks an item.
pub fn menu(harness: &mut Harness<'_, App>, menu: &str, item: &str) {
    click(harness, menu);
    harness.get_by_label_contains(item).click();
    harness.run();
}

/// Opens the drop-down list labelled `list` and picks `option` in it (the same words may be
/// elsewhere on the screen: the entry that appeared with the list is the one clicked).
pub fn pick(harness: &mut Harness<'_, App>, list: &str, option: &str) {
    let before: Vec<_> = harness
        .query_all_by_label(option)
        .map(|n| n.accesskit_node().id())
        .collect();
    harness.get_by_label(list).click();
    harness.run();
    harness
        .get_all_by_label(option)
        .find(|n| !before.contains(&n.accesskit_node().id()))
        .unwrap_or_else(|| panic!("{option:?} is not in the list {list:?}"))
        .click();
    harness.run();
}

/// Lets time pass (kittest's clock moves a quarter second per step), so that typed text is
/// saved and the file is looked at for changes by others.
pub fn wait(harness: &mut Harness<'_, App>, seconds: f32) {
    let steps = (seconds / 0.25).ceil() as usize;
    harness.run_steps(steps);
    harness.run();
}

pub fn saved_plan(harness: &Harness<'_, App>, id: PlanId) -> Plan {
    harness.state().document().unwrap().load_plan(id).unwrap()
}

pub fn shown_plan(harness: &Harness<'_, App>) -> Plan {
    harness.state().plan().cloned().expect("a plan is shown")
}

/// Selects everything in the `n`th field with this label and types `text` over it.
pub fn type_over_nth(harness: &mut Harness<'_, App>, label: &str, n: usize, text: &str) {
    harness
        .get_all_by_label(label)
        .nth(n)
        .unwrap_or_else(|| panic!("no field {label:?} #{n}"))
        .focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness
        .get_all_by_label(label)
        .nth(n)
        .unwrap()
        .type_text(text);
    harness.run();
}

pub fn type_over(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    type_over_nth(harness, label, 0, text);
}

/// Types into a field that is saved when complete, then presses Enter.
pub fn enter(harness: &mut Harness<'_, App>, label: &str, n: usize, text: &str) {
    type_over_nth(harness, label, n, text);
    harness.key_press(Key::Enter);
    harness.run();
}

pub fn value_of(harness: &Harness<'_, App>, label: &str, n: usize) -> Option<String> {
    harness
        .get_all_by_label(label)
        .nth(n)
        .and_then(|n| n.value())
}

pub fn shows_text(harness: &Harness<'_, App>, text: &str) -> bool {
    harness
        .query_all_by(|n: &egui_kittest::kittest::AccessKitNode<'_>| {
            n.value().is_some_and(|v| v.contains(text))
                || n.label().is_some_and(|v| v.contains(text))
        })
        .next()
        .is_some()
}
