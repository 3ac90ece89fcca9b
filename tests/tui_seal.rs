//! Sealing in the reviewer's app (issue 13, 第二十一条): the export dialog of a round applicant
//! shows 密封发送给组长 / "seal for the leader" — on by default where the round (as kept at the
//! import) carries the leader's age recipient, switched with `s` and kept in the home's
//! config, unavailable with the reason where the round carries none. A sealed export writes
//! `NAME.sheet.json.age` alone into `<home>/sheets/`, and it opens with the leader's identity
//! into a sheet that verifies — on the UI thread and on the export worker alike. Snapshots of
//! the dialog at 80×24 and 120×40, zh and en.

#[path = "common/screen.rs"]
mod screen;

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use scorebook::identity::{Identity, Role};
use scorebook::lang::Lang;
use scorebook::program::Catalog;
use scorebook::review::Stage;
use scorebook::service::round_import::{ImportRequest, import_round};
use scorebook::testkit::round as kit;
use scorebook::tui::app::{load, now, run_effects};
use scorebook::tui::exporter::{ExportJob, Exporter};
use scorebook::tui::keymap::translate;
use scorebook::tui::model::{Dialog, Model, StatusLine};
use scorebook::tui::update::update;
use scorebook::workspace::{BackgroundSaver, Workspace};

const NOW: &str = "2026-03-01T09:00:00+08:00";
const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

struct App {
    m: Model,
    ws: Workspace,
    saver: BackgroundSaver,
}

impl App {
    fn open(home: &Path, lang: Lang) -> App {
        let (m, ws) = load(home, Some(lang)).unwrap();
        let saver = BackgroundSaver::spawn(ws.saver()).unwrap();
        let mut app = App { m, ws, saver };
        let fx = scorebook::tui::update::start(&mut app.m, NOW);
        run_effects(&mut app.m, &mut app.ws, &app.saver, fx);
        app
    }

    fn key(&mut self, code: KeyCode) {
        let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        if let Some(a) = translate(&self.m, &ev) {
            let fx = update(&mut self.m, a, &now());
            run_effects(&mut self.m, &mut self.ws, &self.saver, fx);
        }
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

/// A reviewer's home (key 李评审, config written) that imported a round of two applicants
/// led by 王组长, whose age recipient the round carries when `leader` is given, and scored
/// every item of 2025-M-01.
fn home_with(leader: Option<&age::x25519::Identity>) -> (tempfile::TempDir, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let me = Identity::create(home.path(), "李评审", false).unwrap();
    let mut round = kit::round(2, 1);
    round.members[0].age_recipient = leader.map(|l| l.to_public().to_string());
    round
        .members
        .push(kit::member(&me.verifying_key(), "李评审", Role::Member));
    let file = home.path().join("round.json");
    std::fs::write(&file, kit::signed(&round)).unwrap();
    let catalog = Catalog::embedded();
    let (mut ws, _) = Workspace::open(home.path()).unwrap();
    let config = scorebook::workspace::Config {
        reviewer_name: Some("李评审".into()),
        ..Default::default()
    };
    ws.save_config(&config).unwrap();
    import_round(
        &mut ws,
        &catalog,
        &ImportRequest {
            path: file.clone(),
            reviewer: Some(me.public_info()),
            now: NOW.into(),
            lang: Lang::Zh,
        },
    )
    .unwrap();
    let mut a = ws.applicant("2025-M-01").unwrap().clone();
    let fw = catalog.framework("gbt19580-2012").unwrap().doc.clone();
    a.declare_no_conflict(NOW).unwrap();
    let codes: Vec<String> = fw.items().map(|(_, i)| i.code.to_string()).collect();
    for code in &codes {
        a.set_percent(&fw, Stage::DocumentReview, code, 60).unwrap();
    }
    ws.save_applicant(&a).unwrap();
    (home, file)
}

/// The inner signed sheet of a sealed file, opened with `identity` through the age crate's
/// own decryptor (as `age -d -i` does).
fn open_sealed(path: &Path, identity: &age::x25519::Identity) -> Vec<u8> {
    let bytes = std::fs::read(path).unwrap();
    let decryptor = age::Decryptor::new(&bytes[..]).unwrap();
    let mut reader = decryptor
        .decrypt(std::iter::once(identity as &dyn age::Identity))
        .unwrap();
    let mut inner = Vec::new();
    std::io::Read::read_to_end(&mut reader, &mut inner).unwrap();
    inner
}

fn sheets(home: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(home.join("sheets"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn the_export_dialog_seals_to_the_leader_by_default_and_s_switches_it_in_the_config() {
    let leader = age::x25519::Identity::generate();
    let (home, _) = home_with(Some(&leader));
    let mut app = App::open(home.path(), Lang::Zh);
    app.select("2025-M-01");
    app.key(KeyCode::Char('x'));
    assert!(matches!(app.m.dialog, Some(Dialog::ConfirmExport)));
    let shown = screen::render(&app.m);
    assert!(
        shown.contains("[s] 密封发送给组长：开 — 加密给评审组长 王组长"),
        "{shown}"
    );
    for lang in [Lang::Zh, Lang::En] {
        let mut m = app.m.clone();
        m.lang = lang;
        for (w, h) in SIZES {
            let snap = format!("export_seal_on_{}_{w}x{h}", lang.code());
            insta::assert_snapshot!(snap, screen::snapshot_at(&m, w, h));
        }
    }

    // s: off, kept in the home's config; the dialog stays.
    app.key(KeyCode::Char('s'));
    assert!(matches!(app.m.dialog, Some(Dialog::ConfirmExport)));
    assert_eq!(app.m.config.seal_exports, Some(false));
    let shown = screen::render(&app.m);
    assert!(shown.contains("密封发送给组长：关"), "{shown}");
    let mut en = app.m.clone();
    en.lang = Lang::En;
    insta::assert_snapshot!("export_seal_off_en_80x24", screen::snapshot_at(&en, 80, 24));
    app.saver.flush();
    let config = std::fs::read_to_string(home.path().join("config.json")).unwrap();
    assert!(config.contains("\"seal_exports\": false"), "{config}");
    // Esc, and the setting holds for the next export; s again: on.
    app.key(KeyCode::Esc);
    assert!(app.m.dialog.is_none());
    app.key(KeyCode::Char('x'));
    assert!(screen::render(&app.m).contains("密封发送给组长：关"));
    app.key(KeyCode::Char('s'));
    assert_eq!(app.m.config.seal_exports, Some(true));

    // Enter: the sealed sheet alone, named for whom in the status line.
    app.key(KeyCode::Enter);
    let status = app.status();
    assert!(status.contains("已导出密封评分表"), "{status}");
    assert!(status.contains("加密给评审组长 王组长"), "{status}");
    assert_eq!(
        sheets(home.path()),
        ["2025-M-01-document-v1.sheet.json.age"],
        "no plain copy, no printable page beside it"
    );
    let sealed = home
        .path()
        .join("sheets/2025-M-01-document-v1.sheet.json.age");
    let inner = open_sealed(&sealed, &leader);
    let verified = scorebook::sheet::verify_document(&inner).unwrap();
    let hash = scorebook::sheet::document_hash(&inner);
    assert_eq!(verified.hash, hash);
    assert!(
        status.contains(hash.get(..12).unwrap()),
        "{status} / {hash}"
    );
    // Not the reviewer's own key.
    let me = Identity::load(home.path()).unwrap().unwrap();
    let bytes = std::fs::read(&sealed).unwrap();
    assert!(
        age::Decryptor::new(&bytes[..])
            .unwrap()
            .decrypt(std::iter::once(me.age_identity() as &dyn age::Identity))
            .is_err()
    );
}

/// The export worker (the app's loop) writes the same sealed file, and it opens with the
/// leader's identity.
#[test]
fn a_sealed_export_on_the_worker_opens_with_the_leader_identity() {
    let leader = age::x25519::Identity::generate();
    let (home, _) = home_with(Some(&leader));
    let app = App::open(home.path(), Lang::En);
    let mut exporter = Exporter::spawn(
        home.path().to_path_buf(),
        app.m.catalog.clone(),
        app.saver.flusher(),
    )
    .unwrap();
    let job = ExportJob::Sheet {
        id: "2025-M-01".into(),
        stage: Stage::DocumentReview,
        draft: false,
        seal: true,
    };
    assert!(exporter.submit(job, "李评审", Lang::En));
    let results = exporter.finish();
    let [StatusLine::Info(said)] = results.as_slice() else {
        panic!("{results:?}");
    };
    assert!(
        said.contains("Sealed sheet exported") && said.contains("the group leader 王组长"),
        "{said}"
    );
    let inner = open_sealed(
        &home
            .path()
            .join("sheets/2025-M-01-document-v1.sheet.json.age"),
        &leader,
    );
    scorebook::sheet::verify_document(&inner).unwrap();
}

/// A round whose leader publishes no recipient: the dialog says sealing is unavailable and
/// why, `s` changes nothing, and Enter exports the plain sheet (with its printable page).
#[test]
fn without_the_leader_recipient_sealing_is_unavailable_with_the_reason() {
    let (home, _) = home_with(None);
    let mut app = App::open(home.path(), Lang::Zh);
    app.select("2025-M-01");
    app.key(KeyCode::Char('x'));
    assert!(matches!(app.m.dialog, Some(Dialog::ConfirmExport)));
    let shown = screen::render(&app.m);
    assert!(
        shown.contains("密封发送给组长：不可用 — 评审组长 王组长 在评审轮次中没有公布"),
        "{shown}"
    );
    for lang in [Lang::Zh, Lang::En] {
        let mut m = app.m.clone();
        m.lang = lang;
        let snap = format!("export_seal_unavailable_{}_80x24", lang.code());
        insta::assert_snapshot!(snap, screen::snapshot_at(&m, 80, 24));
    }
    app.key(KeyCode::Char('s'));
    assert_eq!(app.m.config.seal_exports, None, "nothing to switch");
    app.key(KeyCode::Enter);
    assert!(
        app.status().contains("已导出签名评分表"),
        "{}",
        app.status()
    );
    assert_eq!(
        sheets(home.path()),
        [
            "2025-M-01-document-v1.html",
            "2025-M-01-document-v1.sheet.json"
        ]
    );
}

/// A home that imported its round before rounds were kept: unavailable, "import again"; and
/// importing again (through the app's `i`) makes it available.
#[test]
fn a_round_imported_before_it_was_kept_asks_to_import_again() {
    let leader = age::x25519::Identity::generate();
    let (home, file) = home_with(Some(&leader));
    std::fs::remove_dir_all(home.path().join("rounds")).unwrap();
    let mut app = App::open(home.path(), Lang::En);
    app.select("2025-M-01");
    app.key(KeyCode::Char('x'));
    let shown = screen::render(&app.m);
    assert!(shown.contains("import the round file again"), "{shown}");
    app.key(KeyCode::Esc);
    app.key(KeyCode::Char('i'));
    for c in file.display().to_string().chars() {
        app.key(KeyCode::Char(c));
    }
    app.key(KeyCode::Enter);
    assert!(
        matches!(app.m.dialog, Some(Dialog::Notices(_))),
        "{:?}",
        app.m.dialog
    );
    app.key(KeyCode::Enter);
    app.select("2025-M-01");
    app.key(KeyCode::Char('x'));
    let shown = screen::render(&app.m);
    assert!(
        shown.contains("seal for the leader: ON — sealed to the group leader 王组长"),
        "{shown}"
    );
}

/// In an encrypted home the kept round is an age file like the applicants it lists (no
/// applicant's name in the clear), sealing still reads it, and `workspace decrypt` turns it
/// back into the signed round as imported.
#[test]
fn the_kept_round_is_encrypted_at_rest_in_an_encrypted_home() {
    use age::secrecy::SecretString;
    use scorebook::workspace::convert::{Direction, convert};
    let pass = || SecretString::from("口令 2026".to_owned());
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    scorebook::identity::session::remember(h, pass());
    let me = Identity::create(h, "李评审", false).unwrap();
    let leader = age::x25519::Identity::generate();
    let mut round = kit::round(2, 1);
    round.members[0].age_recipient = Some(leader.to_public().to_string());
    round
        .members
        .push(kit::member(&me.verifying_key(), "李评审", Role::Member));
    let signed = kit::signed(&round);
    let file = h.join("round.json");
    std::fs::write(&file, &signed).unwrap();
    let (ws, _) = Workspace::open(h).unwrap();
    convert(&ws, Direction::Encrypt, Some(&pass())).unwrap();
    drop(ws);
    let (mut ws, _) = Workspace::open(h).unwrap();
    import_round(
        &mut ws,
        &Catalog::embedded(),
        &ImportRequest {
            path: file,
            reviewer: Some(me.public_info()),
            now: NOW.into(),
            lang: Lang::Zh,
        },
    )
    .unwrap();
    let kept = scorebook::service::seal::kept_round_path(h, kit::ROUND_ID);
    let bytes = std::fs::read(&kept).unwrap();
    assert!(scorebook::identity::rest_file::is_rest_file(&bytes));
    let name = "申报组织1".as_bytes();
    assert!(!bytes.windows(name.len()).any(|w| w == name));
    let states = scorebook::service::seal::seal_states(&ws);
    assert!(
        matches!(
            states.get("2025-M-01"),
            Some(scorebook::service::seal::SealState::Available(_))
        ),
        "{states:?}"
    );
    convert(&ws, Direction::Decrypt, None).unwrap();
    drop(ws);
    assert_eq!(std::fs::read(&kept).unwrap(), signed);
    scorebook::identity::session::forget(h);
}
