//! Issue 6: nothing lost, nothing half-written. Locks, kill -9 during a build,
//! crashes inside a transaction, the store format version, a folder of bad
//! inputs, broken configuration, atomic outputs, closed pipes, backups, and
//! properties of extraction and IRI minting on arbitrary Unicode.
//!
//! Each test provokes the failure for real (processes are killed, files are
//! made unreadable, loops are made on disk) and fails without the mechanism
//! it checks.

use assert_cmd::Command;
use diplograph::extract::Extractor;
use diplograph::lexicon::{self, Lexicon};
use diplograph::resolve::Resolver;
use diplograph::source::{self, Kind};
use diplograph::store::{Access, Store};
use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use proptest::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{LazyLock, OnceLock};
use std::time::{Duration, Instant};

const META: &str = "https://w3id.org/diplograph/graph/meta";
const ONTOLOGY: &str = "https://w3id.org/diplograph/graph/ontology";
const WORLD: &str = "https://w3id.org/diplograph/graph/world";
const HASH: &str = "https://w3id.org/diplograph/ontology#contentHash";
const STARTED: &str = "http://www.w3.org/ns/prov#startedAtTime";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seeds() -> PathBuf {
    root().join("seeds")
}

fn bin_path() -> PathBuf {
    assert_cmd::cargo::cargo_bin("diplograph")
}

/// The binary, run from the repository root (so ./ontology is found).
fn bin() -> Command {
    let mut c = Command::new(bin_path());
    c.current_dir(root());
    c
}

/// The binary as a plain child process, in `cwd` (a temp dir, so a crash leaves nothing in the repo).
fn spawn_cmd(cwd: &Path) -> std::process::Command {
    let mut c = std::process::Command::new(bin_path());
    c.current_dir(cwd)
        .arg("--ontology")
        .arg(root().join("ontology"))
        .arg("--quiet");
    c.stdin(Stdio::null());
    c
}

fn build(store: &Path, inputs: &[&Path]) -> std::process::Output {
    let mut c = bin();
    c.arg("build").arg("--store").arg(store);
    for i in inputs {
        c.arg(i);
    }
    c.output().expect("runs")
}

/// Runs a command, killing it if it takes longer than `secs` (a hang is a failure, not a stuck CI).
fn output_within(mut c: std::process::Command, secs: u64) -> std::process::Output {
    let child = c
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(Duration::from_secs(secs)) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            let _ = std::process::Command::new("kill")
                .arg("-9")
                .arg(pid.to_string())
                .status();
            panic!("{c:?} did not finish within {secs}s");
        }
    }
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// No Rust panic text, no backtrace: a user-facing failure is one clear line.
fn no_panic(err: &str) {
    for bad in ["panicked", "backtrace", "RUST_BACKTRACE", "internal error"] {
        assert!(!err.contains(bad), "{bad:?} in stderr:\n{err}");
    }
}

static LEX: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::load(Some(&root().join("ontology"))).expect("ontology loads"));

/// Quads an article gives when extracted alone into an empty store: graph IRI -> count.
fn fresh_counts(files: &[PathBuf]) -> HashMap<String, usize> {
    let ex = Extractor::new(&LEX);
    let mut out = HashMap::new();
    for f in files {
        for d in source::read_path(f).unwrap_or_else(|e| panic!("{e}")) {
            let facts = Resolver::default().resolve(&d, &ex.extract(&d), &LEX);
            out.insert(
                facts.iri.clone(),
                diplograph::rdf::article_quads(&facts, "2024-01-01T00:00:00Z").len(),
            );
        }
    }
    out
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

/// Per-graph quad counts and the article index of a store, read through the library (read-only open).
struct Census {
    graphs: BTreeMap<String, usize>,
    indexed: Vec<String>,
    stamps: std::collections::BTreeSet<String>,
}

fn census(store: &Path) -> Option<Census> {
    if !store.join("CURRENT").exists() {
        return None; // killed before the database was created: nothing was committed
    }
    let s = Store::open(store, Access::Read).unwrap_or_else(|e| panic!("store does not open: {e}"));
    let mut graphs = BTreeMap::new();
    let mut indexed = Vec::new();
    let mut stamps = std::collections::BTreeSet::new();
    for q in s.inner().quads_for_pattern(None, None, None, None) {
        let q = q.expect("readable quad");
        let g = match &q.graph_name {
            GraphName::NamedNode(n) => n.as_str().to_string(),
            _ => "default".into(),
        };
        if g == META && q.predicate.as_str() == HASH {
            if let NamedOrBlankNode::NamedNode(n) = &q.subject {
                indexed.push(n.as_str().to_string());
            }
        }
        if q.predicate.as_str() == STARTED {
            if let Term::Literal(l) = &q.object {
                stamps.insert(l.value().to_string());
            }
        }
        *graphs.entry(g).or_insert(0) += 1;
    }
    Some(Census {
        graphs,
        indexed,
        stamps,
    })
}

/// Every article graph complete (as many quads as a fresh extraction gives) or absent,
/// and indexed exactly when present. Returns the number of complete articles.
fn assert_whole(c: &Census, expected: &HashMap<String, usize>, ontology: usize) -> usize {
    let mut complete = 0;
    for (g, n) in &c.graphs {
        match g.as_str() {
            META | WORLD => {}
            ONTOLOGY => assert_eq!(*n, ontology, "ontology graph partial"),
            _ => {
                let want = expected
                    .get(g)
                    .unwrap_or_else(|| panic!("unexpected graph {g}"));
                assert_eq!(n, want, "article graph {g} is partial: {n} of {want} quads");
                assert!(
                    c.indexed.contains(g),
                    "graph {g} stored without its index entry"
                );
                complete += 1;
            }
        }
    }
    for a in &c.indexed {
        assert!(
            c.graphs.contains_key(a),
            "index names {a} but its graph is missing"
        );
    }
    complete
}

/// Sorted N-Quads of a store without the extraction timestamps (they differ between runs by design).
fn dump(store: &Path) -> Vec<String> {
    let s = Store::open(store, Access::Read).unwrap_or_else(|e| panic!("{e}"));
    let mut v: Vec<String> = s
        .sorted_quads(None)
        .unwrap()
        .into_iter()
        .filter(|q| q.predicate.as_str() != STARTED)
        .map(|q| q.to_string())
        .collect();
    v.sort();
    v
}

fn same(a: &[String], b: &[String]) {
    if a != b {
        let only_a: Vec<&String> = a.iter().filter(|x| !b.contains(x)).take(5).collect();
        let only_b: Vec<&String> = b.iter().filter(|x| !a.contains(x)).take(5).collect();
        panic!(
            "stores differ ({} vs {} quads)\nonly left: {only_a:#?}\nonly right: {only_b:#?}",
            a.len(),
            b.len()
        );
    }
}

/// A deterministic random source for seeded kill moments.
struct SplitMix(u64);
impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [lo, hi).
    fn between(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (self.next() >> 11) as f64 / (1u64 << 53) as f64 * (hi - lo)
    }
}

/// A generated corpus of a few hundred articles, built once into a reference store.
struct Corpus {
    docs: PathBuf,
    reference: PathBuf,
    expected: HashMap<String, usize>,
    ontology: usize,
    /// How long an uninterrupted build of the whole corpus took here.
    build_time: Duration,
}

static CORPUS: OnceLock<Corpus> = OnceLock::new();

/// Scratch space under the target dir, emptied when this test binary first uses it.
fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("reliability");
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    })
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir_in(scratch()).unwrap()
}

fn corpus() -> &'static Corpus {
    CORPUS.get_or_init(|| {
        let dir = scratch().join("corpus");
        let docs = dir.join("docs");
        let out = bin()
            .args([
                "gen-corpus",
                "--quiet",
                "--docs",
                "300",
                "--seed",
                "20261122",
                "--out",
            ])
            .arg(&docs)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let reference = dir.join("reference");
        let t = Instant::now();
        let out = spawn_cmd(&dir)
            .arg("build")
            .arg("--store")
            .arg(&reference)
            .arg(&docs)
            .output()
            .unwrap();
        let build_time = t.elapsed();
        assert!(out.status.success(), "{}", stderr(&out));
        let files = files_in(&docs);
        let expected = fresh_counts(&files);
        assert_eq!(expected.len(), 300);
        let c = census(&reference).unwrap();
        let ontology = c.graphs[ONTOLOGY];
        // The premise of the kill test: an article's quad count does not depend on which
        // articles were stored before it. It holds for this corpus because its actors are
        // dictionary persons (dictionary IRIs); articles with undictionaried persons spelled
        // differently across articles (the seeds) do not have it, see the crash test.
        assert_eq!(
            assert_whole(&c, &expected, ontology),
            300,
            "a fresh extraction of each article gives its stored quad count"
        );
        Corpus {
            docs,
            reference,
            expected,
            ontology,
            build_time,
        }
    })
}

// ---------------------------------------------------------------------------
// 1. One writer, clear words.

/// Waits until a running build has taken the store (its pid is in the lock file).
fn wait_for_writer(store: &Path, pid: u32, child: &mut std::process::Child) {
    let t = Instant::now();
    loop {
        let text = std::fs::read_to_string(store.join("diplograph.lock")).unwrap_or_default();
        if text.contains(&format!("pid {pid},")) {
            return;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the first build ended before taking the lock"
        );
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "the first build never took the lock"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_second_build_is_refused_while_one_runs() {
    let c = corpus();
    let dir = tempdir();
    let store = dir.path().join("db");
    let mut first = spawn_cmd(dir.path())
        .arg("build")
        .arg("--store")
        .arg(&store)
        .arg(&c.docs)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_writer(&store, first.id(), &mut first);
    let second = build(&store, &[&seeds()]);
    let still_running = first.try_wait().unwrap().is_none();
    let err = stderr(&second);
    assert_eq!(second.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("store {} is busy", store.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!("pid {}", first.id()))
            && err.contains("diplograph")
            && err.contains("build"),
        "names the other command: {err}"
    );
    assert!(
        err.contains("Wait for it to finish"),
        "says what to do: {err}"
    );
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    no_panic(&err);
    assert!(
        still_running,
        "the first build finished too early for the test to mean anything"
    );
    let out = first.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn writers_and_readers_exclude_each_other_readers_share() {
    let dir = tempdir();
    let store = dir.path().join("db");
    assert!(build(&store, &[&seeds().join("003_cd7b60f6df8fe946.txt")])
        .status
        .success());

    // A reader (here: this process) holds the store: a build is refused.
    let reader = Store::open(&store, Access::Read).unwrap();
    let out = build(&store, &[&seeds()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("store {} is busy: a reader", store.display())),
        "{err}"
    );
    no_panic(&err);
    // ... and other readers still get in.
    let out = bin()
        .args(["query", "--format", "tsv", "--store"])
        .arg(&store)
        .arg("ASK { ?s ?p ?o }")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    drop(reader);

    // A writer holds the store: readers are refused (a read-only open next to a live
    // writer is undefined behaviour in RocksDB), and so is a second writer.
    let writer = Store::open(&store, Access::Write).unwrap();
    for args in [
        &["query", "ASK { ?s ?p ?o }"][..],
        &["export", "--format", "nquads"],
        &["network"],
    ] {
        let out = bin()
            .args(args)
            .arg("--store")
            .arg(&store)
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("is busy: it is being written by")
                && err.contains(&format!("pid {}", std::process::id())),
            "{args:?}: {err}"
        );
        no_panic(&err);
    }
    drop(writer);
    assert!(bin()
        .args(["query", "--store"])
        .arg(&store)
        .arg("ASK { ?s ?p ?o }")
        .output()
        .unwrap()
        .status
        .success());
}

#[test]
fn rocksdb_lock_error_gets_the_same_clear_message() {
    let dir = tempdir();
    let store = dir.path().join("db");
    assert!(build(&store, &[&seeds().join("003_cd7b60f6df8fe946.txt")])
        .status
        .success());
    // Something other than diplograph (no diplograph.lock taken) opens the database read-write.
    let raw = oxigraph::store::Store::open(&store).unwrap();
    let out = build(&store, &[&seeds()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "store {} is busy: another program has the database open",
            store.display()
        )),
        "{err}"
    );
    assert!(!err.contains("IO error"), "raw RocksDB text: {err}");
    no_panic(&err);
    drop(raw);
    // The lock goes with the process: nothing stale is left behind.
    assert!(build(&store, &[&seeds()]).status.success());
}

#[test]
fn a_folder_that_is_not_a_store_is_not_written_into() {
    let dir = tempdir();
    let folder = dir.path().join("articles");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(
        seeds().join("003_cd7b60f6df8fe946.txt"),
        folder.join("a.txt"),
    )
    .unwrap();
    let out = build(&folder, &[&seeds()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("is not a diplograph store"), "{err}");
    assert_eq!(
        std::fs::read_dir(&folder).unwrap().count(),
        1,
        "files were added to the folder"
    );
}

// ---------------------------------------------------------------------------
// 2. Crash safety.

/// `kill -9` at ten seeded moments of builds over 300 generated articles. A round
/// continues the job while the store is incomplete and replaces every graph
/// (--force) once it is complete, so kills land while graphs are added and while
/// they are replaced. After each kill the store opens and every article graph is
/// whole or absent; the next build finishes the job and equals an uninterrupted one.
#[test]
fn kill_9_during_build_loses_no_committed_article_and_leaves_none_partial() {
    let c = corpus();
    let dir = tempdir();
    let store = dir.path().join("db");
    let seed = std::env::var("DIPLOGRAPH_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_0006u64);
    let mut rng = SplitMix(seed);
    let t0 = Instant::now();
    // How long a whole build takes here; corrected whenever a build ends before its kill.
    let mut span = c.build_time.as_secs_f64();
    let (mut killed, mut mid_store, mut report) = (0, 0, Vec::new());
    let mut before = 0usize;
    let mut prev_stamps = std::collections::BTreeSet::new();
    for round in 0..10 {
        let force = before == 300;
        // Continuing an incomplete store: kill early enough to leave part of the job
        // (the first build's measured time includes a cold start); replacing: anywhere.
        let delay = Duration::from_secs_f64(rng.between(0.1, if force { 0.9 } else { 0.6 }) * span);
        let mut cmd = spawn_cmd(dir.path());
        cmd.arg("build")
            .arg("--store")
            .arg(&store)
            .arg(&c.docs)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if force {
            cmd.arg("--force");
        }
        let started = Instant::now();
        let mut child = cmd.spawn().unwrap();
        let mut ended = None;
        while started.elapsed() < delay {
            if let Some(st) = child.try_wait().unwrap() {
                ended = Some((st, started.elapsed()));
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let was_running = ended.is_none();
        if let Some((st, took)) = ended {
            assert!(st.success(), "round {round}: the build failed: {st:?}");
            if force || before == 0 {
                span = took.as_secs_f64();
            }
        } else {
            child.kill().unwrap(); // SIGKILL
            killed += 1;
            let st = child.wait().unwrap();
            assert!(
                st.signal() == Some(9) || st.success(),
                "round {round}: {st:?}"
            );
        }
        let (whole, stamps) = match census(&store) {
            Some(cs) => (assert_whole(&cs, &c.expected, c.ontology), cs.stamps),
            None => (0, Default::default()),
        };
        assert!(
            whole >= before,
            "round {round}: committed articles were lost ({before} -> {whole})"
        );
        // A kill landed while articles were being stored: a part of the corpus went in,
        // or (with --force) some graphs carry a new timestamp and others an old one.
        let fresh = stamps.difference(&prev_stamps).count();
        if (before < whole && whole < 300)
            || (force && was_running && fresh > 0 && fresh < stamps.len())
        {
            mid_store += 1;
        }
        report.push(format!(
            "round {round}: {}{} after {:.2}s -> {whole} whole articles, {} timestamps",
            if force { "--force, " } else { "" },
            if was_running { "killed" } else { "finished" },
            delay.as_secs_f64(),
            stamps.len()
        ));
        before = whole;
        prev_stamps = stamps;
    }
    let out = spawn_cmd(dir.path())
        .arg("build")
        .arg("--store")
        .arg(&store)
        .arg(&c.docs)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the build after the kills: {}",
        stderr(&out)
    );
    let cs = census(&store).unwrap();
    assert_eq!(assert_whole(&cs, &c.expected, c.ontology), 300);
    same(&dump(&store), &dump(&c.reference));
    eprintln!(
        "kill -9 test (seed {seed:#x}, uninterrupted build {:.2}s): {killed} kills, {mid_store} during storing, {:.1}s in all\n  {}",
        c.build_time.as_secs_f64(),
        t0.elapsed().as_secs_f64(),
        report.join("\n  ")
    );
    assert!(
        killed >= 5,
        "too few builds were still running when killed: {report:#?}"
    );
    assert!(
        mid_store >= 1,
        "no kill landed while articles were being stored: {report:#?}"
    );
    assert!(t0.elapsed() < Duration::from_secs(120), "{report:#?}");
}

/// Article graphs of a store as sorted N-Quads lines without timestamps.
fn graphs(store: &Path) -> BTreeMap<String, Vec<String>> {
    let s = Store::open(store, Access::Read).unwrap_or_else(|e| panic!("{e}"));
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for q in s.sorted_quads(None).unwrap() {
        if q.predicate.as_str() == STARTED {
            continue;
        }
        out.entry(q.graph_name.to_string())
            .or_default()
            .push(q.to_string());
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
}

/// Deterministic: the process dies (abort: no unwinding, no destructors, like kill -9)
/// with an article's transaction staged but not committed. That article keeps its
/// old graph or stays absent; nothing is half there. Fails if an article were
/// written in more than one transaction (e.g. clear, then insert).
#[test]
fn a_crash_inside_a_transaction_leaves_the_old_graph_or_none() {
    let dir = tempdir();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for f in files_in(&seeds()) {
        std::fs::copy(&f, input.join(f.file_name().unwrap())).unwrap();
    }
    let files = files_in(&input);
    let run = |store: &Path, fault: Option<&str>, force: bool| {
        let mut c = spawn_cmd(dir.path());
        c.arg("build").arg("--store").arg(store).arg(&input);
        if force {
            c.arg("--force");
        }
        if let Some(f) = fault {
            c.env("DIPLOGRAPH_FAULT", f);
        }
        c.output().unwrap()
    };
    let article = |f: &Path| diplograph::resolve::article_iri(&source::read_path(f).unwrap()[0]);
    let meta = format!("<{META}>");

    // What an uninterrupted build stores.
    let twin = dir.path().join("twin");
    assert!(run(&twin, None, false).status.success());
    let full = graphs(&twin);

    // Fresh store: transaction 1 is the ontology, 2 the first article, 3 the second (aborted).
    let store = dir.path().join("db");
    let out = run(&store, Some("abort-before-commit:3"), false);
    assert_eq!(
        out.status.signal(),
        Some(6),
        "the fault did not fire: {out:?}"
    );
    let g = graphs(&store);
    let arts: Vec<&String> = g
        .keys()
        .filter(|k| **k != meta && !k.contains("graph/ontology") && !k.contains("graph/world"))
        .collect();
    assert_eq!(
        arts,
        vec![&format!("<{}>", article(&files[0]))],
        "only the first article is in"
    );
    // The world graph holds what the committed article gave it, as a build of it alone does.
    let alone = dir.path().join("alone");
    let out = spawn_cmd(dir.path())
        .arg("build")
        .arg("--store")
        .arg(&alone)
        .arg(&files[0])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let world = format!("<{WORLD}>");
    assert_eq!(
        g[&world],
        graphs(&alone)[&world],
        "world graph after the crash"
    );
    for (k, v) in &g {
        if *k != meta && *k != world {
            assert_eq!(v, &full[k], "{k} differs from an uninterrupted build");
        }
    }
    assert_whole(
        &census(&store).unwrap(),
        &census(&twin)
            .unwrap()
            .graphs
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect(),
        full[&format!("<{ONTOLOGY}>")].len(),
    );

    // The next build finishes the job: the same as the uninterrupted build.
    assert!(run(&store, None, false).status.success());
    same(&dump(&store), &dump(&twin));

    // Change the third article, crash while its new graph is staged: nothing changes.
    let third = &files[2];
    let mut text = std::fs::read_to_string(third).unwrap();
    text.push_str("\n\nPresident Shavkat Mirziyoyev of Uzbekistan held talks with President Kassym-Jomart Tokayev of Kazakhstan in Tashkent on Friday.\n");
    std::fs::write(third, &text).unwrap();
    let out = run(&store, Some("abort-before-commit:1"), false);
    assert_eq!(out.status.signal(), Some(6), "{out:?}");
    same(&dump(&store), &dump(&twin));

    // Replace every graph (--force) and crash at the fourth: the first three are the
    // new versions, the fourth and fifth the old ones, each whole.
    let twin2 = dir.path().join("twin2");
    copy_dir(&store, &twin2);
    assert!(run(&twin2, None, true).status.success());
    let new = graphs(&twin2);
    let out = run(&store, Some("abort-before-commit:4"), true);
    assert_eq!(out.status.signal(), Some(6), "{out:?}");
    let g = graphs(&store);
    for (i, f) in files.iter().enumerate() {
        let k = format!("<{}>", article(f));
        let want = if i < 3 { &new[&k] } else { &full[&k] };
        assert_eq!(
            &g[&k],
            want,
            "article {} ({k}) is not the {} version",
            i + 1,
            if i < 3 { "new" } else { "old" }
        );
    }
    assert_ne!(
        new[&format!("<{}>", article(third))],
        full[&format!("<{}>", article(third))],
        "the changed article must differ"
    );

    // And the next build goes through.
    assert!(run(&store, None, false).status.success());
}

#[test]
fn a_store_from_a_newer_version_is_refused() {
    let dir = tempdir();
    let store = dir.path().join("db");
    assert!(build(&store, &[&seeds().join("003_cd7b60f6df8fe946.txt")])
        .status
        .success());
    {
        let raw = oxigraph::store::Store::open(&store).unwrap();
        let meta = NamedNode::new(META).unwrap();
        let p = NamedNode::new("https://w3id.org/diplograph/ontology#formatVersion").unwrap();
        let old: Vec<Quad> = raw
            .quads_for_pattern(
                Some(meta.as_ref().into()),
                Some(p.as_ref()),
                None,
                Some(GraphNameRef::NamedNode(meta.as_ref())),
            )
            .map(Result::unwrap)
            .collect();
        assert_eq!(old.len(), 1, "the store records its format version");
        raw.remove(&old[0]).unwrap();
        raw.insert(&Quad::new(
            meta.clone(),
            p,
            Literal::from(99),
            GraphName::NamedNode(meta),
        ))
        .unwrap();
    }
    let len = || {
        oxigraph::store::Store::open_read_only(&store)
            .unwrap()
            .len()
            .unwrap()
    };
    let before = len();
    for args in [
        &["query", "ASK { ?s ?p ?o }"][..],
        &["export"],
        &["build", "seeds"],
    ] {
        let out = bin()
            .args(args)
            .arg("--store")
            .arg(&store)
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains(&format!(
                "store {} was written by a newer diplograph (store format 99",
                store.display()
            )),
            "{err}"
        );
        assert!(err.contains("upgrade diplograph"), "{err}");
        no_panic(&err);
    }
    assert_eq!(len(), before, "the refused build changed the store");
}

// ---------------------------------------------------------------------------
// 3. Bad input, tried for real.

/// The Cyrillic fixture in a legacy encoding.
fn cyrillic(enc: &'static encoding_rs::Encoding) -> Vec<u8> {
    let text = std::fs::read_to_string(root().join("tests/data/bad/cyrillic.txt")).unwrap();
    let (bytes, _, unmappable) = enc.encode(&text);
    assert!(
        !unmappable,
        "the fixture must be representable in {}",
        enc.name()
    );
    bytes.into_owned()
}

fn jsonl(records: &[&str]) -> String {
    records.iter().map(|r| format!("{r}\n")).collect()
}

#[test]
fn a_folder_of_bad_inputs_reports_each_once_and_stores_the_good_ones() {
    let dir = tempdir();
    let good = dir.path().join("good");
    let mixed = dir.path().join("mixed");
    for d in [&good, &mixed] {
        std::fs::create_dir(d).unwrap();
        for f in ["000_b3140a01914eafa7.txt", "003_cd7b60f6df8fe946.txt"] {
            std::fs::copy(seeds().join(f), d.join(f)).unwrap();
        }
        // Legacy Cyrillic encodings are decoded: they are good inputs.
        std::fs::write(d.join("ru_cp1251.txt"), cyrillic(encoding_rs::WINDOWS_1251)).unwrap();
        std::fs::write(d.join("ru_koi8r.txt"), cyrillic(encoding_rs::KOI8_R)).unwrap();
    }
    let rec1 = r#"{"id": "wire-1", "url": "https://example.org/news/1", "title": "Leaders meet in Accra", "text": "President John Mahama of Ghana held talks with President Bola Tinubu of Nigeria in Accra on Tuesday, officials said. The two leaders discussed trade and security."}"#;
    let rec2 = r#"{"id": "wire-2", "url": "https://example.org/news/2", "text": "Prime Minister Narendra Modi of India met Prime Minister Sheikh Hasina of Bangladesh in New Delhi on Monday. They signed a memorandum of understanding on river water sharing."}"#;
    std::fs::write(good.join("wire.jsonl"), jsonl(&[rec1, rec2])).unwrap();
    std::fs::write(
        mixed.join("wire.jsonl"),
        jsonl(&[rec1, r#"{"id": "wire-x", "text": "unterminated"#, rec2]),
    )
    .unwrap();

    // The bad ones, and the words their error must carry.
    let mut bad: Vec<(PathBuf, &str)> = Vec::new();
    let m = |n: &str| mixed.join(n);
    std::fs::write(m("empty.txt"), b"").unwrap();
    bad.push((m("empty.txt"), "file is empty"));
    std::fs::write(m("image.txt"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00\x5c\x72\xa8\x66").unwrap();
    bad.push((m("image.txt"), "binary data"));
    let mut broken = std::fs::read(seeds().join("001_aaffa267b60505c4.txt")).unwrap();
    broken.splice(200..200, [0xC3, 0x28, 0xFF]);
    broken.extend_from_slice("\nPresident Erdoğan — and Łukašenka.\n".as_bytes());
    std::fs::write(m("damaged_utf8.txt"), &broken).unwrap();
    bad.push((m("damaged_utf8.txt"), "invalid UTF-8"));
    let huge = std::fs::File::create(m("huge.txt")).unwrap();
    huge.set_len(100 * 1024 * 1024).unwrap(); // sparse: 100 MB without writing them
    bad.push((
        m("huge.txt"),
        "file too large (104857600 bytes; the limit for one article is 16777216 bytes = 16 MiB",
    ));
    std::os::unix::fs::symlink("loop.txt", m("loop.txt")).unwrap();
    bad.push((m("loop.txt"), "Too many levels of symbolic links"));
    std::os::unix::fs::symlink(&mixed, m("again")).unwrap();
    bad.push((m("again"), "symbolic link loop"));
    std::os::unix::fs::symlink("nowhere.txt", m("dangling.txt")).unwrap();
    bad.push((m("dangling.txt"), "No such file or directory"));
    std::fs::create_dir(m("folder.txt")).unwrap();
    bad.push((m("folder.txt"), "is a directory"));
    std::fs::write(
        m("page.html"),
        "President A met President B. Just words in a file called .html, no markup at all.",
    )
    .unwrap();
    bad.push((m("page.html"), "not HTML"));
    let fifo = std::process::Command::new("mkfifo")
        .arg(m("pipe.txt"))
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if fifo {
        bad.push((m("pipe.txt"), "not a regular file"));
    }
    std::fs::write(
        m("secret.txt"),
        std::fs::read(seeds().join("001_aaffa267b60505c4.txt")).unwrap(),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(m("secret.txt"), std::fs::Permissions::from_mode(0o000)).unwrap();
    // As root, mode 000 does not stop reading; then the file is simply a good one and
    // this case cannot be provoked here (CI runs as root). Detect, do not guess.
    let unreadable = std::fs::File::open(m("secret.txt")).is_err();
    if unreadable {
        bad.push((m("secret.txt"), "Permission denied"));
    } else {
        std::fs::copy(
            seeds().join("001_aaffa267b60505c4.txt"),
            good.join("secret.txt"),
        )
        .unwrap();
    }

    let s1 = dir.path().join("db-mixed");
    let s2 = dir.path().join("db-good");
    // A FIFO opened for reading would block forever: bound the run.
    let mut c = std::process::Command::new(bin_path());
    c.current_dir(root())
        .arg("build")
        .arg("--store")
        .arg(&s1)
        .arg(&mixed);
    let out = output_within(c, 120);
    let _ = std::fs::set_permissions(m("secret.txt"), std::fs::Permissions::from_mode(0o644));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    no_panic(&err);
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    for (path, why) in &bad {
        let p = path.display().to_string();
        let hits: Vec<&&str> = errors
            .iter()
            .filter(|l| l.starts_with(&format!("error: {p}:")))
            .collect();
        assert_eq!(hits.len(), 1, "{p} must be reported exactly once:\n{err}");
        assert!(
            hits[0].contains(why),
            "{p}: expected {why:?} in {:?}",
            hits[0]
        );
    }
    // The broken JSON Lines record: FILE:LINE, once; its neighbours go in.
    let jl = format!(
        "error: {}:2: not a JSON article",
        mixed.join("wire.jsonl").display()
    );
    assert_eq!(
        errors.iter().filter(|l| l.starts_with(&jl)).count(),
        1,
        "{err}"
    );
    assert_eq!(
        errors.len(),
        bad.len() + 1,
        "nothing else is an error:\n{err}"
    );
    assert!(err.contains(&format!("{} failed", bad.len() + 1)), "{err}");

    let out = build(&s2, &[&good]);
    assert!(out.status.success(), "{}", stderr(&out));
    same(&dump(&s1), &dump(&s2));
    let arts = census(&s2).unwrap().indexed.len() - 1; // minus the ontology
    assert_eq!(arts, 2 + 2 + 2 + usize::from(!unreadable));
}

/// Windows-1251 and KOI8-R give exactly the text and the facts of the UTF-8 original.
#[test]
fn legacy_cyrillic_is_decoded_not_mangled() {
    let utf8 = std::fs::read(root().join("tests/data/bad/cyrillic.txt")).unwrap();
    let text = String::from_utf8(utf8.clone()).unwrap();
    let ex = Extractor::new(&LEX);
    let reference = source::from_bytes("ru.txt", &utf8, Kind::Text).unwrap();
    let want = Resolver::default()
        .resolve(&reference, &ex.extract(&reference), &LEX)
        .contract();
    assert!(
        !want.persons.is_empty(),
        "the fixture should yield facts: {want:?}"
    );
    for enc in [encoding_rs::WINDOWS_1251, encoding_rs::KOI8_R] {
        let bytes = cyrillic(enc);
        assert_eq!(
            source::decode(&bytes).as_deref(),
            Some(text.as_str()),
            "{}",
            enc.name()
        );
        let d = source::from_bytes("ru.txt", &bytes, Kind::Text).unwrap();
        assert_eq!(
            d.title.as_deref(),
            Some("Лукашенко и Мирзиёев обсудили торговлю и новые проекты"),
            "{}",
            enc.name()
        );
        let got = Resolver::default()
            .resolve(&d, &ex.extract(&d), &LEX)
            .contract();
        assert_eq!(got, want, "{}", enc.name());
    }
}

#[test]
fn a_jsonl_file_larger_than_the_cap_is_streamed() {
    let dir = tempdir();
    let p = dir.path().join("big.jsonl");
    let rec = r#"{"text": "President John Mahama of Ghana held talks with President Bola Tinubu of Nigeria in Accra on Tuesday."}"#;
    let filler = format!(
        "{{\"text\": \"{}\"}}",
        "Lorem ipsum dolor sit amet. ".repeat(2000)
    );
    let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
    use std::io::Write;
    writeln!(f, "{rec}").unwrap();
    let mut n = 1;
    while f.get_ref().metadata().unwrap().len() < source::MAX_BYTES + (1 << 20) {
        writeln!(f, "{filler}").unwrap();
        n += 1;
    }
    f.flush().unwrap();
    drop(f);
    let input = source::read_input(&p);
    assert!(
        input
            .errors
            .iter()
            .all(|e| e.to_string().contains("no article text")
                || e.to_string().contains("not a JSON")),
        "{:?}",
        input.errors
    );
    assert_eq!(input.docs.len() + input.errors.len(), n);
    assert!(input.docs[0].text.contains("Bola Tinubu"));
}

// ---------------------------------------------------------------------------
// 4. Broken configuration.

#[test]
fn an_ontology_syntax_error_names_file_line_and_column_and_creates_nothing() {
    let dir = tempdir();
    let onto = dir.path().join("ontology");
    std::fs::create_dir(&onto).unwrap();
    for f in files_in(&root().join("ontology")) {
        if f.extension().is_some_and(|x| x == "ttl") {
            std::fs::copy(&f, onto.join(f.file_name().unwrap())).unwrap();
        }
    }
    let mut text = std::fs::read_to_string(onto.join("cities.ttl")).unwrap();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let line = text.lines().count() + 1;
    text.push_str("<https://example.org/x> <https://example.org/y> .\n"); // no object
    std::fs::write(onto.join("cities.ttl"), text).unwrap();
    let store = dir.path().join("db");
    let out = bin()
        .arg("build")
        .arg("--ontology")
        .arg(&onto)
        .arg("--store")
        .arg(&store)
        .arg(seeds())
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let at = format!("cities.ttl:{line}:");
    let rest = err
        .split(&at)
        .nth(1)
        .unwrap_or_else(|| panic!("no {at} in {err}"));
    assert!(
        rest.chars().next().is_some_and(|c| c.is_ascii_digit()),
        "no column after {at}: {err}"
    );
    no_panic(&err);
    assert!(!store.exists(), "a failed configuration created the store");
}

#[test]
fn a_sparql_syntax_error_names_line_and_column_and_exits_2() {
    let dir = tempdir();
    let store = dir.path().join("db");
    assert!(build(&store, &[&seeds().join("003_cd7b60f6df8fe946.txt")])
        .status
        .success());
    let q = dir.path().join("bad.rq");
    // Oxigraph reports the furthest point its parser reached: keep the error on the last line.
    std::fs::write(
        &q,
        "PREFIX dg: <https://w3id.org/diplograph/ontology#>\nSELECT ?x\nWHERE { ?x dg:name }",
    )
    .unwrap();
    let out = bin()
        .args(["query", "--store"])
        .arg(&store)
        .arg("-f")
        .arg(&q)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("{}: SPARQL syntax error", q.display())),
        "{err}"
    );
    assert!(
        err.contains("error at 3:"),
        "line and column of the error: {err}"
    );
    no_panic(&err);
}

#[test]
fn an_unknown_format_lists_the_accepted_ones() {
    for (args, values) in [
        (
            &["export", "--format", "rdfxml"][..],
            &["turtle", "ntriples", "nquads", "trig"][..],
        ),
        (
            &["query", "--format", "yaml", "ASK {}"],
            &["table", "json", "xml", "csv", "tsv"],
        ),
        (
            &["network", "--format", "pdf"],
            &[
                "dot", "json", "graphml", "gexf", "csv", "svg", "png", "html",
            ],
        ),
        (&["extract", "--format", "xml", "seeds"], &["jsonl"]),
    ] {
        let out = bin().args(args).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("invalid value") && err.contains("possible values"),
            "{err}"
        );
        for v in values {
            assert!(err.contains(v), "{v} not listed: {err}");
        }
    }
}

// ---------------------------------------------------------------------------
// 5. Outputs never half-written.

fn temp_files(dir: &Path, name: &str) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!(".{name}."))
        })
        .collect()
}

#[test]
fn an_export_killed_midway_leaves_the_old_file_intact() {
    let c = corpus();
    let dir = tempdir();
    let out_file = dir.path().join("graph.nq");
    let old =
        b"<https://example.org/old> <https://example.org/p> \"the previous export\" .\n".to_vec();
    std::fs::write(&out_file, &old).unwrap();
    let mut kills = Vec::new();
    // Kill once the temp file has 1 byte, 1 MB and 4 MB in it (the full export is ~13 MB).
    for threshold in [1u64, 1 << 20, 4 << 20] {
        let mut child = spawn_cmd(dir.path())
            .args(["export", "--format", "nquads", "--store"])
            .arg(&c.reference)
            .arg("--out")
            .arg(&out_file)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let t = Instant::now();
        let size = loop {
            let size = temp_files(dir.path(), "graph.nq")
                .iter()
                .filter_map(|p| p.metadata().ok())
                .map(|m| m.len())
                .max();
            if let Some(s) = size.filter(|&s| s >= threshold) {
                break s;
            }
            assert!(
                child.try_wait().unwrap().is_none(),
                "the export finished before it could be killed"
            );
            assert!(t.elapsed() < Duration::from_secs(60));
            std::thread::sleep(Duration::from_micros(200));
        };
        child.kill().unwrap();
        child.wait().unwrap();
        kills.push(size);
        assert_eq!(
            std::fs::read(&out_file).unwrap(),
            old,
            "killed with {size} bytes written: the old file changed"
        );
        for t in temp_files(dir.path(), "graph.nq") {
            std::fs::remove_file(t).unwrap();
        }
    }
    eprintln!("export killed with {kills:?} bytes in the temp file; old file intact each time");
    let out = spawn_cmd(dir.path())
        .args(["export", "--format", "nquads", "--store"])
        .arg(&c.reference)
        .arg("--out")
        .arg(&out_file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        temp_files(dir.path(), "graph.nq").is_empty(),
        "temp file left after success"
    );
    let n = diplograph::check::count(&out_file).unwrap();
    assert_eq!(n, c.graphs_total());
}

impl Corpus {
    fn graphs_total(&self) -> usize {
        census(&self.reference).unwrap().graphs.values().sum()
    }
}

#[test]
fn file_outputs_get_the_usual_permissions_not_the_temp_files() {
    let dir = tempdir();
    let store = dir.path().join("db");
    assert!(build(&store, &[&seeds().join("003_cd7b60f6df8fe946.txt")])
        .status
        .success());
    use std::os::unix::fs::PermissionsExt;
    let outs = dir.path().join("outs");
    std::fs::create_dir(&outs).unwrap();
    for (args, name) in [
        (&["export", "--quiet", "--store"][..], "g.ttl"),
        (&["network", "--format", "graphml", "--store"], "n.graphml"),
        (
            &["extract", "seeds/003_cd7b60f6df8fe946.txt", "--store"],
            "facts.jsonl",
        ),
    ] {
        let out = outs.join(name);
        // extract has no --store: the flag is dropped again below.
        let args: Vec<&str> = args
            .iter()
            .copied()
            .filter(|a| !(name == "facts.jsonl" && *a == "--store"))
            .collect();
        let script = format!(r#"umask 022 && exec "$0" {} "$@""#, args.join(" "));
        let mut c = std::process::Command::new("sh");
        c.arg("-c").arg(script).arg(bin_path());
        if name != "facts.jsonl" {
            c.arg(&store);
        }
        let o = c
            .arg("--out")
            .arg(&out)
            .current_dir(root())
            .output()
            .unwrap();
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        assert_eq!(
            std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o644,
            "{name}"
        );
    }
    let names: Vec<String> = std::fs::read_dir(&outs)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "temp files left behind: {names:?}");
}

/// Reads a little of the command's stdout, closes the pipe, and expects exit 0 and a quiet stderr.
fn closed_pipe(args: &[&std::ffi::OsStr], read: usize) {
    let mut child = std::process::Command::new(bin_path())
        .args(args)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = vec![0u8; read];
    stdout.read_exact(&mut buf).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    assert!(
        !err.contains("error") && !err.contains("Broken pipe"),
        "{args:?}: {err}"
    );
    no_panic(&err);
}

#[test]
fn a_closed_pipe_exits_0_quietly() {
    let c = corpus();
    let s = c.reference.as_os_str();
    let o = |x: &str| std::ffi::OsString::from(x);
    closed_pipe(
        &[&o("export"), &o("--format"), &o("nquads"), &o("--store"), s],
        100,
    );
    closed_pipe(
        &[&o("export"), &o("--format"), &o("turtle"), &o("--store"), s],
        100,
    );
    closed_pipe(
        &[
            &o("query"),
            &o("--format"),
            &o("tsv"),
            &o("--store"),
            s,
            &o("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"),
        ],
        100,
    );
    closed_pipe(&[&o("extract"), c.docs.as_os_str()], 100);
    closed_pipe(
        &[&o("network"), &o("--format"), &o("json"), &o("--store"), s],
        10,
    );
    // `check` prints little: close before it writes anything.
    let ttl = scratch().join("pipe-check.ttl");
    std::fs::write(
        &ttl,
        "<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n",
    )
    .unwrap();
    let mut child = std::process::Command::new(bin_path())
        .arg("check")
        .args([&ttl, &ttl, &ttl])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    no_panic(&stderr(&out));
}

// ---------------------------------------------------------------------------
// 8. Backups.

#[test]
fn a_backup_is_a_complete_store_and_never_half_made() {
    let dir = tempdir();
    let store = dir.path().join("db");
    assert!(build(&store, &[&seeds()]).status.success());
    let target = dir.path().join("backup");
    assert_eq!(
        diplograph::commands::backup(&store, &target, true).unwrap(),
        0
    );
    same(&dump(&target), &dump(&store));
    // Usable by the binary like any store, and independent of the original.
    let out = bin()
        .args(["query", "--format", "tsv", "--store"])
        .arg(&target)
        .arg("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // An existing target is refused, not merged into.
    let e = diplograph::commands::backup(&store, &target, true)
        .unwrap_err()
        .to_string();
    assert!(e.contains("already exists"), "{e}");
    assert!(std::fs::read_dir(dir.path()).unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .contains(".partial")));
    // A missing store is not created by a backup.
    let e = diplograph::commands::backup(&dir.path().join("nope"), &dir.path().join("b2"), true)
        .unwrap_err()
        .to_string();
    assert!(e.contains("no store at"), "{e}");
    // The command: it needs the store to itself (a reader's open would hide unflushed commits).
    let reader = Store::open(&store, Access::Read).unwrap();
    let out = bin()
        .args(["backup", "--store"])
        .arg(&store)
        .arg(dir.path().join("b3"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is busy: a reader"),
        "{}",
        stderr(&out)
    );
    drop(reader);
    let out = bin()
        .args(["backup", "--store"])
        .arg(&store)
        .arg(dir.path().join("b3"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    same(&dump(&dir.path().join("b3")), &dump(&store));
}

/// After a crash the last commits are only in RocksDB's write-ahead log, not flushed:
/// the backup must still hold them.
#[test]
fn a_backup_after_a_crash_holds_every_committed_article() {
    let dir = tempdir();
    let store = dir.path().join("db");
    let out = spawn_cmd(dir.path())
        .env("DIPLOGRAPH_FAULT", "abort-before-commit:5")
        .arg("build")
        .arg("--store")
        .arg(&store)
        .arg(seeds())
        .output()
        .unwrap();
    assert_eq!(out.status.signal(), Some(6), "{out:?}");
    let before = dump(&store);
    assert!(!before.is_empty());
    let target = dir.path().join("backup");
    diplograph::commands::backup(&store, &target, true).unwrap();
    same(&dump(&target), &before);
}

// ---------------------------------------------------------------------------
// 7. Properties: extraction on arbitrary Unicode, spans, IRIs.

thread_local! {
    static PANICKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `Extractor::extract` catches panics (one document's facts, never the run), so a
/// property "never panics" must watch the panic hook, not the return value.
fn watch_panics() {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICKED.with(|p| p.set(true));
            previous(info);
        }));
    });
    PANICKED.with(|p| p.set(false));
}

fn panicked() -> bool {
    PANICKED.with(|p| p.get())
}

static EXTRACTOR: LazyLock<Extractor<'static>> = LazyLock::new(|| Extractor::new(&LEX));

/// Runs the pipeline on `text` and checks every invariant; returns the facts.
fn pipeline_invariants(
    text: &str,
) -> Result<Option<diplograph::facts::ArticleFacts>, TestCaseError> {
    watch_panics();
    let Ok(doc) = source::from_bytes("prop.txt", text.as_bytes(), Kind::Text) else {
        return Ok(None);
    };
    let ex = EXTRACTOR.extract(&doc);
    prop_assert!(!panicked(), "extraction panicked on {:?}", text);
    for s in &ex.sentences {
        prop_assert!(s.start <= s.end && s.end <= doc.text.len());
        prop_assert!(
            doc.text.is_char_boundary(s.start) && doc.text.is_char_boundary(s.end),
            "sentence {}..{} not on char boundaries",
            s.start,
            s.end
        );
    }
    let facts = Resolver::default().resolve(&doc, &ex, &LEX);
    let chars: Vec<char> = doc.text.chars().collect();
    let evidence = facts
        .persons
        .iter()
        .map(|p| &p.evidence)
        .chain(facts.meetings.iter().map(|m| &m.evidence))
        .chain(facts.documents.iter().map(|d| &d.evidence))
        .chain(facts.trade.iter().map(|t| &t.evidence));
    for e in evidence {
        prop_assert!(
            e.begin <= e.end && e.end <= chars.len(),
            "evidence {}..{} outside {} chars",
            e.begin,
            e.end,
            chars.len()
        );
        let span: String = chars[e.begin..e.end].iter().collect();
        prop_assert_eq!(
            span.split_whitespace().collect::<Vec<_>>().join(" "),
            e.sentence.clone()
        );
    }
    for q in diplograph::rdf::article_quads(&facts, "2024-01-01T00:00:00Z") {
        let mut iris = vec![q.predicate.as_str().to_string()];
        if let NamedOrBlankNode::NamedNode(n) = &q.subject {
            iris.push(n.as_str().to_string());
        }
        if let Term::NamedNode(n) = &q.object {
            iris.push(n.as_str().to_string());
        }
        if let GraphName::NamedNode(n) = &q.graph_name {
            iris.push(n.as_str().to_string());
        }
        for i in iris {
            prop_assert!(NamedNode::new(&i).is_ok(), "invalid IRI minted: {:?}", i);
        }
    }
    Ok(Some(facts))
}

/// News-like text: names, offices, verbs, places, dates, money, other scripts,
/// combining marks, direction marks and line breaks, in random order.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("President"),
        Just("Prime Minister"),
        Just("Foreign Minister"),
        Just("H.E."),
        Just("Mr."),
        Just("Alexander Lukashenko"),
        Just("Shavkat Mirziyoyev"),
        Just("Kassym-Jomart Tokayev"),
        Just("Recep Tayyip Erdoğan"),
        Just("Łukašenka"),
        Just("Лукашенко"),
        Just("Мирзиёев"),
        Just("Emmanuel Macron"),
        Just("Xi Jinping"),
        Just("Ali"),
        Just("met"),
        Just("held talks with"),
        Just("received"),
        Just("signed"),
        Just("agreement on"),
        Just("memorandum"),
        Just("of"),
        Just("in"),
        Just("and"),
        Just("the"),
        Just(","),
        Just("."),
        Just(". "),
        Just("\n"),
        Just("\n\n"),
        Just("\""),
        Just("Minsk"),
        Just("Tashkent"),
        Just("Belarus"),
        Just("Uzbekistan"),
        Just("Uzbek"),
        Just("Belarusian"),
        Just("Ankara"),
        Just("on Friday"),
        Just("yesterday"),
        Just("8 February 2024"),
        Just("February 30, 2024"),
        Just("8 февраля 2024"),
        Just("31.02.2024"),
        Just("trade turnover"),
        Just("reached"),
        Just("$1.5 billion"),
        Just("USD 10 bn"),
        Just("ten billion dollars"),
        Just("$99999999999999999999 trillion"),
        Just("\u{301}"),
        Just("\u{200F}"),
        Just("\u{2028}"),
        Just("\u{FEFF}"),
        Just("ﬁ"),
        Just("Ｐｒｅｓｉｄｅｎｔ"),
        Just("👍🏽"),
        Just("\t"),
        Just("\r"),
        "\\PC{0,6}".prop_map(|s| Box::leak(s.into_boxed_str()) as &str),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn extraction_never_panics_on_arbitrary_unicode(text in any::<String>()) {
        pipeline_invariants(&text)?;
    }

    #[test]
    fn extraction_never_panics_on_news_like_text(text in newsy()) {
        pipeline_invariants(&text)?;
    }

    /// Composed and decomposed spellings of one article give the same facts and IRIs.
    #[test]
    fn facts_are_stable_under_nfc_and_nfd(text in newsy()) {
        use unicode_normalization::UnicodeNormalization;
        let a = pipeline_invariants(&text.nfc().collect::<String>())?;
        let b = pipeline_invariants(&text.nfd().collect::<String>())?;
        match (a, b) {
            (Some(a), Some(b)) => {
                prop_assert_eq!(a.contract(), b.contract());
                let iris = |f: &diplograph::facts::ArticleFacts| f.persons.iter().map(|p| p.iri.clone()).chain(f.meetings.iter().map(|m| m.iri.clone())).collect::<Vec<_>>();
                prop_assert_eq!(iris(&a), iris(&b));
            }
            (None, None) => {}
            (a, b) => prop_assert!(false, "one form was refused: {:?} {:?}", a.is_some(), b.is_some()),
        }
    }

    /// Minted IRIs: always valid, the same for NFC, NFD and NFKC spellings of a name.
    #[test]
    fn minted_iris_are_valid_and_normalisation_stable(name in any::<String>()) {
        use unicode_normalization::UnicodeNormalization;
        let slug = lexicon::slug(&name);
        let iri = diplograph::vocab::resource("person", &slug);
        prop_assert!(NamedNode::new(&iri).is_ok(), "invalid IRI {:?}", iri);
        for variant in [name.nfc().collect::<String>(), name.nfd().collect(), name.nfkc().collect(), name.nfkd().collect()] {
            prop_assert_eq!(lexicon::slug(&variant), slug.clone());
            prop_assert_eq!(lexicon::skeleton(&variant), lexicon::skeleton(&name));
        }
    }
}

/// Inputs the fuzzers found (fuzz/README.md): each must go through without a panic.
#[test]
fn fuzz_regressions_pass() {
    let dir = root().join("tests/data/bad/fuzz");
    let entries = std::fs::read_dir(&dir).unwrap();
    watch_panics();
    for e in entries {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            continue;
        }
        let bytes = std::fs::read(&p).unwrap();
        for kind in [Kind::Text, Kind::Html] {
            if let Ok(d) = source::from_bytes("fuzz.txt", &bytes, kind) {
                let _ = EXTRACTOR.extract(&d);
            }
        }
        let _ = source::read_jsonl("f.jsonl", "f.jsonl", &bytes[..], None);
        assert!(!panicked(), "{} panics in source or extract", p.display());
        if let Ok(s) = std::str::from_utf8(&bytes) {
            pipeline_invariants(s).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let _ = diplograph::dates::find_dates(s);
            let _ = diplograph::extract::trade::amounts(s);
        }
        assert!(!panicked(), "{} panics", p.display());
    }
}

// Issue 13: hostile input must not take diplograph down or lose an article.

/// The number of article graphs a store indexes.
fn article_count(store: &Path) -> usize {
    let s = Store::open(store, Access::Read).unwrap_or_else(|e| panic!("{e}"));
    s.articles().unwrap().len()
}

fn summary(err: &str) -> String {
    err.lines()
        .find(|l| l.contains(" stored, "))
        .unwrap_or_else(|| panic!("no summary in:\n{err}"))
        .split(" in ")
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn two_different_files_never_become_one_article() {
    let dir = tempdir();
    let input = dir.path().join("in");
    let seed = |i: usize| std::fs::read(&files_in(&seeds())[i]).unwrap();
    for (name, i) in [
        ("d1/news.txt", 0),
        ("d2/news.txt", 1),
        ("a_b.txt", 2),
        ("A-B.txt", 3),
        ("a b.TXT", 4),
    ] {
        let p = input.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, seed(i)).unwrap();
    }
    let store = dir.path().join("db");
    let out = build(&store, &[&input]);
    let err = stderr(&out);
    no_panic(&err);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // d1/news.txt and d2/news.txt are two articles; the three names that fold to one IRI are
    // each refused, naming the others, and the summary says exactly that.
    assert_eq!(summary(&err), "2 stored, 0 unchanged, 3 failed", "{err}");
    assert_eq!(article_count(&store), 2, "{err}");
    for (name, others) in [
        ("a_b.txt", ["A-B.txt", "a b.TXT"]),
        ("A-B.txt", ["a_b.txt", "a b.TXT"]),
    ] {
        let line = err
            .lines()
            .find(|l| l.starts_with("error: ") && l.contains(&format!("/{name}: ")))
            .unwrap_or_else(|| panic!("no error for {name}:\n{err}"));
        for o in others {
            assert!(line.contains(o), "{o} not named in: {line}");
        }
    }
    // A rebuild says the same, honestly.
    let err = stderr(&build(&store, &[&input]));
    assert_eq!(summary(&err), "0 stored, 2 unchanged, 3 failed", "{err}");
    // Once the names are told apart, the survivor goes in ...
    std::fs::remove_file(input.join("a_b.txt")).unwrap();
    std::fs::remove_file(input.join("a b.TXT")).unwrap();
    let out = build(&store, &[&input]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(article_count(&store), 3);
    // ... and a later build never lets another file take its article.
    let later = dir.path().join("later");
    std::fs::create_dir_all(&later).unwrap();
    std::fs::write(later.join("a_b.txt"), seed(2)).unwrap();
    let out = build(&store, &[&later]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("a_b.txt") && err.contains("\"A-B.txt\""),
        "{err}"
    );
    assert_eq!(article_count(&store), 3);
    // The same bytes under two colliding names are one article, stored once, and said so.
    let copies = dir.path().join("copies");
    std::fs::create_dir_all(&copies).unwrap();
    std::fs::write(copies.join("x_y.txt"), seed(0)).unwrap();
    std::fs::write(copies.join("X-Y.txt"), seed(0)).unwrap();
    let out = build(&dir.path().join("db2"), &[&copies]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("note: ") && err.contains("same bytes"),
        "{err}"
    );
    assert_eq!(article_count(&dir.path().join("db2")), 1);
    // FACTS.md's `doc` is still the file's base name.
    let out = bin()
        .arg("extract")
        .arg(input.join("d1"))
        .arg(input.join("d2"))
        .output()
        .unwrap();
    let docs: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(docs, ["news.txt", "news.txt"]);
}

/// Ten good articles (the first ten .txt files of the dev set).
fn ten_good(dir: &Path) -> Vec<PathBuf> {
    let good: Vec<PathBuf> = files_in(&root().join("tests/data/dev"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .take(10)
        .collect();
    for g in &good {
        std::fs::copy(g, dir.join(g.file_name().unwrap())).unwrap();
    }
    good
}

#[test]
fn hostile_html_costs_only_its_own_page() {
    let dir = tempdir();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    ten_good(&input);
    let words = "President Emmanuel Macron met President Joe Biden in Paris on Monday.";
    // 100,000 unclosed nested tags (1.1 MB): a stack overflow in the HTML parser before.
    let deep = format!(
        "<html><body>{}<p>{words}</p></body></html>",
        "<div><em>x".repeat(100_000)
    );
    assert!(deep.len() > 1_000_000);
    std::fs::write(input.join("deep.html"), &deep).unwrap();
    // 8,000 levels: quadratic (19 s) before; 320,000 attributes on one element: 50 s.
    std::fs::write(
        input.join("nested.html"),
        format!(
            "<html><body>{}<p>{words}</p></body></html>",
            "<span>".repeat(8_000)
        ),
    )
    .unwrap();
    let attrs: String = (0..320_000).map(|i| format!(" a{i}")).collect();
    std::fs::write(
        input.join("wide.html"),
        format!("<html><body><div{attrs}><p>{words}</p></div></body></html>"),
    )
    .unwrap();
    let store = dir.path().join("db");
    let mut c = spawn_cmd(dir.path());
    c.arg("build").arg("--store").arg(&store).arg(&input);
    let started = Instant::now();
    // A hang guard only, far above the seconds this takes.
    let out = output_within(c, 300);
    let err = stderr(&out);
    eprintln!(
        "hostile pages + 10 articles built in {:?}",
        started.elapsed()
    );
    assert_eq!(out.status.signal(), None, "killed by a signal: {err}");
    no_panic(&err);
    assert_eq!(out.status.code(), Some(0), "{err}");
    // Every good article and the text of each hostile page (through the linear tag stripper).
    assert_eq!(article_count(&store), 13, "{err}");
}

#[test]
fn a_query_nested_too_deep_is_refused_with_exit_2() {
    for q in [
        format!("SELECT * WHERE {}{}", "{".repeat(4000), "}".repeat(4000)),
        format!(
            "SELECT ({}1{} AS ?x) {{}}",
            "(".repeat(5000),
            ")".repeat(5000)
        ),
        format!("SELECT * WHERE {{ {} {{}} }}", "{} UNION ".repeat(5000)),
    ] {
        let mut c = spawn_cmd(scratch());
        c.args(["query", "--store", "nowhere.db"]).arg(&q);
        let out = output_within(c, 120);
        let err = stderr(&out);
        assert_eq!(out.status.signal(), None, "killed by a signal: {err}");
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains("1:")
                && (err.contains("nests brackets more than 64")
                    || err.contains("chains more than 4096")),
            "{err}"
        );
        no_panic(&err);
    }
}

#[test]
fn output_onto_a_link_or_a_device_never_replaces_it() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempdir();
    let article = seeds().join("000_b3140a01914eafa7.txt");
    // A symbolic link stays a link; its target gets the output.
    let target = dir.path().join("real.jsonl");
    std::fs::write(&target, "old\n").unwrap();
    let link = dir.path().join("link.jsonl");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = bin()
        .arg("extract")
        .arg("-o")
        .arg(&link)
        .arg(&article)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .contains("\"doc\""));
    // A device node (a copy of /dev/null, made when allowed) is written to, not replaced.
    let null = dir.path().join("null");
    let made = std::process::Command::new("mknod")
        .arg(&null)
        .args(["c", "1", "3"])
        .status()
        .is_ok_and(|s| s.success());
    if made {
        let out = bin()
            .arg("extract")
            .arg("-o")
            .arg(&null)
            .arg(&article)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(std::fs::symlink_metadata(&null)
            .unwrap()
            .file_type()
            .is_char_device());
    }
    // A named pipe is streamed into.
    let fifo = dir.path().join("pipe");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let (tx, rx) = std::sync::mpsc::channel();
    let f2 = fifo.clone();
    std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::fs::File::open(&f2).and_then(|mut f| f.read_to_string(&mut s));
        let _ = tx.send(s);
    });
    let out = bin()
        .arg("extract")
        .arg("-o")
        .arg(&fifo)
        .arg(&article)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo(),
        "the pipe was replaced"
    );
    let got = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the reader got the output");
    assert!(got.contains("\"doc\""), "{got}");
    // `-` is stdout.
    let out = bin()
        .arg("extract")
        .arg("-o")
        .arg("-")
        .arg(&article)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"doc\""));
    assert!(!root().join("-").exists());
}
