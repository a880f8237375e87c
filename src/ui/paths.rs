//! App paths under the public URL. `leptos_router`'s `<A>` leaves absolute
//! paths as they are, so every in-app link goes through [`href`] to keep working
//! when the app is served under a sub-path such as `/klimat/`.

use std::sync::OnceLock;

use leptos::prelude::document;

/// The path the app is served under ("" at the root, "/klimat" under a sub-path),
/// read once from the `<base href>` that Trunk writes from `--public-url`.
pub fn base() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| base_path(&document().base_uri().ok().flatten().unwrap_or_default()))
}

/// An app path ("/om", "/om#kalla-s1") as a link target under the base.
pub fn href(path: &str) -> String {
    format!("{}{}", base(), path)
}

/// An app path with URL query pairs (already in their URL words), each value encoded.
pub fn with_query(path: &str, pairs: &[(&'static str, String)]) -> String {
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", String::from(js_sys::encode_uri_component(v))))
        .collect();
    if query.is_empty() {
        href(path)
    } else {
        format!("{}?{}", href(path), query.join("&"))
    }
}

/// The directory part of an absolute base URL, without its trailing slash.
pub fn base_path(base_uri: &str) -> String {
    let after_scheme = base_uri
        .split_once("://")
        .map_or(base_uri, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let dir = path.rfind('/').map_or("", |i| &path[..i]);
    dir.to_owned()
}
