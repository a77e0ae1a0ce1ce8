//! Whole entities into the file: a plan, a focus area, a goal with its indicators,
//! milestones, follow-ups and measurements, and the ids they get ([`Ids`]: kept when a delete
//! is undone, new when a document is imported, with its document-local references mapped).

use super::rows::{exists, open_slot};
use crate::model::{
    BudgetRow, Direction, Figure, FocusArea, FollowUp, Goal, GoalId, Indicator, IndicatorId,
    Measurement, Milestone, Person, PersonId, Plan, Section, Status,
};
use crate::store::error::{Result, StoreError};
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::HashMap;

/// How ids of inserted rows are chosen, and the links written once a whole insert exists.
pub(super) struct Ids {
    /// `None`: restore (keep every non-zero id; references are row ids already). `Some`: an
    /// import (every row is new; references are document-local and mapped).
    pub(super) map: Option<IdMap>,
    /// Related goals to write once every goal of the insert exists: (goal's row id, as given).
    pub(super) related: Vec<(i64, Vec<GoalId>)>,
}

/// Document-local ids of an import and the rows they became.
#[derive(Default)]
pub(super) struct IdMap {
    pub(super) people: HashMap<i64, i64>,
    pub(super) goals: HashMap<i64, i64>,
}

impl Ids {
    pub(super) fn keep() -> Ids {
        Ids {
            map: None,
            related: Vec::new(),
        }
    }

    pub(super) fn import(people: HashMap<i64, i64>) -> Ids {
        Ids {
            map: Some(IdMap {
                people,
                goals: HashMap::new(),
            }),
            related: Vec::new(),
        }
    }

    pub(super) fn row_id(&self, id: i64) -> Option<i64> {
        match self.map {
            None if id != 0 => Some(id),
            _ => None,
        }
    }

    pub(super) fn person(&self, id: PersonId) -> Result<i64> {
        match &self.map {
            None => Ok(id.0),
            Some(map) => map
                .people
                .get(&id.0)
                .copied()
                .ok_or(StoreError::NotFound("En tovholder")),
        }
    }
}

pub(super) fn insert_person(tx: &Transaction<'_>, p: &Person, id: Option<i64>) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO person (id, name, title, email, unit, extra) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![id, p.name, p.title, p.email, p.unit, p.extra])?;
    Ok(tx.last_insert_rowid())
}

pub(super) fn insert_section(
    tx: &Transaction<'_>,
    plan: i64,
    position: usize,
    s: &Section,
    ids: &Ids,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO section (id, plan_id, position, title, body, extra) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        ids.row_id(s.id.0),
        plan,
        position as i64,
        s.title,
        s.body,
        s.extra
    ])?;
    Ok(tx.last_insert_rowid())
}

pub(super) fn insert_budget_row(
    tx: &Transaction<'_>,
    plan: i64,
    position: usize,
    b: &BudgetRow,
    ids: &Ids,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO budget_row (id, plan_id, position, area, expenses, income, extra) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        ids.row_id(b.id.0),
        plan,
        position as i64,
        b.area,
        b.expenses,
        b.income,
        b.extra
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Inserts a follow-up at `index` of its goal's follow-ups (see [`order`]), with its
/// measurements; `indicator` turns a measurement's indicator id into a row id (an import's
/// document-local ids, a restored goal's new rows).
pub(super) fn insert_follow_up(
    tx: &Transaction<'_>,
    goal: i64,
    index: usize,
    f: &FollowUp,
    ids: &Ids,
    indicator: &dyn Fn(IndicatorId) -> Option<i64>,
) -> Result<i64> {
    let position = open_slot(tx, "follow_up", "goal_id", goal, index)? as i64;
    tx.prepare_cached(
        "INSERT INTO follow_up (id, goal_id, position, date, status, text, extra) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        ids.row_id(f.id.0),
        goal,
        position,
        f.date.to_string(),
        f.status.map(Status::code),
        f.text,
        f.extra
    ])?;
    let id = tx.last_insert_rowid();
    insert_measurements(tx, goal, id, &f.measurements, indicator)?;
    Ok(id)
}

/// Writes a follow-up's measurements: each for an indicator of the follow-up's own goal, at
/// most one per indicator.
pub(super) fn insert_measurements(
    tx: &Transaction<'_>,
    goal: i64,
    follow_up: i64,
    measurements: &[Measurement],
    indicator: &dyn Fn(IndicatorId) -> Option<i64>,
) -> Result<()> {
    let mut seen = Vec::with_capacity(measurements.len());
    for (i, m) in measurements.iter().enumerate() {
        let row = indicator(m.indicator).ok_or(StoreError::NotFound("Målepunktet"))?;
        let owner: Option<i64> = tx
            .prepare_cached("SELECT goal_id FROM indicator WHERE id = ?1")?
            .query_row([row], |r| r.get(0))
            .optional()?;
        match owner {
            None => return Err(StoreError::NotFound("Målepunktet")),
            Some(g) if g != goal => return Err(StoreError::MeasurementOfOtherGoal),
            Some(_) => {}
        }
        if seen.contains(&row) {
            return Err(StoreError::MeasurementTwice);
        }
        seen.push(row);
        tx.prepare_cached(
            "INSERT INTO measurement (follow_up_id, indicator_id, position, value, extra) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            follow_up,
            row,
            i as i64,
            m.value.to_string(),
            m.extra
        ])?;
    }
    Ok(())
}

/// A figure as three columns: value (Number's text), date, extra.
pub(super) fn figure_columns(
    f: Option<&Figure>,
) -> (Option<String>, Option<String>, Option<String>) {
    match f {
        None => (None, None, None),
        Some(f) => (
            Some(f.value.to_string()),
            f.date.map(|d| d.to_string()),
            f.extra.clone(),
        ),
    }
}

/// Inserts an indicator at `position` (the caller has made room); returns its row id.
pub(super) fn insert_indicator(
    tx: &Transaction<'_>,
    goal: i64,
    position: usize,
    i: &Indicator,
    ids: &Ids,
) -> Result<i64> {
    let (bv, bd, be) = figure_columns(i.baseline.as_ref());
    let (tv, td, te) = figure_columns(i.target.as_ref());
    tx.prepare_cached(
        "INSERT INTO indicator (id, goal_id, position, name, unit, baseline_value, \
         baseline_date, baseline_extra, target_value, target_date, target_extra, direction, \
         extra) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        ids.row_id(i.id.0),
        goal,
        position as i64,
        i.name,
        i.unit,
        bv,
        bd,
        be,
        tv,
        td,
        te,
        i.direction.map(Direction::code),
        i.extra
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Inserts a milestone at `position` (the caller has made room); returns its row id.
pub(super) fn insert_milestone(
    tx: &Transaction<'_>,
    goal: i64,
    position: usize,
    m: &Milestone,
    ids: &Ids,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO milestone (id, goal_id, position, text, date, done, extra) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        ids.row_id(m.id.0),
        goal,
        position as i64,
        m.text,
        m.date.map(|d| d.to_string()),
        m.done,
        m.extra
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Replaces a goal's related goals: never the goal itself, never one twice.
pub(super) fn set_related(tx: &Transaction<'_>, goal: i64, related: &[i64]) -> Result<()> {
    for (i, r) in related.iter().enumerate() {
        if *r == goal {
            return Err(StoreError::RelatedToItself);
        }
        if related[..i].contains(r) {
            return Err(StoreError::RelatedTwice);
        }
    }
    tx.prepare_cached("DELETE FROM goal_related WHERE goal_id = ?1")?
        .execute([goal])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO goal_related (goal_id, related_id, position) VALUES (?1, ?2, ?3)",
    )?;
    for (i, r) in related.iter().enumerate() {
        if !exists(tx, "goal", *r)? {
            return Err(StoreError::NotFound("Det relaterede mål"));
        }
        stmt.execute(params![goal, r, i as i64])?;
    }
    Ok(())
}

/// Writes the related goals an insert collected, once all its goals exist. An import maps
/// document-local ids (an unknown one is an error); a restore leaves out a goal that is no
/// longer in the file, as it does for `continues`.
pub(super) fn finish_related(tx: &Transaction<'_>, ids: &mut Ids) -> Result<()> {
    for (goal, related) in std::mem::take(&mut ids.related) {
        let mut rows = Vec::with_capacity(related.len());
        for r in related {
            match &ids.map {
                Some(map) => rows.push(
                    *map.goals
                        .get(&r.0)
                        .ok_or(StoreError::NotFound("Det relaterede mål"))?,
                ),
                None => {
                    if exists(tx, "goal", r.0)? {
                        rows.push(r.0);
                    }
                }
            }
        }
        set_related(tx, goal, &rows)?;
    }
    Ok(())
}

pub(super) fn set_owners(tx: &Transaction<'_>, goal: i64, owners: &[i64]) -> Result<()> {
    set_owner_rows(tx, "goal_owner", "goal_id", goal, owners)
}

/// Replaces the owners of a goal (`goal_owner`) or a focus area (`focus_area_owner`).
pub(super) fn set_owner_rows(
    tx: &Transaction<'_>,
    table: &str,
    parent: &str,
    id: i64,
    owners: &[i64],
) -> Result<()> {
    let goal = id;
    tx.prepare_cached(&format!("DELETE FROM {table} WHERE {parent} = ?1"))?
        .execute([goal])?;
    let mut stmt = tx.prepare_cached(&format!(
        "INSERT OR IGNORE INTO {table} ({parent}, person_id, position) VALUES (?1, ?2, ?3)"
    ))?;
    for (i, person) in owners.iter().enumerate() {
        if !exists(tx, "person", *person)? {
            return Err(StoreError::NotFound("En tovholder"));
        }
        stmt.execute(params![goal, person, i as i64])?;
    }
    Ok(())
}

/// Inserts a goal with owners and follow-ups. `continues` is set here only when restoring;
/// an import links goals in a second pass, once all of them exist.
pub(super) fn insert_goal(
    tx: &Transaction<'_>,
    area: i64,
    position: usize,
    g: &Goal,
    ids: &mut Ids,
) -> Result<i64> {
    let continues = match ids.map {
        None => match g.continues {
            Some(c) if exists(tx, "goal", c.0)? => Some(c.0),
            _ => None,
        },
        Some(_) => None,
    };
    tx.prepare_cached(
        "INSERT INTO goal (id, focus_area_id, position, text, details, documentation, deadline, \
         status, continues_id, extra) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        ids.row_id(g.id.0),
        area,
        position as i64,
        g.text,
        g.details,
        g.documentation,
        g.deadline.map(|d| d.to_string()),
        g.status.map(Status::code),
        continues,
        g.extra
    ])?;
    let id = tx.last_insert_rowid();
    if let Some(map) = &mut ids.map {
        map.goals.insert(g.id.0, id);
    }
    let owners = g
        .owners
        .iter()
        .map(|p| ids.person(*p))
        .collect::<Result<Vec<_>>>()?;
    set_owners(tx, id, &owners)?;
    // The goal's indicators as given (document-local or old row ids) → their rows, so that
    // its measurements find them and only them.
    let mut indicators: HashMap<i64, i64> = HashMap::new();
    for (i, indicator) in g.indicators.iter().enumerate() {
        let row = insert_indicator(tx, id, i, indicator, ids)?;
        if indicators.insert(indicator.id.0, row).is_some() {
            return Err(StoreError::NotFound("Målepunktet"));
        }
    }
    for (i, m) in g.milestones.iter().enumerate() {
        insert_milestone(tx, id, i, m, ids)?;
    }
    if !g.related.is_empty() {
        ids.related.push((id, g.related.clone()));
    }
    let mut follow_ups: Vec<&FollowUp> = g.follow_ups.iter().collect();
    follow_ups.sort_by_key(|a| a.date);
    let indicator = |i: IndicatorId| indicators.get(&i.0).copied();
    for (i, f) in follow_ups.into_iter().enumerate() {
        insert_follow_up(tx, id, i, f, ids, &indicator)?;
    }
    Ok(id)
}

pub(super) fn insert_focus_area(
    tx: &Transaction<'_>,
    plan: i64,
    position: usize,
    a: &FocusArea,
    ids: &mut Ids,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO focus_area (id, plan_id, position, title, description, extra) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        ids.row_id(a.id.0),
        plan,
        position as i64,
        a.title,
        a.description,
        a.extra
    ])?;
    let id = tx.last_insert_rowid();
    let owners = a
        .owners
        .iter()
        .map(|p| ids.person(*p))
        .collect::<Result<Vec<_>>>()?;
    set_owner_rows(tx, "focus_area_owner", "focus_area_id", id, &owners)?;
    for (i, g) in a.goals.iter().enumerate() {
        insert_goal(tx, id, i, g, ids)?;
    }
    Ok(id)
}

/// Inserts a whole plan. `previous` is set here only when restoring (see [`insert_goal`]).
pub(super) fn insert_plan(tx: &Transaction<'_>, p: &Plan, ids: &mut Ids) -> Result<i64> {
    let previous = match ids.map {
        None => match p.previous {
            Some(prev) if exists(tx, "plan", prev.0)? => Some(prev.0),
            _ => None,
        },
        Some(_) => None,
    };
    tx.prepare_cached(
        "INSERT INTO plan (id, previous_id, title, organisation, municipality, period_start, \
         period_end, period_extra, journal_number, contact_address, contact_phone, \
         contact_email, contact_web, contact_extra, state, approved_on, approved_by, \
         budget_title, budget_year, budget_note, budget_extra, focus_areas_intro, review_intro, \
         extra, label_focus_area, label_focus_areas, label_goal, label_owner, \
         label_documentation, label_intro, labels_extra, numbering_focus_areas, \
         numbering_goals, numbering_extra, print_empty_fields, print_owner_email, \
         print_owner_title, print_extra) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, \
         ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, \
         ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38)",
    )?
    .execute(params![
        ids.row_id(p.id.0),
        previous,
        p.title,
        p.organisation,
        p.municipality,
        p.period.start,
        p.period.end,
        p.period_extra,
        p.journal_number,
        p.contact.address,
        p.contact.phone,
        p.contact.email,
        p.contact.web,
        p.contact.extra,
        p.state.code(),
        p.approved_on.map(|d| d.to_string()),
        p.approved_by,
        p.budget.title,
        p.budget.year,
        p.budget.note,
        p.budget.extra,
        p.focus_areas_intro,
        p.review_intro,
        p.extra,
        p.labels.focus_area,
        p.labels.focus_areas,
        p.labels.goal,
        p.labels.owner,
        p.labels.documentation,
        p.labels.intro,
        p.labels.extra,
        p.numbering.focus_areas.code(),
        p.numbering.goals.code(),
        p.numbering.extra,
        p.print.empty_fields.code(),
        p.print.owner_email,
        p.print.owner_title,
        p.print.extra
    ])?;
    let id = tx.last_insert_rowid();
    for (i, s) in p.sections.iter().enumerate() {
        insert_section(tx, id, i, s, ids)?;
    }
    for (i, b) in p.budget.rows.iter().enumerate() {
        insert_budget_row(tx, id, i, b, ids)?;
    }
    for (i, a) in p.focus_areas.iter().enumerate() {
        insert_focus_area(tx, id, i, a, ids)?;
    }
    Ok(id)
}
