//! Languages of the interface and bilingual text from data files.

use serde::{Deserialize, Serialize};

/// The interface language. Chinese is the default: the reviewers work in Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// From an explicit choice, else the environment's `LANG`/`LC_ALL`, else Chinese.
    pub fn detect(explicit: Option<Lang>) -> Lang {
        if let Some(l) = explicit {
            return l;
        }
        for var in ["SCOREBOOK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Some(l) = std::env::var(var).ok().and_then(|v| Lang::from_locale(&v)) {
                return l;
            }
        }
        Lang::Zh
    }

    /// `zh_CN.UTF-8` → Zh, `en_US` → En, `C`/`POSIX`/empty → None.
    pub fn from_locale(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("zh") {
            Some(Lang::Zh)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "cn" | "zh-cn" | "zh_cn" | "chinese" | "中文" => Ok(Lang::Zh),
            "en" | "english" => Ok(Lang::En),
            other => Err(format!("unknown language '{other}' (use zh or en)")),
        }
    }
}

/// A piece of text given in both languages, as every data file carries it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}
