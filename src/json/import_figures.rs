//! A goal's figures and steps (plan-format.md, version 2): indicators (målepunkter) with their
//! baseline and target, the measurements of a follow-up, and milestones (delmål). Numbers are
//! read from the exact JSON text with [`Number::parse`], never through a float; every problem
//! is reported with its JSON path.

use std::collections::HashMap;

use super::checks::{Result, Version, check_key, extra, index_id, optional_date, required_text};
use super::error::FormatError;
use super::raw::{RawFigure, RawIndicator, RawMeasurement, RawMilestone, RawPlan};
use super::values::{Decimal, shorten};
use crate::model::{
    Direction, Figure, GoalId, Indicator, IndicatorId, MAX_DIGITS, Measurement, Milestone,
    MilestoneId, Number, NumberError,
};

/// Every indicator key of the document: the goal it belongs to, the id it gets and where that
/// goal is (for the message when another goal's follow-up names it).
pub(super) struct IndicatorIndex {
    by_key: HashMap<String, KeyedIndicator>,
}

struct KeyedIndicator {
    goal: GoalId,
    id: IndicatorId,
    goal_path: String,
}

impl IndicatorIndex {
    /// Numbers goals from 1 and indicators from 1, both in document order, as the conversion
    /// does; an empty key or one used twice (anywhere in the document) is an error.
    pub(super) fn build(plans: &[RawPlan]) -> Result<IndicatorIndex> {
        let mut by_key: HashMap<String, (KeyedIndicator, String)> = HashMap::new();
        let (mut goal_id, mut indicator_id) = (1, 1);
        for (p, plan) in plans.iter().enumerate() {
            for (a, area) in plan.focus_areas.iter().flatten().enumerate() {
                for (g, goal) in area.goals.iter().flatten().enumerate() {
                    let goal_path = || format!("plans[{p}].focus_areas[{a}].goals[{g}]");
                    for (i, indicator) in goal.indicators.iter().flatten().enumerate() {
                        if let Some(key) = indicator.key.as_deref() {
                            let path = format!("{}.indicators[{i}].key", goal_path());
                            check_key(&path, key)?;
                            if let Some((_, first)) = by_key.get(key) {
                                return Err(FormatError::invalid(
                                    path,
                                    format!(
                                        "målepunktnøglen «{}» er allerede brugt i {first}",
                                        shorten(key)
                                    ),
                                ));
                            }
                            let keyed = KeyedIndicator {
                                goal: GoalId(goal_id),
                                id: IndicatorId(indicator_id),
                                goal_path: goal_path(),
                            };
                            by_key.insert(key.to_string(), (keyed, path));
                        }
                        indicator_id += 1;
                    }
                    goal_id += 1;
                }
            }
        }
        Ok(IndicatorIndex {
            by_key: by_key.into_iter().map(|(k, (v, _))| (k, v)).collect(),
        })
    }
}

/// A goal's indicators; ids continue from `next_id` (document-wide, from 1).
pub(super) fn indicators(
    goal_path: &str,
    raws: Option<Vec<RawIndicator>>,
    next_id: &mut i64,
) -> Result<Vec<Indicator>> {
    let mut out = Vec::new();
    for (i, raw) in raws.unwrap_or_default().into_iter().enumerate() {
        let path = format!("{goal_path}.indicators[{i}]");
        let id = IndicatorId(*next_id);
        *next_id += 1;
        out.push(Indicator {
            id,
            name: required_text(&path, "name", raw.name)?,
            unit: raw.unit.unwrap_or_default(),
            baseline: figure(&format!("{path}.baseline"), raw.baseline)?,
            target: figure(&format!("{path}.target"), raw.target)?,
            direction: direction(&format!("{path}.direction"), raw.direction)?,
            extra: extra(raw.extra, &format!("{path}.extra"))?,
        });
    }
    Ok(out)
}

fn figure(path: &str, raw: Option<RawFigure>) -> Result<Option<Figure>> {
    let Some(raw) = raw else {
        return Ok(None);
    };
    Ok(Some(Figure {
        value: number(&format!("{path}.value"), &raw.value)?,
        date: optional_date(&format!("{path}.date"), raw.date, Version::Two)?,
        extra: extra(raw.extra, &format!("{path}.extra"))?,
    }))
}

fn direction(path: &str, code: Option<String>) -> Result<Option<Direction>> {
    let Some(code) = code else {
        return Ok(None);
    };
    Direction::from_code(&code).map(Some).ok_or_else(|| {
        FormatError::invalid(
            path,
            format!(
                "ukendt retning «{}»; brug «increase» (skal op), «decrease» (skal ned) eller «keep» (skal fastholdes), eller udelad feltet",
                shorten(&code)
            ),
        )
    })
}

/// The exact number the JSON text says, or why it cannot be a figure.
fn number(path: &str, Decimal(text): &Decimal) -> Result<Number> {
    Number::parse(text).map_err(|e| {
        let shown = shorten(text);
        let problem = match e {
            NumberError::TooPrecise => format!(
                "tallet {shown} har mere end {MAX_DIGITS} betydende cifre; virkplan runder ikke tal af, så skriv det med højst {MAX_DIGITS}"
            ),
            NumberError::OutOfRange => {
                format!("tallet {shown} er for stort eller for småt til et målepunkt")
            }
            NumberError::Form => format!("«{shown}» er ikke et tal, virkplan kan læse"),
        };
        FormatError::invalid(path, problem)
    })
}

/// A follow-up's measurements: each names an indicator of the goal `goal` (by key), at most once.
pub(super) fn measurements(
    follow_up_path: &str,
    raws: Option<Vec<RawMeasurement>>,
    goal: GoalId,
    index: &IndicatorIndex,
) -> Result<Vec<Measurement>> {
    let mut out: Vec<Measurement> = Vec::new();
    let mut named: Vec<String> = Vec::new();
    for (m, raw) in raws.unwrap_or_default().into_iter().enumerate() {
        let path = format!("{follow_up_path}.measurements[{m}]");
        let key = raw.indicator;
        let indicator_path = format!("{path}.indicator");
        let keyed = match index.by_key.get(&key) {
            None => {
                return Err(FormatError::invalid(
                    indicator_path,
                    format!(
                        "målepunktet «{}» findes ikke; en måling skal nævne «key» på et af målets målepunkter",
                        shorten(&key)
                    ),
                ));
            }
            Some(keyed) if keyed.goal != goal => {
                return Err(FormatError::invalid(
                    indicator_path,
                    format!(
                        "målepunktet «{}» hører til et andet mål ({}); en måling kan kun gælde et af sit eget måls målepunkter",
                        shorten(&key),
                        keyed.goal_path
                    ),
                ));
            }
            Some(keyed) => keyed,
        };
        if let Some(first) = named.iter().position(|k| *k == key) {
            return Err(FormatError::invalid(
                indicator_path,
                format!(
                    "målepunktet «{}» er allerede målt i denne opfølgning (measurements[{first}]); giv én måling pr. målepunkt pr. opfølgning",
                    shorten(&key)
                ),
            ));
        }
        out.push(Measurement {
            indicator: keyed.id,
            value: number(&format!("{path}.value"), &raw.value)?,
            extra: extra(raw.extra, &format!("{path}.extra"))?,
        });
        named.push(key);
    }
    Ok(out)
}

/// A goal's milestones, in the order given; ids are their indices.
pub(super) fn milestones(
    goal_path: &str,
    raws: Option<Vec<RawMilestone>>,
) -> Result<Vec<Milestone>> {
    raws.unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(i, raw)| {
            let path = format!("{goal_path}.milestones[{i}]");
            Ok(Milestone {
                id: MilestoneId(index_id(i)),
                text: required_text(&path, "text", raw.text)?,
                date: optional_date(&format!("{path}.date"), raw.date, Version::Two)?,
                done: raw.done.unwrap_or(false),
                extra: extra(raw.extra, &format!("{path}.extra"))?,
            })
        })
        .collect()
}
