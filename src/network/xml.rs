//! GraphML and GEXF 1.3 writers, and the XML escaping shared with the SVG.

use super::metrics::Metrics;
use super::render::{rgb, Drawing, Options};
use super::Network;
use std::fmt::Write as _;

/// Escapes text for XML character data and attribute values (single or double
/// quoted). Characters XML 1.0 forbids (C0 controls other than tab and line
/// breaks, U+FFFE, U+FFFF) are dropped; tab and line breaks become character
/// references so attribute values keep them.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A typed attribute: GraphML `attr.type` / GEXF `type`.
#[derive(Clone, Copy)]
enum Ty {
    Str,
    Int,
    Double,
}

impl Ty {
    fn graphml(self) -> &'static str {
        match self {
            Ty::Str => "string",
            Ty::Int => "int",
            Ty::Double => "double",
        }
    }
    fn gexf(self) -> &'static str {
        match self {
            Ty::Str => "string",
            Ty::Int => "integer",
            Ty::Double => "double",
        }
    }
}

const NODE_KEYS: &[(&str, Ty)] = &[
    ("label", Ty::Str),
    ("office", Ty::Str),
    ("country", Ty::Str),
    ("country_name", Ty::Str),
    ("region", Ty::Str),
    ("wikidata", Ty::Str),
    ("degree", Ty::Int),
    ("weighted_degree", Ty::Int),
    ("betweenness", Ty::Double),
    ("closeness", Ty::Double),
    ("pagerank", Ty::Double),
    ("component", Ty::Int),
    ("community", Ty::Int),
];

const EDGE_KEYS: &[(&str, Ty)] = &[
    ("weight", Ty::Int),
    ("meetings", Ty::Int),
    ("documents", Ty::Int),
    ("trade_figures", Ty::Int),
    ("latest_trade_usd", Ty::Double),
    ("first", Ty::Str),
    ("last", Ty::Str),
    ("kinds", Ty::Str),
    ("articles", Ty::Str),
];

/// Node attribute values in `NODE_KEYS` order (`None`: absent).
fn node_values(net: &Network, m: &Metrics, i: usize) -> Vec<Option<String>> {
    let n = &net.graph[petgraph::graph::NodeIndex::new(i)];
    vec![
        Some(n.label.clone()),
        n.office.clone(),
        n.country.clone(),
        n.country_name.clone(),
        n.region.clone(),
        n.wikidata.clone(),
        Some(m.degree[i].to_string()),
        Some((m.weighted_degree[i] as u64).to_string()),
        Some(format!("{}", m.betweenness[i])),
        Some(format!("{}", m.closeness[i])),
        Some(format!("{}", m.pagerank[i])),
        Some(m.component[i].to_string()),
        Some(m.community[i].to_string()),
    ]
}

/// Edge attribute values in `EDGE_KEYS` order; `kinds` joined by `;`, `articles` by spaces.
fn edge_values(e: &super::Edge) -> Vec<Option<String>> {
    vec![
        Some(e.weight().to_string()),
        Some(e.meetings.to_string()),
        Some(e.documents.to_string()),
        Some(e.trade_figures.to_string()),
        e.latest_trade.map(|t| format!("{t}")),
        e.first.clone(),
        e.last.clone(),
        Some(e.kinds.iter().cloned().collect::<Vec<_>>().join(";")),
        Some(e.articles.iter().cloned().collect::<Vec<_>>().join(" ")),
    ]
}

/// GraphML with typed `<key>`s (string, int, double) for every node and edge
/// attribute and metric; node ids are the entity IRIs.
pub fn graphml(net: &Network, m: &Metrics, opts: &Options) -> String {
    let g = &net.graph;
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    let _ = writeln!(
        s,
        "  <key id=\"g_title\" for=\"graph\" attr.name=\"title\" attr.type=\"string\"/>"
    );
    let _ = writeln!(
        s,
        "  <key id=\"g_kind\" for=\"graph\" attr.name=\"kind\" attr.type=\"string\"/>"
    );
    for (name, ty) in NODE_KEYS {
        let _ = writeln!(
            s,
            "  <key id=\"n_{name}\" for=\"node\" attr.name=\"{name}\" attr.type=\"{}\"/>",
            ty.graphml()
        );
    }
    for (name, ty) in EDGE_KEYS {
        let _ = writeln!(
            s,
            "  <key id=\"e_{name}\" for=\"edge\" attr.name=\"{name}\" attr.type=\"{}\"/>",
            ty.graphml()
        );
    }
    let _ = writeln!(
        s,
        "  <graph id=\"{}\" edgedefault=\"undirected\">",
        net.kind.name()
    );
    let _ = writeln!(
        s,
        "    <data key=\"g_title\">{}</data>",
        xml_escape(&opts.title(net.kind))
    );
    let _ = writeln!(s, "    <data key=\"g_kind\">{}</data>", net.kind.name());
    for i in g.node_indices() {
        let _ = writeln!(s, "    <node id=\"{}\">", xml_escape(&g[i].id));
        for ((name, _), v) in NODE_KEYS.iter().zip(node_values(net, m, i.index())) {
            if let Some(v) = v {
                let _ = writeln!(s, "      <data key=\"n_{name}\">{}</data>", xml_escape(&v));
            }
        }
        s.push_str("    </node>\n");
    }
    for e in g.edge_indices() {
        let Some((a, b)) = g.edge_endpoints(e) else {
            continue;
        };
        let _ = writeln!(
            s,
            "    <edge id=\"e{}\" source=\"{}\" target=\"{}\">",
            e.index(),
            xml_escape(&g[a].id),
            xml_escape(&g[b].id)
        );
        for ((name, _), v) in EDGE_KEYS.iter().zip(edge_values(&g[e])) {
            if let Some(v) = v {
                let _ = writeln!(s, "      <data key=\"e_{name}\">{}</data>", xml_escape(&v));
            }
        }
        s.push_str("    </edge>\n");
    }
    s.push_str("  </graph>\n</graphml>\n");
    s
}

/// GEXF 1.3, dynamic: each edge spans its first to last meeting (`start`/`end`,
/// dates), each node starts at its first dated link, so Gephi's timeline plays
/// the network's growth. Undated edges (and nodes with one) are always present.
/// Nodes carry every attribute and metric, and `viz:` colour, size and the
/// positions of the SVG layout (y pointing up, as in Gephi).
pub(crate) fn gexf(net: &Network, d: &Drawing, opts: &Options) -> String {
    let g = &net.graph;
    let m = &d.metrics;
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n",
    );
    let (from, to) = net.date_range(&opts.filter);
    let _ = writeln!(
        s,
        "  <meta>\n    <creator>diplograph</creator>\n    <description>{}{}</description>\n  </meta>",
        xml_escape(&opts.title(net.kind)),
        match (&from, &to) {
            (Some(f), Some(t)) => format!(", {}..{}", xml_escape(f), xml_escape(t)),
            _ => String::new(),
        }
    );
    s.push_str("  <graph mode=\"dynamic\" defaultedgetype=\"undirected\" timeformat=\"date\" timerepresentation=\"interval\">\n");
    s.push_str("    <attributes class=\"node\" mode=\"static\">\n");
    for (name, ty) in NODE_KEYS.iter().skip(1) {
        let _ = writeln!(
            s,
            "      <attribute id=\"{name}\" title=\"{name}\" type=\"{}\"/>",
            ty.gexf()
        );
    }
    s.push_str("    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n");
    for (name, ty) in EDGE_KEYS.iter().skip(1) {
        let _ = writeln!(
            s,
            "      <attribute id=\"{name}\" title=\"{name}\" type=\"{}\"/>",
            ty.gexf()
        );
    }
    s.push_str("    </attributes>\n    <nodes>\n");
    for i in g.node_indices() {
        let n = &g[i];
        // Start at the first dated link, if every link is dated.
        let firsts: Vec<Option<&String>> = g.edges(i).map(|e| e.weight().first.as_ref()).collect();
        let start = if firsts.iter().all(Option::is_some) {
            firsts.iter().flatten().min().copied()
        } else {
            None
        };
        let _ = write!(
            s,
            "      <node id=\"{}\" label=\"{}\"",
            xml_escape(&n.id),
            xml_escape(&n.label)
        );
        if let Some(st) = start {
            let _ = write!(s, " start=\"{st}\"");
        }
        s.push_str(">\n        <attvalues>\n");
        for ((name, _), v) in NODE_KEYS.iter().zip(node_values(net, m, i.index())).skip(1) {
            if let Some(v) = v {
                let _ = writeln!(
                    s,
                    "          <attvalue for=\"{name}\" value=\"{}\"/>",
                    xml_escape(&v)
                );
            }
        }
        s.push_str("        </attvalues>\n");
        let (r, gg, b) = rgb(d.style.colour[i.index()]);
        let (x, y) = d.layout.pos[i.index()];
        let _ = writeln!(
            s,
            "        <viz:color r=\"{r}\" g=\"{gg}\" b=\"{b}\" a=\"1.0\"/>"
        );
        let _ = writeln!(
            s,
            "        <viz:position x=\"{x:.2}\" y=\"{:.2}\" z=\"0.0\"/>",
            -y
        );
        let _ = writeln!(
            s,
            "        <viz:size value=\"{:.2}\"/>",
            d.style.radius[i.index()]
        );
        s.push_str("      </node>\n");
    }
    s.push_str("    </nodes>\n    <edges>\n");
    for e in g.edge_indices() {
        let Some((a, b)) = g.edge_endpoints(e) else {
            continue;
        };
        let w = &g[e];
        let _ = write!(
            s,
            "      <edge id=\"{}\" source=\"{}\" target=\"{}\" weight=\"{}\"",
            e.index(),
            xml_escape(&g[a].id),
            xml_escape(&g[b].id),
            w.weight()
        );
        if let (Some(f), Some(l)) = (&w.first, &w.last) {
            let _ = write!(s, " start=\"{f}\" end=\"{l}\"");
        }
        s.push_str(">\n        <attvalues>\n");
        for ((name, _), v) in EDGE_KEYS.iter().zip(edge_values(w)).skip(1) {
            if let Some(v) = v {
                let _ = writeln!(
                    s,
                    "          <attvalue for=\"{name}\" value=\"{}\"/>",
                    xml_escape(&v)
                );
            }
        }
        s.push_str("        </attvalues>\n");
        let _ = writeln!(
            s,
            "        <viz:thickness value=\"{:.1}\"/>",
            1.0 + (w.meetings as f64).sqrt()
        );
        s.push_str("      </edge>\n");
    }
    s.push_str("    </edges>\n  </graph>\n</gexf>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escape_is_complete() {
        assert_eq!(
            xml_escape("</script><img src=x onerror='a'>&"),
            "&lt;/script&gt;&lt;img src=x onerror=&apos;a&apos;&gt;&amp;"
        );
        assert_eq!(xml_escape("a\u{0}b\u{1b}c\u{FFFF}\"\n"), "abc&quot;&#10;");
    }
}
