//! The one test kit: the worlds the unit tests, the integration tests, the benchmarks and the
//! example build their data from. Compiled for the crate's own tests, and for the others through
//! the `testkit` feature (`[dev-dependencies] scorebook = { path = ".", features = ["testkit"] }`);
//! never part of a release build. Nothing outside tests imports it (`tests/house_rules.rs`).
//!
//! | world | what it is | used by |
//! |---|---|---|
//! | [`panel`] | a three-item framework out of 1000, two award tiers, a roster, unsigned sheets | merge, consensus, the consensus screen |
//! | [`report`] | two applicants, four reviewers, every figure worked out by hand | report renderings |
//! | [`sheet`] | a realistic 23-item framework, an applicant with Chinese comments on every item, signed sheets | sheet format tests, sheet benchmark |
//! | [`merged`] | any number of applicants on the embedded catalogue, merged by the real merge | report tests and benchmark |
//! | [`corpus`] | the shipped criteria, applicants × 8 reviewers × versions of signed sheets | merge benchmark, memory example |
//! | [`cli`] | a leader's roster made with the command, a roster forged by a member | CLI tests |

use crate::framework::Framework;
use crate::program::{Catalog, Loaded, Origin, Program, content_hash};

pub mod cli;
pub mod consensus;
pub mod corpus;
pub mod merged;
pub mod panel;
pub mod report;
pub mod reviewer;
pub mod round;
pub mod sheet;

/// A catalogue of one framework and one programme, hashed as loading hashes them; `origin`
/// names the world in messages.
pub fn catalog_of(framework: Framework, program: Program, origin: &'static str) -> Catalog {
    Catalog {
        frameworks: vec![Loaded {
            hash: content_hash(&framework),
            doc: framework,
            origin: Origin::Embedded(origin),
        }],
        programs: vec![Loaded {
            hash: content_hash(&program),
            doc: program,
            origin: Origin::Embedded(origin),
        }],
    }
}
