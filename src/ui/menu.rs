//! The menu bar: Fil, Rediger, Hjælp. Each item runs a [`UiCommand`], as its shortcut does.

use super::app::Action;
use super::commands::UiCommand;

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

/// Draws the menu bar; `undo` and `redo` name the edits that Fortryd and Gentag would
/// reverse or repeat.
pub fn menu_bar(ui: &mut egui::Ui, out: &mut Vec<Action>, undo: Option<&str>, redo: Option<&str>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("Fil", |ui| {
            item(ui, out, UiCommand::Quit, None, true);
        });
        ui.menu_button("Rediger", |ui| {
            item(ui, out, UiCommand::Undo, undo, undo.is_some());
            item(ui, out, UiCommand::Redo, redo, redo.is_some());
            ui.separator();
        });
        ui.menu_button("Hjælp", |ui| {
            item(ui, out, UiCommand::About, None, true);
        });
    });
}
