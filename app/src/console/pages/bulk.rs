//! The SIM list's bulk change: the operation and reason are chosen, the preview lists what
//! the state machine will change and what it refuses for the SIMs the filter selects (up to
//! 1,000), and only then are the previewed SIMs changed, each at the version it had.

use crate::console::api_records::{ops_bulk_apply, ops_bulk_preview};
use crate::domain::console::SimFilter;
use crate::domain::console_records::{BulkPreview, Picked, MAX_BULK};
use crate::domain::inventory::Operation;
use crate::i18n::num;
use crate::t;
use crate::testids;
use leptos::prelude::*;

const OPS: [Operation; 5] = [
    Operation::Suspend,
    Operation::Resume,
    Operation::ReportLost,
    Operation::Terminate,
    Operation::Activate,
];

#[component]
pub fn BulkPanel(
    /// The list's filter as the URL has it now.
    filter: Signal<SimFilter>,
    on_done: Callback<()>,
) -> impl IntoView {
    let op = RwSignal::new(Operation::Suspend);
    let reason = RwSignal::new(String::new());
    let preview = Action::new(move |op: &Operation| {
        let (op, f) = (*op, filter.get_untracked());
        async move {
            ops_bulk_preview(
                op.as_str().to_string(),
                f.status.map(|s| s.as_str().to_string()),
                f.card_type.map(|t| t.as_str().to_string()),
                f.customer.map(|c| c.to_string()),
                f.tariff.map(|t| t.to_string()),
                f.q.clone(),
                Some(f.sort.as_str().to_string()),
            )
            .await
        }
    });
    let apply = Action::new(move |(p, reason): &(BulkPreview, String)| {
        let picked: Vec<Picked> = p
            .items
            .iter()
            .filter(|i| i.to.is_some())
            .map(|i| Picked {
                id: i.id,
                version: i.version,
            })
            .collect();
        let (op, reason) = (p.op, reason.clone());
        async move {
            ops_bulk_apply(
                op.as_str().to_string(),
                serde_json::to_string(&picked).unwrap_or_default(),
                Some(reason),
            )
            .await
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = apply.value().get() {
            preview.value().set(None);
            on_done.run(());
        }
    });
    let error = move || {
        apply
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| preview.value().get().and_then(Result::err))
    };
    view! {
        <details class="panel ops-bulk" data-testid=testids::OPS_BULK_FORM>
            <summary>{t!("console-bulk-summary")}</summary>
            <div class="form__row">
                <label class="field">
                    <span>{t!("console-bulk-operation")}</span>
                    <select on:change=move |ev| {
                        if let Some(o) = Operation::parse(&event_target_value(&ev)) {
                            op.set(o);
                            preview.value().set(None);
                        }
                    }>
                        {OPS.into_iter().map(|o| view! { <option value=o.as_str()>{o.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{t!("console-bulk-reason")}</span>
                    <input type="text" maxlength="500" prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev)) />
                </label>
                <button type="button" class="btn btn--ghost" data-testid=testids::OPS_BULK_PREVIEW
                    disabled=move || preview.pending().get()
                    on:click=move |_| { apply.value().set(None); preview.dispatch(op.get_untracked()); }>
                    {t!("console-preview")}
                </button>
            </div>
            <p class="muted small">{t!("console-bulk-limit", max = MAX_BULK.to_string())}</p>
            {move || error().map(|e| view! { <p class="form__error" role="alert">{e.to_string()}</p> })}
            {move || apply.value().get().and_then(Result::ok).map(|r| view! {
                <p class="notice notice--ok" role="status" data-testid=testids::OPS_BULK_DONE>
                    {t!("console-bulk-changed", count = num(r.changed as f64))}
                    {(!r.failed.is_empty()).then(|| t!("console-bulk-not-changed", count = r.failed.len().to_string()))}
                </p>
            })}
            {move || preview.value().get().and_then(Result::ok).map(|p| {
                let to_apply = p.clone();
                let n = p.changes;
                let sample: Vec<_> = p.items.iter().take(20).cloned().collect();
                view! {
                    <div class="ops-bulk__preview">
                        <p>
                            <strong>{t!("console-bulk-will-change", count = p.changes.to_string())}</strong>
                            {t!("console-bulk-refused", count = p.refused.to_string())}
                            {p.truncated.then(|| t!("console-bulk-truncated", max = MAX_BULK.to_string()))}
                        </p>
                        <ul class="ops-bulk__list">
                            {sample.into_iter().map(|i| view! {
                                <li class="mono small">
                                    {i.iccid}" · "{i.from.label()}" → "
                                    {i.to.map_or_else(|| t!("console-bulk-refused-item", reason = i.refusal.unwrap_or_default()), |s| s.label())}
                                </li>
                            }).collect_view()}
                        </ul>
                        <button type="button" class="btn btn--primary" data-testid=testids::OPS_BULK_APPLY
                            disabled=move || n == 0 || apply.pending().get()
                            on:click=move |_| { apply.dispatch((to_apply.clone(), reason.get_untracked())); }>
                            {t!("console-bulk-apply", op = p.op.label(), count = num(n as f64))}
                        </button>
                    </div>
                }
            })}
        </details>
    }
}
