//! The follow-up round's commands (issue 19): what the Opfølgningsrunde screen and the board
//! ask for that needs dialogs, files or the system: the folder, starting a round (its
//! workbooks written through [`crate::rounds`]), reading returned workbooks for a preview and
//! writing one (one undo step), the mail program, the folder, and "Eksportér til Excel…".
//! Errors become text only here, where they are shown.

use super::{App, StatusLine};
use crate::rounds;
use crate::ui::action::{NewRound, RoundAction};
use crate::ui::clock;
use crate::ui::dialogs::FileKind;
use crate::ui::fields::Form;
use crate::ui::round_preview::Loaded;
use std::path::PathBuf;

impl App {
    /// The Opfølgningsrunde screen: the plan's rounds are read once per reload.
    pub(super) fn show_round(&mut self, ui: &mut egui::Ui) {
        let (Some(doc), Some(plan)) = (&self.document, &self.plan) else {
            return;
        };
        if self.round.needs_rounds(self.generation, plan.id) {
            match doc.rounds(plan.id) {
                Ok(rounds) => self.round.set_rounds(self.generation, plan.id, rounds),
                Err(e) => {
                    self.status = StatusLine::Error(e.to_string());
                    self.round.set_rounds(self.generation, plan.id, Vec::new());
                }
            }
        }
        let writable = !self.read_only();
        let mut form = Form {
            out: &mut self.pending,
            drafts: &mut self.drafts,
        };
        egui::ScrollArea::vertical()
            .id_salt("skærm opfølgningsrunde")
            .show(ui, |ui| {
                self.round.show(ui, &mut form, plan, &self.people, writable);
            });
    }

    /// Carries out a round's command; true when the file changed.
    pub(super) fn round_action(&mut self, action: RoundAction) -> bool {
        match action {
            RoundAction::ChooseFolder => {
                if let Some(folder) = self.dialogs.pick_folder("Vælg mappen til rundens regneark")
                {
                    self.round.set_folder(folder);
                }
                false
            }
            RoundAction::Start(new) => self.start_round(new),
            RoundAction::Select(round) => {
                self.round.select(round);
                false
            }
            RoundAction::OpenFolder(folder) => {
                if self.dialogs.open_in_viewer(&folder).is_err() {
                    self.alert(
                        "Mappen kunne ikke åbnes",
                        format!(
                            "Mappen kunne ikke vises i systemets filoversigt (måske findes den ikke på denne \
                             computer). Åbn den selv: {}",
                            folder.display()
                        ),
                    );
                }
                false
            }
            RoundAction::Mail { link, to } => {
                if self.dialogs.open_link(&link).is_err() {
                    self.alert(
                        "Mailprogrammet kunne ikke åbnes",
                        format!(
                            "Der er ikke sat et mailprogram op, som virkplan kan åbne. Skriv selv \
                             til {to}, og vedhæft regnearket fra rundens mappe."
                        ),
                    );
                }
                false
            }
            RoundAction::LoadAnswers => {
                let paths = self.dialogs.open_files("Indlæs svar", FileKind::Workbook);
                if !paths.is_empty() {
                    let loaded = self.load(paths);
                    self.round.set_previews(loaded);
                }
                false
            }
            RoundAction::Receive(index) => self.receive(index),
            RoundAction::ClosePreview(index) => {
                self.round.close_preview(index);
                false
            }
            RoundAction::ExportXlsx(goals) => {
                self.export_xlsx(&goals);
                false
            }
        }
    }

    /// "Start runden": the round stored and its workbooks written, or neither.
    fn start_round(&mut self, new: NewRound) -> bool {
        let Some(doc) = &mut self.document else {
            return false;
        };
        let result = rounds::start_round(
            doc,
            new.plan,
            &new.name,
            new.deadline,
            &new.people,
            &new.folder,
            clock::today(),
        );
        match result {
            Ok(started) => {
                self.status = StatusLine::Saved(format!(
                    "Runden «{}» er startet: {} regneark i {}",
                    started.round.name,
                    started.files.len(),
                    new.folder.display()
                ));
                self.round.started(started.round.id);
                true
            }
            Err(e) => {
                let message = e.to_string();
                self.status = StatusLine::Error(message.clone());
                self.round.start_failed(message);
                false
            }
        }
    }

    /// Reads returned workbooks against the shown plan, one preview each.
    fn load(&self, paths: Vec<PathBuf>) -> Vec<Loaded> {
        let (Some(doc), Some(plan)) = (&self.document, &self.plan) else {
            return Vec::new();
        };
        let results = rounds::load_answers(doc, Some(plan.id), &paths, clock::today());
        paths
            .into_iter()
            .zip(results)
            .map(|(path, result)| Loaded { path, result })
            .collect()
    }

    /// "Indlæs": writes the workbook at `index` as one undo step. `rounds::receive` reads it
    /// again and writes it against the file as it is now (another workbook, an undo or a
    /// colleague may have changed the round since the preview); the other previews are read
    /// again after it, so none shows what the file no longer holds.
    fn receive(&mut self, index: usize) -> bool {
        let Some((path, preview)) = self.round.previews().get(index).and_then(|l| {
            l.result
                .as_ref()
                .ok()
                .map(|preview| (l.path.clone(), preview.clone()))
        }) else {
            return false;
        };
        let (Some(doc), Some(plan)) = (&mut self.document, &self.plan) else {
            return false;
        };
        let plan = plan.id;
        match rounds::receive(doc, &preview, Some(plan), &path, clock::today()) {
            Ok(added) => {
                doc.end_typing();
                self.status = StatusLine::Saved(format!(
                    "Svarene fra {} er indlæst: {added} opfølgning(er) tilføjet {}",
                    preview.person_name,
                    clock::now_text()
                ));
                self.round.close_preview(index);
                let others: Vec<PathBuf> = self
                    .round
                    .previews()
                    .iter()
                    .map(|l| l.path.clone())
                    .collect();
                let loaded = self.load(others);
                self.round.set_previews(loaded);
                true
            }
            Err(e) => {
                self.status = StatusLine::Error(e.to_string());
                // The window shows what the workbook holds now, or why it cannot be read.
                let fresh = self.load(vec![path]);
                if let Some(loaded) = fresh.into_iter().next() {
                    self.round.replace_preview(index, loaded);
                }
                false
            }
        }
    }

    /// "Eksportér til Excel…" on the board: the goals it shows, as one sheet.
    fn export_xlsx(&mut self, goals: &[crate::model::GoalId]) {
        let Some(plan) = &self.plan else { return };
        let (id, name) = (
            plan.id,
            format!(
                "{} - opfølgning.xlsx",
                super::file_commands::file_name_for(&plan.title)
            ),
        );
        let Some(path) = self
            .dialogs
            .save_file("Eksportér til Excel", FileKind::Excel, &name)
        else {
            return;
        };
        let Some(doc) = &self.document else { return };
        match rounds::export_xlsx(doc, id, Some(goals), &path) {
            Ok(()) => {
                self.status = StatusLine::Saved(format!(
                    "{} mål er gemt i regnearket: {}",
                    goals.len(),
                    path.display()
                ));
            }
            Err(e) => self.alert("Regnearket blev ikke gemt", e.to_string()),
        }
    }
}
