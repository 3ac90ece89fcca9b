//! `--help` in the interface language. clap's texts come from the doc comments in English; for
//! Chinese this rewrites them from a table keyed by command path and argument id. A missing entry
//! keeps the English text, so a new subcommand or flag never breaks the build or the help.

use std::ffi::OsString;

use clap::{Command, CommandFactory};

use super::Cli;
use crate::i18n::cli::{
    ARGUMENTS_ZH, COMMANDS_ZH, HELP_TEMPLATE_ZH, OPTIONS_ZH, arg_zh, command_zh, value_zh,
    values_tail_zh,
};
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
    if lang == Lang::En {
        return cmd;
    }
    // Build first so clap's own --help, --version, help subcommand and the propagated global
    // flags exist and can be translated too.
    cmd.build();
    translate(cmd, "")
}

fn translate(cmd: Command, path: &str) -> Command {
    let mut cmd = cmd
        .help_template(HELP_TEMPLATE_ZH)
        .subcommand_help_heading(COMMANDS_ZH)
        .subcommand_value_name(COMMANDS_ZH);
    if let Some(about) = command_zh(path) {
        cmd = cmd.about(about).long_about(None);
    }
    let here = path.to_string();
    cmd = cmd.mut_args(move |a| {
        let heading = if a.is_positional() {
            ARGUMENTS_ZH
        } else {
            OPTIONS_ZH
        };
        let id = a.get_id().as_str().to_string();
        let text = arg_zh(&here, &id);
        let a = a.help_heading(heading);
        let values: Vec<(String, Option<&str>)> = a
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| (v.get_name().to_string(), value_zh(&id, v.get_name())))
            .collect();
        // Flags have a hidden "false" default; only a value's default is worth saying.
        let default = a
            .get_default_values()
            .first()
            .filter(|_| a.get_action().takes_values())
            .map(|d| d.to_string_lossy().into_owned());
        let a = if values.is_empty() && default.is_none() {
            a
        } else {
            a.hide_possible_values(true).hide_default_value(true)
        };
        let tail = values_tail_zh(&values, default.as_deref());
        match (text, a.get_help().map(ToString::to_string)) {
            (Some(t), _) => a.help(format!("{t}{tail}")).long_help(None),
            (None, Some(en)) if !tail.is_empty() => a.help(format!("{en}{tail}")),
            (None, _) => a,
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

    /// Every command and flag, and the globals, have a Chinese text.
    #[test]
    fn every_command_is_fully_translated() {
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
        walk(&cmd, "", &mut missing);
        assert_eq!(missing, Vec::<String>::new());
    }

    /// Possible values and defaults are said in Chinese, not in clap's English.
    #[test]
    fn possible_values_in_chinese() {
        let export = help(Lang::Zh, &["scorebook", "export", "--help"]);
        assert!(export.contains("document（资料评审）"), "{export}");
        assert!(export.contains("默认值：json"), "{export}");
        assert!(!export.contains("possible values"), "{export}");
        let english = help(Lang::En, &["scorebook", "export", "--help"]);
        assert!(english.contains("possible values"), "{english}");
    }
}
