//! The pure half of the report: a plan in, pages of positioned items out. No printpdf here: the
//! items are plain values ([`Shape`]s in points, origin at the top-left corner of the page, y
//! growing downwards), so the layout can be tested without a PDF.
//!
//! Every item also says what it *is* ([`Mark`]): a piece of a structure node (heading, paragraph,
//! list item, table cell, contents entry, figure …, see [`Role`]) or an artifact (running header,
//! footer, page number, UDKAST mark, decoration). [`Structure`] is the document's logical tree in
//! reading order; it is what a tagged PDF (issue 9) is built from.

mod assemble;
mod builder;
mod changes;
mod contents;
mod cover;
mod figures;
mod flow;
mod focus_areas;
mod goal_parts;
mod inline;
mod intro;
mod output;
mod parts;
mod review;
mod summary;
pub mod text;

pub use assemble::layout;
pub use changes::{ADDED, ChangesReport, REMOVED, changes_layout};
pub use output::{
    Artifact, Color, Item, Layout, MARGINS, MM, Margins, Mark, Meta, Node, NodeId, OutlineEntry,
    PAGE_HEIGHT, PAGE_MARGIN_MIN, PAGE_WIDTH, Page, Role, Scope, Shape, Structure, Target, TextRun,
};
