//! One release portal process on its built-in simulators, as `scripts/run.sh` starts it but
//! on a free port and a fresh database.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::process::{Child, Command};

pub struct Portal {
    pub url: String,
    child: Child,
    port: u16,
    binary: PathBuf,
    site: PathBuf,
    db_dir: TempDir,
    /// Extra environment (another database, Redis, another instance's simulators).
    env: Vec<(String, String)>,
}

/// A directory removed when dropped.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        if !self.0.as_os_str().is_empty() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

impl Portal {
    pub async fn start(binary: &Path, site: &Path, http: &reqwest::Client) -> Portal {
        Self::start_with(binary, site, Vec::new(), http).await
    }

    /// [`Portal::start`] with extra environment variables (they win over the defaults).
    pub async fn start_with(
        binary: &Path,
        site: &Path,
        env: Vec<(String, String)>,
        http: &reqwest::Client,
    ) -> Portal {
        let dir = std::env::temp_dir().join(format!(
            "portal-bench-{}-{:x}",
            std::process::id(),
            instance_number()
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        Self::spawn(binary, site, TempDir(dir), free_port(), env, http).await
    }

    /// Stops the process and starts a new one on the same database and port: every cache
    /// is empty, sessions and what the database remembers stay. (The simulators start
    /// afresh: only the seeded demo customers exist again.)
    pub async fn restart(mut self, http: &reqwest::Client) -> Portal {
        let _ = self.child.kill().await;
        let dir = std::mem::replace(&mut self.db_dir, TempDir(PathBuf::new()));
        let env = std::mem::take(&mut self.env);
        Self::spawn(&self.binary, &self.site, dir, self.port, env, http).await
    }

    async fn spawn(
        binary: &Path,
        site: &Path,
        db_dir: TempDir,
        port: u16,
        env: Vec<(String, String)>,
        http: &reqwest::Client,
    ) -> Portal {
        let dir = db_dir.0.clone();
        let child = Command::new(binary)
            .env("PORTAL_MODE", "demo")
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("LEPTOS_SITE_ROOT", site)
            .env(
                "DATABASE_URL",
                format!("sqlite://{}/bench.db?mode=rwc", dir.display()),
            )
            .env("RUST_LOG", "warn")
            .env("LOG_FORMAT", "text")
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stdout(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(r) = http.get(format!("{url}/login")).send().await {
                if r.status().is_success() {
                    break;
                }
            }
            assert!(
                Instant::now() < deadline,
                "the portal did not come up on {url}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Portal {
            url,
            child,
            port,
            binary: binary.to_path_buf(),
            site: site.to_path_buf(),
            db_dir,
            env,
        }
    }

    /// The process's peak resident memory so far (`VmHWM`), in MiB.
    pub fn peak_rss_mib(&self) -> Option<f64> {
        self.status_mib("VmHWM:")
    }

    /// The process's resident memory now (`VmRSS`), in MiB.
    pub fn rss_mib(&self) -> Option<f64> {
        self.status_mib("VmRSS:")
    }

    fn status_mib(&self, field: &str) -> Option<f64> {
        let pid = self.child.id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let kb: f64 = status
            .lines()
            .find(|l| l.starts_with(field))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()?;
        Some(kb / 1024.0)
    }
}

/// Distinguishes the temporary directories of several instances in one run.
fn instance_number() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
