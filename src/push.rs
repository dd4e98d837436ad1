//! `diplograph push`: article graphs to a remote SPARQL server.

use std::path::PathBuf;

/// Options of `diplograph push` (see `cli.rs` for their meaning).
#[derive(Debug, Clone)]
pub struct Options {
    pub store: PathBuf,
    pub endpoint: String,
    pub update: bool,
    pub graph_prefix: Option<String>,
    pub auth: Option<String>,
    pub batch: usize,
    pub timeout: String,
    pub retries: usize,
    pub quiet: bool,
}

/// Pushes every article graph; returns the exit code.
pub fn run(_opts: &Options) -> anyhow::Result<u8> {
    anyhow::bail!("push is not available in this build")
}
