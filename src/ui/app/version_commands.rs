//! The versions' commands (issue 20): what the Versioner screen, its dialogs, the banner of an
//! open version and the approval ask for, over [`crate::versions`]: save a version, open one
//! read-only (every screen then shows it), print or export it, restore it as a new plan,
//! approve a plan with its version in one undo step. Errors become text only here, where they
//! are shown.

use super::{App, Part, StatusLine};
use crate::model::{Command, Date, Person, Plan, PlanField, PlanId, PlanState, VersionId};
use crate::model::{Version, VersionKind};
use crate::transfer;
use crate::ui::action::{Action, AfterEdit, RoundAction, VersionAction};
use crate::ui::clock;
use crate::ui::dialogs::FileKind;
use crate::ui::modal::Modal;
use crate::ui::versions::{self as screen, Listed};
use crate::versions::{self, Frozen};

impl App {
    /// The Versioner screen: the plan's versions are read (and checked) once per reload.
    pub(super) fn show_versions(&mut self, ui: &mut egui::Ui) {
        let (Some(doc), Some(plan)) = (&self.document, &self.plan) else {
            return;
        };
        if self.versions.needs_list(self.generation, plan.id) {
            let list = doc.versions(plan.id).map(|list| {
                list.into_iter()
                    .map(|version| Listed {
                        damage: versions::load(doc, &version).err(),
                        version,
                    })
                    .collect()
            });
            self.versions.set_list(self.generation, plan.id, list);
        }
        let open = self.version.as_ref().map(|f| f.version.id);
        // Restoring or deleting a version changes the file, not the version shown.
        let writable = doc.read_only().is_none();
        egui::ScrollArea::vertical()
            .id_salt("skærm versioner")
            .show(ui, |ui| {
                self.versions.show(ui, &mut self.pending, open, writable);
            });
    }

    /// Ændringer siden…: the versions are read once per reload, the changes worked out once
    /// per reload and choice.
    pub(super) fn show_changes(&mut self, ui: &mut egui::Ui) {
        let (Some(doc), Some(plan)) = (&self.document, &self.plan) else {
            return;
        };
        if self.changes.needs_versions(self.generation, plan.id) {
            let list = doc.versions(plan.id).unwrap_or_else(|e| {
                self.status = StatusLine::Error(e.to_string());
                Vec::new()
            });
            self.changes.set_versions(self.generation, plan.id, list);
        }
        if let Some((pick, since, to)) = self.changes.needs_changes(self.generation) {
            let (since, to) = (since.number, to.map(|v| v.number));
            let made = crate::comparison::compare(doc, plan.id, since, to, clock::today());
            self.changes.set_changes(self.generation, pick, made);
        }
        egui::ScrollArea::vertical()
            .id_salt("skærm ændringer")
            .show(ui, |ui| self.changes.show(ui, &mut self.pending));
    }

    /// The plan, the plan it reviews and the people to show: an open version's (as it was
    /// saved) in place of the file's.
    pub(super) fn shown(
        &self,
        plan: Option<Plan>,
        previous: Option<Plan>,
        people: Vec<Person>,
    ) -> (Option<Plan>, Option<Plan>, Vec<Person>) {
        let Some((frozen, shown)) = self.version.as_ref().and_then(|f| Some((f, f.plan()?))) else {
            return (plan, previous, people);
        };
        let previous = shown
            .previous
            .and_then(|id| frozen.bundle.plans.iter().find(|p| p.id == id))
            .cloned();
        (Some(shown.clone()), previous, frozen.bundle.people.clone())
    }

    /// While a version is shown nothing is edited (its fields are off; this is the guard
    /// behind them), and going to another plan or file shows the plan again first. True when
    /// `action` is refused.
    pub(super) fn version_refuses(&mut self, action: &Action) -> bool {
        if self.version.is_none() {
            return false;
        }
        match action {
            // Another version may be deleted while one is shown: that changes the file only.
            Action::Apply(Command::DeleteVersion(_), _) => false,
            // The board's "Eksportér til Excel…" would write the plan now, not the version.
            Action::Apply(..)
            | Action::Type(_)
            | Action::CopyPlans(_)
            | Action::Round(RoundAction::ExportXlsx(_)) => {
                self.status = StatusLine::Error(screen::CLOSE_FIRST.into());
                true
            }
            Action::SelectPlan(_) | Action::OpenGoal(..) | Action::OpenFile(_) => {
                self.close_version();
                false
            }
            _ => false,
        }
    }

    /// Gem version…: the dialog, with "Gemt af" filled with the computer's user name.
    pub(super) fn ask_save_version(&mut self) {
        if self.plan.is_some() {
            self.window = Some(Modal::SaveVersion(screen::SaveForm::new(
                versions::user_name(),
            )));
        }
    }

    /// Carries out a version's command; true when the file changed.
    pub(super) fn version_action(&mut self, action: VersionAction) -> bool {
        match action {
            VersionAction::Save { label, saved_by } => self.save_version(&label, &saved_by),
            VersionAction::Open(id) => {
                self.open_version(id);
                false
            }
            VersionAction::Print(id) => {
                if self.open_version(id) {
                    self.part = Part::Print;
                }
                false
            }
            VersionAction::ExportPdf(id) => {
                if let Some(frozen) = self.load_version(id) {
                    self.export_version_pdf(&frozen);
                }
                false
            }
            VersionAction::Restore(id) => self.restore_version(id),
            VersionAction::AskDelete(version) => {
                self.window = Some(Modal::DeleteVersion(screen::DeleteForm::new(version)));
                false
            }
            VersionAction::Close => {
                self.close_version();
                false
            }
            VersionAction::Compare(pick) => {
                self.changes.select(pick);
                false
            }
            VersionAction::ExportChanges => {
                self.export_changes_pdf();
                false
            }
            VersionAction::Approve { plan, on, by } => self.approve(plan, on, by),
        }
    }

    /// Saves a version of the shown plan as it is now; the status bar says its number.
    fn save_version(&mut self, label: &str, saved_by: &str) -> bool {
        let (Some(doc), Some(plan)) = (&mut self.document, &self.plan) else {
            return false;
        };
        match versions::freeze(doc, plan.id, label, saved_by, clock::now_moment()) {
            Ok(version) => {
                doc.end_typing();
                self.status = StatusLine::Saved(format!("Version {} er gemt", version.number));
                true
            }
            Err(e) => {
                self.alert("Versionen blev ikke gemt", e.to_string());
                false
            }
        }
    }

    /// The version `id` of the shown plan, read and checked; a failure is said in a window.
    fn load_version(&mut self, id: VersionId) -> Option<Frozen> {
        let (Some(doc), Some(plan)) = (&self.document, &self.plan) else {
            return None;
        };
        let loaded = doc
            .versions(plan.id)
            .map_err(versions::VersionError::from)
            .and_then(|list| {
                let version: Option<Version> = list.into_iter().find(|v| v.id == id);
                version
                    .ok_or(versions::VersionError::Document(
                        crate::document::DocumentError::NotFound("versionen"),
                    ))
                    .and_then(|v| versions::load(doc, &v))
            });
        match loaded {
            Ok(frozen) => Some(frozen),
            Err(e) => {
                self.alert("Versionen kan ikke bruges", e.to_string());
                None
            }
        }
    }

    /// Shows version `id` read-only on every screen; true when it is shown.
    fn open_version(&mut self, id: VersionId) -> bool {
        let Some(frozen) = self.load_version(id) else {
            return false;
        };
        self.drafts.clear();
        self.status = StatusLine::None;
        self.version = Some(frozen);
        self.reload(None);
        true
    }

    /// Tilbage til planen: the plan as it is now (also before an undo or redo, which changes
    /// the plan, not the version shown).
    pub(super) fn close_version(&mut self) {
        if self.version.take().is_some() {
            self.drafts.clear();
            self.status = StatusLine::None;
            self.reload(None);
        }
    }

    /// Eksportér PDF… of the open version (from the menu or Udskrift).
    pub(super) fn export_open_version_pdf(&mut self) -> bool {
        let Some(frozen) = self.version.clone() else {
            return false;
        };
        self.export_version_pdf(&frozen);
        true
    }

    /// Eksportér JSON… of the open version: its plan with the plans it reviews, as saved.
    pub(super) fn export_open_version_json(&mut self) -> bool {
        let Some(frozen) = &self.version else {
            return false;
        };
        let Some(plan) = frozen.plan() else {
            return true;
        };
        let (id, number) = (plan.id, frozen.version.number);
        let name = format!(
            "{} - version {number}.json",
            super::file_commands::file_name_for(&plan.title)
        );
        let Some(path) = self
            .dialogs
            .save_file("Eksportér JSON", FileKind::Json, &name)
        else {
            return true;
        };
        let Some(frozen) = &self.version else {
            return true;
        };
        match transfer::export_version_json(&frozen.bundle, id, &path) {
            Ok(()) => {
                self.status = StatusLine::Saved(format!(
                    "Version {number} er eksporteret til {}",
                    path.display()
                ));
            }
            Err(e) => self.alert("Eksporten mislykkedes", e.to_string()),
        }
        true
    }

    /// Eksportér PDF… of a version: its pages as they were when it was saved.
    fn export_version_pdf(&mut self, frozen: &Frozen) {
        let Some(plan) = frozen.plan() else { return };
        let name = format!(
            "{} - version {}.pdf",
            super::file_commands::file_name_for(&plan.title),
            frozen.version.number
        );
        let Some(path) = self
            .dialogs
            .save_file("Eksportér PDF", FileKind::Pdf, &name)
        else {
            return;
        };
        let options = self.preview.options().clone();
        match transfer::export_version_pdf(frozen.bundle.clone(), plan.id, &options, &path) {
            Ok((pages, warnings)) => self.pdf_saved(
                format!("PDF'en af version {}", frozen.version.number),
                path,
                pages,
                warnings,
            ),
            Err(e) => self.alert("PDF'en blev ikke gemt", e.to_string()),
        }
    }

    /// Gendan som ny plan: the version's plan copied in as a new draft, then shown.
    fn restore_version(&mut self, id: VersionId) -> bool {
        let Some(frozen) = self.load_version(id) else {
            return false;
        };
        let Some(doc) = &mut self.document else {
            return false;
        };
        match versions::restore_as_new(doc, &frozen) {
            Ok(plan) => {
                doc.end_typing();
                self.version = None;
                self.part = Part::Cover;
                self.area = None;
                self.goal = None;
                self.drafts.clear();
                self.reload(Some(plan));
                self.status = StatusLine::Saved(format!(
                    "Version {} er gendannet som en ny plan (kladde)",
                    frozen.version.number
                ));
                true
            }
            Err(e) => {
                self.alert("Versionen blev ikke gendannet", e.to_string());
                false
            }
        }
    }

    /// "Eksportér som PDF…" on Ændringer siden…: the report for the byråd.
    fn export_changes_pdf(&mut self) {
        let Some(comparison) = self.changes.comparison().cloned() else {
            return;
        };
        let name = format!(
            "{}.pdf",
            super::file_commands::file_name_for(&comparison.title)
        );
        let Some(path) = self
            .dialogs
            .save_file("Eksportér ændringer", FileKind::Pdf, &name)
        else {
            return;
        };
        match crate::comparison::export_pdf(&comparison, &path) {
            Ok((pages, warnings)) => self.pdf_saved("Rapporten".to_string(), path, pages, warnings),
            Err(e) => self.alert("Rapporten blev ikke gemt", e.to_string()),
        }
    }

    /// Godkend: the approval and a version of the plan as approved, one edit (one undo
    /// takes both back). Without its version the plan is not approved.
    fn approve(&mut self, plan: PlanId, on: Date, by: String) -> bool {
        let Some(doc) = &self.document else {
            return false;
        };
        let version = versions::version_command(
            doc,
            plan,
            &versions::approval_label(&by, Some(on)),
            &versions::user_name(),
            VersionKind::Approval,
            clock::now_moment(),
            |p| {
                p.state = PlanState::Approved;
                p.approved_on = Some(on);
                p.approved_by = by.clone();
            },
        );
        let version = match version {
            Ok(command) => command,
            Err(e) => {
                self.alert("Planen blev ikke godkendt", e.to_string());
                return false;
            }
        };
        let batch = Command::Batch(vec![
            Command::SetPlanText {
                plan,
                field: PlanField::ApprovedBy,
                value: by.clone(),
            },
            Command::SetState {
                plan,
                state: PlanState::Approved,
                approved_on: Some(on),
            },
            version,
        ]);
        self.apply_edit(batch, AfterEdit::Stay);
        let number = self
            .document
            .as_ref()
            .and_then(|d| d.versions(plan).ok())
            .and_then(|list| list.last().map(|v| v.number));
        if matches!(self.status, StatusLine::Saved(_))
            && let Some(number) = number
        {
            self.status =
                StatusLine::Saved(format!("Planen er godkendt, og version {number} er gemt"));
        }
        true
    }
}
