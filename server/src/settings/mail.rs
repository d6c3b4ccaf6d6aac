//! Email settings: where emails go (`SMTP_URL`), who sends them (`MAIL_FROM`) and the
//! address links in them point to (`PORTAL_PUBLIC_URL`).

use super::{ConfigError, Mode, Vars};
use crate::mail::MailConfig;
use lettre::message::Mailbox;
use secrecy::SecretString;
use url::{Host, Url};

pub(super) struct Mail {
    pub config: Option<MailConfig>,
    pub public_url: Option<Url>,
}

pub(super) fn read(v: &Vars, mode: Mode) -> Result<Mail, ConfigError> {
    let public_url = v
        .var("PORTAL_PUBLIC_URL")
        .map(|u| public_url(&u, mode))
        .transpose()?;
    let Some(smtp) = v.var("SMTP_URL") else {
        if v.var("MAIL_FROM").is_some() {
            return Err(ConfigError(
                "MAIL_FROM is set but SMTP_URL is not: emails would go nowhere".into(),
            ));
        }
        return Ok(Mail {
            config: None,
            public_url,
        });
    };
    let smtp = smtp.trim().to_string();
    check_smtp_url(&smtp, mode)?;
    let from: Mailbox = v
        .var("MAIL_FROM")
        .ok_or_else(|| {
            ConfigError(
                "MAIL_FROM is required with SMTP_URL (e.g. \"SonixNet <no-reply@example.jp>\")"
                    .into(),
            )
        })?
        .trim()
        .parse()
        .map_err(|e| ConfigError(format!("MAIL_FROM is not an email address: {e}")))?;
    if mode == Mode::Live && public_url.is_none() {
        return Err(ConfigError(
            "PORTAL_PUBLIC_URL is required with SMTP_URL: the https address where customers \
             open the links in their emails"
                .into(),
        ));
    }
    let mut config = MailConfig::new(SecretString::from(smtp), from);
    config.timeout = std::time::Duration::from_millis(v.parsed("SMTP_TIMEOUT_MS", 20_000u64)?);
    Ok(Mail {
        config: Some(config),
        public_url,
    })
}

fn public_url(u: &str, mode: Mode) -> Result<Url, ConfigError> {
    let url = Url::parse(u.trim())
        .map_err(|e| ConfigError(format!("PORTAL_PUBLIC_URL={u:?} is not a URL: {e}")))?;
    match (url.scheme(), mode) {
        ("https", _) | ("http", Mode::Demo) => Ok(url),
        _ => Err(ConfigError(format!(
            "PORTAL_PUBLIC_URL={u:?} must be an https:// address (links in emails carry \
             one-time tokens)"
        ))),
    }
}

/// The URL carries the SMTP password, so errors never repeat it.
fn check_smtp_url(smtp: &str, mode: Mode) -> Result<(), ConfigError> {
    const FORMS: &str =
        "smtps://user:password@host:465, or smtp://user:password@host:587?tls=required";
    let url =
        Url::parse(smtp).map_err(|_| ConfigError(format!("SMTP_URL is not a URL; use {FORMS}")))?;
    let in_clear = match url.scheme() {
        "smtps" => false,
        "smtp" => !url
            .query_pairs()
            .any(|(k, v)| k == "tls" && v == "required"),
        _ => return Err(ConfigError(format!("SMTP_URL: use {FORMS}"))),
    };
    let loopback = match url.host() {
        // `smtp` is not a special scheme to the URL parser, so an IPv4 host is a "domain".
        Some(Host::Domain(d)) => {
            d == "localhost"
                || d.parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    if mode == Mode::Live && in_clear && !loopback {
        return Err(ConfigError(format!(
            "SMTP_URL would send the password and the reset links unencrypted; use {FORMS} \
             (plain smtp:// only to a relay on this machine)"
        )));
    }
    lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(smtp)
        .map(|_| ())
        .map_err(|e| ConfigError(format!("SMTP_URL: {e}")))
}
