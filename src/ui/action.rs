//! The editor's shared vocabulary: what a screen can report that the user did ([`Action`]),
//! the parts of a plan ([`Part`]), where something is ([`Place`]) and what to select after an
//! edit ([`AfterEdit`]). Screens and the app both speak it; it names no screen, so no screen
//! needs the app.

use super::commands::UiCommand;
use crate::model::{
    Command, Date, FocusAreaId, GoalId, Labels, PersonId, Plan, PlanId, RoundId, Version, VersionId,
};
use std::path::PathBuf;

/// How long typed text may wait before it is saved (seconds): keystrokes within this time are
/// one write, and a crash loses at most this much typing.
pub const TYPING_SAVE_DELAY: f64 = 0.5;

/// A part of the selected plan, as listed in the navigation panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Forside: the plan's metadata.
    Cover,
    /// Indledning: the intro sections.
    Intro,
    /// Budget: the budget table.
    Budget,
    /// Indsatsområder with their goals (the selected focus area is the app's).
    FocusAreas,
    /// Opfølgning: the overview board of every goal's status and follow-up.
    FollowUp,
    /// Opfølgningsrunde: workbooks out to the tovholdere, answers back in (under Opfølgning).
    Round,
    /// Personer: the people of the file (tovholdere).
    People,
    /// Udskrift: the pages of the PDF, before it is exported.
    Print,
    /// Tilpas planen: the plan's own words, numbering and print settings.
    Words,
    /// Versioner: the plan's saved versions (issue 20).
    Versions,
    /// Ændringer siden…: what has changed since a version (under Versioner).
    Changes,
}

impl Part {
    /// Every part, in the navigation panel's order.
    pub const ALL: [Part; 11] = [
        Part::Cover,
        Part::Intro,
        Part::Budget,
        Part::FocusAreas,
        Part::FollowUp,
        Part::Round,
        Part::People,
        Part::Print,
        Part::Words,
        Part::Versions,
        Part::Changes,
    ];

    /// The Danish name in the navigation panel and as the screen's heading.
    pub fn label(self) -> &'static str {
        match self {
            Part::Cover => "Forside",
            Part::Intro => "Indledning",
            Part::Budget => "Budget",
            Part::FocusAreas => "Indsatsområder",
            Part::FollowUp => "Opfølgning",
            Part::Round => "Opfølgningsrunde",
            Part::People => "Personer",
            Part::Print => "Udskrift",
            Part::Words => "Tilpas planen",
            Part::Versions => "Versioner",
            Part::Changes => "Ændringer siden…",
        }
    }

    /// The name in the navigation panel and the heading in the plan's own words: its
    /// "Indledning" and "Indsatsområder" may be called something else.
    pub fn title(self, labels: &Labels) -> &str {
        match self {
            Part::Intro => labels.intro(),
            Part::FocusAreas => labels.focus_areas(),
            _ => self.label(),
        }
    }
}

/// What to select once an edit is applied and the plan reloaded (a new row's id is known
/// only then).
#[derive(Debug, Clone, PartialEq)]
pub enum AfterEdit {
    /// Keep the selection.
    Stay,
    /// Select the focus area at this position.
    SelectAreaAt(usize),
    /// Select the goal at this position of the selected focus area.
    SelectGoalAt(usize),
    /// Select this goal in this focus area (after a move).
    SelectGoal(FocusAreaId, GoalId),
    /// Select the newest plan (after "Ny plan": row ids only grow).
    SelectNewPlan,
    /// Select the newest person; if a goal or a focus area is named, make the new person one
    /// of its tovholdere or ansvarlige too (a second undo step).
    SelectNewPerson {
        /// The goal or focus area and its people before.
        owner_of: Option<OwnerOf>,
    },
}

/// Whose people a person typed as a new name joins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnerOf {
    /// A goal's tovholdere, as they were.
    Goal(GoalId, Vec<PersonId>),
    /// A focus area's ansvarlige, as they were.
    FocusArea(FocusAreaId, Vec<PersonId>),
}

impl OwnerOf {
    /// The command that adds `person` to the people.
    pub fn with(self, person: PersonId) -> Command {
        match self {
            OwnerOf::Goal(goal, mut owners) => {
                owners.push(person);
                Command::SetGoalOwners { goal, owners }
            }
            OwnerOf::FocusArea(area, mut owners) => {
                owners.push(person);
                Command::SetFocusAreaOwners { area, owners }
            }
        }
    }
}

/// Something the user did, collected while drawing and carried out afterwards by the app
/// (`App::show`): the only place where the file changes.
#[derive(Debug, Clone)]
pub enum Action {
    /// An edit, one undo step; then adjust the selection.
    Apply(Command, AfterEdit),
    /// A text edit while typing: shown at once, saved within [`TYPING_SAVE_DELAY`], merged
    /// with the previous edit of the same field into one undo step.
    Type(Command),
    /// The user left a text field: save what was typed; the next edit starts a new step.
    EndTyping,
    /// A menu or keyboard command.
    Run(UiCommand),
    /// Open this plan file (from "Seneste filer" or a dialog).
    OpenFile(PathBuf),
    /// Show another plan of the file.
    SelectPlan(PlanId),
    /// Show another part of the plan.
    SelectPart(Part),
    /// Show a focus area.
    SelectArea(FocusAreaId),
    /// Show a goal's editor.
    SelectGoal(GoalId),
    /// Show a goal of any plan of the file (a related goal).
    OpenGoal(PlanId, GoalId),
    /// Show a person.
    SelectPerson(PersonId),
    /// Go to a search hit.
    GoTo(Place),
    /// Open a dialog window.
    Ask(Dialog),
    /// Close the dialog window.
    CloseWindow,
    /// Open this file in the system's viewer (a PDF just exported).
    OpenInViewer(PathBuf),
    /// Copy these plans of the other file chosen in "Importér planer fra anden fil".
    CopyPlans(Vec<PlanId>),
    /// Something about a follow-up round that needs dialogs or files (the app's
    /// `round_commands`).
    Round(RoundAction),
    /// Something about the plan's versions (the app's `version_commands`).
    Version(VersionAction),
}

/// What the Versioner screen, its dialogs and the banner of an open version ask the app to
/// do (issue 20).
#[derive(Debug, Clone, PartialEq)]
pub enum VersionAction {
    /// Save a version of the shown plan (the dialog's fields).
    Save {
        /// What the version is for.
        label: String,
        /// Who saved it.
        saved_by: String,
    },
    /// Vis: show this version read-only on every screen.
    Open(VersionId),
    /// Udskrift: open this version and show its pages.
    Print(VersionId),
    /// Eksportér PDF…: this version's PDF.
    ExportPdf(VersionId),
    /// Gendan som ny plan.
    Restore(VersionId),
    /// Slet…: ask (twice) before this version is deleted.
    AskDelete(Version),
    /// Tilbage til planen: close the open version.
    Close,
    /// Ændringer siden…: compare these two states.
    Compare(Pick),
    /// Ændringer siden…: the comparison shown as the report PDF for the byråd.
    ExportChanges,
    /// Godkend: approve the plan and save a version of kind Approval, one undo step.
    Approve {
        /// The plan.
        plan: PlanId,
        /// Godkendt den.
        on: Date,
        /// Godkendt af.
        by: String,
    },
}

/// What the Opfølgningsrunde screen and the board ask the app to do beyond an edit: choose a
/// folder, write or read workbooks, open a folder or the mail program.
#[derive(Debug, Clone, PartialEq)]
pub enum RoundAction {
    /// Choose the folder the workbooks of a new round go to.
    ChooseFolder,
    /// Start the round: store it and write one workbook per tovholder.
    Start(NewRound),
    /// Show this round (the round chosen in the screen's list).
    Select(RoundId),
    /// Show the folder of a round's workbooks in the file manager.
    OpenFolder(PathBuf),
    /// Open a `mailto:` link in the mail program; `to` is said if that fails.
    Mail {
        /// The link.
        link: String,
        /// The address, for the message when no mail program opens.
        to: String,
    },
    /// Indlæs svar…: choose returned workbooks and preview them.
    LoadAnswers,
    /// Write the previewed workbook at this place of the list (one undo step).
    Receive(usize),
    /// Close the preview of the workbook at this place of the list.
    ClosePreview(usize),
    /// Eksportér til Excel…: these goals of the shown plan (the board's filter) as one sheet.
    ExportXlsx(Vec<GoalId>),
}

/// What "Ændringer siden…" compares: a version to the plan now (`to` is `None`) or to
/// another version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pick {
    /// The earlier state.
    pub since: VersionId,
    /// The later state, or the plan now.
    pub to: Option<VersionId>,
}

/// A round as the start form describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRound {
    /// The plan.
    pub plan: PlanId,
    /// Its name.
    pub name: String,
    /// The reply deadline.
    pub deadline: Date,
    /// The tovholdere asked, in the list's order.
    pub people: Vec<PersonId>,
    /// Where the workbooks go.
    pub folder: PathBuf,
}

/// Where something is in the plan: what the editor shows to go there (a search hit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A part of the plan (Forside, Indledning, Budget).
    Part(Part),
    /// A focus area's title or description.
    Area(FocusAreaId),
    /// A goal (or one of its follow-ups).
    Goal(FocusAreaId, GoalId),
    /// A person.
    Person(PersonId),
}

/// A dialog window a screen asks for; the app opens it (the dialogs' own state and drawing
/// are in `modal`, which speaks this vocabulary too).
#[derive(Debug, Clone)]
pub enum Dialog {
    /// Godkend planen: the form for approving this plan.
    Approve(Box<Plan>),
    /// Slet planen?
    DeletePlan {
        /// The plan.
        plan: PlanId,
        /// Its title.
        title: String,
    },
}
