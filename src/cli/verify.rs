//! `scorebook verify FILE… [--roster FILE] [--json]`: one verdict per file, exit 0 only when
//! every file is a valid, final sheet.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;
use serde::Serialize;

use super::Context;
use crate::canonical::CanonicalError;
use crate::framework::format_score;
use crate::identity::MemberInfo;
use crate::lang::Lang;
use crate::panel::roster::SignedRosterError;
use crate::program::Catalog;
use crate::review::Stage;
use crate::sheet::{
    DocumentKind, EnvelopeError, MAX_DOCUMENT_BYTES, VerifiedSheet, VerifyError, verify_document,
    verify_sheet,
};

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Signed sheet files.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The panel roster: only its members' keys are accepted.
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// One JSON array with a verdict object per file.
    #[arg(long)]
    pub json: bool,
}

/// One file's verdict, as `--json` prints it.
#[derive(Debug, Serialize)]
pub struct Verdict {
    pub file: String,
    pub valid: bool,
    /// Stable machine name of the fault, e.g. `bad-signature`; absent when valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'static str>,
    /// The verdict in the interface language.
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<SheetSummary>,
}

#[derive(Debug, Serialize)]
pub struct SheetSummary {
    /// SHA-256 (hex) of the exact file bytes.
    pub hash: String,
    pub reviewer: String,
    pub fingerprint: String,
    pub applicant: String,
    pub stage: Stage,
    pub version: u32,
    pub total: String,
}

pub fn run(args: VerifyArgs, ctx: &Context) -> anyhow::Result<i32> {
    let catalog = super::export::catalog(ctx);
    let roster = match &args.roster {
        Some(path) => {
            let (members, signed) = read_roster_checked(path, ctx.lang)?;
            if !signed {
                // A bare member list is accepted on purpose (a panel without a signed roster
                // yet), but the reader must know nobody vouched for it.
                eprintln!(
                    "{}",
                    match ctx.lang {
                        Lang::Zh => format!(
                            "注意：{} 不是签名的评审组名单，只按其中的成员公钥核对，未核实由谁编制",
                            path.display()
                        ),
                        Lang::En => format!(
                            "note: {} is not a signed roster; sheets are checked against its member keys only, nobody vouches for the list",
                            path.display()
                        ),
                    }
                );
            }
            Some(members)
        }
        None => None,
    };
    let verdicts: Vec<Verdict> = args
        .files
        .iter()
        .map(|f| verdict(f, &catalog, roster.as_deref(), ctx.lang))
        .collect();
    if args.json {
        println!("{}", serde_json::to_string_pretty(&verdicts)?);
    } else {
        for v in &verdicts {
            println!("{}: {}", v.file, v.message);
        }
    }
    Ok(if verdicts.iter().all(|v| v.valid) {
        0
    } else {
        1
    })
}

/// Verifies one file.
pub fn verdict(
    path: &Path,
    catalog: &Catalog,
    roster: Option<&[MemberInfo]>,
    lang: Lang,
) -> Verdict {
    let file = path.display().to_string();
    let refused = |error: &'static str, zh: &str, en: &str| Verdict {
        file: file.clone(),
        valid: false,
        error: Some(error),
        message: match lang {
            Lang::Zh => zh.to_string(),
            Lang::En => en.to_string(),
        },
        sheet: None,
    };
    if path.is_dir() {
        return refused(
            "directory",
            "这是文件夹，不是评分表文件（核验文件夹中的评分表：scorebook verify 文件夹/*.json）",
            "a folder, not a sheet file (to verify the sheets in it: scorebook verify FOLDER/*.json)",
        );
    }
    // An editor that saved the sheet with a BOM changed its bytes; say so rather than
    // "not valid JSON at column 1".
    let mut head = [0u8; 3];
    if std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head == [0xEF, 0xBB, 0xBF]
    {
        return refused(
            "bom",
            "无效 — 文件以 UTF-8 字节顺序标记（BOM）开头：评分表被编辑器另存过，已不是签名时的字节",
            "INVALID — the file starts with a UTF-8 byte order mark (BOM): an editor re-saved it, so these are not the bytes that were signed",
        );
    }
    // An over-size file is named with its real size, without reading it.
    let too_large = std::fs::metadata(path)
        .ok()
        .map(|m| m.len())
        .filter(|len| *len > MAX_DOCUMENT_BYTES as u64)
        .map(|len| {
            VerifyError::Envelope(EnvelopeError::TooLarge {
                size: usize::try_from(len).unwrap_or(usize::MAX),
                max: MAX_DOCUMENT_BYTES,
            })
        });
    let result = match too_large {
        Some(e) => Err(Ok(e)),
        None => read_capped(path)
            .map_err(|e| Err(e.to_string()))
            .and_then(|bytes| verify_sheet(&bytes, catalog, roster).map_err(Ok)),
    };
    match result {
        Ok(ok) => Verdict {
            file,
            valid: true,
            error: None,
            message: valid_message(&ok, lang),
            sheet: Some(summary(&ok)),
        },
        Err(Ok(e)) => Verdict {
            file,
            valid: false,
            error: Some(e.code()),
            message: invalid_message(lang, &e),
            sheet: None,
        },
        Err(Err(io)) => Verdict {
            file,
            valid: false,
            error: Some("unreadable"),
            message: match lang {
                Lang::Zh => format!("无法读取：{io}"),
                Lang::En => format!("cannot be read: {io}"),
            },
            sheet: None,
        },
    }
}

/// Reads a file, refusing before reading when it is over the size cap. An over-size file comes
/// back as its first `MAX + 1` bytes, so the verifier names the size fault.
pub fn read_capped(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_DOCUMENT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn summary(ok: &VerifiedSheet) -> SheetSummary {
    SheetSummary {
        hash: ok.envelope.hash.clone(),
        reviewer: ok.sheet.reviewer.name.clone(),
        fingerprint: ok.envelope.fingerprint.clone(),
        applicant: format!("{} {}", ok.sheet.applicant.id, ok.sheet.applicant.name),
        stage: ok.sheet.stage,
        version: ok.sheet.version,
        total: ok.sheet.total.to_string(),
    }
}

fn valid_message(ok: &VerifiedSheet, lang: Lang) -> String {
    let s = &ok.sheet;
    let kind = match (s.kind, lang) {
        (DocumentKind::ConsensusSheet, Lang::Zh) => "合议评分表",
        (DocumentKind::ConsensusSheet, Lang::En) => "consensus sheet",
        (_, Lang::Zh) => "评分表",
        (_, Lang::En) => "score sheet",
    };
    match lang {
        Lang::Zh => format!(
            "有效 — {kind}，{} {}，{}，第{}版，总分 {}，评审专家 {}（指纹 {}），SHA-256 {}",
            s.applicant.id,
            s.applicant.name,
            s.stage.label(lang),
            s.version,
            format_score(s.total),
            s.reviewer.name,
            ok.envelope.fingerprint,
            ok.envelope.hash
        ),
        Lang::En => format!(
            "valid — {kind}, {} {}, {}, version {}, total {}, reviewer {} (fingerprint {}), SHA-256 {}",
            s.applicant.id,
            s.applicant.name,
            s.stage.label(lang),
            s.version,
            format_score(s.total),
            s.reviewer.name,
            ok.envelope.fingerprint,
            ok.envelope.hash
        ),
    }
}

/// "invalid — why", in the interface language.
pub fn invalid_message(lang: Lang, e: &VerifyError) -> String {
    // A leader easily passes the roster itself to verify: say where it belongs.
    if let VerifyError::NotASheet(t) = e
        && (t == "roster" || t == DocumentKind::Roster.payload_type())
    {
        return match lang {
            Lang::Zh => "无效 — 这是评审组名单，不是评分表：用 --roster 名单 指定它，或用 scorebook roster show 查看".into(),
            Lang::En => "INVALID — this is a roster, not a sheet: pass it with --roster, or read it with scorebook roster show".into(),
        };
    }
    match lang {
        Lang::En => format!("INVALID — {e}"),
        Lang::Zh => format!("无效 — {}", crate::sheet::message::zh_reason(e)),
    }
}

/// A roster: a signed roster document (its payload's `members`), or a plain JSON list of
/// members, or an object with `members` — each member as `key show --json` prints it.
pub fn read_roster(path: &Path, lang: Lang) -> anyhow::Result<Vec<MemberInfo>> {
    read_roster_checked(path, lang).map(|(members, _)| members)
}

/// As [`read_roster`], and whether the roster was a signed roster document. A signed roster
/// is checked in full (`panel::roster::verify_roster`): signature, content, and that a leader
/// on it signed it.
pub fn read_roster_checked(path: &Path, lang: Lang) -> anyhow::Result<(Vec<MemberInfo>, bool)> {
    let context = || match lang {
        Lang::Zh => format!("读取评审组名单 {}", path.display()),
        Lang::En => format!("reading the roster {}", path.display()),
    };
    let bytes = read_capped(path).with_context(context)?;
    let value: serde_json::Value = match verify_document(&bytes) {
        Ok(doc) if doc.payload_type == DocumentKind::Roster.payload_type() => {
            let checked = crate::panel::roster::verify_roster(&bytes).map_err(|e| {
                let why = match (&e, lang) {
                    (SignedRosterError::NotSignedByLeader { fingerprint, .. }, Lang::Zh) => {
                        format!("名单不是由名单上的组长签名的（签名者指纹 {fingerprint}）")
                    }
                    _ => e.to_string(),
                };
                anyhow::anyhow!("{}: {why}", path.display())
            })?;
            let members = checked
                .roster
                .members
                .iter()
                .map(|m| MemberInfo {
                    name: m.name.clone(),
                    public_key: m.public_key.clone(),
                    fingerprint: m.fingerprint.clone(),
                })
                .collect();
            return Ok((members, true));
        }
        Ok(doc) => anyhow::bail!("{}: not a roster ({})", path.display(), doc.payload_type),
        Err(EnvelopeError::NotAnEnvelope | EnvelopeError::UnknownField(_))
        | Err(EnvelopeError::Json(CanonicalError::NotCanonical { .. })) => {
            serde_json::from_slice(&bytes).with_context(context)?
        }
        Err(e) => return Err(anyhow::Error::new(e).context(context())),
    };
    let list = match &value {
        serde_json::Value::Array(_) => &value,
        other => other
            .get("members")
            .with_context(|| format!("{}: no \"members\" list in the roster", path.display()))?,
    };
    let serde_json::Value::Array(items) = list else {
        anyhow::bail!("{}: \"members\" is not a list", path.display());
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let pick = |field: &str| {
                item.get(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
                    .with_context(|| format!("{}: members[{i}] has no {field}", path.display()))
            };
            let member = MemberInfo {
                name: pick("name")?,
                public_key: pick("public_key")?,
                fingerprint: pick("fingerprint")?,
            };
            member
                .verifying_key()
                .with_context(|| format!("{}: members[{i}]", path.display()))?;
            Ok(member)
        })
        .collect::<anyhow::Result<Vec<_>>>()
        .map(|members| (members, false))
}
