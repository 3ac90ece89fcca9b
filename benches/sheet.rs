//! Verify throughput on a realistic full sheet (23 items, five Chinese comments each) against
//! the floor: parsing the same payload JSON into a `Sheet` plus one Ed25519 verification.
//! Target: verify ≤ 1.3 × floor. Run: `cargo bench --bench sheet`.

// A program of its own: it reads its own argv (clippy.toml keeps the library's to main).
#![allow(clippy::disallowed_methods)]

use std::hint::black_box;
use std::time::Duration;
#[cfg(not(unix))]
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group};
use ed25519_dalek::{Signature, VerifyingKey};

use scorebook::sheet::{self, Sheet, envelope::pae};
use scorebook::testkit::sheet as fixture;

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
    // tests/sheet_verify.rs checks the verdict; how quickly it comes is measured here.
    let huge = vec![b'['; 100 * 1024 * 1024];
    g.bench_function("refuse_100_MB_by_size", |b| {
        b.iter(|| sheet::verify_sheet(black_box(&huge), &s.catalog, None).unwrap_err())
    });
    g.finish();
}

/// Time this thread has spent on a CPU (`CLOCK_THREAD_CPUTIME_ID`), so that time the scheduler
/// gives to other processes on a shared machine is not counted.
#[cfg(unix)]
fn cpu_now() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(rc, 0, "clock_gettime");
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

#[cfg(not(unix))]
fn cpu_now() -> Duration {
    thread_local! {
        static START: Instant = Instant::now();
    }
    START.with(|t| t.elapsed())
}

/// A plain summary after criterion: the two timed in alternating batches (on-CPU time, so
/// load from other processes hits neither), median over batches, and the ratio.
fn summary() {
    let s = setup();
    let batch = |f: &dyn Fn(&Setup) -> usize| {
        let n = 25u32;
        let t = cpu_now();
        for _ in 0..n {
            black_box(f(&s));
        }
        (cpu_now() - t).as_secs_f64() / f64::from(n)
    };
    let (mut verify, mut base, mut ratio) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..60 {
        let v = batch(&full_verify);
        let b = batch(&floor);
        verify.push(v);
        base.push(b);
        ratio.push(v / b);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (verify, base, ratio) = (median(&mut verify), median(&mut base), median(&mut ratio));
    println!(
        "sheet file {} bytes (23 items, 5 comments each); on-CPU time, median of 60 batches\n\
         verify_sheet: {:.1} µs = {:.0} sheets/s\n\
         floor (parse + one Ed25519 verify): {:.1} µs = {:.0} sheets/s\n\
         ratio verify / floor = {:.2} (target ≤ 1.30)",
        s.file.len(),
        verify * 1e6,
        1.0 / verify,
        base * 1e6,
        1.0 / base,
        ratio
    );
}

criterion_group!(benches, bench);

fn main() {
    // For profilers: `… --loop verify|floor` runs one of the two 3000 times and nothing else.
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--loop") {
        let s = setup();
        let f: fn(&Setup) -> usize = match args.get(i + 1).map(String::as_str) {
            Some("floor") => floor,
            _ => full_verify,
        };
        for _ in 0..3000 {
            black_box(f(&s));
        }
        return;
    }
    // `cargo bench --bench sheet -- --summary-only` skips criterion's runs.
    if !std::env::args().any(|a| a == "--summary-only") {
        benches();
        Criterion::default().configure_from_args().final_summary();
    }
    summary();
}
