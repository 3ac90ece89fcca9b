//! Confidential by default (issue 13, 第二十一条): the signing key under a passphrase, sheets
//! sealed to the round's leader, and their bad inputs — each a clear message, nothing lost.
//!
//! Each person has their own temp home; the leader's round is signed with the leader's own
//! key and carries the leader's age recipient, as `round new` writes it.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

use scorebook::clock::{Clock, Random, RandomError};
use scorebook::identity::{Identity, Role, session};
use scorebook::lang::Lang;
use scorebook::program::Catalog;
use scorebook::review::{Comment, CommentKind, Stage};
use scorebook::round::sign_round;
use scorebook::service::export::{Addressee, ExportRequest, export_sheet, seal_for_round};
use scorebook::service::round_import::{ImportRequest, import_round};
use scorebook::testkit::round as kit;
use scorebook::workspace::Workspace;

const NOW: &str = "2026-03-01T09:00:00+08:00";
const DOC: Stage = Stage::DocumentReview;
const STRENGTH: &str = "质量分析会每季度召开，客户名单见附件（商业秘密）";

fn sb(home: &Path, lang: &str) -> Command {
    let mut c = Command::cargo_bin("scorebook").unwrap();
    c.arg("--home").arg(home).arg("--lang").arg(lang);
    c.env_remove("SCOREBOOK_PASSPHRASE_FILE");
    c
}

/// A file holding `text`, as a script would write it for `SCOREBOOK_PASSPHRASE_FILE`.
fn pass_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    p
}

struct Fixed;
impl Clock for Fixed {
    fn now(&self) -> time::OffsetDateTime {
        time::OffsetDateTime::parse(NOW, &time::format_description::well_known::Rfc3339).unwrap()
    }
}
impl Random for Fixed {
    fn fill(&self, bytes: &mut [u8]) -> Result<(), RandomError> {
        bytes.fill(7);
        Ok(())
    }
}

struct World {
    leader: TempDir,
    reviewer: TempDir,
    dir: TempDir,
    round: PathBuf,
}

/// 王组长 leads a round (signed with their key, their recipient on it); 李评审 imports it and
/// scores every item of 2025-M-01 with a confidential strength.
fn world() -> World {
    world_with(|_| {})
}

/// [`world`], the round changed by `edit` before the leader signs it (an office recipient,
/// an acting leader).
fn world_with(edit: impl FnOnce(&mut scorebook::round::Round)) -> World {
    let leader = TempDir::new().unwrap();
    let reviewer = TempDir::new().unwrap();
    let dir = TempDir::new().unwrap();
    let lead = Identity::create(leader.path(), "王组长", false).unwrap();
    let me = Identity::create(reviewer.path(), "李评审", false).unwrap();
    let mut round = kit::round(2, 1);
    let mut chief = kit::member(&lead.verifying_key(), "王组长", Role::Leader);
    chief.age_recipient = lead.public_info().age_recipient;
    assert!(chief.age_recipient.as_deref().unwrap().starts_with("age1"));
    round.members = vec![chief];
    let mut mine = kit::member(&me.verifying_key(), "李评审", Role::Member);
    mine.age_recipient = me.public_info().age_recipient;
    round.members.push(mine);
    edit(&mut round);
    round.format_version = round.format_needed();
    let path = dir.path().join("round.json");
    fs::write(&path, sign_round(&round, lead.signing_key()).unwrap()).unwrap();

    let catalog = Catalog::embedded();
    let (mut ws, _) = Workspace::open(reviewer.path()).unwrap();
    import_round(
        &mut ws,
        &catalog,
        &ImportRequest {
            path: path.clone(),
            reviewer: Some(me.public_info()),
            now: NOW.into(),
            lang: Lang::Zh,
        },
    )
    .unwrap();
    let mut a = ws.applicant("2025-M-01").unwrap().clone();
    let fw = catalog.framework("gbt19580-2012").unwrap().doc.clone();
    a.declare_no_conflict(NOW).unwrap();
    let codes: Vec<String> = fw.items().map(|(_, i)| i.code.to_string()).collect();
    for code in &codes {
        a.set_percent(&fw, DOC, code, 50).unwrap();
    }
    a.add_comment(
        &fw,
        DOC,
        &codes[0],
        CommentKind::Strength,
        Comment {
            text: STRENGTH.into(),
            requirements: vec![],
            evidence: "申报材料第12页".into(),
        },
    )
    .unwrap();
    ws.save_applicant(&a).unwrap();
    World {
        leader,
        reviewer,
        dir,
        round: path,
    }
}

/// The reviewer's export of 2025-M-01 into `out`, sealed to the round's leader or not.
fn export(w: &World, out: &Path, seal: bool) -> scorebook::service::export::Exported {
    let catalog = Catalog::embedded();
    let (ws, _) = Workspace::open(w.reviewer.path()).unwrap();
    let me = Identity::load(w.reviewer.path()).unwrap().unwrap();
    let seal = seal.then(|| {
        let loaded = scorebook::service::round::load(&w.round, &catalog).unwrap();
        seal_for_round(&loaded.verified, ws.applicant("2025-M-01").unwrap()).unwrap()
    });
    fs::create_dir_all(out).unwrap();
    let request = ExportRequest {
        applicant_id: "2025-M-01".into(),
        stage: DOC,
        draft: false,
        output: Some(out.to_path_buf()),
        html: false,
        seal,
    };
    export_sheet(&ws, &catalog, &me, &request, &Fixed, &Fixed, Lang::Zh).unwrap()
}

#[test]
fn a_sealed_sheet_is_the_plain_sheet_inside_an_age_file_only_the_leader_opens() {
    let w = world();
    let plain_dir = w.dir.path().join("plain");
    let sealed_dir = w.dir.path().join("sealed");
    let plain = export(&w, &plain_dir, false);
    let sealed = export(&w, &sealed_dir, true);
    assert_eq!(
        sealed.sealed_to,
        Some(vec![Addressee::Leader("王组长".into())])
    );
    assert_eq!(
        sealed.hash, plain.hash,
        "the same signed sheet, handed out again"
    );
    assert!(
        sealed
            .sheet_path
            .to_string_lossy()
            .ends_with(".sheet.json.age")
    );
    let plain_bytes = fs::read(&plain.sheet_path).unwrap();
    let sealed_bytes = fs::read(&sealed.sheet_path).unwrap();
    // Nothing of the sheet shows through: no comment, no applicant name, no score line.
    for secret in [STRENGTH, "申报组织1", "李评审", "\"total\""] {
        assert!(
            !sealed_bytes
                .windows(secret.len())
                .any(|w| w == secret.as_bytes()),
            "{secret} shows in the sealed file"
        );
    }
    // The reference reader (the age crate's own Decryptor, as `age -d` / `rage -d` run it)
    // opens it with the leader's identity into exactly the plain export's bytes.
    let lead = Identity::load(w.leader.path()).unwrap().unwrap();
    let decryptor = age::Decryptor::new(&sealed_bytes[..]).unwrap();
    assert!(!decryptor.is_scrypt());
    let mut reader = decryptor
        .decrypt(std::iter::once(lead.age_identity() as &dyn age::Identity))
        .unwrap();
    let mut inner = Vec::new();
    std::io::Read::read_to_end(&mut reader, &mut inner).unwrap();
    assert_eq!(inner, plain_bytes);
    // And its identity string is the standard one (AGE-SECRET-KEY-1…), so `age -d -i` works.
    use age::secrecy::ExposeSecret;
    assert!(
        lead.age_identity()
            .to_string()
            .expose_secret()
            .starts_with("AGE-SECRET-KEY-1")
    );

    // `verify` in the leader's home: the same verdict and hash as the plain file, said sealed.
    let v = |home: &Path, file: &Path| -> serde_json::Value {
        let out = sb(home, "en")
            .args(["verify", "--json"])
            .arg(file)
            .output()
            .unwrap();
        serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout).unwrap()[0].clone()
    };
    let opened = v(w.leader.path(), &sealed.sheet_path);
    let clear = v(w.leader.path(), &plain.sheet_path);
    assert_eq!(opened["valid"], true, "{opened}");
    assert_eq!(opened["sealed"], true);
    assert_eq!(opened["sheet"], clear["sheet"]);
    assert_eq!(opened["sheet"]["hash"], plain.hash.as_str());
    assert!(clear.get("sealed").is_none());

    // Another leader's home: named as sealed for someone else, not as invalid.
    let stranger = TempDir::new().unwrap();
    Identity::create(stranger.path(), "赵组长", false).unwrap();
    let other = v(stranger.path(), &sealed.sheet_path);
    assert_eq!(other["valid"], false);
    assert_eq!(other["error"], "sealed-for-another");
    sb(stranger.path(), "zh")
        .arg("verify")
        .arg(&sealed.sheet_path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("加密给另一位评审组长"));
    // A home with no key at all.
    let nobody = TempDir::new().unwrap();
    assert_eq!(
        v(nobody.path(), &sealed.sheet_path)["error"],
        "sealed-no-key"
    );

    // `merge` in the leader's home counts it exactly like the plain one: same hash, and the
    // copy in OUT/sheets/ is the inner signed file.
    let inputs = w.dir.path().join("inbox");
    fs::create_dir_all(&inputs).unwrap();
    fs::copy(&sealed.sheet_path, inputs.join("from-li.sheet.json.age")).unwrap();
    let out = w.dir.path().join("out");
    sb(w.leader.path(), "en")
        .args(["merge", "--round"])
        .arg(&w.round)
        .arg(&inputs)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let copy = out
        .join("sheets")
        .join(format!("{}.sheet.json", plain.hash));
    assert_eq!(fs::read(copy).unwrap(), plain_bytes);
}

/// The leader's and the office's: "to the leader and, if the round says so, to the award
/// office". The office opens it with its own identity through the age crate's own decryptor
/// (as `age -d -i office.key` does) into exactly the plain export's signed file, and `verify`
/// in a home holding the office's key gives the plain file's verdict and hash.
#[test]
fn a_sheet_sealed_for_a_round_with_an_office_recipient_opens_with_the_office_identity() {
    let office = TempDir::new().unwrap();
    let office_id = Identity::create(office.path(), "评奖办公室", false).unwrap();
    let office_recipient = office_id.public_info().age_recipient.unwrap();
    let w = world_with(|r| r.office_recipient = Some(office_recipient.clone()));
    let loaded = scorebook::service::round::load(&w.round, &Catalog::embedded()).unwrap();
    assert_eq!(loaded.verified.round.format_version, 3);
    let plain = export(&w, &w.dir.path().join("plain"), false);
    let sealed = export(&w, &w.dir.path().join("sealed"), true);
    assert_eq!(
        sealed.sealed_to,
        Some(vec![Addressee::Leader("王组长".into()), Addressee::Office])
    );
    let plain_bytes = fs::read(&plain.sheet_path).unwrap();
    let sealed_bytes = fs::read(&sealed.sheet_path).unwrap();
    let open_with = |id: &age::x25519::Identity| {
        let decryptor = age::Decryptor::new(&sealed_bytes[..]).unwrap();
        let mut reader = decryptor
            .decrypt(std::iter::once(id as &dyn age::Identity))
            .unwrap();
        let mut inner = Vec::new();
        std::io::Read::read_to_end(&mut reader, &mut inner).unwrap();
        inner
    };
    let by_office = open_with(office_id.age_identity());
    assert_eq!(by_office, plain_bytes);
    assert_eq!(scorebook::sheet::document_hash(&by_office), plain.hash);
    let lead = Identity::load(w.leader.path()).unwrap().unwrap();
    assert_eq!(open_with(lead.age_identity()), plain_bytes);
    // Not the reviewer's own key: a sealed sheet is for its addressees only.
    let me = Identity::load(w.reviewer.path()).unwrap().unwrap();
    let decryptor = age::Decryptor::new(&sealed_bytes[..]).unwrap();
    assert!(
        decryptor
            .decrypt(std::iter::once(me.age_identity() as &dyn age::Identity))
            .is_err()
    );
    // `verify` with either identity: the same valid verdict and inner hash.
    for home in [office.path(), w.leader.path()] {
        let out = sb(home, "en")
            .args(["verify", "--json"])
            .arg(&sealed.sheet_path)
            .output()
            .unwrap();
        let v: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v[0]["valid"], true, "{}", v[0]);
        assert_eq!(v[0]["sheet"]["hash"], plain.hash.as_str());
    }
    // The office's key as `age-keygen -o office.key` writes it: `verify` and `merge` open the
    // sealed sheet with it in a home that has no key of its own.
    use age::secrecy::ExposeSecret;
    let secret = office_id
        .age_identity()
        .to_string()
        .expose_secret()
        .to_owned();
    let key_file = w.dir.path().join("office.key");
    fs::write(
        &key_file,
        format!(
            "# created: 2026-03-01T09:00:00+08:00\n# public key: {office_recipient}\n{secret}\n"
        ),
    )
    .unwrap();
    let nobody = TempDir::new().unwrap();
    let out = sb(nobody.path(), "en")
        .args(["verify", "--json", "--identity"])
        .arg(&key_file)
        .arg(&sealed.sheet_path)
        .output()
        .unwrap();
    let v: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["valid"], true, "{}", v[0]);
    assert_eq!(v[0]["sheet"]["hash"], plain.hash.as_str());
    let inbox = w.dir.path().join("office-inbox");
    fs::create_dir_all(&inbox).unwrap();
    fs::copy(&sealed.sheet_path, inbox.join("a.sheet.json.age")).unwrap();
    let merged = w.dir.path().join("office-merge");
    sb(nobody.path(), "en")
        .args(["merge", "--identity"])
        .arg(&key_file)
        .arg("--round")
        .arg(&w.round)
        .arg(&inbox)
        .arg("-o")
        .arg(&merged)
        .assert()
        .success();
    let copy = merged
        .join("sheets")
        .join(format!("{}.sheet.json", plain.hash));
    assert_eq!(fs::read(copy).unwrap(), plain_bytes);
    // A file that is not an identity file: its line named, its content never shown.
    let bad = w.dir.path().join("bad.key");
    fs::write(
        &bad,
        format!(
            "# comment\n{}\n",
            secret.replace("AGE-SECRET-KEY-1", "AGE-SECRET-KEY-X")
        ),
    )
    .unwrap();
    let out = sb(nobody.path(), "en")
        .args(["verify", "--json", "--identity"])
        .arg(&bad)
        .arg(&sealed.sheet_path)
        .output()
        .unwrap();
    let v: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["error"], "sealed-identity-file", "{}", v[0]);
    let message = v[0]["message"].as_str().unwrap();
    assert!(message.contains("line 2"), "{message}");
    let tail = secret.get(20..).unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains(tail));
    assert!(!String::from_utf8_lossy(&out.stderr).contains(tail));

    // The CLI says for whom.
    let out = w.dir.path().join("cli");
    fs::create_dir_all(&out).unwrap();
    sb(w.reviewer.path(), "zh")
        .args(["export", "2025-M-01", "--seal", "--round"])
        .arg(&w.round)
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "已加密给评审组长 王组长、评奖办公室",
        ));
}

/// `round set-office-recipient`: only the leader, only an age recipient in its one spelling
/// (a refused one leaves the file as it was), a new version in format 3 that `round show`
/// names; the round without it stays format 1.
#[test]
fn the_leader_records_the_office_recipient_on_the_round() {
    let w = world();
    let before = fs::read(&w.round).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&before).unwrap();
    assert_eq!(v["payload"]["format_version"], 1);
    let office = age::x25519::Identity::generate().to_public().to_string();
    sb(w.reviewer.path(), "en")
        .args(["round", "set-office-recipient"])
        .arg(&w.round)
        .arg(&office)
        .assert()
        .failure();
    for bad in [office.to_uppercase(), "age1qqqq".to_string()] {
        sb(w.leader.path(), "zh")
            .args(["round", "set-office-recipient"])
            .arg(&w.round)
            .arg(&bad)
            .assert()
            .failure()
            .stderr(predicate::str::contains("评奖办公室的加密接收密钥"));
    }
    assert_eq!(fs::read(&w.round).unwrap(), before, "nothing changed");
    sb(w.leader.path(), "en")
        .args(["round", "set-office-recipient"])
        .arg(&w.round)
        .arg(&office)
        .assert()
        .success()
        .stdout(predicate::str::contains("version 2"));
    let v: serde_json::Value = serde_json::from_slice(&fs::read(&w.round).unwrap()).unwrap();
    assert_eq!(v["payload"]["format_version"], 3);
    assert_eq!(v["payload"]["office_recipient"], office.as_str());
    sb(w.leader.path(), "en")
        .args(["round", "show"])
        .arg(&w.round)
        .assert()
        .success()
        .stdout(predicate::str::contains(office.as_str()));
}

/// An applicant the leader is recused from: its acting leader signs the consensus, so the
/// sheet is sealed to them too (beside the leader, whose merge counts every sheet).
#[test]
fn a_sheet_of_an_applicant_with_an_acting_leader_is_sealed_to_them_too() {
    let acting = TempDir::new().unwrap();
    let acting_id = Identity::create(acting.path(), "张代理", false).unwrap();
    let w = world_with(|r| {
        let mut m = kit::member(&acting_id.verifying_key(), "张代理", Role::Member);
        m.age_recipient = acting_id.public_info().age_recipient;
        r.members.push(m);
        r.acting_leaders = vec![scorebook::round::ActingLeader {
            applicant: "2025-M-01".into(),
            public_key: hex::encode(acting_id.verifying_key().as_bytes()),
        }];
    });
    let plain = export(&w, &w.dir.path().join("plain"), false);
    let sealed = export(&w, &w.dir.path().join("sealed"), true);
    assert_eq!(
        sealed.sealed_to,
        Some(vec![
            Addressee::Leader("王组长".into()),
            Addressee::ActingLeader("张代理".into())
        ])
    );
    let out = sb(acting.path(), "en")
        .args(["verify", "--json"])
        .arg(&sealed.sheet_path)
        .output()
        .unwrap();
    let v: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["valid"], true, "{}", v[0]);
    assert_eq!(v[0]["sheet"]["hash"], plain.hash.as_str());
}

#[test]
fn a_truncated_or_tampered_sealed_sheet_is_named_damaged_never_a_panic() {
    let w = world();
    let sealed = export(&w, &w.dir.path().join("sealed"), true);
    let bytes = fs::read(&sealed.sheet_path).unwrap();
    let cut = w.dir.path().join("cut.sheet.json.age");
    fs::write(&cut, &bytes[..bytes.len() - 40]).unwrap();
    let mut flipped = bytes.clone();
    let at = bytes.len() - 100;
    flipped[at] ^= 0x20;
    let tampered = w.dir.path().join("tampered.sheet.json.age");
    fs::write(&tampered, &flipped).unwrap();
    for file in [&cut, &tampered] {
        let out = sb(w.leader.path(), "en")
            .args(["verify", "--json"])
            .arg(file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let v: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v[0]["error"], "sealed-damaged", "{}", v[0]);
        assert!(v[0]["message"].as_str().unwrap().contains("send it again"));
    }
}

#[test]
fn export_seal_refuses_a_round_whose_leader_publishes_no_recipient() {
    let w = world();
    // The same round re-issued without the leader's recipient (a member file from before).
    let catalog = Catalog::embedded();
    let loaded = scorebook::service::round::load(&w.round, &catalog).unwrap();
    let mut round = loaded.verified.round.clone();
    round.members[0].age_recipient = None;
    let lead = Identity::load(w.leader.path()).unwrap().unwrap();
    let old = w.dir.path().join("old-round.json");
    fs::write(&old, sign_round(&round, lead.signing_key()).unwrap()).unwrap();
    let out = w.dir.path().join("o");
    fs::create_dir_all(&out).unwrap();
    sb(w.reviewer.path(), "en")
        .args(["export", "2025-M-01", "--seal", "--round"])
        .arg(&old)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("publishes no encryption key"));
    assert_eq!(fs::read_dir(&out).unwrap().count(), 0, "nothing written");
    // --seal without --round: the round as this home imported it (kept at the import).
    sb(w.reviewer.path(), "en")
        .args(["export", "2025-M-01", "--seal", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "sealed to the group leader 王组长",
        ));
    // A home that never kept it (imported before this version): says to import again.
    fs::remove_dir_all(w.reviewer.path().join("rounds")).unwrap();
    sb(w.reviewer.path(), "en")
        .args(["export", "2025-M-01", "--seal"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("import the round file again"));
}

#[test]
fn the_key_under_a_passphrase_does_not_hold_the_seed_and_a_wrong_passphrase_changes_nothing() {
    let home = TempDir::new().unwrap();
    let h = home.path();
    let files = TempDir::new().unwrap();
    sb(h, "en")
        .args(["key", "new", "--name", "张三"])
        .assert()
        .success();
    let seed = {
        let id = Identity::load(h).unwrap().unwrap();
        id.signing_key().to_bytes()
    };
    let seed_hex = hex::encode(seed);
    let secret = h.join("keys/reviewer.secret");
    assert!(fs::read_to_string(&secret).unwrap().contains(&seed_hex));
    // Plain key: `key show` offers to protect it.
    sb(h, "en")
        .args(["key", "show"])
        .assert()
        .success()
        .stderr(predicate::str::contains("scorebook key passphrase"));

    // Set one from a file with a trailing newline (as `echo` writes it).
    let good = pass_file(files.path(), "good", "正确的口令 horse\n");
    sb(h, "en")
        .args(["key", "passphrase", "--new-passphrase-file"])
        .arg(&good)
        .assert()
        .success()
        .stdout(predicate::str::contains("now under a passphrase"));
    let locked = fs::read(&secret).unwrap();
    assert!(locked.starts_with(b"age-encryption.org/v1\n"));
    assert!(!locked.windows(32).any(|w| w == seed));
    assert!(!locked.windows(64).any(|w| w == seed_hex.as_bytes()));
    assert!(
        !locked
            .windows(8)
            .any(|w| w == "正确的口令".as_bytes().get(..8).unwrap())
    );

    // The right passphrase, file without the newline or with it, opens it: same key.
    for file in [
        pass_file(files.path(), "bare", "正确的口令 horse"),
        good.clone(),
        pass_file(files.path(), "crlf", "正确的口令 horse\r\n"),
    ] {
        let shown = sb(h, "en")
            .env("SCOREBOOK_PASSPHRASE_FILE", &file)
            .args(["key", "show", "--json"])
            .assert()
            .success();
        let info: serde_json::Value = serde_json::from_slice(&shown.get_output().stdout).unwrap();
        assert_eq!(
            info["public_key"],
            hex::encode(
                ed25519_dalek::SigningKey::from_bytes(&seed)
                    .verifying_key()
                    .as_bytes()
            )
        );
    }
    // A wrong one: said so, exit 2, the key file byte for byte as it was.
    let wrong = pass_file(files.path(), "wrong", "错误\n");
    sb(h, "zh")
        .env("SCOREBOOK_PASSPHRASE_FILE", &wrong)
        .args(["key", "show"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("口令不对"));
    // None at all (no terminal, no file): says how to give it.
    sb(h, "en")
        .args(["key", "show"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("SCOREBOOK_PASSPHRASE_FILE"));
    // An empty passphrase file.
    let empty = pass_file(files.path(), "empty", "\n");
    sb(h, "en")
        .env("SCOREBOOK_PASSPHRASE_FILE", &empty)
        .args(["key", "show"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is empty"));
    assert_eq!(fs::read(&secret).unwrap(), locked, "never corrupted");

    // Change it, then take it off: the same key all along.
    let newer = pass_file(files.path(), "newer", "另一个口令");
    sb(h, "en")
        .env("SCOREBOOK_PASSPHRASE_FILE", &good)
        .args(["key", "passphrase", "--new-passphrase-file"])
        .arg(&newer)
        .assert()
        .success()
        .stdout(predicate::str::contains("is changed"));
    sb(h, "en")
        .env("SCOREBOOK_PASSPHRASE_FILE", &good)
        .args(["key", "show"])
        .assert()
        .code(2);
    sb(h, "en")
        .env("SCOREBOOK_PASSPHRASE_FILE", &newer)
        .args(["key", "passphrase", "--remove"])
        .assert()
        .success();
    assert!(fs::read_to_string(&secret).unwrap().contains(&seed_hex));
}

#[test]
fn a_format_1_key_keeps_working_and_gains_a_recipient() {
    let home = TempDir::new().unwrap();
    let h = home.path();
    let seed = [5u8; 32];
    let key = ed25519_dalek::SigningKey::from_bytes(&seed);
    fs::create_dir_all(h.join("keys")).unwrap();
    fs::write(
        h.join("keys/reviewer.secret"),
        format!(
            "{{\n  \"format\": \"scorebook-secret-key/1\",\n  \"secret_key\": \"{}\"\n}}\n",
            hex::encode(seed)
        ),
    )
    .unwrap();
    let old = scorebook::identity::MemberInfo::new("老评审", &key.verifying_key());
    fs::write(
        h.join("keys/reviewer.json"),
        serde_json::to_vec_pretty(&old).unwrap(),
    )
    .unwrap();
    let id = Identity::load(h).unwrap().unwrap();
    assert_eq!(id.verifying_key(), key.verifying_key());
    assert!(!id.is_protected());
    let info = id.public_info();
    assert!(info.age_recipient.as_deref().unwrap().starts_with("age1"));
    // Upgraded on disk, the same recipient next time.
    let again = Identity::load(h).unwrap().unwrap();
    assert_eq!(again.public_info(), info);
    assert!(
        fs::read_to_string(h.join("keys/reviewer.secret"))
            .unwrap()
            .contains("scorebook-secret-key/2")
    );
    session::forget(h);
}

#[test]
fn the_member_file_and_a_new_round_carry_the_age_recipient() {
    let leader = TempDir::new().unwrap();
    let member = TempDir::new().unwrap();
    let dir = TempDir::new().unwrap();
    for (home, name) in [(leader.path(), "王组长"), (member.path(), "李专家")] {
        sb(home, "en")
            .args(["key", "new", "--name", name])
            .assert()
            .success();
    }
    let shown = |home: &Path| -> serde_json::Value {
        let out = sb(home, "en")
            .args(["key", "show", "--json"])
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let (lead, li) = (shown(leader.path()), shown(member.path()));
    assert!(lead["age_recipient"].as_str().unwrap().starts_with("age1"));
    let member_file = dir.path().join("li.json");
    fs::write(&member_file, serde_json::to_vec(&li).unwrap()).unwrap();
    let round = dir.path().join("round.json");
    sb(leader.path(), "en")
        .args([
            "round",
            "new",
            "--program",
            "jinshan-2023",
            "--name",
            "2025",
            "-o",
        ])
        .arg(&round)
        .assert()
        .success();
    sb(leader.path(), "en")
        .args(["round", "add-member"])
        .arg(&round)
        .arg(&member_file)
        .assert()
        .success();
    let v = scorebook::round::verify_round(&fs::read(&round).unwrap()).unwrap();
    assert_eq!(
        v.round.members[0].age_recipient.as_deref(),
        lead["age_recipient"].as_str()
    );
    assert_eq!(
        v.round.members[1].age_recipient.as_deref(),
        li["age_recipient"].as_str()
    );
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Nothing leaks around the seal paths (issue 13): with both keys under passphrases, every
/// failing run of the `sealed-*` paths — a wrong passphrase on either side, no passphrase, a
/// stranger's key, a tampered file, a merge with all of these — says what happened without the
/// passphrase or any comment text in its output (and never panics), and leaves no temporary file
/// behind in the homes or the output folders.
#[test]
fn the_seal_paths_never_show_a_passphrase_or_a_comment_and_leave_no_temp_file() {
    let w = world();
    let files = TempDir::new().unwrap();
    const LEAD_PASS: &str = "组长的口令 correct-horse";
    const MY_PASS: &str = "评审的口令 battery-staple";
    const WRONG: &str = "猜错的口令 wrong-guess";
    let lead_good = pass_file(files.path(), "lead", &format!("{LEAD_PASS}\n"));
    let my_good = pass_file(files.path(), "mine", &format!("{MY_PASS}\n"));
    let wrong = pass_file(files.path(), "wrong", WRONG);
    for (home, file) in [(w.leader.path(), &lead_good), (w.reviewer.path(), &my_good)] {
        sb(home, "en")
            .args(["key", "passphrase", "--new-passphrase-file"])
            .arg(file)
            .assert()
            .success();
    }
    // What no output may hold: the passphrases (whole or their first word) and the comment.
    let secrets = [
        LEAD_PASS,
        MY_PASS,
        WRONG,
        "组长的口令",
        "评审的口令",
        "猜错的口令",
        STRENGTH,
        "商业秘密",
    ];
    let clean = |what: &str, out: &std::process::Output| {
        for text in [&out.stdout, &out.stderr] {
            let text = String::from_utf8_lossy(text);
            for s in secrets {
                assert!(!text.contains(s), "{what}: {s:?} shown in:\n{text}");
            }
            assert!(!text.contains("panicked"), "{what}: a panic:\n{text}");
        }
    };
    let run = |home: &Path, lang: &str, pass: Option<&Path>, args: &[&std::ffi::OsStr]| {
        let mut c = sb(home, lang);
        if let Some(p) = pass {
            c.env("SCOREBOOK_PASSPHRASE_FILE", p);
        }
        c.env("RUST_BACKTRACE", "1").args(args).output().unwrap()
    };
    let os = |s: &str| std::ffi::OsStr::new(s).to_owned();

    // The reviewer's export: a wrong passphrase refuses, writing nothing.
    let out = w.dir.path().join("out");
    fs::create_dir_all(&out).unwrap();
    for lang in ["zh", "en"] {
        let o = run(
            w.reviewer.path(),
            lang,
            Some(&wrong),
            &[
                &os("export"),
                &os("2025-M-01"),
                &os("--seal"),
                &os("-o"),
                out.as_os_str(),
            ],
        );
        assert_eq!(o.status.code(), Some(2), "{o:?}");
        clean("export, wrong passphrase", &o);
    }
    assert_eq!(fs::read_dir(&out).unwrap().count(), 0, "nothing written");
    // The right one: the sealed sheet.
    let o = run(
        w.reviewer.path(),
        "en",
        Some(&my_good),
        &[
            &os("export"),
            &os("2025-M-01"),
            &os("--seal"),
            &os("-o"),
            out.as_os_str(),
        ],
    );
    assert!(o.status.success(), "{o:?}");
    clean("export", &o);
    let sealed = out.join("2025-M-01-document-v1.sheet.json.age");
    let mut tampered_bytes = fs::read(&sealed).unwrap();
    let at = tampered_bytes.len() - 50;
    tampered_bytes[at] ^= 0x01;
    let tampered = out.join("tampered.sheet.json.age");
    fs::write(&tampered, &tampered_bytes).unwrap();

    // The leader's side: wrong passphrase, none at all (no terminal), a tampered file.
    let stranger = TempDir::new().unwrap();
    Identity::create(stranger.path(), "赵组长", false).unwrap();
    let cases: [(&Path, Option<&Path>, &Path, &str); 4] = [
        (
            w.leader.path(),
            Some(&wrong),
            &sealed,
            "sealed-wrong-passphrase",
        ),
        (w.leader.path(), None, &sealed, "sealed-key-locked"),
        (stranger.path(), None, &sealed, "sealed-for-another"),
        (
            w.leader.path(),
            Some(&lead_good),
            &tampered,
            "sealed-damaged",
        ),
    ];
    for (home, pass, file, code) in cases {
        for lang in ["zh", "en"] {
            let o = run(
                home,
                lang,
                pass,
                &[&os("verify"), &os("--json"), file.as_os_str()],
            );
            assert_eq!(o.status.code(), Some(1), "{code}: {o:?}");
            clean(code, &o);
            let v: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
            assert_eq!(v[0]["error"], code, "{}", v[0]);
        }
    }
    // A merge of the tampered and the good file with a wrong passphrase: each named, nothing
    // of the sheet in the merge folder, no temp file.
    let inbox = w.dir.path().join("inbox");
    fs::create_dir_all(&inbox).unwrap();
    fs::copy(&sealed, inbox.join("a.sheet.json.age")).unwrap();
    fs::copy(&tampered, inbox.join("b.sheet.json.age")).unwrap();
    let merged = w.dir.path().join("merged");
    let o = run(
        w.leader.path(),
        "zh",
        Some(&wrong),
        &[
            &os("merge"),
            &os("--round"),
            w.round.as_os_str(),
            inbox.as_os_str(),
            &os("-o"),
            merged.as_os_str(),
        ],
    );
    clean("merge, wrong passphrase", &o);
    let mut written = Vec::new();
    files_under(&merged, &mut written);
    for f in &written {
        let bytes = fs::read(f).unwrap();
        assert!(
            !bytes
                .windows(STRENGTH.len())
                .any(|x| x == STRENGTH.as_bytes()),
            "{} holds the comment",
            f.display()
        );
    }

    // No temporary file anywhere the seal paths wrote.
    let mut all = Vec::new();
    for dir in [
        w.leader.path(),
        w.reviewer.path(),
        stranger.path(),
        w.dir.path(),
    ] {
        files_under(dir, &mut all);
    }
    let temps: Vec<&PathBuf> = all
        .iter()
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| scorebook::workspace::atomic::is_temp_name(&n.to_string_lossy()))
        })
        .collect();
    assert!(temps.is_empty(), "temporary files left: {temps:?}");
}
