//! From the bytes of a criteria file to a checked document: size, encoding, JSON, schema, then
//! the semantic rules. Pure: the caller reads the file (see `program::catalog`).

use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use super::error::{DataError, JsonPath, Problem, Segment};
use super::locate::{line_at, line_of};
use super::model::{FRAMEWORK_FORMAT, Framework};
use super::validate::validate;

/// Larger files are refused before parsing; real editions are a few hundred KiB.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Checks size and encoding and returns the text. `file` names the file in errors.
pub fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, DataError> {
    let at = |line, problem| DataError::new(file, line, JsonPath::root(), problem);
    let size = bytes.len() as u64;
    if size > MAX_FILE_BYTES {
        return Err(at(
            None,
            Problem::TooLarge {
                size,
                limit: MAX_FILE_BYTES,
            },
        ));
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Err(at(Some(1), Problem::Bom));
    }
    // `contains` on bytes is a memchr; the position is only sought once a NUL is known.
    if bytes.contains(&0)
        && let Some(offset) = bytes.iter().position(|&b| b == 0)
    {
        return Err(at(Some(line_at(bytes, offset)), Problem::Binary { offset }));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        at(Some(line_at(bytes, offset)), Problem::NotUtf8 { offset })
    })?;
    if text.trim().is_empty() {
        return Err(at(None, Problem::Empty));
    }
    Ok(text)
}

/// Parses JSON into `T`, reporting the JSON path and line of the first syntax or schema error.
pub fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, DataError> {
    // Tracking the path costs as much as the parse itself: only pay it to explain an error.
    if let Ok(value) = serde_json::from_str(text) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let result = serde_path_to_error::deserialize::<_, T>(&mut de);
    let value = match result {
        Ok(v) => v,
        Err(e) => {
            let path = convert_path(e.path());
            return Err(json_error(file, path, e.into_inner()));
        }
    };
    de.end()
        .map_err(|e| json_error(file, JsonPath::root(), e))?;
    Ok(value)
}

fn convert_path(p: &serde_path_to_error::Path) -> JsonPath {
    use serde_path_to_error::Segment as S;
    JsonPath(
        p.iter()
            .filter_map(|s| match s {
                S::Seq { index } => Some(Segment::Index(*index)),
                S::Map { key } => Some(Segment::Key(key.clone())),
                S::Enum { variant } => Some(Segment::Key(variant.clone())),
                S::Unknown => None,
            })
            .collect(),
    )
}

fn json_error(file: &str, path: JsonPath, e: serde_json::Error) -> DataError {
    use serde_json::error::Category;
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    let problem = match e.classify() {
        Category::Syntax | Category::Eof if message.contains("recursion limit") => Problem::TooDeep,
        Category::Syntax | Category::Eof | Category::Io => Problem::Syntax(message),
        Category::Data => Problem::Schema(message),
    };
    let line = (e.line() > 0).then_some(e.line());
    // The path of a too-deep document is only the nesting itself.
    let path = if problem == Problem::TooDeep {
        JsonPath::root()
    } else {
        path
    };
    DataError::new(file, line, path, problem)
}

/// Locates validation findings in the source text.
/// Sorted by line, the order a person fixes them in.
pub fn locate(file: &str, src: &str, findings: Vec<(JsonPath, Problem)>) -> Vec<DataError> {
    let mut errors: Vec<DataError> = findings
        .into_iter()
        .map(|(path, problem)| {
            let line = line_of(src, &path);
            DataError::new(file, line, path, problem)
        })
        .collect();
    errors.sort_by_key(|e| e.line.unwrap_or(usize::MAX));
    errors
}

/// The format tag of a document, read without knowing its kind. `None` when there is none.
pub fn format_tag(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Peek {
        format: Option<serde_json::Value>,
    }
    let peek: Peek = serde_json::from_str(text).ok()?;
    match peek.format? {
        serde_json::Value::String(s) => Some(s),
        other => Some(other.to_string()),
    }
}

/// SHA-256 (lowercase hex) of the RFC 8785 canonical JSON of a document: stable across
/// whitespace and key order, changed by any value.
pub fn content_hash<T: serde::Serialize>(doc: &T) -> String {
    // Typed documents hold only strings, integers, arrays and structs, which always serialise.
    let canonical = crate::canonical::to_canonical(doc).unwrap_or_default();
    hex::encode(Sha256::digest(&canonical))
}

/// Loads a framework file: every error at once, or the framework and its content hash.
pub fn load_framework(file: &str, bytes: &[u8]) -> Result<(Framework, String), Vec<DataError>> {
    let text = decode(file, bytes).map_err(|e| vec![e])?;
    let doc: Framework = parse(file, text).map_err(|e| vec![e])?;
    let findings = validate(&doc);
    if !findings.is_empty() {
        return Err(locate(file, text, findings));
    }
    let hash = content_hash(&doc);
    Ok((doc, hash))
}

/// True when the text says it is a framework (used to route `criteria check`).
pub fn is_framework_tag(tag: &str) -> bool {
    tag == FRAMEWORK_FORMAT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_rejects_bom_binary_non_utf8_empty_and_huge() {
        let p = |b: &[u8]| decode("f.json", b).unwrap_err().problem;
        assert_eq!(p(b"\xEF\xBB\xBF{}"), Problem::Bom);
        assert_eq!(p(b"{\n\"a\": \"\0\"}"), Problem::Binary { offset: 8 });
        assert_eq!(p(b"{\"a\":\n\"\xff\"}"), Problem::NotUtf8 { offset: 7 });
        assert_eq!(p(b"  \n "), Problem::Empty);
        let big = vec![b' '; MAX_FILE_BYTES as usize + 1];
        assert!(matches!(p(&big), Problem::TooLarge { .. }));
        let e = decode("f.json", b"{\"a\":\n\"\xff\"}").unwrap_err();
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn deep_nesting_is_a_clean_error() {
        let deep = "[".repeat(100_000);
        let e = parse::<serde_json::Value>("f.json", &deep).unwrap_err();
        assert_eq!(e.problem, Problem::TooDeep);
    }

    #[test]
    fn syntax_errors_carry_the_line() {
        let e = parse::<serde_json::Value>("f.json", "{\n\"a\": 1,\n}").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(matches!(e.problem, Problem::Syntax(_)), "{e}");
        let e = parse::<serde_json::Value>("f.json", "{} x").unwrap_err();
        assert!(matches!(e.problem, Problem::Syntax(_)), "{e}");
    }

    const GBT: &str = include_str!("../../criteria/frameworks/gbt19580-2012.json");

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Whatever a damaged file holds, loading answers with errors, never a panic, and
        /// every error carries the file name.
        #[test]
        fn damaged_files_never_panic(
            edits in proptest::collection::vec((0usize..GBT.len(), proptest::prelude::any::<u8>()), 1..6),
            cut in 0usize..GBT.len() * 2,
        ) {
            let mut bytes = GBT.as_bytes().to_vec();
            for (at, b) in edits {
                bytes[at] = b;
            }
            bytes.truncate(cut);
            if let Err(errors) = load_framework("damaged.json", &bytes) {
                proptest::prop_assert!(!errors.is_empty());
                for e in errors {
                    proptest::prop_assert!(e.to_string().starts_with("damaged.json"));
                }
            }
        }

        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512)) {
            proptest::prop_assert!(load_framework("random.json", &bytes).is_err());
        }
    }

    #[test]
    fn format_tag_is_read_from_any_document() {
        assert_eq!(
            format_tag(r#"{"x": [1], "format": "scorebook-program/1"}"#).as_deref(),
            Some("scorebook-program/1")
        );
        assert_eq!(format_tag(r#"{"x": 1}"#), None);
        assert_eq!(format_tag("nope"), None);
    }
}
