//! The chapter Indsatsområder: each focus area with its goals as blocks of labelled fields
//! (Mål, Dokumentation, Tovholder, Frist, Status, Opfølgning with the follow-ups). The review
//! chapter lays out the previous plan's focus areas with the same code.

use super::builder::{BODY, BODY_W, Builder, Entry, LABEL, LABEL_W, LEADING, PARA_GAP, TEXT};
use super::builder::{capitalised, status_color, style};
use super::flow::{Block, Dest};
use super::output::{Artifact, Color, Item, Mark, NodeId, Role, Shape, Structure};
use super::text::Span;
use crate::model::{Date, FocusArea, Goal, Plan, Status};
use crate::report::fonts::Face;
use crate::units;

impl Builder<'_> {
    /// The chapter Indsatsområder: its introduction and every focus area of the plan.
    pub(super) fn focus_areas_chapter(&mut self, plan: &Plan) {
        let areas_sect = self.node(Role::Sect, Structure::ROOT);
        self.heading(areas_sect, 1, "Indsatsområder", true);
        if !plan.focus_areas_intro.trim().is_empty() {
            self.body_text(areas_sect, &plan.focus_areas_intro, 0.0, 0.0);
        }
        if plan.focus_areas.is_empty() {
            self.paragraph(
                areas_sect,
                "Planen har endnu ingen indsatsområder.",
                TEXT,
                0.0,
                0.0,
            );
        }
        for (i, area) in plan.focus_areas.iter().enumerate() {
            self.focus_area(areas_sect, area, i + 1, false);
        }
    }

    /// One focus area: its heading, description and goals (`review`: the previous plan's,
    /// whose empty fields are left out).
    pub(super) fn focus_area(
        &mut self,
        parent: NodeId,
        area: &FocusArea,
        number: usize,
        review: bool,
    ) {
        let sect = self.node(Role::Sect, parent);
        self.heading(sect, 2, &format!("{number}. {}", area.title), true);
        if !area.description.trim().is_empty() {
            self.body_text(sect, &area.description, 0.0, 4.0);
        }
        for (i, goal) in area.goals.iter().enumerate() {
            self.goal(sect, goal, &format!("{number}.{}", i + 1), review);
        }
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
            let mut items: Vec<Item<Dest>> = lb
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
            .map(|id| match self.people.iter().find(|p| p.id == *id) {
                None => crate::model::MISSING_OWNER.to_owned(),
                Some(p) if p.title.trim().is_empty() => p.name.clone(),
                Some(p) => format!("{} ({})", p.name, p.title.trim()),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// One goal as a block of labelled fields.
    fn goal(&mut self, parent: NodeId, goal: &Goal, number: &str, review: bool) {
        let anchor = self.anchor();
        self.entries.push(Entry {
            level: 3,
            title: format!("Mål {number}: {}", crate::units::shorten(&goal.text, 70)),
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
}
