//! Pagination: a flow of blocks (one line of text, one slice of a table row, one bar of a chart)
//! onto pages of a fixed body area.
//!
//! Rules: a block marked `keep_with_next` is not left at the foot of a page without the block
//! that follows (headings, first and last lines of paragraphs, a goal field's label with the
//! first line of its value), as long as such a chain is shorter than [`KEEP_LIMIT`] of the body;
//! a `group` (a goal block, a short table, a table row) shorter than [`GROUP_LIMIT`] is not split; a block of a
//! table that lands at the top of a new page gets the table's header rows first; blocks with
//! `break_before` start a new page (chapters).
//!
//! A link in the flow goes to a [`Dest`]: an anchor ([`AnchorId`]) or an address. Pagination
//! records where each anchor landed; only then does the assembly turn each `Dest` into the
//! [`Target`] a finished page holds, so that no page number is guessed before it is known.

use super::output::{Artifact, Item, Mark, Page, Target};

/// A place in the flow that links, contents entries and the outline point to (a heading, a
/// goal); pagination says on which page and where it landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnchorId(pub usize);

/// Where a link in the flow goes, before the pages are known.
#[derive(Debug, Clone, PartialEq)]
pub enum Dest {
    /// A place in this document (its page is known after pagination).
    Anchor(AnchorId),
    /// A web or mail address.
    Uri(String),
}

impl Dest {
    /// The final target, given where each anchor landed (1-based page, y): an anchor that did
    /// not land anywhere goes to the top of the first page.
    pub fn resolve(self, anchors: &[Option<AnchorPos>]) -> Target {
        match self {
            Dest::Uri(uri) => Target::Uri(uri),
            Dest::Anchor(a) => {
                let (page, y) = anchors.get(a.0).copied().flatten().unwrap_or((1, 0.0));
                Target::Page { page, y }
            }
        }
    }
}

/// Chains (`keep_with_next`) taller than this share of the body may be split.
pub const KEEP_LIMIT: f32 = 0.4;
/// Table headers taller than this share of the body are not repeated on the next page.
pub const REPEAT_LIMIT: f32 = 0.25;
/// Groups (a goal block, a short table) taller than this share of the body may be split: a
/// larger value leaves more empty page feet.
pub const GROUP_LIMIT: f32 = 0.28;

/// One unbreakable horizontal slice of the flow. Items are positioned relative to the block's
/// top-left corner (x from the body's left edge).
#[derive(Debug, Clone, Default)]
pub struct Block {
    /// Height.
    pub height: f32,
    /// Space above, dropped at the top of a page.
    pub space_before: f32,
    /// The items.
    pub items: Vec<Item<Dest>>,
    /// Never the last block on a page when the next one would move on.
    pub keep_with_next: bool,
    /// Start a new page (unless the page is still empty).
    pub break_before: bool,
    /// Places that links and the outline point to.
    pub anchors: Vec<AnchorId>,
    /// The table this block belongs to (for repeating its header).
    pub table: Option<usize>,
    /// This block is one of its table's header rows.
    pub table_header: bool,
    /// Blocks with the same group number are kept on one page when they fit in the limit.
    pub group: Option<u32>,
    /// A page number to fill in once pages are known: (index of the placeholder item in
    /// `items`, the anchor whose page it shows, right edge).
    pub page_ref: Option<(usize, AnchorId, f32)>,
}

/// The body area blocks are placed in.
#[derive(Debug, Clone, Copy)]
pub struct Area {
    /// Left edge.
    pub left: f32,
    /// Top of the first block.
    pub top: f32,
    /// Nothing may extend below this.
    pub bottom: f32,
}

/// Where an anchor ended up: (page, y); the page is a 0-based index in the paginated run until
/// the runs are put together, then the 1-based page number.
pub type AnchorPos = (usize, f32);

/// A page-number placeholder to fill: (page index, item index on the page, anchor, right edge).
pub type PageRef = (usize, usize, AnchorId, f32);

/// The result of pagination.
pub struct Paginated {
    /// The pages (links still go to anchors).
    pub pages: Vec<Page<Dest>>,
    /// Anchor positions, indexed by anchor id (`None` for anchors not in this flow).
    pub anchors: Vec<Option<AnchorPos>>,
    /// Page numbers to fill in.
    pub page_refs: Vec<PageRef>,
}

fn place(block: &Block, page: &mut Page<Dest>, left: f32, y: f32, repeated: bool) -> usize {
    let first = page.items.len();
    for item in &block.items {
        let mut item = item.clone();
        item.shape.shift(left, y);
        if repeated {
            item.mark = Mark::Artifact(Artifact::RepeatedHeader);
        }
        page.items.push(item);
    }
    first
}

/// Puts a block's own items on the page (moved, not copied: a block is placed once), shifted
/// to (left, y); returns the index of the first.
fn place_owned(items: Vec<Item<Dest>>, page: &mut Page<Dest>, left: f32, y: f32) -> usize {
    let first = page.items.len();
    page.items.reserve(items.len());
    for mut item in items {
        item.shape.shift(left, y);
        page.items.push(item);
    }
    first
}

/// Lays the blocks out on pages; `tables[t]` are the header blocks of table `t`. The blocks'
/// items move onto the pages (the demo plan's body held its text twice while it was copied).
pub fn paginate(
    mut blocks: Vec<Block>,
    tables: &[Vec<Block>],
    area: Area,
    anchors: usize,
) -> Paginated {
    let mut items: Vec<Vec<Item<Dest>>> = blocks
        .iter_mut()
        .map(|b| std::mem::take(&mut b.items))
        .collect();
    let blocks = blocks;
    let body = (area.bottom - area.top).max(1.0);
    let limit = body * KEEP_LIMIT;
    let mut out = Paginated {
        pages: vec![Page::default()],
        anchors: vec![None; anchors],
        page_refs: Vec::new(),
    };
    let mut y = area.top;
    let mut at_top = true;
    let mut group_checked: Option<u32> = None;

    let group_height = |i: usize, g: u32| -> f32 {
        let mut h = blocks[i].height;
        let mut j = i + 1;
        while j < blocks.len() && blocks[j].group == Some(g) {
            h += blocks[j].space_before + blocks[j].height;
            j += 1;
        }
        h
    };
    // Room needed below the current position before block i may be placed: its strong chain
    // (blocks glued by keep_with_next), and any short group that starts inside the chain kept
    // whole. A chain taller than the limit falls back to block i (and its group) alone.
    let needed = |i: usize, checked: Option<u32>| -> f32 {
        let mut need = 0.0f32;
        let mut own = 0.0f32;
        let mut off = 0.0f32;
        let mut j = i;
        loop {
            let b = &blocks[j];
            if j > i {
                off += b.space_before;
            }
            if let Some(g) = b.group {
                let starts = if j == i {
                    checked != Some(g)
                } else {
                    blocks[j - 1].group != Some(g)
                };
                if starts {
                    let gh = group_height(j, g);
                    if gh <= body * GROUP_LIMIT {
                        need = need.max(off + gh);
                    }
                }
            }
            off += b.height;
            need = need.max(off);
            if j == i {
                own = need;
            }
            if off > limit {
                return own;
            }
            if !b.keep_with_next || j + 1 >= blocks.len() || blocks[j + 1].break_before {
                return need;
            }
            j += 1;
        }
    };

    for (i, block) in blocks.iter().enumerate() {
        let mut new_page = block.break_before && !at_top;
        if !new_page && !at_top {
            new_page = y + block.space_before + needed(i, group_checked) > area.bottom + 0.01;
        }
        if let Some(g) = block.group {
            group_checked = Some(g);
        }
        if new_page {
            out.pages.push(Page::default());
            y = area.top;
            at_top = true;
            // A table continues: its header rows first, unless they are so tall (a plan's
            // own word of thousands of characters in a header cell) that repeating them
            // would leave no room, or run off the page.
            if let Some(t) = block.table
                && !block.table_header
                && let Some(header) = tables.get(t)
                && header.iter().map(|h| h.height).sum::<f32>() <= body * REPEAT_LIMIT
            {
                for h in header {
                    if let Some(page) = out.pages.last_mut() {
                        place(h, page, area.left, y, true);
                    }
                    y += h.height;
                }
            }
        }
        if !at_top {
            y += block.space_before;
        }
        let page_index = out.pages.len() - 1;
        if let Some(page) = out.pages.last_mut() {
            let own = std::mem::take(&mut items[i]);
            let first = place_owned(own, page, area.left, y);
            if let Some((item, anchor, right)) = block.page_ref {
                out.page_refs
                    .push((page_index, first + item, anchor, area.left + right));
            }
        }
        for &a in &block.anchors {
            if let Some(slot) = out.anchors.get_mut(a.0) {
                *slot = Some((page_index, y));
            }
        }
        y += block.height;
        at_top = false;
    }
    out
}
