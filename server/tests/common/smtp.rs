//! A small SMTP server for tests: it speaks enough of RFC 5321 for a real client (lettre)
//! to deliver to it, keeps what it received, and can answer with temporary (451) or
//! permanent (550) refusals to exercise the sender's retries.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

#[derive(Clone, Debug)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent (headers and body), dot-unstuffed, CRLF line ends.
    pub data: String,
}

impl Received {
    /// The value of the first header called `name`.
    pub fn header(&self, name: &str) -> Option<String> {
        let prefix = format!("{}:", name.to_lowercase());
        self.data
            .split("\r\n")
            .take_while(|l| !l.is_empty())
            .find(|l| l.to_lowercase().starts_with(&prefix))
            .map(|l| l[prefix.len()..].trim().to_string())
    }

    /// The plain-text body as the reader sees it (quoted-printable decoded); of a
    /// multipart/alternative message, its text/plain part.
    pub fn body(&self) -> String {
        self.part("text/plain").expect("a text/plain body")
    }

    /// The decoded body of the part with this content type (the whole message when it is
    /// not multipart and has that type, or no type).
    pub fn part(&self, content_type: &str) -> Option<String> {
        part_of(&self.data, content_type)
    }
}

/// The decoded body of the (sub)message `data` of type `want`.
fn part_of(data: &str, want: &str) -> Option<String> {
    let (head, raw) = data.split_once("\r\n\r\n").unwrap_or((data, ""));
    let header = |name: &str| {
        let prefix = format!("{}:", name.to_lowercase());
        // Folded headers: continuation lines start with whitespace.
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
        unfolded
            .split("\r\n")
            .find(|l| l.to_lowercase().starts_with(&prefix))
            .map(|l| l[prefix.len()..].trim().to_string())
    };
    let ctype = header("Content-Type").unwrap_or_else(|| "text/plain".into());
    if ctype.to_lowercase().starts_with("multipart/") {
        let boundary = ctype
            .split(';')
            .find_map(|p| p.trim().strip_prefix("boundary="))
            .map(|b| b.trim_matches('"').to_string())?;
        return raw
            .split(&format!("--{boundary}"))
            .filter(|p| !p.trim().is_empty() && !p.starts_with("--"))
            .find_map(|p| part_of(p.trim_start_matches("\r\n"), want));
    }
    if !ctype.to_lowercase().starts_with(want) {
        return None;
    }
    Some(match header("Content-Transfer-Encoding").as_deref() {
        Some("quoted-printable") => String::from_utf8(
            quoted_printable::decode(raw, quoted_printable::ParseMode::Robust)
                .expect("quoted-printable"),
        )
        .expect("utf-8"),
        Some("base64") => {
            use base64::Engine;
            let joined: String = raw.split_whitespace().collect();
            String::from_utf8(
                base64::engine::general_purpose::STANDARD
                    .decode(joined)
                    .expect("base64"),
            )
            .expect("utf-8")
        }
        _ => raw.to_string(),
    })
}

#[derive(Clone, Default)]
pub struct SmtpSink {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    arrived: Arc<Notify>,
    /// This many messages are answered `451` at the end of DATA (not taken).
    refuse_next: Arc<AtomicUsize>,
    /// Messages offered, taken or not.
    pub offered: Arc<AtomicUsize>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let sink = SmtpSink {
            port: listener.local_addr().expect("addr").port(),
            ..SmtpSink::default()
        };
        let s = sink.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let s = s.clone();
                tokio::spawn(async move {
                    let _ = s.converse(stream).await;
                });
            }
        });
        sink
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// The next `n` messages get a temporary failure.
    pub fn refuse_next(&self, n: usize) {
        self.refuse_next.store(n, Ordering::SeqCst);
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().expect("lock").clone()
    }

    /// Waits (at most 20 s) until at least `n` messages have been taken.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            let notified = self.arrived.notified();
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!("expected {n} emails, got {}: {got:?}", got.len());
            }
        }
    }

    async fn converse(&self, stream: TcpStream) -> std::io::Result<()> {
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read);
        write.write_all(b"220 sink.test ESMTP\r\n").await?;
        let (mut from, mut to) = (String::new(), Vec::new());
        let mut line = String::new();
        loop {
            line.clear();
            if lines.read_line(&mut line).await? == 0 {
                return Ok(());
            }
            let cmd = line.trim_end().to_string();
            let upper = cmd.to_uppercase();
            let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                b"250-sink.test\r\n250 8BITMIME\r\n"
            } else if upper.starts_with("MAIL FROM:") {
                from = cmd[10..].trim().to_string();
                to.clear();
                b"250 OK\r\n"
            } else if upper.starts_with("RCPT TO:") {
                let rcpt = cmd[8..].trim().to_string();
                if rcpt.contains("bounce") {
                    b"550 5.1.1 No such mailbox\r\n"
                } else {
                    to.push(rcpt);
                    b"250 OK\r\n"
                }
            } else if upper == "DATA" {
                write
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                let mut data = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" {
                        break;
                    }
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                }
                self.offered.fetch_add(1, Ordering::SeqCst);
                let refuse = self
                    .refuse_next
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                    .is_ok();
                if refuse {
                    b"451 4.3.0 Try again later\r\n"
                } else {
                    self.received.lock().expect("lock").push(Received {
                        from: from.clone(),
                        to: to.clone(),
                        data,
                    });
                    self.arrived.notify_waiters();
                    b"250 OK queued\r\n"
                }
            } else if upper == "QUIT" {
                write.write_all(b"221 Bye\r\n").await?;
                return Ok(());
            } else if upper == "RSET" || upper == "NOOP" {
                b"250 OK\r\n"
            } else {
                b"502 Command not implemented\r\n"
            };
            write.write_all(reply).await?;
        }
    }
}
