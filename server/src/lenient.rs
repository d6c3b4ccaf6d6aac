//! Lenient deserialisers for upstream quirks shared by the Freebit and WHMCS wire types:
//! numbers sent as strings (or strings as numbers), `""` for an empty collection, collections
//! wrapped in an object (`{"product": [...]}`), and the `0000-00-00` "no date" sentinel.

use serde::de::{DeserializeOwned, Deserializer};
use serde::Deserialize;
use serde_json::Value;

/// A scalar as a string, whether the upstream sent `"100"`, `100` or `true`.
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(opt_string(d)?.unwrap_or_default())
}

/// Like [`string`], with `null` or a missing field as `None`.
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        v => text(Some(&v))
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("expected a scalar, got {v}"))),
    }
}

/// An unsigned number sent as a number or a numeric string; `""`/null count as 0.
pub fn u64_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    Ok(opt_u64(d)?.unwrap_or(0))
}

pub fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    match opt_string(d)? {
        None => Ok(None),
        Some(s) if s.trim().is_empty() => Ok(None),
        Some(s) => {
            let t = s.trim();
            // "48256.00" style decimals are truncated only when the fraction is zero.
            let t = t
                .strip_suffix(".00")
                .or_else(|| t.strip_suffix(".0"))
                .unwrap_or(t);
            t.parse::<u64>()
                .map(Some)
                .map_err(|_| serde::de::Error::custom(format!("not an unsigned number: {s:?}")))
        }
    }
}

/// A collection that may arrive as `[..]`, `""`, `null`, or wrapped as `{"item": [..]}` /
/// `{"item": {..}}` (a single element). The wrapper key is whatever the one key is.
pub fn wrapped_vec<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let v = Value::deserialize(d)?;
    let items = match v {
        Value::Null => return Ok(Vec::new()),
        Value::String(s) if s.is_empty() => return Ok(Vec::new()),
        Value::Array(items) => items,
        Value::Object(map) => match map.into_iter().next() {
            None => return Ok(Vec::new()),
            Some((_, Value::Array(items))) => items,
            Some((_, Value::Null)) => return Ok(Vec::new()),
            Some((_, Value::String(s))) if s.is_empty() => return Ok(Vec::new()),
            Some((_, single)) => vec![single],
        },
        other => {
            return Err(serde::de::Error::custom(format!(
                "expected a collection, got {other}"
            )))
        }
    };
    items
        .into_iter()
        .map(|i| serde_json::from_value(i).map_err(serde::de::Error::custom))
        .collect()
}

/// A list that may arrive as `[..]`, as a single object (one element), or as `""`/null.
/// Unlike [`wrapped_vec`], an object is the element itself, not a wrapper.
pub fn one_or_many<'de, D>(d: D) -> Result<Vec<serde_json::Map<String, Value>>, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(match Value::deserialize(d)? {
        Value::Array(items) => items
            .into_iter()
            .filter_map(|i| match i {
                Value::Object(m) => Some(m),
                _ => None,
            })
            .collect(),
        Value::Object(m) => vec![m],
        _ => Vec::new(),
    })
}

/// A scalar as text (`"100"`, `100`, `true`); `None` for null, objects and lists.
pub fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A non-negative decimal sent as a number or a string (`"12.5"`); `None` for absent, empty,
/// negative (`-1` = unlimited/unknown) or unreadable values. `what` names it in the log.
pub fn decimal(v: Option<&Value>, what: &str) -> Option<f64> {
    let raw = text(v)?;
    let t = raw.trim();
    if t.is_empty() {
        return None;
    }
    match t.parse::<f64>() {
        Ok(n) if n.is_finite() && n >= 0.0 => Some(n),
        Ok(_) => None,
        Err(_) => {
            tracing::warn!(field = what, value = t, "unreadable upstream number");
            None
        }
    }
}

/// Like [`decimal`], rounded down to a whole number.
pub fn amount(v: Option<&Value>, what: &str) -> Option<u64> {
    decimal(v, what).map(|n| n.floor() as u64)
}

/// WHMCS dates: `0000-00-00` (with or without a time) and `""` mean "no date".
pub fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(opt_string(d)?.filter(|s| !s.is_empty() && !s.starts_with("0000-00-00")))
}

/// Decodes the HTML entities WHMCS puts into stored text (`&amp;` → `&`), for display.
pub fn decode_html(s: &str) -> String {
    html_escape::decode_html_entities(s).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug)]
    struct Sample {
        #[serde(deserialize_with = "string")]
        code: String,
        #[serde(default, deserialize_with = "u64_lenient")]
        n: u64,
        #[serde(default, deserialize_with = "wrapped_vec")]
        items: Vec<Item>,
        #[serde(default, deserialize_with = "opt_date")]
        date: Option<String>,
    }
    #[derive(Deserialize, Debug, PartialEq)]
    struct Item {
        id: u32,
    }

    fn parse(json: &str) -> Sample {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn numbers_and_strings_are_interchangeable() {
        assert_eq!(parse(r#"{"code":"100","n":"42"}"#).code, "100");
        assert_eq!(parse(r#"{"code":100,"n":42}"#).code, "100");
        assert_eq!(parse(r#"{"code":"x","n":"42"}"#).n, 42);
        assert_eq!(parse(r#"{"code":"x","n":""}"#).n, 0);
        assert_eq!(parse(r#"{"code":"x","n":"15.00"}"#).n, 15);
        assert!(serde_json::from_str::<Sample>(r#"{"code":"x","n":"abc"}"#).is_err());
    }

    #[test]
    fn collections_unwrap_every_shape() {
        assert_eq!(parse(r#"{"code":"","items":""}"#).items, vec![]);
        assert_eq!(parse(r#"{"code":"","items":null}"#).items, vec![]);
        assert_eq!(
            parse(r#"{"code":"","items":{"item":[{"id":1},{"id":2}]}}"#)
                .items
                .len(),
            2
        );
        assert_eq!(
            parse(r#"{"code":"","items":{"item":{"id":7}}}"#).items,
            vec![Item { id: 7 }]
        );
        assert_eq!(
            parse(r#"{"code":"","items":[{"id":3}]}"#).items,
            vec![Item { id: 3 }]
        );
        assert_eq!(
            parse(r#"{"code":"","items":{"customfield":[]}}"#).items,
            vec![]
        );
    }

    #[test]
    fn zero_dates_are_none() {
        assert_eq!(parse(r#"{"code":"","date":"0000-00-00"}"#).date, None);
        assert_eq!(
            parse(r#"{"code":"","date":"0000-00-00 00:00:00"}"#).date,
            None
        );
        assert_eq!(
            parse(r#"{"code":"","date":"2026-02-10"}"#).date.as_deref(),
            Some("2026-02-10")
        );
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(decode_html("SIM 10GB &amp; Calls"), "SIM 10GB & Calls");
        assert_eq!(
            decode_html("&quot;Pro&quot; &#039;plan&#039;"),
            "\"Pro\" 'plan'"
        );
    }
}
