//! The reviewer imports the round (issue 9): the round's applicants become this laptop's, under
//! their office numbers (申报编号); a newer version keeps every word; dropped applicants are kept
//! when worked on; foreign, older, colliding or unsigned rounds are refused with nothing
//! written; a coaching expert (指导专家, 第十四条) recuses automatically and exports a signed
//! recusal record; and two laptops can no longer give one company two ids.

#[path = "common/round.rs"]
mod cmd;

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use scorebook::clock::{Clock, Random, RandomError};
use scorebook::identity::{Identity, Role};
use scorebook::lang::Lang;
use scorebook::program::Catalog;
use scorebook::review::{Applicant, Comment, CommentKind, ConflictDeclaration, Origin, Stage};
use scorebook::round::Round;
use scorebook::service::export::{export_recusal, recusal_file_name};
use scorebook::service::round_import::{ImportError, ImportRequest, Imported, import_round};
use scorebook::testkit::round as kit;
use scorebook::workspace::Workspace;

const NOW: &str = "2026-03-01T09:00:00+08:00";
const DOC: Stage = Stage::DocumentReview;

/// A home whose reviewer has a key under `name`.
fn home(name: &str) -> (tempfile::TempDir, Identity) {
    let home = tempfile::tempdir().unwrap();
    let id = Identity::create(home.path(), name, false).unwrap();
    (home, id)
}

/// Three applicants, a leader and two members, plus `reviewer` as a member.
fn round_for(reviewer: &Identity) -> Round {
    let mut r = kit::round(3, 3);
    r.members.push(kit::member(
        &reviewer.verifying_key(),
        reviewer.name(),
        Role::Member,
    ));
    r
}

fn write(dir: &Path, file: &str, round: &Round) -> PathBuf {
    let p = dir.join(file);
    std::fs::write(&p, kit::signed(round)).unwrap();
    p
}

fn request(path: &Path, reviewer: Option<&Identity>) -> ImportRequest {
    ImportRequest {
        path: path.to_path_buf(),
        reviewer: reviewer.map(Identity::public_info),
        now: NOW.into(),
        lang: Lang::Zh,
    }
}

fn import(home: &Path, path: &Path, reviewer: Option<&Identity>) -> Result<Imported, ImportError> {
    let (mut ws, _) = Workspace::open(home).unwrap();
    import_round(&mut ws, &Catalog::embedded(), &request(path, reviewer))
}

fn applicants(home: &Path) -> Vec<Applicant> {
    Workspace::open_read_only(home).0.applicants().to_vec()
}

/// The files of `<home>/workspace/applicants/`, sorted, with their bytes.
fn files(home: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(home.join("workspace/applicants"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

fn gbt() -> scorebook::framework::Framework {
    Catalog::embedded()
        .framework("gbt19580-2012")
        .unwrap()
        .doc
        .clone()
}

fn first_item(fw: &scorebook::framework::Framework) -> String {
    fw.items().next().unwrap().1.code.clone()
}

/// Declares no conflict, scores the first item at 50% with one strength, and saves.
fn work_on(home: &Path, number: &str) {
    let (mut ws, _) = Workspace::open(home).unwrap();
    let mut a = ws.applicant(number).unwrap().clone();
    let fw = gbt();
    let code = first_item(&fw);
    a.declare_no_conflict(NOW).unwrap();
    a.set_percent(&fw, DOC, &code, 50).unwrap();
    a.add_comment(
        &fw,
        DOC,
        &code,
        CommentKind::Strength,
        Comment {
            text: "高层领导每季度召开质量分析会".into(),
            requirements: vec![],
            evidence: "申报材料第12页".into(),
        },
    )
    .unwrap();
    ws.save_applicant(&a).unwrap();
}

#[test]
fn the_rounds_applicants_arrive_under_their_numbers() {
    let (h, me) = home("李评审");
    let round = round_for(&me);
    let path = write(h.path(), "round.json", &round);
    let done = import(h.path(), &path, Some(&me)).unwrap();
    assert_eq!(done.added, ["2025-M-01", "2025-M-02", "2025-M-03"]);
    assert_eq!(done.member.as_ref().unwrap().name, "李评审");
    assert!(done.recused.is_empty() && done.removed.is_empty());
    let list = applicants(h.path());
    assert_eq!(list.len(), 3);
    for (a, ra) in list.iter().zip(&round.applicants) {
        assert_eq!(a.id, ra.number);
        assert_eq!(a.name, ra.name);
        assert_eq!(a.track, ra.track);
        assert_eq!(a.program, "jinshan-2023");
        assert_eq!(a.conflict, ConflictDeclaration::Undeclared);
        assert!(matches!(&a.origin,
            Origin::Round { round_id, round_version: 1, round_hash }
                if round_id == kit::ROUND_ID && *round_hash == done.hash));
    }
    // The same file again changes nothing.
    let before = files(h.path());
    let again = import(h.path(), &path, Some(&me)).unwrap();
    assert!(again.added.is_empty() && again.updated.is_empty());
    assert_eq!(again.unchanged.len(), 3);
    assert_eq!(files(h.path()), before);
}

#[test]
fn a_newer_version_keeps_every_word_written() {
    let (h, me) = home("李评审");
    let mut round = round_for(&me);
    let v1 = write(h.path(), "v1.json", &round);
    import(h.path(), &v1, Some(&me)).unwrap();
    work_on(h.path(), "2025-M-01");
    let worked = applicants(h.path())[0].clone();

    // Version 2: the site-review shortlist, and the office corrects a name.
    round.version = 2;
    round.applicants[0].name = "金山电子有限公司".into();
    round.stages.site_review = Some(vec!["2025-M-01".into()]);
    let v2 = write(h.path(), "v2.json", &round);
    let done = import(h.path(), &v2, Some(&me)).unwrap();
    assert_eq!(done.updated, ["2025-M-01", "2025-M-02", "2025-M-03"]);
    assert_eq!(
        done.shortlist.as_deref(),
        Some(&["2025-M-01".to_string()][..])
    );
    let a = applicants(h.path())[0].clone();
    assert_eq!(a.name, "金山电子有限公司");
    assert_eq!(a.document, worked.document, "scores and comments kept");
    assert_eq!(a.conflict, worked.conflict);
    assert!(matches!(
        a.origin,
        Origin::Round {
            round_version: 2,
            ..
        }
    ));
    let strength = &a.document.items[&first_item(&gbt())].strengths[0];
    assert_eq!(strength.text, "高层领导每季度召开质量分析会");
}

#[test]
fn a_dropped_applicant_with_work_is_kept_and_an_untouched_one_moves_to_removed() {
    let (h, me) = home("李评审");
    let mut round = round_for(&me);
    let v1 = write(h.path(), "v1.json", &round);
    import(h.path(), &v1, Some(&me)).unwrap();
    work_on(h.path(), "2025-M-02");

    round.version = 2;
    round.applicants.truncate(1);
    round.stages.document_review.truncate(1);
    let v2 = write(h.path(), "v2.json", &round);
    let done = import(h.path(), &v2, Some(&me)).unwrap();
    assert_eq!(done.kept, ["2025-M-02"]);
    assert_eq!(done.removed.len(), 1);
    let (number, backup) = &done.removed[0];
    assert_eq!(number, "2025-M-03");
    let backup = backup.as_ref().unwrap();
    assert!(backup.starts_with(h.path().join("workspace/removed")));
    assert!(backup.exists());
    let ids: Vec<String> = applicants(h.path())
        .into_iter()
        .map(|a| a.id.into_string())
        .collect();
    assert_eq!(ids, ["2025-M-01", "2025-M-02"]);
    // The reviewer is told, in both languages.
    let zh = scorebook::i18n::round_import::summary(Lang::Zh, &done).join("\n");
    assert!(zh.contains("2025-M-02") && zh.contains("保留"), "{zh}");
    let en = scorebook::i18n::round_import::summary(Lang::En, &done).join("\n");
    assert!(en.contains("kept: 2025-M-02"), "{en}");
}

#[test]
fn a_round_for_another_programme_is_refused_and_nothing_written() {
    let (h, me) = home("李评审");
    let mut round = round_for(&me);
    round.program.id = "songjiang-2023".into();
    let path = write(h.path(), "round.json", &round);
    let e = import(h.path(), &path, Some(&me)).unwrap_err();
    assert_eq!(e.code(), "unknown-program");
    assert!(
        e.message(Lang::Zh).contains("另一个评奖办法"),
        "{}",
        e.message(Lang::Zh)
    );
    assert!(files(h.path()).is_empty());
}

#[test]
fn an_older_version_is_refused() {
    let (h, me) = home("李评审");
    let mut round = round_for(&me);
    let v1 = write(h.path(), "v1.json", &round);
    round.version = 2;
    let v2 = write(h.path(), "v2.json", &round);
    import(h.path(), &v2, Some(&me)).unwrap();
    let before = files(h.path());
    let e = import(h.path(), &v1, Some(&me)).unwrap_err();
    assert!(
        matches!(
            e,
            ImportError::Older {
                imported: 2,
                given: 1,
                ..
            }
        ),
        "{e}"
    );
    assert!(
        e.message(Lang::En).contains("version 2"),
        "{}",
        e.message(Lang::En)
    );
    assert_eq!(files(h.path()), before);

    // The same version from another file is refused too.
    round.name = "2025 第二届（更正）".into();
    let other = write(h.path(), "v2b.json", &round);
    let e = import(h.path(), &other, Some(&me)).unwrap_err();
    assert_eq!(e.code(), "same-version-differs");
}

#[test]
fn a_number_taken_by_a_local_applicant_refuses_the_whole_import() {
    let (h, me) = home("李评审");
    let catalog = Catalog::embedded();
    let fw = catalog.framework("gbt19580-2012").unwrap();
    let local = Applicant::new(
        "2025-M-02",
        "本机添加的练习对象",
        "jinshan-2023",
        "mayor-model",
        &fw.doc.id,
        &fw.hash,
        NOW,
    );
    {
        let (mut ws, _) = Workspace::open(h.path()).unwrap();
        ws.save_applicant(&local).unwrap();
    }
    let before = files(h.path());
    let path = write(h.path(), "round.json", &round_for(&me));
    let e = import(h.path(), &path, Some(&me)).unwrap_err();
    assert!(
        matches!(&e, ImportError::LocalIds(n) if n == &["2025-M-02"]),
        "{e}"
    );
    assert!(e.message(Lang::Zh).contains("2025-M-02"));
    assert_eq!(files(h.path()), before, "nothing imported");
}

#[test]
fn a_round_that_does_not_verify_is_refused_and_says_why() {
    let (h, me) = home("李评审");
    let round = round_for(&me);
    // Changed after signing.
    let text = String::from_utf8(kit::signed(&round)).unwrap();
    let tampered = h.path().join("tampered.json");
    std::fs::write(&tampered, text.replacen("申报组织1", "申报组织9", 1)).unwrap();
    let e = import(h.path(), &tampered, Some(&me)).unwrap_err();
    assert!(matches!(&e, ImportError::Invalid { error, .. } if error.code() == "bad-signature"));
    assert!(
        e.message(Lang::Zh).contains("签名"),
        "{}",
        e.message(Lang::Zh)
    );
    // Signed by a member, not the leader.
    let forged = h.path().join("forged.json");
    let payload = scorebook::canonical::to_canonical(&round).unwrap();
    let bytes = scorebook::sheet::sign_document(
        scorebook::sheet::DocumentKind::Round.payload_type(),
        &payload,
        &kit::key(2),
    )
    .unwrap();
    std::fs::write(&forged, bytes).unwrap();
    let e = import(h.path(), &forged, Some(&me)).unwrap_err();
    assert!(
        e.message(Lang::En).contains("not-signed-by-leader"),
        "{}",
        e.message(Lang::En)
    );
    // Not a round at all.
    let junk = h.path().join("junk.json");
    std::fs::write(&junk, "").unwrap();
    let e = import(h.path(), &junk, Some(&me)).unwrap_err();
    assert!(
        e.message(Lang::En).contains("does not verify") && e.message(Lang::En).contains("(empty)"),
        "{}",
        e.message(Lang::En)
    );
    assert!(files(h.path()).is_empty());
}

struct Fixed;
impl Clock for Fixed {
    fn now(&self) -> time::OffsetDateTime {
        time::OffsetDateTime::parse(NOW, &time::format_description::well_known::Rfc3339).unwrap()
    }
}
impl Random for Fixed {
    fn fill(&self, buf: &mut [u8]) -> Result<(), RandomError> {
        buf.fill(7);
        Ok(())
    }
}

#[test]
fn a_coaching_expert_recuses_automatically_and_exports_a_signed_recusal() {
    let (h, me) = home("李评审");
    let mut round = round_for(&me);
    round.applicants[1].coaches = vec!["李评审".into()];
    let path = write(h.path(), "round.json", &round);
    let done = import(h.path(), &path, Some(&me)).unwrap();
    assert_eq!(done.recused, ["2025-M-02"]);
    let a = applicants(h.path())[1].clone();
    let ConflictDeclaration::Conflict { relationship, .. } = &a.conflict else {
        panic!("{:?}", a.conflict)
    };
    assert!(relationship.contains("指导专家"), "{relationship}");
    // Nobody else's conflict is touched.
    assert_eq!(
        applicants(h.path())[0].conflict,
        ConflictDeclaration::Undeclared
    );

    let (ws, _) = Workspace::open(h.path()).unwrap();
    let dir = h.path().join("sheets");
    std::fs::create_dir_all(&dir).unwrap();
    let catalog = Catalog::embedded();
    let out = export_recusal(&ws, &catalog, &me, "2025-M-02", &dir, &Fixed, &Fixed).unwrap();
    assert_eq!(out.path, dir.join(recusal_file_name("2025-M-02", "李评审")));
    assert!(out.path.ends_with("2025-M-02-李评审-recusal.json"));
    let v = scorebook::sheet::verify_recusal(&std::fs::read(&out.path).unwrap()).unwrap();
    assert_eq!(v.recusal.applicant.id, "2025-M-02");
    assert_eq!(v.recusal.applicant.name, "申报组织2");
    assert_eq!(v.recusal.round.id, kit::ROUND_ID);
    assert_eq!(v.recusal.round.hash, done.hash);
    assert_eq!(&v.recusal.relationship, relationship);
    // Never over an existing record.
    let again = export_recusal(&ws, &catalog, &me, "2025-M-02", &dir, &Fixed, &Fixed);
    assert!(matches!(
        again,
        Err(scorebook::service::Error::Exists { .. })
    ));
    // An applicant without a conflict has no recusal to export.
    let none = export_recusal(&ws, &catalog, &me, "2025-M-01", &dir, &Fixed, &Fixed);
    assert!(matches!(
        none,
        Err(scorebook::service::Error::NotRecused { .. })
    ));
}

#[test]
fn a_reviewer_not_on_the_panel_imports_but_is_told() {
    let (h, me) = home("李评审");
    let round = kit::round(2, 3);
    let path = write(h.path(), "round.json", &round);
    let done = import(h.path(), &path, Some(&me)).unwrap();
    assert!(done.member.is_none());
    let en = scorebook::i18n::round_import::summary(Lang::En, &done).join("\n");
    assert!(en.contains("not on the round's panel"), "{en}");
}

/// The sheet's payload as JSON.
fn payload(file: &Path) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    v["payload"].clone()
}

/// Issue 9's collision: two laptops, the same company. Before rounds each laptop numbered its
/// applicants in the order added (A1, A2 …), so one reviewer's A2 was another's A1. Through the
/// round, the ids and names are the office's on both, whatever was added by hand before.
#[test]
fn two_laptops_importing_one_round_give_each_company_one_id_and_name() {
    let (h1, r1) = home("李评审");
    let (h2, r2) = home("王评审");
    let mut round = round_for(&r1);
    round
        .members
        .push(kit::member(&r2.verifying_key(), "王评审", Role::Member));
    let file = write(h1.path(), "round.json", &round);

    // Laptop 1 practised first: a local applicant took A1.
    {
        let catalog = Catalog::embedded();
        let fw = catalog.framework("gbt19580-2012").unwrap();
        let local = Applicant::new(
            "A1",
            "练习对象",
            "jinshan-2023",
            "mayor-model",
            &fw.doc.id,
            &fw.hash,
            NOW,
        );
        let (mut ws, _) = Workspace::open(h1.path()).unwrap();
        ws.save_applicant(&local).unwrap();
    }
    // Laptop 1 through the service, laptop 2 through the command line.
    import(h1.path(), &file, Some(&r1)).unwrap();
    cmd::import_round(h2.path(), &file)
        .assert()
        .success()
        .stdout(predicate::str::contains("3 applicants added"));

    let of = |h: &Path| -> Vec<(String, String)> {
        applicants(h)
            .into_iter()
            .filter(|a| matches!(a.origin, Origin::Round { .. }))
            .map(|a| (a.id.into_string(), a.name))
            .collect()
    };
    assert_eq!(of(h1.path()), of(h2.path()));
    assert_eq!(of(h1.path()).len(), 3);

    // Sheets exported on both laptops name the company by the same number and name.
    let mut sheets = Vec::new();
    for (h, out) in [(h1.path(), "one.sheet.json"), (h2.path(), "two.sheet.json")] {
        let out = h.join(out);
        cmd::scorebook(h)
            .args(["export", "2025-M-02", "--draft", "-o"])
            .arg(&out)
            .assert()
            .success();
        sheets.push(payload(&out));
    }
    assert_eq!(sheets[0]["applicant"], sheets[1]["applicant"]);
    assert_eq!(sheets[0]["applicant"]["id"], "2025-M-02");
    assert_eq!(sheets[0]["applicant"]["name"], "申报组织2");
    assert_ne!(sheets[0]["reviewer"], sheets[1]["reviewer"]);
    // Sheet format 2: both carry the round they were scored in, the same on both laptops.
    let done = import(h1.path(), &file, Some(&r1)).unwrap();
    for s in &sheets {
        assert_eq!(s["format_version"], 2);
        assert_eq!(s["round"]["id"], kit::ROUND_ID);
        assert_eq!(s["round"]["version"], 1);
        assert_eq!(s["round"]["hash"], done.hash.as_str());
    }
}

#[test]
fn the_command_line_prints_what_it_did_and_refuses_clearly() {
    let (h, me) = home("李评审");
    let mut round = round_for(&me);
    round.applicants[2].coaches = vec!["李评审".into()];
    let file = write(h.path(), "round.json", &round);
    cmd::import_round(h.path(), &file)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Imported round 2025 第二届 version 1",
        ))
        .stdout(predicate::str::contains(
            "added: 2025-M-01, 2025-M-02, 2025-M-03",
        ))
        .stdout(predicate::str::contains("coaching expert"))
        .stdout(predicate::str::contains("2025-M-03"));
    // `export NUMBER` of the recused applicant writes the recusal record into <home>/sheets/.
    cmd::scorebook(h.path())
        .args(["export", "2025-M-03"])
        .assert()
        .success()
        .stdout(predicate::str::contains("recusal record"));
    let record = h
        .path()
        .join("sheets")
        .join("2025-M-03-李评审-recusal.json");
    assert!(record.exists());
    scorebook::sheet::verify_recusal(&std::fs::read(&record).unwrap()).unwrap();
    // Again: the record is never overwritten.
    cmd::scorebook(h.path())
        .args(["export", "2025-M-03"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("already exists"));

    // Refused: exit 1, the reason, nothing changed.
    let junk = h.path().join("junk.json");
    std::fs::write(&junk, b"not json").unwrap();
    cmd::import_round(h.path(), &junk)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "does not verify; nothing imported",
        ))
        .stderr(predicate::str::contains("(not-json)"));
}
