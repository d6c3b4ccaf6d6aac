//! The reissue modal (eSIMs only): the new device's EID, validated as it is typed with the
//! same rule the server enforces.

use super::{use_sim_ctx, watch_action, FormError, SimModal};
use crate::api::ReissueEsim;
use crate::components::modal::Modal;
use crate::domain::{Eid, SimOverview};
use crate::testids;
use leptos::prelude::*;

mod text {
    pub const TITLE: &str = "Reissue eSIM";
    pub const LEAD: &str = "Move this eSIM to a new phone. The current phone loses service once the new one installs the eSIM.";
    pub const EID: &str = "EID of the new phone (32 digits)";
    pub const WHERE: &str =
        "iPhone: Settings → General → About → EID. Android: Settings → About phone → SIM status.";
    pub const SUBMIT: &str = "Reissue eSIM";
    pub const SUBMITTING: &str = "Reissuing…";
    pub const BACK: &str = "Not now";
}

#[component]
pub fn ReissueEsimModal(overview: SimOverview) -> impl IntoView {
    let ctx = use_sim_ctx();
    let overview = StoredValue::new(overview);
    view! {
        <Modal open=ctx.is_open(SimModal::Reissue) on_close=ctx.close_modal() id=testids::REISSUE_MODAL title=text::TITLE>
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
                Some((false, "This is the phone the eSIM is on now.".to_string()))
            }
            Ok(_) => Some((true, "Looks right.".to_string())),
            Err(_)
                if digits < Eid::LEN
                    && t.chars()
                        .all(|c| c.is_ascii_digit() || c == ' ' || c == '-') =>
            {
                Some((false, format!("{digits} of {} digits.", Eid::LEN)))
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
            <p>{text::LEAD}</p>
            <label class="field">
                <span>{text::EID}</span>
                <input type="text" inputmode="numeric" autocomplete="off" spellcheck="false" name="eid"
                    class="mono" data-testid=testids::REISSUE_EID aria-describedby="eid-hint eid-where"
                    on:input=move |ev| typed.set(event_target_value(&ev)) prop:value=typed />
            </label>
            <p id="eid-hint" class="hint" data-testid=testids::REISSUE_EID_HINT aria-live="polite">
                {move || hint.get().map(|(ok, m)| view! { <span class=if ok { "ok-text" } else { "warn-text" }>{m}</span> })}
            </p>
            <p id="eid-where" class="muted small">{text::WHERE}</p>
            <FormError error />
            <div class="form__actions">
                <button type="button" class="btn btn--ghost" on:click=move |_| ctx.modal.set(None)>{text::BACK}</button>
                <button type="submit" class="btn btn--primary" data-testid=testids::REISSUE_SUBMIT
                    disabled=move || !valid() || action.pending().get()>
                    {move || if action.pending().get() { text::SUBMITTING } else { text::SUBMIT }}
                </button>
            </div>
        </form>
    }
}
