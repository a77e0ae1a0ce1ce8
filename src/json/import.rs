//! From the serde mirror to the model, checking what serde cannot: blank texts, keys and the
//! references between them (owners, `previous` cycles, `continues`, `related`, the indicators
//! a measurement names), dates, statuses, years and budget sums. Every problem is reported
//! with its JSON path; the first one found (in document order) wins. A goal's figures and
//! steps are `import_figures`'s, a plan's words `import_words`'s.

use std::collections::HashMap;

use super::checks::{
    Result, Version, check_key, date, extra, index_id, optional_date, required_text, unique_keys,
};
use super::error::FormatError;
use super::import_figures::{IndicatorIndex, indicators, measurements, milestones};
use super::import_words::{labels, numbering, print};
use super::raw::{
    RawBudget, RawContact, RawDocument, RawFocusArea, RawFollowUp, RawGoal, RawPerson, RawPlan,
};
use super::values::{Whole, shorten};
use super::version::{FORMAT_NAME, FORMAT_VERSION, OLDEST_VERSION};
use crate::model::{
    Budget, BudgetRow, BudgetRowId, Contact, FocusArea, FocusAreaId, FollowUp, FollowUpId, Goal,
    GoalId, Period, Person, PersonId, Plan, PlanBundle, PlanId, PlanState, Section, SectionId,
    Status,
};

/// `format` must be ours, `version` one we read: which version's rules apply.
pub(super) fn check_header(format: &str, version: i64) -> Result<Version> {
    if format != FORMAT_NAME {
        return Err(FormatError::invalid(
            "format",
            format!(
                "filen er ikke en virkplan-fil: «format» skal være «{FORMAT_NAME}» (fandt «{}»)",
                shorten(format)
            ),
        ));
    }
    if version > FORMAT_VERSION {
        return Err(FormatError::NewerVersion { version });
    }
    if version < OLDEST_VERSION {
        return Err(FormatError::invalid(
            "version",
            format!(
                "formatversion {version} findes ikke; virkplan læser version {OLDEST_VERSION} til {FORMAT_VERSION}"
            ),
        ));
    }
    Ok(if version == 1 {
        Version::One
    } else {
        Version::Two
    })
}

/// The checked conversion. Ids are document-local (see [`PlanBundle`]): people, plans, focus
/// areas, sections, budget rows, follow-ups and milestones by index in their list; goals and
/// indicators numbered from 1 in document order (unique in the document, so that `continues`,
/// `related` and measurements can name them).
pub(super) fn to_model(raw: RawDocument, version: Version) -> Result<PlanBundle> {
    let people_raw = raw.people.unwrap_or_default();
    let person_keys = unique_keys(
        people_raw
            .iter()
            .enumerate()
            .map(|(i, p)| (format!("people[{i}].key"), p.key.as_str())),
        "personnøglen",
    )?;
    let plan_keys = unique_keys(
        raw.plans
            .iter()
            .enumerate()
            .map(|(i, p)| (format!("plans[{i}].key"), p.key.as_str())),
        "plannøglen",
    )?;
    let goal_index = GoalIndex::build(&raw.plans)?;
    let indicator_index = IndicatorIndex::build(&raw.plans)?;
    unique_keys(
        raw.plans.iter().enumerate().flat_map(|(p, plan)| {
            plan.focus_areas
                .iter()
                .flatten()
                .enumerate()
                .filter_map(move |(a, area)| {
                    let key = area.key.as_deref()?;
                    Some((format!("plans[{p}].focus_areas[{a}].key"), key))
                })
        }),
        "indsatsområdenøglen",
    )?;
    let previous = resolve_previous(&raw.plans, &plan_keys)?;

    let people = people_raw
        .into_iter()
        .enumerate()
        .map(|(i, p)| person(i, p))
        .collect::<Result<Vec<_>>>()?;

    let mut next = NextIds {
        goal: 1,
        indicator: 1,
    };
    let mut plans = Vec::with_capacity(raw.plans.len());
    for (i, p) in raw.plans.into_iter().enumerate() {
        let refs = Refs {
            people: &person_keys,
            goals: &goal_index,
            indicators: &indicator_index,
            previous: previous[i],
            version,
        };
        plans.push(plan(i, p, &refs, &mut next)?);
    }
    Ok(PlanBundle {
        people,
        plans,
        extra: extra(raw.extra, "extra")?,
    })
}

/// Every goal key of the document: which plan it is in and the id its goal gets.
struct GoalIndex {
    by_key: HashMap<String, (usize, GoalId)>,
}

impl GoalIndex {
    fn build(plans: &[RawPlan]) -> Result<GoalIndex> {
        let mut by_key: HashMap<&str, (usize, GoalId, String)> = HashMap::new();
        let mut id = 1;
        for (p, plan) in plans.iter().enumerate() {
            for (a, area) in plan.focus_areas.iter().flatten().enumerate() {
                for (g, goal) in area.goals.iter().flatten().enumerate() {
                    if let Some(key) = goal.key.as_deref() {
                        let path = format!("plans[{p}].focus_areas[{a}].goals[{g}].key");
                        check_key(&path, key)?;
                        if let Some((_, _, first)) = by_key.get(key) {
                            return Err(FormatError::invalid(
                                path,
                                format!("målnøglen «{}» er allerede brugt i {first}", shorten(key)),
                            ));
                        }
                        by_key.insert(key, (p, GoalId(id), path));
                    }
                    id += 1;
                }
            }
        }
        Ok(GoalIndex {
            by_key: by_key
                .into_iter()
                .map(|(k, (p, id, _))| (k.to_string(), (p, id)))
                .collect(),
        })
    }
}

/// Each plan's `previous` as an index; unknown, self and cycles are errors.
fn resolve_previous(
    plans: &[RawPlan],
    keys: &HashMap<String, usize>,
) -> Result<Vec<Option<usize>>> {
    let mut previous = Vec::with_capacity(plans.len());
    for (i, plan) in plans.iter().enumerate() {
        let Some(key) = plan.previous.as_deref() else {
            previous.push(None);
            continue;
        };
        let path = format!("plans[{i}].previous");
        match keys.get(key) {
            None => {
                return Err(FormatError::invalid(
                    path,
                    format!("planen «{}» findes ikke i dokumentets plans", shorten(key)),
                ));
            }
            Some(&j) if j == i => {
                return Err(FormatError::invalid(
                    path,
                    "en plan kan ikke følge op på sig selv",
                ));
            }
            Some(&j) => previous.push(Some(j)),
        }
    }
    for start in 0..plans.len() {
        let mut chain = vec![start];
        let mut at = start;
        while let Some(next) = previous[at] {
            if next == start {
                let names: Vec<&str> = chain
                    .iter()
                    .chain(std::iter::once(&start))
                    .map(|&k| plans[k].key.as_str())
                    .collect();
                return Err(FormatError::invalid(
                    format!("plans[{start}].previous"),
                    format!("previous danner en ring: {}", names.join(" → ")),
                ));
            }
            if chain.len() > plans.len() {
                break; // a cycle that does not pass through `start`: found from its own start
            }
            chain.push(next);
            at = next;
        }
    }
    Ok(previous)
}

/// What a plan's goals may refer to, and the rules of the document's version.
struct Refs<'r> {
    people: &'r HashMap<String, usize>,
    goals: &'r GoalIndex,
    indicators: &'r IndicatorIndex,
    previous: Option<usize>,
    version: Version,
}

/// The next document-wide ids, in document order (as the indices number them).
struct NextIds {
    goal: i64,
    indicator: i64,
}

fn person(i: usize, p: RawPerson) -> Result<Person> {
    let path = format!("people[{i}]");
    Ok(Person {
        id: PersonId(index_id(i)),
        name: required_text(&path, "name", p.name)?,
        title: p.title.unwrap_or_default(),
        email: p.email.unwrap_or_default(),
        unit: p.unit.unwrap_or_default(),
        extra: extra(p.extra, &format!("{path}.extra"))?,
    })
}

fn plan(i: usize, p: RawPlan, refs: &Refs<'_>, next: &mut NextIds) -> Result<Plan> {
    let path = format!("plans[{i}]");
    let title = required_text(&path, "title", p.title)?;
    let organisation = required_text(&path, "organisation", p.organisation)?;
    let period_path = format!("{path}.period");
    let start = year(&format!("{period_path}.start"), p.period.start)?;
    let end = year(&format!("{period_path}.end"), p.period.end)?;
    if Period::new(start, end).is_err() {
        return Err(FormatError::invalid(
            format!("{period_path}.end"),
            format!("slutåret {end} ligger før startåret {start}"),
        ));
    }
    let period_extra = extra(p.period.extra, &format!("{period_path}.extra"))?;
    let contact = contact(&path, p.contact)?;
    let state = match p.state {
        None => PlanState::default(),
        Some(code) => PlanState::from_code(&code).ok_or_else(|| {
            FormatError::invalid(
                format!("{path}.state"),
                format!(
                    "ukendt tilstand «{}»; brug «draft» (kladde) eller «approved» (godkendt)",
                    shorten(&code)
                ),
            )
        })?,
    };
    let approved_on = optional_date(&format!("{path}.approved_on"), p.approved_on, refs.version)?;
    let sections = p
        .sections
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(s, section)| {
            let spath = format!("{path}.sections[{s}]");
            Ok(Section {
                id: SectionId(index_id(s)),
                title: required_text(&spath, "title", section.title)?,
                body: section.body.unwrap_or_default(),
                extra: extra(section.extra, &format!("{spath}.extra"))?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let budget = budget(&path, p.budget)?;
    let focus_areas = p
        .focus_areas
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(a, area)| focus_area(&format!("{path}.focus_areas[{a}]"), a, area, refs, next))
        .collect::<Result<Vec<_>>>()?;
    Ok(Plan {
        labels: labels(&path, p.labels)?,
        numbering: numbering(&path, p.numbering)?,
        print: print(&path, p.print)?,
        id: PlanId(index_id(i)),
        previous: refs.previous.map(|j| PlanId(index_id(j))),
        title,
        organisation,
        municipality: p.municipality.unwrap_or_default(),
        period: Period { start, end },
        period_extra,
        journal_number: p.journal_number.unwrap_or_default(),
        contact,
        state,
        approved_on,
        approved_by: p.approved_by.unwrap_or_default(),
        sections,
        budget,
        focus_areas_intro: p.focus_areas_intro.unwrap_or_default(),
        focus_areas,
        review_intro: p.review_intro.unwrap_or_default(),
        extra: extra(p.extra, &format!("{path}.extra"))?,
    })
}

fn contact(plan_path: &str, c: Option<RawContact>) -> Result<Contact> {
    let Some(c) = c else {
        return Ok(Contact::default());
    };
    Ok(Contact {
        address: c.address.unwrap_or_default(),
        phone: c.phone.unwrap_or_default(),
        email: c.email.unwrap_or_default(),
        web: c.web.unwrap_or_default(),
        extra: extra(c.extra, &format!("{plan_path}.contact.extra"))?,
    })
}

fn budget(plan_path: &str, b: Option<RawBudget>) -> Result<Budget> {
    let Some(b) = b else {
        return Ok(Budget::default());
    };
    let path = format!("{plan_path}.budget");
    let year = match b.year {
        None => None,
        Some(Whole(y)) => Some(i32::try_from(y).map_err(|_| {
            FormatError::invalid(
                format!("{path}.year"),
                format!("årstallet {y} er ikke et år"),
            )
        })?),
    };
    let rows = b
        .rows
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(r, row)| {
            let rpath = format!("{path}.rows[{r}]");
            Ok(BudgetRow {
                id: BudgetRowId(index_id(r)),
                area: required_text(&rpath, "area", row.area)?,
                expenses: row.expenses.0,
                income: row.income.0,
                extra: extra(row.extra, &format!("{rpath}.extra"))?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    check_sums(&path, &rows)?;
    Ok(Budget {
        title: b.title.unwrap_or_default(),
        year,
        note: b.note.unwrap_or_default(),
        rows,
        extra: extra(b.extra, &format!("{path}.extra"))?,
    })
}

/// The computed result column and total row must fit in 64 bits: the first row whose value
/// would overflow a sum is named.
fn check_sums(path: &str, rows: &[BudgetRow]) -> Result<()> {
    let overflow = |r: usize, what: &str| {
        FormatError::invalid(
            format!("{path}.rows[{r}]"),
            format!("{what} bliver for stor til et 64-bit heltal, når budgettet lægges sammen"),
        )
    };
    let (mut expenses, mut income, mut result) = (0i64, 0i64, 0i64);
    for (r, row) in rows.iter().enumerate() {
        let row_result = row
            .result()
            .ok_or_else(|| overflow(r, "rækkens resultat (udgifter + indtægter)"))?;
        expenses = expenses
            .checked_add(row.expenses)
            .ok_or_else(|| overflow(r, "summen af udgifterne"))?;
        income = income
            .checked_add(row.income)
            .ok_or_else(|| overflow(r, "summen af indtægterne"))?;
        result = result
            .checked_add(row_result)
            .ok_or_else(|| overflow(r, "det samlede resultat"))?;
    }
    Ok(())
}

fn focus_area(
    path: &str,
    a: usize,
    area: RawFocusArea,
    refs: &Refs<'_>,
    next: &mut NextIds,
) -> Result<FocusArea> {
    let title = required_text(path, "title", area.title)?;
    let owners = owners(path, area.owners, refs, "som ansvarlig for indsatsområdet")?;
    let mut goals = Vec::new();
    for (g, raw) in area.goals.unwrap_or_default().into_iter().enumerate() {
        let id = GoalId(next.goal);
        next.goal += 1;
        goals.push(goal(&format!("{path}.goals[{g}]"), id, raw, refs, next)?);
    }
    Ok(FocusArea {
        owners,
        id: FocusAreaId(index_id(a)),
        title,
        description: area.description.unwrap_or_default(),
        goals,
        extra: extra(area.extra, &format!("{path}.extra"))?,
    })
}

fn goal(path: &str, id: GoalId, g: RawGoal, refs: &Refs<'_>, next: &mut NextIds) -> Result<Goal> {
    let continues = match g.continues.as_deref() {
        None => None,
        Some(key) => Some(continued_goal(&format!("{path}.continues"), key, refs)?),
    };
    let text = required_text(path, "text", g.text)?;
    let owners = owners(path, g.owners, refs, "som tovholder på målet")?;
    let deadline = optional_date(&format!("{path}.deadline"), g.deadline, refs.version)?;
    let status = optional_status(&format!("{path}.status"), g.status)?;
    let indicators = indicators(path, g.indicators, &mut next.indicator)?;
    let milestones = milestones(path, g.milestones)?;
    let related = related(path, id, g.related, refs)?;
    let mut follow_ups = g
        .follow_ups
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(f, raw)| follow_up(&format!("{path}.follow_ups[{f}]"), raw, id, refs))
        .collect::<Result<Vec<_>>>()?;
    // Stable: equal dates keep the file's order. Ids follow the sorted order.
    follow_ups.sort_by_key(|f| f.date);
    for (f, follow_up) in follow_ups.iter_mut().enumerate() {
        follow_up.id = FollowUpId(index_id(f));
    }
    Ok(Goal {
        indicators,
        milestones,
        related,
        id,
        text,
        details: g.details.unwrap_or_default(),
        documentation: g.documentation.unwrap_or_default(),
        owners,
        deadline,
        status,
        continues,
        follow_ups,
        extra: extra(g.extra, &format!("{path}.extra"))?,
    })
}

/// The people an `owners` list names (of a goal or a focus area), each once, in order.
fn owners(
    path: &str,
    keys: Option<Vec<String>>,
    refs: &Refs<'_>,
    role: &str,
) -> Result<Vec<PersonId>> {
    let mut owners: Vec<PersonId> = Vec::new();
    for (o, key) in keys.unwrap_or_default().iter().enumerate() {
        let opath = format!("{path}.owners[{o}]");
        let Some(&index) = refs.people.get(key.as_str()) else {
            return Err(FormatError::invalid(
                opath,
                format!(
                    "personen «{}» findes ikke i dokumentets people",
                    shorten(key)
                ),
            ));
        };
        let person = PersonId(index_id(index));
        if owners.contains(&person) {
            return Err(FormatError::invalid(
                opath,
                format!("personen «{}» står to gange {role}", shorten(key)),
            ));
        }
        owners.push(person);
    }
    Ok(owners)
}

/// `related`: keys of other goals anywhere in the document, each once, never the goal itself.
fn related(
    path: &str,
    goal: GoalId,
    keys: Option<Vec<String>>,
    refs: &Refs<'_>,
) -> Result<Vec<GoalId>> {
    let mut related: Vec<GoalId> = Vec::new();
    for (r, key) in keys.unwrap_or_default().iter().enumerate() {
        let rpath = format!("{path}.related[{r}]");
        let Some(&(_, id)) = refs.goals.by_key.get(key.as_str()) else {
            return Err(FormatError::invalid(
                rpath,
                format!(
                    "målet «{}» findes ikke; «related» skal nævne «key» på mål i dokumentet",
                    shorten(key)
                ),
            ));
        };
        if id == goal {
            return Err(FormatError::invalid(
                rpath,
                format!(
                    "«{}» er målet selv; et mål kan kun have sammenhæng med andre mål",
                    shorten(key)
                ),
            ));
        }
        if related.contains(&id) {
            return Err(FormatError::invalid(
                rpath,
                format!("målet «{}» står to gange i «related»", shorten(key)),
            ));
        }
        related.push(id);
    }
    Ok(related)
}

/// `continues` must name a goal of the plan's `previous` plan.
fn continued_goal(path: &str, key: &str, refs: &Refs<'_>) -> Result<GoalId> {
    let Some(previous) = refs.previous else {
        return Err(FormatError::invalid(
            path,
            format!(
                "målet fortsætter «{}», men planen har ingen previous at fortsætte fra",
                shorten(key)
            ),
        ));
    };
    match refs.goals.by_key.get(key) {
        Some(&(plan, id)) if plan == previous => Ok(id),
        Some(_) => Err(FormatError::invalid(
            path,
            format!(
                "målet «{}» hører ikke til planens previous-plan; et mål kan kun fortsætte et mål fra den forrige plan",
                shorten(key)
            ),
        )),
        None => Err(FormatError::invalid(
            path,
            format!("målet «{}» findes ikke i den forrige plan", shorten(key)),
        )),
    }
}

/// A follow-up of goal `goal`. In version 2 it must say something: a text, a status or a
/// measurement (version 1 had no such rule, and its documents import as before).
fn follow_up(path: &str, raw: RawFollowUp, goal: GoalId, refs: &Refs<'_>) -> Result<FollowUp> {
    let follow_up = FollowUp {
        id: FollowUpId(0),
        date: date(&format!("{path}.date"), &raw.date, refs.version)?,
        status: optional_status(&format!("{path}.status"), raw.status)?,
        text: raw.text.unwrap_or_default(),
        measurements: measurements(path, raw.measurements, goal, refs.indicators)?,
        extra: extra(raw.extra, &format!("{path}.extra"))?,
    };
    if refs.version == Version::Two
        && follow_up.text.is_empty()
        && follow_up.status.is_none()
        && follow_up.measurements.is_empty()
    {
        return Err(FormatError::invalid(
            format!("{path}.text"),
            "opfølgningen har hverken tekst, status eller målinger; skriv en tekst, giv en status eller en måling, eller udelad opfølgningen",
        ));
    }
    Ok(follow_up)
}

fn year(path: &str, Whole(value): Whole) -> Result<i32> {
    match i32::try_from(value) {
        Ok(y) if Period::year(y).is_ok() => Ok(y),
        _ => Err(FormatError::invalid(
            path,
            format!("årstallet skal have fire cifre (fandt {value})"),
        )),
    }
}

fn optional_status(path: &str, code: Option<String>) -> Result<Option<Status>> {
    let Some(code) = code else {
        return Ok(None);
    };
    match Status::from_code(&code) {
        Some(status) => Ok(Some(status)),
        None => {
            let known: Vec<&str> = Status::ALL.iter().map(|s| s.code()).collect();
            Err(FormatError::invalid(
                path,
                format!(
                    "ukendt status «{}»; brug en af {} (eller udelad feltet: ikke vurderet)",
                    shorten(&code),
                    known.join(", ")
                ),
            ))
        }
    }
}
