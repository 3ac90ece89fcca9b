//! `scorebook export` in site review warns, listing them, while site-visit issues are open
//! (issue 11): the warning goes to stderr and the export goes ahead.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

use scorebook::program::Catalog;
use scorebook::review::demo::demo_applicant;
use scorebook::workspace::Workspace;

fn scorebook(home: &Path, lang: &str) -> Command {
    let mut c = Command::cargo_bin("scorebook").unwrap();
    c.env("SCOREBOOK_HOME", home).env("SCOREBOOK_LANG", lang);
    c
}

/// The demo in site review, every issue still open; `resolve` of them resolved.
fn home_on_site(resolve_all: bool) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let catalog = Catalog::embedded();
    let fw = catalog.framework("gbt19580-2012").unwrap();
    let mut a = demo_applicant(&fw.hash, "2026-11-25T09:00:00+08:00").unwrap();
    a.start_site_review().unwrap();
    if resolve_all {
        for item in a.site.as_mut().unwrap().items.values_mut() {
            for issue in &mut item.site_issues {
                issue.status = issue.status.next();
            }
        }
    }
    let (mut ws, _) = Workspace::open(home.path()).unwrap();
    ws.save_applicant(&a).unwrap();
    scorebook(home.path(), "en")
        .args(["key", "new", "--name", "王评审"])
        .assert()
        .success();
    home
}

#[test]
fn export_on_site_lists_open_issues_and_still_exports() {
    let home = home_on_site(false);
    scorebook(home.path(), "zh")
        .args(["export", "示例", "--draft"])
        .assert()
        .success()
        .stderr(predicate::str::contains("尚有 7 条现场核实/澄清要点未处理"))
        .stderr(predicate::str::contains(
            "4.1.3 [待核查] 核实近两年的外部审计报告",
        ))
        .stderr(predicate::str::contains("[待澄清]"));
    scorebook(home.path(), "en")
        .args(["export", "示例", "--draft", "--stage", "site"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "7 site-visit issues are still open:",
        ))
        // 守纪情况 (第二十二条) not recorded: said too, and the sheet is still written.
        .stderr(predicate::str::contains(
            "The applicant's conduct (article 22) is not recorded",
        ));
    // Document review plans the issues and has no visit to evaluate: nothing to warn about.
    scorebook(home.path(), "en")
        .args(["export", "示例", "--draft", "--stage", "document"])
        .assert()
        .success()
        .stderr(predicate::str::contains("still open").not())
        .stderr(predicate::str::contains("conduct").not());
}

#[test]
fn no_warning_once_every_issue_is_resolved() {
    let home = home_on_site(true);
    scorebook(home.path(), "en")
        .args(["export", "示例", "--draft"])
        .assert()
        .success()
        .stderr(predicate::str::contains("still open").not());
}
