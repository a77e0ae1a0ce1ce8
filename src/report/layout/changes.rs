//! The report "Ændringer siden 12. marts 2013" (issue 20): a comparison of two states of a
//! plan (`changes::Changes`) typeset like the plan itself, through the same [`Builder`]: a
//! title with what was compared, then per focus area a heading and a list with one change per
//! item. Removed words are struck through and added words underlined (so that they read in
//! grey too), each in its own colour; both carry an `/ActualText` that says so ("slettet:
//! …", "tilføjet: …"), so that extracted and read-aloud text tells them apart.

use super::assemble::decorate;
use super::builder::{BODY, BODY_W, Builder, LABEL, LIST_INDENT, PARA_GAP, TEXT, style};
use super::flow::{Area, Block, Dest, paginate};
use super::output::{
    Artifact, Color, Item, Layout, MARGINS, Mark, Meta, NodeId, OutlineEntry, PAGE_HEIGHT, Page,
    Role, Shape, Structure,
};
use super::text::Span;
use crate::changes::{Change, Changes, Piece};
use crate::model::Plan;
use crate::report::error::ReportError;
use crate::report::fonts::Face;
use crate::report::options::Since;

/// Removed words: a dark red (contrast 5.9:1 on white), struck through.
pub const REMOVED: Color = Color::rgb(0xb0, 0x1c, 0x1c);
/// Added words: a dark green (contrast 7.4:1 on white), underlined.
pub const ADDED: Color = Color::rgb(0x1b, 0x5e, 0x20);

/// What the report of changes prints.
#[derive(Debug, Clone, Copy)]
pub struct ChangesReport<'a> {
    /// "Ændringer siden 12. marts 2013".
    pub title: &'a str,
    /// The lines under the title (the plan, what was compared with what).
    pub subtitle: &'a [String],
    /// The changes.
    pub changes: &'a Changes,
    /// The plan (its later state): running header and footer, document information.
    pub plan: &'a Plan,
}

/// Lays out the report of changes as pages of positioned items.
pub fn changes_layout(report: &ChangesReport<'_>) -> Result<Layout, ReportError> {
    let mut b = Builder::new(&[]);
    let sect = b.node(Role::Sect, Structure::ROOT);
    b.heading(sect, 1, report.title, false);
    let muted = style(Face::Regular, BODY, Color::MUTED);
    for (i, line) in report.subtitle.iter().enumerate() {
        b.paragraph(sect, line, muted, 0.0, if i == 0 { 0.0 } else { 2.0 });
    }
    if report.changes.is_empty() {
        b.paragraph(sect, "Ingen ændringer.", TEXT, 0.0, 14.0);
    }
    b.change_groups(sect, report.changes, 2);

    let area = Area {
        left: MARGINS.left,
        top: MARGINS.top,
        bottom: PAGE_HEIGHT - MARGINS.bottom,
    };
    let blocks = std::mem::take(&mut b.blocks);
    let tables = std::mem::take(&mut b.tables);
    let paginated = paginate(blocks, &tables, area, b.anchors);
    let anchor_pos: Vec<_> = paginated
        .anchors
        .iter()
        .map(|pos| pos.map(|(page, y)| (page + 1, y)))
        .collect();
    let mut pages: Vec<Page> = paginated
        .pages
        .into_iter()
        .map(|page| Page {
            items: page
                .items
                .into_iter()
                .map(|item| Item {
                    shape: item.shape.map_link(|to: Dest| to.resolve(&anchor_pos)),
                    mark: item.mark,
                })
                .collect(),
        })
        .collect();
    let outline = b
        .entries
        .iter()
        .filter_map(|e| {
            let (page, y) = anchor_pos.get(e.anchor.0).copied().flatten()?;
            Some(OutlineEntry {
                title: e.title.clone(),
                level: e.level,
                page,
                y,
            })
        })
        .collect();
    // A report of changes is not the plan: no UDKAST mark, whatever the plan's state.
    decorate(&mut pages, report.plan, 0, false);
    Ok(Layout {
        pages,
        structure: b.structure,
        outline,
        meta: Meta {
            title: report.title.to_string(),
            author: report.plan.organisation.clone(),
            subject: format!("{} i {}", report.title, report.plan.title.trim()),
            lang: "da-DK".into(),
        },
        missing: b.missing,
    })
}

impl Builder<'_> {
    /// The section "Siden sidst" of the chapter Statusoverblik (`parent`): its heading, what
    /// was compared, then the changes per focus area.
    pub(super) fn since_section(&mut self, parent: NodeId, since: &Since) {
        let sect = self.node(Role::Sect, parent);
        self.heading(sect, 2, "Siden sidst", true);
        self.paragraph(sect, &since.title, LABEL, 0.0, 0.0);
        let muted = style(Face::Regular, BODY, Color::MUTED);
        for line in &since.lines {
            self.paragraph(sect, line, muted, 0.0, 2.0);
        }
        if since.changes.is_empty() {
            self.paragraph(sect, "Ingen ændringer.", TEXT, 0.0, PARA_GAP);
        }
        self.change_groups(sect, &since.changes, 3);
    }

    /// Each group of `changes` as a section with a heading of `level` and a list, one change
    /// per item.
    fn change_groups(&mut self, parent: NodeId, changes: &Changes, level: u8) {
        for group in &changes.groups {
            let s = self.node(Role::Sect, parent);
            self.heading(s, level, &group.heading, false);
            let list = self.node(Role::L, s);
            let n = group.changes.len();
            for (i, change) in group.changes.iter().enumerate() {
                self.change_item(list, change, i, n);
            }
        }
    }

    /// One change as a list item ("•" and the sentence) of `list`, the `i`th of `n`.
    fn change_item(&mut self, list: NodeId, change: &Change, i: usize, n: usize) {
        let li = self.node(Role::LI, list);
        let lbl = self.node(Role::Lbl, li);
        let body = self.node(Role::LBody, li);
        let p = self.node(Role::P, body);
        let spans = spans(&change.pieces);
        let mut blocks = self.lines(
            Mark::Node(p),
            &spans,
            LIST_INDENT,
            BODY_W - LIST_INDENT,
            None,
        );
        mark_changed_words(&mut blocks);
        let label = self.lines(
            Mark::Node(lbl),
            &[Span::new("•", TEXT)],
            0.0,
            LIST_INDENT,
            None,
        );
        if let (Some(first), Some(lb)) = (blocks.first_mut(), label.into_iter().next()) {
            let mut items = lb.items;
            items.append(&mut first.items);
            first.items = items;
        }
        if i + 2 == n
            && let Some(last) = blocks.last_mut()
        {
            last.keep_with_next = true;
        }
        self.push_paragraph(blocks, if i == 0 { PARA_GAP } else { 3.0 });
    }
}

/// A change's sentence in its styles; a space between removed words and the added words
/// that replace them, which the sentence has only as marks ("[-a-]{+b+}").
fn spans(pieces: &[Piece]) -> Vec<Span> {
    let mut out = Vec::with_capacity(pieces.len() + 1);
    let mut after_removed = false;
    for piece in pieces {
        match piece {
            Piece::Same(t) => out.push(Span::new(t.as_str(), TEXT)),
            Piece::Removed(t) => {
                out.push(Span::new(t.as_str(), style(Face::Regular, BODY, REMOVED)))
            }
            Piece::Added(t) => {
                if after_removed {
                    out.push(Span::new(" ", TEXT));
                }
                out.push(Span::new(t.as_str(), style(Face::Regular, BODY, ADDED)));
            }
        }
        after_removed = matches!(piece, Piece::Removed(_));
    }
    out
}

/// Strikes removed words through and underlines added ones, and gives the first run of each
/// its "slettet: " or "tilføjet: " for the extracted and read-aloud text.
fn mark_changed_words(blocks: &mut [Block]) {
    let mut previous: Option<Color> = None;
    for block in blocks {
        let mut lines = Vec::new();
        for item in &mut block.items {
            let Shape::Text(run) = &mut item.shape else {
                continue;
            };
            let (word, offset) = match run.color {
                REMOVED => ("slettet", -0.28),
                ADDED => ("tilføjet", 0.14),
                other => {
                    previous = Some(other);
                    continue;
                }
            };
            if previous != Some(run.color) {
                let shown = run.actual.as_deref().unwrap_or(&run.text);
                run.actual = Some(format!("{word}: {shown}"));
            }
            previous = Some(run.color);
            let y = run.y + offset * run.size;
            lines.push(Item {
                shape: Shape::Line {
                    x1: run.x,
                    y1: y,
                    x2: run.x + run.width,
                    y2: y,
                    width: 0.7,
                    color: run.color,
                    dotted: false,
                },
                mark: Mark::Artifact(Artifact::Decoration),
            });
        }
        block.items.extend(lines);
    }
}
