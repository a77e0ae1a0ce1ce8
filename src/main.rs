//! The `virkplan` binary: parse the command line, then run a subcommand or start the editor.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;
use virkplan::cli::{self, Invocation};

fn main() -> ExitCode {
    match cli::parse(std::env::args_os().skip(1)) {
        Err(e) => cli::usage_error(&e),
        Ok(Invocation::Gui(file)) => virkplan::ui::run(file),
        Ok(invocation) => cli::run(&invocation),
    }
}
