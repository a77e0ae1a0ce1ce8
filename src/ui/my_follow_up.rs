//! "Min opfølgning": one person's goals, one follow-up after another from the keyboard, with
//! a value field for each målepunkt of the goal (the measurements of the follow-up).

use super::action::Action;
use super::clock;
use super::indicators::measurement_label;
use super::people::{carried, lower_first, name_of, person_choices};
use super::theme;
use crate::model::{Goal, IndicatorId, Measurement, Person, PersonId, Plan, Status};
use crate::units::{self, parse_number_input as parse_value};
use std::collections::HashMap;

/// A follow-up being written in "Min opfølgning".
#[derive(Debug, Clone, Default)]
struct Entry {
    date: String,
    status: Option<Status>,
    text: String,
    /// What is typed in each målepunkt's field.
    values: HashMap<IndicatorId, String>,
    error: Option<String>,
}

/// "Min opfølgning": pick a person and write one follow-up after another on the goals that
/// person carries, from the keyboard (Tab between the fields, Enter in the text saves and
/// moves on to the next goal).
#[derive(Debug, Default)]
pub struct MyFollowUp {
    person: Option<PersonId>,
    entries: std::collections::HashMap<crate::model::GoalId, Entry>,
    focus: Option<crate::model::GoalId>,
}

impl MyFollowUp {
    /// Draws the section; `writable` is false for a read-only file.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        out: &mut Vec<Action>,
        plan: &Plan,
        people: &[Person],
        writable: bool,
    ) {
        egui::CollapsingHeader::new("Min opfølgning")
            .default_open(self.person.is_some())
            .show(ui, |ui| {
                let label = ui.label("Min opfølgning for");
                let shown = self
                    .person
                    .and_then(|o| name_of(people, o))
                    .unwrap_or_else(|| "vælg en person".to_owned());
                let combo = egui::ComboBox::from_id_salt("min opfølgning").selected_text(shown);
                person_choices(ui, combo, people, &mut self.person, None).labelled_by(label.id);
                let Some(person) = self.person else {
                    return;
                };
                let goals = carried(plan, person);
                if goals.is_empty() {
                    ui.label("Personen er ikke tovholder på mål i denne plan.");
                }
                let today = units::format_date(clock::today());
                for (i, (number, goal)) in goals.iter().enumerate() {
                    let entry = self.entries.entry(goal.id).or_insert_with(|| Entry {
                        date: today.clone(),
                        ..Entry::default()
                    });
                    ui.separator();
                    let goal_word = plan.labels.goal();
                    let heading = format!("{goal_word} {number}");
                    let number = format!("{} {number}", lower_first(goal_word));
                    let number = number.trim_end();
                    ui.horizontal_wrapped(|ui| {
                        ui.strong(heading.trim_end());
                        ui.label(units::shorten(&goal.text, 90));
                    });
                    ui.label(format!(
                        "Status nu: {} · seneste opfølgning: {}",
                        Status::label_of(goal.status),
                        goal.latest_follow_up()
                            .map_or_else(|| "aldrig".to_owned(), units::format_date)
                    ));
                    let mut save = false;
                    ui.add_enabled_ui(writable, |ui| {
                        ui.horizontal(|ui| {
                            let l = ui.label(format!("Dato for opfølgning på {number}"));
                            ui.add(
                                egui::TextEdit::singleline(&mut entry.date).desired_width(120.0),
                            )
                            .labelled_by(l.id);
                            let l = ui.label(format!("Status efter opfølgning på {number}"));
                            egui::ComboBox::from_id_salt(("min status", goal.id))
                                .selected_text(match entry.status {
                                    None => "uændret",
                                    Some(s) => s.label(),
                                })
                                .show_ui(ui, |ui| {
                                    ui.selectable_value(&mut entry.status, None, "uændret");
                                    for s in Status::ALL {
                                        ui.selectable_value(&mut entry.status, Some(s), s.label());
                                    }
                                })
                                .response
                                .labelled_by(l.id);
                        });
                        for indicator in &goal.indicators {
                            ui.horizontal(|ui| {
                                let l = ui
                                    .label(format!("{} ({number})", measurement_label(indicator)));
                                let typed = entry.values.entry(indicator.id).or_default();
                                ui.add(
                                    egui::TextEdit::singleline(typed)
                                        .hint_text("tal")
                                        .desired_width(110.0)
                                        .align(egui::Align2::RIGHT_TOP),
                                )
                                .labelled_by(l.id);
                                if !indicator.unit.trim().is_empty() {
                                    ui.label(indicator.unit.trim());
                                }
                            });
                        }
                        let l = ui.label(format!("Opfølgning på {number}"));
                        let text = ui
                            .add(
                                egui::TextEdit::singleline(&mut entry.text)
                                    .hint_text("Hvad er sket siden sidst?")
                                    .desired_width(f32::INFINITY),
                            )
                            .labelled_by(l.id);
                        if self.focus == Some(goal.id) {
                            text.request_focus();
                            self.focus = None;
                        }
                        let enter =
                            text.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                        let button = ui.button(format!("Gem opfølgning på {number}"));
                        let something = !entry.text.trim().is_empty()
                            || entry.status.is_some()
                            || entry.values.values().any(|v| !v.trim().is_empty());
                        save = (enter || button.clicked()) && something;
                    });
                    if let Some(error) = &entry.error {
                        ui.colored_label(theme::ERROR_TEXT, error);
                    }
                    if !save {
                        continue;
                    }
                    let measurements = match measurements_of(goal, &entry.values) {
                        Ok(m) => m,
                        Err(e) => {
                            entry.error = Some(e);
                            continue;
                        }
                    };
                    match units::parse_date_input(&entry.date) {
                        Ok(date) => {
                            let new = crate::model::FollowUp {
                                id: crate::model::FollowUpId(0),
                                date,
                                status: entry.status,
                                text: entry.text.trim().to_owned(),
                                measurements,
                                extra: None,
                            };
                            let insert = crate::model::Command::InsertFollowUp {
                                goal: goal.id,
                                index: goal.follow_ups.len(),
                                follow_up: new,
                            };
                            let command = super::goal::with_status(goal, insert);
                            out.push(Action::Apply(command, super::action::AfterEdit::Stay));
                            self.entries.remove(&goal.id);
                            self.focus = goals.get(i + 1).map(|(_, g)| g.id);
                        }
                        Err(e) => entry.error = Some(e.to_string()),
                    }
                }
            });
        ui.separator();
    }
}

/// The measurements typed for a goal's målepunkter (blank fields give none), or the sentence
/// that says which field is not a number.
fn measurements_of(
    goal: &Goal,
    values: &HashMap<IndicatorId, String>,
) -> Result<Vec<Measurement>, String> {
    let mut out = Vec::new();
    for indicator in &goal.indicators {
        let Some(text) = values.get(&indicator.id).filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        match parse_value(text) {
            Ok(value) => out.push(Measurement {
                indicator: indicator.id,
                value,
                extra: None,
            }),
            Err(e) => return Err(format!("{}: {e}", measurement_label(indicator))),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Indicator, Number};

    #[test]
    fn typed_values_become_measurements_and_a_unit_in_the_field_is_refused() {
        let goal = Goal {
            indicators: vec![
                Indicator {
                    id: IndicatorId(1),
                    name: "Andel".into(),
                    unit: "%".into(),
                    ..Indicator::default()
                },
                Indicator {
                    id: IndicatorId(2),
                    name: "Antal".into(),
                    ..Indicator::default()
                },
            ],
            ..Goal::default()
        };
        let mut values = HashMap::new();
        values.insert(IndicatorId(1), "70,1".to_owned());
        values.insert(IndicatorId(2), "  ".to_owned());
        let m = measurements_of(&goal, &values).unwrap();
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].value, Number::parse("70.1").unwrap());
        values.insert(IndicatorId(2), "60 %".to_owned());
        let error = measurements_of(&goal, &values).unwrap_err();
        assert_eq!(
            error,
            "Måling: Antal: skriv et tal, fx 60 eller 62,5; enheden står i feltet Enhed"
        );
    }
}
