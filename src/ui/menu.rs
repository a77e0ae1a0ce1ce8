//! The menu bar: Fil, Rediger, Hjælp. Each item runs a [`UiCommand`], as its shortcut does.

use super::action::Action;
use super::commands::UiCommand;
use std::path::PathBuf;

/// What the menu needs to know to enable its items.
pub struct MenuState<'a> {
    /// The edit Fortryd would reverse ("ret mål").
    pub undo: Option<&'a str>,
    /// The edit Gentag would repeat.
    pub redo: Option<&'a str>,
    /// A file is open.
    pub has_file: bool,
    /// A plan is shown.
    pub has_plan: bool,
    /// The open file can be changed.
    pub writable: bool,
    /// The recent files, newest first.
    pub recent: &'a [PathBuf],
}

/// One menu item for a command, with its label (and extra words, "Fortryd ret mål") and
/// its first shortcut.
fn item(
    ui: &mut egui::Ui,
    out: &mut Vec<Action>,
    command: UiCommand,
    detail: Option<&str>,
    enabled: bool,
) {
    let text = match detail {
        Some(detail) => format!("{} {detail}", command.label()),
        None => command.label().to_owned(),
    };
    let mut button = egui::Button::new(text);
    if let Some(shortcut) = command.shortcuts().first() {
        button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
    }
    if ui.add_enabled(enabled, button).clicked() {
        out.push(Action::Run(command));
    }
}

/// Draws the menu bar.
pub fn menu_bar(ui: &mut egui::Ui, out: &mut Vec<Action>, state: &MenuState<'_>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("Fil", |ui| {
            item(ui, out, UiCommand::NewFile, None, true);
            item(ui, out, UiCommand::Open, None, true);
            ui.menu_button("Seneste filer", |ui| {
                if state.recent.is_empty() {
                    ui.label("Ingen endnu");
                }
                for path in state.recent {
                    if ui.button(path.display().to_string()).clicked() {
                        out.push(Action::OpenFile(path.clone()));
                    }
                }
            });
            item(ui, out, UiCommand::SaveCopy, None, state.has_file);
            ui.separator();
            item(
                ui,
                out,
                UiCommand::NewPlan,
                None,
                state.has_file && state.writable,
            );
            item(
                ui,
                out,
                UiCommand::RollOver,
                None,
                state.has_plan && state.writable,
            );
            item(
                ui,
                out,
                UiCommand::ImportPlans,
                None,
                state.has_file && state.writable,
            );
            item(
                ui,
                out,
                UiCommand::ImportJson,
                None,
                state.has_file && state.writable,
            );
            item(
                ui,
                out,
                UiCommand::SaveVersion,
                None,
                state.has_plan && state.writable,
            );
            item(ui, out, UiCommand::ExportJson, None, state.has_plan);
            item(ui, out, UiCommand::Preview, None, state.has_plan);
            item(ui, out, UiCommand::ExportPdf, None, state.has_plan);
            ui.separator();
            item(ui, out, UiCommand::Quit, None, true);
        });
        ui.menu_button("Rediger", |ui| {
            item(ui, out, UiCommand::Undo, state.undo, state.undo.is_some());
            item(ui, out, UiCommand::Redo, state.redo, state.redo.is_some());
            ui.separator();
            item(ui, out, UiCommand::Find, None, state.has_plan);
        });
        ui.menu_button("Hjælp", |ui| {
            item(ui, out, UiCommand::About, None, true);
        });
    });
}
