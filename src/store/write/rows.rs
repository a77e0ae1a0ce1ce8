//! Rows among their siblings: existence checks, the order of a parent's children and the
//! positions that keep it (make room, close the gap, move), and one-column text edits.

use crate::store::error::{Result, StoreError};
use rusqlite::{OptionalExtension, Transaction, params};

pub(super) fn exists(tx: &Transaction<'_>, table: &str, id: i64) -> Result<bool> {
    Ok(tx
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

pub(super) fn require(
    tx: &Transaction<'_>,
    table: &str,
    id: i64,
    what: &'static str,
) -> Result<()> {
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
pub(super) fn order(
    tx: &Transaction<'_>,
    table: &str,
    parent: &str,
    parent_id: i64,
) -> Result<Vec<i64>> {
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

pub(super) fn renumber(tx: &Transaction<'_>, table: &str, ids: &[i64]) -> Result<()> {
    let mut stmt = tx.prepare_cached(&format!(
        "UPDATE {table} SET position = ?1 WHERE id = ?2 AND position IS NOT ?1"
    ))?;
    for (i, id) in ids.iter().enumerate() {
        stmt.execute(params![i as i64, id])?;
    }
    Ok(())
}

/// Makes room at `index` among a parent's children; returns the clamped index.
pub(super) fn open_slot(
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
pub(super) fn close_slot(
    tx: &Transaction<'_>,
    table: &str,
    parent: &str,
    id: i64,
) -> Result<(i64, usize)> {
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
pub(super) fn move_row(
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
pub(super) fn set_text(
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
