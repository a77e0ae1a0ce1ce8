//! The plan as a typeset document, assembled: runs the chapters in reading order (cover,
//! contents, Indledning with the budget, Indsatsområder, Opfølgning on the previous plan, on
//! request Statusoverblik) through one [`Builder`], paginates the cover, the contents and the
//! body, then fills in what only pagination knows: where each anchor landed (contents page
//! numbers, link targets, the outline) and the running header and footer ("Side 3 af 18", the
//! UDKAST mark).

use super::builder::{BODY_W, Builder, style};
use super::contents::contents;
use super::cover::cover;
use super::flow::{AnchorPos, Area, Dest, Paginated, paginate};
use super::output::{
    Artifact, Color, Item, Layout, MARGINS, Mark, Meta, OutlineEntry, PAGE_HEIGHT, PAGE_WIDTH,
    Page, Role, Shape, Structure, TextRun,
};
use super::text::{Span, Style, break_lines};
use crate::model::{Plan, PlanBundle, PlanId, PlanState};
use crate::report::error::ReportError;
use crate::report::fonts::{Face, FontSet};
use crate::report::options::Options;

/// Lays out a plan of `doc` as pages of positioned items.
///
/// The plan's previous plan, when it is in `doc` and `options.review` is set, gives the
/// Opfølgning chapter; people are looked up in `doc.people`.
pub fn layout(doc: &PlanBundle, plan_id: PlanId, options: &Options) -> Result<Layout, ReportError> {
    layout_on(doc, plan_id, options, None)
}

/// [`layout`] with the focus areas laid out on `workers` threads (`None`: one per core, at
/// most 8), so that tests can compare one thread with several.
pub(super) fn layout_on(
    doc: &PlanBundle,
    plan_id: PlanId,
    options: &Options,
    workers: Option<usize>,
) -> Result<Layout, ReportError> {
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
    b.charts = options.summary;
    b.workers = workers.unwrap_or_else(crate::report::threads::threads);
    b.prepare_goals(doc, plan, previous);
    // The cover and the contents come first in reading order but are built last (the
    // contents need the body's entries): their nodes are made now, so that the root's
    // children are in reading order.
    let part = b.node(Role::Part, Structure::ROOT);
    let toc_sect = b.node(Role::Sect, Structure::ROOT);

    // The body first: the contents need its entries.
    b.intro_chapter(plan);
    b.focus_areas_chapter(plan);
    if let Some(previous) = previous {
        b.review_chapter(plan, previous);
    }
    let summary = options.summary.then(|| b.summary(plan));
    if let Some(since) = &options.since {
        // "Siden sidst" belongs to Statusoverblik, which it makes on its own when asked for
        // without the status table.
        let sect = summary.unwrap_or_else(|| {
            let sect = b.node(Role::Sect, Structure::ROOT);
            b.heading(sect, 1, "Statusoverblik", true);
            sect
        });
        b.since_section(sect, since);
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
    let cover_pages = paginate(cover_blocks, &tables, area, n_anchors);
    let toc_pages = paginate(toc_blocks, &tables, area, n_anchors);
    let body_pages = paginate(body_blocks, &tables, area, n_anchors);
    let n_cover = cover_pages.pages.len();
    let n_toc = toc_pages.pages.len();

    // Anchor → (1-based page, y).
    let mut anchor_pos: Vec<Option<AnchorPos>> = vec![None; n_anchors];
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
                .get(anchor.0)
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

    // Every link now goes to a page.
    let mut pages: Vec<Page> = Vec::new();
    for page in cover_pages
        .pages
        .into_iter()
        .chain(toc_pages.pages)
        .chain(body_pages.pages)
    {
        pages.push(Page {
            items: page
                .items
                .into_iter()
                .map(|item| Item {
                    shape: item.shape.map_link(|to: Dest| to.resolve(&anchor_pos)),
                    mark: item.mark,
                })
                .collect(),
        });
    }

    let mut outline = Vec::new();
    if let Some(Some((page, y))) = anchor_pos.get(toc_anchor.0) {
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
        if let Some(Some((page, y))) = anchor_pos.get(e.anchor.0) {
            outline.push(OutlineEntry {
                title: e.title.clone(),
                level: e.level,
                page: *page,
                y: *y,
            });
        }
    }

    decorate(&mut pages, plan, n_cover, plan.state == PlanState::Draft);
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

/// The running header and footer, page numbers and (on a `draft`) the UDKAST mark.
pub(super) fn decorate(pages: &mut [Page], plan: &Plan, n_cover: usize, draft: bool) {
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
        if draft {
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
