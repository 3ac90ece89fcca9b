//! The workspace encrypted at rest (issue 13, 第二十一条): after a walk with Chinese comments
//! no file under the home holds the comment text or the applicant's name; a conversion cut
//! short leaves a home that opens and a second run finishes; a locked home is refused before
//! anything is read or moved; a damaged encrypted file is set aside and named; files sealed
//! the old way (age, before the at-rest container) still open and are rewritten by `encrypt`.

use std::fs;
use std::path::{Path, PathBuf};

use age::secrecy::SecretString;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use scorebook::identity::rest_file::MAGIC;
use scorebook::identity::{Identity, session, vault};
use scorebook::lang::Lang;
use scorebook::review::Applicant;
use scorebook::tui::app::{load, now, run_effects};
use scorebook::tui::keymap::{split_alt, translate};
use scorebook::tui::model::Model;
use scorebook::tui::update::update;
use scorebook::workspace::convert::{Converted, Direction, convert};
use scorebook::workspace::{BackgroundSaver, Notice, Unreadable, Workspace, WorkspaceError};

const PASS: &str = "我的口令 2026";
const COMMENTS: [&str; 2] = [
    "客户名单包括上海某某汽车公司，年采购额三千万元",
    "关键工艺参数为焊接温度四百二十度",
];
const NAME: &str = "金山精密制造有限公司";

fn pass() -> SecretString {
    SecretString::from(PASS.to_owned())
}

/// A home whose key is under [`PASS`], this session knowing it, the workspace encrypted.
fn encrypted_home() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    session::remember(h, pass());
    let id = Identity::create(h, "李四", false).unwrap();
    assert!(id.is_protected());
    let (ws, _) = Workspace::open(h).unwrap();
    convert(&ws, Direction::Encrypt, Some(&pass())).unwrap();
    home
}

struct App {
    m: Model,
    ws: Workspace,
    saver: BackgroundSaver,
}

impl App {
    /// Opens as the app does: load, then what runs once before the first key (the demo).
    fn open(home: &Path) -> App {
        let (mut m, mut ws) = load(home, Some(Lang::Zh)).unwrap();
        let saver = BackgroundSaver::spawn(ws.saver()).unwrap();
        let fx = scorebook::tui::update::start(&mut m, &now());
        run_effects(&mut m, &mut ws, &saver, fx);
        App { m, ws, saver }
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
}

/// Every file under `dir`, with its bytes.
fn all_files(dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    for e in fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            all_files(&p, out);
        } else {
            out.push((p.clone(), fs::read(&p).unwrap()));
        }
    }
}

fn holds(bytes: &[u8], text: &str) -> bool {
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

#[test]
fn after_a_walk_no_file_under_an_encrypted_home_holds_a_comment_or_the_name() {
    let home = encrypted_home();
    let h = home.path();
    let mut app = App::open(h);
    // Add an applicant, score its first item, write a strength and an OFI in Chinese.
    app.key(KeyCode::Char('a'));
    app.type_text(NAME);
    app.key(KeyCode::Enter);
    app.key(KeyCode::Enter);
    app.key(KeyCode::Enter);
    app.key(KeyCode::Enter);
    for _ in 0..11 {
        app.key(KeyCode::Right);
    }
    app.key(KeyCode::Char('s'));
    app.type_text(COMMENTS[0]);
    app.key(KeyCode::Esc);
    app.key(KeyCode::Char('o'));
    app.type_text(COMMENTS[1]);
    app.key(KeyCode::Esc);
    let id = app.m.applicant().unwrap().id.clone();
    // Remove the demo applicant too: its backup in removed/ must be sealed as well.
    app.saver.flush();
    app.ws.remove_applicant("示例").unwrap();
    app.saver.flush();
    drop(app);

    let mut files = Vec::new();
    all_files(h, &mut files);
    assert!(files.len() > 4, "{files:?}");
    for (path, bytes) in &files {
        for secret in [COMMENTS[0], COMMENTS[1], NAME, "示例"] {
            assert!(!holds(bytes, secret), "{secret} in {}", path.display());
        }
    }
    let file = h.join("workspace/applicants").join(format!("{id}.json"));
    assert!(fs::read(&file).unwrap().starts_with(MAGIC));

    // Reopened (the session knows the passphrase), every word is back.
    let (ws, notices) = Workspace::open(h).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
    let a = ws.applicant(&id).unwrap();
    assert_eq!(a.name, NAME);
    let json = serde_json::to_string(a).unwrap();
    assert!(json.contains(COMMENTS[0]) && json.contains(COMMENTS[1]));
    assert_eq!(ws.removed().len(), 1, "the demo's sealed backup is listed");
    drop(ws);

    // Decrypted again: plain JSON with the same words, marker and data key gone.
    let (ws, _) = Workspace::open(h).unwrap();
    let done = convert(&ws, Direction::Decrypt, None).unwrap();
    assert!(done.files >= 2, "{done:?}");
    drop(ws);
    assert!(fs::read_to_string(&file).unwrap().contains(COMMENTS[0]));
    assert!(!h.join("workspace/encryption.json").exists());
    assert!(!h.join("keys/workspace.key").exists());
    session::forget(h);
}

fn applicant(n: usize) -> Applicant {
    let catalog = scorebook::program::Catalog::embedded();
    let fw = catalog.framework("gbt19580-2012").unwrap();
    Applicant::new(
        &format!("A{n}"),
        &format!("申报组织{n}"),
        "jinshan-2023",
        "mayor-model",
        &fw.doc.id,
        &fw.hash,
        "2026-03-01T09:00:00+08:00",
    )
}

fn sealed(path: &Path) -> bool {
    fs::read(path).unwrap().starts_with(MAGIC)
}

#[test]
fn a_conversion_cut_short_opens_and_a_second_run_finishes_it() {
    let home = encrypted_home();
    let h = home.path();
    let (mut ws, _) = Workspace::open(h).unwrap();
    for n in 1..=3 {
        ws.save_applicant(&applicant(n)).unwrap();
    }
    drop(ws);
    let dir = h.join("workspace/applicants");
    let file = |n: usize| dir.join(format!("A{n}.json"));
    assert!((1..=3).all(|n| sealed(&file(n))));

    // A decrypt cut short by a power failure: one file plain, the marker still there.
    let (ws, _) = Workspace::open(h).unwrap();
    let plain = serde_json::to_vec_pretty(ws.applicant("A2").unwrap()).unwrap();
    drop(ws);
    fs::write(file(2), &plain).unwrap();
    let (ws, notices) = Workspace::open(h).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(ws.applicants().len(), 3, "all three read");
    let done = convert(&ws, Direction::Decrypt, None).unwrap();
    assert_eq!(done.already, 1, "{done:?}");
    drop(ws);
    assert!((1..=3).all(|n| !sealed(&file(n))));

    // An encrypt cut short: the marker and the key written, one file sealed, two plain.
    let (ws, _) = Workspace::open(h).unwrap();
    convert(&ws, Direction::Encrypt, Some(&pass())).unwrap();
    drop(ws);
    for n in [1, 3] {
        let (ws, _) = Workspace::open(h).unwrap();
        let bytes = serde_json::to_vec_pretty(ws.applicant(&format!("A{n}")).unwrap()).unwrap();
        drop(ws);
        fs::write(file(n), bytes).unwrap();
    }
    let (ws, _) = Workspace::open(h).unwrap();
    assert_eq!(ws.applicants().len(), 3);
    let done: Converted = convert(&ws, Direction::Encrypt, Some(&pass())).unwrap();
    assert_eq!(done.files, 2, "{done:?}");
    let again = convert(&ws, Direction::Encrypt, Some(&pass())).unwrap();
    assert_eq!(again.files, 0);
    drop(ws);
    assert!((1..=3).all(|n| sealed(&file(n))));
    session::forget(h);
}

#[test]
fn a_locked_home_is_refused_before_anything_is_read_or_moved() {
    let home = encrypted_home();
    let h = home.path();
    let (mut ws, _) = Workspace::open(h).unwrap();
    ws.save_applicant(&applicant(1)).unwrap();
    drop(ws);
    let before = {
        let mut v = Vec::new();
        all_files(h, &mut v);
        v.sort();
        v
    };
    // A new session: no passphrase known, no one to ask.
    session::forget(h);
    let e = Workspace::open(h).err().expect("refused");
    assert!(matches!(e, WorkspaceError::Locked { .. }), "{e:?}");
    assert!(e.message(Lang::Zh).contains("口令"));
    assert!(e.message(Lang::En).contains("SCOREBOOK_PASSPHRASE_FILE"));
    let (ro, notices) = Workspace::open_read_only(h);
    assert!(ro.applicants().is_empty());
    assert!(matches!(notices[..], [Notice::EncryptedLocked { .. }]));
    // A wrong passphrase: still shut.
    session::remember(h, SecretString::from("错的".to_owned()));
    assert!(Workspace::open(h).is_err());
    let after = {
        let mut v = Vec::new();
        all_files(h, &mut v);
        v.sort();
        v
    };
    assert_eq!(before, after, "nothing moved, nothing written");
    // The right one opens it.
    session::remember(h, pass());
    let (ws, _) = Workspace::open(h).unwrap();
    assert!(ws.applicant("A1").is_some());
    drop(ws);
    session::forget(h);
}

#[test]
fn a_damaged_encrypted_file_is_set_aside_and_named() {
    let home = encrypted_home();
    let h = home.path();
    let (mut ws, _) = Workspace::open(h).unwrap();
    ws.save_applicant(&applicant(1)).unwrap();
    ws.save_applicant(&applicant(2)).unwrap();
    drop(ws);
    let file = h.join("workspace/applicants/A2.json");
    let bytes = fs::read(&file).unwrap();
    // Cut short, then (restored) one byte of the middle altered.
    let mut altered = bytes.clone();
    let mid = altered.len() / 2;
    altered[mid] ^= 1;
    for damaged in [bytes[..bytes.len() - 20].to_vec(), altered] {
        fs::write(&file, &damaged).unwrap();
        let (ws, notices) = Workspace::open(h).unwrap();
        assert!(ws.applicant("A1").is_some());
        assert!(ws.applicant("A2").is_none());
        match &notices[..] {
            [
                Notice::Quarantined {
                    reason: Unreadable::SealedDamaged(_),
                    moved_to: Some(to),
                    ..
                },
            ] => assert_eq!(fs::read(to).unwrap(), damaged, "set aside as it was"),
            other => panic!("{other:?}"),
        }
        assert!(notices[0].message(Lang::Zh).contains("加密文件已损坏"));
        drop(ws);
    }
    session::forget(h);
}

/// The home's data key, opened as a third party would: the key file under the passphrase.
fn data_key(h: &Path) -> age::x25519::Identity {
    let file = fs::read(h.join("keys/workspace.key")).unwrap();
    let text = vault::open_with_passphrase(&file, &pass()).unwrap();
    std::str::from_utf8(&text).unwrap().trim().parse().unwrap()
}

#[test]
fn files_sealed_the_old_way_still_open_and_encrypt_rewrites_them() {
    let home = encrypted_home();
    let h = home.path();
    let (mut ws, _) = Workspace::open(h).unwrap();
    for n in 1..=2 {
        ws.save_applicant(&applicant(n)).unwrap();
    }
    drop(ws);
    // A2 as the previous version wrote it: an age file sealed to the data key's recipient.
    let file = h.join("workspace/applicants/A2.json");
    let plain = serde_json::to_vec_pretty(&applicant(2)).unwrap();
    let old = vault::seal(&plain, &[data_key(h).to_public()]);
    fs::write(&file, &old).unwrap();
    assert!(vault::is_age(&fs::read(&file).unwrap()));
    // And its marker, version 1.
    let marker = h.join("workspace/encryption.json");
    let v2 = fs::read_to_string(&marker).unwrap();
    assert!(v2.contains("scorebook-workspace-encryption/2"), "{v2}");
    fs::write(&marker, v2.replace("encryption/2", "encryption/1")).unwrap();

    let (ws, notices) = Workspace::open(h).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(ws.applicant("A2").unwrap().name, "申报组织2");
    assert_eq!(
        fs::read_to_string(&marker).unwrap(),
        v2,
        "opened for writing: the marker now says version 2 (an older Scorebook refuses the home)"
    );
    // Encrypting again rewrites the old file in the at-rest container, and only it.
    let done = convert(&ws, Direction::Encrypt, Some(&pass())).unwrap();
    assert_eq!((done.files, done.already), (1, 1), "{done:?}");
    drop(ws);
    assert!(sealed(&file));
    let (ws, notices) = Workspace::open(h).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(ws.applicant("A2").unwrap().name, "申报组织2");
    drop(ws);

    // Decrypting opens an old file as well.
    fs::write(&file, &old).unwrap();
    let (ws, _) = Workspace::open(h).unwrap();
    let done = convert(&ws, Direction::Decrypt, None).unwrap();
    assert_eq!(done.files, 2, "{done:?}");
    drop(ws);
    assert!(fs::read_to_string(&file).unwrap().contains("申报组织2"));
    session::forget(h);
}

#[test]
fn a_file_from_another_encrypted_home_is_named_as_such() {
    let ours = encrypted_home();
    let theirs = encrypted_home();
    let (mut ws, _) = Workspace::open(theirs.path()).unwrap();
    ws.save_applicant(&applicant(7)).unwrap();
    drop(ws);
    let name = "workspace/applicants/A7.json";
    fs::copy(theirs.path().join(name), ours.path().join(name)).unwrap();
    let (ws, notices) = Workspace::open(ours.path()).unwrap();
    assert!(ws.applicant("A7").is_none());
    assert!(
        matches!(
            &notices[..],
            [Notice::Quarantined {
                reason: Unreadable::SealedForAnother,
                moved_to: Some(_),
                ..
            }]
        ),
        "{notices:?}"
    );
    drop(ws);
    session::forget(ours.path());
    session::forget(theirs.path());
}

#[test]
fn encrypting_needs_a_passphrase_and_removing_it_needs_a_plain_workspace() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    Identity::create(h, "李四", false).unwrap();
    let (ws, _) = Workspace::open(h).unwrap();
    assert!(matches!(
        convert(&ws, Direction::Encrypt, None),
        Err(WorkspaceError::NeedsPassphrase)
    ));
    drop(ws);
    let home = encrypted_home();
    let h = home.path();
    let mut id = Identity::load(h).unwrap().unwrap();
    let e = id.set_passphrase(h, None).unwrap_err();
    assert!(crate_words(&e).contains("workspace decrypt"));
    assert!(id.is_protected());
    // Changing it re-locks the data key: the home opens with the new one only.
    id.set_passphrase(h, Some(SecretString::from("新口令".to_owned())))
        .unwrap();
    session::forget(h);
    session::remember(h, pass());
    assert!(Workspace::open(h).is_err());
    session::remember(h, SecretString::from("新口令".to_owned()));
    assert!(Workspace::open(h).is_ok());
    session::forget(h);
}

fn crate_words(e: &scorebook::identity::IdentityError) -> String {
    scorebook::i18n::seal::identity_error(Lang::En, e)
}

/// The text of a site-visit issue dialog open when the app is killed is kept for the restart
/// (issue 11) in the workspace, sealed like an applicant file: nothing under the home shows
/// it, and the next start opens the dialog with it.
#[test]
fn an_open_issue_dialog_on_an_encrypted_home_is_sealed_and_comes_back() {
    const SECRET: &str = "核实焊接温度四百二十度的记录";
    let home = encrypted_home();
    let h = home.path();
    let mut app = App::open(h);
    app.key(KeyCode::Enter);
    app.key(KeyCode::Char('g'));
    app.type_text("4.2.3");
    app.key(KeyCode::Enter);
    app.key(KeyCode::Char('v'));
    app.type_text(SECRET);
    app.saver.flush();
    drop(app);

    let mut files = Vec::new();
    all_files(h, &mut files);
    for (path, bytes) in &files {
        assert!(!holds(bytes, SECRET), "{SECRET} in {}", path.display());
    }
    let drafts = fs::read(h.join("workspace/drafts/typed.json")).unwrap();
    assert!(scorebook::identity::rest_file::is_rest_file(&drafts));

    let app = App::open(h);
    match &app.m.dialog {
        Some(scorebook::tui::model::Dialog::SiteIssue { text, .. }) => {
            assert_eq!(text.lines().join(""), SECRET)
        }
        other => panic!("the issue dialog is not open again: {other:?}"),
    }
    drop(app);
    session::forget(h);
}
