//! Workspace and review-core costs that the TUI pays: saving an applicant (atomic, fsync),
//! queueing a save on the background saver, opening a 50-applicant workspace, the comment check
//! and an undo snapshot of the demo applicant; importing a 50-applicant × 8-member round
//! (issue 9: target < 50 ms) into a fresh workspace, and again over itself.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use scorebook::program::Catalog;
use scorebook::review::comment_check::{CommentRules, check_review};
use scorebook::review::demo::demo_applicant;
use scorebook::review::{Stage, Undo};
use scorebook::workspace::{BackgroundSaver, Workspace};

const NOW: &str = "2026-11-25T09:00:00Z";

fn benches(c: &mut Criterion) {
    let catalog = Catalog::embedded();
    let fw = catalog
        .framework("gbt19580-2012")
        .expect("embedded framework");
    let demo = demo_applicant(&fw.hash, NOW).expect("embedded demo");

    let home = tempfile::tempdir().unwrap();
    {
        let (mut ws, _) = Workspace::open(home.path()).unwrap();
        for n in 1..=50 {
            let mut a = demo.clone();
            a.id = format!("A{n}").into();
            a.demo = false;
            ws.save_applicant(&a).unwrap();
        }
    }

    c.bench_function("open workspace, 50 applicants", |b| {
        b.iter(|| {
            let (ws, notices) = Workspace::open(home.path()).unwrap();
            black_box((ws.applicants().len(), notices.len()))
        })
    });

    let (mut ws, _) = Workspace::open(home.path()).unwrap();
    let mut a = demo.clone();
    a.id = "A1".into();
    c.bench_function("save_applicant (demo, atomic + fsync)", |b| {
        b.iter(|| ws.save_applicant(black_box(&a)).unwrap())
    });

    let bg = BackgroundSaver::spawn(ws.saver()).unwrap();
    c.bench_function("BackgroundSaver::submit_applicant (caller side)", |b| {
        b.iter(|| bg.submit_applicant(black_box(a.clone())))
    });
    bg.flush();
    drop(bg);

    let rules = CommentRules::embedded();
    c.bench_function("comment check, demo review", |b| {
        b.iter(|| check_review(rules, &fw.doc, black_box(&a.document)).len())
    });

    c.bench_function("undo snapshot + step, demo applicant", |b| {
        let mut undo = Undo::new(200);
        let mut x = a.clone();
        b.iter(|| {
            undo.apply(&mut x, None, |x| {
                x.step_percent(
                    &fw.doc,
                    Stage::DocumentReview,
                    "4.1.2",
                    scorebook::review::Step::Up,
                )
            })
            .unwrap()
        })
    });
}

/// The reviewer's round import: verify + catalogue check + plan + 50 atomic saves into a
/// fresh workspace, and a re-import of the same file (verify + plan, nothing to write).
fn round_import(c: &mut Criterion) {
    use scorebook::identity::MemberInfo;
    use scorebook::lang::Lang;
    use scorebook::service::round_import::{ImportRequest, import_round, plan_import};
    use scorebook::testkit::round as kit;

    let catalog = Catalog::embedded();
    let mut round = kit::round(50, 8);
    // The reviewer under test (组员1) coached two applicants: the automatic recusal runs too.
    for a in round.applicants.iter_mut().take(2) {
        a.coaches = vec!["组员1".into()];
    }
    let files = tempfile::tempdir().unwrap();
    let path = files.path().join("round.json");
    std::fs::write(&path, kit::signed(&round)).unwrap();
    let request = ImportRequest {
        path,
        reviewer: Some(MemberInfo::new("组员1", &kit::key(2).verifying_key())),
        now: NOW.into(),
        lang: Lang::Zh,
    };

    c.bench_function(
        "import round, 50 applicants x 8 members (fresh workspace)",
        |b| {
            b.iter_batched(
                || {
                    let home = tempfile::tempdir().unwrap();
                    let (ws, _) = Workspace::open(home.path()).unwrap();
                    (home, ws)
                },
                |(home, mut ws)| {
                    let done = import_round(&mut ws, &catalog, &request).unwrap();
                    assert_eq!(done.added.len(), 50);
                    (home, ws)
                },
                criterion::BatchSize::PerIteration,
            )
        },
    );

    let home = tempfile::tempdir().unwrap();
    let (mut ws, _) = Workspace::open(home.path()).unwrap();
    import_round(&mut ws, &catalog, &request).unwrap();
    c.bench_function(
        "re-import the same round (verify + plan, nothing written)",
        |b| {
            b.iter(|| {
                let plan = plan_import(&ws, &catalog, &request).unwrap();
                black_box(plan.summary.unchanged.len())
            })
        },
    );
}

criterion_group!(workspace, benches, round_import);
criterion_main!(workspace);
