//! Items → PDF bytes, tagged (PDF/UA-1, issue 9). The only place that writes PDF.
//!
//! Each page's items become a content stream written here byte by byte (text without kerning,
//! glyph ids as two-byte CIDs, rules, boxes), every item inside marked content: a structure
//! node's items under an MCID that the structure tree references once, everything else as an
//! `/Artifact`. The pages are written on all cores, each writer noting the glyphs it draws;
//! printpdf then subsets the fonts to them (a few milliseconds); then
//! [`tags`] builds the structure tree and parent tree from what the pages recorded, and
//! [`post`] adds the outline, the metadata (document information and XMP with the PDF/UA
//! identification) and the catalog's language. [`writer`] writes the objects straight into the
//! file, small ones packed into object streams.
//!
//! Why not printpdf's drawing operations: they cost 0.8 s of a 1.45 s export of the demo plan
//! (every glyph is looked up again and hex-formatted through `fmt`), and they cannot give text
//! an MCID. printpdf still subsets the fonts (`printpdf::font::subset_font`).
//!
//! CIDs are the fonts' own glyph ids, so pages can be written before the subset exists; each
//! font's `/CIDToGIDMap` maps them to the subset's ids.
//!
//! Coordinates: the layout measures from the top-left corner, PDF from the bottom-left.

mod post;
mod tags;

use super::error::RenderError;
use super::fonts::{Face, FontSet, is_invisible};
use super::layout::{
    Artifact, Color, Layout, Mark, NodeId, PAGE_HEIGHT, PAGE_WIDTH, Shape, Target, TextRun,
};
mod writer;

use std::collections::BTreeMap;
use tags::{Event, tag_of};
use writer::{PdfWriter, Ref, array, deflate, hex16, int, literal, name, num, reference, text};

/// A PDF text string: UTF-16BE with a byte order mark (for /ActualText).
pub(crate) fn utf16_text(s: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out
}

fn nums(out: &mut Vec<u8>, values: &[f32], decimals: u32) {
    for v in values {
        num(out, *v, decimals);
        out.push(b' ');
    }
}

fn color_op(out: &mut Vec<u8>, c: Color, op: &[u8]) {
    for v in [c.r, c.g, c.b] {
        num(out, f32::from(v) / 255.0, 3);
        out.push(b' ');
    }
    out.extend_from_slice(op);
}

/// A two-byte CID inside a literal string, escaped where the PDF syntax needs it.
fn push_cid(out: &mut Vec<u8>, cid: u16) {
    for b in cid.to_be_bytes() {
        match b {
            b'(' | b')' | b'\\' => {
                out.push(b'\\');
                out.push(b);
            }
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
}

fn artifact_props(a: Artifact) -> &'static [u8] {
    match a {
        Artifact::Header => b"/Artifact <</Type /Pagination /Subtype /Header>> BDC\n",
        Artifact::Footer | Artifact::PageNumber => {
            b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"
        }
        Artifact::Draft => b"/Artifact <</Type /Pagination /Subtype /Watermark>> BDC\n",
        Artifact::RepeatedHeader => b"/Artifact <</Type /Pagination>> BDC\n",
        Artifact::Decoration => b"/Artifact <</Type /Layout>> BDC\n",
    }
}

/// A link annotation of a page.
struct PageLink {
    rect: [f32; 4],
    target: Target,
    /// Its text, for `/Contents`.
    text: String,
}

/// One written page.
struct PageOut {
    content: Vec<u8>,
    compressed: bool,
    events: Vec<Event>,
    links: Vec<PageLink>,
}

fn face_index(face: Face) -> usize {
    match face {
        Face::Regular => 0,
        Face::Bold => 1,
        Face::Italic => 2,
        Face::Fallback => 3,
    }
}

/// The writer of one content stream.
struct PageWriter<'a> {
    out: Vec<u8>,
    fonts: &'a FontSet,
    structure: &'a super::layout::Structure,
    open: Option<Mark>,
    in_text: bool,
    font: Option<(Face, u32)>,
    fill: Option<Color>,
    next_mcid: u32,
    events: Vec<Event>,
    links: Vec<PageLink>,
    /// Text of the link nodes met on this page.
    link_text: BTreeMap<NodeId, String>,
    /// The glyphs drawn so far, per face: the character of each glyph id (0 = unused); the
    /// fonts are subset to these.
    used: &'a mut [Vec<u32>],
}

impl PageWriter<'_> {
    fn end_text(&mut self) {
        if self.in_text {
            self.out.extend_from_slice(b"ET\n");
            self.in_text = false;
        }
    }

    fn close_mark(&mut self) {
        self.end_text();
        if self.open.take().is_some() {
            self.out.extend_from_slice(b"EMC\n");
        }
    }

    fn mark(&mut self, mark: Mark) {
        if self.open == Some(mark) {
            return;
        }
        self.close_mark();
        match mark {
            Mark::Node(node) => {
                let tag = self
                    .structure
                    .node(node)
                    .map_or("Span", |n| tag_of(&n.role));
                let mcid = self.next_mcid;
                self.next_mcid += 1;
                self.out.push(b'/');
                self.out.extend_from_slice(tag.as_bytes());
                self.out.extend_from_slice(b" <</MCID ");
                int(&mut self.out, u64::from(mcid));
                self.out.extend_from_slice(b">> BDC\n");
                self.events.push(Event::Content { mcid, node });
            }
            Mark::Artifact(a) => self.out.extend_from_slice(artifact_props(a)),
        }
        self.open = Some(mark);
    }

    fn text(&mut self, run: &TextRun, mark: Mark) {
        if run.text.is_empty() {
            return;
        }
        if let Mark::Node(node) = mark
            && matches!(
                self.structure.node(node).map(|n| &n.role),
                Some(super::layout::Role::Link)
            )
        {
            let t = self.link_text.entry(node).or_default();
            if !t.is_empty() {
                t.push(' ');
            }
            t.push_str(run.actual.as_deref().unwrap_or(&run.text));
        }
        let space_after = run.space_after && self.fonts.has(run.face, ' ');
        if !self.in_text {
            self.out.extend_from_slice(b"BT\n");
            self.in_text = true;
        }
        let size_key = (run.size * 100.0).round() as u32;
        if self.font != Some((run.face, size_key)) {
            self.out.extend_from_slice(b"/F");
            int(&mut self.out, face_index(run.face) as u64);
            self.out.push(b' ');
            num(&mut self.out, run.size, 2);
            self.out.extend_from_slice(b" Tf\n");
            self.font = Some((run.face, size_key));
        }
        if self.fill != Some(run.color) {
            color_op(&mut self.out, run.color, b"rg\n");
            self.fill = Some(run.color);
        }
        if run.angle == 0.0 {
            self.out.extend_from_slice(b"1 0 0 1 ");
        } else {
            let (s, c) = run.angle.to_radians().sin_cos();
            nums(&mut self.out, &[c, s, -s, c], 4);
        }
        nums(&mut self.out, &[run.x, PAGE_HEIGHT - run.y], 2);
        self.out.extend_from_slice(b"Tm\n");
        if let Some(actual) = &run.actual {
            // The replacement box extracts as what the user typed.
            self.out.extend_from_slice(b"/Span <</ActualText <");
            for b in utf16_text(actual) {
                self.out.extend_from_slice(format!("{b:02X}").as_bytes());
            }
            self.out.extend_from_slice(b">>> BDC\n");
        }
        self.out.push(b'(');
        let space = space_after.then_some(' ');
        let table = &mut self.used[face_index(run.face)];
        // A space after the run is past its width and invisible: only there for extraction.
        for c in run.text.chars().chain(space) {
            if is_invisible(c) {
                continue;
            }
            let g = self.fonts.glyph_id(run.face, c);
            push_cid(&mut self.out, g);
            let g = usize::from(g);
            if g != 0 {
                if table.len() <= g {
                    table.resize(g + 1, 0);
                }
                if table[g] == 0 {
                    table[g] = c as u32;
                }
            }
        }
        self.out.extend_from_slice(b") Tj\n");
        if run.actual.is_some() {
            self.out.extend_from_slice(b"EMC\n");
        }
    }

    fn shape(&mut self, shape: &Shape) {
        match shape {
            Shape::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                color,
                dotted,
            } => {
                self.end_text();
                self.out.extend_from_slice(b"q\n");
                color_op(&mut self.out, *color, b"RG\n");
                num(&mut self.out, *width, 2);
                self.out.extend_from_slice(b" w\n");
                if *dotted {
                    self.out.extend_from_slice(b"1 J [0 3] 0 d\n");
                }
                nums(&mut self.out, &[*x1, PAGE_HEIGHT - y1], 2);
                self.out.extend_from_slice(b"m ");
                nums(&mut self.out, &[*x2, PAGE_HEIGHT - y2], 2);
                self.out.extend_from_slice(b"l S\nQ\n");
            }
            Shape::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                let op: &[u8] = match (fill, stroke) {
                    (Some(_), Some(_)) => b"re B\nQ\n",
                    (Some(_), None) => b"re f\nQ\n",
                    (None, Some(_)) => b"re S\nQ\n",
                    (None, None) => return,
                };
                self.end_text();
                self.out.extend_from_slice(b"q\n");
                if let Some(f) = fill {
                    color_op(&mut self.out, *f, b"rg\n");
                }
                if let Some((c, width)) = stroke {
                    color_op(&mut self.out, *c, b"RG\n");
                    num(&mut self.out, *width, 2);
                    self.out.extend_from_slice(b" w\n");
                }
                nums(&mut self.out, &[*x, PAGE_HEIGHT - y - h, *w, *h], 2);
                self.out.extend_from_slice(op);
            }
            Shape::Text(_) | Shape::Link { .. } => {}
        }
    }
}

/// Writes one page's content stream and records its marked content and links.
fn write_page<'a>(
    page: &super::layout::Page,
    fonts: &'a FontSet,
    structure: &'a super::layout::Structure,
    used: &'a mut [Vec<u32>],
) -> PageOut {
    let mut w = PageWriter {
        out: Vec::with_capacity(page.items.len() * 64),
        fonts,
        structure,
        open: None,
        in_text: false,
        font: None,
        fill: None,
        next_mcid: 0,
        events: Vec::new(),
        links: Vec::new(),
        link_text: BTreeMap::new(),
        used,
    };
    let mut link_nodes = Vec::new();
    for item in &page.items {
        match &item.shape {
            Shape::Link {
                x,
                y,
                w: lw,
                h,
                target,
            } => {
                if let Mark::Node(node) = item.mark {
                    w.events.push(Event::Annotation {
                        index: w.links.len(),
                        node,
                    });
                    link_nodes.push(Some(node));
                } else {
                    link_nodes.push(None);
                }
                w.links.push(PageLink {
                    rect: [*x, PAGE_HEIGHT - y - h, x + lw, PAGE_HEIGHT - y],
                    target: target.clone(),
                    text: String::new(),
                });
            }
            Shape::Text(run) => {
                w.mark(item.mark);
                w.text(run, item.mark);
            }
            other => {
                w.mark(item.mark);
                w.shape(other);
            }
        }
    }
    w.close_mark();
    for (link, node) in w.links.iter_mut().zip(&link_nodes) {
        link.text = match (node.and_then(|n| w.link_text.get(&n)), &link.target) {
            (Some(t), _) if !t.trim().is_empty() => t.trim().to_string(),
            (_, Target::Uri(uri)) => uri.clone(),
            (_, Target::Page { page, .. }) => format!("Gå til side {page}"),
        };
    }
    let (content, compressed) = deflate(w.out);
    PageOut {
        content,
        compressed,
        events: w.events,
        links: w.links,
    }
}

/// A font subset ready to embed.
struct Subset {
    face: Face,
    bytes: Vec<u8>,
    /// Original glyph id → subset glyph id.
    map: Vec<(u16, u16)>,
}

/// The parsed fonts printpdf subsets from (parsed once per process).
fn parsed(face: Face) -> Option<&'static printpdf::ParsedFont> {
    use std::sync::OnceLock;
    static FONTS: OnceLock<Vec<Option<printpdf::ParsedFont>>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Face::ALL
                .iter()
                .map(|f| {
                    let mut warnings = Vec::new();
                    printpdf::ParsedFont::from_bytes(f.bytes(), 0, &mut warnings)
                })
                .collect()
        })
        .get(face_index(face))
        .and_then(Option::as_ref)
}

fn subset(face: Face, glyphs: &BTreeMap<u16, char>) -> Result<Subset, RenderError> {
    let font = parsed(face).ok_or(RenderError::FontUnreadable(face.name()))?;
    let ids: BTreeMap<u16, String> = glyphs.iter().map(|(g, c)| (*g, c.to_string())).collect();
    let sub = printpdf::font::subset_font(font, &ids)
        .map_err(|_| RenderError::FontSubset(face.name()))?;
    Ok(Subset {
        face,
        bytes: sub.bytes,
        map: sub
            .glyph_mapping
            .iter()
            .map(|(old, (new, _))| (*old, *new))
            .collect(),
    })
}

/// The PostScript name of a face, with a subset tag made from the glyphs it holds.
fn font_name(face: Face, glyphs: &BTreeMap<u16, char>) -> String {
    let mut h: u32 = 2_166_136_261;
    for g in glyphs.keys() {
        for b in g.to_be_bytes() {
            h = (h ^ u32::from(b)).wrapping_mul(16_777_619);
        }
    }
    let tag: String = (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8))
        .collect();
    let base = match face {
        Face::Regular => "Carlito",
        Face::Bold => "Carlito-Bold",
        Face::Italic => "Carlito-Italic",
        Face::Fallback => "DejaVuSans",
    };
    format!("{tag}+{base}")
}

/// The `/ToUnicode` CMap: each CID (original glyph id) → its character.
fn to_unicode(glyphs: &BTreeMap<u16, char>) -> Vec<u8> {
    let mut s = b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        .to_vec();
    let entries: Vec<(&u16, &char)> = glyphs.iter().collect();
    for chunk in entries.chunks(100) {
        int(&mut s, chunk.len() as u64);
        s.extend_from_slice(b" beginbfchar\n");
        for (g, c) in chunk {
            s.push(b'<');
            hex16(&mut s, **g);
            s.extend_from_slice(b"> <");
            let mut buf = [0u16; 2];
            for unit in c.encode_utf16(&mut buf) {
                hex16(&mut s, *unit);
            }
            s.extend_from_slice(b">\n");
        }
        s.extend_from_slice(b"endbfchar\n");
    }
    s.extend_from_slice(b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s
}

/// Writes a face's font objects; returns the Type0 font.
fn add_font(pdf: &mut PdfWriter, sub: &Subset, glyphs: &BTreeMap<u16, char>) -> Ref {
    let fonts = FontSet::get();
    let face = sub.face;
    let d = fonts.descriptor(face);
    let mut base = Vec::new();
    name(&mut base, &font_name(face, glyphs));

    let file = pdf.alloc();
    let mut dict = b"/Length1 ".to_vec();
    int(&mut dict, sub.bytes.len() as u64);
    let (packed, deflated) = deflate(sub.bytes.clone());
    pdf.stream(file, &dict, &packed, deflated);

    // Flags: nonsymbolic (32), italic (64).
    let flags = 32 + if d.italic { 64 } else { 0 };
    let descriptor = pdf.alloc();
    let mut b = b"<</Type /FontDescriptor /FontName ".to_vec();
    b.extend_from_slice(&base);
    b.extend_from_slice(b" /Flags ");
    int(&mut b, flags);
    b.extend_from_slice(b" /FontBBox ");
    array(&mut b, &d.bbox, 0);
    b.extend_from_slice(b" /ItalicAngle ");
    num(&mut b, d.italic_angle, 2);
    b.extend_from_slice(b" /Ascent ");
    num(&mut b, d.ascent, 0);
    b.extend_from_slice(b" /Descent ");
    num(&mut b, d.descent, 0);
    b.extend_from_slice(b" /CapHeight ");
    num(&mut b, d.cap_height, 0);
    b.extend_from_slice(if d.bold {
        b" /StemV 120"
    } else {
        b" /StemV 80"
    });
    b.extend_from_slice(b" /FontFile2 ");
    reference(&mut b, file);
    b.extend_from_slice(b">>");
    pdf.packed(descriptor, b);

    // CID (original glyph id) → subset glyph id.
    let max = glyphs.keys().next_back().copied().unwrap_or(0);
    let mut map = vec![0u8; (usize::from(max) + 1) * 2];
    for (old, new) in &sub.map {
        let i = usize::from(*old) * 2;
        if i + 1 < map.len() {
            map[i..i + 2].copy_from_slice(&new.to_be_bytes());
        }
    }
    let cid_map = pdf.alloc();
    let (packed, deflated) = deflate(map);
    pdf.stream(cid_map, b"", &packed, deflated);

    // Widths, in runs of consecutive CIDs.
    let mut w = b"[".to_vec();
    let mut last: Option<u16> = None;
    for (g, c) in glyphs {
        if last.is_some_and(|l| l + 1 == *g) {
            w.push(b' ');
        } else {
            if last.is_some() {
                w.extend_from_slice(b"] ");
            }
            int(&mut w, u64::from(*g));
            w.extend_from_slice(b" [");
        }
        num(&mut w, fonts.width(face, *c) * 1000.0, 2);
        last = Some(*g);
    }
    if last.is_some() {
        w.push(b']');
    }
    w.push(b']');

    let cid_font = pdf.alloc();
    let mut b = b"<</Type /Font /Subtype /CIDFontType2 /BaseFont ".to_vec();
    b.extend_from_slice(&base);
    b.extend_from_slice(
        b" /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor ",
    );
    reference(&mut b, descriptor);
    b.extend_from_slice(b" /DW 1000 /W ");
    b.extend_from_slice(&w);
    b.extend_from_slice(b" /CIDToGIDMap ");
    reference(&mut b, cid_map);
    b.extend_from_slice(b">>");
    pdf.packed(cid_font, b);

    let cmap = pdf.alloc();
    let (packed, deflated) = deflate(to_unicode(glyphs));
    pdf.stream(cmap, b"", &packed, deflated);

    let font = pdf.alloc();
    let mut b = b"<</Type /Font /Subtype /Type0 /BaseFont ".to_vec();
    b.extend_from_slice(&base);
    b.extend_from_slice(b" /Encoding /Identity-H /DescendantFonts [");
    reference(&mut b, cid_font);
    b.extend_from_slice(b"] /ToUnicode ");
    reference(&mut b, cmap);
    b.extend_from_slice(b">>");
    pdf.packed(font, b);
    font
}

/// Writes a link annotation.
fn annotation(link: &PageLink, page: Ref, page_ids: &[Ref], key: Option<i64>) -> Vec<u8> {
    let mut b = b"<</Type /Annot /Subtype /Link /Rect ".to_vec();
    array(&mut b, &link.rect, 2);
    b.extend_from_slice(b" /Border [0 0 0] /F 4 /P ");
    reference(&mut b, page);
    b.extend_from_slice(b" /Contents ");
    text(&mut b, &link.text);
    if let Some(key) = key {
        b.extend_from_slice(b" /StructParent ");
        int(&mut b, key.unsigned_abs());
    }
    match &link.target {
        Target::Uri(uri) => {
            b.extend_from_slice(b" /A <</S /URI /URI ");
            literal(&mut b, uri.as_bytes());
            b.extend_from_slice(b">>");
        }
        Target::Page { page: to, y } => {
            let dest = page_ids.get(to.saturating_sub(1)).copied().unwrap_or(page);
            b.extend_from_slice(b" /A <</S /GoTo /D [");
            reference(&mut b, dest);
            b.extend_from_slice(b" /XYZ null ");
            num(&mut b, PAGE_HEIGHT - y + 4.0, 2);
            b.extend_from_slice(b" null]>>");
        }
    }
    b.extend_from_slice(b">>");
    b
}

/// `items` cut into owned runs of `chunk` (the last one shorter), in order.
fn owned_chunks<T>(mut items: Vec<T>, chunk: usize) -> Vec<Vec<T>> {
    let mut parts = Vec::with_capacity(items.len().div_ceil(chunk.max(1)));
    while items.len() > chunk.max(1) {
        let rest = items.split_off(chunk.max(1));
        parts.push(items);
        items = rest;
    }
    parts.push(items);
    parts
}

/// Renders a layout as PDF bytes; `created` is the creation date (seconds since 1970, UTC).
pub fn render(mut layout: Layout, created: i64) -> Result<Vec<u8>, RenderError> {
    let fonts = FontSet::get();
    let workers = crate::report::threads::threads();
    let page_count = layout.pages.len();
    let chunk = page_count.div_ceil(workers).max(1);

    // The pages are written on all cores; each writer notes the glyphs it draws, so that the
    // fonts can be subset afterwards.
    let mut used: Vec<BTreeMap<u16, char>> = vec![BTreeMap::new(); 4];
    let mut pages = Vec::with_capacity(page_count);
    let written = std::thread::scope(|scope| {
        // Each writer owns its pages and drops each one once its content stream is written,
        // so the laid-out text is given back while the PDF grows, rather than both being held
        // at once (the peak memory of a long plan's export).
        let structure = &layout.structure;
        let writers: Vec<_> = owned_chunks(std::mem::take(&mut layout.pages), chunk)
            .into_iter()
            .map(|part| {
                scope.spawn(move || {
                    let mut used: Vec<Vec<u32>> = vec![Vec::new(); 4];
                    let pages = part
                        .into_iter()
                        .map(|p| write_page(&p, fonts, structure, &mut used))
                        .collect::<Vec<PageOut>>();
                    (pages, used)
                })
            })
            .collect();
        let mut failed = false;
        // In page order, so that each glyph keeps the character it was first drawn for.
        for w in writers {
            match w.join() {
                Ok((mut part, tables)) => {
                    pages.append(&mut part);
                    for (face, table) in tables.iter().enumerate() {
                        for (g, c) in table.iter().enumerate() {
                            if *c != 0
                                && let (Ok(g), Some(c)) = (u16::try_from(g), char::from_u32(*c))
                            {
                                used[face].entry(g).or_insert(c);
                            }
                        }
                    }
                }
                Err(_) => failed = true,
            }
        }
        if failed {
            Err(RenderError::PageWriterStopped)
        } else {
            Ok(())
        }
    });
    written?;
    let subsets = Face::ALL
        .iter()
        .filter(|f| !used[face_index(**f)].is_empty())
        .map(|f| subset(*f, &used[face_index(*f)]))
        .collect::<Result<Vec<Subset>, RenderError>>();
    let subsets = subsets?;

    let size: usize = pages.iter().map(|p| p.content.len()).sum();
    let mut pdf = PdfWriter::new(size + size / 2 + 200_000);
    let catalog = pdf.alloc();
    let pages_id = pdf.alloc();
    let mut resources = b"<</Font <<".to_vec();
    for sub in &subsets {
        let id = add_font(&mut pdf, sub, &used[face_index(sub.face)]);
        resources.extend_from_slice(b" /F");
        int(&mut resources, face_index(sub.face) as u64);
        resources.push(b' ');
        reference(&mut resources, id);
    }
    resources.extend_from_slice(b">>>>");
    let resources_id = pdf.alloc();
    pdf.packed(resources_id, resources);

    // Page objects: numbers first (links point to pages), then contents and annotations.
    let page_ids: Vec<Ref> = pages.iter().map(|_| pdf.alloc()).collect();
    let mut annots: Vec<Vec<Ref>> = Vec::with_capacity(pages.len());
    let mut events: Vec<Vec<Event>> = Vec::with_capacity(pages.len());
    let mut annot_keys: Vec<Vec<Option<i64>>> = Vec::with_capacity(pages.len());
    let mut next_key = pages.len() as i64;
    for (i, page) in pages.into_iter().enumerate() {
        let content = pdf.alloc();
        pdf.stream(content, b"", &page.content, page.compressed);
        // A link that belongs to a structure node gets a key in the parent tree.
        let tagged: Vec<bool> = (0..page.links.len())
            .map(|index| {
                page.events
                    .iter()
                    .any(|e| matches!(e, Event::Annotation { index: j, .. } if *j == index))
            })
            .collect();
        let mut ids = Vec::with_capacity(page.links.len());
        let mut keys = Vec::with_capacity(page.links.len());
        for (link, tagged) in page.links.iter().zip(tagged) {
            let key = tagged.then(|| {
                next_key += 1;
                next_key - 1
            });
            let id = pdf.alloc();
            pdf.packed(id, annotation(link, page_ids[i], &page_ids, key));
            ids.push(id);
            keys.push(key);
        }
        let mut b = b"<</Type /Page /Parent ".to_vec();
        reference(&mut b, pages_id);
        b.extend_from_slice(b" /MediaBox ");
        array(&mut b, &[0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT], 4);
        b.extend_from_slice(b" /Resources ");
        reference(&mut b, resources_id);
        b.extend_from_slice(b" /Contents ");
        reference(&mut b, content);
        b.extend_from_slice(b" /StructParents ");
        int(&mut b, i as u64);
        b.extend_from_slice(b" /Tabs /S");
        if !ids.is_empty() {
            b.extend_from_slice(b" /Annots [");
            for (j, a) in ids.iter().enumerate() {
                if j > 0 {
                    b.push(b' ');
                }
                reference(&mut b, *a);
            }
            b.push(b']');
        }
        b.extend_from_slice(b">>");
        pdf.packed(page_ids[i], b);
        annots.push(ids);
        annot_keys.push(keys);
        events.push(page.events);
    }
    let mut b = b"<</Type /Pages /Count ".to_vec();
    int(&mut b, page_ids.len() as u64);
    b.extend_from_slice(b" /Kids [");
    for (j, p) in page_ids.iter().enumerate() {
        if j > 0 {
            b.push(b' ');
        }
        reference(&mut b, *p);
    }
    b.extend_from_slice(b"]>>");
    pdf.direct(pages_id, &b);

    let struct_root = tags::build(
        &mut pdf,
        &layout.structure,
        &page_ids,
        &events,
        &annots,
        &annot_keys,
        next_key,
    );
    let info = post::finish(
        &mut pdf,
        &layout,
        &page_ids,
        catalog,
        pages_id,
        struct_root,
        created,
    );
    Ok(pdf.finish(catalog, info))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cids_are_escaped_in_literal_strings() {
        let mut out = Vec::new();
        for cid in [0x0028, 0x5C29, 0x0D41] {
            push_cid(&mut out, cid);
        }
        assert_eq!(out, b"\x00\\(\\\\\\)\\rA".to_vec());
    }
}
