#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test
//! The follow-up round in the editor (issue 19), driven as an officer drives it (egui_kittest,
//! headless): start a round (workbooks in a folder), write the mail, mark it sent, read a
//! workbook a tovholder filled back in through its preview, undo it, see who has answered,
//! close the round; a workbook with a wrong status is shown and refused; the board's
//! "Eksportér til Excel…" writes the goals it shows. The file dialogs, the mail program and
//! the file manager are scripted; what the editor saved is read back from the file.

mod common;
mod editor_common;

use editor_common::*;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::cell::RefCell;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use virkplan::followup::GOALS_SHEET;
use virkplan::model::{PlanId, Round, Status};
use virkplan::recent::RecentFiles;
use virkplan::ui::dialogs::ScriptedDialogs;
use virkplan::ui::{App, Services};

const ROUND: &str = "Opfølgning efterår 2013";
const BORGE: &str = "Opfølgning efterår 2013 - Børge Alstrup.xlsx";
const UNNA: &str = "Opfølgning efterår 2013 - Unna Scherer.xlsx";

/// An editor on a tall screen whose dialogs answer with `answers` (one file or folder each)
/// and then, to "Indlæs svar…", with `returned`; and the list of what it opened.
fn editor_with(
    path: &Path,
    answers: Vec<PathBuf>,
    returned: Vec<PathBuf>,
) -> (Harness<'static, App>, Rc<RefCell<Vec<String>>>) {
    let dialogs = ScriptedDialogs::answering(answers).then_files(returned);
    let opened = dialogs.opened();
    let app = App::new(
        Some(path.to_path_buf()),
        Services {
            dialogs: Box::new(dialogs),
            recent: RecentFiles::default(),
        },
    );
    let mut harness = Harness::builder()
        .with_size([1300.0, 1400.0])
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    harness.run();
    (harness, opened)
}

fn rounds(harness: &Harness<'_, App>, plan: PlanId) -> Vec<Round> {
    harness.state().document().unwrap().rounds(plan).unwrap()
}

/// Starts the round of the test plan from the screen: name, deadline, the folder.
fn start_round(h: &mut Harness<'_, App>) {
    click(h, "Opfølgningsrunde");
    type_over(h, "Rundens navn", ROUND);
    enter(h, "Svarfrist", 0, "15.10.2013");
    click(h, "Vælg mappe…");
    click(h, "Start runden");
}

/// One goal's answer as a tovholder types it into the workbook.
struct Typed<'a> {
    number: &'a str,
    status: &'a str,
    date: &'a str,
    text: &'a str,
}

/// Fills a workbook the way a tovholder would, with a second xlsx library
/// (umya-spreadsheet): each goal's row found by its "Nr.", Ny status, Dato and Opfølgning
/// typed; saved as a new file.
fn fill(workbook: &Path, typed: &[Typed<'_>], out: &Path) {
    let bytes = std::fs::read(workbook).unwrap();
    let mut book = umya_spreadsheet::reader::xlsx::read_reader(Cursor::new(bytes), true).unwrap();
    let sheet = book.sheet_by_name_mut(GOALS_SHEET).unwrap();
    for t in typed {
        let row = (1..200u32)
            .find(|r| sheet.value((1, *r)) == t.number)
            .unwrap_or_else(|| panic!("no row for {}", t.number));
        sheet.cell_mut((6, row)).set_value(t.status);
        sheet.cell_mut((7, row)).set_value(t.date);
        sheet.cell_mut((8, row)).set_value(t.text);
    }
    let mut bytes = Cursor::new(Vec::new());
    umya_spreadsheet::writer::xlsx::write_writer(&book, &mut bytes).unwrap();
    std::fs::write(out, bytes.into_inner()).unwrap();
}

/// Every text of every sheet of a workbook (to see what an export holds).
fn texts_of(workbook: &Path) -> Vec<String> {
    let book = umya_spreadsheet::reader::xlsx::read(workbook).unwrap();
    let mut out = Vec::new();
    for sheet in book.sheet_collection() {
        for cell in sheet.cells() {
            out.push(cell.value().to_string());
        }
    }
    out
}

#[test]
fn a_round_is_started_sent_answered_undone_and_closed() {
    let (dir, path, id) = plan_file();
    let folder = dir.path().join("runde");
    std::fs::create_dir(&folder).unwrap();
    let answer = dir.path().join("svar fra Børge.xlsx");
    let (mut h, opened) = editor_with(&path, vec![folder.clone()], vec![answer.clone()]);

    // The plan's tovholdere are asked, each with the number of goals they carry.
    click(&mut h, "Opfølgningsrunde");
    assert!(shows_text(&h, "Børge Alstrup (2 mål)"));
    assert!(shows_text(&h, "Unna Scherer (2 mål)"));
    start_round(&mut h);

    // One workbook each, and the round recorded in the plan file.
    assert!(
        folder.join(BORGE).is_file(),
        "{:?}",
        h.state().status_text()
    );
    assert!(folder.join(UNNA).is_file());
    let round = rounds(&h, id).pop().expect("the round is in the file");
    assert_eq!(round.name, ROUND);
    assert_eq!(round.deadline.to_string(), "2013-10-15");
    assert_eq!(round.packages.len(), 2);
    assert!(shows_text(&h, "0 af 2 har svaret."));

    // The mail to Børge names the deadline and the file to attach; Unna has no address.
    click(&mut h, "Skriv mail til Børge Alstrup");
    let link = opened
        .borrow()
        .last()
        .cloned()
        .expect("the mail program opened");
    assert!(
        link.starts_with("mailto:borge@example.dk?subject="),
        "{link}"
    );
    assert!(link.contains("15.%20oktober%202013"), "{link}");
    click(&mut h, "Åbn mappen");
    assert_eq!(
        opened.borrow().last().map(PathBuf::from),
        Some(folder.clone())
    );

    // Marked as sent: one undoable edit; then the reminder is offered.
    click(&mut h, "Markér som sendt til Børge Alstrup");
    let sent = rounds(&h, id)[0].packages[0].sent_on;
    assert_eq!(sent.map(|d| d.is_day()), Some(true));
    assert!(
        h.query_by_label("Skriv påmindelse til Børge Alstrup")
            .is_some()
    );

    // Børge fills in his workbook and sends it back; the preview shows it before it is read.
    fill(
        &folder.join(BORGE),
        &[Typed {
            number: "1.1",
            status: "udfordret",
            date: "1.10.2013",
            text: "Strategien bruges i tre af fem afdelinger.",
        }],
        &answer,
    );
    click(&mut h, "Indlæs svar…");
    assert!(shows_text(&h, "Svar fra Børge Alstrup"));
    assert!(shows_text(&h, "Strategien bruges i tre af fem afdelinger."));
    assert!(shows_text(&h, "udfordret (før: i gang)"));
    assert!(shows_text(&h, "1. oktober 2013"));
    // Nothing is written before "Indlæs".
    assert_eq!(
        saved_plan(&h, id).focus_areas[0].goals[0].follow_ups.len(),
        1
    );

    click(&mut h, "Indlæs");
    let goal = saved_plan(&h, id).focus_areas[0].goals[0].clone();
    assert_eq!(goal.follow_ups.len(), 2);
    let added = goal
        .follow_ups
        .iter()
        .find(|f| f.date.to_string() == "2013-10-01");
    let added = added.expect("the answer is a follow-up");
    assert_eq!(added.text, "Strategien bruges i tre af fem afdelinger.");
    assert_eq!(added.status, Some(Status::AtRisk));
    assert_eq!(goal.status, Some(Status::AtRisk));
    assert!(
        !shows_text(&h, "Svar fra Børge Alstrup"),
        "the preview closed"
    );
    assert!(shows_text(&h, "1 af 2 har svaret."));
    assert!(shows_text(&h, "svar modtaget"));
    assert!(shows_text(&h, "mangler"));
    // Unna has answered for nothing: her goal 2.1 is listed.
    assert!(shows_text(&h, "Lavere sygefravær"));

    // One undo takes the whole workbook back out: the follow-up, the status, the receipt.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let goal = saved_plan(&h, id).focus_areas[0].goals[0].clone();
    assert_eq!(goal.follow_ups.len(), 1);
    assert_eq!(goal.status, Some(Status::OnTrack));
    assert!(!rounds(&h, id)[0].packages[0].has_answered());
    assert!(shows_text(&h, "0 af 2 har svaret."));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert!(rounds(&h, id)[0].packages[0].has_answered());

    // The same answers again: recognised, and nothing can be added twice.
    drop(h);
    let (mut again, _) = editor_with(&path, vec![], vec![answer.clone()]);
    click(&mut again, "Opfølgningsrunde");
    click(&mut again, "Indlæs svar…");
    assert!(shows_text(&again, "allerede indlæst"));
    click(&mut again, "Indlæs");
    assert_eq!(
        saved_plan(&again, id).focus_areas[0].goals[0]
            .follow_ups
            .len(),
        2
    );
    click(&mut again, "Luk");

    // Closing the round is one undoable step; a closed round takes no answers.
    click(&mut again, "Luk runden");
    assert!(rounds(&again, id)[0].is_closed());
    assert!(shows_text(&again, "Lukket"));
    assert!(again.query_by_label("Genåbn runden").is_some());
    again.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    again.run();
    assert!(!rounds(&again, id)[0].is_closed());
}

#[test]
fn a_workbook_with_a_wrong_status_is_shown_with_its_place_and_nothing_is_written() {
    let (dir, path, id) = plan_file();
    let folder = dir.path().join("runde");
    std::fs::create_dir(&folder).unwrap();
    let answer = dir.path().join("svar.xlsx");
    let (mut h, _) = editor_with(&path, vec![folder.clone()], vec![answer.clone()]);
    start_round(&mut h);
    fill(
        &folder.join(UNNA),
        &[
            Typed {
                number: "1.2",
                status: "næsten færdig",
                date: "1.10.2013",
                text: "Færre indlæggelser end sidste år.",
            },
            Typed {
                number: "2.1",
                status: "opfyldt",
                date: "2.10.2013",
                text: "Sygefraværet er under målet.",
            },
        ],
        &answer,
    );
    let before = saved_plan(&h, id);

    click(&mut h, "Indlæs svar…");
    assert!(shows_text(&h, "Svar fra Unna Scherer"));
    assert!(shows_text(&h, "kan ikke indlæses"));
    // The problem names the sheet, the row, the column and the value.
    assert!(shows_text(&h, "næsten færdig"));
    assert!(shows_text(&h, "arket «Opfølgning»"));
    assert!(shows_text(&h, "Ny status"));
    let button = h.get_by_role_and_label(Role::Button, "Indlæs");
    assert!(button.accesskit_node().is_disabled());
    button.click();
    h.run();
    assert_eq!(saved_plan(&h, id), before);
    assert!(!rounds(&h, id)[0].packages[1].has_answered());
}

#[test]
fn a_round_needs_a_folder_and_does_not_overwrite_a_workbook_already_there() {
    let (dir, path, id) = plan_file();
    let folder = dir.path().join("runde");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join(BORGE), b"et svar, der ikke maa forsvinde").unwrap();
    let (mut h, _) = editor_with(&path, vec![folder.clone()], vec![]);
    click(&mut h, "Opfølgningsrunde");
    type_over(&mut h, "Rundens navn", ROUND);
    click(&mut h, "Start runden");
    assert!(shows_text(&h, "Vælg den mappe, regnearkene skal gemmes i"));
    assert!(rounds(&h, id).is_empty());

    click(&mut h, "Vælg mappe…");
    click(&mut h, "Start runden");
    assert!(shows_text(&h, "overskrives ikke"));
    assert!(rounds(&h, id).is_empty(), "no half round");
    assert_eq!(
        std::fs::read(folder.join(BORGE)).unwrap(),
        b"et svar, der ikke maa forsvinde"
    );
    assert!(!folder.join(UNNA).exists());

    // Unticked, Børge gets no workbook, and Unna's is written.
    h.get_by_label("Børge Alstrup (2 mål)").click();
    h.run();
    click(&mut h, "Start runden");
    assert!(folder.join(UNNA).is_file());
    let round = rounds(&h, id).pop().unwrap();
    assert_eq!(round.packages.len(), 1);
    assert_eq!(round.packages[0].person_name, "Unna Scherer");
}

#[test]
fn the_board_exports_the_goals_its_filter_shows_to_excel() {
    let (dir, path, _id) = plan_file();
    let out = dir.path().join("Unnas mål.xlsx");
    let (mut h, _) = editor_with(&path, vec![out.clone()], vec![]);
    click(&mut h, "Opfølgning");
    pick(&mut h, "Vis tovholder", "Unna Scherer");
    assert!(shows_text(&h, "2 mål vises"));
    click(&mut h, "Eksportér til Excel…");
    assert!(out.is_file(), "{:?}", h.state().status_text());
    let texts = texts_of(&out);
    let has = |t: &str| texts.iter().any(|x| x.contains(t));
    assert!(has("Færre indlæggelser"));
    assert!(has("Lavere sygefravær"));
    assert!(!has("Forebyggelsesstrategien bruges"), "{texts:?}");
    assert!(shows_text(&h, "2 mål er gemt i regnearket"));
}
