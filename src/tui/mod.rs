//! The terminal front end, Elm style: `model` (state), `action` (intents), `keymap` (keys to
//! intents), `update` (state changes and effects), `view` (pure drawing), `app` (the loop).

pub mod action;
pub mod keymap;
pub mod model;
pub mod text;
pub mod update;
pub mod view;
pub mod widget;

use crate::cli::Context;

pub fn run(_ctx: &Context) -> anyhow::Result<i32> {
    anyhow::bail!("the terminal app is not built yet")
}
