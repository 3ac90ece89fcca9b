//! What can go wrong in the workspace, and what the user is told at open.

use std::path::PathBuf;

use crate::lang::Lang;

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
                    source
                ),
                WorkspaceError::Encode { what, source } => {
                    format!("无法编码 {what}：{source}")
                }
                WorkspaceError::InvalidId { id, reason } => {
                    format!("申报单位编号“{id}”无效：{reason}")
                }
                WorkspaceError::NotFound(id) => format!("没有编号为“{id}”的申报单位"),
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

/// Something the user should see once the workspace is open; nothing here stops it opening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Another instance holds the lock: this one opened read-only.
    ReadOnly { lock: PathBuf },
    /// The lock could not be taken for another reason (file system without locks, permissions):
    /// opened read-only so that nothing is corrupted.
    LockUnavailable { lock: PathBuf, reason: String },
    /// A file could not be read or parsed. It was moved aside (`moved_to`), or, in a read-only
    /// workspace, left where it is (`moved_to: None`).
    Quarantined {
        file: PathBuf,
        reason: String,
        moved_to: Option<PathBuf>,
    },
}

impl Notice {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
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
            (
                Notice::Quarantined {
                    file,
                    reason,
                    moved_to,
                },
                Lang::Zh,
            ) => match moved_to {
                Some(to) => format!(
                    "文件 {} 无法读取（{}），已移至 {}，其余内容正常打开",
                    file.display(),
                    reason,
                    to.display()
                ),
                None => format!(
                    "文件 {} 无法读取（{}），已跳过（只读模式下未移动）",
                    file.display(),
                    reason
                ),
            },
            (
                Notice::Quarantined {
                    file,
                    reason,
                    moved_to,
                },
                Lang::En,
            ) => match moved_to {
                Some(to) => format!(
                    "Could not read {} ({}); moved it to {}; everything else opened",
                    file.display(),
                    reason,
                    to.display()
                ),
                None => format!(
                    "Could not read {} ({}); skipped it (left in place: read-only)",
                    file.display(),
                    reason
                ),
            },
        }
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
                    let rest = src.get(i + marker.len()..).unwrap();
                    let action = rest.get(..rest.find('"').unwrap()).unwrap();
                    assert!(!action_zh(action).is_ascii(), "no Chinese for '{action}'");
                    seen += 1;
                }
            }
        }
        assert!(seen >= 12, "found only {seen} actions");
    }
}
