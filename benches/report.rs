//! Rendering a large merged panel: 50 applicants, 8 reviewers (one a trainee), the full
//! GB/T 19580 framework, comments on every item. Measures each rendering in memory and the
//! whole `write_all` to a temp dir.

use criterion::{Criterion, criterion_group, criterion_main};
use scorebook::program::Catalog;
use scorebook::report::{PanelView, feedback_html, panel_html, scores_csv, scores_xlsx, write_all};

use scorebook::testkit::merged as report_panel;

fn bench(c: &mut Criterion) {
    let catalog = Catalog::embedded();
    let (result, _) = report_panel::merged(&catalog, 50, 8);
    let view = PanelView::build(&result, &catalog).unwrap();
    let mut g = c.benchmark_group("report_50x8");
    g.sample_size(10);
    g.bench_function("view", |b| {
        b.iter(|| PanelView::build(&result, &catalog).unwrap())
    });
    g.bench_function("csv", |b| b.iter(|| scores_csv::render(&view).unwrap()));
    g.bench_function("xlsx", |b| b.iter(|| scores_xlsx::render(&view).unwrap()));
    g.bench_function("report_html", |b| b.iter(|| panel_html::render(&view)));
    g.bench_function("feedback_html_all", |b| {
        b.iter(|| {
            view.applicants
                .iter()
                .map(|a| feedback_html::render(&view, a).len())
                .sum::<usize>()
        })
    });
    let dir = tempfile::tempdir().unwrap();
    g.bench_function("write_all", |b| {
        b.iter(|| write_all(&result, &catalog, dir.path()).unwrap())
    });
    g.finish();
    let sizes: Vec<(String, u64)> = write_all(&result, &catalog, dir.path())
        .unwrap()
        .iter()
        .take(3)
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::metadata(p).unwrap().len())
        })
        .collect();
    println!("report_50x8 file sizes: {sizes:?}");
}

criterion_group!(benches, bench);
criterion_main!(benches);
