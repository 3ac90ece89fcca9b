//! Writes the benchmark panel to disk, or checks it, for measuring the real CLI:
//!
//! ```text
//! cargo run --release --example panel_corpus -- gen DIR [APPLICANTS] [VERSIONS]
//! /usr/bin/time -v target/release/scorebook merge --roster DIR/roster.json DIR/sheets -o DIR/out
//! /usr/bin/time -v target/release/examples/panel_corpus verify DIR   # the floor: read + verify
//! ```

use std::fs;
use std::path::Path;

use scorebook::program::Catalog;
use scorebook::sheet::verify_sheet;

#[path = "../tests/common/panel_corpus.rs"]
mod panel_corpus;

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
        _ => eprintln!("usage: panel_corpus gen DIR [APPLICANTS] [VERSIONS] | verify DIR"),
    }
}
