//! Frozen versions (issue 20) into the file: a version saved (new, with the plan's next
//! number, or restored under its old id and number by undo) and deleted. Each returns its
//! inverse. A version is never changed: no other command touches its rows.
//!
//! A deleted version's inverse holds its whole content, so undo restores it byte for byte.
//! A damaged version (its content fails its check) can still be deleted; its content cannot
//! be recorded, so its inverse holds an empty payload, and restoring that brings back the
//! version's row (number, label, time, who) without content: it is listed again and is still
//! damaged, as it was before it was deleted.

use super::rows::require;
use crate::model::{Command, FrozenVersion, Payload, PlanId, VersionId};
use crate::store::chunks;
use crate::store::error::{Result, StoreError};
use crate::store::read_versions;
use rusqlite::{OptionalExtension, Transaction, params};

/// Saves a version (id 0: a new row numbered 1 + the highest number the plan's versions have
/// ever had; otherwise restored under its id and number); returns the inverse.
pub(super) fn insert_version(tx: &Transaction<'_>, frozen: &FrozenVersion) -> Result<Command> {
    let v = &frozen.version;
    if v.label.trim().is_empty() {
        return Err(StoreError::VersionLabelBlank);
    }
    let payload: &[u8] = &frozen.payload.0;
    let restore = v.id.0 != 0;
    if payload.is_empty() && !restore {
        return Err(StoreError::VersionEmpty);
    }
    require(tx, "plan", v.plan.0, "Planen")?;
    let number: i64 = if restore {
        i64::from(v.number)
    } else {
        // Never a number given before, even to a version deleted since.
        tx.prepare_cached(
            "SELECT MAX(COALESCE((SELECT last FROM version_number WHERE plan_id = ?1), 0), \
             COALESCE((SELECT MAX(number) FROM version WHERE plan_id = ?1), 0)) + 1",
        )?
        .query_row([v.plan.0], |r| r.get(0))?
    };
    let size = i64::try_from(payload.len()).map_err(|_| StoreError::Overflow)?;
    tx.prepare_cached(
        "INSERT INTO version (id, plan_id, number, label, saved_at, saved_by, kind, size, \
         digest) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        restore.then_some(v.id.0),
        v.plan.0,
        number,
        v.label.trim(),
        v.saved_at.iso(),
        v.saved_by,
        v.kind.code(),
        size,
        chunks::digest(payload),
    ])?;
    let id = tx.last_insert_rowid();
    tx.prepare_cached(
        "INSERT INTO version_number (plan_id, last) VALUES (?1, ?2) \
         ON CONFLICT (plan_id) DO UPDATE SET last = MAX(last, excluded.last)",
    )?
    .execute(params![v.plan.0, number])?;
    // The plan's latest version before this one: each chunk is deflated against the one in
    // its place there, when it changed.
    let before: Vec<String> = match tx
        .prepare_cached(
            "SELECT id FROM version WHERE plan_id = ?1 AND id <> ?2 ORDER BY number DESC LIMIT 1",
        )?
        .query_row(params![v.plan.0, id], |r| r.get(0))
        .optional()?
    {
        Some(previous) => read_versions::parts(tx, VersionId(previous))?,
        None => Vec::new(),
    };
    for (seq, chunk) in chunks::cut(payload).into_iter().enumerate() {
        let key = store_chunk(tx, chunk, before.get(seq).map(String::as_str))?;
        tx.prepare_cached("INSERT INTO version_part (version_id, seq, chunk) VALUES (?1, ?2, ?3)")?
            .execute(params![id, seq as i64, key])?;
    }
    Ok(Command::DeleteVersion(VersionId(id)))
}

/// Stores one chunk under its digest unless the file holds it already; returns the digest.
/// A new chunk is deflated against `replaced` (the chunk in its place in the version before),
/// or against the chunk that one is deflated against, so that no chunk needs more than one
/// other to be read. A stored chunk under that digest that does not read back as these bytes
/// (another program changed it) is written anew, on its own, which mends the versions that
/// use it too.
fn store_chunk(tx: &Transaction<'_>, chunk: &[u8], replaced: Option<&str>) -> Result<String> {
    let key = chunks::digest(chunk);
    let exists = tx
        .prepare_cached("SELECT 1 FROM version_chunk WHERE digest = ?1")?
        .exists([&key])?;
    if exists {
        if read_versions::chunk(tx, &key)?.is_some_and(|bytes| bytes == chunk) {
            return Ok(key);
        }
        let data = deflate(chunk, None)?;
        tx.prepare_cached("UPDATE version_chunk SET base = NULL, data = ?2 WHERE digest = ?1")?
            .execute(params![key, data])?;
        return Ok(key);
    }
    let mut base: Option<(String, Vec<u8>)> = None;
    if let Some(replaced) = replaced {
        let own_base: Option<Option<String>> = tx
            .prepare_cached("SELECT base FROM version_chunk WHERE digest = ?1")?
            .query_row([replaced], |r| r.get(0))
            .optional()?;
        if let Some(own_base) = own_base {
            let candidate = own_base.unwrap_or_else(|| replaced.to_string());
            let standalone = tx
                .prepare_cached("SELECT 1 FROM version_chunk WHERE digest = ?1 AND base IS NULL")?
                .exists([&candidate])?;
            if standalone && let Some(bytes) = read_versions::chunk(tx, &candidate)? {
                base = Some((candidate, bytes));
            }
        }
    }
    let data = deflate(chunk, base.as_ref().map(|(_, b)| b.as_slice()))?;
    tx.prepare_cached("INSERT INTO version_chunk (digest, base, data) VALUES (?1, ?2, ?3)")?
        .execute(params![key, base.map(|(k, _)| k), data])?;
    Ok(key)
}

fn deflate(chunk: &[u8], base: Option<&[u8]>) -> Result<Vec<u8>> {
    chunks::deflate(chunk, base).map_err(|e| StoreError::BadValue(e.to_string()))
}

/// Deletes a version with the chunks no other version uses; the inverse restores it under its
/// id and number with its whole content (an empty one when it was damaged: see the module).
pub(super) fn delete_version(tx: &Transaction<'_>, id: VersionId) -> Result<Command> {
    let frozen = frozen(tx, id)?;
    tx.prepare_cached("DELETE FROM version WHERE id = ?1")?
        .execute([id.0])?;
    drop_unused_chunks(tx)?;
    Ok(Command::InsertVersion(Box::new(frozen)))
}

/// A version with its content, as its restoring command holds it (empty content when it is
/// damaged).
fn frozen(tx: &Transaction<'_>, id: VersionId) -> Result<FrozenVersion> {
    let version = read_versions::version(tx, id)?;
    let payload = match read_versions::payload(tx, id) {
        Ok(p) => p,
        Err(StoreError::VersionDamaged { .. }) => Payload(Vec::new().into()),
        Err(e) => return Err(e),
    };
    Ok(FrozenVersion { version, payload })
}

/// The commands that bring a plan's versions back after the plan is deleted (they go with it,
/// ON DELETE CASCADE), lowest number first.
pub(super) fn restore_versions_of(tx: &Transaction<'_>, plan: PlanId) -> Result<Vec<Command>> {
    read_versions::versions(tx, plan)?
        .into_iter()
        .map(|v| Ok(Command::InsertVersion(Box::new(frozen(tx, v.id)?))))
        .collect()
}

/// Removes the chunks no version uses any more and no other chunk is deflated against (after
/// a version or a plan was deleted): first those, then the bases that only they used.
pub(super) fn drop_unused_chunks(tx: &Transaction<'_>) -> Result<()> {
    loop {
        let removed = tx
            .prepare_cached(
                "DELETE FROM version_chunk WHERE NOT EXISTS \
                 (SELECT 1 FROM version_part p WHERE p.chunk = version_chunk.digest) \
                 AND NOT EXISTS (SELECT 1 FROM version_chunk d WHERE d.base = version_chunk.digest)",
            )?
            .execute([])?;
        if removed == 0 {
            return Ok(());
        }
    }
}
