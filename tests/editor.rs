//! The editor driven as a user drives it, headless (egui_kittest, no GPU, no display): widgets
//! are found by the Danish labels a user reads, and what the editor saved is read back from
//! the file.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

mod common;
mod editor_common;

use editor_common::*;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::{Path, PathBuf};
use virkplan::document::Document;
use virkplan::model::{Command, PlanField, PlanState};
use virkplan::recent::RecentFiles;
use virkplan::store::Store;
use virkplan::ui::dialogs::ScriptedDialogs;
use virkplan::ui::{App, Services};

/// An editor whose file dialogs answer with `answers`, in order.
fn editor_answering(path: Option<&Path>, answers: Vec<PathBuf>) -> Harness<'static, App> {
    harness(App::new(
        path.map(Path::to_path_buf),
        Services {
            dialogs: Box::new(ScriptedDialogs::answering(answers)),
            recent: RecentFiles::default(),
        },
    ))
}

#[test]
fn a_whole_plan_written_from_scratch_is_found_again_after_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ny plan.sqlite");
    drop(Document::open_or_create(&path).unwrap());
    let mut h = editor(&path);
    assert!(shows_text(&h, "Filen har endnu ingen planer."));

    // The form for a new plan.
    click(&mut h, "Ny plan…");
    type_over(&mut h, "Planens titel", "Virksomhedsplan 2014–2015");
    type_over(
        &mut h,
        "Forvaltning/afdeling",
        "Sundheds- og Socialforvaltningen",
    );
    type_over(&mut h, "Kommune", "Albertslund Kommune");
    type_over(&mut h, "Periode fra", "2014");
    type_over(&mut h, "Periode til", "2015");
    click(&mut h, "Opret plan");
    let id = shown_plan(&h).id;

    // Forside.
    type_over(&mut h, "Journalnummer", "00.01.00-P00-1-14");
    wait(&mut h, 1.0);

    // Indledning: a section with a multi-line body.
    click(&mut h, "Indledning");
    click(&mut h, "Tilføj afsnit");
    type_over(&mut h, "Overskrift", "Forord");
    type_over(
        &mut h,
        "Tekst",
        "Planen bygger på byrådets visioner.\n- Sundhed\n- Trivsel",
    );
    wait(&mut h, 1.0);

    // Budget: a row in Danish figures; the result is computed.
    click(&mut h, "Budget");
    click(&mut h, "Tilføj budgetlinje");
    enter(&mut h, "Område", 0, "Ældrepleje");
    enter(&mut h, "Udgifter", 0, "102.560.000");
    enter(&mut h, "Indtægter", 0, "-21.742.000");
    assert!(shows_text(&h, "80.818.000"), "samlet resultat shown");

    // Two focus areas.
    click(&mut h, "Indsatsområder");
    click(&mut h, "Tilføj indsatsområde");
    type_over(&mut h, "Titel", "Sundhed og forebyggelse");
    wait(&mut h, 1.0);
    click(&mut h, "Tilføj indsatsområde");
    type_over(&mut h, "Titel", "Det gode arbejdsliv");
    wait(&mut h, 1.0);

    // A goal in the second, with a new person as tovholder.
    click(&mut h, "Tilføj mål");
    type_over(&mut h, "Mål", "Sygefraværet falder");
    type_over(&mut h, "Dokumentation", "Fraværsstatistik");
    wait(&mut h, 1.0);
    enter(&mut h, "Ny person som tovholder (navn):", 0, "Anne Hansen");
    // A second goal, with the same person picked from the list.
    click(&mut h, "Tilføj mål");
    type_over(&mut h, "Mål", "Flere borgere i sundhedscentret");
    wait(&mut h, 1.0);
    h.get_by_label("Tovholder(e)").click();
    h.run();
    h.get_by_label("Anne Hansen").click();
    h.run();

    let plan = saved_plan(&h, id);
    assert_eq!(plan.focus_areas.len(), 2);
    assert_eq!(plan.focus_areas[1].goals.len(), 2);
    let anne = plan.focus_areas[1].goals[0].owners.clone();
    assert_eq!(anne.len(), 1);
    assert_eq!(plan.focus_areas[1].goals[1].owners, anne);

    // Move the second goal to the first focus area, then undo and redo the move.
    h.get_by_label("Flyt til indsatsområde").click();
    h.run();
    // The list's entry (the navigation panel shows the same words).
    h.get_all_by_label("1. Sundhed og forebyggelse")
        .last()
        .unwrap()
        .click();
    h.run();
    let moved = saved_plan(&h, id);
    assert_eq!(moved.focus_areas[0].goals.len(), 1);
    assert_eq!(
        moved.focus_areas[0].goals[0].text,
        "Flere borgere i sundhedscentret"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(saved_plan(&h, id).focus_areas[0].goals.len(), 0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(saved_plan(&h, id).focus_areas[0].goals.len(), 1);

    // Reorder the focus areas: the numbering follows.
    click(&mut h, "2. Det gode arbejdsliv");
    click(&mut h, "Flyt indsatsområde op");
    assert_eq!(
        saved_plan(&h, id).focus_areas[0].title,
        "Det gode arbejdsliv"
    );
    assert!(h.query_by_label("1. Det gode arbejdsliv").is_some());
    drop(h);

    // Reopen the file: everything is there, exactly as typed.
    let store = Store::open(&path).unwrap();
    let plan = store.load_plan(id).unwrap();
    assert_eq!(plan.title, "Virksomhedsplan 2014–2015");
    assert_eq!(plan.organisation, "Sundheds- og Socialforvaltningen");
    assert_eq!(plan.municipality, "Albertslund Kommune");
    assert_eq!((plan.period.start, plan.period.end), (2014, 2015));
    assert_eq!(plan.journal_number, "00.01.00-P00-1-14");
    assert_eq!(plan.sections.len(), 1);
    assert_eq!(plan.sections[0].title, "Forord");
    assert_eq!(
        plan.sections[0].body,
        "Planen bygger på byrådets visioner.\n- Sundhed\n- Trivsel"
    );
    let row = &plan.budget.rows[0];
    assert_eq!(
        (row.area.as_str(), row.expenses, row.income),
        ("Ældrepleje", 102_560_000, -21_742_000)
    );
    let titles: Vec<&str> = plan.focus_areas.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["Det gode arbejdsliv", "Sundhed og forebyggelse"]);
    let goal = &plan.focus_areas[0].goals[0];
    assert_eq!(goal.text, "Sygefraværet falder");
    assert_eq!(goal.documentation, "Fraværsstatistik");
    let people = store.people().unwrap();
    let owner = people.iter().find(|p| p.id == goal.owners[0]).unwrap();
    assert_eq!(owner.name, "Anne Hansen");
}

#[test]
fn typing_is_shown_at_once_saved_within_a_second_and_undone_as_one_step() {
    let (_dir, path, id) = plan_file();
    let mut h = editor(&path);
    let original = saved_plan(&h, id).title;

    type_over(&mut h, "Titel", "Virksomhedsplan 2014");
    assert_eq!(
        value_of(&h, "Titel", 0).as_deref(),
        Some("Virksomhedsplan 2014")
    );
    wait(&mut h, 1.0);
    assert_eq!(saved_plan(&h, id).title, "Virksomhedsplan 2014");
    assert!(
        h.state()
            .status_text()
            .is_some_and(|s| s.starts_with("Gemt ")),
        "{:?}",
        h.state().status_text()
    );

    menu(&mut h, "Rediger", "Fortryd");
    assert_eq!(saved_plan(&h, id).title, original);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(saved_plan(&h, id).title, "Virksomhedsplan 2014");
    assert_eq!(
        value_of(&h, "Titel", 0).as_deref(),
        Some("Virksomhedsplan 2014")
    );
}

#[test]
fn text_still_being_typed_is_saved_when_the_editor_closes() {
    let (_dir, path, id) = plan_file();
    let mut h = editor(&path);
    type_over(&mut h, "Journalnummer", "27.00.00-A00-3-12");
    drop(h);
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.load_plan(id).unwrap().journal_number,
        "27.00.00-A00-3-12"
    );
}

#[test]
fn a_goal_moves_down_and_up_within_its_focus_area_and_the_move_is_undone() {
    let (_dir, path, id) = plan_file();
    let mut h = editor(&path);
    click(&mut h, "1. Sundhed og forebyggelse");
    let texts = |h: &Harness<'_, App>| -> Vec<String> {
        saved_plan(h, id).focus_areas[0]
            .goals
            .iter()
            .map(|g| g.text.clone())
            .collect()
    };
    let before = texts(&h);
    assert_eq!(
        before,
        ["Forebyggelsesstrategien bruges", "Færre indlæggelser"]
    );
    // The first goal cannot move up.
    assert!(
        h.get_by_role_and_label(Role::Button, "Flyt mål op")
            .accesskit_node()
            .is_disabled()
    );

    click(&mut h, "Flyt mål ned");
    assert_eq!(
        texts(&h),
        ["Færre indlæggelser", "Forebyggelsesstrategien bruges"]
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(texts(&h), before);
}

#[test]
fn a_budget_line_moves_down_with_the_same_buttons_as_goals() {
    let (_dir, path, id) = plan_file();
    let mut h = editor(&path);
    click(&mut h, "Budget");
    click(&mut h, "Tilføj budgetlinje");
    click(&mut h, "Tilføj budgetlinje");
    enter(&mut h, "Udgifter", 0, "100");
    assert_eq!(saved_plan(&h, id).budget.rows[0].expenses, 100);

    click(&mut h, "Flyt budgetlinje ned");
    let rows = saved_plan(&h, id).budget.rows;
    assert_eq!((rows[0].expenses, rows[1].expenses), (0, 100));
}

#[test]
fn a_deadline_that_cannot_be_read_is_shown_in_red_and_not_saved() {
    let (_dir, path, id) = plan_file();
    let mut h = editor(&path);
    click(&mut h, "1. Sundhed og forebyggelse");
    let deadline = saved_plan(&h, id).focus_areas[0].goals[0].deadline;

    enter(&mut h, "Frist", 0, "snart");
    assert_eq!(
        saved_plan(&h, id).focus_areas[0].goals[0].deadline,
        deadline
    );
    assert!(shows_text(&h, "Datoen kan ikke læses"));

    enter(&mut h, "Frist", 0, "30.6.2014");
    let saved = saved_plan(&h, id).focus_areas[0].goals[0].deadline;
    assert_eq!(saved.map(|d| d.to_string()).as_deref(), Some("2014-06-30"));
}

#[test]
fn an_amount_that_cannot_be_read_is_refused_where_it_was_typed() {
    let (_dir, path, id) = plan_file();
    let mut h = editor(&path);
    click(&mut h, "Budget");
    click(&mut h, "Tilføj budgetlinje");
    enter(&mut h, "Udgifter", 0, "12,5 mio");
    assert!(shows_text(&h, "cifre") || shows_text(&h, "decimal") || shows_text(&h, "øre"));
    assert_eq!(saved_plan(&h, id).budget.rows[0].expenses, 0);
    enter(&mut h, "Udgifter", 0, "1.120.883.000");
    assert_eq!(saved_plan(&h, id).budget.rows[0].expenses, 1_120_883_000);
    assert!(shows_text(&h, "1.120.883.000"));
}

#[test]
fn an_approved_plan_is_locked_until_it_is_reopened_as_a_draft() {
    let (_dir, path, id) = plan_file();
    let mut h = editor(&path);
    click(&mut h, "Godkend planen…");
    type_over(&mut h, "Godkendt den", "12. juni 2012");
    // The dialog's field (the Forside behind it has one with the same name).
    let last = h.get_all_by_label("Godkendt af").count() - 1;
    type_over_nth(&mut h, "Godkendt af", last, "Byrådet");
    click(&mut h, "Godkend");
    let plan = saved_plan(&h, id);
    assert_eq!(plan.state, PlanState::Approved);
    assert_eq!(plan.approved_by, "Byrådet");
    assert_eq!(
        plan.approved_on.map(|d| d.to_string()).as_deref(),
        Some("2012-06-12")
    );
    assert!(shows_text(
        &h,
        "Planen er godkendt den 12. juni 2012 af Byrådet"
    ));

    // Locked: typing into the title does nothing.
    h.get_by_label("Titel").focus();
    h.run();
    h.get_by_label("Titel").type_text("XYZ");
    wait(&mut h, 1.0);
    assert_eq!(saved_plan(&h, id).title, plan.title);

    click(&mut h, "Genåbn som kladde");
    assert_eq!(saved_plan(&h, id).state, PlanState::Draft);
    type_over(&mut h, "Titel", "Revideret plan");
    wait(&mut h, 1.0);
    assert_eq!(saved_plan(&h, id).title, "Revideret plan");
}

#[test]
fn a_person_who_carries_goals_cannot_be_deleted_and_a_free_one_can() {
    let (_dir, path, _id) = plan_file();
    let mut h = editor(&path);
    click(&mut h, "Personer");
    h.get_by_label_contains("Børge Alstrup").click();
    h.run();
    assert!(shows_text(&h, "Tovholder på 2 mål i denne plan"));
    assert!(h.get_by_label("Slet person").accesskit_node().is_disabled());

    click(&mut h, "Tilføj person");
    type_over(&mut h, "Navn", "Kirsten Holm");
    type_over(&mut h, "Stilling", "Konsulent");
    wait(&mut h, 1.0);
    let store = h.state().document().unwrap();
    assert!(
        store
            .people()
            .unwrap()
            .iter()
            .any(|p| p.name == "Kirsten Holm" && p.title == "Konsulent")
    );
    click(&mut h, "Slet person");
    let store = h.state().document().unwrap();
    assert!(
        !store
            .people()
            .unwrap()
            .iter()
            .any(|p| p.name == "Kirsten Holm")
    );
}

#[test]
fn search_finds_a_goal_and_jumps_to_it() {
    let (_dir, path, _id) = plan_file();
    let mut h = editor(&path);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Søg i planen").type_text("SYGEFRAVÆR");
    h.run();
    assert!(shows_text(&h, "1 fund"));
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(value_of(&h, "Mål", 0).as_deref(), Some("Lavere sygefravær"));
    assert!(shows_text(&h, "Fund 1 af 1"));
}

#[test]
fn changes_saved_by_another_program_are_shown_without_losing_own_edits() {
    let (_dir, path, id) = plan_file();
    let mut h = editor(&path);
    type_over(&mut h, "Journalnummer", "egen rettelse");
    wait(&mut h, 1.0);

    // A colleague's virkplan on the network drive changes the title.
    let mut other = Store::open(&path).unwrap();
    other
        .apply(&Command::SetPlanText {
            plan: id,
            field: PlanField::Title,
            value: "Kollegaens titel".into(),
        })
        .unwrap();
    wait(&mut h, 1.5);
    assert_eq!(
        value_of(&h, "Titel", 0).as_deref(),
        Some("Kollegaens titel")
    );
    assert_eq!(
        value_of(&h, "Journalnummer", 0).as_deref(),
        Some("egen rettelse")
    );
    assert!(
        h.state()
            .status_text()
            .is_some_and(|s| s.contains("ændret af en anden"))
    );
}

#[test]
fn a_read_only_file_shows_why_and_a_copy_can_be_saved_and_edited() {
    // A file with another program's trigger in it opens read-only (whoever runs the test);
    // the trigger is never run, and the copy leaves it out.
    let (dir, path, _id) = plan_file();
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "CREATE TABLE log (x); CREATE TRIGGER spion AFTER UPDATE ON plan BEGIN INSERT INTO log VALUES (1); END;",
        )
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let copy = dir.path().join("min kopi.sqlite");
    let mut h = editor_answering(Some(&path), vec![copy.clone()]);
    assert!(shows_text(&h, "åbnet til læsning"));
    type_over(&mut h, "Titel", "Forsøg");
    wait(&mut h, 1.0);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is untouched"
    );

    click(&mut h, "Gem en kopi som…");
    assert!(copy.exists());
    assert!(shows_text(&h, "ikke med i kopien"));
    click(&mut h, "Åbn kopien");
    assert_eq!(h.state().file(), Some(copy.as_path()));
    assert!(Store::open(&copy).unwrap().read_only().is_none());
    type_over(&mut h, "Titel", "Rettet i kopien");
    wait(&mut h, 1.0);
    let id = shown_plan(&h).id;
    assert_eq!(saved_plan(&h, id).title, "Rettet i kopien");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the original is untouched"
    );
}

#[test]
fn plans_come_in_from_json_and_from_a_colleagues_file_and_go_out_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("min fil.sqlite");
    drop(Document::open_or_create(&path).unwrap());
    let json = dir.path().join("reference.json");
    std::fs::copy(common::REFERENCE_JSON, &json).unwrap();
    let colleague = common::plan_file(dir.path(), "kollega.sqlite");
    // The colleague's plan has two versions; they stay in the colleague's file.
    {
        let mut doc = Document::open(&colleague).unwrap();
        let plan = doc.list_plans().unwrap()[0].id;
        let now = virkplan::model::Moment::new(2013, 3, 12, 14, 5).unwrap();
        for label in ["Til udvalget", "Til byrådet"] {
            virkplan::versions::freeze(&mut doc, plan, label, "Bente", now).unwrap();
        }
    }
    let out = dir.path().join("ud.json");
    let mut h = editor_answering(Some(&path), vec![json, colleague, out.clone()]);

    menu(&mut h, "Fil", "Importér JSON…");
    let after_json = h.state().document().unwrap().list_plans().unwrap().len();
    assert!(after_json >= 1);

    menu(&mut h, "Fil", "Importér planer fra anden fil…");
    assert!(shows_text(&h, "Virksomhedsplan 2012/2013"));
    click(&mut h, "Importér de valgte");
    let plans = h.state().document().unwrap().list_plans().unwrap();
    assert_eq!(plans.len(), after_json + 1);
    assert_eq!(shown_plan(&h).title, "Virksomhedsplan 2012/2013");
    assert!(shows_text(
        &h,
        "2 versioner fulgte ikke med; de findes stadig i"
    ));
    let people = h.state().document().unwrap().people().unwrap();
    assert!(people.iter().any(|p| p.name == "Unna Scherer"));

    // Undo takes the copied plan out again as one step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().document().unwrap().list_plans().unwrap().len(),
        after_json
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();

    // The plan shown goes out with the plans it reviews.
    let shown = shown_plan(&h).title;
    menu(&mut h, "Fil", "Eksportér JSON…");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains(&shown), "{shown}");
}

#[test]
fn a_file_opened_from_the_menu_is_remembered_and_a_broken_one_leaves_the_open_file_open() {
    let (dir, path, _id) = plan_file();
    let other = common::plan_file(dir.path(), "anden.sqlite");
    let broken = dir.path().join("ødelagt.sqlite");
    std::fs::write(&broken, "dette er ikke en database").unwrap();
    let mut h = editor_answering(Some(&path), vec![other.clone(), broken]);

    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    assert_eq!(h.state().file(), Some(other.as_path()));
    assert_eq!(
        h.state().recent().files().first().map(|p| p.file_name()),
        Some(other.file_name())
    );

    menu(&mut h, "Fil", "Åbn…");
    assert_eq!(h.state().file(), Some(other.as_path()));
    assert!(shows_text(&h, "ikke en virkplan-fil"));
    click(&mut h, "OK");
    assert!(h.state().plan().is_some());
}

#[test]
fn follow_ups_are_written_on_a_goal_newest_first_and_undone() {
    let (_dir, path, id) = plan_file();
    let mut h = tall_editor(&path);
    click(&mut h, "2. Det gode arbejdsliv");
    let before = saved_plan(&h, id).focus_areas[1].goals[0].follow_ups.len();
    click(&mut h, "Tilføj opfølgning");
    // The new follow-up is the first one shown (newest first).
    enter(&mut h, "Dato", 0, "maj 2013");
    h.get_all_by_label("Ny status").next().unwrap().click();
    h.run();
    h.get_by_label("udfordret").click();
    h.run();
    type_over(&mut h, "Tekst", "Fraværet steg i foråret.");
    wait(&mut h, 1.0);
    let goal = &saved_plan(&h, id).focus_areas[1].goals[0];
    assert_eq!(goal.follow_ups.len(), before + 1);
    let new = goal
        .follow_ups
        .iter()
        .find(|f| f.text == "Fraværet steg i foråret.")
        .expect("saved");
    assert_eq!(new.date.to_string(), "2013-05");
    assert_eq!(new.status.map(|s| s.label()), Some("udfordret"));

    // Undo: the text, the status, the date, then the follow-up itself.
    for _ in 0..4 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert_eq!(
        saved_plan(&h, id).focus_areas[1].goals[0].follow_ups.len(),
        before
    );
}

#[test]
fn the_plan_is_exported_as_pdf_from_the_menu_and_with_ctrl_p() {
    let (dir, path, _id) = plan_file();
    let first = dir.path().join("plan for byrådet.pdf");
    let second = dir.path().join("igen.pdf");
    let mut h = editor_answering(Some(&path), vec![first.clone(), second.clone()]);
    menu(&mut h, "Fil", "Eksportér PDF…");
    let bytes = std::fs::read(&first).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(shows_text(&h, "PDF'en er gemt"));
    click(&mut h, "Luk");
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run();
    assert!(std::fs::read(&second).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn a_new_plan_is_made_from_an_approved_one_and_the_old_one_stays_as_it_was() {
    let (_dir, path, id) = plan_file();
    let mut h = editor(&path);
    click(&mut h, "Godkend planen…");
    click(&mut h, "Godkend");
    let old = saved_plan(&h, id);
    assert_eq!(old.state, PlanState::Approved);

    click(&mut h, "Ny plan fra denne…");
    assert_eq!(
        value_of(&h, "Den nye plans titel", 0).as_deref(),
        Some("Virksomhedsplan 2014/2015")
    );
    click(&mut h, "Opret den nye plan");
    let new = shown_plan(&h);
    assert_ne!(new.id, id);
    assert_eq!(new.previous, Some(id));
    assert_eq!(new.state, PlanState::Draft);
    assert_eq!((new.period.start, new.period.end), (2014, 2015));
    assert_eq!(new.goals().count(), old.goals().count());
    assert_eq!(saved_plan(&h, id), old);

    // One undo takes the new plan away again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let plans = h.state().document().unwrap().list_plans().unwrap();
    assert_eq!(plans.len(), 1);
}

#[test]
fn an_approved_plan_still_takes_follow_ups_and_they_set_the_goals_status() {
    let (_dir, path, id) = plan_file();
    let mut h = tall_editor(&path);
    click(&mut h, "Godkend planen…");
    click(&mut h, "Godkend");
    click(&mut h, "2. Det gode arbejdsliv");
    click(&mut h, "Tilføj opfølgning");
    h.get_all_by_label("Ny status").next().unwrap().click();
    h.run();
    h.get_by_label("kritisk").click();
    h.run();
    let plan = saved_plan(&h, id);
    assert_eq!(plan.state, PlanState::Approved);
    let goal = &plan.focus_areas[1].goals[0];
    assert_eq!(goal.follow_ups.len(), 2);
    assert_eq!(goal.status.map(|s| s.label()), Some("kritisk"));
    // The goal's own fields stay locked.
    h.get_by_label("Mål").focus();
    h.run();
    h.get_by_label("Mål").type_text("XYZ");
    wait(&mut h, 1.0);
    assert_eq!(saved_plan(&h, id).focus_areas[1].goals[0].text, goal.text);
}

#[test]
fn the_follow_up_board_filters_by_status_and_opens_a_goal() {
    let (_dir, path, _id) = plan_file();
    let mut h = editor(&path);
    click(&mut h, "Opfølgning");
    assert!(shows_text(&h, "3 mål vises"));
    assert!(shows_text(&h, "i gang: 3"));
    h.get_by_label("Vis tovholder").click();
    h.run();
    // The list names people with their stilling.
    h.get_by_label("Børge Alstrup, Sundhedschef").click();
    h.run();
    assert!(shows_text(&h, "2 mål vises"));
    h.get_by_label("Færre indlæggelser").click();
    h.run();
    assert_eq!(
        value_of(&h, "Mål", 0).as_deref(),
        Some("Færre indlæggelser")
    );
}

#[test]
fn the_previous_plan_is_reviewed_under_opfolgning_numbered_on_after_this_plans_areas() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("albertslund.sqlite");
    let doc = virkplan::transfer::read_json(Path::new(common::REFERENCE_JSON)).unwrap();
    Document::open_or_create(&path)
        .unwrap()
        .import(&doc)
        .unwrap();
    let mut h = editor(&path);
    let plan = shown_plan(&h);
    assert_eq!(
        plan.title, "Virksomhedsplan 2012/2013",
        "the newest plan is shown"
    );
    click(&mut h, "Opfølgning");
    assert!(shows_text(
        &h,
        "Opfølgning på forrige plan: Virksomhedsplan 2010/2011"
    ));
    let next = plan.focus_areas.len() + 1;
    let heading = format!("{next}. Sundhed");
    h.get_by_label(&heading).click();
    h.run();
    assert!(shows_text(&h, "Status:"));
}

#[test]
fn min_opfolgning_writes_one_follow_up_after_another_then_the_plan_rolls_over() {
    let (_dir, path, id) = plan_file();
    let mut h = editor(&path);
    // Unna becomes tovholder of goal 1.1 too: three goals.
    click(&mut h, "1. Sundhed og forebyggelse");
    pick(&mut h, "Tovholder(e)", "Unna Scherer");
    click(&mut h, "Opfølgning");
    h.get_by_label("Min opfølgning").click();
    h.run();
    pick(&mut h, "Min opfølgning for", "Unna Scherer");
    // Unna carries goals 1.1, 1.2 and 2.1: write one after another from the keyboard.
    for (number, text) in [
        ("1.1", "Strategien er præsenteret for alle afdelinger."),
        ("1.2", "Færre genindlæggelser i foråret."),
        ("2.1", "Fraværet er faldet."),
    ] {
        h.get_by_label(&format!("Opfølgning på mål {number}"))
            .focus();
        h.run();
        h.get_by_label(&format!("Opfølgning på mål {number}"))
            .type_text(text);
        h.run();
        h.key_press(Key::Enter);
        h.run();
    }
    let plan = saved_plan(&h, id);
    let texts: Vec<&str> = plan
        .goals()
        .flat_map(|(_, g)| g.follow_ups.iter().map(|f| f.text.as_str()))
        .collect();
    for text in [
        "Strategien er præsenteret for alle afdelinger.",
        "Færre genindlæggelser i foråret.",
        "Fraværet er faldet.",
    ] {
        assert!(texts.contains(&text), "{text}");
    }

    // Filter the board on her, roll the plan over, and find the review of the old one.
    pick(&mut h, "Vis tovholder", "Unna Scherer");
    assert!(shows_text(&h, "3 mål vises"));
    menu(&mut h, "Fil", "Ny plan fra denne…");
    click(&mut h, "Opret den nye plan");
    click(&mut h, "Opfølgning");
    assert!(shows_text(
        &h,
        "Opfølgning på forrige plan: Virksomhedsplan 2012/2013"
    ));
}

/// The pages a PDF has, counted by lopdf.
fn pdf_pages(path: &Path) -> usize {
    lopdf::Document::load(path).unwrap().get_pages().len()
}

/// The page nodes of Udskrift that are in view: (label, text).
fn shown_pages(harness: &Harness<'_, App>) -> Vec<(String, String)> {
    harness
        .query_all_by_role(Role::Document)
        .filter_map(|n| Some((n.accesskit_node().label()?, n.value()?)))
        .collect()
}

#[test]
fn udskrift_shows_the_pages_that_are_exported_with_the_choices_made_there() {
    let (dir, path, id) = plan_file();
    let out = dir.path().join("med oversigt.pdf");
    let mut h = editor_answering(Some(&path), vec![out.clone()]);
    let doc = Store::open(&path).unwrap().load_document(Some(id)).unwrap();
    let pages = |summary| {
        let options = virkplan::report::Options {
            summary,
            ..Default::default()
        };
        virkplan::report::export_pdf(&doc, id, &options)
            .unwrap()
            .pages
    };
    let (plain, with_summary) = (pages(false), pages(true));
    assert!(with_summary > plain);

    menu(&mut h, "Fil", "Vis udskrift");
    assert!(shows_text(&h, &format!("Side 1 af {plain}")));
    let shown = shown_pages(&h);
    let (label, cover) = shown.first().expect("the first page is in view");
    assert_eq!(label, &format!("Side 1 af {plain}"));
    let title = shown_plan(&h).title;
    assert!(cover.contains(&title), "{cover}");

    // The title is edited elsewhere: Udskrift shows the new one.
    click(&mut h, "Forside");
    type_over(&mut h, "Titel", "Ny titel for byrådet");
    wait(&mut h, 1.5);
    click(&mut h, "Udskrift");
    let shown = shown_pages(&h);
    assert!(
        shown[0].1.contains("Ny titel for byrådet"),
        "{}",
        shown[0].1
    );

    // The status summary chosen in Udskrift adds its pages, and the export has them too.
    h.get_by_label("Statusoversigt (tabel og diagram)").click();
    h.run();
    assert!(shows_text(&h, &format!("Side 1 af {with_summary}")));
    click(&mut h, "Eksportér PDF…");
    assert_eq!(pdf_pages(&out), with_summary);
}

#[test]
fn a_click_on_a_contents_entry_in_udskrift_goes_to_its_page() {
    let (_dir, path, _id) = plan_file();
    let mut h = editor(&path);
    menu(&mut h, "Fil", "Vis udskrift");
    let shown = shown_pages(&h);
    let label = &shown.first().expect("the cover is in view").0;
    let n: usize = label.rsplit(' ').next().unwrap().parse().unwrap();
    assert!(n >= 3, "{label}");
    // Zoom out until the contents (page 2) is in view with the cover, its entries too.
    let in_view = |h: &Harness<'_, App>| {
        let mut links = h.query_all_by_role(Role::Link).peekable();
        links.peek().is_some() && links.all(|l| l.rect().max.y < 850.0)
    };
    while !in_view(&h) {
        click(&mut h, "−");
    }
    assert!(
        shown_pages(&h)
            .iter()
            .any(|(_, text)| text.contains("Indhold"))
    );
    // The contents' entries are links ("Gå til side N"); follow the one that goes furthest.
    let target = h
        .query_all_by_role(Role::Link)
        .filter_map(|node| {
            node.accesskit_node()
                .label()?
                .strip_prefix("Gå til side ")?
                .parse::<usize>()
                .ok()
        })
        .max()
        .expect("the contents has links");
    assert!(target > 2 && target <= n, "{target} of {n}");
    let far = format!("Gå til side {target}");
    let target_shown = |h: &Harness<'_, App>| {
        shown_pages(h)
            .iter()
            .any(|(l, _)| *l == format!("Side {target} af {n}"))
    };
    assert!(!target_shown(&h), "page {target} is not in view before");
    h.get_all_by_label(&far).next().unwrap().click();
    // The view scrolls there smoothly, over a few frames.
    h.run_steps(20);
    let shown = shown_pages(&h);
    assert!(
        shown
            .iter()
            .any(|(l, _)| *l == format!("Side {target} af {n}")),
        "{:?}",
        shown.iter().map(|(l, _)| l).collect::<Vec<_>>()
    );
}

#[test]
fn a_tovholder_another_program_deleted_is_shown_as_missing_and_the_link_can_be_removed() {
    let (_dir, path, id) = plan_file();
    // Another program deletes Unna Scherer (tovholder of goal 1.2) and leaves the link.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("PRAGMA foreign_keys = OFF; DELETE FROM person WHERE name = 'Unna Scherer';")
        .unwrap();
    let mut h = editor(&path);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Søg i planen")
        .type_text("Færre indlæggelser");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        value_of(&h, "Mål", 0).as_deref(),
        Some("Færre indlæggelser")
    );
    assert!(shows_text(&h, "Tovholder mangler (slettet)"));
    assert!(shows_text(&h, "Børge Alstrup"));

    click(&mut h, "Fjern den slettede tovholder");
    assert!(!shows_text(&h, "Tovholder mangler (slettet)"));
    let goal = saved_plan(&h, id).focus_areas[0].goals[1].clone();
    assert_eq!(goal.owners.len(), 1, "only Børge Alstrup is left");
    assert!(
        h.state()
            .status_text()
            .is_some_and(|s| s.starts_with("Gemt"))
    );

    // The removal is one undo step; undo cannot bring back a link to a deleted person, so it
    // leaves the goal as it is, without an error.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        saved_plan(&h, id).focus_areas[0].goals[1].owners,
        goal.owners
    );
    assert!(!shows_text(&h, "Tovholder mangler (slettet)"));
    assert!(
        h.state()
            .status_text()
            .is_some_and(|s| s.starts_with("Gemt")),
        "{:?}",
        h.state().status_text()
    );
}
