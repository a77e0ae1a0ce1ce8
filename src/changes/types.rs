//! The values of "what has changed since": a [`Changes`] holds [`Group`]s (the plan as a
//! whole, then each focus area), each a list of [`Change`]s, each one Danish sentence made of
//! [`Piece`]s: plain words, and the words a text change removed and added.

use crate::model::GoalId;

/// A run of words in a change's sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Words as they are (the sentence itself, or unchanged words of a text).
    Same(String),
    /// Words a text change removed.
    Removed(String),
    /// Words a text change added.
    Added(String),
}

impl Piece {
    /// The words of the piece.
    pub fn text(&self) -> &str {
        match self {
            Piece::Same(t) | Piece::Removed(t) | Piece::Added(t) => t,
        }
    }
}

/// What kind of change a [`Change`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A focus area that is new.
    AreaAdded,
    /// A focus area that is gone.
    AreaRemoved,
    /// An intro section that is new.
    SectionAdded,
    /// An intro section that is gone.
    SectionRemoved,
    /// A goal that is new.
    GoalAdded,
    /// A goal that is gone.
    GoalRemoved,
    /// A goal in another focus area or another place among its own.
    GoalMoved,
    /// A text changed: words removed and added.
    Text,
    /// A goal's status changed.
    Status,
    /// A follow-up that is new.
    FollowUp,
    /// A goal's deadline moved.
    Deadline,
    /// A goal's tovholdere changed.
    Owners,
    /// A milestone reached since.
    MilestoneReached,
    /// A milestone whose date has passed since, not reached.
    MilestoneMissed,
    /// A new measurement of an indicator.
    Measurement,
}

/// One change, as one Danish sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What kind of change.
    pub kind: Kind,
    /// The goal it concerns, if any.
    pub goal: Option<GoalId>,
    /// The sentence.
    pub pieces: Vec<Piece>,
}

impl Change {
    /// The sentence on one line, with removed words as `[-…-]` and added words as `{+…+}`
    /// (as `git diff --word-diff=plain` and `wdiff` mark them).
    pub fn line(&self) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Same(t) => out.push_str(t),
                Piece::Removed(t) => {
                    out.push_str("[-");
                    out.push_str(t);
                    out.push_str("-]");
                }
                Piece::Added(t) => {
                    out.push_str("{+");
                    out.push_str(t);
                    out.push_str("+}");
                }
            }
        }
        out
    }

    /// The sentence with only the plain words and the added ones: how it reads now.
    pub fn plain(&self) -> String {
        self.pieces
            .iter()
            .filter(|p| !matches!(p, Piece::Removed(_)))
            .map(Piece::text)
            .collect()
    }
}

/// The changes of the plan as a whole, or of one focus area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// "Planen", or the focus area's heading as the plan numbers it ("2. Sundhed").
    pub heading: String,
    /// True for a focus area that is gone (its heading as the earlier plan numbered it).
    pub removed: bool,
    /// The changes, in the plan's order.
    pub changes: Vec<Change>,
}

/// What has changed in a plan between two of its states.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Changes {
    /// The plan's title (the later state's).
    pub plan_title: String,
    /// The groups with changes: the plan as a whole first, then the focus areas in the later
    /// plan's order, then those that are gone.
    pub groups: Vec<Group>,
}

impl Changes {
    /// True when nothing has changed.
    pub fn is_empty(&self) -> bool {
        self.groups.iter().all(|g| g.changes.is_empty())
    }

    /// Every change.
    pub fn all(&self) -> impl Iterator<Item = &Change> {
        self.groups.iter().flat_map(|g| g.changes.iter())
    }

    /// Danish lines for the command line: each group's heading on a line of its own, then
    /// one change per line, indented by two spaces. Nothing when nothing has changed.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for group in self.groups.iter().filter(|g| !g.changes.is_empty()) {
            out.push(group.heading.clone());
            for change in &group.changes {
                out.push(format!("  {}", change.line()));
            }
        }
        out
    }
}

/// The title of a report of the changes since a version saved on `saved`: "Ændringer siden
/// 12. marts 2013".
pub fn title_since(saved: crate::model::Date) -> String {
    format!("Ændringer siden {}", crate::units::format_date(saved))
}

/// The title of a report of the changes from one version to another: "Ændringer fra version
/// 2 til version 4".
pub fn title_between(from: u32, to: u32) -> String {
    format!("Ændringer fra version {from} til version {to}")
}
