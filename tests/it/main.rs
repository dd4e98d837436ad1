mod cli;
mod network;
mod pipeline;
mod reliability;
mod score;
mod serve;
mod world;

/// The output of a command that must succeed; its stderr is the failure message.
pub fn succeeded(out: std::process::Output, what: &str) -> std::process::Output {
    assert!(
        out.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}
