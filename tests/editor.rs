//! The editor driven as a user drives it, headless (egui_kittest, no GPU, no display): widgets
//! are found by the Danish labels a user reads, and what the editor saved is read back from
//! the file.

mod common;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use virkplan::document::Document;
use virkplan::model::{Plan, PlanId};
use virkplan::ui::App;

/// A new plan file holding the small test plan; returns the folder (keep it alive), the
/// file and the plan's id.
fn plan_file() -> (tempfile::TempDir, PathBuf, PlanId) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.sqlite");
    let mut doc = Document::open_or_create(&path).unwrap();
    let ids = doc.import(&common::small_document()).unwrap();
    (dir, path, ids[0])
}

fn editor(path: &Path) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size([1300.0, 900.0])
        .build_ui_state(|ui, app: &mut App| app.show(ui), App::open(path));
    harness.run();
    harness
}

/// Clicks the button with this label (a screen's heading may read the same).
fn click(harness: &mut Harness<'_, App>, label: &str) {
    harness.get_by_role_and_label(Role::Button, label).click();
    harness.run();
}

fn saved_plan(harness: &Harness<'_, App>, id: PlanId) -> Plan {
    harness
        .state()
        .document()
        .unwrap()
        .store()
        .load_plan(id)
        .unwrap()
}

/// Selects everything in the field with this label and types `text` over it.
fn type_over(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

#[test]
fn a_title_typed_on_the_cover_is_saved_and_undone_from_the_menu() {
    let (_dir, path, id) = plan_file();
    let mut harness = editor(&path);
    let original = saved_plan(&harness, id).title;

    click(&mut harness, "Forside");
    type_over(&mut harness, "Titel", "Virksomhedsplan 2014");
    assert_eq!(saved_plan(&harness, id).title, "Virksomhedsplan 2014");
    assert!(
        harness
            .state()
            .status_text()
            .is_some_and(|s| s.starts_with("Gemt ")),
        "{:?}",
        harness.state().status_text()
    );

    click(&mut harness, "Rediger");
    harness.get_by_label_contains("Fortryd").click();
    harness.run();
    assert_eq!(saved_plan(&harness, id).title, original);

    // Gentag with the keyboard brings it back; the field shows it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(saved_plan(&harness, id).title, "Virksomhedsplan 2014");
    assert_eq!(
        harness.get_by_label("Titel").value().as_deref(),
        Some("Virksomhedsplan 2014")
    );
}

#[test]
fn a_new_goal_is_saved_and_found_after_reopening_the_file() {
    let (_dir, path, id) = plan_file();
    let mut harness = editor(&path);
    let before = saved_plan(&harness, id).focus_areas[0].goals.len();

    click(&mut harness, "1. Sundhed og forebyggelse");
    click(&mut harness, "Tilføj mål");
    assert_eq!(
        saved_plan(&harness, id).focus_areas[0].goals.len(),
        before + 1
    );
    type_over(&mut harness, "Mål", "Flere borgere bruger sundhedscentret");
    type_over(&mut harness, "Dokumentation", "Årlig optælling");
    drop(harness);

    let harness = editor(&path);
    let plan = saved_plan(&harness, id);
    let goals = &plan.focus_areas[0].goals;
    assert_eq!(goals.len(), before + 1);
    let new = goals
        .iter()
        .find(|g| g.text == "Flere borgere bruger sundhedscentret")
        .unwrap();
    assert_eq!(new.documentation, "Årlig optælling");
}

#[test]
fn a_deadline_that_cannot_be_read_is_shown_in_red_and_not_saved() {
    let (_dir, path, id) = plan_file();
    let mut harness = editor(&path);
    click(&mut harness, "1. Sundhed og forebyggelse");
    let deadline = saved_plan(&harness, id).focus_areas[0].goals[0].deadline;

    type_over(&mut harness, "Frist", "snart");
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(
        saved_plan(&harness, id).focus_areas[0].goals[0].deadline,
        deadline
    );
    let refusal = |n: &egui_kittest::kittest::AccessKitNode<'_>| {
        n.value()
            .is_some_and(|v| v.contains("Datoen kan ikke læses"))
    };
    assert!(harness.query_all_by(refusal).next().is_some());

    type_over(&mut harness, "Frist", "30.6.2014");
    harness.key_press(Key::Enter);
    harness.run();
    let saved = saved_plan(&harness, id).focus_areas[0].goals[0].deadline;
    assert_eq!(saved.map(|d| d.to_string()).as_deref(), Some("2014-06-30"));
}
