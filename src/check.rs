//! An independent second parser (rio_turtle) that re-reads what diplograph
//! exports: a check that does not trust Oxigraph's own serializer.

use rio_api::parser::{QuadsParser, TriplesParser};
use rio_turtle::{NQuadsParser, NTriplesParser, TriGParser, TurtleError, TurtleParser};
use std::io::BufReader;
use std::path::Path;

/// Number of triples (or quads) in an RDF file, by its extension.
pub fn count(path: &Path) -> Result<usize, String> {
    let f = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let r = BufReader::new(f);
    let mut n = 0usize;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let res: Result<(), TurtleError> = match ext.as_str() {
        "nt" | "ntriples" => NTriplesParser::new(r).parse_all(&mut |_| {
            n += 1;
            Ok::<_, TurtleError>(())
        }),
        "nq" | "nquads" => NQuadsParser::new(r).parse_all(&mut |_| {
            n += 1;
            Ok::<_, TurtleError>(())
        }),
        "trig" => TriGParser::new(r, None).parse_all(&mut |_| {
            n += 1;
            Ok::<_, TurtleError>(())
        }),
        _ => TurtleParser::new(r, None).parse_all(&mut |_| {
            n += 1;
            Ok::<_, TurtleError>(())
        }),
    };
    res.map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(n)
}
