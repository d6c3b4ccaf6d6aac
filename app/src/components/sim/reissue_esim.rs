//! The reissue modal (eSIMs only): the new device's EID, validated as it is typed with the
//! same rule the server enforces.

use super::{use_sim_ctx, watch_action, FormError, SimModal};
use crate::api::ReissueEsim;
use crate::components::modal::Modal;
use crate::domain::{Eid, SimOverview};
use crate::t;
use crate::testids;
use leptos::prelude::*;

#[component]
pub fn ReissueEsimModal(overview: SimOverview) -> impl IntoView {
    let ctx = use_sim_ctx();
    let overview = StoredValue::new(overview);
    view! {
        <Modal open=ctx.is_open(SimModal::Reissue) on_close=ctx.close_modal() id=testids::REISSUE_MODAL title=t!("sim-reissue-title")>
            {move || view! { <ReissueForm overview=overview.get_value() /> }}
        </Modal>
    }
}

#[component]
fn ReissueForm(overview: SimOverview) -> impl IntoView {
    let ctx = use_sim_ctx();
    let action = ServerAction::<ReissueEsim>::new();
    let error = watch_action(action, ctx);
    let typed = RwSignal::new(String::new());
    let parsed = Memo::new(move |_| Eid::parse(&typed.get()));
    let current = overview.details.eid.clone();
    let hint = Memo::new(move |_| {
        let t = typed.get();
        let digits = t.chars().filter(char::is_ascii_digit).count();
        match parsed.get() {
            _ if t.trim().is_empty() => None,
            Ok(e) if current.as_deref() == Some(e.as_str()) => {
                Some((false, t!("sim-reissue-same-phone")))
            }
            Ok(_) => Some((true, t!("sim-reissue-looks-right"))),
            Err(_)
                if digits < Eid::LEN
                    && t.chars()
                        .all(|c| c.is_ascii_digit() || c == ' ' || c == '-') =>
            {
                Some((
                    false,
                    t!(
                        "sim-reissue-digits",
                        typed = crate::i18n::num(digits as f64),
                        total = crate::i18n::num(Eid::LEN as f64)
                    ),
                ))
            }
            Err(m) => Some((false, m)),
        }
    });
    let valid = move || matches!(hint.get(), Some((true, _)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if action.pending().get_untracked() {
            return;
        }
        if let Ok(eid) = parsed.get_untracked() {
            action.dispatch(ReissueEsim {
                id: ctx.id,
                eid: eid.to_string(),
            });
        }
    };
    view! {
        <form class="form" on:submit=submit>
            <p>{t!("sim-reissue-lead")}</p>
            <label class="field">
                <span>{t!("sim-reissue-eid")}</span>
                <input type="text" inputmode="numeric" autocomplete="off" spellcheck="false" name="eid"
                    class="mono" data-testid=testids::REISSUE_EID aria-describedby="eid-hint eid-where"
                    on:input=move |ev| typed.set(event_target_value(&ev)) prop:value=typed />
            </label>
            <p id="eid-hint" class="hint" data-testid=testids::REISSUE_EID_HINT aria-live="polite">
                {move || hint.get().map(|(ok, m)| view! { <span class=if ok { "ok-text" } else { "warn-text" }>{m}</span> })}
            </p>
            <p id="eid-where" class="muted small">{t!("sim-reissue-where")}</p>
            <FormError error />
            <div class="form__actions">
                <button type="button" class="btn btn--ghost" on:click=move |_| ctx.modal.set(None)>{t!("sim-reissue-back")}</button>
                <button type="submit" class="btn btn--primary" data-testid=testids::REISSUE_SUBMIT
                    disabled=move || !valid() || action.pending().get()>
                    {move || if action.pending().get() { t!("sim-reissue-submitting") } else { t!("sim-reissue-submit") }}
                </button>
            </div>
        </form>
    }
}
