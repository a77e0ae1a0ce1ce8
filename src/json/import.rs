//! From the serde mirror to the model, checking what serde cannot: blank texts, keys and the
//! references between them, `previous` cycles, dates, statuses, years and budget sums. Every
//! problem is reported with its JSON path; the first one found (in document order) wins.

use std::collections::HashMap;

use super::error::FormatError;
use super::raw::{
    ExtraObject, RawBudget, RawContact, RawDocument, RawFocusArea, RawFollowUp, RawGoal, RawPerson,
    RawPlan, Whole, shorten,
};
use super::version::{FORMAT_NAME, FORMAT_VERSION};
use crate::model::{
    Budget, BudgetRow, BudgetRowId, Contact, Date, Extra, FocusArea, FocusAreaId, FollowUp,
    FollowUpId, Goal, GoalId, Period, Person, PersonId, Plan, PlanBundle, PlanId, PlanState,
    Section, SectionId, Status,
};

type Result<T> = std::result::Result<T, FormatError>;

/// `format` must be ours, `version` one we read.
pub(super) fn check_header(format: &str, version: i64) -> Result<()> {
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
    if version < FORMAT_VERSION {
        return Err(FormatError::invalid(
            "version",
            format!("formatversion {version} findes ikke; virkplan læser version {FORMAT_VERSION}"),
        ));
    }
    Ok(())
}

/// The checked conversion. Ids are document-local (see [`PlanBundle`]).
pub(super) fn to_model(raw: RawDocument) -> Result<PlanBundle> {
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
    let previous = resolve_previous(&raw.plans, &plan_keys)?;

    let people = people_raw
        .into_iter()
        .enumerate()
        .map(|(i, p)| person(i, p))
        .collect::<Result<Vec<_>>>()?;

    let mut next_goal = 1;
    let mut plans = Vec::with_capacity(raw.plans.len());
    for (i, p) in raw.plans.into_iter().enumerate() {
        let refs = Refs {
            people: &person_keys,
            goals: &goal_index,
            previous: previous[i],
        };
        plans.push(plan(i, p, &refs, &mut next_goal)?);
    }
    Ok(PlanBundle {
        people,
        plans,
        extra: extra(raw.extra, "extra")?,
    })
}

/// Maps each key to its index; an empty or repeated key is an error at its path.
fn unique_keys<'a>(
    keys: impl Iterator<Item = (String, &'a str)>,
    what: &str,
) -> Result<HashMap<String, usize>> {
    let mut seen: HashMap<&str, (usize, String)> = HashMap::new();
    for (i, (path, key)) in keys.enumerate() {
        check_key(&path, key)?;
        if let Some((_, first)) = seen.get(key) {
            return Err(FormatError::invalid(
                path,
                format!("{what} «{}» er allerede brugt i {first}", shorten(key)),
            ));
        }
        seen.insert(key, (i, path));
    }
    Ok(seen
        .into_iter()
        .map(|(k, (i, _))| (k.to_string(), i))
        .collect())
}

fn check_key(path: &str, key: &str) -> Result<()> {
    if key.trim().is_empty() {
        return Err(FormatError::invalid(
            path,
            "nøglen er tom; en nøgle skal indeholde tegn",
        ));
    }
    Ok(())
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

/// What a plan's goals may refer to.
struct Refs<'r> {
    people: &'r HashMap<String, usize>,
    goals: &'r GoalIndex,
    previous: Option<usize>,
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

fn plan(i: usize, p: RawPlan, refs: &Refs<'_>, next_goal: &mut i64) -> Result<Plan> {
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
    let approved_on = optional_date(&format!("{path}.approved_on"), p.approved_on)?;
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
        .map(|(a, area)| {
            focus_area(
                &format!("{path}.focus_areas[{a}]"),
                a,
                area,
                refs,
                next_goal,
            )
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Plan {
        labels: Default::default(),
        numbering: Default::default(),
        print: Default::default(),
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
    next_goal: &mut i64,
) -> Result<FocusArea> {
    let title = required_text(path, "title", area.title)?;
    let mut goals = Vec::new();
    for (g, raw) in area.goals.unwrap_or_default().into_iter().enumerate() {
        let id = GoalId(*next_goal);
        *next_goal += 1;
        goals.push(goal(&format!("{path}.goals[{g}]"), id, raw, refs)?);
    }
    Ok(FocusArea {
        owners: Vec::new(),
        id: FocusAreaId(index_id(a)),
        title,
        description: area.description.unwrap_or_default(),
        goals,
        extra: extra(area.extra, &format!("{path}.extra"))?,
    })
}

fn goal(path: &str, id: GoalId, g: RawGoal, refs: &Refs<'_>) -> Result<Goal> {
    let continues = match g.continues.as_deref() {
        None => None,
        Some(key) => Some(continued_goal(&format!("{path}.continues"), key, refs)?),
    };
    let text = required_text(path, "text", g.text)?;
    let mut owners: Vec<PersonId> = Vec::new();
    for (o, key) in g.owners.unwrap_or_default().iter().enumerate() {
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
                format!(
                    "personen «{}» står to gange som tovholder på målet",
                    shorten(key)
                ),
            ));
        }
        owners.push(person);
    }
    let deadline = optional_date(&format!("{path}.deadline"), g.deadline)?;
    let status = optional_status(&format!("{path}.status"), g.status)?;
    let mut follow_ups = g
        .follow_ups
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(f, raw)| follow_up(&format!("{path}.follow_ups[{f}]"), raw))
        .collect::<Result<Vec<_>>>()?;
    // Stable: equal dates keep the file's order. Ids follow the sorted order.
    follow_ups.sort_by_key(|f| f.date);
    for (f, follow_up) in follow_ups.iter_mut().enumerate() {
        follow_up.id = FollowUpId(index_id(f));
    }
    Ok(Goal {
        indicators: Vec::new(),
        milestones: Vec::new(),
        related: Vec::new(),
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

fn follow_up(path: &str, raw: RawFollowUp) -> Result<FollowUp> {
    Ok(FollowUp {
        measurements: Vec::new(),
        id: FollowUpId(0),
        date: date(&format!("{path}.date"), &raw.date)?,
        status: optional_status(&format!("{path}.status"), raw.status)?,
        text: raw.text.unwrap_or_default(),
        extra: extra(raw.extra, &format!("{path}.extra"))?,
    })
}

/// A required text that must say something.
fn required_text(object_path: &str, field: &str, value: String) -> Result<String> {
    if value.trim().is_empty() {
        return Err(FormatError::invalid(
            format!("{object_path}.{field}"),
            format!("feltet «{field}» er tomt; det skal indeholde tekst"),
        ));
    }
    Ok(value)
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

fn date(path: &str, text: &str) -> Result<Date> {
    Date::parse_iso(text)
        .map_err(|e| FormatError::invalid(path, format!("{e} (fandt «{}»)", shorten(text))))
}

fn optional_date(path: &str, text: Option<String>) -> Result<Option<Date>> {
    text.map(|t| date(path, &t)).transpose()
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

fn extra(value: Option<ExtraObject>, path: &str) -> Result<Extra> {
    value
        .map(|v| v.to_text())
        .transpose()
        .map_err(|e| FormatError::invalid(path, format!("kunne ikke gemmes ({e})")))
}

/// An index as an id; documents never have 2^63 entries, so saturation is only theory.
fn index_id(index: usize) -> i64 {
    i64::try_from(index).unwrap_or(i64::MAX)
}
