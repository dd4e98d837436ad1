//! A Rust port of the grading rules of `score.py` (FACTS.md "Scoring"), so the
//! test suite grades extraction without the shared eval folder.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

const STOP: &[&str] = &[
    "the", "a", "an", "of", "on", "in", "for", "and", "between", "to", "field", "republic", "with",
    "at", "by",
];

pub fn norm(s: &str) -> String {
    let ascii = deunicode::deunicode(s).to_lowercase();
    let cleaned: String = ascii
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c.is_whitespace() || c == '_' {
                c
            } else {
                ' '
            }
        })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn words(s: &str) -> BTreeSet<String> {
    norm(s)
        .split(' ')
        .filter(|w| !w.is_empty() && !STOP.contains(w))
        .map(str::to_string)
        .collect()
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Tally {
    pub fn f1(&self) -> f64 {
        let p = if self.tp + self.fp > 0 {
            self.tp as f64 / (self.tp + self.fp) as f64
        } else if self.fn_ == 0 {
            1.0
        } else {
            0.0
        };
        let r = if self.tp + self.fn_ > 0 {
            self.tp as f64 / (self.tp + self.fn_) as f64
        } else {
            1.0
        };
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

#[derive(Debug, Default)]
pub struct Scores {
    pub persons: Tally,
    pub pairs: Tally,
    pub agreements: Tally,
    pub trade: Tally,
    /// (ok, n) for person country on matched persons.
    pub country: (usize, usize),
}

fn parse(jsonl: &str) -> BTreeMap<String, Value> {
    jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<Value>(l).expect("valid JSON line"))
        .map(|v| (v["doc"].as_str().unwrap_or("").to_string(), v))
        .collect()
}

fn arr(v: &Value, k: &str) -> Vec<Value> {
    v.get(k)
        .and_then(|x| x.as_array())
        .cloned()
        .unwrap_or_default()
}

pub fn score(gold: &str, pred: &str) -> Scores {
    let (gold, pred) = (parse(gold), parse(pred));
    let mut s = Scores::default();
    let empty = Value::Null;
    for (doc, g) in &gold {
        let p = pred.get(doc).unwrap_or(&empty);
        let mut idx: HashMap<String, String> = HashMap::new();
        let gold_persons = arr(g, "persons");
        for gp in &gold_persons {
            let name = gp["name"].as_str().unwrap_or("").to_string();
            idx.insert(norm(&name), name.clone());
            for a in arr(gp, "aliases") {
                idx.insert(norm(a.as_str().unwrap_or("")), name.clone());
            }
        }
        let resolve = |n: &str| {
            idx.get(&norm(n))
                .cloned()
                .unwrap_or_else(|| format!("?{}", norm(n)))
        };
        let mut seen = BTreeSet::new();
        for x in arr(p, "persons") {
            let r = resolve(x["name"].as_str().unwrap_or(""));
            if seen.insert(r.clone()) {
                if let Some(gp) = gold_persons
                    .iter()
                    .find(|gp| gp["name"].as_str() == Some(r.as_str()))
                {
                    s.persons.tp += 1;
                    s.country.1 += 1;
                    if gp["country"] == x["country"] {
                        s.country.0 += 1;
                    }
                } else {
                    s.persons.fp += 1;
                }
            }
        }
        s.persons.fn_ += gold_persons
            .iter()
            .filter(|gp| !seen.contains(gp["name"].as_str().unwrap_or("")))
            .count();
        let pairs = |ms: Vec<Value>, f: &dyn Fn(&str) -> String| -> BTreeSet<(String, String)> {
            let mut out = BTreeSet::new();
            for m in ms {
                let names: BTreeSet<String> = arr(&m, "participants")
                    .iter()
                    .map(|n| f(n.as_str().unwrap_or("")))
                    .collect();
                let v: Vec<&String> = names.iter().collect();
                for i in 0..v.len() {
                    for j in i + 1..v.len() {
                        out.insert((v[i].clone(), v[j].clone()));
                    }
                }
            }
            out
        };
        let gp = pairs(arr(g, "meetings"), &|n| n.to_string());
        let pp = pairs(arr(p, "meetings"), &resolve);
        let tp = gp.intersection(&pp).count();
        s.pairs.tp += tp;
        s.pairs.fp += pp.len() - tp;
        s.pairs.fn_ += gp.len() - tp;
        let mut unmatched = arr(g, "agreements");
        for x in arr(p, "agreements") {
            let wx = words(x["title"].as_str().unwrap_or(""));
            let mut best: Option<(usize, f64)> = None;
            for (i, y) in unmatched.iter().enumerate() {
                if y["kind"] != x["kind"] {
                    continue;
                }
                let wy = words(y["title"].as_str().unwrap_or(""));
                let uni = wx.union(&wy).count();
                let j = if uni > 0 {
                    wx.intersection(&wy).count() as f64 / uni as f64
                } else {
                    0.0
                };
                if j >= 0.5 && best.is_none_or(|(_, b)| j > b) {
                    best = Some((i, j));
                }
            }
            match best {
                Some((i, _)) => {
                    unmatched.remove(i);
                    s.agreements.tp += 1;
                }
                None => s.agreements.fp += 1,
            }
        }
        s.agreements.fn_ += unmatched.len();
        let mut unmatched = arr(g, "trade");
        for x in arr(p, "trade") {
            let xu = x["usd"].as_f64().unwrap_or(-1.0);
            let hit = unmatched.iter().position(|y| {
                let yu = y["usd"].as_f64().unwrap_or(0.0);
                y["kind"] == x["kind"] && (xu - yu).abs() <= 0.02 * yu
            });
            match hit {
                Some(i) => {
                    unmatched.remove(i);
                    s.trade.tp += 1;
                }
                None => s.trade.fp += 1,
            }
        }
        s.trade.fn_ += unmatched.len();
    }
    s
}
