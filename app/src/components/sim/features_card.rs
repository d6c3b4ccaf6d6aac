//! Feature toggles: voice mail, call waiting, international roaming and 4G/5G, applied
//! together by one "Apply changes". Each changed option shows as pending at once (optimistic)
//! and stays pending until the carrier reports it; a failure rolls the switches back.
//! Options the carrier is still processing are locked, so no conflicting request is sent.

use super::{use_sim_ctx, watch_action, FormError};
use crate::api::SetSimFeatures;
use crate::domain::{FeatureChange, NetworkType, SimOverview};
use crate::t;
use crate::testids;
use leptos::prelude::*;

#[component]
pub fn FeaturesCard(overview: SimOverview) -> impl IntoView {
    let ctx = use_sim_ctx();
    let action = ServerAction::<SetSimFeatures>::new();
    let error = watch_action(action, ctx);
    // What the carrier will have once pending work is done.
    let server_pending = FeatureChange {
        network_type: overview.pending_network(),
        ..overview.pending_features().unwrap_or_default()
    };
    let target = server_pending.apply(&overview.features);
    let wanted = RwSignal::new(target);
    // Sent but not yet confirmed by a reload: shown as pending at once.
    let optimistic = RwSignal::new(None::<FeatureChange>);
    Effect::new(move |_| {
        if let Some(Err(_)) = action.value().get() {
            optimistic.set(None);
            wanted.set(target);
        }
    });
    let change = move || FeatureChange::between(&target, &wanted.get());
    // Unsent edits hold off the page's background re-reads (a reload would reset them).
    Effect::new(move |_| ctx.editing.set(!change().is_empty()));
    on_cleanup(move || ctx.editing.set(false));
    let voice_av = overview.actions.voice_options.clone();
    let net_av = overview.actions.network_type.clone();
    let voice_locked = !voice_av.is_enabled();
    let net_locked = !net_av.is_enabled();
    let pending_of = move |pick: fn(&FeatureChange) -> bool| {
        pick(&server_pending) || optimistic.get().as_ref().is_some_and(pick)
    };
    let busy = move || action.pending().get() || optimistic.get().is_some();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy() {
            return;
        }
        let c = change();
        if c.is_empty() {
            return;
        }
        optimistic.set(Some(c));
        action.dispatch(SetSimFeatures {
            id: ctx.id,
            change: c,
        });
    };
    let reasons: Vec<String> = [voice_av.reason(), net_av.reason()]
        .into_iter()
        .flatten()
        .map(str::to_string)
        .fold(Vec::new(), |mut acc, r| {
            if !acc.contains(&r) {
                acc.push(r);
            }
            acc
        });

    view! {
        <section class="card" aria-labelledby="features-title" data-testid=testids::FEATURES_CARD>
            <header class="card__head"><h2 id="features-title">{t!("sim-options-title")}</h2></header>
            {reasons.into_iter().map(|r| view! { <p class="muted small">{r}</p> }).collect_view()}
            <form class="form" on:submit=submit>
                <Toggle label=t!("sim-options-voice-mail") testid=testids::FEATURE_VOICE_MAIL locked=voice_locked
                    checked=Signal::derive(move || wanted.get().voice_mail)
                    pending=Signal::derive(move || pending_of(|c| c.voice_mail.is_some()))
                    on_toggle=move |v| wanted.update(|w| w.voice_mail = v) />
                <Toggle label=t!("sim-options-call-waiting") testid=testids::FEATURE_CALL_WAITING locked=voice_locked
                    checked=Signal::derive(move || wanted.get().call_waiting)
                    pending=Signal::derive(move || pending_of(|c| c.call_waiting.is_some()))
                    on_toggle=move |v| wanted.update(|w| w.call_waiting = v) />
                <Toggle label=t!("sim-options-roaming") testid=testids::FEATURE_ROAMING locked=voice_locked
                    checked=Signal::derive(move || wanted.get().international_roaming)
                    pending=Signal::derive(move || pending_of(|c| c.international_roaming.is_some()))
                    on_toggle=move |v| wanted.update(|w| w.international_roaming = v) />
                <fieldset class="segmented" disabled=net_locked data-testid=testids::FEATURE_NETWORK>
                    <legend>
                        {t!("sim-options-network")}
                        {move || pending_of(|c| c.network_type.is_some()).then(|| view! {
                            <span class="badge badge--info">{t!("sim-options-pending")}</span>
                        })}
                    </legend>
                    {[NetworkType::G4, NetworkType::G5].into_iter().map(|n| view! {
                        <label class="segmented__option">
                            <input type="radio" name="network_type" value=n.code()
                                checked=target.network_type == Some(n)
                                prop:checked=move || wanted.get().network_type == Some(n)
                                on:change=move |_| wanted.update(|w| w.network_type = Some(n)) />
                            <span>{n.code()}</span>
                        </label>
                    }).collect_view()}
                    <p class="muted small">{t!("sim-options-switch-note")}</p>
                </fieldset>
                <FormError error />
                <div class="form__actions">
                    <button type="button" class="btn btn--ghost" disabled=move || change().is_empty() || busy()
                        on:click=move |_| wanted.set(target)>{t!("sim-options-reset")}</button>
                    <button type="submit" class="btn btn--primary" data-testid=testids::FEATURES_APPLY
                        disabled=move || change().is_empty() || busy()>
                        {move || {
                            let c = change();
                            let n = [c.voice_mail.is_some(), c.call_waiting.is_some(), c.international_roaming.is_some(), c.network_type.is_some()]
                                .into_iter()
                                .filter(|x| *x)
                                .count();
                            if action.pending().get() {
                                t!("sim-options-applying")
                            } else if n > 0 {
                                format!("{} ({n})", t!("sim-options-apply"))
                            } else {
                                t!("sim-options-apply")
                            }
                        }}
                    </button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn Toggle(
    #[prop(into)] label: String,
    testid: &'static str,
    checked: Signal<bool>,
    pending: Signal<bool>,
    locked: bool,
    on_toggle: impl Fn(bool) + 'static,
) -> impl IntoView {
    view! {
        <label class="toggle" data-testid=testid>
            <span class="toggle__label">{label}</span>
            {move || pending.get().then(|| view! { <span class="badge badge--info">{t!("sim-options-pending")}</span> })}
            <input type="checkbox" role="switch" class="toggle__input" disabled=locked
                checked=checked.get_untracked() prop:checked=checked on:change=move |ev| on_toggle(event_target_checked(&ev)) />
            <span class="toggle__track" aria-hidden="true"></span>
        </label>
    }
}
