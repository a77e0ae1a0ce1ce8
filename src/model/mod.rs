//! Plain data of a virksomhedsplan: plans, people, focus areas, goals, follow-ups, budget.
//!
//! Owns the domain vocabulary and nothing else: no I/O, no SQL, no serde, no egui. Ids are the
//! row ids of the `.sqlite` file once a value has been loaded from the store; in a
//! [`PlanBundle`] that is about to be imported they are document-local (see [`PlanBundle`]).

mod command;
mod date;
mod extra;
mod figures;
mod plan;
mod rollover;
mod round;
mod version;
mod words;

pub use command::{
    Command, FocusAreaField, GoalField, PersonField, PlanField, SectionField, TextTarget,
};
pub use date::{Date, DateError};
pub use figures::{
    Direction, Figure, Indicator, IndicatorId, MAX_DIGITS, Measurement, Milestone, MilestoneId,
    Number, NumberError, Reading,
};
pub use plan::{
    Budget, BudgetRow, BudgetRowId, BudgetTotals, Contact, Extra, FocusArea, FocusAreaId, FollowUp,
    FollowUpId, Goal, GoalId, MISSING_OWNER, MissingOwner, Period, PeriodError, Person, PersonId,
    Plan, PlanBundle, PlanId, PlanState, PlanSummary, RoundId, Section, SectionId, Status, YEARS,
};
pub use rollover::next_plan;
pub use round::{Package, Receipt, Round};
pub use version::{
    BundleIds, FrozenVersion, IdsMismatch, Moment, Payload, PlanIds, Version, VersionId,
    VersionKind, frozen_form,
};
pub use words::{
    AreaNumbering, EmptyFields, GoalNumbering, Label, Labels, Numbering, PrintSettings, letters,
    roman,
};
