//! The follow-up round's workbooks (issue 19), pure: bytes in, bytes out, no files, no store.
//! `write` makes the workbook one tovholder fills in (rust_xlsxwriter), `read` takes a
//! returned workbook apart (calamine: xlsx, xls, ods), `preview` sets the answers against the
//! plan and the round and turns them into one undoable command, `plan_sheet` is the plan's
//! goals as one sheet for colleagues who work in Excel, and `names` gives the file names and
//! the `mailto:` links. rust_xlsxwriter and calamine are used nowhere else
//! (tests/architecture.rs).

mod names;
mod packages;
mod plan_sheet;
mod preview;
mod read;
mod shape;
mod write;

pub use names::{file_name, mailto, reminder_mailto, request_mailto};
pub use packages::{packages, tovholdere};
pub use plan_sheet::{PLAN_HEADERS, plan_sheet};
pub use preview::{FigurePreview, GoalPreview, Preview, PreviewError, Received, preview};
pub use read::{Answers, GoalAnswer, IndicatorAnswer, Problem, ReadError, read};
pub use write::{WorkbookSpec, write};

pub use shape::{
    GOAL_HEADERS, GOALS_SHEET, IDS_SHEET, INDICATOR_HEADERS, INDICATORS_SHEET, WorkbookIds,
    WriteError,
};
