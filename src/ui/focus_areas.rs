//! The Indsatsområder screen: one focus area with its numbered goals, and the editor of the
//! selected goal (Mål, Uddybning, Dokumentation, Status, Frist).

use super::app::{Action, Then};
use super::fields::{Drafts, text_row};
use super::theme;
use crate::model::{
    Command, FocusArea, FocusAreaField, FocusAreaId, Goal, GoalField, GoalId, Plan, Status,
};
use crate::units;

/// The text of a new focus area; the user types over it.
const NEW_AREA: &str = "Nyt indsatsområde";
/// The text of a new goal; the user types over it.
const NEW_GOAL: &str = "Nyt mål";

/// A goal's text shortened for its line in the list.
fn short(text: &str) -> String {
    const MAX: usize = 80;
    let first = text.lines().next().unwrap_or_default();
    if first.chars().count() > MAX {
        format!("{}…", first.chars().take(MAX).collect::<String>())
    } else {
        first.to_owned()
    }
}

/// A small dot in the goal's status colour (drawn: the built-in fonts have no "●").
fn status_dot(ui: &mut egui::Ui, status: Option<Status>) {
    let size = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    ui.painter()
        .circle_filled(rect.center(), size * 0.3, theme::status_colour(status));
}

/// Reads a deadline as typed; an empty field means no deadline.
fn parse_deadline(text: &str) -> Result<Option<crate::model::Date>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    units::parse_date_input(text)
        .map(Some)
        .map_err(|e| e.to_string())
}

/// Draws the screen for the selected focus area (`area`) and goal (`goal`) of `plan`.
pub fn show(
    ui: &mut egui::Ui,
    out: &mut Vec<Action>,
    drafts: &mut Drafts,
    plan: &Plan,
    area: Option<FocusAreaId>,
    goal: Option<GoalId>,
) {
    let new_area = |index| {
        Action::Apply(
            Command::InsertFocusArea {
                plan: plan.id,
                index,
                area: FocusArea {
                    title: NEW_AREA.into(),
                    ..FocusArea::default()
                },
            },
            Then::SelectAreaAt(index),
        )
    };
    let Some((index, area)) = plan
        .focus_areas
        .iter()
        .enumerate()
        .find(|(_, a)| Some(a.id) == area)
    else {
        ui.label("Planen har endnu ingen indsatsområder.");
        if ui.button("Tilføj indsatsområde").clicked() {
            out.push(new_area(0));
        }
        return;
    };
    let count = plan.focus_areas.len();
    ui.horizontal(|ui| {
        ui.strong(format!("Indsatsområde {}", index + 1));
        if ui.button("Tilføj indsatsområde").clicked() {
            out.push(new_area(index + 1));
        }
        if ui
            .add_enabled(index > 0, egui::Button::new("Flyt indsatsområde op"))
            .clicked()
        {
            let command = Command::MoveFocusArea {
                area: area.id,
                index: index - 1,
            };
            out.push(Action::Apply(command, Then::Stay));
        }
        if ui
            .add_enabled(
                index + 1 < count,
                egui::Button::new("Flyt indsatsområde ned"),
            )
            .clicked()
        {
            let command = Command::MoveFocusArea {
                area: area.id,
                index: index + 1,
            };
            out.push(Action::Apply(command, Then::Stay));
        }
        if ui.button("Slet indsatsområde").clicked() {
            out.push(Action::Apply(
                Command::DeleteFocusArea(area.id),
                Then::SelectAreaAt(index.saturating_sub(1)),
            ));
        }
    });
    ui.add_space(8.0);
    let id = area.id;
    let text = |field: FocusAreaField| {
        move |value: String| Command::SetFocusAreaText {
            area: id,
            field,
            value,
        }
    };
    egui::Grid::new(("indsatsområde", id))
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            text_row(
                ui,
                out,
                "Titel",
                &area.title,
                false,
                text(FocusAreaField::Title),
            );
            text_row(
                ui,
                out,
                "Beskrivelse",
                &area.description,
                true,
                text(FocusAreaField::Description),
            );
        });

    ui.add_space(12.0);
    ui.strong("Mål i indsatsområdet");
    for (i, g) in area.goals.iter().enumerate() {
        ui.horizontal(|ui| {
            status_dot(ui, g.status);
            let label = format!("{}.{}  {}", index + 1, i + 1, short(&g.text));
            if ui.selectable_label(goal == Some(g.id), label).clicked() {
                out.push(Action::SelectGoal(g.id));
            }
        });
    }
    if area.goals.is_empty() {
        ui.label("Indsatsområdet har endnu ingen mål.");
    }
    let selected = area.goals.iter().position(|g| Some(g.id) == goal);
    if ui.button("Tilføj mål").clicked() {
        let at = selected.map_or(area.goals.len(), |i| i + 1);
        let command = Command::InsertGoal {
            area: area.id,
            index: at,
            goal: Goal {
                text: NEW_GOAL.into(),
                ..Goal::default()
            },
        };
        out.push(Action::Apply(command, Then::SelectGoalAt(at)));
    }
    if let Some(i) = selected {
        ui.separator();
        goal_editor(ui, out, drafts, area, (index, i));
    }
}

/// The editor of goal number `number` (focus area index, goal index) of `area`.
fn goal_editor(
    ui: &mut egui::Ui,
    out: &mut Vec<Action>,
    drafts: &mut Drafts,
    area: &FocusArea,
    number: (usize, usize),
) {
    let (area_index, i) = number;
    let Some(goal) = area.goals.get(i) else {
        return;
    };
    let id = goal.id;
    ui.horizontal(|ui| {
        ui.strong(format!("Mål {}.{}", area_index + 1, i + 1));
        if ui
            .add_enabled(i > 0, egui::Button::new("Flyt mål op"))
            .clicked()
        {
            let command = Command::MoveGoal {
                goal: id,
                area: area.id,
                index: i - 1,
            };
            out.push(Action::Apply(command, Then::Stay));
        }
        if ui
            .add_enabled(i + 1 < area.goals.len(), egui::Button::new("Flyt mål ned"))
            .clicked()
        {
            let command = Command::MoveGoal {
                goal: id,
                area: area.id,
                index: i + 1,
            };
            out.push(Action::Apply(command, Then::Stay));
        }
        if ui.button("Slet mål").clicked() {
            out.push(Action::Apply(
                Command::DeleteGoal(id),
                Then::SelectGoalAt(i.saturating_sub(1)),
            ));
        }
    });
    let text = |field: GoalField| {
        move |value: String| Command::SetGoalText {
            goal: id,
            field,
            value,
        }
    };
    egui::Grid::new(("mål", id))
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            text_row(ui, out, "Mål", &goal.text, true, text(GoalField::Text));
            text_row(
                ui,
                out,
                "Uddybning",
                &goal.details,
                true,
                text(GoalField::Details),
            );
            text_row(
                ui,
                out,
                "Dokumentation",
                &goal.documentation,
                true,
                text(GoalField::Documentation),
            );

            let label = ui.label("Status");
            let mut status = goal.status;
            egui::ComboBox::from_id_salt(("status", id))
                .selected_text(Status::label_of(status))
                .show_ui(ui, |ui| {
                    for option in std::iter::once(None).chain(Status::ALL.map(Some)) {
                        ui.selectable_value(&mut status, option, Status::label_of(option));
                    }
                })
                .response
                .labelled_by(label.id);
            if status != goal.status {
                out.push(Action::Apply(
                    Command::SetGoalStatus { goal: id, status },
                    Then::Stay,
                ));
            }
            ui.end_row();

            let stored = goal.deadline.map(units::format_date).unwrap_or_default();
            let deadline = drafts.parsed_row(
                ui,
                ("frist", id),
                "Frist",
                &stored,
                "fx juni 2013 eller 30.6.2013",
                parse_deadline,
            );
            if let Some(deadline) = deadline.filter(|d| *d != goal.deadline) {
                out.push(Action::Apply(
                    Command::SetGoalDeadline { goal: id, deadline },
                    Then::Stay,
                ));
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_deadline_is_no_deadline_and_nonsense_is_refused_in_danish() {
        assert_eq!(parse_deadline("  "), Ok(None));
        assert!(parse_deadline("juni 2013").is_ok_and(|d| d.is_some()));
        assert!(parse_deadline("snart").is_err_and(|e| e.contains("Datoen")));
    }

    #[test]
    fn long_goal_texts_are_shortened_to_their_first_line() {
        assert_eq!(short("Første linje\nanden"), "Første linje");
        assert_eq!(short(&"x".repeat(100)).chars().count(), 81);
    }
}
