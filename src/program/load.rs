//! From the bytes of a programme file to a checked programme. Pure: the caller reads the file.

use crate::framework::DataError;
use crate::framework::load::{content_hash, decode, locate, parse};

use super::model::Program;
use super::validate::validate;

/// Loads a programme file: every error at once, or the programme and its content hash.
/// `framework_exists` answers for the catalogue being loaded.
pub fn load_program(
    file: &str,
    bytes: &[u8],
    framework_exists: &dyn Fn(&str) -> bool,
) -> Result<(Program, String), Vec<DataError>> {
    let text = decode(file, bytes).map_err(|e| vec![e])?;
    let doc: Program = parse(file, text).map_err(|e| vec![e])?;
    let findings = validate(&doc, framework_exists);
    if !findings.is_empty() {
        return Err(locate(file, text, findings));
    }
    let hash = content_hash(&doc);
    Ok((doc, hash))
}
