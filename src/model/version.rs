//! A frozen version of a plan (issue 20): the whole plan as it was presented (content and
//! settings, with the people it names and the plans its PDF prints beside it), kept in the
//! plan file forever and never changed. Plain data: the version's metadata ([`Version`]), its
//! content as opaque bytes ([`Payload`], written and read by `json`), and the row ids of the
//! plans it holds ([`BundleIds`]), which the JSON exchange format does not carry, so that a
//! version read back has the ids the plan had when it was saved and can be compared goal by
//! goal with the plan as it is now.

use super::date::Date;
use super::figures::{IndicatorId, MilestoneId};
use super::plan::{
    BudgetRowId, FocusAreaId, FollowUpId, GoalId, PersonId, PlanBundle, PlanId, SectionId,
};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

/// A version's row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct VersionId(pub i64);

impl fmt::Display for VersionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A point in local wall-clock time, to the minute: when a version was saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment {
    /// Year, 1000–9999.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of month.
    pub day: u8,
    /// Hour, 0–23.
    pub hour: u8,
    /// Minute, 0–59.
    pub minute: u8,
}

impl Moment {
    /// A moment, if the day exists and the time is a time of day.
    pub fn new(year: i32, month: u8, day: u8, hour: u8, minute: u8) -> Option<Moment> {
        Date::day(year, month, day).ok()?;
        (hour < 24 && minute < 60).then_some(Moment {
            year,
            month,
            day,
            hour,
            minute,
        })
    }

    /// The day, as a plan date.
    pub fn date(self) -> Date {
        Date::Day {
            year: self.year,
            month: self.month,
            day: self.day,
        }
    }

    /// `"2013-03-12T14:05"`: how the file stores it (sorts as it orders).
    pub fn iso(self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }

    /// Reads [`Moment::iso`]'s form.
    pub fn parse_iso(text: &str) -> Option<Moment> {
        let b = text.as_bytes();
        if b.len() != 16 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = text.get(r)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let year = i32::try_from(digits(0..4)?).ok()?;
        let small = |r| u8::try_from(digits(r)?).ok();
        Moment::new(
            year,
            small(5..7)?,
            small(8..10)?,
            small(11..13)?,
            small(14..16)?,
        )
    }
}

/// Why a version was saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum VersionKind {
    /// "Gem version…": saved by hand, e.g. before a meeting.
    #[default]
    Saved,
    /// Saved by itself when the plan was approved ("Godkendt af … den …").
    Approval,
}

impl VersionKind {
    /// The code used in the file.
    pub fn code(self) -> &'static str {
        match self {
            VersionKind::Saved => "saved",
            VersionKind::Approval => "approval",
        }
    }

    /// The kind for a code, if it is one.
    pub fn from_code(code: &str) -> Option<VersionKind> {
        match code {
            "saved" => Some(VersionKind::Saved),
            "approval" => Some(VersionKind::Approval),
            _ => None,
        }
    }
}

/// What the plan file records about a version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// Row id (0 before it is stored).
    pub id: VersionId,
    /// The plan it is a version of.
    pub plan: PlanId,
    /// Its number among the plan's versions, 1, 2, …; 0 asks the store for the next one.
    pub number: u32,
    /// What it was for, e.g. "Til Social- og Sundhedsudvalget 12. marts 2013"; never blank.
    pub label: String,
    /// When it was saved.
    pub saved_at: Moment,
    /// Who saved it (the computer's user name unless the user wrote another).
    pub saved_by: String,
    /// Saved by hand or by an approval.
    pub kind: VersionKind,
}

/// A version's content: the bytes `json::write_frozen` made (the plan and what prints with
/// it, in the exchange format, with their row ids). Shared, as undo steps and screens keep it.
#[derive(Clone, PartialEq, Eq)]
pub struct Payload(pub Arc<[u8]>);

impl fmt::Debug for Payload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Payload({} bytes)", self.0.len())
    }
}

/// A version with its content: what `Command::InsertVersion` stores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrozenVersion {
    /// The metadata.
    pub version: Version,
    /// The content.
    pub payload: Payload,
}

/// The ids of a bundle's rows in the order `json` writes them: people; then per plan its
/// id, sections, budget rows, focus areas, goals (all areas, in order), and per goal its
/// follow-ups, indicators and milestones. The exchange format numbers these afresh when it
/// is read; [`BundleIds::restore`] gives them back.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BundleIds {
    /// People, in order.
    pub people: Vec<i64>,
    /// Plans, in order.
    pub plans: Vec<PlanIds>,
}

/// One plan's row ids (see [`BundleIds`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanIds {
    /// The plan.
    pub plan: i64,
    /// Intro sections.
    pub sections: Vec<i64>,
    /// Budget rows.
    pub budget_rows: Vec<i64>,
    /// Focus areas.
    pub focus_areas: Vec<i64>,
    /// Goals, over all focus areas.
    pub goals: Vec<i64>,
    /// Per goal: its follow-ups.
    pub follow_ups: Vec<Vec<i64>>,
    /// Per goal: its indicators.
    pub indicators: Vec<Vec<i64>>,
    /// Per goal: its milestones.
    pub milestones: Vec<Vec<i64>>,
}

/// A bundle and a list of ids that do not have the same shape (another bundle's ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdsMismatch;

impl BundleIds {
    /// The ids of `bundle`, in order.
    pub fn of(bundle: &PlanBundle) -> BundleIds {
        BundleIds {
            people: bundle.people.iter().map(|p| p.id.0).collect(),
            plans: bundle
                .plans
                .iter()
                .map(|plan| {
                    let goals: Vec<_> = plan.goals().map(|(_, g)| g).collect();
                    PlanIds {
                        plan: plan.id.0,
                        sections: plan.sections.iter().map(|s| s.id.0).collect(),
                        budget_rows: plan.budget.rows.iter().map(|r| r.id.0).collect(),
                        focus_areas: plan.focus_areas.iter().map(|a| a.id.0).collect(),
                        goals: goals.iter().map(|g| g.id.0).collect(),
                        follow_ups: goals
                            .iter()
                            .map(|g| g.follow_ups.iter().map(|f| f.id.0).collect())
                            .collect(),
                        indicators: goals
                            .iter()
                            .map(|g| g.indicators.iter().map(|i| i.id.0).collect())
                            .collect(),
                        milestones: goals
                            .iter()
                            .map(|g| g.milestones.iter().map(|m| m.id.0).collect())
                            .collect(),
                    }
                })
                .collect(),
        }
    }

    /// `bundle` (as a parse numbers it) with these ids, references included (owners,
    /// `previous`, `continues`, `related`, measurements). Fails when the shapes differ.
    pub fn restore(&self, mut bundle: PlanBundle) -> Result<PlanBundle, IdsMismatch> {
        let same = |a: usize, b: usize| if a == b { Ok(()) } else { Err(IdsMismatch) };
        same(bundle.people.len(), self.people.len())?;
        same(bundle.plans.len(), self.plans.len())?;
        let mut people = HashMap::new();
        for (p, &id) in bundle.people.iter_mut().zip(&self.people) {
            people.insert(p.id, PersonId(id));
            p.id = PersonId(id);
        }
        let mut plans = HashMap::new();
        let mut goals = HashMap::new();
        let mut indicators = HashMap::new();
        for (plan, ids) in bundle.plans.iter().zip(&self.plans) {
            plans.insert(plan.id, PlanId(ids.plan));
            same(plan.goals().count(), ids.goals.len())?;
            for ((_, goal), (g, &id)) in plan.goals().zip(ids.goals.iter().enumerate()) {
                goals.insert(goal.id, GoalId(id));
                let own = ids.indicators.get(g).ok_or(IdsMismatch)?;
                same(goal.indicators.len(), own.len())?;
                for (indicator, &id) in goal.indicators.iter().zip(own) {
                    indicators.insert(indicator.id, IndicatorId(id));
                }
            }
        }
        // Every id of a kind must be distinct, on both sides, or a reference would be
        // ambiguous.
        let distinct = |n: usize, m: usize| same(n, m);
        distinct(people.len(), bundle.people.len())?;
        distinct(plans.len(), bundle.plans.len())?;
        distinct(
            goals.values().collect::<HashSet<_>>().len(),
            bundle.plans.iter().map(|p| p.goals().count()).sum(),
        )?;
        distinct(
            indicators.values().collect::<HashSet<_>>().len(),
            indicators.len(),
        )?;
        for (plan, ids) in bundle.plans.iter_mut().zip(&self.plans) {
            plan.id = PlanId(ids.plan);
            plan.previous = plan.previous.map(|p| map(&plans, p)).transpose()?;
            same(plan.sections.len(), ids.sections.len())?;
            for (s, &id) in plan.sections.iter_mut().zip(&ids.sections) {
                s.id = SectionId(id);
            }
            same(plan.budget.rows.len(), ids.budget_rows.len())?;
            for (r, &id) in plan.budget.rows.iter_mut().zip(&ids.budget_rows) {
                r.id = BudgetRowId(id);
            }
            same(plan.focus_areas.len(), ids.focus_areas.len())?;
            let mut g = 0;
            for (area, &id) in plan.focus_areas.iter_mut().zip(&ids.focus_areas) {
                area.id = FocusAreaId(id);
                area.owners = area
                    .owners
                    .iter()
                    .map(|&o| map(&people, o))
                    .collect::<Result<_, _>>()?;
                for goal in &mut area.goals {
                    goal.id = GoalId(*ids.goals.get(g).ok_or(IdsMismatch)?);
                    goal.owners = goal
                        .owners
                        .iter()
                        .map(|&o| map(&people, o))
                        .collect::<Result<_, _>>()?;
                    goal.continues = goal.continues.map(|c| map(&goals, c)).transpose()?;
                    goal.related = goal
                        .related
                        .iter()
                        .map(|&r| map(&goals, r))
                        .collect::<Result<_, _>>()?;
                    for indicator in &mut goal.indicators {
                        indicator.id = map(&indicators, indicator.id)?;
                    }
                    let follow_ups = ids.follow_ups.get(g).ok_or(IdsMismatch)?;
                    same(goal.follow_ups.len(), follow_ups.len())?;
                    for (f, &id) in goal.follow_ups.iter_mut().zip(follow_ups) {
                        f.id = FollowUpId(id);
                        for m in &mut f.measurements {
                            m.indicator = map(&indicators, m.indicator)?;
                        }
                    }
                    let milestones = ids.milestones.get(g).ok_or(IdsMismatch)?;
                    same(goal.milestones.len(), milestones.len())?;
                    for (m, &id) in goal.milestones.iter_mut().zip(milestones) {
                        m.id = MilestoneId(id);
                    }
                    g += 1;
                }
            }
        }
        Ok(bundle)
    }
}

/// The id `key` maps to.
fn map<K: std::hash::Hash + Eq, V: Copy>(m: &HashMap<K, V>, key: K) -> Result<V, IdsMismatch> {
    m.get(&key).copied().ok_or(IdsMismatch)
}

/// `bundle` as a version keeps it: what the exchange format would leave out is left out
/// here first (a follow-up that says nothing, a tovholder or ansvarlig not among the
/// bundle's people, a `related` or `continues` link to a goal the bundle does not hold), and
/// follow-ups are in date order (equal dates keep theirs), as a document writes them. What
/// this returns survives the exchange format unchanged but for its ids.
pub fn frozen_form(mut bundle: PlanBundle) -> PlanBundle {
    let people: HashSet<PersonId> = bundle.people.iter().map(|p| p.id).collect();
    let goals: HashSet<GoalId> = bundle
        .plans
        .iter()
        .flat_map(|p| p.goals().map(|(_, g)| g.id))
        .collect();
    let plans: HashSet<PlanId> = bundle.plans.iter().map(|p| p.id).collect();
    for plan in &mut bundle.plans {
        if plan.previous.is_some_and(|p| !plans.contains(&p)) {
            plan.previous = None;
        }
        for area in &mut plan.focus_areas {
            area.owners.retain(|o| people.contains(o));
            for goal in &mut area.goals {
                goal.owners.retain(|o| people.contains(o));
                goal.related.retain(|r| goals.contains(r));
                if goal.continues.is_some_and(|c| !goals.contains(&c)) {
                    goal.continues = None;
                }
                goal.follow_ups.retain(|f| {
                    !(f.text.is_empty() && f.status.is_none() && f.measurements.is_empty())
                });
                goal.follow_ups.sort_by_key(|f| f.date);
            }
        }
    }
    bundle
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test
    use super::*;

    #[test]
    fn a_moment_reads_back_what_it_writes_and_refuses_impossible_times() {
        let m = Moment::new(2013, 3, 12, 14, 5).unwrap();
        assert_eq!(m.iso(), "2013-03-12T14:05");
        assert_eq!(Moment::parse_iso(&m.iso()), Some(m));
        for bad in [
            "2013-02-30T10:00",
            "2013-03-12T24:00",
            "2013-03-12T10:60",
            "2013-03-12 10:00",
            "2013-3-12T10:00",
            "+013-03-12T10:00",
            "",
        ] {
            assert_eq!(Moment::parse_iso(bad), None, "{bad}");
        }
    }
}
