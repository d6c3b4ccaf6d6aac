//! The built files the page head names: the stylesheet, and the lazy-route wasm chunks of the
//! page being rendered. A release build names its files after their content (cargo-leptos
//! `hash-files`; the hashes are in `hash.txt` beside the server binary, the file Leptos'
//! `HydrationScripts` reads for the main wasm and JS) and splits the wasm per lazy route
//! (`--split`; which chunks each route needs is in `__wasm_split_manifest.<hash>.json`).
//!
//! The chunks of the page being rendered are preloaded here so the browser fetches them with
//! the main module instead of after it (Leptos 0.8.23's own preload of lazy chunks looks for
//! the manifest outside the render's context and never finds it).

use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::OnceLock;

/// `kind → hash` from `hash.txt` (`js`, `wasm`, `css`, `manifest`, `split`); empty when the
/// build did not hash its files. Read once.
fn hashes(options: &LeptosOptions) -> &'static HashMap<String, String> {
    static HASHES: OnceLock<HashMap<String, String>> = OnceLock::new();
    HASHES.get_or_init(|| {
        if !options.hash_files {
            return HashMap::new();
        }
        let read = || {
            let exe = std::env::current_exe().ok()?;
            std::fs::read_to_string(exe.parent()?.join(&*options.hash_file)).ok()
        };
        read()
            .map(|text| {
                text.lines()
                    .filter_map(|l| {
                        let (kind, hash) = l.split_once(':')?;
                        Some((kind.trim().to_string(), hash.trim().to_string()))
                    })
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// `/pkg/<base>.<hash>.<ext>`, or `/pkg/<base>.<ext>` when unhashed.
fn pkg_file(options: &LeptosOptions, base: &str, kind: &str, ext: &str) -> String {
    match hashes(options).get(kind) {
        Some(h) => format!("/{}/{base}.{h}.{ext}", options.site_pkg_dir),
        None => format!("/{}/{base}.{ext}", options.site_pkg_dir),
    }
}

/// The stylesheet's address.
pub fn stylesheet_href(options: &LeptosOptions) -> String {
    pkg_file(options, &options.output_name, "css", "css")
}

/// The lazy route a path shows (the `…Route` type's name in snake case, as the split
/// manifest names it), for the routes in `lib.rs`; `None` for eager pages.
pub fn lazy_route_of(path: &str) -> Option<&'static str> {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    Some(match segments.as_slice() {
        ["login"] => "login",
        ["link"] => "link",
        ["forgot-password"] => "forgot_password",
        ["reset-password"] => "reset_password",
        ["subscriptions"] => "subscriptions",
        ["account"] => "account",
        ["billing"] => "billing",
        ["subscriptions", _, "sim"] => "sim",
        _ => return None,
    })
}

/// Route name → the chunk files it needs, from the split manifest; empty without `--split`.
fn manifest(options: &LeptosOptions) -> &'static HashMap<String, Vec<String>> {
    static MANIFEST: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    MANIFEST.get_or_init(|| {
        let name = match hashes(options).get("manifest") {
            Some(h) => format!("__wasm_split_manifest.{h}.json"),
            None => "__wasm_split_manifest.json".into(),
        };
        let path = std::path::Path::new(&*options.site_root)
            .join(&*options.site_pkg_dir)
            .join(name);
        let Ok(text) = std::fs::read_to_string(path) else {
            return HashMap::new();
        };
        let raw: HashMap<String, Vec<String>> = serde_json::from_str(&text).unwrap_or_default();
        // `__sim_route_view_<n>` → `sim`
        raw.into_iter()
            .filter_map(|(key, chunks)| {
                let route = key.trim_start_matches('_').split("_route_view").next()?;
                Some((route.to_string(), chunks))
            })
            .collect()
    })
}

/// Preloads for the chunks of the page at the request's path (server only).
#[component]
pub fn LazyChunkPreloads(options: LeptosOptions) -> impl IntoView {
    let path = use_context::<http::request::Parts>()
        .map(|p| p.uri.path().to_string())
        .unwrap_or_default();
    let chunks = lazy_route_of(&path)
        .and_then(|route| manifest(&options).get(route))
        .cloned()
        .unwrap_or_default();
    let loader = (!chunks.is_empty())
        .then(|| pkg_file(&options, "__wasm_split", "split", "js"))
        .map(|href| view! { <link rel="modulepreload" href=href crossorigin="anonymous" /> });
    let pkg = options.site_pkg_dir.clone();
    let links = chunks
        .into_iter()
        .map(|c| {
            view! {
                <link rel="preload" href=format!("/{pkg}/{c}.wasm") r#as="fetch"
                    type="application/wasm" crossorigin="anonymous" />
            }
        })
        .collect_view();
    view! { {loader} {links} }
}

#[cfg(test)]
mod tests {
    use super::lazy_route_of;

    #[test]
    fn every_lazy_page_path_names_its_route() {
        assert_eq!(lazy_route_of("/subscriptions/2001/sim"), Some("sim"));
        assert_eq!(lazy_route_of("/subscriptions"), Some("subscriptions"));
        assert_eq!(lazy_route_of("/forgot-password"), Some("forgot_password"));
        assert_eq!(lazy_route_of("/"), None);
        assert_eq!(lazy_route_of("/subscriptions/2001"), None);
    }
}
