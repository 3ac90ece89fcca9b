//! Words for durability: what the disk refused, which file was set aside and why, a read-only
//! home, a framework edition that changed under a review, a key readable by others, and the
//! save state the TUI shows. The OS's own words are kept only where we have none better.

use std::io::ErrorKind;
use std::path::Path;

use super::{Lang, pick};
use crate::review::ValueProblem;
use crate::workspace::error::{FrameworkChange, Notice, Unreadable};

/// An I/O error as a person reads it. Known kinds get a sentence in the interface language
/// (the English one is the OS's own wording, so it matches what `dmesg` and forums say).
pub fn io_error(lang: Lang, e: &std::io::Error) -> String {
    io_kind(lang, e.kind(), &e.to_string())
}

/// Like [`io_error`] from a kind and the OS's text, for errors stored as values.
pub fn io_kind(lang: Lang, kind: ErrorKind, text: &str) -> String {
    let known = match kind {
        ErrorKind::StorageFull => Some(pick(lang, "磁盘已满", "no space left on the disk")),
        ErrorKind::ReadOnlyFilesystem => Some(pick(
            lang,
            "磁盘或文件夹为只读",
            "the disk or folder is read-only",
        )),
        ErrorKind::PermissionDenied => Some(pick(lang, "没有权限", "permission denied")),
        ErrorKind::NotFound => Some(pick(lang, "找不到文件或文件夹", "no such file or folder")),
        ErrorKind::WriteZero => Some(pick(
            lang,
            "磁盘只写入了文件的一部分",
            "the disk took only part of the file",
        )),
        ErrorKind::ResourceBusy => Some(pick(lang, "文件正被占用", "the file is busy")),
        ErrorKind::QuotaExceeded => Some(pick(lang, "超出磁盘配额", "disk quota exceeded")),
        ErrorKind::IsADirectory => Some(pick(lang, "这是一个文件夹", "it is a folder")),
        _ => None,
    };
    match (known, lang) {
        (Some(words), _) => words.to_string(),
        (None, Lang::Zh) => format!("系统错误：{text}"),
        (None, Lang::En) => text.to_string(),
    }
}

/// Why a file was set aside.
pub fn unreadable(lang: Lang, r: &Unreadable) -> String {
    match (r, lang) {
        (Unreadable::Io { kind, text }, _) => io_kind(lang, *kind, text),
        (Unreadable::Json(detail), Lang::Zh) => format!("不是有效的 JSON：{detail}"),
        (Unreadable::Json(detail), Lang::En) => format!("not valid JSON: {detail}"),
        (Unreadable::TrailingData { line, column }, Lang::Zh) => {
            format!("JSON 之后还有多余内容（第 {line} 行第 {column} 列）")
        }
        (Unreadable::TrailingData { line, column }, Lang::En) => {
            format!("something follows the JSON (line {line}, column {column})")
        }
        (Unreadable::Folder, _) => pick(
            lang,
            "这里应是申报对象文件，却是一个文件夹",
            "a folder where an applicant file should be",
        )
        .into(),
        (Unreadable::DanglingLink, _) => pick(
            lang,
            "这是一个符号链接，其指向的文件不存在",
            "a symbolic link to a file that does not exist",
        )
        .into(),
        (Unreadable::NotAFile, _) => pick(lang, "不是普通文件", "not a regular file").into(),
        (Unreadable::BadName, _) => pick(
            lang,
            "文件名不是申报对象编号",
            "the file name is not an applicant id",
        )
        .into(),
        (Unreadable::WrongId { holds, named }, Lang::Zh) => {
            format!("文件内是申报对象“{holds}”，文件名却是“{named}”")
        }
        (Unreadable::WrongId { holds, named }, Lang::En) => {
            format!("it holds applicant '{holds}' but is named '{named}'")
        }
        (Unreadable::BadValue(v), _) => value_problem(lang, v),
        (Unreadable::Locked, _) => pick(
            lang,
            "已加密，而工作区的数据密钥未解锁（需要签名密钥口令）",
            "encrypted, and the workspace's data key is not unlocked (it needs your key's passphrase)",
        )
        .into(),
        (Unreadable::SealedForAnother, _) => pick(
            lang,
            "已加密给另一把密钥，不是本数据目录的数据密钥",
            "encrypted to another key than this home's data key",
        )
        .into(),
        (Unreadable::SealedDamaged(detail), Lang::Zh) => {
            format!("加密文件已损坏或被改动（{detail}）")
        }
        (Unreadable::SealedDamaged(detail), Lang::En) => {
            format!("the encrypted file is damaged or altered ({detail})")
        }
    }
}

pub fn value_problem(lang: Lang, v: &ValueProblem) -> String {
    match (v, lang) {
        (
            ValueProblem::PercentAbove100 {
                stage,
                item,
                percent,
            },
            Lang::Zh,
        ) => format!(
            "{}条款 {item} 的得分率为 {percent}%，超过 100%",
            stage.label(lang)
        ),
        (
            ValueProblem::PercentAbove100 {
                stage,
                item,
                percent,
            },
            Lang::En,
        ) => format!(
            "item {item} in the {} has a percent of {percent}, above 100",
            stage.label(lang)
        ),
    }
}

/// A start-up notice.
pub fn notice(n: &Notice, lang: Lang) -> String {
    match (n, lang) {
        (Notice::EncryptedLocked { path }, Lang::Zh) => format!(
            "工作区已加密，口令未给出，未读取任何申报对象（数据密钥 {}）",
            path.display()
        ),
        (Notice::EncryptedLocked { path }, Lang::En) => format!(
            "The workspace is encrypted and no passphrase was given: no applicant was read (data key {})",
            path.display()
        ),
        (Notice::ReadOnly { lock }, Lang::Zh) => format!(
            "另一个记分册窗口正在使用此工作区，本窗口以只读方式打开（锁文件 {}）",
            lock.display()
        ),
        (Notice::ReadOnly { lock }, Lang::En) => format!(
            "The workspace is open in another Scorebook; this one is read-only (lock {})",
            lock.display()
        ),
        (Notice::LockUnavailable { lock, reason }, Lang::Zh) => format!(
            "无法锁定工作区（{}：{}），本窗口以只读方式打开",
            lock.display(),
            reason
        ),
        (Notice::LockUnavailable { lock, reason }, Lang::En) => format!(
            "Could not lock the workspace ({}: {}); opened read-only",
            lock.display(),
            reason
        ),
        (Notice::HomeNotWritable { dir, kind, text }, Lang::Zh) => format!(
            "无法写入工作区 {}（{}），本窗口以只读方式打开：可以查看，但任何改动都不会保存",
            dir.display(),
            io_kind(lang, *kind, text)
        ),
        (Notice::HomeNotWritable { dir, kind, text }, Lang::En) => format!(
            "The workspace {} cannot be written ({}); opened read-only: you can look, but no change is saved",
            dir.display(),
            io_kind(lang, *kind, text)
        ),
        (
            Notice::Quarantined {
                file,
                reason,
                moved_to,
                move_failed,
            },
            _,
        ) => quarantined(
            lang,
            file,
            reason,
            moved_to.as_deref(),
            move_failed.as_deref(),
        ),
        (Notice::FrameworkChanged(c), _) => framework_changed(lang, c),
    }
}

fn quarantined(
    lang: Lang,
    file: &Path,
    reason: &Unreadable,
    moved_to: Option<&Path>,
    move_failed: Option<&str>,
) -> String {
    let why = unreadable(lang, reason);
    let file = file.display();
    match (moved_to, move_failed, lang) {
        (Some(to), _, Lang::Zh) => format!(
            "文件 {file} 无法打开（{why}），已移至 {}，其余内容正常打开",
            to.display()
        ),
        (Some(to), _, Lang::En) => format!(
            "Could not open {file} ({why}); moved it to {}; everything else opened",
            to.display()
        ),
        (None, Some(err), Lang::Zh) => {
            format!("文件 {file} 无法打开（{why}），已跳过；移走它也失败了：{err}")
        }
        (None, Some(err), Lang::En) => {
            format!("Could not open {file} ({why}); skipped it; moving it aside failed too: {err}")
        }
        (None, None, Lang::Zh) => {
            format!("文件 {file} 无法打开（{why}），已跳过（只读模式下未移动）")
        }
        (None, None, Lang::En) => {
            format!("Could not open {file} ({why}); skipped it (left in place: read-only)")
        }
    }
}

fn framework_changed(lang: Lang, c: &FrameworkChange) -> String {
    let stage = c.stage.label(lang);
    let edition = super::criteria::edition_notice(lang, &c.edition);
    let mut out = match lang {
        Lang::Zh => format!("申报对象 {} 的{stage}：{edition}", c.applicant),
        Lang::En => format!("{}, {stage}: {edition}", c.applicant),
    };
    if !c.dropped_items.is_empty() {
        let dropped = c.dropped_items.join(", ");
        out.push_str(&match lang {
            Lang::Zh => format!("当前版本中没有已评条款 {dropped}，其分数和评语仍保存在文件中。"),
            Lang::En => format!(
                " The current edition lacks the scored items {dropped}; their scores and comments stay in the file."
            ),
        });
    }
    if !c.off_step.is_empty() {
        let off = c
            .off_step
            .iter()
            .map(|(item, p, step)| format!("{item} {p}%/{step}%"))
            .collect::<Vec<_>>()
            .join(", ");
        out.push_str(&match lang {
            Lang::Zh => format!("这些得分率不在当前版本的步长上：{off}。"),
            Lang::En => format!(" These percents are off the current edition's step: {off}."),
        });
    }
    out
}

/// The secret key can be read by others than its owner.
pub fn key_permissions(lang: Lang, path: &Path, mode: u32) -> String {
    match lang {
        Lang::Zh => format!(
            "警告：私钥文件 {} 的权限为 {mode:04o}，其他用户可以读取。请运行 chmod 600 {}",
            path.display(),
            path.display()
        ),
        Lang::En => format!(
            "warning: the secret key {} has permissions {mode:04o} and can be read by others; run chmod 600 {}",
            path.display(),
            path.display()
        ),
    }
}

/// The status line while a save is failing: plainly not saved, and what happens next.
pub fn not_saved(lang: Lang, error: &str, attempt: u32) -> String {
    match lang {
        Lang::Zh => format!(
            "尚未保存！{error}。改动保留在本窗口中，正在自动重试（已试 {attempt} 次）；退出时会提示另存到其他文件夹"
        ),
        Lang::En => format!(
            "NOT SAVED: {error}. Your changes are kept in this window and saving is retried (tried {attempt} times); quitting will offer another folder"
        ),
    }
}

/// The editing hint while a save is failing (instead of "saved as you type").
pub fn editing_hint_unsaved(lang: Lang, multiline: bool) -> &'static str {
    match (multiline, lang) {
        (true, Lang::Zh) => {
            "编辑中: Enter 换行  Esc 完成 (尚未保存，正在重试)  Ctrl+Z 撤销  Ctrl+Y 重做"
        }
        (true, Lang::En) => {
            "Editing: Enter new line  Esc done (NOT saved yet, retrying)  Ctrl+Z undo  Ctrl+Y redo"
        }
        (false, Lang::Zh) => {
            "编辑中: Enter/Esc 完成 (尚未保存，正在重试)  Ctrl+Z 撤销  Ctrl+Y 重做"
        }
        (false, Lang::En) => {
            "Editing: Enter/Esc done (NOT saved yet, retrying)  Ctrl+Z undo  Ctrl+Y redo"
        }
    }
}

/// Export refused because this window's changes are not on disk.
pub fn export_unsaved(lang: Lang) -> &'static str {
    pick(
        lang,
        "未导出：最近的改动尚未保存到磁盘，导出会签署较旧的内容。请等保存成功后再导出",
        "Not exported: your latest changes are not on disk yet, and an export would sign an older copy. Export once saving works again",
    )
}

/// Said on stderr when the app ends with work not in the workspace.
pub fn exit_unsaved(lang: Lang, count: usize, rescued_to: Option<&Path>) -> String {
    match (rescued_to, lang) {
        (Some(dir), Lang::Zh) => format!(
            "{count} 项改动未能保存到工作区，已写入 {}；磁盘恢复后请把其中的文件复制回 workspace/applicants/",
            dir.display()
        ),
        (Some(dir), Lang::En) => format!(
            "{count} change(s) could not be saved in the workspace and were written to {}; copy those files back into workspace/applicants/ once the disk works",
            dir.display()
        ),
        (None, Lang::Zh) => format!("{count} 项改动未能保存（磁盘拒绝写入）"),
        (None, Lang::En) => format!("{count} change(s) could not be saved (the disk refused them)"),
    }
}

impl crate::identity::KeyWarning {
    /// The warning in the interface language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            crate::identity::KeyWarning::SecretTooOpen { path, mode } => {
                key_permissions(lang, path, *mode)
            }
        }
    }
}
