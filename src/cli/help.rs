//! `--help` in the interface language. clap's texts come from the doc comments in English; for
//! Chinese this rewrites them from a table keyed by command path and argument id. A missing entry
//! keeps the English text, so a new subcommand or flag never breaks the build or the help.

use std::ffi::OsString;

use clap::{Command, CommandFactory};

use super::Cli;
use crate::lang::Lang;

/// The language for help and messages, chosen before clap parses anything: `--lang X` or
/// `--lang=X` on the command line, else the environment, else Chinese.
pub fn lang_from_args(args: &[OsString]) -> Lang {
    let mut explicit = None;
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            explicit = it.next().and_then(|v| v.parse().ok()).or(explicit);
        } else if let Some(v) = a.strip_prefix("--lang=") {
            explicit = v.parse().ok().or(explicit);
        }
    }
    Lang::detect(explicit)
}

/// The whole command tree with help in `lang`.
pub fn localised_command(lang: Lang) -> Command {
    let mut cmd = Cli::command();
    match lang {
        Lang::En => cmd,
        Lang::Zh => {
            // Build first so clap's own --help, --version, help subcommand and the propagated
            // global flags exist and can be translated too.
            cmd.build();
            translate(cmd, "")
        }
    }
}

const TEMPLATE_ZH: &str =
    "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

fn translate(cmd: Command, path: &str) -> Command {
    let mut cmd = cmd
        .help_template(TEMPLATE_ZH)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令");
    if let Some(about) = command_zh(path) {
        cmd = cmd.about(about).long_about(None);
    }
    let here = path.to_string();
    cmd = cmd.mut_args(move |a| {
        let heading = if a.is_positional() {
            "参数"
        } else {
            "选项"
        };
        let text = arg_zh(&here, a.get_id().as_str());
        let a = a.help_heading(heading);
        match text {
            Some(t) => a.help(t).long_help(None),
            None => a,
        }
    });
    let here = path.to_string();
    cmd.mut_subcommands(move |sub| {
        let child = if here.is_empty() {
            sub.get_name().to_string()
        } else {
            format!("{here} {}", sub.get_name())
        };
        translate(sub, &child)
    })
}

/// About text of a command, by path (`""` is the root, `"criteria show"` a subcommand).
pub fn command_zh(path: &str) -> Option<&'static str> {
    // `help` appears under every command with subcommands.
    let last = path.rsplit(' ').next().unwrap_or(path);
    if last == "help" {
        return Some("显示本帮助，或指定子命令的帮助");
    }
    // `scorebook help criteria show` lists the same commands as `scorebook criteria show`.
    if let Some(rest) = path.strip_prefix("help ") {
        return command_zh(rest);
    }
    if let Some((head, rest)) = path.split_once(" help ") {
        return command_zh(&format!("{head} {rest}"));
    }
    Some(match path {
        "" => "评审记分册 Scorebook：质量奖评审专家的离线评分表",
        "criteria" => "评价准则与评奖办法：列出、查看、检查",
        "criteria list" => "列出评价准则和评奖办法（内置的和数据目录中的）",
        "criteria show" => "查看评价准则的类目与条款，或评奖办法的类别、阶段和资格条件",
        "criteria check" => "检查准则文件；有错误时列出全部错误并以状态 1 退出",
        "key" => "评审员签名密钥：新建、查看",
        "key new" => "新建签名密钥",
        "key show" => "查看签名密钥及其指纹",
        "export" => "导出某申报者某评审阶段的已签名评分表",
        "verify" => "验证已签名的评分表",
        "roster" => "评审组名单：新建、添加",
        "roster new" => "新建评审组名单",
        "roster add" => "向评审组名单添加评审员",
        "roster show" => "查看评审组名单",
        "merge" => "汇总评审组的评分表：统计、分歧、排名、报告",
        "consensus" => "在终端中形成评审组合议意见",
        "rank" => "按评奖办法的名额对汇总结果排名",
        _ => return None,
    })
}

/// Help text of an argument, by command path and argument id. Global flags and clap's own
/// flags read the same everywhere.
pub fn arg_zh(path: &str, id: &str) -> Option<&'static str> {
    let global = match id {
        "home" => Some("数据目录（准则覆盖、工作区、密钥、配置）"),
        "lang" => Some("界面语言：zh 或 en（默认取自 LANG，否则为中文）"),
        "help" => Some("显示帮助"),
        "version" => Some("显示版本"),
        _ => None,
    };
    if global.is_some() {
        return global;
    }
    let last = path.rsplit(' ').next().unwrap_or(path);
    if last == "help" && id == "subcommand" {
        return Some("要查看帮助的子命令");
    }
    Some(match (path, id) {
        ("criteria show", "id") => "评价准则或评奖办法的 id，例如 gbt19580-2012、jinshan-2023",
        ("criteria show", "json") => "以 JSON 输出完整的已加载文档",
        ("criteria check", "files") => "评价准则或评奖办法文件（JSON）",
        (_, "out" | "output") => "输出文件或目录",
        (_, "applicant") => "申报者",
        (_, "stage") => "评审阶段",
        (_, "program") => "评奖办法 id",
        (_, "track") => "评奖类别 id",
        (_, "roster") => "评审组名单文件",
        (_, "sheets" | "files") => "评分表文件",
        (_, "draft") => "导出未完成的评分（草稿）",
        (_, "force") => "覆盖已有文件",
        (_, "name") => "评审员姓名",
        (_, "format") => "输出格式",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn lang_is_read_from_raw_args() {
        assert_eq!(
            lang_from_args(&os(&["scorebook", "--lang", "en", "criteria"])),
            Lang::En
        );
        assert_eq!(
            lang_from_args(&os(&["scorebook", "criteria", "--lang=zh"])),
            Lang::Zh
        );
        // A value after `--` is not a flag.
        let after = lang_from_args(&os(&["scorebook", "--lang", "zh", "--", "--lang", "en"]));
        assert_eq!(after, Lang::Zh);
    }

    fn help(lang: Lang, args: &[&str]) -> String {
        let err = localised_command(lang)
            .try_get_matches_from(args)
            .expect_err("--help stops parsing");
        err.render().to_string()
    }

    #[test]
    fn chinese_help_on_every_criteria_command() {
        let root = help(Lang::Zh, &["scorebook", "--help"]);
        assert!(root.contains("用法："), "{root}");
        assert!(root.contains("评价准则与评奖办法"), "{root}");
        assert!(root.contains("界面语言"), "{root}");
        assert!(root.contains("显示本帮助"), "{root}");
        let show = help(Lang::Zh, &["scorebook", "criteria", "show", "--help"]);
        assert!(show.contains("以 JSON 输出"), "{show}");
        assert!(show.contains("数据目录"), "{show}");
        assert!(show.contains("显示帮助"), "{show}");
        assert!(!show.contains("Print help"), "{show}");
        let english = help(Lang::En, &["scorebook", "criteria", "show", "--help"]);
        assert!(
            english.contains("Print the full loaded document as JSON"),
            "{english}"
        );
    }

    /// Every command and flag of `criteria` and the globals have a Chinese text.
    #[test]
    fn criteria_commands_are_fully_translated() {
        let mut cmd = Cli::command();
        cmd.build();
        fn walk(cmd: &Command, path: &str, missing: &mut Vec<String>) {
            if command_zh(path).is_none() {
                missing.push(format!("command {path:?}"));
            }
            for a in cmd.get_arguments() {
                if arg_zh(path, a.get_id().as_str()).is_none() {
                    missing.push(format!("{path:?} --{}", a.get_id()));
                }
            }
            for sub in cmd.get_subcommands() {
                let child = format!("{path} {}", sub.get_name()).trim().to_string();
                walk(sub, &child, missing);
            }
        }
        let mut missing = Vec::new();
        let criteria = cmd.find_subcommand("criteria").unwrap();
        walk(criteria, "criteria", &mut missing);
        for a in cmd.get_arguments() {
            if arg_zh("", a.get_id().as_str()).is_none() {
                missing.push(format!("global --{}", a.get_id()));
            }
        }
        assert_eq!(missing, Vec::<String>::new());
    }
}
