//! What the account page shows about the customer's login sessions.

use crate::t;
use serde::{Deserialize, Serialize};

/// One live login session. `id` is a public handle (never the token or its hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    pub id: i64,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds of the last request, to the minute.
    pub last_seen_at: i64,
    /// "Chrome on Android", from the browser's user agent at login.
    pub device: String,
    pub ip: Option<String>,
    /// The session this list was requested with.
    pub current: bool,
}

/// A short, recognisable name for a browser's user agent ("Firefox on Windows"). Order
/// matters: Edge and Opera also say Chrome, Chrome also says Safari, Android also says Linux.
pub fn device_label(user_agent: Option<&str>) -> String {
    let Some(ua) = user_agent.filter(|u| !u.trim().is_empty()) else {
        return t!("portal-device-unknown");
    };
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
        ("curl/", "curl"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| *name);
    let os = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| *name);
    match (browser, os) {
        (Some(b), Some(o)) => t!("portal-device-browser-on", browser = b, os = o),
        (Some(b), None) => b.to_string(),
        (None, Some(o)) => t!("portal-device-a-browser-on", os = o),
        (None, None) => t!("portal-device-other"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_browsers_are_named() {
        let cases = [
            (
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                "Chrome on Linux",
            ),
            (
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36",
                "Chrome on Android",
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
                "Safari on iPhone",
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
                "Edge on Windows",
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:132.0) Gecko/20100101 Firefox/132.0",
                "Firefox on macOS",
            ),
            ("curl/8.5.0", "curl"),
            ("reqwest", "Another app or device"),
        ];
        for (ua, want) in cases {
            assert_eq!(device_label(Some(ua)), want, "{ua}");
        }
        assert_eq!(device_label(None), "Unknown device");
        assert_eq!(device_label(Some("  ")), "Unknown device");
    }
}

/// Shortest and longest portal password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// A new portal password: long enough to resist guessing, short enough to hash cheaply.
pub fn check_new_password(password: &str, field: &str) -> Result<(), super::PortalError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(super::PortalError::invalid(
            field,
            t!(
                "portal-password-too-short",
                min = MIN_PASSWORD_CHARS.to_string()
            ),
        ));
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(super::PortalError::invalid(
            field,
            t!(
                "portal-password-too-long",
                max = MAX_PASSWORD_CHARS.to_string()
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod password_tests {
    use super::*;

    #[test]
    fn new_passwords_have_a_length_range() {
        assert!(check_new_password("short", "p").is_err());
        assert!(check_new_password("ten chars!", "p").is_ok());
        assert_eq!(
            check_new_password(&"x".repeat(1025), "newPassword")
                .unwrap_err()
                .field(),
            Some("newPassword")
        );
    }
}

/// What asking for a reset link answers, whether or not the email has a login, in the
/// current language.
pub fn reset_sent() -> String {
    t!("portal-reset-sent")
}
