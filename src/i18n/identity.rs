//! The reviewer's key (签名密钥) in words: every [`IdentityError`], exhaustively, so a new
//! refusal without words fails to compile. File paths and the operating system's message are
//! kept verbatim in both languages.

use super::Lang;
use crate::identity::IdentityError;

/// Why the key could not be made, loaded or changed.
pub fn error(lang: Lang, e: &IdentityError) -> String {
    use IdentityError as E;
    let (zh, en) = match e {
        E::AlreadyExists(dir) => (
            format!(
                "{} 中已有签名密钥：请保留它，或用 --force 替换（旧密钥签过的评分表仍然有效，但不再与您对应）",
                dir.display()
            ),
            format!(
                "a key already exists in {}; keep it, or replace it with --force (sheets signed with the old key stay valid but no longer match you)",
                dir.display()
            ),
        ),
        E::EmptyName => (
            "评审专家姓名不能为空".into(),
            "the reviewer name is empty".into(),
        ),
        E::UnsafeName => (
            "评审专家姓名含有控制字符或文字方向控制符".into(),
            "the reviewer name contains a control character or a direction override".into(),
        ),
        E::Io { path, source } => (
            format!(
                "{}：{}",
                path.display(),
                super::durable::io_error(Lang::Zh, source)
            ),
            format!("{}: {source}", path.display()),
        ),
        E::Malformed { path, why } => (
            format!("{} 不是记分册的密钥文件（{why}）", path.display()),
            format!("{}: not a Scorebook key file ({why})", path.display()),
        ),
        E::Mismatch { public, secret } => (
            format!(
                "{} 中的公钥与 {} 中的私钥不匹配：密钥文件被改动过，请从备份恢复 keys/ 文件夹",
                public.display(),
                secret.display()
            ),
            format!(
                "{}: its public key does not belong to the secret key in {}; restore the keys/ folder from a backup",
                public.display(),
                secret.display()
            ),
        ),
        E::Random(why) => (
            format!("系统随机数发生器出错：{why}"),
            format!("the system random number generator failed: {why}"),
        ),
        E::Locked(path) => (
            format!(
                "签名密钥 {} 有口令保护，但没有得到口令。请在终端中运行并输入口令，或用环境变量 SCOREBOOK_PASSPHRASE_FILE 指定口令文件。",
                path.display()
            ),
            format!(
                "the signing key {} is protected by a passphrase and none was given: run in a terminal and type it, or name a file holding it in SCOREBOOK_PASSPHRASE_FILE",
                path.display()
            ),
        ),
        E::WrongPassphrase(path) => (
            format!("口令不对，签名密钥 {} 未打开（文件未改动）", path.display()),
            format!(
                "wrong passphrase: the signing key {} stays shut (the file is unchanged)",
                path.display()
            ),
        ),
        E::Damaged { path, why } => (
            format!(
                "签名密钥文件 {} 已损坏或被改动（{why}）：请从备份恢复，或用 scorebook key new --force 新建密钥",
                path.display()
            ),
            format!(
                "the signing key file {} is damaged or altered ({why}): restore it from a backup, or make a new key with scorebook key new --force",
                path.display()
            ),
        ),
        E::DataKeyNeedsPassphrase(_) => (
            "工作区已加密，其数据密钥必须有口令保护：请先运行 scorebook workspace decrypt，再取消口令".into(),
            "the workspace is encrypted and its data key must stay under a passphrase: run scorebook workspace decrypt first, then remove the passphrase".into(),
        ),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn every_error_has_words_in_both_languages() {
        let p = PathBuf::from("/h/keys/reviewer.secret");
        let all = [
            IdentityError::AlreadyExists(p.clone()),
            IdentityError::EmptyName,
            IdentityError::UnsafeName,
            IdentityError::Io {
                path: p.clone(),
                source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
            },
            IdentityError::Malformed {
                path: p.clone(),
                why: "x".into(),
            },
            IdentityError::Mismatch {
                public: p.clone(),
                secret: p.clone(),
            },
            IdentityError::Random("x".into()),
            IdentityError::Locked(p.clone()),
            IdentityError::WrongPassphrase(p.clone()),
            IdentityError::Damaged {
                path: p.clone(),
                why: "x".into(),
            },
            IdentityError::DataKeyNeedsPassphrase(p.clone()),
        ];
        for e in &all {
            let (zh, en) = (error(Lang::Zh, e), error(Lang::En, e));
            assert_ne!(zh, en);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
        }
    }
}
