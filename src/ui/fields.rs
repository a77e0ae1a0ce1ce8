//! Labelled input rows shared by the screens. Each input is named by its visible label (for
//! screen readers and UI tests) and reports what the user did as an [`Action`]; nothing here
//! touches the file.

use super::action::{Action, AfterEdit};
use super::theme;
use crate::model::{Command, Date, TextTarget};
use crate::units;
use std::collections::HashMap;

/// Width of the label column of every form, so that the forms of a screen line up.
pub const LABEL_WIDTH: f32 = 150.0;

/// Width of the input column.
pub const FIELD_WIDTH: f32 = 560.0;

/// A form of labelled rows: the label column ([`LABEL_WIDTH`]) and the input column, with the
/// same spacing on every screen. `rows` draws the rows (each ends with `ui.end_row()`).
pub fn form_grid<R>(
    ui: &mut egui::Ui,
    id_salt: impl egui::AsIdSalt,
    rows: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    egui::Grid::new(id_salt)
        .num_columns(2)
        .spacing([12.0, 8.0])
        .min_col_width(LABEL_WIDTH)
        .show(ui, rows)
        .inner
}

/// The heading of a list in the goal editor (Målepunkter, Delmål, Opfølgning) with its add
/// button beside it, after a little space; true when the button was clicked.
pub fn list_heading(ui: &mut egui::Ui, title: &str, add: &str) -> bool {
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ui.strong(title);
        ui.button(add).clicked()
    })
    .inner
}

/// The buttons "Flyt {what} op" and "Flyt {what} ned" for the item at `index` of `count`
/// (each disabled where the item cannot move). Returns the position to move it to, if one was
/// clicked.
pub fn move_buttons(ui: &mut egui::Ui, what: &str, index: usize, count: usize) -> Option<usize> {
    let up = ui
        .add_enabled(index > 0, egui::Button::new(format!("Flyt {what} op")))
        .clicked();
    let down = ui
        .add_enabled(
            index + 1 < count,
            egui::Button::new(format!("Flyt {what} ned")),
        )
        .clicked();
    if up {
        index.checked_sub(1)
    } else if down {
        Some(index + 1)
    } else {
        None
    }
}

/// What a screen draws with: where the user's actions go, and the screen state of fields
/// that are not saved yet.
pub struct Form<'a> {
    /// The actions of this frame, carried out after drawing.
    pub out: &'a mut Vec<Action>,
    /// Entries not yet saved.
    pub drafts: &'a mut Drafts,
}

impl Form<'_> {
    /// An edit (one undo step), then adjust the selection.
    pub fn apply(&mut self, command: Command, then: AfterEdit) {
        self.out.push(Action::Apply(command, then));
    }

    /// A labelled text row in a two-column grid. What the user types is shown at once and
    /// saved within half a second (keystrokes are coalesced), or when the field is left; one
    /// undo step per field visit.
    pub fn text_row(
        &mut self,
        ui: &mut egui::Ui,
        label: &str,
        value: &str,
        multiline: bool,
        command: impl Fn(String) -> Command,
    ) {
        let label = ui.label(label);
        self.text_field(ui, label.id, value, multiline, FIELD_WIDTH, command);
        ui.end_row();
    }

    /// A text input labelled by the widget `label` (see [`Form::text_row`]).
    pub fn text_field(
        &mut self,
        ui: &mut egui::Ui,
        label: egui::Id,
        value: &str,
        multiline: bool,
        width: f32,
        command: impl Fn(String) -> Command,
    ) -> egui::Response {
        let target = command(String::new()).text_target();
        // One row (an indicator) may have several typed fields: the typed text belongs to
        // the field it was typed in, not to every field of the row.
        let id = ui.make_persistent_id(("tekstfelt", label));
        let typing_here = matches!(
            (&self.drafts.typing, target, &self.drafts.typed_in),
            (Some((typing, _)), Some(target), Some((field, _))) if *typing == target && *field == id
        );
        let mut text = match &self.drafts.typed_in {
            Some((_, typed)) if typing_here => typed.clone(),
            _ => value.to_owned(),
        };
        let edit = if multiline {
            egui::TextEdit::multiline(&mut text).desired_rows(3)
        } else {
            egui::TextEdit::singleline(&mut text)
        };
        let response = ui
            .add(
                edit.id(id)
                    .desired_width(width)
                    .min_size(egui::vec2(width, 0.0)),
            )
            .labelled_by(label);
        if response.changed() {
            self.drafts.typed_in = Some((id, text.clone()));
            self.out.push(Action::Type(command(text)));
        }
        if response.lost_focus() {
            self.out.push(Action::EndTyping);
        }
        response
    }

    /// A labelled date row (see [`Drafts::date_field`]); an empty field is no date.
    pub fn date_row(
        &mut self,
        ui: &mut egui::Ui,
        id_salt: impl egui::AsIdSalt,
        label: &str,
        stored: Option<Date>,
        hint: &str,
    ) -> Option<Option<Date>> {
        let label = ui.label(label);
        let value =
            self.drafts
                .date_field(ui, id_salt, label.id, stored, hint, FIELD_WIDTH / 2.0, true);
        ui.end_row();
        value
    }

    /// A labelled row saved when complete: see [`Drafts::parsed_field`].
    pub fn parsed_row<T, E: std::fmt::Display>(
        &mut self,
        ui: &mut egui::Ui,
        id_salt: impl egui::AsIdSalt,
        label: &str,
        stored: &str,
        hint: &str,
        parse: impl Fn(&str) -> Result<T, E>,
    ) -> Option<T> {
        let label = ui.label(label);
        let value = self.drafts.parsed_field(
            ui,
            id_salt,
            label.id,
            stored,
            hint,
            FIELD_WIDTH / 2.0,
            false,
            parse,
        );
        ui.end_row();
        value
    }
}

/// What the user typed into fields that are saved only when complete (years, dates, amounts),
/// why an entry was refused, and the text being typed that is not saved yet. Screen state: it
/// lives between frames, never in the file.
#[derive(Debug, Default)]
pub struct Drafts {
    texts: HashMap<egui::Id, String>,
    errors: HashMap<egui::Id, String>,
    /// The field being typed in and its text, until the editor saves it.
    pub typing: Option<(TextTarget, String)>,
    /// The input the text of `typing` was typed in, and that text.
    typed_in: Option<(egui::Id, String)>,
}

impl Drafts {
    /// A text input (labelled by `label`) whose text is read with `parse` when the user
    /// presses Enter or leaves the field. Returns the value to save; a refused entry stays in
    /// the field with the reason in red under it, and nothing is saved.
    #[allow(clippy::too_many_arguments)]
    pub fn parsed_field<T, E: std::fmt::Display>(
        &mut self,
        ui: &mut egui::Ui,
        id_salt: impl egui::AsIdSalt,
        label: egui::Id,
        stored: &str,
        hint: &str,
        width: f32,
        right: bool,
        parse: impl Fn(&str) -> Result<T, E>,
    ) -> Option<T> {
        self.field(
            ui,
            id_salt,
            label,
            (stored, hint),
            width,
            right,
            parse,
            |_: &T| None,
        )
    }

    /// A date field (deadline, follow-up, milestone, an indicator's dates) that takes every
    /// period form `units::parse_date_input` reads. While the user types, the line under it
    /// says what the text is understood as ("forstået som 2. halvår 2013"); a text that
    /// cannot be placed keeps its place with the parser's sentence under it. With `optional`,
    /// an empty field means no date (`Some(None)`).
    #[allow(clippy::too_many_arguments)]
    pub fn date_field(
        &mut self,
        ui: &mut egui::Ui,
        id_salt: impl egui::AsIdSalt,
        label: egui::Id,
        stored: Option<Date>,
        hint: &str,
        width: f32,
        optional: bool,
    ) -> Option<Option<Date>> {
        let shown = stored.map(units::format_date).unwrap_or_default();
        self.field(
            ui,
            id_salt,
            label,
            (&shown, hint),
            width,
            false,
            |text: &str| parse_period(text, optional),
            |date: &Option<Date>| date.map(units::understood_as),
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn field<T, E: std::fmt::Display>(
        &mut self,
        ui: &mut egui::Ui,
        id_salt: impl egui::AsIdSalt,
        label: egui::Id,
        (stored, hint): (&str, &str),
        width: f32,
        right: bool,
        parse: impl Fn(&str) -> Result<T, E>,
        preview: impl Fn(&T) -> Option<String>,
    ) -> Option<T> {
        let id = ui.make_persistent_id(id_salt);
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
                        .desired_width(width)
                        // In a grid the column may be narrower on the first frame: never
                        // squeeze the field below its width.
                        .min_size(egui::vec2(width, 0.0))
                        .align(if right {
                            egui::Align2::RIGHT_TOP
                        } else {
                            egui::Align2::LEFT_TOP
                        }),
                )
                .labelled_by(label);
            if response.changed() {
                self.texts.insert(id, text.clone());
                // The reason was for the text before; what is typed now gets its own line.
                self.errors.remove(&id);
            }
            if response.lost_focus() && self.texts.contains_key(&id) {
                match parse(&text) {
                    Ok(value) => {
                        self.texts.remove(&id);
                        self.errors.remove(&id);
                        committed = Some(value);
                    }
                    Err(reason) => {
                        // Text only here, where it is shown under the field.
                        self.errors.insert(id, reason.to_string());
                    }
                }
            }
            if let Some(reason) = self.errors.get(&id) {
                ui.colored_label(theme::ERROR_TEXT, reason);
            } else if let Some(typed) = self.texts.get(&id)
                && let Ok(value) = parse(typed)
                && let Some(understood) = preview(&value)
            {
                ui.colored_label(theme::HINT_TEXT, understood);
            }
        });
        committed
    }

    /// Forgets every unsaved entry (after undo, or when another plan is shown). The text
    /// being typed is not forgotten here: the editor saves it first.
    pub fn clear(&mut self) {
        self.texts.clear();
        self.errors.clear();
    }
}

/// A typed period; with `optional`, an empty text is no date.
pub fn parse_period(text: &str, optional: bool) -> Result<Option<Date>, units::DateInputError> {
    if optional && text.trim().is_empty() {
        return Ok(None);
    }
    units::parse_date_input(text).map(Some)
}

/// A gentle hint in the editor: something a printed plan would miss. Never a blocker.
pub fn hint(ui: &mut egui::Ui, text: &str) {
    ui.colored_label(theme::HINT_TEXT, format!("Tip: {text}"));
}
