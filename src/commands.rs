//! One function per subcommand: glue between the stages, and the only place
//! that prints.

use crate::cli::{Cli, Command, ExportFormat, NetworkKind, QueryFormat};
use crate::extract::Extractor;
use crate::lexicon::{self, Lexicon};
use crate::network::{self, Network};
use crate::resolve::Resolver;
use crate::source::{self, Document, Kind};
use crate::store::{Access, Store};
use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use oxigraph::io::RdfFormat;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;
use rayon::prelude::*;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

/// A failure the user caused by what they typed (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Runs a command; the returned code is the process exit code.
pub fn run(cli: Cli) -> Result<u8> {
    let quiet = cli.quiet;
    let lex = || -> Result<Lexicon> {
        let dir = cli.ontology.clone().or_else(lexicon::default_dir);
        Ok(Lexicon::load(dir.as_deref())?)
    };
    match cli.command {
        Command::Build {
            paths,
            store,
            memory,
            force,
        } => {
            let lex = lex()?;
            let paths = if paths.is_empty() {
                vec![PathBuf::from("seeds")]
            } else {
                paths
            };
            let store = if memory {
                Store::memory()?
            } else {
                Store::open(&store.store, Access::Write)?
            };
            build(&lex, &store, &paths, force, quiet)
        }
        Command::Extract {
            paths,
            format: _,
            out,
        } => extract(&lex()?, &paths, out.as_deref()),
        Command::Query {
            query: q,
            file,
            store,
            format,
        } => {
            // Parsing and evaluation recurse per level of the query: give them a large stack.
            let run = move || run_query(&store.store, q, file, format);
            match std::thread::Builder::new()
                .name("diplograph-query".into())
                .stack_size(WORKER_STACK)
                .spawn(run)
            {
                Ok(t) => t.join().unwrap_or_else(|p| {
                    Err(anyhow::anyhow!("internal error: {}", panic_text(&*p)))
                }),
                Err(e) => Err(anyhow::anyhow!("cannot start the query thread: {e}")),
            }
        }
        Command::Export {
            store,
            format,
            graph,
            out,
        } => export(
            &store.store,
            format,
            graph.as_deref(),
            out.as_deref(),
            quiet,
        ),
        Command::Network {
            store,
            kind,
            format,
            from,
            to,
            countries,
            min_weight,
            metrics,
            out,
        } => {
            let s = Store::open(&store.store, Access::Read)?;
            let f = network::Filter {
                from,
                to,
                countries,
                min_weight,
            };
            let net = match kind {
                NetworkKind::Persons => Network::persons(&s, &f)?,
                NetworkKind::Countries => Network::countries(&s, &f)?,
            };
            if metrics {
                let tty = out.is_none() && std::io::stdout().is_terminal();
                let text = network::render::metrics_table(&net, tty)?;
                write_output(out.as_deref(), text.as_bytes())?;
                return Ok(0);
            }
            let opts = network::render::Options {
                filter: f.clone(),
                title: None,
            };
            for (suffix, bytes) in network::render::render(&net, format.name(), &opts)? {
                let path = match (&out, suffix) {
                    (Some(p), Some(sfx)) => Some(sibling(p, &sfx)),
                    (Some(p), None) => Some(p.clone()),
                    (None, Some(_)) => continue, // extra tables only go next to --out
                    (None, None) => None,
                };
                write_output(path.as_deref(), &bytes)?;
            }
            if !quiet && out.is_some() {
                eprintln!(
                    "{} nodes, {} edges",
                    net.graph.node_count(),
                    net.graph.edge_count()
                );
            }
            Ok(0)
        }
        Command::Serve {
            store,
            bind,
            update,
            timeout,
            max_results,
            cors,
            allow_hosts,
        } => {
            let lex = lex()?;
            crate::serve::run(
                &crate::serve::Options {
                    store: store.store,
                    bind,
                    update,
                    timeout,
                    max_results,
                    cors,
                    allow_hosts,
                    quiet,
                },
                lex,
            )
        }
        Command::Push {
            store,
            endpoint,
            gsp: _,
            update,
            graph_prefix,
            auth,
            batch,
            timeout,
            retries,
        } => crate::push::run(&crate::push::Options {
            store: store.store,
            endpoint,
            update,
            graph_prefix,
            auth,
            batch,
            timeout,
            retries,
            quiet,
        }),
        Command::Backup { store, target } => backup(&store.store, &target, quiet),
        Command::Check { files } => check(&files),
        Command::GenCorpus {
            out,
            docs,
            seed,
            seeds,
        } => gen_corpus(&lex()?, &seeds, &out, docs, seed, quiet),
    }
}

fn progress(len: u64, quiet: bool, what: &str) -> ProgressBar {
    let target = if quiet {
        ProgressDrawTarget::hidden()
    } else {
        ProgressDrawTarget::stderr()
    };
    let pb = ProgressBar::with_draw_target(Some(len), target);
    pb.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} ({per_sec}, {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    pb.set_message(what.to_string());
    pb
}

/// One input file and the key its articles are known by (their identity in the store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub path: PathBuf,
    /// The path relative to the folder given on the command line, `/`-separated
    /// (`d1/news.txt`); the file name for a file given by itself.
    pub key: String,
}

impl InputFile {
    fn named(path: PathBuf) -> InputFile {
        let key = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        InputFile { path, key }
    }

    fn under(root: &Path, path: PathBuf) -> InputFile {
        match path.strip_prefix(root) {
            Ok(rel) if rel.components().next().is_some() => InputFile {
                key: rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/"),
                path,
            },
            _ => InputFile::named(path),
        }
    }
}

/// Input files under `paths`: files as given, folders walked for .txt/.html/.htm/.jsonl.
/// Problems (missing paths, loops, unreadable folders) come back as errors to report.
pub fn collect_inputs(paths: &[PathBuf]) -> (Vec<InputFile>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => errors.push(format!("{}: {e}", p.display())),
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                for entry in walkdir::WalkDir::new(p)
                    .follow_links(true)
                    .sort_by_file_name()
                {
                    match entry {
                        Err(e) => {
                            // A broken link or loop is reported unless its name says it is not an article.
                            let at = e.path().unwrap_or(p);
                            let ext = at
                                .extension()
                                .and_then(|x| x.to_str())
                                .map(str::to_ascii_lowercase);
                            if ext.is_none()
                                || matches!(
                                    ext.as_deref(),
                                    Some("txt" | "html" | "htm" | "xhtml" | "jsonl" | "ndjson")
                                )
                            {
                                let why = match (e.loop_ancestor(), e.io_error()) {
                                    (Some(a), _) => format!(
                                        "symbolic link loop (points back to {})",
                                        a.display()
                                    ),
                                    (None, Some(io)) => io.to_string(),
                                    (None, None) => e.to_string(),
                                };
                                errors.push(format!("{}: {why}", at.display()));
                            }
                        }
                        Ok(e) => {
                            let path = e.path();
                            let ext = path
                                .extension()
                                .and_then(|x| x.to_str())
                                .map(str::to_ascii_lowercase);
                            let wanted = matches!(
                                ext.as_deref(),
                                Some("txt" | "html" | "htm" | "xhtml" | "jsonl" | "ndjson")
                            );
                            if !wanted {
                                continue;
                            }
                            if e.file_type().is_dir() {
                                errors.push(format!(
                                    "{}: is a directory, not an article",
                                    path.display()
                                ));
                            } else {
                                found.push(InputFile::under(p, path.to_path_buf()));
                            }
                        }
                    }
                }
                files.extend(found);
            }
            Ok(_) => files.push(InputFile::named(p.clone())),
        }
    }
    (files, errors)
}

/// What one input file gave: its documents with their keys, and its problems.
type FileRead = (Vec<(Document, String)>, Vec<String>);

/// Reads and decodes every input in parallel: each file's documents (with their identity
/// keys, see [`doc_key`]) and problems, in file order.
fn read_all(files: &[InputFile]) -> Vec<FileRead> {
    files
        .par_iter()
        .map(|f| {
            let input = source::read_input(&f.path);
            (
                input
                    .docs
                    .into_iter()
                    .map(|d| {
                        let key = doc_key(&d, f);
                        (d, key)
                    })
                    .collect(),
                input.errors.iter().map(ToString::to_string).collect(),
            )
        })
        .collect()
}

/// The identity of a document read from `file`: the file's key for a text or HTML file,
/// `KEY#LINE` for a JSON Lines record without an id, the record's own id otherwise.
fn doc_key(d: &Document, file: &InputFile) -> String {
    let base = file
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if d.id == base {
        return file.key.clone();
    }
    match d.id.strip_prefix(&base).and_then(|r| r.strip_prefix('#')) {
        Some(line) if line.bytes().all(|b| b.is_ascii_digit()) => format!("{}#{line}", file.key),
        _ => d.id.clone(),
    }
}

/// How a document is named in messages: its path (and record id for JSON Lines).
fn doc_name(d: &Document) -> String {
    match &d.path {
        Some(p) if Kind::of(p) == Kind::JsonLines => format!("{} ({})", p.display(), d.id),
        Some(p) => p.display().to_string(),
        None => d.id.clone(),
    }
}

/// One document per article IRI. Inputs that meet on one IRI (names equal up to case and
/// punctuation, the same URL, the same record id) are never merged: when their bytes differ
/// each is refused with an error naming the others; when the bytes are the same it is one
/// article read twice, kept once (a note names the copy unless it is the same key again).
/// Returns the kept documents with key and IRI, and the notes.
fn one_per_iri(
    docs: Vec<(Document, String)>,
    errors: &mut Vec<String>,
) -> (Vec<(Document, String, String)>, Vec<String>) {
    let mut groups: Vec<Vec<(Document, String, String)>> = Vec::new();
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (d, key) in docs {
        let iri = crate::resolve::article_iri_as(&d, &key);
        match at.get(&iri) {
            Some(&i) => groups[i].push((d, key, iri)),
            None => {
                at.insert(iri.clone(), groups.len());
                groups.push(vec![(d, key, iri)]);
            }
        }
    }
    let (mut kept, mut notes) = (Vec::new(), Vec::new());
    for mut g in groups {
        if g.iter().all(|(d, _, _)| d.hash == g[0].0.hash) {
            let first = g.remove(0);
            for (d, key, iri) in &g {
                if *key != first.1 {
                    notes.push(format!(
                        "{}: the same bytes as {}, stored once as <{iri}>",
                        doc_name(d),
                        doc_name(&first.0)
                    ));
                }
            }
            kept.push(first);
            continue;
        }
        let iri = g[0].2.clone();
        let why = match &g[0].0.url {
            Some(u) => format!("they give the same URL {u}"),
            None => "their names differ only in case, accents or punctuation".into(),
        };
        for (i, (d, _, _)) in g.iter().enumerate() {
            let others: Vec<String> = g
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, (o, _, _))| doc_name(o))
                .collect();
            errors.push(format!(
                "{}: different text from {}, yet the same article <{iri}> ({why}); different inputs are never merged, so none of them was stored: rename them apart",
                doc_name(d),
                others.join(" and ")
            ));
        }
    }
    (kept, notes)
}

/// Stack of every thread that reads, parses or extracts a document (the pool of `build` and
/// `extract`, the server's article thread): 64 MiB of address space, of which only what the
/// work touches is used, so recursion in third-party parsers has 32 times the usual room on
/// top of the input limits (`source::limits`).
pub const WORKER_STACK: usize = 64 * 1024 * 1024;

/// Runs `f` (and the parallel iterators inside it) on a pool of [`WORKER_STACK`] threads.
fn in_worker_pool<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    match rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK)
        .thread_name(|i| format!("diplograph-worker-{i}"))
        .build()
    {
        Ok(pool) => pool.install(f),
        Err(_) => f(),
    }
}

/// The text of a caught panic.
fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}

/// The extraction time stamped on every article graph (xsd:dateTime, whole seconds).
pub(crate) fn now() -> String {
    jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// How long `build` waits for its final flush (see [`Store::flush_within`]).
const FLUSH_WAIT_S: u64 = 60;

fn build(lex: &Lexicon, store: &Store, paths: &[PathBuf], force: bool, quiet: bool) -> Result<u8> {
    let started = std::time::Instant::now();
    let ohash = lex.content_hash();
    if store.article_hash(crate::vocab::ONTOLOGY_GRAPH)?.as_deref() != Some(ohash.as_str()) {
        store.replace_ontology(&lex.files, &ohash)?;
    }
    let (files, mut errors) = collect_inputs(paths);
    let mut all = Vec::new();
    for (ds, errs) in in_worker_pool(|| read_all(&files)) {
        errors.extend(errs);
        all.extend(ds);
    }
    let (unique, notes) = one_per_iri(all, &mut errors);
    let mut docs: Vec<Document> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    let mut skipped = 0;
    for (d, key, iri) in unique {
        let source = store.article_source(&iri)?;
        if let Some(old) = source.as_deref().filter(|old| *old != key) {
            errors.push(format!(
                "{}: its article <{iri}> already holds {old:?}, stored by an earlier build (the names differ only in case, accents or punctuation, or the folder given to build is not the same); different inputs are never merged, so it was not stored: rename it, or build from the same folder as before",
                doc_name(&d)
            ));
            continue;
        }
        if !force
            && source.is_some()
            && store.article_hash(&iri)?.as_deref() == Some(d.hash.as_str())
        {
            skipped += 1;
            continue;
        }
        docs.push(d);
        keys.push(key);
    }
    let extractor = Extractor::new(lex);
    let extractions: Vec<_> =
        in_worker_pool(|| docs.par_iter().map(|d| extractor.extract(d)).collect());
    let mut resolver = Resolver::default();
    for (k, n, i) in store.known_names()? {
        resolver.remember(k, n, i);
    }
    let pb = progress(docs.len() as u64, quiet, "storing");
    let stamp = now();
    let mut stored = 0;
    for ((d, ex), key) in docs.iter().zip(&extractions).zip(&keys) {
        let name = doc_name(d);
        pb.inc(1);
        // A defect in resolve or rdf costs this article, not the run.
        let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let facts = resolver.resolve_as(d, key, ex, lex);
            let quads = crate::rdf::article_quads(&facts, &stamp);
            (facts.iri, quads)
        }));
        let (iri, quads) = match made {
            Ok(x) => x,
            Err(p) => {
                errors.push(format!("{name}: internal error, article skipped (a bug in diplograph, please report it with this file): {}", panic_text(&*p)));
                continue;
            }
        };
        if let Err(e) = store.replace_article_from(&iri, key, &d.hash, &quads) {
            // Nothing about the file makes a commit fail: the store itself does (disk full,
            // I/O error). Stop here; every article committed so far is complete.
            pb.finish_and_clear();
            for e in &errors {
                eprintln!("error: {e}");
            }
            return Err(anyhow::Error::new(e).context(format!(
                "storing {name} failed after {stored} articles were stored; the store holds only complete articles, run build again once the cause is fixed"
            )));
        }
        stored += 1;
    }
    pb.finish_and_clear();
    // Every commit is already in RocksDB's write-ahead log, which survives a killed process.
    // The flush only spares readers a replay of that log on open; a manual flush of several
    // column families can wait forever in WaitForFlushMemTables (facebook/rocksdb#13280;
    // issue 14), so it runs on its own thread with a bounded wait.
    if stored > 0 && !store.flush_within(std::time::Duration::from_secs(FLUSH_WAIT_S)) && !quiet {
        eprintln!("note: the final flush did not finish within {FLUSH_WAIT_S} s; nothing is lost (every article is in the write-ahead log), readers replay the log when they open the store");
    }
    for e in &errors {
        eprintln!("error: {e}");
    }
    if !quiet {
        for n in &notes {
            eprintln!("note: {n}");
        }
        let s = store.stats()?;
        let copies = if notes.is_empty() {
            String::new()
        } else {
            format!(", {} copies stored once", notes.len())
        };
        eprintln!(
            "{} stored, {} unchanged{copies}, {} failed in {:.2}s; store {}: {} articles, {} triples, {} persons, {} events, {} documents, {} trade figures",
            stored,
            skipped,
            errors.len(),
            started.elapsed().as_secs_f64(),
            store.dir(),
            s.articles,
            s.triples,
            s.persons,
            s.events,
            s.documents,
            s.trade_figures
        );
    }
    Ok(if errors.is_empty() { 0 } else { 1 })
}

/// Facts of every document as FACTS.md JSON lines.
pub fn extract_lines(lex: &Lexicon, paths: &[PathBuf]) -> (Vec<String>, Vec<String>) {
    let (files, mut errors) = collect_inputs(paths);
    let mut docs = Vec::new();
    for (ds, errs) in in_worker_pool(|| read_all(&files)) {
        docs.extend(ds.into_iter().map(|(d, _)| d));
        errors.extend(errs);
    }
    let extractor = Extractor::new(lex);
    let exs: Vec<_> = in_worker_pool(|| docs.par_iter().map(|d| extractor.extract(d)).collect());
    let mut resolver = Resolver::default();
    let lines = docs
        .iter()
        .zip(&exs)
        .map(|(d, ex)| {
            serde_json::to_string(&resolver.resolve(d, ex, lex).contract()).unwrap_or_default()
        })
        .collect();
    (lines, errors)
}

fn extract(lex: &Lexicon, paths: &[PathBuf], out: Option<&Path>) -> Result<u8> {
    let (lines, errors) = extract_lines(lex, paths);
    let mut buf = String::new();
    for l in lines {
        buf.push_str(&l);
        buf.push('\n');
    }
    write_output(out, buf.as_bytes())?;
    for e in &errors {
        eprintln!("error: {e}");
    }
    Ok(if errors.is_empty() { 0 } else { 1 })
}

/// `out.csv` + `nodes` -> `out.nodes.csv`.
fn sibling(p: &Path, suffix: &str) -> PathBuf {
    let stem = p
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = p
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    p.with_file_name(format!("{stem}.{suffix}{ext}"))
}

/// Writes to a file through a temp file and a rename, or to stdout.
pub fn write_output(out: Option<&Path>, bytes: &[u8]) -> Result<()> {
    with_output(out, |w| Ok(w.write_all(bytes)?))
}

/// Where `-o PATH` really writes.
enum Target {
    Stdout,
    /// A regular file (or a new one): replaced atomically.
    File(PathBuf),
    /// A device, pipe or other non-regular file: written to as a stream, never replaced.
    Stream(PathBuf),
}

/// `-` is stdout; a symbolic link is followed to its target (the link stays a link); a
/// device or pipe is written to, not replaced; a directory or a dangling link is an error.
fn target(out: Option<&Path>) -> Result<Target> {
    let Some(p) = out.filter(|p| p.as_os_str() != "-") else {
        return Ok(Target::Stdout);
    };
    let meta = match std::fs::symlink_metadata(p) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Target::File(p.to_path_buf()))
        }
        Err(e) => return Err(anyhow::Error::new(e).context(format!("writing {}", p.display()))),
    };
    let (path, meta) = if meta.file_type().is_symlink() {
        let real = std::fs::canonicalize(p).map_err(|e| {
            anyhow::anyhow!("writing {}: it is a symbolic link whose target cannot be reached ({e}); the link was left as it is", p.display())
        })?;
        let m = std::fs::metadata(&real).with_context(|| format!("writing {}", real.display()))?;
        (real, m)
    } else {
        (p.to_path_buf(), meta)
    };
    if meta.is_dir() {
        bail!("writing {}: is a directory", path.display());
    }
    Ok(if meta.is_file() {
        Target::File(path)
    } else {
        Target::Stream(path)
    })
}

/// Streams output into `out` or stdout. A file is written as a hidden temp file in
/// the same directory (`.NAME.XXXXXX.tmp`), flushed to disk and renamed over `out`:
/// whoever reads `out` sees the old file or the new one, never a part. If the
/// process dies first, the old file stays and the temp file is left behind.
/// A symbolic link keeps pointing where it did (its target is replaced); a device or a
/// pipe (`-o /dev/null`) is written to as a stream; `-` is stdout.
pub fn with_output<T>(
    out: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<T> {
    let p = match target(out)? {
        Target::Stdout => None,
        Target::File(p) => Some(p),
        Target::Stream(p) => {
            let ctx = || format!("writing {}", p.display());
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(&p)
                .with_context(ctx)?;
            let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
            let v = write(&mut w).with_context(ctx)?;
            w.flush().with_context(ctx)?;
            return Ok(v);
        }
    };
    match p.as_deref() {
        None => {
            let mut o = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            let v = write(&mut o)?;
            o.flush()?;
            Ok(v)
        }
        Some(p) => {
            let ctx = || format!("writing {}", p.display());
            let dir = p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let prefix = format!(".{name}.");
            let mut b = tempfile::Builder::new();
            b.prefix(&prefix).suffix(".tmp");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                // The mode a plain create would give (0666 less the umask), or the old file's.
                let mode = std::fs::metadata(p)
                    .map(|m| m.permissions().mode() & 0o7777)
                    .unwrap_or(0o666);
                b.permissions(std::fs::Permissions::from_mode(mode));
            }
            let tmp = b.tempfile_in(dir).with_context(ctx)?;
            let mut w = std::io::BufWriter::with_capacity(1 << 16, tmp);
            let v = write(&mut w).with_context(ctx)?;
            let tmp = w
                .into_inner()
                .map_err(|e| e.into_error())
                .with_context(ctx)?;
            tmp.as_file().sync_all().with_context(ctx)?;
            tmp.persist(p).map_err(|e| e.error).with_context(ctx)?;
            // Make the rename itself durable.
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
            Ok(v)
        }
    }
}

fn run_query(
    dir: &Path,
    q: Option<String>,
    file: Option<PathBuf>,
    format: Option<QueryFormat>,
) -> Result<u8> {
    let from = file
        .as_ref()
        .map(|f| format!("{}: ", f.display()))
        .unwrap_or_default();
    let text = match (q, file) {
        (Some(q), _) => q,
        (None, Some(f)) => {
            std::fs::read_to_string(&f).with_context(|| format!("reading {}", f.display()))?
        }
        (None, None) => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .context("reading the query from stdin")?;
            s
        }
    };
    if let Err(e) = crate::query_limits::check(&text) {
        return Err(UsageError(format!("{from}SPARQL query refused: {e}")).into());
    }
    if let Err(e) = Store::parse(&text) {
        return Err(UsageError(format!("{from}SPARQL syntax error: {}", e.message)).into());
    }
    let store = Store::open(dir, Access::Read)?;
    let results = store.query(&text)?;
    let tty = std::io::stdout().is_terminal();
    let format = format.unwrap_or(if tty {
        QueryFormat::Table
    } else {
        QueryFormat::Tsv
    });
    // Streamed: `query ... | head` gets its first rows at once and memory stays flat
    // (the table format alone needs every row before it can print).
    with_output(None, |out| write_results(out, results, format))?;
    Ok(0)
}

fn write_results(
    out: &mut dyn Write,
    results: QueryResults<'static>,
    format: QueryFormat,
) -> Result<()> {
    match results {
        QueryResults::Graph(triples) => {
            let mut ser = oxigraph::io::RdfSerializer::from_format(RdfFormat::Turtle);
            for (p, iri) in crate::vocab::PREFIXES {
                ser = ser.with_prefix(*p, *iri)?;
            }
            let mut w = ser.for_writer(&mut *out);
            for t in triples {
                w.serialize_triple(&t?)?;
            }
            w.finish()?;
        }
        QueryResults::Boolean(b) => match format {
            QueryFormat::Table => writeln!(out, "{b}")?,
            f => {
                QueryResultsSerializer::from_format(results_format(f))
                    .serialize_boolean_to_writer(&mut *out, b)?;
            }
        },
        QueryResults::Solutions(sol) => {
            let vars = sol.variables().to_vec();
            if format == QueryFormat::Table {
                let mut table = comfy_table::Table::new();
                table.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
                table.set_header(vars.iter().map(|v| v.as_str().to_string()));
                let mut n = 0;
                for s in sol {
                    let s = s?;
                    table.add_row(
                        vars.iter()
                            .map(|v| s.get(v).map(display_term).unwrap_or_default()),
                    );
                    n += 1;
                }
                writeln!(out, "{table}\n{n} row{}", if n == 1 { "" } else { "s" })?;
            } else {
                let mut w = QueryResultsSerializer::from_format(results_format(format))
                    .serialize_solutions_to_writer(&mut *out, vars)?;
                for s in sol {
                    w.serialize(&s?)?;
                }
                w.finish()?;
            }
        }
    }
    Ok(())
}

fn display_term(t: &oxigraph::model::Term) -> String {
    use oxigraph::model::Term;
    match t {
        Term::NamedNode(n) => {
            let s = n.as_str();
            for (p, iri) in crate::vocab::PREFIXES {
                if let Some(local) = s.strip_prefix(iri) {
                    return format!("{p}:{local}");
                }
            }
            format!("<{s}>")
        }
        Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    }
}

fn results_format(f: QueryFormat) -> QueryResultsFormat {
    match f {
        QueryFormat::Json => QueryResultsFormat::Json,
        QueryFormat::Xml => QueryResultsFormat::Xml,
        QueryFormat::Csv => QueryResultsFormat::Csv,
        QueryFormat::Tsv | QueryFormat::Table => QueryResultsFormat::Tsv,
    }
}

fn export(
    dir: &Path,
    format: ExportFormat,
    graph: Option<&str>,
    out: Option<&Path>,
    quiet: bool,
) -> Result<u8> {
    let store = Store::open(dir, Access::Read)?;
    let f = match format {
        ExportFormat::Turtle => RdfFormat::Turtle,
        ExportFormat::Ntriples => RdfFormat::NTriples,
        ExportFormat::Nquads => RdfFormat::NQuads,
        ExportFormat::Trig => RdfFormat::TriG,
    };
    if graph.is_none() && !f.supports_datasets() && !quiet {
        // One graph per article: a triples format would merge them. Say so rather than lose graphs.
        eprintln!("note: {} has no named graphs; writing the union of all graphs (use --format trig or nquads to keep them)", f.name());
    }
    with_output(out, |w| Ok(store.export(f, graph, w)?))?;
    Ok(0)
}

/// Parses RDF files with rio_turtle (independent of Oxigraph) and prints triple counts.
fn check(files: &[PathBuf]) -> Result<u8> {
    let mut failed = false;
    let mut o = std::io::stdout().lock();
    for f in files {
        match crate::check::count(f) {
            Ok(n) => writeln!(o, "{}\t{n}", f.display())?,
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
            }
        }
    }
    Ok(if failed { 1 } else { 0 })
}

fn gen_corpus(
    lex: &Lexicon,
    seeds: &Path,
    out: &Path,
    docs: usize,
    seed: u64,
    quiet: bool,
) -> Result<u8> {
    let mut seed_docs = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(seeds)
        .with_context(|| format!("reading {}", seeds.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.extension().is_some_and(|e| e == "txt") {
            let t =
                std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))?;
            seed_docs.push((
                p.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                t,
            ));
        }
    }
    if seed_docs.is_empty() {
        bail!("{}: no .txt seed articles", seeds.display());
    }
    // Actors: dictionary heads of state and government with a country that has a capital and a demonym.
    let mut actors = Vec::new();
    for p in &lex.persons {
        let Some(pos) = p.positions.iter().find(|h| {
            h.end.is_none()
                && lex
                    .office(&h.office)
                    .is_some_and(|o| o.head_of_state || o.head_of_government)
        }) else {
            continue;
        };
        let Some(c) = pos.country.as_deref().and_then(|c| lex.country(c)) else {
            continue;
        };
        let (Some(cap), Some(dem)) = (c.capital, c.demonyms.first()) else {
            continue;
        };
        actors.push(crate::corpus::Actor {
            name: p.name.clone(),
            country: c.name.clone(),
            demonym: dem.clone(),
            capital: lex.cities[cap].name.clone(),
            title: lex
                .office(&pos.office)
                .map(|o| o.label.clone())
                .unwrap_or_else(|| "President".into()),
        });
    }
    let generated =
        crate::corpus::generate(&seed_docs, &actors, &crate::corpus::Spec { docs, seed });
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let mut bytes = 0;
    for g in &generated {
        std::fs::write(out.join(&g.name), &g.text)
            .with_context(|| format!("writing {}", g.name))?;
        bytes += g.text.len();
    }
    if !quiet {
        eprintln!(
            "{} documents, {} bytes in {}",
            generated.len(),
            bytes,
            out.display()
        );
    }
    Ok(0)
}

/// `backup DIR`: a consistent copy of the store (RocksDB checkpoint; hard links on the
/// same file system), taken under the writer's lock so no build is half-way in it and
/// commits not yet flushed (after a crash) are in the copy.
pub fn backup(dir: &Path, target: &Path, quiet: bool) -> Result<u8> {
    if !dir.join(crate::store::LOCK_FILE).exists() || !dir.join("CURRENT").exists() {
        return Err(crate::store::StoreError::Missing {
            dir: dir.display().to_string(),
        }
        .into());
    }
    let store = Store::open(dir, Access::Write)?;
    store.backup(target)?;
    if !quiet {
        eprintln!("backed up {} to {}", store.dir(), target.display());
    }
    Ok(0)
}
