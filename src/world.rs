//! The consolidated layer: the named graph `<https://w3id.org/diplograph/graph/world>`, in which
//! each person, position, country, city, document and trade figure is stated once (the set union
//! of what the article graphs say about it) and each encounter is one event however many articles
//! reported it. Kept by [`update`] inside the transaction that replaces an article, so it is
//! always the function of the article graphs in the store, whatever the order they came in.
//!
//! Shape of a consolidated event `dgr:event/w…`:
//! `a dg:Talks …; dg:participant …; dg:host …; dg:date …; dg:place …;`
//! `dg:report <event as one article reported it>; prov:wasDerivedFrom <article>; dg:reportCount n`.
//! Its lookup keys (`dg:pairKey`, `dg:undatedPairKey`, one per pair of participants) are in the
//! meta graph, not in the world graph.
//!
//! Event identity: two reports are one event when they share at least two participants (hosts
//! count) and their dates agree (equal, or a date without a year whose month and day match). A
//! report without a date joins the dated event sharing two of its participants that is latest
//! on or before its article's publication date (else the earliest one; ties by IRI); undated
//! reports with no such event group with each other by the same two-participant rule.

use crate::resolve::short_hash;
use crate::vocab::{self, META_GRAPH, ONTOLOGY_GRAPH, PROV, RDF, WORLD_GRAPH, XSD};
use oxigraph::model::{
    GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef, Term, TermRef,
};
use oxigraph::store::{StorageError, Transaction};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Local names of the encounter classes.
pub const EVENT_CLASSES: [&str; 6] = [
    "Talks",
    "Visit",
    "Summit",
    "PhoneCall",
    "Meeting",
    "OtherEncounter",
];

fn nn(s: &str) -> NamedNode {
    NamedNode::new_unchecked(s)
}

fn is_event_class(iri: &str) -> bool {
    iri.strip_prefix(vocab::DG)
        .is_some_and(|l| EVENT_CLASSES.contains(&l))
}

/// One article's report of an encounter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub iri: String,
    pub article: String,
    pub class: String,
    pub participants: BTreeSet<String>,
    pub hosts: BTreeSet<String>,
    /// Lexical form: `YYYY-MM-DD` or `--MM-DD`.
    pub date: Option<String>,
    pub places: BTreeSet<String>,
    /// The article's publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
}

impl Report {
    fn people(&self) -> BTreeSet<&String> {
        self.participants.iter().chain(&self.hosts).collect()
    }
    fn shares_two(&self, o: &Report) -> bool {
        let a = self.people();
        o.people().iter().filter(|p| a.contains(*p)).count() >= 2
    }
    fn pair_keys(&self) -> Vec<String> {
        pair_keys(&self.people())
    }
}

fn pair_keys(people: &BTreeSet<&String>) -> Vec<String> {
    let v: Vec<&&String> = people.iter().collect();
    let mut out = Vec::new();
    for i in 0..v.len() {
        for j in i + 1..v.len() {
            out.push(short_hash(&[v[i], v[j]]));
        }
    }
    out
}

/// Dates that may name the same day: equal, or one without a year and the same month and day.
pub fn dates_agree(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let md = |d: &str| d.get(d.len().saturating_sub(5)..).map(str::to_string);
    (a.starts_with("--") || b.starts_with("--")) && md(a) == md(b)
}

/// Groups reports into events (indices into `reports`, each group sorted, groups sorted).
/// A function of the set of reports only: the order they are given in does not matter.
pub fn cluster(reports: &[Report]) -> Vec<Vec<usize>> {
    let n = reports.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| reports[a].iri.cmp(&reports[b].iri));
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while p[r] != r {
            r = p[r];
        }
        let mut y = x;
        while p[y] != r {
            let next = p[y];
            p[y] = r;
            y = next;
        }
        r
    }
    fn union(p: &mut [usize], a: usize, b: usize) {
        let (ra, rb) = (find(p, a), find(p, b));
        if ra != rb {
            p[ra.max(rb)] = ra.min(rb);
        }
    }
    let dated: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| reports[i].date.is_some())
        .collect();
    for (x, &i) in dated.iter().enumerate() {
        for &j in &dated[x + 1..] {
            let (a, b) = (&reports[i], &reports[j]);
            if dates_agree(
                a.date.as_deref().unwrap_or(""),
                b.date.as_deref().unwrap_or(""),
            ) && a.shares_two(b)
            {
                union(&mut parent, i, j);
            }
        }
    }
    // The date of a dated component: its smallest full date, else its smallest partial one.
    let comp_date = |parent: &mut Vec<usize>, root: usize| -> String {
        let mut full: Option<&str> = None;
        let mut part: Option<&str> = None;
        for &k in &dated {
            if find(parent, k) == root {
                let d = reports[k].date.as_deref().unwrap_or("");
                let slot = if d.starts_with("--") {
                    &mut part
                } else {
                    &mut full
                };
                if slot.is_none_or(|s| d < s) {
                    *slot = Some(d);
                }
            }
        }
        full.or(part).unwrap_or("").to_string()
    };
    let mut lonely = Vec::new();
    let mut attach: Vec<(usize, usize)> = Vec::new();
    for &u in order.iter().filter(|&&i| reports[i].date.is_none()) {
        let mut cands: BTreeMap<usize, String> = BTreeMap::new();
        for &k in &dated {
            if reports[u].shares_two(&reports[k]) {
                let r = find(&mut parent, k);
                if !cands.contains_key(&r) {
                    let d = comp_date(&mut parent, r);
                    cands.insert(r, d);
                }
            }
        }
        if cands.is_empty() {
            lonely.push(u);
            continue;
        }
        let pub_ = reports[u].published.clone();
        let min_iri = |parent: &mut Vec<usize>, r: usize| -> String {
            dated
                .iter()
                .filter(|&&k| find(parent, k) == r)
                .map(|&k| reports[k].iri.clone())
                .min()
                .unwrap_or_default()
        };
        let mut keyed: Vec<(bool, String, String, usize)> = Vec::new();
        for (r, d) in &cands {
            let before = pub_
                .as_deref()
                .is_some_and(|p| !d.starts_with("--") && d.as_str() <= p);
            keyed.push((before, d.clone(), min_iri(&mut parent, *r), *r));
        }
        // Latest on or before publication; else the earliest; ties by smallest report IRI.
        let any_before = keyed.iter().any(|k| k.0);
        let chosen = if any_before {
            keyed
                .iter()
                .filter(|k| k.0)
                .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        } else {
            keyed
                .iter()
                .min_by(|a, b| a.1.cmp(&b.1).then(a.2.cmp(&b.2)))
        };
        if let Some(c) = chosen {
            attach.push((u, c.3));
        }
    }
    for (u, r) in attach {
        union(&mut parent, u, r);
    }
    for (x, &i) in lonely.iter().enumerate() {
        for &j in &lonely[x + 1..] {
            if reports[i].shares_two(&reports[j]) {
                union(&mut parent, i, j);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in &order {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    out.sort_by(|a, b| reports[a[0]].iri.cmp(&reports[b[0]].iri));
    out
}

/// The consolidated event's IRI: from its smallest report IRI.
pub fn event_iri(min_report: &str) -> String {
    vocab::resource("event", &format!("w{}", short_hash(&["world", min_report])))
}

/// Subjects of an article graph that belong to that article alone: the article, its
/// extraction activity, its evidence nodes and its reports of encounters.
fn private_subjects(graph: &str, quads: &[Quad]) -> HashSet<String> {
    let ty = format!("{RDF}type");
    let mut out: HashSet<String> = HashSet::new();
    out.insert(graph.to_string());
    for q in quads {
        if q.predicate.as_str() == ty {
            if let Term::NamedNode(c) = &q.object {
                let c = c.as_str();
                if is_event_class(c) || c == vocab::dg("Evidence") || c == vocab::dg("Extraction") {
                    out.insert(subject(q));
                }
            }
        }
    }
    out
}

fn subject(q: &Quad) -> String {
    match &q.subject {
        NamedOrBlankNode::NamedNode(n) => n.as_str().to_string(),
        other => other.to_string(),
    }
}

fn reports_in(graph: &str, quads: &[Quad]) -> Vec<Report> {
    let ty = format!("{RDF}type");
    let mut by: BTreeMap<String, Report> = BTreeMap::new();
    let mut published = None;
    for q in quads {
        if q.predicate.as_str() == ty {
            if let Term::NamedNode(c) = &q.object {
                if is_event_class(c.as_str()) {
                    let r = by.entry(subject(q)).or_default();
                    r.class = c.as_str().to_string();
                }
            }
        }
        if subject(q) == graph && q.predicate.as_str() == vocab::schema("datePublished") {
            if let Term::Literal(l) = &q.object {
                published = Some(l.value().to_string());
            }
        }
    }
    for q in quads {
        let s = subject(q);
        let Some(r) = by.get_mut(&s) else { continue };
        let p = q.predicate.as_str();
        let o = match &q.object {
            Term::NamedNode(n) => n.as_str().to_string(),
            Term::Literal(l) => l.value().to_string(),
            other => other.to_string(),
        };
        if p == vocab::dg("participant") {
            r.participants.insert(o);
        } else if p == vocab::dg("host") {
            r.hosts.insert(o);
        } else if p == vocab::dg("date") {
            r.date = Some(o);
        } else if p == vocab::dg("place") {
            r.places.insert(o);
        }
    }
    by.into_iter()
        .map(|(iri, mut r)| {
            r.iri = iri;
            r.article = graph.to_string();
            r.published = published.clone();
            r
        })
        .collect()
}

fn graph_of(q: &Quad) -> Option<&str> {
    match &q.graph_name {
        oxigraph::model::GraphName::NamedNode(n) => Some(n.as_str()),
        _ => None,
    }
}

/// Reads one report back from its article graph (`None` when it is no longer in the store).
fn load_report(t: &Transaction<'_>, iri: &str) -> Result<Option<Report>, StorageError> {
    let s = nn(iri);
    let quads: Vec<Quad> = t
        .quads_for_pattern(Some(s.as_ref().into()), None, None, None)
        .filter(|q| {
            q.as_ref()
                .map(|q| !matches!(graph_of(q), Some(WORLD_GRAPH | META_GRAPH | ONTOLOGY_GRAPH)))
                .unwrap_or(true)
        })
        .collect::<Result<_, _>>()?;
    let Some(g) = quads.first().and_then(graph_of).map(str::to_string) else {
        return Ok(None);
    };
    let a = nn(&g);
    let dp = nn(&vocab::schema("datePublished"));
    let mut all = quads;
    for q in t.quads_for_pattern(
        Some(a.as_ref().into()),
        Some(dp.as_ref()),
        None,
        Some(GraphNameRef::NamedNode(a.as_ref())),
    ) {
        all.push(q?);
    }
    Ok(reports_in(&g, &all).into_iter().find(|r| r.iri == iri))
}

fn objects(t: &Transaction<'_>, s: &str, p: &str, g: &str) -> Result<Vec<Term>, StorageError> {
    let (s, p, g) = (nn(s), nn(p), nn(g));
    t.quads_for_pattern(
        Some(s.as_ref().into()),
        Some(p.as_ref()),
        None,
        Some(GraphNameRef::NamedNode(g.as_ref())),
    )
    .map(|q| q.map(|q| q.object))
    .collect()
}

fn subjects(
    t: &Transaction<'_>,
    p: &str,
    o: TermRef<'_>,
    g: &str,
) -> Result<Vec<String>, StorageError> {
    let (p, g) = (nn(p), nn(g));
    t.quads_for_pattern(
        None,
        Some(p.as_ref()),
        Some(o),
        Some(GraphNameRef::NamedNode(g.as_ref())),
    )
    .map(|q| q.map(|q| subject(&q)))
    .collect()
}

/// Whether a graph other than `except`, the world, meta and ontology graphs states the triple.
fn stated_elsewhere(t: &Transaction<'_>, q: &Quad, except: &str) -> Result<bool, StorageError> {
    for x in t.quads_for_pattern(
        Some(q.subject.as_ref()),
        Some(q.predicate.as_ref()),
        Some(q.object.as_ref()),
        None,
    ) {
        let x = x?;
        match graph_of(&x) {
            Some(WORLD_GRAPH | META_GRAPH | ONTOLOGY_GRAPH) | None => {}
            Some(g) if g == except => {}
            Some(_) => return Ok(true),
        }
    }
    Ok(false)
}

/// Brings the world graph up to date after the article graph `graph` changed from `old` to
/// `new` (already written in `t`).
pub fn update(
    t: &mut Transaction<'_>,
    graph: &str,
    old: &[Quad],
    new: &[Quad],
) -> Result<(), StorageError> {
    let world = nn(WORLD_GRAPH);
    let wg = GraphNameRef::NamedNode(world.as_ref());
    // 1. Entities: the union of the article graphs' statements about shared subjects.
    let keep = |quads: &[Quad]| -> HashSet<Quad> {
        let private = private_subjects(graph, quads);
        quads
            .iter()
            .filter(|q| !private.contains(&subject(q)))
            .map(|q| Quad::new(q.subject.clone(), q.predicate.clone(), q.object.clone(), wg))
            .collect()
    };
    let (was, now) = (keep(old), keep(new));
    for q in was.difference(&now) {
        if !stated_elsewhere(t, q, graph)? {
            t.remove(q);
        }
    }
    for q in &now {
        t.insert(q);
    }

    // 2. Events.
    let new_reports = reports_in(graph, new);
    let old_reports = reports_in(graph, old);
    let report_p = vocab::dg("report");
    let pair_p = vocab::dg("pairKey");
    let undated_p = vocab::dg("undatedPairKey");
    let mut scope: BTreeSet<String> = BTreeSet::new();
    let mut queue: Vec<String> = Vec::new();
    for r in &old_reports {
        let o = nn(&r.iri);
        for w in subjects(t, &report_p, o.as_ref().into(), WORLD_GRAPH)? {
            if scope.insert(w.clone()) {
                queue.push(w);
            }
        }
    }
    // Probes: (pair keys, date or None for "any date").
    let mut probes: Vec<(Vec<String>, Option<String>)> = new_reports
        .iter()
        .map(|r| (r.pair_keys(), r.date.clone()))
        .collect();
    let mut reports: BTreeMap<String, Report> = BTreeMap::new();
    let mut seen_probe: HashSet<String> = HashSet::new();
    loop {
        while let Some((keys, date)) = probes.pop() {
            for k in keys {
                if !seen_probe.insert(format!("{k} {date:?}")) {
                    continue;
                }
                let lit = Literal::new_simple_literal(&k);
                for w in subjects(t, &undated_p, lit.as_ref().into(), META_GRAPH)? {
                    if scope.insert(w.clone()) {
                        queue.push(w);
                    }
                }
                for w in subjects(t, &pair_p, lit.as_ref().into(), META_GRAPH)? {
                    if scope.contains(&w) {
                        continue;
                    }
                    let ok = match &date {
                        None => true,
                        Some(d) => {
                            let wd = objects(t, &w, &vocab::dg("date"), WORLD_GRAPH)?;
                            wd.is_empty()
                                || wd.iter().any(|x| match x {
                                    Term::Literal(l) => dates_agree(l.value(), d),
                                    _ => false,
                                })
                        }
                    };
                    if ok {
                        scope.insert(w.clone());
                        queue.push(w);
                    }
                }
            }
        }
        let Some(w) = queue.pop() else { break };
        for r in objects(t, &w, &report_p, WORLD_GRAPH)? {
            let Term::NamedNode(r) = r else { continue };
            if reports.contains_key(r.as_str()) {
                continue;
            }
            if let Some(rep) = load_report(t, r.as_str())? {
                if rep.date.is_none() {
                    probes.push((rep.pair_keys(), None));
                }
                reports.insert(rep.iri.clone(), rep);
            }
        }
        if queue.is_empty() && probes.is_empty() {
            break;
        }
    }
    for r in new_reports {
        reports.insert(r.iri.clone(), r);
    }
    // Drop the old consolidated events in scope, with their keys.
    let meta = nn(META_GRAPH);
    for w in &scope {
        let s = nn(w);
        let mut gone: Vec<Quad> = t
            .quads_for_pattern(Some(s.as_ref().into()), None, None, Some(wg))
            .collect::<Result<_, _>>()?;
        for p in [&pair_p, &undated_p] {
            let p = nn(p);
            for q in t.quads_for_pattern(
                Some(s.as_ref().into()),
                Some(p.as_ref()),
                None,
                Some(GraphNameRef::NamedNode(meta.as_ref())),
            ) {
                gone.push(q?);
            }
        }
        for q in &gone {
            t.remove(q);
        }
    }
    // Write the events again.
    let list: Vec<Report> = reports.into_values().collect();
    for group in cluster(&list) {
        for q in event_quads(&group.iter().map(|&i| &list[i]).collect::<Vec<_>>()) {
            t.insert(&q);
        }
    }
    Ok(())
}

/// The world-graph and meta-graph quads of one consolidated event.
fn event_quads(reports: &[&Report]) -> Vec<Quad> {
    let world = GraphNameRef::NamedNode(NamedNodeRef::new_unchecked(WORLD_GRAPH));
    let meta = GraphNameRef::NamedNode(NamedNodeRef::new_unchecked(META_GRAPH));
    let min = reports.iter().map(|r| r.iri.as_str()).min().unwrap_or("");
    let w = nn(&event_iri(min));
    let mut out = Vec::new();
    let mut add = |p: &str, o: Term, g: GraphNameRef<'_>| {
        out.push(Quad::new(w.clone(), nn(p), o, g));
    };
    // The class most reports give; ties by IRI.
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in reports {
        *counts.entry(r.class.as_str()).or_default() += 1;
    }
    if let Some((c, _)) = counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
        add(&format!("{RDF}type"), nn(c).into(), world);
    }
    let mut people: BTreeSet<&String> = BTreeSet::new();
    let mut full: Option<&str> = None;
    let mut part: Option<&str> = None;
    let mut places = BTreeSet::new();
    let mut hosts = BTreeSet::new();
    let mut participants = BTreeSet::new();
    let mut articles = BTreeSet::new();
    let mut undated_keys = BTreeSet::new();
    for r in reports {
        people.extend(r.people());
        participants.extend(r.participants.iter());
        hosts.extend(r.hosts.iter());
        places.extend(r.places.iter());
        articles.insert(r.article.as_str());
        match r.date.as_deref() {
            Some(d) if d.starts_with("--") => {
                if part.is_none_or(|p| d < p) {
                    part = Some(d)
                }
            }
            Some(d) => {
                if full.is_none_or(|p| d < p) {
                    full = Some(d)
                }
            }
            None => undated_keys.extend(r.pair_keys()),
        }
    }
    for p in participants {
        add(&vocab::dg("participant"), nn(p).into(), world);
    }
    for h in hosts {
        add(&vocab::dg("host"), nn(h).into(), world);
    }
    if let Some(d) = full {
        add(
            &vocab::dg("date"),
            Literal::new_typed_literal(d, nn(&format!("{XSD}date"))).into(),
            world,
        );
    } else if let Some(d) = part {
        add(
            &vocab::dg("date"),
            Literal::new_typed_literal(d, nn(&format!("{XSD}gMonthDay"))).into(),
            world,
        );
    }
    for p in places {
        add(&vocab::dg("place"), nn(p).into(), world);
    }
    for r in reports {
        add(&vocab::dg("report"), nn(&r.iri).into(), world);
    }
    for a in &articles {
        add(&format!("{PROV}wasDerivedFrom"), nn(a).into(), world);
    }
    add(
        &vocab::dg("reportCount"),
        Literal::from(articles.len() as i64).into(),
        world,
    );
    for k in pair_keys(&people) {
        add(
            &vocab::dg("pairKey"),
            Literal::new_simple_literal(k).into(),
            meta,
        );
    }
    for k in undated_keys {
        add(
            &vocab::dg("undatedPairKey"),
            Literal::new_simple_literal(k).into(),
            meta,
        );
    }
    out
}

#[allow(dead_code)]
fn _q(_: QuadRef<'_>) {}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(iri: &str, ps: &[&str], date: Option<&str>, published: Option<&str>) -> Report {
        Report {
            iri: iri.into(),
            article: format!("a-{iri}"),
            class: vocab::dg("Talks"),
            participants: ps.iter().map(|s| s.to_string()).collect(),
            date: date.map(str::to_string),
            published: published.map(str::to_string),
            ..Default::default()
        }
    }

    fn groups(v: &[Report]) -> BTreeSet<BTreeSet<String>> {
        cluster(v)
            .into_iter()
            .map(|g| g.into_iter().map(|i| v[i].iri.clone()).collect())
            .collect()
    }

    #[test]
    fn same_pair_same_day_is_one_event_and_order_does_not_matter() {
        let mut v = vec![
            r("e1", &["a", "b"], Some("2024-02-08"), None),
            r("e2", &["b", "a", "c"], Some("2024-02-08"), None),
            r("e3", &["a", "b"], Some("--02-08"), None),
            r("e4", &["a", "b"], Some("2024-02-09"), None),
            r("e5", &["a", "c"], Some("2024-02-08"), None),
            r("e6", &["a", "d"], Some("2024-02-08"), None),
        ];
        let want = groups(&v);
        // e1 e2 e3 together, e5 joins through e2 (a, c), e4 another day, e6 another pair.
        assert_eq!(want.len(), 3, "{want:?}");
        v.reverse();
        assert_eq!(groups(&v), want);
        v.swap(0, 3);
        assert_eq!(groups(&v), want);
    }

    #[test]
    fn an_undated_report_joins_the_latest_dated_event_of_the_pair_before_publication() {
        let v = vec![
            r("d1", &["a", "b"], Some("2024-02-08"), None),
            r("d2", &["a", "b"], Some("2024-05-01"), None),
            r("u", &["a", "b"], None, Some("2024-03-01")),
            r("u2", &["a", "b"], None, Some("2023-01-01")),
            r("x", &["a", "z"], None, None),
            r("y", &["z", "a"], None, None),
        ];
        let g = groups(&v);
        let has = |s: &[&str]| g.contains(&s.iter().map(|x| x.to_string()).collect());
        // u (published 1 March) joins 8 February, not 1 May; u2 (published before every
        // dated event) joins the earliest; x and y (no dated event of a-z) are one event.
        assert!(has(&["d1", "u", "u2"]), "{g:?}");
        assert!(has(&["d2"]), "{g:?}");
        assert!(has(&["x", "y"]), "{g:?}");
        assert_eq!(g.len(), 3, "{g:?}");
    }

    #[test]
    fn dates_agree_only_on_the_same_day() {
        assert!(dates_agree("2024-02-08", "--02-08"));
        assert!(dates_agree("2024-02-08", "2024-02-08"));
        assert!(!dates_agree("2024-02-08", "2023-02-08"));
        assert!(!dates_agree("2024-02-08", "--02-09"));
    }
}
