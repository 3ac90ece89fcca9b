//! The leader's heat map (the panel at a glance): a full frame of 8 members × the full GB/T
//! 19580 framework into TestBackend at 120×40 and 80×24, and the consensus screen of an item
//! with every member's comments (near-duplicate groups computed on the frame).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use scorebook::lang::Lang;
use scorebook::testkit::consensus::consensus_model;
use scorebook::tui::model::Screen;
use scorebook::tui::view::view;

fn heat_map(c: &mut Criterion) {
    let m = consensus_model(Lang::Zh, 1, 8);
    let cons = m.consensus.as_deref().unwrap();
    assert_eq!(cons.panels[0].heat.members.len(), 8);
    assert!(cons.panels[0].heat.rows.len() >= 20);
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    c.bench_function("heat map 120x40, 8 members", |b| {
        b.iter(|| {
            t.draw(|f| view(black_box(&m), f)).unwrap();
        })
    });
    let mut t80 = Terminal::new(TestBackend::new(80, 24)).unwrap();
    c.bench_function("heat map 80x24, 8 members", |b| {
        b.iter(|| {
            t80.draw(|f| view(black_box(&m), f)).unwrap();
        })
    });
    let mut item = m.clone();
    item.screen = Screen::Consensus;
    c.bench_function("consensus screen 120x40, 8 members' comments", |b| {
        b.iter(|| {
            t.draw(|f| view(black_box(&item), f)).unwrap();
        })
    });
}

criterion_group!(benches, heat_map);
criterion_main!(benches);
