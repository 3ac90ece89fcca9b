//! `scorebook verify FILE… [--roster FILE] [--json]`: one verdict per file, exit 0 only when
//! every file is a valid, final sheet.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;
use serde::Serialize;

use super::Context;
use crate::framework::format_score;
use crate::identity::MemberInfo;
use crate::lang::Lang;
use crate::panel::roster::SignedRosterError;
use crate::program::Catalog;
use crate::review::Stage;
use crate::sheet::canonical::CanonicalError;
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
        Lang::Zh => format!("无效 — {}", zh_reason(e)),
    }
}

fn zh_reason(e: &VerifyError) -> String {
    use VerifyError as V;
    match e {
        V::Envelope(env) => zh_envelope(env),
        V::NotASheet(t) => format!("不是评分表（文件类型 {t}）"),
        V::KindMismatch { kind, payload_type } => {
            format!("内容自称 {kind:?}，却按 {payload_type} 签名")
        }
        V::WrongFormat(f) => format!("格式 {f:?} 不是评分表格式"),
        V::FutureVersion { found } => {
            format!("由更新版本的 Scorebook 生成（评分表格式第 {found} 版），请升级 Scorebook")
        }
        V::UnsupportedVersion(v) => format!("不支持的评分表格式版本 {v}"),
        V::Payload { path, message } => format!("内容无效，位置 {path}：{message}"),
        V::PayloadNotCanonical => "非规范格式：评分表内容不是唯一规定的写法".into(),
        V::SignerMismatch { .. } => "签名密钥与表中评审专家的公钥不一致".into(),
        V::UnknownFramework { id, hash } => {
            format!("未知的评价准则哈希：{id} {hash} 不是本程序所知的版本（准则文件不同或被改动）")
        }
        V::FrameworkMismatch { stated, known } => {
            format!("表中写的准则是 {stated}，但该哈希属于 {known}")
        }
        V::UnknownProgram { id, hash } => format!("未知的评奖办法哈希：{id} {hash}"),
        V::UnknownTrack { program, track, .. } => format!("评奖办法 {program} 中没有类别 {track}"),
        V::ApplicantKind { track, .. } => format!("类别 {track} 不适用于该类申报者"),
        V::Eligibility => "资格审查条目与评奖办法不一致".into(),
        V::Items { expected, found } => {
            format!("条款列表与准则不符：应为 {expected}，实为 {found}")
        }
        V::Points {
            item,
            stated,
            expected,
        } => format!("条款 {item} 写 {stated} 分，准则为 {expected} 分"),
        V::PercentOffStep {
            item,
            percent,
            step,
        } => format!(
            "百分比不在步长上：条款 {item} 为 {percent}%，只允许 {step}% 的整数倍（至 100%）"
        ),
        V::Unscored { item } => format!("条款 {item} 未评分，但表未标为草稿"),
        V::ItemScore {
            item,
            stated,
            expected,
        } => format!("条款 {item} 得分 {stated} 不等于 分值×百分比（应为 {expected}）"),
        V::Band {
            item,
            stated,
            expected,
        } => format!("条款 {item} 的评分区间 {stated} 与百分比不符（应为 {expected}）"),
        V::Categories => "合计不符：类目列表与准则不一致".into(),
        V::CategoryTotal {
            category,
            stated,
            expected,
        } => format!("合计不符：类目 {category} 写 {stated}，条款得分之和为 {expected}"),
        V::Total { stated, expected } => {
            format!("合计不符：总分写 {stated}，条款得分之和为 {expected}")
        }
        V::Conflict => "评审专家已声明利益冲突（回避），此表不能计分".into(),
        V::Undeclared => "未作回避声明".into(),
        V::Field(what) => format!("字段无效：{what}"),
        V::NotInRoster { name, fingerprint } => {
            format!("密钥不在评审组名单中：{name}（指纹 {fingerprint}）不是本组成员")
        }
        V::Draft => "这是草稿（以 --draft 导出），不是正式评分表".into(),
    }
}

fn zh_envelope(e: &EnvelopeError) -> String {
    use EnvelopeError as E;
    match e {
        E::Empty => "文件为空".into(),
        E::TooLarge { size, max } => format!("文件过大（{size} 字节，上限 {max} 字节）"),
        E::Binary => "二进制数据，不是 JSON 文本".into(),
        E::Json(c) => zh_canonical(c),
        E::NotAnEnvelope => "不是 Scorebook 签名文件".into(),
        E::FutureEnvelope { found } => {
            format!("由更新版本的 Scorebook 生成（签名封装第 {found} 版），请升级 Scorebook")
        }
        E::UnknownField(f) => format!("签名封装中有未知字段 {f:?}"),
        E::MissingField(f) => format!("签名封装缺少字段 {f:?}"),
        E::BadField(f) => format!("签名封装字段 {f:?} 类型或写法有误"),
        E::PublicKey(k) => format!("签名公钥无效：{k}"),
        E::BadSignature => "签名无效：签名后内容被改动，或并非此密钥所签".into(),
        E::PayloadNotCanonical(why) => format!("内容不是规范 JSON：{why}"),
        E::BadPayloadType(t) => format!("文件类型 {t:?} 不合规"),
    }
}

fn zh_canonical(e: &CanonicalError) -> String {
    use CanonicalError as C;
    match e {
        C::NotCanonical { offset, why } => {
            format!("非规范格式（RFC 8785），第 {offset} 字节：{why}")
        }
        C::DuplicateKey { key, .. } => format!("重复的键 {key:?}"),
        C::TooDeep { .. } => "嵌套层数过深".into(),
        C::Number { .. } => "数字不是安全范围内的整数（小数须写成字符串）".into(),
        C::Truncated { line, column } => {
            format!("文件不完整（被截断），第 {line} 行第 {column} 列")
        }
        C::Syntax {
            line,
            column,
            message,
        } => format!("不是有效的 JSON，第 {line} 行第 {column} 列：{message}"),
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
