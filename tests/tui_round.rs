//! The round in the terminal app (issue 9): `i` imports a round file from a typed path (with
//! `~`), round applicants show their numbers and local ones are marked, `c` turns 无利害关系
//! into 有利害关系 (and no further), a round applicant cannot be renamed, and `e` on a recused
//! one writes the signed recusal record. Two laptops going through the TUI end with the same
//! ids for the same companies. Snapshots of the changed screens at 80×24 and 120×40, zh and en.

#[path = "common/screen.rs"]
mod screen;

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use scorebook::identity::{Identity, Role};
use scorebook::lang::Lang;
use scorebook::program::Catalog;
use scorebook::review::demo::demo_applicant;
use scorebook::review::{Applicant, ConflictDeclaration, Origin};
use scorebook::round::Round;
use scorebook::service::round_import::Imported;
use scorebook::testkit::round as kit;
use scorebook::tui::app::{load, now, run_effects};
use scorebook::tui::keymap::{KeyMap, split_alt, translate};
use scorebook::tui::model::{Dialog, Model, StatusLine};
use scorebook::tui::update::update;
use scorebook::workspace::{BackgroundSaver, Workspace};

struct App {
    m: Model,
    ws: Workspace,
    saver: BackgroundSaver,
}

impl App {
    /// Opens `home` and goes through the first run under `name` (the key is made then).
    fn first_run(home: &Path, lang: Lang, name: &str) -> App {
        let (m, ws) = load(home, Some(lang)).unwrap();
        let saver = BackgroundSaver::spawn(ws.saver()).unwrap();
        let mut app = App { m, ws, saver };
        app.type_text(name);
        app.key(KeyCode::Enter);
        assert!(app.m.dialog.is_none(), "{}", app.screen());
        app
    }

    fn key(&mut self, code: KeyCode) {
        let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        for ev in split_alt(&self.m, ev) {
            if let Some(a) = translate(&self.m, &ev) {
                let fx = update(&mut self.m, a, &now());
                run_effects(&mut self.m, &mut self.ws, &self.saver, fx);
            }
        }
    }

    fn type_text(&mut self, s: &str) {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    fn screen(&self) -> String {
        screen::render(&self.m)
    }

    /// `i`, the path, Enter.
    fn import(&mut self, typed: &str) {
        self.key(KeyCode::Char('i'));
        assert!(matches!(self.m.dialog, Some(Dialog::ImportRound { .. })));
        self.type_text(typed);
        self.key(KeyCode::Enter);
    }

    fn select(&mut self, id: &str) {
        self.m.current = self.m.applicants.iter().position(|a| a.id == id).unwrap();
    }

    fn status(&self) -> String {
        match &self.m.status {
            Some(StatusLine::Info(s) | StatusLine::Error(s)) => s.clone(),
            None => String::new(),
        }
    }
}

fn round_with(reviewers: &[&Identity]) -> Round {
    let mut r = kit::round(3, 3);
    for id in reviewers {
        r.members
            .push(kit::member(&id.verifying_key(), id.name(), Role::Member));
    }
    r
}

fn write(dir: &Path, round: &Round) -> PathBuf {
    let p = dir.join("round.json");
    std::fs::write(&p, kit::signed(round)).unwrap();
    p
}

#[test]
fn import_through_the_prompt_with_a_tilde_and_a_refusal_kept_in_the_dialog() {
    let home = tempfile::tempdir().unwrap();
    let mut app = App::first_run(home.path(), Lang::Zh, "李评审");
    let me = Identity::load(home.path()).unwrap().unwrap();
    let files = tempfile::tempdir().unwrap();
    let file = write(files.path(), &round_with(&[&me]));

    // A path that is not there: the reason stays in the dialog, for another try.
    app.import("/nowhere/round.json");
    assert!(
        matches!(&app.m.dialog, Some(Dialog::ImportRound { error: Some(e), .. }) if e.contains("无法读取"))
    );
    assert!(app.screen().contains("无法读取"), "{}", app.screen());
    app.key(KeyCode::Esc);
    assert!(app.m.dialog.is_none());

    // `~` is the user's home folder.
    app.m.home_dir = Some(files.path().to_path_buf());
    app.import("~/round.json");
    let Some(Dialog::Notices(lines)) = &app.m.dialog else {
        panic!("{}", app.screen())
    };
    assert!(lines[0].contains("新增 3 个"), "{lines:?}");
    assert!(
        lines.iter().any(|l| l.contains("您在评审组中：李评审")),
        "{lines:?}"
    );
    app.key(KeyCode::Enter);
    let ids: Vec<&str> = app.m.applicants.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["2025-M-01", "2025-M-02", "2025-M-03", "示例"]);
    let shown = app.screen();
    assert!(
        shown.contains("2025-M-02") && shown.contains("申报组织2"),
        "{shown}"
    );
    // On disk too, under the numbers.
    let (ws, _) = Workspace::open(home.path()).unwrap();
    assert!(ws.applicant("2025-M-03").is_some());
    drop(ws);
    assert!(file.exists());
}

#[test]
fn no_conflict_then_a_conflict_then_final_rename_refused_and_the_recusal_exported() {
    let home = tempfile::tempdir().unwrap();
    let mut app = App::first_run(home.path(), Lang::En, "Li");
    let me = Identity::load(home.path()).unwrap().unwrap();
    let file = write(home.path(), &round_with(&[&me]));
    app.import(&file.display().to_string());
    app.key(KeyCode::Enter);
    app.select("2025-M-01");

    // 无利害关系 first.
    app.key(KeyCode::Char('c'));
    app.key(KeyCode::Enter);
    assert!(app.m.applicant().unwrap().conflict.allows_scoring());

    // Later: c again offers 有利害关系, preselected, and says it is final.
    app.key(KeyCode::Char('c'));
    let shown = app.screen();
    assert!(
        shown.contains("once declared it cannot be withdrawn"),
        "{shown}"
    );
    app.key(KeyCode::Enter);
    app.type_text("learned later that I coached them");
    app.key(KeyCode::Enter);
    let a = app.m.applicant().unwrap().clone();
    assert!(matches!(&a.conflict,
        ConflictDeclaration::Conflict { relationship, .. } if relationship == "learned later that I coached them"));

    // And no further.
    app.key(KeyCode::Char('c'));
    assert!(app.m.dialog.is_none());
    assert!(
        app.status().contains("cannot be withdrawn"),
        "{}",
        app.status()
    );

    // A round applicant keeps the round's name.
    app.key(KeyCode::Char('r'));
    assert!(app.m.dialog.is_none());
    assert!(app.status().contains("the round's"), "{}", app.status());

    // e: the signed recusal record, and where it went.
    app.key(KeyCode::Char('e'));
    let record = home.path().join("sheets").join("2025-M-01-Li-recusal.json");
    assert!(app.status().contains("recusal record"), "{}", app.status());
    assert!(app.status().contains(&record.display().to_string()));
    let v = scorebook::sheet::verify_recusal(&std::fs::read(&record).unwrap()).unwrap();
    assert_eq!(v.recusal.relationship, "learned later that I coached them");
    assert_eq!(v.recusal.applicant.id, "2025-M-01");

    // A local applicant can still be renamed.
    app.select("示例");
    app.key(KeyCode::Char('r'));
    assert!(matches!(app.m.dialog, Some(Dialog::Rename { .. })));
}

/// Issue 9's collision through the TUI: one laptop adds a practice applicant by hand first,
/// the other does not; after both import the round, every company has one id and one name.
#[test]
fn two_laptops_through_the_tui_give_each_company_one_id() {
    let (h1, h2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut one = App::first_run(h1.path(), Lang::Zh, "李评审");
    let mut two = App::first_run(h2.path(), Lang::Zh, "王评审");
    let r1 = Identity::load(h1.path()).unwrap().unwrap();
    let r2 = Identity::load(h2.path()).unwrap().unwrap();
    let file = write(h1.path(), &round_with(&[&r1, &r2]));

    one.key(KeyCode::Char('a'));
    one.type_text("申报组织2");
    for _ in 0..3 {
        one.key(KeyCode::Enter);
    }
    one.key(KeyCode::Esc);
    assert!(one.m.applicants.iter().any(|a| a.id == "A1"));
    assert!(one.screen().contains("[本机添加]"), "{}", one.screen());

    for app in [&mut one, &mut two] {
        app.import(&file.display().to_string());
        app.key(KeyCode::Enter);
    }
    let of = |app: &App| -> Vec<(String, String)> {
        app.m
            .applicants
            .iter()
            .filter(|a| matches!(a.origin, Origin::Round { .. }))
            .map(|a| (a.id.to_string(), a.name.clone()))
            .collect()
    };
    assert_eq!(of(&one), of(&two));
    assert_eq!(of(&one).len(), 3);
}

// Snapshots ----------------------------------------------------------------------------------

const NOW: &str = "2026-01-01T00:00:00Z";
const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn draw(m: &Model, w: u16, h: u16) -> String {
    screen::snapshot_at(m, w, h)
}

fn key(m: &mut Model, code: KeyCode) {
    let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(a) = translate(m, &ev) {
        update(m, a, NOW);
    }
}

/// The demo, a local applicant and three round applicants (one recused as a coaching expert).
fn model(lang: Lang) -> Model {
    let catalog = Catalog::embedded();
    let fw = catalog.framework("gbt19580-2012").unwrap();
    let (id, hash) = (fw.doc.id.clone(), fw.hash.clone());
    let mut m = Model::new(lang, catalog, KeyMap::default());
    m.reviewer = "张三".into();
    m.applicants.push(demo_applicant(&hash, NOW).unwrap());
    let mut local = Applicant::new(
        "A1",
        "练习对象",
        "jinshan-2023",
        "mayor-model",
        &id,
        &hash,
        NOW,
    );
    local.declare_no_conflict(NOW).unwrap();
    m.applicants.push(local);
    for (i, name) in ["金山电子有限公司", "精密机械股份公司", "金山化工有限公司"]
        .into_iter()
        .enumerate()
    {
        let number = format!("2025-M-0{}", i + 1);
        let mut a = Applicant::new(
            &number,
            name,
            "jinshan-2023",
            "mayor-model",
            &id,
            &hash,
            NOW,
        );
        a.origin = Origin::Round {
            round_id: kit::ROUND_ID.into(),
            round_version: 1,
            round_hash: "ab".repeat(32),
        };
        match i {
            0 => a.declare_no_conflict(NOW).unwrap(),
            1 => a
                .declare_conflict(
                    &scorebook::i18n::round_import::coach_relationship(lang),
                    NOW,
                )
                .unwrap(),
            _ => {}
        }
        m.applicants.push(a);
    }
    m
}

fn states(lang: Lang) -> Vec<(&'static str, Model)> {
    let base = model(lang);
    let mut out = vec![("round_applicants", base.clone())];

    let mut m = base.clone();
    key(&mut m, KeyCode::Char('i'));
    for c in "~/下载/round.json".chars() {
        key(&mut m, KeyCode::Char(c));
    }
    out.push(("round_import_prompt", m.clone()));
    if let Some(Dialog::ImportRound { error, .. }) = &mut m.dialog {
        *error = Some(
            scorebook::service::round_import::ImportError::LocalIds(vec!["2025-M-02".into()])
                .message(lang),
        );
    }
    out.push(("round_import_refused", m));

    let mut m = base.clone();
    let done = Imported {
        round_id: kit::ROUND_ID.into(),
        round_name: "2025 第二届".into(),
        version: 2,
        hash: "ab".repeat(32),
        signer: "王组长".into(),
        added: vec![],
        updated: vec!["2025-M-01".into(), "2025-M-02".into()],
        unchanged: vec![],
        kept: vec!["2025-M-03".into()],
        removed: vec![],
        recused: vec!["2025-M-02".into()],
        member: Some(kit::member(
            &kit::key(9).verifying_key(),
            "张三",
            Role::Member,
        )),
        shortlist: Some(vec!["2025-M-01".into()]),
        warnings: vec![],
    };
    m.dialog = Some(Dialog::Notices(scorebook::i18n::round_import::summary(
        lang, &done,
    )));
    out.push(("round_imported", m));

    // c on an applicant declared 无利害关系.
    let mut m = base.clone();
    m.current = 2;
    key(&mut m, KeyCode::Char('c'));
    out.push(("round_declare_later", m));
    out
}

#[test]
fn round_screens_in_both_languages_and_sizes() {
    for lang in [Lang::Zh, Lang::En] {
        for (name, m) in states(lang) {
            for (w, h) in SIZES {
                let snap = format!("{name}_{}_{w}x{h}", lang.code());
                insta::assert_snapshot!(snap, draw(&m, w, h));
            }
        }
    }
}
