//! The Opfølgningsrunde screen (issue 19): start a round (name, reply deadline, the plan's
//! tovholdere ticked, a folder), send it (a mail per tovholder, the folder, "Markér som
//! sendt"), read the answers back in (a preview window per workbook, `round_preview`) and see
//! who has answered, who has not and which goals nobody answered for; a round can be closed.
//! It reports what the user did as [`Action`]s: edits of a round are ordinary undoable
//! commands, and what needs dialogs or files ([`RoundAction`]) the app carries out.

use super::action::{Action, AfterEdit, NewRound, RoundAction};
use super::clock;
use super::fields::{FIELD_WIDTH, Form, form_grid};
use super::people::lower_first;
use super::round_preview::{self, Loaded};
use super::theme;
use crate::followup;
use crate::model::{
    Command, Date, GoalId, Package, Person, PersonId, Plan, PlanId, Round, RoundId,
};
use crate::units::{self, format_date};
use std::collections::HashSet;
use std::path::PathBuf;

/// How long tovholdere get to answer unless the officer says otherwise (days).
const DEFAULT_REPLY_DAYS: i64 = 14;

/// The form for a new round (screen state until "Start runden").
#[derive(Debug, Clone, Default)]
struct StartForm {
    /// The plan the form was filled for: another plan starts a fresh form.
    plan: Option<PlanId>,
    name: String,
    deadline: Option<Date>,
    /// The tovholdere the officer unticked (everyone else who owns a goal is asked, also a
    /// person who became a tovholder after the form was opened).
    left_out: HashSet<PersonId>,
    folder: Option<PathBuf>,
    error: Option<String>,
}

/// The screen's state: the shown plan's rounds (read once per reload), the round shown, the
/// start form, and the workbooks read in for a preview.
#[derive(Debug, Default)]
pub struct RoundScreen {
    rounds: Vec<Round>,
    /// The reload generation and plan `rounds` were read for.
    read_for: Option<(u64, PlanId)>,
    selected: Option<RoundId>,
    form: StartForm,
    /// The returned workbooks read in, each shown in its own preview window.
    previews: Vec<Loaded>,
}

impl RoundScreen {
    /// Whether the rounds must be read again (another plan, or the file changed).
    pub fn needs_rounds(&self, generation: u64, plan: PlanId) -> bool {
        self.read_for != Some((generation, plan))
    }

    /// The rounds of `plan` as read from the file after reload `generation`.
    pub fn set_rounds(&mut self, generation: u64, plan: PlanId, rounds: Vec<Round>) {
        if self.read_for.is_some_and(|(_, p)| p != plan) {
            self.selected = None;
            self.previews.clear();
        }
        self.rounds = rounds;
        self.read_for = Some((generation, plan));
    }

    /// The round shown: the one chosen, else the newest open one, else the newest.
    pub fn shown(&self) -> Option<&Round> {
        self.selected
            .and_then(|id| self.rounds.iter().find(|r| r.id == id))
            .or_else(|| self.rounds.iter().rev().find(|r| !r.is_closed()))
            .or_else(|| self.rounds.last())
    }

    /// Shows this round.
    pub fn select(&mut self, round: RoundId) {
        self.selected = Some(round);
    }

    /// The folder chosen for the next round's workbooks.
    pub fn set_folder(&mut self, folder: PathBuf) {
        self.form.folder = Some(folder);
        self.form.error = None;
    }

    /// The start form's message (why the round did not start).
    pub fn start_failed(&mut self, message: String) {
        self.form.error = Some(message);
    }

    /// A round was started: show it and empty the form (the plan file records its folder).
    pub fn started(&mut self, round: RoundId) {
        self.selected = Some(round);
        self.form = StartForm::default();
    }

    /// The workbooks read in (their preview windows), in the order chosen.
    pub fn previews(&self) -> &[Loaded] {
        &self.previews
    }

    /// The workbooks read in, replacing those shown.
    pub fn set_previews(&mut self, previews: Vec<Loaded>) {
        self.previews = previews;
    }

    /// Puts `loaded` in the place of the preview window at `index`.
    pub fn replace_preview(&mut self, index: usize, loaded: Loaded) {
        if let Some(slot) = self.previews.get_mut(index) {
            *slot = loaded;
        }
    }

    /// Closes the preview window at `index`.
    pub fn close_preview(&mut self, index: usize) {
        if index < self.previews.len() {
            self.previews.remove(index);
        }
    }

    /// Draws the screen for `plan`; `writable` is false for a read-only file. A round may be
    /// run on an approved plan: following up is what an approved plan is for.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        form: &mut Form<'_>,
        plan: &Plan,
        people: &[Person],
        writable: bool,
    ) {
        if self.form.plan != Some(plan.id) {
            self.form = StartForm {
                plan: Some(plan.id),
                name: default_name(clock::today()),
                deadline: Some(clock::days_after(clock::today(), DEFAULT_REPLY_DAYS)),
                ..StartForm::default()
            };
        }
        ui.label(format!(
            "Send hver {} et regneark med sine mål, og læs svarene ind igen. Regnearkene kan \
             udfyldes i Excel eller LibreOffice; ingen skal have virkplan.",
            lower_first(plan.labels.owner())
        ));
        ui.add_space(8.0);
        let open_round = self.rounds.iter().any(|r| !r.is_closed());
        if let Some(round) = self.shown().cloned() {
            self.round_list(ui, form.out);
            ui.add_enabled_ui(writable, |ui| {
                self.round_view(ui, form.out, plan, people, &round);
            });
            ui.add_space(12.0);
        }
        egui::CollapsingHeader::new(egui::RichText::new("Start en ny runde").strong())
            .id_salt("ny runde")
            .default_open(!open_round)
            .show(ui, |ui| {
                ui.add_enabled_ui(writable, |ui| self.start_form(ui, form, plan, people));
            });
        round_preview::windows(ui.ctx(), form.out, &self.previews, plan, writable);
    }

    /// The list of rounds, when there is more than one.
    fn round_list(&self, ui: &mut egui::Ui, out: &mut Vec<Action>) {
        if self.rounds.len() < 2 {
            return;
        }
        let shown = self.shown().map(|r| r.id);
        ui.horizontal(|ui| {
            let label = ui.label("Vis runden");
            egui::ComboBox::from_id_salt("vis runden")
                .selected_text(self.shown().map_or_else(String::new, round_title))
                .width(FIELD_WIDTH / 1.5)
                .show_ui(ui, |ui| {
                    for r in self.rounds.iter().rev() {
                        if ui
                            .selectable_label(shown == Some(r.id), round_title(r))
                            .clicked()
                        {
                            out.push(Action::Round(RoundAction::Select(r.id)));
                        }
                    }
                })
                .response
                .labelled_by(label.id);
        });
    }

    /// One round: its packages (sent, answered, the mail buttons), reading answers in, the
    /// goals nobody answered for, and closing it.
    fn round_view(
        &self,
        ui: &mut egui::Ui,
        out: &mut Vec<Action>,
        plan: &Plan,
        people: &[Person],
        round: &Round,
    ) {
        let today = clock::today();
        ui.heading(format!("«{}»", round.name));
        let closed = round
            .closed_on
            .map(|d| format!(" Lukket {}.", format_date(d)))
            .unwrap_or_default();
        ui.label(format!(
            "Startet {}, svarfrist {}.{closed}",
            format_date(round.started_on),
            format_date(round.deadline)
        ));
        let answered = round.packages.iter().filter(|p| p.has_answered()).count();
        ui.strong(format!(
            "{answered} af {} har svaret.",
            round.packages.len()
        ));
        ui.horizontal_wrapped(|ui| {
            let load = ui
                .add_enabled(!round.is_closed(), egui::Button::new("Indlæs svar…"))
                .on_hover_text(
                    "Vælg et eller flere udfyldte regneark; du ser dem, før de indlæses.",
                )
                .on_disabled_hover_text("Runden er lukket; genåbn den for at indlæse svar.");
            if load.clicked() {
                out.push(Action::Round(RoundAction::LoadAnswers));
            }
            // The folder as the round recorded it; on another computer it may not exist, which
            // opening it says.
            let folder = (!round.folder.is_empty()).then(|| PathBuf::from(&round.folder));
            let open = ui
                .add_enabled(folder.is_some(), egui::Button::new("Åbn mappen"))
                .on_hover_text(round.folder.as_str())
                .on_disabled_hover_text(
                    "Runden husker ikke sin mappe. Regnearkene hedder som vist i listen.",
                );
            if open.clicked()
                && let Some(folder) = folder
            {
                out.push(Action::Round(RoundAction::OpenFolder(folder)));
            }
            if round.is_closed() {
                if ui.button("Genåbn runden").clicked() {
                    out.push(Action::Apply(
                        Command::SetRoundClosed {
                            round: round.id,
                            closed_on: None,
                        },
                        AfterEdit::Stay,
                    ));
                }
            } else if ui
                .button("Luk runden")
                .on_hover_text(
                    "En lukket runde tager ikke imod flere svar. Du kan fortryde med Ctrl+Z.",
                )
                .clicked()
            {
                out.push(Action::Apply(
                    Command::SetRoundClosed {
                        round: round.id,
                        closed_on: Some(today),
                    },
                    AfterEdit::Stay,
                ));
            }
        });
        ui.add_space(6.0);
        egui::Grid::new(("pakker", round.id.0))
            .num_columns(5)
            .striped(true)
            .spacing([14.0, 6.0])
            .show(ui, |ui| {
                ui.strong(plan.labels.owner());
                ui.strong(plan.labels.goal());
                ui.strong("Sendt");
                ui.strong("Svar");
                ui.strong("");
                ui.end_row();
                for package in &round.packages {
                    package_row(ui, out, plan, people, round, package, today);
                    ui.end_row();
                }
            });
        unanswered(ui, plan, round);
    }

    /// The form that starts a round.
    fn start_form(
        &mut self,
        ui: &mut egui::Ui,
        form: &mut Form<'_>,
        plan: &Plan,
        people: &[Person],
    ) {
        let owners = followup::tovholdere(plan, people);
        let f = &mut self.form;
        if owners.is_empty() {
            ui.label(format!(
                "Ingen af planens {} har en {} endnu; vælg {} for målene først.",
                lower_first(plan.labels.goal()),
                lower_first(plan.labels.owner()),
                lower_first(plan.labels.owner()),
            ));
            return;
        }
        form_grid(ui, "ny runde", |ui| {
            let label = ui.label("Rundens navn");
            ui.add(
                egui::TextEdit::singleline(&mut f.name)
                    .hint_text("fx Opfølgning efterår 2013")
                    .desired_width(FIELD_WIDTH),
            )
            .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("Svarfrist");
            if let Some(deadline) = form.drafts.date_field(
                ui,
                ("svarfrist", plan.id.0),
                label.id,
                f.deadline,
                "fx 15. oktober 2013",
                FIELD_WIDTH / 2.0,
                false,
            ) {
                f.deadline = deadline;
            }
            ui.end_row();
            ui.label("Hvem får et regneark");
            ui.vertical(|ui| {
                for (person, count) in &owners {
                    let mut ticked = !f.left_out.contains(&person.id);
                    let text = format!("{} ({count} mål)", person.name);
                    if ui.checkbox(&mut ticked, text).changed() {
                        if ticked {
                            f.left_out.remove(&person.id);
                        } else {
                            f.left_out.insert(person.id);
                        }
                    }
                }
            });
            ui.end_row();
            ui.label("Mappe");
            ui.horizontal_wrapped(|ui| {
                match &f.folder {
                    Some(folder) => ui.label(folder.display().to_string()),
                    None => ui.colored_label(theme::HINT_TEXT, "ingen mappe valgt"),
                };
                if ui.button("Vælg mappe…").clicked() {
                    form.out.push(Action::Round(RoundAction::ChooseFolder));
                }
            });
            ui.end_row();
        });
        let chosen: Vec<PersonId> = owners
            .iter()
            .map(|(p, _)| p.id)
            .filter(|id| !f.left_out.contains(id))
            .collect();
        ui.add_space(6.0);
        if ui.button("Start runden").clicked() {
            match new_round(f, plan.id, chosen) {
                Ok(round) => {
                    f.error = None;
                    form.out.push(Action::Round(RoundAction::Start(round)));
                }
                Err(message) => f.error = Some(message.to_owned()),
            }
        }
        if let Some(error) = &f.error {
            ui.colored_label(theme::ERROR_TEXT, error);
        }
    }
}

/// What the form asks for, or why it cannot start yet.
fn new_round(f: &StartForm, plan: PlanId, people: Vec<PersonId>) -> Result<NewRound, &'static str> {
    let name = f.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err("Giv runden et navn, fx «Opfølgning efterår 2013».");
    }
    let Some(deadline) = f.deadline else {
        return Err("Skriv en svarfrist, fx «15. oktober 2013».");
    };
    if people.is_empty() {
        return Err("Sæt flueben ved mindst én, der skal have et regneark.");
    }
    let Some(folder) = f.folder.clone() else {
        return Err("Vælg den mappe, regnearkene skal gemmes i (Vælg mappe…).");
    };
    Ok(NewRound {
        plan,
        name,
        deadline,
        people,
        folder,
    })
}

/// "Opfølgning efterår 2026" in the second half of the year, "Opfølgning forår 2026" in the
/// first: what officers call the two rounds of a year.
fn default_name(today: Date) -> String {
    let season = if today.month_number() >= 7 {
        "efterår"
    } else {
        "forår"
    };
    format!("Opfølgning {season} {}", today.year())
}

/// A round as the list names it: "Opfølgning efterår 2013 (startet 3. september 2013)".
fn round_title(round: &Round) -> String {
    let state = if round.is_closed() { ", lukket" } else { "" };
    format!(
        "{} (startet {}{state})",
        round.name,
        format_date(round.started_on)
    )
}

/// A button whose screen-reader name says whom it is for ("Skriv mail til Børge Alstrup"),
/// where the row shows it and the button only says what it does.
fn row_button(ui: &mut egui::Ui, enabled: bool, text: &str, whom: &str) -> egui::Response {
    let response = ui.add_enabled(enabled, egui::Button::new(text));
    let name = format!("{text} {whom}");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, &name));
    response
}

/// One tovholder's line: name, goals, workbook, sent, answered, and the mail buttons.
fn package_row(
    ui: &mut egui::Ui,
    out: &mut Vec<Action>,
    plan: &Plan,
    people: &[Person],
    round: &Round,
    package: &Package,
    today: Date,
) {
    let person = people.iter().find(|p| p.id == package.person);
    let name = person.map_or(package.person_name.as_str(), |p| p.name.as_str());
    ui.label(name)
        .on_hover_text(format!("Regnearket: {}", package.file_name));
    ui.label(package.goals.len().to_string());
    match package.sent_on {
        Some(on) => {
            ui.horizontal(|ui| {
                ui.label(format!("sendt {}", format_date(on)));
                if row_button(ui, true, "Fortryd", &format!("sendt til {name}"))
                    .on_hover_text("Markér regnearket som ikke sendt.")
                    .clicked()
                {
                    out.push(mark_sent(round, package, None));
                }
            });
        }
        None => {
            if row_button(
                ui,
                !round.is_closed(),
                "Markér som sendt",
                &format!("til {name}"),
            )
            .clicked()
            {
                out.push(mark_sent(round, package, Some(today)));
            }
        }
    }
    let answer = match package.last_answer() {
        Some(on) => egui::RichText::new(format!("svar modtaget {}", format_date(on)))
            .color(theme::SAVED_TEXT),
        None => egui::RichText::new("mangler").color(theme::ERROR_TEXT),
    };
    ui.label(answer);
    let email = person.map_or("", |p| p.email.trim());
    ui.horizontal(|ui| {
        if package.has_answered() {
            return;
        }
        // Before it is sent: the mail that sends it; after: a reminder.
        let (text, write): (&str, MailLink) = if package.sent_on.is_none() {
            ("Skriv mail", followup::request_mailto)
        } else {
            ("Skriv påmindelse", followup::reminder_mailto)
        };
        let can_mail = !email.is_empty() && !round.is_closed();
        let clicked = row_button(ui, can_mail, text, &format!("til {name}"))
            .on_disabled_hover_text(if email.is_empty() {
                "Personen har ingen mail; skriv den under Personer."
            } else {
                "Runden er lukket."
            })
            .clicked();
        if clicked {
            let link = write(
                email,
                name,
                &round.name,
                &plan.title,
                round.deadline,
                &package.file_name,
            );
            out.push(Action::Round(RoundAction::Mail {
                link,
                to: email.to_owned(),
            }));
        }
    });
}

/// `followup::request_mailto` or `reminder_mailto`: (address, name, round, plan, deadline,
/// file) → the `mailto:` link.
type MailLink = fn(&str, &str, &str, &str, Date, &str) -> String;

/// "Markér som sendt" (or its undoing): the package whole, with the new day.
fn mark_sent(round: &Round, package: &Package, on: Option<Date>) -> Action {
    let mut package = package.clone();
    package.sent_on = on;
    Action::Apply(
        Command::SetRoundPackage {
            round: round.id,
            package,
        },
        AfterEdit::Stay,
    )
}

/// The goals of a round that no tovholder asked about them has answered for yet, once each,
/// in the plan's order (a goal deleted since the round began last, as `None`), each with the
/// names of the tovholdere it waits for.
fn nobody_answered(plan: &Plan, round: &Round) -> Vec<(GoalId, Vec<String>)> {
    let mut goals: Vec<(GoalId, Vec<String>)> = Vec::new();
    for package in round.packages.iter().filter(|p| !p.has_answered()) {
        for goal in &package.goals {
            let answered = round
                .packages
                .iter()
                .any(|p| p.has_answered() && p.goals.contains(goal));
            if answered {
                continue;
            }
            match goals.iter_mut().find(|(g, _)| g == goal) {
                Some((_, names)) => names.push(package.person_name.clone()),
                None => goals.push((*goal, vec![package.person_name.clone()])),
            }
        }
    }
    let position = |id: &GoalId| plan.goals().position(|(_, g)| g.id == *id);
    goals.sort_by_key(|(g, _)| position(g).unwrap_or(usize::MAX));
    goals
}

/// The goals nobody has answered for yet, with their number and tovholdere.
fn unanswered(ui: &mut egui::Ui, plan: &Plan, round: &Round) {
    let goals = nobody_answered(plan, round);
    ui.add_space(8.0);
    if goals.is_empty() {
        ui.label(format!(
            "Der er svar for alle rundens {}.",
            lower_first(plan.labels.goal())
        ));
        return;
    }
    egui::CollapsingHeader::new(format!(
        "{} {} uden svar",
        goals.len(),
        lower_first(plan.labels.goal())
    ))
    .id_salt(("uden svar", round.id.0))
    .default_open(true)
    .show(ui, |ui| {
        for (goal, names) in goals {
            let whose = names.join(", ");
            let found = plan
                .numbered_goals()
                .find(|(_, _, _, g)| g.id == goal)
                .map(|(a, g, _, found)| (plan.numbering.goal_number(a, g), found));
            match found {
                Some((number, g)) => ui.label(format!(
                    "{} {number}: {} ({whose})",
                    plan.labels.goal(),
                    units::shorten(&g.text, 100)
                )),
                None => ui.label(format!(
                    "Et {}, der er slettet fra planen, siden runden begyndte ({whose})",
                    lower_first(plan.labels.goal())
                )),
            };
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_name_follows_the_season() {
        let d = |m| Date::day(2013, m, 1).unwrap();
        assert_eq!(default_name(d(9)), "Opfølgning efterår 2013");
        assert_eq!(default_name(d(3)), "Opfølgning forår 2013");
    }

    #[test]
    fn a_round_is_started_only_with_a_name_a_deadline_someone_and_a_folder() {
        let mut f = StartForm {
            name: "  Opfølgning   efterår 2013 ".into(),
            deadline: Date::day(2013, 10, 15).ok(),
            folder: Some(PathBuf::from("/tmp/runde")),
            ..StartForm::default()
        };
        let round = new_round(&f, PlanId(1), vec![PersonId(2)]).unwrap();
        assert_eq!(round.name, "Opfølgning efterår 2013");
        assert!(
            new_round(&f, PlanId(1), vec![])
                .unwrap_err()
                .contains("flueben")
        );
        f.folder = None;
        assert!(
            new_round(&f, PlanId(1), vec![PersonId(2)])
                .unwrap_err()
                .contains("mappe")
        );
        f.deadline = None;
        assert!(
            new_round(&f, PlanId(1), vec![PersonId(2)])
                .unwrap_err()
                .contains("svarfrist")
        );
        f.name = " ".into();
        assert!(
            new_round(&f, PlanId(1), vec![PersonId(2)])
                .unwrap_err()
                .contains("navn")
        );
    }

    #[test]
    fn a_goal_counts_as_unanswered_until_one_of_its_tovholdere_answers_and_is_listed_once() {
        use crate::model::{FocusArea, Goal, Receipt};
        let goal = |id| Goal {
            id: GoalId(id),
            ..Goal::default()
        };
        let plan = Plan {
            focus_areas: vec![FocusArea {
                goals: vec![goal(1), goal(2), goal(3)],
                ..FocusArea::default()
            }],
            ..Plan::default()
        };
        let package = |person: i64, name: &str, goals: &[i64], answered: bool| Package {
            person: PersonId(person),
            person_name: name.into(),
            file_name: String::new(),
            goals: goals.iter().map(|g| GoalId(*g)).collect(),
            indicators: Vec::new(),
            sent_on: None,
            receipts: if answered {
                vec![Receipt {
                    received_on: Date::day(2013, 10, 1).unwrap(),
                    digest: "ab".into(),
                    follow_ups: 1,
                }]
            } else {
                Vec::new()
            },
        };
        let mut round = Round {
            id: RoundId(1),
            plan: PlanId(1),
            name: "R".into(),
            deadline: Date::day(2013, 10, 15).unwrap(),
            started_on: Date::day(2013, 9, 20).unwrap(),
            closed_on: None,
            folder: String::new(),
            packages: vec![
                package(1, "Ib", &[3, 2], false),
                package(2, "Åse", &[2, 9], false),
                package(3, "Bo", &[1], true),
            ],
        };
        // Goal 2 is asked of Ib and Åse: listed once, with both, in the plan's order; 9 was
        // deleted from the plan since: last.
        assert_eq!(
            nobody_answered(&plan, &round),
            vec![
                (GoalId(2), vec!["Ib".to_owned(), "Åse".to_owned()]),
                (GoalId(3), vec!["Ib".to_owned()]),
                (GoalId(9), vec!["Åse".to_owned()]),
            ]
        );
        // Åse answers: goal 2 has its answer, though Ib has not sent his.
        round.packages[1] = package(2, "Åse", &[2, 9], true);
        assert_eq!(
            nobody_answered(&plan, &round),
            vec![(GoalId(3), vec!["Ib".to_owned()])]
        );
    }
}
