//! [`ReportError`]: why an export of a plan as a PDF failed, with the Danish sentence a user
//! reads.

use crate::model::PlanId;

/// Why an export failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// The plan is not in the document.
    #[error("Planen med id {0} findes ikke i filen. Se planerne med «virkplan list FIL».")]
    PlanNotFound(PlanId),
    /// The PDF could not be written (a defect: the layout produced something the writer
    /// refused).
    #[error("PDF'en kunne ikke dannes ({0}). Prøv igen, og meld fejlen, hvis den gentager sig.")]
    Render(String),
}
