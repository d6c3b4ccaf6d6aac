//! How long browsers keep the static files. The release build names the wasm, its JS and the
//! stylesheet after their content (cargo-leptos `hash-files`, hashes in `hash.txt` beside the
//! server binary), so a name never points at other bytes: those are kept a year without
//! asking again. Other static files keep their names across releases (favicon, the chart
//! library): a day. Anything unhashed under `/pkg/` (a development build) is revalidated on
//! every use, so a rebuilt bundle is never mixed with an old one.

use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::Response;

/// The `Cache-Control` for a successful GET of a static file at `path`.
pub fn cache_control(path: &str, hashed: bool) -> &'static str {
    match path.strip_prefix("/pkg/") {
        Some(_) if hashed => "public, max-age=31536000, immutable",
        Some(_) => "no-cache",
        None => "public, max-age=86400",
    }
}

/// Adds the cache lifetime to what the file handler answered (files only: its 404 pages are
/// rendered HTML and stay uncached).
pub fn with_cache_control(
    method: &Method,
    path: &str,
    hashed: bool,
    mut res: Response,
) -> Response {
    let is_file = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| !t.starts_with("text/html"));
    if (method == Method::GET || method == Method::HEAD)
        && res.status() == StatusCode::OK
        && is_file
    {
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control(path, hashed)),
        );
    }
    res
}

#[cfg(test)]
mod tests {
    use super::cache_control;

    #[test]
    fn only_hashed_bundle_files_are_kept_for_good() {
        assert_eq!(
            cache_control("/pkg/sim-portal.AbC123.wasm", true),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control("/pkg/sim-portal.wasm", false), "no-cache");
        assert_eq!(
            cache_control("/js/echarts.js", true),
            "public, max-age=86400"
        );
        assert_eq!(
            cache_control("/favicon.ico", false),
            "public, max-age=86400"
        );
    }
}
