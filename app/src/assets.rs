//! The built files as the server finds them. A release build names the wasm, JS and CSS after
//! their content (cargo-leptos `hash-files`) and writes the hashes to `hash.txt` beside the
//! server binary — where Leptos' `HydrationScripts` reads the wasm's and JS's names (and the
//! split manifest's, to preload a lazy page's chunks). The stylesheet is named here.

use leptos::prelude::*;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The hash file beside the running binary, when this build hashed its files.
pub fn hash_file(options: &LeptosOptions) -> Option<PathBuf> {
    let path = std::env::current_exe()
        .ok()?
        .parent()?
        .join(&*options.hash_file);
    path.is_file().then_some(path)
}

/// The stylesheet's address: `/pkg/<name>.<hash>.css`, or `/pkg/<name>.css` when unhashed.
/// The hash is read once.
pub fn stylesheet_href(options: &LeptosOptions) -> String {
    static CSS_HASH: OnceLock<Option<String>> = OnceLock::new();
    let hash = CSS_HASH.get_or_init(|| {
        let text = std::fs::read_to_string(hash_file(options)?).ok()?;
        text.lines().find_map(|l| {
            let (kind, hash) = l.split_once(':')?;
            (kind.trim() == "css").then(|| hash.trim().to_string())
        })
    });
    let (pkg, name) = (&options.site_pkg_dir, &options.output_name);
    match hash.as_deref().filter(|_| options.hash_files) {
        Some(h) => format!("/{pkg}/{name}.{h}.css"),
        None => format!("/{pkg}/{name}.css"),
    }
}
