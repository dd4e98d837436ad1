//! The binary end to end on the seeds: build, query, export and re-parse,
//! idempotent rebuilds, and failures that leave the store as it was.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> Command {
    let mut c = Command::cargo_bin("diplograph").expect("binary");
    c.current_dir(root());
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

fn query(store: &Path, q: &str) -> String {
    let out = bin()
        .args(["query", "--format", "tsv", "--store"])
        .arg(store)
        .arg(q)
        .output()
        .unwrap();
    let out = crate::succeeded(out, "query");
    String::from_utf8(out.stdout).unwrap()
}

fn nquads(store: &Path) -> Vec<String> {
    let out = bin()
        .args(["export", "--format", "nquads", "--store"])
        .arg(store)
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut lines: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        // Extraction timestamps differ between runs by design.
        .filter(|l| !l.contains("prov#startedAtTime"))
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

/// Equal dumps, or a short report of the first differences.
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

/// The single number a COUNT query printed as TSV.
fn count(tsv: &str) -> usize {
    let v = tsv.lines().nth(1).unwrap_or_default();
    v.trim_matches('"')
        .split('"')
        .next()
        .unwrap_or_default()
        .parse()
        .unwrap_or_else(|_| panic!("not a count: {tsv}"))
}

fn seeds() -> PathBuf {
    root().join("seeds")
}

#[test]
fn build_query_export_and_reparse_the_seeds() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let out = build(&store, &[&seeds()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("5 articles"), "{summary}");

    // Who met whom: the Belarus-Uzbekistan talks are there.
    let rows = query(
        &store,
        &std::fs::read_to_string(root().join("queries/who-met-whom.rq")).unwrap(),
    );
    assert!(
        rows.lines()
            .any(|l| l.contains("Lukashenko") && l.contains("Mirziyoyev")),
        "{rows}"
    );

    // Exactly one person named Lukashenko, whatever the spelling in the articles.
    let rows = query(&store, "SELECT DISTINCT ?p WHERE { ?p a <http://schema.org/Person> ; <http://schema.org/name> ?n FILTER(CONTAINS(?n, \"Lukashenko\")) }");
    assert_eq!(rows.lines().count(), 2, "{rows}");

    // No entity named after page boilerplate.
    let rows = query(
        &store,
        "SELECT DISTINCT ?n WHERE { ?x <http://schema.org/name> ?n }",
    );
    for junk in [
        "First slide",
        "Operating mode",
        "Legal Disclaimer",
        "Most popular",
        "Thinkmarkets",
        "Agoralend",
        "Wise Wolves",
        "BelTA",
        "MENAFN",
    ] {
        assert!(!rows.contains(junk), "{junk} became an entity");
    }

    // Turtle export re-read by rio_turtle: same number of distinct triples as the store.
    let ttl = dir.path().join("graph.ttl");
    let out = bin()
        .args(["export", "--format", "turtle", "--store"])
        .arg(&store)
        .arg("--out")
        .arg(&ttl)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = std::fs::read_to_string(&ttl).unwrap();
    assert!(text.starts_with("@prefix"), "prefixes for people");
    let checked = bin().arg("check").arg(&ttl).output().unwrap();
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    let n: usize = String::from_utf8_lossy(&checked.stdout)
        .trim()
        .rsplit('\t')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let distinct = query(&store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }");
    let expected = count(&distinct);
    assert_eq!(n, expected);

    // N-Quads keep one graph per article.
    let nq = dir.path().join("graph.nq");
    assert!(bin()
        .args(["export", "--format", "nquads", "--store"])
        .arg(&store)
        .arg("--out")
        .arg(&nq)
        .output()
        .unwrap()
        .status
        .success());
    let checked = bin().arg("check").arg(&nq).output().unwrap();
    let n: usize = String::from_utf8_lossy(&checked.stdout)
        .trim()
        .rsplit('\t')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let all = query(
        &store,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    );
    let expected = count(&all);
    assert_eq!(n, expected);
}

#[test]
fn every_canned_query_returns_rows_on_the_seeds() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    assert!(build(&store, &[&seeds()]).status.success());
    let mut checked = 0;
    for e in std::fs::read_dir(root().join("queries")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "rq") {
            let rows = query(&store, &std::fs::read_to_string(&p).unwrap());
            assert!(
                rows.lines().count() >= 2,
                "{} returned no rows",
                p.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 6);
}

#[test]
fn rebuilding_skips_and_replacing_an_article_never_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for f in ["000_b3140a01914eafa7.txt", "003_cd7b60f6df8fe946.txt"] {
        std::fs::copy(seeds().join(f), input.join(f)).unwrap();
    }
    let store = dir.path().join("db");
    assert!(build(&store, &[&input]).status.success());
    let first = nquads(&store);
    let out = build(&store, &[&input]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 unchanged"));
    same(&nquads(&store), &first);

    // Change one article: its graph is replaced, the old figure is gone.
    let p = input.join("003_cd7b60f6df8fe946.txt");
    let text = std::fs::read_to_string(&p)
        .unwrap()
        .replace("record $4 billion", "record $5 billion");
    std::fs::write(&p, text).unwrap();
    assert!(build(&store, &[&input]).status.success());
    let amounts = query(&store, "SELECT ?a WHERE { ?t a <https://w3id.org/diplograph/ontology#TradeFigure> ; <https://w3id.org/diplograph/ontology#amount> ?a }");
    assert!(amounts.contains("5000000000"), "{amounts}");
    assert!(!amounts.contains("4000000000"), "{amounts}");
    let arts = query(&store, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/diplograph/ontology#Article> }");
    assert_eq!(count(&arts), 2, "{arts}");
}

#[test]
fn a_bad_file_is_reported_and_the_good_ones_go_in() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good");
    let mixed = dir.path().join("mixed");
    std::fs::create_dir(&good).unwrap();
    std::fs::create_dir(&mixed).unwrap();
    for f in ["001_aaffa267b60505c4.txt", "004_7e04a757c6659697.txt"] {
        std::fs::copy(seeds().join(f), good.join(f)).unwrap();
        std::fs::copy(seeds().join(f), mixed.join(f)).unwrap();
    }
    std::fs::write(
        mixed.join("002_broken.txt"),
        b"\x00\x01\x02\x03binary\x00\xff",
    )
    .unwrap();
    std::fs::write(mixed.join("003_empty.txt"), b"").unwrap();
    let s1 = dir.path().join("db1");
    let s2 = dir.path().join("db2");
    let out = build(&s1, &[&mixed]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("002_broken.txt: binary data"), "{err}");
    assert!(err.contains("003_empty.txt: file is empty"), "{err}");
    assert!(!err.contains("panicked"));
    assert!(build(&s2, &[&good]).status.success());
    same(&nquads(&s1), &nquads(&s2));
}

#[test]
fn a_broken_dictionary_names_file_line_and_column_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let onto = dir.path().join("ontology");
    std::fs::create_dir(&onto).unwrap();
    for e in std::fs::read_dir(root().join("ontology")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "ttl") {
            std::fs::copy(&p, onto.join(p.file_name().unwrap())).unwrap();
        }
    }
    let store = dir.path().join("db");
    assert!(build(&store, &[&seeds().join("000_b3140a01914eafa7.txt")])
        .status
        .success());
    let before = nquads(&store);
    let mut text = std::fs::read_to_string(onto.join("leaders.ttl")).unwrap();
    text.push_str("\n<https://example.org/x> <https://example.org/y> \"unterminated .\n");
    std::fs::write(onto.join("leaders.ttl"), text).unwrap();
    let out = bin()
        .arg("build")
        .arg("--ontology")
        .arg(&onto)
        .arg("--store")
        .arg(&store)
        .arg(seeds())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("leaders.ttl:")
            && err
                .split("leaders.ttl:")
                .nth(1)
                .is_some_and(|r| r.chars().next().is_some_and(|c| c.is_ascii_digit())),
        "{err}"
    );
    same(&nquads(&store), &before);
}

#[test]
fn a_sparql_syntax_error_has_a_position_and_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    assert!(build(&store, &[&seeds().join("003_cd7b60f6df8fe946.txt")])
        .status
        .success());
    let out = bin()
        .args(["query", "--store"])
        .arg(&store)
        .arg("SELECT ?x WHERE { ?x ?y }")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1:"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn extract_prints_one_contract_line_per_document() {
    let out = bin()
        .args(["extract", "--format", "jsonl"])
        .arg(seeds())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 5);
    for l in text.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        for k in [
            "doc",
            "title",
            "date",
            "persons",
            "meetings",
            "agreements",
            "trade",
        ] {
            assert!(v.get(k).is_some(), "{k} missing in {l}");
        }
    }
    // Quiet in a pipe: no progress bars or escape codes on stderr.
    assert!(!String::from_utf8_lossy(&out.stderr).contains('\u{1b}'));
}

#[test]
fn readers_are_refused_a_missing_store_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["query", "--store"])
        .arg(dir.path().join("nope"))
        .arg("SELECT * WHERE { ?s ?p ?o }")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no store at"));
}
