//! What can go wrong in the workspace, and what the user is told at open.

use std::path::PathBuf;

use crate::lang::Lang;
use crate::program::catalog::EditionNotice;
use crate::review::Stage;

#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// Another Scorebook holds the lock; this one may read but not write.
    #[error(
        "not saved: the workspace is open in another Scorebook (lock {lock}); this window is read-only"
    )]
    ReadOnly { lock: PathBuf },
    /// A file-system step failed; `action` says which (write, flush to disk, replace, …).
    #[error("could not {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("could not encode {what} as JSON: {source}")]
    Encode {
        what: String,
        #[source]
        source: serde_json::Error,
    },
    #[error("invalid applicant id '{id}': {reason}")]
    InvalidId { id: String, reason: &'static str },
    #[error("no applicant with id '{0}'")]
    NotFound(String),
    /// A file that must be read now (an applicant about to be signed) is damaged.
    #[error(
        "could not read {path}: {}",
        crate::i18n::durable::unreadable(Lang::En, reason)
    )]
    Unreadable { path: PathBuf, reason: Unreadable },
}

impl WorkspaceError {
    /// The message in the interface language. English is the `Display` text; Chinese adds a
    /// short lead and keeps the technical detail (file, OS error) verbatim.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => match self {
                WorkspaceError::ReadOnly { lock } => format!(
                    "未保存：另一个记分册窗口正在使用此工作区（锁文件 {}），本窗口为只读",
                    lock.display()
                ),
                WorkspaceError::Io {
                    action,
                    path,
                    source,
                } => format!(
                    "无法{}：{}：{}。上一次保存的内容未受影响",
                    action_zh(action),
                    path.display(),
                    crate::i18n::durable::io_error(lang, source)
                ),
                WorkspaceError::Encode { what, source } => {
                    format!("无法编码 {what}：{source}")
                }
                WorkspaceError::InvalidId { id, reason } => {
                    format!("申报单位编号“{id}”无效：{reason}")
                }
                WorkspaceError::NotFound(id) => format!("没有编号为“{id}”的申报单位"),
                WorkspaceError::Unreadable { path, reason } => format!(
                    "无法读取 {}：{}",
                    path.display(),
                    crate::i18n::durable::unreadable(lang, reason)
                ),
            },
        }
    }
}

/// The failed step in Chinese; an unknown step keeps its English words rather than vanish.
fn action_zh(action: &str) -> String {
    let zh = match action {
        "create a temporary file beside" => "创建临时文件（位于其旁）",
        "write" => "写入",
        "flush to disk" => "写入磁盘",
        "replace" => "替换文件",
        "flush the folder of" => "同步文件夹",
        "create the folder" => "创建文件夹",
        "open the lock" => "打开锁文件",
        "lock" => "加锁",
        "read" => "读取",
        "move to removed/" => "移至 removed/ 备份",
        "start the saving thread for" => "启动保存线程",
        "read the export counters (fix or remove the file; versions must rise) in" => {
            "读取导出版本计数（请修复或删除该文件；版本号必须递增）"
        }
        "raise the export version (counter exhausted) in" => "递增导出版本号（计数已满）",
        other => return other.to_string(),
    };
    zh.to_string()
}

/// Why a file under the workspace was not opened. Worded by `i18n::durable`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// The OS refused to read it.
    Io {
        kind: std::io::ErrorKind,
        text: String,
    },
    /// Not valid JSON of the expected shape: the JSON path, line and column, and serde's words.
    Json(String),
    /// Valid JSON followed by something else (a second document, garbage) at this line.
    TrailingData { line: usize, column: usize },
    /// A folder where an applicant file should be.
    Folder,
    /// A symbolic link whose target does not exist.
    DanglingLink,
    /// Not a regular file (a device, a socket, a pipe).
    NotAFile,
    /// The file name is not one we could have written for an applicant id.
    BadName,
    /// It holds another applicant than its name says.
    WrongId { holds: String, named: String },
    /// A value outside what the app can ever write (a percent above 100).
    BadValue(crate::review::ValueProblem),
}

/// Something the user should see once the workspace is open; nothing here stops it opening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Another instance holds the lock: this one opened read-only.
    ReadOnly { lock: PathBuf },
    /// The lock could not be taken for another reason (file system without locks, permissions):
    /// opened read-only so that nothing is corrupted.
    LockUnavailable { lock: PathBuf, reason: String },
    /// The home cannot be written (a read-only mount, no permission): opened read-only rather
    /// than fail on every keystroke.
    HomeNotWritable {
        dir: PathBuf,
        kind: std::io::ErrorKind,
        text: String,
    },
    /// A file could not be read or parsed. It was moved aside (`moved_to`), or, in a read-only
    /// workspace or when moving failed (`move_failed`), left where it is (`moved_to: None`).
    Quarantined {
        file: PathBuf,
        reason: Unreadable,
        moved_to: Option<PathBuf>,
        move_failed: Option<String>,
    },
    /// A review was scored on another edition of its framework than the one the app now has
    /// under that id (a home override). The review keeps every score and comment.
    FrameworkChanged(FrameworkChange),
}

/// A review whose framework edition is not the current one, found at open, with what the
/// current edition would do to it: the catalogue's [`EditionNotice`] plus the scored items the
/// current edition lacks and the percents off its step. Both lists stay empty when the scored
/// edition is still known (the review opens on it unchanged).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkChange {
    pub applicant: String,
    pub stage: Stage,
    pub edition: EditionNotice,
    /// Scored items the current edition no longer has.
    pub dropped_items: Vec<String>,
    /// Scored percents that are off the current edition's step: (item, percent, step).
    pub off_step: Vec<(String, u8, u8)>,
}

impl Notice {
    pub fn message(&self, lang: Lang) -> String {
        crate::i18n::durable::notice(self, lang)
    }
}

#[cfg(test)]
mod tests {
    use super::action_zh;

    /// Every step named in the workspace sources has a Chinese name.
    #[test]
    fn every_action_has_chinese() {
        let sources = [
            include_str!("atomic.rs"),
            include_str!("counters.rs"),
            include_str!("mod.rs"),
            include_str!("saver.rs"),
        ];
        let mut seen = 0;
        for src in sources {
            for marker in ["action: \"", "io(\""] {
                for (i, _) in src.match_indices(marker) {
                    let rest = &src[i + marker.len()..];
                    let action = &rest[..rest.find('"').unwrap()];
                    assert!(!action_zh(action).is_ascii(), "no Chinese for '{action}'");
                    seen += 1;
                }
            }
        }
        assert!(seen >= 12, "found only {seen} actions");
    }
}
