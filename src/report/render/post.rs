//! The document-level parts of the PDF: document language (`/Lang (da-DK)`), `DisplayDocTitle`,
//! the nested outline (chapters → focus areas → goals), the document information and the XMP
//! metadata with the PDF/UA identification (`pdfuaid:part 1`), which say the same.

use super::writer::{PdfWriter, Ref, int, literal, num, reference, text};
use crate::report::layout::{Layout, PAGE_HEIGHT};

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

/// The same date in XMP form: `2012-11-23T20:15:00Z`.
fn xmp_date(secs: i64) -> String {
    let (y, m, d) = civil(secs.div_euclid(86_400));
    let t = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        t / 3600,
        (t / 60) % 60,
        t % 60
    )
}

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // XML 1.0 has no place for most control characters.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The XMP metadata packet: title, author, subject, language, dates, producer and PDF/UA-1.
pub fn xmp(layout: &Layout, created: i64) -> String {
    let meta = &layout.meta;
    let date = xmp_date(created);
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <pdf:Producer>{producer}</pdf:Producer>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{FEFF}',
        title = xml(&meta.title),
        author = xml(&meta.author),
        subject = xml(&meta.subject),
        lang = xml(&meta.lang),
        producer = xml(PRODUCER),
        creator = xml(&creator()),
    )
}

const PRODUCER: &str = "virkplan (fonts subset by printpdf)";

fn creator() -> String {
    format!("virkplan {}", env!("CARGO_PKG_VERSION"))
}

/// Writes the catalog, the outline, the document information and the XMP metadata; returns
/// the document information.
pub fn finish(
    pdf: &mut PdfWriter,
    layout: &Layout,
    page_ids: &[Ref],
    catalog: Ref,
    pages: Ref,
    struct_root: Ref,
    created: i64,
) -> Ref {
    let outline = build_outline(pdf, layout, page_ids);

    let info = pdf.alloc();
    let mut b = b"<</Title ".to_vec();
    text(&mut b, &layout.meta.title);
    b.extend_from_slice(b" /Author ");
    text(&mut b, &layout.meta.author);
    b.extend_from_slice(b" /Subject ");
    text(&mut b, &layout.meta.subject);
    b.extend_from_slice(b" /Creator ");
    text(&mut b, &creator());
    b.extend_from_slice(b" /Producer ");
    text(&mut b, PRODUCER);
    b.extend_from_slice(b" /CreationDate ");
    text(&mut b, &pdf_date(created));
    b.extend_from_slice(b" /ModDate ");
    text(&mut b, &pdf_date(created));
    b.extend_from_slice(b">>");
    pdf.packed(info, b);

    // XMP stays uncompressed, as PDF/UA readers expect to find it.
    let metadata = pdf.alloc();
    pdf.stream(
        metadata,
        b"/Type /Metadata /Subtype /XML",
        xmp(layout, created).as_bytes(),
        false,
    );

    let mut b = b"<</Type /Catalog /Pages ".to_vec();
    reference(&mut b, pages);
    b.extend_from_slice(b" /Lang ");
    literal(&mut b, layout.meta.lang.as_bytes());
    b.extend_from_slice(b" /MarkInfo <</Marked true>> /StructTreeRoot ");
    reference(&mut b, struct_root);
    b.extend_from_slice(b" /Metadata ");
    reference(&mut b, metadata);
    b.extend_from_slice(b" /ViewerPreferences <</DisplayDocTitle true>>");
    match outline {
        Some(o) => {
            b.extend_from_slice(b" /Outlines ");
            reference(&mut b, o);
            b.extend_from_slice(b" /PageMode /UseOutlines");
        }
        None => b.extend_from_slice(b" /PageMode /UseNone"),
    }
    b.extend_from_slice(b">>");
    pdf.packed(catalog, b);
    info
}

/// The outline as PDF outline items, nested by level; returns the outline root. Chapters are
/// open, focus areas closed (their goals show on request).
fn build_outline(pdf: &mut PdfWriter, layout: &Layout, page_ids: &[Ref]) -> Option<Ref> {
    if layout.outline.is_empty() || page_ids.is_empty() {
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
    let root = pdf.alloc();
    let ids: Vec<Ref> = (0..n).map(|_| pdf.alloc()).collect();
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
    // Position of each entry among its siblings.
    let mut position = vec![0usize; n];
    for list in children.iter().chain(std::iter::once(&top)) {
        for (pos, &c) in list.iter().enumerate() {
            position[c] = pos;
        }
    }
    for (i, e) in layout.outline.iter().enumerate() {
        let page = page_ids
            .get(e.page.saturating_sub(1))
            .copied()
            .unwrap_or(page_ids[0]);
        let mut b = b"<</Title ".to_vec();
        text(&mut b, &e.title);
        b.extend_from_slice(b" /Parent ");
        reference(&mut b, parent[i].map_or(root, |p| ids[p]));
        b.extend_from_slice(b" /Dest [");
        reference(&mut b, page);
        b.extend_from_slice(b" /XYZ null ");
        num(&mut b, PAGE_HEIGHT - e.y + 4.0, 2);
        b.extend_from_slice(b" null]");
        let siblings = match parent[i] {
            Some(p) => &children[p],
            None => &top,
        };
        let pos = position[i];
        if pos > 0 {
            b.extend_from_slice(b" /Prev ");
            reference(&mut b, ids[siblings[pos - 1]]);
        }
        if pos + 1 < siblings.len() {
            b.extend_from_slice(b" /Next ");
            reference(&mut b, ids[siblings[pos + 1]]);
        }
        if let (Some(&first), Some(&last)) = (children[i].first(), children[i].last()) {
            b.extend_from_slice(b" /First ");
            reference(&mut b, ids[first]);
            b.extend_from_slice(b" /Last ");
            reference(&mut b, ids[last]);
            let count = if open(i) {
                visible(i, &children, &open)
            } else {
                -(children[i].len() as i64)
            };
            b.extend_from_slice(b" /Count ");
            if count < 0 {
                b.push(b'-');
            }
            int(&mut b, count.unsigned_abs());
        }
        b.extend_from_slice(b">>");
        pdf.packed(ids[i], b);
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
    let mut b = b"<</Type /Outlines".to_vec();
    if let (Some(&first), Some(&last)) = (top.first(), top.last()) {
        b.extend_from_slice(b" /First ");
        reference(&mut b, ids[first]);
        b.extend_from_slice(b" /Last ");
        reference(&mut b, ids[last]);
    }
    b.extend_from_slice(b" /Count ");
    int(&mut b, total.unsigned_abs());
    b.extend_from_slice(b">>");
    pdf.packed(root, b);
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
        assert_eq!(xmp_date(951_782_400 + 3661), "2000-02-29T01:01:01Z");
    }

    #[test]
    fn xml_text_is_escaped() {
        assert_eq!(
            xml("A & B <c> \"d\"\u{7}"),
            "A &amp; B &lt;c&gt; &quot;d&quot;"
        );
    }
}
