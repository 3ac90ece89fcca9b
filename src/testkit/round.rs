//! Rounds (评审轮次) on the embedded catalogue, signed by a fixed-seed leader: for the reviewer's
//! import tests (workspace, CLI, TUI) and the import benchmark.

use ed25519_dalek::{SigningKey, VerifyingKey};

use crate::identity::{MemberInfo, Role};
use crate::program::{ApplicantKind, Catalog};
use crate::round::{
    ROUND_FORMAT, ROUND_FORMAT_VERSION, Round, RoundApplicant, RoundMember, RoundStages,
    RoundTrack, sign_round,
};
use crate::sheet::DocRef;

/// The round id every round of this kit carries (another round: [`OTHER_ROUND_ID`]).
pub const ROUND_ID: &str = "0123456789abcdef0123456789abcdef";
pub const OTHER_ROUND_ID: &str = "fedcba9876543210fedcba9876543210";

/// A fixed key: seed 1 is the leader's.
pub fn key(seed: u8) -> SigningKey {
    SigningKey::from_bytes(&[seed; 32])
}

/// A panel member holding `key`.
pub fn member(key: &VerifyingKey, name: &str, role: Role) -> RoundMember {
    let info = MemberInfo::new(name, key);
    RoundMember {
        name: info.name,
        public_key: info.public_key,
        fingerprint: info.fingerprint,
        role,
        pool_number: None,
        age_recipient: None,
    }
}

/// An applicant on the organisation track (`mayor-model`).
pub fn organisation(number: &str, name: &str) -> RoundApplicant {
    RoundApplicant {
        number: number.into(),
        name: name.into(),
        kind: ApplicantKind::Organisation,
        track: "mayor-model".into(),
        recommended_by: String::new(),
        coaches: vec![],
    }
}

fn track(catalog: &Catalog, program: &str, id: &str) -> RoundTrack {
    let p = catalog.program(program).expect("embedded programme");
    let t = p.doc.track(id).expect("embedded track");
    let f = catalog.framework(&t.framework).expect("embedded framework");
    RoundTrack {
        track: id.into(),
        framework: DocRef {
            id: f.doc.id.clone(),
            edition: f.doc.edition.clone(),
            hash: f.hash.clone(),
        },
    }
}

/// Jinshan 2023, version 1: the leader 王组长 (key 1), `members - 1` more members 组员1… (keys
/// 2…), and `applicants` organisations `2025-M-01`… named 申报组织1…, all in the document
/// review. Add the reviewer under test with [`member`].
pub fn round(applicants: usize, members: usize) -> Round {
    let catalog = Catalog::embedded();
    let program = catalog.program("jinshan-2023").expect("embedded programme");
    let mut panel = vec![member(&key(1).verifying_key(), "王组长", Role::Leader)];
    for i in 1..members {
        let seed = u8::try_from(i + 1).expect("fewer than 255 members");
        panel.push(member(
            &key(seed).verifying_key(),
            &format!("组员{i}"),
            Role::Member,
        ));
    }
    let list: Vec<RoundApplicant> = (1..=applicants)
        .map(|i| organisation(&format!("2025-M-{i:02}"), &format!("申报组织{i}")))
        .collect();
    let document_review = list.iter().map(|a| a.number.to_string()).collect();
    Round {
        format: ROUND_FORMAT.into(),
        format_version: ROUND_FORMAT_VERSION,
        round_id: ROUND_ID.into(),
        version: 1,
        name: "2025 第二届".into(),
        program: DocRef {
            id: program.doc.id.clone(),
            edition: program.doc.edition.clone(),
            hash: program.hash.clone(),
        },
        tracks: vec![
            track(&catalog, "jinshan-2023", "mayor-model"),
            track(&catalog, "jinshan-2023", "mayor-achievement"),
        ],
        starts_on: None,
        ends_on: None,
        members: panel,
        applicants: list,
        stages: RoundStages {
            document_review,
            site_review: None,
        },
        acting_leaders: vec![],
        office_recipient: None,
        created_at: "2025-06-01T09:00:00+08:00".into(),
    }
}

/// The round signed by the leader (key 1); panics on an invalid round (a test's mistake).
pub fn signed(round: &Round) -> Vec<u8> {
    sign_round(round, &key(1)).expect("a valid round signed by its leader")
}
