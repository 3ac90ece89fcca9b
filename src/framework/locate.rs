//! Finds the line of a JSON path in the source text, so errors found after parsing (sums, bands,
//! duplicates) still point at a line. serde keeps no spans, so this walks the text itself: one
//! pass along the path, skipping siblings without recursion, so no input can exhaust the stack.

use super::error::{JsonPath, Segment};

/// 1-based line where the value at `path` starts, or `None` when the path is not in the text.
pub fn line_of(src: &str, path: &JsonPath) -> Option<usize> {
    let mut s = Scanner {
        src,
        b: src.as_bytes(),
        pos: 0,
    };
    s.ws();
    for seg in path.segments() {
        match seg {
            Segment::Key(k) => s.enter_key(k)?,
            Segment::Index(i) => s.enter_index(*i)?,
        }
        s.ws();
    }
    Some(line_at(src.as_bytes(), s.pos))
}

/// 1-based line of a byte offset.
pub fn line_at(bytes: &[u8], offset: usize) -> usize {
    let end = offset.min(bytes.len());
    bytes.iter().take(end).filter(|&&b| b == b'\n').count() + 1
}

struct Scanner<'a> {
    src: &'a str,
    b: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        self.ws();
        (self.peek()? == c).then(|| self.pos += 1)
    }

    /// At an opening quote: moves past the closing quote.
    fn skip_string(&mut self) -> Option<()> {
        self.pos += 1;
        loop {
            match self.peek()? {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    return Some(());
                }
                _ => self.pos += 1,
            }
        }
    }

    fn skip_value(&mut self) -> Option<()> {
        self.ws();
        match self.peek()? {
            b'"' => self.skip_string(),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.skip_string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.pos += 1;
                                return Some(());
                            }
                        }
                        _ => {}
                    }
                    self.pos += 1;
                }
            }
            _ => {
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    self.pos += 1;
                }
                Some(())
            }
        }
    }

    fn enter_key(&mut self, key: &str) -> Option<()> {
        self.expect(b'{')?;
        loop {
            self.ws();
            if self.peek()? != b'"' {
                return None;
            }
            let start = self.pos;
            self.skip_string()?;
            let raw = self.src.get(start..self.pos)?;
            let name: String = serde_json::from_str(raw).ok()?;
            self.expect(b':')?;
            self.ws();
            if name == key {
                return Some(());
            }
            self.skip_value()?;
            self.expect(b',')?;
        }
    }

    fn enter_index(&mut self, index: usize) -> Option<()> {
        self.expect(b'[')?;
        for _ in 0..index {
            self.ws();
            if self.peek()? == b']' {
                return None;
            }
            self.skip_value()?;
            self.expect(b',')?;
        }
        self.ws();
        (self.peek()? != b']').then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "{\n  \"a\": 1,\n  \"s\": \"x\\\"}]\",\n  \"list\": [\n    {\"k\": 2},\n    {\n      \"k\": [1, 2]\n    }\n  ]\n}\n";

    #[test]
    fn finds_lines_of_nested_values() {
        let root = JsonPath::root();
        assert_eq!(line_of(SRC, &root), Some(1));
        assert_eq!(line_of(SRC, &root.key("a")), Some(2));
        assert_eq!(line_of(SRC, &root.key("list").index(0).key("k")), Some(5));
        assert_eq!(line_of(SRC, &root.key("list").index(1).key("k")), Some(7));
        assert_eq!(
            line_of(SRC, &root.key("list").index(1).key("k").index(1)),
            Some(7)
        );
    }

    #[test]
    fn missing_paths_give_none() {
        let root = JsonPath::root();
        assert_eq!(line_of(SRC, &root.key("nope")), None);
        assert_eq!(line_of(SRC, &root.key("list").index(2)), None);
        assert_eq!(line_of(SRC, &root.key("a").key("b")), None);
        assert_eq!(line_of("[[[[", &root.index(0).index(0).index(3)), None);
    }
}
