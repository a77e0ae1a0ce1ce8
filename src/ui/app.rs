//! The editor's state and its one door for changes: widgets only describe what the user did
//! as [`Action`]s; [`App::show`] applies them after drawing, reloads the plan and reports
//! "Gemt" or the error in the status bar.

use super::commands::UiCommand;
use super::fields::Drafts;
use super::{clock, cover, focus_areas, menu, nav, theme};
use crate::document::Document;
use crate::model::{Command, FocusAreaId, GoalId, Plan, PlanId, PlanSummary};
use std::path::{Path, PathBuf};

/// A part of the selected plan, as listed in the navigation panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Forside: the plan's metadata.
    Cover,
    /// Indsatsområder with their goals (the selected focus area is [`App`]'s).
    FocusAreas,
}

impl Part {
    /// The Danish name in the navigation panel and as the screen's heading.
    pub fn label(self) -> &'static str {
        match self {
            Part::Cover => "Forside",
            Part::FocusAreas => "Indsatsområder",
        }
    }
}

/// What to select once an edit is applied and the plan reloaded (a new row's id is known
/// only then).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// Keep the selection.
    Stay,
    /// Select the focus area at this position.
    SelectAreaAt(usize),
    /// Select the goal at this position of the selected focus area.
    SelectGoalAt(usize),
}

/// Something the user did, collected while drawing and carried out afterwards in
/// [`App::show`]: the only place where the file changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// An edit, one undo step; then adjust the selection.
    Apply(Command, Then),
    /// A text edit while typing: merged with the previous edit of the same field.
    Type(Command),
    /// The user left a text field: the next edit starts a new undo step.
    EndTyping,
    /// A menu or keyboard command.
    Run(UiCommand),
    /// Show another plan of the file.
    SelectPlan(PlanId),
    /// Show another part of the plan.
    SelectPart(Part),
    /// Show a focus area.
    SelectArea(FocusAreaId),
    /// Show a goal's editor.
    SelectGoal(GoalId),
}

/// The last thing the status bar reports.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Status {
    None,
    Saved(String),
    Error(String),
}

/// The editor window: the open file, what is selected, and the status line.
pub struct App {
    file: Option<PathBuf>,
    document: Option<Document>,
    open_error: Option<String>,
    plans: Vec<PlanSummary>,
    plan: Option<Plan>,
    part: Part,
    area: Option<FocusAreaId>,
    goal: Option<GoalId>,
    status: Status,
    pending: Vec<Action>,
    drafts: Drafts,
    about_open: bool,
    shown_title: String,
}

impl App {
    /// Opens `file` (if any) and shows its first plan; an error is shown in the window.
    pub fn new(file: Option<PathBuf>) -> App {
        let mut app = App {
            file: None,
            document: None,
            open_error: None,
            plans: Vec::new(),
            plan: None,
            part: Part::Cover,
            area: None,
            goal: None,
            status: Status::None,
            pending: Vec::new(),
            drafts: Drafts::default(),
            about_open: false,
            shown_title: String::new(),
        };
        if let Some(path) = file {
            app.file = Some(path.clone());
            match Document::open(&path) {
                Ok(doc) => {
                    app.document = Some(doc);
                    app.reload(None);
                }
                Err(e) => app.open_error = Some(e.to_string()),
            }
        }
        app
    }

    /// Opens the plan file at `path` (see [`App::new`]).
    pub fn open(path: &Path) -> App {
        App::new(Some(path.to_path_buf()))
    }

    /// The open file, for reading what the editor saved.
    pub fn document(&self) -> Option<&Document> {
        self.document.as_ref()
    }

    /// The text of the status bar: "Gemt 14:03:12", a note, or the last error.
    pub fn status_text(&self) -> Option<&str> {
        match &self.status {
            Status::None => None,
            Status::Saved(text) | Status::Error(text) => Some(text),
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
        match (file, &self.plan) {
            (Some(file), Some(plan)) => format!("{} – {file} – virkplan", plan.title),
            (Some(file), None) => format!("{file} – virkplan"),
            (None, _) => "virkplan".into(),
        }
    }

    fn read_only(&self) -> bool {
        self.document
            .as_ref()
            .is_none_or(|d| d.store().read_only().is_some())
    }

    /// Draws the whole editor into `ui`, then applies what the user did.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.pending
            .extend(UiCommand::pressed(&ctx).into_iter().map(Action::Run));

        let undo_label = self.document.as_ref().and_then(Document::undo_label);
        let redo_label = self.document.as_ref().and_then(Document::redo_label);
        egui::Panel::top("menu").show(ui, |ui| {
            menu::menu_bar(ui, &mut self.pending, undo_label, redo_label);
        });
        if let Some(reason) = self.document.as_ref().and_then(|d| d.store().read_only()) {
            egui::Panel::top("skrivebeskyttet")
                .frame(
                    egui::Frame::new()
                        .fill(theme::BANNER_FILL)
                        .inner_margin(8.0),
                )
                .show(ui, |ui| {
                    ui.colored_label(theme::BANNER_TEXT, reason.message());
                });
        }
        egui::Panel::bottom("statuslinje").show(ui, |ui| {
            match &self.status {
                Status::None => ui.label(""),
                Status::Saved(text) => ui.colored_label(theme::SAVED_TEXT, text),
                Status::Error(text) => ui.colored_label(theme::ERROR_TEXT, text),
            };
        });
        egui::Panel::left("navigation")
            .resizable(true)
            .default_size(260.0)
            .show(ui, |ui| {
                nav::navigation(
                    ui,
                    &mut self.pending,
                    &self.plans,
                    self.plan.as_ref(),
                    self.part,
                    self.area,
                );
            });
        let read_only = self.read_only();
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.add_enabled_ui(!read_only, |ui| self.central(ui));
            });
        });
        if self.about_open {
            let mut open = true;
            egui::Window::new("Om virkplan")
                .open(&mut open)
                .collapsible(false)
                .resizable(false)
                .show(&ctx, |ui| {
                    ui.label(format!("virkplan version {}", env!("CARGO_PKG_VERSION")));
                    ui.label("Virksomhedsplaner for danske kommuner: skriv, følg op og udskriv.");
                });
            self.about_open = open;
        }

        self.apply_pending(&ctx);
        let title = self.title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    fn central(&mut self, ui: &mut egui::Ui) {
        if let Some(error) = &self.open_error {
            ui.colored_label(theme::ERROR_TEXT, error);
            return;
        }
        if self.document.is_none() {
            ui.label("Ingen fil er åbnet. Start virkplan med en fil: virkplan FIL.sqlite");
            return;
        }
        let Some(plan) = &self.plan else {
            ui.label("Filen har endnu ingen planer.");
            return;
        };
        ui.heading(self.part.label());
        ui.add_space(8.0);
        match self.part {
            Part::Cover => cover::show(ui, &mut self.pending, &mut self.drafts, plan),
            Part::FocusAreas => focus_areas::show(
                ui,
                &mut self.pending,
                &mut self.drafts,
                plan,
                self.area,
                self.goal,
            ),
        }
    }

    /// Carries out what the user did this frame, in order; the plan is reloaded once after.
    fn apply_pending(&mut self, ctx: &egui::Context) {
        let actions = std::mem::take(&mut self.pending);
        let mut then = None;
        let mut changed = false;
        for action in actions {
            match action {
                Action::Apply(command, after) => {
                    if self.edit(|doc| doc.apply(command)) {
                        then = Some(after);
                    }
                    changed = true;
                }
                Action::Type(command) => {
                    self.edit(|doc| doc.apply_typing(command));
                    changed = true;
                }
                Action::EndTyping => {
                    if let Some(doc) = &mut self.document {
                        doc.end_typing();
                    }
                }
                Action::Run(command) => changed |= self.run(ctx, command),
                Action::SelectPlan(id) => {
                    self.part = Part::Cover;
                    self.area = None;
                    self.goal = None;
                    self.drafts.clear();
                    self.reload(Some(id));
                }
                Action::SelectPart(part) => self.part = part,
                Action::SelectArea(area) => {
                    self.part = Part::FocusAreas;
                    self.area = Some(area);
                    self.goal = None;
                    self.reload(None);
                }
                Action::SelectGoal(goal) => self.goal = Some(goal),
            }
        }
        if changed {
            self.reload(None);
            match then {
                Some(Then::SelectAreaAt(i)) => {
                    self.area = self.plan_areas().get(i).copied();
                    self.goal = None;
                    self.reload(None);
                }
                Some(Then::SelectGoalAt(i)) => {
                    self.goal = self.area_goals().get(i).copied();
                }
                Some(Then::Stay) | None => {}
            }
        }
    }

    /// Runs an edit on the document; true when it was saved, false when it failed (the
    /// error is in the status bar).
    fn edit(&mut self, f: impl FnOnce(&mut Document) -> crate::store::Result<()>) -> bool {
        let Some(doc) = &mut self.document else {
            return false;
        };
        match f(doc) {
            Ok(()) => {
                self.status = Status::Saved(format!("Gemt {}", clock::now_text()));
                true
            }
            Err(e) => {
                self.status = Status::Error(e.to_string());
                false
            }
        }
    }

    /// Runs a menu or keyboard command; true when the file changed.
    fn run(&mut self, ctx: &egui::Context, command: UiCommand) -> bool {
        match command {
            UiCommand::Undo | UiCommand::Redo => {
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
                        self.status = Status::Saved(format!("Gemt {}", clock::now_text()));
                        true
                    }
                    Ok(false) => false,
                    Err(e) => {
                        self.status = Status::Error(e.to_string());
                        true
                    }
                }
            }
            UiCommand::Quit => {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                false
            }
            UiCommand::About => {
                self.about_open = true;
                false
            }
        }
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

    /// Reads the plan list and the selected plan (or `select`) again from the file, and
    /// keeps the selection valid.
    fn reload(&mut self, select: Option<PlanId>) {
        let Some(doc) = &self.document else {
            return;
        };
        let wanted = select.or(self.plan.as_ref().map(|p| p.id));
        let loaded = doc.store().list_plans().and_then(|plans| {
            let id = wanted
                .filter(|id| plans.iter().any(|p| p.id == *id))
                .or(plans.first().map(|p| p.id));
            let plan = id.map(|id| doc.store().load_plan(id)).transpose()?;
            Ok((plans, plan))
        });
        match loaded {
            Ok((plans, plan)) => {
                self.plans = plans;
                self.plan = plan;
            }
            Err(e) => {
                self.status = Status::Error(e.to_string());
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
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}
