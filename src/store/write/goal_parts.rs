//! The edits schema 2 brought (issue 18), each returning its exact inverse: a focus area's
//! owners, a goal's related goals, indicators (a delete takes its measurements with it and
//! its inverse gives them back), milestones, a follow-up's measurements, and the plan's own
//! words, numbering and print settings.

use super::insert::{
    Ids, figure_columns, insert_indicator, insert_measurements, insert_milestone, set_owner_rows,
    set_related,
};
use super::rows::{close_slot, move_row, open_slot, require};
use crate::model::{
    Command, Direction, FocusAreaId, FollowUp, FollowUpId, GoalId, Indicator, IndicatorId, Label,
    Labels, Milestone, MilestoneId, Numbering, PersonId, PlanId, PrintSettings, Status,
};
use crate::store::error::{Result, StoreError};
use crate::store::read;
use rusqlite::{Transaction, params};

/// Ids in one column of a link table, for one parent, in their order.
fn linked(tx: &Transaction<'_>, sql: &str, parent: i64) -> Result<Vec<i64>> {
    Ok(tx
        .prepare_cached(sql)?
        .query_map([parent], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?)
}

pub(super) fn set_focus_area_owners(
    tx: &Transaction<'_>,
    area: FocusAreaId,
    owners: &[PersonId],
) -> Result<Command> {
    require(tx, "focus_area", area.0, "Indsatsområdet")?;
    // Only people still in the file, as for a goal's owners: the foreign key refuses a link
    // to one another program deleted, so undo could not bring it back.
    let old = linked(
        tx,
        "SELECT o.person_id FROM focus_area_owner o JOIN person p ON p.id = o.person_id \
         WHERE o.focus_area_id = ?1 ORDER BY o.position",
        area.0,
    )?;
    let ids: Vec<i64> = owners.iter().map(|p| p.0).collect();
    set_owner_rows(tx, "focus_area_owner", "focus_area_id", area.0, &ids)?;
    Ok(Command::SetFocusAreaOwners {
        area,
        owners: old.into_iter().map(PersonId).collect(),
    })
}

/// A goal's related goals as stored, in order.
pub(super) fn related_of(tx: &Transaction<'_>, goal: i64) -> Result<Vec<GoalId>> {
    Ok(linked(
        tx,
        "SELECT related_id FROM goal_related WHERE goal_id = ?1 ORDER BY position",
        goal,
    )?
    .into_iter()
    .map(GoalId)
    .collect())
}

pub(super) fn set_goal_related(
    tx: &Transaction<'_>,
    goal: GoalId,
    related: &[GoalId],
) -> Result<Command> {
    require(tx, "goal", goal.0, "Målet")?;
    let old = related_of(tx, goal.0)?;
    let ids: Vec<i64> = related.iter().map(|g| g.0).collect();
    set_related(tx, goal.0, &ids)?;
    Ok(Command::SetGoalRelated { goal, related: old })
}

/// Links to `goals` from goals outside them, to restore after a delete: each such goal's
/// related list as it was.
pub(super) fn relations_to(tx: &Transaction<'_>, goals: &[GoalId]) -> Result<Vec<Command>> {
    let mut others: Vec<i64> = Vec::new();
    for g in goals {
        for other in linked(
            tx,
            "SELECT goal_id FROM goal_related WHERE related_id = ?1 ORDER BY goal_id",
            g.0,
        )? {
            if !goals.contains(&GoalId(other)) && !others.contains(&other) {
                others.push(other);
            }
        }
    }
    others
        .into_iter()
        .map(|other| {
            Ok(Command::SetGoalRelated {
                goal: GoalId(other),
                related: related_of(tx, other)?,
            })
        })
        .collect()
}

pub(super) fn insert_indicator_at(
    tx: &Transaction<'_>,
    goal: GoalId,
    index: usize,
    indicator: &Indicator,
) -> Result<Command> {
    require(tx, "goal", goal.0, "Målet")?;
    let index = open_slot(tx, "indicator", "goal_id", goal.0, index)?;
    let id = insert_indicator(tx, goal.0, index, indicator, &Ids::keep())?;
    Ok(Command::DeleteIndicator(IndicatorId(id)))
}

pub(super) fn delete_indicator(tx: &Transaction<'_>, id: IndicatorId) -> Result<Command> {
    let (goal, indicator) = read::indicator(tx, id)?;
    // The follow-ups that measured it, whole as they are: their inverse puts each
    // measurement back in its place among the others.
    let measured = linked(
        tx,
        "SELECT m.follow_up_id FROM measurement m JOIN follow_up f ON f.id = m.follow_up_id \
         WHERE m.indicator_id = ?1 ORDER BY f.date, f.position, f.id",
        id.0,
    )?;
    let mut restore = Vec::with_capacity(measured.len());
    for f in measured {
        let (_, follow_up) = read::follow_up(tx, FollowUpId(f))?;
        restore.push(Command::SetFollowUp(follow_up));
    }
    let (_, index) = close_slot(tx, "indicator", "goal_id", id.0)?;
    tx.prepare_cached("DELETE FROM indicator WHERE id = ?1")?
        .execute([id.0])?;
    let insert = Command::InsertIndicator {
        goal,
        index,
        indicator,
    };
    Ok(if restore.is_empty() {
        insert
    } else {
        restore.insert(0, insert);
        Command::Batch(restore)
    })
}

pub(super) fn set_indicator(tx: &Transaction<'_>, indicator: &Indicator) -> Result<Command> {
    let (_, old) = read::indicator(tx, indicator.id)?;
    let (bv, bd, be) = figure_columns(indicator.baseline.as_ref());
    let (tv, td, te) = figure_columns(indicator.target.as_ref());
    tx.prepare_cached(
        "UPDATE indicator SET name = ?1, unit = ?2, baseline_value = ?3, baseline_date = ?4, \
         baseline_extra = ?5, target_value = ?6, target_date = ?7, target_extra = ?8, \
         direction = ?9 WHERE id = ?10",
    )?
    .execute(params![
        indicator.name,
        indicator.unit,
        bv,
        bd,
        be,
        tv,
        td,
        te,
        indicator.direction.map(Direction::code),
        indicator.id.0
    ])?;
    Ok(Command::SetIndicator(old))
}

pub(super) fn move_indicator(
    tx: &Transaction<'_>,
    indicator: IndicatorId,
    index: usize,
) -> Result<Command> {
    let (goal, _) = read::indicator(tx, indicator)?;
    let (_, old) = move_row(tx, "indicator", "goal_id", indicator.0, goal.0, index)?;
    Ok(Command::MoveIndicator {
        indicator,
        index: old,
    })
}

pub(super) fn insert_milestone_at(
    tx: &Transaction<'_>,
    goal: GoalId,
    index: usize,
    milestone: &Milestone,
) -> Result<Command> {
    require(tx, "goal", goal.0, "Målet")?;
    let index = open_slot(tx, "milestone", "goal_id", goal.0, index)?;
    let id = insert_milestone(tx, goal.0, index, milestone, &Ids::keep())?;
    Ok(Command::DeleteMilestone(MilestoneId(id)))
}

pub(super) fn delete_milestone(tx: &Transaction<'_>, id: MilestoneId) -> Result<Command> {
    let (goal, milestone) = read::milestone(tx, id)?;
    let (_, index) = close_slot(tx, "milestone", "goal_id", id.0)?;
    tx.prepare_cached("DELETE FROM milestone WHERE id = ?1")?
        .execute([id.0])?;
    Ok(Command::InsertMilestone {
        goal,
        index,
        milestone,
    })
}

pub(super) fn set_milestone(tx: &Transaction<'_>, milestone: &Milestone) -> Result<Command> {
    let (_, old) = read::milestone(tx, milestone.id)?;
    tx.prepare_cached("UPDATE milestone SET text = ?1, date = ?2, done = ?3 WHERE id = ?4")?
        .execute(params![
            milestone.text,
            milestone.date.map(|d| d.to_string()),
            milestone.done,
            milestone.id.0
        ])?;
    Ok(Command::SetMilestone(old))
}

pub(super) fn move_milestone(
    tx: &Transaction<'_>,
    milestone: MilestoneId,
    index: usize,
) -> Result<Command> {
    let (goal, _) = read::milestone(tx, milestone)?;
    let (_, old) = move_row(tx, "milestone", "goal_id", milestone.0, goal.0, index)?;
    Ok(Command::MoveMilestone {
        milestone,
        index: old,
    })
}

/// Replaces a follow-up's date, status, text and measurements.
pub(super) fn set_follow_up(tx: &Transaction<'_>, f: &FollowUp) -> Result<Command> {
    let (goal, old) = read::follow_up(tx, f.id)?;
    tx.prepare_cached("UPDATE follow_up SET date = ?1, status = ?2, text = ?3 WHERE id = ?4")?
        .execute(params![
            f.date.to_string(),
            f.status.map(Status::code),
            f.text,
            f.id.0
        ])?;
    if f.measurements != old.measurements {
        tx.prepare_cached("DELETE FROM measurement WHERE follow_up_id = ?1")?
            .execute([f.id.0])?;
        insert_measurements(tx, goal.0, f.id.0, &f.measurements, &|i| Some(i.0))?;
    }
    Ok(Command::SetFollowUp(old))
}

pub(super) fn set_plan_words(
    tx: &Transaction<'_>,
    plan: PlanId,
    labels: &Labels,
    numbering: &Numbering,
    print: &PrintSettings,
) -> Result<Command> {
    for label in Label::ALL {
        if labels.get(label).is_some_and(|w| w.trim().is_empty()) {
            return Err(StoreError::BlankLabel(label.default_word()));
        }
    }
    let (old_labels, old_numbering, old_print) = read::plan_words(tx, plan)?;
    tx.prepare_cached(
        "UPDATE plan SET label_focus_area = ?1, label_focus_areas = ?2, label_goal = ?3, \
         label_owner = ?4, label_documentation = ?5, label_intro = ?6, labels_extra = ?7, \
         numbering_focus_areas = ?8, numbering_goals = ?9, numbering_extra = ?10, \
         print_empty_fields = ?11, print_owner_email = ?12, print_owner_title = ?13, \
         print_extra = ?14 WHERE id = ?15",
    )?
    .execute(params![
        labels.focus_area,
        labels.focus_areas,
        labels.goal,
        labels.owner,
        labels.documentation,
        labels.intro,
        labels.extra,
        numbering.focus_areas.code(),
        numbering.goals.code(),
        numbering.extra,
        print.empty_fields.code(),
        print.owner_email,
        print.owner_title,
        print.extra,
        plan.0
    ])?;
    Ok(Command::SetPlanWords {
        plan,
        labels: old_labels,
        numbering: old_numbering,
        print: old_print,
    })
}
