//! The preview windows of "Indlæs svar…": one per returned workbook, before anything is
//! written. Each goal with its new status, date, text and figures beside what it had, the
//! problems that stop the workbook (sheet, row, column, value) and the notes that do not;
//! "Indlæs" writes the workbook as one undo step, and only a workbook without problems can be.

use super::action::{Action, RoundAction};
use super::theme;
use crate::followup::{GoalPreview, Preview};
use crate::model::{Plan, Status};
use crate::rounds::RoundError;
use crate::units::{self, format_date, format_figure};
use std::path::PathBuf;

/// A returned workbook read in: where it is, and its preview or why it cannot be read at all
/// (another plan file, a closed round, not a virkplan workbook: the Danish sentence).
#[derive(Debug)]
pub struct Loaded {
    /// The workbook.
    pub path: PathBuf,
    /// Its answers set against the plan, or the reason nothing of it can be read in.
    pub result: Result<Preview, RoundError>,
}

impl Loaded {
    /// The window's title: whose answers, or the file's name.
    fn title(&self) -> String {
        match &self.result {
            Ok(p) => format!("Svar fra {}", p.person_name),
            Err(_) => {
                let name = self.path.file_name().map_or_else(
                    || self.path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                format!("Kan ikke indlæses: {name}")
            }
        }
    }
}

/// Draws a window for each workbook read in; `writable` is false for a read-only file.
pub fn windows(
    ctx: &egui::Context,
    out: &mut Vec<Action>,
    loaded: &[Loaded],
    plan: &Plan,
    writable: bool,
) {
    for (i, l) in loaded.iter().enumerate() {
        let offset = 28.0 * i as f32;
        egui::Window::new(l.title())
            .id(egui::Id::unique(("svar", i, &l.path)))
            .default_pos(egui::pos2(440.0 + offset, 120.0 + offset))
            .default_width(620.0)
            .collapsible(false)
            .show(ctx, |ui| match &l.result {
                Ok(preview) => window(ui, out, i, preview, plan, writable),
                Err(reason) => {
                    ui.colored_label(theme::ERROR_TEXT, reason.to_string());
                    ui.add_space(6.0);
                    if ui.button("Luk").clicked() {
                        out.push(Action::Round(RoundAction::ClosePreview(i)));
                    }
                }
            });
    }
}

/// One workbook's preview.
fn window(
    ui: &mut egui::Ui,
    out: &mut Vec<Action>,
    index: usize,
    preview: &Preview,
    plan: &Plan,
    writable: bool,
) {
    ui.label(format!(
        "«{}», runden «{}»",
        preview.workbook, preview.round_name
    ));
    if let Some(on) = preview.already {
        ui.colored_label(
            theme::HINT_TEXT,
            format!(
                "Svarene er allerede indlæst den {}; intet tilføjes igen.",
                format_date(on)
            ),
        );
    }
    if !preview.problems.is_empty() {
        ui.colored_label(
            theme::ERROR_TEXT,
            match preview.problems.len() {
                1 => "Regnearket har 1 fejl og kan ikke indlæses, før den er rettet i \
                      regnearket. Intet af det indlæses før da:"
                    .to_owned(),
                n => format!(
                    "Regnearket har {n} fejl og kan ikke indlæses, før de er rettet i \
                     regnearket. Intet af det indlæses før da:"
                ),
            },
        );
        for problem in &preview.problems {
            ui.colored_label(theme::ERROR_TEXT, format!("• {problem}"));
        }
    }
    ui.add_space(4.0);
    if preview.goals.is_empty() {
        ui.label("Regnearket har ingen udfyldte svar; der er intet at indlæse.");
    }
    // The answers scroll; the buttons under them stay in view however many goals there are.
    egui::ScrollArea::vertical()
        .id_salt(("svarene", index))
        .max_height(360.0)
        .show(ui, |ui| {
            for goal in &preview.goals {
                ui.separator();
                goal_preview(ui, plan, goal);
            }
            if !preview.notes.is_empty() {
                ui.separator();
                for note in &preview.notes {
                    ui.colored_label(theme::HINT_TEXT, note);
                }
            }
        });
    ui.separator();
    ui.horizontal(|ui| {
        let can = writable && preview.can_write() && !preview.goals.is_empty();
        let why = if !writable {
            "Filen er åbnet skrivebeskyttet."
        } else if !preview.problems.is_empty() {
            "Ret fejlene i regnearket, og indlæs det igen."
        } else if preview.already.is_some() {
            "Svarene er allerede indlæst."
        } else {
            "Der er intet at indlæse."
        };
        let count = preview.goals.len();
        if ui
            .add_enabled(can, egui::Button::new("Indlæs"))
            .on_hover_text(format!(
                "Tilføjer {count} opfølgning(er) som ét trin, der kan fortrydes med Ctrl+Z."
            ))
            .on_disabled_hover_text(why)
            .clicked()
        {
            out.push(Action::Round(RoundAction::Receive(index)));
        }
        if ui.button("Luk").clicked() {
            out.push(Action::Round(RoundAction::ClosePreview(index)));
        }
    });
}

/// What one goal gets, beside what it had.
fn goal_preview(ui: &mut egui::Ui, plan: &Plan, goal: &GoalPreview) {
    ui.horizontal_wrapped(|ui| {
        ui.strong(format!("{} {}", plan.labels.goal(), goal.number));
        ui.label(units::shorten(&goal.text, 140));
    });
    let f = &goal.follow_up;
    egui::Grid::new(("svar for mål", goal.goal.0))
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            ui.label("Ny status");
            ui.label(match f.status {
                Some(s) => format!(
                    "{} (før: {})",
                    s.label(),
                    Status::label_of(goal.status_before)
                ),
                None => format!("uændret ({})", Status::label_of(goal.status_before)),
            });
            ui.end_row();
            ui.label("Dato");
            ui.label(format_date(f.date));
            ui.end_row();
            ui.label("Opfølgning");
            if f.text.trim().is_empty() {
                ui.colored_label(theme::HINT_TEXT, "ingen tekst");
            } else {
                ui.label(&f.text);
            }
            ui.end_row();
            for figure in &goal.figures {
                ui.label(&figure.name);
                let before = figure
                    .before
                    .map_or_else(|| "intet".to_owned(), |n| format_figure(n, &figure.unit));
                ui.label(format!(
                    "{} (før: {before})",
                    format_figure(figure.new, &figure.unit)
                ));
                ui.end_row();
            }
            ui.label("Seneste opfølgning før");
            match &goal.latest_before {
                Some(before) => ui.label(format!(
                    "{}: {}",
                    format_date(before.date),
                    units::shorten(&before.text, 160)
                )),
                None => ui.label("ingen"),
            };
            ui.end_row();
        });
}
