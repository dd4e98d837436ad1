//! Command-line declarations only; the work is in `commands`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Diplomacy news -> knowledge graph: extract facts from articles, keep them
/// as RDF in an embedded Oxigraph store, query with SPARQL, export, draw networks.
#[derive(Debug, Parser)]
#[command(name = "diplograph", version, about, long_about = None)]
pub struct Cli {
    /// Folder of dictionaries (*.ttl). Default: $DIPLOGRAPH_ONTOLOGY, ./ontology, or the built-in copy.
    #[arg(long, global = true, value_name = "DIR")]
    pub ontology: Option<PathBuf>,
    /// No progress bars or summaries on stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args, Clone)]
pub struct StoreArgs {
    /// Store directory (Oxigraph on disk).
    #[arg(
        long,
        visible_alias = "location",
        short = 'l',
        value_name = "DIR",
        default_value = "diplograph.db"
    )]
    pub store: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract facts from articles and store them (default input: seeds/).
    ///
    /// Each article becomes one named graph, written in one transaction: either
    /// all its facts are stored or none. An unchanged article is skipped; a
    /// changed one replaces its graph. A file that fails is reported and the
    /// others still go in; the exit code is then 1.
    Build {
        /// Files or folders (.txt, .html, .jsonl). Default: seeds/
        paths: Vec<PathBuf>,
        #[command(flatten)]
        store: StoreArgs,
        /// Use a throwaway in-memory store instead of --store.
        #[arg(long, conflicts_with = "store")]
        memory: bool,
        /// Re-extract every article even if unchanged.
        #[arg(long)]
        force: bool,
    },
    /// Print the facts of each article as JSON Lines (the FACTS.md contract).
    Extract {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
        format: ExtractFormat,
        /// Write to FILE (atomically) instead of stdout.
        #[arg(long, short = 'o', value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Run a SPARQL query over all article graphs (their union is the default graph).
    ///
    /// SELECT results print as a table on a terminal and as TSV in a pipe;
    /// CONSTRUCT and DESCRIBE print Turtle. A syntax error exits with code 2.
    Query {
        /// The query text. Without it and without -f, the query is read from stdin.
        query: Option<String>,
        /// Read the query from FILE (e.g. queries/who-met-whom.rq).
        #[arg(
            short = 'f',
            long = "file",
            value_name = "FILE",
            conflicts_with = "query"
        )]
        file: Option<PathBuf>,
        #[command(flatten)]
        store: StoreArgs,
        /// Result format: table, json, xml, csv, tsv (default: table on a terminal, tsv otherwise).
        #[arg(long, value_enum)]
        format: Option<QueryFormat>,
    },
    /// Write the graph as Turtle, N-Triples, N-Quads or TriG.
    Export {
        #[command(flatten)]
        store: StoreArgs,
        /// RDF format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Turtle)]
        format: ExportFormat,
        /// Only this named graph (an article IRI, or the ontology graph).
        #[arg(long, value_name = "IRI")]
        graph: Option<String>,
        /// Write to FILE (atomically) instead of stdout.
        #[arg(long, short = 'o', value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Build a network from the store: persons who met, or countries.
    Network {
        #[command(flatten)]
        store: StoreArgs,
        /// Which network.
        #[arg(long, value_enum, default_value_t = NetworkKind::Persons)]
        kind: NetworkKind,
        /// Output format.
        #[arg(long, value_enum, default_value_t = NetworkFormat::Dot)]
        format: NetworkFormat,
        /// Only encounters on or after this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Only encounters on or before this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Only edges touching this country (ISO code); repeatable.
        #[arg(long = "country", value_name = "ISO")]
        countries: Vec<String>,
        /// Drop edges lighter than N.
        #[arg(long, default_value_t = 1, value_name = "N")]
        min_weight: usize,
        /// Print the ranked metrics table (degree, weighted degree, betweenness, closeness, PageRank, component, community) instead of the graph.
        #[arg(long)]
        metrics: bool,
        /// Write to FILE (atomically) instead of stdout.
        #[arg(long, short = 'o', value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Serve the store over the SPARQL 1.1 Protocol and Graph Store Protocol (read-only unless --update).
    Serve {
        #[command(flatten)]
        store: StoreArgs,
        /// Address to listen on (loopback by default).
        #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR")]
        bind: String,
        /// Allow SPARQL Update, Graph Store writes and POST /articles.
        #[arg(long)]
        update: bool,
        /// Per-query time limit, e.g. 30s, 2m.
        #[arg(long, default_value = "30s", value_name = "DURATION")]
        timeout: String,
        /// Maximum rows of a SELECT result (announced in a response header when reached).
        #[arg(long, default_value_t = 10000, value_name = "N")]
        max_results: usize,
        /// Allow cross-origin requests from this origin.
        #[arg(long, value_name = "ORIGIN")]
        cors: Option<String>,
        /// Also answer requests whose Host header is NAME (repeatable), e.g. the name a
        /// reverse proxy passes on. On loopback only localhost, 127.0.0.1, [::1] and the
        /// --bind host are answered otherwise.
        #[arg(long = "allow-host", value_name = "NAME")]
        allow_hosts: Vec<String>,
    },
    /// Send each article graph to a remote SPARQL server (Graph Store PUT or SPARQL Update).
    Push {
        #[command(flatten)]
        store: StoreArgs,
        /// The remote endpoint: the GSP URL with --gsp, the update URL with --update.
        #[arg(long, value_name = "URL")]
        endpoint: String,
        /// Use the Graph Store Protocol: PUT ?graph=IRI per article (default).
        #[arg(long, conflicts_with = "update")]
        gsp: bool,
        /// Use SPARQL Update: DROP SILENT GRAPH + INSERT DATA per article.
        #[arg(long)]
        update: bool,
        /// Rewrite article graph IRIs under this prefix on the remote side.
        #[arg(long, value_name = "IRI")]
        graph_prefix: Option<String>,
        /// HTTP basic authentication, user:password.
        #[arg(long, value_name = "USER:PASS")]
        auth: Option<String>,
        /// Articles per request batch.
        #[arg(long, default_value_t = 20, value_name = "N")]
        batch: usize,
        /// Per-request timeout, e.g. 30s.
        #[arg(long, default_value = "30s", value_name = "DURATION")]
        timeout: String,
        /// Retries per failed request.
        #[arg(long, default_value_t = 3, value_name = "N")]
        retries: usize,
    },
    /// Copy the store to a new directory as a consistent snapshot (a RocksDB checkpoint: hard links
    /// where possible), checked before it gets its name. Needs the store to itself: refused while a
    /// build, serve, query or export has it open.
    Backup {
        #[command(flatten)]
        store: StoreArgs,
        /// The new directory to write the copy to (must not exist).
        #[arg(value_name = "DIR")]
        target: PathBuf,
    },
    /// Re-read RDF files with an independent parser (rio_turtle) and count triples.
    Check {
        /// Turtle, N-Triples, N-Quads or TriG files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Generate a synthetic corpus from the seeds for benchmarks (deterministic by --seed).
    GenCorpus {
        /// Output folder.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Number of documents.
        #[arg(long, default_value_t = 2000)]
        docs: usize,
        /// Random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Folder of seed articles.
        #[arg(long, default_value = "seeds", value_name = "DIR")]
        seeds: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    Table,
    Json,
    Xml,
    Csv,
    Tsv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    #[value(alias = "ttl")]
    Turtle,
    #[value(alias = "nt")]
    Ntriples,
    #[value(alias = "nq")]
    Nquads,
    Trig,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NetworkKind {
    Persons,
    Countries,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NetworkFormat {
    /// Graphviz DOT (undirected).
    Dot,
    /// networkx node-link JSON.
    Json,
    /// GraphML with typed keys (Cytoscape, yEd, Gephi, networkx).
    Graphml,
    /// GEXF 1.3 with edge dates (Gephi's timeline).
    Gexf,
    /// CSV edge table (and a node table next to --out).
    Csv,
    /// A drawn picture, SVG.
    Svg,
    /// A drawn picture, PNG.
    Png,
    /// One self-contained interactive HTML page.
    Html,
}

impl NetworkFormat {
    pub fn name(self) -> &'static str {
        match self {
            NetworkFormat::Dot => "dot",
            NetworkFormat::Json => "json",
            NetworkFormat::Graphml => "graphml",
            NetworkFormat::Gexf => "gexf",
            NetworkFormat::Csv => "csv",
            NetworkFormat::Svg => "svg",
            NetworkFormat::Png => "png",
            NetworkFormat::Html => "html",
        }
    }
}
