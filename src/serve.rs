//! `diplograph serve`: the SPARQL 1.1 Protocol over the store.

use crate::lexicon::Lexicon;
use std::path::PathBuf;

/// Options of `diplograph serve` (see `cli.rs` for their meaning).
#[derive(Debug, Clone)]
pub struct Options {
    pub store: PathBuf,
    pub bind: String,
    pub update: bool,
    pub timeout: String,
    pub max_results: usize,
    pub cors: Option<String>,
    pub quiet: bool,
}

/// Serves until interrupted; returns the exit code.
pub fn run(_opts: &Options, _lex: Lexicon) -> anyhow::Result<u8> {
    anyhow::bail!("serve is not available in this build")
}
