//! The leader's consensus screens over a panel merged by the real merge ([`super::merged`]):
//! the app's model opened on the heat map, for the consensus screen tests and the heat map
//! benchmark.

use crate::lang::Lang;
use crate::panel::consensus::ConsensusDraft;
use crate::panel::heat::heat_map;
use crate::program::Catalog;
use crate::sheet::DocumentKind;
use crate::tui::consensus::model::{Consensus, Panel, SynthesisTexts};
use crate::tui::keymap::KeyMap;
use crate::tui::model::{Model, Screen};

/// `applicants` applicants scored by `members` reviewers on the embedded catalog's full
/// framework, each with a fresh consensus draft: the model `scorebook consensus OUT` opens.
pub fn consensus_model(lang: Lang, applicants: usize, members: usize) -> Model {
    let catalog = Catalog::embedded();
    let (merged, framework) = super::merged::merged(&catalog, applicants, members);
    let panels = merged
        .results
        .iter()
        .map(|r| {
            let sheets: Vec<_> = merged
                .sheets
                .iter()
                .filter(|s| {
                    s.kind == DocumentKind::ScoreSheet
                        && s.applicant.id == r.applicant_id
                        && s.stage == r.stage
                })
                .collect();
            Panel {
                result: r.clone(),
                framework: framework.clone(),
                draft: ConsensusDraft::start(r, &sheets, framework.percent_step),
                heat: heat_map(&merged, r, &framework),
                // As `scorebook consensus` opens it: a site-stage applicant's inputs.
                synthesis: (r.stage == crate::review::Stage::SiteReview)
                    .then(SynthesisTexts::default),
            }
        })
        .collect();
    let mut m = Model::new(lang, catalog.clone(), KeyMap::default());
    m.consensus = Some(Box::new(Consensus::new(panels)));
    m.screen = Screen::HeatMap;
    m
}
