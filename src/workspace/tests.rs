//! Workspace tests, each in a temp home.

use std::path::Path;

use super::*;
use crate::review::{ConflictDeclaration, Review};

fn applicant(id: &str, name: &str) -> Applicant {
    Applicant {
        id: id.into(),
        name: name.to_string(),
        program: "jinshan-2023".into(),
        track: "t".into(),
        demo: false,
        origin: Default::default(),
        conflict: ConflictDeclaration::Undeclared,
        key_factors: vec!["员工 320 人".into()],
        document: Review::new(Stage::DocumentReview, "gbt19580-2012", "hash"),
        site: None,
        created_at: "2026-11-25T09:00:00Z".into(),
    }
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn save_and_reopen_round_trips_with_chinese_ids() {
    let home = tempfile::tempdir().unwrap();
    {
        let (mut ws, notices) = Workspace::open(home.path()).unwrap();
        assert!(notices.is_empty(), "{notices:?}");
        assert!(!ws.is_read_only());
        ws.save_applicant(&applicant("示例", "上海金山某新材料有限公司（示例）"))
            .unwrap();
        ws.save_applicant(&applicant("A10", "十号")).unwrap();
        ws.save_applicant(&applicant("A2", "二号")).unwrap();
        let ids: Vec<_> = ws.applicants().iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["A2", "A10", "示例"]);
    }
    assert_eq!(
        files_in(&home.path().join("workspace/applicants")),
        ["%E7%A4%BA%E4%BE%8B.json", "A10.json", "A2.json"]
    );
    let (ws, notices) = Workspace::open(home.path()).unwrap();
    assert!(notices.is_empty());
    let demo = ws.applicant("示例").unwrap();
    assert_eq!(demo.name, "上海金山某新材料有限公司（示例）");
    assert_eq!(demo.key_factors, ["员工 320 人"]);
    assert_eq!(ws.applicants().len(), 3);
}

#[test]
fn atomic_write_leaves_no_temp_files_and_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.json");
    atomic::write(&p, b"one").unwrap();
    atomic::write(&p, "二".as_bytes()).unwrap();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "二");
    assert_eq!(files_in(dir.path()), ["x.json"]);
}

#[test]
fn atomic_write_failure_keeps_the_old_copy_and_names_the_step() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.json");
    atomic::write(&p, b"good").unwrap();
    // Replacing fails when the target has become a non-empty folder: the rename step errs.
    let q = dir.path().join("d");
    std::fs::create_dir(&q).unwrap();
    std::fs::write(q.join("inside"), b"").unwrap();
    let err = atomic::write(&q, b"new").unwrap_err();
    assert!(
        matches!(
            err,
            WorkspaceError::Io {
                action: "replace",
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "good");
    assert_eq!(files_in(dir.path()), ["d", "x.json"], "no temp file left");
}

#[test]
fn leftover_temp_files_are_cleared_at_open() {
    let home = tempfile::tempdir().unwrap();
    drop(Workspace::open(home.path()).unwrap());
    let apps = home.path().join("workspace/applicants");
    std::fs::write(apps.join(".scorebook-tmp-abc.tmp"), b"{partial").unwrap();
    let (ws, notices) = Workspace::open(home.path()).unwrap();
    assert!(notices.is_empty());
    assert!(ws.applicants().is_empty());
    assert!(files_in(&apps).is_empty());
}

#[test]
fn corrupt_file_is_quarantined_and_the_rest_loads() {
    let home = tempfile::tempdir().unwrap();
    {
        let (mut ws, _) = Workspace::open(home.path()).unwrap();
        ws.save_applicant(&applicant("A1", "好的")).unwrap();
        ws.save_applicant(&applicant("A2", "坏的")).unwrap();
    }
    let apps = home.path().join("workspace/applicants");
    std::fs::write(
        apps.join("A2.json"),
        "{\n  \"id\": \"A2\",\n  \"name\": 3\n}",
    )
    .unwrap();
    std::fs::write(home.path().join("config.json"), "not json").unwrap();

    let (ws, notices) = Workspace::open(home.path()).unwrap();
    assert_eq!(ws.applicants().len(), 1);
    assert_eq!(ws.applicants()[0].id, "A1");
    assert_eq!(notices.len(), 2, "{notices:?}");
    let a2 = notices
        .iter()
        .find_map(|n| match n {
            Notice::Quarantined {
                file,
                reason: Unreadable::Json(reason),
                moved_to,
                ..
            } if file.ends_with("A2.json") => Some((reason.clone(), moved_to.clone())),
            _ => None,
        })
        .expect("A2 reported");
    assert!(a2.0.contains("name") && a2.0.contains("line 3"), "{}", a2.0);
    let moved = a2.1.expect("moved aside");
    assert!(moved.starts_with(home.path().join("workspace/quarantine")));
    assert!(
        std::fs::read_to_string(&moved)
            .unwrap()
            .contains("\"name\": 3")
    );
    assert!(!apps.join("A2.json").exists());
    let msg = notices[0].message(crate::lang::Lang::Zh);
    assert!(msg.contains("无法打开"), "{msg}");
    assert_eq!(ws.config(), &Config::default());
    assert!(!ws.is_first_run(), "a broken config is not a first run");
}

#[test]
fn file_holding_another_id_is_quarantined() {
    let home = tempfile::tempdir().unwrap();
    drop(Workspace::open(home.path()).unwrap());
    let apps = home.path().join("workspace/applicants");
    let bytes = serde_json::to_vec(&applicant("A7", "x")).unwrap();
    std::fs::write(apps.join("A1.json"), bytes).unwrap();
    let (ws, notices) = Workspace::open(home.path()).unwrap();
    assert!(ws.applicants().is_empty());
    assert!(matches!(&notices[..],
        [Notice::Quarantined { reason: Unreadable::WrongId { holds, .. }, .. }] if holds == "A7"));
}

#[test]
fn second_open_is_read_only_and_refuses_saves() {
    let home = tempfile::tempdir().unwrap();
    let (mut first, _) = Workspace::open(home.path()).unwrap();
    first.save_applicant(&applicant("A1", "一")).unwrap();
    let (mut second, notices) = Workspace::open(home.path()).unwrap();
    assert!(second.is_read_only());
    assert!(matches!(&notices[..], [Notice::ReadOnly { .. }]));
    assert_eq!(second.applicants().len(), 1, "still reads");
    let err = second.save_applicant(&applicant("A1", "改")).unwrap_err();
    assert!(matches!(err, WorkspaceError::ReadOnly { .. }));
    assert!(err.message(crate::lang::Lang::Zh).contains("只读"));
    assert!(second.save_config(&Config::default()).is_err());
    assert!(second.remove_applicant("A1").is_err());
    assert_eq!(first.applicant("A1").unwrap().name, "一");
    // a saver cloned from the first keeps the lock after the workspace is gone
    let saver = first.saver();
    drop(first);
    drop(second);
    let (third, _) = Workspace::open(home.path()).unwrap();
    assert!(third.is_read_only());
    drop(third);
    drop(saver);
    let (fourth, notices) = Workspace::open(home.path()).unwrap();
    assert!(!fourth.is_read_only(), "{notices:?}");
}

/// chmod does not stop root (or CAP_DAC_OVERRIDE); detect it instead of assuming.
pub(super) fn permissions_are_enforced(dir: &Path) -> bool {
    let probe = dir.join("probe");
    std::fs::write(&probe, b"").is_err()
}

#[cfg(unix)]
#[test]
fn read_only_folder_gives_an_error_and_keeps_the_old_copy() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let (mut ws, _) = Workspace::open(home.path()).unwrap();
    ws.save_applicant(&applicant("A1", "原文")).unwrap();
    let apps = home.path().join("workspace/applicants");
    std::fs::set_permissions(&apps, std::fs::Permissions::from_mode(0o555)).unwrap();
    if !permissions_are_enforced(&apps) {
        let _ = std::fs::remove_file(apps.join("probe"));
        std::fs::set_permissions(&apps, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: running with permission override (root)");
        return;
    }
    let err = ws.save_applicant(&applicant("A1", "新文")).unwrap_err();
    std::fs::set_permissions(&apps, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(
        matches!(&err, WorkspaceError::Io { path, .. } if path.ends_with("A1.json")),
        "{err}"
    );
    assert_eq!(ws.applicant("A1").unwrap().name, "原文", "memory unchanged");
    drop(ws);
    let (ws, _) = Workspace::open(home.path()).unwrap();
    assert_eq!(ws.applicant("A1").unwrap().name, "原文", "disk unchanged");
}

#[test]
fn remove_keeps_a_backup_and_ids_are_not_reused() {
    let home = tempfile::tempdir().unwrap();
    let (mut ws, _) = Workspace::open(home.path()).unwrap();
    assert_eq!(ws.next_applicant_id(), "A1");
    ws.save_applicant(&applicant("A1", "一")).unwrap();
    ws.save_applicant(&applicant("示例", "示例")).unwrap();
    assert_eq!(ws.next_applicant_id(), "A2");
    ws.save_applicant(&applicant("A2", "二")).unwrap();
    let backup = ws.remove_applicant("A2").unwrap();
    assert!(backup.starts_with(home.path().join("workspace/removed")));
    assert!(std::fs::read_to_string(&backup).unwrap().contains("\"二\""));
    assert!(ws.applicant("A2").is_none());
    assert_eq!(ws.next_applicant_id(), "A3", "A2 stays retired");
    let demo_backup = ws.remove_applicant("示例").unwrap();
    assert!(demo_backup.exists());
    assert!(matches!(
        ws.remove_applicant("A9"),
        Err(WorkspaceError::NotFound(_))
    ));
    drop(ws);
    let (ws, _) = Workspace::open(home.path()).unwrap();
    let ids: Vec<_> = ws.applicants().iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["A1"]);
}

#[test]
fn config_round_trips() {
    let home = tempfile::tempdir().unwrap();
    let (mut ws, _) = Workspace::open(home.path()).unwrap();
    let mut c = Config {
        reviewer_name: Some("王评审".into()),
        lang: Some(crate::lang::Lang::En),
        last_position: Some(Position {
            applicant: "示例".into(),
            screen: "item".into(),
            item: Some("4.1.2".into()),
            editing: None,
        }),
        demo_created: true,
        ..Config::default()
    };
    c.keys.insert("add_strength".into(), "S".into());
    ws.save_config(&c).unwrap();
    drop(ws);
    let (ws, _) = Workspace::open(home.path()).unwrap();
    assert_eq!(ws.config(), &c);
    // unknown fields from a newer version are tolerated
    drop(ws);
    std::fs::write(
        home.path().join("config.json"),
        r#"{"reviewer_name":"李","future":1}"#,
    )
    .unwrap();
    let (ws, notices) = Workspace::open(home.path()).unwrap();
    assert!(notices.is_empty());
    assert_eq!(ws.config().reviewer_name.as_deref(), Some("李"));
}

#[test]
fn export_versions_rise_per_applicant_and_stage_even_read_only() {
    let home = tempfile::tempdir().unwrap();
    let (ws, _) = Workspace::open(home.path()).unwrap();
    assert_eq!(
        ws.next_export_version("A1", Stage::DocumentReview).unwrap(),
        1
    );
    assert_eq!(
        ws.next_export_version("A1", Stage::DocumentReview).unwrap(),
        2
    );
    assert_eq!(ws.next_export_version("A1", Stage::SiteReview).unwrap(), 1);
    assert_eq!(
        ws.next_export_version("示例", Stage::DocumentReview)
            .unwrap(),
        1
    );
    let (ro, _) = Workspace::open(home.path()).unwrap();
    assert!(ro.is_read_only());
    assert_eq!(
        ro.next_export_version("A1", Stage::DocumentReview).unwrap(),
        3
    );
    std::fs::write(&ws.paths().counters, "garbage").unwrap();
    let err = ws
        .next_export_version("A1", Stage::DocumentReview)
        .unwrap_err();
    assert!(err.to_string().contains("export-versions.json"), "{err}");
}

#[test]
fn background_saver_coalesces_and_reports() {
    let home = tempfile::tempdir().unwrap();
    let (mut ws, _) = Workspace::open(home.path()).unwrap();
    let bg = BackgroundSaver::spawn(ws.saver()).unwrap();
    let mut a = applicant("A1", "");
    for i in 0..200 {
        a.name = format!("第{i}稿");
        bg.submit_applicant(a.clone());
        ws.update_cached(a.clone());
    }
    bg.submit_config(Config {
        reviewer_name: Some("赵".into()),
        ..Config::default()
    });
    bg.flush();
    let outcomes = bg.outcomes();
    assert!(!outcomes.is_empty() && outcomes.len() <= 201);
    assert!(outcomes.iter().all(|o| o.result.is_ok()));
    assert!(outcomes.iter().any(|o| o.target == SaveTarget::Config));
    drop(bg);
    drop(ws);
    let (ws, _) = Workspace::open(home.path()).unwrap();
    assert_eq!(ws.applicant("A1").unwrap().name, "第199稿");
    assert_eq!(ws.config().reviewer_name.as_deref(), Some("赵"));
}

#[test]
fn background_saver_forget_then_remove_does_not_resurrect() {
    let home = tempfile::tempdir().unwrap();
    let (mut ws, _) = Workspace::open(home.path()).unwrap();
    ws.save_applicant(&applicant("A1", "一")).unwrap();
    let bg = BackgroundSaver::spawn(ws.saver()).unwrap();
    for i in 0..50 {
        bg.submit_applicant(applicant("A1", &format!("稿{i}")));
    }
    bg.forget("A1");
    bg.flush();
    ws.remove_applicant("A1").unwrap();
    drop(bg);
    drop(ws);
    let (ws, _) = Workspace::open(home.path()).unwrap();
    assert!(ws.applicant("A1").is_none());
}

#[test]
fn background_saver_reports_read_only() {
    let home = tempfile::tempdir().unwrap();
    let (_first, _) = Workspace::open(home.path()).unwrap();
    let (second, _) = Workspace::open(home.path()).unwrap();
    let bg = BackgroundSaver::spawn(second.saver()).unwrap();
    bg.submit_applicant(applicant("A1", "x"));
    bg.flush();
    let o = bg.outcomes();
    assert!(matches!(
        &o[..],
        [SaveOutcome {
            result: Err(WorkspaceError::ReadOnly { .. }),
            ..
        }]
    ));
}

/// Disk full: run with `SCOREBOOK_SMALL_FS=<dir on a small file system>`, e.g. after
/// `mount -t tmpfs -o size=64k tmpfs /tmp/full`. Without it the test has nothing to fill.
#[test]
fn disk_full_gives_an_error_and_keeps_the_old_copy() {
    let Some(dir) = std::env::var_os("SCOREBOOK_SMALL_FS") else {
        eprintln!("skipped: set SCOREBOOK_SMALL_FS to a small file system to run");
        return;
    };
    let home = tempfile::tempdir_in(dir).unwrap();
    let (mut ws, _) = Workspace::open(home.path()).unwrap();
    ws.save_applicant(&applicant("A1", "原文")).unwrap();
    let mut big = applicant("A1", "新文");
    big.key_factors = vec!["长".repeat(100_000)];
    let err = ws.save_applicant(&big).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("A1.json"), "{text}");
    assert!(
        matches!(&err, WorkspaceError::Io { source, .. } if source.kind() == std::io::ErrorKind::StorageFull),
        "{text}"
    );
    assert_eq!(ws.applicant("A1").unwrap().name, "原文");
    assert_eq!(
        files_in(&home.path().join("workspace/applicants")),
        ["A1.json"]
    );
    drop(ws);
    let (ws, notices) = Workspace::open(home.path()).unwrap();
    assert!(notices.is_empty());
    assert_eq!(ws.applicant("A1").unwrap().name, "原文");
}

#[test]
fn open_read_only_changes_nothing_and_reads_beside_a_writer() {
    let home = tempfile::tempdir().unwrap();
    let missing = home.path().join("nowhere");
    let (ws, notices) = Workspace::open_read_only(&missing);
    assert!(ws.is_read_only() && ws.applicants().is_empty() && notices.is_empty());
    assert!(!missing.exists(), "no folder created");

    let (mut writer, _) = Workspace::open(home.path()).unwrap();
    writer.save_applicant(&applicant("A1", "一")).unwrap();
    let apps = home.path().join("workspace/applicants");
    std::fs::write(apps.join("A2.json"), "{").unwrap();
    let (reader, notices) = Workspace::open_read_only(home.path());
    assert_eq!(reader.applicants().len(), 1);
    assert!(matches!(
        &notices[..],
        [Notice::Quarantined { moved_to: None, .. }]
    ));
    assert!(apps.join("A2.json").exists(), "left in place");
    assert!(reader.save_applicant_check());
    assert_eq!(
        reader
            .next_export_version("A1", Stage::DocumentReview)
            .unwrap(),
        1
    );
    let (fresh, _) = Workspace::open_read_only(&missing);
    assert_eq!(
        fresh.next_export_version("A1", Stage::SiteReview).unwrap(),
        1
    );
}

impl Workspace {
    fn save_applicant_check(&self) -> bool {
        matches!(
            self.saver().save_applicant(&applicant("A1", "x")),
            Err(WorkspaceError::ReadOnly { .. })
        )
    }
}

/// Child half of the crash test: saves forever until killed.
fn child_saves_forever(home: &Path) -> ! {
    let (mut ws, _) = Workspace::open(home).unwrap();
    let mut a = applicant("A1", "");
    for i in 0u64.. {
        a.name = format!("第{i}稿");
        a.key_factors = vec!["长文本".repeat((i % 500) as usize)];
        ws.save_applicant(&a).unwrap();
        if i == 0 {
            std::fs::write(home.join("child-started"), b"").unwrap();
        }
    }
    unreachable!()
}

/// `kill -9` a process in the middle of saving, in another process: the lock was held while it
/// ran (we open read-only), and afterwards the file is a complete save and no temp file is left.
#[cfg(unix)]
#[test]
fn kill_9_while_saving_leaves_a_complete_file() {
    if let Some(home) = std::env::var_os("SCOREBOOK_CRASH_CHILD_HOME") {
        child_saves_forever(Path::new(&home));
    }
    let home = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "workspace::tests::kill_9_while_saving_leaves_a_complete_file",
            "--exact",
            "--nocapture",
        ])
        .env("SCOREBOOK_CRASH_CHILD_HOME", home.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = home.path().join("child-started");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !started.exists() {
        assert!(std::time::Instant::now() < deadline, "child never started");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    let (during, notices) = Workspace::open(home.path()).unwrap();
    assert!(during.is_read_only(), "another process holds the lock");
    assert!(
        matches!(&notices[..], [Notice::ReadOnly { .. }]),
        "{notices:?}"
    );
    drop(during);
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let (ws, notices) = Workspace::open(home.path()).unwrap();
    assert!(!ws.is_read_only(), "the lock died with the process");
    assert!(notices.is_empty(), "{notices:?}");
    let a = ws.applicant("A1").expect("last complete save");
    assert!(a.name.starts_with('第'));
    let apps = home.path().join("workspace/applicants");
    assert_eq!(files_in(&apps), ["A1.json"], "temp files cleared");
}

#[test]
fn a_removed_applicant_is_listed_and_restored_once() {
    let home = tempfile::tempdir().unwrap();
    let (mut ws, _) = Workspace::open(home.path()).unwrap();
    ws.save_applicant(&applicant("A1", "一")).unwrap();
    ws.save_applicant(&applicant("示例", "示例单位")).unwrap();
    let backup = ws.remove_applicant("示例").unwrap();
    ws.remove_applicant("A1").unwrap();
    // Not ours: left out of the list and left in place.
    std::fs::write(ws.paths().removed.join("notes.txt"), "x").unwrap();
    std::fs::write(ws.paths().removed.join("B7-broken.json"), "{").unwrap();
    let listed = ws.removed();
    let mut ids: Vec<_> = listed.iter().map(|b| b.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["A1", "示例"]);
    let demo = listed.iter().find(|b| b.id == "示例").unwrap();
    assert_eq!(demo.name, "示例单位");
    assert_eq!(demo.path, backup);
    assert_eq!(demo.removed_at.len(), "2026-11-25 08:53:00Z".len());
    assert!(demo.removed_at.ends_with('Z'), "{}", demo.removed_at);

    let back = ws.restore(&backup).unwrap();
    assert_eq!(back.name, "示例单位");
    assert!(ws.applicant("示例").is_some());
    assert!(!backup.exists(), "the backup moved aside");
    assert_eq!(files_in(&ws.paths().removed.join("restored")).len(), 1);
    let ids: Vec<_> = ws.removed().into_iter().map(|b| b.id).collect();
    assert_eq!(ids, ["A1"]);
    assert_eq!(ws.next_applicant_id(), "A2", "A1 stays retired");

    // A second copy of the same applicant (e.g. restored by hand) is refused: no overwrite.
    let copy = ws
        .paths()
        .removed
        .join("%E7%A4%BA%E4%BE%8B-20990101T000000.000Z.json");
    std::fs::write(&copy, serde_json::to_vec(&applicant("示例", "旧")).unwrap()).unwrap();
    let err = ws.restore(&copy).unwrap_err();
    assert!(
        matches!(&err, WorkspaceError::AlreadyExists { id, .. } if id == "示例"),
        "{err}"
    );
    assert!(copy.exists(), "a refused backup stays");
    assert_eq!(ws.applicant("示例").unwrap().name, "示例单位");
    assert!(err.message(crate::lang::Lang::Zh).contains("未恢复"));
    drop(ws);
    let (ws, _) = Workspace::open(home.path()).unwrap();
    assert_eq!(
        ws.applicant("示例").unwrap().name,
        "示例单位",
        "restored on disk"
    );
}

#[test]
fn typed_drafts_round_trip_an_empty_set_removes_the_file_and_a_broken_one_is_set_aside() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("workspace/drafts/typed.json");
    let drafts: Drafts = [("note:A1:4.2.3:0".to_string(), "现场抽查3个班组".to_string())].into();
    {
        let (ws, _) = Workspace::open(home.path()).unwrap();
        assert!(ws.drafts().is_empty());
        ws.saver().save_drafts(&drafts).unwrap();
    }
    {
        let (ws, notices) = Workspace::open(home.path()).unwrap();
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(ws.drafts(), &drafts);
        ws.saver().save_drafts(&Drafts::new()).unwrap();
        assert!(!file.exists(), "nothing kept, no file");
        ws.saver().save_drafts(&Drafts::new()).unwrap();
    }
    std::fs::write(&file, "{\"drafts\": 3}").unwrap();
    let (ws, notices) = Workspace::open(home.path()).unwrap();
    assert!(ws.drafts().is_empty());
    assert!(
        matches!(&notices[..], [Notice::Quarantined { file: f, .. }] if f.ends_with("typed.json")),
        "{notices:?}"
    );
    assert!(!file.exists(), "moved aside, not overwritten");
}
