//! Sizes of the hydrate wasm. With `--split` the build has a main module every page loads and,
//! per lazy route, the chunks that route needs (`__wasm_split_manifest.<hash>.json`); the
//! sizes a page costs are the main module plus its route's chunks. Compressed sizes are the
//! build's own `.br`/`.gz` files (what the server sends).

use crate::Row;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The first file in `dir` whose name starts with `prefix` and ends with `suffix`.
fn find(dir: &Path, prefix: &str, suffix: &str) -> Option<PathBuf> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .find_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            (name.starts_with(prefix) && name.ends_with(suffix)).then(|| e.path())
        })
}

#[derive(Default, Clone, Copy)]
struct Sizes {
    raw: u64,
    gz: u64,
    br: u64,
}

impl Sizes {
    fn of(wasm: &Path) -> Sizes {
        let len = |ext: &str| {
            let mut p = wasm.as_os_str().to_owned();
            p.push(ext);
            std::fs::metadata(PathBuf::from(p)).map_or(0, |m| m.len())
        };
        Sizes {
            raw: len(""),
            gz: len(".gz"),
            br: len(".br"),
        }
    }

    fn add(self, o: Sizes) -> Sizes {
        Sizes {
            raw: self.raw + o.raw,
            gz: self.gz + o.gz,
            br: self.br + o.br,
        }
    }

    fn show(self) -> String {
        format!(
            "{:.0} KB / {:.0} KB / {:.0} KB",
            self.raw as f64 / 1000.0,
            self.gz as f64 / 1000.0,
            self.br as f64 / 1000.0
        )
    }
}

pub fn rows(pkg: &Path) -> Vec<Row> {
    let Some(main_wasm) = find(pkg, "sim-portal", ".wasm") else {
        return vec![Row {
            what: "hydrate wasm raw / gzip / brotli",
            value: "not measured: no sim-portal*.wasm in the site".into(),
            budget: "≤ 250 KB brotli",
            ok: None,
        }];
    };
    let main = Sizes::of(&main_wasm);
    let mut rows = vec![Row {
        what: "hydrate wasm raw / gzip / brotli (main module, every page)",
        value: main.show(),
        budget: "≤ 250 KB brotli",
        ok: Some(main.br > 0 && main.br <= 250_000),
    }];
    let manifest = find(pkg, "__wasm_split_manifest", ".json")
        .and_then(|p| std::fs::read(p).ok())
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok());
    let Some(routes) = manifest.as_ref().and_then(Value::as_object) else {
        return rows;
    };
    let mut per_route: Vec<(String, Sizes)> = routes
        .iter()
        .map(|(name, chunks)| {
            let total = chunks
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .fold(main, |acc, c| {
                    acc.add(Sizes::of(&pkg.join(format!("{c}.wasm"))))
                });
            // `__sim_route_view_<n>` → `sim`
            let short = name
                .trim_start_matches('_')
                .split("_route_view")
                .next()
                .unwrap_or(name)
                .to_string();
            (short, total)
        })
        .collect();
    per_route.sort_by_key(|(_, s)| std::cmp::Reverse(s.br));
    if let Some((_, sim)) = per_route.iter().find(|(n, _)| n == "sim") {
        rows.push(Row {
            what: "SIM page wasm, main + its lazy chunks: raw / gzip / brotli",
            value: sim.show(),
            budget: "≤ 250 KB brotli",
            ok: Some(sim.br <= 250_000),
        });
    }
    rows.push(Row {
        what: "other pages' wasm brotli, main + chunks (for information)",
        value: per_route
            .iter()
            .filter(|(n, _)| n != "sim")
            .map(|(n, s)| format!("{n} {:.0} KB", s.br as f64 / 1000.0))
            .collect::<Vec<_>>()
            .join(", "),
        budget: "—",
        ok: None,
    });
    rows
}
