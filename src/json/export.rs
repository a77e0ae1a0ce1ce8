//! From the model to the serde mirror (version 2): key generation (people from their names,
//! plans from their first year, indicators `i1`, `i2`, … in document order, goals only where a
//! `continues` or a `related` names them) and the resolution of ids, which may be row ids from
//! a store, into those keys. The parts that need no key but their own are `export_parts`'s.
//!
//! A `related` link to a goal that is not in the document is left out, as
//! [`PlanBundle::keep_plans`] leaves it out of a copy: `related` may name a goal of any plan
//! of the file, and an export of one plan (with the plans it reaches through `previous`)
//! need not hold that plan, while the document must name only goals it holds. A `continues`
//! always points into the plan's previous plan, which an export holds, so a missing one is
//! an error.

use std::collections::{HashMap, HashSet};

use super::error::FormatError;
use super::export_parts::{
    Result, extra, indicators, labels, measurements, milestones, non_empty, numbering, print, text,
};
use super::raw::{
    RawBudget, RawBudgetRow, RawContact, RawDocument, RawFocusArea, RawFollowUp, RawGoal,
    RawPeriod, RawPerson, RawPlan, RawSection,
};
use super::values::Whole;
use super::version::{FORMAT_NAME, FORMAT_VERSION};
use crate::model::{Goal, GoalId, PersonId, Plan, PlanBundle, PlanId};

/// Where a goal sits: (plan, focus area, goal) indices.
type GoalPos = (usize, usize, usize);

/// The serde mirror of a model document, with generated keys.
pub(super) fn from_model(doc: &PlanBundle) -> Result<RawDocument> {
    let mut taken = HashSet::new();
    let person_keys: Vec<String> = doc
        .people
        .iter()
        .map(|p| unique_key(&slug(&p.name, "person"), &mut taken))
        .collect();
    let person_by_id = index_by_id(doc.people.iter().map(|p| p.id));

    let mut taken = HashSet::new();
    let plan_keys: Vec<String> = doc
        .plans
        .iter()
        .map(|p| unique_key(&format!("vp{}", p.period.start), &mut taken))
        .collect();
    let plan_by_id = index_by_id(doc.plans.iter().map(|p| p.id));

    let previous = doc
        .plans
        .iter()
        .enumerate()
        .map(|(i, plan)| resolve_previous(i, plan, &plan_by_id))
        .collect::<Result<Vec<_>>>()?;
    let continues = resolve_continues(doc, &previous)?;
    let related = resolve_related(doc)?;
    let keyed: HashSet<GoalPos> = continues
        .values()
        .chain(related.values().flatten())
        .copied()
        .collect();
    let goal_key = |(p, a, g): GoalPos| format!("g-{}-{}-{}", plan_keys[p], a + 1, g + 1);
    let owner_keys = |ids: &[PersonId], path: &str| -> Result<Option<Vec<String>>> {
        let keys = ids
            .iter()
            .enumerate()
            .map(|(o, id)| match person_by_id.get(id) {
                Some(Some(i)) => Ok(person_keys[*i].clone()),
                found => Err(ambiguous_or_missing(
                    format!("{path}.owners[{o}]"),
                    found.is_some(),
                    "personen",
                    id.0,
                )),
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(non_empty(keys))
    };
    let mut next_indicator = 1;

    let people = doc
        .people
        .iter()
        .zip(&person_keys)
        .enumerate()
        .map(|(i, (p, key))| {
            Ok(RawPerson {
                key: key.clone(),
                name: p.name.clone(),
                title: text(&p.title),
                email: text(&p.email),
                unit: text(&p.unit),
                extra: extra(&p.extra, &format!("people[{i}].extra"))?,
            })
        })
        .collect::<Result<Vec<_>>>()?;

    let mut plans = Vec::with_capacity(doc.plans.len());
    for (p, plan) in doc.plans.iter().enumerate() {
        let path = format!("plans[{p}]");
        let mut focus_areas = Vec::with_capacity(plan.focus_areas.len());
        for (a, area) in plan.focus_areas.iter().enumerate() {
            let apath = format!("{path}.focus_areas[{a}]");
            let mut goals = Vec::with_capacity(area.goals.len());
            for (g, goal) in area.goals.iter().enumerate() {
                let gpath = format!("{apath}.goals[{g}]");
                let indicator_keys: Vec<String> = goal
                    .indicators
                    .iter()
                    .map(|_| {
                        let key = format!("i{next_indicator}");
                        next_indicator += 1;
                        key
                    })
                    .collect();
                let related_keys = related
                    .get(&(p, a, g))
                    .map(|list| list.iter().map(|&pos| goal_key(pos)).collect());
                goals.push(RawGoal {
                    key: keyed.contains(&(p, a, g)).then(|| goal_key((p, a, g))),
                    continues: continues.get(&(p, a, g)).map(|&pos| goal_key(pos)),
                    text: goal.text.clone(),
                    details: text(&goal.details),
                    documentation: text(&goal.documentation),
                    owners: owner_keys(&goal.owners, &gpath)?,
                    deadline: goal.deadline.map(|d| d.to_string()),
                    status: goal.status.map(|s| s.code().to_string()),
                    indicators: indicators(goal, &indicator_keys, &gpath)?,
                    milestones: milestones(goal, &gpath)?,
                    related: related_keys.and_then(non_empty),
                    follow_ups: follow_ups(goal, &indicator_keys, &gpath)?,
                    extra: extra(&goal.extra, &format!("{gpath}.extra"))?,
                });
            }
            focus_areas.push(RawFocusArea {
                key: None,
                title: area.title.clone(),
                owners: owner_keys(&area.owners, &apath)?,
                description: text(&area.description),
                goals: (!goals.is_empty()).then_some(goals),
                extra: extra(&area.extra, &format!("{apath}.extra"))?,
            });
        }
        plans.push(RawPlan {
            key: plan_keys[p].clone(),
            previous: previous[p].map(|j| plan_keys[j].clone()),
            title: plan.title.clone(),
            organisation: plan.organisation.clone(),
            municipality: text(&plan.municipality),
            period: RawPeriod {
                start: Whole(plan.period.start.into()),
                end: Whole(plan.period.end.into()),
                extra: extra(&plan.period_extra, &format!("{path}.period.extra"))?,
            },
            journal_number: text(&plan.journal_number),
            contact: contact(plan, &path)?,
            state: Some(plan.state.code().to_string()),
            approved_on: plan.approved_on.map(|d| d.to_string()),
            approved_by: text(&plan.approved_by),
            sections: non_empty(
                plan.sections
                    .iter()
                    .enumerate()
                    .map(|(s, section)| {
                        Ok(RawSection {
                            title: section.title.clone(),
                            body: text(&section.body),
                            extra: extra(&section.extra, &format!("{path}.sections[{s}].extra"))?,
                        })
                    })
                    .collect::<Result<Vec<_>>>()?,
            ),
            budget: budget(plan, &path)?,
            focus_areas_intro: text(&plan.focus_areas_intro),
            focus_areas: non_empty(focus_areas),
            review_intro: text(&plan.review_intro),
            labels: labels(plan, &path)?,
            numbering: numbering(plan, &path)?,
            print: print(plan, &path)?,
            extra: extra(&plan.extra, &format!("{path}.extra"))?,
        });
    }

    Ok(RawDocument {
        format: FORMAT_NAME.to_string(),
        version: Whole(FORMAT_VERSION),
        people: non_empty(people),
        plans,
        extra: extra(&doc.extra, "extra")?,
    })
}

/// Id → index, `None` for an id that more than one entry has (a reference to it is ambiguous).
fn index_by_id<I: std::hash::Hash + Eq>(ids: impl Iterator<Item = I>) -> HashMap<I, Option<usize>> {
    let mut map = HashMap::new();
    for (i, id) in ids.enumerate() {
        map.entry(id).and_modify(|v| *v = None).or_insert(Some(i));
    }
    map
}

fn ambiguous_or_missing(path: String, ambiguous: bool, what: &str, id: i64) -> FormatError {
    if ambiguous {
        FormatError::export(
            path,
            format!("flere i dokumentet har id {id}, så {what} er tvetydig"),
        )
    } else {
        FormatError::export(path, format!("{what} med id {id} er ikke med i dokumentet"))
    }
}

fn resolve_previous(
    i: usize,
    plan: &Plan,
    plan_by_id: &HashMap<PlanId, Option<usize>>,
) -> Result<Option<usize>> {
    let Some(id) = plan.previous else {
        return Ok(None);
    };
    match plan_by_id.get(&id) {
        Some(Some(j)) => Ok(Some(*j)),
        found => Err(ambiguous_or_missing(
            format!("plans[{i}].previous"),
            found.is_some(),
            "den forrige plan",
            id.0,
        )),
    }
}

/// For every goal with `continues`: the position of the goal it continues, which must be in
/// its plan's previous plan.
fn resolve_continues(
    doc: &PlanBundle,
    previous: &[Option<usize>],
) -> Result<HashMap<GoalPos, GoalPos>> {
    let mut out = HashMap::new();
    for (p, plan) in doc.plans.iter().enumerate() {
        for (a, area) in plan.focus_areas.iter().enumerate() {
            for (g, goal) in area.goals.iter().enumerate() {
                let Some(target) = goal.continues else {
                    continue;
                };
                let path = format!("plans[{p}].focus_areas[{a}].goals[{g}].continues");
                let Some(prev) = previous[p] else {
                    return Err(FormatError::export(
                        path,
                        "målet fortsætter et andet mål, men planen har ingen forrige plan",
                    ));
                };
                let found = find_goal(&doc.plans[prev], target);
                match found.as_slice() {
                    [(fa, fg)] => {
                        out.insert((p, a, g), (prev, *fa, *fg));
                    }
                    [] => {
                        return Err(FormatError::export(
                            path,
                            format!("målet med id {} findes ikke i den forrige plan", target.0),
                        ));
                    }
                    _ => {
                        return Err(FormatError::export(
                            path,
                            format!("flere mål i den forrige plan har id {}", target.0),
                        ));
                    }
                }
            }
        }
    }
    Ok(out)
}

/// For every goal with `related`: the positions of the goals it names, in its order. A goal
/// that is not in the document is left out (see the module's doc); an id more than one goal
/// has is an error.
fn resolve_related(doc: &PlanBundle) -> Result<HashMap<GoalPos, Vec<GoalPos>>> {
    let positions: Vec<GoalPos> = doc
        .plans
        .iter()
        .enumerate()
        .flat_map(|(p, plan)| plan.numbered_goals().map(move |(a, g, _, _)| (p, a, g)))
        .collect();
    let by_id = index_by_id(
        doc.plans
            .iter()
            .flat_map(|plan| plan.goals().map(|(_, goal)| goal.id)),
    );
    let mut out = HashMap::new();
    for (p, plan) in doc.plans.iter().enumerate() {
        for (a, g, _, goal) in plan.numbered_goals() {
            let mut list = Vec::new();
            for (r, id) in goal.related.iter().enumerate() {
                match by_id.get(id) {
                    Some(Some(i)) => list.push(positions[*i]),
                    Some(None) => {
                        return Err(ambiguous_or_missing(
                            format!("plans[{p}].focus_areas[{a}].goals[{g}].related[{r}]"),
                            true,
                            "målet",
                            id.0,
                        ));
                    }
                    None => {}
                }
            }
            if !list.is_empty() {
                out.insert((p, a, g), list);
            }
        }
    }
    Ok(out)
}

fn find_goal(plan: &Plan, id: GoalId) -> Vec<(usize, usize)> {
    plan.numbered_goals()
        .filter(|(_, _, _, g)| g.id == id)
        .map(|(a, g, _, _)| (a, g))
        .collect()
}

/// The goal's follow-ups, oldest first (the order an import gives them), at the paths they
/// get in the document. One that says nothing (no text, status or measurement: the editor's
/// "Tilføj opfølgning" left as it was) is left out: version 2 refuses it, and it holds nothing
/// but its date, so a whole export must not fail on it.
fn follow_ups(
    goal: &Goal,
    indicator_keys: &[String],
    path: &str,
) -> Result<Option<Vec<RawFollowUp>>> {
    let mut order: Vec<usize> = (0..goal.follow_ups.len())
        .filter(|&f| {
            let fu = &goal.follow_ups[f];
            !(fu.text.is_empty() && fu.status.is_none() && fu.measurements.is_empty())
        })
        .collect();
    order.sort_by_key(|&f| goal.follow_ups[f].date);
    let list = order
        .into_iter()
        .enumerate()
        .map(|(at, f)| {
            let fu = &goal.follow_ups[f];
            let fpath = format!("{path}.follow_ups[{at}]");
            Ok(RawFollowUp {
                date: fu.date.to_string(),
                status: fu.status.map(|s| s.code().to_string()),
                text: text(&fu.text),
                measurements: measurements(fu, goal, indicator_keys, &fpath)?,
                extra: extra(&fu.extra, &format!("{fpath}.extra"))?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(non_empty(list))
}

fn contact(plan: &Plan, path: &str) -> Result<Option<RawContact>> {
    let c = &plan.contact;
    if c.address.is_empty()
        && c.phone.is_empty()
        && c.email.is_empty()
        && c.web.is_empty()
        && c.extra.is_none()
    {
        return Ok(None);
    }
    Ok(Some(RawContact {
        address: text(&c.address),
        phone: text(&c.phone),
        email: text(&c.email),
        web: text(&c.web),
        extra: extra(&c.extra, &format!("{path}.contact.extra"))?,
    }))
}

fn budget(plan: &Plan, path: &str) -> Result<Option<RawBudget>> {
    let b = &plan.budget;
    if b.is_empty() {
        return Ok(None);
    }
    let rows = b
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            Ok(RawBudgetRow {
                area: row.area.clone(),
                expenses: Whole(row.expenses),
                income: Whole(row.income),
                extra: extra(&row.extra, &format!("{path}.budget.rows[{r}].extra"))?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Some(RawBudget {
        title: text(&b.title),
        year: b.year.map(|y| Whole(y.into())),
        note: text(&b.note),
        rows: non_empty(rows),
        extra: extra(&b.extra, &format!("{path}.budget.extra"))?,
    }))
}

/// A key from a name: lower case ASCII letters and digits joined by single hyphens, Danish
/// letters spelled out (`Børge Ålund` → `boerge-aalund`), at most 40 characters; `fallback`
/// when nothing is left.
pub(super) fn slug(name: &str, fallback: &str) -> String {
    let mut out = String::new();
    let mut pending_hyphen = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        let spelled: &str = match c {
            'æ' | 'ä' => "ae",
            'ø' | 'ö' => "oe",
            'å' => "aa",
            'ü' => "ue",
            'ß' => "ss",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'á' | 'à' | 'â' => "a",
            'í' | 'ì' | 'î' | 'ï' => "i",
            'ó' | 'ò' | 'ô' => "o",
            'ú' | 'ù' | 'û' => "u",
            _ => "",
        };
        let piece = if !spelled.is_empty() {
            spelled.to_string()
        } else if c.is_ascii_alphanumeric() {
            c.to_string()
        } else {
            pending_hyphen = !out.is_empty();
            continue;
        };
        if out.len() + piece.len() + 1 > 40 {
            break;
        }
        if pending_hyphen {
            out.push('-');
            pending_hyphen = false;
        }
        out.push_str(&piece);
    }
    if out.is_empty() {
        fallback.to_string()
    } else {
        out
    }
}

/// `base`, or `base-2`, `base-3`… whichever is not taken yet; the result is taken.
pub(super) fn unique_key(base: &str, taken: &mut HashSet<String>) -> String {
    let mut key = base.to_string();
    let mut n = 2;
    while taken.contains(&key) {
        key = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(key.clone());
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_spell_out_danish_letters_and_collapse_the_rest() {
        assert_eq!(slug("Børge Alstrup", "person"), "boerge-alstrup");
        assert_eq!(slug("  Åse  Ærø-Hansen ", "person"), "aase-aeroe-hansen");
        assert_eq!(slug("Jens \"J\" O'Neil 2", "person"), "jens-j-o-neil-2");
        assert_eq!(slug("🎉 李 ", "person"), "person");
        assert_eq!(slug("", "person"), "person");
        assert!(slug(&"abc ".repeat(40), "person").len() <= 40);
        assert!(!slug(&"abc ".repeat(40), "person").ends_with('-'));
    }

    #[test]
    fn keys_are_made_unique_with_a_number() {
        let mut taken = HashSet::new();
        assert_eq!(unique_key("jan", &mut taken), "jan");
        assert_eq!(unique_key("jan", &mut taken), "jan-2");
        assert_eq!(unique_key("jan", &mut taken), "jan-3");
        assert_eq!(unique_key("jan-2", &mut taken), "jan-2-2");
    }
}
