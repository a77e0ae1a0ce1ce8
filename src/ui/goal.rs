//! The goal editor under the Indsatsområder screen: the goal's texts, status, deadline (any
//! period), tovholdere, related goals, its målepunkter with their charts, its delmål and its
//! follow-ups with a value field per målepunkt. In the plan's own words and numbering.

use super::action::OwnerOf;
use super::action::{Action, AfterEdit};
use super::fields::{Form, form_grid, hint, move_buttons};
use super::people::{lower_first, new_owner_field, owners_list};
use super::related::FileGoal;
use super::{indicators, milestones, related};
use crate::model::{
    Command, Date, FocusAreaId, FollowUp, FollowUpId, Goal, GoalField, Measurement, Person, Plan,
    Status,
};
use crate::units;

/// How much of a focus area's title the "move to" list shows (characters).
const LIST_CHARS: usize = 80;

/// What the goal editor shows besides the plan: the file's people and goals, and today.
pub struct Context<'a> {
    /// The file's people.
    pub people: &'a [Person],
    /// Every goal of the file (for "Sammenhæng med").
    pub goals: &'a [FileGoal],
    /// Today, for overdue milestones.
    pub today: Date,
    /// The plan is approved: only follow-ups may be written.
    pub locked: bool,
}

/// The editor of goal number `number` (focus area index, goal index) of `plan`.
pub fn editor(
    ui: &mut egui::Ui,
    form: &mut Form<'_>,
    plan: &Plan,
    number: (usize, usize),
    context: &Context<'_>,
) {
    let (area_index, i) = number;
    let Some(area) = plan.focus_areas.get(area_index) else {
        return;
    };
    let Some(goal) = area.goals.get(i) else {
        return;
    };
    let labels = &plan.labels;
    let id = goal.id;
    ui.add_enabled_ui(!context.locked, |ui| {
        ui.horizontal(|ui| {
            ui.strong(
                format!(
                    "{} {}",
                    labels.goal(),
                    plan.numbering.goal_number(area_index, i)
                )
                .trim_end(),
            );
            let word = super::people::lower_first(labels.goal());
            if let Some(to) = move_buttons(ui, &word, i, area.goals.len()) {
                let command = Command::MoveGoal {
                    goal: id,
                    area: area.id,
                    index: to,
                };
                form.out.push(Action::Apply(command, AfterEdit::Stay));
            }
            if ui.button(format!("Slet {word}")).clicked() {
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
            form.text_row(ui, labels.goal(), &goal.text, true, text(GoalField::Text));
            form.text_row(
                ui,
                "Uddybning",
                &goal.details,
                true,
                text(GoalField::Details),
            );
            form.text_row(
                ui,
                labels.documentation(),
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

            if let Some(deadline) = form
                .date_row(
                    ui,
                    ("frist", id),
                    "Frist",
                    goal.deadline,
                    "fx 2. halvår 2013, juni 2013 eller 30.6.2013",
                )
                .filter(|d| *d != goal.deadline)
            {
                form.out.push(Action::Apply(
                    Command::SetGoalDeadline { goal: id, deadline },
                    AfterEdit::Stay,
                ));
            }

            owners_row(ui, form, plan, goal, context.people);
            related::row(ui, form, goal, context.goals);

            let label = ui.label(format!("Flyt til {}", lower_first(labels.focus_area())));
            let mut target: Option<FocusAreaId> = None;
            egui::ComboBox::from_id_salt(("flyt", id))
                .selected_text(format!("Vælg {}…", lower_first(labels.focus_area())))
                .width(super::fields::FIELD_WIDTH)
                .show_ui(ui, |ui| {
                    for (n, other) in plan.focus_areas.iter().enumerate() {
                        if other.id != area.id {
                            let name = plan.numbering.area_heading(
                                labels,
                                n,
                                &units::shorten(&other.title, LIST_CHARS),
                            );
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
        indicators::section(ui, form, goal);
        milestones::section(ui, form, goal, context.today);
    });
    follow_ups(ui, form, goal);
    if goal.owners.is_empty() {
        hint(
            ui,
            &format!(
                "Målet har ingen {}. Den trykte plan viser, hvem der har ansvaret for hvert mål.",
                lower_first(labels.owner())
            ),
        );
    }
    if goal.documentation.trim().is_empty() {
        hint(
            ui,
            &format!(
                "Målet har ingen {}. Skriv, hvordan det vises, at målet er nået.",
                lower_first(labels.documentation())
            ),
        );
    }
}

/// A change of a follow-up, and with it the goal's status when the follow-ups now give it
/// another one (the newest follow-up with a status sets the goal's status); one undo step.
pub fn with_status(goal: &Goal, change: Command) -> Command {
    let mut after: Vec<FollowUp> = goal.follow_ups.clone();
    match &change {
        Command::SetFollowUp(f) => {
            if let Some(slot) = after.iter_mut().find(|x| x.id == f.id) {
                *slot = f.clone();
            }
        }
        Command::DeleteFollowUp(id) => after.retain(|x| x.id != *id),
        Command::InsertFollowUp { follow_up, .. } => after.push(follow_up.clone()),
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

/// `measurements` with the value of `indicator` set (or removed with `None`), in the order of
/// the goal's indicators.
pub fn measured(
    goal: &Goal,
    measurements: &[Measurement],
    (indicator, value): (crate::model::IndicatorId, Option<crate::model::Number>),
) -> Vec<Measurement> {
    let mut out: Vec<Measurement> = measurements
        .iter()
        .filter(|m| m.indicator != indicator)
        .cloned()
        .collect();
    if let Some(value) = value {
        let extra = measurements
            .iter()
            .find(|m| m.indicator == indicator)
            .and_then(|m| m.extra.clone());
        out.push(Measurement {
            indicator,
            value,
            extra,
        });
    }
    let place = |m: &Measurement| goal.indicators.iter().position(|i| i.id == m.indicator);
    out.sort_by_key(place);
    out
}

/// The goal's follow-ups (opfølgning), newest first: date (any period), an optional status,
/// a value per målepunkt and a text, each editable and deletable (undoable).
fn follow_ups(ui: &mut egui::Ui, form: &mut Form<'_>, goal: &Goal) {
    if super::fields::list_heading(ui, "Opfølgning", "Tilføj opfølgning") {
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
                        .date_field(
                            ui,
                            ("opfølgningsdato", f.id),
                            label.id,
                            Some(f.date),
                            "fx maj 2013 eller 2. halvår 2013",
                            180.0,
                            false,
                        )
                        .flatten()
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
                let value_of = |indicator| {
                    f.measurements
                        .iter()
                        .find(|m| m.indicator == indicator)
                        .map(|m| m.value)
                };
                if let Some(entered) =
                    indicators::measurement_fields(ui, form.drafts, f.id, goal, value_of)
                {
                    let measurements = measured(goal, &f.measurements, entered);
                    form.apply(
                        Command::SetFollowUp(FollowUp {
                            measurements,
                            ..f.clone()
                        }),
                        AfterEdit::Stay,
                    );
                }
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

/// The tovholder row (in the plan's word: "Netværksleder(e)"): the goal's people, each
/// removable, a list to add one from, and a field to add a new person by name.
fn owners_row(ui: &mut egui::Ui, form: &mut Form<'_>, plan: &Plan, goal: &Goal, people: &[Person]) {
    let id = goal.id;
    let word = plan.labels.owner();
    let label = ui.label(format!("{word}(e)"));
    ui.vertical(|ui| {
        owners_list(
            ui,
            form,
            ("tovholder", id),
            &goal.owners,
            people,
            &lower_first(word),
            |owners| Command::SetGoalOwners { goal: id, owners },
        )
        .labelled_by(label.id);
        new_owner_field(
            ui,
            form,
            ("ny tovholder", id),
            &lower_first(word),
            OwnerOf::Goal(id, goal.owners.clone()),
        );
    });
    ui.end_row();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Indicator, IndicatorId, Number};

    #[test]
    fn a_measurement_is_set_replaced_or_removed_in_the_order_of_the_indicators() {
        let goal = Goal {
            indicators: vec![
                Indicator {
                    id: IndicatorId(2),
                    ..Indicator::default()
                },
                Indicator {
                    id: IndicatorId(1),
                    ..Indicator::default()
                },
            ],
            ..Goal::default()
        };
        let v = |t: &str| Number::parse(t).unwrap();
        let one = measured(&goal, &[], (IndicatorId(1), Some(v("3"))));
        let both = measured(&goal, &one, (IndicatorId(2), Some(v("5"))));
        let ids: Vec<i64> = both.iter().map(|m| m.indicator.0).collect();
        assert_eq!(ids, vec![2, 1]);
        let replaced = measured(&goal, &both, (IndicatorId(1), Some(v("4"))));
        assert_eq!(replaced[1].value, v("4"));
        let removed = measured(&goal, &replaced, (IndicatorId(2), None));
        assert_eq!(removed.len(), 1);
        assert_eq!(removed[0].indicator, IndicatorId(1));
    }
}
