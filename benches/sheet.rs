//! Verify throughput on a realistic full sheet (23 items, five Chinese comments each) against
//! the floor: parsing the same payload JSON into a `Sheet` plus one Ed25519 verification.
//! Target: verify ≤ 1.3 × floor. Run: `cargo bench --bench sheet`.

#[path = "../tests/common/fixture.rs"]
mod fixture;

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group};
use ed25519_dalek::{Signature, VerifyingKey};

use scorebook::sheet::{self, Sheet, envelope::pae};

struct Setup {
    catalog: scorebook::program::Catalog,
    file: Vec<u8>,
    payload: Vec<u8>,
    payload_type: String,
    key: VerifyingKey,
    sig: Signature,
}

fn setup() -> Setup {
    let catalog = fixture::catalog();
    let key = fixture::key(1);
    let (_, file) = fixture::signed_sheet(&catalog, &key);
    let v = sheet::verify_document(&file).unwrap();
    let entry: serde_json::Value = serde_json::from_slice(&file).unwrap();
    let sig_hex = entry["signature"]["sig"].as_str().unwrap();
    let mut sig = [0u8; 64];
    hex::decode_to_slice(sig_hex, &mut sig).unwrap();
    Setup {
        catalog,
        payload: v.payload,
        payload_type: v.payload_type,
        file,
        key: key.verifying_key(),
        sig: Signature::from_bytes(&sig),
    }
}

fn full_verify(s: &Setup) -> usize {
    let v = sheet::verify_sheet(black_box(&s.file), &s.catalog, None).unwrap();
    v.sheet.items.len()
}

/// The floor: what any verifier must at least do.
fn floor(s: &Setup) -> usize {
    let sheet: Sheet = serde_json::from_slice(black_box(&s.payload)).unwrap();
    s.key
        .verify_strict(&pae(&s.payload_type, &s.payload), &s.sig)
        .unwrap();
    sheet.items.len()
}

fn bench(c: &mut Criterion) {
    let s = setup();
    let mut g = c.benchmark_group("sheet");
    g.throughput(Throughput::Elements(1));
    g.bench_function("verify_sheet", |b| b.iter(|| full_verify(&s)));
    g.bench_function("floor_parse_plus_ed25519", |b| b.iter(|| floor(&s)));
    g.bench_function("sign_sheet", |b| {
        let key = fixture::key(1);
        let sheet = sheet::verify_sheet(&s.file, &s.catalog, None)
            .unwrap()
            .sheet;
        b.iter(|| sheet::sign_sheet(black_box(&sheet), &key).unwrap())
    });
    g.finish();
}

/// A plain summary after criterion: the two timed alternately (so load on a shared machine
/// hits both alike), best run of each, and the ratio.
fn summary() {
    let s = setup();
    let run = |f: &dyn Fn(&Setup) -> usize| {
        let n = 200;
        let t = Instant::now();
        for _ in 0..n {
            black_box(f(&s));
        }
        t.elapsed().as_secs_f64() / f64::from(n)
    };
    let (mut verify, mut base) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..15 {
        verify = verify.min(run(&full_verify));
        base = base.min(run(&floor));
    }
    println!(
        "sheet file {} bytes (23 items, 5 comments each)\n\
         verify_sheet: {:.1} µs = {:.0} sheets/s\n\
         floor (parse + one Ed25519 verify): {:.1} µs = {:.0} sheets/s\n\
         ratio verify / floor = {:.2} (target ≤ 1.30)",
        s.file.len(),
        verify * 1e6,
        1.0 / verify,
        base * 1e6,
        1.0 / base,
        verify / base
    );
}

criterion_group!(benches, bench);

fn main() {
    // `cargo bench --bench sheet -- --summary-only` skips criterion's runs.
    if !std::env::args().any(|a| a == "--summary-only") {
        benches();
        Criterion::default().configure_from_args().final_summary();
    }
    summary();
}
