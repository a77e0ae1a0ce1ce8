//! virkplan: write, follow up and print a Danish municipal virksomhedsplan.
//!
//! Data flows one way: file → [`store`] → [`model`] → UI / report; edits flow back as
//! [`model::Command`]s through [`document::Document::apply`]. See ARCHITECTURE.md.
#![warn(missing_docs)]

pub mod allocator;
pub mod changes;
pub mod cli;
pub mod comparison;
pub mod console;
pub mod demo;
pub mod document;
pub mod files;
pub mod followup;
pub mod json;
pub mod model;
pub mod recent;
pub mod report;
pub mod rounds;
pub mod store;
pub mod terminal;
pub mod transfer;
pub mod ui;
pub mod units;
pub mod versions;
