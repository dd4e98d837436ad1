//! Deterministic synthetic diplomacy-news corpus for benchmarks.
//!
//! The generator recombines a handful of seed articles: it keeps the layout of a
//! base article (title, boilerplate, blank lines), swaps a few prose paragraphs
//! with paragraphs from other seeds, and then rewrites every entity the seeds
//! mention (countries, demonyms, capitals, leaders, officials, dates, years,
//! money, percentages) consistently within each document. Only the standard
//! library is used, and the PRNG lives here, so a given seed always yields the
//! same corpus on every platform.

use std::collections::{HashMap, HashSet};
use std::path::Path;

/// One leader the generator may substitute in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub name: String,
    pub country: String,
    pub demonym: String,
    pub capital: String,
    pub title: String,
}

/// How many documents to make and from which PRNG seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub docs: usize,
    pub seed: u64,
}

/// One generated article: `name` is `{index:05}_{base seed stem}.txt`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedDoc {
    pub name: String,
    pub text: String,
}

/// Recombine the seed articles into `spec.docs` documents. Deterministic for a given seed.
///
/// Empty `seeds` or `actors` (or `spec.docs == 0`) give an empty Vec. Documents
/// are made distinct by re-drawing a duplicate a bounded number of times; seeds
/// with nothing to vary (no prose, names or numbers) can still repeat.
pub fn generate(seeds: &[(String, String)], actors: &[Actor], spec: &Spec) -> Vec<GeneratedDoc> {
    if seeds.is_empty() || actors.is_empty() || spec.docs == 0 {
        return Vec::new();
    }
    let infos: Vec<SeedInfo> = seeds
        .iter()
        .map(|(name, text)| SeedInfo::new(name, text))
        .collect();
    let actors: Vec<CleanActor> = actors.iter().map(CleanActor::new).collect();
    let distinct_countries = {
        let set: HashSet<String> = actors.iter().map(|a| a.country.to_lowercase()).collect();
        set.len()
    };

    let mut out = Vec::with_capacity(spec.docs);
    let mut seen: HashSet<u64> = HashSet::with_capacity(spec.docs);
    for i in 0..spec.docs {
        let mut chosen = None;
        for attempt in 0..MAX_ATTEMPTS {
            let mut rng = Rng::for_doc(spec.seed, i as u64, attempt);
            let (base, text) = make_doc(&infos, &actors, distinct_countries, &mut rng);
            let fresh = seen.insert(fnv1a(text.as_bytes()));
            // Keep the last draw even if it repeats: the count of docs is a promise too.
            if fresh || attempt + 1 == MAX_ATTEMPTS {
                chosen = Some((base, text));
                break;
            }
        }
        if let Some((base, text)) = chosen {
            out.push(GeneratedDoc {
                name: format!("{:05}_{}.txt", i, infos[base].stem),
                text,
            });
        }
    }
    out
}

/// Re-draws of one document before a duplicate is accepted.
const MAX_ATTEMPTS: u64 = 32;

// ---------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------

/// SplitMix64: tiny, fast and identical everywhere, which is all a benchmark corpus needs.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// Each document gets its own stream so doc `i` does not depend on docs before it
    /// (except through duplicate re-draws).
    fn for_doc(seed: u64, index: u64, attempt: u64) -> Self {
        let base = Rng::new(seed).next_u64();
        let mut r = Rng::new(
            base ^ index.wrapping_mul(0xA076_1D64_78BD_642F)
                ^ attempt.wrapping_mul(0xE703_7ED1_A0B4_28DB),
        );
        // Burn one output so nearby indices decorrelate fully.
        r.next_u64();
        r
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`; 0 when `n == 0` so callers need no special case.
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi` (returns `lo` if the range is empty).
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// FNV-1a: a stable hash for duplicate detection (std's hasher may change between releases).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    h
}

// ---------------------------------------------------------------------------
// Seed-side knowledge: what the seed articles mention
// ---------------------------------------------------------------------------

/// The forms under which one seed country (and its leader) appears in the seeds.
struct SeedCountry {
    names: &'static [&'static str],
    demonyms: &'static [&'static str],
    plurals: &'static [&'static str],
    capitals: &'static [&'static str],
    leaders: &'static [&'static str],
    surnames: &'static [&'static str],
}

const SEED_COUNTRIES: [SeedCountry; 3] = [
    SeedCountry {
        names: &["Uzbekistan"],
        demonyms: &["Uzbek", "Uzbekistani"],
        plurals: &["Uzbeks", "Uzbekistanis"],
        capitals: &["Tashkent"],
        leaders: &[
            "Shavkat Mirziyoyev",
            "Shavkat Mirziyoev",
            "Shavkat Miromonovich Mirziyoyev",
        ],
        surnames: &["Mirziyoyev", "Mirziyoev"],
    },
    SeedCountry {
        names: &["Belarus", "Byelorussia", "Belorussia"],
        demonyms: &["Belarusian", "Belarussian", "Byelorussian"],
        plurals: &["Belarusians", "Belarussians", "Byelorussians"],
        capitals: &["Minsk"],
        leaders: &[
            "Alexander Lukashenko",
            "Aleksandr Lukashenko",
            "Alexander Grigoryevich Lukashenko",
            "Alexander Lukashenka",
            "Aliaksandr Lukashenka",
            "Alyaksandr Lukashenka",
        ],
        surnames: &["Lukashenko", "Lukashenka"],
    },
    SeedCountry {
        names: &["Kazakhstan"],
        demonyms: &["Kazakh", "Kazakhstani"],
        plurals: &["Kazakhs", "Kazakhstanis"],
        capitals: &["Nur-Sultan", "Astana"],
        leaders: &[
            "Kassym-Jomart Tokayev",
            "Kassym-Zhomart Tokayev",
            "Kassym-Jomart Tokaev",
        ],
        surnames: &["Tokayev", "Tokaev"],
    },
];

/// Mid-level officials named in the seeds: (full name, surname).
const SEED_OFFICIALS: [(&str, &str); 3] = [
    ("Leonid Ryzhkovsky", "Ryzhkovsky"),
    ("Denis Bakey", "Bakey"),
    ("Rakhmatulla Nazarov", "Nazarov"),
];

/// Small first/last name pools per culture; a generated official takes both from one pool
/// so names look plausible. Slavic/Turkic pools are male-only to avoid surname agreement.
const NAME_POOLS: [(&[&str], &[&str]); 6] = [
    (
        &[
            "Ivan", "Sergei", "Dmitry", "Andrei", "Pavel", "Viktor", "Oleg", "Mikhail",
        ],
        &[
            "Petrov",
            "Kovalenko",
            "Sokolov",
            "Novik",
            "Morozov",
            "Lebedev",
            "Kravchenko",
            "Zhukov",
        ],
    ),
    (
        &[
            "Bakhtiyor",
            "Aziz",
            "Nurlan",
            "Timur",
            "Sherzod",
            "Rustam",
            "Daulet",
            "Farhod",
        ],
        &[
            "Karimov",
            "Abdullaev",
            "Sadykov",
            "Yusupov",
            "Tursunov",
            "Iskakov",
            "Rakhimov",
            "Ermekov",
        ],
    ),
    (
        &[
            "Omar", "Layla", "Khalid", "Yousef", "Fatima", "Hassan", "Rania", "Tariq",
        ],
        &[
            "Haddad", "Mansour", "Nasser", "Saleh", "Khoury", "Al-Farsi", "Aziz", "Hamdan",
        ],
    ),
    (
        &[
            "Wei", "Hiroshi", "Min-jun", "Yuki", "Jae-won", "Mei", "Kenji", "Ji-woo",
        ],
        &[
            "Zhang", "Tanaka", "Park", "Nakamura", "Chen", "Kim", "Sato", "Liu",
        ],
    ),
    (
        &[
            "Anna", "Thomas", "Claire", "Marco", "Lucia", "Jan", "Pierre", "Sofia",
        ],
        &[
            "Müller",
            "Dubois",
            "Rossi",
            "Jansen",
            "Schmidt",
            "Moreau",
            "Lindqvist",
            "Novak",
        ],
    ),
    (
        &[
            "Carlos",
            "Ana",
            "Diego",
            "Isabel",
            "Mateo",
            "Valentina",
            "Jorge",
            "Camila",
        ],
        &[
            "García",
            "Fernández",
            "López",
            "Martínez",
            "Silva",
            "Ortega",
            "Ramos",
            "Vargas",
        ],
    ),
];

/// Which seed countries a text mentions (a plain substring test is enough here:
/// every form of a country belongs to the same group).
fn groups_in(text: &str) -> [bool; 3] {
    let mut found = [false; 3];
    for (g, sc) in SEED_COUNTRIES.iter().enumerate() {
        found[g] = sc
            .names
            .iter()
            .chain(sc.demonyms)
            .chain(sc.capitals)
            .chain(sc.leaders)
            .chain(sc.surnames)
            .any(|f| text.contains(f) || text.contains(&f.to_uppercase()));
    }
    found
}

/// Seed groups in order of first mention, so the host (usually first) gets the first actor.
fn groups_by_position(text: &str) -> Vec<usize> {
    let mut firsts: Vec<(usize, usize)> = Vec::new();
    for (g, sc) in SEED_COUNTRIES.iter().enumerate() {
        let pos = sc
            .names
            .iter()
            .chain(sc.demonyms)
            .chain(sc.capitals)
            .chain(sc.leaders)
            .chain(sc.surnames)
            .filter_map(|f| {
                let a = text.find(f);
                let b = text.find(&f.to_uppercase());
                match (a, b) {
                    (Some(x), Some(y)) => Some(x.min(y)),
                    (x, y) => x.or(y),
                }
            })
            .min();
        if let Some(p) = pos {
            firsts.push((p, g));
        }
    }
    firsts.sort();
    firsts.into_iter().map(|(_, g)| g).collect()
}

// ---------------------------------------------------------------------------
// Seed layout: which lines are prose paragraphs
// ---------------------------------------------------------------------------

struct SeedInfo<'a> {
    stem: String,
    lines: Vec<&'a str>,
    /// Indices of prose paragraph lines (never the title line).
    prose: Vec<usize>,
    /// Paragraphs separated by blank lines (vs one paragraph per line).
    blank_style: bool,
    /// CRLF line ends: inserted lines must match.
    cr: bool,
    groups: [bool; 3],
}

impl<'a> SeedInfo<'a> {
    fn new(name: &str, text: &'a str) -> Self {
        let stem = Path::new(name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "seed".to_string());
        // split('\n') round-trips exactly through join("\n"), trailing newline included.
        let lines: Vec<&str> = text.split('\n').collect();
        let title = lines.iter().position(|l| !l.trim().is_empty());
        let prose: Vec<usize> = (0..lines.len())
            .filter(|&i| Some(i) != title && is_prose(lines[i]))
            .collect();
        let followed_by_blank = prose
            .iter()
            .filter(|&&i| lines.get(i + 1).is_some_and(|l| l.trim().is_empty()))
            .count();
        let blank_style = !prose.is_empty() && followed_by_blank * 2 >= prose.len();
        let cr = lines.iter().filter(|l| l.ends_with('\r')).count() * 2 > lines.len();
        SeedInfo {
            stem,
            lines,
            prose,
            blank_style,
            cr,
            groups: groups_in(text),
        }
    }
}

/// A prose paragraph is a long sentence-like line; headings, menus, list items,
/// addresses and hard-wrapped disclaimer lines are boilerplate and stay put.
fn is_prose(line: &str) -> bool {
    let t = line.trim();
    if t.chars().count() < 60 || t.split_whitespace().count() < 8 {
        return false;
    }
    let starts_ok = t
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '“' | '«' | '‘' | '„' | '\''));
    let ends_ok = t
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | '"' | '”' | '»' | '’' | '…'));
    starts_ok && ends_ok
}

// ---------------------------------------------------------------------------
// Actors
// ---------------------------------------------------------------------------

/// Actor fields squeezed to one line each, with fallbacks so empty fields never
/// produce empty substitutions.
struct CleanActor {
    name: String,
    surname: String,
    /// Country without a leading "the".
    country: String,
    /// Names like "United States" read "the United States" in running text.
    article: bool,
    demonym: String,
    capital: String,
    title: String,
}

impl CleanActor {
    fn new(a: &Actor) -> Self {
        let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut name = one_line(&a.name);
        let mut country = one_line(&a.country);
        let mut article = false;
        for the in ["the ", "The "] {
            if let Some(rest) = country.strip_prefix(the) {
                country = rest.to_string();
                article = true;
            }
        }
        const NEEDS_THE: [&str; 13] = [
            "republic",
            "kingdom",
            "federation",
            "states",
            "emirates",
            "union",
            "islands",
            "netherlands",
            "philippines",
            "bahamas",
            "gambia",
            "maldives",
            "vatican",
        ];
        let lc = country.to_lowercase();
        article |= NEEDS_THE
            .iter()
            .any(|w| lc.split_whitespace().any(|t| t == *w));
        if country.is_empty() {
            country = if name.is_empty() {
                "Freedonia".to_string()
            } else {
                name.clone()
            };
        }
        if name.is_empty() {
            name = format!("Leader of {country}");
        }
        let surname = name.split_whitespace().last().unwrap_or(&name).to_string();
        let demonym = Some(one_line(&a.demonym))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| country.clone());
        let capital = Some(one_line(&a.capital))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| country.clone());
        let title = Some(one_line(&a.title))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "President".to_string());
        CleanActor {
            name,
            surname,
            country,
            article,
            demonym,
            capital,
            title,
        }
    }

    /// What replaces "Republic of X" (always after "the" in the seeds): names that
    /// take an article ("United States") stand alone, the rest keep the frame.
    fn republic(&self) -> String {
        if self.article {
            self.country.clone()
        } else {
            format!("Republic of {}", self.country)
        }
    }

    /// The country as it reads mid-phrase ("of the Netherlands").
    fn country_mid(&self) -> String {
        if self.article {
            format!("the {}", self.country)
        } else {
            self.country.clone()
        }
    }

    /// "Uzbeks" -> demonym plural; "-ese/-sh/-ch/-ss" demonyms read better with "people".
    fn plural(&self) -> String {
        let d = &self.demonym;
        if ["ese", "sh", "ch", "ss"].iter().any(|s| d.ends_with(s)) {
            format!("{d} people")
        } else if d.ends_with('s') {
            d.clone()
        } else {
            format!("{d}s")
        }
    }
}

/// Pick one actor per seed group, preferring actors from distinct countries so host
/// and guest never collapse into one country while the pool allows it.
fn assign_actors(groups: &[usize], actors: &[CleanActor], rng: &mut Rng) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..actors.len()).collect();
    rng.shuffle(&mut order);
    let mut chosen: Vec<usize> = Vec::new();
    let mut used: HashSet<String> = HashSet::new();
    for &a in &order {
        if chosen.len() == groups.len() {
            break;
        }
        if used.insert(actors[a].country.to_lowercase()) {
            chosen.push(a);
        }
    }
    // Too few distinct countries: other actors of a used country, then repeats.
    for &a in &order {
        if chosen.len() == groups.len() {
            break;
        }
        if !chosen.contains(&a) {
            chosen.push(a);
        }
    }
    let mut k = 0;
    while chosen.len() < groups.len() && !order.is_empty() {
        chosen.push(order[k % order.len()]);
        k += 1;
    }
    groups.iter().copied().zip(chosen).collect()
}

// ---------------------------------------------------------------------------
// One document
// ---------------------------------------------------------------------------

/// Build one document; returns (base seed index, text).
fn make_doc(
    infos: &[SeedInfo],
    actors: &[CleanActor],
    distinct_countries: usize,
    rng: &mut Rng,
) -> (usize, String) {
    let base_i = rng.below(infos.len());
    let base = &infos[base_i];
    let blank = if base.cr { "\r" } else { "" };

    let mut units: Vec<Vec<String>> = base.lines.iter().map(|l| vec![l.to_string()]).collect();

    // Drop up to two prose paragraphs, always leaving at least one.
    let mut prose = base.prose.clone();
    rng.shuffle(&mut prose);
    let drop_n = rng.below(3).min(prose.len().saturating_sub(1));
    let (dropped, kept) = prose.split_at(drop_n);
    for &k in dropped {
        units[k].clear();
        if base.blank_style {
            // Take one neighbouring blank line with it so spacing stays as in the seed.
            if units
                .get(k + 1)
                .is_some_and(|u| u.len() == 1 && u[0].trim().is_empty())
            {
                units[k + 1].clear();
            } else if k > 0 && units[k - 1].len() == 1 && units[k - 1][0].trim().is_empty() {
                units[k - 1].clear();
            }
        }
    }
    let mut anchors: Vec<usize> = kept.to_vec();
    anchors.sort_unstable();

    // Splice up to three prose paragraphs from other seeds after kept paragraphs.
    let mut doc_groups = base.groups;
    let max_groups = base
        .groups
        .iter()
        .filter(|&&g| g)
        .count()
        .max(distinct_countries);
    let donors: Vec<usize> = (0..infos.len())
        .filter(|&d| d != base_i && !infos[d].prose.is_empty())
        .collect();
    let mut used: HashSet<&str> = base.lines.iter().map(|l| l.trim()).collect();
    let splice_n = if anchors.is_empty() || donors.is_empty() {
        0
    } else {
        rng.below(4)
    };
    for _ in 0..splice_n {
        // A few tries: a paragraph may already be used or bring in too many countries.
        for _ in 0..8 {
            let donor = &infos[donors[rng.below(donors.len())]];
            let line = donor.lines[donor.prose[rng.below(donor.prose.len())]];
            let para = line.trim_end_matches('\r');
            if used.contains(para.trim()) {
                continue;
            }
            let g = groups_in(para);
            let mut merged = doc_groups;
            for (m, x) in merged.iter_mut().zip(g) {
                *m |= x;
            }
            if merged.iter().filter(|&&x| x).count() > max_groups {
                continue;
            }
            doc_groups = merged;
            used.insert(para.trim());
            let at = anchors[rng.below(anchors.len())];
            if base.blank_style {
                units[at].push(blank.to_string());
            }
            units[at].push(format!("{para}{blank}"));
            break;
        }
    }

    let assembled = units.into_iter().flatten().collect::<Vec<_>>().join("\n");

    // Entities: one actor per seed country, fresh names for the officials.
    let groups = groups_by_position(&assembled);
    let mapping = assign_actors(&groups, actors, rng);
    let mut rep = Replacer::default();
    for &(g, a) in &mapping {
        add_country_patterns(&mut rep, &SEED_COUNTRIES[g], &actors[a]);
    }
    for ((full, sur), (new_full, new_sur)) in SEED_OFFICIALS.iter().zip(official_names(actors, rng))
    {
        rep.add(full, &new_full);
        rep.add(sur, &new_sur);
    }
    let substituted = rep.apply(&assembled);

    // Numbers last so entity text cannot be mistaken for them.
    (base_i, rewrite_numbers(&substituted, rng))
}

/// Substitution patterns for one seed country mapped onto one actor. Title phrases are
/// listed so that "Uzbek President" becomes e.g. "Dutch Prime Minister", not "Dutch President".
fn add_country_patterns(rep: &mut Replacer, sc: &SeedCountry, a: &CleanActor) {
    let t = &a.title;
    let tl = a.title.to_lowercase();
    let republic = a.republic();
    for n in sc.names {
        rep.add_country(n, &a.country, a.article);
        rep.add(&format!("Republic of {n}"), &republic);
        rep.add(
            &format!("President of the Republic of {n}"),
            &format!("{t} of the {republic}"),
        );
        rep.add(
            &format!("President of {n}"),
            &format!("{t} of {}", a.country_mid()),
        );
        rep.add_country(
            &format!("{n} President"),
            &format!("{} {t}", a.country),
            a.article,
        );
    }
    for d in sc.demonyms {
        rep.add(d, &a.demonym);
        rep.add(&format!("{d} President"), &format!("{} {t}", a.demonym));
        rep.add(&format!("{d} president"), &format!("{} {tl}", a.demonym));
    }
    for p in sc.plurals {
        rep.add(p, &a.plural());
    }
    for c in sc.capitals {
        rep.add(c, &a.capital);
    }
    for l in sc.leaders {
        rep.add(l, &a.name);
        rep.add(&format!("President {l}"), &format!("{t} {}", a.name));
    }
    for s in sc.surnames {
        rep.add(s, &a.surname);
    }
}

/// Three distinct official names (full, surname) that clash neither with each other
/// nor with any actor, so surname-only mentions stay unambiguous.
fn official_names(actors: &[CleanActor], rng: &mut Rng) -> Vec<(String, String)> {
    let mut taken: HashSet<String> = actors.iter().map(|a| a.surname.clone()).collect();
    let mut out = Vec::new();
    for n in 0..SEED_OFFICIALS.len() {
        let mut pick = None;
        for _ in 0..32 {
            let (firsts, lasts) = NAME_POOLS[rng.below(NAME_POOLS.len())];
            let first = firsts[rng.below(firsts.len())];
            let last = lasts[rng.below(lasts.len())];
            if !taken.contains(last) {
                pick = Some((first, last.to_string()));
                break;
            }
        }
        // Pools are large enough that this only triggers with huge actor lists.
        let (first, last) = pick.unwrap_or(("Official", format!("Number{}", n + 1)));
        taken.insert(last.clone());
        out.push((format!("{first} {last}"), last));
    }
    out
}

// ---------------------------------------------------------------------------
// Entity substitution
// ---------------------------------------------------------------------------

/// Leftmost-longest whole-word replacement in one pass, so a replacement is never
/// rewritten again (e.g. an actor from Belarus standing in for Uzbekistan).
#[derive(Default)]
struct Replacer {
    /// Patterns keyed by first char, longest first.
    by_first: HashMap<char, Vec<Entry>>,
    seen: HashSet<String>,
}

struct Entry {
    pat: String,
    repl: String,
    /// Prefix "the"/"The"/"THE" unless the text already has it.
    article: bool,
    upper: bool,
}

impl Replacer {
    fn add(&mut self, pat: &str, repl: &str) {
        self.add_country(pat, repl, false);
    }

    /// Adds the pattern and its ALL-CAPS form (menus in the seeds shout names).
    fn add_country(&mut self, pat: &str, repl: &str, article: bool) {
        self.add_one(pat, repl, article, false);
        let up = pat.to_uppercase();
        if up != pat {
            self.add_one(&up, &repl.to_uppercase(), article, true);
        }
    }

    fn add_one(&mut self, pat: &str, repl: &str, article: bool, upper: bool) {
        let Some(c) = pat.chars().next() else { return };
        // First mapping wins: a form shared by two groups must not flip mid-document.
        if !self.seen.insert(pat.to_string()) {
            return;
        }
        let v = self.by_first.entry(c).or_default();
        v.push(Entry {
            pat: pat.to_string(),
            repl: repl.to_string(),
            article,
            upper,
        });
        v.sort_by_key(|e| std::cmp::Reverse(e.pat.len()));
    }

    fn apply(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        let mut prev: Option<char> = None;
        let mut i = 0;
        while i < text.len() {
            let rest = &text[i..];
            let Some(c) = rest.chars().next() else { break };
            let mut advanced = false;
            if !prev.is_some_and(is_word) {
                if let Some(cands) = self.by_first.get(&c) {
                    for Entry {
                        pat,
                        repl,
                        article,
                        upper,
                    } in cands
                    {
                        if !rest.starts_with(pat.as_str()) {
                            continue;
                        }
                        let after = &rest[pat.len()..];
                        if after.chars().next().is_some_and(is_word) {
                            continue;
                        }
                        if *article {
                            push_article(&mut out, *upper);
                        }
                        match possessive(pat, after) {
                            Some((apos, extra)) => {
                                out.push_str(repl);
                                out.push(apos);
                                if !repl.ends_with('s') {
                                    out.push('s');
                                }
                                i += pat.len() + extra;
                                prev = Some('s');
                            }
                            None => {
                                out.push_str(repl);
                                i += pat.len();
                                prev = pat.chars().last();
                            }
                        }
                        advanced = true;
                        break;
                    }
                }
            }
            if !advanced {
                out.push(c);
                prev = Some(c);
                i += c.len_utf8();
            }
        }
        out
    }
}

/// Adds "the " before a country that needs it, capitalised at a sentence start,
/// and nothing when the text already says "the".
fn push_article(out: &mut String, upper: bool) {
    let tail: String = out
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if tail.eq_ignore_ascii_case("the ") {
        return;
    }
    let before = out.trim_end_matches([' ', '\t']).chars().last();
    let sentence_start = match before {
        None => true,
        Some(c) => matches!(c, '.' | '!' | '?' | '\n' | '\r' | '“' | '«' | '"'),
    };
    out.push_str(match (upper, sentence_start) {
        (true, _) => "THE ",
        (false, true) => "The ",
        (false, false) => "the ",
    });
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// Detects "X's" / "X’s" / "Belarus’" after a match so the possessive can be re-rendered
/// for the replacement ("Belarus’" -> "Chile’s"). Returns (apostrophe, bytes consumed).
fn possessive(pat: &str, after: &str) -> Option<(char, usize)> {
    let mut it = after.chars();
    let apos = it.next()?;
    if apos != '\'' && apos != '’' {
        return None;
    }
    match it.next() {
        Some('s') if !it.next().is_some_and(is_word) => Some((apos, apos.len_utf8() + 1)),
        Some(c) if is_word(c) => None,
        _ if pat.ends_with('s') => Some((apos, apos.len_utf8())),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Dates, years, money, percentages
// ---------------------------------------------------------------------------

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// Russian month names in the genitive, as used in dates ("8 февраля 2024").
const MONTHS_RU: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const NUMBER_WORDS: [&str; 20] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// Target window for shifted dates and years.
const YEAR_MIN: i64 = 2015;
const YEAR_MAX: i64 = 2026;
/// Year assumed for "8 February" when the document names no year at all (the seeds' year).
const DEFAULT_YEAR: i64 = 2024;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum DateStyle {
    DayMonthYear,
    DayMonth,
    MonthDay,
    MonthDayYear { comma: bool },
    MonthYear,
    RuDayMonthYear,
    RuDayMonth,
}

#[derive(Debug, PartialEq)]
enum NumKind {
    Date {
        y: Option<i64>,
        m: u32,
        d: u32,
        style: DateStyle,
    },
    Year(i64),
    Money(f64),
    Percent {
        decimals: bool,
        suffix: &'static str,
    },
}

#[derive(Debug)]
struct NumTok {
    start: usize,
    end: usize,
    kind: NumKind,
}

/// Rewrite every date, year, dollar amount and percentage in `text`.
fn rewrite_numbers(text: &str, rng: &mut Rng) -> String {
    let toks = scan_numbers(text);

    // Years that must stay inside 2015..=2026 after the shift.
    let years: Vec<i64> = toks
        .iter()
        .filter_map(|t| match t.kind {
            NumKind::Year(y) => Some(y),
            NumKind::Date { y: Some(y), .. } if (YEAR_MIN..=YEAR_MAX).contains(&y) => Some(y),
            _ => None,
        })
        .collect();
    let ref_year = toks
        .iter()
        .find_map(|t| match t.kind {
            NumKind::Date { y: Some(y), .. } => Some(y),
            _ => None,
        })
        .or_else(|| years.first().copied())
        .unwrap_or(DEFAULT_YEAR);
    let lo = YEAR_MIN - years.iter().copied().min().unwrap_or(ref_year);
    let hi = YEAR_MAX - years.iter().copied().max().unwrap_or(ref_year);
    let shift_years = if lo <= hi {
        rng.range(lo, hi)
    } else {
        rng.range(hi, lo)
    };

    // Anchor the day shift on the first date: it lands on a random day of the shifted
    // year (kept away from New Year so nearby dates rarely change year).
    let anchor = toks.iter().find_map(|t| match t.kind {
        NumKind::Date { y, m, d, .. } => Some(days_from_civil(y.unwrap_or(ref_year), m, d)),
        _ => None,
    });
    let offset_days = match anchor {
        Some(a) => {
            let (ay, _, _) = civil_from_days(a);
            let target = days_from_civil(ay + shift_years, 1, 1) + rng.range(14, 350);
            target - a
        }
        None => shift_years * 365,
    };

    let factor = 0.3 + rng.unit() * 2.7;

    let mut out = String::with_capacity(text.len() + 64);
    let mut last = 0;
    for t in &toks {
        out.push_str(&text[last..t.start]);
        let original = &text[t.start..t.end];
        let rendered = match t.kind {
            NumKind::Date { y, m, d, style } => {
                let (ny, nm, nd) =
                    civil_from_days(days_from_civil(y.unwrap_or(ref_year), m, d) + offset_days);
                render_date(ny, nm, nd, style)
            }
            NumKind::Year(y) => (y + shift_years).to_string(),
            NumKind::Money(v) => render_money(v * factor, rng),
            NumKind::Percent { decimals, suffix } => {
                let v = 1.0 + rng.unit() * 39.0;
                if decimals {
                    format!("{v:.1}{suffix}")
                } else {
                    format!("{}{suffix}", v.round() as i64)
                }
            }
        };
        // Keep the original if rendering somehow produced nothing.
        out.push_str(if rendered.is_empty() {
            original
        } else {
            &rendered
        });
        last = t.end;
    }
    out.push_str(&text[last..]);
    out
}

fn render_date(y: i64, m: u32, d: u32, style: DateStyle) -> String {
    let mi = (m.clamp(1, 12) - 1) as usize;
    let en = MONTHS_EN[mi];
    let ru = MONTHS_RU[mi];
    match style {
        DateStyle::DayMonthYear => format!("{d} {en} {y}"),
        DateStyle::DayMonth => format!("{d} {en}"),
        DateStyle::MonthDay => format!("{en} {d}"),
        DateStyle::MonthDayYear { comma: true } => format!("{en} {d}, {y}"),
        DateStyle::MonthDayYear { comma: false } => format!("{en} {d} {y}"),
        DateStyle::MonthYear => format!("{en} {y}"),
        DateStyle::RuDayMonthYear => format!("{d} {ru} {y}"),
        DateStyle::RuDayMonth => format!("{d} {ru}"),
    }
}

/// Render a dollar amount in one of several common news styles.
fn render_money(usd: f64, rng: &mut Rng) -> String {
    let usd = if usd.is_finite() && usd > 0.0 {
        usd
    } else {
        1.0
    };
    if usd < 1e6 {
        let n = group_thousands(usd.round() as u64);
        return match rng.below(3) {
            0 => format!("${n}"),
            1 => format!("USD {n}"),
            _ => format!("$ {n}"),
        };
    }
    let millions = round1(usd / 1e6);
    let (num, long, short) = if millions >= 1000.0 {
        (round1(usd / 1e9), "billion", "bn")
    } else {
        (millions, "million", "mn")
    };
    let num_s = fmt1(num);
    let choice = rng.below(5);
    match choice {
        1 => format!("${num_s}{short}"),
        2 => format!("USD {num_s} {long}"),
        3 => {
            // Thousands of millions read best without a decimal ("$ 1,200 million").
            let m = if usd >= 1e9 {
                (usd / 1e6).round()
            } else {
                round1(usd / 1e6)
            };
            let whole = group_thousands(m.trunc() as u64);
            let tenth = ((m - m.trunc()) * 10.0).round() as u64;
            if tenth == 0 || tenth >= 10 {
                format!("$ {whole} million")
            } else {
                format!("$ {whole}.{tenth} million")
            }
        }
        4 if long == "billion" && num.fract() == 0.0 && (1.0..=20.0).contains(&num) => {
            format!("{} billion dollars", NUMBER_WORDS[num as usize - 1])
        }
        _ => format!("${num_s} {long}"),
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// One decimal at most, and none when it is zero ("1.2", "600").
fn fmt1(x: f64) -> String {
    let r = round1(x);
    if r.fract() == 0.0 {
        format!("{}", r as u64)
    } else {
        format!("{r:.1}")
    }
}

fn group_thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Find all number-like entities, left to right, never overlapping.
fn scan_numbers(text: &str) -> Vec<NumTok> {
    let mut toks = Vec::new();
    let mut prev: Option<char> = None;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let Some(c) = rest.chars().next() else { break };
        let found = if prev.is_some_and(is_word) {
            None
        } else {
            match_money(rest)
                .or_else(|| match_date(rest, prev))
                .or_else(|| match_percent(rest, prev))
                .or_else(|| match_year(rest, prev))
        };
        match found {
            Some((len, kind)) if len > 0 => {
                toks.push(NumTok {
                    start: i,
                    end: i + len,
                    kind,
                });
                prev = rest[..len].chars().last();
                i += len;
            }
            _ => {
                prev = Some(c);
                i += c.len_utf8();
            }
        }
    }
    toks
}

fn digits_len(s: &str) -> usize {
    s.bytes().take_while(|b| b.is_ascii_digit()).count()
}

/// True when `s` does not continue the current word or number.
fn ends_token(s: &str) -> bool {
    !s.chars().next().is_some_and(is_word)
}

/// "1,200.5" -> (1200.5, bytes). Commas must group exactly three digits.
fn parse_amount(s: &str) -> Option<(f64, usize)> {
    let mut j = digits_len(s);
    if j == 0 {
        return None;
    }
    let b = s.as_bytes();
    while j < b.len() && b[j] == b',' && digits_len(&s[j + 1..]) == 3 {
        j += 4;
    }
    if j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit() {
        j += 1 + digits_len(&s[j + 1..]);
    }
    let v: f64 = s[..j].replace(',', "").parse().ok()?;
    Some((v, j))
}

/// Scale word after an amount: (multiplier, bytes).
fn match_unit(s: &str, short_ok: bool) -> Option<(f64, usize)> {
    const UNITS: [(&str, f64, bool); 10] = [
        ("thousand", 1e3, false),
        ("million", 1e6, false),
        ("billion", 1e9, false),
        ("trillion", 1e12, false),
        ("mln", 1e6, true),
        ("bln", 1e9, true),
        ("mn", 1e6, true),
        ("bn", 1e9, true),
        ("tn", 1e12, true),
        ("m", 1e6, true),
    ];
    UNITS
        .iter()
        .filter(|(_, _, short)| short_ok || !short)
        .find(|(w, _, _)| s.starts_with(w) && ends_token(&s[w.len()..]))
        .map(|(w, m, _)| (*m, w.len()))
}

/// "$600 million", "$ 1 billion", "$1 mn", "USD 1.2 billion", "US$2bn",
/// "ten billion dollars", "a billion dollars". Bare "$300,000" is left alone.
fn match_money(rest: &str) -> Option<(usize, NumKind)> {
    for p in ["US$", "USD", "$"] {
        if !rest.starts_with(p) {
            continue;
        }
        let mut j = p.len();
        if rest[j..].starts_with(' ') {
            j += 1;
        } else if p == "USD" {
            return None;
        }
        let (v, n) = parse_amount(&rest[j..])?;
        j += n;
        let k = if rest[j..].starts_with(' ') { j + 1 } else { j };
        let (mult, ul) = match_unit(&rest[k..], true)?;
        let mut end = k + ul;
        // Absorb a redundant " dollars" so it is not doubled by the re-rendering.
        if rest[end..].starts_with(" dollars") && ends_token(&rest[end + 8..]) {
            end += 8;
        }
        return Some((end, NumKind::Money(v * mult)));
    }

    // Spelled-out amounts need the word "dollars" to be sure they are money.
    let (v, n) = parse_amount(rest).or_else(|| number_word(rest))?;
    if !rest[n..].starts_with(' ') {
        return None;
    }
    let j = n + 1;
    let (mult, ul) = match_unit(&rest[j..], false)?;
    let j = j + ul;
    for tail in [" dollars", " US dollars", " U.S. dollars"] {
        if rest[j..].starts_with(tail) && ends_token(&rest[j + tail.len()..]) {
            return Some((j + tail.len(), NumKind::Money(v * mult)));
        }
    }
    None
}

/// "a", "one" .. "twenty" at the start of `s` (any case): (value, bytes).
fn number_word(s: &str) -> Option<(f64, usize)> {
    let len = s
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(s.len());
    if len == 0 {
        return None;
    }
    let w = s[..len].to_ascii_lowercase();
    if w == "a" || w == "an" {
        return Some((1.0, len));
    }
    NUMBER_WORDS
        .iter()
        .position(|x| *x == w)
        .map(|i| ((i + 1) as f64, len))
}

fn month_at(s: &str, names: &[&str; 12]) -> Option<(u32, usize)> {
    names
        .iter()
        .position(|m| s.starts_with(m) && ends_token(&s[m.len()..]))
        .map(|i| (i as u32 + 1, names[i].len()))
}

/// " 2024" right after a date part: (year, bytes incl. the space).
fn year_after(s: &str) -> Option<(i64, usize)> {
    let t = s.strip_prefix(' ')?;
    if digits_len(t) != 4 || !ends_token(&t[4..]) {
        return None;
    }
    let y: i64 = t[..4].parse().ok()?;
    (1900..=2100).contains(&y).then_some((y, 5))
}

fn valid_day(y: i64, m: u32, d: u32) -> bool {
    d >= 1 && d <= days_in_month(y, m)
}

/// "8 February 2024", "on 8 February", "8 февраля 2024", "February 8", "February 8, 2024", "March 2024".
fn match_date(rest: &str, prev: Option<char>) -> Option<(usize, NumKind)> {
    let first = rest.chars().next()?;
    if first.is_ascii_digit() {
        if prev == Some('.') || prev == Some(',') {
            return None;
        }
        let nd = digits_len(rest);
        if nd == 0 || nd > 2 || !rest[nd..].starts_with(' ') {
            return None;
        }
        let d: u32 = rest[..nd].parse().ok()?;
        let j = nd + 1;
        for (names, full, short) in [
            (&MONTHS_EN, DateStyle::DayMonthYear, DateStyle::DayMonth),
            (&MONTHS_RU, DateStyle::RuDayMonthYear, DateStyle::RuDayMonth),
        ] {
            if let Some((m, ml)) = month_at(&rest[j..], names) {
                let k = j + ml;
                if let Some((y, yl)) = year_after(&rest[k..]) {
                    return valid_day(y, m, d).then_some((
                        k + yl,
                        NumKind::Date {
                            y: Some(y),
                            m,
                            d,
                            style: full,
                        },
                    ));
                }
                return valid_day(DEFAULT_YEAR, m, d).then_some((
                    k,
                    NumKind::Date {
                        y: None,
                        m,
                        d,
                        style: short,
                    },
                ));
            }
        }
        return None;
    }
    if !first.is_uppercase() {
        return None;
    }
    let (m, ml) = month_at(rest, &MONTHS_EN)?;
    let after = rest[ml..].strip_prefix(' ')?;
    let nd = digits_len(after);
    if nd == 4 && ends_token(&after[4..]) {
        let y: i64 = after[..4].parse().ok()?;
        // Day 15 keeps a month-only date in its month under small shifts.
        return (1900..=2100).contains(&y).then_some((
            ml + 5,
            NumKind::Date {
                y: Some(y),
                m,
                d: 15,
                style: DateStyle::MonthYear,
            },
        ));
    }
    if nd == 0 || nd > 2 || !ends_token(&after[nd..]) {
        return None;
    }
    // "December 8.5" or "May 12:30" are not dates.
    if after[nd..].starts_with(['.', ':', ','])
        && after[nd + 1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let d: u32 = after[..nd].parse().ok()?;
    let k = ml + 1 + nd;
    for (sep, comma) in [(",", true), ("", false)] {
        if let Some(r) = rest[k..].strip_prefix(sep) {
            if let Some((y, yl)) = year_after(r) {
                return valid_day(y, m, d).then_some((
                    k + sep.len() + yl,
                    NumKind::Date {
                        y: Some(y),
                        m,
                        d,
                        style: DateStyle::MonthDayYear { comma },
                    },
                ));
            }
        }
    }
    valid_day(DEFAULT_YEAR, m, d).then_some((
        k,
        NumKind::Date {
            y: None,
            m,
            d,
            style: DateStyle::MonthDay,
        },
    ))
}

/// "15%", "14.8 percent", "3 per cent".
fn match_percent(rest: &str, prev: Option<char>) -> Option<(usize, NumKind)> {
    if prev == Some('.') || prev == Some(',') {
        return None;
    }
    let mut j = digits_len(rest);
    if j == 0 {
        return None;
    }
    let mut decimals = false;
    let b = rest.as_bytes();
    if j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit() {
        j += 1 + digits_len(&rest[j + 1..]);
        decimals = true;
    }
    for suffix in ["%", " %", " percent", " per cent"] {
        if rest[j..].starts_with(suffix)
            && (suffix.ends_with('%') || ends_token(&rest[j + suffix.len()..]))
        {
            return Some((j + suffix.len(), NumKind::Percent { decimals, suffix }));
        }
    }
    None
}

/// A bare four-digit year in 2015..=2026 ("in 2023", "2024-2025").
fn match_year(rest: &str, prev: Option<char>) -> Option<(usize, NumKind)> {
    if matches!(prev, Some('.') | Some(',') | Some('$')) {
        return None;
    }
    if digits_len(rest) != 4 || !ends_token(&rest[4..]) {
        return None;
    }
    // "2020.5" or "2,020,000" style continuations are numbers, not years.
    if rest[4..].starts_with(['.', ',']) && rest[5..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let y: i64 = rest[..4].parse().ok()?;
    (YEAR_MIN..=YEAR_MAX)
        .contains(&y)
        .then_some((4, NumKind::Year(y)))
}

// Civil-date arithmetic (Howard Hinnant's algorithms), proleptic Gregorian.

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> Vec<(String, String)> {
        vec![
            (
                "000_alpha.txt".to_string(),
                "Lukashenko's visit to Uzbekistan called historic\n\n8 February 2024\n\n\
                 Alexander Lukashenko arrived in Tashkent for talks with Shavkat Mirziyoyev on trade and industry.\n\n\
                 In 2023, Belarus and Uzbekistan celebrated 30 years of diplomatic relations and many agreements.\n\n\
                 Trade turnover reached almost $600 million, up 15% on the year, and should reach $1 billion by 2025.\n\n\
                 The Belarusian leader said Belarusians and Uzbeks are very similar peoples with a shared history."
                    .to_string(),
            ),
            (
                "001_beta.txt".to_string(),
                "On 8 February 2024, talks were held in Tashkent between Mirziyoyev and Lukashenko.\n\
                 Minsk and Tashkent agreed a roadmap for 2024-2025, President Shavkat Mirziyoyev of Uzbekistan said today.\n\
                 The meeting was attended by Leonid Ryzhkovsky and Denis Bakey of the Republic of Belarus delegation.\n\
                 - Agreement on scientific cooperation;\n\
                 Trade between Uzbekistan and Belarus grew 14.8 percent to $620.1 million, the Uzbek side reported.\n\
                 ///nCa, 9 February 2024"
                    .to_string(),
            ),
            (
                "002_gamma.txt".to_string(),
                "Talks between Uzbekistan, Kazakhstan Presidents\n\n\
                 President of the Republic of Uzbekistan Shavkat Mirziyoyev and Kassym-Jomart Tokayev met in Nur-Sultan.\n\n\
                 Mutual trade is expected to reach a record $4 billion and then ten billion dollars in five years.\n\n\
                 Tokayev said Kazakh and Uzbek companies would sign deals worth over two billion dollars soon.\n\nUzA"
                    .to_string(),
            ),
        ]
    }

    fn actor(name: &str, country: &str, demonym: &str, capital: &str, title: &str) -> Actor {
        Actor {
            name: name.to_string(),
            country: country.to_string(),
            demonym: demonym.to_string(),
            capital: capital.to_string(),
            title: title.to_string(),
        }
    }

    fn actors() -> Vec<Actor> {
        vec![
            actor("Ana Ruiz", "Chile", "Chilean", "Santiago", "President"),
            actor(
                "Jan de Vries",
                "Netherlands",
                "Dutch",
                "Amsterdam",
                "Prime Minister",
            ),
            actor(
                "Mika Virtanen",
                "Finland",
                "Finnish",
                "Helsinki",
                "President",
            ),
            actor("Kofi Mensah", "Ghana", "Ghanaian", "Accra", "President"),
        ]
    }

    #[test]
    fn same_seed_same_output() {
        let spec = Spec { docs: 40, seed: 7 };
        assert_eq!(
            generate(&seeds(), &actors(), &spec),
            generate(&seeds(), &actors(), &spec)
        );
    }

    #[test]
    fn different_seeds_differ() {
        let a = generate(&seeds(), &actors(), &Spec { docs: 10, seed: 1 });
        let b = generate(&seeds(), &actors(), &Spec { docs: 10, seed: 2 });
        assert_ne!(a, b);
    }

    #[test]
    fn requested_count_and_names() {
        for n in [0, 1, 5, 123] {
            let docs = generate(&seeds(), &actors(), &Spec { docs: n, seed: 3 });
            assert_eq!(docs.len(), n);
            for (i, d) in docs.iter().enumerate() {
                assert!(d.name.starts_with(&format!("{i:05}_")), "{}", d.name);
                assert!(d.name.ends_with(".txt"));
            }
        }
    }

    #[test]
    fn empty_inputs_give_empty_output() {
        let spec = Spec { docs: 5, seed: 1 };
        assert!(generate(&[], &actors(), &spec).is_empty());
        assert!(generate(&seeds(), &[], &spec).is_empty());
        let blank = vec![("x.txt".to_string(), String::new())];
        assert_eq!(generate(&blank, &actors(), &spec).len(), 5);
    }

    #[test]
    fn degenerate_inputs_do_not_panic() {
        // One actor (host and guest must share it), empty actor fields, CRLF seed.
        let crlf = vec![(
            "crlf.txt".to_string(),
            "Title about Belarus\r\n\r\nAlexander Lukashenko met Shavkat Mirziyoyev in Tashkent on 8 February 2024 today.\r\n\r\n\
             Trade reached $600 million and grew 15% in 2023, officials of both countries said.\r\n"
                .to_string(),
        )];
        let lone = vec![actor("Ana Ruiz", "", "", "", "")];
        let docs = generate(&crlf, &lone, &Spec { docs: 5, seed: 1 });
        assert_eq!(docs.len(), 5);
        for d in &docs {
            assert!(
                !d.text.contains("Lukashenko") && !d.text.contains("Mirziyoyev"),
                "{}",
                d.text
            );
            assert_eq!(
                d.text.matches("\r\n").count(),
                d.text.matches('\n').count(),
                "{:?}",
                d.text
            );
        }
        let many = generate(
            &seeds(),
            &[actor("", "", "", "", "")],
            &Spec { docs: 20, seed: 2 },
        );
        assert_eq!(many.len(), 20);
    }

    #[test]
    fn names_and_texts_distinct() {
        let docs = generate(
            &seeds(),
            &actors(),
            &Spec {
                docs: 200,
                seed: 11,
            },
        );
        let names: HashSet<&str> = docs.iter().map(|d| d.name.as_str()).collect();
        let texts: HashSet<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(names.len(), docs.len());
        assert_eq!(texts.len(), docs.len());
    }

    #[test]
    fn substitution_is_consistent() {
        let originals = [
            "Lukashenko",
            "Mirziyoyev",
            "Tokayev",
            "Shavkat",
            "Alexander",
            "Kassym",
            "Ryzhkovsky",
            "Bakey",
            "Uzbekistan",
            "Belarus",
            "Kazakhstan",
            "Uzbek",
            "Kazakh",
            "Tashkent",
            "Minsk",
            "Nur-Sultan",
        ];
        let acts = actors();
        for d in generate(&seeds(), &acts, &Spec { docs: 100, seed: 5 }) {
            for o in originals {
                assert!(
                    !d.text.contains(o),
                    "{o} survived in {}:\n{}",
                    d.name,
                    d.text
                );
            }
            // Every seed's first line involves two countries: two distinct actors must show up.
            let shown = acts
                .iter()
                .filter(|a| {
                    let surname = a.name.rsplit(' ').next().unwrap_or("");
                    [a.country.as_str(), &a.capital, &a.demonym, surname]
                        .iter()
                        .any(|f| d.text.contains(f))
                })
                .count();
            assert!(shown >= 2, "{}:\n{}", d.name, d.text);
            assert!(!d.text.contains("\n\n\n"), "{}", d.text);
        }
    }

    #[test]
    fn one_actor_per_seed_country() {
        // A single seed cannot splice, so the whole text is predictable up to the actor pair.
        let seeds = vec![(
            "s.txt".to_string(),
            "Alexander Lukashenko of Belarus met Shavkat Mirziyoyev of Uzbekistan in Tashkent. \
             Lukashenko flew home to Minsk, Belarusian media said."
                .to_string(),
        )];
        let acts = actors();
        let mut pairs = HashSet::new();
        for d in generate(&seeds, &acts, &Spec { docs: 30, seed: 4 }) {
            let found = acts
                .iter()
                .flat_map(|a| acts.iter().map(move |b| (a, b)))
                .find(|(a, b)| {
                    let s = |x: &Actor| x.name.rsplit(' ').next().unwrap_or("").to_string();
                    a.country != b.country
                        && d.text
                            == format!(
                                "{} of {} met {} of {} in {}. {} flew home to {}, {} media said.",
                                a.name,
                                CleanActor::new(a).country_mid(),
                                b.name,
                                CleanActor::new(b).country_mid(),
                                b.capital,
                                s(a),
                                a.capital,
                                a.demonym
                            )
                });
            let (a, b) = found.unwrap_or_else(|| panic!("inconsistent: {}", d.text));
            pairs.insert((a.name.clone(), b.name.clone()));
        }
        assert!(pairs.len() > 1, "actor pairs should vary");
    }

    #[test]
    fn possessives_and_titles() {
        let seeds = vec![(
            "s.txt".to_string(),
            "Lukashenko's visit to Uzbekistan\n\nBelarus’ support for Uzbekistan’s reforms was noted by Uzbek President Shavkat Mirziyoyev today."
                .to_string(),
        )];
        let acts = vec![
            actor("Ana Ruiz", "Chile", "Chilean", "Santiago", "President"),
            actor(
                "Jan de Vries",
                "Netherlands",
                "Dutch",
                "Amsterdam",
                "Prime Minister",
            ),
        ];
        for d in generate(&seeds, &acts, &Spec { docs: 10, seed: 9 }) {
            assert!(
                d.text.contains("Ruiz's") || d.text.contains("Vries'"),
                "{}",
                d.text
            );
            assert!(
                d.text.contains("Chile’s") || d.text.contains("Netherlands’"),
                "{}",
                d.text
            );
            assert!(
                d.text.contains("Chilean President Ana Ruiz")
                    || d.text.contains("Dutch Prime Minister Jan de Vries"),
                "{}",
                d.text
            );
        }
    }

    #[test]
    fn numbers_are_rewritten() {
        let text = "On 8 February 2024 (8 февраля 2024) and February 8, with $600 million, ten billion dollars, 15% and 2023.";
        let toks = scan_numbers(text);
        let kinds: Vec<&NumKind> = toks.iter().map(|t| &t.kind).collect();
        assert_eq!(kinds.len(), 7, "{kinds:?}");
        assert_eq!(
            kinds[0],
            &NumKind::Date {
                y: Some(2024),
                m: 2,
                d: 8,
                style: DateStyle::DayMonthYear
            }
        );
        assert_eq!(
            kinds[1],
            &NumKind::Date {
                y: Some(2024),
                m: 2,
                d: 8,
                style: DateStyle::RuDayMonthYear
            }
        );
        assert_eq!(
            kinds[2],
            &NumKind::Date {
                y: None,
                m: 2,
                d: 8,
                style: DateStyle::MonthDay
            }
        );
        assert_eq!(kinds[3], &NumKind::Money(600e6));
        assert_eq!(kinds[4], &NumKind::Money(10e9));
        assert_eq!(kinds[6], &NumKind::Year(2023));
        // Phone numbers, times and postcodes are left alone.
        assert!(
            scan_numbers("223927, Minsk; 8.30-17.30; +375 (1719) 28-2-60; $300,000").is_empty()
        );
        let mut rng = Rng::new(1);
        for _ in 0..50 {
            let out = rewrite_numbers("In 2019 and 2024, on 8 February 2024.", &mut rng);
            let years: Vec<i64> = out
                .split(|c: char| !c.is_ascii_digit())
                .filter(|w| w.len() == 4)
                .filter_map(|w| w.parse().ok())
                .collect();
            assert_eq!(years.len(), 3, "{out}");
            assert_eq!(years[1] - years[0], 5, "{out}");
            assert!(
                years.iter().all(|y| (YEAR_MIN..=YEAR_MAX).contains(y)),
                "{out}"
            );
        }
    }

    #[test]
    fn civil_round_trip() {
        for z in [-1000, 0, 19_761, 20_000, 25_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_from_civil(2024, 2, 8), 19_761);
    }
}
