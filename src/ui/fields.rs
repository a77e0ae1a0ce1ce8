//! Labelled input rows shared by the screens. Each input is named by its visible label (for
//! screen readers and UI tests) and reports what the user did as an [`Action`]; nothing here
//! touches the file.

use super::app::Action;
use super::theme;
use crate::model::Command;
use std::collections::HashMap;

/// Width of the input column.
pub const FIELD_WIDTH: f32 = 520.0;

/// A labelled text row in a two-column grid: every change is saved at once as typing (one
/// undo step per field visit); leaving the field ends the step.
pub fn text_row(
    ui: &mut egui::Ui,
    out: &mut Vec<Action>,
    label: &str,
    value: &str,
    multiline: bool,
    command: impl FnOnce(String) -> Command,
) {
    let label = ui.label(label);
    let mut text = value.to_owned();
    let edit = if multiline {
        egui::TextEdit::multiline(&mut text).desired_rows(3)
    } else {
        egui::TextEdit::singleline(&mut text)
    };
    let response = ui
        .add(edit.desired_width(FIELD_WIDTH))
        .labelled_by(label.id);
    if response.changed() {
        out.push(Action::Type(command(text)));
    }
    if response.lost_focus() {
        out.push(Action::EndTyping);
    }
    ui.end_row();
}

/// What the user typed into fields that are saved only when complete (years, dates), and why
/// an entry was refused. Screen state: it lives between frames, never in the file.
#[derive(Debug, Default)]
pub struct Drafts {
    texts: HashMap<egui::Id, String>,
    errors: HashMap<egui::Id, String>,
}

impl Drafts {
    /// A labelled row whose text is read with `parse` when the user presses Enter or leaves
    /// the field. Returns the value to save; a refused entry stays in the field with the
    /// reason in red under it, and nothing is saved.
    pub fn parsed_row<T>(
        &mut self,
        ui: &mut egui::Ui,
        id_salt: impl egui::AsIdSalt,
        label: &str,
        stored: &str,
        hint: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let id = ui.make_persistent_id(id_salt);
        let label = ui.label(label);
        let mut text = self
            .texts
            .get(&id)
            .cloned()
            .unwrap_or_else(|| stored.to_owned());
        let mut committed = None;
        ui.vertical(|ui| {
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut text)
                        .id(id)
                        .hint_text(hint)
                        .desired_width(FIELD_WIDTH / 2.0),
                )
                .labelled_by(label.id);
            if response.changed() {
                self.texts.insert(id, text.clone());
            }
            if response.lost_focus() && self.texts.contains_key(&id) {
                match parse(&text) {
                    Ok(value) => {
                        self.texts.remove(&id);
                        self.errors.remove(&id);
                        committed = Some(value);
                    }
                    Err(reason) => {
                        self.errors.insert(id, reason);
                    }
                }
            }
            if let Some(reason) = self.errors.get(&id) {
                ui.colored_label(theme::ERROR_TEXT, reason);
            }
        });
        ui.end_row();
        committed
    }

    /// Forgets every unsaved entry (after undo, or when another plan is shown).
    pub fn clear(&mut self) {
        self.texts.clear();
        self.errors.clear();
    }
}
