//! The open plan file as the editor and the command line use it: the store plus the undo
//! history of this session. Every change goes through [`Document::apply`]: one SQLite
//! transaction and one undo step, both or neither.

use crate::model::{self, Command, PlanId};
use crate::store::{Result, Store};
use std::path::Path;

/// One undo (or redo) step: the command that reverses an edit, and the edit's name.
#[derive(Debug, Clone)]
struct Step {
    label: &'static str,
    inverse: Command,
}

/// An open plan file with its undo and redo history.
#[derive(Debug)]
pub struct Document {
    store: Store,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Set when the user left a field: the next text edit starts a new undo step.
    typing_closed: bool,
}

impl Document {
    /// Wraps an open store.
    pub fn new(store: Store) -> Document {
        Document {
            store,
            undo: Vec::new(),
            redo: Vec::new(),
            typing_closed: true,
        }
    }

    /// Opens an existing file with every safety check.
    pub fn open(path: &Path) -> Result<Document> {
        Ok(Document::new(Store::open(path)?))
    }

    /// Opens a file, creating it when missing.
    pub fn open_or_create(path: &Path) -> Result<Document> {
        Ok(Document::new(Store::open_or_create(path)?))
    }

    /// Creates a new file at `path` holding `doc`, all or nothing: the file gets its name only
    /// when the import succeeded (a full disk leaves nothing). Returns the file and the new
    /// plans' ids.
    pub fn create_with_import(
        path: &Path,
        doc: &model::PlanBundle,
    ) -> Result<(Document, Vec<PlanId>)> {
        let (store, ids) = Store::create_with(path, |store| Ok(store.import(doc)?.0))?;
        Ok((Document::new(store), ids))
    }

    /// The store, for reading.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Applies an edit (committed at once) and records its undo step.
    pub fn apply(&mut self, command: Command) -> Result<()> {
        let inverse = self.store.apply(&command)?;
        self.undo.push(Step {
            label: command.label(),
            inverse,
        });
        self.redo.clear();
        self.typing_closed = false;
        Ok(())
    }

    /// Applies a text edit; successive edits of the same field (typing, committed in bursts
    /// by the editor) merge into one undo step whose undo restores the text from before the
    /// first of them.
    pub fn apply_typing(&mut self, command: Command) -> Result<()> {
        let target = command.text_target();
        let merges = target.is_some()
            && !self.typing_closed
            && self.redo.is_empty()
            && self
                .undo
                .last()
                .is_some_and(|s| s.inverse.text_target() == target);
        if !merges {
            return self.apply(command);
        }
        self.store.apply(&command)?;
        Ok(())
    }

    /// Ends the current typing burst: the next text edit starts a new undo step even when it
    /// is the same field (e.g. after the user left the field).
    pub fn end_typing(&mut self) {
        self.typing_closed = true;
    }

    /// Imports a document as one undoable edit; returns the new plan ids in order.
    pub fn import(&mut self, doc: &model::PlanBundle) -> Result<Vec<PlanId>> {
        let (ids, inverse) = self.store.import(doc)?;
        self.undo.push(Step {
            label: "import",
            inverse,
        });
        self.redo.clear();
        self.typing_closed = true;
        Ok(ids)
    }

    /// Undoes the last edit. Returns false when there is nothing to undo. When the undo
    /// cannot be applied (another program changed the same things), the step is dropped and
    /// the error returned.
    pub fn undo(&mut self) -> Result<bool> {
        let step = self.undo.pop();
        Ok(match self.replay(step)? {
            Some(redo) => {
                self.redo.push(redo);
                true
            }
            None => false,
        })
    }

    /// Redoes the last undone edit. Returns false when there is nothing to redo.
    pub fn redo(&mut self) -> Result<bool> {
        let step = self.redo.pop();
        Ok(match self.replay(step)? {
            Some(undo) => {
                self.undo.push(undo);
                true
            }
            None => false,
        })
    }

    /// Applies a recorded step's inverse; returns the step that reverses it again.
    fn replay(&mut self, step: Option<Step>) -> Result<Option<Step>> {
        self.typing_closed = true;
        let Some(step) = step else {
            return Ok(None);
        };
        let inverse = self.store.apply(&step.inverse)?;
        Ok(Some(Step {
            label: step.label,
            inverse,
        }))
    }

    /// The name of the edit that undo would reverse ("Fortryd ret mål").
    pub fn undo_label(&self) -> Option<&'static str> {
        self.undo.last().map(|s| s.label)
    }

    /// The name of the edit that redo would repeat.
    pub fn redo_label(&self) -> Option<&'static str> {
        self.redo.last().map(|s| s.label)
    }
}
