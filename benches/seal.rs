//! Confidentiality costs (issue 13): an autosave's bytes for a 100 KB applicant, plain and
//! sealed with the home's data key (the at-rest container, `identity::rest_file`; target:
//! sealed within 2× of plain, fsync excluded — both pay the same fsync); unlocking the key once per session (scrypt at the shipped work
//! factor, target ≤ 1 s); and start-up to the first frame of an encrypted 50-applicant home
//! after the passphrase (target ≤ 40 ms); and what the app adds to its start for sealed
//! exports: reading and verifying the kept round of 50 applicants in an encrypted home and
//! deciding each applicant's recipients (`service::seal::seal_states`).

use std::hint::black_box;

use age::secrecy::SecretString;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use scorebook::identity::{Identity, session, vault};
use scorebook::lang::Lang;
use scorebook::program::Catalog;
use scorebook::review::demo::demo_applicant;
use scorebook::review::{Comment, CommentKind, ConflictDeclaration, Stage};
use scorebook::tui::app::load;
use scorebook::tui::view::view;
use scorebook::workspace::convert::{Direction, convert};
use scorebook::workspace::{AtRest, Workspace};

#[path = "../tests/common/startup.rs"]
mod startup_world;

const NOW: &str = "2026-11-25T09:00:00Z";

fn pass() -> SecretString {
    SecretString::from("基准测试口令".to_owned())
}

/// The demo applicant grown to about 100 KB of JSON with Chinese strengths.
fn big_applicant() -> scorebook::review::Applicant {
    let catalog = Catalog::embedded();
    let fw = catalog.framework("gbt19580-2012").unwrap();
    let mut a = demo_applicant(&fw.hash, NOW).unwrap();
    a.demo = false;
    a.conflict = ConflictDeclaration::NoConflict {
        declared_at: NOW.into(),
    };
    let codes: Vec<String> = fw.doc.items().map(|(_, i)| i.code.to_string()).collect();
    let mut n = 0;
    while serde_json::to_vec_pretty(&a).unwrap().len() < 100_000 {
        let code = &codes[n % codes.len()];
        a.add_comment(
            &fw.doc,
            Stage::DocumentReview,
            code,
            CommentKind::Strength,
            Comment {
                text: format!("第{n}条：客户名单与关键工艺参数见申报材料，年采购额三千万元，质量损失率逐年下降"),
                requirements: vec![],
                evidence: format!("申报材料第{n}页"),
            },
        )
        .unwrap();
        n += 1;
    }
    a
}

fn autosave(c: &mut Criterion) {
    let a = big_applicant();
    let home = tempfile::tempdir().unwrap();
    session::remember(home.path(), pass());
    Identity::create(home.path(), "张三", false).unwrap();
    let (ws, _) = Workspace::open(home.path()).unwrap();
    convert(&ws, Direction::Encrypt, Some(&pass())).unwrap();
    drop(ws);
    let sealed = AtRest::load(home.path()).unwrap();
    let plain = AtRest::plain();
    let size = serde_json::to_vec_pretty(&a).unwrap().len();
    let mut g = c.benchmark_group(format!("autosave bytes, {} KB applicant", size / 1000));
    g.bench_function("plain (serialise)", |b| {
        b.iter(|| {
            plain
                .encode(serde_json::to_vec_pretty(black_box(&a)).unwrap())
                .len()
        })
    });
    g.bench_function("encrypted (serialise + seal to the data key)", |b| {
        b.iter(|| {
            sealed
                .encode(serde_json::to_vec_pretty(black_box(&a)).unwrap())
                .len()
        })
    });
    let bytes = sealed.encode(serde_json::to_vec_pretty(&a).unwrap());
    g.bench_function("open an encrypted file (decrypt only)", |b| {
        b.iter(|| sealed.decode(black_box(bytes.clone())).unwrap().len())
    });
    g.finish();
    session::forget(home.path());
}

fn unlock(c: &mut Criterion) {
    let file = vault::lock_with_passphrase(b"{\"format\":\"scorebook-secret-key/2\"}", &pass());
    let mut g = c.benchmark_group("unlock once per session");
    g.sample_size(10);
    g.bench_function(format!("scrypt log2 N = {}", vault::WORK_FACTOR), |b| {
        b.iter(|| {
            vault::open_with_passphrase(black_box(&file), &pass())
                .unwrap()
                .len()
        })
    });
    g.finish();
}

fn first_frame(c: &mut Criterion) {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    session::remember(h, pass());
    Identity::create(h, "张三", false).unwrap();
    {
        startup_world::fifty_applicants(h);
        let (ws, _) = Workspace::open(h).unwrap();
        convert(&ws, Direction::Encrypt, Some(&pass())).unwrap();
    }
    // The passphrase was given (once per session); the data key opens from it on each start.
    c.bench_function(
        "encrypted home: start-up to first frame, 50 applicants",
        |b| {
            b.iter(|| {
                let (m, ws) = load(h, Some(Lang::Zh)).unwrap();
                let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
                t.draw(|f| view(&m, f)).unwrap();
                drop(ws);
                black_box(m.applicants.len())
            })
        },
    );
    session::forget(h);
}

fn seal_states(c: &mut Criterion) {
    use scorebook::identity::Role;
    use scorebook::service::round_import::{ImportRequest, import_round};
    use scorebook::testkit::round as kit;
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    session::remember(h, pass());
    let me = Identity::create(h, "张三", false).unwrap();
    let mut round = kit::round(50, 8);
    round.members[0].age_recipient =
        Some(age::x25519::Identity::generate().to_public().to_string());
    round
        .members
        .push(kit::member(&me.verifying_key(), "张三", Role::Member));
    let file = h.join("round.json");
    std::fs::write(&file, kit::signed(&round)).unwrap();
    {
        let (ws, _) = Workspace::open(h).unwrap();
        convert(&ws, Direction::Encrypt, Some(&pass())).unwrap();
    }
    let (mut ws, _) = Workspace::open(h).unwrap();
    let request = ImportRequest {
        path: file,
        reviewer: Some(me.public_info()),
        now: NOW.into(),
        lang: Lang::Zh,
    };
    import_round(&mut ws, &Catalog::embedded(), &request).unwrap();
    c.bench_function(
        "encrypted home: seal states of 50 round applicants (kept round read and verified)",
        |b| b.iter(|| black_box(scorebook::service::seal::seal_states(&ws).len())),
    );
    drop(ws);
    session::forget(h);
}

/// Where an encrypted autosave's time goes, each part alone on the same ~100 KB of JSON: the
/// figures behind the at-rest container (age's per-file X25519 header cost as much as its
/// payload; AES-256-GCM in `ring`'s assembly is several times faster than either portable AEAD).
fn autosave_parts(c: &mut Criterion) {
    use aes_gcm::aead::{AeadInPlace, KeyInit};
    let a = big_applicant();
    let json = serde_json::to_vec_pretty(&a).unwrap();
    let key = age::x25519::Identity::generate();
    let to = [key.to_public()];
    let mut g = c.benchmark_group(format!("autosave parts, {} KB", json.len() / 1000));
    g.bench_function("serialise", |b| {
        b.iter(|| serde_json::to_vec_pretty(black_box(&a)).unwrap().len())
    });
    g.bench_function("copy", |b| {
        b.iter(|| black_box(black_box(&json).clone()).len())
    });
    g.bench_function("age X25519 seal, 0 bytes (per-file header)", |b| {
        b.iter(|| vault::seal(black_box(b""), &to).len())
    });
    g.bench_function("age X25519 seal (header + payload)", |b| {
        b.iter(|| vault::seal(black_box(&json), &to).len())
    });
    let rest = scorebook::identity::rest_file::RestKey::of_identity(&key);
    g.bench_function(
        "at-rest seal (AES-256-GCM, ring; what an autosave pays)",
        |b| b.iter(|| rest.seal(black_box(&json)).len()),
    );
    let chacha = chacha20poly1305::ChaCha20Poly1305::new(&[7u8; 32].into());
    g.bench_function("ChaCha20-Poly1305 alone, one call", |b| {
        b.iter(|| {
            let mut buf = black_box(&json).clone();
            let tag = chacha
                .encrypt_in_place_detached(&[1u8; 12].into(), b"", &mut buf)
                .unwrap();
            buf.len() + tag.len()
        })
    });
    let gcm = aes_gcm::Aes256Gcm::new(&[7u8; 32].into());
    g.bench_function("AES-256-GCM alone (aes-gcm), one call", |b| {
        b.iter(|| {
            let mut buf = black_box(&json).clone();
            let tag = gcm
                .encrypt_in_place_detached(&[1u8; 12].into(), b"", &mut buf)
                .unwrap();
            buf.len() + tag.len()
        })
    });
    g.finish();
}

criterion_group!(
    benches,
    autosave,
    autosave_parts,
    unlock,
    first_frame,
    seal_states
);
criterion_main!(benches);
