//! The plan as a typeset document: cover, contents, Indledning with the budget, Indsatsområder
//! with their goals, Opfølgning on the previous plan, and on request Statusoverblik. Builds the
//! flow of blocks and the structure tree, paginates, then fills in what only pagination knows
//! (contents page numbers, link targets, the outline, "Side 3 af 18").

use super::flow::{Area, Block, Paginated, paginate};
use super::text::{Line, Span, Style, break_lines};
use super::{
    Artifact, Color, Item, Layout, MARGINS, Mark, Meta, NodeId, OutlineEntry, PAGE_HEIGHT,
    PAGE_WIDTH, Page, Role, Scope, Shape, Structure, Target, TextRun,
};
use crate::model::{Date, FocusArea, Goal, Person, Plan, PlanBundle, PlanId, PlanState, Status};
use crate::report::fonts::{Face, FontSet};
use crate::report::{Options, ReportError};
use crate::units;
use std::collections::HashSet;

/// Width of the text body.
pub const BODY_W: f32 = PAGE_WIDTH - MARGINS.left - MARGINS.right;
/// Body text size.
const BODY: f32 = 10.5;
/// Line height as a multiple of the size.
const LEADING: f32 = 1.38;
/// Space between paragraphs.
const PARA_GAP: f32 = 5.0;
/// Width of the label column of a goal block ("Dokumentation:").
const LABEL_W: f32 = 88.0;
/// Indent of a list item's body.
const LIST_INDENT: f32 = 14.0;
/// Padding inside table cells.
const CELL_PAD: f32 = 4.0;

const fn style(face: Face, size: f32, color: Color) -> Style {
    Style { face, size, color }
}

const TEXT: Style = style(Face::Regular, BODY, Color::BLACK);
const LABEL: Style = style(Face::Bold, BODY, Color::BLACK);

/// The colour that marks a status (always printed with its label as well).
pub fn status_color(status: Option<Status>) -> Color {
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

/// The statuses in the order of the summary, "ikke vurderet" last.
const SUMMARY_STATUSES: [Option<Status>; 7] = [
    Some(Status::NotStarted),
    Some(Status::OnTrack),
    Some(Status::AtRisk),
    Some(Status::OffTrack),
    Some(Status::Done),
    Some(Status::Dropped),
    None,
];

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A short, one-line form of a text for the outline.
fn short(text: &str, max: usize) -> String {
    let one_line: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    if one_line.chars().count() <= max {
        one_line
    } else {
        let cut: String = one_line.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A column of a table.
#[derive(Debug, Clone, Copy)]
struct Col {
    width: f32,
    right: bool,
}

/// A contents or outline entry waiting for its page.
struct Entry {
    level: u8,
    title: String,
    anchor: usize,
    in_toc: bool,
}

struct Builder<'a> {
    fonts: &'static FontSet,
    structure: Structure,
    blocks: Vec<Block>,
    tables: Vec<Vec<Block>>,
    anchors: usize,
    entries: Vec<Entry>,
    missing: Vec<(char, String)>,
    seen: HashSet<char>,
    context: String,
    groups: u32,
    people: &'a [Person],
}

impl<'a> Builder<'a> {
    fn new(people: &'a [Person]) -> Builder<'a> {
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
        }
    }

    fn node(&mut self, role: Role, parent: NodeId) -> NodeId {
        self.structure.add(role, parent)
    }

    fn anchor(&mut self) -> usize {
        self.anchors += 1;
        self.anchors - 1
    }

    fn group(&mut self) -> u32 {
        self.groups += 1;
        self.groups
    }

    fn note_missing(&mut self, line: &Line) {
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
    fn lines(
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
        for (i, line) in lines.iter().enumerate() {
            self.note_missing(line);
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
                .iter()
                .map(|r| Item {
                    shape: Shape::Text(TextRun {
                        x: r.x + lx,
                        y: baseline,
                        ..r.clone()
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
    fn push_paragraph(&mut self, mut blocks: Vec<Block>, space_before: f32) {
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
    fn paragraph(&mut self, parent: NodeId, text: &str, st: Style, x: f32, space_before: f32) {
        let p = self.node(Role::P, parent);
        let blocks = self.hard_lines(Mark::Node(p), text, st, x, BODY_W - x);
        self.push_paragraph(blocks, space_before);
    }

    /// The lines of a text whose hard line breaks are kept. Each hard line but the last ends
    /// with a space for the extracted and read-aloud text, so that the words on either side
    /// of the break do not run together.
    fn hard_lines(&mut self, mark: Mark, text: &str, st: Style, x: f32, width: f32) -> Vec<Block> {
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
    fn body_text(&mut self, parent: NodeId, text: &str, x: f32, first_gap: f32) {
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

    fn flush_para(&mut self, parent: NodeId, para: &mut Vec<&str>, x: f32, gap: &mut f32) {
        if para.is_empty() {
            return;
        }
        let text = para.join("\n");
        para.clear();
        self.paragraph(parent, &text, TEXT, x, *gap);
        *gap = PARA_GAP;
    }

    fn flush_list(
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
    fn heading(&mut self, parent: NodeId, level: u8, text: &str, in_toc: bool) -> usize {
        let h = self.node(Role::Heading(level), parent);
        let (size, gap) = match level {
            1 => (22.0, 0.0),
            2 => (15.0, 18.0),
            _ => (12.0, 12.0),
        };
        let st = style(Face::Bold, size, Color::ACCENT);
        self.context = short(text, 60);
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
            title: short(text, 120),
            anchor,
            in_toc,
        });
        anchor
    }

    /// One field of a goal block: the bold label in the left column, the value beside it.
    /// `value` adds the value's blocks (at x = LABEL_W); the label joins the first of them.
    fn field(
        &mut self,
        list: NodeId,
        label: &str,
        group: u32,
        value: impl FnOnce(&mut Self, NodeId),
    ) {
        let li = self.node(Role::LI, list);
        let lbl = self.node(Role::Lbl, li);
        let body = self.node(Role::LBody, li);
        let start = self.blocks.len();
        value(self, body);
        // A little air between fields (not between the rule and the first one).
        let after_field = start > 0
            && self.blocks[start - 1].group == Some(group)
            && !self.blocks[start - 1]
                .items
                .iter()
                .all(|i| matches!(i.shape, Shape::Line { .. }));
        if after_field && let Some(b) = self.blocks.get_mut(start) {
            b.space_before = b.space_before.max(3.0);
        }
        if self.blocks.len() == start {
            self.blocks.push(Block {
                height: BODY * LEADING,
                ..Block::default()
            });
        }
        let first_baseline = self.blocks[start]
            .items
            .iter()
            .find_map(|i| match &i.shape {
                Shape::Text(r) => Some(r.y),
                _ => None,
            })
            .unwrap_or(BODY * LEADING * 0.76);
        let mut label_lines = self.lines(
            Mark::Node(lbl),
            &[Span::new(label, LABEL)],
            0.0,
            LABEL_W - 6.0,
            None,
        );
        let more = self.blocks.len() > start + 1;
        let first = &mut self.blocks[start];
        if let Some(lb) = label_lines.first_mut() {
            let shift = first_baseline - BODY * LEADING * 0.76;
            let mut items: Vec<Item> = lb
                .items
                .drain(..)
                .map(|mut i| {
                    i.shape.shift(0.0, shift);
                    i
                })
                .collect();
            items.append(&mut first.items);
            first.items = items;
        }
        // The label never stays behind without the first line of its value.
        first.keep_with_next = more;
        for b in &mut self.blocks[start..] {
            b.group = Some(group);
        }
    }

    /// Value: free text in the value column.
    fn value_text(&mut self, body: NodeId, text: &str) {
        if text.trim().is_empty() {
            let p = self.node(Role::P, body);
            let blocks = self.lines(
                Mark::Node(p),
                &[Span::new("–", TEXT)],
                LABEL_W,
                BODY_W - LABEL_W,
                None,
            );
            self.push_paragraph(blocks, 0.0);
        } else {
            self.body_text(body, text, LABEL_W, 0.0);
        }
    }

    /// Value: a status as a colour swatch and its label.
    fn value_status(&mut self, body: NodeId, status: Option<Status>) {
        let p = self.node(Role::P, body);
        let swatch = 9.0;
        let mut blocks = self.lines(
            Mark::Node(p),
            &[Span::new(capitalised(Status::label_of(status)), TEXT)],
            LABEL_W + swatch + 5.0,
            BODY_W - LABEL_W - swatch - 5.0,
            None,
        );
        if let Some(first) = blocks.first_mut() {
            let y = first.height * 0.76 - swatch + 1.0;
            first.items.insert(
                0,
                Item {
                    shape: Shape::Rect {
                        x: LABEL_W,
                        y,
                        w: swatch,
                        h: swatch,
                        fill: Some(status_color(status)),
                        stroke: Some((Color::MUTED, 0.5)),
                    },
                    mark: Mark::Artifact(Artifact::Decoration),
                },
            );
        }
        self.push_paragraph(blocks, 0.0);
    }

    fn owners(&self, goal: &Goal) -> String {
        goal.owners
            .iter()
            .filter_map(|id| self.people.iter().find(|p| p.id == *id))
            .map(|p| {
                if p.title.trim().is_empty() {
                    p.name.clone()
                } else {
                    format!("{} ({})", p.name, p.title.trim())
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// One goal as a block of labelled fields.
    fn goal(&mut self, parent: NodeId, goal: &Goal, number: &str, review: bool) {
        let anchor = self.anchor();
        self.entries.push(Entry {
            level: 3,
            title: format!("Mål {number}: {}", short(&goal.text, 70)),
            anchor,
            in_toc: false,
        });
        self.context = format!("mål {number}");
        let group = self.group();
        let div = self.node(Role::Div, parent);
        let list = self.node(Role::L, div);
        // A thin rule above each goal.
        let start = self.blocks.len();
        self.blocks.push(Block {
            height: 6.0,
            space_before: 10.0,
            keep_with_next: true,
            items: vec![Item {
                shape: Shape::Line {
                    x1: 0.0,
                    y1: 0.0,
                    x2: BODY_W,
                    y2: 0.0,
                    width: 0.5,
                    color: Color::RULE,
                    dotted: false,
                },
                mark: Mark::Artifact(Artifact::Decoration),
            }],
            anchors: vec![anchor],
            group: Some(group),
            ..Block::default()
        });
        let text = goal.text.clone();
        let details = goal.details.clone();
        self.field(list, "Mål:", group, |b, body| {
            b.body_text(body, &text, LABEL_W, 0.0);
            if !details.trim().is_empty() {
                b.body_text(body, &details, LABEL_W, PARA_GAP);
            }
        });
        if !goal.documentation.trim().is_empty() || !review {
            let doc = goal.documentation.clone();
            self.field(list, "Dokumentation:", group, |b, body| {
                b.value_text(body, &doc);
            });
        }
        let owners = self.owners(goal);
        if !owners.is_empty() || !review {
            self.field(list, "Tovholder:", group, |b, body| {
                b.value_text(body, &owners)
            });
        }
        if let Some(deadline) = goal.deadline {
            self.field(list, "Frist:", group, |b, body| {
                b.value_text(body, &units::format_date(deadline))
            });
        }
        if goal.status.is_some() || !review {
            let status = goal.status;
            self.field(list, "Status:", group, |b, body| {
                b.value_status(body, status)
            });
        }
        if !goal.follow_ups.is_empty() {
            let mut follow_ups = goal.follow_ups.clone();
            follow_ups.sort_by_key(|f| f.date); // stable: equal dates keep their order
            self.field(list, "Opfølgning:", group, |b, body| {
                let l = b.node(Role::L, body);
                for (i, f) in follow_ups.iter().enumerate() {
                    b.follow_up(l, f.date, f.status, &f.text, i > 0);
                }
            });
        }
        for (i, b) in self.blocks[start..].iter_mut().enumerate() {
            if i > 0 {
                b.group = Some(group);
            }
        }
    }

    fn follow_up(
        &mut self,
        list: NodeId,
        date: Date,
        status: Option<Status>,
        text: &str,
        gap: bool,
    ) {
        let li = self.node(Role::LI, list);
        let lbl = self.node(Role::Lbl, li);
        let body = self.node(Role::LBody, li);
        let mut spans = vec![Span::new(
            units::format_date_capitalised(date),
            style(Face::Bold, BODY, Color::ACCENT),
        )];
        if let Some(s) = status {
            spans.push(Span::new(
                format!(" · status: {}", s.label()),
                style(Face::Italic, BODY, Color::BLACK),
            ));
        }
        let mut blocks = self.lines(Mark::Node(lbl), &spans, LABEL_W, BODY_W - LABEL_W, None);
        for b in &mut blocks {
            b.keep_with_next = true;
        }
        if let Some(first) = blocks.first_mut()
            && gap
        {
            first.space_before = PARA_GAP;
        }
        self.blocks.extend(blocks);
        self.body_text(body, text, LABEL_W, 1.0);
    }

    /// A table: header cells, rows of cells (the first cell of each row a row header), and an
    /// optional total row in bold. Each text line of a row is its own block, so that even a
    /// huge cell breaks across pages; a row that fits in the keep limit is kept whole.
    fn table(
        &mut self,
        parent: NodeId,
        cols: &[Col],
        header: &[String],
        rows: &[Vec<String>],
        total: Option<&[String]>,
        size: f32,
    ) {
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
        if height < (PAGE_HEIGHT - MARGINS.top - MARGINS.bottom) * super::flow::GROUP_LIMIT {
            let group = self.group();
            for b in &mut self.blocks[header_start..] {
                b.group = Some(group);
            }
        }
    }

    /// One table row as blocks (one per text line).
    #[allow(clippy::too_many_arguments)]
    fn row(
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

    fn intro_chapter(&mut self, plan: &Plan) {
        let has_intro = !plan.sections.is_empty();
        let has_budget = !plan.budget.is_empty();
        if !has_intro && !has_budget {
            return;
        }
        let sect = self.node(Role::Sect, Structure::ROOT);
        let mut sections = plan.sections.iter().peekable();
        // The first section titled "Indledning" is the chapter's own text.
        let chapter_title = match sections.peek() {
            Some(s) if s.title.trim().eq_ignore_ascii_case("indledning") => {
                let s = sections.next();
                self.heading(sect, 1, "Indledning", true);
                if let Some(s) = s {
                    self.body_text(sect, &s.body, 0.0, 0.0);
                }
                true
            }
            _ => false,
        };
        if !chapter_title {
            self.heading(sect, 1, "Indledning", true);
        }
        for s in sections {
            let sub = self.node(Role::Sect, sect);
            self.heading(sub, 2, &s.title, true);
            self.body_text(sub, &s.body, 0.0, 4.0);
        }
        if has_budget {
            self.budget(sect, plan);
        }
    }

    fn budget(&mut self, parent: NodeId, plan: &Plan) {
        let b = &plan.budget;
        let sect = self.node(Role::Sect, parent);
        let title = if b.title.trim().is_empty() {
            "Budget"
        } else {
            b.title.as_str()
        };
        self.heading(sect, 2, title, true);
        let size = 9.5;
        if let Some(year) = b.year {
            let cap = self.node(Role::Caption, sect);
            let mut blocks = self.lines(
                Mark::Node(cap),
                &[Span::new(
                    format!("Budget {year}, {}, i kr.", plan.organisation.trim()),
                    style(Face::Italic, size, Color::BLACK),
                )],
                0.0,
                BODY_W,
                None,
            );
            for bl in &mut blocks {
                bl.keep_with_next = true;
            }
            if let Some(f) = blocks.first_mut() {
                f.space_before = 4.0;
            }
            self.blocks.extend(blocks);
        }
        let header: Vec<String> = ["Område", "Udgifter", "Indtægter", "Samlet resultat"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let amount = |v: Option<i64>| v.map_or_else(|| "–".to_string(), units::format_amount);
        let rows: Vec<Vec<String>> = b
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.area.clone(),
                    amount(Some(r.expenses)),
                    amount(Some(r.income)),
                    amount(r.result()),
                ]
            })
            .collect();
        let totals = b.totals();
        let total = vec![
            "I alt".to_string(),
            amount(totals.map(|t| t.expenses)),
            amount(totals.map(|t| t.income)),
            amount(totals.map(|t| t.result)),
        ];
        // Figure columns as wide as their widest figure, the area column takes the rest.
        let fonts = self.fonts;
        let widest = |i: usize| -> f32 {
            let mut w = fonts.text_width(Face::Bold, &header[i]) * size;
            for r in rows.iter().chain(std::iter::once(&total)) {
                w = w.max(fonts.text_width(Face::Bold, &r[i]) * size);
            }
            (w + 2.0 * CELL_PAD + 2.0).min(BODY_W * 0.22)
        };
        let fig: Vec<f32> = (1..4).map(widest).collect();
        let fig_total: f32 = fig.iter().sum();
        let cols = [
            Col {
                width: BODY_W - fig_total,
                right: false,
            },
            Col {
                width: fig[0],
                right: true,
            },
            Col {
                width: fig[1],
                right: true,
            },
            Col {
                width: fig[2],
                right: true,
            },
        ];
        if let Some(first) = self.blocks.last_mut() {
            first.keep_with_next = true;
        }
        let start = self.blocks.len();
        self.table(sect, &cols, &header, &rows, Some(&total), size);
        if let Some(f) = self.blocks.get_mut(start) {
            f.space_before = 6.0;
        }
        if !b.note.trim().is_empty() {
            self.body_text(sect, &b.note, 0.0, 8.0);
        }
    }

    fn focus_area(&mut self, parent: NodeId, area: &FocusArea, number: usize, review: bool) {
        let sect = self.node(Role::Sect, parent);
        self.heading(sect, 2, &format!("{number}. {}", area.title), true);
        if !area.description.trim().is_empty() {
            self.body_text(sect, &area.description, 0.0, 4.0);
        }
        for (i, goal) in area.goals.iter().enumerate() {
            self.goal(sect, goal, &format!("{number}.{}", i + 1), review);
        }
    }

    fn summary(&mut self, plan: &Plan) {
        let sect = self.node(Role::Sect, Structure::ROOT);
        self.heading(sect, 1, "Statusoverblik", true);
        self.body_text(
            sect,
            "Målenes status pr. indsatsområde: status er den, målet har nu; \"ikke vurderet\" er mål, der endnu ikke har fået en status.",
            0.0,
            0.0,
        );
        let size = 8.5;
        let mut header = vec!["Indsatsområde".to_string(), "Mål".to_string()];
        header.extend(
            SUMMARY_STATUSES
                .iter()
                .map(|s| capitalised(Status::label_of(*s))),
        );
        let counts: Vec<[usize; 7]> = plan
            .focus_areas
            .iter()
            .map(|a| {
                let mut c = [0usize; 7];
                for g in &a.goals {
                    if let Some(i) = SUMMARY_STATUSES.iter().position(|s| *s == g.status) {
                        c[i] += 1;
                    }
                }
                c
            })
            .collect();
        let rows: Vec<Vec<String>> = plan
            .focus_areas
            .iter()
            .zip(&counts)
            .enumerate()
            .map(|(i, (a, c))| {
                let mut r = vec![format!("{}. {}", i + 1, a.title), a.goals.len().to_string()];
                r.extend(c.iter().map(|n| n.to_string()));
                r
            })
            .collect();
        let mut totals = [0usize; 7];
        for c in &counts {
            for (t, n) in totals.iter_mut().zip(c) {
                *t += n;
            }
        }
        let mut total = vec![
            "I alt".to_string(),
            plan.focus_areas
                .iter()
                .map(|a| a.goals.len())
                .sum::<usize>()
                .to_string(),
        ];
        total.extend(totals.iter().map(|n| n.to_string()));
        let num_w = 44.0;
        let mut cols = vec![Col {
            width: BODY_W - 8.0 * num_w,
            right: false,
        }];
        cols.extend((0..8).map(|_| Col {
            width: num_w,
            right: true,
        }));
        let start = self.blocks.len();
        self.table(sect, &cols, &header, &rows, Some(&total), size);
        if let Some(f) = self.blocks.get_mut(start) {
            f.space_before = 8.0;
        }
        self.chart(sect, plan, &counts);
    }

    /// The status chart: one stacked bar per focus area, drawn with rectangles.
    fn chart(&mut self, parent: NodeId, plan: &Plan, counts: &[[usize; 7]]) {
        let sub = self.node(Role::Sect, parent);
        self.heading(sub, 2, "Målenes status i et diagram", true);
        let fig = self.node(Role::Figure, sub);
        let mut alt = format!(
            "Vandret søjlediagram: for hvert af planens {} indsatsområder en søjle, hvis længde er antallet af mål, delt i farver efter status. ",
            plan.focus_areas.len()
        );
        for (i, (a, c)) in plan.focus_areas.iter().zip(counts).enumerate() {
            let parts: Vec<String> = SUMMARY_STATUSES
                .iter()
                .zip(c)
                .filter(|(_, n)| **n > 0)
                .map(|(s, n)| format!("{n} {}", Status::label_of(*s)))
                .collect();
            alt.push_str(&format!(
                "{}. {}: {} mål{}{}. ",
                i + 1,
                short(&a.title, 80),
                a.goals.len(),
                if parts.is_empty() { "" } else { ", " },
                parts.join(", ")
            ));
        }
        if let Some(node) = self.structure.nodes.get_mut(fig.0 as usize) {
            node.alt = Some(alt.trim_end().to_string());
        }
        let group = self.group();
        let label_w = 150.0;
        let bar_x = label_w + 8.0;
        let max = counts
            .iter()
            .map(|c| c.iter().sum::<usize>())
            .max()
            .unwrap_or(0)
            .max(1);
        let scale = (BODY_W - bar_x - 30.0) / max as f32;
        let small = style(Face::Regular, 8.5, Color::BLACK);
        let start = self.blocks.len();
        for (i, (a, c)) in plan.focus_areas.iter().zip(counts).enumerate() {
            let label = format!("{}. {}", i + 1, short(&a.title, 40));
            let mut blocks = self.lines(
                Mark::Node(fig),
                &[Span::new(label, small)],
                0.0,
                label_w,
                None,
            );
            if let Some(first) = blocks.first_mut() {
                first.space_before = 3.0;
                let bar_h = 9.0;
                let y = first.height * 0.76 - bar_h + 1.5;
                let mut x = bar_x;
                for (s, n) in SUMMARY_STATUSES.iter().zip(c) {
                    if *n == 0 {
                        continue;
                    }
                    let w = *n as f32 * scale;
                    first.items.push(Item {
                        shape: Shape::Rect {
                            x,
                            y,
                            w,
                            h: bar_h,
                            fill: Some(status_color(*s)),
                            stroke: Some((Color::rgb(0xff, 0xff, 0xff), 0.5)),
                        },
                        mark: Mark::Node(fig),
                    });
                    x += w;
                }
                let total: usize = c.iter().sum();
                let mut runs = Vec::new();
                super::text::runs_of(&total.to_string(), small, x + 4.0, self.fonts, &mut runs);
                for r in runs {
                    first.items.push(Item {
                        shape: Shape::Text(TextRun {
                            y: first.height * 0.76,
                            ..r
                        }),
                        mark: Mark::Node(fig),
                    });
                }
            }
            for b in &mut blocks {
                b.group = Some(group);
            }
            self.blocks.extend(blocks);
        }
        // The legend: swatch and label, four to a row.
        let per_row = 4;
        let cell_w = BODY_W / per_row as f32;
        for (r, chunk) in SUMMARY_STATUSES.chunks(per_row).enumerate() {
            let mut block = Block {
                height: 8.5 * LEADING,
                space_before: if r == 0 { 8.0 } else { 0.0 },
                group: Some(group),
                ..Block::default()
            };
            for (k, s) in chunk.iter().enumerate() {
                let x = k as f32 * cell_w;
                block.items.push(Item {
                    shape: Shape::Rect {
                        x,
                        y: block.height * 0.76 - 7.0,
                        w: 8.0,
                        h: 8.0,
                        fill: Some(status_color(*s)),
                        stroke: Some((Color::MUTED, 0.4)),
                    },
                    mark: Mark::Node(fig),
                });
                let mut runs = Vec::new();
                super::text::runs_of(
                    &capitalised(Status::label_of(*s)),
                    small,
                    x + 12.0,
                    self.fonts,
                    &mut runs,
                );
                for run in runs {
                    block.items.push(Item {
                        shape: Shape::Text(TextRun {
                            y: block.height * 0.76,
                            ..run
                        }),
                        mark: Mark::Node(fig),
                    });
                }
            }
            self.blocks.push(block);
        }
        if let Some(b) = self.blocks.get_mut(start) {
            b.space_before = 8.0;
        }
    }
}

/// "- text" / "• text" / "* text" → ("•", text); "3. text" / "3) text" → ("3.", text).
fn list_item(line: &str) -> Option<(String, &str)> {
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

fn rule(x1: f32, x2: f32, y: f32, width: f32, color: Color) -> Item {
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

/// The cover as a flow (an absurdly long title may take a second page).
fn cover(b: &mut Builder<'_>, plan: &Plan, part: NodeId) -> Vec<Block> {
    let saved = std::mem::take(&mut b.blocks);
    b.context = "forsiden".into();
    let accent_bar = Block {
        height: 6.0,
        items: vec![Item {
            shape: Shape::Rect {
                x: 0.0,
                y: 0.0,
                w: BODY_W,
                h: 5.0,
                fill: Some(Color::ACCENT),
                stroke: None,
            },
            mark: Mark::Artifact(Artifact::Decoration),
        }],
        ..Block::default()
    };
    b.blocks.push(accent_bar);
    let line = |b: &mut Builder<'_>, text: &str, st: Style, gap: f32| {
        if text.trim().is_empty() {
            return;
        }
        let p = b.node(Role::P, part);
        let blocks = b.lines(Mark::Node(p), &[Span::new(text, st)], 0.0, BODY_W, None);
        b.push_paragraph(blocks, gap);
    };
    line(
        b,
        &plan.municipality,
        style(Face::Bold, 15.0, Color::ACCENT),
        14.0,
    );
    // The title, as the document's first heading.
    let h = b.node(Role::Heading(1), part);
    let mut title = b.lines(
        Mark::Node(h),
        &[Span::new(
            plan.title.as_str(),
            style(Face::Bold, 32.0, Color::ACCENT),
        )],
        0.0,
        BODY_W,
        None,
    );
    if let Some(f) = title.first_mut() {
        f.space_before = 150.0;
    }
    b.blocks.extend(title);
    line(
        b,
        &plan.organisation,
        style(Face::Regular, 17.0, Color::BLACK),
        10.0,
    );
    line(
        b,
        &format!("Periode {}", plan.period),
        style(Face::Regular, 12.0, Color::MUTED),
        8.0,
    );
    match plan.state {
        PlanState::Draft => {
            let p = b.node(Role::P, part);
            let mut blocks = b.lines(
                Mark::Node(p),
                &[
                    Span::new("UDKAST", style(Face::Bold, 16.0, Color::DRAFT_TEXT)),
                    Span::new(
                        " – planen er ikke godkendt",
                        style(Face::Regular, 12.0, Color::DRAFT_TEXT),
                    ),
                ],
                8.0,
                BODY_W - 16.0,
                None,
            );
            if let Some(f) = blocks.first_mut() {
                f.space_before = 24.0;
                let hgt = f.height;
                f.items.insert(
                    0,
                    Item {
                        shape: Shape::Rect {
                            x: 0.0,
                            y: -4.0,
                            w: 4.0,
                            h: hgt + 8.0,
                            fill: Some(Color::DRAFT_TEXT),
                            stroke: None,
                        },
                        mark: Mark::Artifact(Artifact::Decoration),
                    },
                );
            }
            b.push_paragraph(blocks, 24.0);
        }
        PlanState::Approved => {
            let mut text = "Godkendt".to_string();
            if !plan.approved_by.trim().is_empty() {
                text.push_str(&format!(" af {}", plan.approved_by.trim()));
            }
            if let Some(d) = plan.approved_on {
                text.push_str(&format!(" den {}", units::format_date(d)));
            }
            line(b, &text, style(Face::Regular, 12.0, Color::BLACK), 24.0);
        }
    }
    let top_part = std::mem::take(&mut b.blocks);
    // The contact block, at the foot of the page when there is room.
    let c = &plan.contact;
    let small = style(Face::Regular, 9.5, Color::BLACK);
    let contact_lines: Vec<(String, Style, Option<String>)> = {
        let mut v = vec![(
            plan.organisation.clone(),
            style(Face::Bold, 9.5, Color::BLACK),
            None,
        )];
        v.push((plan.municipality.clone(), small, None));
        for l in c.address.lines() {
            v.push((l.to_string(), small, None));
        }
        if !c.phone.trim().is_empty() {
            v.push((format!("Telefon {}", c.phone.trim()), small, None));
        }
        if !c.email.trim().is_empty() {
            v.push((
                c.email.trim().to_string(),
                small,
                Some(format!("mailto:{}", c.email.trim())),
            ));
        }
        if !c.web.trim().is_empty() {
            let web = c.web.trim();
            let uri = if web.starts_with("http://") || web.starts_with("https://") {
                web.to_string()
            } else {
                format!("https://{web}")
            };
            v.push((web.to_string(), small, Some(uri)));
        }
        if !plan.journal_number.trim().is_empty() {
            v.push((
                format!("Journalnr. {}", plan.journal_number.trim()),
                small,
                None,
            ));
        }
        v.retain(|(t, _, _)| !t.trim().is_empty());
        v
    };
    let addr = b.node(Role::P, part);
    let mut contact: Vec<Block> = Vec::new();
    for (i, (text, st, uri)) in contact_lines.iter().enumerate() {
        let mark = match uri {
            Some(_) => Mark::Node(b.node(Role::Link, addr)),
            None => Mark::Node(addr),
        };
        let mut blocks = b.lines(
            mark,
            &[Span::new(text.as_str(), *st)],
            0.0,
            BODY_W * 0.6,
            None,
        );
        if let Some(uri) = uri {
            for bl in &mut blocks {
                let (x0, y0, x1, y1) = bl
                    .items
                    .iter()
                    .map(|i| i.shape.bbox())
                    .fold((f32::MAX, f32::MAX, f32::MIN, f32::MIN), |a, bb| {
                        (a.0.min(bb.0), a.1.min(bb.1), a.2.max(bb.2), a.3.max(bb.3))
                    });
                if x1 > x0 {
                    bl.items.push(Item {
                        shape: Shape::Link {
                            x: x0,
                            y: y0,
                            w: x1 - x0,
                            h: y1 - y0,
                            target: Target::Uri(uri.clone()),
                        },
                        mark,
                    });
                }
            }
        }
        if i == 0
            && let Some(f) = blocks.first_mut()
        {
            f.items
                .push(rule(0.0, BODY_W * 0.6, -6.0, 0.8, Color::ACCENT));
        }
        // The lines are one paragraph (the address), as hard lines are.
        if i > 0 {
            space_after_last_run(&mut contact);
        }
        contact.extend(blocks);
    }
    let body_h = PAGE_HEIGHT - MARGINS.top - MARGINS.bottom;
    let used: f32 = top_part.iter().map(|x| x.height + x.space_before).sum();
    let contact_h: f32 = contact.iter().map(|x| x.height).sum();
    if let Some(f) = contact.first_mut() {
        f.space_before = if used + contact_h + 40.0 <= body_h {
            body_h - used - contact_h
        } else {
            40.0
        };
    }
    let mut all = top_part;
    all.extend(contact);
    b.blocks = saved;
    all
}

/// Ends the last text run of `blocks` with a space in the extracted text (a hard line break
/// follows it).
fn space_after_last_run(blocks: &mut [Block]) {
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

/// The contents: one entry per chapter (bold) and section, with leaders and page numbers, each
/// a link.
fn contents(b: &mut Builder<'_>, sect: NodeId) -> (Vec<Block>, usize) {
    let saved = std::mem::take(&mut b.blocks);
    let anchor = b.heading(sect, 1, "Indhold", false);
    let toc = b.node(Role::TOC, sect);
    let num_w = 34.0;
    let entries: Vec<(u8, String, usize)> = b
        .entries
        .iter()
        .filter(|e| e.in_toc && e.anchor != anchor)
        .map(|e| (e.level, e.title.clone(), e.anchor))
        .collect();
    for (level, title, target) in entries {
        let item = b.node(Role::TOCI, toc);
        let link = b.node(Role::Link, item);
        let reference = b.node(Role::Reference, item);
        let (indent, st, gap) = if level == 1 {
            (0.0, style(Face::Bold, 11.0, Color::ACCENT), 9.0)
        } else {
            (16.0, TEXT, 2.0)
        };
        let mut blocks = b.lines(
            Mark::Node(link),
            &[Span::new(title, st)],
            indent,
            BODY_W - indent - num_w - 12.0,
            None,
        );
        let n = blocks.len();
        for (i, bl) in blocks.iter_mut().enumerate() {
            bl.keep_with_next = i + 1 < n;
            let (x0, y0, x1, y1) = bl
                .items
                .iter()
                .map(|i| i.shape.bbox())
                .fold((f32::MAX, f32::MAX, f32::MIN, f32::MIN), |a, bb| {
                    (a.0.min(bb.0), a.1.min(bb.1), a.2.max(bb.2), a.3.max(bb.3))
                });
            let (x0, x1) = if x1 > x0 { (x0, x1) } else { (indent, indent) };
            let (y0, y1) = if y1 > y0 { (y0, y1) } else { (0.0, bl.height) };
            // The link covers the whole line, page number included (targets are anchors until
            // pagination resolves them: page 0, y = anchor).
            bl.items.push(Item {
                shape: Shape::Link {
                    x: x0.min(indent),
                    y: y0,
                    w: BODY_W - x0.min(indent),
                    h: y1 - y0,
                    target: Target::Page {
                        page: 0,
                        y: target as f32,
                    },
                },
                mark: Mark::Node(link),
            });
            if i + 1 == n {
                // Leader dots from the text to the page number, then the number.
                let base = bl.height * 0.76;
                bl.items.push(Item {
                    shape: Shape::Line {
                        x1: x1 + 4.0,
                        y1: base,
                        x2: BODY_W - num_w,
                        y2: base,
                        width: 0.9,
                        color: Color::MUTED,
                        dotted: true,
                    },
                    mark: Mark::Artifact(Artifact::Decoration),
                });
                bl.items.push(Item {
                    shape: Shape::Text(TextRun {
                        x: BODY_W,
                        y: base,
                        size: st.size,
                        face: st.face,
                        color: st.color,
                        text: String::new(),
                        width: 0.0,
                        actual: None,
                        angle: 0.0,
                        space_after: false,
                    }),
                    mark: Mark::Node(reference),
                });
                bl.page_ref = Some((bl.items.len() - 1, target, BODY_W));
            }
        }
        if let Some(f) = blocks.first_mut() {
            f.space_before = gap;
        }
        b.blocks.extend(blocks);
    }
    let blocks = std::mem::replace(&mut b.blocks, saved);
    (blocks, anchor)
}

/// Lays out a plan of `doc` as pages of positioned items.
///
/// The plan's previous plan, when it is in `doc` and `options.review` is set, gives the
/// Opfølgning chapter; people are looked up in `doc.people`.
pub fn layout(doc: &PlanBundle, plan_id: PlanId, options: &Options) -> Result<Layout, ReportError> {
    let plan = doc
        .plans
        .iter()
        .find(|p| p.id == plan_id)
        .ok_or(ReportError::PlanNotFound(plan_id))?;
    let previous = plan
        .previous
        .filter(|_| options.review)
        .and_then(|id| doc.plans.iter().find(|p| p.id == id && p.id != plan.id));
    let mut b = Builder::new(&doc.people);
    // The cover and the contents come first in reading order but are built last (the
    // contents need the body's entries): their nodes are made now, so that the root's
    // children are in reading order.
    let part = b.node(Role::Part, Structure::ROOT);
    let toc_sect = b.node(Role::Sect, Structure::ROOT);

    // The body first: the contents need its entries.
    b.intro_chapter(plan);
    let areas_sect = b.node(Role::Sect, Structure::ROOT);
    b.heading(areas_sect, 1, "Indsatsområder", true);
    if !plan.focus_areas_intro.trim().is_empty() {
        b.body_text(areas_sect, &plan.focus_areas_intro, 0.0, 0.0);
    }
    if plan.focus_areas.is_empty() {
        b.paragraph(
            areas_sect,
            "Planen har endnu ingen indsatsområder.",
            TEXT,
            0.0,
            0.0,
        );
    }
    for (i, area) in plan.focus_areas.iter().enumerate() {
        b.focus_area(areas_sect, area, i + 1, false);
    }
    if let Some(prev) = previous {
        let sect = b.node(Role::Sect, Structure::ROOT);
        b.heading(sect, 1, &format!("Opfølgning på {}", prev.title), true);
        if !plan.review_intro.trim().is_empty() {
            b.body_text(sect, &plan.review_intro, 0.0, 0.0);
        }
        let offset = plan.focus_areas.len();
        for (i, area) in prev.focus_areas.iter().enumerate() {
            b.focus_area(sect, area, offset + i + 1, true);
        }
    }
    if options.summary {
        b.summary(plan);
    }
    let body_blocks = std::mem::take(&mut b.blocks);
    let cover_blocks = cover(&mut b, plan, part);
    let (toc_blocks, toc_anchor) = contents(&mut b, toc_sect);

    let area = Area {
        left: MARGINS.left,
        top: MARGINS.top,
        bottom: PAGE_HEIGHT - MARGINS.bottom,
    };
    let tables = std::mem::take(&mut b.tables);
    let n_anchors = b.anchors;
    let cover_pages = paginate(&cover_blocks, &tables, area, n_anchors);
    let toc_pages = paginate(&toc_blocks, &tables, area, n_anchors);
    let body_pages = paginate(&body_blocks, &tables, area, n_anchors);
    let n_cover = cover_pages.pages.len();
    let n_toc = toc_pages.pages.len();

    // Anchor → (1-based page, y).
    let mut anchor_pos: Vec<Option<(usize, f32)>> = vec![None; n_anchors];
    for (run, offset) in [
        (&cover_pages, 0usize),
        (&toc_pages, n_cover),
        (&body_pages, n_cover + n_toc),
    ] {
        for (a, pos) in run.anchors.iter().enumerate() {
            if let Some((page, y)) = pos {
                anchor_pos[a] = Some((offset + page + 1, *y));
            }
        }
    }
    let fill_refs = |run: &mut Paginated| {
        for &(page, item, anchor, right) in &run.page_refs {
            let number = anchor_pos
                .get(anchor)
                .copied()
                .flatten()
                .map_or(String::from("–"), |(p, _)| p.to_string());
            if let Some(Item {
                shape: Shape::Text(r),
                ..
            }) = run.pages.get_mut(page).and_then(|p| p.items.get_mut(item))
            {
                r.width = FontSet::get().text_width(r.face, &number) * r.size;
                r.x = right - r.width;
                r.text = number;
            }
        }
    };
    let mut toc_pages = toc_pages;
    fill_refs(&mut toc_pages);

    let mut pages: Vec<Page> = Vec::new();
    pages.extend(cover_pages.pages);
    pages.extend(toc_pages.pages);
    pages.extend(body_pages.pages);
    for page in &mut pages {
        for item in &mut page.items {
            if let Shape::Link {
                target: Target::Page { page: p, y },
                ..
            } = &mut item.shape
                && *p == 0
            {
                let anchor = *y as usize;
                let (page_no, top) = anchor_pos
                    .get(anchor)
                    .copied()
                    .flatten()
                    .unwrap_or((1, 0.0));
                *p = page_no;
                *y = top;
            }
        }
    }

    let mut outline = Vec::new();
    if let Some(Some((page, y))) = anchor_pos.get(toc_anchor) {
        outline.push(OutlineEntry {
            title: "Indhold".into(),
            level: 1,
            page: *page,
            y: *y,
        });
    }
    for e in &b.entries {
        if e.anchor == toc_anchor {
            continue;
        }
        if let Some(Some((page, y))) = anchor_pos.get(e.anchor) {
            outline.push(OutlineEntry {
                title: e.title.clone(),
                level: e.level,
                page: *page,
                y: *y,
            });
        }
    }

    decorate(&mut pages, plan, n_cover);
    let structure = b.structure;
    Ok(Layout {
        pages,
        structure,
        outline,
        meta: Meta {
            title: plan.title.clone(),
            author: plan.organisation.clone(),
            subject: {
                let mut s = format!("Virksomhedsplan for {}", plan.organisation);
                if !plan.municipality.trim().is_empty() {
                    s.push_str(&format!(", {}", plan.municipality.trim()));
                }
                s.push_str(&format!(", {}", plan.period));
                s
            },
            lang: "da-DK".into(),
        },
        missing: b.missing,
    })
}

/// The running header and footer, page numbers and the UDKAST mark.
fn decorate(pages: &mut [Page], plan: &Plan, n_cover: usize) {
    let fonts = FontSet::get();
    let total = pages.len();
    let muted = style(Face::Regular, 8.5, Color::MUTED);
    let header_y = MARGINS.top - 30.0;
    let footer_y = PAGE_HEIGHT - MARGINS.bottom + 30.0;
    let right = PAGE_WIDTH - MARGINS.right;
    let text_item =
        |text: &str, st: Style, x: f32, y: f32, max_w: f32, art: Artifact| -> Vec<Item> {
            let lines = break_lines(&[Span::new(text, st)], max_w, max_w, fonts);
            let mut out = Vec::new();
            if let Some(line) = lines.into_iter().next() {
                for r in line.runs {
                    out.push(Item {
                        shape: Shape::Text(TextRun { x: r.x + x, y, ..r }),
                        mark: Mark::Artifact(art),
                    });
                }
            }
            out
        };
    // The same on every page: laid out once (a pasted blob in the title is broken into lines
    // once, not once per page).
    let half = BODY_W * 0.62;
    let title = text_item(
        &plan.title,
        muted,
        MARGINS.left,
        header_y,
        half,
        Artifact::Header,
    );
    let muni_w = fonts.text_width(Face::Regular, &plan.municipality) * 8.5;
    let muni_w = muni_w.min(BODY_W - half - 10.0);
    let municipality = text_item(
        &plan.municipality,
        muted,
        right - muni_w,
        header_y,
        BODY_W - half - 10.0,
        Artifact::Header,
    );
    let mut organisation: Option<(f32, Vec<Item>)> = None;
    for (i, page) in pages.iter_mut().enumerate() {
        let mut front: Vec<Item> = Vec::new();
        if plan.state == PlanState::Draft {
            front.push(draft_mark());
        }
        if i >= n_cover {
            front.extend(title.iter().cloned());
            front.extend(municipality.iter().cloned());
            front.push(Item {
                shape: Shape::Line {
                    x1: MARGINS.left,
                    y1: header_y + 6.0,
                    x2: right,
                    y2: header_y + 6.0,
                    width: 0.4,
                    color: Color::RULE,
                    dotted: false,
                },
                mark: Mark::Artifact(Artifact::Header),
            });
            front.push(Item {
                shape: Shape::Line {
                    x1: MARGINS.left,
                    y1: footer_y - 11.0,
                    x2: right,
                    y2: footer_y - 11.0,
                    width: 0.4,
                    color: Color::RULE,
                    dotted: false,
                },
                mark: Mark::Artifact(Artifact::Footer),
            });
            let number = format!("Side {} af {}", i + 1, total);
            let nw = fonts.text_width(Face::Regular, &number) * 8.5;
            // The organisation's room depends on the page number's width; the digits are
            // tabular, so it changes only with the number of digits.
            let items = match &organisation {
                Some((w, items)) if *w == nw => items,
                _ => {
                    let items = text_item(
                        &plan.organisation,
                        muted,
                        MARGINS.left,
                        footer_y,
                        BODY_W - nw - 16.0,
                        Artifact::Footer,
                    );
                    &organisation.insert((nw, items)).1
                }
            };
            front.extend(items.iter().cloned());
            front.extend(text_item(
                &number,
                muted,
                right - nw,
                footer_y,
                nw + 1.0,
                Artifact::PageNumber,
            ));
        }
        if !front.is_empty() {
            front.append(&mut page.items);
            page.items = front;
        }
    }
}

/// The diagonal UDKAST behind the text, centred on the page.
fn draft_mark() -> Item {
    let fonts = FontSet::get();
    let size = 110.0;
    let text = "UDKAST";
    let width = fonts.text_width(Face::Bold, text) * size;
    let angle = (PAGE_HEIGHT - MARGINS.top - MARGINS.bottom)
        .atan2(PAGE_WIDTH - MARGINS.left - MARGINS.right)
        .to_degrees();
    let (s, c) = angle.to_radians().sin_cos();
    let (cx, cy) = (PAGE_WIDTH / 2.0, PAGE_HEIGHT / 2.0);
    let dx = width / 2.0;
    let dy = -0.33 * size;
    let x = cx - (dx * c + dy * s);
    let y = cy - (-dx * s + dy * c);
    Item {
        shape: Shape::Text(TextRun {
            x,
            y,
            size,
            face: Face::Bold,
            color: Color::DRAFT,
            text: text.into(),
            width,
            actual: None,
            angle,
            space_after: false,
        }),
        mark: Mark::Artifact(Artifact::Draft),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FocusArea, Goal, Plan, PlanBundle, PlanId};
    use crate::report::layout::text::lookups;

    /// A plan whose title and goal text are one unbroken blob of `n` characters.
    fn blob_plan(n: usize) -> PlanBundle {
        let blob: String = "aHR0cHM6Ly9leGFtcGxlLmRr+/"
            .chars()
            .cycle()
            .take(n)
            .collect();
        PlanBundle {
            plans: vec![Plan {
                id: PlanId(1),
                title: blob.clone(),
                organisation: "Sundheds- og Socialforvaltningen".into(),
                focus_areas: vec![FocusArea {
                    title: "Sundhed".into(),
                    goals: vec![Goal {
                        text: blob,
                        ..Goal::default()
                    }],
                    ..FocusArea::default()
                }],
                ..Plan::default()
            }],
            ..PlanBundle::default()
        }
    }

    /// Laying out a plan whose title and goal text are pasted blobs takes time linear in their
    /// length: every page's running header shows the title, and it must not be broken into
    /// lines again on every page (the blob makes hundreds of pages).
    #[test]
    fn a_plan_with_blobs_is_laid_out_with_lookups_linear_in_their_length() {
        let lookups_for = |n: usize| -> (u64, usize) {
            let doc = blob_plan(n);
            let before = lookups();
            let l = layout(&doc, PlanId(1), &Options::default()).expect("layout");
            (lookups() - before, l.pages.len())
        };
        let n = 20_000;
        let ((one, pages_one), (two, pages_two)) = (lookups_for(n), lookups_for(2 * n));
        assert!(
            pages_two > pages_one + 20,
            "{pages_one} and {pages_two} pages"
        );
        assert!(
            two <= 2 * one + 10_000,
            "{one} look-ups for {n} characters, {two} for twice as many"
        );
    }
}
