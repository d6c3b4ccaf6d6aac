//! Starts the portal. Everything else lives in the library (`server::build`).

use server::settings::{Settings, Upstreams};
use tracing_subscriber::EnvFilter;

/// mimalloc instead of glibc malloc: less time in allocation and arena locks under many
/// concurrent page renders, and a smaller peak RSS (measured by `scripts/bench.sh`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    // JSON lines for log collectors in production; readable text for a demo in a terminal.
    // Either way every line of a request carries its span, with the request id.
    let demo = std::env::var("PORTAL_MODE").is_ok_and(|m| m.trim() == "demo");
    let json = match std::env::var("LOG_FORMAT").as_deref().map(str::trim) {
        Ok("json") => true,
        Ok("text") => false,
        _ => !demo,
    };
    if json {
        tracing_subscriber::fmt()
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .with_env_filter(filter)
            .init();
    } else {
        tracing_subscriber::fmt().with_env_filter(filter).init();
    }
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("portal not started: {e}");
            std::process::exit(2);
        }
    };
    let simulated = !matches!(settings.upstreams, Upstreams::Real { .. });
    let elsewhere = match &settings.upstreams {
        Upstreams::SimulatedElsewhere(base) => Some(base.to_string()),
        _ => None,
    };
    let portal = match server::build(settings).await {
        Ok(p) => p,
        Err(e) => {
            eprintln!("portal failed to start: {e}");
            std::process::exit(1);
        }
    };
    println!("\n  SonixNet portal listening on {}", portal.url());
    if simulated {
        match elsewhere {
            None => println!(
                "  Upstreams: built-in Freebit, WHMCS and Salesforce simulators under {}/_sim",
                portal.url()
            ),
            Some(base) => println!("  Upstreams: the simulators at {base}"),
        }
        println!(
            "  Demo logins (password \"{}\"):",
            server::simulator::demo::DEMO_PASSWORD
        );
        for c in server::simulator::demo::CLIENTS {
            println!("    {}", c.email);
        }
        let numbers: Vec<&str> = server::simulator::demo::SF_ACCOUNTS
            .iter()
            .filter(|a| a.whmcs_client_id.is_none())
            .map(|a| a.customer_number)
            .collect();
        println!(
            "  Sign up at {}/signup with a demo customer number: {}",
            portal.url(),
            numbers.join(", ")
        );
        println!("  Emails the portal sends: {}/_sim/mail", portal.url());
        println!(
            "  Operator console: {}/ops/login as {} (same password)",
            portal.url(),
            server::console::staff::DEMO_STAFF
                .iter()
                .map(|(email, _)| *email)
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    println!();
    if let Err(e) = portal.serve().await {
        eprintln!("server error: {e}");
        std::process::exit(1);
    }
}
