//! The plan file: the only module that speaks SQL.
//!
//! Owns opening a `.sqlite` file safely (whoever made it), the schema and its migrations, the
//! queries that turn rows into [`crate::model`] values, and the writes that apply a
//! [`Command`] in one transaction and return its inverse (the undo step). It must not know
//! about JSON, egui or printpdf, and keeps no state beyond the open connection.

mod error;
mod open;
mod read;
pub mod schema;
mod write;

pub use error::{Result, StoreError};
pub use open::{OpenOptions, ReadOnlyReason};

use crate::model::{Command, Document, Person, Plan, PlanId, PlanSummary};
use rusqlite::{Connection, TransactionBehavior};
use std::path::{Path, PathBuf};

/// An open plan file.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    schema_version: i64,
    read_only: Option<ReadOnlyReason>,
}

/// A short Danish reason for a failed file operation.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "mappen findes ikke".into(),
        std::io::ErrorKind::PermissionDenied => "ingen skriveadgang".into(),
        _ => e.to_string(),
    }
}

impl Store {
    /// Opens an existing plan file as the editor does, with every safety check.
    pub fn open(path: &Path) -> Result<Store> {
        open::open(path, &OpenOptions::default())
    }

    /// Opens a plan file, creating a new, empty one when none exists at the path.
    pub fn open_or_create(path: &Path) -> Result<Store> {
        let options = OpenOptions {
            create: true,
            ..OpenOptions::default()
        };
        open::open(path, &options)
    }

    /// Opens with explicit options (timeouts, migrations under test).
    pub fn open_with(path: &Path, options: &OpenOptions) -> Result<Store> {
        open::open(path, options)
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version the file was written with.
    pub fn schema_version(&self) -> i64 {
        self.schema_version
    }

    /// Why the file is open read-only, or `None` when it can be edited.
    pub fn read_only(&self) -> Option<&ReadOnlyReason> {
        self.read_only.as_ref()
    }

    /// A number that changes when another connection (another window or program) has
    /// committed a change to the file since the last call: reload what is shown when it does.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// One line per plan, in id order.
    pub fn list_plans(&self) -> Result<Vec<PlanSummary>> {
        read::list_plans(&self.conn)
    }

    /// Every person in the file, by name.
    pub fn people(&self) -> Result<Vec<Person>> {
        read::people(&self.conn)
    }

    /// One whole plan.
    pub fn load_plan(&self, id: PlanId) -> Result<Plan> {
        read::load_plan(&self.conn, id)
    }

    /// Every plan (`None`) or one plan with the plans it reaches through `previous`, with the
    /// people they name: what an export writes.
    pub fn load_document(&self, plan: Option<PlanId>) -> Result<Document> {
        read::load_document(&self.conn, plan)
    }

    /// Applies one command in one transaction and returns its inverse: apply the inverse to
    /// undo. Nothing is written when it fails.
    pub fn apply(&mut self, command: &Command) -> Result<Command> {
        self.write(|tx| write::apply(tx, command))
    }

    /// Imports a document (people merged by name and mail) in one transaction; returns the
    /// new plans' ids in the document's order and the inverse command.
    pub fn import(&mut self, doc: &Document) -> Result<(Vec<PlanId>, Command)> {
        self.write(|tx| write::import(tx, doc))
    }

    /// Writes an exact copy of the file to `dest` with SQLite's backup API (consistent even
    /// while others write): first under a temporary name beside `dest`, then renamed, so no
    /// half-written copy ever carries the name.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let failed = |detail: String| StoreError::CopyFailed {
            path: dest.to_path_buf(),
            detail,
        };
        if dest.is_dir() {
            return Err(failed("stien er en mappe".into()));
        }
        let folder = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".virkplan-kopi-")
            .tempfile_in(&folder)
            .map_err(|e| failed(io_reason(&e)))?;
        self.conn
            .backup("main", tmp.path(), None::<fn(rusqlite::backup::Progress)>)
            .map_err(|e| failed(e.to_string()))?;
        tmp.persist(dest).map_err(|e| failed(io_reason(&e.error)))?;
        Ok(())
    }

    fn write<T>(&mut self, f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>) -> Result<T> {
        if let Some(reason) = &self.read_only {
            return Err(StoreError::ReadOnly(reason.short()));
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}
