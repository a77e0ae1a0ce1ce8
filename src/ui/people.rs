//! The Personer screen: the people of the file (tovholdere) with name, stilling, mail and
//! afdeling, and the goals each carries in the plan shown. A person who carries goals cannot
//! be deleted until the goals have another tovholder (the store refuses it too, for goals in
//! other plans of the file).

use super::action::{Action, AfterEdit, OwnerOf};
use super::fields::{Form, form_grid};
use crate::model::{Command, Goal, Person, PersonField, PersonId, Plan};
use crate::units;

/// The goals of `plan` that `person` carries, each with its number in the plan's numbering
/// ("2.3", "b").
pub fn carried(plan: &Plan, person: PersonId) -> Vec<(String, &Goal)> {
    plan.numbered_goals()
        .filter(|(_, _, _, g)| g.owners.contains(&person))
        .map(|(a, g, _, goal)| (plan.numbering.goal_number(a, g), goal))
        .collect()
}

/// The list line of the person with this id among `people`, if there is one.
pub fn name_of(people: &[Person], id: PersonId) -> Option<String> {
    people.iter().find(|p| p.id == id).map(display_name)
}

/// The entries of a drop-down list of people (`combo`: its id, closed text and width): `people`
/// by name, in alphabetical order, and first `nobody` (clears the choice) when given. Picking
/// one sets `chosen`. Returns the list's response, to be labelled.
pub fn person_choices<'a>(
    ui: &mut egui::Ui,
    combo: egui::ComboBox,
    people: impl IntoIterator<Item = &'a Person>,
    chosen: &mut Option<PersonId>,
    nobody: Option<&str>,
) -> egui::Response {
    let mut sorted: Vec<&Person> = people.into_iter().collect();
    sorted.sort_by_key(|p| p.name.to_lowercase());
    combo
        .show_ui(ui, |ui| {
            if let Some(nobody) = nobody {
                ui.selectable_value(chosen, None, nobody);
            }
            for p in sorted {
                ui.selectable_value(chosen, Some(p.id), display_name(p));
            }
        })
        .response
}

/// "tovholder" for "Tovholder": a label inside a sentence ("Tilføj tovholder…").
pub fn lower_first(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The people of a goal or a focus area (its tovholdere or ansvarlige), each removable, and
/// a list to add one from (`what`: "tovholder", or the plan's own word). `set` makes the
/// command that gives the new list.
pub fn owners_list(
    ui: &mut egui::Ui,
    form: &mut Form<'_>,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    owners: &[PersonId],
    people: &[Person],
    what: &str,
    set: impl Fn(Vec<PersonId>) -> Command,
) -> egui::Response {
    for owner in owners {
        let known = name_of(people, *owner);
        let remove = match &known {
            Some(name) => format!("Fjern {name}"),
            None => format!("Fjern den slettede {what}"),
        };
        let name = known.unwrap_or_else(|| crate::model::MISSING_OWNER.to_owned());
        ui.horizontal(|ui| {
            ui.label(&name);
            if ui.small_button(remove).clicked() {
                let kept: Vec<PersonId> = owners.iter().copied().filter(|o| o != owner).collect();
                form.apply(set(kept), AfterEdit::Stay);
            }
        });
    }
    let candidates = people.iter().filter(|p| !owners.contains(&p.id));
    let mut pick: Option<PersonId> = None;
    let combo = egui::ComboBox::from_id_salt(("tilføj person", id_salt))
        .selected_text(format!("Tilføj {what}…"))
        .width(super::fields::FIELD_WIDTH / 2.0);
    let response = person_choices(ui, combo, candidates, &mut pick, None);
    if let Some(person) = pick {
        let mut chosen = owners.to_vec();
        chosen.push(person);
        form.apply(set(chosen), AfterEdit::Stay);
    }
    response
}

/// A field to type a new person's name ("Ny person som tovholder (navn):"): Enter adds the
/// person to the file and to the goal's or focus area's people (`owner_of`), as two undo
/// steps. `what` is the role in the plan's own word, in lower case.
pub fn new_owner_field(
    ui: &mut egui::Ui,
    form: &mut Form<'_>,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    what: &str,
    owner_of: OwnerOf,
) {
    let label = ui.label(format!("Ny person som {what} (navn):"));
    if let Some(name) = form
        .drafts
        .parsed_field(
            ui,
            id_salt,
            label.id,
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
                owner_of: Some(owner_of),
            },
        );
    }
}

/// A person's line in the list: "Navn, stilling".
pub fn display_name(person: &Person) -> String {
    let name = if person.name.trim().is_empty() {
        "(uden navn)"
    } else {
        person.name.trim()
    };
    if person.title.trim().is_empty() {
        name.to_owned()
    } else {
        format!("{name}, {}", person.title.trim())
    }
}

/// Draws the Personer screen.
pub fn show(
    ui: &mut egui::Ui,
    form: &mut Form<'_>,
    plan: &Plan,
    people: &[Person],
    selected: Option<PersonId>,
) {
    let mut sorted: Vec<&Person> = people.iter().collect();
    sorted.sort_by_key(|p| p.name.to_lowercase());
    ui.horizontal(|ui| {
        if ui.button("Tilføj person").clicked() {
            form.apply(
                Command::InsertPerson(Person {
                    name: "Ny person".into(),
                    ..Person::default()
                }),
                AfterEdit::SelectNewPerson { owner_of: None },
            );
        }
        ui.label(format!("{} personer i filen", people.len()));
    });
    ui.add_space(6.0);
    ui.columns(2, |columns| {
        let row_height = columns[0].spacing().interact_size.y;
        egui::ScrollArea::vertical()
            .id_salt("personliste")
            .max_height(420.0)
            .auto_shrink([false, true])
            .show_rows(&mut columns[0], row_height, sorted.len(), |ui, rows| {
                for person in &sorted[rows] {
                    let count = carried(plan, person.id).len();
                    let text = if count > 0 {
                        format!("{} ({count} mål)", display_name(person))
                    } else {
                        display_name(person)
                    };
                    if ui
                        .selectable_label(selected == Some(person.id), text)
                        .clicked()
                    {
                        form.out.push(Action::SelectPerson(person.id));
                    }
                }
            });
        let ui = &mut columns[1];
        let Some(person) = people.iter().find(|p| Some(p.id) == selected) else {
            ui.label("Vælg en person i listen.");
            return;
        };
        let id = person.id;
        let text = |field: PersonField| {
            move |value: String| Command::SetPersonText {
                person: id,
                field,
                value,
            }
        };
        form_grid(ui, ("person", id), |ui| {
            form.text_row(ui, "Navn", &person.name, false, text(PersonField::Name));
            form.text_row(
                ui,
                "Stilling",
                &person.title,
                false,
                text(PersonField::Title),
            );
            form.text_row(ui, "Mail", &person.email, false, text(PersonField::Email));
            form.text_row(ui, "Afdeling", &person.unit, false, text(PersonField::Unit));
        });
        ui.add_space(8.0);
        let goals = carried(plan, id);
        if goals.is_empty() {
            ui.label(format!(
                "Er ikke {} på {} i denne plan.",
                lower_first(plan.labels.owner()),
                lower_first(plan.labels.goal())
            ));
        } else {
            ui.strong(format!(
                "{} på {} {} i denne plan",
                plan.labels.owner(),
                goals.len(),
                lower_first(plan.labels.goal())
            ));
            for (number, goal) in &goals {
                ui.label(format!("{number}  {}", units::shorten(&goal.text, 90)));
            }
        }
        ui.add_space(8.0);
        let free = goals.is_empty();
        let delete = ui.add_enabled(free, egui::Button::new("Slet person"));
        let delete = if free {
            delete
        } else {
            delete.on_disabled_hover_text(
                "Personen er tovholder på mål. Giv målene en anden tovholder først.",
            )
        };
        if delete.clicked() {
            form.apply(Command::DeletePerson(id), AfterEdit::Stay);
        }
    });
}
