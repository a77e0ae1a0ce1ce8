//! Queries: rows to model values. Each `row_to_x` reads one table's columns in one place.

use super::error::{Result, StoreError};
use crate::model::{
    AreaNumbering, Budget, BudgetRow, BudgetRowId, Contact, Date, Direction, EmptyFields, Figure,
    FocusArea, FocusAreaId, FollowUp, FollowUpId, Goal, GoalId, GoalNumbering, Indicator,
    IndicatorId, Labels, Measurement, Milestone, MilestoneId, Number, Numbering, Period, Person,
    PersonId, Plan, PlanBundle, PlanId, PlanState, PlanSummary, PrintSettings, Section, SectionId,
    Status,
};
use rusqlite::{Connection, OptionalExtension, Row, params};
use std::collections::{BTreeSet, HashMap};

pub(super) fn parse_date(text: Option<String>) -> rusqlite::Result<Option<Date>> {
    text.map(|t| {
        Date::parse_iso(&t).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })
    })
    .transpose()
}

fn parse_status(text: Option<String>) -> rusqlite::Result<Option<Status>> {
    text.map(|t| {
        Status::from_code(&t).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                0,
                rusqlite::types::Type::Text,
                format!("ukendt status «{t}»").into(),
            )
        })
    })
    .transpose()
}

fn bad_text(what: &str, text: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("{what} «{text}»").into(),
    )
}

/// A figure as the file stores it (`Number`'s Display form), read exactly.
pub(super) fn parse_number(text: &str) -> rusqlite::Result<Number> {
    Number::parse(text).map_err(|_| bad_text("ugyldigt tal", text))
}

fn parse_direction(text: Option<String>) -> rusqlite::Result<Option<Direction>> {
    text.map(|t| Direction::from_code(&t).ok_or_else(|| bad_text("ukendt retning", &t)))
        .transpose()
}

/// A baseline or target: present when its value is.
fn parse_figure(
    value: Option<String>,
    date: Option<String>,
    extra: Option<String>,
) -> rusqlite::Result<Option<Figure>> {
    value
        .map(|v| {
            Ok(Figure {
                value: parse_number(&v)?,
                date: parse_date(date)?,
                extra,
            })
        })
        .transpose()
}

fn parse_state(text: String) -> rusqlite::Result<PlanState> {
    PlanState::from_code(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("ukendt planstatus «{text}»").into(),
        )
    })
}

/// Conversion failures mean a value the file should never hold.
pub(super) fn read_error(e: rusqlite::Error) -> StoreError {
    match e {
        rusqlite::Error::FromSqlConversionFailure(_, _, inner) => {
            StoreError::BadValue(inner.to_string())
        }
        rusqlite::Error::InvalidColumnType(_, name, _) => StoreError::BadValue(name),
        other => other.into(),
    }
}

pub(super) fn list_plans(conn: &Connection) -> Result<Vec<PlanSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, title, period_start, period_end, state FROM plan ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(PlanSummary {
            id: PlanId(r.get(0)?),
            title: r.get(1)?,
            period: Period {
                start: r.get(2)?,
                end: r.get(3)?,
            },
            state: parse_state(r.get(4)?)?,
        })
    })?;
    rows.collect::<rusqlite::Result<_>>().map_err(read_error)
}

const PERSON_COLUMNS: &str = "id, name, title, email, unit, extra";

fn row_to_person(r: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: PersonId(r.get(0)?),
        name: r.get(1)?,
        title: r.get(2)?,
        email: r.get(3)?,
        unit: r.get(4)?,
        extra: r.get(5)?,
    })
}

pub(super) fn people(conn: &Connection) -> Result<Vec<Person>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PERSON_COLUMNS} FROM person ORDER BY name COLLATE NOCASE, id"
    ))?;
    let rows = stmt.query_map([], row_to_person)?;
    rows.collect::<rusqlite::Result<_>>().map_err(read_error)
}

pub(super) fn person(conn: &Connection, id: PersonId) -> Result<Person> {
    conn.prepare_cached(&format!(
        "SELECT {PERSON_COLUMNS} FROM person WHERE id = ?1"
    ))?
    .query_row([id.0], row_to_person)
    .optional()
    .map_err(read_error)?
    .ok_or(StoreError::NotFound("Personen"))
}

/// The plan's own words, numbering and print settings: the columns [`row_to_words`] reads.
macro_rules! words_columns {
    () => {
        "label_focus_area, label_focus_areas, label_goal, label_owner, label_documentation, \
         label_intro, labels_extra, numbering_focus_areas, numbering_goals, numbering_extra, \
         print_empty_fields, print_owner_email, print_owner_title, print_extra"
    };
}

const PLAN_COLUMNS: &str = concat!(
    "id, previous_id, title, organisation, municipality, period_start, period_end, \
     period_extra, journal_number, contact_address, contact_phone, contact_email, contact_web, \
     contact_extra, state, approved_on, approved_by, budget_title, budget_year, budget_note, \
     budget_extra, focus_areas_intro, review_intro, extra, ",
    words_columns!()
);

/// Reads the columns of `words_columns!` starting at column `at`.
fn row_to_words(r: &Row<'_>, at: usize) -> rusqlite::Result<(Labels, Numbering, PrintSettings)> {
    let areas: String = r.get(at + 7)?;
    let goals: String = r.get(at + 8)?;
    let empty: String = r.get(at + 10)?;
    Ok((
        Labels {
            focus_area: r.get(at)?,
            focus_areas: r.get(at + 1)?,
            goal: r.get(at + 2)?,
            owner: r.get(at + 3)?,
            documentation: r.get(at + 4)?,
            intro: r.get(at + 5)?,
            extra: r.get(at + 6)?,
        },
        Numbering {
            focus_areas: AreaNumbering::from_code(&areas)
                .ok_or_else(|| bad_text("ukendt nummerering", &areas))?,
            goals: GoalNumbering::from_code(&goals)
                .ok_or_else(|| bad_text("ukendt nummerering", &goals))?,
            extra: r.get(at + 9)?,
        },
        PrintSettings {
            empty_fields: EmptyFields::from_code(&empty)
                .ok_or_else(|| bad_text("ukendt udskriftsindstilling", &empty))?,
            owner_email: r.get(at + 11)?,
            owner_title: r.get(at + 12)?,
            extra: r.get(at + 13)?,
        },
    ))
}

/// One plan's words, numbering and print settings.
pub(super) fn plan_words(
    conn: &Connection,
    id: PlanId,
) -> Result<(Labels, Numbering, PrintSettings)> {
    conn.prepare_cached(concat!(
        "SELECT ",
        words_columns!(),
        " FROM plan WHERE id = ?1"
    ))?
    .query_row([id.0], |r| row_to_words(r, 0))
    .optional()
    .map_err(read_error)?
    .ok_or(StoreError::NoSuchPlan(id.0))
}

fn row_to_plan(r: &Row<'_>) -> rusqlite::Result<Plan> {
    let (labels, numbering, print) = row_to_words(r, 24)?;
    Ok(Plan {
        labels,
        numbering,
        print,
        id: PlanId(r.get(0)?),
        previous: r.get::<_, Option<i64>>(1)?.map(PlanId),
        title: r.get(2)?,
        organisation: r.get(3)?,
        municipality: r.get(4)?,
        period: Period {
            start: r.get(5)?,
            end: r.get(6)?,
        },
        period_extra: r.get(7)?,
        journal_number: r.get(8)?,
        contact: Contact {
            address: r.get(9)?,
            phone: r.get(10)?,
            email: r.get(11)?,
            web: r.get(12)?,
            extra: r.get(13)?,
        },
        state: parse_state(r.get(14)?)?,
        approved_on: parse_date(r.get(15)?)?,
        approved_by: r.get(16)?,
        budget: Budget {
            title: r.get(17)?,
            year: r.get(18)?,
            note: r.get(19)?,
            rows: Vec::new(),
            extra: r.get(20)?,
        },
        focus_areas_intro: r.get(21)?,
        review_intro: r.get(22)?,
        extra: r.get(23)?,
        sections: Vec::new(),
        focus_areas: Vec::new(),
    })
}

fn row_to_section(r: &Row<'_>) -> rusqlite::Result<Section> {
    Ok(Section {
        id: SectionId(r.get(0)?),
        title: r.get(1)?,
        body: r.get(2)?,
        extra: r.get(3)?,
    })
}

fn row_to_budget_row(r: &Row<'_>) -> rusqlite::Result<BudgetRow> {
    Ok(BudgetRow {
        id: BudgetRowId(r.get(0)?),
        area: r.get(1)?,
        expenses: r.get(2)?,
        income: r.get(3)?,
        extra: r.get(4)?,
    })
}

fn row_to_focus_area(r: &Row<'_>) -> rusqlite::Result<FocusArea> {
    Ok(FocusArea {
        owners: Vec::new(),
        id: FocusAreaId(r.get(0)?),
        title: r.get(1)?,
        description: r.get(2)?,
        extra: r.get(3)?,
        goals: Vec::new(),
    })
}

/// Goal columns; the focus area id comes last so that callers can group by it.
const GOAL_COLUMNS: &str = "g.id, g.text, g.details, g.documentation, g.deadline, g.status, \
    g.continues_id, g.extra, g.focus_area_id";

fn row_to_goal(r: &Row<'_>) -> rusqlite::Result<Goal> {
    Ok(Goal {
        indicators: Vec::new(),
        milestones: Vec::new(),
        related: Vec::new(),
        id: GoalId(r.get(0)?),
        text: r.get(1)?,
        details: r.get(2)?,
        documentation: r.get(3)?,
        deadline: parse_date(r.get(4)?)?,
        status: parse_status(r.get(5)?)?,
        continues: r.get::<_, Option<i64>>(6)?.map(GoalId),
        extra: r.get(7)?,
        owners: Vec::new(),
        follow_ups: Vec::new(),
    })
}

const FOLLOW_UP_COLUMNS: &str = "f.id, f.date, f.status, f.text, f.extra, f.goal_id";

fn row_to_follow_up(r: &Row<'_>) -> rusqlite::Result<FollowUp> {
    let date = parse_date(Some(r.get(1)?))?.ok_or(rusqlite::Error::InvalidColumnType(
        1,
        "dato".into(),
        rusqlite::types::Type::Null,
    ))?;
    Ok(FollowUp {
        measurements: Vec::new(),
        id: FollowUpId(r.get(0)?),
        date,
        status: parse_status(r.get(2)?)?,
        text: r.get(3)?,
        extra: r.get(4)?,
    })
}

/// Indicator columns; the goal id comes last so that callers can group by it.
pub(super) const INDICATOR_COLUMNS: &str = "i.id, i.name, i.unit, i.baseline_value, \
    i.baseline_date, i.baseline_extra, i.target_value, i.target_date, i.target_extra, \
    i.direction, i.extra, i.goal_id";

pub(super) fn row_to_indicator(r: &Row<'_>) -> rusqlite::Result<Indicator> {
    Ok(Indicator {
        id: IndicatorId(r.get(0)?),
        name: r.get(1)?,
        unit: r.get(2)?,
        baseline: parse_figure(r.get(3)?, r.get(4)?, r.get(5)?)?,
        target: parse_figure(r.get(6)?, r.get(7)?, r.get(8)?)?,
        direction: parse_direction(r.get(9)?)?,
        extra: r.get(10)?,
    })
}

/// Milestone columns; the goal id comes last.
pub(super) const MILESTONE_COLUMNS: &str = "m.id, m.text, m.date, m.done, m.extra, m.goal_id";

pub(super) fn row_to_milestone(r: &Row<'_>) -> rusqlite::Result<Milestone> {
    Ok(Milestone {
        id: MilestoneId(r.get(0)?),
        text: r.get(1)?,
        date: parse_date(r.get(2)?)?,
        done: r.get(3)?,
        extra: r.get(4)?,
    })
}

/// (indicator, value, extra) of a measurement; the follow-up id comes last.
const MEASUREMENT_COLUMNS: &str = "m.indicator_id, m.value, m.extra, m.follow_up_id";

fn row_to_measurement(r: &Row<'_>) -> rusqlite::Result<Measurement> {
    let value: String = r.get(1)?;
    Ok(Measurement {
        indicator: IndicatorId(r.get(0)?),
        value: parse_number(&value)?,
        extra: r.get(2)?,
    })
}

/// The measurements of one follow-up, in their order.
pub(super) fn measurements(conn: &Connection, follow_up: FollowUpId) -> Result<Vec<Measurement>> {
    conn.prepare_cached(&format!(
        "SELECT {MEASUREMENT_COLUMNS} FROM measurement m WHERE m.follow_up_id = ?1 \
         ORDER BY m.position, m.indicator_id"
    ))?
    .query_map([follow_up.0], row_to_measurement)?
    .collect::<rusqlite::Result<_>>()
    .map_err(read_error)
}

/// Runs a query over one plan's rows and hands each row to `each`.
fn for_each_row(
    conn: &Connection,
    sql: &str,
    plan: PlanId,
    mut each: impl FnMut(&Row<'_>) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([plan.0])?;
    while let Some(r) = rows.next()? {
        each(r)?;
    }
    Ok(())
}

pub(super) fn load_plan(conn: &Connection, id: PlanId) -> Result<Plan> {
    let mut plan = conn
        .prepare_cached(&format!("SELECT {PLAN_COLUMNS} FROM plan WHERE id = ?1"))?
        .query_row([id.0], row_to_plan)
        .optional()
        .map_err(read_error)?
        .ok_or(StoreError::NoSuchPlan(id.0))?;

    plan.sections = conn
        .prepare_cached(
            "SELECT id, title, body, extra FROM section WHERE plan_id = ?1 ORDER BY position, id",
        )?
        .query_map([id.0], row_to_section)?
        .collect::<rusqlite::Result<_>>()
        .map_err(read_error)?;
    plan.budget.rows = conn
        .prepare_cached(
            "SELECT id, area, expenses, income, extra FROM budget_row WHERE plan_id = ?1 \
             ORDER BY position, id",
        )?
        .query_map([id.0], row_to_budget_row)?
        .collect::<rusqlite::Result<_>>()
        .map_err(read_error)?;
    plan.focus_areas = conn
        .prepare_cached(
            "SELECT id, title, description, extra FROM focus_area WHERE plan_id = ?1 \
             ORDER BY position, id",
        )?
        .query_map([id.0], row_to_focus_area)?
        .collect::<rusqlite::Result<_>>()
        .map_err(read_error)?;

    let area_index: HashMap<i64, usize> = plan
        .focus_areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.0, i))
        .collect();
    let mut goal_place: HashMap<i64, (usize, usize)> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {GOAL_COLUMNS} FROM goal g JOIN focus_area a ON a.id = g.focus_area_id \
             WHERE a.plan_id = ?1 ORDER BY g.focus_area_id, g.position, g.id"
        ))?;
        let mut rows = stmt.query([id.0])?;
        while let Some(r) = rows.next()? {
            let goal = row_to_goal(r).map_err(read_error)?;
            let area_id: i64 = r.get(8)?;
            if let Some(&ai) = area_index.get(&area_id) {
                let goals = &mut plan.focus_areas[ai].goals;
                goal_place.insert(goal.id.0, (ai, goals.len()));
                goals.push(goal);
            }
        }
    }
    {
        let mut stmt = conn.prepare_cached(
            "SELECT o.goal_id, o.person_id FROM goal_owner o JOIN goal g ON g.id = o.goal_id \
             JOIN focus_area a ON a.id = g.focus_area_id WHERE a.plan_id = ?1 \
             ORDER BY o.goal_id, o.position",
        )?;
        let mut rows = stmt.query([id.0])?;
        while let Some(r) = rows.next()? {
            let (goal, person): (i64, i64) = (r.get(0)?, r.get(1)?);
            if let Some(&(ai, gi)) = goal_place.get(&goal) {
                plan.focus_areas[ai].goals[gi].owners.push(PersonId(person));
            }
        }
    }
    {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {FOLLOW_UP_COLUMNS} FROM follow_up f JOIN goal g ON g.id = f.goal_id \
             JOIN focus_area a ON a.id = g.focus_area_id WHERE a.plan_id = ?1 \
             ORDER BY f.goal_id, f.date, f.position, f.id"
        ))?;
        let mut rows = stmt.query([id.0])?;
        while let Some(r) = rows.next()? {
            let follow_up = row_to_follow_up(r).map_err(read_error)?;
            let goal: i64 = r.get(5)?;
            if let Some(&(ai, gi)) = goal_place.get(&goal) {
                plan.focus_areas[ai].goals[gi].follow_ups.push(follow_up);
            }
        }
    }
    // Periods do not sort as text ("2013" before "2013-01-01" is wrong): sort by the model's
    // order, so that the model's rule is the only rule.
    for area in &mut plan.focus_areas {
        for goal in &mut area.goals {
            goal.follow_ups.sort_by_key(|a| a.date);
        }
    }
    read_plan_v2(conn, &mut plan, &area_index, &goal_place)?;
    Ok(plan)
}

/// What schema 2 added to a plan's parts: focus-area owners, indicators, milestones, related
/// goals and measurements.
fn read_plan_v2(
    conn: &Connection,
    plan: &mut Plan,
    area_index: &HashMap<i64, usize>,
    goal_place: &HashMap<i64, (usize, usize)>,
) -> Result<()> {
    let id = plan.id;
    for_each_row(
        conn,
        "SELECT o.focus_area_id, o.person_id FROM focus_area_owner o \
         JOIN focus_area a ON a.id = o.focus_area_id WHERE a.plan_id = ?1 \
         ORDER BY o.focus_area_id, o.position",
        id,
        |r| {
            let (area, person): (i64, i64) = (r.get(0)?, r.get(1)?);
            if let Some(&ai) = area_index.get(&area) {
                plan.focus_areas[ai].owners.push(PersonId(person));
            }
            Ok(())
        },
    )?;
    for_each_row(
        conn,
        &format!(
            "SELECT {INDICATOR_COLUMNS} FROM indicator i JOIN goal g ON g.id = i.goal_id \
             JOIN focus_area a ON a.id = g.focus_area_id WHERE a.plan_id = ?1 \
             ORDER BY i.goal_id, i.position, i.id"
        ),
        id,
        |r| {
            let indicator = row_to_indicator(r).map_err(read_error)?;
            if let Some(&(ai, gi)) = goal_place.get(&r.get::<_, i64>(11)?) {
                plan.focus_areas[ai].goals[gi].indicators.push(indicator);
            }
            Ok(())
        },
    )?;
    for_each_row(
        conn,
        &format!(
            "SELECT {MILESTONE_COLUMNS} FROM milestone m JOIN goal g ON g.id = m.goal_id \
             JOIN focus_area a ON a.id = g.focus_area_id WHERE a.plan_id = ?1 \
             ORDER BY m.goal_id, m.position, m.id"
        ),
        id,
        |r| {
            let milestone = row_to_milestone(r).map_err(read_error)?;
            if let Some(&(ai, gi)) = goal_place.get(&r.get::<_, i64>(5)?) {
                plan.focus_areas[ai].goals[gi].milestones.push(milestone);
            }
            Ok(())
        },
    )?;
    for_each_row(
        conn,
        "SELECT r.goal_id, r.related_id FROM goal_related r JOIN goal g ON g.id = r.goal_id \
         JOIN focus_area a ON a.id = g.focus_area_id WHERE a.plan_id = ?1 \
         ORDER BY r.goal_id, r.position",
        id,
        |r| {
            let (goal, related): (i64, i64) = (r.get(0)?, r.get(1)?);
            if let Some(&(ai, gi)) = goal_place.get(&goal) {
                plan.focus_areas[ai].goals[gi].related.push(GoalId(related));
            }
            Ok(())
        },
    )?;
    let mut follow_up_place: HashMap<i64, (usize, usize, usize)> = HashMap::new();
    for (ai, area) in plan.focus_areas.iter().enumerate() {
        for (gi, goal) in area.goals.iter().enumerate() {
            for (fi, f) in goal.follow_ups.iter().enumerate() {
                follow_up_place.insert(f.id.0, (ai, gi, fi));
            }
        }
    }
    for_each_row(
        conn,
        &format!(
            "SELECT {MEASUREMENT_COLUMNS} FROM measurement m \
             JOIN follow_up f ON f.id = m.follow_up_id JOIN goal g ON g.id = f.goal_id \
             JOIN focus_area a ON a.id = g.focus_area_id WHERE a.plan_id = ?1 \
             ORDER BY m.follow_up_id, m.position, m.indicator_id"
        ),
        id,
        |r| {
            let measurement = row_to_measurement(r).map_err(read_error)?;
            if let Some(&(ai, gi, fi)) = follow_up_place.get(&r.get::<_, i64>(3)?) {
                plan.focus_areas[ai].goals[gi].follow_ups[fi]
                    .measurements
                    .push(measurement);
            }
            Ok(())
        },
    )?;
    Ok(())
}

/// The plan ids that `plan` reaches through `previous`, itself first; stops at a cycle.
fn previous_chain(conn: &Connection, plan: PlanId) -> Result<Vec<PlanId>> {
    let mut chain = vec![plan];
    let mut current = plan;
    loop {
        let previous: Option<i64> = conn
            .prepare_cached("SELECT previous_id FROM plan WHERE id = ?1")?
            .query_row([current.0], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NoSuchPlan(current.0))?;
        match previous.map(PlanId) {
            Some(p) if !chain.contains(&p) => {
                chain.push(p);
                current = p;
            }
            _ => return Ok(chain),
        }
    }
}

pub(super) fn load_document(conn: &Connection, plan: Option<PlanId>) -> Result<PlanBundle> {
    let ids: Vec<PlanId> = match plan {
        None => list_plans(conn)?.into_iter().map(|p| p.id).collect(),
        Some(id) => {
            // The previous plans first, so the document reads in time order.
            let mut chain = previous_chain(conn, id)?;
            chain.reverse();
            chain
        }
    };
    let plans = ids
        .into_iter()
        .map(|id| load_plan(conn, id))
        .collect::<Result<Vec<_>>>()?;
    let named: BTreeSet<PersonId> = plans
        .iter()
        .flat_map(|p| {
            p.focus_areas
                .iter()
                .flat_map(|a| a.owners.iter().copied())
                .chain(p.goals().flat_map(|(_, g)| g.owners.iter().copied()))
        })
        .collect();
    let people = match plan {
        None => people(conn)?,
        // A link whose person another program deleted keeps its id in the goal, so that the
        // exports can name the goal (`PlanBundle::missing_owners`) instead of refusing.
        Some(_) => {
            let mut found = Vec::new();
            for id in named {
                match person(conn, id) {
                    Ok(p) => found.push(p),
                    Err(StoreError::NotFound(_)) => {}
                    Err(e) => return Err(e),
                }
            }
            found
        }
    };
    let extra: Option<String> = conn
        .prepare_cached("SELECT value FROM document_meta WHERE key = 'extra'")?
        .query_row(params![], |r| r.get(0))
        .optional()?;
    Ok(PlanBundle {
        people,
        plans,
        extra,
    })
}

pub(super) fn load_plan_period(conn: &Connection, id: PlanId) -> Result<Period> {
    conn.prepare_cached("SELECT period_start, period_end FROM plan WHERE id = ?1")?
        .query_row([id.0], |r| {
            Ok(Period {
                start: r.get(0)?,
                end: r.get(1)?,
            })
        })
        .optional()?
        .ok_or(StoreError::NoSuchPlan(id.0))
}

pub(super) fn budget_row(conn: &Connection, id: BudgetRowId) -> Result<BudgetRow> {
    conn.prepare_cached("SELECT id, area, expenses, income, extra FROM budget_row WHERE id = ?1")?
        .query_row([id.0], row_to_budget_row)
        .optional()
        .map_err(read_error)?
        .ok_or(StoreError::NotFound("Budgetlinjen"))
}

/// One follow-up and the goal it belongs to.
pub(super) fn follow_up(conn: &Connection, id: FollowUpId) -> Result<(GoalId, FollowUp)> {
    conn.prepare_cached(&format!(
        "SELECT {FOLLOW_UP_COLUMNS} FROM follow_up f WHERE f.id = ?1"
    ))?
    .query_row([id.0], |r| Ok((GoalId(r.get(5)?), row_to_follow_up(r)?)))
    .optional()
    .map_err(read_error)?
    .ok_or(StoreError::NotFound("Opfølgningen"))
    .and_then(|(goal, mut f)| {
        f.measurements = measurements(conn, id)?;
        Ok((goal, f))
    })
}

/// One indicator and the goal it belongs to.
pub(super) fn indicator(conn: &Connection, id: IndicatorId) -> Result<(GoalId, Indicator)> {
    conn.prepare_cached(&format!(
        "SELECT {INDICATOR_COLUMNS} FROM indicator i WHERE i.id = ?1"
    ))?
    .query_row([id.0], |r| Ok((GoalId(r.get(11)?), row_to_indicator(r)?)))
    .optional()
    .map_err(read_error)?
    .ok_or(StoreError::NotFound("Målepunktet"))
}

/// One milestone and the goal it belongs to.
pub(super) fn milestone(conn: &Connection, id: MilestoneId) -> Result<(GoalId, Milestone)> {
    conn.prepare_cached(&format!(
        "SELECT {MILESTONE_COLUMNS} FROM milestone m WHERE m.id = ?1"
    ))?
    .query_row([id.0], |r| Ok((GoalId(r.get(5)?), row_to_milestone(r)?)))
    .optional()
    .map_err(read_error)?
    .ok_or(StoreError::NotFound("Delmålet"))
}

/// The file's identity (decisions.md, "Identity of a plan file"): its random id, or `None`
/// when another program removed the row.
pub(super) fn file_id(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT id FROM file_identity WHERE one = 1")?
        .query_row([], |r| r.get(0))
        .optional()?)
}

/// The identity of the file this one was copied from ("Gem en kopi som"), if it is a copy.
pub(super) fn copied_from(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT copied_from FROM file_identity WHERE one = 1")?
        .query_row([], |r| r.get::<_, Option<String>>(0))
        .optional()?
        .flatten())
}
