//! The catalogs: both languages have every key the code uses, with the same variables, and
//! the plural and number rules hold.

use super::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// key → the variables its text uses, for one catalog source.
fn entries(source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = FluentResource::try_new(source.to_string()).expect("the catalog parses");
    let mut out = BTreeMap::new();
    for entry in resource.entries() {
        if let fluent_syntax::ast::Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            let text = format!("{:?}", m.value);
            // Variables appear in the AST's debug form as VariableReference { id: Identifier { name: "x" } }.
            let mut rest = text.as_str();
            while let Some(i) = rest.find("VariableReference { id: Identifier { name: \"") {
                rest = &rest[i + 44..];
                if let Some(end) = rest.find('"') {
                    vars.insert(rest[..end].to_string());
                }
            }
            out.insert(m.id.name.to_string(), vars);
        }
    }
    out
}

#[test]
fn both_languages_have_the_same_keys_and_variables() {
    for c in CATALOGS {
        let (en, ja) = (entries(c.en), entries(c.ja));
        let en_keys: BTreeSet<_> = en.keys().collect();
        let ja_keys: BTreeSet<_> = ja.keys().collect();
        assert_eq!(
            en_keys.difference(&ja_keys).collect::<Vec<_>>(),
            Vec::<&&String>::new(),
            "keys of {}.ftl missing in Japanese",
            c.name
        );
        assert_eq!(
            ja_keys.difference(&en_keys).collect::<Vec<_>>(),
            Vec::<&&String>::new(),
            "keys of {}.ftl missing in English",
            c.name
        );
        for (key, vars) in &en {
            assert_eq!(
                Some(vars),
                ja.get(key),
                "{key}: the two languages use different variables"
            );
        }
    }
}

#[test]
fn every_catalog_parses_without_repeated_keys() {
    let mut seen = BTreeSet::new();
    for c in CATALOGS {
        for source in [c.en, c.ja] {
            FluentResource::try_new(source.to_string())
                .unwrap_or_else(|(_, e)| panic!("{}.ftl: {e:?}", c.name));
        }
        for key in entries(c.en).into_keys() {
            assert!(seen.insert(key.clone()), "{key} is in two catalogs");
        }
    }
}

/// The string literal right after `pattern` (and, for `tr`, after the language argument).
fn keys_in(source: &str, out: &mut BTreeSet<String>) {
    for pattern in ["t!(", "t(", "tr!(", "tr(", "t_args("] {
        let mut from = 0;
        while let Some(i) = source[from..].find(pattern) {
            let at = from + i;
            from = at + pattern.len();
            let before = source[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                continue;
            }
            let rest = &source[from..];
            let rest = if pattern.starts_with("tr") {
                match rest.find(',') {
                    Some(comma) if !rest[..comma].contains('"') => &rest[comma + 1..],
                    _ => continue,
                }
            } else {
                rest
            };
            let rest = rest.trim_start();
            if let Some(lit) = rest.strip_prefix('"') {
                if let Some(end) = lit.find('"') {
                    out.insert(lit[..end].to_string());
                }
            }
        }
    }
}

fn walk(dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).expect("source dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n/tests.rs") {
            // Comments (the API's own examples) are not uses.
            let source: String = std::fs::read_to_string(&path)
                .expect("source")
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .map(|l| format!("{l}\n"))
                .collect();
            keys_in(&source, out);
        }
    }
}

#[test]
fn every_key_the_code_uses_is_in_both_languages() {
    let mut used = BTreeSet::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    walk(&root.join("src"), &mut used);
    walk(&root.join("../server/src"), &mut used);
    assert!(used.len() > 20, "the scan finds the keys ({})", used.len());
    for lang in Lang::ALL {
        let missing: Vec<&String> = used
            .iter()
            .filter(|k| bundle_of(lang).get_message(k).is_none())
            .collect();
        assert!(
            missing.is_empty(),
            "missing in {}: {missing:?}",
            lang.code()
        );
    }
}

#[test]
fn plurals_and_numbers_follow_each_language() {
    let days = |lang, n: u32| tr!(lang, "common-days", count = num(n));
    assert_eq!(days(Lang::En, 1), "1 day");
    assert_eq!(days(Lang::En, 3), "3 days");
    assert_eq!(days(Lang::Ja, 1), "1日");
    assert_eq!(days(Lang::Ja, 3), "3日");
    assert_eq!(crate::domain::topup::yen_label(1500), "¥1,500");
}

#[test]
fn the_language_comes_from_the_header_by_preference() {
    assert_eq!(
        Lang::from_accept_language("ja,en-US;q=0.9,en;q=0.8"),
        Some(Lang::Ja)
    );
    assert_eq!(
        Lang::from_accept_language("en-US,en;q=0.9,ja;q=0.8"),
        Some(Lang::En)
    );
    assert_eq!(
        Lang::from_accept_language("fr-FR,ja;q=0.5,en;q=0.7"),
        Some(Lang::En)
    );
    assert_eq!(Lang::from_accept_language("fr-FR,de"), None);
    assert_eq!(Lang::from_accept_language("ja;q=0"), None);
    assert_eq!(Lang::parse("JA-jp"), Some(Lang::Ja));
}

#[test]
fn dates_follow_the_language_in_jst() {
    use crate::domain::dates::{date_label, jst_datetime_label, short_date_label};
    use crate::domain::trips::dates_label;
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    // 2026-11-30T15:05:00Z is 1 Dec 00:05 in Japan.
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-30T15:05:00Z")
        .unwrap()
        .timestamp();
    assert_eq!(date_label(day), "1 Dec 2026");
    assert_eq!(jst_datetime_label(at), "1 Dec 2026, 00:05");
    let may = |d| chrono::NaiveDate::from_ymd_opt(2027, 5, d).unwrap();
    assert_eq!(dates_label(may(14), may(21)), "14–21 May 2027");
    with_lang_sync(Lang::Ja, || {
        assert_eq!(date_label(day), "2026年12月1日");
        assert_eq!(short_date_label(day), "12月1日");
        assert_eq!(jst_datetime_label(at), "2026年12月1日 00:05");
        assert_eq!(dates_label(may(14), may(21)), "2027年5月14日〜21日");
        assert_eq!(
            crate::domain::PortalError::NotFound.to_string(),
            "ご契約が見つかりませんでした。"
        );
        assert_eq!(tr!(Lang::En, "common-days", count = num(2)), "2 days");
    });
}
