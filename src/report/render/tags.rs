//! The structure tree of the tagged PDF: one structure element per node of the layout's
//! [`Structure`] that has content, its kids in reading order (child elements, marked-content
//! references, link annotations), and the parent tree that maps every MCID and annotation back
//! to its element. Nodes without any content on a page are left out. Also what the pages and
//! the tree share: the [`Event`]s a page's content stream records, and the standard structure
//! type of each role ([`tag_of`]).

use super::writer::{PackedStream, Packer, PdfWriter, Ref, int, name, reference, text};
use crate::report::layout::{NodeId, Role, Scope, Structure};

/// What a page's content stream tells the structure tree, in reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Event {
    /// Marked content `mcid` on this page belongs to the node.
    Content { mcid: u32, node: NodeId },
    /// Link annotation `index` (of this page's links) belongs to the node.
    Annotation { index: usize, node: NodeId },
}

/// The standard structure type of a node's role.
pub(crate) fn tag_of(role: &Role) -> &'static str {
    match role {
        Role::Document => "Document",
        Role::Part => "Part",
        Role::Sect => "Sect",
        Role::Heading(1) => "H1",
        Role::Heading(2) => "H2",
        Role::Heading(_) => "H3",
        Role::P => "P",
        Role::L => "L",
        Role::LI => "LI",
        Role::Lbl => "Lbl",
        Role::LBody => "LBody",
        Role::Table => "Table",
        Role::THead => "THead",
        Role::TBody => "TBody",
        Role::TR => "TR",
        Role::TH(_) => "TH",
        Role::TD => "TD",
        Role::TOC => "TOC",
        Role::TOCI => "TOCI",
        Role::Reference => "Reference",
        Role::Link => "Link",
        Role::Figure => "Figure",
        Role::Div => "Div",
        Role::Caption => "Caption",
    }
}

/// A kid of a structure element.
enum Kid {
    /// A child element (index of its node).
    Node(usize),
    /// Marked content on a page.
    Content { page: usize, mcid: u32 },
    /// A link annotation on a page.
    Annotation { page: usize, annot: Ref },
}

/// Writes the structure tree; returns the `StructTreeRoot`.
pub(super) fn build(
    pdf: &mut PdfWriter,
    structure: &Structure,
    page_ids: &[Ref],
    events: &[Vec<Event>],
    annots: &[Vec<Ref>],
    annot_keys: &[Vec<Option<i64>>],
    next_key: i64,
) -> Ref {
    let n = structure.nodes.len();
    let mut kids: Vec<Vec<Kid>> = (0..n).map(|_| Vec::new()).collect();
    let mut attached = vec![false; n];
    if n > 0 {
        attached[0] = true;
    }
    // A node joins its parent when its first content is met: reading order is page order.
    let mut attach = |node: usize, kids: &mut Vec<Vec<Kid>>| {
        let mut cur = node;
        while cur < n && !attached[cur] {
            attached[cur] = true;
            let parent = structure.nodes[cur].parent.map_or(0, |p| p.0 as usize);
            kids[parent].push(Kid::Node(cur));
            cur = parent;
        }
    };
    for (page, list) in events.iter().enumerate() {
        for event in list {
            match *event {
                Event::Content { mcid, node } => {
                    let node = node.0 as usize;
                    if node < n {
                        attach(node, &mut kids);
                        kids[node].push(Kid::Content { page, mcid });
                    }
                }
                Event::Annotation { index, node } => {
                    let node = node.0 as usize;
                    if let Some(&annot) = annots.get(page).and_then(|a| a.get(index))
                        && node < n
                    {
                        attach(node, &mut kids);
                        kids[node].push(Kid::Annotation { page, annot });
                    }
                }
            }
        }
    }

    let root = pdf.alloc();
    let ids: Vec<Option<Ref>> = attached.iter().map(|&a| a.then(|| pdf.alloc())).collect();
    let elem = |node: usize| ids.get(node).copied().flatten().unwrap_or(root);

    // The elements on all cores, each run of nodes packed and compressed on its own thread
    // (a long plan has over 100,000 of them; on one thread this was the export's longest
    // stretch without parallelism).
    let nodes: Vec<usize> = (0..n).filter(|&i| ids[i].is_some()).collect();
    let chunk = nodes
        .len()
        .div_ceil(crate::report::threads::threads())
        .max(1);
    let streams: Vec<Vec<PackedStream>> = std::thread::scope(|scope| {
        let handles: Vec<_> = nodes
            .chunks(chunk)
            .map(|run| {
                let (ids, kids) = (&ids, &kids);
                scope.spawn(move || {
                    let mut packer = Packer::default();
                    for &i in run {
                        if let Some(id) = ids[i] {
                            packer.add(id, |b| {
                                element(b, structure, i, &kids[i], &elem, page_ids, root);
                            });
                        }
                    }
                    packer.finish()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    for stream in streams.into_iter().flatten() {
        pdf.add_packed(stream);
    }

    // Parent tree: page i's MCIDs under key i, each tagged annotation under its own key.
    let mut b = b"<</Nums [".to_vec();
    for (page, list) in events.iter().enumerate() {
        let mut by_mcid: Vec<(u32, usize)> = list
            .iter()
            .filter_map(|e| match *e {
                Event::Content { mcid, node } => Some((mcid, node.0 as usize)),
                Event::Annotation { .. } => None,
            })
            .collect();
        by_mcid.sort_unstable();
        int(&mut b, page as u64);
        b.extend_from_slice(b" [");
        for (j, &(_, node)) in by_mcid.iter().enumerate() {
            if j > 0 {
                b.push(b' ');
            }
            reference(&mut b, elem(node));
        }
        b.extend_from_slice(b"]\n");
    }
    let mut annot_entries: Vec<(i64, usize)> = Vec::new();
    for (page, list) in events.iter().enumerate() {
        for e in list {
            if let Event::Annotation { index, node } = *e
                && let Some(&Some(key)) = annot_keys.get(page).and_then(|k| k.get(index))
            {
                annot_entries.push((key, node.0 as usize));
            }
        }
    }
    annot_entries.sort_unstable();
    for (key, node) in annot_entries {
        int(&mut b, key.unsigned_abs());
        b.push(b' ');
        reference(&mut b, elem(node));
        b.push(b'\n');
    }
    b.extend_from_slice(b"]>>");
    let parent_tree = pdf.alloc();
    pdf.packed(parent_tree, b);

    let mut b = b"<</Type /StructTreeRoot /ParentTree ".to_vec();
    reference(&mut b, parent_tree);
    b.extend_from_slice(b" /ParentTreeNextKey ");
    int(&mut b, next_key.unsigned_abs());
    if let Some(doc_elem) = ids.first().copied().flatten() {
        b.extend_from_slice(b" /K ");
        reference(&mut b, doc_elem);
    }
    b.extend_from_slice(b">>");
    pdf.packed(root, b);
    root
}

/// Writes the structure element of node `i` (its kids `kids`) into `b`.
fn element(
    b: &mut Vec<u8>,
    structure: &Structure,
    i: usize,
    kids: &[Kid],
    elem: &impl Fn(usize) -> Ref,
    page_ids: &[Ref],
    root: Ref,
) {
    let Some(node) = structure.nodes.get(i) else {
        return;
    };
    let first_page = kids.iter().find_map(|k| match k {
        Kid::Content { page, .. } => Some(*page),
        _ => None,
    });
    b.extend_from_slice(b"<</Type /StructElem /S ");
    name(b, tag_of(&node.role));
    b.extend_from_slice(b" /P ");
    let parent = match node.parent {
        Some(p) if i != 0 => elem(p.0 as usize),
        _ => root,
    };
    reference(b, parent);
    if let Some(page) = first_page {
        b.extend_from_slice(b" /Pg ");
        reference(b, page_ids[page]);
    }
    b.extend_from_slice(b" /K [");
    for (j, kid) in kids.iter().enumerate() {
        if j > 0 {
            b.push(b' ');
        }
        match *kid {
            Kid::Node(c) => reference(b, elem(c)),
            Kid::Content { page, mcid } if Some(page) == first_page => {
                int(b, u64::from(mcid));
            }
            Kid::Content { page, mcid } => {
                b.extend_from_slice(b"<</Type /MCR /Pg ");
                reference(b, page_ids[page]);
                b.extend_from_slice(b" /MCID ");
                int(b, u64::from(mcid));
                b.extend_from_slice(b">>");
            }
            Kid::Annotation { page, annot } => {
                b.extend_from_slice(b"<</Type /OBJR /Pg ");
                reference(b, page_ids[page]);
                b.extend_from_slice(b" /Obj ");
                reference(b, annot);
                b.extend_from_slice(b">>");
            }
        }
    }
    b.push(b']');
    if let Some(alt) = &node.alt {
        b.extend_from_slice(b" /Alt ");
        text(b, alt);
    }
    if let Role::TH(scope) = node.role {
        b.extend_from_slice(match scope {
            Scope::Column => b" /A <</O /Table /Scope /Column>>",
            Scope::Row => b" /A <</O /Table /Scope /Row>>",
        });
    }
    b.extend_from_slice(b">>");
}
