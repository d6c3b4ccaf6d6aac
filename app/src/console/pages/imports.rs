//! `/ops/imports` (admin): upload a CSV of new SIMs (`iccid,pin,puk,type[,msisdn]`), see
//! every row's verdict before anything is written, download the rejected rows with their
//! reasons, then import the new ones in one go. The file goes to `POST /api/ops/imports` as
//! it is (the REST endpoint takes files far larger than a server function's body).

use super::StaffOnly;
use crate::console::routes;
use crate::domain::console::{
    rejected_csv, ImportCounts, ImportPreview, ImportResult, Permission, RowVerdict, SimFilter,
    SimSort, Staff, Verdict,
};
use crate::domain::inventory::LifecycleState;
use crate::domain::PortalError;
use crate::i18n::num;
use crate::t;
use crate::testids;
use leptos::prelude::*;
use leptos_meta::Title;

const FILE_INPUT: &str = "ops-import-file";
/// Rows listed on the page; the download has them all.
const SHOWN: usize = 500;

fn verdict_label(v: Verdict) -> (String, &'static str) {
    match v {
        Verdict::New => (t!("console-verdict-new"), "ok"),
        Verdict::DuplicateInFile => (t!("console-verdict-duplicate-in-file"), "warn"),
        Verdict::DuplicateInDatabase => (t!("console-verdict-duplicate-in-database"), "muted"),
        Verdict::Invalid => (t!("console-verdict-invalid"), "danger"),
    }
}

/// Sends the chosen file to the import endpoint (`dry_run`: only the verdicts).
#[cfg(feature = "hydrate")]
async fn send(dry_run: bool) -> Result<String, PortalError> {
    use leptos::wasm_bindgen::JsCast;
    let file = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(FILE_INPUT))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|i| i.files())
        .and_then(|f| f.get(0))
        .ok_or_else(|| PortalError::BadRequest(t!("console-imports-choose-file")))?;
    let name = file.name();
    let url = if dry_run {
        format!("{}?dryRun=true", routes::OPS_IMPORTS_API)
    } else {
        format!(
            "{}?fileName={}",
            routes::OPS_IMPORTS_API,
            String::from(web_sys::js_sys::encode_uri_component(&name))
        )
    };
    let response = gloo_net::http::Request::post(&url)
        .header("content-type", "text/csv")
        .body(leptos::wasm_bindgen::JsValue::from(file))
        .map_err(|e| PortalError::Transport(e.to_string()))?
        .send()
        .await
        .map_err(|e| PortalError::Transport(e.to_string()))?;
    let ok = response.ok();
    let text = response
        .text()
        .await
        .map_err(|e| PortalError::Transport(e.to_string()))?;
    if ok {
        Ok(text)
    } else {
        #[derive(serde::Deserialize)]
        struct Problem {
            message: String,
        }
        Err(match serde_json::from_str::<Problem>(&text) {
            Ok(p) => PortalError::BadRequest(p.message),
            Err(_) => PortalError::Transport(format!("HTTP {}", response.status())),
        })
    }
}

#[cfg(not(feature = "hydrate"))]
async fn send(_dry_run: bool) -> Result<String, PortalError> {
    Err(PortalError::Transport(t!("console-imports-still-loading")))
}

async fn preview() -> Result<ImportPreview, PortalError> {
    let text = send(true).await?;
    serde_json::from_str(&text)
        .map_err(|_| PortalError::Transport(t!("console-imports-unreadable-reply")))
}

async fn commit() -> Result<ImportResult, PortalError> {
    let text = send(false).await?;
    serde_json::from_str(&text)
        .map_err(|_| PortalError::Transport(t!("console-imports-unreadable-reply")))
}

fn data_url(csv: &str) -> String {
    #[cfg(feature = "hydrate")]
    {
        format!(
            "data:text/csv;charset=utf-8,{}",
            String::from(web_sys::js_sys::encode_uri_component(csv))
        )
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = csv;
        String::new()
    }
}

#[component]
fn Counts(c: ImportCounts) -> impl IntoView {
    view! {
        <dl class="ops-counts" data-testid=testids::OPS_IMPORT_COUNTS>
            <div><dt>{t!("console-imports-rows")}</dt><dd>{c.rows}</dd></div>
            <div class="ops-counts--ok"><dt>{t!("console-verdict-new")}</dt><dd data-count="new">{c.new}</dd></div>
            <div><dt>{t!("console-verdict-duplicate-in-file")}</dt><dd data-count="duplicate-in-file">{c.duplicate_in_file}</dd></div>
            <div><dt>{t!("console-verdict-duplicate-in-database")}</dt><dd data-count="duplicate-in-database">{c.duplicate_in_database}</dd></div>
            <div class="ops-counts--bad"><dt>{t!("console-verdict-invalid")}</dt><dd data-count="invalid">{c.invalid}</dd></div>
        </dl>
    }
}

#[component]
fn Rows(rows: Vec<RowVerdict>) -> impl IntoView {
    // Problems first: they are what the admin has to look at.
    let mut rows = rows;
    rows.sort_by_key(|r| (r.verdict == Verdict::New, r.line));
    let total = rows.len();
    rows.truncate(SHOWN);
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead><tr><th>{t!("console-imports-line")}</th><th>"ICCID"</th><th>{t!("console-imports-verdict")}</th><th>{t!("console-imports-reason")}</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let (label, tone) = verdict_label(r.verdict);
                        view! {
                            <tr data-testid=testids::OPS_IMPORT_ROW attr:data-verdict=format!("{:?}", r.verdict)>
                                <td class="num">{r.line}</td>
                                <td class="mono">{r.iccid}</td>
                                <td><span class=format!("badge badge--{tone}")>{label}</span></td>
                                <td>{r.reason.unwrap_or_default()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {(total > SHOWN).then(|| view! { <p class="muted small">{t!("console-imports-truncated", shown = SHOWN.to_string(), total = total.to_string())}</p> })}
    }
}

#[component]
fn Importer() -> impl IntoView {
    let checked = Action::new_local(|_: &()| preview());
    let imported = Action::new_local(|_: &()| commit());
    let reset = move |_| {
        checked.value().set(None);
        imported.value().set(None);
    };
    let error = move || {
        imported
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| checked.value().get().and_then(Result::err))
    };
    let fresh = routes::ops_sims(
        &SimFilter {
            status: Some(LifecycleState::Available),
            sort: SimSort::CreatedDesc,
            ..SimFilter::default()
        }
        .to_query(),
    );
    view! {
        <section class="panel">
            <h2>{t!("console-imports-step-file")}</h2>
            <p class="muted">{t!("console-imports-help-columns")}<span class="mono">"iccid,pin,puk,type,msisdn"</span>{t!("console-imports-help-header")}
                <span class="mono">"type"</span>{t!("console-imports-help-type")}<span class="mono">"msisdn"</span>{t!("console-imports-help-msisdn")}</p>
            <div class="ops-upload">
                <input id=FILE_INPUT type="file" accept=".csv,text/csv" data-testid=testids::OPS_IMPORT_FILE on:change=reset />
                <button type="button" class="btn btn--primary" data-testid=testids::OPS_IMPORT_PREVIEW
                    disabled=move || checked.pending().get()
                    on:click=move |_| { imported.value().set(None); checked.dispatch(()); }>
                    {move || if checked.pending().get() { t!("console-imports-checking") } else { t!("console-preview") }}
                </button>
            </div>
            {move || error().map(|e| view! { <p class="form__error" role="alert" data-testid=testids::OPS_IMPORT_ERROR>{e.to_string()}</p> })}
        </section>
        {move || imported.value().get().and_then(Result::ok).map(|done| view! {
            <section class="panel">
                <p class="notice notice--ok" role="status" data-testid=testids::OPS_IMPORT_DONE>
                    {t!("console-imports-done", count = num(done.counts.new as f64), skipped = num((done.counts.rows - done.counts.new) as f64))}
                </p>
                <Counts c=done.counts.clone() />
                <p><a href=fresh.clone()>{t!("console-imports-see-new")}</a></p>
            </section>
        })}
        {move || checked.value().get().and_then(Result::ok).filter(|_| imported.value().get().is_none()).map(|p| {
            let rejected = p.rows.iter().filter(|r| r.verdict != Verdict::New).count();
            let csv = rejected_csv(&p.rows);
            let new = p.counts.new;
            view! {
                <section class="panel">
                    <h2>{t!("console-imports-step-preview")}</h2>
                    <Counts c=p.counts.clone() />
                    {(rejected > 0).then(|| view! {
                        <p><a href=data_url(&csv) download="rejected-rows.csv" data-testid=testids::OPS_IMPORT_REJECTED>
                            {t!("console-imports-download-rejected", count = num(rejected as f64))}
                        </a></p>
                    })}
                    <Rows rows=p.rows.clone() />
                    <h2>{t!("console-imports-step-import")}</h2>
                    <p class="muted">{t!("console-imports-import-hint")}</p>
                    <button type="button" class="btn btn--primary" data-testid=testids::OPS_IMPORT_COMMIT
                        disabled=move || new == 0 || imported.pending().get()
                        on:click=move |_| { imported.dispatch(()); }>
                        {move || if imported.pending().get() { t!("console-imports-importing") } else { t!("console-imports-commit", count = num(new as f64)) }}
                    </button>
                </section>
            }
        })}
    }
}

#[component]
fn ImportsPage() -> impl IntoView {
    view! {
        <Title text=t!("console-imports-title") />
        <h1>{t!("console-imports-heading")}</h1>
        <StaffOnly page=|staff: Staff| {
            if staff.role.may(Permission::Administer) {
                view! { <Importer /> }.into_any()
            } else {
                view! { <p class="panel">{t!("console-imports-admin-only")}</p> }.into_any()
            }
        } />
    }
}

crate::pages::lazy_page!(ImportsRoute, ImportsPage);
