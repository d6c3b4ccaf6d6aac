//! The stylesheet's address as the page head names it. A release build names its files after
//! their content (cargo-leptos `hash-files`; the hashes are in `hash.txt` beside the server
//! binary, the file Leptos' `HydrationScripts` reads for the main wasm and JS, and from which
//! Leptos also preloads the lazy-route chunks of the page it renders).

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
