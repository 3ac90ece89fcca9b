//! The score gauge: an ASCII bar of the percent with the band edges marked.

use crate::framework::{Band, Percent};

/// `[#########|.....|....]` — `width` cells in all, `#` up to the percent, `|` at band edges.
pub fn gauge(percent: Option<Percent>, bands: &[Band], width: usize) -> String {
    if width < 3 {
        return String::new();
    }
    let inner = width - 2;
    let filled = percent.map_or(0, |p| usize::from(p.value()) * inner / 100);
    let edges: Vec<usize> = bands
        .iter()
        .skip(1)
        .map(|b| usize::from(b.min) * inner / 100)
        .collect();
    let mut s = String::with_capacity(width);
    s.push('[');
    for i in 0..inner {
        s.push(if i < filled {
            '#'
        } else if edges.contains(&i) {
            '|'
        } else {
            '.'
        });
    }
    s.push(']');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Text;

    #[test]
    fn half_fills_half() {
        let band = |min, max| Band {
            min,
            max,
            process: Text::default(),
            results: Text::default(),
        };
        let g = gauge(
            Some(Percent::new(50, 5).unwrap()),
            &[band(0, 45), band(50, 100)],
            12,
        );
        assert_eq!(g, "[#####|....]");
        assert_eq!(g.len(), 12);
        assert_eq!(
            gauge(None, &[band(0, 45), band(50, 100)], 12),
            "[.....|....]"
        );
        assert_eq!(gauge(None, &[], 2), "");
    }
}
