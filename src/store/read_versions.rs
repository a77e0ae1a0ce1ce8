//! Queries for frozen versions (issue 20, schema 4): rows of `version` to [`Version`]s, and a
//! version's content put together from its chunks and checked. Listing reads no content; the
//! content is read only with its check, so a version another program changed is an error
//! ([`StoreError::VersionDamaged`]) and never returned.

use super::chunks;
use super::error::{Result, StoreError};
use crate::model::{Moment, Payload, PlanId, Version, VersionId, VersionKind};
use rusqlite::{Connection, OptionalExtension, Row};

/// The word for a version in "… findes ikke (længere) i filen".
pub(super) const VERSION: &str = "Versionen";

const COLUMNS: &str = "id, plan_id, number, label, saved_at, saved_by, kind";

fn row_to_version(r: &Row<'_>) -> rusqlite::Result<Version> {
    let bad = |at: usize, what: &str| {
        rusqlite::Error::InvalidColumnType(at, what.into(), rusqlite::types::Type::Text)
    };
    let number: i64 = r.get(2)?;
    let saved_at: String = r.get(4)?;
    let kind: String = r.get(6)?;
    Ok(Version {
        id: VersionId(r.get(0)?),
        plan: PlanId(r.get(1)?),
        number: u32::try_from(number).map_err(|_| bad(2, "versionsnummer"))?,
        label: r.get(3)?,
        saved_at: Moment::parse_iso(&saved_at).ok_or_else(|| bad(4, "tidspunkt"))?,
        saved_by: r.get(5)?,
        kind: VersionKind::from_code(&kind).ok_or_else(|| bad(6, "slags version"))?,
    })
}

/// A plan's versions, lowest number first.
pub(super) fn versions(conn: &Connection, plan: PlanId) -> Result<Vec<Version>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM version WHERE plan_id = ?1 ORDER BY number"
    ))?;
    let rows = stmt.query_map([plan.0], row_to_version)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One version's metadata.
pub(super) fn version(conn: &Connection, id: VersionId) -> Result<Version> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM version WHERE id = ?1"))?
        .query_row([id.0], row_to_version)
        .optional()?
        .ok_or(StoreError::NotFound(VERSION))
}

/// A stored chunk's bytes, or `None` when it is missing or does not read back (it does not
/// inflate, or its base is missing, damaged or itself has a base, which this program never
/// writes).
pub(super) fn chunk(conn: &Connection, digest: &str) -> Result<Option<Vec<u8>>> {
    let row = |key: &str| -> Result<Option<(Vec<u8>, Option<String>)>> {
        Ok(conn
            .prepare_cached("SELECT data, base FROM version_chunk WHERE digest = ?1")?
            .query_row([key], |r| {
                let data = match r.get_ref(0)? {
                    rusqlite::types::ValueRef::Blob(b) => b.to_vec(),
                    // Anything but a BLOB is not ours: it cannot inflate.
                    _ => Vec::new(),
                };
                Ok((data, r.get(1)?))
            })
            .optional()?)
    };
    let Some((data, base)) = row(digest)? else {
        return Ok(None);
    };
    let base = match base {
        None => None,
        Some(key) => match row(&key)? {
            Some((base, None)) => match chunks::inflate(&base, None) {
                Some(bytes) => Some(bytes),
                None => return Ok(None),
            },
            _ => return Ok(None),
        },
    };
    Ok(chunks::inflate(&data, base.as_deref()))
}

/// The digests of a version's chunks, in order.
pub(super) fn parts(conn: &Connection, id: VersionId) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT chunk FROM version_part WHERE version_id = ?1 ORDER BY seq")?;
    let rows = stmt.query_map([id.0], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One version's content, put together from its chunks and checked against the size and
/// digest stored with it. A missing chunk, a chunk that does not inflate, a wrong size or
/// digest: [`StoreError::VersionDamaged`].
pub(super) fn payload(conn: &Connection, id: VersionId) -> Result<Payload> {
    let meta = version(conn, id)?;
    let (size, digest): (i64, String) = conn
        .prepare_cached("SELECT size, digest FROM version WHERE id = ?1")?
        .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let damaged = || StoreError::VersionDamaged {
        number: meta.number,
        label: meta.label.clone(),
    };
    let size = usize::try_from(size).map_err(|_| damaged())?;
    let parts = parts(conn, id)?;
    let mut out = Vec::new();
    for key in &parts {
        out.extend_from_slice(&chunk(conn, key)?.ok_or_else(damaged)?);
        if out.len() > size {
            return Err(damaged());
        }
    }
    // A version with no parts is one whose content was lost before it was deleted and then
    // restored by undo (`write::versions`): it stays damaged.
    if parts.is_empty() || out.len() != size || chunks::digest(&out) != digest {
        return Err(damaged());
    }
    Ok(Payload(out.into()))
}
