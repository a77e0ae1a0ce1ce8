//! The Opfølgning screen ("Opfølgningsoverblik"): every goal of the plan with its focus area
//! number, short text, tovholdere, deadline, current status and latest follow-up; filters
//! (status, tovholder, focus area, "frist overskredet", "ikke fulgt op siden …"), sortable
//! columns, a click opens the goal; and a summary of the statuses for the plan and per focus
//! area, as numbers and as bars. Nothing here edits the plan, so it works on a locked plan.

use super::action::{Action, Place};
use super::clock;
use super::fields::form_grid;
use super::people::{carried, display_name, name_of, person_choices};
use super::theme;
use crate::model::{Date, FocusAreaId, Goal, Person, PersonId, Plan, Status};
use crate::units;

/// A column of the board, to sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    /// Nr. ("2.3"): the plan's order.
    #[default]
    Number,
    /// Mål
    Goal,
    /// Frist
    Deadline,
    /// Status
    Status,
    /// Seneste opfølgning
    Latest,
}

/// The board's filters and sort order (screen state).
#[derive(Debug, Clone, Default)]
pub struct Board {
    /// `None`: every status; `Some(None)`: ikke vurderet.
    status: Option<Option<Status>>,
    owner: Option<PersonId>,
    area: Option<FocusAreaId>,
    overdue: bool,
    since: String,
    sort: Column,
    descending: bool,
}

/// One goal's line.
struct Row<'a> {
    area: usize,
    number: usize,
    area_id: FocusAreaId,
    goal: &'a Goal,
}

/// True when the deadline has passed (a month deadline: after that month) and the goal is not
/// done or dropped.
fn overdue(goal: &Goal, today: Date) -> bool {
    goal.is_overdue(today)
}

/// Counts per status (ikke vurderet last) of some goals.
fn counts<'a>(goals: impl Iterator<Item = &'a Goal>) -> Vec<(Option<Status>, usize)> {
    let mut all: Vec<(Option<Status>, usize)> = Status::ALL
        .iter()
        .map(|s| (Some(*s), 0))
        .chain(std::iter::once((None, 0)))
        .collect();
    for g in goals {
        if let Some(slot) = all.iter_mut().find(|(s, _)| *s == g.status) {
            slot.1 += 1;
        }
    }
    all
}

/// A horizontal bar split by status (drawn: the colours, with the counts as text beside it).
fn bar(ui: &mut egui::Ui, counts: &[(Option<Status>, usize)], width: f32) {
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    let height = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    if total == 0 {
        return;
    }
    let mut x = rect.left();
    for (status, n) in counts {
        let w = width * (*n as f32) / (total as f32);
        let r = egui::Rect::from_min_size(egui::pos2(x, rect.top()), egui::vec2(w, height));
        ui.painter()
            .rect_filled(r, 0.0, theme::status_colour(*status));
        x += w;
    }
}

fn counts_text(counts: &[(Option<Status>, usize)]) -> String {
    counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{}: {n}", Status::label_of(*s)))
        .collect::<Vec<_>>()
        .join(" · ")
}

impl Board {
    /// Draws the board of `plan`.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        out: &mut Vec<Action>,
        plan: &Plan,
        people: &[Person],
    ) {
        let today = clock::today();
        // Summary.
        let all = counts(plan.goals().map(|(_, g)| g));
        ui.strong(format!("Status for planens {} mål", plan.goals().count()));
        ui.horizontal(|ui| {
            bar(ui, &all, 300.0);
            ui.label(counts_text(&all));
        });
        egui::CollapsingHeader::new("Status pr. indsatsområde")
            .default_open(false)
            .show(ui, |ui| {
                egui::Grid::new("status pr. område")
                    .striped(true)
                    .show(ui, |ui| {
                        for (i, area) in plan.focus_areas.iter().enumerate() {
                            let c = counts(area.goals.iter());
                            ui.label(format!("{}. {}", i + 1, area.title));
                            bar(ui, &c, 160.0);
                            ui.label(counts_text(&c));
                            ui.end_row();
                        }
                    });
            });
        ui.separator();

        // Filters.
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Vis status");
            egui::ComboBox::from_id_salt("filter status")
                .selected_text(match self.status {
                    None => "alle",
                    Some(s) => Status::label_of(s),
                })
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.status, None, "alle");
                    for s in std::iter::once(None).chain(Status::ALL.map(Some)) {
                        ui.selectable_value(&mut self.status, Some(s), Status::label_of(s));
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label("Vis tovholder");
            let shown = self
                .owner
                .and_then(|o| name_of(people, o))
                .unwrap_or_else(|| "alle".to_owned());
            let combo = egui::ComboBox::from_id_salt("filter tovholder").selected_text(shown);
            person_choices(ui, combo, people, &mut self.owner, Some("alle")).labelled_by(label.id);
            let label = ui.label("Vis indsatsområde");
            let area_name = self
                .area
                .and_then(|a| plan.focus_areas.iter().position(|x| x.id == a))
                .map_or_else(
                    || "alle".to_owned(),
                    |i| format!("{}. {}", i + 1, plan.focus_areas[i].title),
                );
            egui::ComboBox::from_id_salt("filter område")
                .selected_text(area_name)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.area, None, "alle");
                    for (i, a) in plan.focus_areas.iter().enumerate() {
                        ui.selectable_value(
                            &mut self.area,
                            Some(a.id),
                            format!("{}. {}", i + 1, a.title),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            ui.checkbox(&mut self.overdue, "Frist overskredet");
            let label = ui.label("Ikke fulgt op siden");
            ui.add(
                egui::TextEdit::singleline(&mut self.since)
                    .hint_text("fx 1.3.2013")
                    .desired_width(110.0),
            )
            .labelled_by(label.id);
        });
        let since = if self.since.trim().is_empty() {
            None
        } else {
            match units::parse_date_input(&self.since) {
                Ok(d) => Some(d),
                Err(e) => {
                    ui.colored_label(theme::ERROR_TEXT, e.to_string());
                    None
                }
            }
        };

        // The rows that pass the filters, sorted.
        let mut rows: Vec<Row<'_>> = plan
            .numbered_goals()
            .map(|(a, g, area, goal)| Row {
                area: a + 1,
                number: g + 1,
                area_id: area.id,
                goal,
            })
            .filter(|r| self.status.is_none_or(|s| r.goal.status == s))
            .filter(|r| self.owner.is_none_or(|o| r.goal.owners.contains(&o)))
            .filter(|r| self.area.is_none_or(|a| r.area_id == a))
            .filter(|r| !self.overdue || overdue(r.goal, today))
            .filter(|r| since.is_none_or(|d| r.goal.latest_follow_up().is_none_or(|l| l < d)))
            .collect();
        match self.sort {
            Column::Number => {}
            Column::Goal => rows.sort_by_key(|r| r.goal.text.to_lowercase()),
            Column::Deadline => rows.sort_by_key(|r| (r.goal.deadline.is_none(), r.goal.deadline)),
            Column::Status => rows.sort_by_key(|r| r.goal.status),
            Column::Latest => rows.sort_by_key(|r| r.goal.latest_follow_up()),
        }
        if self.descending {
            rows.reverse();
        }
        let order = match self.sort {
            Column::Number => "nr.",
            Column::Goal => "mål",
            Column::Deadline => "frist",
            Column::Status => "status",
            Column::Latest => "seneste opfølgning",
        };
        let way = if self.descending {
            "faldende"
        } else {
            "stigende"
        };
        ui.label(format!(
            "{} mål vises, sorteret efter {order} ({way})",
            rows.len()
        ));

        // Header: a click sorts by the column, a second click reverses. The goal column takes
        // what the others leave of the screen's width.
        let gap = ui.spacing().item_spacing.x;
        let fixed = 50.0 + 200.0 + 130.0 + 120.0 + 140.0 + 6.0 * gap;
        let goal_width = (ui.available_width() - fixed).max(220.0);
        let widths = [50.0, goal_width, 200.0, 130.0, 120.0, 140.0];
        ui.horizontal(|ui| {
            for (i, (name, column)) in [
                ("Nr.", Some(Column::Number)),
                ("Mål", Some(Column::Goal)),
                ("Tovholder", None),
                ("Frist", Some(Column::Deadline)),
                ("Status", Some(Column::Status)),
                ("Seneste opfølgning", Some(Column::Latest)),
            ]
            .into_iter()
            .enumerate()
            {
                // The sorted column is underlined; the line above says the direction (the
                // built-in fonts have no arrows).
                let sorted = column == Some(self.sort);
                let text = if sorted {
                    egui::RichText::new(name).strong().underline()
                } else {
                    egui::RichText::new(name).strong()
                };
                let response = cell(ui, egui::vec2(widths[i], 20.0), text);
                if let Some(c) = column
                    && response
                        .on_hover_text(format!("Sortér efter {}", name.to_lowercase()))
                        .clicked()
                {
                    if self.sort == c {
                        self.descending = !self.descending;
                    } else {
                        self.sort = c;
                        self.descending = false;
                    }
                }
            }
        });
        let row_height = ui.spacing().interact_size.y + 4.0;
        egui::ScrollArea::vertical()
            .id_salt("opfølgningsoverblik")
            // Its own height, so that only the visible rows are drawn (the screen scrolls too).
            .max_height(460.0)
            .auto_shrink([false, true])
            .show_rows(ui, row_height, rows.len(), |ui, range| {
                for r in &rows[range] {
                    ui.horizontal(|ui| {
                        let owners: Vec<String> = r
                            .goal
                            .owners
                            .iter()
                            .filter_map(|o| people.iter().find(|p| p.id == *o))
                            .map(|p| p.name.clone())
                            .collect();
                        let cells = [
                            format!("{}.{}", r.area, r.number),
                            units::shorten(&r.goal.text, 200),
                            if owners.is_empty() {
                                "ingen".to_owned()
                            } else {
                                units::shorten(&owners.join(", "), 200)
                            },
                            r.goal
                                .deadline
                                .map_or_else(|| "ingen frist".to_owned(), units::format_date),
                        ];
                        let mut clicked = false;
                        for (i, text) in cells.into_iter().enumerate() {
                            let text = if i == 3 && overdue(r.goal, today) {
                                egui::RichText::new(text).color(theme::ERROR_TEXT)
                            } else {
                                egui::RichText::new(text)
                            };
                            clicked |= cell(ui, egui::vec2(widths[i], row_height), text).clicked();
                        }
                        ui.allocate_ui(egui::vec2(widths[4], row_height), |ui| {
                            ui.set_min_size(egui::vec2(widths[4], row_height));
                            ui.horizontal(|ui| {
                                let size = ui.text_style_height(&egui::TextStyle::Body);
                                let (dot, _) = ui.allocate_exact_size(
                                    egui::vec2(size, size),
                                    egui::Sense::hover(),
                                );
                                ui.painter().circle_filled(
                                    dot.center(),
                                    size * 0.3,
                                    theme::status_colour(r.goal.status),
                                );
                                ui.label(Status::label_of(r.goal.status));
                            });
                        });
                        let latest = r
                            .goal
                            .latest_follow_up()
                            .map_or_else(|| "aldrig".to_owned(), units::format_date);
                        clicked |= cell(ui, egui::vec2(widths[5], row_height), latest).clicked();
                        if clicked {
                            out.push(Action::GoTo(Place::Goal(r.area_id, r.goal.id)));
                        }
                    });
                }
            });
    }
}

/// "Opfølgning på forrige plan": the plan this plan follows up on, as the printed chapter
/// shows it — its focus areas numbered on after this plan's, each goal with documentation,
/// final status and dated follow-ups (oldest first) — under the text that leads into it.
pub fn review(
    ui: &mut egui::Ui,
    form: &mut super::fields::Form<'_>,
    plan: &Plan,
    previous: &Plan,
    people: &[Person],
) {
    ui.add_space(16.0);
    ui.heading(format!(
        "Opfølgning på forrige plan: {} ({})",
        previous.title, previous.period
    ));
    let id = plan.id;
    form_grid(ui, "indledning til opfølgningen", |ui| {
        form.text_row(
            ui,
            "Indledning til opfølgningen",
            &plan.review_intro,
            true,
            move |value| crate::model::Command::SetPlanText {
                plan: id,
                field: crate::model::PlanField::ReviewIntro,
                value,
            },
        );
    });
    let first = plan.focus_areas.len();
    for (i, area) in previous.focus_areas.iter().enumerate() {
        egui::CollapsingHeader::new(format!("{}. {}", first + i + 1, area.title))
            .id_salt(("forrige område", area.id))
            .default_open(false)
            .show(ui, |ui| {
                for goal in &area.goals {
                    ui.group(|ui| {
                        ui.set_min_width(ui.available_width());
                        ui.strong(goal.text.as_str());
                        if !goal.documentation.trim().is_empty() {
                            ui.label(format!("Dokumentation: {}", goal.documentation.trim()));
                        }
                        let owners: Vec<String> = goal
                            .owners
                            .iter()
                            .filter_map(|o| people.iter().find(|p| p.id == *o))
                            .map(display_name)
                            .collect();
                        if !owners.is_empty() {
                            ui.label(format!("Tovholder: {}", owners.join("; ")));
                        }
                        ui.horizontal(|ui| {
                            ui.label("Status:");
                            let size = ui.text_style_height(&egui::TextStyle::Body);
                            let (dot, _) = ui
                                .allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
                            ui.painter().circle_filled(
                                dot.center(),
                                size * 0.3,
                                theme::status_colour(goal.status),
                            );
                            ui.label(Status::label_of(goal.status));
                        });
                        for f in &goal.follow_ups {
                            let status = f
                                .status
                                .map(|s| format!(" ({})", s.label()))
                                .unwrap_or_default();
                            ui.label(format!(
                                "{}{status}: {}",
                                units::format_date_capitalised(f.date),
                                f.text.trim()
                            ));
                        }
                    });
                }
            });
    }
}

/// A cell of the board: its text left-aligned in a fixed width, cut with … where it is
/// longer, clickable.
fn cell(ui: &mut egui::Ui, size: egui::Vec2, text: impl Into<egui::WidgetText>) -> egui::Response {
    ui.allocate_ui_with_layout(
        size,
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_size(size);
            ui.set_max_width(size.x);
            ui.add(egui::Button::new(text).frame(false).truncate())
        },
    )
    .inner
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_is_passed_after_its_month_and_not_for_closed_goals() {
        let today = Date::parse_iso("2013-07-01").unwrap();
        let goal = |deadline: &str, status| Goal {
            deadline: Date::parse_iso(deadline).ok(),
            status,
            ..Goal::default()
        };
        assert!(overdue(&goal("2013-06", None), today));
        assert!(!overdue(&goal("2013-07", None), today));
        assert!(overdue(&goal("2013-06-30", Some(Status::OnTrack)), today));
        assert!(!overdue(&goal("2013-06-30", Some(Status::Done)), today));
        assert!(!overdue(&goal("2013-06-30", Some(Status::Dropped)), today));
    }

    #[test]
    fn counts_cover_every_status_and_none() {
        let goals = [
            Goal {
                status: Some(Status::OnTrack),
                ..Goal::default()
            },
            Goal {
                status: Some(Status::OnTrack),
                ..Goal::default()
            },
            Goal::default(),
        ];
        let c = counts(goals.iter());
        assert_eq!(c.len(), 7);
        assert_eq!(
            c.iter()
                .find(|(s, _)| *s == Some(Status::OnTrack))
                .unwrap()
                .1,
            2
        );
        assert_eq!(c.iter().find(|(s, _)| s.is_none()).unwrap().1, 1);
        assert_eq!(counts_text(&c), "i gang: 2 · ikke vurderet: 1");
    }
}

/// A follow-up being written in "Min opfølgning".
#[derive(Debug, Clone, Default)]
struct Entry {
    date: String,
    status: Option<Status>,
    text: String,
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
                    ui.horizontal_wrapped(|ui| {
                        ui.strong(format!("Mål {number}"));
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
                            let l = ui.label(format!("Dato for opfølgning på mål {number}"));
                            ui.add(
                                egui::TextEdit::singleline(&mut entry.date).desired_width(120.0),
                            )
                            .labelled_by(l.id);
                            let l = ui.label(format!("Status efter opfølgning på mål {number}"));
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
                        let l = ui.label(format!("Opfølgning på mål {number}"));
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
                        let button = ui.button(format!("Gem opfølgning på mål {number}"));
                        save = (enter || button.clicked()) && !entry.text.trim().is_empty();
                    });
                    if let Some(error) = &entry.error {
                        ui.colored_label(theme::ERROR_TEXT, error);
                    }
                    if !save {
                        continue;
                    }
                    match units::parse_date_input(&entry.date) {
                        Ok(date) => {
                            let new = crate::model::FollowUp {
                                id: crate::model::FollowUpId(0),
                                date,
                                status: entry.status,
                                text: entry.text.trim().to_owned(),
                                measurements: Vec::new(),
                                extra: None,
                            };
                            let mut after = goal.follow_ups.clone();
                            after.push(new.clone());
                            let insert = crate::model::Command::InsertFollowUp {
                                goal: goal.id,
                                index: goal.follow_ups.len(),
                                follow_up: new,
                            };
                            let command = match Goal::status_from_follow_ups(&after) {
                                Some(s) if Some(s) != goal.status => {
                                    crate::model::Command::Batch(vec![
                                        insert,
                                        crate::model::Command::SetGoalStatus {
                                            goal: goal.id,
                                            status: Some(s),
                                        },
                                    ])
                                }
                                _ => insert,
                            };
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
