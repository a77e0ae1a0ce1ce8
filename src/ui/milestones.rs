//! The goal editor's delmål (milestones): a list in the user's order, each with a tick box
//! (opfyldt), its text and its period; add, remove, reorder. Each change is one command; the
//! text is typed and merged into one undo step per visit (`TextTarget::Milestone`).

use super::action::AfterEdit;
use super::fields::{Form, move_buttons};
use super::theme;
use crate::model::{Command, Goal, Milestone};

/// The text of a new milestone; the user types over it.
const NEW_MILESTONE: &str = "Nyt delmål";

/// The Delmål section of the goal editor; `today` decides which are overdue.
pub fn section(ui: &mut egui::Ui, form: &mut Form<'_>, goal: &Goal, today: crate::model::Date) {
    if super::fields::list_heading(ui, "Delmål", "Tilføj delmål") {
        form.apply(
            Command::InsertMilestone {
                goal: goal.id,
                index: goal.milestones.len(),
                milestone: Milestone {
                    text: NEW_MILESTONE.into(),
                    ..Milestone::default()
                },
            },
            AfterEdit::Stay,
        );
    }
    if goal.milestones.is_empty() {
        ui.label("Målet har ingen delmål.");
    }
    let count = goal.milestones.len();
    for (i, m) in goal.milestones.iter().enumerate() {
        ui.push_id(("delmål", m.id), |ui| {
            ui.horizontal(|ui| {
                let mut done = m.done;
                if ui
                    .checkbox(&mut done, format!("Delmål {} opfyldt", i + 1))
                    .changed()
                {
                    form.apply(
                        Command::SetMilestone(Milestone { done, ..m.clone() }),
                        AfterEdit::Stay,
                    );
                }
                let label = ui.label(format!("Delmål {}", i + 1));
                let row = m.clone();
                form.text_field(ui, label.id, &m.text, false, 320.0, move |text| {
                    Command::SetMilestone(Milestone {
                        text,
                        ..row.clone()
                    })
                });
                let when = ui.label("Delmålets tid");
                if let Some(date) = form
                    .drafts
                    .date_field(
                        ui,
                        ("delmålstid", m.id),
                        when.id,
                        m.date,
                        "fx 2. kvartal 2013",
                        150.0,
                        true,
                    )
                    .filter(|d| *d != m.date)
                {
                    form.apply(
                        Command::SetMilestone(Milestone { date, ..m.clone() }),
                        AfterEdit::Stay,
                    );
                }
                if let Some(to) = move_buttons(ui, "delmål", i, count) {
                    form.apply(
                        Command::MoveMilestone {
                            milestone: m.id,
                            index: to,
                        },
                        AfterEdit::Stay,
                    );
                }
                if ui.button("Slet delmål").clicked() {
                    form.apply(Command::DeleteMilestone(m.id), AfterEdit::Stay);
                }
                if m.is_overdue(today) {
                    ui.colored_label(theme::ERROR_TEXT, "overskredet");
                }
            });
        });
    }
}
