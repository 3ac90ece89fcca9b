//! Writes the benchmark panel to disk, or checks it, for measuring the real CLI:
//!
//! ```text
//! cargo run --release --example panel_corpus -- gen DIR [APPLICANTS] [VERSIONS]
//! /usr/bin/time -v target/release/scorebook merge --roster DIR/roster.json DIR/sheets -o DIR/out
//! cargo run --release --example panel_corpus -- gen-round DIR [APPLICANTS] [VERSIONS]
//! /usr/bin/time -v target/release/scorebook merge --round DIR/round.json DIR/sheets -o DIR/out
//! /usr/bin/time -v target/release/examples/panel_corpus verify DIR   # the floor: read + verify
//! ```

// A program of its own: it reads its own argv (clippy.toml keeps the library's to main).
#![allow(clippy::disallowed_methods)]

use std::fs;
use std::path::Path;

use std::time::{Duration, Instant};

use scorebook::panel::merge::merge_round_checked;
use scorebook::panel::round::check_input;
use scorebook::panel::{MergeOptions, check, merge_checked};
use scorebook::program::Catalog;
use scorebook::sheet::verify_sheet;

use scorebook::testkit::corpus as panel_corpus;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("gen") if args.len() >= 2 => {
            let dir = Path::new(&args[1]);
            let applicants = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(50);
            let versions = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(25);
            fs::create_dir_all(dir.join("sheets")).unwrap();
            fs::write(dir.join("roster.json"), panel_corpus::roster().1).unwrap();
            let mut n = 0;
            panel_corpus::sheets(applicants, versions, |p, b| {
                fs::write(dir.join("sheets").join(p), b).unwrap();
                n += 1;
            });
            println!("{n} sheets written to {}", dir.join("sheets").display());
        }
        // The same panel made for a signed round (评审轮次): round.json and sheets that carry it.
        Some("gen-round") if args.len() >= 2 => {
            let dir = Path::new(&args[1]);
            let applicants = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(50);
            let versions = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(25);
            fs::create_dir_all(dir.join("sheets")).unwrap();
            let (round, bytes) = panel_corpus::round(applicants);
            fs::write(dir.join("round.json"), bytes).unwrap();
            let mut n = 0;
            panel_corpus::sheets_in(Some(&round.round_ref()), applicants, versions, |p, b| {
                fs::write(dir.join("sheets").join(p), b).unwrap();
                n += 1;
            });
            println!("{n} sheets written to {}", dir.join("sheets").display());
        }
        Some("verify") if args.len() >= 2 => {
            let catalog = Catalog::embedded();
            let mut ok = 0;
            let mut total = 0;
            for e in fs::read_dir(Path::new(&args[1]).join("sheets")).unwrap() {
                let bytes = fs::read(e.unwrap().path()).unwrap();
                total += 1;
                ok += usize::from(verify_sheet(&bytes, &catalog, None).is_ok());
            }
            println!("{ok} of {total} sheets verify");
        }
        Some("time") if args.len() >= 2 => time(Path::new(&args[1])),
        _ => {
            eprintln!(
                "usage: panel_corpus gen|gen-round DIR [APPLICANTS] [VERSIONS] | verify DIR | time DIR"
            )
        }
    }
}

/// CPU time of this thread (user + system), from /proc: wall time on a shared machine measures
/// the neighbours as much as the code. Linux only; None elsewhere.
fn cpu_time() -> Option<Duration> {
    let stat = fs::read_to_string("/proc/thread-self/stat").ok()?;
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    let f: Vec<&str> = rest.split(' ').collect();
    // After the command: state is field 3, utime 14, stime 15 → indexes 11 and 12 here.
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// The files in memory, then verify-only and merge passes interleaved five times each, timed
/// in wall and in CPU time; the minimum of each is the figure least disturbed by other work.
/// With `DIR/round.json` (from `gen-round`) the merge runs against the round, coverage and
/// shortlist included.
fn time(dir: &Path) {
    let catalog = Catalog::embedded();
    let roster = panel_corpus::roster().0;
    let round_file = fs::read(dir.join("round.json"))
        .ok()
        .map(|b| scorebook::round::verify_round(&b).unwrap());
    let files: Vec<(String, Vec<u8>)> = fs::read_dir(dir.join("sheets"))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (p.display().to_string(), fs::read(&p).unwrap())
        })
        .collect();
    let (mut verify, mut merge) = (Duration::MAX, Duration::MAX);
    let (mut verify_cpu, mut merge_cpu) = (Duration::MAX, Duration::MAX);
    for round in 0..5 {
        let c0 = cpu_time().unwrap_or_default();
        let t = Instant::now();
        let ok = files
            .iter()
            .filter(|(_, b)| verify_sheet(b, &catalog, None).is_ok())
            .count();
        let v = t.elapsed();
        let c1 = cpu_time().unwrap_or_default();
        let t = Instant::now();
        let r = match &round_file {
            Some(round) => merge_round_checked(
                files
                    .iter()
                    .map(|(p, b)| check_input(p.clone(), b, &catalog)),
                round,
                &catalog,
                &MergeOptions::default(),
                None,
            ),
            None => merge_checked(
                files.iter().map(|(p, b)| check(p.clone(), b, &catalog)),
                &roster,
                &catalog,
                &MergeOptions::default(),
            ),
        };
        let m = t.elapsed();
        let c2 = cpu_time().unwrap_or_default();
        println!(
            "round {round}: verify {ok} in {:.2} s wall / {:.2} s cpu, merge {} results in {:.2} s wall / {:.2} s cpu",
            v.as_secs_f64(),
            (c1 - c0).as_secs_f64(),
            r.results.len(),
            m.as_secs_f64(),
            (c2 - c1).as_secs_f64()
        );
        verify = verify.min(v);
        merge = merge.min(m);
        verify_cpu = verify_cpu.min(c1 - c0);
        merge_cpu = merge_cpu.min(c2 - c1);
    }
    println!(
        "min wall: verify {:.2} s, merge {:.2} s, ratio {:.3}",
        verify.as_secs_f64(),
        merge.as_secs_f64(),
        merge.as_secs_f64() / verify.as_secs_f64()
    );
    println!(
        "min cpu:  verify {:.2} s, merge {:.2} s, ratio {:.3}",
        verify_cpu.as_secs_f64(),
        merge_cpu.as_secs_f64(),
        merge_cpu.as_secs_f64() / verify_cpu.as_secs_f64()
    );
}
