//! Network renderings. The entry point is [`render`]; every format escapes the
//! names it writes (names come from scraped pages):
//!
//! | format | for | escaping |
//! |---|---|---|
//! | `dot` | Graphviz (`dot`, `neato`, `sfdp`), Gephi import | [`dot_escape`] on every quoted string |
//! | `json` | networkx `node_link_graph(data, edges="edges")`, d3, scripts | serde_json |
//! | `graphml` | Cytoscape, yEd, Gephi, networkx `read_graphml`, igraph | XML text/attribute escaping, typed `<key>`s |
//! | `gexf` | Gephi (timeline: edge `start`/`end`), networkx `read_gexf` | XML escaping |
//! | `csv` | spreadsheets, R, pandas, Gephi's spreadsheet import | RFC 4180 quoting; text cells that start with `= + - @` get a `'` |
//! | `svg`, `png` | reports, slides | XML escaping; PNG drawn from the SVG in-process |
//! | `html` | a browser, offline | data as JSON in `<script type="application/json">` with `< > &` U+2028/9 escaped; DOM built with `textContent` |
//!
//! Node attributes in JSON, GraphML, GEXF and the CSV node table include every
//! metric of [`Metrics`]: `degree`, `weighted_degree`, `betweenness`, `closeness`,
//! `pagerank`, `component`, `community`.
//!
//! ## Node-link JSON wire format
//!
//! ```text
//! {"directed": false, "multigraph": false,
//!  "graph": {"kind": "persons"|"countries", "title", "from", "to", "modularity"},
//!  "nodes": [{"id": IRI, "label", "office", "country": ISO, "country_name", "region", "wikidata": "Q…",
//!             "degree", "weighted_degree", "betweenness", "closeness", "pagerank", "component", "community"}],
//!  "edges": [{"source": IRI, "target": IRI, "weight", "meetings", "documents", "trade_figures",
//!             "latest_trade_usd", "first", "last": "YYYY-MM-DD"|null, "kinds": [..], "articles": [IRI..],
//!             "items": [IRI of each event, document, trade figure]}]}
//! ```
//!
//! Absent values are `null`. Nodes and edges come sorted by IRI; GraphML and GEXF
//! use the same names for their attributes (lists joined by `;` or spaces).

use super::metrics::{self, Metrics};
use super::{Edge, Filter, Kind, Network, Node};
use serde_json::{json, Value};
use std::fmt::Write as _;

/// Rendering options shared by every format.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub filter: Filter,
    /// Title of the picture and the page; a default per kind when `None`.
    pub title: Option<String>,
}

impl Options {
    pub(crate) fn title(&self, kind: Kind) -> String {
        match &self.title {
            Some(t) if !t.trim().is_empty() => t.clone(),
            _ => match kind {
                Kind::Persons => "Who met whom".to_string(),
                Kind::Countries => "Countries linked by meetings, documents and trade".to_string(),
            },
        }
    }
}

/// Renders `net` in `format`: the main output, plus extra files named by suffix
/// (for CSV: `Some("nodes")` is the node table written next to `--out`).
pub fn render(
    net: &Network,
    format: &str,
    opts: &Options,
) -> anyhow::Result<Vec<(Option<String>, Vec<u8>)>> {
    let main = |b: Vec<u8>| Ok(vec![(None, b)]);
    match format {
        "dot" => main(dot(net).into_bytes()),
        "json" => main(
            (serde_json::to_string_pretty(&node_link_with(net, &Metrics::compute(net), opts))?
                + "\n")
                .into_bytes(),
        ),
        "graphml" => main(super::xml::graphml(net, &Metrics::compute(net), opts).into_bytes()),
        "gexf" => main(super::xml::gexf(net, &Drawing::new(net), opts).into_bytes()),
        "csv" => {
            let m = Metrics::compute(net);
            Ok(vec![
                (None, csv_edges(net).into_bytes()),
                (Some("nodes".to_string()), csv_nodes(net, &m).into_bytes()),
            ])
        }
        "svg" => main(super::svg::svg(net, &Drawing::new(net), opts).into_bytes()),
        "png" => main(super::svg::png(&super::svg::svg(
            net,
            &Drawing::new(net),
            opts,
        ))?),
        "html" => main(super::html::page(net, &Drawing::new(net), opts)?.into_bytes()),
        other => anyhow::bail!(
            "unknown network format {other} (dot, json, graphml, gexf, csv, svg, png, html)"
        ),
    }
}

// ---------------------------------------------------------------------------
// Shared drawing data: metrics, colours, sizes, layout.

/// Fixed colours for the UN M49 regions (countries network), so pictures agree.
const REGION_COLOURS: &[(&str, &str)] = &[
    ("Europe", "#4e79a7"),
    ("Asia", "#f28e2b"),
    ("Africa", "#59a14f"),
    ("Americas", "#e15759"),
    ("Oceania", "#b07aa1"),
];
/// Categorical palette (Tableau 10 without its grey), in order of category weight.
const PALETTE: &[&str] = &[
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f",
];
/// Colour of the categories past the palette and of nodes without one.
pub(crate) const OTHER_COLOUR: &str = "#b0b0b0";

/// One legend row: a colour and what it stands for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Category {
    pub label: String,
    pub colour: &'static str,
    pub nodes: usize,
}

/// Node colours, sizes and the legend.
pub(crate) struct Style {
    pub colour: Vec<&'static str>,
    pub radius: Vec<f64>,
    pub legend: Vec<Category>,
    /// "Country" or "Region".
    pub legend_title: &'static str,
}

impl Style {
    /// Colour by country (persons) or region (countries); radius by weighted degree.
    pub fn new(net: &Network, weighted_degree: &[f64]) -> Style {
        let g = &net.graph;
        let max_wd = weighted_degree.iter().copied().fold(1.0, f64::max);
        let radius: Vec<f64> = weighted_degree
            .iter()
            .map(|w| 6.0 + 18.0 * (w / max_wd).sqrt())
            .collect();
        // Persons are coloured by country while the palette has a colour for each;
        // with more countries, by the region of their country (else most would be grey).
        let countries: std::collections::BTreeSet<&str> = g
            .node_weights()
            .filter_map(|n| n.country.as_deref())
            .collect();
        let by_region = net.kind == Kind::Countries || countries.len() > PALETTE.len();
        let legend_title = match (net.kind, by_region) {
            (Kind::Persons, false) => "Country",
            (Kind::Persons, true) => "Region of the country",
            (Kind::Countries, _) => "Region",
        };
        // (key, legend label) of a node's category.
        let key = |n: &Node| -> Option<(String, String)> {
            if by_region {
                return n.region.clone().map(|r| (r.clone(), r));
            }
            n.country.clone().map(|c| {
                let label = match &n.country_name {
                    Some(name) => format!("{name} ({c})"),
                    None => c.clone(),
                };
                (c, label)
            })
        };
        // Categories by total weighted degree, then key.
        let mut cats: std::collections::BTreeMap<String, (String, f64, usize)> = Default::default();
        for i in g.node_indices() {
            if let Some((k, label)) = key(&g[i]) {
                let c = cats.entry(k).or_insert((label, 0.0, 0));
                c.1 += weighted_degree[i.index()];
                c.2 += 1;
            }
        }
        let mut order: Vec<(String, String, f64, usize)> = cats
            .into_iter()
            .map(|(k, (l, w, n))| (k, l, w, n))
            .collect();
        order.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        let mut colour_of: std::collections::HashMap<String, &'static str> = Default::default();
        let mut legend = Vec::new();
        let mut palette = PALETTE.iter();
        let mut other = 0;
        for (k, label, _, n) in &order {
            let fixed = if by_region {
                REGION_COLOURS.iter().find(|r| r.0 == k).map(|r| r.1)
            } else {
                None
            };
            match fixed.or_else(|| palette.next().copied()) {
                Some(c) => {
                    colour_of.insert(k.clone(), c);
                    legend.push(Category {
                        label: label.clone(),
                        colour: c,
                        nodes: *n,
                    });
                }
                None => other += n,
            }
        }
        let unknown = g.node_indices().filter(|&i| key(&g[i]).is_none()).count();
        if other + unknown > 0 {
            let label = if other > 0 { "other" } else { "unknown" };
            legend.push(Category {
                label: label.to_string(),
                colour: OTHER_COLOUR,
                nodes: other + unknown,
            });
        }
        let colour: Vec<&'static str> = g
            .node_indices()
            .map(|i| {
                key(&g[i])
                    .and_then(|(k, _)| colour_of.get(&k).copied())
                    .unwrap_or(OTHER_COLOUR)
            })
            .collect();
        Style {
            colour,
            radius,
            legend,
            legend_title,
        }
    }
}

/// What every drawn format shares: metrics, style and the layout.
pub(crate) struct Drawing {
    pub metrics: Metrics,
    pub style: Style,
    pub layout: super::layout::Layout,
}

impl Drawing {
    pub fn new(net: &Network) -> Drawing {
        let g = &net.graph;
        let metrics = Metrics::compute(net);
        let style = Style::new(net, &metrics.weighted_degree);
        let layout = super::layout::force_layout(
            g,
            &style.radius,
            |i| g[petgraph::graph::NodeIndex::new(i)].id.clone(),
            |e: &Edge| e.weight() as f64,
            &super::layout::LayoutOptions::default(),
        );
        Drawing {
            metrics,
            style,
            layout,
        }
    }
}

/// `#rrggbb` -> (r, g, b).
pub(crate) fn rgb(hex: &str) -> (u8, u8, u8) {
    let h = hex.trim_start_matches('#');
    let p = |i: usize| u8::from_str_radix(h.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
    (p(0), p(2), p(4))
}

// ---------------------------------------------------------------------------
// Metrics table.

/// Removes control characters (terminal escape sequences, line breaks) from text
/// shown on a terminal.
fn printable(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

/// The ranked metrics table: aligned text on a terminal, CSV otherwise.
///
/// Rows are ranked by weighted degree (meetings), then betweenness, then PageRank.
/// The CSV has a header line and one row per node with its IRI in the last column.
pub fn metrics_table(net: &Network, tty: bool) -> anyhow::Result<String> {
    let m = Metrics::compute(net);
    let order = metrics::ranking(net, &m);
    let g = &net.graph;
    let second = match net.kind {
        Kind::Persons => "office",
        Kind::Countries => "region",
    };
    let header = [
        "rank",
        "label",
        "country",
        second,
        "degree",
        "weighted_degree",
        "betweenness",
        "closeness",
        "pagerank",
        "component",
        "community",
    ];
    let rows: Vec<Vec<String>> = order
        .iter()
        .enumerate()
        .map(|(rank, &i)| {
            let n = &g[i];
            let k = i.index();
            vec![
                (rank + 1).to_string(),
                n.label.clone(),
                n.country.clone().unwrap_or_default(),
                match net.kind {
                    Kind::Persons => n.office.clone(),
                    Kind::Countries => n.region.clone(),
                }
                .unwrap_or_default(),
                m.degree[k].to_string(),
                int_or_float(m.weighted_degree[k]),
                format!("{:.4}", m.betweenness[k]),
                format!("{:.4}", m.closeness[k]),
                format!("{:.4}", m.pagerank[k]),
                m.component[k].to_string(),
                m.community[k].to_string(),
                n.id.clone(),
            ]
        })
        .collect();
    if !tty {
        let mut s = String::new();
        let mut head: Vec<&str> = header.to_vec();
        head.push("id");
        s.push_str(&head.join(","));
        s.push('\n');
        for r in &rows {
            let cells: Vec<String> = r
                .iter()
                .enumerate()
                .map(|(c, v)| {
                    if matches!(c, 1 | 2 | 3) {
                        csv_text(v)
                    } else {
                        csv_cell(v)
                    }
                })
                .collect();
            s.push_str(&cells.join(","));
            s.push('\n');
        }
        return Ok(s);
    }
    let mut table = comfy_table::Table::new();
    table.load_preset(comfy_table::presets::NOTHING);
    // Only a line under the header.
    table.set_style(comfy_table::TableComponent::HeaderLines, '─');
    table.set_style(comfy_table::TableComponent::MiddleHeaderIntersections, '─');
    table.set_header(header.iter().map(|h| h.replace('_', " ")));
    for r in &rows {
        table.add_row(r[..header.len()].iter().map(|v| printable(v)));
    }
    for c in [0, 4, 5, 6, 7, 8, 9, 10] {
        if let Some(col) = table.column_mut(c) {
            col.set_cell_alignment(comfy_table::CellAlignment::Right);
        }
    }
    let (components, communities) = m.counts();
    Ok(format!(
        "{table}\n{} {}, {} edges, {} component{}, {} communit{} (modularity {:.3}); ranked by weighted degree\n",
        g.node_count(),
        net.kind.name(),
        g.edge_count(),
        components,
        if components == 1 { "" } else { "s" },
        communities,
        if communities == 1 { "y" } else { "ies" },
        m.modularity
    ))
}

/// Integral floats without a fraction ("3"), others with 4 decimals.
fn int_or_float(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:.4}")
    }
}

// ---------------------------------------------------------------------------
// DOT.

/// Escapes a string for a DOT double-quoted ID: `"` and `\` are escaped (so
/// Graphviz's `\N`, `\G`, `\l` sequences cannot be smuggled in), line breaks
/// become `\n`, other control characters are dropped.
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

fn plural(n: usize, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

/// Undirected DOT; pen width grows with the number of meetings (country links made
/// only of documents or trade are thin and dashed); nodes filled with the colour
/// of their country (persons) or region (countries).
pub fn dot(net: &Network) -> String {
    let g = &net.graph;
    let colours = Style::new(
        net,
        &metrics::weighted_degree(g, |e: &Edge| e.weight() as f64),
    )
    .colour;
    let max_meetings = g.edge_weights().map(|e| e.meetings).max().unwrap_or(0);
    let mut s = format!(
        "graph \"{}\" {{\n  graph [overlap=false, splines=true, outputorder=edgesfirst];\n  node [shape=ellipse, style=filled, fontname=\"Helvetica\"];\n  edge [color=\"#00000080\"];\n",
        net.kind.name()
    );
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
        let (r, gg, b) = rgb(colours[i.index()]);
        // Light fill (mixed 60 % with white) keeps black text readable.
        let mix = |v: u8| (f64::from(v) * 0.4 + 255.0 * 0.6).round() as u8;
        let _ = writeln!(
            s,
            "  n{} [label=\"{}\", tooltip=\"{}\", fillcolor=\"#{:02x}{:02x}{:02x}\"];",
            i.index(),
            dot_escape(&label),
            dot_escape(&n.id),
            mix(r),
            mix(gg),
            mix(b)
        );
    }
    for e in g.edge_indices() {
        let Some((a, b)) = g.edge_endpoints(e) else {
            continue;
        };
        let w = &g[e];
        let _ = writeln!(
            s,
            "  n{} -- n{} [weight={}, penwidth={:.1}{}, label=\"{}\"];",
            a.index(),
            b.index(),
            w.weight().max(1),
            super::svg::edge_width(w.meetings, max_meetings) * 1.2,
            if w.meetings == 0 {
                ", style=dashed"
            } else {
                ""
            },
            dot_escape(&edge_summary(w))
        );
    }
    s.push_str("}\n");
    s
}

/// "3 meetings, 17 docs, $620M trade, 2024-02-08..2024-03-01"
pub(crate) fn edge_summary(w: &Edge) -> String {
    let mut label = Vec::new();
    if w.meetings > 0 {
        label.push(plural(w.meetings, "meeting"));
    }
    if w.documents > 0 {
        label.push(plural(w.documents, "doc"));
    }
    if let Some(t) = w.latest_trade {
        label.push(format!("${:.0}M trade", t / 1e6));
    } else if w.trade_figures > 0 {
        label.push(plural(w.trade_figures, "trade figure"));
    }
    if let (Some(f), Some(l)) = (&w.first, &w.last) {
        label.push(if f == l {
            f.clone()
        } else {
            format!("{f}..{l}")
        });
    }
    label.join(", ")
}

// ---------------------------------------------------------------------------
// JSON.

/// networkx node-link JSON (undirected, not a multigraph), key "edges", without metrics.
pub fn node_link(net: &Network) -> Value {
    node_link_with(net, &Metrics::compute(net), &Options::default())
}

/// networkx node-link JSON with every metric as node attributes:
/// `networkx.node_link_graph(data, edges="edges")` reads it.
pub fn node_link_with(net: &Network, m: &Metrics, opts: &Options) -> Value {
    let g = &net.graph;
    let nodes: Vec<Value> = g
        .node_indices()
        .map(|i| {
            let n = &g[i];
            let k = i.index();
            json!({
                "id": n.id, "label": n.label, "office": n.office, "country": n.country, "country_name": n.country_name,
                "region": n.region, "wikidata": n.wikidata,
                "degree": m.degree[k], "weighted_degree": m.weighted_degree[k] as u64, "betweenness": m.betweenness[k],
                "closeness": m.closeness[k], "pagerank": m.pagerank[k], "component": m.component[k], "community": m.community[k],
            })
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
                "first": w.first, "last": w.last, "kinds": w.kinds, "articles": w.articles, "items": w.items,
            }))
        })
        .collect();
    let (from, to) = net.date_range(&opts.filter);
    json!({
        "directed": false, "multigraph": false,
        "graph": {"kind": net.kind.name(), "title": opts.title(net.kind), "from": from, "to": to, "modularity": m.modularity},
        "nodes": nodes, "edges": edges,
    })
}

// ---------------------------------------------------------------------------
// CSV.

/// RFC 4180 cell: quoted when it holds a comma, quote or line break.
pub(crate) fn csv_cell(v: &str) -> String {
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v.to_string()
    }
}

/// A text cell from scraped data: like [`csv_cell`], and a leading `= + - @` (or tab/CR)
/// gets a `'` so spreadsheets show it as text instead of running it as a formula.
pub(crate) fn csv_text(v: &str) -> String {
    if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        csv_cell(&format!("'{v}"))
    } else {
        csv_cell(v)
    }
}

fn opt(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("")
}

/// The edge table: one row per edge, Gephi's `Source,Target,Weight` columns first.
pub fn csv_edges(net: &Network) -> String {
    let g = &net.graph;
    let mut s = String::from(
        "source,target,weight,meetings,documents,trade_figures,latest_trade_usd,first_date,last_date,kinds,source_label,target_label,article_count,articles\n",
    );
    for e in g.edge_indices() {
        let Some((a, b)) = g.edge_endpoints(e) else {
            continue;
        };
        let w = &g[e];
        let cells = [
            csv_cell(&g[a].id),
            csv_cell(&g[b].id),
            w.weight().to_string(),
            w.meetings.to_string(),
            w.documents.to_string(),
            w.trade_figures.to_string(),
            w.latest_trade.map(|t| format!("{t}")).unwrap_or_default(),
            csv_cell(opt(&w.first)),
            csv_cell(opt(&w.last)),
            csv_cell(&w.kinds.iter().cloned().collect::<Vec<_>>().join(";")),
            csv_text(&g[a].label),
            csv_text(&g[b].label),
            w.articles.len().to_string(),
            csv_cell(&w.articles.iter().cloned().collect::<Vec<_>>().join(" ")),
        ];
        s.push_str(&cells.join(","));
        s.push('\n');
    }
    s
}

/// The node table: one row per node with its attributes and metrics.
pub fn csv_nodes(net: &Network, m: &Metrics) -> String {
    let g = &net.graph;
    let mut s = String::from(
        "id,label,office,country,country_name,region,wikidata,degree,weighted_degree,betweenness,closeness,pagerank,component,community\n",
    );
    for i in g.node_indices() {
        let n = &g[i];
        let k = i.index();
        let cells = [
            csv_cell(&n.id),
            csv_text(&n.label),
            csv_text(opt(&n.office)),
            csv_text(opt(&n.country)),
            csv_text(opt(&n.country_name)),
            csv_text(opt(&n.region)),
            csv_text(opt(&n.wikidata)),
            m.degree[k].to_string(),
            int_or_float(m.weighted_degree[k]),
            format!("{}", m.betweenness[k]),
            format!("{}", m.closeness[k]),
            format!("{}", m.pagerank[k]),
            m.component[k].to_string(),
            m.community[k].to_string(),
        ];
        s.push_str(&cells.join(","));
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_labels_are_escaped() {
        assert_eq!(
            dot_escape("a \"quoted\" \\ name\nnext"),
            "a \\\"quoted\\\" \\\\ name\\nnext"
        );
        assert_eq!(dot_escape("\\N\u{1b}[31m"), "\\\\N[31m");
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_text("-1"), "'-1");
        assert_eq!(csv_text("Lukashenko"), "Lukashenko");
    }

    #[test]
    fn terminal_text_has_no_escapes() {
        assert_eq!(printable("a\u{1b}]0;pwned\u{7}b\nc"), "a]0;pwnedbc");
    }
}
