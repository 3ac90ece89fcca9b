//! Edits on an ordered list (comments, site issues, key factors) with range-checked indexes.

use super::error::ReviewError;

/// Which way to move an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
}

pub(crate) fn check(what: &'static str, index: usize, len: usize) -> Result<(), ReviewError> {
    if index < len {
        Ok(())
    } else {
        Err(ReviewError::NoSuchEntry { what, index, len })
    }
}

pub(crate) fn get_mut<'a, T>(
    v: &'a mut [T],
    what: &'static str,
    index: usize,
) -> Result<&'a mut T, ReviewError> {
    check(what, index, v.len())?;
    Ok(&mut v[index])
}

pub(crate) fn remove<T>(
    v: &mut Vec<T>,
    what: &'static str,
    index: usize,
) -> Result<T, ReviewError> {
    check(what, index, v.len())?;
    Ok(v.remove(index))
}

/// Moves an entry one place; at either end it stays. Returns its new index.
pub(crate) fn shift<T>(
    v: &mut [T],
    what: &'static str,
    index: usize,
    dir: Move,
) -> Result<usize, ReviewError> {
    check(what, index, v.len())?;
    let to = match dir {
        Move::Up => index.saturating_sub(1),
        Move::Down => (index + 1).min(v.len() - 1),
    };
    v.swap(index, to);
    Ok(to)
}
