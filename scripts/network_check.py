#!/usr/bin/env python3
"""Checks `diplograph network` outputs with the programs users open them with.

Usage: network_check.py BINARY STORE [--ontology DIR] [--keep DIR]

For the persons and the countries network of STORE, every format is written
and read back:

- DOT: Graphviz `dot -Tsvg` renders it, with one node and one edge group per node/edge;
- GraphML, GEXF 1.3 and node-link JSON: networkx reads them with the same nodes,
  edges and weights as the JSON, and networkx's own betweenness, closeness,
  weighted PageRank, components and modularity match the metrics diplograph
  wrote into the node attributes; GEXF edges carry start/end dates;
- CSV: the edge and node tables parse with the expected row counts;
- SVG: well-formed XML with one <circle class="node"> per node; PNG: a PNG;
- HTML: headless Chromium runs the page: it draws every node, the search
  `#q=NAME` finds and opens a person, the date and kind filters (`#from=`, `#to=`,
  `#kinds=`) show the expected number of nodes.

Then it builds a second store whose dictionary has a person named
`Ivan "Q" </script><img src=x onerror=alert(1)> Hostilev` (and an article whose
headline holds `</script><img src=x onerror=alert(2)>`): the HTML page shows the
name as text, creates no <img> and runs to the end; SVG, DOT (through Graphviz),
GraphML, GEXF and JSON keep it as text.

Needs: python3 with networkx, numpy and scipy (pip), Graphviz `dot` and
Chromium (Debian: apt-get install graphviz chromium). Exits 1 on any failure;
the last line is "N passed, N failed".
"""

import argparse
import csv
import json
import math
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx

HOSTILE = 'Ivan "Q" </script><img src=x onerror=alert(1)> Hostilev'
HOSTILE_TTL = 'Ivan \\"Q\\" </script><img src=x onerror=alert(1)> Hostilev'
HOSTILE_HEADLINE = "</script><img src=x onerror=alert(2)>"

passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}".rstrip())
    return ok


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kw)


def chromium():
    for name in [os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"]:
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def dump_dom(browser, page, fragment):
    url = Path(page).resolve().as_uri() + fragment
    r = run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
             "--virtual-time-budget=10000", "--dump-dom", url])
    return r.stdout


def screenshot(browser, page, fragment, out, size="1400,850"):
    url = Path(page).resolve().as_uri() + fragment
    run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
         f"--window-size={size}", "--virtual-time-budget=10000", f"--screenshot={out}", url])


def body_attrs(dom):
    m = re.search(r"<body([^>]*)>", dom)
    return dict(re.findall(r'([\w-]+)="([^"]*)"', m.group(1))) if m else {}


def html_text(fragment):
    """Text content of an HTML fragment (tags removed, entities decoded)."""
    import html
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def close(a, b, eps=1e-6):
    return abs(float(a) - float(b)) <= eps


def write(binary, store, kind, fmt, out, ontology=None):
    cmd = [binary]
    if ontology:
        cmd += ["--ontology", str(ontology)]
    cmd += ["-q", "network", "--store", str(store), "--kind", kind, "--format", fmt, "--out", str(out)]
    r = run(cmd)
    check(f"{kind}: network --format {fmt} exits 0", r.returncode == 0, r.stderr.strip())
    return r.returncode == 0


def graph_from_json(data):
    return nx.node_link_graph(data, edges="edges")


def same_graph(name, g, ref):
    check(f"{name}: nodes", set(g.nodes) == set(ref.nodes), f"{sorted(g.nodes)} != {sorted(ref.nodes)}")
    e1 = {frozenset(e) for e in g.edges}
    e2 = {frozenset(e) for e in ref.edges}
    check(f"{name}: edges", e1 == e2, f"{len(e1)} vs {len(e2)}")
    bad = [(u, v) for u, v, d in ref.edges(data=True)
           if g.has_edge(u, v) and not close(g.edges[u, v].get("weight", -1), d["weight"])]
    check(f"{name}: weights", not bad, str(bad[:3]))


def metrics_match(name, g, data):
    """diplograph's node metrics against networkx computing them on the graph it read."""
    if g.number_of_nodes() == 0:
        return
    bc = nx.betweenness_centrality(g)
    cc = nx.closeness_centrality(g)
    pr = nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-12, max_iter=1000)
    deg = dict(g.degree())
    wdeg = dict(g.degree(weight="weight"))
    for metric, oracle in [("betweenness", bc), ("closeness", cc), ("pagerank", pr), ("degree", deg),
                           ("weighted_degree", wdeg)]:
        bad = [n for n in g if not close(g.nodes[n][metric], oracle[n], 1e-6)]
        check(f"{name}: {metric} = networkx", not bad,
              ", ".join(f"{n}: {g.nodes[n][metric]} vs {oracle[n]}" for n in bad[:3]))
    comps = {}
    for n in g:
        comps.setdefault(g.nodes[n]["component"], set()).add(n)
    check(f"{name}: components = networkx",
          sorted(map(sorted, comps.values())) == sorted(map(sorted, nx.connected_components(g))))
    comms = {}
    for n in g:
        comms.setdefault(g.nodes[n]["community"], set()).add(n)
    q = nx.community.modularity(g, list(comms.values()), weight="weight")
    check(f"{name}: modularity = networkx", close(q, data["graph"]["modularity"], 1e-9),
          f"{q} vs {data['graph']['modularity']}")


def check_network(binary, store, kind, out, browser):
    if not write(binary, store, kind, "json", out / f"{kind}.json"):
        return None
    data = json.loads((out / f"{kind}.json").read_text())
    ref = graph_from_json(data)
    n, m = ref.number_of_nodes(), ref.number_of_edges()
    print(f"     {kind}: {n} nodes, {m} edges")
    check(f"{kind}: node-link JSON read by networkx", n == len(data["nodes"]) and m == len(data["edges"]))
    metrics_match(f"{kind} json", ref, data)

    # DOT through Graphviz.
    if write(binary, store, kind, "dot", out / f"{kind}.dot"):
        r = run(["dot", "-Tsvg", str(out / f"{kind}.dot")])
        check(f"{kind}: dot -Tsvg renders the DOT", r.returncode == 0, r.stderr.strip())
        if r.returncode == 0:
            root = ET.fromstring(r.stdout)
            groups = [g.get("class") for g in root.iter("{http://www.w3.org/2000/svg}g")]
            check(f"{kind}: Graphviz drew every node and edge",
                  groups.count("node") == n and groups.count("edge") == m,
                  f"{groups.count('node')} nodes, {groups.count('edge')} edges")

    # GraphML.
    if write(binary, store, kind, "graphml", out / f"{kind}.graphml"):
        g = nx.read_graphml(out / f"{kind}.graphml")
        same_graph(f"{kind} graphml", g, ref)
        metrics_match(f"{kind} graphml", g, data)
        labels_ok = all(g.nodes[v]["label"] == ref.nodes[v]["label"] for v in ref)
        check(f"{kind} graphml: labels", labels_ok)
        check(f"{kind} graphml: typed keys", all(isinstance(g.nodes[v]["degree"], int) for v in g)
              and all(isinstance(d["weight"], int) for _, _, d in g.edges(data=True)))

    # GEXF 1.3.
    if write(binary, store, kind, "gexf", out / f"{kind}.gexf"):
        g = nx.read_gexf(out / f"{kind}.gexf", version="1.3")
        same_graph(f"{kind} gexf", g, ref)
        metrics_match(f"{kind} gexf", g, data)
        check(f"{kind} gexf: dynamic", g.graph.get("mode") == "dynamic")
        dated = [(u, v) for u, v, d in ref.edges(data=True) if d.get("first")]
        bad = [(u, v) for u, v in dated
               if g.edges[u, v].get("start") != ref.edges[u, v]["first"]
               or g.edges[u, v].get("end") != ref.edges[u, v]["last"]]
        check(f"{kind} gexf: edge start/end = first/last meeting ({len(dated)} dated)", not bad, str(bad[:3]))

    # CSV tables.
    if write(binary, store, kind, "csv", out / f"{kind}.csv"):
        with open(out / f"{kind}.csv", newline="") as f:
            rows = list(csv.DictReader(f))
        with open(out / f"{kind}.nodes.csv", newline="") as f:
            nodes = list(csv.DictReader(f))
        check(f"{kind} csv: {m} edge rows, {n} node rows", len(rows) == m and len(nodes) == n)
        check(f"{kind} csv: weights", all(close(r["weight"], ref.edges[r["source"], r["target"]]["weight"]) for r in rows))

    # SVG and PNG.
    if write(binary, store, kind, "svg", out / f"{kind}.svg"):
        root = ET.parse(out / f"{kind}.svg").getroot()
        circles = [c for c in root.iter("{http://www.w3.org/2000/svg}circle") if c.get("class") == "node"]
        check(f"{kind} svg: one circle per node", len(circles) == n, f"{len(circles)} != {n}")
        write(binary, store, kind, "svg", out / f"{kind}.again.svg")
        check(f"{kind} svg: byte-identical twice",
              (out / f"{kind}.svg").read_bytes() == (out / f"{kind}.again.svg").read_bytes())
    if write(binary, store, kind, "png", out / f"{kind}.png"):
        b = (out / f"{kind}.png").read_bytes()
        ok = b[:8] == b"\x89PNG\r\n\x1a\n"
        w, h = struct.unpack(">II", b[16:24]) if ok else (0, 0)
        check(f"{kind} png: a PNG ({w}x{h})", ok and w > 0 and h > 0)

    # HTML in headless Chromium.
    if write(binary, store, kind, "html", out / f"{kind}.html") and browser:
        target = max(data["nodes"], key=lambda v: (v["weighted_degree"], v["id"])) if data["nodes"] else None
        frag = "#q=" + target["label"].split()[-1] if target else ""
        dom = dump_dom(browser, out / f"{kind}.html", frag)
        a = body_attrs(dom)
        check(f"{kind} html: the page ran", a.get("data-ready") == "1", dom[:200])
        check(f"{kind} html: cytoscape drew {n} nodes, {m} edges",
              a.get("data-nodes") == str(n) and a.get("data-edges") == str(m), str(a))
        check(f"{kind} html: filters show every node", a.get("data-visible-nodes") == str(n), str(a))
        if target:
            check(f"{kind} html: search {frag} finds {target['label']}", a.get("data-selected") == target["id"], str(a))
            h2 = re.search(r'<div id="details"><h2>(.*?)</h2>', dom)
            check(f"{kind} html: details panel shows the name", bool(h2) and html_text(h2.group(1)) == target["label"])
        # Filters through the page's deep links: a country link made of trade figures has no
        # meeting date and stays, as with --from/--to on the command line.
        def visible(edge_ok):
            return str(len({x for e in data["edges"] if edge_ok(e) for x in (e["source"], e["target"])}))
        trade = lambda e: e["trade_figures"] > 0
        a = body_attrs(dump_dom(browser, out / f"{kind}.html", "#from=2031-01-01"))
        check(f"{kind} html: date filter after the last meeting", a.get("data-visible-nodes") == visible(trade), str(a))
        firsts = [e["first"] for e in data["edges"] if e["first"]]
        if firsts:
            lasts = [e["last"] for e in data["edges"] if e["last"]]
            a = body_attrs(dump_dom(browser, out / f"{kind}.html", f"#from={min(firsts)}&to={max(lasts)}"))
            check(f"{kind} html: date filter over the whole span",
                  a.get("data-visible-nodes") == visible(lambda e: e["first"] or trade(e)), str(a))
        a = body_attrs(dump_dom(browser, out / f"{kind}.html", "#kinds="))
        check(f"{kind} html: no kind ticked, nothing shown", a.get("data-visible-nodes") == "0", str(a))
        screenshot(browser, out / f"{kind}.html", frag, out / f"{kind}.html.png")
    return data


def hostile_store(binary, ontology, work):
    onto = work / "onto"
    shutil.copytree(ontology, onto)
    with open(onto / "leaders.ttl", "a") as f:
        f.write(
            "\nperson:ivan-hostilev a schema:Person ;\n"
            f'    schema:name "{HOSTILE_TTL}" ;\n'
            '    skos:altLabel "Ivan Hostilev" ;\n'
            "    dg:holds [ a dg:Position ; dg:office office:foreign-minister ; dg:country country:BY ;"
            ' schema:startDate "2020-01-01"^^xsd:date ] .\n'
        )
    arts = work / "articles"
    arts.mkdir()
    (arts / "hostile.txt").write_text(
        f"Hostilev holds talks with Mirziyoyev {HOSTILE_HEADLINE}\n\n"
        "TASHKENT, 3 March 2024. Foreign Minister of Belarus Ivan Hostilev held talks with President of "
        "Uzbekistan Shavkat Mirziyoyev in Tashkent on 3 March 2024.\n"
    )
    store = work / "store"
    r = run([binary, "-q", "--ontology", str(onto), "build", str(arts), "--store", str(store)])
    check("hostile: build a store with the hostile name", r.returncode == 0, r.stderr.strip())
    return store, onto


def check_hostile(binary, ontology, work, browser):
    store, onto = hostile_store(binary, ontology, work)
    kind = "persons"
    if write(binary, store, kind, "json", work / "h.json", onto):
        data = json.loads((work / "h.json").read_text())
        labels = [v["label"] for v in data["nodes"]]
        if not check("hostile: the person is in the network", HOSTILE in labels, str(labels)):
            return
    if write(binary, store, kind, "html", work / "h.html", onto) and browser:
        raw = (work / "h.html").read_text()
        check("hostile html: no raw </script> or <img in the page source",
              "<img" not in raw and raw.count("</script>") == 3)
        dom = dump_dom(browser, work / "h.html", "#q=hostilev")
        a = body_attrs(dom)
        check("hostile html: the page ran to the end", a.get("data-ready") == "1", dom[:300])
        check("hostile html: search finds the person", a.get("data-selected", "").endswith("ivan-hostilev"), str(a))
        h2 = re.search(r'<div id="details"><h2>(.*?)</h2>', dom)
        check("hostile html: the name shows as text", bool(h2) and html_text(h2.group(1)) == HOSTILE,
              h2.group(1) if h2 else "no panel")
        check("hostile html: the headline shows as text", html_text(dom).count(HOSTILE_HEADLINE) >= 1)
        check("hostile html: no <img> element was created", "<img" not in dom)
        check("hostile html: no extra <script> element", dom.count("<script") == 3)
        screenshot(browser, work / "h.html", "#q=hostilev", work / "h.html.png")
    if write(binary, store, kind, "svg", work / "h.svg", onto):
        root = ET.parse(work / "h.svg").getroot()
        tags = {el.tag.split("}")[-1] for el in root.iter()}
        check("hostile svg: no img/script element", not tags & {"img", "image", "script", "foreignObject"}, str(tags))
        titles = [t.text for t in root.iter("{http://www.w3.org/2000/svg}title")]
        check("hostile svg: the name is text", any(t and HOSTILE in t for t in titles))
    if write(binary, store, kind, "dot", work / "h.dot", onto):
        r = run(["dot", "-Tsvg", str(work / "h.dot")])
        ok = r.returncode == 0
        if ok:
            root = ET.fromstring(r.stdout)
            texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
            ok = HOSTILE in texts and not any(el.tag.endswith("}img") for el in root.iter())
        check("hostile dot: Graphviz shows the name as text", ok, r.stderr.strip())
    for fmt, reader in [("graphml", nx.read_graphml), ("gexf", lambda p: nx.read_gexf(p, version="1.3"))]:
        if write(binary, store, kind, fmt, work / f"h.{fmt}", onto):
            g = reader(work / f"h.{fmt}")
            check(f"hostile {fmt}: the name reads back", HOSTILE in [d.get("label") for _, d in g.nodes(data=True)])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("binary")
    ap.add_argument("store")
    ap.add_argument("--ontology", default=str(Path(__file__).resolve().parent.parent / "ontology"),
                    help="dictionaries to copy for the hostile-name store (default: the repository's ontology/)")
    ap.add_argument("--keep", help="write the outputs (and screenshots) into this folder and keep them")
    args = ap.parse_args()
    binary = str(Path(args.binary).resolve())
    browser = chromium()
    if not check("chromium is installed", browser is not None, "(apt-get install chromium)"):
        browser = None
    check("graphviz dot is installed", shutil.which("dot") is not None, "(apt-get install graphviz)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.keep) if args.keep else Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        for kind in ["persons", "countries"]:
            check_network(binary, args.store, kind, out, browser)
        work = out / "hostile"
        if work.exists():
            shutil.rmtree(work)
        work.mkdir()
        check_hostile(binary, args.ontology, work, browser)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
