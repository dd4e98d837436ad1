//! Dictionaries read at run time from `ontology/*.ttl`: countries, cities,
//! offices, office holders and the title grammar words.
//!
//! The entry point is [`Lexicon::load`]. Users extend the dictionaries by
//! editing Turtle; nothing here is compiled in except a fallback copy of the
//! shipped files for when no `ontology/` folder is found.

mod keys;

pub use keys::{fold, skeleton, skeleton_word, slug};

use crate::vocab::{self, DG, OWL, RDF, SKOS};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use oxigraph::io::{RdfFormat, RdfParseError, RdfParser};
use oxigraph::model::{NamedOrBlankNode as Subject, Term};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The shipped dictionaries, used when no `ontology/` folder is around.
const EMBEDDED: &[(&str, &str)] = &[
    (
        "diplomacy.ttl",
        include_str!("../../ontology/diplomacy.ttl"),
    ),
    (
        "countries.ttl",
        include_str!("../../ontology/countries.ttl"),
    ),
    ("cities.ttl", include_str!("../../ontology/cities.ttl")),
    ("offices.ttl", include_str!("../../ontology/offices.ttl")),
    ("leaders.ttl", include_str!("../../ontology/leaders.ttl")),
    ("naming.ttl", include_str!("../../ontology/naming.ttl")),
];

#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        file: String,
        line: u64,
        column: u64,
        message: String,
    },
    #[error("{file}: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
    #[error("{dir}: no .ttl files found")]
    Empty { dir: String },
}

#[derive(Debug, Clone)]
pub struct Country {
    pub iso: String,
    pub name: String,
    pub labels: Vec<String>,
    pub demonyms: Vec<String>,
    pub capital: Option<usize>,
    pub region: Option<String>,
    pub iri: String,
    /// Its press writes the family name first (`dg:familyNameFirst`).
    pub family_name_first: bool,
}

#[derive(Debug, Clone)]
pub struct City {
    pub name: String,
    pub labels: Vec<String>,
    pub country: Option<String>,
    pub iri: String,
}

#[derive(Debug, Clone)]
pub struct Office {
    pub slug: String,
    pub label: String,
    pub labels: Vec<String>,
    pub category: String,
    pub head_of_state: bool,
    pub head_of_government: bool,
    pub iri: String,
}

#[derive(Debug, Clone)]
pub struct HeldOffice {
    pub office: String,
    pub country: Option<String>,
    pub start: Option<jiff::civil::Date>,
    pub end: Option<jiff::civil::Date>,
}

#[derive(Debug, Clone)]
pub struct KnownPerson {
    pub iri: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub wikidata: Option<String>,
    pub positions: Vec<HeldOffice>,
}

/// Persons serving a state whose press writes the family name first (`dg:familyNameFirst`).
fn family_name_first(p: &KnownPerson, states: &HashSet<String>) -> bool {
    p.positions
        .iter()
        .any(|h| h.country.as_ref().is_some_and(|c| states.contains(c)))
}

/// An ISO 3166 alpha-2 code of a state ("UZ"), not an organisation's lower-case key ("eu").
pub fn is_state_code(c: &str) -> bool {
    c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())
}

/// What a place-name match stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Country(usize),
    Demonym(usize),
    City(usize),
}

/// A dictionary hit in a text: byte range and what it is.
#[derive(Debug, Clone, Copy)]
pub struct Hit<T> {
    pub start: usize,
    pub end: usize,
    pub what: T,
}

/// An office-title hit: which office, and whether the text used a plural.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfficeHit {
    pub office: usize,
    pub plural: bool,
}

/// One source file of the dictionaries, kept so the store can load the same text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

pub struct Lexicon {
    pub countries: Vec<Country>,
    pub cities: Vec<City>,
    pub offices: Vec<Office>,
    pub persons: Vec<KnownPerson>,
    pub modifiers: HashSet<String>,
    pub honorifics: Vec<String>,
    pub org_words: HashSet<String>,
    /// Fields of ministries ("Economy", "Foreign Affairs"): never part of a name.
    pub portfolio_words: HashSet<String>,
    pub files: Vec<SourceFile>,
    places: AhoCorasick,
    place_of: Vec<(Place, bool)>,
    titles: AhoCorasick,
    title_of: Vec<OfficeHit>,
    honorific_ac: AhoCorasick,
    country_by_iso: HashMap<String, usize>,
    office_by_slug: HashMap<String, usize>,
    person_by_key: HashMap<String, usize>,
    person_by_skeleton: HashMap<String, Vec<usize>>,
    person_by_surname: HashMap<String, Vec<usize>>,
    /// States whose press writes the family name first.
    family_first: HashSet<String>,
    /// Folded first word of a name or alias (leading "al"/"el" skipped) -> persons.
    person_by_given: HashMap<String, Vec<usize>>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("countries", &self.countries.len())
            .field("cities", &self.cities.len())
            .field("offices", &self.offices.len())
            .field("persons", &self.persons.len())
            .finish()
    }
}

/// Where the dictionaries come from: a folder, or the copy built into the binary.
pub fn default_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("DIPLOGRAPH_ONTOLOGY") {
        return Some(PathBuf::from(d));
    }
    let here = PathBuf::from("ontology");
    if here.join("diplomacy.ttl").is_file() {
        return Some(here);
    }
    None
}

impl Lexicon {
    /// Loads every `.ttl` file of `dir` (sorted by name), or the embedded copy when `dir` is `None`.
    pub fn load(dir: Option<&Path>) -> Result<Self, LexiconError> {
        let files = match dir {
            None => EMBEDDED
                .iter()
                .map(|(n, t)| SourceFile {
                    name: format!("ontology/{n}"),
                    text: t.to_string(),
                })
                .collect(),
            Some(dir) => read_dir(dir)?,
        };
        Self::from_files(files)
    }

    /// The dictionaries shipped with the binary.
    pub fn embedded() -> Self {
        // The embedded files are checked by the test suite, so this cannot fail at run time.
        Self::load(None).unwrap_or_else(|e| panic!("embedded ontology is broken: {e}"))
    }

    pub fn from_files(files: Vec<SourceFile>) -> Result<Self, LexiconError> {
        let mut graph = Graph::default();
        for (i, f) in files.iter().enumerate() {
            graph.parse(i, f)?;
        }
        let mut lex = graph.interpret();
        lex.files = files;
        Ok(lex)
    }

    /// SHA-256 of the dictionary files (names and texts): `build` and `serve` reload the
    /// ontology graph when it changes.
    pub fn content_hash(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for f in &self.files {
            h.update(f.name.rsplit('/').next().unwrap_or(&f.name).as_bytes());
            h.update(f.text.as_bytes());
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    pub fn country(&self, iso: &str) -> Option<&Country> {
        self.country_by_iso.get(iso).map(|&i| &self.countries[i])
    }

    pub fn office(&self, slug: &str) -> Option<&Office> {
        self.office_by_slug.get(slug).map(|&i| &self.offices[i])
    }

    pub fn office_index(&self, slug: &str) -> Option<usize> {
        self.office_by_slug.get(slug).copied()
    }

    /// Country, demonym and city names in `text`, leftmost-longest, on word boundaries.
    pub fn find_places(&self, text: &str) -> Vec<Hit<Place>> {
        let mut out = Vec::new();
        for m in self.places.find_iter(text) {
            let (what, exact_case) = self.place_of[m.pattern().as_usize()];
            let s = &text[m.start()..m.end()];
            if !on_word_boundary(text, m.start(), m.end()) {
                continue;
            }
            let first = s.chars().next().unwrap_or(' ');
            if exact_case {
                if !self.place_label_exact(what, s) {
                    continue;
                }
            } else if first.is_lowercase() {
                continue;
            }
            out.push(Hit {
                start: m.start(),
                end: m.end(),
                what,
            });
        }
        out
    }

    fn place_label_exact(&self, what: Place, s: &str) -> bool {
        let labels: Box<dyn Iterator<Item = &String>> = match what {
            Place::Country(i) => Box::new(
                std::iter::once(&self.countries[i].name).chain(self.countries[i].labels.iter()),
            ),
            Place::Demonym(i) => Box::new(self.countries[i].demonyms.iter()),
            Place::City(i) => {
                Box::new(std::iter::once(&self.cities[i].name).chain(self.cities[i].labels.iter()))
            }
        };
        labels.into_iter().any(|l| l == s)
    }

    /// Office titles in `text` ("Prime Minister", "Deputy Ministers" ...), case-insensitive.
    pub fn find_titles(&self, text: &str) -> Vec<Hit<OfficeHit>> {
        self.titles
            .find_iter(text)
            .filter(|m| on_word_boundary(text, m.start(), m.end()))
            // "Sultan bin Ahmed Al Jaber": before "bin" a title word is a given name.
            .filter(|m| {
                let after = &text[m.end()..];
                !(after.starts_with(" bin ")
                    || after.starts_with(" bint ")
                    || after.starts_with(" ibn "))
            })
            .map(|m| Hit {
                start: m.start(),
                end: m.end(),
                what: self.title_of[m.pattern().as_usize()],
            })
            .collect()
    }

    /// Honorifics ("H.E.", "Mr.", "Sheikh") in `text`, case-sensitive, leftmost-longest.
    pub fn find_honorifics(&self, text: &str) -> Vec<Hit<()>> {
        self.honorific_ac
            .find_iter(text)
            .filter(|m| {
                let h = &text[m.start()..m.end()];
                let starts_word = !text[..m.start()]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
                // "Mr." ends with a dot, so only its start needs a boundary.
                starts_word && (h.ends_with('.') || on_word_boundary(text, m.start(), m.end()))
            })
            .map(|m| Hit {
                start: m.start(),
                end: m.end(),
                what: (),
            })
            .collect()
    }

    /// A known person by full name or alias, spelled as the dictionary spells it (folded).
    pub fn find_person_exact(&self, name: &str) -> Option<usize> {
        self.person_by_key.get(&fold(name)).copied()
    }

    /// A known person by full name or alias, tolerant of transliteration.
    pub fn find_person(&self, name: &str) -> Option<usize> {
        let key = fold(name);
        if let Some(&i) = self.person_by_key.get(&key) {
            return Some(i);
        }
        // Middle initials: "Ferdinand R. Marcos Jr." is Ferdinand Marcos Jr.
        let no_initials: Vec<&str> = key.split(' ').filter(|w| w.len() > 1).collect();
        if no_initials.len() >= 2 && no_initials.len() < key.split(' ').count() {
            if let Some(&i) = self.person_by_key.get(&no_initials.join(" ")) {
                return Some(i);
            }
        }
        // Surname first, as Japanese, Chinese and Hungarian releases write it: "IWAYA Takeshi".
        if let Some((a, b)) = key.split_once(' ').filter(|(_, b)| !b.contains(' ')) {
            if let Some(&i) = self.person_by_key.get(&format!("{b} {a}")) {
                return Some(i);
            }
        }
        let sk = skeleton(name);
        // Short skeletons collide ("India-Sri" ~ "Inday Sara"): only long ones are evidence.
        if sk.split(' ').count() >= 2 && sk.split(' ').all(|w| w.chars().count() >= 3) {
            if let Some(v) = self.person_by_skeleton.get(&sk) {
                if v.len() == 1 {
                    return Some(v[0]);
                }
            }
        }
        None
    }

    /// Known persons whose name starts with the given name `folded` ("hussein" for
    /// "Al Hussein bin Abdullah II"; a leading "Al"/"El" is skipped).
    pub fn persons_by_given(&self, folded: &str) -> &[usize] {
        self.person_by_given
            .get(folded)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Known persons whose surname matches `word` (folded or by skeleton).
    pub fn persons_by_surname(&self, word: &str) -> Vec<usize> {
        let folded = fold(word);
        let f = folded.rsplit(' ').next().unwrap_or("").to_string();
        let k = skeleton_word(&f);
        let v = self
            .person_by_surname
            .get(&k)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        // A short skeleton (Temur ~ Temer) joins too much: then the folded surname must match exactly.
        if k.chars().count() >= 4 {
            return v.to_vec();
        }
        v.iter()
            .copied()
            .filter(|&i| {
                let p = &self.persons[i];
                std::iter::once(&p.name).chain(p.aliases.iter()).any(|n| {
                    let fw = fold(n);
                    fw.rsplit(' ').next() == Some(f.as_str())
                        || family_name_first(p, &self.family_first)
                            && fw.split(' ').next() == Some(f.as_str())
                })
            })
            .collect()
    }

    /// Does `person` hold `office` for `country` on `date` (any time when `date` is None)?
    pub fn holds(
        &self,
        person: usize,
        pred: impl Fn(&HeldOffice) -> bool,
        date: Option<jiff::civil::Date>,
    ) -> bool {
        self.persons[person]
            .positions
            .iter()
            .any(|p| pred(p) && in_term(p, date))
    }

    /// The holder of an office matching `pred` on `date`; `None` unless exactly one person fits.
    pub fn holder(
        &self,
        pred: impl Fn(&HeldOffice) -> bool,
        date: jiff::civil::Date,
    ) -> Option<usize> {
        let mut found = None;
        for (i, p) in self.persons.iter().enumerate() {
            if p.positions.iter().any(|h| {
                pred(h) && in_term(h, Some(date)) && (h.start.is_some() || h.end.is_some())
            }) {
                if found.is_some() {
                    return None;
                }
                found = Some(i);
            }
        }
        found
    }

    /// The position `person` held on `date` (or the latest one), for a role and a country.
    pub fn position_at(
        &self,
        person: usize,
        date: Option<jiff::civil::Date>,
    ) -> Option<&HeldOffice> {
        let ps = &self.persons[person].positions;
        ps.iter()
            .filter(|p| in_term(p, date))
            .min_by_key(|p| self.office_rank(&p.office))
            .or_else(|| ps.iter().max_by_key(|p| p.start))
    }

    /// Lower is more senior; used to pick a person's main office.
    pub fn office_rank(&self, slug: &str) -> u8 {
        match self.office(slug) {
            Some(o) if o.head_of_state => 0,
            Some(o) if o.head_of_government => 1,
            Some(o) if o.category.ends_with("ForeignMinister") => 2,
            Some(_) => 3,
            None => 4,
        }
    }
}

fn in_term(p: &HeldOffice, date: Option<jiff::civil::Date>) -> bool {
    match date {
        None => true,
        Some(d) => p.start.is_none_or(|s| s <= d) && p.end.is_none_or(|e| d <= e),
    }
}

/// True when `text[start..end]` is not glued to letters or digits on either side.
pub fn on_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

fn read_dir(dir: &Path) -> Result<Vec<SourceFile>, LexiconError> {
    let rd = std::fs::read_dir(dir).map_err(|e| LexiconError::Io {
        file: dir.display().to_string(),
        source: e,
    })?;
    let mut paths: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ttl"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(LexiconError::Empty {
            dir: dir.display().to_string(),
        });
    }
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).map_err(|e| LexiconError::Io {
                file: p.display().to_string(),
                source: e,
            })?;
            Ok(SourceFile {
                name: p.display().to_string(),
                text,
            })
        })
        .collect()
}

/// Triples grouped by subject, blank nodes made unique per file.
#[derive(Default)]
struct Graph {
    by_subject: HashMap<String, Vec<(String, Term)>>,
    order: Vec<String>,
}

fn node_key(file: usize, s: &Subject) -> String {
    match s {
        Subject::NamedNode(n) => n.as_str().to_string(),
        Subject::BlankNode(b) => format!("_:{file}:{}", b.as_str()),
        #[allow(unreachable_patterns)]
        _ => String::new(),
    }
}

impl Graph {
    fn parse(&mut self, file_index: usize, f: &SourceFile) -> Result<(), LexiconError> {
        let parser = RdfParser::from_format(RdfFormat::Turtle).for_slice(f.text.as_bytes());
        for q in parser {
            let q = q.map_err(|e| syntax_error(&f.name, e))?;
            let s = node_key(file_index, &q.subject);
            let o = match q.object {
                Term::BlankNode(b) => Term::NamedNode(oxigraph::model::NamedNode::new_unchecked(
                    format!("_:{file_index}:{}", b.as_str()),
                )),
                o => o,
            };
            let entry = self.by_subject.entry(s.clone()).or_default();
            if entry.is_empty() {
                self.order.push(s);
            }
            entry.push((q.predicate.as_str().to_string(), o));
        }
        Ok(())
    }

    fn values<'a>(&'a self, s: &str, p: &str) -> impl Iterator<Item = &'a Term> + 'a {
        let p = p.to_string();
        self.by_subject
            .get(s)
            .into_iter()
            .flatten()
            .filter(move |(pp, _)| *pp == p)
            .map(|(_, o)| o)
    }

    fn strings(&self, s: &str, p: &str) -> Vec<String> {
        self.values(s, p)
            .filter_map(|t| match t {
                Term::Literal(l) => Some(l.value().to_string()),
                _ => None,
            })
            .collect()
    }

    fn string(&self, s: &str, p: &str) -> Option<String> {
        self.strings(s, p).into_iter().next()
    }

    fn iri(&self, s: &str, p: &str) -> Option<String> {
        self.values(s, p).find_map(|t| match t {
            Term::NamedNode(n) => Some(n.as_str().to_string()),
            _ => None,
        })
    }

    fn has_type(&self, s: &str, class: &str) -> bool {
        self.values(s, &format!("{RDF}type"))
            .any(|t| matches!(t, Term::NamedNode(n) if n.as_str() == class))
    }

    fn boolean(&self, s: &str, p: &str) -> bool {
        self.string(s, p).is_some_and(|v| v == "true" || v == "1")
    }

    fn interpret(&self) -> Lexicon {
        let t_country = vocab::schema("Country");
        let t_city = vocab::schema("City");
        let t_person = vocab::schema("Person");
        let t_office = vocab::dg("Office");
        let name = vocab::schema("name");
        let pref = format!("{SKOS}prefLabel");
        let alt = format!("{SKOS}altLabel");
        let mut countries = Vec::new();
        let mut cities = Vec::new();
        let mut city_by_iri = HashMap::new();
        let mut offices = Vec::new();
        let mut persons = Vec::new();
        let mut modifiers = HashSet::new();
        let mut honorifics = Vec::new();
        let mut org_words = HashSet::new();
        let mut portfolio_words = HashSet::new();
        for s in &self.order {
            if self.has_type(s, &t_city) {
                let Some(n) = self.string(s, &name).or_else(|| self.string(s, &pref)) else {
                    continue;
                };
                let country = self
                    .iri(s, &vocab::schema("containedInPlace"))
                    .and_then(|c| c.rsplit('/').next().map(str::to_string));
                city_by_iri.insert(s.clone(), cities.len());
                cities.push(City {
                    name: n,
                    labels: self.strings(s, &alt),
                    country,
                    iri: s.clone(),
                });
            }
        }
        for s in &self.order {
            if self.has_type(s, &t_country) {
                let Some(iso) = self.string(s, &vocab::dg("isoCode")) else {
                    continue;
                };
                let n = self
                    .string(s, &name)
                    .or_else(|| self.string(s, &pref))
                    .unwrap_or_else(|| iso.clone());
                let mut labels = self.strings(s, &alt);
                labels.extend(self.strings(s, &pref));
                labels.extend(self.strings(s, &vocab::dg("officialName")));
                let capital = self
                    .iri(s, &vocab::dg("capital"))
                    .and_then(|c| city_by_iri.get(&c).copied());
                if let Some(c) = capital {
                    if cities[c].country.is_none() {
                        cities[c].country = Some(iso.clone());
                    }
                }
                countries.push(Country {
                    iso,
                    name: n,
                    labels,
                    demonyms: self.strings(s, &vocab::dg("demonym")),
                    capital,
                    region: self.string(s, &vocab::dg("region")),
                    iri: s.clone(),
                    family_name_first: self.boolean(s, &vocab::dg("familyNameFirst")),
                });
            } else if self.has_type(s, &t_office) {
                let Some(label) = self.string(s, &pref).or_else(|| self.string(s, &name)) else {
                    continue;
                };
                let mut labels = vec![label.clone()];
                labels.extend(self.strings(s, &alt));
                offices.push(Office {
                    slug: s.rsplit('/').next().unwrap_or(s).to_string(),
                    label,
                    labels,
                    category: self.iri(s, &vocab::dg("category")).unwrap_or_default(),
                    head_of_state: self.boolean(s, &vocab::dg("isHeadOfState")),
                    head_of_government: self.boolean(s, &vocab::dg("isHeadOfGovernment")),
                    iri: s.clone(),
                });
            } else if self.has_type(s, &vocab::dg("TitleModifier")) {
                for l in self
                    .strings(s, &pref)
                    .into_iter()
                    .chain(self.strings(s, &alt))
                {
                    modifiers.insert(l.to_lowercase());
                }
            } else if self.has_type(s, &vocab::dg("Honorific")) {
                honorifics.extend(self.strings(s, &pref));
                honorifics.extend(self.strings(s, &alt));
            } else if self.has_type(s, &vocab::dg("OrganisationWord")) {
                for l in self
                    .strings(s, &pref)
                    .into_iter()
                    .chain(self.strings(s, &alt))
                {
                    org_words.insert(l.to_lowercase());
                }
            } else if self.has_type(s, &vocab::dg("PortfolioWord")) {
                for l in self
                    .strings(s, &pref)
                    .into_iter()
                    .chain(self.strings(s, &alt))
                {
                    portfolio_words.insert(l.to_lowercase());
                }
            } else if self.has_type(s, &t_person) {
                let Some(n) = self.string(s, &name) else {
                    continue;
                };
                let wikidata = self
                    .values(s, &format!("{OWL}sameAs"))
                    .find_map(|t| match t {
                        Term::NamedNode(n) if n.as_str().starts_with(vocab::WD) => {
                            Some(n.as_str()[vocab::WD.len()..].to_string())
                        }
                        _ => None,
                    });
                let positions = self
                    .values(s, &vocab::dg("holds"))
                    .filter_map(|t| match t {
                        Term::NamedNode(n) => Some(n.as_str().to_string()),
                        _ => None,
                    })
                    .filter_map(|pos| {
                        let office = self.iri(&pos, &vocab::dg("office"))?;
                        Some(HeldOffice {
                            office: office.rsplit('/').next().unwrap_or(&office).to_string(),
                            country: self
                                .iri(&pos, &vocab::dg("country"))
                                .and_then(|c| c.rsplit('/').next().map(str::to_string)),
                            // A year alone bounds the term loosely: from 1 January, to 31 December.
                            start: self
                                .string(&pos, &vocab::schema("startDate"))
                                .and_then(|d| d.parse().ok())
                                .or_else(|| {
                                    self.string(&pos, &vocab::dg("startYear"))
                                        .and_then(|y| y.parse().ok())
                                        .and_then(|y| jiff::civil::Date::new(y, 1, 1).ok())
                                }),
                            end: self
                                .string(&pos, &vocab::schema("endDate"))
                                .and_then(|d| d.parse().ok())
                                .or_else(|| {
                                    self.string(&pos, &vocab::dg("endYear"))
                                        .and_then(|y| y.parse().ok())
                                        .and_then(|y| jiff::civil::Date::new(y, 12, 31).ok())
                                }),
                        })
                    })
                    .collect();
                persons.push(KnownPerson {
                    iri: s.clone(),
                    name: n,
                    aliases: self.strings(s, &alt),
                    wikidata,
                    positions,
                });
            }
        }
        let _ = DG;
        let mut lex = build(
            countries, cities, offices, persons, modifiers, honorifics, org_words,
        );
        lex.portfolio_words = portfolio_words;
        lex
    }
}

fn syntax_error(file: &str, e: impl Into<RdfParseError>) -> LexiconError {
    let e: RdfParseError = e.into();
    match e {
        RdfParseError::Syntax(s) => {
            let (line, column) = s
                .location()
                .map(|r| (r.start.line + 1, r.start.column + 1))
                .unwrap_or((0, 0));
            LexiconError::Syntax {
                file: file.to_string(),
                line,
                column,
                message: s.to_string(),
            }
        }
        RdfParseError::Io(e) => LexiconError::Io {
            file: file.to_string(),
            source: e,
        },
    }
}

fn plural(label: &str) -> Option<String> {
    // "Head of State" -> "Heads of State"; "Minister" -> "Ministers"; "Secretary" -> "Secretaries".
    let (head, rest) = match label.find(" of ") {
        Some(i) => (&label[..i], &label[i..]),
        None => (label, ""),
    };
    let last = head.rsplit(' ').next()?;
    let stem = &head[..head.len() - last.len()];
    let pl = if last.ends_with('y') && !last.ends_with("ey") && !last.ends_with("ay") {
        format!("{}ies", &last[..last.len() - 1])
    } else if last.ends_with('s') || last.ends_with("ch") || last.ends_with("sh") {
        format!("{last}es")
    } else if last.chars().all(|c| c.is_alphabetic()) {
        format!("{last}s")
    } else {
        return None;
    };
    Some(format!("{stem}{pl}{rest}"))
}

fn build(
    countries: Vec<Country>,
    cities: Vec<City>,
    offices: Vec<Office>,
    persons: Vec<KnownPerson>,
    modifiers: HashSet<String>,
    honorifics: Vec<String>,
    org_words: HashSet<String>,
) -> Lexicon {
    // Places: one pattern per distinct label; the first entity to claim a label keeps it.
    let mut seen = HashSet::new();
    let mut pats: Vec<String> = Vec::new();
    let mut place_of = Vec::new();
    let mut add =
        |label: &str, what: Place, pats: &mut Vec<String>, place_of: &mut Vec<(Place, bool)>| {
            let l = label.trim();
            if l.chars().count() < 2 || !seen.insert(l.to_lowercase()) {
                return;
            }
            // All-caps abbreviations (US, UAE, DPRK) must match exactly, or "us" would be the US.
            let upper = l.chars().filter(|c| c.is_uppercase()).count();
            let exact = upper >= 2 && !l.chars().any(char::is_lowercase) || l.chars().count() <= 3;
            pats.push(l.to_string());
            place_of.push((what, exact));
        };
    for (i, c) in countries.iter().enumerate() {
        add(&c.name, Place::Country(i), &mut pats, &mut place_of);
        for l in &c.labels {
            add(l, Place::Country(i), &mut pats, &mut place_of);
        }
    }
    for (i, c) in countries.iter().enumerate() {
        for d in &c.demonyms {
            add(d, Place::Demonym(i), &mut pats, &mut place_of);
        }
    }
    for (i, c) in cities.iter().enumerate() {
        add(&c.name, Place::City(i), &mut pats, &mut place_of);
        for l in &c.labels {
            add(l, Place::City(i), &mut pats, &mut place_of);
        }
    }
    let places = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(&pats)
        .unwrap_or_else(|_| AhoCorasick::new(Vec::<String>::new()).expect("empty automaton"));

    let mut tpats = Vec::new();
    let mut title_of = Vec::new();
    let mut tseen = HashSet::new();
    for (i, o) in offices.iter().enumerate() {
        for l in &o.labels {
            if !l.is_ascii() && l.chars().any(|c| c.is_alphabetic() && !c.is_ascii()) {
                // Non-Latin titles are matched too; the automaton is byte based.
            }
            for (label, pl) in [(l.clone(), false)]
                .into_iter()
                .chain(plural(l).map(|p| (p, true)))
            {
                if tseen.insert(label.to_lowercase()) {
                    tpats.push(label);
                    title_of.push(OfficeHit {
                        office: i,
                        plural: pl,
                    });
                }
            }
        }
    }
    let titles = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(&tpats)
        .unwrap_or_else(|_| AhoCorasick::new(Vec::<String>::new()).expect("empty automaton"));

    let country_by_iso = countries
        .iter()
        .enumerate()
        .map(|(i, c)| (c.iso.clone(), i))
        .collect();
    let office_by_slug = offices
        .iter()
        .enumerate()
        .map(|(i, o)| (o.slug.clone(), i))
        .collect();
    let mut person_by_key = HashMap::new();
    let mut person_by_skeleton: HashMap<String, Vec<usize>> = HashMap::new();
    let mut person_by_surname: HashMap<String, Vec<usize>> = HashMap::new();
    let mut person_by_given: HashMap<String, Vec<usize>> = HashMap::new();
    let family_first: HashSet<String> = countries
        .iter()
        .filter(|c| c.family_name_first)
        .map(|c| c.iso.clone())
        .collect();
    for (i, p) in persons.iter().enumerate() {
        for n in std::iter::once(&p.name).chain(p.aliases.iter()) {
            let f = fold(n);
            if f.is_empty() {
                continue;
            }
            person_by_key.entry(f.clone()).or_insert(i);
            let sk = skeleton(n);
            let v = person_by_skeleton.entry(sk).or_default();
            if !v.contains(&i) {
                v.push(i);
            }
            let words: Vec<&str> = f.split(' ').collect();
            let given: Vec<&str> = words
                .iter()
                .copied()
                .filter(|w| !matches!(*w, "al" | "el"))
                .collect();
            if given.len() >= 2 {
                let v = person_by_given.entry(given[0].to_string()).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            }
            if words.len() >= 2 {
                if let Some(last) = words.last() {
                    if last.len() >= 4 {
                        let v = person_by_surname.entry(skeleton_word(last)).or_default();
                        if !v.contains(&i) {
                            v.push(i);
                        }
                    }
                }
                // Chinese and Korean names put the family name first: "Xi" for Xi Jinping.
                if family_name_first(p, &family_first) && n.is_ascii() {
                    let v = person_by_surname
                        .entry(skeleton_word(words[0]))
                        .or_default();
                    if !v.contains(&i) {
                        v.push(i);
                    }
                }
            }
        }
    }
    let mut honorifics = honorifics;
    honorifics.sort_by_key(|h| std::cmp::Reverse(h.len()));
    honorifics.dedup();
    let honorific_ac = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&honorifics)
        .unwrap_or_else(|_| AhoCorasick::new(Vec::<String>::new()).expect("empty automaton"));
    Lexicon {
        countries,
        cities,
        offices,
        persons,
        modifiers,
        honorifics,
        org_words,
        portfolio_words: HashSet::new(),
        files: Vec::new(),
        places,
        place_of,
        titles,
        title_of,
        honorific_ac,
        country_by_iso,
        office_by_slug,
        person_by_key,
        person_by_skeleton,
        person_by_surname,
        family_first,
        person_by_given,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        Lexicon::load(Some(Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/ontology"
        ))))
        .unwrap()
    }

    #[test]
    fn shipped_dictionaries_load_and_cover_the_un() {
        let l = lex();
        assert!(l.countries.len() >= 193, "{} countries", l.countries.len());
        assert!(l.country("UZ").is_some() && l.country("BY").is_some());
        assert!(l.office("president").is_some());
        assert!(l.persons.len() > 100);
    }

    #[test]
    fn places_respect_case_and_word_boundaries() {
        let l = lex();
        let text = "Talks in Tashkent between Uzbek and Belarusian teams; us and the US.";
        let hits: Vec<&str> = l
            .find_places(text)
            .iter()
            .map(|h| &text[h.start..h.end])
            .collect();
        assert!(hits.contains(&"Tashkent"));
        assert!(hits.contains(&"Uzbek"));
        assert!(hits.contains(&"Belarusian"));
        assert!(hits.contains(&"US"));
        assert!(!hits.contains(&"us"));
    }

    #[test]
    fn titles_include_plurals() {
        let l = lex();
        let text = "Deputy Ministers of Industry met the Prime Minister";
        let hits = l.find_titles(text);
        assert!(hits.iter().any(|h| h.what.plural));
        assert!(hits
            .iter()
            .any(|h| &text[h.start..h.end] == "Prime Minister"));
    }

    #[test]
    fn known_persons_by_variant_spelling() {
        let l = lex();
        let a = l.find_person("Aleksandr Lukashenko").expect("alias");
        assert_eq!(l.persons[a].name, "Alexander Lukashenko");
        assert_eq!(
            l.find_person("Kassym-Jomart Toqaev"),
            l.find_person("Kassym-Jomart Tokayev")
        );
        assert!(!l.persons_by_surname("Mirziyoev").is_empty());
    }

    #[test]
    fn a_broken_file_names_file_line_and_column() {
        let files = vec![SourceFile {
            name: "bad.ttl".into(),
            text: "@prefix x: <http://x/> .\nx:a x:b \"open .\n".into(),
        }];
        let e = Lexicon::from_files(files).unwrap_err().to_string();
        assert!(e.starts_with("bad.ttl:2:"), "{e}");
    }

    #[test]
    fn plural_forms() {
        assert_eq!(plural("Head of State").as_deref(), Some("Heads of State"));
        assert_eq!(
            plural("Deputy Minister").as_deref(),
            Some("Deputy Ministers")
        );
        assert_eq!(plural("Secretary").as_deref(), Some("Secretaries"));
    }
}
