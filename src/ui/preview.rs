//! Udskrift: the pages of the PDF, drawn inside the editor from the very layout that
//! "Eksportér PDF…" writes (`report::layout`), so the user sees the byråd's pages before
//! exporting them. The choices made here (status summary, review of the previous plan) are
//! the ones the export uses.
//!
//! Only the pages in view are drawn, so a plan of a thousand pages scrolls as easily as one of
//! ten. Each page drawn is also an accessibility node ("Side 3 af 18") whose value is the
//! page's text, for screen readers (and the editor tests).

use super::action::Action;
use super::commands::UiCommand;
use super::theme;
use crate::model::{Plan, PlanBundle, PlanId};
use crate::report::fonts::Face;
use crate::report::layout::{self, Color, Layout, PAGE_HEIGHT, PAGE_WIDTH, Shape, Target};
use crate::report::{Options, Warning};
use crate::transfer::TransferError;
use egui::epaint::text::{FontInsert, InsertFontFamily};
use egui::{Color32, FontFamily, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, vec2};
use std::sync::Arc;

/// The zoom steps, as a fraction of the paper's size on a 96-dpi screen (1.0 = 100 %).
const ZOOMS: [f32; 8] = [0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0];
/// 100 %.
const DEFAULT_ZOOM: usize = 3;
/// Space around each page, in screen points.
const GAP: f32 = 16.0;

/// The egui font family that draws a face of the PDF (each family holds that one font: the
/// layout has already chosen the face of every run, the fallback font included).
fn family(face: Face) -> FontFamily {
    FontFamily::Name(Arc::from(face.name()))
}

/// Makes the PDF's fonts known to egui. Called at the start of every frame: egui adds each
/// font once, before any text of the frame is laid out.
pub fn install_fonts(ctx: &egui::Context) {
    for face in [Face::Regular, Face::Bold, Face::Italic, Face::Fallback] {
        ctx.add_font(FontInsert::new(
            face.name(),
            egui::FontData::from_static(face.bytes()),
            vec![InsertFontFamily {
                family: family(face),
                priority: egui::epaint::text::FontPriority::Highest,
            }],
        ));
    }
}

/// Why there are no pages to show; `Display` is the Danish sentence.
#[derive(Debug, thiserror::Error)]
enum PreviewError {
    /// The plan could not be read.
    #[error(transparent)]
    Load(TransferError),
    /// The plan could not be laid out.
    #[error(transparent)]
    Layout(crate::report::ReportError),
}

/// A layout made for one state of the plan with one set of options.
struct LaidOut {
    /// The plan, the editor's generation of what it loaded, and the options.
    key: (PlanId, u64, Options),
    /// The pages, or why there are none.
    result: Result<Layout, PreviewError>,
}

/// The print preview's state: options, zoom, and the layout last made.
pub struct Preview {
    options: Options,
    zoom: usize,
    made: Option<LaidOut>,
    /// A page (1-based) and a y on it to scroll to (a click in the contents).
    jump: Option<(usize, f32)>,
    /// The page in the middle of the view, for "Side 3 af 18".
    current: usize,
}

impl Default for Preview {
    fn default() -> Self {
        Preview {
            options: Options::default(),
            zoom: DEFAULT_ZOOM,
            made: None,
            jump: None,
            current: 1,
        }
    }
}

impl Preview {
    /// What the PDF should hold: the choices made in the preview (the export uses them too).
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The number of pages of the layout last made, if it could be made.
    pub fn pages(&self) -> Option<usize> {
        self.made
            .as_ref()
            .and_then(|m| m.result.as_ref().ok())
            .map(|l| l.pages.len())
    }

    /// Draws the options bar and the pages of `plan`. `generation` changes whenever the
    /// editor reloads the plan; `load` reads the plan with the plans it reviews and their
    /// people, as the export does.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        out: &mut Vec<Action>,
        plan: &Plan,
        generation: u64,
        load: impl FnOnce() -> Result<PlanBundle, TransferError>,
    ) {
        let key = (plan.id, generation, self.options.clone());
        if self.made.as_ref().is_none_or(|m| m.key != key) {
            let result = load().map_err(PreviewError::Load).and_then(|doc| {
                layout::layout(&doc, plan.id, &key.2).map_err(PreviewError::Layout)
            });
            self.made = Some(LaidOut { key, result });
        }

        ui.horizontal_wrapped(|ui| {
            ui.checkbox(
                &mut self.options.summary,
                "Statusoversigt (tabel og diagram)",
            )
            .on_hover_text("Et kapitel med målenes status pr. indsatsområde");
            let has_previous = plan.previous.is_some();
            ui.add_enabled(
                has_previous,
                egui::Checkbox::new(&mut self.options.review, "Opfølgning på forrige plan"),
            )
            .on_disabled_hover_text("Planen følger ikke op på en tidligere plan");
            ui.separator();
            if ui
                .add_enabled(self.zoom > 0, egui::Button::new("−"))
                .on_hover_text("Formindsk")
                .clicked()
            {
                self.zoom -= 1;
            }
            ui.label(format!("{:.0} %", ZOOMS[self.zoom] * 100.0));
            if ui
                .add_enabled(self.zoom + 1 < ZOOMS.len(), egui::Button::new("+"))
                .on_hover_text("Forstør")
                .clicked()
            {
                self.zoom += 1;
            }
            ui.separator();
            if let Some(n) = self.pages() {
                ui.label(format!("Side {} af {n}", self.current.min(n)));
            }
            ui.separator();
            if ui.button(UiCommand::ExportPdf.label()).clicked() {
                out.push(Action::Run(UiCommand::ExportPdf));
            }
        });

        let Some(made) = &self.made else { return };
        let layout = match &made.result {
            Ok(layout) => layout,
            Err(e) => {
                ui.colored_label(theme::ERROR_TEXT, format!("Siderne kunne ikke vises: {e}"));
                return;
            }
        };
        for (ch, context) in &layout.missing {
            let warning = Warning::MissingGlyph {
                ch: *ch,
                context: context.clone(),
            };
            ui.colored_label(theme::HINT_TEXT, warning.to_string());
        }
        ui.add_space(4.0);

        let scale = ZOOMS[self.zoom];
        let (page_w, page_h) = (PAGE_WIDTH * scale, PAGE_HEIGHT * scale);
        let stride = page_h + GAP;
        let n = layout.pages.len();
        let mut area = egui::ScrollArea::both()
            .id_salt("udskrift")
            .auto_shrink([false, false]);
        if let Some((page, y)) = self.jump.take() {
            let offset = (page.saturating_sub(1)) as f32 * stride + (y * scale - 24.0).max(0.0);
            area = area.vertical_scroll_offset(offset);
        }
        let mut jump = None;
        let mut current = self.current;
        area.show_viewport(ui, |ui, viewport| {
            let width = ui.available_width().max(page_w + 2.0 * GAP);
            ui.set_min_size(vec2(width, n as f32 * stride + GAP));
            let origin = ui.min_rect().min;
            let left = ((width - page_w) / 2.0).max(GAP);
            current = ((viewport.center().y / stride).floor() as usize + 1).clamp(1, n.max(1));
            let first = (viewport.min.y / stride).floor().max(0.0) as usize;
            let last = ((viewport.max.y / stride).ceil().max(0.0) as usize).min(n);
            for i in first..last {
                let top_left = origin + vec2(left, GAP + i as f32 * stride);
                let page = Rect::from_min_size(top_left, vec2(page_w, page_h));
                let painter = ui.painter_at(page.expand(4.0));
                painter.rect_filled(page.translate(vec2(2.0, 3.0)), 0.0, Color32::from_gray(170));
                painter.rect_filled(page, 0.0, Color32::WHITE);
                let response = ui.interact(page, ui.scope_id().with(("side", i)), Sense::hover());
                let label = format!("Side {} af {n}", i + 1);
                // Made only when accessibility is asked for (a screen reader, the tests).
                response.widget_info(|| {
                    let mut info = egui::WidgetInfo::labeled(egui::Role::Document, true, &label);
                    info.current_text_value = Some(page_text(&layout.pages[i]));
                    info
                });
                if let Some(target) = draw_page(ui, &painter, &layout.pages[i], top_left, scale, i)
                {
                    jump = Some(target);
                }
            }
        });
        self.current = current;
        match jump {
            Some(Target::Page { page, y }) => {
                // Scrolled to in the next frame, which must come without waiting for input.
                self.jump = Some((page, y));
                ui.ctx().request_repaint();
            }
            Some(Target::Uri(uri)) => ui.ctx().open_url(egui::OpenUrl::new_tab(uri)),
            None => {}
        }
    }
}

/// The page's text in reading order, one line per baseline.
fn page_text(page: &layout::Page) -> String {
    let mut text = String::new();
    let mut baseline: Option<f32> = None;
    for item in &page.items {
        let Shape::Text(run) = &item.shape else {
            continue;
        };
        if let Some(y) = baseline
            && (run.y - y).abs() > 0.5
        {
            text.push('\n');
        }
        baseline = Some(run.y);
        // What was typed, also where the page shows □ for a character no font has.
        text.push_str(run.actual.as_deref().unwrap_or(&run.text));
        if run.space_after {
            text.push(' ');
        }
    }
    text
}

fn color(c: Color) -> Color32 {
    Color32::from_rgb(c.r, c.g, c.b)
}

/// Draws one page with its top-left corner at `origin`, `scale` screen points per PDF point;
/// returns where a link the user clicked goes.
fn draw_page(
    ui: &egui::Ui,
    painter: &egui::Painter,
    page: &layout::Page,
    origin: Pos2,
    scale: f32,
    index: usize,
) -> Option<Target> {
    let at = |x: f32, y: f32| origin + vec2(x * scale, y * scale);
    let mut clicked = None;
    for (n, item) in page.items.iter().enumerate() {
        match &item.shape {
            Shape::Text(run) => {
                let font = FontId::new(run.size * scale, family(run.face));
                let galley = painter.layout_no_wrap(run.text.clone(), font, color(run.color));
                // egui places a galley by its top-left corner; the layout gives the baseline.
                let ascent = galley
                    .rows
                    .first()
                    .and_then(|r| r.row.glyphs.first().map(|g| r.pos.y + g.pos.y))
                    .unwrap_or(run.size * scale * 0.75);
                let base = at(run.x, run.y);
                if run.angle == 0.0 {
                    painter.galley(base - vec2(0.0, ascent), galley, color(run.color));
                } else {
                    // Counter-clockwise on the page; the top-left corner is `ascent` above
                    // the baseline's start, along the turned vertical.
                    let (s, c) = run.angle.to_radians().sin_cos();
                    let top_left = base + vec2(-s, -c) * ascent;
                    painter.add(
                        egui::epaint::TextShape::new(top_left, galley, color(run.color))
                            .with_angle(-run.angle.to_radians()),
                    );
                }
            }
            Shape::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                color: c,
                dotted,
            } => {
                let points = [at(*x1, *y1), at(*x2, *y2)];
                if *dotted {
                    let radius = (width * scale / 2.0).max(0.4);
                    painter.extend(egui::Shape::dotted_line(
                        &points,
                        color(*c),
                        2.5 * scale,
                        radius,
                    ));
                } else {
                    painter.line_segment(points, Stroke::new(width * scale, color(*c)));
                }
            }
            Shape::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                let rect = Rect::from_min_size(at(*x, *y), vec2(w * scale, h * scale));
                let stroke = stroke.map_or(Stroke::NONE, |(c, w)| Stroke::new(w * scale, color(c)));
                painter.rect(
                    rect,
                    0.0,
                    fill.map_or(Color32::TRANSPARENT, color),
                    stroke,
                    StrokeKind::Middle,
                );
            }
            Shape::Link { x, y, w, h, target } => {
                let rect = Rect::from_min_size(at(*x, *y), vec2(w * scale, h * scale));
                let response =
                    ui.interact(rect, ui.scope_id().with(("link", index, n)), Sense::click());
                let label = match target {
                    Target::Page { page, .. } => format!("Gå til side {page}"),
                    Target::Uri(uri) => uri.clone(),
                };
                response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Link, true, &label));
                let response = response.on_hover_text(label);
                if response.clicked() {
                    clicked = Some(target.clone());
                }
                if response.hovered() {
                    ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
                }
            }
        }
    }
    clicked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_zoom_steps_grow_and_start_at_paper_size() {
        assert_eq!(ZOOMS[DEFAULT_ZOOM], 1.0);
        assert!(ZOOMS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn page_text_keeps_lines_and_spaces() {
        let run = |x: f32, y: f32, text: &str, space_after| layout::Item {
            shape: Shape::Text(layout::TextRun {
                x,
                y,
                size: 11.0,
                face: Face::Regular,
                color: Color::BLACK,
                text: text.into(),
                width: 20.0,
                actual: None,
                angle: 0.0,
                space_after,
            }),
            mark: layout::Mark::Artifact(layout::Artifact::Decoration),
        };
        let page = layout::Page {
            items: vec![
                run(10.0, 100.0, "Mål", true),
                run(40.0, 100.0, "nr. 1", false),
                run(10.0, 114.0, "Frist", false),
            ],
        };
        assert_eq!(page_text(&page), "Mål nr. 1\nFrist");
    }
}
