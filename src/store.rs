//! The Oxigraph store on disk: the only module that writes it.
//!
//! One article is one transaction (clear its graph, insert its quads, update
//! the article index), so a failed ingest leaves the store as it was and a
//! re-ingest replaces, never duplicates. Writers hold an exclusive OS lock on
//! `<store>/diplograph.lock`, readers a shared one.

use crate::lexicon::SourceFile;
use crate::vocab::{self, ONTOLOGY_GRAPH};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, Quad, QuadRef, Term,
};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Version of the store layout; a newer store is refused.
pub const FORMAT_VERSION: u32 = 2;

/// Stores of an older format lack the consolidated layer (`graph/world`, format 2) and are refused.
pub const OLDEST_READABLE: u32 = 2;

/// The lock file inside a store directory.
pub const LOCK_FILE: &str = "diplograph.lock";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store {dir} is busy: {holder}. Wait for it to finish (or stop it) and run this again, or use another --store")]
    Busy { dir: String, holder: String },
    #[error("no store at {dir}; run `diplograph build` first or pass --store")]
    Missing { dir: String },
    #[error("{dir} is not a diplograph store (it holds other files); pass a new or empty directory to --store")]
    Foreign { dir: String },
    #[error("store {dir} was written by a newer diplograph (store format {found}; this diplograph {} reads format {FORMAT_VERSION} and older); upgrade diplograph, or use a backup made by this version", env!("CARGO_PKG_VERSION"))]
    TooNew { dir: String, found: u32 },
    #[error("store {dir} has store format {found}, made by an older diplograph without the consolidated graph <https://w3id.org/diplograph/graph/world>; rebuild it from the same inputs: `mv {dir} {dir}.old && diplograph build INPUTS --store {dir}`")]
    TooOld { dir: String, found: u32 },
    #[error("store {dir}: {message}")]
    Storage { dir: String, message: String },
    #[error("{0}")]
    Query(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// A SPARQL syntax error, with its position when Oxigraph gives one.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct SyntaxError {
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Write,
    Read,
}

pub struct Store {
    db: oxigraph::store::Store,
    dir: String,
    _lock: Option<File>,
}

/// Counts for the build summary.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    pub articles: usize,
    pub triples: usize,
    pub persons: usize,
    pub events: usize,
    pub documents: usize,
    pub trade_figures: usize,
}

fn nn(s: &str) -> NamedNode {
    NamedNode::new_unchecked(s)
}

fn storage(dir: &str, e: impl std::fmt::Display) -> StoreError {
    let message = e.to_string();
    // RocksDB's own lock, reached when something other than diplograph (e.g. an
    // `oxigraph serve` on the same directory) holds the database:
    // "IO error: While lock file: <dir>/LOCK: Resource temporarily unavailable",
    // or "lock hold by current process" within one process.
    if message.contains("LOCK") && message.contains("lock") {
        return StoreError::Busy {
            dir: dir.to_string(),
            holder: "another program has the database open (RocksDB's LOCK is taken; an `oxigraph` server or another tool on the same directory?)".into(),
        };
    }
    StoreError::Storage {
        dir: dir.to_string(),
        message,
    }
}

/// Who holds the store, as recorded by the writer in the lock file.
fn holder_of(lock: &Path) -> String {
    let text = std::fs::read_to_string(lock).unwrap_or_default();
    match text.lines().next().map(str::trim).filter(|l| !l.is_empty()) {
        Some(line) => format!("it is being written by {line}"),
        None => "it is being written by another diplograph process (build or serve)".into(),
    }
}

/// Takes the OS lock on `<dir>/diplograph.lock`: exclusive for writers, shared for readers.
/// The kernel releases it when the process dies, so a crash never leaves a stale lock.
fn take_lock(dir: &Path, d: &str, access: Access) -> Result<File, StoreError> {
    let path = dir.join(LOCK_FILE);
    let file = match access {
        Access::Write => File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .read(true)
            .open(&path),
        // A reader needs no write permission: flock works on a read-only descriptor.
        Access::Read => File::open(&path),
    }
    .map_err(|e| StoreError::Storage {
        dir: d.to_string(),
        message: format!("cannot open {}: {e}", path.display()),
    })?;
    let locked = match access {
        Access::Write => file.try_lock(),
        Access::Read => file.try_lock_shared(),
    };
    match locked {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let holder = match access {
                // Refused as a writer: if a shared lock can be had, only readers hold it.
                Access::Write if file.try_lock_shared().is_ok() => {
                    let _ = file.unlock();
                    "a reader (query, export, network, backup or push) has it open".to_string()
                }
                _ => holder_of(&path),
            };
            return Err(StoreError::Busy {
                dir: d.to_string(),
                holder,
            });
        }
        Err(std::fs::TryLockError::Error(e)) => {
            return Err(StoreError::Storage {
                dir: d.to_string(),
                message: format!("cannot lock {}: {e}", path.display()),
            })
        }
    }
    if access == Access::Write {
        // Say who writes, for the message another process gets. Only the exclusive holder writes here.
        let cmd: Vec<String> = std::env::args()
            .map(|a| a.chars().take(200).collect())
            .collect();
        let line = format!(
            "`{}` (pid {}, since {})\n",
            cmd.join(" "),
            std::process::id(),
            jiff::Timestamp::now()
                .round(jiff::Unit::Second)
                .map(|t| t.to_string())
                .unwrap_or_default()
        );
        let mut f = &file;
        let _ = f.set_len(0).and_then(|_| f.write_all(line.as_bytes()));
    }
    Ok(file)
}

/// A test-only fault: `DIPLOGRAPH_FAULT=abort-before-commit:N` aborts the process
/// (as abruptly as `kill -9`: no unwinding, no destructors) after the N-th graph
/// transaction of this process (an article, or the ontology when it changed) is
/// staged and before it commits. Used by the crash-safety tests.
fn fault_before_commit() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::OnceLock;
    static AT: OnceLock<Option<usize>> = OnceLock::new();
    static SEEN: AtomicUsize = AtomicUsize::new(0);
    let at = AT.get_or_init(|| {
        std::env::var("DIPLOGRAPH_FAULT").ok().and_then(|v| {
            v.strip_prefix("abort-before-commit:")
                .and_then(|n| n.parse().ok())
        })
    });
    if let Some(n) = at {
        if SEEN.fetch_add(1, Ordering::SeqCst) + 1 == *n {
            std::process::abort();
        }
    }
}

impl Store {
    /// Opens (creating for writers) the store in `dir`.
    pub fn open(dir: &Path, access: Access) -> Result<Self, StoreError> {
        let d = dir.display().to_string();
        let is_store = dir.join(LOCK_FILE).exists() || dir.join("CURRENT").exists();
        match access {
            Access::Read if !dir.join(LOCK_FILE).exists() || !dir.join("CURRENT").exists() => {
                return Err(StoreError::Missing { dir: d });
            }
            Access::Write if !is_store && dir.is_dir() => {
                // Never scatter database files into a folder of articles given by mistake.
                let mut entries = std::fs::read_dir(dir).map_err(|e| storage(&d, e))?;
                if entries.next().is_some() {
                    return Err(StoreError::Foreign { dir: d });
                }
            }
            _ => {}
        }
        if access == Access::Write {
            std::fs::create_dir_all(dir).map_err(|e| storage(&d, e))?;
        }
        let lock = take_lock(dir, &d, access)?;
        let db = match access {
            Access::Write => oxigraph::store::Store::open(dir),
            Access::Read => oxigraph::store::Store::open_read_only(dir),
        }
        .map_err(|e| storage(&d, e))?;
        let store = Store {
            db,
            dir: d,
            _lock: Some(lock),
        };
        store.check_version(access)?;
        Ok(store)
    }

    /// A throwaway in-memory store.
    pub fn memory() -> Result<Self, StoreError> {
        let db = oxigraph::store::Store::new().map_err(|e| storage("(memory)", e))?;
        let s = Store {
            db,
            dir: "(memory)".into(),
            _lock: None,
        };
        s.check_version(Access::Write)?;
        Ok(s)
    }

    /// The store format version recorded in the store, if any.
    pub fn format_version(&self) -> Option<u32> {
        let meta = self.meta();
        let p = nn(&vocab::dg("formatVersion"));
        self.db
            .quads_for_pattern(
                Some(meta.as_ref().into()),
                Some(p.as_ref()),
                None,
                Some(GraphNameRef::NamedNode(meta.as_ref())),
            )
            .filter_map(Result::ok)
            .filter_map(|q| match q.object {
                Term::Literal(l) => l.value().parse::<u32>().ok(),
                _ => None,
            })
            .max()
    }

    /// Copies the store into `target` (a new directory) as a consistent snapshot:
    /// a RocksDB checkpoint, hard links when on the same file system. The copy is
    /// a complete store, usable with `--store`. Built under a temporary name,
    /// checked (same number of quads) and renamed, so an interrupted or short
    /// backup never looks like a finished one.
    ///
    /// Open the store with [`Access::Write`] for this: a read-only open replays the
    /// write-ahead log into memory only, and a checkpoint of it would miss the
    /// commits made since the last flush (e.g. by a build that was killed).
    pub fn backup(&self, target: &Path) -> Result<(), StoreError> {
        let t = target.display().to_string();
        if target.exists() {
            return Err(StoreError::Storage {
                dir: t,
                message: "already exists; a backup goes into a new directory".into(),
            });
        }
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "backup".into());
        let tmp = parent.join(format!(".{name}.partial-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        self.db.backup(&tmp).map_err(|e| storage(&t, e))?;
        let want = self.db.len().map_err(|e| storage(&self.dir, e))?;
        let got = oxigraph::store::Store::open_read_only(&tmp)
            .and_then(|b| b.len())
            .map_err(|e| storage(&t, e))?;
        if got != want {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(StoreError::Storage {
                dir: t,
                message: format!("backup incomplete ({got} of {want} quads); nothing was written"),
            });
        }
        std::fs::write(tmp.join(LOCK_FILE), b"").map_err(|e| storage(&t, e))?;
        std::fs::rename(&tmp, target).map_err(|e| storage(&t, e))?;
        if let Ok(d) = File::open(parent) {
            let _ = d.sync_all();
        }
        Ok(())
    }

    pub fn dir(&self) -> &str {
        &self.dir
    }

    pub fn inner(&self) -> &oxigraph::store::Store {
        &self.db
    }

    fn meta(&self) -> NamedNode {
        nn(vocab::META_GRAPH)
    }

    fn check_version(&self, access: Access) -> Result<(), StoreError> {
        match self.format_version() {
            Some(v) if v > FORMAT_VERSION => Err(StoreError::TooNew {
                dir: self.dir.clone(),
                found: v,
            }),
            Some(v) if v < OLDEST_READABLE => Err(StoreError::TooOld {
                dir: self.dir.clone(),
                found: v,
            }),
            Some(_) => Ok(()),
            None if access == Access::Write => {
                let meta = self.meta();
                let p = nn(&vocab::dg("formatVersion"));
                let q = Quad::new(
                    meta.clone(),
                    p,
                    Literal::from(FORMAT_VERSION as i64),
                    GraphName::NamedNode(meta),
                );
                self.db.insert(&q).map_err(|e| storage(&self.dir, e))
            }
            None => Ok(()),
        }
    }

    /// The content hash stored for an article graph, if it is in the store.
    pub fn article_hash(&self, article: &str) -> Result<Option<String>, StoreError> {
        self.meta_literal(article, &vocab::dg("contentHash"))
    }

    /// Replaces an article's graph and index entry in one transaction.
    pub fn replace_article(
        &self,
        article: &str,
        hash: &str,
        quads: &[Quad],
    ) -> Result<(), StoreError> {
        self.replace_graph(article, hash, None, quads)
    }

    /// As [`Store::replace_article`], and records `source` (the input the article came from:
    /// its path relative to the folder given to `build`, or the name posted to `/articles`) in
    /// the index, so that a different input landing on the same IRI can be refused later.
    pub fn replace_article_from(
        &self,
        article: &str,
        source: &str,
        hash: &str,
        quads: &[Quad],
    ) -> Result<(), StoreError> {
        self.replace_graph(article, hash, Some(source), quads)
    }

    /// The input an article was stored from (see [`Store::replace_article_from`]); `None` for an
    /// unknown article or one stored before sources were recorded.
    pub fn article_source(&self, article: &str) -> Result<Option<String>, StoreError> {
        self.meta_literal(article, &vocab::dg("sourceKey"))
    }

    fn meta_literal(&self, subject: &str, predicate: &str) -> Result<Option<String>, StoreError> {
        let meta = self.meta();
        let s = nn(subject);
        let p = nn(predicate);
        for q in self.db.quads_for_pattern(
            Some(s.as_ref().into()),
            Some(p.as_ref()),
            None,
            Some(GraphNameRef::NamedNode(meta.as_ref())),
        ) {
            if let Term::Literal(l) = q.map_err(|e| storage(&self.dir, e))?.object {
                return Ok(Some(l.value().to_string()));
            }
        }
        Ok(None)
    }

    fn replace_graph(
        &self,
        graph: &str,
        hash: &str,
        source: Option<&str>,
        quads: &[Quad],
    ) -> Result<(), StoreError> {
        let g = nn(graph);
        let meta = self.meta();
        let hp = nn(&vocab::dg("contentHash"));
        let sp = nn(&vocab::dg("sourceKey"));
        let mut t = self
            .db
            .start_transaction()
            .map_err(|e| storage(&self.dir, e))?;
        let article = graph != ONTOLOGY_GRAPH;
        let before: Vec<Quad> = if article {
            t.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref())))
                .collect::<Result<_, _>>()
                .map_err(|e| storage(&self.dir, e))?
        } else {
            Vec::new()
        };
        t.clear_graph(GraphNameRef::NamedNode(g.as_ref()))
            .map_err(|e| storage(&self.dir, e))?;
        let mut old: Vec<Quad> = Vec::new();
        for p in [&hp, &sp] {
            for q in t.quads_for_pattern(
                Some(g.as_ref().into()),
                Some(p.as_ref()),
                None,
                Some(GraphNameRef::NamedNode(meta.as_ref())),
            ) {
                old.push(q.map_err(|e| storage(&self.dir, e))?);
            }
        }
        for q in &old {
            t.remove(q);
        }
        t.extend(quads.iter().map(QuadRef::from));
        if article {
            // The consolidated layer, in the same transaction as the article.
            crate::world::update(&mut t, graph, &before, quads)
                .map_err(|e| storage(&self.dir, e))?;
        }
        if let Some(source) = source {
            t.insert(&Quad::new(
                g.clone(),
                sp,
                Literal::new_simple_literal(source),
                GraphName::NamedNode(meta.clone()),
            ));
        }
        t.insert(&Quad::new(
            g.clone(),
            hp,
            Literal::new_simple_literal(hash),
            GraphName::NamedNode(meta),
        ));
        fault_before_commit();
        t.commit().map_err(|e| storage(&self.dir, e))
    }

    /// Replaces the ontology graph with the dictionaries' Turtle, atomically.
    pub fn replace_ontology(&self, files: &[SourceFile], hash: &str) -> Result<(), StoreError> {
        let g = GraphName::NamedNode(nn(ONTOLOGY_GRAPH));
        let mut quads = Vec::new();
        for (fi, f) in files.iter().enumerate() {
            // Parsers name anonymous nodes at random; rename them by order of appearance
            // so the same dictionaries always give the same quads.
            let mut names: std::collections::HashMap<String, oxigraph::model::BlankNode> =
                std::collections::HashMap::new();
            let mut stable = |b: &oxigraph::model::BlankNode| -> oxigraph::model::BlankNode {
                let n = names.len();
                names
                    .entry(b.as_str().to_string())
                    .or_insert_with(|| {
                        oxigraph::model::BlankNode::new_unchecked(format!("f{fi}b{n}"))
                    })
                    .clone()
            };
            let parser = RdfParser::from_format(RdfFormat::Turtle)
                .with_default_graph(g.clone())
                .for_slice(f.text.as_bytes());
            for q in parser {
                let mut q = q.map_err(|e| StoreError::Storage {
                    dir: f.name.clone(),
                    message: e.to_string(),
                })?;
                if let oxigraph::model::NamedOrBlankNode::BlankNode(b) = &q.subject {
                    q.subject = stable(b).into();
                }
                if let Term::BlankNode(b) = &q.object {
                    q.object = stable(b).into();
                }
                quads.push(q);
            }
        }
        self.replace_graph(ONTOLOGY_GRAPH, hash, None, &quads)
    }

    /// Removes an article's graph and index entry.
    pub fn remove_article(&self, article: &str) -> Result<(), StoreError> {
        self.replace_article(article, "", &[])?;
        let g = nn(article);
        let mut t = self
            .db
            .start_transaction()
            .map_err(|e| storage(&self.dir, e))?;
        t.remove_named_graph(g.as_ref())
            .map_err(|e| storage(&self.dir, e))?;
        let meta = self.meta();
        let hp = nn(&vocab::dg("contentHash"));
        t.remove(QuadRef::new(
            g.as_ref(),
            hp.as_ref(),
            oxigraph::model::LiteralRef::new_simple_literal(""),
            GraphNameRef::NamedNode(meta.as_ref()),
        ));
        t.commit().map_err(|e| storage(&self.dir, e))
    }

    /// Runs a SPARQL query; the default graph is the union of all graphs unless the query says otherwise.
    pub fn query(&self, q: &str) -> Result<QueryResults<'static>, StoreError> {
        crate::query_limits::check(q)
            .map_err(|e| StoreError::Query(format!("SPARQL query refused: {e}")))?;
        let mut prepared = SparqlEvaluator::new()
            .parse_query(q)
            .map_err(|e| StoreError::Query(format!("SPARQL syntax error: {e}")))?;
        prepared.dataset_mut().set_default_graph_as_union();
        prepared
            .on_store(&self.db)
            .execute()
            .map_err(|e| StoreError::Query(format!("query failed: {e}")))
    }

    /// Checks a query's syntax without running it.
    pub fn parse(q: &str) -> Result<(), SyntaxError> {
        crate::query_limits::check(q).map_err(|e| SyntaxError {
            message: e.to_string(),
        })?;
        SparqlEvaluator::new()
            .parse_query(q)
            .map(|_| ())
            .map_err(|e| SyntaxError {
                message: e.to_string(),
            })
    }

    /// SELECT rows as strings (plain values: IRIs without brackets, literal lexical forms).
    pub fn select_strings(
        &self,
        q: &str,
    ) -> Result<(Vec<String>, Vec<Vec<Option<String>>>), StoreError> {
        match self.query(q)? {
            QueryResults::Solutions(sol) => {
                let vars: Vec<String> = sol
                    .variables()
                    .iter()
                    .map(|v| v.as_str().to_string())
                    .collect();
                let mut rows = Vec::new();
                for s in sol {
                    let s = s.map_err(|e| StoreError::Query(e.to_string()))?;
                    rows.push(
                        vars.iter()
                            .map(|v| {
                                s.get(v.as_str()).map(|t| match t {
                                    Term::NamedNode(n) => n.as_str().to_string(),
                                    Term::Literal(l) => l.value().to_string(),
                                    other => other.to_string(),
                                })
                            })
                            .collect(),
                    );
                }
                Ok((vars, rows))
            }
            _ => Err(StoreError::Query("expected a SELECT query".into())),
        }
    }

    /// All quads of one graph (or of every graph), sorted so subjects group together.
    pub fn sorted_quads(&self, graph: Option<&str>) -> Result<Vec<Quad>, StoreError> {
        let g = graph.map(nn);
        let mut v: Vec<Quad> = self
            .db
            .quads_for_pattern(
                None,
                None,
                None,
                g.as_ref().map(|g| GraphNameRef::NamedNode(g.as_ref())),
            )
            .collect::<Result<_, _>>()
            .map_err(|e| storage(&self.dir, e))?;
        v.sort_by_cached_key(|q| {
            (
                q.graph_name.to_string(),
                q.subject.to_string(),
                q.predicate.to_string(),
                q.object.to_string(),
            )
        });
        Ok(v)
    }

    /// Writes the store (or one graph) in an RDF format, grouped by subject, with prefixes.
    pub fn export(
        &self,
        format: RdfFormat,
        graph: Option<&str>,
        out: impl Write,
    ) -> Result<usize, StoreError> {
        let mut quads = self.sorted_quads(graph)?;
        if !format.supports_datasets() {
            // A triples format merges the graphs: one statement per distinct triple.
            quads.sort_by_cached_key(|q| {
                (
                    q.subject.to_string(),
                    q.predicate.to_string(),
                    q.object.to_string(),
                )
            });
            quads.dedup_by(|a, b| {
                a.subject == b.subject && a.predicate == b.predicate && a.object == b.object
            });
        }
        let mut ser = RdfSerializer::from_format(format);
        for (p, iri) in vocab::PREFIXES {
            ser = ser
                .with_prefix(*p, *iri)
                .map_err(|e| StoreError::Query(e.to_string()))?;
        }
        let mut w = ser.for_writer(out);
        let mut n = 0;
        for q in &quads {
            if format.supports_datasets() {
                w.serialize_quad(q)?;
            } else {
                w.serialize_triple(oxigraph::model::TripleRef::from(q.as_ref()))?;
            }
            n += 1;
        }
        w.finish()?;
        Ok(n)
    }

    /// Article graphs in the store.
    pub fn articles(&self) -> Result<Vec<String>, StoreError> {
        let (_, rows) = self.select_strings(&format!(
            "SELECT ?a WHERE {{ GRAPH <{}> {{ ?a <{}> ?h }} FILTER(?a != <{}>) }} ORDER BY ?a",
            vocab::META_GRAPH,
            vocab::dg("contentHash"),
            ONTOLOGY_GRAPH
        ))?;
        Ok(rows.into_iter().filter_map(|mut r| r.remove(0)).collect())
    }

    /// Persons already in the store: (name key, canonical name, IRI).
    pub fn known_names(&self) -> Result<Vec<(String, String, String)>, StoreError> {
        let (_, rows) = self.select_strings(&format!(
            "SELECT DISTINCT ?k ?n ?p WHERE {{ ?p <{}> ?k ; <{}> ?n }}",
            vocab::dg("nameKey"),
            vocab::schema("name")
        ))?;
        Ok(rows
            .into_iter()
            .filter_map(|r| Some((r[0].clone()?, r[1].clone()?, r[2].clone()?)))
            .collect())
    }

    pub fn stats(&self) -> Result<Stats, StoreError> {
        let count = |q: &str| -> Result<usize, StoreError> {
            let (_, rows) = self.select_strings(q)?;
            Ok(rows
                .first()
                .and_then(|r| r[0].as_deref())
                .and_then(|v| v.parse().ok())
                .unwrap_or(0))
        };
        let dg = vocab::DG;
        Ok(Stats {
            articles: self.articles()?.len(),
            triples: self.db.len().map_err(|e| storage(&self.dir, e))?,
            persons: count(&format!("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ GRAPH ?g {{ ?p a <{}> }} FILTER(?g != <{ONTOLOGY_GRAPH}>) }}", vocab::schema("Person")))?,
            events: count(&format!("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH <{}> {{ ?e <{dg}report> ?r }} }}", vocab::WORLD_GRAPH))?,
            documents: count(&format!("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d <{dg}party> ?c }}"))?,
            trade_figures: count(&format!("SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE {{ ?t a <{dg}TradeFigure> }}"))?,
        })
    }
}

impl Store {
    /// Flushes memtables to disk so that readers need not replay the write-ahead log on open,
    /// waiting at most `wait`. The flush runs on its own thread: RocksDB's manual flush of
    /// several column families can wait forever (facebook/rocksdb#13280), and a build must end.
    /// Returns false when it did not finish in time; nothing is lost then, every commit is in
    /// the write-ahead log. Never blocks longer than `wait`.
    pub fn flush_within(&self, wait: std::time::Duration) -> bool {
        if self.dir == "(memory)" {
            return true;
        }
        let db = self.db.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("diplograph-flush".into())
            .spawn(move || {
                let _ = tx.send(db.flush().is_ok());
            });
        if spawned.is_err() {
            return false;
        }
        matches!(rx.recv_timeout(wait), Ok(true))
    }
}

/// The directory a store lives in, defaulting to `./diplograph.db`.
pub fn default_dir() -> PathBuf {
    PathBuf::from("diplograph.db")
}

#[allow(dead_code)]
fn _assert_types(_: NamedNodeRef<'_>) {}
