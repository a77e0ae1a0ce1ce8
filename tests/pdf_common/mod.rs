//! What the PDF tests share: the tagged-PDF checks (an exported file read back with lopdf and
//! checked against the machine-checkable rules of PDF/UA-1 that virkplan promises, README
//! "Tilgængelighed"), the small readers they need, and the text of a layout's pages.
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

use lopdf::{Document as Pdf, Object};
use virkplan::report::layout::{Layout, Shape};

pub fn dict<'a>(pdf: &'a Pdf, obj: &'a Object) -> &'a lopdf::Dictionary {
    match obj {
        Object::Reference(id) => pdf.get_dictionary(*id).expect("dictionary"),
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

pub fn text_string(obj: &Object) -> String {
    let Object::String(bytes, _) = obj else {
        panic!("not a string: {obj:?}")
    };
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).unwrap()
    } else {
        String::from_utf8(bytes.clone()).unwrap()
    }
}

/// What the structure tree says, collected while walking it in reading order.
#[derive(Default)]
pub struct Tree {
    /// (page, MCID) → the elements that reference it.
    pub content: std::collections::HashMap<(lopdf::ObjectId, i64), Vec<lopdf::ObjectId>>,
    /// Annotation → the elements that reference it (OBJR).
    pub annotations: std::collections::HashMap<lopdf::ObjectId, Vec<lopdf::ObjectId>>,
    /// Structure types in reading order.
    pub tags: Vec<String>,
    /// Each element's type, its /Alt and its /A /Scope, in reading order.
    pub elements: Vec<(String, Option<String>, Option<String>)>,
}

pub fn name_of(obj: &Object) -> String {
    match obj {
        Object::Name(n) => String::from_utf8_lossy(n).into_owned(),
        other => panic!("not a name: {other:?}"),
    }
}

pub fn walk(pdf: &Pdf, id: lopdf::ObjectId, tree: &mut Tree, depth: usize) {
    assert!(depth < 200, "structure tree too deep or cyclic");
    let elem = pdf.get_dictionary(id).expect("structure element");
    let tag = name_of(elem.get(b"S").expect("/S"));
    if tag == "Figure" {
        let alt = text_string(elem.get(b"Alt").expect("a Figure has /Alt"));
        assert!(alt.len() > 20, "Figure /Alt says what it shows: {alt}");
    }
    let alt = elem.get(b"Alt").ok().map(text_string);
    let scope = elem.get(b"A").ok().and_then(|a| match a {
        Object::Dictionary(d) => d.get(b"Scope").ok().map(name_of),
        _ => None,
    });
    tree.elements.push((tag.clone(), alt, scope));
    tree.tags.push(tag);
    let page = elem.get(b"Pg").ok().and_then(|p| p.as_reference().ok());
    let kids: Vec<Object> = match elem.get(b"K") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => Vec::new(),
    };
    for kid in kids {
        match kid {
            Object::Integer(mcid) => {
                let page = page.expect("an element with MCIDs has /Pg");
                tree.content.entry((page, mcid)).or_default().push(id);
            }
            Object::Reference(child) => {
                let parent = pdf
                    .get_dictionary(child)
                    .expect("child")
                    .get(b"P")
                    .expect("/P")
                    .as_reference()
                    .unwrap();
                assert_eq!(parent, id, "a child's /P is its parent");
                walk(pdf, child, tree, depth + 1);
            }
            Object::Dictionary(d) => match name_of(d.get(b"Type").expect("/Type")).as_str() {
                "MCR" => {
                    let page = d.get(b"Pg").unwrap().as_reference().unwrap();
                    let mcid = d.get(b"MCID").unwrap().as_i64().unwrap();
                    tree.content.entry((page, mcid)).or_default().push(id);
                }
                "OBJR" => {
                    let annot = d.get(b"Obj").unwrap().as_reference().unwrap();
                    tree.annotations.entry(annot).or_default().push(id);
                }
                other => panic!("unexpected kid type {other}"),
            },
            other => panic!("unexpected kid {other:?}"),
        }
    }
}

/// Checks a PDF against the machine-checkable rules of PDF/UA-1 that virkplan promises (see
/// README "Tilgængelighed"); returns the structure types in reading order.
pub fn assert_tagged(bytes: &[u8], title: &str) -> Vec<String> {
    use lopdf::content::Content;
    let pdf = Pdf::load_mem(bytes).expect("PDF loads");
    let catalog = pdf.catalog().unwrap();
    assert_eq!(text_string(catalog.get(b"Lang").unwrap()), "da-DK");
    let mark_info = dict(&pdf, catalog.get(b"MarkInfo").expect("/MarkInfo"));
    assert_eq!(mark_info.get(b"Marked").unwrap(), &Object::Boolean(true));
    let prefs = dict(&pdf, catalog.get(b"ViewerPreferences").unwrap());
    assert_eq!(
        prefs.get(b"DisplayDocTitle").unwrap(),
        &Object::Boolean(true)
    );
    let meta_id = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let meta = pdf.get_object(meta_id).unwrap().as_stream().unwrap();
    let xmp = String::from_utf8(meta.content.clone()).expect("XMP is UTF-8");
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
    assert!(xmp.contains("<dc:title>"), "{xmp}");
    let escaped = title
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let info = dict(&pdf, pdf.trailer.get(b"Info").unwrap());
    assert_eq!(text_string(info.get(b"Title").unwrap()), title);
    if !title.chars().any(|c| (c as u32) < 0x20 || c == '"') {
        assert!(xmp.contains(&escaped), "dc:title holds the title");
    }

    // The structure tree.
    let root = dict(
        &pdf,
        catalog.get(b"StructTreeRoot").expect("/StructTreeRoot"),
    );
    let mut tree = Tree::default();
    let doc_elem = root
        .get(b"K")
        .expect("a root element")
        .as_reference()
        .unwrap();
    walk(&pdf, doc_elem, &mut tree, 0);
    assert_eq!(tree.tags.first().map(String::as_str), Some("Document"));
    let nums = match dict(&pdf, root.get(b"ParentTree").unwrap())
        .get(b"Nums")
        .unwrap()
    {
        Object::Array(a) => a.clone(),
        other => panic!("{other:?}"),
    };
    let parent_tree: std::collections::HashMap<i64, Object> = nums
        .chunks(2)
        .map(|kv| (kv[0].as_i64().unwrap(), kv[1].clone()))
        .collect();

    // Every page: text and paths only inside marked content; every MCID once in the tree and
    // mapped back by the parent tree; every annotation tagged.
    let mut seen = 0;
    for (_, page_id) in pdf.get_pages() {
        let page = pdf.get_dictionary(page_id).unwrap();
        let key = page
            .get(b"StructParents")
            .expect("/StructParents")
            .as_i64()
            .unwrap();
        let mapped: Vec<lopdf::ObjectId> = match parent_tree.get(&key) {
            Some(Object::Array(a)) => a.iter().map(|o| o.as_reference().unwrap()).collect(),
            Some(Object::Reference(r)) => match pdf.get_object(*r).unwrap() {
                Object::Array(a) => a.iter().map(|o| o.as_reference().unwrap()).collect(),
                other => panic!("{other:?}"),
            },
            other => panic!("page key {key} not in the parent tree: {other:?}"),
        };
        let content = Content::decode(&pdf.get_page_content(page_id)).unwrap();
        // Stack of open marked content: Some(mcid) for a tagged one, None for others.
        let mut stack: Vec<(String, Option<i64>)> = Vec::new();
        let mut mcids = Vec::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" | "BMC" => {
                    let tag = name_of(&op.operands[0]);
                    let mcid = op
                        .operands
                        .get(1)
                        .and_then(|p| p.as_dict().ok())
                        .and_then(|d| d.get(b"MCID").ok())
                        .and_then(|m| m.as_i64().ok());
                    if let Some(m) = mcid {
                        mcids.push(m);
                    }
                    stack.push((tag, mcid));
                }
                "EMC" => {
                    stack.pop().expect("EMC matches a BDC");
                }
                "Tj" | "TJ" | "'" | "\"" | "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b"
                | "b*" => {
                    assert!(
                        stack
                            .iter()
                            .any(|(tag, mcid)| mcid.is_some() || tag == "Artifact"),
                        "{} outside marked content",
                        op.operator
                    );
                }
                _ => {}
            }
        }
        assert!(stack.is_empty(), "marked content left open");
        let mut sorted = mcids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), mcids.len(), "an MCID used twice on a page");
        assert_eq!(
            mcids.len(),
            mapped.len(),
            "the parent tree has one entry per MCID"
        );
        for m in mcids {
            let owners = tree
                .content
                .get(&(page_id, m))
                .expect("MCID in the structure tree");
            assert_eq!(owners.len(), 1, "MCID {m} referenced once");
            assert_eq!(
                mapped[m as usize], owners[0],
                "the parent tree maps MCID {m} back"
            );
            seen += 1;
        }
        if let Ok(Object::Array(annots)) = page.get(b"Annots") {
            if !annots.is_empty() {
                assert_eq!(name_of(page.get(b"Tabs").expect("/Tabs")), "S");
            }
            for a in annots {
                let a_id = a.as_reference().unwrap();
                let annot = pdf.get_dictionary(a_id).unwrap();
                let contents = text_string(annot.get(b"Contents").expect("/Contents"));
                assert!(!contents.trim().is_empty());
                let key = annot
                    .get(b"StructParent")
                    .expect("/StructParent")
                    .as_i64()
                    .unwrap();
                let elem = parent_tree.get(&key).unwrap().as_reference().unwrap();
                let owners = tree.annotations.get(&a_id).expect("annotation in the tree");
                assert_eq!(owners, &vec![elem]);
                let tag = name_of(pdf.get_dictionary(elem).unwrap().get(b"S").unwrap());
                assert_eq!(tag, "Link");
            }
        }
        // Fonts: embedded, with ToUnicode.
        let resources = dict(&pdf, page.get(b"Resources").unwrap());
        if let Ok(fonts) = resources.get(b"Font") {
            for (_, f) in dict(&pdf, fonts).iter() {
                let font = dict(&pdf, f);
                assert!(font.has(b"ToUnicode"), "a font with /ToUnicode");
                let Object::Array(desc) = font.get(b"DescendantFonts").unwrap() else {
                    panic!()
                };
                let cid = dict(&pdf, &desc[0]);
                let fd = dict(&pdf, cid.get(b"FontDescriptor").unwrap());
                assert!(fd.has(b"FontFile2"), "font embedded");
            }
        }
    }
    assert_eq!(
        seen,
        tree.content.len(),
        "the tree references no MCID that is not on a page"
    );

    // Headings never skip a level; tables have header cells.
    let mut last = 0;
    for tag in &tree.tags {
        if let Some(level) = tag.strip_prefix('H').and_then(|l| l.parse::<i32>().ok()) {
            assert!(level <= last + 1, "H{level} after H{last}");
            last = level;
        }
    }
    let tables = tree.tags.iter().filter(|t| *t == "Table").count();
    let ths = tree.tags.iter().filter(|t| *t == "TH").count();
    assert!(
        tables == 0 || ths >= tables * 2,
        "{tables} tables, {ths} TH"
    );
    tree.tags
}

/// The structure tree of a PDF, walked in reading order (without the checks).
pub fn structure_tree(bytes: &[u8]) -> Tree {
    let pdf = Pdf::load_mem(bytes).expect("PDF loads");
    let catalog = pdf.catalog().unwrap();
    let root = dict(&pdf, catalog.get(b"StructTreeRoot").unwrap());
    let mut tree = Tree::default();
    walk(
        &pdf,
        root.get(b"K").unwrap().as_reference().unwrap(),
        &mut tree,
        0,
    );
    tree
}

/// The text of each page as the layout placed it (runs joined, lines by newlines, the space
/// a line broke at kept, as extraction gives it).
pub fn layout_text(l: &Layout) -> Vec<String> {
    l.pages
        .iter()
        .map(|p| {
            let mut out = String::new();
            let mut last_y = f32::NAN;
            for item in &p.items {
                if let Shape::Text(r) = &item.shape {
                    if (r.y - last_y).abs() > 0.5 && !out.is_empty() {
                        out.push('\n');
                    }
                    last_y = r.y;
                    out.push_str(r.actual.as_deref().unwrap_or(&r.text));
                    if r.space_after {
                        out.push(' ');
                    }
                }
            }
            out
        })
        .collect()
}
