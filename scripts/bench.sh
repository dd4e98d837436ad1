#!/usr/bin/env bash
# Throughput of diplograph against the spaCy + rdflib peer, side by side on the same generated corpus.
#
# usage: scripts/bench.sh [DOCS] [PEER_PYTHON] [PEER_DIR]
#   DOCS         corpus size (default 2000)
#   PEER_PYTHON  python of a venv with the peer's requirements (optional; skipped when absent)
#   PEER_DIR     folder holding peer.py (default ../shared/peer)
# Needs a release build (cargo build --release) and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${1:-2000}
PEER_PY=${2:-}
PEER_DIR=${3:-../shared/peer}
BIN=target/release/diplograph
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

$BIN gen-corpus --out "$WORK/corpus" --docs "$DOCS" --seed 1 --quiet
BYTES=$(cat "$WORK"/corpus/*.txt | wc -c)
echo "corpus: $DOCS documents, $BYTES bytes"

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" > "$WORK/out" 2> "$WORK/err" || true
  read -r wall rss < "$WORK/time"
  awk -v l="$label" -v w="$wall" -v r="$rss" -v d="$DOCS" -v b="$BYTES" \
    'BEGIN { printf "%-34s %8.2f s %9.1f docs/s %7.2f MB/s  peak %6.1f MiB\n", l, w, d / w, b / 1e6 / w, r / 1024 }'
}

RAYON_NUM_THREADS=1 measure "diplograph extract (1 thread)" $BIN extract "$WORK/corpus"
measure "diplograph extract (all cores)" $BIN extract "$WORK/corpus"
RAYON_NUM_THREADS=1 measure "diplograph build (1 thread)" $BIN build --quiet --store "$WORK/db" "$WORK/corpus"
TRIPLES=$($BIN query --store "$WORK/db" --format tsv 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' | tail -1 | tr -d '"' | cut -d^ -f1)
read -r wall _ < "$WORK/time"
awk -v t="$TRIPLES" -v w="$wall" 'BEGIN { printf "  build stored %d quads: %.0f triples/s\n", t, t / w }'

if [ -n "$PEER_PY" ] && [ -x "$PEER_PY" ]; then
  measure "peer extract (spaCy, 1 process)" "$PEER_PY" "$PEER_DIR/peer.py" extract "$WORK/corpus"
  measure "peer build (spaCy + rdflib)" "$PEER_PY" "$PEER_DIR/peer.py" build "$WORK/corpus" --out "$WORK/peer.ttl"
fi
