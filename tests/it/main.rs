//! The single integration-test binary (one link step on a 2-core CI).

mod cli;
mod pipeline;
mod score;
