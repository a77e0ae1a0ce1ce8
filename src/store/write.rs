//! Writes: each [`Command`] applied inside the caller's transaction, returning its inverse.
//!
//! `Insert*` with id 0 creates a row; with another id it restores a deleted row under that id
//! (ids are AUTOINCREMENT, never reused). Deletes record everything they remove, including
//! links from elsewhere (`previous`, `continues`), so that their inverse puts all of it back.

use super::error::{Result, StoreError};
use super::read::{self, parse_date};
use crate::model::{
    BudgetRow, Command, FocusArea, FocusAreaField, FocusAreaId, FollowUp, Goal, GoalField, GoalId,
    Person, PersonField, PersonId, Plan, PlanBundle, PlanField, PlanId, Section, SectionField,
    Status,
};
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::HashMap;

/// How ids of inserted rows are chosen.
enum Ids {
    /// Restore: keep every non-zero id; references are row ids already.
    Keep,
    /// Import: every row is new; references are document-local and mapped.
    Map {
        people: HashMap<i64, i64>,
        goals: HashMap<i64, i64>,
    },
}

impl Ids {
    fn row_id(&self, id: i64) -> Option<i64> {
        match self {
            Ids::Keep if id != 0 => Some(id),
            _ => None,
        }
    }

    fn person(&self, id: PersonId) -> Result<i64> {
        match self {
            Ids::Keep => Ok(id.0),
            Ids::Map { people, .. } => people
                .get(&id.0)
                .copied()
                .ok_or(StoreError::NotFound("En tovholder")),
        }
    }
}

fn exists(tx: &Transaction<'_>, table: &str, id: i64) -> Result<bool> {
    Ok(tx
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

fn require(tx: &Transaction<'_>, table: &str, id: i64, what: &'static str) -> Result<()> {
    if exists(tx, table, id)? {
        Ok(())
    } else if table == "plan" {
        Err(StoreError::NoSuchPlan(id))
    } else {
        Err(StoreError::NotFound(what))
    }
}

/// The ids of a parent's children in their order: the user's order, except follow-ups, which
/// are in date order with the position deciding among equal dates.
fn order(tx: &Transaction<'_>, table: &str, parent: &str, parent_id: i64) -> Result<Vec<i64>> {
    let by = if table == "follow_up" {
        "date, position, id"
    } else {
        "position, id"
    };
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT id FROM {table} WHERE {parent} = ?1 ORDER BY {by}"
    ))?;
    let ids = stmt
        .query_map([parent_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

fn renumber(tx: &Transaction<'_>, table: &str, ids: &[i64]) -> Result<()> {
    let mut stmt = tx.prepare_cached(&format!(
        "UPDATE {table} SET position = ?1 WHERE id = ?2 AND position IS NOT ?1"
    ))?;
    for (i, id) in ids.iter().enumerate() {
        stmt.execute(params![i as i64, id])?;
    }
    Ok(())
}

/// Makes room at `index` among a parent's children; returns the clamped index.
fn open_slot(
    tx: &Transaction<'_>,
    table: &str,
    parent: &str,
    parent_id: i64,
    index: usize,
) -> Result<usize> {
    let ids = order(tx, table, parent, parent_id)?;
    let index = index.min(ids.len());
    // Renumber with a gap at `index`.
    let mut stmt = tx.prepare_cached(&format!(
        "UPDATE {table} SET position = ?1 WHERE id = ?2 AND position IS NOT ?1"
    ))?;
    for (i, id) in ids.iter().enumerate() {
        let pos = if i < index { i } else { i + 1 };
        stmt.execute(params![pos as i64, id])?;
    }
    Ok(index)
}

/// Removes a row from its siblings' order; returns (parent id, index it had).
fn close_slot(tx: &Transaction<'_>, table: &str, parent: &str, id: i64) -> Result<(i64, usize)> {
    let parent_id: i64 = tx
        .prepare_cached(&format!("SELECT {parent} FROM {table} WHERE id = ?1"))?
        .query_row([id], |r| r.get(0))?;
    let mut ids = order(tx, table, parent, parent_id)?;
    let index = ids.iter().position(|&x| x == id).unwrap_or(ids.len());
    ids.retain(|&x| x != id);
    renumber(tx, table, &ids)?;
    Ok((parent_id, index))
}

/// Moves a row to `index` among the children of `new_parent` (which may be its parent).
/// Returns (old parent, old index).
fn move_row(
    tx: &Transaction<'_>,
    table: &str,
    parent: &str,
    id: i64,
    new_parent: i64,
    index: usize,
) -> Result<(i64, usize)> {
    let (old_parent, old_index) = close_slot(tx, table, parent, id)?;
    let mut ids = order(tx, table, parent, new_parent)?;
    ids.retain(|&x| x != id);
    let index = index.min(ids.len());
    ids.insert(index, id);
    tx.prepare_cached(&format!("UPDATE {table} SET {parent} = ?1 WHERE id = ?2"))?
        .execute(params![new_parent, id])?;
    renumber(tx, table, &ids)?;
    Ok((old_parent, old_index))
}

/// Sets one text column and returns the old text.
fn set_text(
    tx: &Transaction<'_>,
    table: &str,
    column: &str,
    id: i64,
    value: &str,
    what: &'static str,
) -> Result<String> {
    let old: String = tx
        .prepare_cached(&format!("SELECT {column} FROM {table} WHERE id = ?1"))?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or(if table == "plan" {
            StoreError::NoSuchPlan(id)
        } else {
            StoreError::NotFound(what)
        })?;
    tx.prepare_cached(&format!("UPDATE {table} SET {column} = ?1 WHERE id = ?2"))?
        .execute(params![value, id])?;
    Ok(old)
}

fn plan_column(field: PlanField) -> &'static str {
    match field {
        PlanField::Title => "title",
        PlanField::Organisation => "organisation",
        PlanField::Municipality => "municipality",
        PlanField::JournalNumber => "journal_number",
        PlanField::ContactAddress => "contact_address",
        PlanField::ContactPhone => "contact_phone",
        PlanField::ContactEmail => "contact_email",
        PlanField::ContactWeb => "contact_web",
        PlanField::ApprovedBy => "approved_by",
        PlanField::BudgetTitle => "budget_title",
        PlanField::BudgetNote => "budget_note",
        PlanField::FocusAreasIntro => "focus_areas_intro",
        PlanField::ReviewIntro => "review_intro",
    }
}

fn insert_person(tx: &Transaction<'_>, p: &Person, id: Option<i64>) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO person (id, name, title, email, unit, extra) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![id, p.name, p.title, p.email, p.unit, p.extra])?;
    Ok(tx.last_insert_rowid())
}

fn insert_section(
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

fn insert_budget_row(
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

/// Inserts a follow-up at `index` of its goal's follow-ups (see [`order`]).
fn insert_follow_up(
    tx: &Transaction<'_>,
    goal: i64,
    index: usize,
    f: &FollowUp,
    ids: &Ids,
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
    Ok(tx.last_insert_rowid())
}

fn set_owners(tx: &Transaction<'_>, goal: i64, owners: &[i64]) -> Result<()> {
    tx.prepare_cached("DELETE FROM goal_owner WHERE goal_id = ?1")?
        .execute([goal])?;
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO goal_owner (goal_id, person_id, position) VALUES (?1, ?2, ?3)",
    )?;
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
fn insert_goal(
    tx: &Transaction<'_>,
    area: i64,
    position: usize,
    g: &Goal,
    ids: &mut Ids,
) -> Result<i64> {
    let continues = match ids {
        Ids::Keep => match g.continues {
            Some(c) if exists(tx, "goal", c.0)? => Some(c.0),
            _ => None,
        },
        Ids::Map { .. } => None,
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
    if let Ids::Map { goals, .. } = ids {
        goals.insert(g.id.0, id);
    }
    let owners = g
        .owners
        .iter()
        .map(|p| ids.person(*p))
        .collect::<Result<Vec<_>>>()?;
    set_owners(tx, id, &owners)?;
    let mut follow_ups: Vec<&FollowUp> = g.follow_ups.iter().collect();
    follow_ups.sort_by_key(|a| a.date);
    for (i, f) in follow_ups.into_iter().enumerate() {
        insert_follow_up(tx, id, i, f, ids)?;
    }
    Ok(id)
}

fn insert_focus_area(
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
    for (i, g) in a.goals.iter().enumerate() {
        insert_goal(tx, id, i, g, ids)?;
    }
    Ok(id)
}

/// Inserts a whole plan. `previous` is set here only when restoring (see [`insert_goal`]).
fn insert_plan(tx: &Transaction<'_>, p: &Plan, ids: &mut Ids) -> Result<i64> {
    let previous = match ids {
        Ids::Keep => match p.previous {
            Some(prev) if exists(tx, "plan", prev.0)? => Some(prev.0),
            _ => None,
        },
        Ids::Map { .. } => None,
    };
    tx.prepare_cached(
        "INSERT INTO plan (id, previous_id, title, organisation, municipality, period_start, \
         period_end, period_extra, journal_number, contact_address, contact_phone, \
         contact_email, contact_web, contact_extra, state, approved_on, approved_by, \
         budget_title, budget_year, budget_note, budget_extra, focus_areas_intro, review_intro, \
         extra) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, \
         ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
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
        p.extra
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

fn plan_of(tx: &Transaction<'_>, sql: &str, id: i64, what: &'static str) -> Result<PlanId> {
    tx.prepare_cached(sql)?
        .query_row([id], |r| r.get(0))
        .optional()?
        .map(PlanId)
        .ok_or(StoreError::NotFound(what))
}

const PLAN_OF_AREA: &str = "SELECT plan_id FROM focus_area WHERE id = ?1";
const PLAN_OF_GOAL: &str =
    "SELECT a.plan_id FROM goal g JOIN focus_area a ON a.id = g.focus_area_id WHERE g.id = ?1";

/// Links to goals from elsewhere, to restore after a delete: (goal, the goal it continues).
fn continuations_of(tx: &Transaction<'_>, goals: &[GoalId]) -> Result<Vec<Command>> {
    let mut stmt = tx.prepare_cached("SELECT id FROM goal WHERE continues_id = ?1")?;
    let mut out = Vec::new();
    for g in goals {
        for other in stmt.query_map([g.0], |r| r.get::<_, i64>(0))? {
            out.push(Command::SetGoalContinues {
                goal: GoalId(other?),
                continues: Some(*g),
            });
        }
    }
    Ok(out)
}

fn with_links(first: Command, mut links: Vec<Command>) -> Command {
    if links.is_empty() {
        first
    } else {
        links.insert(0, first);
        Command::Batch(links)
    }
}

fn find_goal(plan: &Plan, id: GoalId) -> Option<(FocusAreaId, usize, &Goal)> {
    plan.focus_areas.iter().find_map(|a| {
        a.goals
            .iter()
            .position(|g| g.id == id)
            .map(|i| (a.id, i, &a.goals[i]))
    })
}

/// Applies a command; returns its inverse.
pub(super) fn apply(tx: &Transaction<'_>, command: &Command) -> Result<Command> {
    Ok(match command {
        Command::Import(doc) => import(tx, doc)?.1,
        Command::InsertPlan(plan) => {
            let id = insert_plan(tx, plan, &mut Ids::Keep)?;
            Command::DeletePlan(PlanId(id))
        }
        Command::DeletePlan(id) => {
            let plan = read::load_plan(tx, *id)?;
            let mut links: Vec<Command> = tx
                .prepare_cached("SELECT id FROM plan WHERE previous_id = ?1")?
                .query_map([id.0], |r| r.get::<_, i64>(0))?
                .map(|other| {
                    other.map(|o| Command::SetPrevious {
                        plan: PlanId(o),
                        previous: Some(*id),
                    })
                })
                .collect::<rusqlite::Result<_>>()?;
            let goals: Vec<GoalId> = plan.goals().map(|(_, g)| g.id).collect();
            links.extend(continuations_of(tx, &goals)?);
            tx.prepare_cached("DELETE FROM plan WHERE id = ?1")?
                .execute([id.0])?;
            with_links(Command::InsertPlan(Box::new(plan)), links)
        }
        Command::SetPlanText { plan, field, value } => {
            let old = set_text(tx, "plan", plan_column(*field), plan.0, value, "Planen")?;
            Command::SetPlanText {
                plan: *plan,
                field: *field,
                value: old,
            }
        }
        Command::SetPeriod { plan, period } => {
            let old = read::load_plan_period(tx, *plan)?;
            tx.prepare_cached("UPDATE plan SET period_start = ?1, period_end = ?2 WHERE id = ?3")?
                .execute(params![period.start, period.end, plan.0])?;
            Command::SetPeriod {
                plan: *plan,
                period: old,
            }
        }
        Command::SetState {
            plan,
            state,
            approved_on,
        } => {
            let (old_state, old_on): (String, Option<String>) = tx
                .prepare_cached("SELECT state, approved_on FROM plan WHERE id = ?1")?
                .query_row([plan.0], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .ok_or(StoreError::NoSuchPlan(plan.0))?;
            tx.prepare_cached("UPDATE plan SET state = ?1, approved_on = ?2 WHERE id = ?3")?
                .execute(params![
                    state.code(),
                    approved_on.map(|d| d.to_string()),
                    plan.0
                ])?;
            Command::SetState {
                plan: *plan,
                state: crate::model::PlanState::from_code(&old_state)
                    .ok_or_else(|| StoreError::BadValue(old_state.clone()))?,
                approved_on: parse_date(old_on).map_err(|e| StoreError::BadValue(e.to_string()))?,
            }
        }
        Command::SetBudgetYear { plan, year } => {
            let old: Option<i32> = tx
                .prepare_cached("SELECT budget_year FROM plan WHERE id = ?1")?
                .query_row([plan.0], |r| r.get(0))
                .optional()?
                .ok_or(StoreError::NoSuchPlan(plan.0))?;
            tx.prepare_cached("UPDATE plan SET budget_year = ?1 WHERE id = ?2")?
                .execute(params![year, plan.0])?;
            Command::SetBudgetYear {
                plan: *plan,
                year: old,
            }
        }
        Command::SetPrevious { plan, previous } => {
            let old: Option<i64> = tx
                .prepare_cached("SELECT previous_id FROM plan WHERE id = ?1")?
                .query_row([plan.0], |r| r.get(0))
                .optional()?
                .ok_or(StoreError::NoSuchPlan(plan.0))?;
            if let Some(p) = previous {
                require(tx, "plan", p.0, "Planen")?;
            }
            tx.prepare_cached("UPDATE plan SET previous_id = ?1 WHERE id = ?2")?
                .execute(params![previous.map(|p| p.0), plan.0])?;
            Command::SetPrevious {
                plan: *plan,
                previous: old.map(PlanId),
            }
        }
        Command::InsertSection {
            plan,
            index,
            section,
        } => {
            require(tx, "plan", plan.0, "Planen")?;
            let index = open_slot(tx, "section", "plan_id", plan.0, *index)?;
            let id = insert_section(tx, plan.0, index, section, &Ids::Keep)?;
            Command::DeleteSection(crate::model::SectionId(id))
        }
        Command::DeleteSection(id) => {
            let section = tx
                .prepare_cached("SELECT id, title, body, extra FROM section WHERE id = ?1")?
                .query_row([id.0], |r| {
                    Ok(Section {
                        id: crate::model::SectionId(r.get(0)?),
                        title: r.get(1)?,
                        body: r.get(2)?,
                        extra: r.get(3)?,
                    })
                })
                .optional()?
                .ok_or(StoreError::NotFound("Afsnittet"))?;
            let (plan, index) = close_slot(tx, "section", "plan_id", id.0)?;
            tx.prepare_cached("DELETE FROM section WHERE id = ?1")?
                .execute([id.0])?;
            Command::InsertSection {
                plan: PlanId(plan),
                index,
                section,
            }
        }
        Command::SetSectionText {
            section,
            field,
            value,
        } => {
            let column = match field {
                SectionField::Title => "title",
                SectionField::Body => "body",
            };
            let old = set_text(tx, "section", column, section.0, value, "Afsnittet")?;
            Command::SetSectionText {
                section: *section,
                field: *field,
                value: old,
            }
        }
        Command::MoveSection { section, index } => {
            require(tx, "section", section.0, "Afsnittet")?;
            let parent: i64 = tx
                .prepare_cached("SELECT plan_id FROM section WHERE id = ?1")?
                .query_row([section.0], |r| r.get(0))?;
            let (_, old) = move_row(tx, "section", "plan_id", section.0, parent, *index)?;
            Command::MoveSection {
                section: *section,
                index: old,
            }
        }
        Command::InsertBudgetRow { plan, index, row } => {
            require(tx, "plan", plan.0, "Planen")?;
            let index = open_slot(tx, "budget_row", "plan_id", plan.0, *index)?;
            let id = insert_budget_row(tx, plan.0, index, row, &Ids::Keep)?;
            Command::DeleteBudgetRow(crate::model::BudgetRowId(id))
        }
        Command::DeleteBudgetRow(id) => {
            let row = read::budget_row(tx, *id)?;
            let (plan, index) = close_slot(tx, "budget_row", "plan_id", id.0)?;
            tx.prepare_cached("DELETE FROM budget_row WHERE id = ?1")?
                .execute([id.0])?;
            Command::InsertBudgetRow {
                plan: PlanId(plan),
                index,
                row,
            }
        }
        Command::SetBudgetRow(row) => {
            let old = read::budget_row(tx, row.id)?;
            tx.prepare_cached(
                "UPDATE budget_row SET area = ?1, expenses = ?2, income = ?3 WHERE id = ?4",
            )?
            .execute(params![row.area, row.expenses, row.income, row.id.0])?;
            Command::SetBudgetRow(old)
        }
        Command::MoveBudgetRow { row, index } => {
            require(tx, "budget_row", row.0, "Budgetlinjen")?;
            let parent: i64 = tx
                .prepare_cached("SELECT plan_id FROM budget_row WHERE id = ?1")?
                .query_row([row.0], |r| r.get(0))?;
            let (_, old) = move_row(tx, "budget_row", "plan_id", row.0, parent, *index)?;
            Command::MoveBudgetRow {
                row: *row,
                index: old,
            }
        }
        Command::InsertFocusArea { plan, index, area } => {
            require(tx, "plan", plan.0, "Planen")?;
            let index = open_slot(tx, "focus_area", "plan_id", plan.0, *index)?;
            let id = insert_focus_area(tx, plan.0, index, area, &mut Ids::Keep)?;
            Command::DeleteFocusArea(FocusAreaId(id))
        }
        Command::DeleteFocusArea(id) => {
            let plan_id = plan_of(tx, PLAN_OF_AREA, id.0, "Indsatsområdet")?;
            let plan = read::load_plan(tx, plan_id)?;
            let index = plan
                .focus_areas
                .iter()
                .position(|a| a.id == *id)
                .ok_or(StoreError::NotFound("Indsatsområdet"))?;
            let area = plan.focus_areas[index].clone();
            let goals: Vec<GoalId> = area.goals.iter().map(|g| g.id).collect();
            let links = continuations_of(tx, &goals)?;
            close_slot(tx, "focus_area", "plan_id", id.0)?;
            tx.prepare_cached("DELETE FROM focus_area WHERE id = ?1")?
                .execute([id.0])?;
            with_links(
                Command::InsertFocusArea {
                    plan: plan_id,
                    index,
                    area,
                },
                links,
            )
        }
        Command::SetFocusAreaText { area, field, value } => {
            let column = match field {
                FocusAreaField::Title => "title",
                FocusAreaField::Description => "description",
            };
            let old = set_text(tx, "focus_area", column, area.0, value, "Indsatsområdet")?;
            Command::SetFocusAreaText {
                area: *area,
                field: *field,
                value: old,
            }
        }
        Command::MoveFocusArea { area, index } => {
            let plan = plan_of(tx, PLAN_OF_AREA, area.0, "Indsatsområdet")?;
            let (_, old) = move_row(tx, "focus_area", "plan_id", area.0, plan.0, *index)?;
            Command::MoveFocusArea {
                area: *area,
                index: old,
            }
        }
        Command::InsertGoal { area, index, goal } => {
            require(tx, "focus_area", area.0, "Indsatsområdet")?;
            let index = open_slot(tx, "goal", "focus_area_id", area.0, *index)?;
            let id = insert_goal(tx, area.0, index, goal, &mut Ids::Keep)?;
            Command::DeleteGoal(GoalId(id))
        }
        Command::DeleteGoal(id) => {
            let plan_id = plan_of(tx, PLAN_OF_GOAL, id.0, "Målet")?;
            let plan = read::load_plan(tx, plan_id)?;
            let (area, index, goal) = find_goal(&plan, *id).ok_or(StoreError::NotFound("Målet"))?;
            let goal = goal.clone();
            let links = continuations_of(tx, &[*id])?;
            close_slot(tx, "goal", "focus_area_id", id.0)?;
            tx.prepare_cached("DELETE FROM goal WHERE id = ?1")?
                .execute([id.0])?;
            with_links(Command::InsertGoal { area, index, goal }, links)
        }
        Command::SetGoalText { goal, field, value } => {
            let column = match field {
                GoalField::Text => "text",
                GoalField::Details => "details",
                GoalField::Documentation => "documentation",
            };
            let old = set_text(tx, "goal", column, goal.0, value, "Målet")?;
            Command::SetGoalText {
                goal: *goal,
                field: *field,
                value: old,
            }
        }
        Command::SetGoalOwners { goal, owners } => {
            require(tx, "goal", goal.0, "Målet")?;
            let old: Vec<PersonId> = tx
                .prepare_cached(
                    // Only people still in the file: undo cannot bring back a link to one
                    // another program deleted (the foreign key refuses it).
                    "SELECT o.person_id FROM goal_owner o JOIN person p ON p.id = o.person_id \
                     WHERE o.goal_id = ?1 ORDER BY o.position",
                )?
                .query_map([goal.0], |r| r.get(0).map(PersonId))?
                .collect::<rusqlite::Result<_>>()?;
            let ids: Vec<i64> = owners.iter().map(|p| p.0).collect();
            set_owners(tx, goal.0, &ids)?;
            Command::SetGoalOwners {
                goal: *goal,
                owners: old,
            }
        }
        Command::SetGoalDeadline { goal, deadline } => {
            let old = goal_column(tx, *goal, "deadline")?;
            tx.prepare_cached("UPDATE goal SET deadline = ?1 WHERE id = ?2")?
                .execute(params![deadline.map(|d| d.to_string()), goal.0])?;
            Command::SetGoalDeadline {
                goal: *goal,
                deadline: parse_date(old).map_err(|e| StoreError::BadValue(e.to_string()))?,
            }
        }
        Command::SetGoalStatus { goal, status } => {
            let old = goal_column(tx, *goal, "status")?;
            tx.prepare_cached("UPDATE goal SET status = ?1 WHERE id = ?2")?
                .execute(params![status.map(Status::code), goal.0])?;
            Command::SetGoalStatus {
                goal: *goal,
                status: match old {
                    None => None,
                    Some(code) => Some(Status::from_code(&code).ok_or(StoreError::BadValue(code))?),
                },
            }
        }
        Command::SetGoalContinues { goal, continues } => {
            require(tx, "goal", goal.0, "Målet")?;
            let old: Option<i64> = tx
                .prepare_cached("SELECT continues_id FROM goal WHERE id = ?1")?
                .query_row([goal.0], |r| r.get(0))?;
            if let Some(c) = continues {
                require(tx, "goal", c.0, "Det videreførte mål")?;
            }
            tx.prepare_cached("UPDATE goal SET continues_id = ?1 WHERE id = ?2")?
                .execute(params![continues.map(|c| c.0), goal.0])?;
            Command::SetGoalContinues {
                goal: *goal,
                continues: old.map(GoalId),
            }
        }
        Command::MoveGoal { goal, area, index } => {
            require(tx, "goal", goal.0, "Målet")?;
            require(tx, "focus_area", area.0, "Indsatsområdet")?;
            let (old_area, old_index) =
                move_row(tx, "goal", "focus_area_id", goal.0, area.0, *index)?;
            Command::MoveGoal {
                goal: *goal,
                area: FocusAreaId(old_area),
                index: old_index,
            }
        }
        Command::InsertFollowUp {
            goal,
            index,
            follow_up,
        } => {
            require(tx, "goal", goal.0, "Målet")?;
            let id = insert_follow_up(tx, goal.0, *index, follow_up, &Ids::Keep)?;
            Command::DeleteFollowUp(crate::model::FollowUpId(id))
        }
        Command::DeleteFollowUp(id) => {
            let (goal, follow_up) = read::follow_up(tx, *id)?;
            let (_, index) = close_slot(tx, "follow_up", "goal_id", id.0)?;
            tx.prepare_cached("DELETE FROM follow_up WHERE id = ?1")?
                .execute([id.0])?;
            Command::InsertFollowUp {
                goal,
                index,
                follow_up,
            }
        }
        Command::SetFollowUp(f) => {
            let (_, old) = read::follow_up(tx, f.id)?;
            tx.prepare_cached(
                "UPDATE follow_up SET date = ?1, status = ?2, text = ?3 WHERE id = ?4",
            )?
            .execute(params![
                f.date.to_string(),
                f.status.map(Status::code),
                f.text,
                f.id.0
            ])?;
            Command::SetFollowUp(old)
        }
        Command::InsertPerson(p) => {
            let id = insert_person(tx, p, Ids::Keep.row_id(p.id.0))?;
            Command::DeletePerson(PersonId(id))
        }
        Command::DeletePerson(id) => {
            let person = read::person(tx, *id)?;
            let goals: usize = tx
                .prepare_cached("SELECT COUNT(*) FROM goal_owner WHERE person_id = ?1")?
                .query_row([id.0], |r| r.get::<_, i64>(0))? as usize;
            if goals > 0 {
                return Err(StoreError::PersonHasGoals {
                    name: person.name,
                    goals,
                });
            }
            tx.prepare_cached("DELETE FROM person WHERE id = ?1")?
                .execute([id.0])?;
            Command::InsertPerson(person)
        }
        Command::SetPersonText {
            person,
            field,
            value,
        } => {
            let column = match field {
                PersonField::Name => "name",
                PersonField::Title => "title",
                PersonField::Email => "email",
                PersonField::Unit => "unit",
            };
            let old = set_text(tx, "person", column, person.0, value, "Personen")?;
            Command::SetPersonText {
                person: *person,
                field: *field,
                value: old,
            }
        }
        Command::Batch(commands) => {
            let mut inverses = Vec::with_capacity(commands.len());
            for c in commands {
                inverses.push(apply(tx, c)?);
            }
            inverses.reverse();
            Command::Batch(inverses)
        }
        // Schema 2 (issue 18) brings the tables these commands write; until then they are
        // refused, never half-applied.
        Command::SetFocusAreaOwners { .. }
        | Command::SetGoalRelated { .. }
        | Command::InsertIndicator { .. }
        | Command::DeleteIndicator(_)
        | Command::SetIndicator(_)
        | Command::MoveIndicator { .. }
        | Command::InsertMilestone { .. }
        | Command::DeleteMilestone(_)
        | Command::SetMilestone(_)
        | Command::MoveMilestone { .. }
        | Command::SetPlanWords { .. } => return Err(StoreError::NotFound("Ændringen")),
    })
}

fn goal_column(tx: &Transaction<'_>, goal: GoalId, column: &str) -> Result<Option<String>> {
    tx.prepare_cached(&format!("SELECT {column} FROM goal WHERE id = ?1"))?
        .query_row([goal.0], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound("Målet"))
}

/// Imports a document: people merged by name and mail, plans and goals new, then the links
/// between them. Returns the new plan ids in document order and the inverse command.
pub(super) fn import(tx: &Transaction<'_>, doc: &PlanBundle) -> Result<(Vec<PlanId>, Command)> {
    let mut people = HashMap::new();
    let mut new_people = Vec::new();
    for p in &doc.people {
        let existing: Option<i64> = tx
            .prepare_cached("SELECT id FROM person WHERE name = ?1 AND email = ?2 ORDER BY id")?
            .query_row(params![p.name, p.email], |r| r.get(0))
            .optional()?;
        let id = match existing {
            Some(id) => id,
            None => {
                let id = insert_person(tx, p, None)?;
                new_people.push(PersonId(id));
                id
            }
        };
        people.insert(p.id.0, id);
    }
    let mut ids = Ids::Map {
        people,
        goals: HashMap::new(),
    };
    let mut plan_ids = HashMap::new();
    let mut new_plans = Vec::new();
    for p in &doc.plans {
        let id = insert_plan(tx, p, &mut ids)?;
        plan_ids.insert(p.id.0, id);
        new_plans.push(PlanId(id));
    }
    let Ids::Map { goals, .. } = &ids else {
        return Err(StoreError::Sql("intern fejl i importen".into()));
    };
    for p in &doc.plans {
        if let Some(prev) = p.previous {
            let target = plan_ids
                .get(&prev.0)
                .ok_or(StoreError::NotFound("Den forrige plan"))?;
            tx.prepare_cached("UPDATE plan SET previous_id = ?1 WHERE id = ?2")?
                .execute(params![target, plan_ids[&p.id.0]])?;
        }
        for (_, g) in p.goals() {
            if let Some(c) = g.continues {
                let target = goals
                    .get(&c.0)
                    .ok_or(StoreError::NotFound("Det videreførte mål"))?;
                tx.prepare_cached("UPDATE goal SET continues_id = ?1 WHERE id = ?2")?
                    .execute(params![target, goals[&g.id.0]])?;
            }
        }
    }
    if let Some(extra) = &doc.extra {
        tx.prepare_cached(
            "INSERT OR REPLACE INTO document_meta (key, value) VALUES ('extra', ?1)",
        )?
        .execute([extra])?;
    }
    let mut inverse: Vec<Command> = new_plans
        .iter()
        .rev()
        .map(|p| Command::DeletePlan(*p))
        .collect();
    inverse.extend(new_people.into_iter().map(Command::DeletePerson));
    Ok((new_plans, Command::Batch(inverse)))
}
