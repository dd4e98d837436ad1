//! `diplograph network` end to end: every format written by the binary and read
//! back in Rust (JSON, well-formed XML for GraphML/GEXF/SVG, DOT syntax, CSV,
//! PNG header, the HTML page's data block), deterministic pictures, one SVG
//! shape per node, filters, the metrics table, and a hostile person name
//! (`</script><img src=x onerror=alert(1)>`) kept as text in HTML, SVG and DOT.
//!
//! The same outputs are opened by Graphviz, networkx and headless Chromium in
//! `scripts/network_check.py` (CI).

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const HOSTILE: &str = "Ivan \"Q\" </script><img src=x onerror=alert(1)> Hostilev";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> Command {
    let mut c = Command::cargo_bin("diplograph").expect("binary");
    c.current_dir(root());
    c
}

/// A store built from the seeds.
fn seeds() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["-q", "build", "--store"])
        .arg(dir.path().join("db"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// A store whose dictionary has a person with a hostile name, met in one article
/// whose headline is hostile too. Returns (dir, ontology dir).
fn hostile() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let onto = dir.path().join("onto");
    std::fs::create_dir(&onto).unwrap();
    for e in std::fs::read_dir(root().join("ontology")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), onto.join(e.file_name())).unwrap();
    }
    let mut leaders = std::fs::read_to_string(onto.join("leaders.ttl")).unwrap();
    leaders.push_str(&format!(
        "\nperson:ivan-hostilev a schema:Person ;\n    schema:name \"{}\" ;\n    skos:altLabel \"Ivan Hostilev\" ;\n    \
         dg:holds [ a dg:Position ; dg:office office:foreign-minister ; dg:country country:BY ; schema:startDate \"2020-01-01\"^^xsd:date ] .\n",
        HOSTILE.replace('"', "\\\"")
    ));
    std::fs::write(onto.join("leaders.ttl"), leaders).unwrap();
    let arts = dir.path().join("articles");
    std::fs::create_dir(&arts).unwrap();
    std::fs::write(
        arts.join("hostile.txt"),
        "Hostilev holds talks with Mirziyoyev </script><img src=x onerror=alert(2)>\n\n\
         TASHKENT, 3 March 2024. Foreign Minister of Belarus Ivan Hostilev held talks with President of Uzbekistan \
         Shavkat Mirziyoyev in Tashkent on 3 March 2024.\n",
    )
    .unwrap();
    let out = bin()
        .arg("-q")
        .arg("--ontology")
        .arg(&onto)
        .arg("build")
        .arg(&arts)
        .arg("--store")
        .arg(dir.path().join("db"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, onto)
}

/// Runs `network` on the store in `dir` and returns stdout.
fn network(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = bin()
        .arg("network")
        .arg("--store")
        .arg(dir.join("db"))
        .args(args)
        .output()
        .unwrap();
    let out = crate::succeeded(out, &format!("network {args:?}"));
    out.stdout
}

fn text(b: Vec<u8>) -> String {
    String::from_utf8(b).expect("UTF-8 output")
}

fn json(dir: &Path, kind: &str) -> Value {
    serde_json::from_slice(&network(dir, &["--kind", kind, "--format", "json"]))
        .expect("node-link JSON")
}

/// Node and edge counts of a node-link JSON.
fn counts(v: &Value) -> (usize, usize) {
    (
        v["nodes"].as_array().unwrap().len(),
        v["edges"].as_array().unwrap().len(),
    )
}

fn xml_elements<'a>(doc: &'a roxmltree::Document, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == name)
        .collect()
}

/// The JSON inside `<script type="application/json" id="graph-data">`.
fn page_data(html: &str) -> Value {
    let start = html
        .find("<script type=\"application/json\" id=\"graph-data\">")
        .expect("data block");
    let rest = &html[start..];
    let open = rest.find('>').unwrap() + 1;
    let close = rest.find("</script>").unwrap();
    serde_json::from_str(&rest[open..close]).expect("data block is JSON")
}

#[test]
fn every_format_reads_back() {
    let dir = seeds();
    let d = dir.path();
    for kind in ["persons", "countries"] {
        let v = json(d, kind);
        let (n, m) = counts(&v);
        assert!(n >= 2 && m >= 1, "{kind}: {n} nodes, {m} edges");
        assert_eq!(v["directed"], false);
        let ids: Vec<&str> = v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap())
            .collect();
        for e in v["edges"].as_array().unwrap() {
            assert!(
                ids.contains(&e["source"].as_str().unwrap())
                    && ids.contains(&e["target"].as_str().unwrap())
            );
            assert!(e["weight"].as_u64().unwrap() >= 1);
        }
        // Metrics are node attributes; PageRank sums to 1.
        let pr: f64 = v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["pagerank"].as_f64().unwrap())
            .sum();
        assert!((pr - 1.0).abs() < 1e-9, "{kind}: pagerank sums to {pr}");
        for x in v["nodes"].as_array().unwrap() {
            for k in [
                "degree",
                "weighted_degree",
                "betweenness",
                "closeness",
                "component",
                "community",
            ] {
                assert!(x[k].is_number(), "{kind}: node without {k}: {x}");
            }
        }

        let graphml = text(network(d, &["--kind", kind, "--format", "graphml"]));
        let doc = roxmltree::Document::parse(&graphml).expect("GraphML is well-formed XML");
        assert_eq!(xml_elements(&doc, "node").len(), n);
        assert_eq!(xml_elements(&doc, "edge").len(), m);
        let keys = xml_elements(&doc, "key");
        let key_type = |name: &str| {
            keys.iter()
                .find(|k| k.attribute("attr.name") == Some(name))
                .and_then(|k| k.attribute("attr.type"))
        };
        assert_eq!(key_type("weight"), Some("int"));
        assert_eq!(key_type("pagerank"), Some("double"));
        assert_eq!(key_type("label"), Some("string"));

        let gexf = text(network(d, &["--kind", kind, "--format", "gexf"]));
        let doc = roxmltree::Document::parse(&gexf).expect("GEXF is well-formed XML");
        assert_eq!(doc.root_element().attribute("version"), Some("1.3"));
        assert_eq!(
            doc.root_element().tag_name().namespace(),
            Some("http://gexf.net/1.3")
        );
        let graph = xml_elements(&doc, "graph")[0];
        assert_eq!(graph.attribute("mode"), Some("dynamic"));
        assert_eq!(graph.attribute("timeformat"), Some("date"));
        assert_eq!(xml_elements(&doc, "node").len(), n);
        let edges = xml_elements(&doc, "edge");
        assert_eq!(edges.len(), m);
        for (e, j) in edges.iter().zip(v["edges"].as_array().unwrap()) {
            assert_eq!(
                e.attribute("start"),
                j["first"].as_str(),
                "edge start = first meeting"
            );
            assert_eq!(
                e.attribute("end"),
                j["last"].as_str(),
                "edge end = last meeting"
            );
        }

        let svg = text(network(d, &["--kind", kind, "--format", "svg"]));
        let doc = roxmltree::Document::parse(&svg).expect("SVG is well-formed XML");
        let shapes = xml_elements(&doc, "circle")
            .into_iter()
            .filter(|c| c.attribute("class") == Some("node"))
            .count();
        assert_eq!(shapes, n, "{kind}: one SVG shape per node");
        assert_eq!(
            xml_elements(&doc, "line")
                .into_iter()
                .filter(|c| c.attribute("class") == Some("edge"))
                .count(),
            m
        );

        let dot = text(network(d, &["--kind", kind, "--format", "dot"]));
        assert!(
            dot.starts_with("graph ") && dot.trim_end().ends_with('}'),
            "undirected DOT"
        );
        assert!(!dot.contains("->"));
        assert_eq!(dot.matches(" -- ").count(), m);
        assert_eq!(
            dot.lines()
                .filter(|l| l.trim_start().starts_with('n')
                    && l.contains("[label=")
                    && !l.contains(" -- "))
                .count(),
            n
        );

        let png = network(d, &["--kind", kind, "--format", "png"]);
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert!(w >= 640 && h >= 200, "{w}x{h}");

        let html = text(network(d, &["--kind", kind, "--format", "html"]));
        assert!(
            !html.contains("http://") || !html.contains("<script src"),
            "no external script"
        );
        assert!(!html.contains("<script src"), "self-contained");
        let data = page_data(&html);
        assert_eq!(data["nodes"].as_array().unwrap().len(), n);
        assert_eq!(data["edges"].as_array().unwrap().len(), m);
    }
}

#[test]
fn csv_writes_edge_and_node_tables() {
    let dir = seeds();
    let d = dir.path();
    let v = json(d, "persons");
    let (n, m) = counts(&v);
    let out = d.join("net.csv");
    bin()
        .arg("network")
        .arg("--store")
        .arg(d.join("db"))
        .args(["--format", "csv", "-o"])
        .arg(&out)
        .assert()
        .success();
    let edges = std::fs::read_to_string(&out).unwrap();
    let nodes = std::fs::read_to_string(d.join("net.nodes.csv")).unwrap();
    assert!(edges.starts_with("source,target,weight,"));
    assert!(nodes.starts_with("id,label,"));
    assert_eq!(edges.lines().count(), m + 1);
    assert_eq!(nodes.lines().count(), n + 1);
}

#[test]
fn pictures_and_pages_are_deterministic() {
    let dir = seeds();
    let d = dir.path();
    for kind in ["persons", "countries"] {
        for fmt in ["svg", "png", "html", "gexf", "json"] {
            let a = network(d, &["--kind", kind, "--format", fmt]);
            let b = network(d, &["--kind", kind, "--format", fmt]);
            assert!(a == b, "{kind} {fmt}: two runs differ");
        }
    }
}

#[test]
fn filters_narrow_the_network() {
    let dir = seeds();
    let d = dir.path();
    let all = counts(&json(d, "persons"));
    let dated = counts(
        &serde_json::from_slice(&network(
            d,
            &[
                "--format",
                "json",
                "--from",
                "2024-01-01",
                "--to",
                "2024-12-31",
            ],
        ))
        .unwrap(),
    );
    assert!(dated.1 <= all.1 && dated.1 >= 1, "{dated:?} of {all:?}");
    let none = counts(
        &serde_json::from_slice(&network(d, &["--format", "json", "--from", "2031-01-01"]))
            .unwrap(),
    );
    assert_eq!(none, (0, 0));
    let kz = serde_json::from_slice::<Value>(&network(d, &["--format", "json", "--country", "kz"]))
        .unwrap();
    for e in kz["edges"].as_array().unwrap() {
        let touches = [&e["source"], &e["target"]].iter().any(|id| {
            kz["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| &&x["id"] == id && x["country"] == "KZ")
        });
        assert!(touches, "edge without KZ: {e}");
    }
    let heavy =
        serde_json::from_slice::<Value>(&network(d, &["--format", "json", "--min-weight", "2"]))
            .unwrap();
    assert!(heavy["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["weight"].as_u64().unwrap() >= 2));
    // An empty network still draws.
    let svg = text(network(d, &["--format", "svg", "--from", "2031-01-01"]));
    roxmltree::Document::parse(&svg).expect("empty SVG is well-formed");
}

#[test]
fn metrics_table_is_csv_in_a_pipe() {
    let dir = seeds();
    let d = dir.path();
    let (n, _) = counts(&json(d, "persons"));
    let table = text(network(d, &["--metrics"]));
    let mut lines = table.lines();
    assert_eq!(
        lines.next(),
        Some("rank,label,country,office,degree,weighted_degree,betweenness,closeness,pagerank,component,community,id")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), n);
    let wd: Vec<f64> = rows.iter().map(|r| r[5].parse().unwrap()).collect();
    assert!(
        wd.windows(2).all(|w| w[0] >= w[1]),
        "ranked by weighted degree: {wd:?}"
    );
    let countries = text(network(d, &["--kind", "countries", "--metrics"]));
    assert!(countries.starts_with("rank,label,country,region,"));
}

#[test]
fn hostile_names_stay_text() {
    let (dir, onto) = hostile();
    let d = dir.path();
    let run = |fmt: &str| -> String {
        let out = bin()
            .arg("--ontology")
            .arg(&onto)
            .args(["network", "--format", fmt, "--store"])
            .arg(d.join("db"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let v: Value = serde_json::from_str(&run("json")).unwrap();
    assert!(
        v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["label"] == HOSTILE),
        "the hostile person is in the network"
    );

    // HTML: nothing closes the data block early, no markup from data, the JSON reads back.
    let html = run("html");
    assert_eq!(
        html.matches("</script>").count(),
        3,
        "data block, cytoscape, the page's script"
    );
    assert!(!html.contains("<img"), "no <img> anywhere in the page");
    let data = page_data(&html);
    assert!(data["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["label"] == HOSTILE));
    assert!(html.contains("Content-Security-Policy"));

    // SVG: well-formed, no element from the name, the name is text.
    let svg = run("svg");
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    assert!(doc
        .descendants()
        .all(|n| !matches!(n.tag_name().name(), "img" | "script" | "foreignObject")));
    assert!(
        doc.descendants()
            .any(|n| n.is_text() && n.text().unwrap_or("").contains(HOSTILE)),
        "the name is a text node"
    );

    // DOT: every quoted string is closed where it should be: the label is one escaped string.
    let dot = run("dot");
    let line = dot
        .lines()
        .find(|l| l.contains("Hostilev"))
        .expect("the node line");
    assert!(line.contains(r#"label="Ivan \"Q\" </script><img src=x onerror=alert(1)> Hostilev\nForeign Minister (BY)""#), "{line}");
    // GraphML and GEXF keep it as text too.
    for fmt in ["graphml", "gexf"] {
        let x = run(fmt);
        let doc = roxmltree::Document::parse(&x).unwrap_or_else(|e| panic!("{fmt}: {e}"));
        assert!(doc.descendants().all(|n| n.tag_name().name() != "img"));
        assert!(x.contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"));
    }
}
