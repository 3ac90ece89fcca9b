//! Plain text tables for the command line, aligned in terminal cells so Chinese lines up.

use unicode_width::UnicodeWidthStr;

use crate::display::shown;

/// Renders rows as lines with columns separated by two spaces; the last column is not padded.
pub fn render(rows: &[Vec<String>], indent: &str) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| shown(s).width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::from(indent);
        for (c, cell) in row.iter().map(|c| shown(c)).enumerate() {
            line.push_str(&cell);
            if c + 1 < row.len() {
                line.push_str(&" ".repeat(widths[c].saturating_sub(cell.width()) + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_by_terminal_cells() {
        let rows = vec![
            vec!["领导".to_string(), "110".to_string()],
            vec!["4.1".to_string(), "5".to_string()],
        ];
        assert_eq!(render(&rows, ""), "领导  110\n4.1   5\n");
    }

    #[test]
    fn cells_from_files_cannot_drive_the_terminal() {
        let rows = vec![
            vec![
                "组员".to_string(),
                "张三\u{1b}[2K".to_string(),
                "c88f".to_string(),
            ],
            vec!["组长".to_string(), "李四".to_string(), "0000".to_string()],
        ];
        assert_eq!(
            render(&rows, ""),
            "组员  张三\\u{1b}[2K  c88f\n组长  李四           0000\n"
        );
    }
}
