//! The domain types of a plan file: ids, [`Plan`] with its focus areas, goals, follow-ups,
//! intro sections and budget, [`Person`], [`Status`], [`Period`], and [`PlanBundle`], the
//! people and plans that travel together. Plain data with their own small rules (a valid
//! period, budget sums, tovholdere missing from the file).

use super::date::Date;
use super::figures::{Indicator, IndicatorId, Measurement, Milestone, Reading};
use super::words::{Labels, Numbering, PrintSettings};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    )*};
}

id_type!(
    /// A plan's row id; stable for the life of the file, used on the command line.
    PlanId,
    /// A person's row id.
    PersonId,
    /// An intro section's row id.
    SectionId,
    /// A budget row's row id.
    BudgetRowId,
    /// A focus area's (indsatsområde's) row id.
    FocusAreaId,
    /// A goal's (mål's) row id.
    GoalId,
    /// A follow-up's (opfølgning's) row id.
    FollowUpId,
    /// A follow-up round's (opfølgningsrunde's) row id.
    RoundId,
);

pub use super::extra::Extra;

/// Where a goal stands. A goal without a status is "ikke vurderet" (`Option::None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// ikke startet
    NotStarted,
    /// i gang (grøn)
    OnTrack,
    /// udfordret (gul)
    AtRisk,
    /// kritisk (rød)
    OffTrack,
    /// opfyldt
    Done,
    /// opgivet
    Dropped,
}

impl Status {
    /// Every status, in the order a user meets them.
    pub const ALL: [Status; 6] = [
        Status::NotStarted,
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
        Status::Done,
        Status::Dropped,
    ];

    /// The code used in the file and in JSON (`on_track`).
    pub fn code(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::OffTrack => "off_track",
            Status::Done => "done",
            Status::Dropped => "dropped",
        }
    }

    /// The status for a code, if it is one.
    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The Danish label a user reads ("i gang").
    pub fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "ikke startet",
            Status::OnTrack => "i gang",
            Status::AtRisk => "udfordret",
            Status::OffTrack => "kritisk",
            Status::Done => "opfyldt",
            Status::Dropped => "opgivet",
        }
    }

    /// The Danish label of an optional status: none is "ikke vurderet".
    pub fn label_of(status: Option<Status>) -> &'static str {
        status.map_or("ikke vurderet", Status::label)
    }

    /// Done or dropped: nothing more is expected of the goal.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Done | Status::Dropped)
    }
}

/// Draft (kladde) or approved (godkendt).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PlanState {
    /// kladde: printed with "UDKAST"
    #[default]
    Draft,
    /// godkendt
    Approved,
}

impl PlanState {
    /// The code used in the file and in JSON.
    pub fn code(self) -> &'static str {
        match self {
            PlanState::Draft => "draft",
            PlanState::Approved => "approved",
        }
    }

    /// The state for a code, if it is one.
    pub fn from_code(code: &str) -> Option<PlanState> {
        match code {
            "draft" => Some(PlanState::Draft),
            "approved" => Some(PlanState::Approved),
            _ => None,
        }
    }

    /// The Danish word ("kladde", "godkendt").
    pub fn label(self) -> &'static str {
        match self {
            PlanState::Draft => "kladde",
            PlanState::Approved => "godkendt",
        }
    }
}

/// A person who can carry goals (tovholder). People are shared by all plans of a file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Person {
    /// Row id (document-local before import).
    pub id: PersonId,
    /// Name; never blank.
    pub name: String,
    /// Stilling (job title).
    pub title: String,
    /// Mail.
    pub email: String,
    /// Afdeling.
    pub unit: String,
    /// The JSON `extra` object, verbatim.
    pub extra: Extra,
}

/// The period of a plan in whole years, `start <= end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Period {
    /// First year.
    pub start: i32,
    /// Last year.
    pub end: i32,
}

/// The years a plan may cover, for every way a period comes in (the editor's forms, the
/// command line, a JSON document): four digits, as plan-format.md says.
pub const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// Why a period cannot be used; `Display` is the Danish sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    /// Text that is not a whole number.
    #[error("«{0}» er ikke et årstal: skriv et årstal med fire cifre ({first}–{last}), fx 2013.", first = YEARS.start(), last = YEARS.end())]
    NotAYear(String),
    /// A year without four digits.
    #[error("Årstallet {0} kan ikke bruges: skriv et årstal med fire cifre ({first}–{last}), fx 2013.", first = YEARS.start(), last = YEARS.end())]
    Year(i32),
    /// The first year after the last.
    #[error(
        "Perioden {start}–{end} kan ikke bruges: den skal begynde senest i det år, den slutter."
    )]
    StartAfterEnd {
        /// First year.
        start: i32,
        /// Last year.
        end: i32,
    },
}

impl Period {
    /// A period from `start` to `end`: both in [`YEARS`], `start <= end`.
    pub fn new(start: i32, end: i32) -> Result<Period, PeriodError> {
        let start = Period::year(start)?;
        let end = Period::year(end)?;
        if start > end {
            return Err(PeriodError::StartAfterEnd { start, end });
        }
        Ok(Period { start, end })
    }

    /// A year as typed ("2013"), with the rule of [`Period::year`].
    pub fn parse_year(text: &str) -> Result<i32, PeriodError> {
        match text.trim().parse::<i32>() {
            Ok(year) => Period::year(year),
            Err(_) => Err(PeriodError::NotAYear(text.trim().to_owned())),
        }
    }

    /// `year` when a period may start or end in it ([`YEARS`]).
    pub fn year(year: i32) -> Result<i32, PeriodError> {
        if YEARS.contains(&year) {
            Ok(year)
        } else {
            Err(PeriodError::Year(year))
        }
    }
}

impl fmt::Display for Period {
    /// "2012–2013", or "2012" for a one-year period.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}–{}", self.start, self.end)
        }
    }
}

/// The contact block of the cover.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Contact {
    /// Address, may have several lines.
    pub address: String,
    /// Phone.
    pub phone: String,
    /// Mail.
    pub email: String,
    /// Web address.
    pub web: String,
    /// The JSON `extra` object, verbatim.
    pub extra: Extra,
}

/// An intro section (Indledning): a title and a body of paragraphs and bullets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    /// Row id.
    pub id: SectionId,
    /// Title; never blank.
    pub title: String,
    /// Body text.
    pub body: String,
    /// The JSON `extra` object, verbatim.
    pub extra: Extra,
}

/// One row of the budget table. Amounts are whole kroner; income is usually negative.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BudgetRow {
    /// Row id.
    pub id: BudgetRowId,
    /// Area, e.g. "Ældrepleje".
    pub area: String,
    /// Udgifter.
    pub expenses: i64,
    /// Indtægter.
    pub income: i64,
    /// The JSON `extra` object, verbatim.
    pub extra: Extra,
}

impl BudgetRow {
    /// Samlet resultat: expenses plus income, `None` on overflow.
    pub fn result(&self) -> Option<i64> {
        self.expenses.checked_add(self.income)
    }
}

/// The budget frame (budgetramme) of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Budget {
    /// Heading, e.g. "Den budgetmæssige ramme".
    pub title: String,
    /// Budget year, if given.
    pub year: Option<i32>,
    /// Text printed under the table.
    pub note: String,
    /// The rows, in the user's order.
    pub rows: Vec<BudgetRow>,
    /// The JSON `extra` object, verbatim.
    pub extra: Extra,
}

/// Sums of the budget table's columns: (udgifter, indtægter, samlet resultat).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BudgetTotals {
    /// Sum of expenses.
    pub expenses: i64,
    /// Sum of income.
    pub income: i64,
    /// Sum of results.
    pub result: i64,
}

impl Budget {
    /// The total row, or `None` when a sum does not fit in 64 bits.
    pub fn totals(&self) -> Option<BudgetTotals> {
        let mut t = BudgetTotals {
            expenses: 0,
            income: 0,
            result: 0,
        };
        for row in &self.rows {
            t.expenses = t.expenses.checked_add(row.expenses)?;
            t.income = t.income.checked_add(row.income)?;
            t.result = t.result.checked_add(row.result()?)?;
        }
        Some(t)
    }

    /// True when there is nothing to print or export.
    pub fn is_empty(&self) -> bool {
        self.title.is_empty()
            && self.year.is_none()
            && self.note.is_empty()
            && self.rows.is_empty()
            && self.extra.is_none()
    }
}

/// One dated note on a goal, with an optional new status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    /// Row id.
    pub id: FollowUpId,
    /// A day or a month.
    pub date: Date,
    /// The status it reports, if any.
    pub status: Option<Status>,
    /// What happened; may be empty when there is a status or a measurement.
    pub text: String,
    /// Figures for the goal's indicators, at most one per indicator.
    pub measurements: Vec<Measurement>,
    /// The JSON `extra` object, verbatim.
    pub extra: Extra,
}

/// One goal (mål) of a focus area.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Goal {
    /// Row id.
    pub id: GoalId,
    /// The goal itself; never blank.
    pub text: String,
    /// Uddybning.
    pub details: String,
    /// Dokumentation: how achievement will be shown.
    pub documentation: String,
    /// Tovholdere, in the user's order, no duplicates.
    pub owners: Vec<PersonId>,
    /// Frist.
    pub deadline: Option<Date>,
    /// Current status; `None` = ikke vurderet.
    pub status: Option<Status>,
    /// The goal of the previous plan this one carries on.
    pub continues: Option<GoalId>,
    /// Follow-ups, oldest first (equal dates keep their order).
    pub follow_ups: Vec<FollowUp>,
    /// Målepunkter, in the user's order.
    pub indicators: Vec<Indicator>,
    /// Delmål, in the user's order (not sorted by date).
    pub milestones: Vec<Milestone>,
    /// Other goals of the file (any plan) this goal is tied to ("sammenhæng med"), as
    /// written on this goal; no duplicates, never the goal itself.
    pub related: Vec<GoalId>,
    /// The JSON `extra` object, verbatim.
    pub extra: Extra,
}

/// A numbered theme of the plan (indsatsområde) with its goals.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FocusArea {
    /// Row id.
    pub id: FocusAreaId,
    /// Title; never blank.
    pub title: String,
    /// Description.
    pub description: String,
    /// Who answers for the focus area as a whole (ansvarlig), in order, no duplicates.
    pub owners: Vec<PersonId>,
    /// Goals, in the user's order.
    pub goals: Vec<Goal>,
    /// The JSON `extra` object, verbatim.
    pub extra: Extra,
}

/// One virksomhedsplan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    /// Row id.
    pub id: PlanId,
    /// The plan this one reviews (Opfølgning på forrige plan).
    pub previous: Option<PlanId>,
    /// Title, e.g. "Virksomhedsplan 2012/2013"; never blank.
    pub title: String,
    /// Forvaltning or afdeling; never blank.
    pub organisation: String,
    /// Kommune.
    pub municipality: String,
    /// Period in years.
    pub period: Period,
    /// The JSON `extra` object of `period`, verbatim.
    pub period_extra: Extra,
    /// Journalnummer (ESDH).
    pub journal_number: String,
    /// Contact block.
    pub contact: Contact,
    /// Kladde or godkendt.
    pub state: PlanState,
    /// Date of approval.
    pub approved_on: Option<Date>,
    /// Who approved, e.g. "Kommunalbestyrelsen".
    pub approved_by: String,
    /// Intro sections, in order.
    pub sections: Vec<Section>,
    /// Budget frame.
    pub budget: Budget,
    /// Text before the first focus area.
    pub focus_areas_intro: String,
    /// Focus areas, numbered 1, 2, … in this order.
    pub focus_areas: Vec<FocusArea>,
    /// Text that opens the review of the previous plan.
    pub review_intro: String,
    /// The plan's own words.
    pub labels: Labels,
    /// The plan's numbering of focus areas and goals.
    pub numbering: Numbering,
    /// How the plan prints empty fields and owners.
    pub print: PrintSettings,
    /// The JSON `extra` object, verbatim.
    pub extra: Extra,
}

impl Plan {
    /// All goals of the plan, in print order, with the index of their focus area.
    pub fn goals(&self) -> impl Iterator<Item = (usize, &Goal)> {
        self.focus_areas
            .iter()
            .enumerate()
            .flat_map(|(i, a)| a.goals.iter().map(move |g| (i, g)))
    }

    /// All goals of the plan, in print order, each with its focus area and both positions
    /// (0-based): goal `(1, 2, …)` is printed as "2.3".
    pub fn numbered_goals(&self) -> impl Iterator<Item = (usize, usize, &FocusArea, &Goal)> {
        self.focus_areas.iter().enumerate().flat_map(|(a, area)| {
            area.goals
                .iter()
                .enumerate()
                .map(move |(g, goal)| (a, g, area, goal))
        })
    }
}

/// A line of the plan list: what `virkplan list` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSummary {
    /// Row id.
    pub id: PlanId,
    /// Title.
    pub title: String,
    /// Period.
    pub period: Period,
    /// State.
    pub state: PlanState,
}

/// A set of people and plans that travel together: what a JSON document holds, what an import
/// adds to a file and what an export reads from one.
///
/// Before import the ids are document-local: a person's id is its index in `people`, a plan's
/// id its index in `plans`, and goal ids are unique within the document (`continues` and
/// `owners` refer to these). After loading from a store they are row ids.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanBundle {
    /// The people the plans name.
    pub people: Vec<Person>,
    /// The plans; a plan's `previous` comes before or after it in any order.
    pub plans: Vec<Plan>,
    /// The JSON document's own `extra` object, verbatim.
    pub extra: Extra,
}

/// What the PDF and the editor show for a tovholder another program deleted from the file.
pub const MISSING_OWNER: &str = "Tovholder mangler (slettet)";

/// A goal whose tovholder is not among the file's people: another program deleted the person
/// and left the link. `Display` names the goal and what the user can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingOwner {
    /// The plan's title.
    pub plan: String,
    /// The goal's number as the editor shows it ("2.3").
    pub goal: String,
    /// The goal's text.
    pub text: String,
    /// The id the link names.
    pub person: PersonId,
}

impl fmt::Display for MissingOwner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 40;
        let text = self.text.trim();
        let start: String = text.chars().take(SHOWN).collect();
        let more = if text.chars().count() > SHOWN {
            "…"
        } else {
            ""
        };
        write!(
            f,
            "Mål {} («{start}{more}») i planen «{}» har en tovholder, som et andet program har \
             slettet fra filen. Vælg en ny tovholder for målet i virkplan, eller fjern den slettede",
            self.goal, self.plan
        )
    }
}

impl PlanBundle {
    /// Every link from a goal to a person who is not in [`PlanBundle::people`].
    pub fn missing_owners(&self) -> Vec<MissingOwner> {
        let mut out = Vec::new();
        for plan in &self.plans {
            for (a, area) in plan.focus_areas.iter().enumerate() {
                for (g, goal) in area.goals.iter().enumerate() {
                    for owner in &goal.owners {
                        if !self.people.iter().any(|p| p.id == *owner) {
                            out.push(MissingOwner {
                                plan: plan.title.clone(),
                                goal: plan.numbering.goal_number(a, g),
                                text: goal.text.clone(),
                                person: *owner,
                            });
                        }
                    }
                }
            }
        }
        out
    }

    /// Drops the links [`PlanBundle::missing_owners`] finds (a JSON document may only name
    /// people it holds) and returns them.
    pub fn drop_missing_owners(&mut self) -> Vec<MissingOwner> {
        let missing = self.missing_owners();
        let people: Vec<PersonId> = self.people.iter().map(|p| p.id).collect();
        for plan in &mut self.plans {
            for area in &mut plan.focus_areas {
                area.owners.retain(|o| people.contains(o));
                for goal in &mut area.goals {
                    goal.owners.retain(|o| people.contains(o));
                }
            }
        }
        missing
    }

    /// The chosen plans only (in the document's order), with the people they name: what
    /// "Importér planer fra anden fil" copies. A link to a plan or goal that is not chosen
    /// (`previous`, `continues`) is dropped, so the copy never points outside itself; the
    /// document's own `extra` stays behind with the file it belongs to.
    pub fn keep_plans(&self, chosen: &[PlanId]) -> PlanBundle {
        let plans: Vec<Plan> = self
            .plans
            .iter()
            .filter(|p| chosen.contains(&p.id))
            .cloned()
            .collect();
        let kept_plans: std::collections::HashSet<PlanId> = plans.iter().map(|p| p.id).collect();
        let kept_goals: std::collections::HashSet<GoalId> = plans
            .iter()
            .flat_map(|p| p.goals().map(|(_, g)| g.id))
            .collect();
        let mut plans = plans;
        for plan in &mut plans {
            plan.previous = plan.previous.filter(|p| kept_plans.contains(p));
            for area in &mut plan.focus_areas {
                for goal in &mut area.goals {
                    goal.continues = goal.continues.filter(|g| kept_goals.contains(g));
                    goal.related.retain(|g| kept_goals.contains(g));
                }
            }
        }
        let named: std::collections::HashSet<PersonId> = plans
            .iter()
            .flat_map(|p| {
                p.focus_areas
                    .iter()
                    .flat_map(|a| a.owners.iter().copied())
                    .chain(p.goals().flat_map(|(_, g)| g.owners.iter().copied()))
            })
            .collect();
        PlanBundle {
            people: self
                .people
                .iter()
                .filter(|p| named.contains(&p.id))
                .cloned()
                .collect(),
            plans,
            extra: None,
        }
    }
}

impl Goal {
    /// The status the goal's follow-ups give it: that of the newest follow-up with a status
    /// (follow-ups are oldest first; equal dates keep their order), or `None` when no
    /// follow-up sets one (the goal's own status then stands).
    pub fn status_from_follow_ups(follow_ups: &[FollowUp]) -> Option<Status> {
        let mut ordered: Vec<&FollowUp> = follow_ups.iter().collect();
        // Stable: equal dates keep the order they were written in.
        ordered.sort_by_key(|f| f.date);
        ordered.iter().rev().find_map(|f| f.status)
    }

    /// The deadline's period has ended by `today` (the day after its last day has come) and
    /// the goal is neither done nor dropped (plan-format.md, DATE version 2).
    pub fn is_overdue(&self, today: Date) -> bool {
        self.deadline.is_some_and(|d| d.has_ended_by(today))
            && !self.status.is_some_and(Status::is_closed)
    }

    /// The date of the newest follow-up, if any.
    pub fn latest_follow_up(&self) -> Option<Date> {
        self.follow_ups.iter().map(|f| f.date).max()
    }

    /// The measurements of one indicator, oldest first (the follow-ups' order), each with its
    /// follow-up's date. The last is the indicator's current value.
    pub fn readings(&self, indicator: IndicatorId) -> Vec<Reading> {
        self.follow_ups
            .iter()
            .flat_map(|f| {
                f.measurements
                    .iter()
                    .filter(move |m| m.indicator == indicator)
                    .map(move |m| Reading {
                        date: f.date,
                        value: m.value,
                    })
            })
            .collect()
    }
}
