//! The house rules the compiler does not check, read from the source itself (docs/architecture.md
//! says why they hold): imports run down the layers, and words shown to people live in
//! `src/i18n/`. Test code (`#[cfg(test)]` items and the modules declared under them) is exempt
//! from both: a test may build its data from anywhere, and may say what it expects in Chinese.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, bottom first. A module imports from its own layer and those below, never above.
/// A module missing here fails the test: place it before it lands.
const LAYERS: &[&[&str]] = &[
    &["lang", "canonical", "clock", "context", "display", "ids"],
    &["framework"],
    &["program"],
    &["review"],
    &["workspace", "identity", "sheet"],
    &["round", "panel"],
    // The words and the use-cases: i18n words the typed results of report and service, and they
    // ask it for words; none of them is imported by the core.
    &["i18n", "report", "service"],
    &["cli", "tui", "testkit"],
];

/// The two front ends: each calls the layers below, never the other.
const FRONT_ENDS: [&str; 2] = ["cli", "tui"];

/// The one home of user-facing text.
const I18N_HOME: &str = "src/i18n/";

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// One source file of the library, lexed: comments and string contents blanked out of `code`
/// (so braces and paths inside them do not count), the literals kept apart.
struct Source {
    /// Relative to the package, with forward slashes: `src/panel/merge.rs`.
    path: String,
    /// The top-level module the file belongs to (`panel`), or `None` for lib.rs and main.rs.
    module: Option<String>,
    code: Vec<String>,
    /// The file's lines as written, for messages.
    lines: Vec<String>,
    /// (line index, content) of every string literal.
    strings: Vec<(usize, String)>,
    /// Lines inside `#[cfg(test)]` items.
    test_lines: Vec<bool>,
    /// Child modules declared under `#[cfg(test)]` (`mod tests;`), as file-path prefixes.
    test_children: Vec<String>,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// Every library source file that is not test code.
fn sources() -> Vec<Source> {
    let root = root();
    let mut paths = Vec::new();
    rust_files(&root.join("src"), &mut paths);
    let all: Vec<Source> = paths
        .iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&root)
                .expect("under the package")
                .to_string_lossy()
                .replace('\\', "/");
            let text = fs::read_to_string(p).unwrap_or_else(|e| panic!("{rel}: {e}"));
            lex(rel, &text)
        })
        .collect();
    let test_prefixes: Vec<String> = all
        .iter()
        .flat_map(|s| s.test_children.iter().cloned())
        .collect();
    all.into_iter()
        .filter(|s| {
            !test_prefixes
                .iter()
                .any(|p| s.path == format!("{p}.rs") || s.path.starts_with(&format!("{p}/")))
        })
        .collect()
}

fn lex(path: String, text: &str) -> Source {
    let chars: Vec<char> = text.chars().collect();
    let mut code = String::with_capacity(text.len());
    let mut strings = Vec::new();
    let mut line = 0;
    let mut i = 0;
    // Blanks a character of a comment or literal, keeping line breaks.
    let blank = |c: char, code: &mut String, line: &mut usize| {
        if c == '\n' {
            *line += 1;
            code.push('\n');
        } else {
            code.push(' ');
        }
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                code.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    code.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    code.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(chars[i], &mut code, &mut line);
                    i += 1;
                }
            }
        } else if let Some((hashes, open)) = string_start(&chars, i) {
            // a string literal: "…", r"…", r#"…"#, b"…", c"…"
            let raw = hashes.is_some();
            let start_line = line;
            for &c in &chars[i..open] {
                code.push(c);
            }
            code.push('"');
            i = open + 1;
            let mut content = String::new();
            while i < chars.len() {
                let c = chars[i];
                if !raw && c == '\\' {
                    content.push(c);
                    if let Some(&e) = chars.get(i + 1) {
                        content.push(e);
                        blank(c, &mut code, &mut line);
                        blank(e, &mut code, &mut line);
                    }
                    i += 2;
                    continue;
                }
                if c == '"' {
                    let n = hashes.unwrap_or(0);
                    if chars[i + 1..].iter().take(n).filter(|&&h| h == '#').count() == n {
                        code.push('"');
                        code.extend(std::iter::repeat_n('#', n));
                        i += 1 + n;
                        break;
                    }
                }
                content.push(c);
                blank(c, &mut code, &mut line);
                i += 1;
            }
            strings.push((start_line, content));
        } else if c == '\'' {
            // a char literal ('x', '\n', '"', '{') or a lifetime ('a)
            let end = if next == Some('\\') {
                chars[i + 2..]
                    .iter()
                    .position(|&c| c == '\'')
                    .map(|p| i + 2 + p)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(end) => {
                    code.push_str(&" ".repeat(end + 1 - i));
                    i = end + 1;
                }
                None => {
                    code.push(c);
                    i += 1;
                }
            }
        } else {
            if c == '\n' {
                line += 1;
            }
            code.push(c);
            i += 1;
        }
    }
    let code: Vec<String> = code.split('\n').map(str::to_string).collect();
    let (test_lines, children) = test_items(&code);
    let dir = module_dir(&path);
    let module = path
        .strip_prefix("src/")
        .and_then(|rest| rest.split(['/', '.']).next())
        .filter(|m| *m != "lib" && *m != "main")
        .map(str::to_string);
    Source {
        test_children: children.iter().map(|c| format!("{dir}{c}")).collect(),
        path,
        module,
        code,
        lines: text.lines().map(str::to_string).collect(),
        strings,
        test_lines,
    }
}

/// Where a string literal starting at `i` opens its quote: `(Some(hashes), quote)` for raw
/// strings, `(None, quote)` for the others.
fn string_start(chars: &[char], i: usize) -> Option<(Option<usize>, usize)> {
    let ident_before = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
    let mut j = i;
    if matches!(chars[j], 'b' | 'c') && !ident_before {
        j += 1;
    }
    if chars.get(j) == Some(&'r') && (j > i || !ident_before) {
        let mut k = j + 1;
        while chars.get(k) == Some(&'#') {
            k += 1;
        }
        if chars.get(k) == Some(&'"') {
            return Some((Some(k - j - 1), k));
        }
        return None;
    }
    if chars.get(j) == Some(&'"') && (j == i || !ident_before) {
        return Some((None, j));
    }
    None
}

/// The directory that holds a file's child modules: `src/a/` for src/a/mod.rs and src/a.rs.
fn module_dir(path: &str) -> String {
    let (dir, file) = path.rsplit_once('/').unwrap_or(("", path));
    let stem = file.trim_end_matches(".rs");
    if matches!(stem, "mod" | "lib" | "main") {
        format!("{dir}/")
    } else {
        format!("{dir}/{stem}/")
    }
}

/// The lines of `#[cfg(test)]` items, and the modules declared under it without a body.
fn test_items(code: &[String]) -> (Vec<bool>, Vec<String>) {
    let mut test = vec![false; code.len()];
    let mut children = Vec::new();
    let mut l = 0;
    while l < code.len() {
        if !code[l].trim_start().starts_with("#[cfg(test)]") {
            l += 1;
            continue;
        }
        test[l] = true;
        // the item: skip further attributes, then to its `;` or the end of its braces
        let mut m = l + 1;
        while m < code.len() && code[m].trim_start().starts_with("#[") {
            test[m] = true;
            m += 1;
        }
        let mut depth = 0i32;
        let mut opened = false;
        while m < code.len() {
            test[m] = true;
            let text = code[m].trim();
            if !opened
                && text.ends_with(';')
                && let Some(name) = text
                    .trim_end_matches(';')
                    .rsplit_once("mod ")
                    .map(|(_, n)| n.trim())
            {
                children.push(name.to_string());
                break;
            }
            for c in code[m].chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            if (opened && depth <= 0) || (!opened && text.ends_with(';')) {
                break;
            }
            m += 1;
        }
        l = m + 1;
    }
    (test, children)
}

/// The crate's top-level modules a line names through `crate::…` paths.
fn crate_paths(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut from = 0;
    while let Some(p) = line.get(from..).and_then(|rest| rest.find("crate::")) {
        let at = from + p;
        from = at + "crate::".len();
        let before = at.checked_sub(1).map(|b| bytes[b]);
        if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$') {
            continue;
        }
        let rest = line.get(from..).unwrap_or_default();
        if let Some(group) = rest.strip_prefix('{') {
            // use crate::{a::x, b}: the first name of each top-level entry
            let mut depth = 0;
            let mut entry_start = true;
            for (k, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => entry_start = true,
                    c if entry_start && (c.is_alphanumeric() || c == '_') => {
                        out.push(ident(group.get(k..).unwrap_or_default()));
                        entry_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

fn ident(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// (file:line, from, to) of every import of another top-level module outside test code.
fn imports(sources: &[Source]) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for s in sources {
        let Some(from) = &s.module else { continue };
        for (n, line) in s.code.iter().enumerate() {
            if s.test_lines[n] {
                continue;
            }
            for to in crate_paths(line) {
                if &to != from && to != "self" {
                    out.push((format!("{}:{}", s.path, n + 1), from.clone(), to));
                }
            }
        }
    }
    out
}

#[test]
fn imports_run_down_the_layers() {
    let sources = sources();
    let mut unplaced = String::new();
    for s in &sources {
        if let Some(m) = &s.module
            && layer(m).is_none()
        {
            writeln!(unplaced, "{}: module `{m}` has no layer in LAYERS", s.path).unwrap();
        }
    }
    assert!(unplaced.is_empty(), "\n{unplaced}");
    let mut upward = String::new();
    for (at, from, to) in imports(&sources) {
        let (Some(a), Some(b)) = (layer(&from), layer(&to)) else {
            writeln!(upward, "{at}: `{from}` imports `{to}`, which has no layer").unwrap();
            continue;
        };
        if b > a {
            writeln!(upward, "{at}: `{from}` imports `{to}`, a layer above it").unwrap();
        }
    }
    assert!(
        upward.is_empty(),
        "imports must run down the layers (docs/architecture.md):\n{upward}"
    );
}

#[test]
fn the_front_ends_do_not_import_each_other() {
    let mut crossing = String::new();
    for (at, from, to) in imports(&sources()) {
        if FRONT_ENDS.contains(&from.as_str()) && FRONT_ENDS.contains(&to.as_str()) {
            writeln!(crossing, "{at}: `{from}` imports `{to}`").unwrap();
        }
        if to == "testkit" && from != "testkit" {
            writeln!(
                crossing,
                "{at}: `{from}` uses the test kit outside its tests"
            )
            .unwrap();
        }
    }
    assert!(
        crossing.is_empty(),
        "cli and tui share code through the layers below (docs/architecture.md):\n{crossing}"
    );
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303f}'     // CJK punctuation: 、。「」
        | '\u{3400}'..='\u{4dbf}'   // extension A
        | '\u{4e00}'..='\u{9fff}'   // unified ideographs
        | '\u{f900}'..='\u{faff}'   // compatibility ideographs
        | '\u{ff00}'..='\u{ffef}' // full-width forms: （），：
    )
}

/// Chinese string literals and language switches outside the i18n home, one per line.
fn text_outside_i18n(sources: &[Source]) -> Vec<String> {
    let mut out = Vec::new();
    for s in sources {
        // The test kit is test data; `lang` is the language type and `Text::get`, the primitive
        // every data file's bilingual text goes through.
        if s.path.starts_with(I18N_HOME)
            || s.path.starts_with("src/testkit/")
            || s.path == "src/lang.rs"
        {
            continue;
        }
        for (n, content) in &s.strings {
            if !s.test_lines[*n] && content.chars().any(is_cjk) {
                let shown: String = content.chars().take(40).collect();
                out.push(format!("{}:{}: \"{shown}\"", s.path, n + 1));
            }
        }
        for (n, line) in s.code.iter().enumerate() {
            let squeezed: String = line.split_whitespace().collect::<Vec<_>>().join(" ");
            if !s.test_lines[n]
                && (squeezed.contains("match lang")
                    || squeezed.contains("Lang::Zh =>")
                    || squeezed.contains("Lang::Zh=>"))
            {
                let written = s.lines.get(n).map_or("", |l| l.trim());
                out.push(format!("{}:{}: {written}", s.path, n + 1));
            }
        }
    }
    out
}

#[test]
fn user_facing_text_lives_in_i18n() {
    let found = text_outside_i18n(&sources());
    assert!(
        found.is_empty(),
        "{} user-facing strings outside {I18N_HOME} (move them to an area file there):\n{}",
        found.len(),
        found.join("\n")
    );
}

/// Timings belong in `benches/`: a test that asserts a duration fails on a loaded machine and
/// proves nothing on an idle one. (A deadline that stops a hung child process is not a timing.)
#[test]
fn tests_do_not_time_themselves() {
    let root = root();
    let mut paths = Vec::new();
    rust_files(&root.join("tests"), &mut paths);
    rust_files(&root.join("src"), &mut paths);
    let mut found = String::new();
    for p in paths {
        let rel = p
            .strip_prefix(&root)
            .expect("under the package")
            .to_string_lossy()
            .replace('\\', "/");
        let text = fs::read_to_string(&p).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let whole_file_is_test = rel.starts_with("tests/") || rel.ends_with("/tests.rs");
        let s = lex(rel.clone(), &text);
        for (n, line) in s.code.iter().enumerate() {
            if (whole_file_is_test || s.test_lines[n]) && line.contains(".elapsed()") {
                writeln!(found, "{rel}:{}: {}", n + 1, s.lines[n].trim()).unwrap();
            }
        }
    }
    assert!(
        found.is_empty(),
        "move these timings into a benchmark:\n{found}"
    );
}

/// The checks themselves: a rule that cannot fail proves nothing.
#[test]
fn the_checks_see_what_they_look_for() {
    let s = lex(
        "src/review/x.rs".into(),
        r###"use crate::{panel::merge, lang::Lang};
// crate::tui in a comment
fn f(lang: Lang) -> &'static str {
    let _ = '"'; let _ = '{';
    let _ = r#"crate::cli "quoted""#;
    match lang {
        Lang::Zh => "评审专家",
        Lang::En => "reviewer",
    }
}
#[cfg(test)]
mod tests {
    use crate::report::x;
    const S: &str = "仅测试";
}
#[cfg(test)]
mod fixture;
const AFTER: &str = "之后";
"###,
    );
    assert_eq!(s.module.as_deref(), Some("review"));
    assert_eq!(s.test_children, ["src/review/x/fixture"]);
    let found: Vec<_> = imports(std::slice::from_ref(&s))
        .into_iter()
        .map(|(at, _, to)| format!("{at} {to}"))
        .collect();
    assert_eq!(found, ["src/review/x.rs:1 panel", "src/review/x.rs:1 lang"]);
    let text = text_outside_i18n(std::slice::from_ref(&s));
    assert_eq!(
        text,
        [
            "src/review/x.rs:7: \"评审专家\"",
            "src/review/x.rs:18: \"之后\"",
            "src/review/x.rs:6: match lang {",
            "src/review/x.rs:7: Lang::Zh => \"评审专家\",",
        ]
    );
    assert_eq!(layer("panel"), Some(5));
    assert!(layer("review") < layer("panel"));
}

/// The list, for the lead: `cargo test --test house_rules -- --ignored --nocapture count`.
#[test]
#[ignore = "prints the strings still outside src/i18n/"]
fn count_text_outside_i18n() {
    let found = text_outside_i18n(&sources());
    println!("{}\n{} outside {I18N_HOME}", found.join("\n"), found.len());
}
