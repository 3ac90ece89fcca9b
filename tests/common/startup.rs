//! The start-time world (issue 11, "Speed"): a home with 50 applicants scored on the embedded
//! GB/T 19580 (the demo's review under other names and ids) and a reviewer's name, so the app
//! opens straight onto the applicants screen. Shared by `tests/e2e_startup.rs`, the render
//! benchmark and the seal benchmark (which encrypts it, issue 13).

use std::path::Path;

use scorebook::program::Catalog;
use scorebook::review::ConflictDeclaration;
use scorebook::review::demo::demo_applicant;
use scorebook::workspace::{Config, Workspace};

const NOW: &str = "2026-01-01T00:00:00Z";

/// Writes the 50 applicants and the config into `home`.
pub(crate) fn fifty_applicants(home: &Path) {
    let (mut ws, _) = Workspace::open(home).unwrap();
    let catalog = Catalog::embedded();
    let hash = catalog.framework("gbt19580-2012").unwrap().hash.clone();
    for i in 1..=50 {
        let mut a = demo_applicant(&hash, NOW).unwrap();
        a.id = format!("A{i}").into();
        a.name = format!("金山第{i}申报单位有限公司");
        a.demo = false;
        a.conflict = ConflictDeclaration::NoConflict {
            declared_at: NOW.into(),
        };
        ws.save_applicant(&a).unwrap();
    }
    ws.save_config(&Config {
        reviewer_name: Some("张三".into()),
        ..Config::default()
    })
    .unwrap();
}
