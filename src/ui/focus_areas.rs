//! The Indsatsområder screen (in the plan's own word): one focus area with its owners
//! (ansvarlige) and numbered goals, and the editor of the selected goal (`goal`).

use super::action::OwnerOf;
use super::action::{Action, AfterEdit};
use super::fields::{Form, form_grid, hint, move_buttons};
use super::goal::{self, Context};
use super::people::{lower_first, new_owner_field, owners_list};
use super::theme;
use crate::model::{Command, FocusArea, FocusAreaField, FocusAreaId, Goal, GoalId, Plan, Status};
use crate::units;

/// The text of a new focus area; the user types over it.
const NEW_AREA: &str = "Nyt indsatsområde";
/// The text of a new goal; the user types over it.
const NEW_GOAL: &str = "Nyt mål";
/// How much of a goal's text or an area's title its line in a list shows (characters).
const LIST_CHARS: usize = 80;

/// A small dot in the goal's status colour (drawn: the built-in fonts have no "●").
fn status_dot(ui: &mut egui::Ui, status: Option<Status>) {
    let size = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    ui.painter()
        .circle_filled(rect.center(), size * 0.3, theme::status_colour(status));
}

/// Draws the screen for the selected focus area (`area`) and goal (`goal`) of `plan`.
pub fn show(
    ui: &mut egui::Ui,
    form: &mut Form<'_>,
    plan: &Plan,
    (area, goal): (Option<FocusAreaId>, Option<GoalId>),
    context: &Context<'_>,
) {
    let locked = context.locked;
    let labels = &plan.labels;
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
            AfterEdit::SelectAreaAt(index),
        )
    };
    let Some((index, area)) = plan
        .focus_areas
        .iter()
        .enumerate()
        .find(|(_, a)| Some(a.id) == area)
    else {
        ui.label(format!(
            "Planen har endnu ingen {}.",
            lower_first(labels.focus_areas())
        ));
        if ui
            .button(format!("Tilføj {}", lower_first(labels.focus_area())))
            .clicked()
        {
            form.out.push(new_area(0));
        }
        return;
    };
    let selected = ui
        .add_enabled_ui(!locked, |ui| {
            let count = plan.focus_areas.len();
            ui.horizontal(|ui| {
                let number = plan.numbering.area_number(index);
                ui.strong(format!("{} {number}", labels.focus_area()).trim_end());
                let word = lower_first(labels.focus_area());
                if ui.button(format!("Tilføj {word}")).clicked() {
                    form.out.push(new_area(index + 1));
                }
                if let Some(to) = move_buttons(ui, &word, index, count) {
                    let command = Command::MoveFocusArea {
                        area: area.id,
                        index: to,
                    };
                    form.out.push(Action::Apply(command, AfterEdit::Stay));
                }
                if ui.button(format!("Slet {word}")).clicked() {
                    form.out.push(Action::Apply(
                        Command::DeleteFocusArea(area.id),
                        AfterEdit::SelectAreaAt(index.saturating_sub(1)),
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
            form_grid(ui, ("indsatsområde", id), |ui| {
                form.text_row(ui, "Titel", &area.title, false, text(FocusAreaField::Title));
                form.text_row(
                    ui,
                    "Beskrivelse",
                    &area.description,
                    true,
                    text(FocusAreaField::Description),
                );
                let label = ui.label("Ansvarlig(e)");
                ui.vertical(|ui| {
                    owners_list(
                        ui,
                        form,
                        ("ansvarlig", id),
                        &area.owners,
                        context.people,
                        "ansvarlig",
                        |owners| Command::SetFocusAreaOwners { area: id, owners },
                    )
                    .labelled_by(label.id);
                    new_owner_field(
                        ui,
                        form,
                        ("ny ansvarlig", id),
                        "ansvarlig",
                        OwnerOf::FocusArea(id, area.owners.clone()),
                    );
                });
                ui.end_row();
            });

            ui.add_space(12.0);
            ui.strong(format!(
                "{} i {}",
                labels.goal(),
                lower_first(labels.focus_area())
            ));
            for (i, g) in area.goals.iter().enumerate() {
                ui.horizontal(|ui| {
                    status_dot(ui, g.status);
                    let label = format!(
                        "{}  {}",
                        plan.numbering.goal_number(index, i),
                        units::shorten(&g.text, LIST_CHARS)
                    )
                    .trim_start()
                    .to_owned();
                    if ui.selectable_label(goal == Some(g.id), label).clicked() {
                        form.out.push(Action::SelectGoal(g.id));
                    }
                    let missing = missing(plan, g);
                    if !missing.is_empty() {
                        ui.colored_label(
                            theme::HINT_TEXT,
                            format!("mangler {}", missing.join(" og ")),
                        );
                    }
                });
            }
            if area.goals.is_empty() {
                hint(
                    ui,
                    "Indsatsområdet har endnu ingen mål. I den trykte plan står det tomt.",
                );
            }
            let selected = area.goals.iter().position(|g| Some(g.id) == goal);
            if ui
                .button(format!("Tilføj {}", lower_first(labels.goal())))
                .clicked()
            {
                let at = selected.map_or(area.goals.len(), |i| i + 1);
                let command = Command::InsertGoal {
                    area: area.id,
                    index: at,
                    goal: Goal {
                        text: NEW_GOAL.into(),
                        ..Goal::default()
                    },
                };
                form.out
                    .push(Action::Apply(command, AfterEdit::SelectGoalAt(at)));
            }
            selected
        })
        .inner;
    if let Some(i) = selected {
        ui.separator();
        goal::editor(ui, form, plan, (index, i), context);
    }
}

/// What a printed goal would miss: tovholder, dokumentation (in the plan's words).
fn missing(plan: &Plan, goal: &Goal) -> Vec<String> {
    let mut missing = Vec::new();
    if goal.owners.is_empty() {
        missing.push(lower_first(plan.labels.owner()));
    }
    if goal.documentation.trim().is_empty() {
        missing.push(lower_first(plan.labels.documentation()));
    }
    missing
}
