//! Verifying a signed sheet file: the envelope and signature, then the payload against the
//! format, the known frameworks and programmes, and its own arithmetic. Stored totals are
//! never trusted: each is recomputed and compared.

use rust_decimal::Decimal;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::build::{band_label, is_hex_id, totals};
use super::envelope::{EnvelopeError, Verified, verify_envelope};
use super::model::*;
use crate::canonical::{self, CanonicalError, Utf8};
use crate::framework::item_score;
use crate::identity::MemberInfo;
use crate::program::Catalog;
use crate::review::{ConflictDeclaration, Verdict};

/// A sheet that passed every check.
#[derive(Debug, Clone)]
pub struct VerifiedSheet {
    pub sheet: Sheet,
    /// Signer's key, fingerprint and the file hash.
    pub envelope: Verified,
}

impl VerifiedSheet {
    /// SHA-256 (lowercase hex) of the exact file bytes.
    pub fn hash(&self) -> &str {
        &self.envelope.hash
    }
}

/// Why a sheet does not verify: a typed reason with its fields. Serialisable, so a panel file
/// records the reason itself (docs/panel-format.md), and every reader words it in its language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerifyError {
    #[error(transparent)]
    Envelope(#[from] EnvelopeError),
    #[error("not a score sheet: the document is of type {0:?}")]
    NotASheet(String),
    #[error("the document says it is a {kind:?} but was signed as {payload_type:?}")]
    KindMismatch {
        kind: DocumentKind,
        payload_type: String,
    },
    #[error("format {0:?} is not {SHEET_FORMAT:?}")]
    WrongFormat(String),
    #[error(
        "made by a newer Scorebook: sheet format version {found}, this build reads up to {SHEET_FORMAT_VERSION}; update Scorebook"
    )]
    FutureVersion { found: u64 },
    #[error("sheet format version {0} is not one this build reads")]
    UnsupportedVersion(u64),
    /// A version 1 sheet with a `round` member, which only version 2 has (§10).
    #[error("unknown field `round`: sheet format version {version} has no round member")]
    RoundInOldFormat { version: u32 },
    /// A version 2 sheet without its `round` member (written `null` when there is no round).
    #[error(
        "missing field `round`: sheet format version {version} always has it (null when there is no round)"
    )]
    RoundMissing { version: u32 },
    #[error("invalid content at {path}: {message}")]
    Payload { path: String, message: String },
    #[error("not canonical: the sheet's content is not written in its one canonical form")]
    PayloadNotCanonical,
    #[error("signed by key {signer}, but the document names reviewer key {reviewer}")]
    SignerMismatch { signer: String, reviewer: String },
    #[error(
        "unknown framework hash: {id} {hash} is not an edition this build knows (a different or altered criteria file)"
    )]
    UnknownFramework { id: String, hash: String },
    #[error("the sheet names framework {stated}, but that hash belongs to {known}")]
    FrameworkMismatch { stated: String, known: String },
    #[error("unknown programme hash: {id} {hash} is not an edition this build knows")]
    UnknownProgram { id: String, hash: String },
    #[error("programme {program} has no track {track} on framework {framework}")]
    UnknownTrack {
        program: String,
        track: String,
        framework: String,
    },
    #[error("track {track} is for another kind of applicant than {kind:?}")]
    ApplicantKind {
        track: String,
        kind: crate::program::ApplicantKind,
    },
    #[error("the eligibility answers do not follow the programme's checklist")]
    Eligibility,
    /// 不适用 for a condition the checklist does not say when it applies (no `applies_if`,
    /// 第十六条(五)): such a condition is met, not met or unclear, never 不适用.
    #[error(
        "eligibility condition {condition}: not applicable is allowed only where the checklist says when the condition applies"
    )]
    NotApplicableRefused { condition: String },
    #[error("item list does not match the framework: expected {expected}, found {found}")]
    Items { expected: String, found: String },
    #[error("item {item}: {stated} points stated, the framework gives {expected}")]
    Points {
        item: String,
        stated: u32,
        expected: u32,
    },
    #[error(
        "percent off the step: item {item} has {percent}%, allowed are multiples of {step}% up to 100%"
    )]
    PercentOffStep { item: String, percent: u8, step: u8 },
    #[error("item {item} has no percent, but the sheet is not marked draft")]
    Unscored { item: String },
    #[error("item {item}: score {stated} is not points × percent (expected {expected})")]
    ItemScore {
        item: String,
        stated: String,
        expected: String,
    },
    #[error("item {item}: band {stated} is wrong for its percent (expected {expected})")]
    Band {
        item: String,
        stated: String,
        expected: String,
    },
    #[error("totals do not add up: category list does not match the framework's")]
    Categories,
    #[error(
        "totals do not add up: category {category} states {stated}, its items add up to {expected}"
    )]
    CategoryTotal {
        category: String,
        stated: String,
        expected: String,
    },
    #[error("totals do not add up: total states {stated}, the items add up to {expected}")]
    Total { stated: String, expected: String },
    #[error("the reviewer declared a conflict of interest; the sheet cannot count")]
    Conflict,
    #[error("the conflict-of-interest declaration was never made")]
    Undeclared,
    #[error("invalid field: {0}")]
    Field(std::borrow::Cow<'static, str>),
    #[error("invalid field: {field} is not an RFC 3339 time ({found:?})")]
    BadTime {
        field: std::borrow::Cow<'static, str>,
        found: String,
    },
    #[error("invalid field: {0} is empty")]
    EmptyField(std::borrow::Cow<'static, str>),
    #[error("item {item}: a comment cites requirement {label:?}, which the item does not have")]
    UnknownRequirement { item: String, label: String },
    #[error("item {item}: a comment cites requirement {label:?} more than once")]
    DuplicateRequirement { item: String, label: String },
    #[error(
        "not canonical: {field} {found:?} is not the one spelling of a decimal (plain, normalised, e.g. \"22.5\")"
    )]
    DecimalSpelling {
        field: std::borrow::Cow<'static, str>,
        found: String,
    },
    #[error("key not in the roster: {name} ({fingerprint}) is not a member of this panel")]
    NotInRoster { name: String, fingerprint: String },
    #[error("a draft, not a final sheet (exported with --draft)")]
    Draft,
    /// Another kind of document (a sheet, a round, a roster) where a recusal record is wanted.
    #[error("not a recusal record: the document is of type {0:?}")]
    NotARecusal(String),
    #[error("format {0:?} is not {format:?}", format = super::recusal::RECUSAL_FORMAT)]
    RecusalFormat(String),
    #[error(
        "made by a newer Scorebook: recusal record format version {found}, this build reads up to {}; update Scorebook",
        super::recusal::RECUSAL_FORMAT_VERSION
    )]
    RecusalFutureVersion { found: u64 },
    #[error("recusal record format version {0} is not one this build reads")]
    RecusalUnsupportedVersion(u64),
}

/// The one acceptance pipeline, shared by `verify` and the merge so that the same file gets the
/// same code from both (验收): envelope and signature, payload type, format
/// and fields, signer = named reviewer, then content against the catalog and its arithmetic.
/// What is left is judgement that depends on the reader — a declared conflict, the roster, a
/// draft — which [`verify_sheet`] adds and the merge decides with the panel in view.
pub fn accept(bytes: &[u8], catalog: &Catalog) -> Result<VerifiedSheet, VerifyError> {
    // The payload is parsed by serde_json next, which checks every string is UTF-8.
    let envelope = verify_envelope(bytes, Utf8::DeferToParser)?;
    let sheet = parse_sheet(&envelope)?;
    check_signer(&sheet.reviewer, &envelope)?;
    check_sheet(&sheet, catalog)?;
    Ok(VerifiedSheet { sheet, envelope })
}

/// The document was signed by the reviewer it names.
pub(super) fn check_signer(reviewer: &ReviewerRef, envelope: &Verified) -> Result<(), VerifyError> {
    if reviewer.public_key != envelope.public_key {
        return Err(VerifyError::SignerMismatch {
            signer: envelope.public_key.clone(),
            reviewer: reviewer.public_key.clone(),
        });
    }
    Ok(())
}

/// Verifies a sheet file end to end: [`accept`], then a score sheet whose reviewer declared a
/// conflict is refused, `roster` (when given) must contain the signer's key, and a draft is
/// reported as [`VerifyError::Draft`] only once everything else holds.
pub fn verify_sheet(
    bytes: &[u8],
    catalog: &Catalog,
    roster: Option<&[MemberInfo]>,
) -> Result<VerifiedSheet, VerifyError> {
    let ok = accept(bytes, catalog)?;
    let (sheet, envelope) = (&ok.sheet, &ok.envelope);
    if sheet.kind == DocumentKind::ScoreSheet
        && matches!(sheet.conflict, ConflictDeclaration::Conflict { .. })
    {
        return Err(VerifyError::Conflict);
    }
    if let Some(roster) = roster
        && !roster.iter().any(|m| m.public_key == envelope.public_key)
    {
        return Err(VerifyError::NotInRoster {
            name: sheet.reviewer.name.clone(),
            fingerprint: envelope.fingerprint.clone(),
        });
    }
    if sheet.draft {
        return Err(VerifyError::Draft);
    }
    Ok(ok)
}

/// The sheet in a verified envelope: its type, format, version, fields (no unknown ones) and
/// canonical form.
pub fn parse_sheet(envelope: &Verified) -> Result<Sheet, VerifyError> {
    let kind = DocumentKind::from_payload_type(&envelope.payload_type)
        .filter(|k| k.is_sheet())
        .ok_or_else(|| VerifyError::NotASheet(envelope.payload_type.clone()))?;
    let payload = &envelope.payload;
    // Checking UTF-8 once over the whole payload (vectorised) and parsing from `&str` costs
    // less than `from_slice`, which checks every string on its own.
    let text = simdutf8::basic::from_utf8(payload)
        .map_err(|_| VerifyError::Envelope(EnvelopeError::Binary))?;
    let sheet: Sheet = match serde_json::from_str(text) {
        Ok(s) => s,
        Err(_) => return Err(explain_parse_failure(payload)),
    };
    if sheet.kind != kind {
        return Err(VerifyError::KindMismatch {
            kind: sheet.kind,
            payload_type: envelope.payload_type.clone(),
        });
    }
    check_head(&sheet.format, u64::from(sheet.format_version))?;
    check_round_member(&sheet, payload)?;
    // Defaulted members would give one content several spellings; only the one the format
    // writes is accepted. (Decimal spellings are checked with the arithmetic.) Cheaper than
    // re-canonicalising, and exact: the payload is canonical JSON with no unknown member.
    let written = canonical::member_count(&sheet).map_err(|_| VerifyError::PayloadNotCanonical)?;
    if written != envelope.payload_members {
        return Err(VerifyError::PayloadNotCanonical);
    }
    check_decimal_spellings(payload)?;
    Ok(sheet)
}

/// The `round` member is there exactly when the format version has it (§10): version 1 never,
/// version 2 always (`null` for an applicant added by hand). The parsed value cannot tell an
/// absent member from `null`, so the payload is read: it parsed as a [`Sheet`], whose objects
/// all deny unknown members and hold no maps, so a key `round` can only be the top-level one,
/// and in canonical JSON a `"` inside a string is escaped, so `"round":` occurs only as that key.
fn check_round_member(sheet: &Sheet, payload: &[u8]) -> Result<(), VerifyError> {
    let present = sheet.round.is_some() || memchr::memmem::find(payload, b"\"round\":").is_some();
    match (sheet.has_round_member(), present) {
        (false, true) => Err(VerifyError::RoundInOldFormat {
            version: sheet.format_version,
        }),
        (true, false) => Err(VerifyError::RoundMissing {
            version: sheet.format_version,
        }),
        _ => Ok(()),
    }
}

/// The members whose values are decimal strings (§5.3), as they appear in canonical JSON.
const DECIMAL_MEMBERS: [(&[u8], &str); 2] =
    [(b"\"score\":\"", "score"), (b"\"total\":\"", "total")];

/// Every decimal in the payload is written in its one spelling (§5.3): `-?(0|[1-9][0-9]*)`, then
/// optionally `.` and digits not ending in `0`; never `-0`. Parsing into a `Decimal` forgets
/// `+`, leading zeros and exponents, so the payload's own bytes are read. In canonical JSON a
/// `"` inside a string is always escaped, so `"score":"` occurs only where a member named
/// `score` holds a string: the scan is exact, and costs one pass of `memmem`.
fn check_decimal_spellings(payload: &[u8]) -> Result<(), VerifyError> {
    for (pattern, field) in DECIMAL_MEMBERS {
        for at in memchr::memmem::find_iter(payload, pattern) {
            let start = at + pattern.len();
            let Some(len) = memchr::memchr(b'"', &payload[start..]) else {
                return Err(VerifyError::PayloadNotCanonical);
            };
            let value = &payload[start..start + len];
            if !is_plain_decimal(value) {
                return Err(VerifyError::DecimalSpelling {
                    field: (*field).into(),
                    found: String::from_utf8_lossy(value).into_owned(),
                });
            }
        }
    }
    Ok(())
}

/// `-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?`, and not `-0`.
pub fn is_plain_decimal(s: &[u8]) -> bool {
    let unsigned = s.strip_prefix(b"-").unwrap_or(s);
    let (int, frac) = match unsigned.iter().position(|&b| b == b'.') {
        Some(dot) => (&unsigned[..dot], Some(&unsigned[dot + 1..])),
        None => (unsigned, None),
    };
    let int_ok = match int {
        [] => false,
        [b'0'] => true,
        [b'0', ..] => false,
        digits => digits.iter().all(u8::is_ascii_digit),
    };
    let frac_ok = frac
        .is_none_or(|f| f.iter().all(u8::is_ascii_digit) && f.last().is_some_and(|&d| d != b'0'));
    let negative_zero = s.len() != unsigned.len() && int == b"0" && frac.is_none();
    int_ok && frac_ok && !negative_zero
}

fn check_head(format: &str, version: u64) -> Result<(), VerifyError> {
    if format != SHEET_FORMAT {
        return Err(VerifyError::WrongFormat(format.to_string()));
    }
    match version {
        v if (u64::from(SHEET_FORMAT_OLDEST)..=u64::from(SHEET_FORMAT_VERSION)).contains(&v) => {
            Ok(())
        }
        v if v > u64::from(SHEET_FORMAT_VERSION) => Err(VerifyError::FutureVersion { found: v }),
        v => Err(VerifyError::UnsupportedVersion(v)),
    }
}

/// Why a payload did not parse as a sheet: a newer format first (its new fields would
/// otherwise read as unknown), then the failing field's JSON path.
fn explain_parse_failure(payload: &[u8]) -> VerifyError {
    #[derive(serde::Deserialize)]
    struct Head {
        format: String,
        format_version: u64,
    }
    if let Ok(head) = serde_json::from_slice::<Head>(payload)
        && let Err(e) = check_head(&head.format, head.format_version)
    {
        return e;
    }
    // A decimal in another spelling may not even parse (`"2.25e1"`): it is still a spelling
    // fault, and says so.
    if let Err(e) = check_decimal_spellings(payload) {
        return e;
    }
    field_error::<Sheet>(payload)
}

/// The JSON path and reason of the first member that does not read as a `T`.
pub(super) fn field_error<T: serde::de::DeserializeOwned>(payload: &[u8]) -> VerifyError {
    let de = &mut serde_json::Deserializer::from_slice(payload);
    match serde_path_to_error::deserialize::<_, T>(de) {
        Ok(_) => VerifyError::Payload {
            path: ".".into(),
            message: "unreadable".into(),
        },
        Err(e) => {
            let message = e.inner().to_string();
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m)
                .to_string();
            VerifyError::Payload {
                path: e.path().to_string(),
                message,
            }
        }
    }
}

/// Checks a sheet's content against the catalog and its own arithmetic (not its signature,
/// nor a declared conflict: see [`verify_sheet`]).
pub fn check_sheet(sheet: &Sheet, catalog: &Catalog) -> Result<(), VerifyError> {
    if !is_hex_id(&sheet.sheet_id) {
        return Err(VerifyError::Field(
            "sheet_id must be 32 lowercase hex digits".into(),
        ));
    }
    if sheet.version == 0 {
        return Err(VerifyError::Field("version must be at least 1".into()));
    }
    check_time("created_at", &sheet.created_at)?;
    if let Some(round) = &sheet.round {
        check_round_ref(round)?;
    }
    for (field, value) in [
        ("applicant.id", sheet.applicant.id.as_str()),
        ("applicant.name", sheet.applicant.name.as_str()),
        ("reviewer.name", sheet.reviewer.name.as_str()),
    ] {
        if value.trim().is_empty() {
            return Err(VerifyError::EmptyField(field.into()));
        }
    }
    match &sheet.conflict {
        ConflictDeclaration::Undeclared => {}
        ConflictDeclaration::NoConflict { declared_at } => {
            check_time("conflict.declared_at", declared_at)?;
        }
        ConflictDeclaration::Conflict {
            relationship,
            declared_at,
        } => {
            check_time("conflict.declared_at", declared_at)?;
            if relationship.trim().is_empty() {
                return Err(VerifyError::EmptyField("conflict.relationship".into()));
            }
        }
    }
    // The form only: the signer's key (equal to it in a verified sheet) was decoded already.
    if crate::identity::member::strict_hex::<32>(&sheet.reviewer.public_key).is_none() {
        return Err(VerifyError::Field(
            "reviewer.public_key is not 64 lowercase hex digits".into(),
        ));
    }
    match sheet.kind {
        DocumentKind::ScoreSheet => {
            if !sheet.sources.is_empty() || sheet.items.iter().any(|i| !i.rationale.is_empty()) {
                return Err(VerifyError::Field(
                    "sources and rationale belong to consensus sheets".into(),
                ));
            }
            // A declared conflict is judged by the reader (verify refuses, the merge
            // withdraws the reviewer): the content is checked all the same.
            if matches!(sheet.conflict, ConflictDeclaration::Undeclared) && !sheet.draft {
                return Err(VerifyError::Undeclared);
            }
        }
        DocumentKind::ConsensusSheet => {
            if sheet.sources.is_empty() || !sheet.sources.iter().all(|s| is_sha256(s)) {
                return Err(VerifyError::Field(
                    "a consensus sheet lists the SHA-256 of each source sheet".into(),
                ));
            }
        }
        DocumentKind::Roster | DocumentKind::Round | DocumentKind::Recusal => {
            return Err(VerifyError::NotASheet(sheet.kind.payload_type().into()));
        }
    }

    let framework = catalog
        .framework_by_hash(&sheet.framework.hash)
        .ok_or_else(|| VerifyError::UnknownFramework {
            id: sheet.framework.id.clone(),
            hash: sheet.framework.hash.clone(),
        })?;
    let fw = &framework.doc;
    if fw.id != sheet.framework.id || fw.edition != sheet.framework.edition {
        return Err(VerifyError::FrameworkMismatch {
            stated: format!("{} {}", sheet.framework.id, sheet.framework.edition),
            known: format!("{} {}", fw.id, fw.edition),
        });
    }
    let program = catalog
        .programs
        .iter()
        .find(|p| p.hash == sheet.program.hash && p.doc.id == sheet.program.id)
        .filter(|p| p.doc.edition == sheet.program.edition)
        .ok_or_else(|| VerifyError::UnknownProgram {
            id: sheet.program.id.clone(),
            hash: sheet.program.hash.clone(),
        })?;
    let track = program
        .doc
        .track(&sheet.track)
        .filter(|t| t.framework == fw.id)
        .ok_or_else(|| VerifyError::UnknownTrack {
            program: program.doc.id.clone(),
            track: sheet.track.clone(),
            framework: fw.id.clone(),
        })?;
    if track.applicant_kind != sheet.applicant.kind {
        return Err(VerifyError::ApplicantKind {
            track: track.id.clone(),
            kind: sheet.applicant.kind,
        });
    }
    let conditions: Vec<&crate::program::Condition> = program
        .doc
        .checklist(track.applicant_kind)
        .map(|c| c.conditions.iter().collect())
        .unwrap_or_default();
    if !sheet
        .eligibility
        .iter()
        .map(|e| e.condition.as_str())
        .eq(conditions.iter().map(|c| c.id.as_str()))
    {
        return Err(VerifyError::Eligibility);
    }
    // The same rule the review applies when the verdict is set: a sheet made elsewhere (or
    // edited and re-signed) must not carry a 不适用 the checklist does not allow.
    if let Some((e, _)) = sheet
        .eligibility
        .iter()
        .zip(&conditions)
        .find(|(e, c)| e.verdict == Some(Verdict::NotApplicable) && !c.may_be_not_applicable())
    {
        return Err(VerifyError::NotApplicableRefused {
            condition: e.condition.clone(),
        });
    }

    let mut expected_items = fw.items().map(|(_, i)| i);
    for stated in &sheet.items {
        let Some(item) = expected_items.next() else {
            return Err(VerifyError::Items {
                expected: "no more items".into(),
                found: stated.code.clone(),
            });
        };
        if item.code != stated.code {
            return Err(VerifyError::Items {
                expected: item.code.clone(),
                found: stated.code.clone(),
            });
        }
        if item.points != stated.points {
            return Err(VerifyError::Points {
                item: item.code.clone(),
                stated: stated.points,
                expected: item.points,
            });
        }
        check_requirements(item, stated.strengths.iter().chain(&stated.ofis))?;
        let Some(percent) = stated.percent else {
            if !sheet.draft {
                return Err(VerifyError::Unscored {
                    item: item.code.clone(),
                });
            }
            if stated.score.is_some() || stated.band.is_some() {
                return Err(VerifyError::Field(
                    "an unscored item has a score or band".into(),
                ));
            }
            continue;
        };
        let checked =
            crate::framework::Percent::new(u32::from(percent), fw.percent_step).map_err(|_| {
                VerifyError::PercentOffStep {
                    item: item.code.clone(),
                    percent,
                    step: fw.percent_step,
                }
            })?;
        let expected = item_score(item.points, checked);
        if !same_decimal(stated.score, expected) {
            return Err(VerifyError::ItemScore {
                item: item.code.clone(),
                stated: stated.score.map_or("none".into(), |s| s.to_string()),
                expected: expected.to_string(),
            });
        }
        let band = fw.band_for(percent).map(band_label);
        if stated.band != band {
            return Err(VerifyError::Band {
                item: item.code.clone(),
                stated: stated.band.clone().unwrap_or_else(|| "none".into()),
                expected: band.unwrap_or_else(|| "none".into()),
            });
        }
    }
    if let Some(missing) = expected_items.next() {
        return Err(VerifyError::Items {
            expected: missing.code.clone(),
            found: "the end of the list".into(),
        });
    }

    let (categories, total) = totals(fw, &sheet.items);
    if categories.len() != sheet.categories.len() {
        return Err(VerifyError::Categories);
    }
    for (expected, stated) in categories.iter().zip(&sheet.categories) {
        if expected.code != stated.code || expected.points != stated.points {
            return Err(VerifyError::Categories);
        }
        if !same_decimal(Some(stated.score), expected.score) {
            return Err(VerifyError::CategoryTotal {
                category: stated.code.clone(),
                stated: stated.score.to_string(),
                expected: expected.score.to_string(),
            });
        }
    }
    if !same_decimal(Some(sheet.total), total) {
        return Err(VerifyError::Total {
            stated: sheet.total.to_string(),
            expected: total.to_string(),
        });
    }
    Ok(())
}

pub(super) fn check_time(field: &'static str, value: &str) -> Result<(), VerifyError> {
    match OffsetDateTime::parse(value, &Rfc3339) {
        Ok(_) => Ok(()),
        Err(_) => Err(VerifyError::BadTime {
            field: field.into(),
            found: value.to_string(),
        }),
    }
}

/// Each comment cites only requirement points the item has, each at most once.
fn check_requirements<'a>(
    item: &crate::framework::Item,
    comments: impl Iterator<Item = &'a crate::review::Comment>,
) -> Result<(), VerifyError> {
    for comment in comments {
        for (i, label) in comment.requirements.iter().enumerate() {
            if !item.requirements.iter().any(|r| r.label == *label) {
                return Err(VerifyError::UnknownRequirement {
                    item: item.code.clone(),
                    label: label.clone(),
                });
            }
            if comment.requirements[..i].contains(label) {
                return Err(VerifyError::DuplicateRequirement {
                    item: item.code.clone(),
                    label: label.clone(),
                });
            }
        }
    }
    Ok(())
}

/// Equal in value and in spelling (`22.5`, never `22.50`): the sheet writes exact, normalised
/// decimals.
fn same_decimal(stated: Option<Decimal>, expected: Decimal) -> bool {
    stated.is_some_and(|s| s == expected && s.scale() == expected.scale())
}

/// A round reference (sheet format 2, recusal records): the round's id 32 lowercase hex, the
/// version it had (≥ 1), and the SHA-256 of that round file.
pub(super) fn check_round_ref(round: &RoundRef) -> Result<(), VerifyError> {
    if !is_hex_id(&round.id) {
        return Err(VerifyError::Field(
            "round.id must be 32 lowercase hex digits".into(),
        ));
    }
    if round.version == 0 {
        return Err(VerifyError::Field(
            "round.version must be at least 1".into(),
        ));
    }
    if !is_sha256(&round.hash) {
        return Err(VerifyError::Field(
            "round.hash must be 64 lowercase hex digits".into(),
        ));
    }
    Ok(())
}

/// A SHA-256 in lowercase hex.
pub(super) fn is_sha256(s: &str) -> bool {
    s.len() == 64 && is_lower_hex(s)
}

fn is_lower_hex(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl VerifyError {
    /// Every code [`VerifyError::code`] can give, in the order of `docs/sheet-format.md` §8.
    pub const CODES: &'static [&'static str] = &[
        "empty",
        "too-large",
        "binary",
        "truncated",
        "not-json",
        "duplicate-key",
        "too-deep",
        "bad-number",
        "not-canonical",
        "not-signed-document",
        "future-version",
        "unknown-field",
        "bad-envelope",
        "bad-key",
        "bad-signature",
        "not-a-sheet",
        "not-a-recusal",
        "kind-mismatch",
        "unsupported-version",
        "invalid-field",
        "signer-mismatch",
        "bad-time",
        "empty-field",
        "conflict",
        "undeclared",
        "unknown-framework",
        "framework-mismatch",
        "unknown-program",
        "unknown-track",
        "eligibility-mismatch",
        "not-applicable-refused",
        "items-mismatch",
        "unknown-requirement",
        "duplicate-requirement",
        "unscored-item",
        "percent-off-step",
        "item-score",
        "band",
        "totals",
        "not-in-roster",
        "draft",
    ];

    /// A stable machine name for the fault (`verify --json`, scripts, the panel's records).
    pub fn code(&self) -> &'static str {
        use CanonicalError as C;
        use EnvelopeError as E;
        match self {
            VerifyError::Envelope(e) => match e {
                E::Empty => "empty",
                E::TooLarge { .. } => "too-large",
                E::Binary => "binary",
                E::Json(C::NotCanonical { .. }) => "not-canonical",
                E::Json(C::DuplicateKey { .. }) => "duplicate-key",
                E::Json(C::TooDeep { .. }) => "too-deep",
                E::Json(C::Number { .. }) => "bad-number",
                E::Json(C::Truncated { .. }) => "truncated",
                E::Json(C::Syntax { .. }) => "not-json",
                E::NotAnEnvelope => "not-signed-document",
                E::FutureEnvelope { .. } => "future-version",
                E::UnknownField(_) => "unknown-field",
                E::MissingField(_) | E::BadField(_) | E::BadPayloadType(_) => "bad-envelope",
                E::PublicKey(_) => "bad-key",
                E::BadSignature => "bad-signature",
                E::PayloadNotCanonical(_) => "not-canonical",
            },
            VerifyError::NotASheet(_) => "not-a-sheet",
            VerifyError::KindMismatch { .. } => "kind-mismatch",
            VerifyError::WrongFormat(_) => "not-a-sheet",
            VerifyError::FutureVersion { .. } => "future-version",
            VerifyError::UnsupportedVersion(_) => "unsupported-version",
            // What a reader of the other version would say: format 1 has no such member, and
            // format 2 misses one it requires (as any missing member: `invalid-field`).
            VerifyError::RoundInOldFormat { .. } => "unknown-field",
            VerifyError::RoundMissing { .. } => "invalid-field",
            VerifyError::Payload { message, .. } if message.starts_with("unknown field") => {
                "unknown-field"
            }
            VerifyError::Payload { .. } => "invalid-field",
            VerifyError::PayloadNotCanonical => "not-canonical",
            VerifyError::SignerMismatch { .. } => "signer-mismatch",
            VerifyError::UnknownFramework { .. } => "unknown-framework",
            VerifyError::FrameworkMismatch { .. } => "framework-mismatch",
            VerifyError::UnknownProgram { .. } => "unknown-program",
            VerifyError::UnknownTrack { .. } | VerifyError::ApplicantKind { .. } => "unknown-track",
            VerifyError::Eligibility => "eligibility-mismatch",
            VerifyError::NotApplicableRefused { .. } => "not-applicable-refused",
            VerifyError::Items { .. } | VerifyError::Points { .. } => "items-mismatch",
            VerifyError::PercentOffStep { .. } => "percent-off-step",
            VerifyError::Unscored { .. } => "unscored-item",
            VerifyError::ItemScore { .. } => "item-score",
            VerifyError::Band { .. } => "band",
            VerifyError::Categories
            | VerifyError::CategoryTotal { .. }
            | VerifyError::Total { .. } => "totals",
            VerifyError::Conflict => "conflict",
            VerifyError::Undeclared => "undeclared",
            VerifyError::Field(_) => "invalid-field",
            VerifyError::BadTime { .. } => "bad-time",
            VerifyError::EmptyField(_) => "empty-field",
            VerifyError::UnknownRequirement { .. } => "unknown-requirement",
            VerifyError::DuplicateRequirement { .. } => "duplicate-requirement",
            VerifyError::DecimalSpelling { .. } => "not-canonical",
            VerifyError::NotInRoster { .. } => "not-in-roster",
            VerifyError::Draft => "draft",
            VerifyError::NotARecusal(_) | VerifyError::RecusalFormat(_) => "not-a-recusal",
            VerifyError::RecusalFutureVersion { .. } => "future-version",
            VerifyError::RecusalUnsupportedVersion(_) => "unsupported-version",
        }
    }
}

impl VerifyError {
    /// Whether the file is not a sheet at all (empty, not JSON, not a signed document, another
    /// kind of document), rather than a sheet that fails a check.
    pub fn is_not_a_sheet(&self) -> bool {
        matches!(
            self,
            VerifyError::NotASheet(_)
                | VerifyError::Envelope(
                    EnvelopeError::Empty
                        | EnvelopeError::TooLarge { .. }
                        | EnvelopeError::Binary
                        | EnvelopeError::Json(_)
                        | EnvelopeError::NotAnEnvelope
                )
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_one_spelling_of_a_decimal() {
        for ok in ["0", "22.5", "-22.5", "6.75", "100", "0.05", "10"] {
            assert!(is_plain_decimal(ok.as_bytes()), "{ok}");
        }
        for bad in [
            "+22.5", "2.25e1", "022.5", "-0", "22.50", "20.0", "22.", ".5", "", "-", "00", "1,5",
            " 1", "0x1", "-0.0", "1e", "٣",
        ] {
            assert!(!is_plain_decimal(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn the_scan_finds_every_decimal_member() {
        let good = br#"{"items":[{"score":"22.5"},{"score":null}],"total":"22.5","text":"\"score\":\"+1\""}"#;
        assert_eq!(check_decimal_spellings(good), Ok(()));
        for (bad, field) in [
            (
                &br#"{"items":[{"score":"+22.5"}],"total":"22.5"}"#[..],
                "score",
            ),
            (
                br#"{"categories":[{"score":"22.50"}],"total":"22.5"}"#,
                "score",
            ),
            (br#"{"total":"-0"}"#, "total"),
        ] {
            assert!(
                matches!(check_decimal_spellings(bad), Err(VerifyError::DecimalSpelling { field: f, .. }) if *f == *field)
            );
        }
    }

    #[test]
    fn every_code_is_listed() {
        use EnvelopeError as E;
        let samples = [
            VerifyError::Envelope(E::Empty),
            VerifyError::Envelope(E::NotAnEnvelope),
            VerifyError::Envelope(E::BadSignature),
            VerifyError::Envelope(E::BadField("signature".into())),
            VerifyError::Envelope(E::UnknownField("a".into())),
            VerifyError::Envelope(E::FutureEnvelope { found: "2".into() }),
            VerifyError::NotASheet("x".into()),
            VerifyError::WrongFormat("x".into()),
            VerifyError::UnsupportedVersion(0),
            VerifyError::RoundInOldFormat { version: 1 },
            VerifyError::RoundMissing { version: 2 },
            VerifyError::Payload {
                path: ".".into(),
                message: "unknown field `x`".into(),
            },
            VerifyError::Payload {
                path: ".".into(),
                message: "invalid type".into(),
            },
            VerifyError::PayloadNotCanonical,
            VerifyError::Field("x".into()),
            VerifyError::BadTime {
                field: "created_at".into(),
                found: "x".into(),
            },
            VerifyError::EmptyField("applicant.id".into()),
            VerifyError::UnknownRequirement {
                item: "4.1.1".into(),
                label: "z".into(),
            },
            VerifyError::DuplicateRequirement {
                item: "4.1.1".into(),
                label: "a".into(),
            },
            VerifyError::DecimalSpelling {
                field: "total".into(),
                found: "+1".into(),
            },
            VerifyError::Eligibility,
            VerifyError::Categories,
            VerifyError::Conflict,
            VerifyError::Undeclared,
            VerifyError::Draft,
            VerifyError::NotARecusal("x".into()),
            VerifyError::RecusalFormat("x".into()),
            VerifyError::RecusalFutureVersion { found: 2 },
            VerifyError::RecusalUnsupportedVersion(0),
        ];
        for e in samples {
            assert!(
                VerifyError::CODES.contains(&e.code()),
                "{} is not listed",
                e.code()
            );
        }
        let distinct: std::collections::BTreeSet<_> = VerifyError::CODES.iter().collect();
        assert_eq!(distinct.len(), VerifyError::CODES.len());
    }
}
