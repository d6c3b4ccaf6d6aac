//! Runs the Freebit and WHMCS simulators alone, so any client can be pointed at them:
//! `cargo run -p simulators -- 127.0.0.1:4000`
//! WHMCS is then at `http://127.0.0.1:4000/_sim/whmcs/includes/api.php`, Freebit at
//! `http://127.0.0.1:4000/_sim/freebit/emptool/api/…`, the control endpoint at `/_sim/control`.

use simulators::{freebit::FreebitSimConfig, Simulators};

#[tokio::main]
async fn main() {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:4000".into());
    let listener = match tokio::net::TcpListener::bind(&addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on {addr}: {e}");
            std::process::exit(1);
        }
    };
    let base = format!(
        "http://{}/_sim",
        listener.local_addr().map(|a| a.to_string()).unwrap_or(addr)
    );
    let sims = Simulators::new(FreebitSimConfig::default(), &base);
    println!(
        "Simulators listening: WHMCS {base}/whmcs  Freebit {base}/freebit  control {base}/control"
    );
    let app = axum::Router::new().nest("/_sim", sims.router());
    if let Err(e) = axum::serve(listener, app).await {
        eprintln!("server error: {e}");
        std::process::exit(1);
    }
}
