//! The Opfølgning screen ("Opfølgningsoverblik"): every goal of the plan with its number,
//! short text, tovholdere, deadline (and overdue milestones), current status, its målepunkter
//! as "seneste / mål" and its latest follow-up; filters (status, tovholder, focus area,
//! "frist overskredet", "målepunkter bagud", "ikke fulgt op siden …"), sortable columns, a
//! click opens the goal; and a summary of the statuses for the plan and per focus area, as
//! numbers and as bars; "Eksportér til Excel…" writes the goals shown, as filtered, into one
//! sheet. All in the plan's own words and numbering. Nothing here edits the plan, so it works
//! on a locked plan.

use super::action::{Action, Place, RoundAction};
use super::clock;
use super::fields::form_grid;
use super::people::{display_name, lower_first, name_of, person_choices};
use super::theme;
use crate::model::{Date, FocusAreaId, Goal, Person, PersonId, Plan, Status};
use crate::units::{self, format_number as format_value};

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
    behind: bool,
    since: String,
    sort: Column,
    descending: bool,
}

/// One goal's line.
struct Row<'a> {
    number: String,
    area_id: FocusAreaId,
    goal: &'a Goal,
}

/// True when one of the goal's målepunkter is behind on `today` (`Indicator::is_behind`
/// with the goal's readings).
fn behind(goal: &Goal, today: Date) -> bool {
    goal.indicators
        .iter()
        .any(|i| i.is_behind(&goal.readings(i.id), today))
}

/// The målepunkter of a goal as "seneste / mål", Danish numbers with the unit:
/// "70,1 / 75 %; 12 / –". A figure not there is "–".
fn figures(goal: &Goal) -> String {
    if goal.indicators.is_empty() {
        return "ingen".to_owned();
    }
    goal.indicators
        .iter()
        .map(|i| {
            let latest = goal.readings(i.id).last().map(|r| r.value);
            let show =
                |n: Option<crate::model::Number>| n.map_or_else(|| "–".to_owned(), format_value);
            let unit = i.unit.trim();
            let pair = format!(
                "{} / {}",
                show(latest),
                show(i.target.as_ref().map(|t| t.value))
            );
            if unit.is_empty() {
                pair
            } else {
                format!("{pair}\u{a0}{unit}")
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The goal's deadline with its overdue milestones: "juni 2013; 1 delmål overskredet".
fn deadline_text(goal: &Goal, today: Date) -> String {
    let deadline = goal
        .deadline
        .map_or_else(|| "ingen frist".to_owned(), units::format_date);
    match goal
        .milestones
        .iter()
        .filter(|m| m.is_overdue(today))
        .count()
    {
        0 => deadline,
        n => format!("{deadline}; {n} delmål overskredet"),
    }
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
        egui::CollapsingHeader::new(format!(
            "Status pr. {}",
            lower_first(plan.labels.focus_area())
        ))
        .id_salt("status pr. område")
        .default_open(false)
        .show(ui, |ui| {
            egui::Grid::new("status pr. område")
                .striped(true)
                .show(ui, |ui| {
                    for (i, area) in plan.focus_areas.iter().enumerate() {
                        let c = counts(area.goals.iter());
                        ui.label(plan.numbering.area_heading(&plan.labels, i, &area.title));
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
            let label = ui.label(format!("Vis {}", lower_first(plan.labels.owner())));
            let shown = self
                .owner
                .and_then(|o| name_of(people, o))
                .unwrap_or_else(|| "alle".to_owned());
            let combo = egui::ComboBox::from_id_salt("filter tovholder").selected_text(shown);
            person_choices(ui, combo, people, &mut self.owner, Some("alle")).labelled_by(label.id);
            let label = ui.label(format!("Vis {}", lower_first(plan.labels.focus_area())));
            let heading = |i: usize| {
                plan.numbering
                    .area_heading(&plan.labels, i, &plan.focus_areas[i].title)
            };
            let area_name = self
                .area
                .and_then(|a| plan.focus_areas.iter().position(|x| x.id == a))
                .map_or_else(|| "alle".to_owned(), heading);
            egui::ComboBox::from_id_salt("filter område")
                .selected_text(area_name)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.area, None, "alle");
                    for (i, a) in plan.focus_areas.iter().enumerate() {
                        ui.selectable_value(&mut self.area, Some(a.id), heading(i));
                    }
                })
                .response
                .labelled_by(label.id);
            ui.checkbox(&mut self.overdue, "Frist overskredet");
            ui.checkbox(&mut self.behind, "Målepunkter bagud");
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
                number: plan.numbering.goal_number(a, g),
                area_id: area.id,
                goal,
            })
            .filter(|r| self.status.is_none_or(|s| r.goal.status == s))
            .filter(|r| self.owner.is_none_or(|o| r.goal.owners.contains(&o)))
            .filter(|r| self.area.is_none_or(|a| r.area_id == a))
            .filter(|r| !self.overdue || overdue(r.goal, today))
            .filter(|r| !self.behind || behind(r.goal, today))
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
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "{} mål vises, sorteret efter {order} ({way})",
                rows.len()
            ));
            if ui
                .add_enabled(!rows.is_empty(), egui::Button::new("Eksportér til Excel…"))
                .on_hover_text(
                    "De mål, der vises her, som ét regneark (til kolleger, der arbejder i Excel).",
                )
                .clicked()
            {
                let goals = rows.iter().map(|r| r.goal.id).collect();
                out.push(Action::Round(RoundAction::ExportXlsx(goals)));
            }
        });

        // Header: a click sorts by the column, a second click reverses. The goal column takes
        // what the others leave of the screen's width.
        let gap = ui.spacing().item_spacing.x;
        let fixed = 50.0 + 180.0 + 150.0 + 120.0 + 170.0 + 140.0 + 7.0 * gap;
        let goal_width = (ui.available_width() - fixed).max(200.0);
        let widths = [50.0, goal_width, 180.0, 150.0, 120.0, 170.0, 140.0];
        ui.horizontal(|ui| {
            for (i, (name, column)) in [
                ("Nr.", Some(Column::Number)),
                (plan.labels.goal(), Some(Column::Goal)),
                (plan.labels.owner(), None),
                ("Frist", Some(Column::Deadline)),
                ("Status", Some(Column::Status)),
                ("Målepunkter (seneste / mål)", None),
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
                            r.number.clone(),
                            units::shorten(&r.goal.text, 200),
                            if owners.is_empty() {
                                "ingen".to_owned()
                            } else {
                                units::shorten(&owners.join(", "), 200)
                            },
                            deadline_text(r.goal, today),
                        ];
                        let mut clicked = false;
                        for (i, text) in cells.into_iter().enumerate() {
                            let late = overdue(r.goal, today)
                                || r.goal.milestones.iter().any(|m| m.is_overdue(today));
                            let text = if i == 3 && late {
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
                        let shown = figures(r.goal);
                        let text = if behind(r.goal, today) {
                            egui::RichText::new(format!("{shown} (bagud)")).color(theme::ERROR_TEXT)
                        } else {
                            egui::RichText::new(shown)
                        };
                        clicked |= cell(ui, egui::vec2(widths[5], row_height), text).clicked();
                        let latest = r
                            .goal
                            .latest_follow_up()
                            .map_or_else(|| "aldrig".to_owned(), units::format_date);
                        clicked |= cell(ui, egui::vec2(widths[6], row_height), latest).clicked();
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
                            ui.label(format!(
                                "{}: {}",
                                previous.labels.documentation(),
                                goal.documentation.trim()
                            ));
                        }
                        let owners: Vec<String> = goal
                            .owners
                            .iter()
                            .filter_map(|o| people.iter().find(|p| p.id == *o))
                            .map(display_name)
                            .collect();
                        if !owners.is_empty() {
                            ui.label(format!(
                                "{}: {}",
                                previous.labels.owner(),
                                owners.join("; ")
                            ));
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
    fn the_board_shows_latest_against_target_and_knows_a_goal_behind_its_line() {
        let n = |t: &str| crate::model::Number::parse(t).unwrap();
        let d = |t: &str| Date::parse_iso(t).unwrap();
        let indicator = crate::model::Indicator {
            id: crate::model::IndicatorId(1),
            name: "Andel".into(),
            unit: "%".into(),
            baseline: Some(crate::model::Figure {
                value: n("60"),
                date: Some(d("2011")),
                extra: None,
            }),
            target: Some(crate::model::Figure {
                value: n("1080.5"),
                date: Some(d("2013")),
                extra: None,
            }),
            direction: Some(crate::model::Direction::Increase),
            ..Default::default()
        };
        let follow_up = |date: &str, value: &str| crate::model::FollowUp {
            id: crate::model::FollowUpId(0),
            date: d(date),
            status: None,
            text: String::new(),
            measurements: vec![crate::model::Measurement {
                indicator: crate::model::IndicatorId(1),
                value: n(value),
                extra: None,
            }],
            extra: None,
        };
        let mut goal = Goal {
            indicators: vec![indicator],
            follow_ups: vec![follow_up("2012-12", "70.5")],
            milestones: vec![crate::model::Milestone {
                text: "Første skridt".into(),
                date: Some(d("2012-Q2")),
                ..Default::default()
            }],
            deadline: Some(d("2013-12")),
            ..Goal::default()
        };
        assert_eq!(figures(&goal), "70,5 / 1.080,5\u{a0}%");
        assert!(behind(&goal, d("2013-01-15")));
        goal.follow_ups = vec![follow_up("2012-12", "900")];
        assert!(!behind(&goal, d("2013-01-15")));
        assert_eq!(figures(&Goal::default()), "ingen");
        assert_eq!(
            deadline_text(&goal, d("2013-01-15")),
            "december 2013; 1 delmål overskredet"
        );
        goal.milestones[0].done = true;
        assert_eq!(deadline_text(&goal, d("2013-01-15")), "december 2013");
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
