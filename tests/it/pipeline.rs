//! Library-level end to end: extraction graded against hand-made gold, with
//! floors (never one document's exact output).

use super::score::{score, Scores};
use diplograph::commands::extract_lines;
use diplograph::lexicon::Lexicon;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn lex() -> Lexicon {
    Lexicon::load(Some(&root().join("ontology"))).expect("ontology loads")
}

fn run(dir: &Path, gold: &Path) -> Scores {
    let (lines, errors) = extract_lines(&lex(), &[dir.to_path_buf()]);
    assert!(errors.is_empty(), "{errors:?}");
    score(&std::fs::read_to_string(gold).unwrap(), &lines.join("\n"))
}

#[test]
fn seeds_meet_the_issue_floors() {
    let s = run(
        &root().join("seeds"),
        &root().join("tests/data/gold/seeds.jsonl"),
    );
    eprintln!("{s:?}");
    assert_eq!(s.pairs.f1(), 1.0, "who-met-whom {:?}", s.pairs);
    assert!(s.persons.f1() >= 0.95, "persons {:?}", s.persons);
    assert!(s.agreements.f1() >= 0.9, "agreements {:?}", s.agreements);
    assert!(s.trade.f1() >= 0.9, "trade {:?}", s.trade);
    assert_eq!(s.country.0, s.country.1, "person country accuracy");
}

fn report(name: &str, s: &Scores) {
    eprintln!(
        "{name}: persons {:.3} pairs {:.3} agreements {:.3} trade {:.3}",
        s.persons.f1(),
        s.pairs.f1(),
        s.agreements.f1(),
        s.trade.f1()
    );
}

/// The development set: 236 articles in other regions' press styles by seventeen authors who
/// did not see the code (tests/data/dev/README.md). The rules were tuned on them, so the
/// floors guard against regressions; they rise as the extractor improves.
#[test]
fn development_articles_stay_above_floors() {
    let s = run(
        &root().join("tests/data/dev"),
        &root().join("tests/data/gold/dev.jsonl"),
    );
    report("dev", &s);
    assert!(s.persons.f1() >= 0.95, "persons {:?}", s.persons);
    assert!(s.pairs.f1() >= 0.85, "pairs {:?}", s.pairs);
    assert!(s.agreements.f1() >= 0.88, "agreements {:?}", s.agreements);
    assert!(s.trade.f1() >= 0.87, "trade {:?}", s.trade);
}

/// The held-out set: 140 articles by twelve more authors (over a third of all), never used for
/// tuning (tests/data/heldout/README.md): its score estimates the score on unseen articles.
/// The floors are issue 4's bar: macro-F1 and who-met-whom F1 at least 0.8.
#[test]
fn heldout_articles_stay_above_floors() {
    let s = run(
        &root().join("tests/data/heldout"),
        &root().join("tests/data/gold/heldout.jsonl"),
    );
    report("heldout", &s);
    assert!(s.persons.f1() >= 0.95, "persons {:?}", s.persons);
    assert!(s.pairs.f1() >= 0.80, "pairs {:?}", s.pairs);
    assert!(s.agreements.f1() >= 0.85, "agreements {:?}", s.agreements);
    assert!(s.trade.f1() >= 0.87, "trade {:?}", s.trade);
    let macro_f1 = (s.persons.f1() + s.pairs.f1() + s.agreements.f1() + s.trade.f1()) / 4.0;
    assert!(macro_f1 >= 0.80, "macro-F1 {macro_f1:.3}");
}

#[test]
fn boilerplate_pages_yield_no_facts() {
    let dir = root().join("tests/data/dev");
    for f in ["bp_01_portal_chrome.txt", "bp_02_gulf_site_chrome.txt"] {
        let (lines, _) = extract_lines(&lex(), &[dir.join(f)]);
        let v: serde_json::Value = serde_json::from_str(&lines[0]).unwrap();
        for k in ["persons", "meetings", "agreements", "trade"] {
            assert_eq!(
                v[k].as_array().map(Vec::len),
                Some(0),
                "{f}: {k} = {}",
                v[k]
            );
        }
    }
}

/// The real press (../shared/eval/real: 120 news items from many sites and four regions, with
/// gold by ANNOTATION.md), split once into a development part and a held-out third
/// (tests/real/split.tsv, drawn before any result was read). Third-party text, so it is read
/// from the shared folder and never copied here. Written-to-order articles overstate the
/// score on real pages; these floors keep a change that helps them but hurts real text out.
fn real_part(part: &str) -> Option<Scores> {
    let real = root().join("../shared/eval/real");
    if !real.is_dir() {
        return None;
    }
    let split = std::fs::read_to_string(root().join("tests/real/split.tsv")).unwrap();
    let mut files: Vec<PathBuf> = Vec::new();
    let mut keep: Vec<String> = Vec::new();
    for line in split.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() == 3 && f[2] == part {
            files.push(real.join(f[0]).join("docs").join(f[1]));
            keep.push(format!("\"doc\":\"{}\"", f[1]));
        }
    }
    let mut gold = String::new();
    for folder in ["africa", "asia_americas_europe", "cis", "mideast"] {
        let g = std::fs::read_to_string(real.join(folder).join("gold.jsonl")).unwrap();
        for l in g.lines() {
            let compact = l.replace("\": \"", "\":\"");
            if keep.iter().any(|k| compact.contains(k.as_str())) {
                gold.push_str(l);
                gold.push('\n');
            }
        }
    }
    let (lines, errors) = extract_lines(&lex(), &files);
    assert!(errors.is_empty(), "{errors:?}");
    Some(score(&gold, &lines.join("\n")))
}

/// Scores one part of the real press and asserts its floors (or says why it cannot).
fn real_press_floors(part: &str, persons: f64, pairs: f64) {
    let Some(s) = real_part(part) else {
        eprintln!(
            "../shared/eval/real is not next to the repository: real-press floors not checked"
        );
        return;
    };
    report(&format!("real {part}"), &s);
    assert!(s.persons.f1() >= persons, "persons {:?}", s.persons);
    assert!(s.pairs.f1() >= pairs, "pairs {:?}", s.pairs);
}

#[test]
fn real_press_development_part_stays_above_floors() {
    real_press_floors("dev", 0.88, 0.60);
}

/// The held-out third of the real press: never tuned on; its figure estimates the hidden test.
#[test]
fn real_press_heldout_part_stays_above_floors() {
    real_press_floors("heldout", 0.92, 0.65);
}
