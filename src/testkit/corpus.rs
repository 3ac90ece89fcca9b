//! A large, realistic panel for the merge benchmark and the memory measurement: the shipped
//! GB/T 19580 framework and Jinshan programme, `applicants` × 8 reviewers × `versions` signed
//! sheets, every item scored with two strengths and one OFI of ordinary length
//! (`benches/merge.rs`, `examples/panel_corpus.rs`).

use ed25519_dalek::SigningKey;

use crate::framework::Percent;
use crate::identity::MemberInfo;
use crate::panel::roster::sign_roster;
use crate::panel::{Role, Roster, RosterMember};
use crate::program::Catalog;
use crate::review::demo::demo_applicant;
use crate::review::{Comment, Stage};
use crate::sheet::{ReviewerRef, SheetMeta, build, sign_sheet};

pub const REVIEWERS: usize = 8;

pub fn key(n: usize) -> SigningKey {
    SigningKey::from_bytes(&[n as u8 + 1; 32])
}

/// Reviewer 0 leads; 1–7 are members.
pub fn roster() -> (Roster, Vec<u8>) {
    let member = |n: usize, role| RosterMember {
        role,
        ..RosterMember::from(&MemberInfo::new(
            &format!("评审{n}"),
            &key(n).verifying_key(),
        ))
    };
    let mut r = Roster::new(
        "jinshan-2023",
        "2025",
        member(0, Role::Leader),
        "2026-11-25T09:00:00Z",
    );
    for n in 1..REVIEWERS {
        r.add(member(n, Role::Member)).unwrap();
    }
    let bytes = sign_roster(&r, &key(0)).unwrap();
    (r, bytes)
}

fn comment(item: &crate::framework::Item, what: &str, k: usize) -> Comment {
    let code = &item.code;
    Comment {
        text: format!(
            "{code}{what}{k}：组织建立了覆盖主要过程的方法并在各部门展开，近三年关键指标持续改进，见申报材料第{}页。",
            10 + k
        ),
        // The item's own first requirement: the export refuses a tag the item does not have.
        requirements: item
            .requirements
            .iter()
            .take(1)
            .map(|r| r.label.clone())
            .collect(),
        evidence: format!("申报材料第{}页", 10 + k),
    }
}

/// Calls `each(path, bytes)` for every signed sheet: applicant-major, then reviewer, version.
pub fn sheets(applicants: usize, versions: u32, each: impl FnMut(String, Vec<u8>)) {
    sheets_in(None, applicants, versions, each)
}

/// The round of the corpus (评审轮次, version 1, signed by reviewer 0 who leads): the same
/// panel as [`roster`], applicants `A00`… named `申报对象00`… on the GB/T 19580 track, all in
/// the document review. Returns the verified round and its file bytes.
pub fn round(applicants: usize) -> (crate::round::VerifiedRound, Vec<u8>) {
    round_with(applicants, false)
}

/// As [`round`], with every applicant also on the site-review shortlist (现场评审名单) when
/// `shortlisted`: the round of a site-stage merge (`scorebook award-list`).
pub fn round_with(applicants: usize, shortlisted: bool) -> (crate::round::VerifiedRound, Vec<u8>) {
    use crate::round::*;
    use crate::sheet::DocRef;
    let catalog = Catalog::embedded();
    let program = catalog.program("jinshan-2023").unwrap();
    let fw = catalog.framework("gbt19580-2012").unwrap();
    let track = crate::review::demo::demo_applicant(&fw.hash, "2026-11-25T09:00:00Z")
        .unwrap()
        .track;
    let members = (0..REVIEWERS)
        .map(|n| {
            let info = MemberInfo::new(&format!("评审{n}"), &key(n).verifying_key());
            RoundMember {
                name: info.name,
                public_key: info.public_key,
                fingerprint: info.fingerprint,
                role: if n == 0 { Role::Leader } else { Role::Member },
                pool_number: None,
                age_recipient: None,
            }
        })
        .collect();
    let numbers: Vec<String> = (0..applicants).map(|a| format!("A{a:02}")).collect();
    let round = Round {
        format: ROUND_FORMAT.into(),
        format_version: ROUND_FORMAT_VERSION,
        round_id: "5c0de5c0de5c0de55c0de5c0de5c0de5".into(),
        version: 1,
        name: "2026 第一届".into(),
        program: DocRef {
            id: program.doc.id.clone(),
            edition: program.doc.edition.clone(),
            hash: program.hash.clone(),
        },
        tracks: vec![RoundTrack {
            track: track.clone(),
            framework: DocRef {
                id: fw.doc.id.clone(),
                edition: fw.doc.edition.clone(),
                hash: fw.hash.clone(),
            },
        }],
        starts_on: None,
        ends_on: None,
        members,
        applicants: numbers
            .iter()
            .enumerate()
            .map(|(a, n)| RoundApplicant {
                number: n.as_str().into(),
                name: format!("申报对象{a:02}"),
                kind: crate::program::ApplicantKind::Organisation,
                track: track.clone(),
                recommended_by: String::new(),
                coaches: vec![],
            })
            .collect(),
        stages: RoundStages {
            site_review: shortlisted.then(|| numbers.clone()),
            document_review: numbers,
        },
        acting_leaders: vec![],
        office_recipient: None,
        created_at: "2026-11-25T09:00:00+08:00".into(),
    };
    let bytes = sign_round(&round, &key(0)).unwrap();
    (verify_round(&bytes).unwrap(), bytes)
}

/// As [`sheets`], each sheet made for `round` when given (the applicants imported from it).
pub fn sheets_in(
    round: Option<&crate::sheet::RoundRef>,
    applicants: usize,
    versions: u32,
    each: impl FnMut(String, Vec<u8>),
) {
    sheets_at(round, Stage::DocumentReview, applicants, versions, each)
}

/// As [`sheets_in`], in `stage`: a site-review sheet starts from the document review's
/// percents, as the app starts it, and its file name says `site`.
pub fn sheets_at(
    round: Option<&crate::sheet::RoundRef>,
    stage: Stage,
    applicants: usize,
    versions: u32,
    mut each: impl FnMut(String, Vec<u8>),
) {
    let catalog = Catalog::embedded();
    let program = catalog.program("jinshan-2023").unwrap();
    let fw = catalog.framework("gbt19580-2012").unwrap();
    let keys: Vec<SigningKey> = (0..REVIEWERS).map(key).collect();
    for a in 0..applicants {
        let mut applicant = demo_applicant(&fw.hash, "2026-11-25T09:00:00Z").unwrap();
        applicant.id = format!("A{a:02}").into();
        applicant.name = format!("申报对象{a:02}");
        if let Some(r) = round {
            applicant.origin = crate::review::Origin::Round {
                round_id: r.id.clone(),
                round_version: r.version,
                round_hash: r.hash.clone(),
            };
        }
        for (r, key) in keys.iter().enumerate() {
            for v in 1..=versions {
                for (n, (_, item)) in fw.doc.items().enumerate() {
                    let pct = ((a + r * 3 + n + v as usize) % 19 + 1) as u32 * 5;
                    let e = applicant
                        .document
                        .items
                        .entry(item.code.clone())
                        .or_default();
                    e.percent = Some(Percent::new(pct, 5).unwrap());
                    e.strengths = (1..=2).map(|k| comment(item, "优势", k)).collect();
                    e.ofis = vec![comment(item, "改进机会", 1)];
                }
                let meta = SheetMeta {
                    reviewer: ReviewerRef {
                        name: format!("评审{r}"),
                        public_key: hex::encode(key.verifying_key().as_bytes()),
                    },
                    version: v,
                    sheet_id: format!("{:032x}", (a * 1000 + r * 100) as u128 + u128::from(v)),
                    created_at: "2026-11-25T10:00:00Z".into(),
                    draft: false,
                };
                if stage == Stage::SiteReview {
                    applicant.site = Some(applicant.document.clone());
                }
                let sheet = build(&applicant, stage, fw, program, meta).unwrap();
                let bytes = sign_sheet(&sheet, key).unwrap();
                let name = match stage {
                    Stage::DocumentReview => format!("A{a:02}-r{r}-v{v:02}.sheet.json"),
                    Stage::SiteReview => format!("A{a:02}-r{r}-site-v{v:02}.sheet.json"),
                };
                each(name, bytes);
            }
        }
    }
}

/// Writes the corpus round of three shortlisted applicants to `dir/round.json` and the panel's
/// sheets of `stage` (one version each) into `dir/sheets/`, leaving out those `keep` refuses by
/// file name (a sheet a test makes in the app instead). Returns (round file, sheets folder).
pub fn write_panel(
    dir: &std::path::Path,
    stage: Stage,
    keep: impl Fn(&str) -> bool,
) -> (std::path::PathBuf, std::path::PathBuf) {
    let (round, bytes) = round_with(3, true);
    let round_path = dir.join("round.json");
    std::fs::write(&round_path, bytes).unwrap();
    let sheets = dir.join("sheets");
    std::fs::create_dir_all(&sheets).unwrap();
    sheets_at(Some(&round.round_ref()), stage, 3, 1, |name, b| {
        if keep(&name) {
            std::fs::write(sheets.join(name), b).unwrap();
        }
    });
    (round_path, sheets)
}
