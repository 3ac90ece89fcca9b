//! Load + validate + hash of the GB/T 19580-2012 framework from its embedded bytes: what every
//! start of the app and every sheet verification pays. Target: under 1 ms.

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

fn bench(c: &mut Criterion) {
    let bytes = gbt19580_bytes();
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
    c.bench_function("part: parse with paths", |b| {
        b.iter(|| {
            scorebook::framework::load::parse::<scorebook::framework::Framework>(
                "f",
                std::hint::black_box(text),
            )
            .unwrap()
        })
    });
    c.bench_function("part: validate", |b| {
        b.iter(|| scorebook::framework::validate::validate(std::hint::black_box(&doc)))
    });
    c.bench_function("part: hash", |b| {
        b.iter(|| scorebook::framework::content_hash(std::hint::black_box(&doc)))
    });
    c.bench_function("part: to_value", |b| {
        b.iter(|| serde_json::to_value(std::hint::black_box(&doc)).unwrap())
    });
    c.bench_function("part: canonical bytes", |b| {
        b.iter(|| {
            scorebook::framework::canonical::canonical_bytes(std::hint::black_box(&doc)).unwrap()
        })
    });
    let canon = scorebook::framework::canonical::canonical_bytes(&doc).unwrap();
    c.bench_function("part: sha256", |b| {
        use sha2::Digest;
        b.iter(|| sha2::Sha256::digest(std::hint::black_box(&canon)))
    });
    c.bench_function("part: serde_jcs", |b| {
        b.iter(|| serde_jcs::to_vec(std::hint::black_box(&doc)).unwrap())
    });
    c.bench_function("whole embedded catalogue", |b| {
        b.iter(|| std::hint::black_box(Catalog::embedded_checked()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
