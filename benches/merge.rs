//! Merge of 10,000 signed sheets (50 applicants × 8 reviewers × 25 versions, the shipped GB/T
//! 19580 framework) against the floor: parsing and signature-checking the same files alone.
//! Target: merge ≤ 1.3 × the floor. Memory is measured on the CLI with `/usr/bin/time -v`
//! over files written by `examples/panel_corpus.rs` (see docs/panel-format.md).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

use scorebook::panel::merge::merge_round_checked;
use scorebook::panel::round::check_input;
use scorebook::panel::{MergeOptions, check, merge_checked};
use scorebook::program::Catalog;
use scorebook::report::{
    Extras, PanelView, coverage_csv, feedback_html, panel_html, scores_csv, scores_xlsx, stage_html,
};
use scorebook::sheet::verify_sheet;

use scorebook::testkit::corpus as panel_corpus;

/// The floor every merge is measured against: parse and verify each file.
fn verify_all(files: &[(String, Vec<u8>)], catalog: &Catalog) -> usize {
    let ok = files
        .iter()
        .filter(|(_, bytes)| verify_sheet(bytes, catalog, None).is_ok())
        .count();
    assert_eq!(ok, files.len());
    ok
}

fn bench(c: &mut Criterion) {
    let mut files: Vec<(String, Vec<u8>)> = Vec::with_capacity(10_000);
    panel_corpus::sheets(50, 25, |p, b| files.push((p, b)));
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    eprintln!(
        "corpus: {} sheets, {:.1} MB, {:.1} KB each",
        files.len(),
        bytes as f64 / 1e6,
        bytes as f64 / files.len() as f64 / 1e3
    );
    let catalog = Catalog::embedded();
    let (roster, _) = panel_corpus::roster();
    let opts = MergeOptions::default();

    let mut g = c.benchmark_group("merge_10k");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("parse_and_verify_only", |b| {
        b.iter(|| black_box(verify_all(&files, &catalog)))
    });
    g.bench_function("merge", |b| {
        b.iter(|| {
            let r = merge_checked(
                files
                    .iter()
                    .map(|(p, bytes)| check(p.clone(), bytes, &catalog)),
                &roster,
                &catalog,
                &opts,
            );
            assert_eq!(r.results.len(), 50);
            black_box(r)
        })
    });
    g.finish();

    // The same panel made for a signed round: the merge against it adds the round checks,
    // recusal handling, the coverage table and the shortlist proposal.
    let (round, _) = panel_corpus::round(50);
    let mut files: Vec<(String, Vec<u8>)> = Vec::with_capacity(10_000);
    panel_corpus::sheets_in(Some(&round.round_ref()), 50, 25, |p, b| files.push((p, b)));
    let mut g = c.benchmark_group("merge_round_10k");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("parse_and_verify_only", |b| {
        b.iter(|| black_box(verify_all(&files, &catalog)))
    });
    g.bench_function("merge_round", |b| {
        b.iter(|| {
            let r = merge_round_checked(
                files
                    .iter()
                    .map(|(p, bytes)| check_input(p.clone(), bytes, &catalog)),
                &round,
                &catalog,
                &opts,
                None,
            );
            assert_eq!(r.results.len(), 50);
            black_box(r)
        })
    });
    // What `scorebook merge --round` computes, reports included (rendered in memory: the disk's
    // fsync time is the disk's, not the merge's).
    g.bench_function("merge_round_and_reports", |b| {
        b.iter(|| {
            let r = merge_round_checked(
                files
                    .iter()
                    .map(|(p, bytes)| check_input(p.clone(), bytes, &catalog)),
                &round,
                &catalog,
                &opts,
                None,
            );
            let view = PanelView::build(&r, &catalog).unwrap();
            let mut bytes = scores_csv::render(&view).unwrap().len();
            bytes += scores_xlsx::render(&view).unwrap().len();
            bytes += panel_html::render(&view).len();
            bytes += coverage_csv::render(&r).unwrap().map_or(0, |c| c.len());
            for a in &view.applicants {
                bytes += feedback_html::render(&view, a).len();
            }
            // The stage reports: a 资料评审报告 per applicant, the short feedback of those left
            // off the proposed shortlist.
            for (_, html) in stage_html::render_all(&view, Extras::default()) {
                bytes += html.len();
            }
            black_box(bytes)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
