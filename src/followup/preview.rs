//! Returned answers set against the plan file: what each goal gets (new status, date, text
//! and figures) beside what it had, the problems that stop the workbook, and the notes that
//! do not (a goal deleted since the round began, a follow-up typed since, a missing date).
//! A workbook goes in whole or not at all, as one undo step: [`Preview::command`].

use super::read::{Answers, Problem};
use crate::model::{
    Command, Date, FollowUp, FollowUpId, Goal, GoalId, IndicatorId, Measurement, Number, Package,
    Person, PersonId, Plan, Receipt, Round, RoundId, Status,
};
use crate::units::format_date;

/// What the answers are set against.
#[derive(Debug, Clone, Copy)]
pub struct Received<'a> {
    /// The open plan file's id.
    pub file_id: &'a str,
    /// The plan the answers are read into.
    pub plan: &'a Plan,
    /// The plan's rounds.
    pub rounds: &'a [Round],
    /// The file's people (for the tovholder's name as it is now).
    pub people: &'a [Person],
    /// The day the answers are read in.
    pub today: Date,
}

/// Why a workbook's answers cannot go into this plan at all; nothing of it is written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PreviewError {
    /// Made from another plan file.
    #[error(
        "«{0}» er lavet fra en anden planfil end denne, og intet af det er indlæst. Indlæs det \
         i den planfil, runden blev startet fra."
    )]
    OtherFile(String),
    /// For another plan of this file.
    #[error(
        "«{workbook}» hører til en anden plan end «{plan}», og intet af det er indlæst. Vælg \
         den plan, runden hører til, og indlæs det der."
    )]
    OtherPlan {
        /// The workbook.
        workbook: String,
        /// The plan it was read into.
        plan: String,
    },
    /// Its round is no longer in the file.
    #[error(
        "«{0}» hører til en opfølgningsrunde, som ikke findes i planen (længere), og intet af \
         det er indlæst."
    )]
    RoundMissing(String),
    /// Its round is closed.
    #[error(
        "«{workbook}» hører til runden «{round}», som blev lukket {closed}, og intet af det er \
         indlæst. Åbn runden igen, hvis svarene skal med."
    )]
    RoundClosed {
        /// The workbook.
        workbook: String,
        /// The round's name.
        round: String,
        /// When it was closed, in Danish ("den 1. november 2013").
        closed: String,
    },
    /// For a person the round did not ask.
    #[error(
        "«{workbook}» er til en tovholder, som ikke er med i runden «{round}», og intet af det \
         er indlæst."
    )]
    PersonNotInRound {
        /// The workbook.
        workbook: String,
        /// The round's name.
        round: String,
    },
}

/// A new value for an indicator beside the one before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigurePreview {
    /// The indicator.
    pub indicator: IndicatorId,
    /// Its name.
    pub name: String,
    /// Its unit.
    pub unit: String,
    /// Its latest value before.
    pub before: Option<Number>,
    /// The new one.
    pub new: Number,
}

/// What one goal gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalPreview {
    /// The goal.
    pub goal: GoalId,
    /// Its number in the workbook.
    pub number: String,
    /// The goal's text.
    pub text: String,
    /// The follow-up that is added.
    pub follow_up: FollowUp,
    /// The goal's status before.
    pub status_before: Option<Status>,
    /// Its newest follow-up before.
    pub latest_before: Option<FollowUp>,
    /// The indicators' new values.
    pub figures: Vec<FigurePreview>,
}

/// One workbook's answers, ready to be written or shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// The workbook's name.
    pub workbook: String,
    /// The round.
    pub round: RoundId,
    /// Its name.
    pub round_name: String,
    /// The tovholder.
    pub person: PersonId,
    /// Their name (as it is now, else as it was when the round began).
    pub person_name: String,
    /// What each goal gets, in the plan's order.
    pub goals: Vec<GoalPreview>,
    /// What stops the workbook until it is fixed.
    pub problems: Vec<Problem>,
    /// What the officer should know, but that does not stop it.
    pub notes: Vec<String>,
    /// When the same answers were read in before (then nothing is added).
    pub already: Option<Date>,
    /// The receipt that is recorded.
    pub receipt: Receipt,
    /// The package as it will be (with the receipt).
    package: Package,
    /// The goals' edits (follow-ups, statuses), in order.
    edits: Vec<Command>,
}

impl Preview {
    /// Whether the workbook can be written: no problem, and not read in before.
    pub fn can_write(&self) -> bool {
        self.problems.is_empty() && self.already.is_none()
    }

    /// The follow-ups it adds.
    pub fn follow_up_count(&self) -> usize {
        self.goals.len()
    }

    /// The one command that writes the workbook (one undo step): the follow-ups with their
    /// measurements, the goals' statuses as the editor sets them, and the package with its
    /// new receipt. `None` when it cannot be written.
    pub fn command(&self) -> Option<Command> {
        if !self.can_write() {
            return None;
        }
        let mut all = self.edits.clone();
        all.push(Command::SetRoundPackage {
            round: self.round,
            package: self.package.clone(),
        });
        Some(Command::Batch(all))
    }

    /// One line per goal for a list or the command line: "Mål 1.2: i gang, 30. september
    /// 2013, «tekst» (før: udfordret)".
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for g in &self.goals {
            let f = &g.follow_up;
            let mut parts = vec![format_date(f.date)];
            if let Some(s) = f.status {
                parts.push(format!(
                    "status {} (før: {})",
                    s.label(),
                    Status::label_of(g.status_before)
                ));
            }
            if !f.text.is_empty() {
                parts.push(format!("«{}»", crate::units::shorten(&f.text, 80)));
            }
            for fig in &g.figures {
                let before = fig
                    .before
                    .map(|n| crate::units::format_figure(n, &fig.unit))
                    .unwrap_or_else(|| "intet".into());
                parts.push(format!(
                    "{}: {} (før: {before})",
                    fig.name,
                    crate::units::format_figure(fig.new, &fig.unit)
                ));
            }
            out.push(format!("Mål {}: {}", g.number, parts.join(", ")));
        }
        out
    }
}

/// Sets a workbook's answers against the plan file. An error means the workbook belongs
/// elsewhere; problems with single cells are in the preview.
pub fn preview(answers: &Answers, at: &Received<'_>) -> Result<Preview, PreviewError> {
    let workbook = answers.workbook.clone();
    let ids = &answers.ids;
    if ids.file != at.file_id {
        return Err(PreviewError::OtherFile(workbook));
    }
    if ids.plan != at.plan.id {
        return Err(PreviewError::OtherPlan {
            workbook,
            plan: at.plan.title.clone(),
        });
    }
    let Some(round) = at
        .rounds
        .iter()
        .find(|r| r.id == ids.round && r.plan == at.plan.id)
    else {
        return Err(PreviewError::RoundMissing(workbook));
    };
    if let Some(closed) = round.closed_on {
        return Err(PreviewError::RoundClosed {
            workbook,
            round: round.name.clone(),
            closed: format!("den {}", format_date(closed)),
        });
    }
    let Some(package) = round.package(ids.person) else {
        return Err(PreviewError::PersonNotInRound {
            workbook,
            round: round.name.clone(),
        });
    };
    let person_name = at
        .people
        .iter()
        .find(|p| p.id == package.person)
        .map_or_else(|| package.person_name.clone(), |p| p.name.clone());
    let mut notes = Vec::new();
    let goals = goal_previews(answers, at, round, package, &mut notes);
    if answers.goals.is_empty() && answers.indicators.is_empty() && answers.problems.is_empty() {
        // Read in, it still counts as the tovholder's answer ("svar modtaget"): say so.
        notes.push(format!(
            "Regnearket er ikke udfyldt: ingen mål har fået ny status, dato eller opfølgning. \
             Indlæses det, står {} som svaret uden opfølgninger.",
            package.person_name
        ));
    }
    let already = package.receipt_with(&answers.digest).map(|r| r.received_on);
    let receipt = Receipt {
        received_on: at.today,
        digest: answers.digest.clone(),
        follow_ups: goals.len(),
    };
    let mut new_package = package.clone();
    new_package.receipts.push(receipt.clone());
    let edits = edits(at.plan, &goals);
    Ok(Preview {
        workbook,
        round: round.id,
        round_name: round.name.clone(),
        person: package.person,
        person_name,
        goals,
        problems: answers.problems.clone(),
        notes,
        already,
        receipt,
        package: new_package,
        edits,
    })
}

/// The goal of the plan with this id.
fn find_goal(plan: &Plan, id: GoalId) -> Option<&Goal> {
    plan.goals().map(|(_, g)| g).find(|g| g.id == id)
}

fn goal_previews(
    answers: &Answers,
    at: &Received<'_>,
    round: &Round,
    package: &Package,
    notes: &mut Vec<String>,
) -> Vec<GoalPreview> {
    let mut out: Vec<GoalPreview> = Vec::new();
    for a in &answers.goals {
        let Some(goal) = find_goal(at.plan, a.goal).filter(|_| package.goals.contains(&a.goal))
        else {
            notes.push(format!(
                "Mål {} er slettet fra planen, siden runden begyndte; svaret i række {} springes \
                 over.",
                a.number, a.row
            ));
            continue;
        };
        let date = a.date.unwrap_or_else(|| {
            notes.push(format!(
                "Mål {} har ingen dato i række {}; opfølgningen får dagens dato, {}.",
                a.number,
                a.row,
                format_date(at.today)
            ));
            at.today
        });
        out.push(new_preview(goal, &a.number, date, a.status, a.text.clone()));
    }
    for v in &answers.indicators {
        let holder = at
            .plan
            .goals()
            .map(|(_, g)| g)
            .find(|g| g.indicators.iter().any(|i| i.id == v.indicator));
        let Some(goal) = holder.filter(|_| package.indicators.contains(&v.indicator)) else {
            notes.push(format!(
                "Målepunkt {} er slettet fra planen, siden runden begyndte; værdien i række {} \
                 springes over.",
                v.number, v.row
            ));
            continue;
        };
        let index = match out.iter().position(|p| p.goal == goal.id) {
            Some(i) => i,
            None => {
                let number = v
                    .number
                    .rsplit_once(' ')
                    .map_or(v.number.as_str(), |(n, _)| n);
                notes.push(format!(
                    "Mål {number} har kun nye tal; opfølgningen får dagens dato, {}.",
                    format_date(at.today)
                ));
                out.push(new_preview(goal, number, at.today, None, String::new()));
                out.len() - 1
            }
        };
        let Some(indicator) = goal.indicators.iter().find(|i| i.id == v.indicator) else {
            continue;
        };
        let preview = &mut out[index];
        preview.follow_up.measurements.push(Measurement {
            indicator: v.indicator,
            value: v.value,
            extra: None,
        });
        preview.figures.push(FigurePreview {
            indicator: v.indicator,
            name: indicator.name.clone(),
            unit: indicator.unit.clone(),
            before: goal.readings(v.indicator).last().map(|r| r.value),
            new: v.value,
        });
    }
    // The measurements in the order of the goal's indicators, as the editor keeps them.
    for p in &mut out {
        if let Some(goal) = find_goal(at.plan, p.goal) {
            let order = |id: &IndicatorId| goal.indicators.iter().position(|i| i.id == *id);
            p.follow_up
                .measurements
                .sort_by_key(|m| order(&m.indicator));
            p.figures.sort_by_key(|f| order(&f.indicator));
            if let Some(since) = goal
                .follow_ups
                .iter()
                .filter(|f| f.date >= round.started_on)
                .map(|f| f.date)
                .max()
            {
                notes.push(format!(
                    "Mål {} har allerede en opfølgning dateret {}, skrevet efter rundens start; \
                     begge beholdes.",
                    p.number,
                    format_date(since)
                ));
            }
        }
    }
    let position = |id: GoalId| at.plan.goals().position(|(_, g)| g.id == id);
    out.sort_by_key(|p| position(p.goal));
    out
}

fn new_preview(
    goal: &Goal,
    number: &str,
    date: Date,
    status: Option<Status>,
    text: String,
) -> GoalPreview {
    GoalPreview {
        goal: goal.id,
        number: number.to_owned(),
        text: goal.text.clone(),
        follow_up: FollowUp {
            id: FollowUpId(0),
            date,
            status,
            text,
            measurements: Vec::new(),
            extra: None,
        },
        status_before: goal.status,
        latest_before: goal.follow_ups.iter().max_by_key(|f| f.date).cloned(),
        figures: Vec::new(),
    }
}

/// The follow-ups as the editor adds them: appended to the goal's list, and the goal's
/// status set when its follow-ups now give it another one (ui::goal::with_status).
fn edits(plan: &Plan, goals: &[GoalPreview]) -> Vec<Command> {
    let mut out = Vec::new();
    for p in goals {
        let Some(goal) = find_goal(plan, p.goal) else {
            continue;
        };
        out.push(Command::InsertFollowUp {
            goal: goal.id,
            index: goal.follow_ups.len(),
            follow_up: p.follow_up.clone(),
        });
        let mut after = goal.follow_ups.clone();
        after.push(p.follow_up.clone());
        if let Some(status) = Goal::status_from_follow_ups(&after)
            && Some(status) != goal.status
        {
            out.push(Command::SetGoalStatus {
                goal: goal.id,
                status: Some(status),
            });
        }
    }
    out
}
