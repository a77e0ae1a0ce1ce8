//! "What has changed since" for a plan file (issue 20): glue over `document`, `versions`,
//! `changes` and `report`, as `rounds` is for the follow-up round. Loads the earlier version
//! (a damaged one is refused: `versions::load`), the later one or the plan as it is now
//! (`versions::current`), compares them (`changes::between`) and writes the report PDF. The
//! command line and the editor call the same functions.

use crate::changes::{self, Changes};
use crate::document::Document;
use crate::model::{Date, Plan, PlanBundle, PlanId, Version};
use crate::report;
use crate::units::format_date;
use crate::versions::{self, Frozen, Result, VersionError};
use std::path::Path;

/// The later side of a comparison.
#[derive(Debug, Clone, Copy)]
pub enum Later<'a> {
    /// The plan as it is now (`versions::current`), on `today`.
    Now(&'a PlanBundle, Date),
    /// A later version.
    Version(&'a Frozen),
}

/// A comparison, ready to be printed on the command line or as the report PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// What has changed.
    pub changes: Changes,
    /// The report's title: "Ændringer siden 12. marts 2013", "Ændringer fra version 2 til
    /// version 4".
    pub title: String,
    /// The earlier version.
    pub from: Version,
    /// The later version; `None` for the plan as it is now.
    pub to: Option<Version>,
    /// The plan as the later side has it (the report's running header and footer).
    pub plan: Plan,
    /// The day of the later side (today for the plan now).
    pub today: Date,
}

impl Comparison {
    /// The lines under the report's title: the plan, and what was compared with what.
    pub fn subtitle(&self) -> Vec<String> {
        let mut lines = vec![format!("{}, {}", self.plan.title.trim(), self.plan.period)];
        lines.push(format!("Fra {}", describe(&self.from)));
        lines.push(match &self.to {
            Some(v) => format!("Til {}", describe(v)),
            None => format!("Til planen, som den er {}", format_date(self.today)),
        });
        lines
    }

    /// What the command line prints: the lines of [`Changes::lines`], each ended by a
    /// newline, with control characters shown escaped; "Ingen ændringer." when nothing has.
    pub fn text(&self) -> String {
        if self.changes.is_empty() {
            return "Ingen ændringer.\n".to_string();
        }
        self.changes
            .lines()
            .iter()
            .map(|l| format!("{}\n", crate::terminal::escape_controls(l)))
            .collect()
    }

    /// The section "Siden sidst" of the plan's own PDF (`report::Options::since`): the title
    /// and what was compared with what (the plan itself goes without saying there).
    pub fn since(&self) -> report::Since {
        report::Since {
            title: self.title.clone(),
            lines: self.subtitle().into_iter().skip(1).collect(),
            changes: self.changes.clone(),
        }
    }
}

/// "version 2, «Til udvalget», gemt 12. marts 2013 kl. 14.05 af Anna".
fn describe(v: &Version) -> String {
    let mut text = format!(
        "version {}, «{}», gemt {}",
        v.number,
        v.label.trim(),
        crate::units::format_moment(v.saved_at)
    );
    if !v.saved_by.trim().is_empty() {
        text.push_str(&format!(" af {}", v.saved_by.trim()));
    }
    text
}

/// The comparison of `from` with `later`. A plan missing from a side counts as empty
/// (`versions::load` refuses a version without its plan, so only the plan now can lack it).
pub fn of(from: &Frozen, later: Later<'_>) -> Comparison {
    let plan_id = from.version.plan;
    let since = from.version.saved_at.date();
    let (to_bundle, today, to) = match later {
        Later::Now(bundle, today) => (bundle, today, None),
        Later::Version(v) => (
            &v.bundle,
            v.version.saved_at.date(),
            Some(v.version.clone()),
        ),
    };
    let changes = changes::between(&from.bundle, to_bundle, plan_id, since, today);
    let title = match &to {
        Some(v) => changes::title_between(from.version.number, v.number),
        None => changes::title_since(since),
    };
    Comparison {
        changes,
        title,
        from: from.version.clone(),
        to,
        plan: plan_of(to_bundle, plan_id)
            .or_else(|| from.plan().cloned())
            .unwrap_or_default(),
        today,
    }
}

fn plan_of(bundle: &PlanBundle, plan: PlanId) -> Option<Plan> {
    bundle.plans.iter().find(|p| p.id == plan).cloned()
}

/// Version `since` of `plan` compared with version `to`, or with the plan as it is now on
/// `today` when `to` is `None`. A damaged version is an error, never compared.
pub fn compare(
    document: &Document,
    plan: PlanId,
    since: u32,
    to: Option<u32>,
    today: Date,
) -> Result<Comparison> {
    let from = versions::load(document, &versions::find(document, plan, since)?)?;
    Ok(match to {
        Some(number) => {
            let later = versions::load(document, &versions::find(document, plan, number)?)?;
            of(&from, Later::Version(&later))
        }
        None => {
            let now = versions::current(document, plan)?;
            of(&from, Later::Now(&now, today))
        }
    })
}

/// Writes the comparison's report PDF to `out`, whole or not at all; returns the number of
/// pages and the warnings, in Danish (a character the fonts lack).
pub fn export_pdf(comparison: &Comparison, out: &Path) -> Result<(usize, Vec<String>)> {
    let export = report::export_changes_pdf(
        &report::ChangesReport {
            title: &comparison.title,
            subtitle: &comparison.subtitle(),
            changes: &comparison.changes,
            plan: &comparison.plan,
        },
        None,
    )
    .map_err(|e| VersionError::Transfer(e.into()))?;
    crate::files::write_atomically(out, &export.bytes)
        .map_err(|e| VersionError::Transfer(crate::transfer::TransferError::Write(e)))?;
    Ok((
        export.pages,
        export.warnings.iter().map(ToString::to_string).collect(),
    ))
}
