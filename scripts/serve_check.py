#!/usr/bin/env python3
"""End-to-end interop check of `diplograph serve` and `diplograph push`.

Run: python3 scripts/serve_check.py target/release/diplograph [--oxigraph PATH] [--virtuoso] [--screenshot OUT.png]

1. Builds the seeds into a fresh store and serves it on a free loopback port.
2. Queries it the ways people do: SPARQLWrapper (JSON, XML, CSV, CONSTRUCT into
   rdflib, GET and POST), rdflib's SPARQLStore, and curl (Accept negotiation,
   headers, status codes, service description); checks `build` next to the
   running server gets the busy message and that writes are refused.
3. Pushes the store into a real Oxigraph server (the `oxigraph` PyPI wheel's
   binary, `oxigraph serve --union-default-graph`) by Graph Store PUT and by
   SPARQL Update, twice each, and checks that every queries/*.rq gives the same
   rows there as on `diplograph serve`, and that re-pushing never duplicates.
4. Optionally the same with Virtuoso (Debian's virtuoso-opensource), and a
   screenshot of the query page with headless Chromium.
5. Measures queries per second on the seeds store under a small, bounded load.

Needs: pip install SPARQLWrapper rdflib oxigraph; curl. Prints `N passed, M failed`
and exits 1 on any failure. Only loopback addresses are used.
"""

import argparse
import concurrent.futures
import csv
import http.client
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_META = "FILTER(?g != <https://w3id.org/diplograph/graph/meta>)"

passed = 0
failed = 0


def check(cond, what, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print(f"ok    {what}")
    else:
        failed += 1
        detail = str(detail)
        print(f"FAIL  {what}" + (f": {detail[:600]}" if detail else ""))
    return cond


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, proc, seconds=30):
    end = time.time() + seconds
    while time.time() < end:
        if proc.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False


class Processes:
    """Children started here, stopped (by their own pid) at the end."""

    def __init__(self):
        self.procs = []

    def start(self, args, log, **kw):
        """Starts `args` with stderr to the file `log` (a pipe could fill up and stall the child)."""
        p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=open(log, "wb"), **kw)
        p.log = Path(log)
        self.procs.append(p)
        return p

    def stop(self, p):
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()

    def stop_all(self):
        for p in self.procs:
            self.stop(p)


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def curl(*args):
    r = run(["curl", "-s", "-S", "--max-time", "60", *args])
    return r.stdout


def curl_status(*args):
    out = curl("-o", "/dev/null", "-w", "%{http_code}", *args)
    return int(out or 0)


def post_query(endpoint, query, accept="application/sparql-results+json"):
    """A form POST (Virtuoso 7 does not take application/sparql-query bodies)."""
    u = urllib.parse.urlsplit(endpoint)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    body = urllib.parse.urlencode({"query": query})
    c.request("POST", u.path, body=body.encode(), headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
    r = c.getresponse()
    body = r.read().decode()
    c.close()
    return r.status, body


BLANK = re.compile(r"_:[A-Za-z0-9_.-]+")


def rows(endpoint, query):
    """Rows of a SELECT as sorted tuples of N-Triples-like strings (blank nodes anonymised)."""
    status, body = post_query(endpoint, query)
    if status != 200:
        raise RuntimeError(f"HTTP {status}: {body[:300]}")
    data = json.loads(body)
    out = []
    for b in data["results"]["bindings"]:
        row = []
        for v in data["head"]["vars"]:
            t = b.get(v)
            if t is None:
                row.append("")
            elif t["type"] == "uri":
                row.append(f"<{t['value']}>")
            elif t["type"] == "bnode":
                row.append("_:b")
            else:
                dt = t.get("datatype", "")
                lang = t.get("xml:lang", "")
                row.append(json.dumps(t["value"]) + (f"@{lang}" if lang else f"^^<{dt}>" if dt and not dt.endswith("#string") else ""))
        out.append(tuple(row))
    return sorted(out)


def count(endpoint, query):
    r = rows(endpoint, query)
    return int(json.loads(r[0][0].split("^^")[0]))


def canned():
    return sorted((p.name, p.read_text()) for p in (ROOT / "queries").glob("*.rq"))


def same_answers(label, local, remote, strict=True):
    """Every canned query gives the same rows on both endpoints (strict), or a note of the differences."""
    for name, text in canned():
        try:
            a, b = rows(local, text), rows(remote, text)
        except Exception as e:  # noqa: BLE001
            check(not strict, f"{label}: {name}", str(e))
            continue
        detail = ""
        if a != b:
            only_a = [r for r in a if r not in b][:2]
            only_b = [r for r in b if r not in a][:2]
            detail = f"{len(a)} vs {len(b)} rows; only local {only_a}; only remote {only_b}"
        if strict or a == b:
            check(a == b and len(a) > 0, f"{label}: {name} gives the same {len(a)} rows", detail)
        else:
            print(f"note  {label}: {name} differs ({len(a)} rows here, {len(b)} there; the engines evaluate it differently, the data are the same): {detail[:300]}")


def sparqlwrapper_checks(endpoint):
    from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    who = (ROOT / "queries" / "who-met-whom.rq").read_text()
    sw = SPARQLWrapper(endpoint)
    sw.setQuery(who)
    sw.setReturnFormat(JSON)
    res = sw.query().convert()
    names = {(b["name1"]["value"], b["name2"]["value"]) for b in res["results"]["bindings"]}
    check(any("Lukashenko" in a + b and "Mirziyoyev" in a + b for a, b in names), "SPARQLWrapper JSON (GET): who-met-whom has Lukashenko and Mirziyoyev", str(names))

    sw = SPARQLWrapper(endpoint)
    sw.setMethod(POST)
    sw.setQuery(who)
    sw.setReturnFormat(XML)
    doc = sw.query().convert()
    check(len(doc.getElementsByTagName("result")) == len(res["results"]["bindings"]), "SPARQLWrapper XML (POST): same number of rows")

    sw = SPARQLWrapper(endpoint)
    sw.setQuery("SELECT ?c ?n WHERE { ?c a <http://schema.org/Country> ; <https://w3id.org/diplograph/ontology#isoCode> ?n } ORDER BY ?n LIMIT 5")
    sw.setReturnFormat(CSV)
    text = sw.query().convert().decode()
    table = list(csv.reader(io.StringIO(text)))
    check(table[0] == ["c", "n"] and len(table) == 6, "SPARQLWrapper CSV: header and 5 rows", text[:200])

    sw = SPARQLWrapper(endpoint)
    sw.setQuery("ASK { ?p a <http://schema.org/Person> }")
    sw.setReturnFormat(JSON)
    check(sw.query().convert().get("boolean") is True, "SPARQLWrapper ASK")

    sw = SPARQLWrapper(endpoint)
    sw.setQuery("CONSTRUCT { ?c <http://schema.org/name> ?n } WHERE { ?c a <http://schema.org/Country> ; <http://schema.org/name> ?n } LIMIT 25")
    sw.setReturnFormat(TURTLE)
    g = sw.query().convert()
    import rdflib

    graph = rdflib.Graph().parse(data=g, format="turtle") if isinstance(g, (bytes, str)) else g
    check(len(graph) == 25, "SPARQLWrapper CONSTRUCT as Turtle into rdflib: 25 triples", str(len(graph)))

    sw = SPARQLWrapper(endpoint)
    sw.setQuery("SELECT * WHERE { ?s ?p }")
    sw.setReturnFormat(JSON)
    try:
        sw.query()
        check(False, "SPARQLWrapper: malformed query raises QueryBadFormed")
    except QueryBadFormed as e:
        check(re.search(r"\d+:\d+", str(e)) is not None, "SPARQLWrapper: malformed query raises QueryBadFormed with line:column", str(e)[:200])


def rdflib_checks(endpoint):
    import rdflib
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(endpoint, returnFormat="json")
    g = rdflib.Graph(store=store)
    q = (ROOT / "queries" / "countries.rq").read_text()
    res = list(g.query(q))
    check(len(res) > 0 and any("Uzbekistan" in str(r) for r in res), f"rdflib SPARQLStore: countries.rq gives {len(res)} rows with Uzbekistan")
    n = list(g.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))[0][0]
    check(int(n) > 1000, f"rdflib SPARQLStore: COUNT over the union default graph = {n}")


def curl_checks(base, binary, store):
    ep = f"{base}/query"
    q = (ROOT / "queries" / "countries.rq").read_text()
    text = curl("-H", "Accept: text/csv", "--data-urlencode", f"query={q}", ep)
    table = list(csv.reader(io.StringIO(text)))
    check(len(table) > 2 and table[0][0] == "country", f"curl form POST, Accept text/csv: {len(table) - 1} rows")
    head = curl("-i", "-H", "Accept: text/tab-separated-values", "--get", "--data-urlencode", "query=SELECT * WHERE { ?s ?p ?o } LIMIT 3", ep)
    check("result-limit: 10000" in head.lower() and "text/tab-separated-values" in head, "curl GET: TSV with the result-limit header", head[:300])
    check(curl_status("-H", "Accept: image/png", "--get", "--data-urlencode", "query=ASK {}", ep) == 406, "curl: 406 for an Accept nothing matches")
    body = curl("--data-urlencode", "query=SELECT * WHERE { ?s ?p", ep)
    check(re.search(r"\b1:\d+", body) is not None, "curl: 400 body gives line:column", body.strip())
    check(curl_status("--data-urlencode", "update=CLEAR ALL", f"{base}/update") == 403, "curl: update refused on a read-only server (403)")
    check(curl_status("--get", "--data-urlencode", "update=CLEAR ALL", f"{base}/update") == 405, "curl: update by GET refused (405)")
    check(curl_status("-X", "PUT", "-H", "Content-Type: text/turtle", "--data-binary", "<http://a/b> <http://a/c> 1 .", f"{base}/store?graph=http://a/g") == 403, "curl: Graph Store PUT refused on a read-only server (403)")
    check(curl_status("--data-urlencode", "query=SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", ep) == 400, "curl: SERVICE refused (400)")
    sd = curl("-H", "Accept: text/turtle", f"{base}/")
    import rdflib

    g = rdflib.Graph().parse(data=sd, format="turtle")
    sdns = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    check((None, sdns.endpoint, rdflib.URIRef(ep)) in g, "service description (sd:endpoint) parsed by rdflib")
    page = curl("-H", "Accept: text/html,application/xhtml+xml,*/*;q=0.8", f"{base}/")
    check("yasgui.min.js" in page, "query page for browsers")
    articles = json.loads(curl(f"{base}/articles"))
    check(len(articles) == 5, f"GET /articles lists {len(articles)} article graphs")
    graph = curl("-H", "Accept: application/n-triples", f"{base}/store?graph={urllib.parse.quote(articles[0], safe='')}")
    check(len(rdflib.Graph().parse(data=graph, format="nt")) > 10, "Graph Store GET of an article graph parsed by rdflib")
    busy = run([binary, "build", "--store", str(store), str(ROOT / "seeds")])
    check(busy.returncode != 0 and ("busy" in busy.stderr or "in use" in busy.stderr) and "panicked" not in busy.stderr, "build next to serve gets the busy message", busy.stderr.strip()[:300])


def load(endpoint, seconds, workers):
    """Bounded load: `workers` keep-alive clients for `seconds`; returns (ok, busy, other, qps, p50 ms, p99 ms)."""
    query = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) LIMIT 10"
    u = urllib.parse.urlsplit(endpoint)
    end = time.time() + seconds

    def worker(_):
        c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
        stats = {"ok": 0, "busy": 0, "other": 0, "lat": []}
        while time.time() < end:
            t = time.perf_counter()
            c.request("POST", u.path, body=query.encode(), headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
            r = c.getresponse()
            r.read()
            stats["lat"].append(time.perf_counter() - t)
            key = "ok" if r.status == 200 else "busy" if r.status == 503 else "other"
            stats[key] += 1
        c.close()
        return stats

    with concurrent.futures.ThreadPoolExecutor(workers) as ex:
        results = list(ex.map(worker, range(workers)))
    ok = sum(r["ok"] for r in results)
    lat = sorted(x for r in results for x in r["lat"])
    return ok, sum(r["busy"] for r in results), sum(r["other"] for r in results), ok / seconds, lat[len(lat) // 2] * 1000, lat[int(len(lat) * 0.99)] * 1000


def oxigraph_checks(binary, store, local, oxigraph, tmp, procs):
    port = free_port()
    ox = procs.start([oxigraph, "serve", "--location", str(tmp / "oxigraph"), "--bind", f"127.0.0.1:{port}", "--union-default-graph"], tmp / "oxigraph.log")
    if not check(wait_port(port, ox), f"oxigraph serve started on 127.0.0.1:{port}", ox.log.read_text(errors="replace")[-400:]):
        return
    remote = f"http://127.0.0.1:{port}"
    expected = count(local, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {NOT_META} }}")
    for mode, args in [("GSP PUT", ["--endpoint", f"{remote}/store"]), ("SPARQL Update", ["--update", "--endpoint", f"{remote}/update"])]:
        for rnd in (1, 2):
            t = time.time()
            r = run([binary, "push", "--store", str(store), *args])
            took = time.time() - t
            check(r.returncode == 0, f"push by {mode} into Oxigraph, round {rnd} ({took:.2f}s)", r.stderr.strip()[-400:])
            if r.stderr.strip():
                print("      " + r.stderr.strip().splitlines()[-1])
            n = count(f"{remote}/query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
            check(n == expected, f"Oxigraph holds {n} quads, the store {expected} (no duplicates)")
        same_answers(f"Oxigraph after {mode}", local, f"{remote}/query")
    procs.stop(ox)


VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{isql}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = ., {d}

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
MaxClientConnections = 5
ServerThreads = 5

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 120
DefaultQuery = select distinct ?Concept where {{[] a ?Concept}} LIMIT 100
"""


def virtuoso_checks(binary, store, local, tmp, procs):
    exe = shutil.which("virtuoso-t")
    isql = shutil.which("isql-vt") or shutil.which("isql")
    if not exe or not isql:
        print("skip  Virtuoso: virtuoso-t/isql-vt not installed (apt-get install virtuoso-opensource)")
        return
    d = tmp / "virtuoso"
    d.mkdir()
    ports = {"isql": free_port(), "http": free_port()}
    (d / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=d, **ports))
    v = procs.start([exe, "+foreground", "+configfile", str(d / "virtuoso.ini")], d / "stderr.log", cwd=d)
    if not check(wait_port(ports["http"], v, 120) and wait_port(ports["isql"], v, 60), "Virtuoso started"):
        return
    # Let the anonymous SPARQL user update (a throwaway test server on loopback only).
    grant = run([isql, f"127.0.0.1:{ports['isql']}", "dba", "dba", "exec=GRANT SPARQL_UPDATE TO \"SPARQL\";"])
    check(grant.returncode == 0, "Virtuoso: SPARQL_UPDATE granted to the SPARQL user", grant.stderr[-300:])
    remote = f"http://127.0.0.1:{ports['http']}/sparql"
    for rnd in (1, 2):
        r = run([binary, "push", "--store", str(store), "--update", "--batch", "5", "--endpoint", remote])
        check(r.returncode == 0, f"push by SPARQL Update into Virtuoso, round {rnd}", r.stderr.strip()[-400:])
    expected = count(local, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {NOT_META} }}")
    n = count(remote, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/diplograph/\")) }")
    check(n == expected, f"Virtuoso holds {n} quads in diplograph graphs, the store {expected}")
    # The data: every article graph triple for triple (literals as Virtuoso gives them back).
    articles = [r[0].strip("<>") for r in rows(local, "SELECT ?g WHERE { GRAPH <https://w3id.org/diplograph/graph/meta> { ?g <https://w3id.org/diplograph/ontology#contentHash> ?h } FILTER(?g != <https://w3id.org/diplograph/graph/ontology>) }")]
    for g in articles:
        # (the pushed store is a second build: only its extraction time differs)
        q = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} FILTER(?p != <http://www.w3.org/ns/prov#startedAtTime>) }}"
        a, b = rows(local, q), rows(remote, q)
        check(a == b, f"Virtuoso: article graph {g.rsplit('/', 1)[-1]} has the same {len(a)} triples", f"{len(a)} vs {len(b)}; only here {[r for r in a if r not in b][:3]}; only there {[r for r in b if r not in a][:3]}")
    # The canned queries: Virtuoso's engine differs from Oxigraph on some (GROUP_CONCAT in sub-selects, OPTIONAL scoping).
    same_answers("Virtuoso", local, remote, strict=False)
    procs.stop(v)


def screenshot(base, out):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("skip  screenshot: no chromium")
        return
    r = run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1400,900", "--virtual-time-budget=8000", f"--screenshot={out}", f"{base}/#run"], timeout=120)
    dom = run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=8000", "--dump-dom", f"{base}/#run"], timeout=120)
    check(Path(out).exists() and re.search(r"Showing 1 to \d+ of \d+ entries", dom.stdout) is not None, f"query page runs the first example in Chromium (screenshot {out})", r.stderr[-200:])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("binary", help="path to the diplograph binary")
    ap.add_argument("--oxigraph", default=shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph"), help="the oxigraph server binary (from `pip install oxigraph`)")
    ap.add_argument("--virtuoso", action="store_true", help="also push into Virtuoso (needs virtuoso-opensource)")
    ap.add_argument("--screenshot", metavar="PNG", help="screenshot the query page with headless Chromium")
    ap.add_argument("--load-seconds", type=float, default=5.0, help="length of each measured load run")
    args = ap.parse_args()
    binary = str(Path(args.binary).resolve())
    procs = Processes()
    tmp = Path(tempfile.mkdtemp(prefix="serve-check-"))
    try:
        store = tmp / "db"
        r = run([binary, "build", "--store", str(store), str(ROOT / "seeds")])
        if not check(r.returncode == 0, "build the seeds", r.stderr):
            return 1
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        srv = procs.start([binary, "serve", "--store", str(store), "--bind", f"127.0.0.1:{port}"], tmp / "serve.log")
        if not check(wait_port(port, srv), f"diplograph serve started on {base}", srv.log.read_text(errors="replace")[-400:]):
            return 1
        local = f"{base}/query"
        sparqlwrapper_checks(local)
        rdflib_checks(local)
        curl_checks(base, binary, store)
        if args.screenshot:
            screenshot(base, args.screenshot)
        for workers in (1, 2, 4):
            ok, busy, other, qps, p50, p99 = load(local, args.load_seconds, workers)
            print(f"      load: {workers} client(s) for {args.load_seconds:.0f}s: {qps:.0f} queries/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms, {busy} answered 503 (busy), {other} other errors")
            check(ok > 0 and other == 0, f"load with {workers} client(s): no errors but 503 when full")
        # `serve` holds its store (readers too are refused next to a writer), so push from a second build.
        source = tmp / "db-push"
        r = run([binary, "build", "--store", str(source), str(ROOT / "seeds")])
        check(r.returncode == 0, "build the seeds again for push", r.stderr)
        if Path(args.oxigraph).exists():
            try:
                oxigraph_checks(binary, source, local, args.oxigraph, tmp, procs)
            except Exception as e:  # noqa: BLE001
                check(False, "Oxigraph checks", repr(e))
        else:
            check(False, f"oxigraph binary at {args.oxigraph}", "pip install oxigraph")
        if args.virtuoso:
            try:
                virtuoso_checks(binary, source, local, tmp, procs)
            except Exception as e:  # noqa: BLE001
                check(False, "Virtuoso checks", repr(e))
        procs.stop(srv)
        log = srv.log.read_text(errors="replace")
        check(re.search(r'"POST /query" 200 \d+', log) is not None, "access log lines on stderr", log[-300:])
    finally:
        procs.stop_all()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
