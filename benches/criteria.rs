//! Load + validate + hash of the GB/T 19580-2012 framework from its embedded bytes: what every
//! start of the app and every sheet verification pays. Target: under 1 ms.

#[cfg(target_os = "linux")]
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use scorebook::framework::load_framework;
use scorebook::program::Catalog;
use scorebook::program::catalog::EMBEDDED_FRAMEWORKS;

fn gbt19580_bytes() -> &'static [u8] {
    EMBEDDED_FRAMEWORKS
        .iter()
        .find(|(name, _)| *name == "gbt19580-2012.json")
        .map(|(_, text)| text.as_bytes())
        .expect("gbt19580-2012 is embedded")
}

#[cfg(target_os = "linux")]
/// This thread's CPU time. The machine is shared with other builds, so wall time swings with
/// their load; CPU time is what the work itself costs.
fn thread_cpu() -> Duration {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    unsafe extern "C" {
        fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = Timespec { sec: 0, nsec: 0 };
    // SAFETY: clock_gettime writes one timespec into the pointer it is given.
    unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.sec as u64, ts.nsec as u32)
}

fn bench(c: &mut Criterion) {
    let bytes = gbt19580_bytes();
    #[cfg(target_os = "linux")]
    c.bench_function("load+validate+hash gbt19580-2012 (CPU time)", |b| {
        b.iter_custom(|iters| {
            let start = thread_cpu();
            for _ in 0..iters {
                let loaded = load_framework("gbt19580-2012.json", std::hint::black_box(bytes));
                std::hint::black_box(loaded.expect("embedded framework is valid"));
            }
            thread_cpu() - start
        })
    });
    c.bench_function("load+validate+hash gbt19580-2012", |b| {
        b.iter(|| {
            let (f, hash) = load_framework("gbt19580-2012.json", std::hint::black_box(bytes))
                .expect("embedded framework is valid");
            std::hint::black_box((f, hash))
        })
    });
    // The parts, to see where the time goes.
    let text = std::str::from_utf8(bytes).unwrap();
    let doc: scorebook::framework::Framework = serde_json::from_str(text).unwrap();
    c.bench_function("part: serde_json parse", |b| {
        b.iter(|| {
            serde_json::from_str::<scorebook::framework::Framework>(std::hint::black_box(text))
                .unwrap()
        })
    });
    c.bench_function("part: validate", |b| {
        b.iter(|| scorebook::framework::validate::validate(std::hint::black_box(&doc)))
    });
    c.bench_function("part: hash", |b| {
        b.iter(|| scorebook::framework::content_hash(std::hint::black_box(&doc)))
    });
    let canon = scorebook::canonical::to_canonical(&doc).unwrap();
    c.bench_function("part: sha256", |b| {
        use sha2::Digest;
        b.iter(|| sha2::Sha256::digest(std::hint::black_box(&canon)))
    });
    c.bench_function("reference: serde_jcs canonical bytes", |b| {
        b.iter(|| serde_jcs::to_vec(std::hint::black_box(&doc)).unwrap())
    });
    c.bench_function("whole embedded catalogue", |b| {
        b.iter(|| std::hint::black_box(Catalog::embedded_checked()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
