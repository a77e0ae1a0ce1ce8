//! Queries for follow-up rounds (issue 19): rows of `round`, `round_package`, `round_goal`,
//! `round_indicator` and `round_receipt` to [`Round`]s. Rounds are not part of a plan as
//! `read` loads it: they are read on their own, by plan or by id.

use super::error::{Result, StoreError};
use super::read::{parse_date, read_error};
use crate::model::{Date, GoalId, IndicatorId, Package, PersonId, PlanId, Receipt, Round, RoundId};
use rusqlite::{Connection, OptionalExtension, Row};
use std::collections::HashMap;

/// The word for a round in "… findes ikke (længere) i filen".
pub(super) const ROUND: &str = "Opfølgningsrunden";

/// Which rounds a query reads: the `WHERE` on `round r`, with `?1` as its one parameter.
#[derive(Clone, Copy)]
enum Which {
    Plan(PlanId),
    Round(RoundId),
}

impl Which {
    fn condition(self) -> (&'static str, i64) {
        match self {
            Which::Plan(p) => ("r.plan_id = ?1", p.0),
            Which::Round(r) => ("r.id = ?1", r.0),
        }
    }
}

fn required_date(r: &Row<'_>, at: usize, what: &str) -> rusqlite::Result<Date> {
    parse_date(Some(r.get(at)?))?.ok_or(rusqlite::Error::InvalidColumnType(
        at,
        what.into(),
        rusqlite::types::Type::Null,
    ))
}

fn row_to_round(r: &Row<'_>) -> rusqlite::Result<Round> {
    Ok(Round {
        id: RoundId(r.get(0)?),
        plan: PlanId(r.get(1)?),
        name: r.get(2)?,
        deadline: required_date(r, 3, "svarfrist")?,
        started_on: required_date(r, 4, "startdato")?,
        closed_on: parse_date(r.get(5)?)?,
        folder: r.get(6)?,
        packages: Vec::new(),
    })
}

/// Package columns; the round id comes last so that callers can group by it.
fn row_to_package(r: &Row<'_>) -> rusqlite::Result<Package> {
    Ok(Package {
        person: PersonId(r.get(0)?),
        person_name: r.get(1)?,
        file_name: r.get(2)?,
        sent_on: parse_date(r.get(3)?)?,
        goals: Vec::new(),
        indicators: Vec::new(),
        receipts: Vec::new(),
    })
}

fn row_to_receipt(r: &Row<'_>) -> rusqlite::Result<Receipt> {
    let follow_ups: i64 = r.get(4)?;
    Ok(Receipt {
        received_on: required_date(r, 2, "modtaget")?,
        digest: r.get(3)?,
        follow_ups: usize::try_from(follow_ups)
            .map_err(|_| rusqlite::Error::IntegralValueOutOfRange(4, follow_ups))?,
    })
}

/// Runs `sql` (which names `round r`) over the chosen rounds and hands each row to `each`.
fn each_row(
    conn: &Connection,
    sql: &str,
    which: Which,
    mut each: impl FnMut(&Row<'_>) -> Result<()>,
) -> Result<()> {
    let (condition, id) = which.condition();
    let mut stmt = conn.prepare_cached(&sql.replace("{WHERE}", condition))?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        each(r)?;
    }
    Ok(())
}

fn read(conn: &Connection, which: Which) -> Result<Vec<Round>> {
    let mut rounds = Vec::new();
    each_row(
        conn,
        "SELECT r.id, r.plan_id, r.name, r.deadline, r.started_on, r.closed_on, r.folder \
         FROM round r \
         WHERE {WHERE} ORDER BY r.id",
        which,
        |r| {
            rounds.push(row_to_round(r).map_err(read_error)?);
            Ok(())
        },
    )?;
    let round_index: HashMap<i64, usize> = rounds
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.0, i))
        .collect();
    // (round, person) → (round index, package index)
    let mut place: HashMap<(i64, i64), (usize, usize)> = HashMap::new();
    each_row(
        conn,
        "SELECT p.person_id, p.person_name, p.file_name, p.sent_on, p.round_id \
         FROM round_package p JOIN round r ON r.id = p.round_id WHERE {WHERE} \
         ORDER BY p.round_id, p.position, p.person_id",
        which,
        |r| {
            let package = row_to_package(r).map_err(read_error)?;
            let round: i64 = r.get(4)?;
            if let Some(&ri) = round_index.get(&round) {
                let packages = &mut rounds[ri].packages;
                place.insert((round, package.person.0), (ri, packages.len()));
                packages.push(package);
            }
            Ok(())
        },
    )?;
    each_row(
        conn,
        "SELECT g.round_id, g.person_id, g.goal_id FROM round_goal g \
         JOIN round r ON r.id = g.round_id WHERE {WHERE} \
         ORDER BY g.round_id, g.person_id, g.position",
        which,
        |r| {
            if let Some(&(ri, pi)) = place.get(&(r.get(0)?, r.get(1)?)) {
                rounds[ri].packages[pi].goals.push(GoalId(r.get(2)?));
            }
            Ok(())
        },
    )?;
    each_row(
        conn,
        "SELECT i.round_id, i.person_id, i.indicator_id FROM round_indicator i \
         JOIN round r ON r.id = i.round_id WHERE {WHERE} \
         ORDER BY i.round_id, i.person_id, i.position",
        which,
        |r| {
            if let Some(&(ri, pi)) = place.get(&(r.get(0)?, r.get(1)?)) {
                rounds[ri].packages[pi]
                    .indicators
                    .push(IndicatorId(r.get(2)?));
            }
            Ok(())
        },
    )?;
    each_row(
        conn,
        "SELECT c.round_id, c.person_id, c.received_on, c.digest, c.follow_ups \
         FROM round_receipt c JOIN round r ON r.id = c.round_id WHERE {WHERE} \
         ORDER BY c.round_id, c.person_id, c.position",
        which,
        |r| {
            let receipt = row_to_receipt(r).map_err(read_error)?;
            if let Some(&(ri, pi)) = place.get(&(r.get(0)?, r.get(1)?)) {
                rounds[ri].packages[pi].receipts.push(receipt);
            }
            Ok(())
        },
    )?;
    // Periods do not sort as text: the model's order of dates, then the order of creation.
    rounds.sort_by_key(|r| (r.started_on, r.id));
    Ok(rounds)
}

/// A plan's rounds, oldest first; packages in the order they were chosen, receipts oldest
/// first.
pub(super) fn rounds(conn: &Connection, plan: PlanId) -> Result<Vec<Round>> {
    let exists = conn
        .prepare_cached("SELECT 1 FROM plan WHERE id = ?1")?
        .query_row([plan.0], |_| Ok(()))
        .optional()?
        .is_some();
    if !exists {
        return Err(StoreError::NoSuchPlan(plan.0));
    }
    read(conn, Which::Plan(plan))
}

/// One round.
pub(super) fn round(conn: &Connection, id: RoundId) -> Result<Round> {
    read(conn, Which::Round(id))?
        .pop()
        .ok_or(StoreError::NotFound(ROUND))
}
