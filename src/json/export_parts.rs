//! The parts of an export that need no key but their own: optional texts and lists left out
//! when empty, `extra` read back from its text, a goal's indicators (with the keys `export`
//! gives them), measurements and milestones, and a plan's words, numbering and print settings
//! (left out where they are the defaults).

use super::error::FormatError;
use super::raw::{
    RawFigure, RawIndicator, RawLabels, RawMeasurement, RawMilestone, RawNumbering, RawPrint,
};
use super::values::{Decimal, ExtraObject};
use crate::model::{Extra, Figure, FollowUp, Goal, Label, Labels, Numbering, Plan, PrintSettings};

pub(super) type Result<T> = std::result::Result<T, FormatError>;

/// An optional text: left out when empty.
pub(super) fn text(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_string())
}

pub(super) fn non_empty<T>(list: Vec<T>) -> Option<Vec<T>> {
    (!list.is_empty()).then_some(list)
}

pub(super) fn extra(value: &Extra, path: &str) -> Result<Option<ExtraObject>> {
    value
        .as_deref()
        .map(|text| {
            ExtraObject::from_text(text).map_err(|e| {
                FormatError::export(
                    path,
                    format!("den gemte extra-værdi er ikke et gyldigt JSON-objekt ({e})"),
                )
            })
        })
        .transpose()
}

/// A goal's indicators, keyed with `keys` (one per indicator, in order).
pub(super) fn indicators(
    goal: &Goal,
    keys: &[String],
    goal_path: &str,
) -> Result<Option<Vec<RawIndicator>>> {
    let list = goal
        .indicators
        .iter()
        .zip(keys)
        .enumerate()
        .map(|(i, (indicator, key))| {
            let path = format!("{goal_path}.indicators[{i}]");
            Ok(RawIndicator {
                key: Some(key.clone()),
                name: indicator.name.clone(),
                unit: text(&indicator.unit),
                baseline: figure(indicator.baseline.as_ref(), &format!("{path}.baseline"))?,
                target: figure(indicator.target.as_ref(), &format!("{path}.target"))?,
                direction: indicator.direction.map(|d| d.code().to_string()),
                extra: extra(&indicator.extra, &format!("{path}.extra"))?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(non_empty(list))
}

fn figure(figure: Option<&Figure>, path: &str) -> Result<Option<RawFigure>> {
    let Some(figure) = figure else {
        return Ok(None);
    };
    Ok(Some(RawFigure {
        value: Decimal(figure.value.to_string()),
        date: figure.date.map(|d| d.to_string()),
        extra: extra(&figure.extra, &format!("{path}.extra"))?,
    }))
}

/// A follow-up's measurements. The indicator a measurement names must be one of the goal's
/// (`keys` are theirs, in order); a measurement of another goal's indicator cannot be written.
pub(super) fn measurements(
    follow_up: &FollowUp,
    goal: &Goal,
    keys: &[String],
    path: &str,
) -> Result<Option<Vec<RawMeasurement>>> {
    let list = follow_up
        .measurements
        .iter()
        .enumerate()
        .map(|(m, measurement)| {
            let mpath = format!("{path}.measurements[{m}]");
            let found: Vec<usize> = goal
                .indicators
                .iter()
                .enumerate()
                .filter(|(_, i)| i.id == measurement.indicator)
                .map(|(i, _)| i)
                .collect();
            let indicator = match found.as_slice() {
                [i] => keys[*i].clone(),
                [] => {
                    return Err(FormatError::export(
                        format!("{mpath}.indicator"),
                        format!(
                            "målingen gælder målepunktet med id {}, som ikke er et af målets målepunkter",
                            measurement.indicator
                        ),
                    ));
                }
                _ => {
                    return Err(FormatError::export(
                        format!("{mpath}.indicator"),
                        format!(
                            "flere af målets målepunkter har id {}, så målingen er tvetydig",
                            measurement.indicator
                        ),
                    ));
                }
            };
            Ok(RawMeasurement {
                indicator,
                value: Decimal(measurement.value.to_string()),
                extra: extra(&measurement.extra, &format!("{mpath}.extra"))?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(non_empty(list))
}

/// A goal's milestones, in their order; `done` only when true (absent is false).
pub(super) fn milestones(goal: &Goal, goal_path: &str) -> Result<Option<Vec<RawMilestone>>> {
    let list = goal
        .milestones
        .iter()
        .enumerate()
        .map(|(i, milestone)| {
            Ok(RawMilestone {
                text: milestone.text.clone(),
                date: milestone.date.map(|d| d.to_string()),
                done: milestone.done.then_some(true),
                extra: extra(
                    &milestone.extra,
                    &format!("{goal_path}.milestones[{i}].extra"),
                )?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(non_empty(list))
}

/// The plan's own words; left out when every word is the default and there is no `extra`.
pub(super) fn labels(plan: &Plan, path: &str) -> Result<Option<RawLabels>> {
    let labels: &Labels = &plan.labels;
    if Label::ALL.iter().all(|&l| labels.get(l).is_none()) && labels.extra.is_none() {
        return Ok(None);
    }
    let word = |label: Label| labels.get(label).map(str::to_string);
    Ok(Some(RawLabels {
        focus_area: word(Label::FocusArea),
        focus_areas: word(Label::FocusAreas),
        goal: word(Label::Goal),
        owner: word(Label::Owner),
        documentation: word(Label::Documentation),
        intro: word(Label::Intro),
        extra: extra(&labels.extra, &format!("{path}.labels.extra"))?,
    }))
}

/// The plan's numbering; a style is written only where it is not the default.
pub(super) fn numbering(plan: &Plan, path: &str) -> Result<Option<RawNumbering>> {
    let numbering = &plan.numbering;
    let default = Numbering::default();
    if *numbering == default {
        return Ok(None);
    }
    Ok(Some(RawNumbering {
        focus_areas: (numbering.focus_areas != default.focus_areas)
            .then(|| numbering.focus_areas.code().to_string()),
        goals: (numbering.goals != default.goals).then(|| numbering.goals.code().to_string()),
        extra: extra(&numbering.extra, &format!("{path}.numbering.extra"))?,
    }))
}

/// The plan's print settings; a setting is written only where it is not the default.
pub(super) fn print(plan: &Plan, path: &str) -> Result<Option<RawPrint>> {
    let print = &plan.print;
    let default = PrintSettings::default();
    if *print == default {
        return Ok(None);
    }
    Ok(Some(RawPrint {
        empty_fields: (print.empty_fields != default.empty_fields)
            .then(|| print.empty_fields.code().to_string()),
        owner_email: (print.owner_email != default.owner_email).then_some(print.owner_email),
        owner_title: (print.owner_title != default.owner_title).then_some(print.owner_title),
        extra: extra(&print.extra, &format!("{path}.print.extra"))?,
    }))
}
