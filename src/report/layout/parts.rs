//! Focus areas laid out on all cores. The focus-area chapter is most of a plan's layout time
//! (the demo plan: 1,000 goals), and one focus area's blocks depend on nothing the areas
//! before it built: goal anchors and numbers are given out beforehand
//! ([`Builder::prepare_goals`]), and a focus area starts with its own heading. So the areas are
//! cut into runs of about equal weight (four per thread), the threads take runs in turn from
//! a shared counter (so none waits long for another), each run is built by its own
//! [`Builder`], and the runs are appended in order, renumbering what each builder counted
//! from zero (structure nodes, anchors, tables, groups). The result is the same [`Layout`] as one
//! builder would make (`tests` compare them on the demo plan).
//!
//! [`Layout`]: super::output::Layout

use super::builder::Builder;
use super::flow::{AnchorId, Block, Dest};
use super::output::{Item, Mark, NodeId, Shape};
use crate::model::{FocusArea, Plan};

/// A part's own anchors are counted from here, so that they cannot be mistaken for the
/// anchors given out before the parts were built (the goals'), which keep their numbers.
const PART_ANCHORS: usize = usize::MAX / 2;

/// How many runs each thread takes on average.
const RUNS_PER_WORKER: usize = 4;

/// Plans with fewer goals than this are laid out on one thread: a thread costs more than it
/// saves.
const PARALLEL_FROM: usize = 64;

impl<'a> Builder<'a> {
    /// Lays out `areas` of `plan` under `parent` as [`Builder::focus_area`] would one after
    /// another (`first` is the place of `areas[0]` in `plan`, `number` the number it is
    /// printed with, `review` as there), on up to `self.workers` threads.
    pub(super) fn focus_areas_of(
        &mut self,
        parent: NodeId,
        plan: &Plan,
        areas: &[FocusArea],
        (first, number): (usize, usize),
        review: bool,
    ) {
        let goals: usize = areas.iter().map(|a| a.goals.len()).sum();
        let workers = self.workers.clamp(1, areas.len().max(1));
        if goals < PARALLEL_FROM || workers == 1 {
            for (i, area) in areas.iter().enumerate() {
                self.focus_area(parent, plan, area, first + i, number + i, review);
            }
            return;
        }
        // Several runs per thread, taken in turn from a shared counter, so that a thread that
        // got lighter runs takes more of them and all finish at about the same time.
        let cuts = cut_points(areas, workers * RUNS_PER_WORKER);
        let next = std::sync::atomic::AtomicUsize::new(0);
        let build = |runs: &mut Vec<(usize, Builder<'a>)>| loop {
            let run = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let (Some(&from), Some(&to)) = (cuts.get(run), cuts.get(run + 1)) else {
                break;
            };
            let mut part = self.part();
            for (i, area) in areas[from..to].iter().enumerate() {
                let at = from + i;
                part.focus_area(NodeId(0), plan, area, first + at, number + at, review);
            }
            runs.push((run, part));
        };
        let mut runs: Vec<(usize, Builder<'a>)> = Vec::new();
        std::thread::scope(|scope| {
            let handles: Vec<_> = (1..workers)
                .map(|_| {
                    scope.spawn(|| {
                        let mut mine = Vec::new();
                        build(&mut mine);
                        mine
                    })
                })
                .collect();
            build(&mut runs);
            for h in handles {
                runs.extend(
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                );
            }
        });
        runs.sort_by_key(|(run, _)| *run);
        for (_, part) in runs {
            self.append_part(part, parent);
        }
    }

    /// A builder for a run of the flow built on another thread: the same fonts, people and
    /// goal look-ups, an empty flow whose structure root stands for the node the run is
    /// appended under, anchors counted from [`PART_ANCHORS`].
    fn part(&self) -> Builder<'a> {
        let mut part = Builder::new(self.people);
        part.charts = self.charts;
        part.anchors = PART_ANCHORS;
        part.seen = self.seen.clone();
        part.goal_anchors = self.goal_anchors.clone();
        part.goal_refs = self.goal_refs.clone();
        part.related_back = self.related_back.clone();
        part
    }

    /// Appends a run built by [`Builder::part`] under `parent`, renumbering its nodes,
    /// anchors, tables and groups after this builder's own.
    fn append_part(&mut self, part: Builder<'a>, parent: NodeId) {
        let node_base = self.structure.nodes.len() as u32;
        let node = move |id: NodeId| {
            if id.0 == 0 {
                parent
            } else {
                NodeId(node_base + id.0 - 1)
            }
        };
        let anchor_base = self.anchors;
        let anchor = move |a: AnchorId| {
            if a.0 >= PART_ANCHORS {
                AnchorId(anchor_base + (a.0 - PART_ANCHORS))
            } else {
                a
            }
        };
        let table_base = self.tables.len();
        let group_base = self.groups;
        let renumber = |block: &mut Block| {
            for item in &mut block.items {
                renumber_item(item, &node, &anchor);
            }
            for a in &mut block.anchors {
                *a = anchor(*a);
            }
            if let Some(t) = &mut block.table {
                *t += table_base;
            }
            if let Some(g) = &mut block.group {
                *g += group_base;
            }
            if let Some((_, a, _)) = &mut block.page_ref {
                *a = anchor(*a);
            }
        };

        for mut n in part.structure.nodes.into_iter().skip(1) {
            n.parent = n.parent.map(node);
            self.structure.nodes.push(n);
        }
        self.blocks.reserve(part.blocks.len());
        for mut block in part.blocks {
            renumber(&mut block);
            self.blocks.push(block);
        }
        for mut table in part.tables {
            table.iter_mut().for_each(renumber);
            self.tables.push(table);
        }
        for mut e in part.entries {
            e.anchor = anchor(e.anchor);
            self.entries.push(e);
        }
        for (c, context) in part.missing {
            if self.seen.insert(c) {
                self.missing.push((c, context));
            }
        }
        self.anchors += part.anchors - PART_ANCHORS;
        self.groups += part.groups;
    }
}

fn renumber_item(
    item: &mut Item<Dest>,
    node: &impl Fn(NodeId) -> NodeId,
    anchor: &impl Fn(AnchorId) -> AnchorId,
) {
    if let Mark::Node(id) = &mut item.mark {
        *id = node(*id);
    }
    if let Shape::Link {
        target: Dest::Anchor(a),
        ..
    } = &mut item.shape
    {
        *a = anchor(*a);
    }
}

/// Where to cut `areas` into at most `runs` runs of about equal weight (a focus area weighs
/// its goals and follow-ups), as indices from 0 to `areas.len()`, never an empty run.
fn cut_points(areas: &[FocusArea], runs: usize) -> Vec<usize> {
    let weight = |a: &FocusArea| -> usize {
        1 + a
            .goals
            .iter()
            .map(|g| 4 + g.follow_ups.len() + g.indicators.len() + g.milestones.len())
            .sum::<usize>()
    };
    let total: usize = areas.iter().map(weight).sum();
    let mut cuts = vec![0];
    let mut sum = 0;
    for (i, area) in areas.iter().enumerate() {
        sum += weight(area);
        let run = cuts.len();
        if run < runs && i + 1 < areas.len() && sum * runs >= total * run {
            cuts.push(i + 1);
        }
    }
    cuts.push(areas.len());
    cuts.dedup();
    cuts
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test
    use super::*;
    use crate::model::Goal;

    fn areas(goals: &[usize]) -> Vec<FocusArea> {
        goals
            .iter()
            .map(|n| FocusArea {
                goals: vec![Goal::default(); *n],
                ..FocusArea::default()
            })
            .collect()
    }

    /// The demo plan (with a copy of itself as the previous plan, so the review chapter is
    /// laid out too) on 1, 2 and 3 threads: the same pages, structure, outline and warnings.
    #[test]
    fn several_threads_lay_out_what_one_does() {
        use crate::demo::{DemoSpec, generate};
        use crate::report::Options;
        let mut doc = generate(&DemoSpec {
            areas: 7,
            goals_per_area: 12,
            follow_ups_per_goal: 3,
            ..DemoSpec::default()
        });
        let mut previous = doc.plans[0].clone();
        previous.id = crate::model::PlanId(previous.id.0 + 100);
        previous.title = "Forrige plan".into();
        doc.plans[0].previous = Some(previous.id);
        doc.plans.push(previous);
        // A character no font has, in the last focus area only: its warning must still come
        // once, naming the place it was met first.
        let last = doc.plans[0].focus_areas.last_mut().unwrap();
        last.goals[0].text.push('\u{10FFFD}');
        let id = doc.plans[0].id;
        let options = Options {
            summary: true,
            created: Some(0),
            ..Options::default()
        };
        let one = super::super::assemble::layout_on(&doc, id, &options, Some(1)).unwrap();
        assert!(one.pages.len() > 20, "{} pages", one.pages.len());
        assert_eq!(one.missing.len(), 1);
        for workers in [2, 3] {
            let several =
                super::super::assemble::layout_on(&doc, id, &options, Some(workers)).unwrap();
            assert!(several == one, "{workers} threads lay out another plan");
        }
    }

    #[test]
    fn runs_are_about_equal_and_never_empty() {
        assert_eq!(cut_points(&areas(&[5, 5, 5, 5]), 2), vec![0, 2, 4]);
        assert_eq!(cut_points(&areas(&[20, 1, 1, 1]), 2), vec![0, 1, 4]);
        assert_eq!(cut_points(&areas(&[5]), 2), vec![0, 1]);
        assert_eq!(cut_points(&areas(&[]), 2), vec![0]);
        assert_eq!(cut_points(&areas(&[5, 5, 5]), 1), vec![0, 3]);
        let cuts = cut_points(&areas(&[3; 40]), 8);
        assert_eq!(cuts.len(), 9);
        assert!(cuts.windows(2).all(|w| w[0] < w[1]));
    }
}
