#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test
//! Versions in the editor (issue 20), driven as an officer drives it (egui_kittest, headless):
//! save a version through "Gem version…", change a goal, open the version (a banner on every
//! screen, the old text, nothing editable), back to the plan; approving saves a version of
//! kind Approval in the same undo step as the approval; reopening as a draft keeps it;
//! deleting a version asks twice and is undone; a version's PDF and "Gendan som ny plan".
//! What the editor saved is read back from the file.

mod common;
mod editor_common;

use editor_common::*;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use virkplan::model::{PlanId, PlanState, Version, VersionKind};
use virkplan::recent::RecentFiles;
use virkplan::ui::dialogs::ScriptedDialogs;
use virkplan::ui::{App, Services};

const LABEL: &str = "Til Social- og Sundhedsudvalget 12. marts 2013";
const OLD_GOAL: &str = "Forebyggelsesstrategien bruges";
const NEW_GOAL: &str = "Forebyggelsesstrategien bruges i alle centre";

fn versions(h: &Harness<'_, App>, plan: PlanId) -> Vec<Version> {
    h.state().document().unwrap().versions(plan).unwrap()
}

/// An editor whose file dialogs answer with `answers`, one path each.
fn editor_answering(path: &Path, answers: Vec<PathBuf>) -> Harness<'static, App> {
    harness(App::new(
        Some(path.to_path_buf()),
        Services {
            dialogs: Box::new(ScriptedDialogs::answering(answers)),
            recent: RecentFiles::default(),
        },
    ))
}

/// Fil ▸ Gem version…, the label typed, "Gemt af" as it is prefilled.
fn save_version(h: &mut Harness<'_, App>, label: &str) {
    menu(h, "Fil", "Gem version…");
    type_over(h, "Hvad er versionen til?", label);
    click(h, "Gem versionen");
}

#[test]
fn a_saved_version_is_shown_as_it_was_and_cannot_be_changed() {
    let (_dir, path, id) = plan_file();
    let mut h = editor(&path);

    // "Gem version…": the label is required, "Gemt af" is the computer's user name.
    menu(&mut h, "Fil", "Gem version…");
    assert_eq!(
        value_of(&h, "Gemt af", 0).unwrap_or_default(),
        virkplan::versions::user_name()
    );
    click(&mut h, "Gem versionen");
    assert!(shows_text(&h, "Skriv, hvad versionen er til"));
    assert!(versions(&h, id).is_empty());
    type_over(&mut h, "Hvad er versionen til?", LABEL);
    type_over(&mut h, "Gemt af", "Jytte Jensen");
    click(&mut h, "Gem versionen");
    assert_eq!(h.state().status_text(), Some("Version 1 er gemt"));
    let saved = versions(&h, id);
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].number, 1);
    assert_eq!(saved[0].label, LABEL);
    assert_eq!(saved[0].saved_by, "Jytte Jensen");
    assert_eq!(saved[0].kind, VersionKind::Saved);

    // The plan goes on changing.
    click(&mut h, "Indsatsområder");
    type_over(&mut h, "Mål", NEW_GOAL);
    wait(&mut h, 1.0);
    let goal_text = |h: &Harness<'_, App>| saved_plan(h, id).focus_areas[0].goals[0].text.clone();
    assert_eq!(goal_text(&h), NEW_GOAL);

    // The Versioner screen lists it; Vis shows it on every screen under the banner.
    click(&mut h, "Versioner");
    assert!(shows_text(&h, LABEL));
    assert!(shows_text(&h, "Jytte Jensen"));
    click(&mut h, "Vis version 1");
    let date = virkplan::units::format_date(saved[0].saved_at.date());
    let banner = format!("Version 1 af {date} – kan ikke ændres");
    assert!(shows_text(&h, &banner), "{:?}", h.state().status_text());
    assert!(
        h.state().title().contains("(version 1)"),
        "{}",
        h.state().title()
    );
    assert!(shows_text(&h, "vises nu"));
    click(&mut h, "Indsatsområder");
    assert!(shows_text(&h, &banner));
    assert_eq!(value_of(&h, "Mål", 0).as_deref(), Some(OLD_GOAL));

    // Nothing typed into the version reaches the file or the screen.
    h.get_by_label("Mål").focus();
    h.run();
    h.get_by_label("Mål").type_text("XYZ");
    wait(&mut h, 1.0);
    assert_eq!(goal_text(&h), NEW_GOAL);
    assert_eq!(value_of(&h, "Mål", 0).as_deref(), Some(OLD_GOAL));
    click(&mut h, "Forside");
    assert!(shows_text(&h, &banner));

    // Back to the plan: the text as it is now, editable again.
    click(&mut h, "Tilbage til planen");
    assert!(!shows_text(&h, &banner));
    assert!(!h.state().title().contains("version"));
    click(&mut h, "Indsatsområder");
    assert_eq!(value_of(&h, "Mål", 0).as_deref(), Some(NEW_GOAL));
    type_over(&mut h, "Mål", "Forebyggelse overalt");
    wait(&mut h, 1.0);
    assert_eq!(goal_text(&h), "Forebyggelse overalt");
}

#[test]
fn approving_saves_a_version_and_one_undo_takes_both_back() {
    let (_dir, path, id) = plan_file();
    let mut h = editor(&path);
    click(&mut h, "Godkend planen…");
    type_over(&mut h, "Godkendt den", "12. juni 2012");
    let last = h.get_all_by_label("Godkendt af").count() - 1;
    type_over_nth(&mut h, "Godkendt af", last, "Byrådet");
    click(&mut h, "Godkend");

    assert_eq!(saved_plan(&h, id).state, PlanState::Approved);
    let saved = versions(&h, id);
    assert_eq!(saved.len(), 1, "{:?}", h.state().status_text());
    assert_eq!(saved[0].kind, VersionKind::Approval);
    assert_eq!(saved[0].label, "Godkendt af Byrådet den 12. juni 2012");
    assert_eq!(
        h.state().status_text(),
        Some("Planen er godkendt, og version 1 er gemt")
    );
    // The version holds the plan as approved.
    let frozen = virkplan::versions::load(h.state().document().unwrap(), &saved[0]).unwrap();
    let plan = frozen.plan().unwrap();
    assert_eq!(plan.state, PlanState::Approved);
    assert_eq!(plan.approved_by, "Byrådet");
    click(&mut h, "Versioner");
    assert!(shows_text(&h, "godkendelse"));

    // One undo: neither the approval nor its version.
    menu(&mut h, "Rediger", "Fortryd");
    assert_eq!(saved_plan(&h, id).state, PlanState::Draft);
    assert!(versions(&h, id).is_empty());
    menu(&mut h, "Rediger", "Gentag");
    assert_eq!(saved_plan(&h, id).state, PlanState::Approved);
    assert_eq!(versions(&h, id).len(), 1);

    // Reopening as a draft keeps the version (and says so first).
    click(&mut h, "Forside");
    click(&mut h, "Genåbn som kladde");
    assert!(shows_text(&h, "alle andre versioner bevares"));
    click(&mut h, "Ja, genåbn som kladde");
    assert_eq!(saved_plan(&h, id).state, PlanState::Draft);
    let kept = versions(&h, id);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].kind, VersionKind::Approval);
}

#[test]
fn deleting_a_version_asks_twice_and_can_be_undone() {
    let (_dir, path, id) = plan_file();
    let mut h = editor(&path);
    save_version(&mut h, "Til byrådet");
    save_version(&mut h, "Til udvalget");
    assert_eq!(versions(&h, id).len(), 2);
    click(&mut h, "Versioner");

    // Annullér at the first question.
    click(&mut h, "Slet version 2…");
    assert!(shows_text(&h, "Slet version 2?"));
    click(&mut h, "Annullér");
    assert_eq!(versions(&h, id).len(), 2);

    // Annullér at the second question.
    click(&mut h, "Slet version 2…");
    click(&mut h, "Slet versionen…");
    assert!(shows_text(&h, "Er du helt sikker?"));
    assert_eq!(versions(&h, id).len(), 2);
    click(&mut h, "Annullér");
    assert_eq!(versions(&h, id).len(), 2);

    // Both answered: deleted.
    click(&mut h, "Slet version 2…");
    click(&mut h, "Slet versionen…");
    click(&mut h, "Ja, slet version 2");
    let left = versions(&h, id);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].label, "Til byrådet");
    assert!(!shows_text(&h, "Til udvalget"));

    // Undo brings it back, number and all.
    menu(&mut h, "Rediger", "Fortryd");
    let back = versions(&h, id);
    assert_eq!(back.len(), 2);
    assert_eq!(back[1].number, 2);
    assert_eq!(back[1].label, "Til udvalget");
    assert!(shows_text(&h, "Til udvalget"));
}

#[test]
fn a_version_is_exported_and_restored_as_a_new_plan() {
    let (dir, path, id) = plan_file();
    let pdf = dir.path().join("version.pdf");
    let mut h = editor_answering(&path, vec![pdf.clone()]);
    save_version(&mut h, LABEL);
    click(&mut h, "Indsatsområder");
    type_over(&mut h, "Mål", NEW_GOAL);
    wait(&mut h, 1.0);

    click(&mut h, "Versioner");
    click(&mut h, "Eksportér PDF af version 1…");
    let bytes = std::fs::read(&pdf).expect("the PDF is written");
    assert!(bytes.starts_with(b"%PDF"));
    assert!(
        h.state()
            .status_text()
            .is_some_and(|s| s.contains("PDF'en af version 1 er gemt")),
        "{:?}",
        h.state().status_text()
    );
    click(&mut h, "Luk");

    click(&mut h, "Gendan version 1 som ny plan");
    let plans = h.state().document().unwrap().list_plans().unwrap();
    assert_eq!(plans.len(), 2);
    let shown = shown_plan(&h);
    assert_ne!(shown.id, id);
    assert_eq!(
        shown.title,
        "Virksomhedsplan 2012/2013 (gendannet fra version 1)"
    );
    assert_eq!(shown.state, PlanState::Draft);
    assert_eq!(shown.focus_areas[0].goals[0].text, OLD_GOAL);
    // The plan it came from is as it was.
    assert_eq!(saved_plan(&h, id).focus_areas[0].goals[0].text, NEW_GOAL);
}

#[test]
fn the_changes_since_a_version_are_shown_with_the_words_marked() {
    let (dir, path, id) = plan_file();
    let report = dir.path().join("ændringer.pdf");
    let mut h = editor_answering(&path, vec![report.clone()]);

    // No version yet: the screen says how to get one.
    click(&mut h, "Ændringer siden…");
    assert!(shows_text(&h, "Planen har ingen versioner endnu"));

    save_version(&mut h, "Til byrådet");
    click(&mut h, "Indsatsområder");
    type_over(&mut h, "Mål", NEW_GOAL);
    wait(&mut h, 1.0);
    save_version(&mut h, "Til udvalget");
    click(&mut h, "Indsatsområder");
    type_over(&mut h, "Mål", "Forebyggelse i alle centre");
    wait(&mut h, 1.0);
    assert_eq!(versions(&h, id).len(), 2);

    // By default: since the last version, to the plan now, grouped by focus area.
    click(&mut h, "Ændringer siden…");
    assert!(shows_text(&h, "Version 2: Til udvalget"));
    assert!(shows_text(&h, "Planen, som den er nu"));
    assert!(shows_text(&h, "1. Sundhed og forebyggelse"));
    assert!(
        shows_text(
            &h,
            "Mål 1.1, tekst: [slettet: Forebyggelsesstrategien bruges][tilføjet: Forebyggelse] i alle centre"
        ),
        "the words removed and added since version 2 are marked"
    );

    // Since version 1: both edits, as one change of the text.
    let saved = versions(&h, id);
    let title = |v: &Version| {
        format!(
            "Version {}: {} ({})",
            v.number,
            v.label,
            virkplan::units::format_moment(v.saved_at)
        )
    };
    pick(&mut h, "Ændringer siden", &title(&saved[0]));
    assert!(shows_text(
        &h,
        "Mål 1.1, tekst: [slettet: Forebyggelsesstrategien bruges][tilføjet: Forebyggelse i alle centre]"
    ));

    // From version 1 to version 2: exactly the words added then.
    pick(&mut h, "Til", &title(&saved[1]));
    assert!(
        shows_text(
            &h,
            "Mål 1.1, tekst: Forebyggelsesstrategien bruges [tilføjet: i alle centre]"
        ),
        "the added words are marked"
    );
    assert!(!shows_text(&h, "[tilføjet: Forebyggelse i alle centre]"));
    assert!(shows_text(&h, "Ændringer fra version 1 til version 2"));

    // The same as the report PDF for the byråd.
    click(&mut h, "Eksportér som PDF…");
    assert!(std::fs::read(&report).unwrap().starts_with(b"%PDF"));
    assert!(
        h.state()
            .status_text()
            .is_some_and(|s| s.contains("Rapporten er gemt")),
        "{:?}",
        h.state().status_text()
    );
}

#[test]
fn a_damaged_version_says_why_and_cannot_be_opened_or_printed() {
    let (_dir, path, id) = plan_file();
    let mut doc = virkplan::document::Document::open(&path).unwrap();
    let at = virkplan::model::Moment::new(2013, 3, 12, 14, 5).unwrap();
    let first = virkplan::versions::freeze(&mut doc, id, "Til byrådet", "Bente", at).unwrap();
    virkplan::versions::freeze(&mut doc, id, "Til udvalget", "Bente", at).unwrap();
    drop(doc);
    // Another program changes version 1.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE version SET digest = '0000000000000000000000000000000000000000000000000000000000000000' WHERE id = ?1",
        [first.id.0],
    )
    .unwrap();
    drop(conn);

    let mut h = editor(&path);
    click(&mut h, "Versioner");
    assert!(shows_text(&h, "12. marts 2013 kl. 14.05"));
    let reason = h
        .state()
        .document()
        .unwrap()
        .version_payload(first.id)
        .unwrap_err()
        .to_string();
    assert!(shows_text(&h, &reason), "{reason}");
    // Version 2 can be shown and printed; version 1 cannot, but it can be deleted.
    let button = |label: &str| h.query_all_by_role_and_label(Role::Button, label).count();
    assert_eq!(button("Vis version 2"), 1);
    assert_eq!(button("Udskrift af version 2"), 1);
    assert_eq!(button("Vis version 1"), 0);
    assert_eq!(button("Udskrift af version 1"), 0);
    assert_eq!(button("Eksportér PDF af version 1…"), 0);
    assert_eq!(button("Slet version 1…"), 1);
}

#[test]
fn an_open_version_is_exported_as_it_was_saved() {
    let (dir, path, _id) = plan_file();
    let json = dir.path().join("version.json");
    let pdf = dir.path().join("version.pdf");
    let mut h = editor_answering(&path, vec![json.clone(), pdf.clone()]);
    save_version(&mut h, LABEL);
    click(&mut h, "Indsatsområder");
    type_over(&mut h, "Mål", NEW_GOAL);
    wait(&mut h, 1.0);
    click(&mut h, "Versioner");
    click(&mut h, "Vis version 1");

    menu(&mut h, "Fil", "Eksportér JSON…");
    let text = std::fs::read_to_string(&json).expect("the JSON is written");
    assert!(text.contains(OLD_GOAL), "{text}");
    assert!(!text.contains(NEW_GOAL));
    assert!(
        h.state()
            .status_text()
            .is_some_and(|s| s.contains("Version 1 er eksporteret")),
        "{:?}",
        h.state().status_text()
    );

    // (The Versioner screen has an Eksportér PDF… of its own per version.)
    click(&mut h, "Forside");
    menu(&mut h, "Fil", "Eksportér PDF…");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    assert!(
        h.state()
            .status_text()
            .is_some_and(|s| s.contains("PDF'en af version 1 er gemt"))
    );
}

/// Fortryd while a version is shown undoes the last edit of the plan, and shows the plan it
/// changed: the version on screen never seems to change, and nothing is undone unseen.
#[test]
fn undo_while_a_version_is_shown_goes_back_to_the_plan_it_changes() {
    let (_dir, path, id) = plan_file();
    let mut h = editor(&path);
    save_version(&mut h, LABEL);
    click(&mut h, "Indsatsområder");
    type_over(&mut h, "Mål", NEW_GOAL);
    wait(&mut h, 1.0);
    click(&mut h, "Versioner");
    click(&mut h, "Vis version 1");
    assert!(shows_text(&h, "kan ikke ændres"));

    menu(&mut h, "Rediger", "Fortryd");
    assert!(!shows_text(&h, "kan ikke ændres"));
    assert_eq!(saved_plan(&h, id).focus_areas[0].goals[0].text, OLD_GOAL);
    assert_eq!(versions(&h, id).len(), 1, "the version stays");
    click(&mut h, "Indsatsområder");
    assert_eq!(value_of(&h, "Mål", 0).as_deref(), Some(OLD_GOAL));
}
