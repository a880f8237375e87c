//! Every text the user reads comes from `locales/*.json`: both languages must hold
//! the same keys, and every key must be used by the code (no dead text to translate).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

fn keys(value: &serde_json::Value, prefix: &str, out: &mut BTreeSet<String>) {
    if let Some(map) = value.as_object() {
        for (k, v) in map {
            let key = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            if v.is_object() {
                keys(v, &key, out);
            } else {
                out.insert(key);
            }
        }
    }
}

fn locale(name: &str) -> BTreeSet<String> {
    let text = fs::read_to_string(format!("locales/{name}.json")).expect("locale file");
    let json: serde_json::Value = serde_json::from_str(&text).expect("locale is JSON");
    let mut out = BTreeSet::new();
    keys(&json, "", &mut out);
    out
}

/// Keys named in `t!(i18n, key …)`-style macro calls anywhere under `dir`.
fn used_keys(dir: &Path, out: &mut BTreeSet<String>) {
    for entry in fs::read_dir(dir).expect("source dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            used_keys(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let src = fs::read_to_string(&path).expect("source file");
            let mut rest = src.as_str();
            while let Some(i) = rest.find("!(") {
                rest = &rest[i + 2..];
                let Some(after) = rest.trim_start().strip_prefix("i18n") else {
                    continue;
                };
                let Some(after) = after.trim_start().strip_prefix(',') else {
                    continue;
                };
                let key: String = after
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
                    .collect();
                out.insert(key);
            }
            // The list of routes names each header link's key: `…, nav nav.overview;`.
            let mut rest = src.as_str();
            while let Some(i) = rest.find(", nav ") {
                rest = &rest[i + 6..];
                let key: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
                    .collect();
                if !key.is_empty() {
                    out.insert(key);
                }
            }
        }
    }
}

#[test]
fn swedish_and_english_have_the_same_keys() {
    let (sv, en) = (locale("sv"), locale("en"));
    assert_eq!(
        sv.difference(&en).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "only in sv"
    );
    assert_eq!(
        en.difference(&sv).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "only in en"
    );
}

#[test]
fn every_key_is_used_and_every_used_key_exists() {
    let defined = locale("sv");
    let mut used = BTreeSet::new();
    used_keys(Path::new("src"), &mut used);
    assert_eq!(
        defined.difference(&used).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "unused"
    );
    assert_eq!(
        used.difference(&defined).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "undefined"
    );
}
