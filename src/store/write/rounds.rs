//! Follow-up rounds (issue 19) into the file: a whole round with its packages and receipts
//! (new, or restored under its old id), its deletion, one package replaced, closing and
//! opening again. Each returns its inverse. Rounds hold ids of people, goals and indicators
//! without foreign keys, so nothing here checks that they still exist: a round remembers
//! what was sent even when the plan has changed since.

use super::insert::Ids;
use super::rows::require;
use crate::model::{Command, Date, Package, Round, RoundId};
use crate::store::error::{Result, StoreError};
use crate::store::read_rounds::{self, ROUND};
use rusqlite::{OptionalExtension, Transaction, params};

const PACKAGE: &str = "Tovholderens del af opfølgningsrunden";

/// Inserts a round (id 0: a new row; otherwise restored under its id); returns the inverse.
pub(super) fn insert_round(tx: &Transaction<'_>, round: &Round) -> Result<Command> {
    if round.name.trim().is_empty() {
        return Err(StoreError::RoundNameBlank);
    }
    require(tx, "plan", round.plan.0, "Planen")?;
    for (i, p) in round.packages.iter().enumerate() {
        if round.packages[..i].iter().any(|q| q.person == p.person) {
            return Err(StoreError::PackageTwice(p.person_name.clone()));
        }
    }
    tx.prepare_cached(
        "INSERT INTO round (id, plan_id, name, deadline, started_on, closed_on, folder) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        Ids::keep().row_id(round.id.0),
        round.plan.0,
        round.name,
        round.deadline.to_string(),
        round.started_on.to_string(),
        round.closed_on.map(|d| d.to_string()),
        round.folder,
    ])?;
    let id = tx.last_insert_rowid();
    for (position, package) in round.packages.iter().enumerate() {
        insert_package(tx, id, position as i64, package)?;
    }
    Ok(Command::DeleteRound(RoundId(id)))
}

fn insert_package(tx: &Transaction<'_>, round: i64, position: i64, p: &Package) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO round_package (round_id, person_id, position, person_name, file_name, \
         sent_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        round,
        p.person.0,
        position,
        p.person_name,
        p.file_name,
        p.sent_on.map(|d| d.to_string()),
    ])?;
    let person = p.person.0;
    let mut goal = tx.prepare_cached(
        "INSERT INTO round_goal (round_id, person_id, position, goal_id) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, g) in p.goals.iter().enumerate() {
        goal.execute(params![round, person, i as i64, g.0])?;
    }
    let mut indicator = tx.prepare_cached(
        "INSERT INTO round_indicator (round_id, person_id, position, indicator_id) \
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, ind) in p.indicators.iter().enumerate() {
        indicator.execute(params![round, person, i as i64, ind.0])?;
    }
    let mut receipt = tx.prepare_cached(
        "INSERT INTO round_receipt (round_id, person_id, position, received_on, digest, \
         follow_ups) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, r) in p.receipts.iter().enumerate() {
        // A count no workbook can reach; saturating keeps the type honest without a message
        // for the impossible.
        let follow_ups = i64::try_from(r.follow_ups).unwrap_or(i64::MAX);
        receipt.execute(params![
            round,
            person,
            i as i64,
            r.received_on.to_string(),
            r.digest,
            follow_ups
        ])?;
    }
    Ok(())
}

/// Deletes a round with everything in it; the inverse restores it whole under its id.
pub(super) fn delete_round(tx: &Transaction<'_>, id: RoundId) -> Result<Command> {
    let round = read_rounds::round(tx, id)?;
    tx.prepare_cached("DELETE FROM round WHERE id = ?1")?
        .execute([id.0])?;
    Ok(Command::InsertRound(Box::new(round)))
}

/// Replaces one tovholder's package in its place; the inverse puts the old one back.
pub(super) fn set_package(
    tx: &Transaction<'_>,
    round: RoundId,
    package: &Package,
) -> Result<Command> {
    let position: i64 = tx
        .prepare_cached(
            "SELECT position FROM round_package WHERE round_id = ?1 AND person_id = ?2",
        )?
        .query_row(params![round.0, package.person.0], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound(PACKAGE))?;
    let old = read_rounds::round(tx, round)?
        .packages
        .into_iter()
        .find(|p| p.person == package.person)
        .ok_or(StoreError::NotFound(PACKAGE))?;
    // The goals, indicators and receipts go with the row (ON DELETE CASCADE).
    tx.prepare_cached("DELETE FROM round_package WHERE round_id = ?1 AND person_id = ?2")?
        .execute(params![round.0, package.person.0])?;
    insert_package(tx, round.0, position, package)?;
    Ok(Command::SetRoundPackage {
        round,
        package: old,
    })
}

/// Closes a round or opens it again; the inverse sets the old day back.
pub(super) fn set_closed(
    tx: &Transaction<'_>,
    round: RoundId,
    closed_on: Option<Date>,
) -> Result<Command> {
    let old: Option<String> = tx
        .prepare_cached("SELECT closed_on FROM round WHERE id = ?1")?
        .query_row([round.0], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound(ROUND))?;
    let old = crate::store::read::parse_date(old)?;
    tx.prepare_cached("UPDATE round SET closed_on = ?1 WHERE id = ?2")?
        .execute(params![closed_on.map(|d| d.to_string()), round.0])?;
    Ok(Command::SetRoundClosed {
        round,
        closed_on: old,
    })
}
