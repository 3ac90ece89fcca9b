//! Reusable pieces: wrapping, the entry list, the text field, the criteria pane's layout (with
//! the band picker), the score gauge.

pub mod criteria;
pub mod editor;
pub mod field_layout;
pub mod gauge;
pub mod line;
pub mod list;
pub mod wrap;
