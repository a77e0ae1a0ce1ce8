//! The open plan file as the editor and the command line use it: the store plus the undo
//! history of this session. Every change goes through [`Document::apply`]: one SQLite
//! transaction and one undo step, both or neither. It is also the one face of the file for
//! reading (plans, people, what the PDF needs, what changed on disk): nothing above it names
//! the store.

use crate::model::{
    self, BudgetRowId, Command, FocusAreaId, FollowUpId, GoalId, IndicatorId, MilestoneId, Payload,
    Person, PersonId, Plan, PlanBundle, PlanId, PlanSummary, Round, RoundId, SectionId, Version,
    VersionId,
};
use crate::store::Store;
use std::path::Path;

/// Why a file is open read-only.
pub use crate::store::ReadOnlyReason;
/// Why a file could not be opened, read or changed: an enum whose `Display` is the Danish
/// sentence for the user (path last where there is one).
pub use crate::store::StoreError as DocumentError;
/// SQLite's damage report as a short Danish phrase.
pub use crate::store::describe_damage;

/// A result of the document.
pub type Result<T, E = DocumentError> = std::result::Result<T, E>;

/// The row an edit created, read from its recorded inverse (which deletes that row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Created {
    /// A plan.
    Plan(PlanId),
    /// An intro section.
    Section(SectionId),
    /// A budget row.
    BudgetRow(BudgetRowId),
    /// A focus area.
    FocusArea(FocusAreaId),
    /// A goal.
    Goal(GoalId),
    /// A follow-up.
    FollowUp(FollowUpId),
    /// A person.
    Person(PersonId),
    /// An indicator (målepunkt).
    Indicator(IndicatorId),
    /// A milestone (delmål).
    Milestone(MilestoneId),
    /// A follow-up round (opfølgningsrunde).
    Round(RoundId),
    /// A frozen version of a plan.
    Version(VersionId),
}

/// What [`Document::apply`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    /// The new row, when the edit inserted one.
    pub created: Option<Created>,
}

impl Applied {
    fn from_inverse(inverse: &Command) -> Applied {
        let created = match inverse {
            Command::DeletePlan(id) => Some(Created::Plan(*id)),
            Command::DeleteSection(id) => Some(Created::Section(*id)),
            Command::DeleteBudgetRow(id) => Some(Created::BudgetRow(*id)),
            Command::DeleteFocusArea(id) => Some(Created::FocusArea(*id)),
            Command::DeleteGoal(id) => Some(Created::Goal(*id)),
            Command::DeleteFollowUp(id) => Some(Created::FollowUp(*id)),
            Command::DeletePerson(id) => Some(Created::Person(*id)),
            Command::DeleteIndicator(id) => Some(Created::Indicator(*id)),
            Command::DeleteMilestone(id) => Some(Created::Milestone(*id)),
            Command::DeleteRound(id) => Some(Created::Round(*id)),
            Command::DeleteVersion(id) => Some(Created::Version(*id)),
            _ => None,
        };
        Applied { created }
    }

    /// The new plan's id, when the edit inserted a plan.
    pub fn plan(&self) -> Option<PlanId> {
        match self.created {
            Some(Created::Plan(id)) => Some(id),
            _ => None,
        }
    }

    /// The new indicator's id, when the edit inserted an indicator.
    pub fn indicator(&self) -> Option<IndicatorId> {
        match self.created {
            Some(Created::Indicator(id)) => Some(id),
            _ => None,
        }
    }

    /// The new milestone's id, when the edit inserted a milestone.
    pub fn milestone(&self) -> Option<MilestoneId> {
        match self.created {
            Some(Created::Milestone(id)) => Some(id),
            _ => None,
        }
    }

    /// The new round's id, when the edit inserted a follow-up round.
    pub fn round(&self) -> Option<RoundId> {
        match self.created {
            Some(Created::Round(id)) => Some(id),
            _ => None,
        }
    }

    /// The new version's id, when the edit saved a version.
    pub fn version(&self) -> Option<VersionId> {
        match self.created {
            Some(Created::Version(id)) => Some(id),
            _ => None,
        }
    }

    /// The new person's id, when the edit inserted a person.
    pub fn person(&self) -> Option<PersonId> {
        match self.created {
            Some(Created::Person(id)) => Some(id),
            _ => None,
        }
    }
}

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

    /// The store, for [`crate::transfer`]'s copy of the whole file.
    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        self.store.path()
    }

    /// The schema version the file was written with.
    pub fn schema_version(&self) -> i64 {
        self.store.schema_version()
    }

    /// The file's own schema version when it is older and cannot be written, so that it is
    /// read through a copy upgraded in memory; `None` otherwise.
    pub fn upgraded_in_memory_from(&self) -> Option<i64> {
        self.store.upgraded_in_memory_from()
    }

    /// Why the file is open read-only, or `None` when it can be edited.
    pub fn read_only(&self) -> Option<&ReadOnlyReason> {
        self.store.read_only()
    }

    /// True when the file lies on a network drive (a UNC path or a mapped drive on Windows):
    /// the editor says so in the status bar, since colleagues may have it open too.
    pub fn on_network_drive(&self) -> bool {
        self.store.on_network_drive()
    }

    /// The file's own identity: a random id written once when the file was made (or migrated
    /// from schema 1), so a returned workbook or a version can tell which file it belongs to.
    pub fn file_id(&self) -> Result<Option<String>> {
        self.store.file_id()
    }

    /// The identity of the file this one is a copy of ("Gem en kopi som"), or `None`.
    pub fn copied_from(&self) -> Result<Option<String>> {
        self.store.copied_from()
    }

    /// A number that changes when another program has committed a change to the file since
    /// the last call: reload what is shown when it does.
    pub fn data_version(&self) -> Result<i64> {
        self.store.data_version()
    }

    /// SQLite's full check of every page and index; the problems it lists (empty when sound).
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        self.store.integrity_check()
    }

    /// One line per plan, in id order.
    pub fn list_plans(&self) -> Result<Vec<PlanSummary>> {
        self.store.list_plans()
    }

    /// Every person in the file, by name.
    pub fn people(&self) -> Result<Vec<Person>> {
        self.store.people()
    }

    /// One whole plan.
    pub fn load_plan(&self, id: PlanId) -> Result<Plan> {
        self.store.load_plan(id)
    }

    /// Every plan (`None`) or one plan with the plans it reviews, with the people they name:
    /// what an export writes and what the PDF shows.
    pub fn load_bundle(&self, plan: Option<PlanId>) -> Result<PlanBundle> {
        self.store.load_document(plan)
    }

    /// A plan's follow-up rounds, oldest first, with their packages and receipts. Rounds
    /// are not part of a [`Plan`] or a [`PlanBundle`]: exports, copies of plans into another
    /// file and roll-over leave them behind.
    pub fn rounds(&self, plan: PlanId) -> Result<Vec<Round>> {
        self.store.rounds(plan)
    }

    /// One follow-up round.
    pub fn round(&self, id: RoundId) -> Result<Round> {
        self.store.round(id)
    }

    /// A plan's frozen versions (issue 20), by number. Listing reads no content: a damaged
    /// version shows as damaged when its content is read ([`Document::version_payload`]).
    pub fn versions(&self, plan: PlanId) -> Result<Vec<Version>> {
        self.store.versions(plan)
    }

    /// One version's content, checked against its digest: a version another program changed
    /// is an error, never returned.
    pub fn version_payload(&self, id: VersionId) -> Result<Payload> {
        self.store.version_payload(id)
    }

    /// Applies an edit (committed at once), records its undo step and says what it made.
    pub fn apply(&mut self, command: Command) -> Result<Applied> {
        let inverse = self.store.apply(&command)?;
        let applied = Applied::from_inverse(&inverse);
        self.undo.push(Step {
            label: command.label(),
            inverse,
        });
        self.redo.clear();
        self.typing_closed = false;
        Ok(applied)
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
            return self.apply(command).map(|_| ());
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
