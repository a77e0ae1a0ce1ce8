//! Items → PDF bytes. The only place that knows printpdf: each page's items become content
//! stream operations (text without kerning, rules, boxes, link annotations), the fonts are
//! embedded and subset by printpdf, and [`post`] finishes the document with lopdf (language,
//! nested outline, metadata) before it is compressed and written.
//!
//! Coordinates: the layout measures from the top-left corner, PDF from the bottom-left.

mod post;

use super::fonts::Face;
use super::layout::{Color, Layout, MM, PAGE_HEIGHT, PAGE_WIDTH, Shape, Target, TextRun};
use printpdf::{
    Actions, BorderArray, ColorArray, Destination, DictItem, FontId, HighlightingMode, Line,
    LineDashPattern, LinePoint, LinkAnnotation, Mm, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rect, Rgb, TextItem,
    TextMatrix, WindingOrder,
};
use std::collections::{BTreeMap, BTreeSet};

fn rgb(c: Color) -> printpdf::Color {
    printpdf::Color::Rgb(Rgb {
        r: f32::from(c.r) / 255.0,
        g: f32::from(c.g) / 255.0,
        b: f32::from(c.b) / 255.0,
        icc_profile: None,
    })
}

fn pt(x: f32, y_from_top: f32) -> Point {
    Point {
        x: Pt(x),
        y: Pt(PAGE_HEIGHT - y_from_top),
    }
}

/// A PDF text string: UTF-16BE with a byte order mark (for /ActualText).
pub(crate) fn utf16_text(s: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out
}

/// Text state of the open BT … ET section, to skip repeated Tf and colour operators.
#[derive(Default)]
struct TextState {
    open: bool,
    font: Option<(Face, u32)>,
    color: Option<Color>,
}

fn close_text(ops: &mut Vec<Op>, st: &mut TextState) {
    if st.open {
        ops.push(Op::EndTextSection);
        *st = TextState::default();
    }
}

fn text_ops(ops: &mut Vec<Op>, st: &mut TextState, run: &TextRun, fonts: &BTreeMap<Face, FontId>) {
    if run.text.is_empty() {
        return;
    }
    let Some(font) = fonts.get(&run.face) else {
        return;
    };
    if let Some(actual) = &run.actual {
        // The replacement box extracts as what the user typed.
        let mut map = BTreeMap::new();
        map.insert(
            "ActualText".to_string(),
            DictItem::String {
                data: utf16_text(actual),
                literal: false,
            },
        );
        close_text(ops, st);
        ops.push(Op::BeginMarkedContentWithProperties {
            tag: "Span".into(),
            properties: DictItem::Dict { map },
        });
    }
    if !st.open {
        ops.push(Op::StartTextSection);
        st.open = true;
    }
    let size_key = (run.size * 100.0).round() as u32;
    if st.font != Some((run.face, size_key)) {
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(font.clone()),
            size: Pt(run.size),
        });
        st.font = Some((run.face, size_key));
    }
    if st.color != Some(run.color) {
        ops.push(Op::SetFillColor {
            col: rgb(run.color),
        });
        st.color = Some(run.color);
    }
    let (x, y) = (run.x, PAGE_HEIGHT - run.y);
    let matrix = if run.angle == 0.0 {
        TextMatrix::Raw([1.0, 0.0, 0.0, 1.0, x, y])
    } else {
        let (s, c) = run.angle.to_radians().sin_cos();
        TextMatrix::Raw([c, s, -s, c, x, y])
    };
    ops.push(Op::SetTextMatrix { matrix });
    ops.push(Op::ShowText {
        items: vec![TextItem::Text(run.text.clone())],
    });
    if run.actual.is_some() {
        close_text(ops, st);
        ops.push(Op::EndMarkedContent);
    }
}

fn shape_ops(ops: &mut Vec<Op>, shape: &Shape) {
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
            ops.push(Op::SaveGraphicsState);
            ops.push(Op::SetOutlineColor { col: rgb(*color) });
            ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
            if *dotted {
                ops.push(Op::SetLineCapStyle {
                    cap: printpdf::LineCapStyle::Round,
                });
                ops.push(Op::SetLineDashPattern {
                    dash: LineDashPattern::new(0.0, &[0.0, 3.0]),
                });
            }
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: pt(*x1, *y1),
                            bezier: false,
                        },
                        LinePoint {
                            p: pt(*x2, *y2),
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            });
            ops.push(Op::RestoreGraphicsState);
        }
        Shape::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        } => {
            let mode = match (fill, stroke) {
                (Some(_), Some(_)) => PaintMode::FillStroke,
                (Some(_), None) => PaintMode::Fill,
                (None, Some(_)) => PaintMode::Stroke,
                (None, None) => return,
            };
            ops.push(Op::SaveGraphicsState);
            if let Some(f) = fill {
                ops.push(Op::SetFillColor { col: rgb(*f) });
            }
            if let Some((c, width)) = stroke {
                ops.push(Op::SetOutlineColor { col: rgb(*c) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
            }
            let corners = [(*x, *y), (x + w, *y), (x + w, y + h), (*x, y + h)];
            ops.push(Op::DrawPolygon {
                polygon: Polygon {
                    rings: vec![PolygonRing {
                        points: corners
                            .iter()
                            .map(|&(px, py)| LinePoint {
                                p: pt(px, py),
                                bezier: false,
                            })
                            .collect(),
                    }],
                    mode,
                    winding_order: WindingOrder::NonZero,
                },
            });
            ops.push(Op::RestoreGraphicsState);
        }
        Shape::Link { x, y, w, h, target } => {
            let rect = Rect::from_xywh(Pt(*x), Pt(PAGE_HEIGHT - y - h), Pt(*w), Pt(*h));
            let actions = match target {
                Target::Page { page, y } => Actions::Goto(Destination::Xyz {
                    page: *page,
                    left: None,
                    top: Some(PAGE_HEIGHT - y + 4.0),
                    zoom: None,
                }),
                Target::Uri(uri) => Actions::Uri(uri.clone()),
            };
            ops.push(Op::LinkAnnotation {
                link: LinkAnnotation::new(
                    rect,
                    actions,
                    Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                    Some(ColorArray::Transparent),
                    Some(HighlightingMode::Invert),
                ),
            });
        }
        Shape::Text(_) => {}
    }
}

/// Compresses every stream that is not yet compressed. lopdf's own `compress` uses zlib's best
/// level, which took 1.1 s of a 2.9 s export of the demo plan; the fast level on both cores
/// takes a tenth of that for a file about 15 % larger.
fn compress(doc: &mut lopdf::Document) {
    use flate2::{Compression, write::ZlibEncoder};
    use std::io::Write;
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            lopdf::Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => {
                Some(s)
            }
            _ => None,
        })
        .collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    let chunk = streams.len().div_ceil(workers).max(1);
    std::thread::scope(|scope| {
        for part in streams.chunks_mut(chunk) {
            scope.spawn(move || {
                for s in part.iter_mut() {
                    let mut enc = ZlibEncoder::new(Vec::new(), Compression::fast());
                    if enc.write_all(&s.content).is_err() {
                        continue;
                    }
                    if let Ok(packed) = enc.finish()
                        && packed.len() + 19 < s.content.len()
                    {
                        s.dict
                            .set("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()));
                        s.set_content(packed);
                    }
                }
            });
        }
    });
}

/// Renders a layout as PDF bytes; `created` is the creation date (seconds since 1970, UTC).
/// The layout is consumed: its pages are dropped as soon as they are operators, and printpdf's
/// document as soon as it is lopdf's, to keep the peak memory down on a 1,000-page plan.
pub fn render(mut layout: Layout, created: i64) -> Result<Vec<u8>, String> {
    let mut doc = PdfDocument::new(&layout.meta.title);
    // Embed only the faces the text uses.
    let used: BTreeSet<Face> = layout
        .pages
        .iter()
        .flat_map(|p| p.items.iter())
        .filter_map(|i| match &i.shape {
            Shape::Text(r) if !r.text.is_empty() => Some(r.face),
            _ => None,
        })
        .collect();
    let mut fonts = BTreeMap::new();
    for face in used {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(face.bytes(), 0, &mut warnings)
            .ok_or_else(|| format!("skrifttypen {} kunne ikke læses", face.name()))?;
        fonts.insert(face, doc.add_font(&parsed));
    }
    let pages = std::mem::take(&mut layout.pages)
        .into_iter()
        .map(|page| {
            let mut ops = Vec::with_capacity(page.items.len() * 4);
            let mut st = TextState::default();
            for item in &page.items {
                match &item.shape {
                    Shape::Text(run) => text_ops(&mut ops, &mut st, run, &fonts),
                    other => {
                        if !matches!(other, Shape::Link { .. }) {
                            close_text(&mut ops, &mut st);
                        }
                        shape_ops(&mut ops, other);
                    }
                }
            }
            close_text(&mut ops, &mut st);
            PdfPage::new(Mm(PAGE_WIDTH / MM), Mm(PAGE_HEIGHT / MM), ops)
        })
        .collect();
    doc.with_pages(pages);
    let mut warnings = Vec::new();
    let opts = PdfSaveOptions {
        optimize: false,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    drop(doc);
    post::finish(&mut lo, &layout, created)?;
    compress(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| format!("PDF'en kunne ikke skrives: {e}"))?;
    Ok(bytes)
}
