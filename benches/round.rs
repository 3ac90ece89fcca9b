//! Verify + parse + validate (and the catalog check) of a signed round of 50 applicants and 8
//! panel members: what every reviewer's import and every merge against a round pays before it
//! does anything else. Target: under 50 ms (issue 9).

use criterion::{Criterion, criterion_group, criterion_main};
use ed25519_dalek::SigningKey;

use scorebook::identity::{MemberInfo, Role};
use scorebook::program::Catalog;
use scorebook::round::edit::{NewApplicant, NewRound, add_applicants, add_member, new_round};
use scorebook::round::{check_catalog, sign_round, verify_round};

const NOW: &str = "2025-06-01T09:00:00+08:00";

/// A signed round: the leader (key 1), seven more members (two of them trainees), 50 applicants
/// on the two mayor's-award tracks, each with a recommending unit and every fifth with a
/// coaching expert.
fn signed_round(catalog: &Catalog) -> Vec<u8> {
    let key = |seed: u8| SigningKey::from_bytes(&[seed; 32]);
    let leader = key(1);
    let mut round = new_round(
        catalog,
        NewRound {
            program: "jinshan-2023".into(),
            name: "2025 benchmark".into(),
            starts_on: Some("2025-06-01".into()),
            ends_on: Some("2025-07-31".into()),
            round_id: "0123456789abcdef0123456789abcdef".into(),
            leader: MemberInfo::new("leader", &leader.verifying_key()),
            created_at: NOW.into(),
        },
    )
    .unwrap();
    for seed in 2..=8u8 {
        let info = MemberInfo::new(&format!("member {seed}"), &key(seed).verifying_key());
        let role = if seed > 6 {
            Role::Trainee
        } else {
            Role::Member
        };
        round = add_member(&round, catalog, &info, role, Some(format!("P-{seed}")), NOW).unwrap();
    }
    let applicants = (1..=50)
        .map(|i| NewApplicant {
            number: format!("2025-A-{i:02}").into(),
            name: format!("applicant {i} quality company"),
            track: if i % 3 == 0 {
                "mayor-achievement".into()
            } else {
                "mayor-model".into()
            },
            kind: None,
            recommended_by: format!("unit {}", i % 7),
            coaches: if i % 5 == 0 {
                vec![format!("member {}", 2 + i % 5)]
            } else {
                vec![]
            },
        })
        .collect();
    round = add_applicants(&round, catalog, applicants, NOW).unwrap();
    sign_round(&round, &leader).unwrap()
}

fn bench(c: &mut Criterion) {
    let catalog = Catalog::embedded();
    let bytes = signed_round(&catalog);
    let v = verify_round(&bytes).unwrap();
    assert_eq!((v.round.applicants.len(), v.round.members.len()), (50, 8));
    c.bench_function(
        "round verify+parse+validate+catalog (50 applicants x 8 members)",
        |b| {
            b.iter(|| {
                let v = verify_round(std::hint::black_box(&bytes)).unwrap();
                let w = check_catalog(&v.round, &catalog).unwrap();
                std::hint::black_box((v, w))
            })
        },
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
