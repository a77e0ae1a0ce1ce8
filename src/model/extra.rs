//! [`Extra`]: the JSON `"extra"` object any part of a plan may carry, kept verbatim.

/// The raw JSON text of an object's `"extra"` member, kept verbatim so that export gives it
/// back. `None` when the object had none. Only `json` looks inside.
pub type Extra = Option<String>;
