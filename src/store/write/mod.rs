//! Writes: each [`Command`] applied inside the caller's transaction, returning its inverse.
//!
//! `Insert*` with id 0 creates a row; with another id it restores a deleted row under that id
//! (ids are AUTOINCREMENT, never reused). Deletes record everything they remove, including
//! links from elsewhere (`previous`, `continues`) and a plan's follow-up rounds and versions, so
//! that their inverse puts all of it back.
//! `insert` writes whole entities, `rows` keeps the order of siblings.

mod goal_parts;
mod insert;
mod rounds;
mod rows;
mod versions;

use super::error::{Result, StoreError};
use super::read::{self, parse_date};
use crate::model::{
    Command, FocusAreaField, FocusAreaId, Goal, GoalField, GoalId, PersonField, PersonId, Plan,
    PlanBundle, PlanField, PlanId, Section, SectionField, Status,
};
use insert::{
    Ids, finish_related, insert_budget_row, insert_focus_area, insert_follow_up, insert_goal,
    insert_person, insert_plan, insert_section, set_owners,
};
use rows::{close_slot, move_row, open_slot, require, set_text};
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::HashMap;

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

/// Links to goals from elsewhere, to restore after a delete: (goal, the goal it continues),
/// and the related lists of goals outside `goals` that name one of them.
fn links_to(tx: &Transaction<'_>, goals: &[GoalId]) -> Result<Vec<Command>> {
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
    out.extend(goal_parts::relations_to(tx, goals)?);
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
            let mut ids = Ids::keep();
            let id = insert_plan(tx, plan, &mut ids)?;
            finish_related(tx, &mut ids)?;
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
            links.extend(links_to(tx, &goals)?);
            // The plan's rounds go with it (ON DELETE CASCADE) and come back with it, under
            // their ids, right after the plan they belong to.
            let rounds = super::read_rounds::rounds(tx, *id)?;
            // So do its versions (with their content: a damaged one comes back as damaged).
            let mut restore: Vec<Command> = rounds
                .into_iter()
                .map(|r| Command::InsertRound(Box::new(r)))
                .collect();
            restore.extend(versions::restore_versions_of(tx, *id)?);
            links.splice(0..0, restore);
            tx.prepare_cached("DELETE FROM plan WHERE id = ?1")?
                .execute([id.0])?;
            versions::drop_unused_chunks(tx)?;
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
            let id = insert_section(tx, plan.0, index, section, &Ids::keep())?;
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
            let id = insert_budget_row(tx, plan.0, index, row, &Ids::keep())?;
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
            let mut ids = Ids::keep();
            let id = insert_focus_area(tx, plan.0, index, area, &mut ids)?;
            finish_related(tx, &mut ids)?;
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
            let links = links_to(tx, &goals)?;
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
            let mut ids = Ids::keep();
            let id = insert_goal(tx, area.0, index, goal, &mut ids)?;
            finish_related(tx, &mut ids)?;
            Command::DeleteGoal(GoalId(id))
        }
        Command::DeleteGoal(id) => {
            let plan_id = plan_of(tx, PLAN_OF_GOAL, id.0, "Målet")?;
            let plan = read::load_plan(tx, plan_id)?;
            let (area, index, goal) = find_goal(&plan, *id).ok_or(StoreError::NotFound("Målet"))?;
            let goal = goal.clone();
            let links = links_to(tx, &[*id])?;
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
            let id = insert_follow_up(tx, goal.0, *index, follow_up, &Ids::keep(), &|i| Some(i.0))?;
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
        Command::SetFollowUp(f) => goal_parts::set_follow_up(tx, f)?,
        Command::InsertPerson(p) => {
            let id = insert_person(tx, p, Ids::keep().row_id(p.id.0))?;
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
            let areas: Vec<String> = tx
                .prepare_cached(
                    "SELECT a.title FROM focus_area_owner o JOIN focus_area a \
                     ON a.id = o.focus_area_id WHERE o.person_id = ?1 ORDER BY a.plan_id, \
                     a.position, a.id",
                )?
                .query_map([id.0], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if let Some(first) = areas.first() {
                return Err(StoreError::PersonAnswersForAreas {
                    name: person.name,
                    area: first.clone(),
                    others: areas.len() - 1,
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
        Command::SetFocusAreaOwners { area, owners } => {
            goal_parts::set_focus_area_owners(tx, *area, owners)?
        }
        Command::SetGoalRelated { goal, related } => {
            goal_parts::set_goal_related(tx, *goal, related)?
        }
        Command::InsertIndicator {
            goal,
            index,
            indicator,
        } => goal_parts::insert_indicator_at(tx, *goal, *index, indicator)?,
        Command::DeleteIndicator(id) => goal_parts::delete_indicator(tx, *id)?,
        Command::SetIndicator(indicator) => goal_parts::set_indicator(tx, indicator)?,
        Command::MoveIndicator { indicator, index } => {
            goal_parts::move_indicator(tx, *indicator, *index)?
        }
        Command::InsertMilestone {
            goal,
            index,
            milestone,
        } => goal_parts::insert_milestone_at(tx, *goal, *index, milestone)?,
        Command::DeleteMilestone(id) => goal_parts::delete_milestone(tx, *id)?,
        Command::SetMilestone(milestone) => goal_parts::set_milestone(tx, milestone)?,
        Command::MoveMilestone { milestone, index } => {
            goal_parts::move_milestone(tx, *milestone, *index)?
        }
        Command::SetPlanWords {
            plan,
            labels,
            numbering,
            print,
        } => goal_parts::set_plan_words(tx, *plan, labels, numbering, print)?,
        Command::InsertRound(round) => rounds::insert_round(tx, round)?,
        Command::DeleteRound(id) => rounds::delete_round(tx, *id)?,
        Command::InsertVersion(frozen) => versions::insert_version(tx, frozen)?,
        Command::DeleteVersion(id) => versions::delete_version(tx, *id)?,
        Command::SetRoundPackage { round, package } => rounds::set_package(tx, *round, package)?,
        Command::SetRoundClosed { round, closed_on } => rounds::set_closed(tx, *round, *closed_on)?,
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
    let mut ids = Ids::import(people);
    let mut plan_ids = HashMap::new();
    let mut new_plans = Vec::new();
    for p in &doc.plans {
        let id = insert_plan(tx, p, &mut ids)?;
        plan_ids.insert(p.id.0, id);
        new_plans.push(PlanId(id));
    }
    finish_related(tx, &mut ids)?;
    let goals = ids.map.map(|m| m.goals).unwrap_or_default();
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
