//! Reading REST input: JSON objects with known fields only, bounded strings, 413 for
//! bodies cut off by the size limit.

use super::*;

/// A body cut off by the size limit while streaming (one without a `Content-Length` is
/// only found to be too large as it is read).
pub(super) fn too_large(e: &axum::extract::rejection::JsonRejection) -> Option<PortalError> {
    (e.status() == StatusCode::PAYLOAD_TOO_LARGE).then_some(PortalError::TooLarge)
}

/// Longest string any write accepts in any field; the domain parsers set tighter limits.
pub(super) const MAX_FIELD_CHARS: usize = 256;
/// Longest free text (a support case's description, a comment); the domain sets tighter ones.
pub(super) const MAX_TEXT_CHARS: usize = 10_000;

/// A JSON object body with only the `allowed` fields, none of its strings overlong; anything
/// else is a 400 naming the field. Unknown fields are refused rather than ignored, so a
/// misspelt option (`"voicemail"`) is an error, not a silent no-op.
pub(super) fn object(
    body: Result<Json<Value>, axum::extract::rejection::JsonRejection>,
    allowed: &[&str],
) -> Result<Value, ApiError> {
    object_with_text(body, allowed, &[])
}

/// [`object`], where the `texts` fields may be long (free text, up to [`MAX_TEXT_CHARS`]).
pub(super) fn object_with_text(
    body: Result<Json<Value>, axum::extract::rejection::JsonRejection>,
    allowed: &[&str],
    texts: &[&str],
) -> Result<Value, ApiError> {
    let v = match body {
        Ok(Json(v)) if v.is_object() => v,
        Err(e) if too_large(&e).is_some() => return Err(ApiError(PortalError::TooLarge)),
        _ => {
            return Err(ApiError(PortalError::BadRequest(t!(
                "server-api-json-object"
            ))))
        }
    };
    for (key, value) in v.as_object().into_iter().flatten() {
        if !allowed.contains(&key.as_str()) {
            let name: String = key.chars().take(40).collect();
            return Err(ApiError(PortalError::invalid(
                &name,
                unknown_field(&name, allowed),
            )));
        }
        let max = if texts.contains(&key.as_str()) {
            MAX_TEXT_CHARS
        } else {
            MAX_FIELD_CHARS
        };
        if value.as_str().is_some_and(|s| s.chars().count() > max) {
            return Err(ApiError(PortalError::invalid(
                key,
                t!(
                    "server-api-too-long",
                    field = key.as_str(),
                    max = max.to_string()
                ),
            )));
        }
    }
    Ok(v)
}

/// "Unknown field "x": this request takes a, b." (also for server functions' arguments).
pub(crate) fn unknown_field(name: &str, takes: &[&str]) -> String {
    if takes.is_empty() {
        t!("server-api-unknown-field-none", name = name)
    } else {
        t!(
            "server-api-unknown-field",
            name = name,
            takes = takes.join(", ")
        )
    }
}

/// A string field, or a 400 naming it.
pub(super) fn text_field<'a>(
    body: &'a Value,
    field: &str,
    what: &str,
) -> Result<&'a str, ApiError> {
    body.get(field)
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError(PortalError::invalid(field, what)))
}

/// An optional boolean field, or a 400 naming it.
pub(super) fn bool_field(body: &Value, field: &str) -> Result<Option<bool>, ApiError> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(ApiError(PortalError::invalid(
            field,
            t!("server-api-must-be-bool", field = field),
        ))),
    }
}

pub(super) type JsonBody = Result<Json<Value>, axum::extract::rejection::JsonRejection>;
pub(super) type Accepted = (StatusCode, Json<ActionReceipt>);

pub(super) fn accepted(receipt: ActionReceipt) -> Accepted {
    (StatusCode::ACCEPTED, Json(receipt))
}

/// An optional text field (absent, null or a string), or a 400 naming it.
pub(super) fn opt_text<'a>(body: &'a Value, field: &str) -> Result<&'a str, ApiError> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(""),
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(ApiError(PortalError::invalid(
            field,
            t!("server-api-must-be-string", field = field),
        ))),
    }
}
