//! Store -> petgraph networks: persons who met (edge weight = meetings) and
//! countries linked by their officials' meetings, signed documents and trade.
//!
//! The entry point is [`Network::persons`] / [`Network::countries`]; data
//! comes only through the SPARQL in `queries/network-*.rq`. Then:
//!
//! - [`metrics`]: degree, weighted degree, betweenness, closeness, PageRank,
//!   connected components and Louvain communities ([`metrics::Metrics::compute`]);
//! - [`render`]: every output format (`render::render`) and the ranked metrics
//!   table (`render::metrics_table`);
//! - [`layout`]: the deterministic force layout shared by the SVG/PNG picture,
//!   the GEXF `viz:position`s and the HTML page.
//!
//! Graphs are built in a canonical order (nodes sorted by IRI, edges by their
//! endpoints' IRIs), so the same store and filter always give the same
//! `NodeIndex`es and therefore byte-identical outputs.

pub mod layout;
pub mod metrics;
pub mod render;

mod html;
mod svg;
mod xml;

use crate::store::{Store, StoreError};
use petgraph::graph::{NodeIndex, UnGraph};
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub const PERSONS_QUERY: &str = include_str!("../../queries/network-persons.rq");
pub const COUNTRIES_QUERY: &str = include_str!("../../queries/network-countries.rq");
pub const PERSON_DETAILS_QUERY: &str = include_str!("../../queries/network-person-details.rq");
pub const COUNTRY_DETAILS_QUERY: &str = include_str!("../../queries/network-country-details.rq");
pub const EVIDENCE_QUERY: &str = include_str!("../../queries/network-evidence.rq");

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Node {
    pub id: String,
    pub label: String,
    /// Persons: office title (the position reported by the latest article); countries: none.
    pub office: Option<String>,
    /// ISO 3166-1 alpha-2 code: the person's country, or the country itself.
    pub country: Option<String>,
    /// The country's name (persons: their country's; countries: the label).
    pub country_name: Option<String>,
    /// `dg:region` of the country in the ontology graph (Africa, Americas, Asia, Europe, Oceania).
    pub region: Option<String>,
    pub wikidata: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Edge {
    /// Distinct encounters (persons) or meetings between officials (countries).
    pub meetings: usize,
    pub documents: usize,
    pub trade_figures: usize,
    /// The latest trade figure in USD, by year.
    pub latest_trade: Option<f64>,
    /// First and last dated meeting or signing, `YYYY-MM-DD` (partial dates such as
    /// `--02-08` are left out: they cannot be placed on a timeline).
    pub first: Option<String>,
    pub last: Option<String>,
    pub kinds: BTreeSet<String>,
    pub articles: BTreeSet<String>,
    /// IRIs of the events, documents and trade figures behind the edge (keys of [`Network::items`]).
    pub items: BTreeSet<String>,
}

impl Edge {
    /// The weight used for drawing and metrics: meetings, plus documents, plus one for trade.
    pub fn weight(&self) -> usize {
        self.meetings + self.documents + self.trade_figures.min(1)
    }
}

/// One event, signed document or trade figure behind an edge, with its evidence
/// (from `queries/network-evidence.rq`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Item {
    /// `meeting`, `document` or `trade`.
    pub group: String,
    /// Finer kind: `talks`, `visit`, `meeting`, `summit`, `call`, `other`, `agreement`, ..., `trade`.
    pub kind: String,
    /// As stored: `YYYY-MM-DD`, a partial date (`--MM-DD`) or a year (trade).
    pub date: Option<String>,
    /// Document title.
    pub name: Option<String>,
    /// The sentence the fact was read from.
    pub sentence: Option<String>,
    pub article: Option<String>,
    pub source_file: Option<String>,
    pub headline: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Persons,
    Countries,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Persons => "persons",
            Kind::Countries => "countries",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub from: Option<String>,
    pub to: Option<String>,
    pub countries: Vec<String>,
    pub min_weight: usize,
}

pub struct Network {
    pub kind: Kind,
    pub graph: UnGraph<Node, Edge>,
    pub index: HashMap<String, NodeIndex>,
    /// Evidence for every item of every edge, by item IRI.
    pub items: BTreeMap<String, Item>,
}

/// `YYYY-MM-DD` prefix of a stored date, if it is a full date.
pub(crate) fn full_date(d: &str) -> Option<&str> {
    let b = d.as_bytes();
    let ok = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    ok.then(|| &d[..10])
}

/// Whether an item dated `date` passes the date filter. With `--from`/`--to`,
/// undated and partially dated items cannot be placed and are left out.
fn in_range(date: Option<&str>, f: &Filter) -> bool {
    if f.from.is_none() && f.to.is_none() {
        return true;
    }
    match date.and_then(full_date) {
        None => false,
        Some(d) => {
            f.from.as_deref().is_none_or(|from| d >= from)
                && f.to.as_deref().is_none_or(|to| d <= to)
        }
    }
}

fn widen(edge: &mut Edge, date: Option<&str>) {
    if let Some(d) = date.and_then(full_date) {
        if edge.first.as_deref().is_none_or(|x| d < x) {
            edge.first = Some(d.to_string());
        }
        if edge.last.as_deref().is_none_or(|x| d > x) {
            edge.last = Some(d.to_string());
        }
    }
}

fn last_segment(iri: &str) -> String {
    iri.rsplit('/').next().unwrap_or(iri).to_string()
}

impl Network {
    /// An empty network of `kind` (tests and hand-built graphs).
    pub fn new(kind: Kind) -> Network {
        Network {
            kind,
            graph: UnGraph::default(),
            index: HashMap::new(),
            items: BTreeMap::new(),
        }
    }

    fn node(&mut self, id: &str, label: &str) -> NodeIndex {
        if let Some(&i) = self.index.get(id) {
            return i;
        }
        let i = self.graph.add_node(Node {
            id: id.to_string(),
            label: label.to_string(),
            ..Default::default()
        });
        self.index.insert(id.to_string(), i);
        i
    }

    fn edge(&mut self, a: NodeIndex, b: NodeIndex) -> &mut Edge {
        let e = match self.graph.find_edge(a, b) {
            Some(e) => e,
            None => self.graph.add_edge(a, b, Edge::default()),
        };
        &mut self.graph[e]
    }

    /// Persons who met, from `queries/network-persons.rq`; node details from
    /// `queries/network-person-details.rq`, evidence from `queries/network-evidence.rq`.
    pub fn persons(store: &Store, f: &Filter) -> Result<Network, StoreError> {
        let (vars, rows) = store.select_strings(PERSONS_QUERY)?;
        let col = |n: &str| vars.iter().position(|v| v == n);
        let (ev, kind, date, art, p1, n1, p2, n2) = (
            col("event"),
            col("kind"),
            col("date"),
            col("article"),
            col("p1"),
            col("name1"),
            col("p2"),
            col("name2"),
        );
        let get = |r: &Vec<Option<String>>, c: Option<usize>| c.and_then(|c| r[c].clone());
        let mut net = Network::new(Kind::Persons);
        let mut seen: BTreeSet<(String, String, String)> = BTreeSet::new();
        for r in &rows {
            let (Some(a), Some(b), Some(e)) = (get(r, p1), get(r, p2), get(r, ev)) else {
                continue;
            };
            let d = get(r, date);
            if !in_range(d.as_deref(), f) {
                continue;
            }
            let ia = net.node(&a, &get(r, n1).unwrap_or_else(|| last_segment(&a)));
            let ib = net.node(&b, &get(r, n2).unwrap_or_else(|| last_segment(&b)));
            let edge = net.edge(ia, ib);
            if seen.insert((a.clone(), b.clone(), e.clone())) {
                edge.meetings += 1;
                edge.items.insert(e);
            }
            if let Some(k) = get(r, kind) {
                edge.kinds.insert(k);
            }
            if let Some(x) = get(r, art) {
                edge.articles.insert(x);
            }
            widen(edge, d.as_deref());
        }
        net.annotate_persons(store)?;
        net.apply(f);
        net.load_items(store)?;
        Ok(net)
    }

    fn annotate_persons(&mut self, store: &Store) -> Result<(), StoreError> {
        let (vars, rows) = store.select_strings(PERSON_DETAILS_QUERY)?;
        let col = |n: &str| vars.iter().position(|v| v == n);
        let get = |r: &Vec<Option<String>>, n: &str| {
            col(n).and_then(|c| r[c].clone()).filter(|s| !s.is_empty())
        };
        // person -> (wikidata, position -> key -> value)
        type Positions = BTreeMap<String, BTreeMap<String, String>>;
        let mut people: HashMap<String, (Option<String>, Positions)> = HashMap::new();
        for r in &rows {
            let (Some(p), Some(key), Some(value)) =
                (get(r, "person"), get(r, "key"), get(r, "value"))
            else {
                continue;
            };
            if !self.index.contains_key(&p) {
                continue;
            }
            let entry = people.entry(p).or_default();
            match get(r, "position") {
                None if key == "wikidata" => entry.0 = Some(last_segment(&value)),
                None => {}
                Some(pos) => {
                    entry.1.entry(pos).or_default().insert(key, value);
                }
            }
        }
        for (p, (wikidata, positions)) in people {
            let i = self.index[&p];
            let n = &mut self.graph[i];
            n.wikidata = wikidata;
            // The current position: titled, not ended, most recent (reported or started).
            let best = positions.values().max_by_key(|a| {
                let titled = a.contains_key("role") || a.contains_key("office");
                let current = !a.contains_key("end");
                let date = a
                    .get("published")
                    .or(a.get("start"))
                    .cloned()
                    .unwrap_or_default();
                (titled, current, date)
            });
            let Some(best) = best else { continue };
            n.office = best.get("role").or(best.get("office")).cloned();
            let with_country = if best.contains_key("iso") {
                Some(best)
            } else {
                positions.values().find(|a| a.contains_key("iso"))
            };
            if let Some(a) = with_country {
                n.country = a.get("iso").cloned();
                n.country_name = a.get("countryName").cloned();
                n.region = a.get("region").cloned();
            }
        }
        Ok(())
    }

    /// Countries linked by meetings of their officials, documents and trade figures
    /// (`queries/network-countries.rq`, `queries/network-country-details.rq`).
    pub fn countries(store: &Store, f: &Filter) -> Result<Network, StoreError> {
        let (vars, rows) = store.select_strings(COUNTRIES_QUERY)?;
        let col = |n: &str| vars.iter().position(|v| v == n);
        let get = |r: &Vec<Option<String>>, n: &str| col(n).and_then(|c| r[c].clone());
        let details: BTreeMap<String, (Option<String>, Option<String>, Option<String>)> = {
            let (v, rows) = store.select_strings(COUNTRY_DETAILS_QUERY)?;
            let c = |n: &str| v.iter().position(|x| x == n);
            let g = |r: &Vec<Option<String>>, n: &str| {
                c(n).and_then(|i| r[i].clone()).filter(|s| !s.is_empty())
            };
            rows.iter()
                .filter_map(|r| {
                    Some((
                        g(r, "country")?,
                        (g(r, "name"), g(r, "iso"), g(r, "region")),
                    ))
                })
                .collect()
        };
        let mut net = Network::new(Kind::Countries);
        let mut latest_year: HashMap<(NodeIndex, NodeIndex), String> = HashMap::new();
        let mut seen: BTreeSet<(String, String, String)> = BTreeSet::new();
        for r in &rows {
            let (Some(a), Some(b), Some(kind), Some(item)) =
                (get(r, "c1"), get(r, "c2"), get(r, "kind"), get(r, "item"))
            else {
                continue;
            };
            let date = get(r, "date");
            if kind != "trade" && !in_range(date.as_deref(), f) {
                continue;
            }
            let mut ends = [NodeIndex::end(); 2];
            for (slot, iri) in ends.iter_mut().zip([&a, &b]) {
                let (name, iso, region) = details.get(iri).cloned().unwrap_or_default();
                let i = net.node(iri, &name.clone().unwrap_or_else(|| last_segment(iri)));
                let n = &mut net.graph[i];
                n.country = Some(iso.unwrap_or_else(|| last_segment(iri)));
                n.country_name = name;
                n.region = region;
                *slot = i;
            }
            let [ia, ib] = ends;
            let fresh = seen.insert((a.clone(), b.clone(), item.clone()));
            let edge = net.edge(ia, ib);
            edge.kinds.insert(kind.clone());
            if let Some(x) = get(r, "article") {
                edge.articles.insert(x);
            }
            if !fresh {
                continue;
            }
            edge.items.insert(item);
            match kind.as_str() {
                "meeting" => edge.meetings += 1,
                "document" => edge.documents += 1,
                _ => {
                    edge.trade_figures += 1;
                    let y = date.clone().unwrap_or_default();
                    let key = (ia.min(ib), ia.max(ib));
                    if get(r, "tradeKind").as_deref() == Some("actual")
                        && latest_year.get(&key).is_none_or(|old| &y >= old)
                    {
                        latest_year.insert(key, y);
                        edge.latest_trade = get(r, "amount").and_then(|v| v.parse().ok());
                    }
                }
            }
            if kind != "trade" {
                widen(edge, date.as_deref());
            }
        }
        net.apply(f);
        net.load_items(store)?;
        Ok(net)
    }

    /// Evidence of the items the edges are made of.
    fn load_items(&mut self, store: &Store) -> Result<(), StoreError> {
        let wanted: BTreeSet<&String> = self
            .graph
            .edge_weights()
            .flat_map(|e| e.items.iter())
            .collect();
        if wanted.is_empty() {
            return Ok(());
        }
        let (vars, rows) = store.select_strings(EVIDENCE_QUERY)?;
        let col = |n: &str| vars.iter().position(|v| v == n);
        let get = |r: &Vec<Option<String>>, n: &str| {
            col(n).and_then(|c| r[c].clone()).filter(|s| !s.is_empty())
        };
        let mut items = BTreeMap::new();
        for r in &rows {
            let Some(id) = get(r, "item") else { continue };
            if !wanted.contains(&id) || items.contains_key(&id) {
                continue;
            }
            items.insert(
                id,
                Item {
                    group: get(r, "group").unwrap_or_default(),
                    kind: get(r, "kind").unwrap_or_default(),
                    date: get(r, "date"),
                    name: get(r, "name"),
                    sentence: get(r, "sentence"),
                    article: get(r, "article"),
                    source_file: get(r, "sourceFile"),
                    headline: get(r, "headline"),
                    url: get(r, "url"),
                    published: get(r, "published"),
                },
            );
        }
        self.items = items;
        Ok(())
    }

    /// Drops light edges and, with `--country`, edges that touch none of the given countries;
    /// then rebuilds the graph in canonical order (nodes by IRI, edges by endpoint IRIs).
    fn apply(&mut self, f: &Filter) {
        let countries: Vec<String> = f.countries.iter().map(|c| c.to_uppercase()).collect();
        let g = &self.graph;
        let keep_edge = |e: petgraph::graph::EdgeIndex| {
            let (a, b) = g.edge_endpoints(e).unwrap_or_default();
            let w = g[e].weight();
            let touches = countries.is_empty()
                || countries.iter().any(|c| {
                    g[a].country.as_deref() == Some(c) || g[b].country.as_deref() == Some(c)
                });
            w >= f.min_weight.max(1) && touches
        };
        let mut next = UnGraph::<Node, Edge>::default();
        let mut index = HashMap::new();
        let mut ids: Vec<NodeIndex> = g.node_indices().collect();
        ids.sort_by(|a, b| g[*a].id.cmp(&g[*b].id));
        let mut edges: Vec<_> = g.edge_indices().filter(|&e| keep_edge(e)).collect();
        edges.sort_by_key(|&e| {
            let (a, b) = g.edge_endpoints(e).unwrap_or_default();
            (
                g[a].id.clone().min(g[b].id.clone()),
                g[a].id.clone().max(g[b].id.clone()),
            )
        });
        let used: BTreeSet<NodeIndex> = edges
            .iter()
            .flat_map(|&e| {
                let (a, b) = g.edge_endpoints(e).unwrap_or_default();
                [a, b]
            })
            .collect();
        for i in ids {
            if used.contains(&i) {
                let n = next.add_node(g[i].clone());
                index.insert(g[i].id.clone(), n);
            }
        }
        for e in edges {
            let (a, b) = g.edge_endpoints(e).unwrap_or_default();
            let (na, nb) = (index[&g[a].id], index[&g[b].id]);
            // Endpoints in IRI order, so `edge_endpoints` is canonical too.
            let (na, nb) = if g[a].id <= g[b].id {
                (na, nb)
            } else {
                (nb, na)
            };
            next.add_edge(na, nb, g[e].clone());
        }
        self.graph = next;
        self.index = index;
    }

    /// The date span of the network: the filter's bounds where given, else the
    /// first and last dated meeting or signing of any edge.
    pub fn date_range(&self, f: &Filter) -> (Option<String>, Option<String>) {
        let first = self
            .graph
            .edge_weights()
            .filter_map(|e| e.first.clone())
            .min();
        let last = self
            .graph
            .edge_weights()
            .filter_map(|e| e.last.clone())
            .max();
        (f.from.clone().or(first), f.to.clone().or(last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_dates_only() {
        assert_eq!(full_date("2024-02-08"), Some("2024-02-08"));
        assert_eq!(full_date("2024-02-08T10:00:00Z"), Some("2024-02-08"));
        assert_eq!(full_date("--02-08"), None);
        assert_eq!(full_date("2024"), None);
    }

    #[test]
    fn date_filter_leaves_out_what_it_cannot_place() {
        let f = Filter {
            from: Some("2024-01-01".into()),
            ..Default::default()
        };
        assert!(in_range(Some("2024-02-08"), &f));
        assert!(!in_range(Some("2023-12-31"), &f));
        assert!(!in_range(Some("--02-08"), &f));
        assert!(!in_range(None, &f));
        assert!(in_range(None, &Filter::default()));
        let t = Filter {
            to: Some("2024-01-01".into()),
            ..Default::default()
        };
        assert!(!in_range(Some("--02-08"), &t));
    }
}
