//! The Indsatsområder screen: one focus area with its numbered goals, and the editor of the
//! selected goal (Mål, Uddybning, Dokumentation, Status, Frist).

use super::action::{Action, AfterEdit};
use super::fields::{Form, form_grid, hint, move_buttons};
use super::people::{name_of, person_choices};
use super::theme;
use crate::model::{
    Command, FocusArea, FocusAreaField, FocusAreaId, FollowUp, FollowUpId, Goal, GoalField, GoalId,
    Person, PersonId, Plan, Status,
};
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

/// Reads a deadline as typed; an empty field means no deadline.
fn parse_deadline(text: &str) -> Result<Option<crate::model::Date>, units::DateInputError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    units::parse_date_input(text).map(Some)
}

/// Draws the screen for the selected focus area (`area`) and goal (`goal`) of `plan`.
pub fn show(
    ui: &mut egui::Ui,
    form: &mut Form<'_>,
    plan: &Plan,
    people: &[Person],
    area: Option<FocusAreaId>,
    goal: Option<GoalId>,
    locked: bool,
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
            AfterEdit::SelectAreaAt(index),
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
            form.out.push(new_area(0));
        }
        return;
    };
    let selected = ui
        .add_enabled_ui(!locked, |ui| {
            let count = plan.focus_areas.len();
            ui.horizontal(|ui| {
                ui.strong(format!("Indsatsområde {}", index + 1));
                if ui.button("Tilføj indsatsområde").clicked() {
                    form.out.push(new_area(index + 1));
                }
                if let Some(to) = move_buttons(ui, "indsatsområde", index, count) {
                    let command = Command::MoveFocusArea {
                        area: area.id,
                        index: to,
                    };
                    form.out.push(Action::Apply(command, AfterEdit::Stay));
                }
                if ui.button("Slet indsatsområde").clicked() {
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
            });

            ui.add_space(12.0);
            ui.strong("Mål i indsatsområdet");
            for (i, g) in area.goals.iter().enumerate() {
                ui.horizontal(|ui| {
                    status_dot(ui, g.status);
                    let label = format!(
                        "{}.{}  {}",
                        index + 1,
                        i + 1,
                        units::shorten(&g.text, LIST_CHARS)
                    );
                    if ui.selectable_label(goal == Some(g.id), label).clicked() {
                        form.out.push(Action::SelectGoal(g.id));
                    }
                    let missing = missing(g);
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
                form.out
                    .push(Action::Apply(command, AfterEdit::SelectGoalAt(at)));
            }
            selected
        })
        .inner;
    if let Some(i) = selected {
        ui.separator();
        goal_editor(ui, form, plan, people, (index, i), locked);
    }
}

/// What a printed goal would miss: tovholder, dokumentation.
fn missing(goal: &Goal) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if goal.owners.is_empty() {
        missing.push("tovholder");
    }
    if goal.documentation.trim().is_empty() {
        missing.push("dokumentation");
    }
    missing
}

/// The editor of goal number `number` (focus area index, goal index) of `area`.
fn goal_editor(
    ui: &mut egui::Ui,
    form: &mut Form<'_>,
    plan: &Plan,
    people: &[Person],
    number: (usize, usize),
    locked: bool,
) {
    let (area_index, i) = number;
    let Some(area) = plan.focus_areas.get(area_index) else {
        return;
    };
    let Some(goal) = area.goals.get(i) else {
        return;
    };
    let id = goal.id;
    ui.add_enabled_ui(!locked, |ui| {
        ui.horizontal(|ui| {
            ui.strong(format!("Mål {}.{}", area_index + 1, i + 1));
            if let Some(to) = move_buttons(ui, "mål", i, area.goals.len()) {
                let command = Command::MoveGoal {
                    goal: id,
                    area: area.id,
                    index: to,
                };
                form.out.push(Action::Apply(command, AfterEdit::Stay));
            }
            if ui.button("Slet mål").clicked() {
                form.out.push(Action::Apply(
                    Command::DeleteGoal(id),
                    AfterEdit::SelectGoalAt(i.saturating_sub(1)),
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
        form_grid(ui, ("mål", id), |ui| {
            form.text_row(ui, "Mål", &goal.text, true, text(GoalField::Text));
            form.text_row(
                ui,
                "Uddybning",
                &goal.details,
                true,
                text(GoalField::Details),
            );
            form.text_row(
                ui,
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
                form.out.push(Action::Apply(
                    Command::SetGoalStatus { goal: id, status },
                    AfterEdit::Stay,
                ));
            }
            ui.end_row();

            let stored = goal.deadline.map(units::format_date).unwrap_or_default();
            let deadline = form.parsed_row(
                ui,
                ("frist", id),
                "Frist",
                &stored,
                "fx juni 2013 eller 30.6.2013",
                parse_deadline,
            );
            if let Some(deadline) = deadline.filter(|d| *d != goal.deadline) {
                form.out.push(Action::Apply(
                    Command::SetGoalDeadline { goal: id, deadline },
                    AfterEdit::Stay,
                ));
            }

            owners_row(ui, form, goal, people);

            let label = ui.label("Flyt til indsatsområde");
            let mut target: Option<FocusAreaId> = None;
            egui::ComboBox::from_id_salt(("flyt", id))
                .selected_text("Vælg indsatsområde…")
                .width(super::fields::FIELD_WIDTH)
                .show_ui(ui, |ui| {
                    for (n, other) in plan.focus_areas.iter().enumerate() {
                        if other.id != area.id {
                            let name =
                                format!("{}. {}", n + 1, units::shorten(&other.title, LIST_CHARS));
                            ui.selectable_value(&mut target, Some(other.id), name);
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            if let Some(to) = target.and_then(|t| plan.focus_areas.iter().find(|a| a.id == t)) {
                form.out.push(Action::Apply(
                    Command::MoveGoal {
                        goal: id,
                        area: to.id,
                        index: to.goals.len(),
                    },
                    AfterEdit::SelectGoal(to.id, id),
                ));
            }
            ui.end_row();
        });
    });
    follow_ups(ui, form, goal);
    if goal.owners.is_empty() {
        hint(
            ui,
            "Målet har ingen tovholder. Den trykte plan viser, hvem der har ansvaret for hvert mål.",
        );
    }
    if goal.documentation.trim().is_empty() {
        hint(
            ui,
            "Målet har ingen dokumentation. Skriv, hvordan det vises, at målet er nået.",
        );
    }
}

/// A change of a follow-up, and with it the goal's status when the follow-ups now give it
/// another one (the newest follow-up with a status sets the goal's status); one undo step.
fn with_status(goal: &Goal, change: Command) -> Command {
    let mut after: Vec<FollowUp> = goal.follow_ups.clone();
    match &change {
        Command::SetFollowUp(f) => {
            if let Some(slot) = after.iter_mut().find(|x| x.id == f.id) {
                *slot = f.clone();
            }
        }
        Command::DeleteFollowUp(id) => after.retain(|x| x.id != *id),
        _ => {}
    }
    match Goal::status_from_follow_ups(&after) {
        Some(status) if Some(status) != goal.status => Command::Batch(vec![
            change,
            Command::SetGoalStatus {
                goal: goal.id,
                status: Some(status),
            },
        ]),
        _ => change,
    }
}

/// The goal's follow-ups (opfølgning), newest first: date (a day or a month), an optional
/// status and a text, each editable and deletable (undoable).
fn follow_ups(ui: &mut egui::Ui, form: &mut Form<'_>, goal: &Goal) {
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ui.strong("Opfølgning");
        if ui.button("Tilføj opfølgning").clicked() {
            form.apply(
                Command::InsertFollowUp {
                    goal: goal.id,
                    index: goal.follow_ups.len(),
                    follow_up: FollowUp {
                        measurements: Vec::new(),
                        id: FollowUpId(0),
                        date: super::clock::today(),
                        status: None,
                        text: String::new(),
                        extra: None,
                    },
                },
                AfterEdit::Stay,
            );
        }
    });
    if goal.follow_ups.is_empty() {
        ui.label("Målet er ikke fulgt op endnu.");
    }
    for f in goal.follow_ups.iter().rev() {
        ui.push_id(("opfølgning", f.id), |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    let label = ui.label("Dato");
                    if let Some(date) = form
                        .drafts
                        .parsed_field(
                            ui,
                            ("opfølgningsdato", f.id),
                            label.id,
                            &units::format_date(f.date),
                            "fx maj 2013 eller 1.6.2013",
                            180.0,
                            false,
                            units::parse_date_input,
                        )
                        .filter(|d| *d != f.date)
                    {
                        let change = Command::SetFollowUp(FollowUp { date, ..f.clone() });
                        form.apply(with_status(goal, change), AfterEdit::Stay);
                    }
                    let label = ui.label("Ny status");
                    let mut status = f.status;
                    egui::ComboBox::from_id_salt(("opfølgningsstatus", f.id))
                        .selected_text(match status {
                            None => "uændret",
                            Some(s) => s.label(),
                        })
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut status, None, "uændret");
                            for option in Status::ALL {
                                ui.selectable_value(&mut status, Some(option), option.label());
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    if status != f.status {
                        let change = Command::SetFollowUp(FollowUp {
                            status,
                            ..f.clone()
                        });
                        form.apply(with_status(goal, change), AfterEdit::Stay);
                    }
                    if ui.button("Slet opfølgning").clicked() {
                        form.apply(
                            with_status(goal, Command::DeleteFollowUp(f.id)),
                            AfterEdit::Stay,
                        );
                    }
                });
                let label = ui.label("Tekst");
                let row = f.clone();
                form.text_field(
                    ui,
                    label.id,
                    &f.text,
                    true,
                    super::fields::FIELD_WIDTH + 100.0,
                    move |text| {
                        Command::SetFollowUp(FollowUp {
                            text,
                            ..row.clone()
                        })
                    },
                );
            });
        });
    }
}

/// The Tovholder(e) row: the goal's people, each removable, a list to add one from, and a
/// field to add a new person by name.
fn owners_row(ui: &mut egui::Ui, form: &mut Form<'_>, goal: &Goal, people: &[Person]) {
    let id = goal.id;
    let label = ui.label("Tovholder(e)");
    ui.vertical(|ui| {
        for owner in &goal.owners {
            let known = name_of(people, *owner);
            let remove = match &known {
                Some(name) => format!("Fjern {name}"),
                None => "Fjern den slettede tovholder".to_owned(),
            };
            let name = known.unwrap_or_else(|| crate::model::MISSING_OWNER.to_owned());
            ui.horizontal(|ui| {
                ui.label(&name);
                if ui.small_button(remove).clicked() {
                    let owners: Vec<PersonId> =
                        goal.owners.iter().copied().filter(|o| o != owner).collect();
                    form.apply(Command::SetGoalOwners { goal: id, owners }, AfterEdit::Stay);
                }
            });
        }
        let candidates = people.iter().filter(|p| !goal.owners.contains(&p.id));
        let mut pick: Option<PersonId> = None;
        let combo = egui::ComboBox::from_id_salt(("tovholder", id))
            .selected_text("Tilføj tovholder…")
            .width(super::fields::FIELD_WIDTH / 2.0);
        person_choices(ui, combo, candidates, &mut pick, None).labelled_by(label.id);
        if let Some(person) = pick {
            let mut owners = goal.owners.clone();
            owners.push(person);
            form.apply(Command::SetGoalOwners { goal: id, owners }, AfterEdit::Stay);
        }
        let new_label = ui.label("Ny person som tovholder (navn):");
        if let Some(name) = form
            .drafts
            .parsed_field(
                ui,
                ("ny tovholder", id),
                new_label.id,
                "",
                "fx Anne Hansen",
                super::fields::FIELD_WIDTH / 2.0,
                false,
                |t| Ok::<_, std::convert::Infallible>(t.trim().to_owned()),
            )
            .filter(|n| !n.is_empty())
        {
            form.apply(
                Command::InsertPerson(Person {
                    name,
                    ..Person::default()
                }),
                AfterEdit::SelectNewPerson {
                    owner_of: Some((id, goal.owners.clone())),
                },
            );
        }
    });
    ui.end_row();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_deadline_is_no_deadline_and_nonsense_is_refused_in_danish() {
        assert_eq!(parse_deadline("  "), Ok(None));
        assert!(parse_deadline("juni 2013").is_ok_and(|d| d.is_some()));
        assert!(parse_deadline("snart").is_err_and(|e| e.to_string().contains("Datoen")));
    }
}
