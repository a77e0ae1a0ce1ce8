//! Lines that mix structure nodes: plain text of a paragraph followed on the same line by a
//! link (an owner's mail after the name, a related goal's number and text), each piece
//! tagged as its own node so that a link is a `Link` element with its annotation. The line
//! breaker lays out one style run at a time; this stitches the pieces together, each starting
//! where the previous one ended when its first word still fits there.

use super::builder::Builder;
use super::flow::{Block, Dest};
use super::output::{Item, Mark, Shape};
use super::text::Span;

/// One piece of an inline flow.
pub(super) struct Segment {
    /// What its text belongs to (a P, or a Link node for a link).
    pub(super) mark: Mark,
    /// Its text.
    pub(super) spans: Vec<Span>,
    /// Where it links to: a clickable area over its text, marked as `mark`.
    pub(super) link: Option<Dest>,
    /// Joined to the previous piece without a space ("; " after a mail).
    pub(super) glued: bool,
}

impl Segment {
    /// Plain text of `mark`.
    pub(super) fn text(mark: Mark, span: Span) -> Segment {
        Segment {
            mark,
            spans: vec![span],
            link: None,
            glued: false,
        }
    }

    /// A link: its text tagged as `mark` (a Link node) and a clickable area to `to`.
    pub(super) fn link(mark: Mark, span: Span, to: Dest) -> Segment {
        Segment {
            mark,
            spans: vec![span],
            link: Some(to),
            glued: false,
        }
    }
}

/// The right end of the text on a block (`x` when it holds none).
fn text_end(block: &Block, x: f32) -> f32 {
    block
        .items
        .iter()
        .filter_map(|i| match &i.shape {
            Shape::Text(r) => Some(r.x + r.width),
            _ => None,
        })
        .fold(x, f32::max)
}

impl Builder<'_> {
    /// The segments as lines at `x`, `width` wide: each segment goes on where the previous
    /// ended (after a space, unless glued) when its first word fits there, else on a new line.
    pub(super) fn inline(&mut self, segments: Vec<Segment>, x: f32, width: f32) -> Vec<Block> {
        let mut out: Vec<Block> = Vec::new();
        let mut end = x;
        for seg in segments {
            let Some(first) = seg.spans.first() else {
                continue;
            };
            let st = first.style;
            let first_word = first.text.trim_start().split(' ').next().unwrap_or("");
            let space = if seg.glued || out.is_empty() {
                0.0
            } else {
                self.fonts.width(st.face, ' ') * st.size
            };
            let word_w = self.fonts.text_width(st.face, first_word) * st.size;
            let start = end + space;
            let same_line = !out.is_empty() && start + word_w <= x + width + 0.001;
            if !seg.glued
                && let Some(run) = out.last_mut().and_then(|b| {
                    b.items.iter_mut().rev().find_map(|i| match &mut i.shape {
                        Shape::Text(r) => Some(r),
                        _ => None,
                    })
                })
            {
                // The space between the pieces, for the extracted and read-aloud text.
                run.space_after = true;
            }
            let mut blocks = if same_line {
                self.lines(
                    seg.mark,
                    &seg.spans,
                    x,
                    width,
                    Some((start, x + width - start)),
                )
            } else {
                self.lines(seg.mark, &seg.spans, x, width, None)
            };
            if let Some(to) = &seg.link {
                for b in &mut blocks {
                    let boxes: Vec<(f32, f32, f32, f32)> = b
                        .items
                        .iter()
                        .filter(|i| matches!(i.shape, Shape::Text(_)))
                        .map(|i| i.shape.bbox())
                        .collect();
                    if boxes.is_empty() {
                        continue;
                    }
                    let (x0, y0, x1, y1) = boxes
                        .iter()
                        .fold((f32::MAX, f32::MAX, f32::MIN, f32::MIN), |a, bb| {
                            (a.0.min(bb.0), a.1.min(bb.1), a.2.max(bb.2), a.3.max(bb.3))
                        });
                    b.items.push(Item {
                        shape: Shape::Link {
                            x: x0,
                            y: y0,
                            w: x1 - x0,
                            h: y1 - y0,
                            target: to.clone(),
                        },
                        mark: seg.mark,
                    });
                }
            }
            let mut rest = blocks.into_iter();
            if same_line && let (Some(last), Some(first)) = (out.last_mut(), rest.next()) {
                last.height = last.height.max(first.height);
                last.items.extend(first.items);
            }
            out.extend(rest);
            end = out.last().map_or(x, |b| text_end(b, x));
        }
        out
    }
}
