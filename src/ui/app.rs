//! The editor's state and its one door for changes: widgets only describe what the user did
//! as [`Action`]s; [`App::show`] applies them after drawing, reloads the plan and reports
//! "Gemt" or the error in the status bar.

use super::action::{Action, AfterEdit, Dialog, Part, Place, TYPING_SAVE_DELAY};
use super::commands::UiCommand;
use super::dialogs::{FileDialogs, FileKind, NoDialogs};
use super::fields::{Drafts, Form};
use super::modal::{self, Modal};
use super::related::FileGoal;
use super::search::Search;
use super::{budget, clock, cover, focus_areas, intro, menu, nav, people, theme};
use crate::document::Document;
use crate::document::{Applied, DocumentError};
use crate::model::{
    Command, FocusAreaId, GoalId, Person, PersonId, Plan, PlanId, PlanState, PlanSummary,
};
use crate::recent::RecentFiles;
use crate::transfer;
use std::path::{Path, PathBuf};

/// Said in the status bar while the open file lies on a network drive (ARCHITECTURE.md,
/// `store`: two people may edit it at once).
pub const NETWORK_NOTE: &str = "Filen ligger på et netværksdrev. Kolleger kan åbne og rette i den samtidig; hver ændring gemmes med det samme, men gem jævnligt en kopi (Fil ▸ Gem en kopi som…).";

/// How often the editor looks for changes another program made to the file (seconds).
const POLL_INTERVAL: f64 = 1.0;

mod banners;
mod file_commands;
mod round_commands;
mod version_commands;

/// The last thing the status bar reports.
#[derive(Debug, Clone, PartialEq, Eq)]
enum StatusLine {
    None,
    Saved(String),
    Error(String),
}

/// Text typed but not yet saved.
#[derive(Debug)]
struct Typing {
    command: Command,
    since: f64,
}

/// The editor window: the open file, what is selected, and the status line.
pub struct App {
    file: Option<PathBuf>,
    document: Option<Document>,
    open_error: Option<String>,
    plans: Vec<PlanSummary>,
    plan: Option<Plan>,
    /// The plan the shown plan follows up on (for "Opfølgning på forrige plan").
    previous: Option<Plan>,
    people: Vec<Person>,
    part: Part,
    area: Option<FocusAreaId>,
    goal: Option<GoalId>,
    person: Option<PersonId>,
    status: StatusLine,
    pending: Vec<Action>,
    drafts: Drafts,
    typing: Option<Typing>,
    /// Whole edits that met a busy file, in order, to be tried again.
    waiting: Vec<(Command, AfterEdit)>,
    last_retry: f64,
    window: Option<Modal>,
    search: Search,
    board: super::follow_up::Board,
    mine: super::my_follow_up::MyFollowUp,
    round: super::round::RoundScreen,
    preview: super::preview::Preview,
    words: super::words::Words,
    versions: super::versions::VersionsScreen,
    changes: super::changes::ChangesScreen,
    /// The version shown read-only on every screen instead of the plan, if any.
    version: Option<crate::versions::Frozen>,
    /// Every goal of the file (for related goals), with the generation it was read in.
    file_goals: Option<(u64, Vec<FileGoal>)>,
    dialogs: Box<dyn FileDialogs>,
    recent: RecentFiles,
    seen_version: Option<i64>,
    last_poll: f64,
    now: f64,
    generation: u64,
    shown_title: String,
}

/// What the editor needs from the world besides the plan file: file dialogs and the list of
/// recent files. Tests pass their own.
pub struct Services {
    /// Native or scripted file dialogs.
    pub dialogs: Box<dyn FileDialogs>,
    /// The recent files.
    pub recent: RecentFiles,
}

impl Default for Services {
    /// No dialogs (every dialog is cancelled) and a recent list in memory only.
    fn default() -> Self {
        Services {
            dialogs: Box::new(NoDialogs),
            recent: RecentFiles::default(),
        }
    }
}

/// The text a text edit sets.
fn typed_text(command: &Command) -> Option<&str> {
    match command {
        Command::SetPlanText { value, .. }
        | Command::SetSectionText { value, .. }
        | Command::SetFocusAreaText { value, .. }
        | Command::SetGoalText { value, .. }
        | Command::SetPersonText { value, .. } => Some(value),
        Command::SetFollowUp(f) => Some(&f.text),
        // The field shows what was typed in it (`Drafts`); this says there is typing.
        Command::SetIndicator(i) => Some(&i.name),
        Command::SetMilestone(m) => Some(&m.text),
        _ => None,
    }
}

impl App {
    /// Opens `file` (if any) and shows its first plan; an error is shown in the window.
    pub fn new(file: Option<PathBuf>, services: Services) -> App {
        let mut app = App {
            file: None,
            document: None,
            open_error: None,
            plans: Vec::new(),
            plan: None,
            previous: None,
            people: Vec::new(),
            part: Part::Cover,
            area: None,
            goal: None,
            person: None,
            status: StatusLine::None,
            pending: Vec::new(),
            drafts: Drafts::default(),
            typing: None,
            waiting: Vec::new(),
            last_retry: 0.0,
            window: None,
            search: Search::default(),
            board: Default::default(),
            mine: Default::default(),
            round: Default::default(),
            preview: Default::default(),
            words: Default::default(),
            versions: Default::default(),
            changes: Default::default(),
            version: None,
            file_goals: None,
            dialogs: services.dialogs,
            recent: services.recent,
            seen_version: None,
            last_poll: 0.0,
            now: 0.0,
            generation: 0,
            shown_title: String::new(),
        };
        if let Some(path) = file {
            app.open_file(&path);
        }
        app
    }

    /// Opens the plan file at `path` with no file dialogs and no remembered files (tests).
    pub fn open(path: &Path) -> App {
        App::new(Some(path.to_path_buf()), Services::default())
    }

    /// The open file, for reading what the editor saved.
    pub fn document(&self) -> Option<&Document> {
        self.document.as_ref()
    }

    /// The open file's path.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// The plan shown.
    pub fn plan(&self) -> Option<&Plan> {
        self.plan.as_ref()
    }

    /// The recent files.
    pub fn recent(&self) -> &RecentFiles {
        &self.recent
    }

    /// The text of the status bar: "Gemt 14:03:12", a note, or the last error.
    pub fn status_text(&self) -> Option<&str> {
        match &self.status {
            StatusLine::None => None,
            StatusLine::Saved(text) | StatusLine::Error(text) => Some(text),
        }
    }

    /// The window title: the file name and the plan.
    pub fn title(&self) -> String {
        let file = self.file.as_ref().map(|f| {
            f.file_name().map_or_else(
                || f.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        });
        let version = self
            .version
            .as_ref()
            .map_or_else(String::new, |f| format!(" (version {})", f.version.number));
        match (file, &self.plan) {
            (Some(file), Some(plan)) => format!("{}{version} – {file} – virkplan", plan.title),
            (Some(file), None) => format!("{file} – virkplan"),
            (None, _) => "virkplan".into(),
        }
    }

    /// True when nothing may be changed: a file opened read-only, or a version shown.
    fn read_only(&self) -> bool {
        self.version.is_some()
            || self
                .document
                .as_ref()
                .is_none_or(|d| d.read_only().is_some())
    }

    fn locked(&self) -> bool {
        self.plan
            .as_ref()
            .is_some_and(|p| p.state == PlanState::Approved)
    }

    /// Saves what is typed but not saved yet (the window is closing).
    pub fn save_now(&mut self) {
        if self.flush_typing() {
            self.reload(None);
        }
    }

    /// Draws the whole editor into `ui`, then applies what the user did.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        super::preview::install_fonts(&ctx);
        self.now = ctx.input(|i| i.time);
        self.pending
            .extend(UiCommand::pressed(&ctx).into_iter().map(Action::Run));
        if ctx.input(|i| i.viewport().close_requested()) {
            self.save_now();
        }

        let undo_label = self.document.as_ref().and_then(Document::undo_label);
        let redo_label = self.document.as_ref().and_then(Document::redo_label);
        let has_file = self.document.is_some();
        let writable = !self.read_only();
        egui::Panel::top("menu").show(ui, |ui| {
            menu::menu_bar(
                ui,
                &mut self.pending,
                &menu::MenuState {
                    undo: undo_label,
                    redo: redo_label,
                    has_file,
                    has_plan: self.plan.is_some(),
                    writable,
                    recent: self.recent.files(),
                },
            );
        });
        self.banners(ui);
        let network = self
            .document
            .as_ref()
            .is_some_and(Document::on_network_drive);
        egui::Panel::bottom("statuslinje").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                match &self.status {
                    StatusLine::None => ui.label(""),
                    StatusLine::Saved(text) => ui.colored_label(theme::SAVED_TEXT, text),
                    StatusLine::Error(text) => ui.colored_label(theme::ERROR_TEXT, text),
                };
                if network {
                    ui.separator();
                    ui.label(NETWORK_NOTE);
                }
            });
        });
        egui::Panel::left("navigation")
            .resizable(true)
            .default_size(270.0)
            .show(ui, |ui| {
                nav::navigation(
                    ui,
                    &mut self.pending,
                    &nav::NavState {
                        plans: &self.plans,
                        plan: self.plan.as_ref(),
                        part: self.part,
                        area: self.area,
                        has_file,
                        writable,
                    },
                );
            });
        if self.search.open
            && let Some(plan) = &self.plan
        {
            egui::Panel::right("søg")
                .resizable(true)
                .default_size(320.0)
                .show(ui, |ui| {
                    self.search
                        .show(ui, &mut self.pending, plan, &self.people, self.generation);
                });
        }
        egui::CentralPanel::default().show(ui, |ui| self.central(ui));
        if let Some(window) = &mut self.window {
            modal::show(&ctx, window, &mut self.pending);
        }

        self.apply_pending(&ctx);
        self.tick(&ctx);
        let title = self.title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    /// Saves typing that has waited long enough, and looks for changes made by others.
    fn tick(&mut self, ctx: &egui::Context) {
        if !self.waiting.is_empty() {
            if self.now - self.last_retry >= POLL_INTERVAL {
                self.last_retry = self.now;
                // In order; one that is still busy goes back to the queue with the rest.
                for (command, then) in std::mem::take(&mut self.waiting) {
                    if self.waiting.is_empty() {
                        self.apply_edit(command, then);
                    } else {
                        self.waiting.push((command, then));
                    }
                }
            }
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(POLL_INTERVAL));
        }
        if let Some(typing) = &self.typing {
            let due = typing.since + TYPING_SAVE_DELAY;
            if self.now >= due {
                if self.flush_typing() {
                    self.reload(None);
                }
            } else {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(due - self.now));
            }
        }
        if self.document.is_some() {
            if self.now - self.last_poll >= POLL_INTERVAL {
                self.last_poll = self.now;
                self.poll_changes();
            }
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(POLL_INTERVAL));
        }
    }

    /// Shows what another program (a colleague's virkplan on the network drive) saved in
    /// the file since we last looked. Our own edits are all saved already, and what is being
    /// typed stays in its field.
    fn poll_changes(&mut self) {
        let Some(doc) = &self.document else { return };
        let Ok(version) = doc.data_version() else {
            return;
        };
        if self.seen_version.is_some_and(|seen| seen != version) {
            self.reload(None);
            self.status = StatusLine::Saved(format!(
                "Filen er ændret af en anden {}; ændringerne vises nu",
                clock::now_text()
            ));
        }
        self.seen_version = Some(version);
    }

    fn central(&mut self, ui: &mut egui::Ui) {
        if let Some(error) = &self.open_error {
            ui.colored_label(theme::ERROR_TEXT, error);
            return;
        }
        if self.document.is_none() {
            ui.heading("Velkommen til virkplan");
            ui.label("Åbn en planfil, eller opret en ny, fra menuen Fil.");
            ui.horizontal(|ui| {
                if ui.button(UiCommand::Open.label()).clicked() {
                    self.pending.push(Action::Run(UiCommand::Open));
                }
                if ui.button(UiCommand::NewFile.label()).clicked() {
                    self.pending.push(Action::Run(UiCommand::NewFile));
                }
            });
            return;
        }
        let Some(plan) = &self.plan else {
            ui.label("Filen har endnu ingen planer.");
            if ui
                .add_enabled(!self.read_only(), egui::Button::new("Ny plan…"))
                .clicked()
            {
                self.pending.push(Action::Run(UiCommand::NewPlan));
            }
            return;
        };
        let read_only = self.read_only();
        let locked = self.locked();
        ui.heading(self.part.title(&plan.labels));
        if self.part == Part::FocusAreas {
            self.read_file_goals();
        }
        self.locked_banner(ui);
        ui.add_space(8.0);
        let Some(plan) = &self.plan else { return };
        if self.part == Part::Print {
            let Some(doc) = &self.document else { return };
            let (id, open) = (plan.id, &self.version);
            // An open version prints as it was saved.
            self.preview.show(
                ui,
                &mut self.pending,
                plan,
                self.generation,
                || match open {
                    Some(frozen) => Ok(frozen.bundle.clone()),
                    None => transfer::load_for_pdf(doc, id),
                },
            );
            return;
        }
        match self.part {
            Part::Round => return self.show_round(ui),
            Part::Versions => return self.show_versions(ui),
            Part::Changes => return self.show_changes(ui),
            _ => {}
        }
        // People are the file's, not the plan's; follow-ups may be written on an approved plan
        // (the focus area screen locks everything else); the board only reads.
        let editable = match self.part {
            Part::FollowUp => true,
            Part::People | Part::FocusAreas => !read_only,
            Part::Print | Part::Round | Part::Versions | Part::Changes => false,
            _ => !read_only && !locked,
        };
        let mut form = Form {
            out: &mut self.pending,
            drafts: &mut self.drafts,
        };
        let no_goals = Vec::new();
        let context = super::goal::Context {
            people: &self.people,
            goals: self.file_goals.as_ref().map_or(&no_goals, |(_, g)| g),
            today: clock::today(),
            locked,
        };
        egui::ScrollArea::vertical()
            .id_salt(("skærm", self.part.label()))
            .show(ui, |ui| {
                // A locked or read-only plan must still be easy to read.
                ui.visuals_mut().disabled_alpha = 0.8;
                ui.add_enabled_ui(editable, |ui| match self.part {
                    Part::Cover => cover::show(ui, &mut form, plan, &self.plans),
                    Part::Intro => intro::show(ui, &mut form, plan),
                    Part::Budget => budget::show(ui, &mut form, plan),
                    Part::FocusAreas => {
                        focus_areas::show(ui, &mut form, plan, (self.area, self.goal), &context);
                    }
                    Part::FollowUp => {
                        self.mine.show(ui, form.out, plan, &self.people, !read_only);
                        self.board.show(ui, form.out, plan, &self.people);
                        if let Some(previous) = &self.previous {
                            ui.add_enabled_ui(!read_only && !locked, |ui| {
                                super::follow_up::review(
                                    ui,
                                    &mut form,
                                    plan,
                                    previous,
                                    &self.people,
                                );
                            });
                        }
                    }
                    Part::People => people::show(ui, &mut form, plan, &self.people, self.person),
                    Part::Words => {
                        let owner = plan
                            .goals()
                            .find_map(|(_, g)| g.owners.first())
                            .and_then(|o| self.people.iter().find(|p| p.id == *o))
                            .map(|p| p.name.as_str());
                        self.words.show(ui, &mut form, plan, owner);
                    }
                    Part::Print | Part::Round | Part::Versions | Part::Changes => {}
                });
            });
    }

    /// Carries out what the user did this frame, in order; the plan is reloaded once after.
    fn apply_pending(&mut self, ctx: &egui::Context) {
        let actions = std::mem::take(&mut self.pending);
        let mut changed = false;
        for action in actions {
            // Typed text is saved before anything else happens, so that undo, a move or
            // another file never loses it.
            if !matches!(action, Action::Type(_)) && self.flush_typing() {
                changed = true;
            }
            if self.version_refuses(&action) {
                continue;
            }
            match action {
                Action::Apply(command, then) => {
                    self.apply_edit(command, then);
                    changed = true;
                }
                Action::Type(command) => self.type_text(command),
                Action::EndTyping => {
                    if let Some(doc) = &mut self.document {
                        doc.end_typing();
                    }
                }
                Action::Run(command) => changed |= self.run(ctx, command),
                Action::OpenFile(path) => self.open_file(&path),
                Action::SelectPlan(id) => {
                    self.part = Part::Cover;
                    self.area = None;
                    self.goal = None;
                    self.drafts.clear();
                    self.reload(Some(id));
                }
                Action::SelectPart(part) => {
                    self.part = part;
                    if part == Part::FocusAreas {
                        self.area = None;
                        self.goal = None;
                        self.reload(None);
                    }
                }
                Action::SelectArea(area) => {
                    self.part = Part::FocusAreas;
                    self.area = Some(area);
                    self.goal = None;
                    self.reload(None);
                }
                Action::SelectGoal(goal) => self.goal = Some(goal),
                Action::OpenGoal(plan, goal) => self.open_goal(plan, goal),
                Action::SelectPerson(person) => self.person = Some(person),
                Action::GoTo(place) => self.go_to(place),
                Action::Ask(Dialog::Approve(plan)) => self.window = Some(Modal::approve(&plan)),
                Action::Ask(Dialog::DeletePlan { plan, title }) => {
                    self.window = Some(Modal::DeletePlan { plan, title });
                }
                Action::CloseWindow => self.window = None,
                Action::OpenInViewer(path) => {
                    if let Err(e) = self.dialogs.open_in_viewer(&path) {
                        self.alert("PDF'en kunne ikke åbnes", e.to_string());
                    }
                }
                Action::CopyPlans(chosen) => {
                    changed |= self.copy_plans(&chosen);
                }
                Action::Round(action) => changed |= self.round_action(action),
                Action::Version(action) => changed |= self.version_action(action),
            }
        }
        if changed {
            self.reload(None);
        }
    }

    /// Applies a whole edit (its own undo step: typing after it starts a new one). When the
    /// file is busy (another program is writing, a slow network drive), the edit is kept and
    /// tried again every second until it is saved: never lost.
    fn apply_edit(&mut self, command: Command, then: AfterEdit) {
        let Some(doc) = &mut self.document else {
            return;
        };
        let result = doc.apply(command.clone());
        match result {
            Ok(applied) => {
                doc.end_typing();
                self.status = StatusLine::Saved(format!("Gemt {}", clock::now_text()));
                self.reload(None);
                self.after(then, applied);
            }
            Err(DocumentError::Busy) => {
                self.status = StatusLine::Error(
                    "Ændringen venter: filen er optaget af et andet program. virkplan prøver igen hvert sekund."
                        .into(),
                );
                self.waiting.push((command, then));
            }
            Err(e) => self.status = StatusLine::Error(e.to_string()),
        }
    }

    /// Selects the new row an edit made (the id `apply` reported).
    fn after(&mut self, then: AfterEdit, applied: Applied) {
        match then {
            AfterEdit::Stay => {}
            AfterEdit::SelectAreaAt(i) => {
                self.area = self.plan_areas().get(i).copied();
                self.goal = None;
                self.reload(None);
            }
            AfterEdit::SelectGoalAt(i) => self.goal = self.area_goals().get(i).copied(),
            AfterEdit::SelectGoal(area, goal) => {
                self.area = Some(area);
                self.goal = Some(goal);
                self.reload(None);
            }
            AfterEdit::SelectNewPlan => {
                if let Some(id) = applied.plan() {
                    self.part = Part::Cover;
                    self.area = None;
                    self.goal = None;
                    self.reload(Some(id));
                }
            }
            AfterEdit::SelectNewPerson { owner_of } => {
                let Some(id) = applied.person() else {
                    return;
                };
                match owner_of {
                    Some(owner_of) => {
                        let command = owner_of.with(id);
                        if self.edit(|doc| doc.apply(command).map(|_| ())) {
                            self.reload(None);
                        }
                    }
                    None => self.person = Some(id),
                }
            }
        }
    }

    /// Keeps typed text on screen and saves it when it has waited [`TYPING_SAVE_DELAY`]
    /// (see [`App::tick`]) or another field is typed in.
    fn type_text(&mut self, command: Command) {
        let target = command.text_target();
        let same = self
            .typing
            .as_ref()
            .is_some_and(|t| t.command.text_target() == target);
        if !same && self.flush_typing() {
            self.reload(None);
        }
        let (Some(target), Some(text)) = (target, typed_text(&command)) else {
            return;
        };
        self.drafts.typing = Some((target, text.to_owned()));
        let since = self.typing.as_ref().map_or(self.now, |t| t.since);
        self.typing = Some(Typing { command, since });
    }

    /// Saves typed text now; true when something was written. When the file is busy the
    /// text stays on screen and is tried again at the next tick.
    fn flush_typing(&mut self) -> bool {
        let Some(typing) = self.typing.take() else {
            return false;
        };
        let Some(doc) = &mut self.document else {
            self.drafts.typing = None;
            return false;
        };
        match doc.apply_typing(typing.command.clone()) {
            Ok(()) => {
                self.status = StatusLine::Saved(format!("Gemt {}", clock::now_text()));
                self.drafts.typing = None;
                true
            }
            Err(DocumentError::Busy) => {
                self.status = StatusLine::Error(DocumentError::Busy.to_string());
                self.typing = Some(Typing {
                    command: typing.command,
                    since: self.now,
                });
                false
            }
            Err(e) => {
                self.status = StatusLine::Error(e.to_string());
                self.drafts.typing = None;
                false
            }
        }
    }

    /// Runs an edit on the document; true when it was saved, false when it failed (the
    /// error is in the status bar).
    fn edit(&mut self, f: impl FnOnce(&mut Document) -> crate::document::Result<()>) -> bool {
        let Some(doc) = &mut self.document else {
            return false;
        };
        match f(doc) {
            Ok(()) => {
                self.status = StatusLine::Saved(format!("Gemt {}", clock::now_text()));
                true
            }
            Err(e) => {
                self.status = StatusLine::Error(e.to_string());
                false
            }
        }
    }

    /// Shows a message in a window (for what the user must read: a file that did not open).
    fn alert(&mut self, title: &str, text: String) {
        self.status = StatusLine::Error(text.clone());
        self.window = Some(Modal::Alert {
            title: title.into(),
            text,
        });
    }

    /// Runs a menu or keyboard command; true when the file changed.
    fn run(&mut self, ctx: &egui::Context, command: UiCommand) -> bool {
        if command.writes() && self.read_only() {
            if self.version.is_some() {
                self.status = StatusLine::Error(super::versions::CLOSE_FIRST.into());
            } else if self.document.is_some() {
                self.status = StatusLine::Error(
                    "Filen er åbnet skrivebeskyttet; gem en kopi for at kunne tilføje planer."
                        .into(),
                );
            }
            return false;
        }
        match command {
            UiCommand::Undo | UiCommand::Redo => {
                // An undo changes the plan, never a version: show the plan it changes.
                self.close_version();
                let Some(doc) = &mut self.document else {
                    return false;
                };
                let result = if command == UiCommand::Undo {
                    doc.undo()
                } else {
                    doc.redo()
                };
                // Unsaved entries refer to what was shown before.
                self.drafts.clear();
                match result {
                    Ok(true) => {
                        self.status = StatusLine::Saved(format!("Gemt {}", clock::now_text()));
                        true
                    }
                    Ok(false) => false,
                    Err(e) => {
                        self.status = StatusLine::Error(e.to_string());
                        true
                    }
                }
            }
            UiCommand::NewFile => {
                self.new_file();
                false
            }
            UiCommand::Open => {
                if let Some(path) = self.dialogs.open_file("Åbn planfil", FileKind::Plan) {
                    self.open_file(&path);
                }
                false
            }
            UiCommand::SaveCopy => {
                self.save_copy();
                false
            }
            UiCommand::NewPlan => {
                self.window = Some(Modal::new_plan(self.plan.as_ref()));
                false
            }
            UiCommand::RollOver => {
                if let Some(plan) = &self.plan {
                    self.window = Some(Modal::roll_over(plan));
                }
                false
            }
            UiCommand::ImportPlans => {
                self.choose_plans_to_copy();
                false
            }
            UiCommand::ImportJson => self.import_json(),
            UiCommand::SaveVersion => {
                self.ask_save_version();
                false
            }
            UiCommand::ExportJson => {
                self.export_json();
                false
            }
            UiCommand::Preview => {
                self.part = Part::Print;
                false
            }
            UiCommand::ExportPdf => {
                self.export_pdf();
                false
            }
            UiCommand::Find => {
                self.search.open_and_focus();
                false
            }
            UiCommand::Quit => {
                self.save_now();
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                false
            }
            UiCommand::About => {
                self.window = Some(Modal::About);
                false
            }
        }
    }

    /// Opens the search panel with `query` typed (as Ctrl+F and typing would).
    pub fn search_for(&mut self, query: &str) {
        self.search.open_and_focus();
        self.search.set_query(query);
    }

    /// Shows a place of the plan (a part, a focus area, a goal, a person), as a search hit
    /// or a click in the navigation panel does.
    pub fn go_to(&mut self, place: Place) {
        match place {
            Place::Part(part) => self.part = part,
            Place::Area(area) => {
                self.part = Part::FocusAreas;
                self.area = Some(area);
                self.goal = None;
                self.reload(None);
            }
            Place::Goal(area, goal) => {
                self.part = Part::FocusAreas;
                self.area = Some(area);
                self.goal = Some(goal);
                self.reload(None);
            }
            Place::Person(person) => {
                self.part = Part::People;
                self.person = Some(person);
            }
        }
    }

    /// Shows a goal of any plan of the file (a related goal): that plan, its focus area, it.
    fn open_goal(&mut self, plan: PlanId, goal: GoalId) {
        if self.plan.as_ref().is_none_or(|p| p.id != plan) {
            self.drafts.clear();
            self.reload(Some(plan));
        }
        let area = self.plan.as_ref().and_then(|p| {
            p.focus_areas
                .iter()
                .find(|a| a.goals.iter().any(|g| g.id == goal))
                .map(|a| a.id)
        });
        if let Some(area) = area {
            self.go_to(Place::Goal(area, goal));
        }
    }

    /// Reads every goal of the file for the list of related goals, once per reload: the
    /// shown plan as loaded, the others from the file.
    fn read_file_goals(&mut self) {
        if self
            .file_goals
            .as_ref()
            .is_some_and(|(generation, _)| *generation == self.generation)
        {
            return;
        }
        let (Some(doc), Some(shown)) = (&self.document, &self.plan) else {
            return;
        };
        let (goals, error) = super::related::read(doc, &self.plans, shown);
        if let Some(e) = error {
            self.status = StatusLine::Error(e.to_string());
        }
        self.file_goals = Some((self.generation, goals));
    }

    fn plan_areas(&self) -> Vec<FocusAreaId> {
        self.plan
            .as_ref()
            .map(|p| p.focus_areas.iter().map(|a| a.id).collect())
            .unwrap_or_default()
    }

    fn area_goals(&self) -> Vec<GoalId> {
        self.plan
            .as_ref()
            .and_then(|p| p.focus_areas.iter().find(|a| Some(a.id) == self.area))
            .map(|a| a.goals.iter().map(|g| g.id).collect())
            .unwrap_or_default()
    }

    /// Reads the plan list, the people and the selected plan (or `select`) again from the
    /// file, and keeps the selection valid.
    fn reload(&mut self, select: Option<PlanId>) {
        let Some(doc) = &self.document else {
            return;
        };
        let wanted = select.or(self.plan.as_ref().map(|p| p.id));
        let loaded = doc.list_plans().and_then(|plans| {
            // Without a choice, the newest plan: the one people work on.
            let newest = plans
                .iter()
                .max_by_key(|p| (p.period.end, p.period.start, p.id))
                .map(|p| p.id);
            let id = wanted
                .filter(|id| plans.iter().any(|p| p.id == *id))
                .or(newest);
            let plan = id.map(|id| doc.load_plan(id)).transpose()?;
            let previous = plan
                .as_ref()
                .and_then(|p| p.previous)
                .map(|id| doc.load_plan(id))
                .transpose()?;
            let people = doc.people()?;
            Ok((plans, plan, previous, people))
        });
        match loaded {
            Ok((plans, plan, previous, people)) => {
                self.plans = plans;
                // An open version is shown in place of the plan.
                (self.plan, self.previous, self.people) = self.shown(plan, previous, people);
                self.generation += 1;
            }
            Err(e) => {
                self.status = StatusLine::Error(e.to_string());
                return;
            }
        }
        let areas = self.plan_areas();
        if !self.area.is_some_and(|a| areas.contains(&a)) {
            self.area = areas.first().copied();
        }
        let goals = self.area_goals();
        if !self.goal.is_some_and(|g| goals.contains(&g)) {
            self.goal = goals.first().copied();
        }
        if !self
            .person
            .is_some_and(|p| self.people.iter().any(|x| x.id == p))
        {
            self.person = self.people.first().map(|p| p.id);
        }
    }
}

impl Drop for App {
    /// Typed text not yet saved is saved when the editor goes away.
    fn drop(&mut self) {
        self.flush_typing();
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}
