//! First login of an existing billing customer: prove the billing login once, choose a
//! portal password, and land on the subscriptions.

use crate::api::LinkAccount;
use crate::domain::account::MIN_PASSWORD_CHARS;
use crate::{routes, t, testids};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LinkPage() -> impl IntoView {
    let link = ServerAction::<LinkAccount>::new();
    let error = move || link.value().get().and_then(Result::err);
    let hint = t!("portal-password-hint", min = MIN_PASSWORD_CHARS.to_string());
    view! {
        <Title text=t!("portal-link-title") />
        <section class="panel narrow login">
            <h1>{t!("portal-link-title")}</h1>
            <p class="muted">{t!("portal-link-lead")}</p>
            <ActionForm action=link attr:data-testid=testids::LINK_FORM attr:class="form">
                <label class="field">
                    <span>{t!("portal-link-email")}</span>
                    <input type="email" name="email" autocomplete="username" required />
                </label>
                <label class="field">
                    <span>{t!("portal-link-billing-password")}</span>
                    <input type="password" name="billing_password" autocomplete="off" required />
                </label>
                <label class="field">
                    <span>{t!("portal-link-new-password")}</span>
                    <input type="password" name="new_password" autocomplete="new-password"
                        minlength=MIN_PASSWORD_CHARS.to_string() required />
                    <small class="muted">{hint}</small>
                </label>
                {move || error().map(|e| view! {
                    <p class="form__error" role="alert" data-testid=testids::LINK_ERROR>{e.to_string()}</p>
                })}
                <button class="btn btn--primary" type="submit" disabled=move || link.pending().get()>
                    {move || if link.pending().get() { t!("portal-link-submitting") } else { t!("portal-link-submit") }}
                </button>
                <p class="muted small">{t!("portal-link-privacy")}</p>
            </ActionForm>
            <p class="muted">{t!("portal-link-have-login")}" "<a href=routes::LOGIN>{t!("portal-link-log-in")}</a></p>
        </section>
    }
}

super::lazy_page!(LinkRoute, LinkPage);
