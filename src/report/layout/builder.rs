//! The builder every chapter writes with: it turns text into a flow of blocks (one per line)
//! and grows the structure tree beside it. Owns the shared pieces of the typeset plan
//! (paragraphs with orphan and widow control, free text with its lists, headings with their
//! anchors and contents entries, tables with repeated headers), the page's measures and the
//! status colours. The chapters are `impl Builder` blocks in their own files; `assemble` runs
//! them and paginates.

use super::flow::{AnchorId, Block, Dest, GROUP_LIMIT};
use super::output::{
    Artifact, Color, Item, MARGINS, Mark, NodeId, PAGE_HEIGHT, PAGE_WIDTH, Role, Scope, Shape,
    Structure, TextRun,
};
use super::text::{Line, Span, Style, break_lines};
use crate::model::{GoalId, Person, PlanId, Status};
use crate::report::fonts::{Face, FontSet};
use std::collections::{HashMap, HashSet};

/// Width of the text body.
pub(super) const BODY_W: f32 = PAGE_WIDTH - MARGINS.left - MARGINS.right;
/// Body text size.
pub(super) const BODY: f32 = 10.5;
/// Line height as a multiple of the size.
pub(super) const LEADING: f32 = 1.38;
/// Space between paragraphs.
pub(super) const PARA_GAP: f32 = 5.0;
/// Width of the label column of a goal block ("Dokumentation:").
pub(super) const LABEL_W: f32 = 88.0;
/// Indent of a list item's body.
pub(super) const LIST_INDENT: f32 = 14.0;
/// Padding inside table cells.
pub(super) const CELL_PAD: f32 = 4.0;

/// A text style (a `const fn`, for the constant styles below).
pub(super) const fn style(face: Face, size: f32, color: Color) -> Style {
    Style { face, size, color }
}

/// Body text.
pub(super) const TEXT: Style = style(Face::Regular, BODY, Color::BLACK);
/// A goal field's label ("Mål:").
pub(super) const LABEL: Style = style(Face::Bold, BODY, Color::BLACK);

/// The colour that marks a status (always printed with its label as well); the editor shows
/// the same colours ([`Color::of_status`]).
pub(super) fn status_color(status: Option<Status>) -> Color {
    Color::of_status(status)
}

/// The text with its first letter in upper case ("ikke vurderet" → "Ikke vurderet").
pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A column of a table.
#[derive(Debug, Clone, Copy)]
pub(super) struct Col {
    pub(super) width: f32,
    pub(super) right: bool,
}

/// A contents or outline entry waiting for its page.
pub(super) struct Entry {
    pub(super) level: u8,
    pub(super) title: String,
    pub(super) anchor: AnchorId,
    pub(super) in_toc: bool,
}

/// A goal as another goal's "Sammenhæng med" line names it: its number as printed, its text,
/// its plan's title, and its anchor when this PDF prints it.
#[derive(Debug, Clone)]
pub(super) struct GoalRef {
    pub(super) number: String,
    pub(super) text: String,
    pub(super) plan_title: String,
    pub(super) anchor: Option<AnchorId>,
}

/// The flow of blocks and the structure tree under construction, with what the assembly needs
/// afterwards: table headers to repeat, anchors, contents and outline entries, characters no
/// font has (with where they were met); and what the goals' blocks look up: every goal's
/// anchor and number (links between goals may point forward), the goals that name each goal
/// as related, and whether indicators get a chart.
pub(super) struct Builder<'a> {
    pub(super) fonts: &'static FontSet,
    pub(super) structure: Structure,
    pub(super) blocks: Vec<Block>,
    pub(super) tables: Vec<Vec<Block>>,
    pub(super) anchors: usize,
    pub(super) entries: Vec<Entry>,
    pub(super) missing: Vec<(char, String)>,
    pub(super) seen: HashSet<char>,
    pub(super) context: String,
    pub(super) groups: u32,
    pub(super) people: &'a [Person],
    /// Draw a chart under each indicator table (`Options::summary`).
    pub(super) charts: bool,
    /// The anchor of each goal this PDF prints, by (plan, focus area index, goal index).
    pub(super) goal_anchors: HashMap<(PlanId, usize, usize), AnchorId>,
    /// Every goal of the document, as a related goal's line names it.
    pub(super) goal_refs: HashMap<GoalId, GoalRef>,
    /// The goals that name a goal as related ("both ways").
    pub(super) related_back: HashMap<GoalId, Vec<GoalId>>,
    /// How many threads may lay out focus areas side by side ([`super::parts`]); set by
    /// the layout, 1 for a part built on another thread.
    pub(super) workers: usize,
}

impl<'a> Builder<'a> {
    pub(super) fn new(people: &'a [Person]) -> Builder<'a> {
        Builder {
            fonts: FontSet::get(),
            structure: Structure::new(),
            blocks: Vec::new(),
            tables: Vec::new(),
            anchors: 0,
            entries: Vec::new(),
            missing: Vec::new(),
            seen: HashSet::new(),
            context: String::new(),
            groups: 0,
            people,
            charts: false,
            goal_anchors: HashMap::new(),
            goal_refs: HashMap::new(),
            related_back: HashMap::new(),
            workers: 1,
        }
    }

    pub(super) fn node(&mut self, role: Role, parent: NodeId) -> NodeId {
        self.structure.add(role, parent)
    }

    pub(super) fn anchor(&mut self) -> AnchorId {
        self.anchors += 1;
        AnchorId(self.anchors - 1)
    }

    pub(super) fn group(&mut self) -> u32 {
        self.groups += 1;
        self.groups
    }

    pub(super) fn note_missing(&mut self, line: &Line) {
        for run in &line.runs {
            if let Some(original) = &run.actual {
                for c in original.chars() {
                    if self.seen.insert(c) {
                        self.missing.push((c, self.context.clone()));
                    }
                }
            }
        }
    }

    /// Lines of `spans` as blocks: each line one block at `x` (from the body's left edge), all
    /// items marked as `node`. `first_x`/`first_width` let a first line start further right.
    pub(super) fn lines(
        &mut self,
        node: Mark,
        spans: &[Span],
        x: f32,
        width: f32,
        first: Option<(f32, f32)>,
    ) -> Vec<Block> {
        let (first_x, first_width) = first.unwrap_or((x, width));
        let lines = break_lines(spans, first_width, width, self.fonts);
        let mut out = Vec::with_capacity(lines.len());
        let base_size = spans.first().map_or(BODY, |s| s.style.size);
        for (i, line) in lines.into_iter().enumerate() {
            self.note_missing(&line);
            let size = if line.size > 0.0 {
                line.size
            } else {
                base_size
            };
            let height = size * LEADING;
            let baseline = height * 0.76;
            let lx = if i == 0 { first_x } else { x };
            let items = line
                .runs
                .into_iter()
                .map(|r| Item {
                    shape: Shape::Text(TextRun {
                        x: r.x + lx,
                        y: baseline,
                        ..r
                    }),
                    mark: node,
                })
                .collect();
            out.push(Block {
                height,
                items,
                ..Block::default()
            });
        }
        out
    }

    /// Pushes the lines of one paragraph with orphan and widow control.
    pub(super) fn push_paragraph(&mut self, mut blocks: Vec<Block>, space_before: f32) {
        let n = blocks.len();
        if n >= 2 {
            blocks[0].keep_with_next = true;
            blocks[n - 2].keep_with_next = true;
        }
        if let Some(b) = blocks.first_mut() {
            b.space_before = space_before;
        }
        self.blocks.extend(blocks);
    }

    /// A paragraph of plain text (hard line breaks kept) as a P node.
    pub(super) fn paragraph(
        &mut self,
        parent: NodeId,
        text: &str,
        st: Style,
        x: f32,
        space_before: f32,
    ) {
        let p = self.node(Role::P, parent);
        let blocks = self.hard_lines(Mark::Node(p), text, st, x, BODY_W - x);
        self.push_paragraph(blocks, space_before);
    }

    /// The lines of a text whose hard line breaks are kept. Each hard line but the last ends
    /// with a space for the extracted and read-aloud text, so that the words on either side
    /// of the break do not run together.
    pub(super) fn hard_lines(
        &mut self,
        mark: Mark,
        text: &str,
        st: Style,
        x: f32,
        width: f32,
    ) -> Vec<Block> {
        let mut blocks = Vec::new();
        for (i, hard_line) in text.split('\n').enumerate() {
            if i > 0 {
                space_after_last_run(&mut blocks);
            }
            blocks.extend(self.lines(mark, &[Span::new(hard_line, st)], x, width, None));
        }
        blocks
    }

    /// Free text as officers type it: paragraphs separated by blank lines, "- " or "• " lines
    /// as bullet lists, "1. " lines as numbered lists.
    pub(super) fn body_text(&mut self, parent: NodeId, text: &str, x: f32, first_gap: f32) {
        let mut gap = first_gap;
        let mut para: Vec<&str> = Vec::new();
        let mut list: Vec<(String, String)> = Vec::new();
        let text = text.replace("\r\n", "\n");
        for raw in text.split('\n') {
            let line = raw.trim_end();
            if line.trim().is_empty() {
                self.flush_para(parent, &mut para, x, &mut gap);
                self.flush_list(parent, &mut list, x, &mut gap);
                continue;
            }
            if let Some((label, rest)) = list_item(line) {
                self.flush_para(parent, &mut para, x, &mut gap);
                list.push((label, rest.to_string()));
            } else if let Some(last) = list.last_mut() {
                // A continuation line of the item above.
                last.1.push('\n');
                last.1.push_str(line.trim());
            } else {
                para.push(line);
            }
        }
        self.flush_para(parent, &mut para, x, &mut gap);
        self.flush_list(parent, &mut list, x, &mut gap);
    }

    pub(super) fn flush_para(
        &mut self,
        parent: NodeId,
        para: &mut Vec<&str>,
        x: f32,
        gap: &mut f32,
    ) {
        if para.is_empty() {
            return;
        }
        let text = para.join("\n");
        para.clear();
        self.paragraph(parent, &text, TEXT, x, *gap);
        *gap = PARA_GAP;
    }

    pub(super) fn flush_list(
        &mut self,
        parent: NodeId,
        list: &mut Vec<(String, String)>,
        x: f32,
        gap: &mut f32,
    ) {
        if list.is_empty() {
            return;
        }
        let l = self.node(Role::L, parent);
        let n = list.len();
        for (i, (label, text)) in list.drain(..).enumerate() {
            let li = self.node(Role::LI, l);
            let lbl = self.node(Role::Lbl, li);
            let body = self.node(Role::LBody, li);
            let p = self.node(Role::P, body);
            let mut blocks = self.hard_lines(
                Mark::Node(p),
                &text,
                TEXT,
                x + LIST_INDENT,
                BODY_W - x - LIST_INDENT,
            );
            let label_blocks = self.lines(
                Mark::Node(lbl),
                &[Span::new(label, TEXT)],
                x,
                LIST_INDENT,
                None,
            );
            if let (Some(first), Some(lb)) = (blocks.first_mut(), label_blocks.into_iter().next()) {
                let mut items = lb.items;
                items.append(&mut first.items);
                first.items = items;
            }
            let space = if i == 0 { *gap } else { 2.0 };
            // Keep the last two items of a list together, and an item's lines together.
            if i + 2 == n
                && let Some(last) = blocks.last_mut()
            {
                last.keep_with_next = true;
            }
            self.push_paragraph(blocks, space);
        }
        *gap = PARA_GAP;
    }

    /// A heading: all its lines kept with what follows; returns its anchor.
    pub(super) fn heading(
        &mut self,
        parent: NodeId,
        level: u8,
        text: &str,
        in_toc: bool,
    ) -> AnchorId {
        let h = self.node(Role::Heading(level), parent);
        let (size, gap) = match level {
            1 => (22.0, 0.0),
            2 => (15.0, 18.0),
            _ => (12.0, 12.0),
        };
        let st = style(Face::Bold, size, Color::ACCENT);
        self.context = crate::units::shorten(text, 60);
        let mut blocks = self.lines(Mark::Node(h), &[Span::new(text, st)], 0.0, BODY_W, None);
        let anchor = self.anchor();
        for b in &mut blocks {
            b.keep_with_next = true;
        }
        if let Some(first) = blocks.first_mut() {
            first.space_before = gap;
            first.break_before = level == 1;
            first.anchors.push(anchor);
        }
        if level == 1
            && let Some(last) = blocks.last_mut()
        {
            // A rule under a chapter heading.
            last.height += 8.0;
            last.items.push(Item {
                shape: Shape::Line {
                    x1: 0.0,
                    y1: last.height - 3.0,
                    x2: BODY_W,
                    y2: last.height - 3.0,
                    width: 0.8,
                    color: Color::ACCENT,
                    dotted: false,
                },
                mark: Mark::Artifact(Artifact::Decoration),
            });
        }
        self.blocks.extend(blocks);
        self.entries.push(Entry {
            level,
            title: crate::units::shorten(text, 120),
            anchor,
            in_toc,
        });
        anchor
    }

    /// A table: header cells, rows of cells (the first cell of each row a row header), and an
    /// optional total row in bold. Each text line of a row is its own block, so that even a
    /// huge cell breaks across pages; a row that fits in the keep limit is kept whole.
    pub(super) fn table(
        &mut self,
        parent: NodeId,
        cols: &[Col],
        header: &[String],
        rows: &[Vec<String>],
        total: Option<&[String]>,
        size: f32,
    ) {
        self.table_at(parent, 0.0, cols, header, rows, total, size);
    }

    /// [`Builder::table`] with its left edge `x` from the body's left edge (a goal's
    /// indicator table sits in the value column).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn table_at(
        &mut self,
        parent: NodeId,
        x: f32,
        cols: &[Col],
        header: &[String],
        rows: &[Vec<String>],
        total: Option<&[String]>,
        size: f32,
    ) {
        let shift = |blocks: &mut [Block]| {
            if x != 0.0 {
                for it in blocks.iter_mut().flat_map(|b| b.items.iter_mut()) {
                    it.shape.shift(x, 0.0);
                }
            }
        };
        let t = self.tables.len();
        self.tables.push(Vec::new());
        let table = self.node(Role::Table, parent);
        let thead = self.node(Role::THead, table);
        let tr = self.node(Role::TR, thead);
        let cells: Vec<NodeId> = header
            .iter()
            .map(|_| self.node(Role::TH(Scope::Column), tr))
            .collect();
        let head_style = style(Face::Bold, size, Color::ACCENT);
        let mut head = self.row(cols, header, &cells, head_style, head_style, true, false);
        shift(&mut head);
        for b in &mut head {
            b.table = Some(t);
            b.table_header = true;
            b.keep_with_next = true;
        }
        self.tables[t] = head.clone();
        self.blocks.extend(head);
        let tbody = self.node(Role::TBody, table);
        let all_rows: Vec<(&Vec<String>, bool)> = rows.iter().map(|r| (r, false)).collect();
        let total_row = total.map(|t| t.to_vec());
        let mut all: Vec<(Vec<String>, bool)> =
            all_rows.into_iter().map(|(r, b)| (r.clone(), b)).collect();
        if let Some(t) = total_row {
            all.push((t, true));
        }
        let first_row = self.blocks.len();
        for (cells_text, is_total) in all {
            let tr = self.node(Role::TR, tbody);
            let cells: Vec<NodeId> = (0..cells_text.len())
                .map(|i| {
                    let role = if i == 0 {
                        Role::TH(Scope::Row)
                    } else {
                        Role::TD
                    };
                    self.node(role, tr)
                })
                .collect();
            let face = if is_total { Face::Bold } else { Face::Regular };
            let st = style(face, size, Color::BLACK);
            let group = self.group();
            let mut blocks = self.row(cols, &cells_text, &cells, st, st, false, is_total);
            shift(&mut blocks);
            for b in &mut blocks {
                b.table = Some(t);
                b.group = Some(group);
            }
            self.blocks.extend(blocks);
        }
        // A short table is kept whole; a long one at least keeps its header with a row.
        let header_start = first_row - self.tables[t].len();
        let height: f32 = self.blocks[header_start..]
            .iter()
            .map(|b| b.height + b.space_before)
            .sum();
        if height < (PAGE_HEIGHT - MARGINS.top - MARGINS.bottom) * GROUP_LIMIT {
            let group = self.group();
            for b in &mut self.blocks[header_start..] {
                b.group = Some(group);
            }
        }
    }

    /// One table row as blocks (one per text line).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn row(
        &mut self,
        cols: &[Col],
        texts: &[String],
        cells: &[NodeId],
        first_style: Style,
        st: Style,
        header: bool,
        total: bool,
    ) -> Vec<Block> {
        let mut x = 0.0;
        let mut cell_lines: Vec<Vec<Block>> = Vec::new();
        for (i, col) in cols.iter().enumerate() {
            let text = texts.get(i).cloned().unwrap_or_default();
            let s = if i == 0 { first_style } else { st };
            let inner = (col.width - 2.0 * CELL_PAD).max(1.0);
            let mut lines = self.lines(
                Mark::Node(cells.get(i).copied().unwrap_or(Structure::ROOT)),
                &[Span::new(text, s)],
                x + CELL_PAD,
                inner,
                None,
            );
            if col.right {
                for b in &mut lines {
                    let used = b
                        .items
                        .iter()
                        .map(|it| it.shape.bbox().2)
                        .fold(x + CELL_PAD, f32::max)
                        - (x + CELL_PAD);
                    let dx = inner - used;
                    for it in &mut b.items {
                        it.shape.shift(dx.max(0.0), 0.0);
                    }
                }
            }
            cell_lines.push(lines);
            x += col.width;
        }
        let width: f32 = cols.iter().map(|c| c.width).sum();
        let n = cell_lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let line_h = st.size * LEADING;
        let mut out = Vec::with_capacity(n);
        for k in 0..n {
            let top = if k == 0 { CELL_PAD } else { 0.0 };
            let bottom = if k + 1 == n { CELL_PAD } else { 0.0 };
            let mut block = Block {
                height: top + line_h + bottom,
                keep_with_next: k + 1 < n,
                ..Block::default()
            };
            if header {
                block.items.push(Item {
                    shape: Shape::Rect {
                        x: 0.0,
                        y: 0.0,
                        w: width,
                        h: block.height,
                        fill: Some(Color::SHADE),
                        stroke: None,
                    },
                    mark: Mark::Artifact(Artifact::Decoration),
                });
            }
            if k == 0 && total {
                block.items.push(rule(0.0, width, 0.0, 1.0, Color::ACCENT));
            }
            for lines in &mut cell_lines {
                if let Some(line) = lines.get_mut(k) {
                    for mut it in line.items.drain(..) {
                        it.shape.shift(0.0, top);
                        block.items.push(it);
                    }
                }
            }
            if k + 1 == n {
                let (w, c) = if header {
                    (1.0, Color::ACCENT)
                } else {
                    (0.4, Color::RULE)
                };
                block.items.push(rule(0.0, width, block.height, w, c));
            }
            out.push(block);
        }
        out
    }
}

/// "- text" / "• text" / "* text" → ("•", text); "3. text" / "3) text" → ("3.", text).
pub(super) fn list_item(line: &str) -> Option<(String, &str)> {
    let t = line.trim_start();
    for bullet in ["- ", "• ", "* ", "– "] {
        if let Some(rest) = t.strip_prefix(bullet) {
            return Some(("•".to_string(), rest.trim_start()));
        }
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &t[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some((format!("{}.", &t[..digits]), r.trim_start()));
        }
    }
    None
}

pub(super) fn rule(x1: f32, x2: f32, y: f32, width: f32, color: Color) -> Item<Dest> {
    Item {
        shape: Shape::Line {
            x1,
            y1: y,
            x2,
            y2: y,
            width,
            color,
            dotted: false,
        },
        mark: Mark::Artifact(Artifact::Decoration),
    }
}

/// Ends the last text run of `blocks` with a space in the extracted text (a hard line break
/// follows it).
pub(super) fn space_after_last_run(blocks: &mut [Block]) {
    let last = blocks
        .iter_mut()
        .rev()
        .flat_map(|bl| bl.items.iter_mut().rev())
        .find_map(|item| match &mut item.shape {
            Shape::Text(run) => Some(run),
            _ => None,
        });
    if let Some(run) = last {
        run.space_after = true;
    }
}
