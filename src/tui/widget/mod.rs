//! Reusable pieces: wrapping, the entry list, the text field, the band picker, the score gauge.

pub mod bands;
pub mod editor;
pub mod field_layout;
pub mod gauge;
pub mod list;
pub mod wrap;
