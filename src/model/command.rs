//! Edits as data. Every change to a plan file is a [`Command`]; the store applies it in one
//! transaction and returns its inverse, which is the undo step. One mechanism for every edit.

use super::date::Date;
use super::figures::{Indicator, IndicatorId, Milestone, MilestoneId};
use super::plan::{
    BudgetRow, BudgetRowId, FocusArea, FocusAreaId, FollowUp, FollowUpId, Goal, GoalId, Period,
    Person, PersonId, Plan, PlanBundle, PlanId, PlanState, RoundId, Section, SectionId, Status,
};
use super::round::{Package, Round};
use super::version::{FrozenVersion, VersionId};
use super::words::{Labels, Numbering, PrintSettings};

/// A text field of a plan (its metadata, contact block and budget texts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlanField {
    /// Titel
    Title,
    /// Forvaltning/afdeling
    Organisation,
    /// Kommune
    Municipality,
    /// Journalnummer
    JournalNumber,
    /// Adresse
    ContactAddress,
    /// Telefon
    ContactPhone,
    /// Mail
    ContactEmail,
    /// Web
    ContactWeb,
    /// Godkendt af
    ApprovedBy,
    /// Budgettets overskrift
    BudgetTitle,
    /// Tekst under budgettet
    BudgetNote,
    /// Tekst før indsatsområderne
    FocusAreasIntro,
    /// Indledning til opfølgningen
    ReviewIntro,
}

/// A text field of an intro section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionField {
    /// Overskrift
    Title,
    /// Tekst
    Body,
}

/// A text field of a focus area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FocusAreaField {
    /// Titel
    Title,
    /// Beskrivelse
    Description,
}

/// A text field of a goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GoalField {
    /// Mål
    Text,
    /// Uddybning
    Details,
    /// Dokumentation
    Documentation,
}

/// A text field of a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PersonField {
    /// Navn
    Name,
    /// Stilling
    Title,
    /// Mail
    Email,
    /// Afdeling
    Unit,
}

/// One edit of a plan file. `Insert*` commands carry the whole entity: an id of 0 asks the
/// store for a new row; any other id restores a deleted row under its old id (undo).
/// `index` is the position among its siblings (clamped to the end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Adds the people and plans of a document (an import); people with the same name and
    /// mail as a person in the file are that person.
    Import(Box<PlanBundle>),
    /// Adds a whole plan (new or restored), with everything in it.
    InsertPlan(Box<Plan>),
    /// Deletes a plan with everything in it.
    DeletePlan(PlanId),
    /// Sets a text field of a plan.
    SetPlanText {
        /// Plan.
        plan: PlanId,
        /// Field.
        field: PlanField,
        /// New text.
        value: String,
    },
    /// Sets the period.
    SetPeriod {
        /// Plan.
        plan: PlanId,
        /// New period.
        period: Period,
    },
    /// Sets draft/approved with the approval date.
    SetState {
        /// Plan.
        plan: PlanId,
        /// New state.
        state: PlanState,
        /// Approval date.
        approved_on: Option<Date>,
    },
    /// Sets the budget year.
    SetBudgetYear {
        /// Plan.
        plan: PlanId,
        /// Year.
        year: Option<i32>,
    },
    /// Sets the plan this plan reviews.
    SetPrevious {
        /// Plan.
        plan: PlanId,
        /// Previous plan.
        previous: Option<PlanId>,
    },
    /// Adds an intro section.
    InsertSection {
        /// Plan.
        plan: PlanId,
        /// Position.
        index: usize,
        /// Content.
        section: Section,
    },
    /// Deletes an intro section.
    DeleteSection(SectionId),
    /// Sets a text of an intro section.
    SetSectionText {
        /// Section.
        section: SectionId,
        /// Field.
        field: SectionField,
        /// New text.
        value: String,
    },
    /// Moves an intro section to a position.
    MoveSection {
        /// Section.
        section: SectionId,
        /// New position.
        index: usize,
    },
    /// Adds a budget row.
    InsertBudgetRow {
        /// Plan.
        plan: PlanId,
        /// Position.
        index: usize,
        /// Content.
        row: BudgetRow,
    },
    /// Deletes a budget row.
    DeleteBudgetRow(BudgetRowId),
    /// Replaces a budget row's area and amounts.
    SetBudgetRow(BudgetRow),
    /// Moves a budget row.
    MoveBudgetRow {
        /// Row.
        row: BudgetRowId,
        /// New position.
        index: usize,
    },
    /// Adds a focus area with its goals.
    InsertFocusArea {
        /// Plan.
        plan: PlanId,
        /// Position.
        index: usize,
        /// Content.
        area: FocusArea,
    },
    /// Deletes a focus area with its goals.
    DeleteFocusArea(FocusAreaId),
    /// Sets a text of a focus area.
    SetFocusAreaText {
        /// Focus area.
        area: FocusAreaId,
        /// Field.
        field: FocusAreaField,
        /// New text.
        value: String,
    },
    /// Moves a focus area (the numbering follows).
    MoveFocusArea {
        /// Focus area.
        area: FocusAreaId,
        /// New position.
        index: usize,
    },
    /// Sets who answers for a focus area (ansvarlige).
    SetFocusAreaOwners {
        /// Focus area.
        area: FocusAreaId,
        /// Owners in order.
        owners: Vec<PersonId>,
    },
    /// Adds a goal with its follow-ups.
    InsertGoal {
        /// Focus area.
        area: FocusAreaId,
        /// Position.
        index: usize,
        /// Content.
        goal: Goal,
    },
    /// Deletes a goal with its follow-ups.
    DeleteGoal(GoalId),
    /// Sets a text of a goal.
    SetGoalText {
        /// Goal.
        goal: GoalId,
        /// Field.
        field: GoalField,
        /// New text.
        value: String,
    },
    /// Sets the owners (tovholdere) of a goal.
    SetGoalOwners {
        /// Goal.
        goal: GoalId,
        /// Owners in order.
        owners: Vec<PersonId>,
    },
    /// Sets the deadline.
    SetGoalDeadline {
        /// Goal.
        goal: GoalId,
        /// Deadline.
        deadline: Option<Date>,
    },
    /// Sets the status.
    SetGoalStatus {
        /// Goal.
        goal: GoalId,
        /// Status; `None` = ikke vurderet.
        status: Option<Status>,
    },
    /// Sets the goal of the previous plan that a goal continues.
    SetGoalContinues {
        /// Goal.
        goal: GoalId,
        /// Continued goal.
        continues: Option<GoalId>,
    },
    /// Moves a goal to a position in a focus area (the same or another of the plan).
    MoveGoal {
        /// Goal.
        goal: GoalId,
        /// Target focus area.
        area: FocusAreaId,
        /// New position.
        index: usize,
    },
    /// Adds a follow-up to a goal; kept in date order, `index` decides among equal dates.
    InsertFollowUp {
        /// Goal.
        goal: GoalId,
        /// Position among the goal's follow-ups (oldest first).
        index: usize,
        /// Content.
        follow_up: FollowUp,
    },
    /// Deletes a follow-up.
    DeleteFollowUp(FollowUpId),
    /// Replaces a follow-up's date, status and text.
    SetFollowUp(FollowUp),
    /// Sets the goals a goal is tied to ("sammenhæng med"), as written on it.
    SetGoalRelated {
        /// Goal.
        goal: GoalId,
        /// Related goals in order (any plan of the file; not the goal itself).
        related: Vec<GoalId>,
    },
    /// Adds an indicator (målepunkt) to a goal.
    InsertIndicator {
        /// Goal.
        goal: GoalId,
        /// Position among the goal's indicators.
        index: usize,
        /// Content.
        indicator: Indicator,
    },
    /// Deletes an indicator with its measurements.
    DeleteIndicator(IndicatorId),
    /// Replaces an indicator's name, unit, baseline, target and direction.
    SetIndicator(Indicator),
    /// Moves an indicator among its goal's.
    MoveIndicator {
        /// Indicator.
        indicator: IndicatorId,
        /// New position.
        index: usize,
    },
    /// Adds a milestone (delmål) to a goal.
    InsertMilestone {
        /// Goal.
        goal: GoalId,
        /// Position among the goal's milestones.
        index: usize,
        /// Content.
        milestone: Milestone,
    },
    /// Deletes a milestone.
    DeleteMilestone(MilestoneId),
    /// Replaces a milestone's text, date and done.
    SetMilestone(Milestone),
    /// Moves a milestone among its goal's.
    MoveMilestone {
        /// Milestone.
        milestone: MilestoneId,
        /// New position.
        index: usize,
    },
    /// Sets the plan's own words, numbering and print settings ("Tilpas planen").
    SetPlanWords {
        /// Plan.
        plan: PlanId,
        /// Labels.
        labels: Labels,
        /// Numbering.
        numbering: Numbering,
        /// Print settings.
        print: PrintSettings,
    },
    /// Adds a person.
    InsertPerson(Person),
    /// Deletes a person who carries no goals.
    DeletePerson(PersonId),
    /// Sets a text of a person.
    SetPersonText {
        /// Person.
        person: PersonId,
        /// Field.
        field: PersonField,
        /// New text.
        value: String,
    },
    /// Records a follow-up round (opfølgningsrunde) of a plan with its packages and receipts;
    /// id 0 makes a new row, any other id restores a deleted round under its old id.
    InsertRound(Box<Round>),
    /// Deletes a follow-up round with its packages and receipts (the plan is not touched).
    DeleteRound(RoundId),
    /// Replaces the package of `package.person` in a round whole (in practice: marked as
    /// sent, or a returned workbook's receipt added); its place in the round stays.
    SetRoundPackage {
        /// Round.
        round: RoundId,
        /// The package as it is to be.
        package: Package,
    },
    /// Closes a round (it takes no more answers), or opens it again with `None`.
    SetRoundClosed {
        /// Round.
        round: RoundId,
        /// The day it was closed.
        closed_on: Option<Date>,
    },
    /// Stores a frozen version of a plan (issue 20); id 0 makes a new row with the next
    /// number of the plan's versions, any other id restores a deleted version under its old id
    /// and number. A version is never changed once stored.
    InsertVersion(Box<FrozenVersion>),
    /// Deletes a version (the plan is not touched).
    DeleteVersion(VersionId),
    /// Several commands as one step (applied in order; undone in reverse).
    Batch(Vec<Command>),
}

/// What a text edit changes: one field of one row. Successive edits of the same target
/// (typing) merge into one undo step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextTarget {
    /// A plan field.
    Plan(PlanId, PlanField),
    /// A section field.
    Section(SectionId, SectionField),
    /// A focus area field.
    FocusArea(FocusAreaId, FocusAreaField),
    /// A goal field.
    Goal(GoalId, GoalField),
    /// A person field.
    Person(PersonId, PersonField),
    /// A follow-up's text (its date and status change with it, as one row).
    FollowUp(FollowUpId),
    /// An indicator (name, unit and figures change as one row).
    Indicator(IndicatorId),
    /// A milestone's text (its date and done change with it).
    Milestone(MilestoneId),
}

impl Command {
    /// The field a text edit changes, or `None` for other commands.
    pub fn text_target(&self) -> Option<TextTarget> {
        match self {
            Command::SetPlanText { plan, field, .. } => Some(TextTarget::Plan(*plan, *field)),
            Command::SetSectionText { section, field, .. } => {
                Some(TextTarget::Section(*section, *field))
            }
            Command::SetFocusAreaText { area, field, .. } => {
                Some(TextTarget::FocusArea(*area, *field))
            }
            Command::SetGoalText { goal, field, .. } => Some(TextTarget::Goal(*goal, *field)),
            Command::SetPersonText { person, field, .. } => {
                Some(TextTarget::Person(*person, *field))
            }
            Command::SetFollowUp(f) => Some(TextTarget::FollowUp(f.id)),
            Command::SetIndicator(i) => Some(TextTarget::Indicator(i.id)),
            Command::SetMilestone(m) => Some(TextTarget::Milestone(m.id)),
            _ => None,
        }
    }

    /// The Danish name of the edit, for "Fortryd …" in the menu.
    pub fn label(&self) -> &'static str {
        match self {
            Command::Import(_) => "import",
            Command::InsertPlan(_) => "ny plan",
            Command::DeletePlan(_) => "slet plan",
            Command::SetPlanText { .. } => "ret tekst",
            Command::SetPeriod { .. } => "ret periode",
            Command::SetState { .. } => "ret status for planen",
            Command::SetBudgetYear { .. } => "ret budgetår",
            Command::SetPrevious { .. } => "ret forrige plan",
            Command::InsertSection { .. } => "nyt afsnit",
            Command::DeleteSection(_) => "slet afsnit",
            Command::SetSectionText { .. } => "ret afsnit",
            Command::MoveSection { .. } => "flyt afsnit",
            Command::InsertBudgetRow { .. } => "ny budgetlinje",
            Command::DeleteBudgetRow(_) => "slet budgetlinje",
            Command::SetBudgetRow(_) => "ret budgetlinje",
            Command::MoveBudgetRow { .. } => "flyt budgetlinje",
            Command::InsertFocusArea { .. } => "nyt indsatsområde",
            Command::DeleteFocusArea(_) => "slet indsatsområde",
            Command::SetFocusAreaText { .. } => "ret indsatsområde",
            Command::MoveFocusArea { .. } => "flyt indsatsområde",
            Command::SetFocusAreaOwners { .. } => "ret ansvarlige",
            Command::InsertGoal { .. } => "nyt mål",
            Command::DeleteGoal(_) => "slet mål",
            Command::SetGoalText { .. } => "ret mål",
            Command::SetGoalOwners { .. } => "ret tovholdere",
            Command::SetGoalDeadline { .. } => "ret frist",
            Command::SetGoalStatus { .. } => "ret status",
            Command::SetGoalContinues { .. } => "ret videreført mål",
            Command::MoveGoal { .. } => "flyt mål",
            Command::InsertFollowUp { .. } => "ny opfølgning",
            Command::DeleteFollowUp(_) => "slet opfølgning",
            Command::SetFollowUp(_) => "ret opfølgning",
            Command::SetGoalRelated { .. } => "ret sammenhæng",
            Command::InsertIndicator { .. } => "nyt målepunkt",
            Command::DeleteIndicator(_) => "slet målepunkt",
            Command::SetIndicator(_) => "ret målepunkt",
            Command::MoveIndicator { .. } => "flyt målepunkt",
            Command::InsertMilestone { .. } => "nyt delmål",
            Command::DeleteMilestone(_) => "slet delmål",
            Command::SetMilestone(_) => "ret delmål",
            Command::MoveMilestone { .. } => "flyt delmål",
            Command::SetPlanWords { .. } => "tilpas planen",
            Command::InsertPerson(_) => "ny person",
            Command::DeletePerson(_) => "slet person",
            Command::SetPersonText { .. } => "ret person",
            Command::InsertRound(_) => "ny opfølgningsrunde",
            Command::DeleteRound(_) => "slet opfølgningsrunde",
            Command::InsertVersion(_) => "gem version",
            Command::DeleteVersion(_) => "slet version",
            Command::SetRoundPackage { .. } => "ret opfølgningsrunde",
            Command::SetRoundClosed {
                closed_on: Some(_), ..
            } => "luk opfølgningsrunde",
            Command::SetRoundClosed {
                closed_on: None, ..
            } => "genåbn opfølgningsrunde",
            Command::Batch(_) => "flere ændringer",
        }
    }
}
