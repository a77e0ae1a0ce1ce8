//! The contents: one entry per chapter (bold) and section, with leader dots and page numbers,
//! each a link to its heading. Built after the body (it needs the body's entries); the page
//! numbers and link targets are anchors until `assemble` has paginated.

use super::builder::{BODY_W, Builder, TEXT, style};
use super::flow::{AnchorId, Block, Dest};
use super::output::{Artifact, Color, Item, Mark, NodeId, Role, Shape, TextRun};
use super::text::Span;
use crate::report::fonts::Face;

/// The contents: one entry per chapter (bold) and section, with leaders and page numbers, each
/// a link.
pub(super) fn contents(b: &mut Builder<'_>, sect: NodeId) -> (Vec<Block>, AnchorId) {
    let saved = std::mem::take(&mut b.blocks);
    let anchor = b.heading(sect, 1, "Indhold", false);
    let toc = b.node(Role::TOC, sect);
    let num_w = 34.0;
    let entries: Vec<(u8, String, AnchorId)> = b
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
            // The link covers the whole line, page number included.
            bl.items.push(Item {
                shape: Shape::Link {
                    x: x0.min(indent),
                    y: y0,
                    w: BODY_W - x0.min(indent),
                    h: y1 - y0,
                    target: Dest::Anchor(target),
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
