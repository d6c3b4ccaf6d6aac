//! Japanese and English. Every string a customer or staff member reads comes from the
//! catalogs in `app/locales/{en,ja}/*.ftl` (Project Fluent: plurals and variables in the
//! translation, not in code), looked up by key with [`t`] / [`t!`](crate::t).
//!
//! Which language: the `lang` cookie (set by the header's switch, and at login from the
//! customer's saved choice), else the browser's `Accept-Language`, else English. The server
//! decides per request ([`from_request`]) and writes it into `<html lang>`; the browser reads
//! it back from there at start, so hydration renders exactly what the server rendered.
//! Switching reloads the page.
//!
//! [`current`] is the language of what is being rendered or answered: the Leptos context
//! while rendering, the request's language in server code (a task-local the server sets per
//! request), the page's language in the browser; background jobs pass it explicitly
//! ([`tr`], [`with_lang`]).

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

pub use fluent_bundle::FluentArgs;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    Ja,
}

/// The cookie that remembers the choice (a year).
pub const COOKIE: &str = "lang";

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// "ja", "ja-JP", "EN-us" …
    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's own name, for the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ja => "日本語",
        }
    }

    /// The preferred of the two in an `Accept-Language` header (by q-value, then order).
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32)> = None;
        for part in header.split(',') {
            let mut fields = part.split(';');
            let Some(lang) = fields.next().and_then(Lang::parse) else {
                continue;
            };
            let q = fields
                .find_map(|f| f.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if q > 0.0 && best.is_none_or(|(_, b)| q > b) {
                best = Some((lang, q));
            }
        }
        best.map(|(l, _)| l)
    }
}

/// One catalog file in both languages.
struct Catalog {
    name: &'static str,
    en: &'static str,
    ja: &'static str,
}

macro_rules! catalogs {
    ($($name:literal),+ $(,)?) => {
        &[$(Catalog {
            name: $name,
            en: include_str!(concat!("../locales/en/", $name, ".ftl")),
            ja: include_str!(concat!("../locales/ja/", $name, ".ftl")),
        }),+]
    };
}

static CATALOGS: &[Catalog] =
    catalogs!["common", "sim", "portal", "store", "console", "emails", "domain", "server"];

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> Bundle {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around values: the text is shown as is.
    bundle.set_use_isolating(false);
    for c in CATALOGS {
        let source = match lang {
            Lang::En => c.en,
            Lang::Ja => c.ja,
        };
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, errors)| {
            log_problem(&format!(
                "{}/{}.ftl does not parse: {errors:?}",
                lang.code(),
                c.name
            ));
            r
        });
        if let Err(errors) = bundle.add_resource(resource) {
            log_problem(&format!(
                "{}/{}.ftl repeats keys: {errors:?}",
                lang.code(),
                c.name
            ));
        }
    }
    bundle
}

static BUNDLES: LazyLock<[Bundle; 2]> = LazyLock::new(|| [bundle(Lang::En), bundle(Lang::Ja)]);

fn bundle_of(lang: Lang) -> &'static Bundle {
    &BUNDLES[match lang {
        Lang::En => 0,
        Lang::Ja => 1,
    }]
}

fn log_problem(message: &str) {
    #[cfg(feature = "ssr")]
    tracing::error!("{message}");
    #[cfg(not(feature = "ssr"))]
    leptos::logging::warn!("{message}");
}

/// `key` in `lang`, with `args`. A key missing from the catalog shows as the key (and is
/// logged); the catalog test keeps that from shipping.
pub fn tr_args(lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
    let bundle = bundle_of(lang);
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        log_problem(&format!("no {key} in the {} catalog", lang.code()));
        return key.to_string();
    };
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        log_problem(&format!("{key} ({}): {errors:?}", lang.code()));
    }
    text.into_owned()
}

pub fn tr(lang: Lang, key: &str) -> String {
    tr_args(lang, key, None)
}

/// `key` in the current language.
pub fn t(key: &str) -> String {
    tr(current(), key)
}

pub fn t_args(key: &str, args: &FluentArgs) -> String {
    tr_args(current(), key, Some(args))
}

/// A number for a catalog variable (plural selection needs numbers, not text).
pub fn num(n: impl Into<f64>) -> FluentValue<'static> {
    FluentValue::from(n.into())
}

/// `t!("key")`, or `t!("key", name = value, …)` with Fluent variables (`{ $name }`).
#[macro_export]
macro_rules! t {
    ($key:expr) => {
        $crate::i18n::t($key)
    };
    ($key:expr, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::FluentArgs::new();
        $( args.set(stringify!($name), $value); )+
        $crate::i18n::t_args($key, &args)
    }};
}

/// `tr!(lang, "key", name = value, …)`: like [`t!`] in a given language.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $key:expr) => {
        $crate::i18n::tr($lang, $key)
    };
    ($lang:expr, $key:expr, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::FluentArgs::new();
        $( args.set(stringify!($name), $value); )+
        $crate::i18n::tr_args($lang, $key, Some(&args))
    }};
}

/// The `Set-Cookie` value remembering `lang` for a year.
pub fn cookie(lang: Lang, secure: bool) -> String {
    format!(
        "{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{}",
        lang.code(),
        if secure { "; Secure" } else { "" }
    )
}

#[cfg(feature = "ssr")]
tokio::task_local! {
    static REQUEST_LANG: Lang;
}

#[cfg(not(feature = "ssr"))]
thread_local! {
    static PAGE_LANG: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with `lang` as the current language (server: a request or a job's step).
#[cfg(feature = "ssr")]
pub async fn with_lang<F: std::future::Future>(lang: Lang, f: F) -> F::Output {
    REQUEST_LANG.scope(lang, f).await
}

/// Runs `f` with `lang` as the current language, synchronously (rendering an email).
#[cfg(feature = "ssr")]
pub fn with_lang_sync<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    REQUEST_LANG.sync_scope(lang, f)
}

/// The language of what is being rendered or answered now.
pub fn current() -> Lang {
    if let Some(lang) = leptos::prelude::use_context::<Lang>() {
        return lang;
    }
    #[cfg(feature = "ssr")]
    if let Ok(lang) = REQUEST_LANG.try_with(|l| *l) {
        return lang;
    }
    #[cfg(not(feature = "ssr"))]
    if let Some(lang) = PAGE_LANG.with(std::cell::Cell::get) {
        return lang;
    }
    Lang::default()
}

/// The request's language: the `lang` cookie, else `Accept-Language`, else English.
#[cfg(feature = "ssr")]
pub fn from_request(headers: &http::HeaderMap) -> Lang {
    let cookie = headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .and_then(|(_, v)| Lang::parse(v));
    cookie
        .or_else(|| {
            headers
                .get(http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

/// Provides the language for rendering: on the server the request's, in the browser the
/// one the server wrote into `<html lang>`.
pub fn provide_lang() -> Lang {
    #[cfg(feature = "ssr")]
    let lang = leptos::prelude::use_context::<http::request::Parts>()
        .map(|p| from_request(&p.headers))
        .unwrap_or_else(current);
    #[cfg(not(feature = "ssr"))]
    let lang = page_lang();
    leptos::prelude::provide_context(lang);
    lang
}

/// The `lang` cookie as the browser has it now.
#[cfg(feature = "hydrate")]
pub fn cookie_lang() -> Option<Lang> {
    use leptos::wasm_bindgen::JsCast;
    let cookies = web_sys::window()?
        .document()?
        .dyn_into::<web_sys::HtmlDocument>()
        .ok()?
        .cookie()
        .ok()?;
    cookies
        .split(';')
        .filter_map(|c| c.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .and_then(|(_, v)| Lang::parse(v))
}

#[cfg(not(feature = "ssr"))]
fn page_lang() -> Lang {
    #[cfg(feature = "hydrate")]
    let lang = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|l| Lang::parse(&l))
        .unwrap_or_default();
    #[cfg(not(feature = "hydrate"))]
    let lang = Lang::default();
    PAGE_LANG.with(|l| l.set(Some(lang)));
    lang
}

#[cfg(test)]
mod tests;
