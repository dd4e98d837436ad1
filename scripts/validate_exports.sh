#!/usr/bin/env bash
# External validation of diplograph's RDF exports (issue 6, "checked by others").
#
# Builds the seeds into a throwaway store, exports it as Turtle, N-Triples,
# N-Quads and TriG, and has three independent parsers read every file:
#   rapper         (Debian raptor2-utils)
#   Jena riot      (Debian libapache-jena-java: riotcmd.riot --validate / --count)
#   diplograph check (rio_turtle, independent of Oxigraph's own parser)
# Their statement counts must agree with each other and with the store
# (quads in all graphs for the dataset formats, distinct triples for the others).
#
# Needs: apt-get install -y raptor2-utils libapache-jena-java (plus a JRE).
# Usage: scripts/validate_exports.sh [path/to/diplograph]   (default: target/release/diplograph)
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${1:-target/release/diplograph}
[ -x "$bin" ] || { echo "validate_exports: $bin not built (cargo build --release)" >&2; exit 1; }
command -v rapper >/dev/null || { echo "validate_exports: rapper missing (apt-get install raptor2-utils)" >&2; exit 1; }
command -v java >/dev/null || { echo "validate_exports: java missing (apt-get install default-jre-headless)" >&2; exit 1; }
dpkg -s libapache-jena-java >/dev/null 2>&1 || { echo "validate_exports: Jena missing (apt-get install libapache-jena-java)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Jena's classpath: the jars of the package and of the packages it depends on.
jars() { dpkg -L "$1" 2>/dev/null | grep -E '^/usr/share/java/[^/]+\.jar$' | grep -v -E -- '-[0-9][0-9.]*\.jar$' || true; }
deps=$(dpkg-query -W -f='${Depends}' libapache-jena-java | tr ',' '\n' | sed -E 's/^ *([^ |(]+).*/\1/')
cp=$( { jars libapache-jena-java; for d in $deps; do jars "$d"; done; } | grep -v -E '/(slf4j|log4j|jcl-over|jul-to)[^/]*$' | sort -u | tr '\n' ':')
# Exactly one SLF4J binding, a silent one (the directory holds several, which breaks start-up).
cp="${cp}/usr/share/java/slf4j-api.jar:/usr/share/java/slf4j-nop.jar"
# Debian's jena-core 4.5.0 moved its bundled Xerces classes to the package `xerces` but left
# their message bundles under org/apache/jena/ext/xerces: without this copy every run dies
# with "RuntimeException: internal error" in XSSimpleTypeDecl.applyFacets1.
mkdir -p "$work/jena-fix"
(
  cd "$work/jena-fix"
  if command -v unzip >/dev/null; then
    unzip -q -o /usr/share/java/jena-core.jar 'org/apache/jena/ext/xerces/*'
  else
    python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); z.extractall(members=[n for n in z.namelist() if n.startswith("org/apache/jena/ext/xerces/")])' /usr/share/java/jena-core.jar
  fi
  mkdir -p xerces && cp -r org/apache/jena/ext/xerces/impl xerces/ && rm -rf org
)
riot() { java -cp "$work/jena-fix:$cp" riotcmd.riot "$@"; }

"$bin" build --quiet --store "$work/db" seeds
count() { # the single number of a COUNT query
  "$bin" query --format tsv --store "$work/db" "$1" | sed -n 2p | sed -E 's/^"?([0-9]+).*/\1/'
}
quads=$(count 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }')
triples=$(count 'SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }')
echo "store: $quads quads, $triples distinct triples"

failed=0
# The validators must be able to fail: a broken file is rejected by each.
printf '<https://example.org/a> <https://example.org/b> "unterminated .\n' >"$work/broken.nt"
if rapper -q -i ntriples -c "$work/broken.nt" >/dev/null 2>&1; then echo "validate_exports: rapper accepted a broken file" >&2; exit 1; fi
if riot --validate "$work/broken.nt" >/dev/null 2>&1; then echo "validate_exports: riot accepted a broken file" >&2; exit 1; fi
if "$bin" check "$work/broken.nt" >/dev/null 2>&1; then echo "validate_exports: check accepted a broken file" >&2; exit 1; fi

files=()
for spec in turtle:ttl ntriples:nt nquads:nq trig:trig; do
  "$bin" export --quiet --store "$work/db" --format "${spec%%:*}" --out "$work/seeds.${spec##*:}"
  files+=("$work/seeds.${spec##*:}")
done
# One JVM for all files: riot --validate is strict and prints nothing when all is well.
riot --validate "${files[@]}" >"$work/riot.log" 2>&1 || { echo "riot rejects an export:" >&2; cat "$work/riot.log" >&2; failed=1; }
[ -s "$work/riot.log" ] && { echo "riot warns:" >&2; cat "$work/riot.log" >&2; failed=1; }
riot --count "${files[@]}" >"$work/count.log" 2>&1 || true

for spec in turtle:ttl:turtle ntriples:nt:ntriples nquads:nq:nquads trig:trig:trig; do
  IFS=: read -r format ext syntax <<<"$spec"
  file="$work/seeds.$ext"
  case $format in nquads|trig) want=$quads ;; *) want=$triples ;; esac
  by_rapper=$( (rapper -i "$syntax" -c "$file" 2>&1 || true) | sed -n -E 's/^rapper: Parsing returned ([0-9]+) (triples|statements).*/\1/p')
  by_jena=$(grep -F "seeds.$ext :" "$work/count.log" | sed -n -E 's/.*: (Triples|Quads) = ([0-9,]+).*/\2/p' | head -1 | tr -d ,)
  by_rio=$( ("$bin" check "$file" || true) | cut -f2)
  printf '%-9s store %-7s rapper %-7s jena %-7s rio_turtle %-7s\n' "$format" "$want" "${by_rapper:-?}" "${by_jena:-?}" "${by_rio:-?}"
  if [ "$by_rapper" != "$want" ] || [ "$by_jena" != "$want" ] || [ "$by_rio" != "$want" ]; then
    echo "validate_exports: counts disagree for $format" >&2
    failed=1
  fi
done
[ "$failed" = 0 ] && echo "validate_exports: every export accepted by rapper, Jena riot and rio_turtle; counts agree"
exit "$failed"
