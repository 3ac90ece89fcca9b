//! Build, sign, check and write a consensus sheet (合议评分表) for one merged applicant.

use std::path::{Path, PathBuf};

use super::panel_dir::{self, consensus_path, load_sheets};
use super::{Error, write_file};
use crate::clock::{Clock, Random, random_id};
use crate::framework::Framework;
use crate::identity::Identity;
use crate::panel::consensus::{
    ConsensusDraft, ConsensusMeta, check_leader_not_recused, consensus_sheet,
};
use crate::panel::{ApplicantResult, check};
use crate::program::Catalog;
use crate::sheet::{ReviewerRef, band_label, sign_sheet};

/// One applicant's consensus as the leader agreed it, and the merge it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct Agreed<'a> {
    pub result: &'a ApplicantResult,
    pub framework: &'a Framework,
    pub draft: &'a ConsensusDraft,
}

/// What a consensus export wrote.
#[derive(Debug, Clone)]
pub struct ExportedConsensus {
    pub path: PathBuf,
    /// Items the leader never confirmed: exported at their starting percent (the median).
    pub unconfirmed: Vec<String>,
}

/// Signs the agreed consensus with the leader's key and writes it into the merge folder `dir`
/// (version = the draft's exported version + 1); returns its path. Refused unless the key is a
/// leader's on the folder's roster and the sheet passes the checks the merge applies.
pub fn export(
    dir: &Path,
    agreed: Agreed<'_>,
    identity: &Identity,
    catalog: &Catalog,
    clock: &dyn Clock,
    random: &dyn Random,
) -> Result<ExportedConsensus, Error> {
    let roster = panel_dir::load_panel_members(dir)?;
    let me = hex::encode(identity.verifying_key().as_bytes());
    if !roster.is_leader(&me) {
        return Err(Error::NotLeader);
    }
    let result = agreed.result;
    // 第二十一条: a leader recused from the applicant does not sign the panel's consensus on it.
    let panel = panel_dir::load_panel(dir)?;
    check_leader_not_recused(&panel, &roster, &me, &result.applicant_id)
        .map_err(Error::LeaderRecused)?;
    let first = &result.sources[..1.min(result.sources.len())];
    let template = load_sheets(dir, first, catalog)?;
    let template = template.first().ok_or(Error::NoSheetsUsed)?;
    let meta = ConsensusMeta {
        leader: ReviewerRef {
            name: identity.name().to_string(),
            public_key: me,
        },
        sheet_id: random_id(random)?,
        created_at: clock.timestamp(),
        version: agreed.draft.exported_version + 1,
    };
    let fw = agreed.framework;
    let sheet = consensus_sheet(agreed.draft, result, fw, template, meta, |p| {
        fw.band_for(p).map(band_label)
    })
    .map_err(Error::Consensus)?;
    let bytes = sign_sheet(&sheet, identity.signing_key()).map_err(Error::Sign)?;
    let path = consensus_path(dir, &result.applicant_id, result.stage);
    // The merge must count what is written: check it the merge's way first.
    check(path.display().to_string(), &bytes, catalog)
        .outcome
        .map_err(Error::ConsensusSelfCheck)?;
    write_file(&path, &bytes, None, true)?;
    Ok(ExportedConsensus {
        path,
        unconfirmed: agreed.draft.unconfirmed(),
    })
}
