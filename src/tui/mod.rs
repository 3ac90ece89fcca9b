//! The terminal front end, Elm style: `model` (state), `action` (intents), `keymap` (keys to
//! intents), `update` (state changes and effects), `view` (pure drawing), `app` (the loop).

pub mod action;
pub mod app;
pub mod keymap;
pub mod layer;
pub mod model;
pub mod terminal;
pub mod unlock;
pub mod update;
pub mod view;
pub mod widget;

pub mod consensus;

use crate::context::Context;

/// Opens the terminal app (called by `main` when no subcommand is given).
pub fn run(ctx: &Context) -> anyhow::Result<i32> {
    app::run(ctx)
}
