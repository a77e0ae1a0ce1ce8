//! The printable PDF of a plan for the byråd (issue 4).
//!
//! Two halves: [`layout`] turns the model into pages of positioned items (pure, testable without
//! a PDF, every item carrying its structure role for a tagged PDF), and `render` turns those
//! items into PDF bytes (the only user of printpdf and lopdf). [`fonts`] holds the embedded
//! fonts and their metrics. [`export_pdf`] is the one door the command line and the editor use.

mod error;
pub mod fonts;
pub mod layout;
mod options;
mod render;
mod threads;

pub use error::{RenderError, ReportError};
pub use layout::ChangesReport;
pub use options::{Options, Since};

use crate::model::{PlanBundle, PlanId};
use std::fmt;

/// Something the user should know about an export that succeeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A character that no embedded font has: printed as □, extracted as the original.
    MissingGlyph {
        /// The character.
        ch: char,
        /// Where it was first met ("mål 2.3", a heading).
        context: String,
    },
}

impl fmt::Display for Warning {
    /// The Danish sentence to show.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::MissingGlyph { ch, context } => write!(
                f,
                "Tegnet «{ch}» (U+{:04X}) findes ikke i PDF'ens skrifttyper og er vist som □ \
                 (kopieres stadig som «{ch}»); første gang i {context}.",
                *ch as u32
            ),
        }
    }
}

/// A finished export.
#[derive(Debug, Clone)]
pub struct Export {
    /// The PDF file's bytes.
    pub bytes: Vec<u8>,
    /// Its number of pages.
    pub pages: usize,
    /// What the user should know (characters shown as □).
    pub warnings: Vec<Warning>,
}

/// Exports plan `plan` of `doc` (as `Store::load_document(Some(plan))` gives it: the plan, the
/// plans it reviews and the people they name) as a PDF.
pub fn export_pdf(
    doc: &PlanBundle,
    plan: PlanId,
    options: &Options,
) -> Result<Export, ReportError> {
    let layout = layout::layout(doc, plan, options)?;
    finish(layout, options)
}

/// [`export_pdf`] for a caller that has no further use for the plans: they are given back
/// once laid out, before the PDF is written, so that a long plan's text is not held three
/// times (the plans, the pages, the PDF) at the export's peak.
pub fn export_pdf_owned(
    doc: PlanBundle,
    plan: PlanId,
    options: &Options,
) -> Result<Export, ReportError> {
    let layout = layout::layout(&doc, plan, options)?;
    drop(doc);
    finish(layout, options)
}

/// The report of what has changed in a plan ("Ændringer siden 12. marts 2013") as a PDF,
/// in the plan's typography and tagged like it; `created` is the time of export (seconds
/// since 1970; `None`: now).
pub fn export_changes_pdf(
    report: &ChangesReport<'_>,
    created: Option<i64>,
) -> Result<Export, ReportError> {
    let layout = layout::changes_layout(report)?;
    finish(
        layout,
        &Options {
            created,
            ..Options::default()
        },
    )
}

fn finish(layout: layout::Layout, options: &Options) -> Result<Export, ReportError> {
    let created = options.created.unwrap_or_else(now);
    let pages = layout.pages.len();
    let warnings = layout
        .missing
        .iter()
        .map(|(ch, context)| Warning::MissingGlyph {
            ch: *ch,
            context: context.clone(),
        })
        .collect();
    let bytes = render::render(layout, created)?;
    Ok(Export {
        bytes,
        pages,
        warnings,
    })
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
}
