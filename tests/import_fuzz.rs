//! The import path must never panic, whatever the file holds: 100 000 generated
//! inputs (byte mutations of a real export, type swaps inside its JSON tree, and
//! random JSON) go through `check_file`, and whatever it accepts through the merge.
#![cfg(not(target_arch = "wasm32"))]

use klimatcoachning::domain::exchange::export::export_json;
use klimatcoachning::domain::exchange::import::check_file;
use klimatcoachning::domain::merge::preview::{merge, merge_preview, replace_preview, Decisions};
use klimatcoachning::domain::model::Dataset;
use klimatcoachning::domain::seed::builtin_dataset;
use serde_json::Value;

/// xorshift64*: small, seedable, the same inputs on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A small valid dataset, so that 100 000 runs stay fast.
fn small() -> Dataset {
    let mut d = builtin_dataset();
    d.organisations.truncate(8);
    let orgs: Vec<String> = d.organisations.iter().map(|o| o.meta.id.clone()).collect();
    d.participations
        .retain(|p| orgs.contains(&p.organisation_id));
    d
}

fn random_value(r: &mut Rng, depth: u32) -> Value {
    match r.below(if depth > 2 { 6 } else { 8 }) {
        0 => Value::Null,
        1 => Value::Bool(r.below(2) == 0),
        2 => Value::from(r.next() as i64),
        3 => Value::from(-1.5e300),
        4 => Value::from(
            [
                "",
                "2007-02-30",
                "<script>alert(1)</script>",
                "org-0560",
                "ÅÄÖ",
                "9999-99-99T99:99:99Z",
            ][r.below(6)],
        ),
        5 => Value::from(format!("{}", r.next())),
        6 => Value::Array(
            (0..r.below(4))
                .map(|_| random_value(r, depth + 1))
                .collect(),
        ),
        _ => Value::Object(
            (0..r.below(4))
                .map(|i| {
                    (
                        [
                            "id",
                            "type",
                            "name",
                            "updated_at",
                            "detail",
                            &format!("k{i}"),
                        ][r.below(6)]
                        .to_owned(),
                        random_value(r, depth + 1),
                    )
                })
                .collect(),
        ),
    }
}

/// Replaces one value somewhere in the tree.
fn swap_somewhere(r: &mut Rng, v: &mut Value, depth: u32) {
    let replace = r.below(4) == 0 || depth > 6;
    match v {
        Value::Array(items) if !items.is_empty() && !replace => {
            let i = r.below(items.len());
            match r.below(10) {
                0 => {
                    items.remove(i);
                }
                1 => {
                    let copy = items[i].clone();
                    items.push(copy);
                }
                _ => swap_somewhere(r, &mut items[i], depth + 1),
            }
        }
        Value::Object(map) if !map.is_empty() && !replace => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let k = &keys[r.below(keys.len())];
            if r.below(8) == 0 {
                map.remove(k);
            } else if let Some(child) = map.get_mut(k) {
                swap_somewhere(r, child, depth + 1);
            }
        }
        _ => *v = random_value(r, depth),
    }
}

/// The inputs come in shards, each from a seed of its own, so that they are checked on
/// every core at once; the shards, and so the inputs, are the same on every machine.
const SHARDS: u64 = 4;
const FILES: usize = 100_000;

#[test]
fn a_hundred_thousand_generated_files_never_panic() {
    let base = small();
    let text = export_json(&base, "2026-11-27T10:00:00Z".parse().expect("time"));
    let tree: Value = serde_json::from_str(&text).expect("export is JSON");
    let (base, text, tree) = (&base, text.as_str(), &tree);
    let counts: Vec<(usize, usize)> = std::thread::scope(|scope| {
        let shards: Vec<_> = (0..SHARDS)
            .map(|shard| scope.spawn(move || fuzz_shard(shard, base, text, tree)))
            .collect();
        shards
            .into_iter()
            .map(|s| s.join().expect("a shard panicked"))
            .collect()
    });
    let accepted: usize = counts.iter().map(|c| c.0).sum();
    let refused: usize = counts.iter().map(|c| c.1).sum();
    eprintln!("import fuzz: {accepted} accepted, {refused} refused, no panic");
    assert_eq!(accepted + refused, FILES);
    assert!(
        accepted > 100 && refused > FILES / 2,
        "accepted {accepted}, refused {refused}"
    );
}

/// Checks the `shard`th share of the generated files; returns how many were (accepted, refused).
fn fuzz_shard(shard: u64, base: &Dataset, text: &str, tree: &Value) -> (usize, usize) {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15 ^ shard.wrapping_mul(0xD1B5_4A32_D192_ED03));
    let (mut accepted, mut refused) = (0, 0);
    for i in 0..FILES / SHARDS as usize {
        let bytes: Vec<u8> = match i % 4 {
            0 => {
                let mut b = text.as_bytes().to_vec();
                for _ in 0..=r.below(8) {
                    let at = r.below(b.len());
                    match r.below(3) {
                        0 => b[at] = r.next() as u8,
                        1 => b.insert(at, b"{}[]\",:0\\\xff"[r.below(10)]),
                        _ => {
                            b.remove(at);
                        }
                    }
                }
                b
            }
            1 => text.as_bytes()[..r.below(text.len())].to_vec(),
            2 => {
                let mut v = tree.clone();
                for _ in 0..=r.below(3) {
                    swap_somewhere(&mut r, &mut v, 0);
                }
                v.to_string().into_bytes()
            }
            _ => random_value(&mut r, 0).to_string().into_bytes(),
        };
        match check_file(&bytes) {
            Ok((incoming, _)) => {
                accepted += 1;
                // What is accepted must also preview and merge without trouble.
                if accepted % 16 == 0 {
                    let _ = merge_preview(base, &incoming);
                    let _ = replace_preview(base, &incoming);
                    let _ = merge(
                        base,
                        &incoming,
                        &Decisions::default(),
                        "bench",
                        "2026-01-01T00:00:00Z".parse().expect("time"),
                    );
                }
            }
            Err(problems) => {
                assert!(!problems.is_empty(), "a refusal always says why");
                refused += 1;
            }
        }
    }
    (accepted, refused)
}
