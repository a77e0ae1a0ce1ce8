//! "Sammenhæng med": the goals a goal is tied to, chosen from a searchable list of every goal
//! in the file (any plan: plan title, number, text), and the goals that name it, both
//! clickable to go there. The link is stored on the goal that names it (plan-format.md).

use super::action::{Action, AfterEdit};
use super::fields::Form;
use crate::document::{Document, DocumentError};
use crate::model::{Command, FocusAreaId, Goal, GoalId, Plan, PlanId, PlanSummary};
use crate::units;

/// How many goals the search list shows at once.
const SHOWN: usize = 8;
/// How much of a goal's text a line shows (characters).
const TEXT_CHARS: usize = 70;

/// A goal of the file, as the list of related goals shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileGoal {
    /// Its plan.
    pub plan: PlanId,
    /// Its plan's title.
    pub plan_title: String,
    /// Its focus area.
    pub area: FocusAreaId,
    /// The goal.
    pub goal: GoalId,
    /// "Mål 1.2" in its plan's own words and numbering.
    pub name: String,
    /// Its text.
    pub text: String,
    /// The goals it names.
    pub related: Vec<GoalId>,
}

impl FileGoal {
    /// "Virksomhedsplan 2012 – Mål 1.2: Flere borgere …".
    pub fn line(&self) -> String {
        format!(
            "{} – {}: {}",
            units::shorten(&self.plan_title, 40),
            self.name,
            units::shorten(&self.text, TEXT_CHARS)
        )
    }
}

/// Every goal of `plans`, in their order.
pub fn index<'a>(plans: impl IntoIterator<Item = &'a Plan>) -> Vec<FileGoal> {
    let mut out = Vec::new();
    for plan in plans {
        for (a, g, area, goal) in plan.numbered_goals() {
            let number = plan.numbering.goal_number(a, g);
            let name = if number.is_empty() {
                plan.labels.goal().to_owned()
            } else {
                format!("{} {number}", plan.labels.goal())
            };
            out.push(FileGoal {
                plan: plan.id,
                plan_title: plan.title.clone(),
                area: area.id,
                goal: goal.id,
                name,
                text: goal.text.clone(),
                related: goal.related.clone(),
            });
        }
    }
    out
}

/// Every goal of the file: `shown` as loaded, the other plans of `plans` read from `doc`.
/// A plan that cannot be read is left out, and the first such error returned with the rest.
pub fn read(
    doc: &Document,
    plans: &[PlanSummary],
    shown: &Plan,
) -> (Vec<FileGoal>, Option<DocumentError>) {
    let mut others = Vec::new();
    let mut error = None;
    for summary in plans.iter().filter(|p| p.id != shown.id) {
        match doc.load_plan(summary.id) {
            Ok(plan) => others.push(plan),
            Err(e) => {
                error.get_or_insert(e);
            }
        }
    }
    (index(std::iter::once(shown).chain(others.iter())), error)
}

/// The goals of `goals` that `query` finds (plan title, number or text, case-insensitive),
/// leaving out `goal` itself and those it already names.
pub fn candidates<'a>(goals: &'a [FileGoal], goal: &Goal, query: &str) -> Vec<&'a FileGoal> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    goals
        .iter()
        .filter(|g| g.goal != goal.id && !goal.related.contains(&g.goal))
        .filter(|g| {
            let haystack = format!("{} {} {}", g.plan_title, g.name, g.text).to_lowercase();
            words.iter().all(|w| haystack.contains(w.as_str()))
        })
        .collect()
}

/// The Sammenhæng row of the goal editor (in its form grid): what the goal names, each
/// removable, a search to add one, and the goals that name it.
pub fn row(ui: &mut egui::Ui, form: &mut Form<'_>, goal: &Goal, goals: &[FileGoal]) {
    let label = ui.label("Sammenhæng med");
    let id = goal.id;
    let find = |g: GoalId| goals.iter().find(|x| x.goal == g);
    let open = |out: &mut Vec<Action>, g: &FileGoal| {
        out.push(Action::OpenGoal(g.plan, g.goal));
    };
    ui.vertical(|ui| {
        for other in &goal.related {
            ui.horizontal(|ui| match find(*other) {
                Some(g) => {
                    if ui.link(g.line()).on_hover_text("Gå til målet").clicked() {
                        open(form.out, g);
                    }
                    if ui
                        .small_button(format!("Fjern sammenhæng med {}", g.name))
                        .clicked()
                    {
                        let related = goal
                            .related
                            .iter()
                            .copied()
                            .filter(|r| r != other)
                            .collect();
                        form.apply(
                            Command::SetGoalRelated { goal: id, related },
                            AfterEdit::Stay,
                        );
                    }
                }
                None => {
                    ui.label("(et mål, der ikke findes længere)");
                }
            });
        }
        let query_id = ui.make_persistent_id(("søg sammenhæng", id));
        let mut query: String = ui.data(|d| d.get_temp(query_id)).unwrap_or_default();
        let search_label = ui.label("Søg et mål at knytte til");
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut query)
                    .hint_text("plan, nummer eller ord fra målet")
                    .desired_width(super::fields::FIELD_WIDTH / 1.5),
            )
            .labelled_by(search_label.id);
        if response.changed() {
            ui.data_mut(|d| d.insert_temp(query_id, query.clone()));
        }
        if !query.trim().is_empty() {
            let found = candidates(goals, goal, &query);
            if found.is_empty() {
                ui.label("Ingen mål passer på søgningen.");
            }
            for g in found.iter().take(SHOWN) {
                if ui.button(format!("Knyt til {}", g.line())).clicked() {
                    let mut related = goal.related.clone();
                    related.push(g.goal);
                    form.apply(
                        Command::SetGoalRelated { goal: id, related },
                        AfterEdit::Stay,
                    );
                    ui.data_mut(|d| d.remove::<String>(query_id));
                }
            }
            if found.len() > SHOWN {
                ui.label(format!(
                    "… og {} flere; skriv flere ord",
                    found.len() - SHOWN
                ));
            }
        }
        let naming: Vec<&FileGoal> = goals.iter().filter(|g| g.related.contains(&id)).collect();
        if !naming.is_empty() {
            ui.label("Disse mål har sammenhæng med dette mål:");
            for g in naming {
                if ui.link(g.line()).on_hover_text("Gå til målet").clicked() {
                    open(form.out, g);
                }
            }
        }
    })
    .response
    .labelled_by(label.id);
    ui.end_row();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FocusArea;

    fn plan(id: i64, title: &str, goals: &[(i64, &str, &[i64])]) -> Plan {
        Plan {
            id: PlanId(id),
            title: title.into(),
            focus_areas: vec![FocusArea {
                id: FocusAreaId(id),
                title: "Sundhed".into(),
                goals: goals
                    .iter()
                    .map(|(g, text, related)| Goal {
                        id: GoalId(*g),
                        text: (*text).into(),
                        related: related.iter().map(|r| GoalId(*r)).collect(),
                        ..Goal::default()
                    })
                    .collect(),
                ..FocusArea::default()
            }],
            ..Plan::default()
        }
    }

    #[test]
    fn every_goal_of_the_file_is_found_by_plan_number_or_words_but_not_itself() {
        let a = plan(
            1,
            "Plan 2012",
            &[(10, "Færre indlæggelser", &[]), (11, "Flere i job", &[20])],
        );
        let mut b = plan(2, "Plan 2014", &[(20, "Sund arbejdsplads", &[])]);
        b.labels.goal = Some("Indsats".into());
        let all = index([&a, &b]);
        assert_eq!(all.len(), 3);
        assert_eq!(all[2].name, "Indsats 1.1");
        assert_eq!(all[1].line(), "Plan 2012 – Mål 1.2: Flere i job");
        let me = &a.focus_areas[0].goals[1];
        // Itself and what it already names are not offered.
        let found: Vec<GoalId> = candidates(&all, me, "").iter().map(|g| g.goal).collect();
        assert_eq!(found, vec![GoalId(10)]);
        let other = &a.focus_areas[0].goals[0];
        let by = |q: &str| -> Vec<GoalId> {
            candidates(&all, other, q).iter().map(|g| g.goal).collect()
        };
        assert_eq!(by("2014"), vec![GoalId(20)]);
        assert_eq!(by("indsats 1.1"), vec![GoalId(20)]);
        assert_eq!(by("JOB"), vec![GoalId(11)]);
        assert!(by("ingenting").is_empty());
    }
}
