//! The `virkplan` binary: parse the command line, then run a subcommand or start the editor.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;
use virkplan::cli::{self, Invocation};

fn main() -> ExitCode {
    virkplan::allocator::use_one_arena_per_core();
    match cli::parse(std::env::args_os().skip(1)) {
        Ok(Invocation::Gui(file)) => virkplan::ui::run(file),
        // A subcommand prints: on Windows it needs the console it was typed in.
        Err(e) => {
            virkplan::console::attach_to_parent();
            cli::usage_error(&e)
        }
        Ok(invocation) => {
            virkplan::console::attach_to_parent();
            cli::run(&invocation)
        }
    }
}
