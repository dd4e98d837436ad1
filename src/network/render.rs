//! Network renderings: Graphviz DOT (labels escaped here, never raw) and
//! networkx node-link JSON (`networkx.node_link_graph(data, edges="edges")`).

use super::{Filter, Kind, Network};
use serde_json::{json, Value};

/// Rendering options shared by every format.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub filter: Filter,
    pub title: Option<String>,
}

/// Renders `net` in `format`: the main output, plus extra files named by suffix
/// (for CSV: `Some("nodes")` is the node table written next to `--out`).
pub fn render(net: &Network, format: &str, _opts: &Options) -> anyhow::Result<Vec<(Option<String>, Vec<u8>)>> {
    match format {
        "dot" => Ok(vec![(None, dot(net).into_bytes())]),
        "json" => Ok(vec![(None, (serde_json::to_string_pretty(&node_link(net))? + "\n").into_bytes())]),
        other => anyhow::bail!("network format {other} is not available yet"),
    }
}

/// The ranked metrics table: aligned text on a terminal, CSV otherwise.
pub fn metrics_table(net: &Network, _tty: bool) -> anyhow::Result<String> {
    let mut s = String::from("node,label,degree\n");
    for i in net.graph.node_indices() {
        s.push_str(&format!("{},{},{}\n", net.graph[i].id, net.graph[i].label, net.graph.neighbors(i).count()));
    }
    Ok(s)
}

/// Escapes a string for a DOT double-quoted ID.
pub fn dot_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Undirected DOT; pen width grows with the number of meetings.
pub fn dot(net: &Network) -> String {
    let g = &net.graph;
    let name = match net.kind {
        Kind::Persons => "persons",
        Kind::Countries => "countries",
    };
    let mut s = format!("graph \"{name}\" {{\n  graph [overlap=false, splines=true];\n  node [shape=ellipse, fontname=\"Helvetica\"];\n");
    for i in g.node_indices() {
        let n = &g[i];
        let mut label = n.label.clone();
        if let Some(o) = &n.office {
            label.push('\n');
            label.push_str(o);
        }
        if let (Kind::Persons, Some(c)) = (net.kind, &n.country) {
            label.push_str(&format!(" ({c})"));
        }
        s.push_str(&format!("  n{} [label=\"{}\", tooltip=\"{}\"];\n", i.index(), dot_escape(&label), dot_escape(&n.id)));
    }
    for e in g.edge_indices() {
        let Some((a, b)) = g.edge_endpoints(e) else { continue };
        let w = &g[e];
        let mut label = Vec::new();
        if w.meetings > 0 {
            label.push(format!("{} meeting{}", w.meetings, if w.meetings == 1 { "" } else { "s" }));
        }
        if w.documents > 0 {
            label.push(format!("{} doc{}", w.documents, if w.documents == 1 { "" } else { "s" }));
        }
        if let Some(t) = w.latest_trade {
            label.push(format!("${:.0}M trade", t / 1e6));
        }
        if let (Some(f), Some(l)) = (&w.first, &w.last) {
            label.push(if f == l { f.clone() } else { format!("{f}..{l}") });
        }
        s.push_str(&format!(
            "  n{} -- n{} [weight={}, penwidth={:.1}, label=\"{}\"];\n",
            a.index(),
            b.index(),
            w.weight().max(1),
            1.0 + (w.weight() as f64).sqrt() * 1.5,
            dot_escape(&label.join(", "))
        ));
    }
    s.push_str("}\n");
    s
}

/// networkx node-link JSON (undirected, not a multigraph), key "edges".
pub fn node_link(net: &Network) -> Value {
    let g = &net.graph;
    let nodes: Vec<Value> = g
        .node_indices()
        .map(|i| {
            let n = &g[i];
            json!({"id": n.id, "label": n.label, "office": n.office, "country": n.country, "wikidata": n.wikidata})
        })
        .collect();
    let edges: Vec<Value> = g
        .edge_indices()
        .filter_map(|e| {
            let (a, b) = g.edge_endpoints(e)?;
            let w = &g[e];
            Some(json!({
                "source": g[a].id, "target": g[b].id, "weight": w.weight(), "meetings": w.meetings,
                "documents": w.documents, "trade_figures": w.trade_figures, "latest_trade_usd": w.latest_trade,
                "first": w.first, "last": w.last, "kinds": w.kinds, "articles": w.articles,
            }))
        })
        .collect();
    json!({"directed": false, "multigraph": false, "graph": {"kind": match net.kind { Kind::Persons => "persons", Kind::Countries => "countries" }}, "nodes": nodes, "edges": edges})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_labels_are_escaped() {
        assert_eq!(dot_escape("a \"quoted\" \\ name\nnext"), "a \\\"quoted\\\" \\\\ name\\nnext");
    }
}
