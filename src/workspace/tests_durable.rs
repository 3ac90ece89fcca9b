//! Durability: the disk saying no (through [`FaultyOps`]), strict reading at open, the export
//! lock reading what is on disk, and framework editions changing under a review.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::*;
use crate::review::{Comment, ConflictDeclaration, ItemReview, Review, SiteIssue};

fn applicant(id: &str, name: &str) -> Applicant {
    Applicant {
        id: id.into(),
        name: name.to_string(),
        program: "jinshan-2023".into(),
        track: "t".into(),
        demo: false,
        origin: Default::default(),
        conflict: ConflictDeclaration::Undeclared,
        key_factors: vec![],
        eligibility: BTreeMap::new(),
        document: Review::new(Stage::DocumentReview, "gbt19580-2012", "hash"),
        site: None,
        created_at: "2026-11-25T09:00:00Z".into(),
    }
}

fn fast() -> Backoff {
    Backoff {
        first: Duration::from_millis(5),
        max: Duration::from_millis(20),
    }
}

fn no_temp_files(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .all(|e| !atomic::is_temp_name(&e.file_name().to_string_lossy()))
}

/// The applicant's durable file (not a recent copy: see `saver`).
fn on_disk(home: &Path, id: &str) -> Applicant {
    let path = Paths::new(home).applicant_file(id).unwrap();
    serde_json::from_slice(&std::fs::read(path).expect("on disk")).expect("an applicant")
}

/// Every fault: the save fails naming the file, the old copy stays, no temp file is left;
/// the background saver keeps the newest copy and retries until the disk takes it.
#[test]
fn every_fault_fails_cleanly_and_the_retry_lands_the_newest_copy() {
    for fault in Fault::ALL {
        let home = tempfile::tempdir().unwrap();
        let ops = Arc::new(FaultyOps::new(None));
        let (mut ws, notices) = Workspace::open_with(home.path(), ops.clone()).unwrap();
        assert!(notices.is_empty() && !ws.is_read_only(), "{fault:?}");
        ws.save_applicant(&applicant("A1", "原文")).unwrap();

        ops.set(Some(fault));
        let err = ws.save_applicant(&applicant("A1", "新文")).unwrap_err();
        assert!(
            matches!(&err, WorkspaceError::Io { path, .. } if path.ends_with("A1.json")),
            "{fault:?}: {err}"
        );
        let zh = err.message(crate::lang::Lang::Zh);
        assert!(!zh.contains("os error"), "{fault:?}: {zh}");
        assert_eq!(on_disk(home.path(), "A1").name, "原文", "{fault:?}");
        assert!(no_temp_files(&ws.paths().applicants), "{fault:?}");

        let bg = BackgroundSaver::spawn_with(ws.saver(), fast()).unwrap();
        for i in 0..20 {
            bg.submit_applicant(applicant("A1", &format!("第{i}稿")));
        }
        bg.flush();
        let first = bg.outcomes();
        assert!(
            first
                .iter()
                .any(|o| o.result.is_err() && o.retry_in.is_some()),
            "{fault:?}: told, and a retry is coming"
        );
        assert_eq!(bg.unsaved(), [SaveTarget::Applicant("A1".into())]);
        assert_eq!(bg.failing(), [SaveTarget::Applicant("A1".into())]);
        // It keeps trying while the disk says no.
        let before = ops.injected();
        let deadline = Instant::now() + Duration::from_secs(5);
        while ops.injected() <= before {
            assert!(Instant::now() < deadline, "{fault:?}: retried with backoff");
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(on_disk(home.path(), "A1").name, "原文");

        ops.set(None); // space freed, disk remounted
        let deadline = Instant::now() + Duration::from_secs(5);
        while !bg.unsaved().is_empty() {
            assert!(Instant::now() < deadline, "{fault:?}: never saved");
            std::thread::sleep(Duration::from_millis(5));
        }
        let outcomes = bg.outcomes();
        assert!(outcomes.last().unwrap().result.is_ok(), "{fault:?}");
        assert!(outcomes.last().unwrap().attempt >= 2);
        assert_eq!(on_disk(home.path(), "A1").name, "第19稿", "{fault:?}");
        assert!(no_temp_files(&ws.paths().applicants), "{fault:?}");
    }
}

#[test]
fn backoff_doubles_up_to_its_cap() {
    let b = Backoff::default();
    assert_eq!(b.delay(1), Duration::from_millis(250));
    assert_eq!(b.delay(2), Duration::from_millis(500));
    assert_eq!(b.delay(3), Duration::from_secs(1));
    assert_eq!(b.delay(50), Duration::from_secs(5));
}

#[test]
fn read_only_file_system_at_open_opens_read_only_with_a_notice() {
    let home = tempfile::tempdir().unwrap();
    drop(Workspace::open(home.path()).unwrap());
    let ops = Arc::new(FaultyOps::new(Some(Fault::ReadOnlyFs)));
    let (ws, notices) = Workspace::open_with(home.path(), ops).unwrap();
    assert!(ws.is_read_only());
    assert!(
        matches!(&notices[..], [Notice::HomeNotWritable { kind, .. }] if *kind == std::io::ErrorKind::ReadOnlyFilesystem),
        "{notices:?}"
    );
    let zh = notices[0].message(crate::lang::Lang::Zh);
    assert!(zh.contains("只读") && !zh.contains("Read-only"), "{zh}");
    // A home that was never created on a read-only disk opens too, empty and read-only.
    let missing = home.path().join("nowhere");
    let ops = Arc::new(FaultyOps::new(Some(Fault::ReadOnlyFs)));
    let (ws, notices) = Workspace::open_with(&missing, ops).unwrap();
    assert!(ws.is_read_only() && ws.applicants().is_empty());
    assert_eq!(notices.len(), 1);
}

#[cfg(unix)]
#[test]
fn unwritable_home_opens_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    {
        let (mut ws, _) = Workspace::open(home.path()).unwrap();
        ws.save_applicant(&applicant("A1", "一")).unwrap();
    }
    let apps = home.path().join("workspace/applicants");
    let ws_dir = home.path().join("workspace");
    let set = |mode| {
        for d in [&apps, &ws_dir] {
            std::fs::set_permissions(d, std::fs::Permissions::from_mode(mode)).unwrap();
        }
    };
    set(0o555);
    if !super::tests::permissions_are_enforced(&apps) {
        let _ = std::fs::remove_file(apps.join("probe"));
        set(0o755);
        eprintln!("skipped: running with permission override (root)");
        return;
    }
    let opened = Workspace::open(home.path());
    set(0o755);
    let (ws, notices) = opened.unwrap();
    assert!(ws.is_read_only());
    assert_eq!(ws.applicants().len(), 1, "still reads");
    assert!(
        matches!(&notices[..], [Notice::HomeNotWritable { .. }]),
        "{notices:?}"
    );
}

#[test]
fn missing_config_is_a_first_run_and_a_broken_one_is_named() {
    let home = tempfile::tempdir().unwrap();
    let (ws, notices) = Workspace::open(home.path()).unwrap();
    assert!(ws.is_first_run() && notices.is_empty());
    drop(ws);
    std::fs::write(
        home.path().join("config.json"),
        "{\"reviewer_name\": \"王五\"}\n}garbage",
    )
    .unwrap();
    let (ws, notices) = Workspace::open(home.path()).unwrap();
    assert!(!ws.is_first_run());
    assert!(
        matches!(&notices[..], [Notice::Quarantined { file, reason: Unreadable::TrailingData { line: 2, .. }, .. }] if file.ends_with("config.json")),
        "{notices:?}"
    );
}

#[cfg(unix)]
#[test]
fn folders_links_garbage_and_impossible_percents_are_each_named() {
    let home = tempfile::tempdir().unwrap();
    let apps = home.path().join("workspace/applicants");
    {
        let (mut ws, _) = Workspace::open(home.path()).unwrap();
        ws.save_applicant(&applicant("A1", "好的")).unwrap();
    }
    std::fs::create_dir(apps.join("A2.json")).unwrap();
    std::os::unix::fs::symlink(home.path().join("gone.json"), apps.join("A3.json")).unwrap();
    let mut text = serde_json::to_string_pretty(&applicant("A4", "四")).unwrap();
    text.push_str("\n{\"id\": \"A4\"}");
    std::fs::write(apps.join("A4.json"), text).unwrap();
    let mut five = applicant("A5", "五");
    five.document.items.insert(
        "4.1.2".into(),
        ItemReview {
            percent: Some(serde_json::from_str("250").unwrap()),
            ..ItemReview::default()
        },
    );
    std::fs::write(apps.join("A5.json"), serde_json::to_vec(&five).unwrap()).unwrap();
    // A symlink to a good file is still read.
    std::fs::write(
        home.path().join("real6.json"),
        serde_json::to_vec(&applicant("A6", "六")).unwrap(),
    )
    .unwrap();
    std::os::unix::fs::symlink(home.path().join("real6.json"), apps.join("A6.json")).unwrap();

    let (ws, notices) = Workspace::open(home.path()).unwrap();
    let ids: Vec<_> = ws.applicants().iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["A1", "A6"]);
    let reason_of = |name: &str| {
        notices.iter().find_map(|n| match n {
            Notice::Quarantined { file, reason, .. } if file.ends_with(name) => {
                Some(reason.clone())
            }
            _ => None,
        })
    };
    assert_eq!(reason_of("A2.json"), Some(Unreadable::Folder));
    assert_eq!(reason_of("A3.json"), Some(Unreadable::DanglingLink));
    assert!(matches!(
        reason_of("A4.json"),
        Some(Unreadable::TrailingData { .. })
    ));
    assert!(matches!(
        reason_of("A5.json"),
        Some(Unreadable::BadValue(
            crate::review::ValueProblem::PercentAbove100 { percent: 250, .. }
        ))
    ));
    assert_eq!(notices.len(), 4, "{notices:?}");
    for n in &notices {
        let zh = n.message(crate::lang::Lang::Zh);
        assert!(zh.contains("已移至"), "{zh}");
    }
    let five_zh = notices
        .iter()
        .map(|n| n.message(crate::lang::Lang::Zh))
        .find(|m| m.contains("A5"))
        .unwrap();
    assert!(
        five_zh.contains("250%") && five_zh.contains("4.1.2"),
        "{five_zh}"
    );
    // Each was moved aside, none deleted.
    let q = std::fs::read_dir(home.path().join("workspace/quarantine"))
        .unwrap()
        .count();
    assert_eq!(q, 4);
}

#[test]
fn empty_comments_are_never_written() {
    let home = tempfile::tempdir().unwrap();
    let (mut ws, _) = Workspace::open(home.path()).unwrap();
    let mut a = applicant("A1", "一");
    a.key_factors = vec!["".into(), "员工 320 人".into()];
    a.document.items.insert(
        "4.1.2".into(),
        ItemReview {
            strengths: vec![
                Comment::default(),
                Comment {
                    text: "高层领导亲自推动".into(),
                    ..Comment::default()
                },
            ],
            ofis: vec![Comment {
                text: "  ".into(),
                ..Comment::default()
            }],
            ..ItemReview::default()
        },
    );
    a.document.items.insert(
        "4.1.3".into(),
        ItemReview {
            site_issues: vec![SiteIssue {
                kind: crate::review::SiteIssueKind::Verify,
                text: String::new(),
                status: Default::default(),
                note: String::new(),
            }],
            ..ItemReview::default()
        },
    );
    ws.save_applicant(&a).unwrap();
    let back = on_disk(home.path(), "A1");
    assert_eq!(back.key_factors, ["员工 320 人"]);
    let item = &back.document.items["4.1.2"];
    assert_eq!(item.strengths.len(), 1);
    assert!(item.ofis.is_empty());
    assert!(
        !back.document.items.contains_key("4.1.3"),
        "an item of nothing"
    );
}

/// A window's stale copy is never what is signed: under the export lock the applicant is read
/// from disk as the writing window left it.
#[test]
fn export_lock_reads_what_is_on_disk_not_a_stale_copy() {
    let home = tempfile::tempdir().unwrap();
    let (mut writer, _) = Workspace::open(home.path()).unwrap();
    writer.save_applicant(&applicant("A1", "旧")).unwrap();
    let (stale, _) = Workspace::open(home.path()).unwrap();
    assert!(stale.is_read_only());
    writer.save_applicant(&applicant("A1", "新")).unwrap();
    assert_eq!(
        stale.applicant("A1").unwrap().name,
        "旧",
        "in memory: stale"
    );
    let lock = stale.lock_exports().unwrap();
    assert_eq!(lock.applicant("A1").unwrap().name, "新");
    assert_eq!(lock.next_version("A1", Stage::DocumentReview).unwrap(), 1);
    assert!(matches!(
        lock.applicant("A9"),
        Err(WorkspaceError::NotFound(_))
    ));
    std::fs::write(writer.paths().applicant_file("A1").unwrap(), "{} x").unwrap();
    assert!(matches!(
        lock.applicant("A1"),
        Err(WorkspaceError::Unreadable { .. })
    ));
    drop(lock);
    // The lock is released: another exporter gets the next version.
    assert_eq!(
        writer
            .next_export_version("A1", Stage::DocumentReview)
            .unwrap(),
        2
    );
}

#[test]
fn a_changed_framework_edition_is_named_and_the_review_kept() {
    let catalog = crate::program::Catalog::embedded();
    let current = catalog.framework("gbt19580-2012").unwrap();
    let mut a = applicant("A1", "一");
    a.document.framework_hash = current.hash.clone();
    assert!(framework_changes(std::slice::from_ref(&a), &catalog).is_empty());

    // An edition known to no catalogue: the review would open on the current one.
    a.document.framework_hash = "0".repeat(64);
    a.document.items.insert(
        "9.9.9".into(),
        ItemReview {
            percent: Some(serde_json::from_str("40").unwrap()),
            ..ItemReview::default()
        },
    );
    let code = current.doc.items().next().unwrap().1.code.clone();
    a.document.items.insert(
        code.clone(),
        ItemReview {
            percent: Some(serde_json::from_str("42").unwrap()),
            ..ItemReview::default()
        },
    );
    let before = a.clone();
    let notices = framework_changes(std::slice::from_ref(&a), &catalog);
    assert_eq!(a, before, "nothing in the review changes");
    let [Notice::FrameworkChanged(c)] = &notices[..] else {
        panic!("{notices:?}")
    };
    assert_eq!(c.dropped_items, ["9.9.9"]);
    assert_eq!(c.off_step, [(code, 42, current.doc.percent_step)]);
    assert!(!c.edition.scored_known);
    let zh = notices[0].message(crate::lang::Lang::Zh);
    assert!(
        zh.contains("A1") && zh.contains("9.9.9") && zh.contains("42%"),
        "{zh}"
    );
}

/// A disk whose `fsync` takes its time (a laptop busy indexing, a CI machine compiling).
#[derive(Debug)]
struct SlowSync(Duration);

impl FileOps for SlowSync {
    fn sync(&self, file: &std::fs::File) -> std::io::Result<()> {
        std::thread::sleep(self.0);
        file.sync_all()
    }
}

/// The process dies while a durable save waits on a slow fsync: the newest copy was already
/// in its recent copy, and the next open restores it and saves it durably.
#[test]
fn a_kill_during_a_slow_fsync_loses_nothing_submitted() {
    let home = tempfile::tempdir().unwrap();
    let ops: Arc<dyn FileOps> = Arc::new(SlowSync(Duration::from_millis(400)));
    let (mut ws, _) = Workspace::open_with(home.path(), ops).unwrap();
    ws.save_applicant(&applicant("A1", "原文")).unwrap();
    let bg = BackgroundSaver::spawn(ws.saver()).unwrap();
    bg.submit_applicant(applicant("A1", "第一稿"));
    std::thread::sleep(Duration::from_millis(20));
    bg.submit_applicant(applicant("A1", "第二稿，写在同步的时候"));
    let recent = ws.paths().recent_file("A1").unwrap();
    let deadline = Instant::now() + Duration::from_millis(300);
    while !std::fs::read_to_string(&recent)
        .unwrap_or_default()
        .contains("第二稿")
    {
        assert!(
            Instant::now() < deadline,
            "the recent copy waits for no fsync"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    assert_eq!(on_disk(home.path(), "A1").name, "原文", "still in fsync");
    // As good as a kill: nothing more is flushed on the way out (the threads still run, but
    // the next fsync is 400 ms away).
    std::mem::forget(bg);
    std::mem::forget(ws);

    let (ws, notices) = Workspace::open_read_only(home.path());
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(ws.applicant("A1").unwrap().name, "第二稿，写在同步的时候");
}

/// Once the durable save lands, the recent copy is gone; a recent copy left unreadable (a
/// power cut) is moved aside and the durable file stands; removing an applicant removes its
/// recent copy too.
#[test]
fn recent_copies_are_cleared_recovered_and_set_aside() {
    let home = tempfile::tempdir().unwrap();
    let (mut ws, _) = Workspace::open(home.path()).unwrap();
    ws.save_applicant(&applicant("A1", "原文")).unwrap();
    {
        let bg = BackgroundSaver::spawn(ws.saver()).unwrap();
        bg.submit_applicant(applicant("A1", "新文"));
        bg.flush();
        assert!(bg.unsaved().is_empty());
    }
    assert_eq!(on_disk(home.path(), "A1").name, "新文");
    let recent = ws.paths().recent_file("A1").unwrap();
    assert!(!recent.exists(), "cleared once saved durably");
    drop(ws);

    // A recent copy newer than the file (a kill before the durable save landed) wins and is
    // saved durably at open.
    let bytes = serde_json::to_vec(&applicant("A1", "未落盘的新稿")).unwrap();
    std::fs::write(&recent, bytes).unwrap();
    let (mut ws, notices) = Workspace::open(home.path()).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(ws.applicant("A1").unwrap().name, "未落盘的新稿");
    assert_eq!(on_disk(home.path(), "A1").name, "未落盘的新稿");
    assert!(!recent.exists());

    // A torn one is set aside and named; the durable copy stands.
    std::fs::write(&recent, b"{\"id\": \"A1\", \"na").unwrap();
    drop(ws);
    let (ws2, notices) = Workspace::open(home.path()).unwrap();
    assert!(
        matches!(notices.as_slice(), [Notice::Quarantined { .. }]),
        "{notices:?}"
    );
    assert_eq!(ws2.applicant("A1").unwrap().name, "未落盘的新稿");
    assert!(!recent.exists());
    ws = ws2;

    // Removing the applicant takes its recent copy with it.
    std::fs::write(&recent, serde_json::to_vec(&applicant("A1", "x")).unwrap()).unwrap();
    ws.remove_applicant("A1").unwrap();
    assert!(!recent.exists());
    drop(ws);
    let (ws, _) = Workspace::open(home.path()).unwrap();
    assert!(ws.applicant("A1").is_none(), "never brought back");
}

/// A batch (a round import): under every fault the batch fails naming a file, no file is
/// half-written, no temp file is left, memory keeps the old copies; with the disk fixed the
/// same batch lands whole.
#[test]
fn a_batch_save_fails_cleanly_under_every_fault_and_lands_once_fixed() {
    for fault in Fault::ALL {
        let home = tempfile::tempdir().unwrap();
        let ops = Arc::new(FaultyOps::new(None));
        let (mut ws, _) = Workspace::open_with(home.path(), ops.clone()).unwrap();
        ws.save_applicant(&applicant("2025-M-01", "原文")).unwrap();
        let batch: Vec<Applicant> = (1..=12)
            .map(|i| applicant(&format!("2025-M-{i:02}"), &format!("申报组织{i}")))
            .collect();

        ops.set(Some(fault));
        let err = ws.save_applicants(&batch).unwrap_err();
        assert!(
            matches!(&err, WorkspaceError::Io { path, .. } if path.to_string_lossy().contains("2025")),
            "{fault:?}: {err}"
        );
        assert!(no_temp_files(&ws.paths().applicants), "{fault:?}");
        assert_eq!(ws.applicants().len(), 1, "{fault:?}");
        assert_eq!(ws.applicant("2025-M-01").unwrap().name, "原文");
        // Every file on disk is whole: the old copy or a new one, never a mixture.
        for e in std::fs::read_dir(&ws.paths().applicants).unwrap().flatten() {
            let bytes = std::fs::read(e.path()).unwrap();
            serde_json::from_slice::<Applicant>(&bytes).expect("a whole applicant");
        }

        ops.set(None);
        ws.save_applicants(&batch).unwrap();
        assert_eq!(ws.applicants().len(), 12, "{fault:?}");
        for a in &batch {
            assert_eq!(&on_disk(home.path(), &a.id), a, "{fault:?}");
        }
        let (again, notices) = Workspace::open_read_only(home.path());
        assert!(notices.is_empty(), "{fault:?}: {notices:?}");
        assert_eq!(again.applicants().len(), 12);
    }
}
