//! The consolidated graph <…/graph/world>: one event per encounter however many articles
//! reported it, near misses kept apart, and the same graph whatever the order articles came
//! in, after a replace and after a remove (issue 14). Articles: `tests/data/world/`.
use diplograph::store::{Access, Store};
use std::path::{Path, PathBuf};
use std::process::Command;

const WORLD: &str = "https://w3id.org/diplograph/graph/world";
const META: &str = "https://w3id.org/diplograph/graph/meta";
const ART: &str = "https://w3id.org/diplograph/id/article/";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn data() -> PathBuf {
    root().join("tests/data/world")
}

fn build(store: &Path, inputs: &[PathBuf]) {
    let out = Command::new(env!("CARGO_BIN_EXE_diplograph"))
        .current_dir(root())
        .args(["build", "--quiet", "--store"])
        .arg(store)
        .args(inputs)
        .output()
        .unwrap();
    crate::succeeded(out, "build");
}

/// The world graph and its lookup keys, as sorted N-Quads.
fn world(store: &Path) -> Vec<String> {
    let s = Store::open(store, Access::Read).unwrap();
    let mut v: Vec<String> = s
        .sorted_quads(Some(WORLD))
        .unwrap()
        .into_iter()
        .chain(
            s.sorted_quads(Some(META))
                .unwrap()
                .into_iter()
                .filter(|q| q.predicate.as_str().ends_with("airKey")),
        )
        .map(|q| q.to_string())
        .collect();
    v.sort();
    v
}

/// Events of the world graph: (date, participants, reporting articles), sorted.
fn events(store: &Path) -> Vec<(String, String, String)> {
    let s = Store::open(store, Access::Read).unwrap();
    let (_, rows) = s
        .select_strings(&format!(
            "PREFIX dg: <https://w3id.org/diplograph/ontology#>
             SELECT ?w (SAMPLE(?d) AS ?date)
               (GROUP_CONCAT(DISTINCT STRAFTER(STR(?p), \"person/\"); separator=\" \") AS ?ps)
               (GROUP_CONCAT(DISTINCT STRAFTER(STR(?a), \"article/\"); separator=\" \") AS ?as)
             WHERE {{ GRAPH <{WORLD}> {{
               ?w dg:report ?r ; dg:participant|dg:host ?p ;
                  <http://www.w3.org/ns/prov#wasDerivedFrom> ?a .
               OPTIONAL {{ ?w dg:date ?d }} }} }}
             GROUP BY ?w"
        ))
        .unwrap();
    let sorted = |s: &Option<String>| {
        let mut v: Vec<&str> = s.as_deref().unwrap_or("").split(' ').collect();
        v.sort();
        v.join(" ")
    };
    let mut v: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| {
            (
                r[1].clone().unwrap_or_default(),
                sorted(&r[2]),
                sorted(&r[3]),
            )
        })
        .collect();
    v.sort();
    v
}

fn files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(data())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

#[test]
fn one_encounter_reported_three_times_is_one_event_and_near_misses_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    build(&store, &[data()]);
    assert_eq!(
        events(&store),
        vec![
            (
                "2024-03-12".into(),
                "samia-suluhu-hassan william-ruto".into(),
                "e-other-pair-txt".into()
            ),
            (
                "2024-03-12".into(),
                "william-ruto yoweri-museveni".into(),
                // the dated report, the same in other words, and the undated one
                "a-talks-dated-txt b-talks-other-words-txt c-talks-undated-txt".into()
            ),
            (
                "2024-06-19".into(),
                "william-ruto yoweri-museveni".into(),
                "d-other-day-txt".into()
            ),
        ]
    );
    // who-met-whom counts events, and says how many articles reported them.
    let s = Store::open(&store, Access::Read).unwrap();
    let q = std::fs::read_to_string(root().join("queries/who-met-whom.rq")).unwrap();
    let (vars, rows) = s.select_strings(&q).unwrap();
    let col = |n: &str| vars.iter().position(|v| v == n).unwrap();
    let pair = rows
        .iter()
        .find(|r| {
            r[col("name1")].as_deref() == Some("William Ruto")
                && r[col("name2")].as_deref() == Some("Yoweri Museveni")
        })
        .unwrap_or_else(|| panic!("{rows:?}"));
    assert_eq!(pair[col("events")].as_deref(), Some("2"));
    assert_eq!(pair[col("articles")].as_deref(), Some("4"));
}

#[test]
fn the_world_graph_does_not_depend_on_the_order_articles_came_in() {
    let dir = tempfile::tempdir().unwrap();
    let all = dir.path().join("all");
    build(&all, &[data()]);
    let reversed = dir.path().join("reversed");
    for f in files().iter().rev() {
        build(&reversed, std::slice::from_ref(f));
    }
    let mixed = dir.path().join("mixed");
    let f = files();
    for i in [2, 4, 0, 3, 1] {
        build(&mixed, std::slice::from_ref(&f[i]));
    }
    let want = world(&all);
    assert!(!want.is_empty());
    assert_eq!(world(&reversed), want);
    assert_eq!(world(&mixed), want);
}

#[test]
fn replacing_or_removing_an_article_updates_the_world_graph_in_its_transaction() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for f in files() {
        std::fs::copy(&f, input.join(f.file_name().unwrap())).unwrap();
    }
    let store = dir.path().join("db");
    build(&store, &[input.clone()]);
    // Replace: b now reports the June talks.
    let b = input.join("b_talks_other_words.txt");
    let text = std::fs::read_to_string(&b)
        .unwrap()
        .replace("March 12, 2024", "June 19, 2024");
    std::fs::write(&b, text).unwrap();
    build(&store, &[input.clone()]);
    let fresh = dir.path().join("fresh");
    build(&fresh, &[input.clone()]);
    assert_eq!(world(&store), world(&fresh));
    assert!(events(&store)
        .iter()
        .any(|e| e.0 == "2024-06-19" && e.2 == "b-talks-other-words-txt d-other-day-txt"));
    // Remove: the dated report of 12 March goes; the undated one still joins nothing dated
    // in March, so it falls back to the earliest dated event of the pair.
    {
        let s = Store::open(&store, Access::Write).unwrap();
        s.remove_article(&format!("{ART}a-talks-dated-txt"))
            .unwrap();
    }
    std::fs::remove_file(input.join("a_talks_dated.txt")).unwrap();
    let fresh2 = dir.path().join("fresh2");
    build(&fresh2, &[input.clone()]);
    assert_eq!(world(&store), world(&fresh2));
}

#[test]
fn the_seed_talks_of_8_february_2024_are_one_event_reported_by_three_articles() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    build(&store, &[root().join("seeds")]);
    let ev = events(&store);
    let talks: Vec<_> = ev
        .iter()
        .filter(|e| e.1 == "alexander-lukashenko shavkat-mirziyoyev")
        .collect();
    assert_eq!(talks.len(), 1, "{ev:?}");
    assert_eq!(talks[0].0, "2024-02-08");
    assert_eq!(talks[0].2.split(' ').count(), 3, "{ev:?}");
}
