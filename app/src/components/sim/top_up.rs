//! The top-up modal: a preset (1, 3, 5, 10 GB) or a typed amount in MB, the price as it is
//! typed (the domain's `price_jpy`, the function the server charges with), an optional later
//! date, then a confirmation step with quota, price and number before anything is charged.
//!
//! Each order gets one idempotency key; the same order sent again (double click, retry, a
//! reload before the answer) carries the same key, so it is charged once. A key still waiting
//! for its answer is kept in `sessionStorage` with the order it belongs to.

use super::{use_sim_ctx, Notice, SimModal};
use crate::api::TopUpSim;
use crate::components::modal::Modal;
use crate::domain::dates::date_label;
use crate::domain::topup::{parse_quota_input, topup_label, yen_label, PRESETS_MB};
use crate::domain::{format_msisdn, PortalError, SimOverview, TopUpOrder};
use crate::t;
use crate::testids;
use chrono::Duration;
use leptos::prelude::*;

#[component]
pub fn TopUpModal(overview: SimOverview) -> impl IntoView {
    let ctx = use_sim_ctx();
    let overview = StoredValue::new(overview);
    view! {
        <Modal open=ctx.is_open(SimModal::TopUp) on_close=ctx.close_modal() id=testids::TOP_UP_MODAL title=t!("sim-topup-title")>
            {move || view! { <TopUpForm overview=overview.get_value() /> }}
        </Modal>
    }
}

/// What the customer has chosen so far, as typed.
#[derive(Clone, Debug, PartialEq, Default)]
struct Draft {
    /// A preset's MB, or `None` for the typed amount.
    preset: Option<u64>,
    custom: String,
    later: bool,
    on: String,
    campaign: String,
    expiry: String,
}

impl Draft {
    fn quota_text(&self) -> String {
        self.preset
            .map(|p| p.to_string())
            .unwrap_or_else(|| self.custom.clone())
    }

    fn order(&self, today: chrono::NaiveDate) -> Result<TopUpOrder, PortalError> {
        let on = if self.later { self.on.as_str() } else { "" };
        TopUpOrder::parse_input(&self.quota_text(), &self.campaign, &self.expiry, on, today)
    }

    /// Identifies the order for the stored key (same order, same key).
    fn signature(&self, today: chrono::NaiveDate) -> String {
        self.order(today)
            .map(|o| format!("{o:?}"))
            .unwrap_or_default()
    }
}

#[component]
fn TopUpForm(overview: SimOverview) -> impl IntoView {
    let ctx = use_sim_ctx();
    let action = ServerAction::<TopUpSim>::new();
    let today = overview.today;
    let number = format_msisdn(&overview.details.msisdn);
    let draft = RwSignal::new(Draft {
        preset: Some(PRESETS_MB[0]),
        on: (today + Duration::days(1)).to_string(),
        ..Draft::default()
    });
    let reviewing = RwSignal::new(false);
    // The key of the order last sent: the same order again keeps it, another order gets a
    // new one (so a changed amount after a declined card is a new top-up, not a conflict).
    let last_sent = StoredValue::new(None::<(String, String)>);
    let storage_slot = format!("top-up-key-{}", ctx.id.0);
    let order = move || draft.with(|d| d.order(today));
    let quota_error = move || {
        draft.with(|d| {
            (d.preset.is_none() && !d.custom.trim().is_empty())
                .then(|| parse_quota_input(&d.custom).err())
                .flatten()
        })
    };
    let price = move || {
        draft
            .with(|d| parse_quota_input(&d.quota_text()).ok())
            .map(|q| {
                t!(
                    "sim-topup-price-for",
                    price = yen_label(q.price_jpy()),
                    amount = topup_label(q.get())
                )
            })
    };

    // The answer: success (or paid and on its way) closes the modal with the message; a
    // payment problem stays in the modal with the way to pay.
    let slot = storage_slot.clone();
    Effect::new(move |_| {
        let Some(result) = action.value().get() else {
            return;
        };
        if !matches!(&result, Err(e) if e.is_transient()) {
            forget_key(&slot);
        }
        if matches!(&result, Err(PortalError::PaymentRequired { .. })) {
            // The unpaid top-up is listed (and watched) behind the modal.
            ctx.top_ups_changed.update(|n| *n += 1);
        }
        if let Ok(t) = result {
            ctx.modal.set(None);
            ctx.notice.set(Some(Notice {
                ok: true,
                text: t.message,
            }));
            ctx.reload();
        }
    });
    let error = Signal::derive(move || action.value().get().and_then(Result::err));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if action.pending().get_untracked() {
            return;
        }
        if !reviewing.get_untracked() {
            if order().is_ok() {
                reviewing.set(true);
            }
            return;
        }
        let d = draft.get_untracked();
        let signature = d.signature(today);
        let idempotency_key = match last_sent.get_value() {
            Some((sig, key)) if sig == signature => key,
            _ => remembered_key(&storage_slot, &signature)
                .unwrap_or_else(|| crate::components::browser::new_key("modal")),
        };
        last_sent.set_value(Some((signature.clone(), idempotency_key.clone())));
        remember_key(&storage_slot, &signature, &idempotency_key);
        action.dispatch(TopUpSim {
            id: ctx.id,
            quota_mb: d.quota_text(),
            campaign_code: d.campaign.clone(),
            expiry_date: d.expiry.clone(),
            scheduled_for: if d.later { d.on.clone() } else { String::new() },
            idempotency_key,
        });
    };

    let min_day = (today + Duration::days(1)).to_string();
    let max_day = (today + Duration::days(crate::domain::topup::MAX_SCHEDULE_DAYS)).to_string();
    let number_for_review = number.clone();

    let choose = move || {
        let (min_day, max_day) = (min_day.clone(), max_day.clone());
        view! {
            <fieldset class="choices choices--grid">
                <legend>{t!("sim-topup-amount")}</legend>
                {presets(draft)}
                <label class="choice choice--compact">
                    <input type="radio" name="top_up_amount" value="custom"
                        prop:checked=move || draft.with(|d| d.preset.is_none())
                        on:change=move |_| draft.update(|d| d.preset = None) />
                    <span class="choice__title">{t!("sim-topup-other")}</span>
                </label>
            </fieldset>
            <label class="field" class:field--hidden=move || draft.with(|d| d.preset.is_some())>
                <span>{t!("sim-topup-mb")}</span>
                <input type="text" inputmode="numeric" name="quota_mb" autocomplete="off"
                    data-testid=testids::TOP_UP_CUSTOM
                    aria-invalid=move || quota_error().is_some().then_some("true")
                    aria-describedby="top-up-custom-error"
                    prop:value=move || draft.with(|d| d.custom.clone())
                    on:focus=move |_| draft.update(|d| d.preset = None)
                    on:input=move |ev| draft.update(|d| { d.preset = None; d.custom = event_target_value(&ev); }) />
                <span id="top-up-custom-error" class="field__error" data-testid=testids::TOP_UP_AMOUNT_ERROR>
                    {move || quota_error().map(|e| e.to_string())}
                </span>
            </label>
            <p class="price" data-testid=testids::TOP_UP_PRICE aria-live="polite">
                {move || price().unwrap_or_else(|| "—".into())}
            </p>
            <label class="check">
                <input type="checkbox" data-testid=testids::TOP_UP_LATER
                    prop:checked=move || draft.with(|d| d.later)
                    on:change=move |ev| draft.update(|d| d.later = event_target_checked(&ev)) />
                <span>{t!("sim-topup-later")}</span>
            </label>
            {move || draft.with(|d| d.later).then(|| view! {
                <label class="field">
                    <span>{t!("sim-topup-date")}</span>
                    <input type="date" data-testid=testids::TOP_UP_DATE min=min_day.clone() max=max_day.clone()
                        prop:value=move || draft.with(|d| d.on.clone())
                        on:input=move |ev| draft.update(|d| d.on = event_target_value(&ev)) />
                </label>
            })}
            <details class="more">
                <summary>{t!("sim-topup-more")}</summary>
                <label class="field">
                    <span>{t!("sim-topup-campaign")}</span>
                    <input type="text" autocomplete="off" maxlength="32"
                        prop:value=move || draft.with(|d| d.campaign.clone())
                        on:input=move |ev| draft.update(|d| d.campaign = event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{t!("sim-topup-expiry")}</span>
                    <input type="date" prop:value=move || draft.with(|d| d.expiry.clone())
                        on:input=move |ev| draft.update(|d| d.expiry = event_target_value(&ev)) />
                </label>
            </details>
            {move || match (order(), quota_error()) {
                (Err(e), None) if e.field() != Some("quotaMb") => Some(view! {
                    <p class="form__error" role="alert">{e.to_string()}</p>
                }),
                _ => None,
            }}
        }
    };

    let review = move || {
        let o = order().ok()?;
        let when = match o.scheduled_for {
            Some(d) => t!("sim-topup-added-on", date = date_label(d)),
            None => t!("sim-topup-added-now"),
        };
        Some(view! {
            <dl class="review" data-testid=testids::TOP_UP_REVIEW>
                <dt>{t!("sim-topup-review-data")}</dt><dd>{data_label(o.quota.get())}</dd>
                <dt>{t!("sim-topup-review-number")}</dt><dd>{number_for_review.clone()}</dd>
                <dt>{t!("sim-topup-review-price")}</dt><dd><strong>{yen_label(o.price_jpy())}</strong></dd>
                <dt>{t!("sim-topup-review-when")}</dt><dd>{when}</dd>
            </dl>
            <p class="muted small">{t!("sim-topup-charged-to")}</p>
        })
    };

    view! {
        <form class="form" on:submit=submit>
            {move || if reviewing.get() { review().into_any() } else { choose().into_any() }}
            {move || error.get().map(|e| view! { <PaymentError error=e /> })}
            <div class="form__actions">
                {move || if reviewing.get() {
                    view! { <button type="button" class="btn btn--ghost" on:click=move |_| { action.value().set(None); reviewing.set(false); }>{t!("sim-topup-back")}</button> }.into_any()
                } else {
                    view! { <button type="button" class="btn btn--ghost" on:click=move |_| ctx.modal.set(None)>{t!("sim-topup-close")}</button> }.into_any()
                }}
                <button type="submit" class="btn btn--primary" data-testid=testids::TOP_UP_SUBMIT
                    disabled=move || order().is_err() || action.pending().get()>
                    {move || if !reviewing.get() {
                        t!("sim-topup-next")
                    } else if action.pending().get() {
                        t!("sim-topup-submitting")
                    } else {
                        order().map(|o| t!("sim-topup-pay", price = yen_label(o.price_jpy()))).unwrap_or_default()
                    }}
                </button>
            </div>
        </form>
    }
}

/// "3 GB (3,000 MB)", or "2,500 MB" when the label is in MB already.
fn data_label(mb: u64) -> String {
    let label = topup_label(mb);
    if label.ends_with(" MB") {
        label
    } else {
        format!("{label} ({} MB)", crate::domain::topup::group(mb))
    }
}

/// The preset amounts, each with its price.
fn presets(draft: RwSignal<Draft>) -> impl IntoView {
    PRESETS_MB
        .iter()
        .map(|mb| {
            let mb = *mb;
            let price = crate::domain::QuotaMb::parse(mb)
                .map(|q| yen_label(q.price_jpy()))
                .unwrap_or_default();
            view! {
                <label class="choice choice--compact">
                    <input type="radio" name="top_up_amount" value=mb.to_string()
                        data-testid=testids::TOP_UP_PRESET
                        prop:checked=move || draft.with(|d| d.preset == Some(mb))
                        on:change=move |_| draft.update(|d| d.preset = Some(mb)) />
                    <span class="choice__title">{topup_label(mb)}</span>
                    <span class="muted">{price}</span>
                </label>
            }
        })
        .collect_view()
}

/// The order's error; a payment problem brings its link into billing (opened in a new tab,
/// where the customer pays or adds a card).
#[component]
fn PaymentError(error: PortalError) -> impl IntoView {
    let link = match &error {
        PortalError::PaymentRequired {
            pay_url: Some(url),
            pay_label,
            ..
        } => Some((
            url.clone(),
            pay_label
                .clone()
                .unwrap_or_else(|| t!("sim-topup-open-billing")),
        )),
        _ => None,
    };
    view! {
        <div class="form__error" role="alert" data-testid=testids::ACTION_ERROR>
            <p>{error.to_string()}</p>
            {link.map(|(url, label)| view! {
                <a class="btn btn--small" href=url target="_blank" rel="noopener" data-testid=testids::TOP_UP_PAY_LINK>{label}</a>
            })}
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

/// The key of an identical order still waiting for its answer (e.g. sent before a reload).
#[allow(unused_variables)]
fn remembered_key(slot: &str, signature: &str) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let stored = storage()?.get_item(slot).ok()??;
        let (sig, key) = stored.rsplit_once('\n')?;
        (sig == signature).then(|| key.to_string())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

#[allow(unused_variables)]
fn remember_key(slot: &str, signature: &str, key: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(s) = storage() {
        let _ = s.set_item(slot, &format!("{signature}\n{key}"));
    }
}

#[allow(unused_variables)]
fn forget_key(slot: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(s) = storage() {
        let _ = s.remove_item(slot);
    }
}
