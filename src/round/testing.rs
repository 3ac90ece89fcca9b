//! A small valid round for the unit tests of this module.

use ed25519_dalek::SigningKey;

use crate::identity::{MemberInfo, Role};
use crate::program::{ApplicantKind, Catalog};
use crate::sheet::DocRef;

use super::model::*;

pub(super) fn key(seed: u8) -> SigningKey {
    SigningKey::from_bytes(&[seed; 32])
}

pub(super) fn member(key: &SigningKey, name: &str, role: Role) -> RoundMember {
    let info = MemberInfo::new(name, &key.verifying_key());
    RoundMember {
        name: info.name,
        public_key: info.public_key,
        fingerprint: info.fingerprint,
        role,
        pool_number: None,
        age_recipient: None,
    }
}

fn applicant(number: &str, name: &str, kind: ApplicantKind, track: &str) -> RoundApplicant {
    RoundApplicant {
        number: number.into(),
        name: name.into(),
        kind,
        track: track.into(),
        recommended_by: String::new(),
        coaches: vec![],
    }
}

/// Jinshan 2023, two tracks, a leader (key 1), a member (key 2, who coached 2025-I-01) and a
/// trainee (key 3), three applicants all in the document review.
pub(super) fn sample() -> Round {
    let catalog = Catalog::embedded();
    let program = catalog.program("jinshan-2023").unwrap();
    let track = |id: &str| {
        let t = program.doc.track(id).unwrap();
        let f = catalog.framework(&t.framework).unwrap();
        RoundTrack {
            track: id.into(),
            framework: DocRef {
                id: f.doc.id.clone(),
                edition: f.doc.edition.clone(),
                hash: f.hash.clone(),
            },
        }
    };
    let mut coached = applicant(
        "2025-I-01",
        "赵工程师",
        ApplicantKind::Individual,
        "mayor-achievement",
    );
    coached.coaches = vec!["李专家".into()];
    coached.recommended_by = "区经委".into();
    let mut trainee = member(&key(3), "张见习", Role::Trainee);
    trainee.pool_number = Some("ZJ-017".into());
    Round {
        format: ROUND_FORMAT.into(),
        format_version: ROUND_FORMAT_VERSION,
        round_id: "0123456789abcdef0123456789abcdef".into(),
        version: 1,
        name: "2025 第二届".into(),
        program: DocRef {
            id: program.doc.id.clone(),
            edition: program.doc.edition.clone(),
            hash: program.hash.clone(),
        },
        tracks: vec![track("mayor-model"), track("mayor-achievement")],
        starts_on: Some("2025-06-01".into()),
        ends_on: Some("2025-07-31".into()),
        members: vec![
            member(&key(1), "王组长", Role::Leader),
            member(&key(2), "李专家", Role::Member),
            trainee,
        ],
        applicants: vec![
            applicant(
                "2025-M-01",
                "金山电子有限公司",
                ApplicantKind::Organisation,
                "mayor-model",
            ),
            applicant(
                "2025-M-02",
                "精密机械股份公司",
                ApplicantKind::Organisation,
                "mayor-model",
            ),
            coached,
        ],
        stages: RoundStages {
            document_review: vec!["2025-M-01".into(), "2025-M-02".into(), "2025-I-01".into()],
            site_review: None,
        },
        acting_leaders: vec![],
        office_recipient: None,
        created_at: "2025-06-01T09:00:00+08:00".into(),
    }
}
