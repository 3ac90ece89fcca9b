//! Confidentiality (保密, 第二十一条) in words: the passphrase on the signing key, sheets
//! sealed to the group leader, the workspace encrypted at rest.

use super::Lang;
use crate::service::unlock::PassphraseError;

fn pick(lang: Lang, zh: String, en: String) -> String {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The prompt for the passphrase that opens the key (again after a wrong one).
pub fn prompt_unlock(lang: Lang, retry: bool) -> String {
    match (lang, retry) {
        (Lang::Zh, false) => "签名密钥口令：".into(),
        (Lang::Zh, true) => "口令不对，请再输入一次：".into(),
        (Lang::En, false) => "Passphrase of your signing key: ".into(),
        (Lang::En, true) => "Wrong passphrase, try again: ".into(),
    }
}

/// The prompt for a new passphrase.
pub fn prompt_new(lang: Lang) -> String {
    pick(
        lang,
        "新口令（输入时不显示）：".into(),
        "New passphrase (not shown as you type): ".into(),
    )
}

/// The prompt to type the new passphrase again.
pub fn prompt_again(lang: Lang) -> String {
    pick(lang, "再输入一次：".into(), "Once more: ".into())
}

/// First run: the offer to protect the key about to be made (Enter skips).
pub fn first_run_offer(lang: Lang) -> String {
    pick(
        lang,
        "建议为签名密钥设置口令：笔记本丢失时，别人无法以您的名义签署评分表。\n设置口令（直接回车跳过，练习时可不设；以后可用 scorebook key passphrase 设置）：".into(),
        "We recommend a passphrase on your signing key: a lost laptop then cannot sign sheets in your name.\nSet a passphrase (Enter skips, fine for practice; later: scorebook key passphrase): ".into(),
    )
}

/// Said when the first-run passphrase was skipped.
pub fn first_run_skipped(lang: Lang) -> String {
    pick(
        lang,
        "未设置口令。以后可用 scorebook key passphrase 设置。".into(),
        "No passphrase set. Set one later with: scorebook key passphrase".into(),
    )
}

/// Said when the passphrase could not open the key at the start of the app.
pub fn start_locked(lang: Lang) -> String {
    pick(
        lang,
        "签名密钥未解锁：可以评审，导出评分表前需重新启动并输入口令。".into(),
        "The signing key stays locked: you can review; restart and give the passphrase before exporting a sheet.".into(),
    )
}

/// The notice offering to protect a key kept without a passphrase.
pub fn unprotected_notice(lang: Lang) -> String {
    pick(
        lang,
        "签名密钥未设口令：拿到这台电脑的人可以您的名义签署评分表。设置口令：scorebook key passphrase".into(),
        "Your signing key has no passphrase: whoever holds this laptop can sign sheets in your name. Protect it: scorebook key passphrase".into(),
    )
}

/// `key passphrase` done.
pub fn passphrase_set(lang: Lang, changed: bool) -> String {
    match (lang, changed) {
        (Lang::Zh, false) => "已为签名密钥设置口令。请记住它：口令丢失无法找回，只能新建密钥。".into(),
        (Lang::Zh, true) => "签名密钥的口令已更改。".into(),
        (Lang::En, false) => "Your signing key is now under a passphrase. Remember it: a lost passphrase cannot be recovered, only a new key made.".into(),
        (Lang::En, true) => "The passphrase of your signing key is changed.".into(),
    }
}

/// `key passphrase --remove` done.
pub fn passphrase_removed(lang: Lang) -> String {
    pick(
        lang,
        "已取消签名密钥的口令（不推荐：密钥文件现为明文）。".into(),
        "The passphrase is removed from your signing key (not recommended: the key file is now plain).".into(),
    )
}

/// `key passphrase --remove` on a key that has none.
pub fn passphrase_none(lang: Lang) -> String {
    pick(
        lang,
        "签名密钥本来就没有口令，未作改动。".into(),
        "Your signing key has no passphrase; nothing changed.".into(),
    )
}

/// Why no passphrase could be had.
pub fn passphrase_error(lang: Lang, e: &PassphraseError) -> String {
    match e {
        PassphraseError::Unreadable { path, source } => pick(
            lang,
            format!("无法读取口令文件 {}：{source}", path.display()),
            format!("cannot read the passphrase file {}: {source}", path.display()),
        ),
        PassphraseError::Empty { path } => pick(
            lang,
            format!("口令文件 {} 是空的（或不是 UTF-8 文本）", path.display()),
            format!(
                "the passphrase file {} is empty (or not UTF-8 text)",
                path.display()
            ),
        ),
        PassphraseError::NoTerminal => pick(
            lang,
            "没有终端可以输入口令：请用环境变量 SCOREBOOK_PASSPHRASE_FILE 指定口令文件".into(),
            "no terminal to type a passphrase on: name a file holding it in SCOREBOOK_PASSPHRASE_FILE".into(),
        ),
        PassphraseError::Mismatch => pick(
            lang,
            "两次输入的口令不一致，未作改动".into(),
            "the two passphrases differ; nothing changed".into(),
        ),
        PassphraseError::Skipped => pick(
            lang,
            "未输入口令，未作改动".into(),
            "no passphrase entered; nothing changed".into(),
        ),
    }
}

/// Chinese about text of the commands this area adds.
pub fn command_zh(path: &str) -> Option<&'static str> {
    Some(match path {
        "key passphrase" => "设置或更改保护签名密钥的口令（输入两次，不显示）",
        "workspace" => "工作区：加密或解密（保密）",
        "workspace encrypt" => "把本数据目录的工作区加密保存（需要签名密钥口令）",
        "workspace decrypt" => "把加密的工作区恢复为明文",
        _ => return None,
    })
}

/// Chinese help of the arguments this area adds.
pub fn arg_zh(path: &str, id: &str) -> Option<&'static str> {
    Some(match (path, id) {
        ("key passphrase", "new_passphrase_file") => {
            "从文件读取新口令（去掉末尾一个换行），不在终端询问；原口令取自 SCOREBOOK_PASSPHRASE_FILE 或终端"
        }
        ("key passphrase", "remove") => "取消口令（不推荐：密钥文件将是明文）",
        ("export", "seal") => {
            "把签名评分表加密给评审轮次的评审组长（轮次列出时也加密给评奖办公室；.age 文件，可用 age/rage 解密）"
        }
        ("export", "round") => "评审轮次文件（默认取申报对象导入时的轮次）",
        ("verify", "identity") | ("merge", "identity") => {
            "用这个 age 密钥文件（age-keygen 生成的格式，如评奖办公室的 office.key）打开密封评分表，而不用本机密钥"
        }
        _ => return None,
    })
}

/// A key that did not load, in words ([`super::identity::error`]).
pub fn identity_error(lang: Lang, e: &crate::identity::IdentityError) -> String {
    super::identity::error(lang, e)
}

/// Why a sealed sheet did not open here.
pub fn unsealed(lang: Lang, u: &crate::identity::vault::Unsealed) -> String {
    use crate::identity::vault::Unsealed as U;
    match u {
        U::NoKey => pick(
            lang,
            "这是加密（密封）的评分表，本机没有可以打开它的密钥：应由评审组长在自己的电脑上核验".into(),
            "a sealed sheet, and this home has no key to open it: the group leader verifies it on their own laptop".into(),
        ),
        U::Locked => pick(
            lang,
            "这是加密（密封）的评分表，但签名密钥的口令没有给出，无法打开（在终端中运行，或设置 SCOREBOOK_PASSPHRASE_FILE）".into(),
            "a sealed sheet, but no passphrase was given for the key that opens it (run in a terminal, or set SCOREBOOK_PASSPHRASE_FILE)".into(),
        ),
        U::WrongPassphrase => pick(
            lang,
            "这是加密（密封）的评分表，但签名密钥的口令不对，无法打开".into(),
            "a sealed sheet, but the passphrase of the key that opens it was wrong".into(),
        ),
        U::KeyUnusable { detail } => pick(
            lang,
            format!("这是加密（密封）的评分表，但本机密钥无法使用：{detail}"),
            format!("a sealed sheet, but this home's key cannot be used: {detail}"),
        ),
        U::IdentityFile { path, line, io } => match (line, io) {
            (_, Some(io)) => pick(
                lang,
                format!("无法读取密钥文件 {path}：{io}"),
                format!("cannot read the identity file {path}: {io}"),
            ),
            (Some(n), None) => pick(
                lang,
                format!("密钥文件 {path} 第 {n} 行不是 age 密钥（AGE-SECRET-KEY-1…）"),
                format!("line {n} of the identity file {path} is not an age identity (AGE-SECRET-KEY-1…)"),
            ),
            (None, None) => pick(
                lang,
                format!("密钥文件 {path} 中没有 age 密钥（AGE-SECRET-KEY-1…，由 age-keygen 生成）"),
                format!("the identity file {path} holds no age identity (AGE-SECRET-KEY-1…, as age-keygen writes it)"),
            ),
        },
        U::ForAnother => pick(
            lang,
            "这份评分表是加密给另一位评审组长（另一把密钥）的，不是给您的：请交给它的收件人，或请评审专家按本评审轮次重新导出".into(),
            "this sheet is sealed to another leader's key, not yours: hand it to its addressee, or ask the reviewer to export it again for this round".into(),
        ),
        U::Damaged { detail } => pick(
            lang,
            format!("加密的评分表已损坏或在传送中被改动（{detail}）：请评审专家重新发送"),
            format!("the sealed sheet is damaged or was altered on the way ({detail}): ask the reviewer to send it again"),
        ),
    }
}

/// A verdict on a sheet that came sealed and was opened.
pub fn opened_verdict(lang: Lang, inner: &str) -> String {
    pick(
        lang,
        format!("（已解密的密封评分表）{inner}"),
        format!("(sealed, opened) {inner}"),
    )
}

/// The holders of the keys a sealed sheet opens with, joined: `评审组长 王组长、评奖办公室`.
pub fn addressees(lang: Lang, to: &[crate::service::export::Addressee]) -> String {
    use crate::service::export::Addressee as A;
    let one = |a: &A| match a {
        A::Leader(name) => pick(
            lang,
            format!("评审组长 {name}"),
            format!("the group leader {name}"),
        ),
        A::ActingLeader(name) => pick(
            lang,
            format!("代理组长 {name}"),
            format!("the acting leader {name}"),
        ),
        A::Office => pick(lang, "评奖办公室".into(), "the award office".into()),
    };
    let parts: Vec<String> = to.iter().map(one).collect();
    match lang {
        Lang::Zh => parts.join("、"),
        Lang::En => match parts.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [head @ .., last] => format!("{} and {last}", head.join(", ")),
        },
    }
}

/// `export --seal` done: for whom.
pub fn sealed_to(lang: Lang, to: &[crate::service::export::Addressee]) -> String {
    let who = addressees(lang, to);
    pick(
        lang,
        format!("已加密给{who}：只有他们的密钥能打开（哈希为其中签名评分表的哈希）"),
        format!("sealed to {who}: only their keys open it (the hash is the inner signed sheet's)"),
    )
}

/// Why a sheet cannot be sealed here (the TUI's export dialog, `export --seal` without
/// `--round`).
pub fn unavailable(lang: Lang, u: &crate::service::seal::Unavailable) -> String {
    use crate::service::seal::{KeptFault, Unavailable as U};
    match u {
        U::NotFromRound => pick(
            lang,
            "本机添加的申报对象不属于评审轮次，没有可加密给的评审组长".into(),
            "an applicant added on this laptop belongs to no round: there is no leader to seal to".into(),
        ),
        U::RoundNotKept { .. } => pick(
            lang,
            "本机没有保存这个评审轮次（在此版本之前导入）：请再导入一次评审轮次文件（i）".into(),
            "this home does not keep the round (imported before this version): import the round file again (i)".into(),
        ),
        U::RoundUnreadable { path, why } => {
            let detail = match why {
                KeptFault::Io { kind, text } => super::durable::io_kind(lang, *kind, text),
                KeptFault::AtRest(r) => super::durable::unreadable(lang, r),
                KeptFault::Round(e) => e.message(lang),
            };
            pick(
                lang,
                format!("本机保存的评审轮次 {} 无法使用：{detail}；请再导入一次评审轮次文件", path.display()),
                format!(
                    "the round kept at {} cannot be used: {detail}; import the round file again",
                    path.display()
                ),
            )
        }
        U::NoRecipient { leader } => pick(
            lang,
            format!("评审组长 {leader} 在评审轮次中没有公布加密密钥（成员文件来自旧版本）"),
            format!(
                "the group leader {leader} publishes no encryption key in the round (a member file from an older version)"
            ),
        ),
    }
}

/// The export dialog's sealing line where the round allows it: `key` switches it.
pub fn seal_setting(
    lang: Lang,
    key: &str,
    on: bool,
    to: &[crate::service::export::Addressee],
) -> String {
    let who = addressees(lang, to);
    match (lang, on) {
        (Lang::Zh, true) => format!("[{key}] 密封发送给组长：开 — 加密给{who}"),
        (Lang::Zh, false) => {
            format!("[{key}] 密封发送给组长：关 — 导出明文评分表, 拿到文件的人都能读")
        }
        (Lang::En, true) => format!("[{key}] seal for the leader: ON — sealed to {who}"),
        (Lang::En, false) => format!(
            "[{key}] seal for the leader: OFF — a plain sheet, readable by whoever gets the file"
        ),
    }
}

/// The export dialog's sealing line where sealing is not possible, with the reason.
pub fn seal_unavailable(lang: Lang, why: &crate::service::seal::Unavailable) -> String {
    let reason = unavailable(lang, why);
    pick(
        lang,
        format!("密封发送给组长：不可用 — {reason}"),
        format!("seal for the leader: unavailable — {reason}"),
    )
}

/// The status line after a sealed export from the app: the file, for whom, the inner hash.
pub fn sealed_exported(
    lang: Lang,
    path: &str,
    to: &[crate::service::export::Addressee],
    hash: &str,
) -> String {
    let who = addressees(lang, to);
    pick(
        lang,
        format!("已导出密封评分表: {path} (加密给{who}; SHA-256 {hash})"),
        format!("Sealed sheet exported: {path} (sealed to {who}; SHA-256 {hash})"),
    )
}

/// `workspace encrypt|decrypt` done.
pub fn converted(lang: Lang, encrypt: bool, files: usize, already: usize) -> String {
    match (lang, encrypt) {
        (Lang::Zh, true) => format!(
            "工作区已加密：本次加密 {files} 个文件，{already} 个此前已加密。以后的保存都加密；打开工作区需要签名密钥口令。"
        ),
        (Lang::Zh, false) => {
            format!("工作区已恢复为明文：本次解密 {files} 个文件，{already} 个此前已是明文。")
        }
        (Lang::En, true) => format!(
            "The workspace is encrypted: {files} file(s) encrypted now, {already} already were. Every save is encrypted from now on; opening the workspace takes your key's passphrase."
        ),
        (Lang::En, false) => format!(
            "The workspace is plain again: {files} file(s) decrypted now, {already} already were plain."
        ),
    }
}
