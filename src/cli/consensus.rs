//! `scorebook consensus OUT_DIR`: the leader's consensus screen over a merge folder.

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
pub struct ConsensusArgs {
    /// A merge folder written by `scorebook merge`.
    #[arg(value_name = "OUT_DIR")]
    pub dir: PathBuf,
}
