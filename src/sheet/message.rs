//! The sheet errors in Chinese, for the interface language zh (the English is `Display`).

use super::{EnvelopeError, VerifyError};
use crate::canonical::CanonicalError;

/// A [`VerifyError`] in Chinese; the English is its `Display`.
pub fn zh_reason(e: &VerifyError) -> String {
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

/// An [`EnvelopeError`] in Chinese.
pub fn zh_envelope(e: &EnvelopeError) -> String {
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
