//! Mutated bytes of real files fed to every parser (issue 12): criteria, programme, applicant,
//! config, export counters, key, sheet, roster and panel. A fixed number of cases each, from a
//! fixed seed (proptest's deterministic runner), so a failure reproduces.
//!
//! For every parser: no panic, and whatever it accepts means what the original meant:
//! - a **signed** file (sheet, roster) is accepted only when it is the original, byte for byte;
//! - `panel.json` is accepted by rank's audit only when its results are the original's;
//! - the key is accepted only with the original key pair;
//! - a plain data file (criteria, programme, applicant, config, counters) may be edited by a
//!   person, so an accepted mutation may say something new — but when its JSON value is the
//!   original's (only spacing or escapes changed), its meaning must be the original's, and
//!   what was accepted survives being written and read again.

use scorebook::testkit::sheet as fixture;

use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, RngAlgorithm, TestRng, TestRunner};

use scorebook::framework::load::{content_hash, load_framework};
use scorebook::identity::Identity;
use scorebook::panel::audit;
use scorebook::panel::roster::{sign_roster, verify_roster};
use scorebook::panel::{MergeOptions, Role, Roster, RosterMember, merge};
use scorebook::program::Catalog;
use scorebook::program::load::load_program;
use scorebook::review::Stage;
use scorebook::review::demo::demo_applicant;
use scorebook::sheet::verify_sheet;
use scorebook::workspace::{Config, Position, Workspace};

/// Cases per parser. Each is a few mutations of one file.
const CASES: u32 = 256;

/// One edit of a byte string.
#[derive(Debug, Clone)]
enum Edit {
    Flip { at: usize, bit: u8 },
    Set { at: usize, byte: u8 },
    Insert { at: usize, byte: u8 },
    Delete { at: usize, len: usize },
    Duplicate { at: usize, len: usize },
    Swap { a: usize, b: usize },
    Truncate { at: usize },
}

/// Bytes that matter to JSON, so that many mutations stay JSON and reach the typed checks.
const INTERESTING: &[u8] = b"{}[]\":,0123456789.-+eE \n\ttrunefalsl\\u\x1b\x00\xff\xc3";

fn edit() -> impl Strategy<Value = Edit> {
    let byte = prop_oneof![any::<u8>(), proptest::sample::select(INTERESTING)];
    prop_oneof![
        (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Edit::Flip { at, bit }),
        (any::<usize>(), byte.clone()).prop_map(|(at, byte)| Edit::Set { at, byte }),
        (any::<usize>(), byte).prop_map(|(at, byte)| Edit::Insert { at, byte }),
        (any::<usize>(), 1usize..16).prop_map(|(at, len)| Edit::Delete { at, len }),
        (any::<usize>(), 1usize..16).prop_map(|(at, len)| Edit::Duplicate { at, len }),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap { a, b }),
        any::<usize>().prop_map(|at| Edit::Truncate { at }),
    ]
}

fn mutated(original: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut b = original.to_vec();
    for e in edits {
        if b.is_empty() {
            b.push(b'{');
        }
        let n = b.len();
        match *e {
            Edit::Flip { at, bit } => b[at % n] ^= 1 << bit,
            Edit::Set { at, byte } => b[at % n] = byte,
            Edit::Insert { at, byte } => b.insert(at % (n + 1), byte),
            Edit::Delete { at, len } => {
                let at = at % n;
                b.drain(at..(at + len).min(n));
            }
            Edit::Duplicate { at, len } => {
                let at = at % n;
                let piece = b[at..(at + len).min(n)].to_vec();
                b.splice(at..at, piece);
            }
            Edit::Swap { a, b: c } => b.swap(a % n, c % n),
            Edit::Truncate { at } => b.truncate(at % n),
        }
    }
    b
}

/// Runs `check` on `CASES` mutations of `original` (1–4 edits each), from a fixed seed.
fn fuzz(name: &str, original: &[u8], check: impl Fn(&[u8])) {
    let config = RunnerConfig {
        cases: CASES,
        failure_persistence: None,
        ..RunnerConfig::default()
    };
    let seed: [u8; 32] = *b"scorebook-fuzz-parsers-seed-0012";
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed));
    let result = runner.run(&proptest::collection::vec(edit(), 1..5), |edits| {
        let bytes = mutated(original, &edits);
        check(&bytes);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

fn same_json(a: &[u8], b: &[u8]) -> bool {
    match (
        serde_json::from_slice::<serde_json::Value>(a),
        serde_json::from_slice::<serde_json::Value>(b),
    ) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

#[test]
fn criteria_files() {
    let original = include_bytes!("../criteria/frameworks/gbt19580-2012.json");
    let (_, hash) = load_framework("gbt19580-2012.json", original).expect("the shipped file loads");
    fuzz("framework", original, |bytes| {
        if let Ok((doc, h)) = load_framework("mutated.json", bytes) {
            assert_eq!(h, content_hash(&doc));
            if same_json(bytes, original) {
                assert_eq!(h, hash, "same JSON, other meaning");
            }
            let again = serde_json::to_vec(&doc).unwrap();
            let (_, h2) = load_framework("again.json", &again).expect("what was accepted reloads");
            assert_eq!(h2, h);
        }
    });
}

#[test]
fn programme_files() {
    let original = include_bytes!("../criteria/programs/jinshan-2023.json");
    let known = |_: &str| true;
    let (_, hash) =
        load_program("jinshan-2023.json", original, &known).expect("the shipped file loads");
    fuzz("programme", original, |bytes| {
        if let Ok((doc, h)) = load_program("mutated.json", bytes, &known) {
            if same_json(bytes, original) {
                assert_eq!(h, hash, "same JSON, other meaning");
            }
            let again = serde_json::to_vec(&doc).unwrap();
            let (_, h2) =
                load_program("again.json", &again, &known).expect("what was accepted reloads");
            assert_eq!(h2, h);
        }
    });
}

/// A home holding one saved demo applicant (`A1`) and a config; returns the file bytes.
fn workspace_home() -> (tempfile::TempDir, Vec<u8>, Vec<u8>) {
    let home = tempfile::tempdir().unwrap();
    let catalog = Catalog::embedded();
    let fw = catalog.framework("gbt19580-2012").unwrap();
    let mut a = demo_applicant(&fw.hash, "2026-11-25T09:00:00Z").unwrap();
    a.id = "A1".into();
    let (mut ws, _) = Workspace::open(home.path()).unwrap();
    ws.save_applicant(&a).unwrap();
    ws.save_config(&Config {
        reviewer_name: Some("王评审".into()),
        lang: Some(scorebook::lang::Lang::Zh),
        last_position: Some(Position {
            applicant: "A1".into(),
            screen: "items".into(),
            item: Some("4.1.2".into()),
            editing: None,
        }),
        keys: [("add_strength".to_string(), "S".to_string())].into(),
        demo_created: true,
        seal_exports: Some(false),
    })
    .unwrap();
    let applicant = std::fs::read(ws.paths().applicant_file("A1").unwrap()).unwrap();
    let config = std::fs::read(&ws.paths().config).unwrap();
    drop(ws);
    (home, applicant, config)
}

#[test]
fn applicant_files() {
    let (home, original, _) = workspace_home();
    let (ws, _) = Workspace::open_read_only(home.path());
    let path = ws.paths().applicant_file("A1").unwrap();
    let before = ws.applicant("A1").unwrap().clone();
    drop(ws);
    fuzz("applicant", &original, |bytes| {
        std::fs::write(&path, bytes).unwrap();
        let (ws, _) = Workspace::open_read_only(home.path());
        if let Some(a) = ws.applicant("A1") {
            if same_json(bytes, &original) {
                assert_eq!(a, &before, "same JSON, other meaning");
            }
            let again: scorebook::review::Applicant =
                serde_json::from_slice(&serde_json::to_vec(a).unwrap()).unwrap();
            assert_eq!(&again, a);
        }
    });
}

#[test]
fn config_files() {
    let (home, _, original) = workspace_home();
    let (ws, _) = Workspace::open_read_only(home.path());
    let path = ws.paths().config.clone();
    let before = ws.config().clone();
    drop(ws);
    fuzz("config", &original, |bytes| {
        std::fs::write(&path, bytes).unwrap();
        let (ws, _) = Workspace::open_read_only(home.path());
        let c = ws.config();
        if same_json(bytes, &original) {
            assert_eq!(c, &before, "same JSON, other meaning");
        }
        let again: Config = serde_json::from_slice(&serde_json::to_vec(c).unwrap()).unwrap();
        assert_eq!(&again, c);
    });
}

#[test]
fn counter_files() {
    let home = tempfile::tempdir().unwrap();
    let (ws, _) = Workspace::open(home.path()).unwrap();
    for _ in 0..3 {
        ws.next_export_version("A1", Stage::DocumentReview).unwrap();
    }
    ws.next_export_version("A2", Stage::SiteReview).unwrap();
    let path = ws.paths().counters.clone();
    let original = std::fs::read(&path).unwrap();
    fuzz("counters", &original, |bytes| {
        std::fs::write(&path, bytes).unwrap();
        if let Ok(v) = ws.next_export_version("A1", Stage::DocumentReview) {
            assert!(v >= 1);
            if same_json(bytes, &original) {
                assert_eq!(v, 4, "same JSON, other meaning");
            }
            // What was written back is read again and rises.
            let next = ws.next_export_version("A1", Stage::DocumentReview).unwrap();
            assert_eq!(next, v + 1);
        }
    });
}

#[test]
fn key_files() {
    let home = tempfile::tempdir().unwrap();
    let original = Identity::create(home.path(), "王评审", false).unwrap();
    let dir = Identity::keys_dir(home.path());
    let files: Vec<(std::path::PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    assert_eq!(files.len(), 2, "a secret and a public file");
    for (path, bytes) in &files {
        fuzz("key", bytes, |mutated| {
            write_over(path, mutated);
            if let Ok(Some(id)) = Identity::load(home.path()) {
                assert_eq!(id.verifying_key(), original.verifying_key());
                assert!(!scorebook::display::has_unsafe(id.name()));
                if same_json(mutated, bytes) {
                    assert_eq!(id.name(), original.name());
                }
            }
        });
        write_over(path, bytes);
    }
}

/// Replaces a file that may be read-only for its owner's group (the secret key is 0600).
fn write_over(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn sheet_files() {
    let catalog = fixture::catalog();
    let key = fixture::key(1);
    let (sheet, original) = fixture::signed_sheet(&catalog, &key);
    verify_sheet(&original, &catalog, None).expect("the fixture verifies");
    fuzz("sheet", &original, |bytes| {
        if let Ok(ok) = verify_sheet(bytes, &catalog, None) {
            assert_eq!(ok.sheet, sheet);
            assert_eq!(
                bytes,
                &original[..],
                "a signed file is accepted only as it was signed"
            );
        }
        // The merge's reading of the same bytes never panics either, and agrees.
        let checked = scorebook::panel::check("m.json".into(), bytes, &catalog);
        if checked.outcome.is_ok() {
            assert_eq!(bytes, &original[..]);
        }
    });
}

fn member(key: &ed25519_dalek::SigningKey, name: &str, role: Role) -> RosterMember {
    RosterMember {
        role,
        ..RosterMember::from(&scorebook::identity::MemberInfo::new(
            name,
            &key.verifying_key(),
        ))
    }
}

/// A roster led by key 9 with keys 1–3 as members, signed.
fn roster() -> (Roster, Vec<u8>) {
    let leader = fixture::key(9);
    let mut r = Roster::new(
        "test-program",
        "2025",
        member(&leader, "组长", Role::Leader),
        "2026-11-20T09:00:00+08:00",
    );
    for (n, name) in [(1, "王评审"), (2, "李评审"), (3, "赵评审")] {
        r.add(member(&fixture::key(n), name, Role::Member)).unwrap();
    }
    let bytes = sign_roster(&r, &leader).unwrap();
    (r, bytes)
}

#[test]
fn roster_files() {
    let (r, original) = roster();
    fuzz("roster", &original, |bytes| {
        if let Ok(v) = verify_roster(bytes) {
            assert_eq!(v.roster, r);
            assert_eq!(bytes, &original[..]);
        }
    });
}

#[test]
fn panel_files() {
    let catalog = fixture::catalog();
    let (roster, roster_bytes) = roster();
    let sheets: Vec<(String, Vec<u8>)> = (1..=3)
        .map(|n| {
            let key = fixture::key(n);
            let mut a = fixture::applicant(&catalog);
            // Each reviewer scores a little differently.
            for item in a.document.items.values_mut() {
                let p = item.percent.unwrap().value();
                item.percent = Some(
                    scorebook::framework::Percent::new(
                        u32::from(p.min(90)) + 5 * u32::from(n - 1),
                        5,
                    )
                    .unwrap(),
                );
            }
            let name = ["王评审", "李评审", "赵评审"][usize::from(n - 1)];
            (
                format!("s{n}.json"),
                fixture::signed_by(&catalog, &a, &key, name),
            )
        })
        .collect();
    let opts = MergeOptions {
        created_at: "2026-11-26T09:00:00+08:00".into(),
        ..MergeOptions::default()
    };
    let panel = merge(sheets.clone(), &roster, &catalog, &opts);
    assert_eq!(panel.results.len(), 1);
    let original = serde_json::to_vec_pretty(&panel).unwrap();
    audit::check(&panel, &catalog).expect("a fresh merge passes its own audit");
    audit::recompute(&panel, &roster_bytes, sheets.clone(), &catalog)
        .expect("and recomputes to itself");
    let accepted = std::cell::Cell::new(0);
    fuzz("panel", &original, |bytes| {
        let Ok(read) = serde_json::from_slice::<scorebook::panel::PanelResult>(bytes) else {
            return;
        };
        let checked = audit::check(&read, &catalog).is_ok();
        let recomputed = audit::recompute(&read, &roster_bytes, sheets.clone(), &catalog).is_ok();
        if recomputed {
            accepted.set(accepted.get() + 1);
            assert_eq!(
                read.results, panel.results,
                "rank accepts only the merge's results"
            );
        }
        if checked && !recomputed {
            // Sums and sources hold, but the figures are not the sheets': only a recompute
            // catches it, which is why rank recomputes whenever the copies are there.
            assert_ne!(read.results, panel.results);
        }
    });
    assert!(
        accepted.get() > 0,
        "some mutations (spacing, paths) keep the results and pass"
    );
}
