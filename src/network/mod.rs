//! Store -> petgraph networks: persons who met (edge weight = meetings) and
//! countries linked by their officials' meetings, signed documents and trade.
//!
//! The entry point is [`Network::persons`] / [`Network::countries`]; data
//! comes only through the SPARQL in `queries/network-*.rq`.

pub mod render;

use crate::store::{Store, StoreError};
use petgraph::graph::{NodeIndex, UnGraph};
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub const PERSONS_QUERY: &str = include_str!("../../queries/network-persons.rq");
pub const COUNTRIES_QUERY: &str = include_str!("../../queries/network-countries.rq");

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Node {
    pub id: String,
    pub label: String,
    /// Persons: office title; countries: ISO code.
    pub office: Option<String>,
    pub country: Option<String>,
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
    pub first: Option<String>,
    pub last: Option<String>,
    pub kinds: BTreeSet<String>,
    pub articles: BTreeSet<String>,
    pub items: BTreeSet<String>,
}

impl Edge {
    /// The weight used for drawing and metrics: meetings, else documents, else trade.
    pub fn weight(&self) -> usize {
        self.meetings + self.documents + self.trade_figures.min(1)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Persons,
    Countries,
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
}

fn in_range(date: Option<&str>, f: &Filter) -> bool {
    match date {
        None => f.from.is_none() && f.to.is_none(),
        Some(d) => {
            let d = &d[..d.len().min(10)];
            f.from.as_deref().is_none_or(|from| d >= from) && f.to.as_deref().is_none_or(|to| d <= to)
        }
    }
}

impl Network {
    fn node(&mut self, id: &str, label: &str) -> NodeIndex {
        if let Some(&i) = self.index.get(id) {
            return i;
        }
        let i = self.graph.add_node(Node { id: id.to_string(), label: label.to_string(), ..Default::default() });
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

    /// Persons who met, from `queries/network-persons.rq`.
    pub fn persons(store: &Store, f: &Filter) -> Result<Network, StoreError> {
        let (vars, rows) = store.select_strings(PERSONS_QUERY)?;
        let col = |n: &str| vars.iter().position(|v| v == n);
        let (ev, kind, date, art, p1, n1, p2, n2) = (
            col("event"), col("kind"), col("date"), col("article"), col("p1"), col("name1"), col("p2"), col("name2"),
        );
        let get = |r: &Vec<Option<String>>, c: Option<usize>| c.and_then(|c| r[c].clone());
        let mut net = Network { kind: Kind::Persons, graph: UnGraph::default(), index: HashMap::new() };
        let mut seen: BTreeSet<(String, String, String)> = BTreeSet::new();
        for r in &rows {
            let (Some(a), Some(b), Some(e)) = (get(r, p1), get(r, p2), get(r, ev)) else { continue };
            let d = get(r, date);
            if !in_range(d.as_deref(), f) {
                continue;
            }
            let ia = net.node(&a, &get(r, n1).unwrap_or_else(|| a.clone()));
            let ib = net.node(&b, &get(r, n2).unwrap_or_else(|| b.clone()));
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
            if let Some(d) = d {
                let d = d[..d.len().min(10)].to_string();
                if edge.first.as_ref().is_none_or(|x| &d < x) {
                    edge.first = Some(d.clone());
                }
                if edge.last.as_ref().is_none_or(|x| &d > x) {
                    edge.last = Some(d);
                }
            }
        }
        net.annotate_persons(store)?;
        net.apply(f);
        Ok(net)
    }

    fn annotate_persons(&mut self, store: &Store) -> Result<(), StoreError> {
        let (_, rows) = store.select_strings(
            "PREFIX dg: <https://w3id.org/diplograph/ontology#> PREFIX schema: <http://schema.org/> PREFIX owl: <http://www.w3.org/2002/07/owl#>
             SELECT ?p (SAMPLE(?r) AS ?role) (SAMPLE(?iso) AS ?c) (SAMPLE(?wd) AS ?w) WHERE {
               ?p a schema:Person .
               OPTIONAL { ?p dg:holds ?pos . OPTIONAL { ?pos schema:roleName ?r } OPTIONAL { ?pos dg:country/dg:isoCode ?iso0 } OPTIONAL { ?pos dg:country ?ci } }
               BIND(COALESCE(?iso0, REPLACE(STR(?ci), '^.*/', '')) AS ?iso)
               OPTIONAL { ?p owl:sameAs ?wd }
             } GROUP BY ?p",
        )?;
        for r in rows {
            let Some(p) = &r[0] else { continue };
            if let Some(&i) = self.index.get(p) {
                let n = &mut self.graph[i];
                n.office = r[1].clone();
                n.country = r[2].clone().filter(|c| !c.is_empty());
                n.wikidata = r[3].clone().map(|w| w.rsplit('/').next().unwrap_or(&w).to_string());
            }
        }
        Ok(())
    }

    /// Countries linked by meetings of their officials, documents and trade figures.
    pub fn countries(store: &Store, f: &Filter) -> Result<Network, StoreError> {
        let (vars, rows) = store.select_strings(COUNTRIES_QUERY)?;
        let col = |n: &str| vars.iter().position(|v| v == n);
        let get = |r: &Vec<Option<String>>, n: &str| col(n).and_then(|c| r[c].clone());
        let names: BTreeMap<String, String> = {
            let (_, rows) = store.select_strings(
                "SELECT ?c ?n WHERE { ?c a <http://schema.org/Country> ; <http://schema.org/name> ?n }",
            )?;
            rows.into_iter().filter_map(|r| Some((r[0].clone()?, r[1].clone()?))).collect()
        };
        let mut net = Network { kind: Kind::Countries, graph: UnGraph::default(), index: HashMap::new() };
        let mut latest_year: HashMap<(NodeIndex, NodeIndex), String> = HashMap::new();
        let mut seen: BTreeSet<(String, String, String)> = BTreeSet::new();
        for r in &rows {
            let (Some(a), Some(b), Some(kind), Some(item)) = (get(r, "c1"), get(r, "c2"), get(r, "kind"), get(r, "item")) else { continue };
            let date = get(r, "date");
            if kind != "trade" && !in_range(date.as_deref(), f) && (f.from.is_some() || f.to.is_some()) {
                continue;
            }
            let la = names.get(&a).cloned().unwrap_or_else(|| a.rsplit('/').next().unwrap_or(&a).to_string());
            let lb = names.get(&b).cloned().unwrap_or_else(|| b.rsplit('/').next().unwrap_or(&b).to_string());
            let ia = net.node(&a, &la);
            let ib = net.node(&b, &lb);
            net.graph[ia].country = Some(a.rsplit('/').next().unwrap_or(&a).to_string());
            net.graph[ib].country = Some(b.rsplit('/').next().unwrap_or(&b).to_string());
            let fresh = seen.insert((a.clone(), b.clone(), item.clone()));
            let edge = net.edge(ia, ib);
            edge.kinds.insert(kind.clone());
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
                    if get(r, "tradeKind").as_deref() == Some("actual") && latest_year.get(&key).is_none_or(|old| &y >= old) {
                        latest_year.insert(key, y);
                        edge.latest_trade = get(r, "amount").and_then(|v| v.parse().ok());
                    }
                }
            }
            if kind != "trade" {
                if let Some(d) = date {
                    let d = d[..d.len().min(10)].to_string();
                    if edge.first.as_ref().is_none_or(|x| &d < x) {
                        edge.first = Some(d.clone());
                    }
                    if edge.last.as_ref().is_none_or(|x| &d > x) {
                        edge.last = Some(d);
                    }
                }
            }
        }
        net.apply(f);
        Ok(net)
    }

    /// Drops light edges and, with `--country`, edges that touch none of the given countries.
    fn apply(&mut self, f: &Filter) {
        let countries: Vec<String> = f.countries.iter().map(|c| c.to_uppercase()).collect();
        let g = &self.graph;
        let keep_edge = |e: petgraph::graph::EdgeIndex| {
            let (a, b) = g.edge_endpoints(e).unwrap_or_default();
            let w = g[e].weight();
            let touches = countries.is_empty()
                || countries.iter().any(|c| g[a].country.as_deref() == Some(c) || g[b].country.as_deref() == Some(c));
            w >= f.min_weight.max(1) && touches
        };
        let mut next = UnGraph::<Node, Edge>::default();
        let mut index = HashMap::new();
        let mut ids: Vec<NodeIndex> = g.node_indices().collect();
        ids.sort_by(|a, b| g[*a].id.cmp(&g[*b].id));
        let mut edges: Vec<_> = g.edge_indices().filter(|&e| keep_edge(e)).collect();
        edges.sort_by_key(|&e| {
            let (a, b) = g.edge_endpoints(e).unwrap_or_default();
            (g[a].id.clone().min(g[b].id.clone()), g[a].id.clone().max(g[b].id.clone()))
        });
        let used: BTreeSet<NodeIndex> = edges.iter().flat_map(|&e| {
            let (a, b) = g.edge_endpoints(e).unwrap_or_default();
            [a, b]
        }).collect();
        for i in ids {
            if used.contains(&i) {
                let n = next.add_node(g[i].clone());
                index.insert(g[i].id.clone(), n);
            }
        }
        for e in edges {
            let (a, b) = g.edge_endpoints(e).unwrap_or_default();
            let (na, nb) = (index[&g[a].id], index[&g[b].id]);
            next.add_edge(na, nb, g[e].clone());
        }
        self.graph = next;
        self.index = index;
    }
}
