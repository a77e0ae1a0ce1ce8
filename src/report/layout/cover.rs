//! The cover: municipality, the title as the document's first heading, organisation, period,
//! UDKAST or who approved it, and the contact block at the foot of the page (an absurdly long
//! title may take a second page).

use super::builder::{BODY_W, Builder, rule, space_after_last_run, style};
use super::flow::{Block, Dest};
use super::output::{Artifact, Color, Item, MARGINS, Mark, NodeId, PAGE_HEIGHT, Role, Shape};
use super::text::{Span, Style};
use crate::model::{Plan, PlanState};
use crate::report::fonts::Face;
use crate::units;

/// The cover as a flow (an absurdly long title may take a second page).
pub(super) fn cover(b: &mut Builder<'_>, plan: &Plan, part: NodeId) -> Vec<Block> {
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
                            target: Dest::Uri(uri.clone()),
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
