//! `diplograph push`: article graphs to a remote SPARQL server.
//!
//! Two ways, both "replace, never duplicate":
//! - Graph Store Protocol (default): `PUT <endpoint>?graph=<IRI>` with the
//!   graph as Turtle, one request per graph (Oxigraph `/store`, Fuseki
//!   `/ds/data`, GraphDB `/repositories/ID/rdf-graphs/service`).
//! - SPARQL Update (`--update`): `DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH
//!   <g> { ... } }`, up to `--batch` graphs and 1000 triples per request; a
//!   bigger graph (the ontology) in several requests (Oxigraph `/update`, Fuseki
//!   `/ds/update`, Virtuoso `/sparql`, Neptune `/sparql`).
//!
//! The ontology graph goes first (the canned queries read country names and
//! codes from it), then every article graph, then the consolidated graph `graph/world`. Failed requests are retried with
//! a growing pause; a graph that still fails is reported and the others go on
//! (exit code 1 at the end). This is the only HTTP client in diplograph: plain
//! `http://` (put TLS in a tunnel or proxy), timeout on connect, read and write.

use crate::store::{Access, Store};
use crate::vocab;
use anyhow::{bail, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use oxhttp::model::{header, Method, Request, StatusCode};
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphNameRef, NamedNode, Term};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

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

/// Namespace of article graph IRIs, the part `--graph-prefix` replaces.
pub const ARTICLE_NS: &str = "https://w3id.org/diplograph/id/article/";

/// The remote name of a local graph: article graphs move under `prefix`, others keep their IRI.
pub fn remote_graph(local: &str, prefix: Option<&str>) -> String {
    match (prefix, local.strip_prefix(ARTICLE_NS)) {
        (Some(p), Some(rest)) => format!("{p}{rest}"),
        _ => local.to_string(),
    }
}

/// RFC 4648 base64 (for HTTP basic authentication).
pub fn base64(input: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for c in input.chunks(3) {
        let b = [c[0], *c.get(1).unwrap_or(&0), *c.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(T[(n >> 18) as usize & 63] as char);
        out.push(T[(n >> 12) as usize & 63] as char);
        out.push(if c.len() > 1 {
            T[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if c.len() > 2 {
            T[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

/// One term in N-Triples syntax, blank nodes renamed apart per graph (`_:g3_b12`).
fn nt_term(t: &Term, scope: usize, out: &mut String) {
    match t {
        Term::BlankNode(b) => {
            let _ = write!(out, "_:g{scope}_{}", b.as_str());
        }
        other => {
            let _ = write!(out, "{other}");
        }
    }
}

/// Most triples in one update request. Virtuoso compiles a whole request into one code
/// vector of at most 32 KB, about 1400 triples; other servers take far more.
pub const CHUNK: usize = 1000;

/// Triples grouped so that triples sharing a blank node stay together (union-find over
/// blank node labels); triples without blank nodes are groups of one. Order is kept.
fn blank_node_groups(quads: &[oxigraph::model::Quad]) -> Vec<Vec<usize>> {
    use std::collections::HashMap;
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    fn label<'a>(b: &'a str, id: &mut HashMap<&'a str, usize>, parent: &mut Vec<usize>) -> usize {
        let n = parent.len();
        let i = *id.entry(b).or_insert(n);
        if i == n {
            parent.push(n);
        }
        i
    }
    let mut id: HashMap<&str, usize> = HashMap::new();
    let mut parent: Vec<usize> = Vec::new();
    let blank_ids: Vec<(Option<usize>, Option<usize>)> = quads
        .iter()
        .map(|q| {
            let s = match &q.subject {
                oxigraph::model::NamedOrBlankNode::BlankNode(b) => {
                    Some(label(b.as_str(), &mut id, &mut parent))
                }
                _ => None,
            };
            let o = match &q.object {
                Term::BlankNode(b) => Some(label(b.as_str(), &mut id, &mut parent)),
                _ => None,
            };
            (s, o)
        })
        .collect();
    for (s, o) in &blank_ids {
        if let (Some(a), Some(b)) = (s, o) {
            let (ra, rb) = (find(&mut parent, *a), find(&mut parent, *b));
            if ra != rb {
                parent[ra] = rb;
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of_root: HashMap<usize, usize> = HashMap::new();
    for (i, (s, o)) in blank_ids.iter().enumerate() {
        match s.or(*o) {
            None => groups.push(vec![i]),
            Some(b) => {
                let r = find(&mut parent, b);
                let g = *group_of_root.entry(r).or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                });
                groups[g].push(i);
            }
        }
    }
    groups
}

/// The update requests that replace one graph: `DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g>
/// { ... } }`, then, for a graph of more than [`CHUNK`] triples, more `INSERT DATA` requests
/// (so such a graph is replaced in steps; push again if one fails). Triples that share a blank
/// node stay in one request (blank node labels are scoped to a request), and a block with blank
/// nodes is written `INSERT { ... } WHERE {}` (Virtuoso refuses blank nodes in INSERT DATA).
/// Returns the requests and the triple count.
pub fn update_for_graph(
    store: &Store,
    local: &str,
    remote: &str,
    scope: usize,
) -> Result<(Vec<String>, usize)> {
    let g = NamedNode::new(local)?;
    let mut quads: Vec<_> = store
        .inner()
        .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref())))
        .collect::<Result<_, _>>()?;
    quads.sort_by_cached_key(|q| {
        (
            q.subject.to_string(),
            q.predicate.to_string(),
            q.object.to_string(),
        )
    });
    let remote = NamedNode::new(remote)?;
    let mut blocks: Vec<Vec<usize>> = vec![Vec::new()];
    for group in blank_node_groups(&quads) {
        let last = blocks.last_mut().expect("one block");
        if !last.is_empty() && last.len() + group.len() > CHUNK {
            blocks.push(group);
        } else {
            last.extend(group);
        }
    }
    let mut requests = Vec::new();
    for (bi, block) in blocks.iter().enumerate() {
        let mut s = String::new();
        if bi == 0 {
            let _ = write!(s, "DROP SILENT GRAPH {remote}");
            if block.is_empty() {
                requests.push(s);
                break;
            }
            s.push_str(" ;\n");
        }
        let blank = block
            .iter()
            .any(|&i| quads[i].subject.is_blank_node() || quads[i].object.is_blank_node());
        let _ = writeln!(
            s,
            "INSERT {}{{ GRAPH {remote} {{",
            if blank { "" } else { "DATA " }
        );
        for &i in block {
            let q = &quads[i];
            nt_term(&q.subject.clone().into(), scope, &mut s);
            let _ = write!(s, " {} ", q.predicate);
            nt_term(&q.object, scope, &mut s);
            s.push_str(" .\n");
        }
        s.push_str(if blank { "} } WHERE {}" } else { "} }" });
        requests.push(s);
    }
    Ok((requests, quads.len()))
}

struct Remote {
    client: oxhttp::Client,
    auth: Option<String>,
    retries: usize,
}

/// What one request ended with.
enum Sent {
    Ok { retried: usize },
    Failed { message: String, retried: usize },
}

impl Remote {
    /// Sends with retries on connection errors, timeouts, 408, 429 and 5xx.
    fn send(&self, method: Method, url: &str, content_type: &str, body: &[u8]) -> Sent {
        let mut retried = 0;
        loop {
            let mut b = Request::builder()
                .method(method.clone())
                .uri(url)
                .header(header::CONTENT_TYPE, content_type);
            if let Some(a) = &self.auth {
                b = b.header(header::AUTHORIZATION, a.as_str());
            }
            let req = match b.body(body.to_vec()) {
                Ok(r) => r,
                Err(e) => {
                    return Sent::Failed {
                        message: format!("bad request for {url}: {e}"),
                        retried,
                    }
                }
            };
            let (retry, message) = match self.client.request(req) {
                Ok(resp) if resp.status().is_success() => return Sent::Ok { retried },
                Ok(resp) => {
                    let status = resp.status();
                    let text = resp.into_body().to_string().unwrap_or_default();
                    let text: String = text.trim().chars().take(300).collect();
                    let hint = match status {
                        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => " (check --auth and that the server allows writes)",
                        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => " (check --endpoint: the Graph Store URL with --gsp, the update URL with --update)",
                        _ => "",
                    };
                    let again = status.is_server_error()
                        || status == StatusCode::TOO_MANY_REQUESTS
                        || status == StatusCode::REQUEST_TIMEOUT;
                    (again, format!("HTTP {status}{hint}: {text}"))
                }
                Err(e) => (e.kind() != std::io::ErrorKind::InvalidInput, e.to_string()),
            };
            if !retry || retried >= self.retries {
                return Sent::Failed { message, retried };
            }
            retried += 1;
            std::thread::sleep(Duration::from_millis(
                500u64.saturating_mul(1 << (retried - 1).min(4)),
            ));
        }
    }
}

/// Counts for the summary.
#[derive(Default)]
struct Tally {
    pushed: usize,
    triples: usize,
    retried: usize,
    requests: usize,
    failures: Vec<String>,
}

/// Sends the collected small graphs in one update request, then empties the batch.
fn send_batch(
    remote: &Remote,
    endpoint: &str,
    batch: &mut Vec<(String, String, usize)>,
    tally: &mut Tally,
    pb: &ProgressBar,
) {
    if batch.is_empty() {
        return;
    }
    let body = batch
        .iter()
        .map(|(_, text, _)| text.as_str())
        .collect::<Vec<_>>()
        .join(" ;\n");
    tally.requests += 1;
    match remote.send(
        Method::POST,
        endpoint,
        "application/sparql-update; charset=utf-8",
        body.as_bytes(),
    ) {
        Sent::Ok { retried } => {
            tally.retried += retried;
            tally.pushed += batch.len();
            tally.triples += batch.iter().map(|b| b.2).sum::<usize>();
        }
        Sent::Failed { message, retried } => {
            tally.retried += retried;
            tally.failures.push(format!(
                "{} graph(s) from {}: {message}",
                batch.len(),
                batch[0].0
            ));
        }
    }
    pb.inc(batch.len() as u64);
    batch.clear();
}

fn gsp_url(endpoint: &str, graph: &str) -> String {
    let sep = if endpoint.contains('?') { '&' } else { '?' };
    format!(
        "{endpoint}{sep}graph={}",
        crate::serve::params::encode(graph)
    )
}

/// Pushes every article graph; returns the exit code.
pub fn run(opts: &Options) -> Result<u8> {
    use crate::commands::UsageError;
    let Some(timeout) = crate::serve::parse_duration(&opts.timeout) else {
        return Err(UsageError(format!(
            "--timeout {:?}: give a duration such as 30s, 2m or 500ms",
            opts.timeout
        ))
        .into());
    };
    let endpoint = opts.endpoint.trim();
    if endpoint.starts_with("https://") {
        return Err(UsageError(format!(
            "--endpoint {endpoint}: this build speaks plain http only; reach an https server through a tunnel or local proxy (e.g. `ssh -L 7879:localhost:7878 host`, then --endpoint http://127.0.0.1:7879/...)"
        ))
        .into());
    }
    if !endpoint.starts_with("http://") || oxhttp::model::Uri::try_from(endpoint).is_err() {
        return Err(UsageError(format!("--endpoint {endpoint:?}: give an http:// URL, e.g. http://127.0.0.1:7878/store (GSP) or http://127.0.0.1:7878/update (--update)")).into());
    }
    if opts.batch == 0 {
        return Err(UsageError("--batch must be at least 1".into()).into());
    }
    if let Some(p) = &opts.graph_prefix {
        if NamedNode::new(format!("{p}x")).is_err() {
            return Err(UsageError(format!(
                "--graph-prefix {p:?} is not an absolute IRI prefix"
            ))
            .into());
        }
    }
    let auth = match &opts.auth {
        None => None,
        Some(a) if a.contains(':') => Some(format!("Basic {}", base64(a.as_bytes()))),
        Some(_) => return Err(UsageError("--auth: give user:password".into()).into()),
    };
    let store = Store::open(&opts.store, Access::Read)?;
    let mut graphs: Vec<String> = Vec::new();
    let ontology = NamedNode::new_unchecked(vocab::ONTOLOGY_GRAPH);
    if store.inner().contains_named_graph(&ontology)? {
        graphs.push(vocab::ONTOLOGY_GRAPH.to_string());
    }
    graphs.extend(store.articles()?);
    // The consolidated layer last: queries on the remote server read it like local ones.
    let world = NamedNode::new_unchecked(vocab::WORLD_GRAPH);
    if graphs.len() > 1 && store.inner().contains_named_graph(&world)? {
        graphs.push(vocab::WORLD_GRAPH.to_string());
    }
    if graphs.is_empty() {
        bail!(
            "store {} has no article graphs to push; run `diplograph build` first",
            store.dir()
        );
    }
    let client = oxhttp::Client::new()
        .with_global_timeout(timeout)
        .with_user_agent(format!("diplograph/{} push", env!("CARGO_PKG_VERSION")))
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let remote = Remote {
        client,
        auth,
        retries: opts.retries,
    };
    let prefix = opts.graph_prefix.as_deref();
    let started = Instant::now();
    let target = if opts.quiet {
        ProgressDrawTarget::hidden()
    } else {
        ProgressDrawTarget::stderr()
    };
    let pb = ProgressBar::with_draw_target(Some(graphs.len() as u64), target);
    pb.set_style(
        ProgressStyle::with_template(
            "{spinner} {msg} [{bar:30}] {pos}/{len} graphs ({per_sec}, {eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    pb.set_message("pushing");
    let mut tally = Tally::default();
    if opts.update {
        // Small graphs: up to --batch of them (and CHUNK triples) per request. A bigger graph: its own requests.
        let mut batch: Vec<(String, String, usize)> = Vec::new();
        for (i, g) in graphs.iter().enumerate() {
            let (parts, n) = update_for_graph(&store, g, &remote_graph(g, prefix), i)?;
            if parts.len() == 1 {
                if batch.len() >= opts.batch || batch.iter().map(|b| b.2).sum::<usize>() + n > CHUNK
                {
                    send_batch(&remote, endpoint, &mut batch, &mut tally, &pb);
                }
                batch.push((g.clone(), parts.into_iter().next().unwrap_or_default(), n));
                continue;
            }
            send_batch(&remote, endpoint, &mut batch, &mut tally, &pb);
            let mut failed = None;
            for (pi, part) in parts.iter().enumerate() {
                tally.requests += 1;
                match remote.send(
                    Method::POST,
                    endpoint,
                    "application/sparql-update; charset=utf-8",
                    part.as_bytes(),
                ) {
                    Sent::Ok { retried } => tally.retried += retried,
                    Sent::Failed { message, retried } => {
                        tally.retried += retried;
                        failed = Some(format!("{g} (request {} of {}; the remote graph is incomplete, push again): {message}", pi + 1, parts.len()));
                        break;
                    }
                }
            }
            match failed {
                None => {
                    tally.pushed += 1;
                    tally.triples += n;
                }
                Some(f) => tally.failures.push(f),
            }
            pb.inc(1);
        }
        send_batch(&remote, endpoint, &mut batch, &mut tally, &pb);
    } else {
        for g in &graphs {
            let mut body = Vec::new();
            let n = store.export(RdfFormat::Turtle, Some(g), &mut body)?;
            tally.requests += 1;
            match remote.send(
                Method::PUT,
                &gsp_url(endpoint, &remote_graph(g, prefix)),
                "text/turtle; charset=utf-8",
                &body,
            ) {
                Sent::Ok { retried: r } => {
                    tally.retried += r;
                    tally.pushed += 1;
                    tally.triples += n;
                }
                Sent::Failed {
                    message,
                    retried: r,
                } => {
                    tally.retried += r;
                    tally.failures.push(format!("{g}: {message}"));
                }
            }
            pb.inc(1);
        }
    }
    pb.finish_and_clear();
    for f in &tally.failures {
        eprintln!("error: {f}");
    }
    if !opts.quiet {
        eprintln!(
            "pushed {} of {} graphs ({} triples) to {endpoint} by {} in {} requests, {} retries, {:.2}s; {} failed",
            tally.pushed,
            graphs.len(),
            tally.triples,
            if opts.update { "SPARQL Update" } else { "Graph Store PUT" },
            tally.requests,
            tally.retried,
            started.elapsed().as_secs_f64(),
            graphs.len() - tally.pushed
        );
    }
    Ok(if tally.failures.is_empty() { 0 } else { 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_rfc4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(b"user:pa ss"), "dXNlcjpwYSBzcw==");
    }

    #[test]
    fn graph_prefix_moves_articles_only() {
        assert_eq!(
            remote_graph(&format!("{ARTICLE_NS}x-1"), Some("http://ex.org/g/")),
            "http://ex.org/g/x-1"
        );
        assert_eq!(
            remote_graph(vocab::ONTOLOGY_GRAPH, Some("http://ex.org/g/")),
            vocab::ONTOLOGY_GRAPH
        );
        assert_eq!(remote_graph("http://a/b", None), "http://a/b");
    }
}
