//! One self-contained, offline HTML page: cytoscape.js (vendored, MIT, see
//! assets/cytoscape/LICENSE) with the network, search by name, a details panel
//! (office, country, metrics, each meeting with its evidence sentence and source
//! article), filters by date range and kind, and PNG export.
//!
//! Safety: names and sentences come from scraped pages. The data travels only as
//! JSON inside `<script type="application/json">`, with `<`, `>`, `&`, U+2028 and
//! U+2029 written as `\uXXXX` escapes ([`script_json`]), so no string can close
//! the script element; the page's own script builds the DOM with `textContent`
//! and never parses data as HTML; links are made only from `https?://` URLs and
//! Wikidata ids `Q<digits>`. A Content-Security-Policy allows only the two
//! scripts of the page (by SHA-256), no inline event handlers, no network access.

use super::render::{edge_summary, Drawing, Options};
use super::xml::xml_escape;
use super::{full_date, Kind, Network};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

const CYTOSCAPE: &str = include_str!("../../assets/cytoscape/cytoscape.min.js");

/// Serializes `v` for embedding in an HTML `<script>` element: `<`, `>`, `&`,
/// U+2028 and U+2029 become `\u003c`, `\u003e`, `\u0026`, `\u2028`, `\u2029`
/// (valid JSON, same value; these characters occur only inside JSON strings).
pub fn script_json(v: &Value) -> String {
    let raw = serde_json::to_string(v).unwrap_or_else(|_| "null".to_string());
    let mut out = String::with_capacity(raw.len() + 64);
    for c in raw.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                s.push(A[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                s.push('=');
            }
        }
    }
    s
}

fn csp_hash(script: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(script.as_bytes())))
}

/// The data the page shows, as one JSON value.
fn data(net: &Network, d: &Drawing, opts: &Options) -> Value {
    let g = &net.graph;
    let m = &d.metrics;
    let (from, to) = net.date_range(&opts.filter);
    let nodes: Vec<Value> = g
        .node_indices()
        .map(|i| {
            let n = &g[i];
            let k = i.index();
            json!({
                "id": n.id, "label": n.label, "office": n.office, "country": n.country, "countryName": n.country_name,
                "region": n.region, "wikidata": n.wikidata, "colour": d.style.colour[k], "size": (2.0 * d.style.radius[k]).round(),
                "x": d.layout.pos[k].0, "y": d.layout.pos[k].1,
                "degree": m.degree[k], "weightedDegree": m.weighted_degree[k], "betweenness": m.betweenness[k],
                "closeness": m.closeness[k], "pagerank": m.pagerank[k], "component": m.component[k], "community": m.community[k],
            })
        })
        .collect();
    let mut kinds = BTreeSet::new();
    let edges: Vec<Value> = g
        .edge_indices()
        .filter_map(|e| {
            let (a, b) = g.edge_endpoints(e)?;
            let w = &g[e];
            for it in &w.items {
                if let Some(item) = net.items.get(it) {
                    kinds.insert(filter_kind(net.kind, item));
                }
            }
            Some(json!({
                "id": format!("e{}", e.index()), "source": g[a].id, "target": g[b].id, "weight": w.weight(),
                "meetings": w.meetings, "documents": w.documents, "tradeFigures": w.trade_figures,
                "latestTrade": w.latest_trade, "first": w.first, "last": w.last, "summary": edge_summary(w),
                "items": w.items,
            }))
        })
        .collect();
    let items: serde_json::Map<String, Value> = net
        .items
        .iter()
        .map(|(id, it)| {
            (
                id.clone(),
                json!({
                    "group": it.group, "kind": it.kind, "filterKind": filter_kind(net.kind, it), "date": it.date,
                    "fullDate": it.date.as_deref().and_then(full_date), "name": it.name, "sentence": it.sentence,
                    "article": it.article, "sourceFile": it.source_file, "headline": it.headline, "url": it.url,
                    "published": it.published,
                }),
            )
        })
        .collect();
    let legend: Vec<Value> = d
        .style
        .legend
        .iter()
        .map(|c| json!({"label": c.label, "colour": c.colour, "nodes": c.nodes}))
        .collect();
    json!({
        "kind": net.kind.name(), "title": opts.title(net.kind), "from": from, "to": to,
        "legendTitle": d.style.legend_title, "legend": legend, "kinds": kinds,
        "modularity": m.modularity, "nodes": nodes, "edges": edges, "items": items,
    })
}

/// What the kind filter of the page tests: the event kind for persons (talks,
/// visit, ...), the part of the link for countries (meeting, document, trade).
fn filter_kind(kind: Kind, it: &super::Item) -> String {
    match kind {
        Kind::Persons => it.kind.clone(),
        Kind::Countries => it.group.clone(),
    }
}

/// The page. Deterministic: the same network gives the same bytes.
pub(crate) fn page(net: &Network, d: &Drawing, opts: &Options) -> anyhow::Result<String> {
    let title = opts.title(net.kind);
    let json = script_json(&data(net, d, opts));
    let csp = format!(
        "default-src 'none'; script-src {} {}; style-src 'unsafe-inline'; img-src data: blob:; base-uri 'none'; form-action 'none'",
        csp_hash(CYTOSCAPE),
        csp_hash(APP)
    );
    let mut s = String::with_capacity(CYTOSCAPE.len() + json.len() + 16_000);
    s.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    s.push_str(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n"
    ));
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"diplograph\">\n");
    s.push_str(&format!("<title>{}</title>\n", xml_escape(&title)));
    s.push_str(STYLE);
    s.push_str("</head>\n<body>\n");
    s.push_str(&BODY.replace("{TITLE}", &xml_escape(&title)));
    s.push_str("<script type=\"application/json\" id=\"graph-data\">");
    s.push_str(&json);
    s.push_str("</script>\n<script>");
    s.push_str(CYTOSCAPE);
    s.push_str("</script>\n<script>");
    s.push_str(APP);
    s.push_str("</script>\n</body>\n</html>\n");
    Ok(s)
}

const STYLE: &str = r##"<style>
*{box-sizing:border-box}
html,body{margin:0;height:100%;font:14px/1.4 "DejaVu Sans",Verdana,Arial,sans-serif;color:#1a1a1a}
body{display:flex;flex-direction:column}
header{padding:8px 14px;border-bottom:1px solid #ddd;display:flex;flex-wrap:wrap;gap:8px 18px;align-items:center}
header h1{font-size:18px;margin:0;font-weight:normal}
#subtitle{color:#555;font-size:12px}
.controls{display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center;font-size:13px}
.controls input[type=search]{width:220px;padding:3px 6px}
.controls fieldset{border:0;padding:0;margin:0;display:inline-flex;gap:8px;align-items:center}
button{font:inherit;padding:3px 10px;cursor:pointer}
main{flex:1;display:flex;min-height:0}
#cy{flex:1;min-width:0;position:relative}
aside{width:380px;max-width:45%;border-left:1px solid #ddd;overflow:auto;padding:10px 14px;font-size:13px}
aside h2{font-size:17px;margin:4px 0 6px;font-weight:normal;word-wrap:break-word}
aside h3{font-size:14px;margin:14px 0 6px}
#results{list-style:none;padding:0;margin:0 0 8px}
#results button{border:0;background:none;color:#1f5fa8;padding:2px 0;text-align:left}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:0}
dt{color:#666}dd{margin:0;overflow-wrap:anywhere}
.meeting{border-top:1px solid #eee;padding:6px 0}
.meeting .when{color:#555;font-size:12px}
blockquote{margin:4px 0;padding:2px 8px;border-left:3px solid #ccc;color:#333}
.source{font-size:12px;color:#555;word-wrap:break-word}
.legend{display:flex;flex-wrap:wrap;gap:4px 10px;font-size:12px}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;vertical-align:middle}
#status{font-size:12px;color:#555}
.hint{color:#777}
</style>
"##;

const BODY: &str = r##"<header>
<div><h1 id="title">{TITLE}</h1><div id="subtitle"></div></div>
<div class="controls">
<label>Search <input type="search" id="search" placeholder="name, office or country" autocomplete="off"></label>
<label>From <input type="date" id="from"></label>
<label>To <input type="date" id="to"></label>
<fieldset id="kinds"><legend class="hint">Kinds:</legend></fieldset>
<button type="button" id="reset">Reset</button>
<button type="button" id="fit">Fit</button>
<button type="button" id="png">Export PNG</button>
</div>
<div class="legend" id="legend"></div>
<output id="status"></output>
</header>
<main>
<div id="cy" role="img" aria-label="network drawing"></div>
<aside>
<ul id="results"></ul>
<div id="details"><p class="hint">Search for a name or click a node to see its office, country, metrics and meetings with the sentences they were read from.</p></div>
</aside>
</main>
<noscript>This page needs JavaScript to draw the network; the same data is in --format json, graphml, gexf or csv.</noscript>
"##;

/// The page's own script. Data comes only from the JSON block; text reaches the
/// DOM only through `textContent`.
const APP: &str = r##"
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("graph-data").textContent);
  var $ = function (id) { return document.getElementById(id); };
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function fold(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function safeUrl(u) { return typeof u === "string" && /^https?:\/\//i.test(u) ? u : null; }
  var nodeById = {};
  D.nodes.forEach(function (n) { nodeById[n.id] = n; });
  var plural = function (n, w) { return n + " " + w + (n === 1 ? "" : "s"); };

  // Header: subtitle, legend, kind filters.
  var range = D.from && D.to ? (D.from === D.to ? D.from : D.from + " \u2013 " + D.to) : "undated";
  $("subtitle").textContent = plural(D.nodes.length, D.kind === "persons" ? "person" : "country").replace("countrys", "countries") +
    " \u00b7 " + plural(D.edges.length, "link") + " \u00b7 " + range;
  var legend = $("legend");
  legend.appendChild(el("span", D.legendTitle + ":", "hint"));
  D.legend.forEach(function (c) {
    var s = el("span");
    var sw = el("span", null, "swatch");
    sw.style.background = c.colour;
    s.appendChild(sw);
    s.appendChild(document.createTextNode(c.label + " (" + c.nodes + ")"));
    legend.appendChild(s);
  });
  var kindsBox = $("kinds");
  D.kinds.forEach(function (k) {
    var l = el("label");
    var c = el("input");
    c.type = "checkbox"; c.checked = true; c.value = k; c.className = "kind";
    l.appendChild(c);
    l.appendChild(document.createTextNode(" " + k.replace("_", " ")));
    kindsBox.appendChild(l);
  });
  if (D.from) { $("from").min = D.from; $("to").min = D.from; }
  if (D.to) { $("from").max = D.to; $("to").max = D.to; }

  // The graph, at the positions of the SVG layout.
  var maxMeet = Math.max(1, Math.max.apply(null, D.edges.map(function (e) { return e.meetings; }).concat([0])));
  var width = function (m) { return m <= 0 ? 1 : maxMeet <= 1 ? 1.5 : 1.2 + 4.8 * Math.sqrt((m - 1) / (maxMeet - 1)); };
  var elements = [];
  D.nodes.forEach(function (n) {
    elements.push({ group: "nodes", data: { id: n.id, label: n.label, colour: n.colour, size: n.size }, position: { x: n.x, y: n.y } });
  });
  D.edges.forEach(function (e) {
    elements.push({ group: "edges", data: { id: e.id, source: e.source, target: e.target, w: width(e.meetings) },
      classes: e.meetings > 0 ? "" : "nomeet" });
  });
  var cy = cytoscape({
    container: $("cy"),
    elements: elements,
    layout: { name: "preset", fit: true, padding: 30 },
    minZoom: 0.05, maxZoom: 6,
    style: [
      { selector: "node", style: { "background-color": "data(colour)", width: "data(size)", height: "data(size)",
        label: "data(label)", "font-size": 11, "text-valign": "bottom", "text-halign": "center", "text-margin-y": 3,
        "text-outline-color": "#fff", "text-outline-width": 2, "border-color": "#fff", "border-width": 1.5,
        "min-zoomed-font-size": 7, "font-family": "DejaVu Sans, Verdana, Arial, sans-serif" } },
      { selector: "edge", style: { width: "data(w)", "line-color": "#4d4d4d", opacity: 0.45, "curve-style": "straight" } },
      { selector: "edge.nomeet", style: { "line-style": "dashed" } },
      { selector: ".faded", style: { opacity: 0.12 } },
      { selector: "node.match", style: { "border-color": "#d62728", "border-width": 3 } },
      { selector: "node:selected", style: { "border-color": "#111", "border-width": 3 } },
      { selector: "edge.near", style: { "line-color": "#d62728", opacity: 0.8 } },
      { selector: ".hidden", style: { display: "none" } }
    ]
  });

  if (cy.zoom() > 1.5) { cy.zoom(1.5); cy.center(); }
  window.addEventListener("resize", function () { cy.resize(); });

  // Filters.
  function itemPasses(it, from, to, kinds) {
    if (!it) return true;
    if (kinds.indexOf(it.filterKind) < 0) return false;
    if (!from && !to) return true;
    if (it.group === "trade") return true;
    if (!it.fullDate) return false;
    return (!from || it.fullDate >= from) && (!to || it.fullDate <= to);
  }
  function visibleItems(e, from, to, kinds) {
    return e.items.filter(function (id) { return itemPasses(D.items[id], from, to, kinds); });
  }
  function currentFilter() {
    var kinds = Array.prototype.map.call(document.querySelectorAll("input.kind:checked"), function (c) { return c.value; });
    return { from: $("from").value, to: $("to").value, kinds: kinds };
  }
  function applyFilters() {
    var f = currentFilter();
    var shownNodes = {};
    var shownEdges = 0;
    cy.batch(function () {
      D.edges.forEach(function (e) {
        var items = visibleItems(e, f.from, f.to, f.kinds);
        var ok = items.length > 0;
        var meetings = items.filter(function (id) { return D.items[id] && D.items[id].group === "meeting"; }).length;
        var ce = cy.getElementById(e.id);
        ce.toggleClass("hidden", !ok);
        ce.data("w", width(meetings));
        if (ok) { shownNodes[e.source] = true; shownNodes[e.target] = true; shownEdges++; }
      });
      cy.nodes().forEach(function (n) { n.toggleClass("hidden", !shownNodes[n.id()]); });
    });
    $("status").textContent = Object.keys(shownNodes).length + " of " + D.nodes.length + " nodes, " +
      shownEdges + " of " + D.edges.length + " links shown";
    document.body.setAttribute("data-visible-nodes", String(Object.keys(shownNodes).length));
  }
  ["from", "to"].forEach(function (id) { $(id).addEventListener("change", applyFilters); });
  kindsBox.addEventListener("change", applyFilters);

  // Details panel.
  function row(dl, k, v) {
    if (v === null || v === undefined || v === "") return;
    dl.appendChild(el("dt", k));
    var dd = el("dd");
    if (v instanceof Node) dd.appendChild(v); else dd.textContent = String(v);
    dl.appendChild(dd);
  }
  function fmt(x) { return typeof x === "number" ? (Math.round(x * 10000) / 10000).toString() : x; }
  function showNode(id) {
    var n = nodeById[id];
    var box = $("details");
    box.textContent = "";
    if (!n) return;
    box.appendChild(el("h2", n.label));
    var dl = el("dl");
    row(dl, "Office", n.office);
    row(dl, "Country", n.countryName ? n.countryName + (n.country ? " (" + n.country + ")" : "") : n.country);
    row(dl, "Region", n.region);
    if (n.wikidata && /^Q[0-9]+$/.test(n.wikidata)) {
      var a = el("a", n.wikidata);
      a.href = "https://www.wikidata.org/wiki/" + n.wikidata;
      a.rel = "noopener noreferrer"; a.target = "_blank";
      row(dl, "Wikidata", a);
    }
    row(dl, "IRI", n.id);
    box.appendChild(dl);
    box.appendChild(el("h3", "Metrics"));
    var md = el("dl");
    row(md, "Degree", n.degree);
    row(md, "Weighted degree", n.weightedDegree);
    row(md, "Betweenness", fmt(n.betweenness));
    row(md, "Closeness", fmt(n.closeness));
    row(md, "PageRank", fmt(n.pagerank));
    row(md, "Component", n.component);
    row(md, "Community", n.community);
    box.appendChild(md);
    var f = currentFilter();
    var links = D.edges.filter(function (e) { return e.source === id || e.target === id; });
    box.appendChild(el("h3", D.kind === "persons" ? "Meetings" : "Links"));
    var any = false;
    links.forEach(function (e) {
      var other = nodeById[e.source === id ? e.target : e.source];
      var items = visibleItems(e, f.from, f.to, f.kinds).map(function (i) { return [i, D.items[i]]; });
      if (!items.length) return;
      any = true;
      box.appendChild(el("h3", "with " + (other ? other.label : "?") + " \u2014 " + e.summary));
      items.sort(function (a, b) {
        var x = (a[1] && a[1].date) || "", y = (b[1] && b[1].date) || "";
        return x < y ? -1 : x > y ? 1 : (a[0] < b[0] ? -1 : 1);
      });
      items.forEach(function (p) {
        var it = p[1] || {};
        var div = el("div", null, "meeting");
        var what = (it.kind || "").replace("_", " ") + (it.name && it.group !== "meeting" ? ": " + it.name : "");
        var when = !it.date ? "undated" : /^--/.test(it.date) ? it.date.slice(2) + " (year not stated)" : it.date;
        div.appendChild(el("div", when + " \u00b7 " + what, "when"));
        if (it.sentence) div.appendChild(el("blockquote", it.sentence));
        var src = el("div", null, "source");
        var label = it.headline || it.sourceFile || it.article || p[0];
        var url = safeUrl(it.url);
        if (url) {
          var a = el("a", label);
          a.href = url; a.rel = "noopener noreferrer"; a.target = "_blank";
          src.appendChild(document.createTextNode("Source: "));
          src.appendChild(a);
        } else {
          src.textContent = "Source: " + label;
        }
        if (it.published) src.appendChild(document.createTextNode(", published " + it.published));
        if (it.sourceFile && it.headline) src.appendChild(document.createTextNode(" (" + it.sourceFile + ")"));
        div.appendChild(src);
        box.appendChild(div);
      });
    });
    if (!any) box.appendChild(el("p", "No meeting in the current filter.", "hint"));
  }
  function select(id, center) {
    cy.elements().removeClass("near");
    cy.$(":selected").unselect();
    var n = cy.getElementById(id);
    if (!n.length) return;
    n.select();
    n.connectedEdges().addClass("near");
    if (center) cy.animate({ center: { eles: n }, zoom: Math.max(cy.zoom(), 1) }, { duration: 250 });
    showNode(id);
    document.body.setAttribute("data-selected", id);
  }
  cy.on("tap", "node", function (evt) { select(evt.target.id(), false); });
  cy.on("tap", function (evt) {
    if (evt.target === cy) { cy.elements().removeClass("near"); }
  });

  // Search.
  function search(q, pickFirst) {
    var f = fold(q).trim();
    var list = $("results");
    list.textContent = "";
    cy.batch(function () {
      cy.nodes().removeClass("match faded");
      cy.edges().removeClass("faded");
    });
    if (!f) { document.body.setAttribute("data-matches", "0"); return []; }
    var hits = D.nodes.filter(function (n) {
      return [n.label, n.office, n.countryName, n.country].some(function (s) { return fold(s).indexOf(f) >= 0; });
    });
    hits.sort(function (a, b) { return b.weightedDegree - a.weightedDegree || (a.label < b.label ? -1 : 1); });
    cy.batch(function () {
      var set = {};
      hits.forEach(function (n) { set[n.id] = true; });
      cy.nodes().forEach(function (n) { n.addClass(set[n.id()] ? "match" : "faded"); });
      cy.edges().addClass("faded");
    });
    hits.slice(0, 30).forEach(function (n) {
      var li = el("li");
      var b = el("button", n.label + (n.office ? " \u2014 " + n.office : "") + (n.country ? " (" + n.country + ")" : ""));
      b.type = "button";
      b.addEventListener("click", function () { select(n.id, true); });
      li.appendChild(b);
      list.appendChild(li);
    });
    if (hits.length > 30) list.appendChild(el("li", "\u2026 and " + (hits.length - 30) + " more", "hint"));
    if (!hits.length) list.appendChild(el("li", "No match.", "hint"));
    document.body.setAttribute("data-matches", String(hits.length));
    if (pickFirst && hits.length) select(hits[0].id, true);
    return hits;
  }
  $("search").addEventListener("input", function () { search(this.value, false); });
  $("search").addEventListener("keydown", function (e) { if (e.key === "Enter") search(this.value, true); });

  // Buttons.
  $("fit").addEventListener("click", function () { cy.fit(cy.elements(":visible"), 30); });
  $("reset").addEventListener("click", function () {
    $("search").value = ""; $("from").value = ""; $("to").value = "";
    document.querySelectorAll("input.kind").forEach(function (c) { c.checked = true; });
    search("", false);
    applyFilters();
    cy.fit(undefined, 30);
  });
  $("png").addEventListener("click", function () {
    var blob = cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = (D.kind || "network") + ".png";
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  });

  // Deep links: #from=DATE&to=DATE&kinds=talks,visit filter, #q=NAME searches and
  // opens the first match, #node=IRI opens a node.
  applyFilters();
  function fromHash() {
    var args = Object.create(null);
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      if (i > 0) args[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1).replace(/\+/g, " "));
    });
    var refilter = false;
    ["from", "to"].forEach(function (k) {
      if (k in args && /^(\d{4}-\d{2}-\d{2})?$/.test(args[k])) { $(k).value = args[k]; refilter = true; }
    });
    if ("kinds" in args) {
      var set = args.kinds.split(",");
      document.querySelectorAll("input.kind").forEach(function (c) { c.checked = set.indexOf(c.value) >= 0; });
      refilter = true;
    }
    if (refilter) applyFilters();
    if ("q" in args) { $("search").value = args.q; search(args.q, true); }
    if ("node" in args) select(args.node, true);
  }
  fromHash();
  window.addEventListener("hashchange", fromHash);
  document.body.setAttribute("data-nodes", String(cy.nodes().length));
  document.body.setAttribute("data-edges", String(cy.edges().length));
  document.body.setAttribute("data-ready", "1");
})();
"##;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script() {
        let v = json!({"label": "</script><img src=x onerror=alert(1)>&\u{2028}\u{2029}"});
        let s = script_json(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        assert!(!s.contains('\u{2028}') && !s.contains('\u{2029}'));
        assert_eq!(serde_json::from_str::<Value>(&s).unwrap(), v);
    }

    #[test]
    fn base64_matches_rfc4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn the_scripts_do_not_end_early() {
        assert!(!CYTOSCAPE.contains("</script") && !APP.contains("</script"));
    }
}
