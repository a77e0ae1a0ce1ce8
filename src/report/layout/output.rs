//! The layout's output types: page geometry (A4, [`MARGINS`]), what is drawn ([`Shape`],
//! [`TextRun`], [`Color`]) and what it is ([`Mark`], [`Artifact`]), positioned as [`Item`]s on
//! [`Page`]s, the logical [`Structure`] tree, and the finished [`Layout`] with its outline and
//! document information.

use crate::report::fonts::{Face, FontSet};

/// A4 width in points.
pub const PAGE_WIDTH: f32 = 595.2756;
/// A4 height in points.
pub const PAGE_HEIGHT: f32 = 841.8898;
/// One millimetre in points.
pub const MM: f32 = 72.0 / 25.4;

/// The page's margins: the body text stays inside them; running header and footer sit in the
/// top and bottom margins, within [`PAGE_MARGIN_MIN`] of the paper's edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    /// Top.
    pub top: f32,
    /// Bottom.
    pub bottom: f32,
    /// Left (inner).
    pub left: f32,
    /// Right.
    pub right: f32,
}

/// The margins of every page: 25 mm left and right, 27 mm top, 25 mm bottom.
pub const MARGINS: Margins = Margins {
    top: 27.0 * MM,
    bottom: 25.0 * MM,
    left: 25.0 * MM,
    right: 25.0 * MM,
};

/// Nothing, artifacts included, comes nearer to the paper's edge than this (printers' safe area).
pub const PAGE_MARGIN_MIN: f32 = 10.0 * MM;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
}

impl Color {
    /// The colour that marks a goal status, in the PDF and in the editor alike (the PDF always
    /// prints the status's label beside it, so colour is never the only sign).
    pub fn of_status(status: Option<crate::model::Status>) -> Color {
        use crate::model::Status;
        match status {
            None => Color::rgb(0xe0, 0xe0, 0xe0),
            Some(Status::NotStarted) => Color::rgb(0x9e, 0x9e, 0x9e),
            Some(Status::OnTrack) => Color::rgb(0x2e, 0x7d, 0x32),
            Some(Status::AtRisk) => Color::rgb(0xf9, 0xa8, 0x25),
            Some(Status::OffTrack) => Color::rgb(0xc6, 0x28, 0x28),
            Some(Status::Done) => Color::rgb(0x15, 0x65, 0xc0),
            Some(Status::Dropped) => Color::rgb(0x42, 0x42, 0x42),
        }
    }

    /// Black text.
    pub const BLACK: Color = Color::rgb(0x1a, 0x1a, 0x1a);
    /// Headings: a dark blue (contrast 11:1 on white).
    pub const ACCENT: Color = Color::rgb(0x1f, 0x3a, 0x5f);
    /// Running header and footer (contrast 7.5:1 on white).
    pub const MUTED: Color = Color::rgb(0x55, 0x55, 0x55);
    /// Rules and table lines.
    pub const RULE: Color = Color::rgb(0xb0, 0xb8, 0xc4);
    /// Table header background.
    pub const SHADE: Color = Color::rgb(0xe8, 0xed, 0xf3);
    /// The UDKAST mark behind the text.
    pub const DRAFT: Color = Color::rgb(0xf6, 0xdc, 0xdc);
    /// The UDKAST word on the cover (contrast 5.9:1 on white).
    pub const DRAFT_TEXT: Color = Color::rgb(0xb0, 0x1c, 0x1c);

    /// A colour from its components.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color { r, g, b }
    }
}

/// A run of text in one face, size and colour, drawn without kerning.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Left end of the baseline.
    pub x: f32,
    /// Baseline, from the top of the page.
    pub y: f32,
    /// Size in points.
    pub size: f32,
    /// The face that draws it (after fallback).
    pub face: Face,
    /// Colour.
    pub color: Color,
    /// What is drawn.
    pub text: String,
    /// Its advance width (font metrics × size).
    pub width: f32,
    /// When the drawn text stands in for characters no font has (□): the original text, for
    /// `/ActualText`.
    pub actual: Option<String>,
    /// Rotation in degrees, counter-clockwise, about (x, y) (the diagonal UDKAST).
    pub angle: f32,
    /// The line broke at a space after this run: the PDF keeps the space (invisible, past the
    /// run's width) so that extracted and read-aloud text does not run words together.
    pub space_after: bool,
}

/// Where a link goes. A finished [`Layout`] holds only these; while the chapters are built, a
/// link to a place in the document is an anchor (the layout's own `Dest`), resolved into a
/// `Target::Page` once pagination knows the pages.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A place in this document: page number (1-based) and y from the top.
    Page {
        /// 1-based page number.
        page: usize,
        /// From the top of the page.
        y: f32,
    },
    /// A web or mail address.
    Uri(String),
}

/// What is drawn. `L` is where a link goes: a [`Target`] in a finished layout.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape<L = Target> {
    /// Text.
    Text(TextRun),
    /// A straight line.
    Line {
        /// Start.
        x1: f32,
        /// Start.
        y1: f32,
        /// End.
        x2: f32,
        /// End.
        y2: f32,
        /// Stroke width.
        width: f32,
        /// Colour.
        color: Color,
        /// Dotted (a leader in the contents).
        dotted: bool,
    },
    /// A rectangle, filled and/or stroked.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill colour.
        fill: Option<Color>,
        /// Stroke colour and width.
        stroke: Option<(Color, f32)>,
    },
    /// A clickable area.
    Link {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Where it goes.
        target: L,
    },
}

impl<L> Shape<L> {
    /// The box the shape covers on the page: (left, top, right, bottom).
    pub fn bbox(&self) -> (f32, f32, f32, f32) {
        match self {
            Shape::Text(r) => {
                let fonts = FontSet::get();
                let up = fonts.ascender(r.face).max(0.8) * r.size;
                let down = -fonts.descender(r.face).min(-0.2) * r.size;
                if r.angle == 0.0 {
                    (r.x, r.y - up, r.x + r.width, r.y + down)
                } else {
                    // Corners of the rotated box; y grows downwards on the page.
                    let (s, c) = r.angle.to_radians().sin_cos();
                    let corners = [(0.0, -up), (r.width, -up), (0.0, down), (r.width, down)];
                    let pts: Vec<(f32, f32)> = corners
                        .iter()
                        .map(|&(dx, dy)| (r.x + dx * c + dy * s, r.y - dx * s + dy * c))
                        .collect();
                    let min_x = pts.iter().map(|p| p.0).fold(f32::MAX, f32::min);
                    let max_x = pts.iter().map(|p| p.0).fold(f32::MIN, f32::max);
                    let min_y = pts.iter().map(|p| p.1).fold(f32::MAX, f32::min);
                    let max_y = pts.iter().map(|p| p.1).fold(f32::MIN, f32::max);
                    (min_x, min_y, max_x, max_y)
                }
            }
            Shape::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                ..
            } => (
                x1.min(*x2),
                y1.min(*y2) - width / 2.0,
                x1.max(*x2),
                y1.max(*y2) + width / 2.0,
            ),
            Shape::Rect { x, y, w, h, .. } | Shape::Link { x, y, w, h, .. } => {
                (*x, *y, x + w, y + h)
            }
        }
    }

    /// The same shape with its link target turned into another kind of target.
    pub(super) fn map_link<M>(self, to: impl FnOnce(L) -> M) -> Shape<M> {
        match self {
            Shape::Text(r) => Shape::Text(r),
            Shape::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                color,
                dotted,
            } => Shape::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                color,
                dotted,
            },
            Shape::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => Shape::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            },
            Shape::Link { x, y, w, h, target } => Shape::Link {
                x,
                y,
                w,
                h,
                target: to(target),
            },
        }
    }

    pub(super) fn shift(&mut self, dx: f32, dy: f32) {
        match self {
            Shape::Text(r) => {
                r.x += dx;
                r.y += dy;
            }
            Shape::Line { x1, y1, x2, y2, .. } => {
                *x1 += dx;
                *x2 += dx;
                *y1 += dy;
                *y2 += dy;
            }
            Shape::Rect { x, y, .. } | Shape::Link { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
        }
    }
}

/// Why something on a page is not content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Artifact {
    /// The running header (plan title).
    Header,
    /// The footer (organisation).
    Footer,
    /// "Side 3 af 18".
    PageNumber,
    /// The UDKAST mark of a draft.
    Draft,
    /// Rules, boxes, leaders, colour swatches next to their text.
    Decoration,
    /// A table header repeated at the top of a continuation page.
    RepeatedHeader,
}

/// What an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Content of this structure node (a leaf: P, H1, TD, Lbl, Link …).
    Node(NodeId),
    /// Not content.
    Artifact(Artifact),
}

/// One thing on a page (`L`: where a link goes, as in [`Shape`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Item<L = Target> {
    /// What is drawn where.
    pub shape: Shape<L>,
    /// What it is.
    pub mark: Mark,
}

/// One page: its items in drawing and reading order (`L`: where a link goes, as in [`Shape`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Page<L = Target> {
    /// The items.
    pub items: Vec<Item<L>>,
}

impl<L> Default for Page<L> {
    fn default() -> Self {
        Page { items: Vec::new() }
    }
}

/// Index of a node in [`Structure`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

/// Which header cells a table header cell is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The cells below it.
    Column,
    /// The cells to its right.
    Row,
}

/// The role of a structure node, named after the PDF standard structure types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// The root.
    Document,
    /// The cover.
    Part,
    /// A chapter or section (holds its heading and content).
    Sect,
    /// A heading of level 1–3.
    Heading(u8),
    /// A paragraph.
    P,
    /// A list.
    L,
    /// A list item.
    LI,
    /// A list item's label (bullet, number, or a goal field's label "Mål:").
    Lbl,
    /// A list item's body.
    LBody,
    /// A table.
    Table,
    /// The table's header rows.
    THead,
    /// The table's body rows.
    TBody,
    /// A row.
    TR,
    /// A header cell.
    TH(Scope),
    /// A data cell.
    TD,
    /// The contents.
    TOC,
    /// One contents entry.
    TOCI,
    /// The page number of a contents entry.
    Reference,
    /// A link (its text; the annotation is a [`Shape::Link`] item with the same mark).
    Link,
    /// A chart; the node's `alt` says what it shows.
    Figure,
    /// A group (a goal block).
    Div,
    /// A caption (the budget year over the table).
    Caption,
}

/// A node of the logical structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// What it is.
    pub role: Role,
    /// Its parent (`None` only for the root).
    pub parent: Option<NodeId>,
    /// Alternative text (figures).
    pub alt: Option<String>,
}

/// The document's logical tree. A parent is stored before its children, and the children of a
/// node are stored in reading order ([`Structure::children`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Structure {
    /// All nodes; node 0 is the [`Role::Document`] root.
    pub nodes: Vec<Node>,
}

impl Structure {
    pub(super) fn new() -> Structure {
        Structure {
            nodes: vec![Node {
                role: Role::Document,
                parent: None,
                alt: None,
            }],
        }
    }

    /// The root.
    pub const ROOT: NodeId = NodeId(0);

    pub(super) fn add(&mut self, role: Role, parent: NodeId) -> NodeId {
        let id = NodeId(u32::try_from(self.nodes.len()).unwrap_or(u32::MAX));
        self.nodes.push(Node {
            role,
            parent: Some(parent),
            alt: None,
        });
        id
    }

    /// The node.
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id.0 as usize)
    }

    /// The children of a node, in reading order.
    pub fn children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter(move |(_, n)| n.parent == Some(id))
            .map(|(i, _)| NodeId(i as u32))
    }
}

/// One bookmark of the PDF outline.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    /// Its text.
    pub title: String,
    /// 1 = chapter, 2 = focus area or section, 3 = goal.
    pub level: u8,
    /// 1-based page number.
    pub page: usize,
    /// From the top of the page.
    pub y: f32,
}

/// The document information the PDF carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// The plan's title.
    pub title: String,
    /// The organisation.
    pub author: String,
    /// "Virksomhedsplan for Sundheds- og Socialforvaltningen, Albertslund Kommune, 2012–2013".
    pub subject: String,
    /// "da-DK".
    pub lang: String,
}

/// A laid-out report.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The pages, cover first.
    pub pages: Vec<Page>,
    /// The logical structure.
    pub structure: Structure,
    /// The outline, in document order, levels nested 1 → 2 → 3.
    pub outline: Vec<OutlineEntry>,
    /// Document information.
    pub meta: Meta,
    /// Characters no embedded font has, in order of first appearance, with where they were met.
    pub missing: Vec<(char, String)>,
}
