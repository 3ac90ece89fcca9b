//! A reviewer's full day by keys (issue 11), counted: the demo organisation (示例) taken from
//! where the demo leaves it to all 23 items scored, each with at least three comments that
//! carry evidence and requirement codes, ten site-visit issues planned, the document-review
//! sheet exported, site review started, the ten issues resolved with a note each, the
//! applicant's conduct recorded (守纪情况), and the site sheet exported — and the same day
//! from a new applicant added by keys, with every percent, comment and issue still to write. Command keys (every key but the characters of typed text
//! and of typed percents) must stay within 270 for both — half the ~535 of the day before the
//! comment form. The script takes the fastest documented paths: a comment is `s`/`o`, its
//! text, Tab, its codes and evidence in one field (`2a 自评报告第12页`), Enter (PgDn on an
//! item's last: saved, and on to the next item); an issue is `v`, its text, Enter; on site `N`
//! goes to the first open issue and `n`, a note, PgDn resolves each (已核实 preselected) and
//! goes on to the next.

#[path = "common/screen.rs"]
mod screen;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use scorebook::lang::Lang;
use scorebook::review::{Stage, split_lead_codes};
use scorebook::tui::app::{load, now, run_effects};
use scorebook::tui::keymap::{split_alt, translate};
use scorebook::tui::model::{Entry, Model, Screen, entries};
use scorebook::tui::update::update;
use scorebook::workspace::{BackgroundSaver, Workspace};

/// The budget of issue 11.
const MAX_COMMAND_KEYS: usize = 270;

struct Day {
    m: Model,
    ws: Workspace,
    saver: BackgroundSaver,
    /// Keys that command the app: moves, opens, saves, Tab, Enter, Esc, letters outside text.
    commands: usize,
    /// Characters of typed text (comments, evidence, codes, notes).
    typed: usize,
    /// Digits of typed percents (直接打分).
    digits: usize,
}

impl Day {
    fn open(home: &std::path::Path) -> Day {
        let (m, ws) = load(home, Some(Lang::Zh)).unwrap();
        let saver = BackgroundSaver::spawn(ws.saver()).unwrap();
        Day {
            m,
            ws,
            saver,
            commands: 0,
            typed: 0,
            digits: 0,
        }
    }

    fn send(&mut self, code: KeyCode, mods: KeyModifiers) {
        let ev = Event::Key(KeyEvent::new(code, mods));
        for ev in split_alt(&self.m, ev) {
            if let Some(a) = translate(&self.m, &ev) {
                let fx = update(&mut self.m, a, &now());
                run_effects(&mut self.m, &mut self.ws, &self.saver, fx);
            }
        }
    }

    /// A command key: counted.
    fn cmd(&mut self, code: KeyCode) {
        self.commands += 1;
        self.send(code, KeyModifiers::NONE);
    }

    fn cmds(&mut self, codes: &[KeyCode]) {
        for c in codes {
            self.cmd(*c);
        }
    }

    /// Text typed into a field, as an IME commits it: not counted as commands.
    fn text(&mut self, s: &str) {
        for c in s.chars() {
            self.typed += 1;
            self.send(KeyCode::Char(c), KeyModifiers::NONE);
        }
    }

    /// A percent typed with digits on the item screen.
    fn percent(&mut self, p: u8) {
        for c in p.to_string().chars() {
            self.digits += 1;
            self.send(KeyCode::Char(c), KeyModifiers::NONE);
        }
    }

    fn status(&self) -> String {
        format!("{:?}", self.m.status)
    }
}

/// What a reviewer writes: a strength or an OFI in examiner Chinese with its evidence.
fn comment(code: &str, n: usize) -> (bool, String, String) {
    let strength = n != 1;
    let text = if strength {
        format!("{code} 方法明确并在各部门展开，按季度评审改进，第{n}项做法有数据支持")
    } else {
        format!("{code} 部分做法尚未形成制度，展开到一线班组的证据不足")
    };
    (strength, text, format!("申报材料第{}页", 10 + n * 3))
}

/// The day's counts: command keys (all, and those up to the end of document review), typed
/// characters, digits.
struct Counts {
    commands: usize,
    document: usize,
    typed: usize,
    digits: usize,
}

/// Runs the day on the demo organisation where the demo leaves it, or (`fresh`) on a new
/// applicant added by keys, with every item, comment and issue still to write.
fn run_day(fresh: bool) -> Counts {
    let home = tempfile::tempdir().unwrap();
    let mut day = Day::open(home.path());
    // First run (not part of the day): the name; the demo applicant is made.
    day.text("李四");
    day.send(KeyCode::Enter, KeyModifiers::NONE);
    day.typed = 0;
    assert!(day.m.applicant().unwrap().demo);
    if fresh {
        // Add the applicant: name, the first track, no conflict; it opens on its items, and
        // the reviewer goes straight on to the first.
        day.cmd(KeyCode::Char('a'));
        day.text("上海金山某新材料有限公司");
        day.cmds(&[KeyCode::Enter, KeyCode::Enter, KeyCode::Enter]);
        assert_eq!(day.m.screen, Screen::Items);
        day.cmd(KeyCode::Enter);
    } else {
        // The applicants list → the items → the first item.
        day.cmds(&[KeyCode::Enter, KeyCode::Enter]);
    }
    assert_eq!(day.m.screen, Screen::Item);
    let fw = day.m.framework().unwrap().clone();
    let codes: Vec<String> = fw.items().map(|(_, i)| i.code.to_string()).collect();
    assert_eq!(codes.len(), 23);
    // The items that get a new site-visit issue: with the demo's seven, ten in all.
    let planned_before: usize = day
        .m
        .review()
        .unwrap()
        .items
        .values()
        .map(|i| i.site_issues.len())
        .sum();
    let mut to_plan = 10 - planned_before;

    for (ix, code) in codes.iter().enumerate() {
        assert_eq!(&day.m.item_code, code, "walking the items in order");
        let last_item = ix + 1 == codes.len();
        let ir = day.m.item_review().cloned().unwrap_or_default();
        if ir.percent.is_none() {
            day.percent([45, 50, 55, 60][ix % 4]);
        }
        let labels: Vec<String> = fw
            .item(code)
            .unwrap()
            .requirements
            .iter()
            .map(|r| r.label.clone())
            .collect();
        // A comment the demo left without evidence or codes: select it, fill what is missing.
        for (i, e) in entries(Some(&ir)).iter().enumerate() {
            let Entry::Comment(list, k) = *e else {
                continue;
            };
            let c = match list {
                scorebook::tui::model::CommentList::Strengths => &ir.strengths[k],
                scorebook::tui::model::CommentList::Ofis => &ir.ofis[k],
            };
            if !c.evidence.is_empty() && !c.requirements.is_empty() {
                continue;
            }
            while day.m.entry_sel < i {
                day.cmd(KeyCode::Down);
            }
            // Enter opens the form at the text; Tab to the evidence.
            day.cmds(&[KeyCode::Enter, KeyCode::Tab]);
            match (c.evidence.is_empty(), c.requirements.is_empty()) {
                // Codes and evidence in the one field.
                (true, true) => day.text(&format!("{} 现场查看记录", labels[0])),
                (true, false) => day.text("现场查看记录"),
                // The evidence is there: the codes field.
                (false, _) => {
                    day.cmd(KeyCode::Tab);
                    day.text(&labels[0]);
                }
            }
            day.cmd(KeyCode::Enter);
        }
        // A site-visit issue to verify, planned on the first items without one: v, its text,
        // Enter (核实 is the dialog's first choice).
        if to_plan > 0 && ir.site_issues.is_empty() {
            day.cmd(KeyCode::Char('v'));
            day.text(&format!("{code} 现场抽查两个车间的执行记录"));
            day.cmd(KeyCode::Enter);
            to_plan -= 1;
        }
        let have = ir.strengths.len() + ir.ofis.len();
        let missing = 3usize.saturating_sub(have);
        for n in 0..missing {
            let (strength, text, evidence) = comment(code, have + n);
            day.cmd(KeyCode::Char(if strength { 's' } else { 'o' }));
            day.text(&text);
            day.cmd(KeyCode::Tab);
            // The codes first, then the evidence, in one field.
            day.text(&format!("{} {evidence}", labels[(have + n) % labels.len()]));
            // The last comment of an item: PgDn saves it and opens the next item.
            if n + 1 == missing && !last_item {
                day.cmd(KeyCode::PageDown);
            } else {
                day.cmd(KeyCode::Enter);
            }
        }
        if missing == 0 && !last_item {
            day.cmd(KeyCode::Char(']'));
        }
        assert!(day.m.form.is_none(), "{code}: the form is closed");
    }

    // Every item scored, three comments each with evidence and codes.
    let review = day.m.review().unwrap().clone();
    for code in &codes {
        let ir = review.items.get(code.as_str()).unwrap();
        assert!(ir.percent.is_some(), "{code} scored");
        let all: Vec<_> = ir.strengths.iter().chain(&ir.ofis).collect();
        assert!(all.len() >= 3, "{code}: {} comments", all.len());
        let labels: Vec<String> = fw
            .item(code)
            .unwrap()
            .requirements
            .iter()
            .map(|r| r.label.clone())
            .collect();
        for c in all {
            // Each in its own field: the codes written before the evidence went to the codes.
            assert!(!c.evidence.is_empty(), "{code}: {c:?}");
            assert!(!c.requirements.is_empty(), "{code}: {c:?}");
            assert!(!c.text.is_empty(), "{code}: {c:?}");
            assert!(
                split_lead_codes(&labels, &c.evidence).codes.is_empty(),
                "{code}: codes left in the evidence: {c:?}"
            );
            assert!(c.requirements.iter().all(|r| labels.contains(r)), "{c:?}");
        }
    }
    let planned: Vec<(String, usize)> = codes
        .iter()
        .flat_map(|c| {
            let n = review
                .items
                .get(c.as_str())
                .map_or(0, |i| i.site_issues.len());
            (0..n).map(move |i| (c.clone(), i))
        })
        .collect();
    assert_eq!(planned.len(), 10, "ten site-visit issues planned");
    let after_document = day.commands;

    // The document-review sheet: x, anywhere.
    day.cmd(KeyCode::Char('x'));
    let sheets = home.path().join("sheets");
    let count_sheets = || {
        std::fs::read_dir(&sheets)
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter(|e| e.file_name().to_string_lossy().ends_with(".sheet.json"))
                    .count()
            })
            .unwrap_or(0)
    };
    assert_eq!(
        count_sheets(),
        1,
        "document sheet exported: {}",
        day.status()
    );

    // Site review from the item screen: S, confirm.
    day.cmds(&[KeyCode::Char('S'), KeyCode::Enter]);
    assert_eq!(day.m.stage(), Stage::SiteReview, "{}", day.status());

    // The open issues in item order: N opens the first one's item at it; then for each, n
    // opens the outcome with 已核实 chosen, a note, PgDn saves both and goes on to the next
    // open issue (in the same item or the next one with any).
    day.cmd(KeyCode::Char('N'));
    for (code, i) in &planned {
        assert_eq!(&day.m.item_code, code, "on to {code}");
        let sel = entries(day.m.item_review())[day.m.entry_sel];
        assert_eq!(sel, Entry::Issue(*i), "{code}: on its issue {i}");
        day.cmd(KeyCode::Char('n'));
        day.text("已抽查，与申报材料一致");
        day.cmd(KeyCode::PageDown);
        assert!(day.m.dialog.is_none(), "{code}: saved");
    }
    let site = day.m.review().unwrap().clone();
    let resolved = site
        .items
        .values()
        .flat_map(|i| &i.site_issues)
        .filter(|s| !s.status.is_open() && !s.note.is_empty())
        .count();
    assert_eq!(resolved, 10, "ten issues resolved with a note");

    // 守纪情况 (第二十二条): C, 1 遵守, Enter — a site sheet without it asks first.
    day.cmds(&[KeyCode::Char('C'), KeyCode::Char('1'), KeyCode::Enter]);
    assert!(
        day.m.review().unwrap().conduct.is_some(),
        "{}",
        day.status()
    );

    // The site-review sheet.
    day.cmd(KeyCode::Char('x'));
    assert_eq!(count_sheets(), 2, "site sheet exported: {}", day.status());

    Counts {
        commands: day.commands,
        document: after_document,
        typed: day.typed,
        digits: day.digits,
    }
}

fn report(what: &str, c: &Counts) {
    println!(
        "{what}: {} command keys ({} to finish the document review, {} for export, site review \
         and export), {} characters of text, {} digits of percents",
        c.commands,
        c.document,
        c.commands - c.document,
        c.typed,
        c.digits
    );
}

#[test]
fn a_full_day_takes_at_most_270_command_keys() {
    let c = run_day(false);
    report("the demo organisation's day", &c);
    assert!(
        c.commands <= MAX_COMMAND_KEYS,
        "{} command keys for the day, the budget is {MAX_COMMAND_KEYS}",
        c.commands
    );
}

/// The same day from nothing (a new applicant: 69 comments, 23 percents, 10 issues to
/// write), within the same budget: 5 keys to add it and open its first item, 3 a comment, 2 an
/// issue, then export, S and Enter, N, 2 an issue on site (n, PgDn) and export.
#[test]
fn the_same_day_from_a_new_applicant_takes_at_most_270_command_keys() {
    let c = run_day(true);
    report("a new applicant's day", &c);
    assert!(
        c.commands <= MAX_COMMAND_KEYS,
        "{} command keys for the day, the budget is {MAX_COMMAND_KEYS}",
        c.commands
    );
}
