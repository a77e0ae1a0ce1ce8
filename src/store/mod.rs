//! The plan file: the only module that speaks SQL.
//!
//! Owns opening a `.sqlite` file safely (whoever made it), the schema and its migrations, the
//! queries that turn rows into [`crate::model`] values, and the writes that apply a
//! [`Command`](crate::model::Command) in one transaction and return its inverse (the undo
//! step). It must not know about JSON, egui or printpdf, and keeps no state beyond the open
//! connection.

mod chunks;
mod connection;
mod error;
mod handle;
mod network;
mod open;
mod read;
mod read_rounds;
mod read_versions;
pub mod schema;
mod write;

pub use error::{Result, StoreError, describe_damage};
pub use handle::{ReadOnlyReason, Store};
pub use network::is_network_path;
pub use open::OpenOptions;
