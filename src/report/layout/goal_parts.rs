//! The parts of a goal's block that version 2 adds beside the plain fields: owners as the
//! plan's print settings ask (stilling or not, mail as a mailto link), milestones (delmål)
//! with a ✓ or an empty box that a screen reader hears as "opfyldt"/"ikke opfyldt", and the
//! related goals ("Sammenhæng med") both ways, each a link to the goal when this PDF prints
//! it. Also the focus area's "Ansvarlig" line and the lookup tables these need, filled before
//! any chapter is laid out (a link may point forward).

use super::builder::{BODY_W, Builder, GoalRef, LABEL, LABEL_W, PARA_GAP, TEXT, style};
use super::flow::Dest;
use super::inline::Segment;
use super::output::{Color, Mark, NodeId, Role, Shape};
use super::text::Span;
use crate::model::{Goal, GoalId, Person, PersonId, Plan, PlanBundle, PrintSettings};
use crate::report::fonts::Face;
use crate::units;

/// What a screen reader says for a milestone's mark.
const DONE: &str = "opfyldt";
const NOT_DONE: &str = "ikke opfyldt";

/// An owner as printed: "Navn (stilling)" or "Navn", and the mail when the plan prints it.
fn owner_text(person: Option<&Person>, print: &PrintSettings) -> (String, Option<String>) {
    match person {
        None => (crate::model::MISSING_OWNER.to_owned(), None),
        Some(p) => {
            let name = if print.owner_title && !p.title.trim().is_empty() {
                format!("{} ({})", p.name, p.title.trim())
            } else {
                p.name.clone()
            };
            let mail = Some(p.email.trim())
                .filter(|m| print.owner_email && !m.is_empty())
                .map(str::to_owned);
            (name, mail)
        }
    }
}

impl Builder<'_> {
    /// Fills the lookup tables: an anchor for every goal this PDF prints (the plan's, and the
    /// previous plan's in the review, numbered on after the plan's focus areas), every goal of
    /// the document as a related line names it, and who names each goal as related.
    pub(super) fn prepare_goals(&mut self, doc: &PlanBundle, plan: &Plan, previous: Option<&Plan>) {
        let printed = std::iter::once((plan, 0))
            .chain(previous.map(|p| (p, plan.focus_areas.len())))
            .collect::<Vec<_>>();
        for (p, offset) in &printed {
            for (a, g, _, goal) in p.numbered_goals() {
                let anchor = self.anchor();
                self.goal_anchors.insert((p.id, a, g), anchor);
                self.goal_refs.entry(goal.id).or_insert_with(|| GoalRef {
                    number: p.numbering.goal_number(offset + a, g),
                    text: goal.text.clone(),
                    plan_title: p.title.clone(),
                    anchor: Some(anchor),
                });
            }
        }
        for p in &doc.plans {
            for (a, g, _, goal) in p.numbered_goals() {
                self.goal_refs.entry(goal.id).or_insert_with(|| GoalRef {
                    number: p.numbering.goal_number(a, g),
                    text: goal.text.clone(),
                    plan_title: p.title.clone(),
                    anchor: None,
                });
                for r in &goal.related {
                    let back = self.related_back.entry(*r).or_default();
                    if !back.contains(&goal.id) {
                        back.push(goal.id);
                    }
                }
            }
        }
    }

    fn person(&self, id: PersonId) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    /// The owners as one line of text ("A (x), B (y)"): what the block prints without mails.
    pub(super) fn owner_names(&self, owners: &[PersonId], print: &PrintSettings) -> String {
        owners
            .iter()
            .map(|id| owner_text(self.person(*id), print).0)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Segments for owners with their mails as links: "A (x), a@x.dk; B (y), b@y.dk".
    fn owner_segments(
        &mut self,
        p: NodeId,
        owners: &[PersonId],
        print: &PrintSettings,
        lead: Option<Span>,
    ) -> Vec<Segment> {
        let mut segments = Vec::new();
        if let Some(lead) = lead {
            segments.push(Segment::text(Mark::Node(p), lead));
        }
        let n = owners.len();
        let texts: Vec<(String, Option<String>)> = owners
            .iter()
            .map(|id| owner_text(self.person(*id), print))
            .collect();
        // "Navn (stilling), mail" holds a comma itself, so owners with mails part with ";".
        let between = if texts.iter().any(|t| t.1.is_some()) {
            ";"
        } else {
            ","
        };
        for (i, (name, mail)) in texts.into_iter().enumerate() {
            let sep = if i + 1 < n { between } else { "" };
            match mail {
                Some(mail) => {
                    segments.push(Segment::text(
                        Mark::Node(p),
                        Span::new(format!("{name},"), TEXT),
                    ));
                    let link = self.node(Role::Link, p);
                    segments.push(Segment::link(
                        Mark::Node(link),
                        Span::new(mail.clone(), style(Face::Regular, TEXT.size, Color::ACCENT)),
                        Dest::Uri(format!("mailto:{mail}")),
                    ));
                    if !sep.is_empty() {
                        let mut s = Segment::text(Mark::Node(p), Span::new(sep, TEXT));
                        s.glued = true;
                        segments.push(s);
                    }
                }
                None => segments.push(Segment::text(
                    Mark::Node(p),
                    Span::new(format!("{name}{sep}"), TEXT),
                )),
            }
        }
        segments
    }

    /// Value: the goal's owners. With mails, a paragraph whose mails are links; without, the
    /// plain text (a dash when there are none).
    pub(super) fn value_owners(
        &mut self,
        body: NodeId,
        owners: &[PersonId],
        print: &PrintSettings,
    ) {
        let any_mail = owners
            .iter()
            .any(|id| owner_text(self.person(*id), print).1.is_some());
        if !any_mail {
            let text = self.owner_names(owners, print);
            self.value_text(body, &text);
            return;
        }
        let p = self.node(Role::P, body);
        let segments = self.owner_segments(p, owners, print, None);
        let blocks = self.inline(segments, LABEL_W, BODY_W - LABEL_W);
        self.push_paragraph(blocks, 0.0);
    }

    /// "Ansvarlig: Navn (stilling)" under a focus area's heading.
    pub(super) fn area_owners(
        &mut self,
        parent: NodeId,
        owners: &[PersonId],
        print: &PrintSettings,
    ) {
        if owners.is_empty() {
            return;
        }
        let p = self.node(Role::P, parent);
        let segments = self.owner_segments(p, owners, print, Some(Span::new("Ansvarlig:", LABEL)));
        let blocks = self.inline(segments, 0.0, BODY_W);
        self.push_paragraph(blocks, 2.0);
    }

    /// Value: the milestones, each "✓ 2. kvartal 2012: text" (an empty box when not done),
    /// in the order given.
    pub(super) fn milestones(&mut self, body: NodeId, goal: &Goal) {
        let l = self.node(Role::L, body);
        let mark_w = 14.0;
        for (i, m) in goal.milestones.iter().enumerate() {
            let li = self.node(Role::LI, l);
            let lbl = self.node(Role::Lbl, li);
            let lbody = self.node(Role::LBody, li);
            let p = self.node(Role::P, lbody);
            let mut spans = Vec::new();
            if let Some(d) = m.date {
                spans.push(Span::new(
                    format!("{}: ", units::format_date_capitalised(d)),
                    style(Face::Bold, TEXT.size, Color::BLACK),
                ));
            }
            spans.push(Span::new(m.text.trim(), TEXT));
            let mut blocks = self.lines(
                Mark::Node(p),
                &spans,
                LABEL_W + mark_w,
                BODY_W - LABEL_W - mark_w,
                None,
            );
            let glyph = if m.done { "✓" } else { "☐" };
            let mut label = self.lines(
                Mark::Node(lbl),
                &[Span::new(
                    glyph,
                    style(Face::Regular, TEXT.size, Color::ACCENT),
                )],
                LABEL_W,
                mark_w,
                None,
            );
            if let (Some(first), Some(lb)) = (blocks.first_mut(), label.first_mut()) {
                let mut items = std::mem::take(&mut lb.items);
                for it in &mut items {
                    if let Shape::Text(r) = &mut it.shape {
                        // The glyph is drawn; a screen reader and a copy get the words.
                        r.actual = Some(if m.done { DONE } else { NOT_DONE }.to_owned());
                    }
                }
                items.append(&mut first.items);
                first.items = items;
            }
            self.push_paragraph(blocks, if i == 0 { 0.0 } else { 2.0 });
        }
    }

    /// The goals this goal is tied to, both ways: those it names, then those that name it.
    pub(super) fn related_of(&self, goal: &Goal) -> Vec<GoalId> {
        let mut out: Vec<GoalId> = Vec::new();
        let back = self
            .related_back
            .get(&goal.id)
            .map_or(&[][..], Vec::as_slice);
        for id in goal.related.iter().chain(back) {
            if *id != goal.id && !out.contains(id) && self.goal_refs.contains_key(id) {
                out.push(*id);
            }
        }
        out
    }

    /// Value: one line per related goal, "2.3 (text)" as a link to it when this PDF prints it,
    /// else with its plan's title.
    pub(super) fn related(&mut self, body: NodeId, related: &[GoalId]) {
        for (i, id) in related.iter().enumerate() {
            let Some(r) = self.goal_refs.get(id).cloned() else {
                continue;
            };
            let short = units::shorten(r.text.trim(), 60);
            let named = if r.number.is_empty() {
                short
            } else {
                format!("{} ({short})", r.number)
            };
            let p = self.node(Role::P, body);
            let segments = match r.anchor {
                Some(anchor) => {
                    let link = self.node(Role::Link, p);
                    vec![Segment::link(
                        Mark::Node(link),
                        Span::new(named, style(Face::Regular, TEXT.size, Color::ACCENT)),
                        Dest::Anchor(anchor),
                    )]
                }
                None => vec![Segment::text(
                    Mark::Node(p),
                    Span::new(format!("{named}, {}", r.plan_title.trim()), TEXT),
                )],
            };
            let blocks = self.inline(segments, LABEL_W, BODY_W - LABEL_W);
            self.push_paragraph(blocks, if i == 0 { 0.0 } else { PARA_GAP * 0.4 });
        }
    }
}
