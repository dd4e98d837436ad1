//! SPARQL query and update evaluation under the server's guards: a slot of
//! the concurrent-query limit, a deadline that cancels evaluation through a
//! `CancellationToken`, and the result cap.
//!
//! Evaluation runs on a worker thread and writes the whole (capped) answer
//! into memory, so a timeout or a failure half-way still gets a proper status
//! line instead of a cut-off 200. The worker keeps its slot until it has
//! really stopped, so runaway queries cannot pile up past the limit.

use super::negotiate;
use super::{error, Service};
use oxhttp::model::{header, Body, Request, Response, StatusCode};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{
    CancellationToken, PreparedSparqlQuery, PreparedSparqlUpdate, QueryEvaluationError,
    QueryResults, SparqlEvaluator, UpdateEvaluationError,
};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Response header announcing the result cap on every query answer.
pub const LIMIT_HEADER: &str = "result-limit";
/// Response header present (value `true`) when the cap cut the answer short.
pub const TRUNCATED_HEADER: &str = "result-truncated";

/// The concurrent-query limit: a counting semaphore that refuses instead of waiting.
pub struct Slots {
    used: AtomicUsize,
    pub(super) max: usize,
}

/// One taken slot; given back when dropped (also when a worker panics).
pub struct Permit(Arc<Slots>);

impl Slots {
    pub fn new(max: usize) -> Arc<Self> {
        Arc::new(Slots {
            used: AtomicUsize::new(0),
            max: max.max(1),
        })
    }

    pub fn try_take(self: &Arc<Self>) -> Option<Permit> {
        self.used
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < self.max).then_some(n + 1)
            })
            .ok()
            .map(|_| Permit(Arc::clone(self)))
    }

    pub fn in_use(&self) -> usize {
        self.used.load(Ordering::Acquire)
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        self.0.used.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Why an evaluation gave no answer.
#[derive(Debug)]
pub enum Failure {
    /// The deadline passed (the token was cancelled).
    Timeout,
    /// The query form has no format the client accepts.
    NotAcceptable(&'static str),
    /// Refused by policy: SERVICE, LOAD <url>.
    Refused(String),
    /// The request was wrong in a way only evaluation shows (e.g. CREATE of an existing graph).
    Bad(String),
    /// Anything else.
    Failed(String),
}

impl Failure {
    fn from_query(e: QueryEvaluationError) -> Failure {
        match e {
            QueryEvaluationError::Cancelled => Failure::Timeout,
            QueryEvaluationError::UnsupportedService(_)
            | QueryEvaluationError::Service(_)
            | QueryEvaluationError::UnboundService
            | QueryEvaluationError::InvalidServiceName(_) => {
                Failure::Refused(format!("SERVICE (federated query) is disabled on this endpoint; it never contacts other servers ({e})"))
            }
            other => Failure::Failed(format!("query failed: {other}")),
        }
    }

    fn from_update(e: UpdateEvaluationError) -> Failure {
        let message = e.to_string();
        match e {
            UpdateEvaluationError::UnsupportedService(_)
            | UpdateEvaluationError::Service(_)
            | UpdateEvaluationError::UnboundService
            | UpdateEvaluationError::InvalidServiceName(_) => {
                Failure::Refused(format!("SERVICE (federated query) is disabled on this endpoint; it never contacts other servers ({message})"))
            }
            UpdateEvaluationError::GraphAlreadyExists(_) | UpdateEvaluationError::GraphDoesNotExist(_) => Failure::Bad(message),
            _ if message.contains("HTTP client is not available") => {
                Failure::Refused("LOAD <url> is disabled on this endpoint; it never fetches remote data (load files with POST /store or PUT /store?graph=IRI)".into())
            }
            _ if message.contains("cancelled") => Failure::Timeout,
            _ => Failure::Failed(format!("update failed: {message}")),
        }
    }
}

/// A finished answer.
pub struct Output {
    pub body: Vec<u8>,
    pub content_type: &'static str,
    pub rows: usize,
    pub truncated: bool,
    pub limited: bool,
}

/// What a query request asks for.
#[derive(Debug, Default)]
pub struct QueryRequest {
    pub query: String,
    pub default_graphs: Vec<String>,
    pub named_graphs: Vec<String>,
}

/// What an update request asks for.
#[derive(Debug, Default)]
pub struct UpdateRequest {
    pub update: String,
    pub using_graphs: Vec<String>,
    pub using_named_graphs: Vec<String>,
}

fn iris(list: &[String], what: &str) -> Result<Vec<NamedNode>, String> {
    list.iter()
        .map(|s| {
            NamedNode::new(s.as_str())
                .map_err(|e| format!("{what} {s:?} is not an absolute IRI: {e}"))
        })
        .collect()
}

impl Service {
    /// Runs `job` on a worker thread that owns `permit`; waits until the deadline, then cancels.
    fn timed<T: Send + 'static>(
        &self,
        token: &CancellationToken,
        permit: Permit,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Failure> {
        let (tx, rx) = mpsc::sync_channel(1);
        let spawned = std::thread::Builder::new()
            .name("diplograph-sparql".into())
            .stack_size(crate::commands::WORKER_STACK)
            .spawn(move || {
                let out = job();
                drop(permit);
                let _ = tx.send(out);
            });
        if let Err(e) = spawned {
            return Err(Failure::Failed(format!(
                "cannot start an evaluation thread: {e}"
            )));
        }
        match rx.recv_timeout(self.config.timeout) {
            Ok(out) => Ok(out),
            Err(RecvTimeoutError::Timeout) => {
                token.cancel();
                // Give the evaluation a moment to notice, so the slot is usually free again when we answer.
                let _ = rx.recv_timeout(Duration::from_secs(2));
                Err(Failure::Timeout)
            }
            Err(RecvTimeoutError::Disconnected) => Err(Failure::Failed(
                "the evaluation stopped unexpectedly (a defect; see the server log)".into(),
            )),
        }
    }

    /// Answers a SPARQL query request.
    pub(super) fn query(&self, req: &Request<Body>, q: QueryRequest) -> Response<Body> {
        let accept = super::params::header(req, header::ACCEPT);
        let results = negotiate::choose(accept, negotiate::RESULTS);
        let graphs = negotiate::choose(accept, negotiate::GRAPHS);
        if results.is_none() && graphs.is_none() {
            return not_acceptable(
                "any query",
                &format!(
                    "{}, {}",
                    negotiate::offered(negotiate::RESULTS),
                    negotiate::offered(negotiate::GRAPHS)
                ),
            );
        }
        if let Err(e) = crate::query_limits::check(&q.query) {
            return error(
                StatusCode::BAD_REQUEST,
                format!("SPARQL query refused: {e}"),
            );
        }
        let token = CancellationToken::new();
        let Some(permit) = self.slots.try_take() else {
            return busy(self.slots.max);
        };
        let store = self.store.inner().clone();
        let max = self.config.max_results;
        let deadline = Instant::now() + self.config.timeout;
        let t = token.clone();
        // Parsing, too, happens on the worker's large stack and under the deadline.
        let outcome = self
            .timed(&token, permit, move || {
                let mut prepared = SparqlEvaluator::new()
                    .with_cancellation_token(t.clone())
                    .parse_query(&q.query)
                    .map_err(|e| Failure::Bad(format!("SPARQL syntax error: {e}")))?;
                set_dataset(&mut prepared, &q).map_err(Failure::Bad)?;
                evaluate(&store, prepared, results, graphs, max, deadline, &t)
            })
            .and_then(|r| r);
        match outcome {
            Ok(out) => {
                let mut b = Response::builder()
                    .status(StatusCode::OK)
                    .header(header::CONTENT_TYPE, out.content_type);
                if out.limited {
                    b = b.header(LIMIT_HEADER, max.to_string());
                }
                if out.truncated {
                    b = b.header(TRUNCATED_HEADER, "true");
                }
                b.header("result-rows", out.rows.to_string())
                    .body(Body::from(out.body))
                    .unwrap_or_else(|_| internal())
            }
            Err(f) => self.failure(f),
        }
    }

    /// Answers a SPARQL update request (the caller has checked --update and the method).
    pub(super) fn update(&self, u: UpdateRequest) -> Response<Body> {
        if let Err(e) = crate::query_limits::check(&u.update) {
            return error(
                StatusCode::BAD_REQUEST,
                format!("SPARQL update refused: {e}"),
            );
        }
        let token = CancellationToken::new();
        let Some(permit) = self.slots.try_take() else {
            return busy(self.slots.max);
        };
        let store = self.store.inner().clone();
        let writer = Arc::clone(&self.writer);
        let deadline = Instant::now() + self.config.timeout;
        let t = token.clone();
        let outcome = self
            .timed(&token, permit, move || {
                let mut prepared = SparqlEvaluator::new()
                    .with_cancellation_token(t)
                    .parse_update(&u.update)
                    .map_err(|e| Failure::Bad(format!("SPARQL syntax error: {e}")))?;
                set_using(&mut prepared, &u).map_err(Failure::Bad)?;
                let _w = writer.lock().unwrap_or_else(|e| e.into_inner());
                if Instant::now() > deadline {
                    return Err(Failure::Timeout);
                }
                prepared
                    .on_store(&store)
                    .execute()
                    .map_err(Failure::from_update)
            })
            .and_then(|r| r);
        match outcome {
            Ok(()) => Response::builder()
                .status(StatusCode::NO_CONTENT)
                .body(Body::empty())
                .unwrap_or_else(|_| internal()),
            Err(f) => self.failure(f),
        }
    }

    fn failure(&self, f: Failure) -> Response<Body> {
        match f {
            Failure::Timeout => error(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "query timed out after {} and was stopped; narrow it (more specific patterns, LIMIT) or start serve with a longer --timeout",
                    super::show_duration(self.config.timeout)
                ),
            ),
            Failure::NotAcceptable(kind) => match kind {
                "graph" => not_acceptable("CONSTRUCT and DESCRIBE", &negotiate::offered(negotiate::GRAPHS)),
                _ => not_acceptable("SELECT and ASK", &negotiate::offered(negotiate::RESULTS)),
            },
            Failure::Refused(m) | Failure::Bad(m) => error(StatusCode::BAD_REQUEST, m),
            Failure::Failed(m) => error(StatusCode::INTERNAL_SERVER_ERROR, m),
        }
    }
}

/// The default graph is the union of all graphs, as in `diplograph query`, unless the request names graphs.
fn set_dataset(prepared: &mut PreparedSparqlQuery, q: &QueryRequest) -> Result<(), String> {
    if q.default_graphs.is_empty() && q.named_graphs.is_empty() {
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        return Ok(());
    }
    let default = iris(&q.default_graphs, "default-graph-uri")?;
    let named = iris(&q.named_graphs, "named-graph-uri")?;
    let ds = prepared.dataset_mut();
    ds.set_default_graph(default.into_iter().map(GraphName::NamedNode).collect());
    if !named.is_empty() {
        ds.set_available_named_graphs(named.into_iter().map(NamedOrBlankNode::NamedNode).collect());
    }
    Ok(())
}

fn set_using(prepared: &mut PreparedSparqlUpdate, u: &UpdateRequest) -> Result<(), String> {
    if u.using_graphs.is_empty() && u.using_named_graphs.is_empty() {
        return Ok(());
    }
    let default = iris(&u.using_graphs, "using-graph-uri")?;
    let named = iris(&u.using_named_graphs, "using-named-graph-uri")?;
    for ds in prepared.using_datasets_mut() {
        if !ds.is_default_dataset() {
            return Err("using-graph-uri/using-named-graph-uri and a USING clause in the update cannot be combined".into());
        }
        ds.set_default_graph(default.iter().cloned().map(GraphName::NamedNode).collect());
        if !named.is_empty() {
            ds.set_available_named_graphs(
                named
                    .iter()
                    .cloned()
                    .map(NamedOrBlankNode::NamedNode)
                    .collect(),
            );
        }
    }
    Ok(())
}

fn io(e: impl std::fmt::Display) -> Failure {
    Failure::Failed(format!("writing the results failed: {e}"))
}

/// Evaluates and serializes, at most `max` rows or triples, checking the deadline per row.
fn evaluate(
    store: &oxigraph::store::Store,
    prepared: PreparedSparqlQuery,
    results: Option<QueryResultsFormat>,
    graphs: Option<RdfFormat>,
    max: usize,
    deadline: Instant,
    token: &CancellationToken,
) -> Result<Output, Failure> {
    let late = || {
        if Instant::now() > deadline {
            token.cancel();
            true
        } else {
            false
        }
    };
    match prepared
        .on_store(store)
        .execute()
        .map_err(Failure::from_query)?
    {
        QueryResults::Boolean(b) => {
            let f = results.ok_or(Failure::NotAcceptable("results"))?;
            let mut body = Vec::new();
            QueryResultsSerializer::from_format(f)
                .serialize_boolean_to_writer(&mut body, b)
                .map_err(io)?;
            Ok(Output {
                body,
                content_type: f.media_type(),
                rows: 1,
                truncated: false,
                limited: false,
            })
        }
        QueryResults::Solutions(solutions) => {
            let f = results.ok_or(Failure::NotAcceptable("results"))?;
            let mut body = Vec::new();
            let mut w = QueryResultsSerializer::from_format(f)
                .serialize_solutions_to_writer(&mut body, solutions.variables().to_vec())
                .map_err(io)?;
            let (mut rows, mut truncated) = (0usize, false);
            for s in solutions {
                if late() {
                    return Err(Failure::Timeout);
                }
                let s = s.map_err(Failure::from_query)?;
                if rows == max {
                    truncated = true;
                    break;
                }
                w.serialize(&s).map_err(io)?;
                rows += 1;
            }
            w.finish().map_err(io)?;
            Ok(Output {
                body,
                content_type: f.media_type(),
                rows,
                truncated,
                limited: true,
            })
        }
        QueryResults::Graph(triples) => {
            let f = graphs.ok_or(Failure::NotAcceptable("graph"))?;
            let mut body = Vec::new();
            let mut ser = RdfSerializer::from_format(f);
            for (p, iri) in crate::vocab::PREFIXES {
                ser = ser.with_prefix(*p, *iri).map_err(io)?;
            }
            let mut w = ser.for_writer(&mut body);
            let (mut rows, mut truncated) = (0usize, false);
            for t in triples {
                if late() {
                    return Err(Failure::Timeout);
                }
                let t = t.map_err(Failure::from_query)?;
                if rows == max {
                    truncated = true;
                    break;
                }
                w.serialize_triple(&t).map_err(io)?;
                rows += 1;
            }
            w.finish().map_err(io)?;
            Ok(Output {
                body,
                content_type: f.media_type(),
                rows,
                truncated,
                limited: true,
            })
        }
    }
}

fn internal() -> Response<Body> {
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "cannot build the response".into(),
    )
}

pub(super) fn not_acceptable(what: &str, offered: &str) -> Response<Body> {
    error(StatusCode::NOT_ACCEPTABLE, format!("no format the client accepts (Accept header) for {what}; this endpoint offers {offered}"))
}

pub(super) fn busy(max: usize) -> Response<Body> {
    let mut r = error(
        StatusCode::SERVICE_UNAVAILABLE,
        format!("server busy: {max} queries are already running; retry shortly"),
    );
    r.headers_mut()
        .insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
    r
}
