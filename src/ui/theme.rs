//! The editor's colours, in one place: status colours and the read-only banner.

use crate::model::Status;
use egui::Color32;

/// The colour of a goal status: the printed plan's own ([`crate::report::layout::Color::of_status`]),
/// so the board, the dots and the PDF agree.
pub fn status_colour(status: Option<Status>) -> Color32 {
    let c = crate::report::layout::Color::of_status(status);
    Color32::from_rgb(c.r, c.g, c.b)
}

/// Background of the read-only banner.
pub const BANNER_FILL: Color32 = Color32::from_rgb(0xff, 0xf3, 0xcd);

/// Text of the read-only banner.
pub const BANNER_TEXT: Color32 = Color32::from_rgb(0x66, 0x4d, 0x03);

/// Text of an error (status bar, invalid input).
pub const ERROR_TEXT: Color32 = Color32::from_rgb(0xb0, 0x00, 0x20);

/// Text of the "Gemt" status.
pub const SAVED_TEXT: Color32 = Color32::from_rgb(0x2e, 0x6b, 0x30);

/// Text of a gentle hint (dark amber: contrast above 4.5:1 on the light background).
pub const HINT_TEXT: Color32 = Color32::from_rgb(0x7a, 0x4f, 0x00);

/// Background of the "godkendt og låst" notice.
pub const LOCK_FILL: Color32 = Color32::from_rgb(0xe3, 0xf0, 0xfb);

/// The plot area of an indicator's chart.
pub const CHART_BACKGROUND: Color32 = Color32::from_rgb(0xfa, 0xfb, 0xfc);

/// Axes, their labels and the straight line from baseline to target (grey, 7:1 on white).
pub const CHART_AXIS: Color32 = Color32::from_rgb(0x55, 0x5b, 0x63);

/// The year lines behind the chart.
pub const CHART_GRID: Color32 = Color32::from_rgb(0xe1, 0xe4, 0xe8);

/// The measurements (dark blue, readable in grey as the darkest line).
pub const CHART_LINE: Color32 = Color32::from_rgb(0x1f, 0x4e, 0x96);

/// The target (dark green, dashed: told apart from the readings without colour too).
pub const CHART_TARGET: Color32 = Color32::from_rgb(0x2e, 0x6b, 0x30);

/// Words a change removed (struck through, dark red: contrast above 4.5:1 on white).
pub const REMOVED_TEXT: Color32 = Color32::from_rgb(0xa3, 0x1b, 0x1b);

/// Words a change added (underlined, dark green on light green).
pub const ADDED_TEXT: Color32 = Color32::from_rgb(0x1b, 0x5e, 0x20);

/// Behind words a change added.
pub const ADDED_FILL: Color32 = Color32::from_rgb(0xe3, 0xf4, 0xe4);
