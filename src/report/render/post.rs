//! The lopdf pass over printpdf's document: what printpdf 0.12 cannot write. Document language
//! (`/Lang (da-DK)`), `DisplayDocTitle`, a nested outline (chapters → focus areas → goals; printpdf
//! only makes a flat one), and the document information written afresh (printpdf writes its
//! own creation date and an empty PDF/X marker).

use crate::report::layout::{Layout, PAGE_HEIGHT};
use lopdf::{Dictionary, Object, ObjectId, StringFormat};

/// A PDF text string: literal for printable ASCII, else UTF-16BE with a byte order mark.
fn text(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        Object::String(super::utf16_text(s), StringFormat::Hexadecimal)
    }
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (Howard Hinnant's
/// civil_from_days).
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// A PDF date string in UTC: `D:20121123201500Z`.
pub fn pdf_date(secs: i64) -> String {
    let (y, m, d) = civil(secs.div_euclid(86_400));
    let t = secs.rem_euclid(86_400);
    format!(
        "D:{y:04}{m:02}{d:02}{:02}{:02}{:02}Z",
        t / 3600,
        (t / 60) % 60,
        t % 60
    )
}

/// Adds the outline, language and metadata to the document.
pub fn finish(doc: &mut lopdf::Document, layout: &Layout, created: i64) -> Result<(), String> {
    doc.version = "1.7".into();
    let pages = doc.get_pages();
    let outline = build_outline(doc, layout, &pages);

    let info = Dictionary::from_iter(vec![
        ("Title", text(&layout.meta.title)),
        ("Author", text(&layout.meta.author)),
        ("Subject", text(&layout.meta.subject)),
        (
            "Creator",
            text(&format!("virkplan {}", env!("CARGO_PKG_VERSION"))),
        ),
        ("Producer", text("virkplan (printpdf 0.12, lopdf)")),
        ("CreationDate", text(&pdf_date(created))),
        ("ModDate", text(&pdf_date(created))),
    ]);
    // printpdf's own Info (epoch dates, an empty PDF/X marker) is replaced, not kept beside.
    if let Ok(Object::Reference(old)) = doc.trailer.get(b"Info") {
        let old = *old;
        doc.objects.remove(&old);
    }
    let info_id = doc.add_object(info);
    doc.trailer.set("Info", Object::Reference(info_id));

    let catalog = doc
        .catalog_mut()
        .map_err(|e| format!("katalogen mangler: {e}"))?;
    catalog.set(
        "Lang",
        Object::String(layout.meta.lang.as_bytes().to_vec(), StringFormat::Literal),
    );
    catalog.set(
        "ViewerPreferences",
        Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]),
    );
    if let Some(outline) = outline {
        catalog.set("Outlines", Object::Reference(outline));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    } else {
        catalog.set("PageMode", Object::Name(b"UseNone".to_vec()));
    }
    Ok(())
}

/// The outline as PDF outline items, nested by level; returns the outline root. Chapters are
/// open, focus areas closed (their goals show on request).
fn build_outline(
    doc: &mut lopdf::Document,
    layout: &Layout,
    pages: &std::collections::BTreeMap<u32, ObjectId>,
) -> Option<ObjectId> {
    if layout.outline.is_empty() {
        return None;
    }
    // Parent of each entry: the nearest earlier entry of a lower level (levels may skip).
    let n = layout.outline.len();
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let mut stack: Vec<usize> = Vec::new();
    for (i, e) in layout.outline.iter().enumerate() {
        while let Some(&top) = stack.last() {
            if layout.outline[top].level >= e.level {
                stack.pop();
            } else {
                break;
            }
        }
        parent[i] = stack.last().copied();
        stack.push(i);
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = (0..n).map(|_| doc.new_object_id()).collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut top: Vec<usize> = Vec::new();
    for (i, p) in parent.iter().enumerate() {
        match p {
            Some(p) => children[*p].push(i),
            None => top.push(i),
        }
    }
    // Visible descendants of an open item (for /Count).
    fn visible(i: usize, children: &[Vec<usize>], open: &dyn Fn(usize) -> bool) -> i64 {
        children[i]
            .iter()
            .map(|&c| {
                1 + if open(c) {
                    visible(c, children, open)
                } else {
                    0
                }
            })
            .sum()
    }
    let open = |i: usize| layout.outline[i].level <= 1;
    let siblings_of = |i: usize| -> &Vec<usize> {
        match parent[i] {
            Some(p) => &children[p],
            None => &top,
        }
    };
    for (i, e) in layout.outline.iter().enumerate() {
        let page = pages
            .get(&u32::try_from(e.page).unwrap_or(u32::MAX))
            .copied()
            .or_else(|| pages.values().next().copied());
        let mut d = Dictionary::new();
        d.set("Title", text(&e.title));
        d.set(
            "Parent",
            Object::Reference(parent[i].map_or(root, |p| ids[p])),
        );
        if let Some(page) = page {
            d.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(page),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Null,
                    Object::Real(PAGE_HEIGHT - e.y + 4.0),
                    Object::Null,
                ]),
            );
        }
        let sib = siblings_of(i);
        if let Some(pos) = sib.iter().position(|&s| s == i) {
            if pos > 0 {
                d.set("Prev", Object::Reference(ids[sib[pos - 1]]));
            }
            if pos + 1 < sib.len() {
                d.set("Next", Object::Reference(ids[sib[pos + 1]]));
            }
        }
        if let (Some(&first), Some(&last)) = (children[i].first(), children[i].last()) {
            d.set("First", Object::Reference(ids[first]));
            d.set("Last", Object::Reference(ids[last]));
            let count = if open(i) {
                visible(i, &children, &open)
            } else {
                -(children[i].len() as i64)
            };
            d.set("Count", Object::Integer(count));
        }
        doc.objects.insert(ids[i], Object::Dictionary(d));
    }
    let total: i64 = top
        .iter()
        .map(|&t| {
            1 + if open(t) {
                visible(t, &children, &open)
            } else {
                0
            }
        })
        .sum();
    let mut r = Dictionary::new();
    r.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(&first), Some(&last)) = (top.first(), top.last()) {
        r.set("First", Object::Reference(ids[first]));
        r.set("Last", Object::Reference(ids[last]));
    }
    r.set("Count", Object::Integer(total));
    doc.objects.insert(root, Object::Dictionary(r));
    Some(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_pdf_form() {
        assert_eq!(pdf_date(0), "D:19700101000000Z");
        assert_eq!(pdf_date(1_338_508_800), "D:20120601000000Z");
        assert_eq!(pdf_date(951_782_400 + 3661), "D:20000229010101Z");
    }
}
