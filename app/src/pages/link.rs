//! First login of an existing billing customer: prove the billing login once, choose a
//! portal password, and land on the subscriptions.

use crate::api::LinkAccount;
use crate::domain::account::MIN_PASSWORD_CHARS;
use crate::{routes, testids};
use leptos::prelude::*;
use leptos_meta::Title;

mod text {
    pub const TITLE: &str = "Set up your portal login";
    pub const LEAD: &str = "Already a customer? Prove it once with the email and password of your billing account, then choose a password for this portal.";
    pub const EMAIL: &str = "Billing email";
    pub const BILLING_PASSWORD: &str = "Billing password";
    pub const NEW_PASSWORD: &str = "New portal password";
    pub const SUBMIT: &str = "Link and log in";
    pub const SUBMITTING: &str = "Checking…";
    pub const HAVE_LOGIN: &str = "Already set up?";
    pub const LOG_IN: &str = "Log in";
    pub const PRIVACY: &str = "Your billing password is only checked, never stored.";
}

#[component]
pub fn LinkPage() -> impl IntoView {
    let link = ServerAction::<LinkAccount>::new();
    let error = move || link.value().get().and_then(Result::err);
    let hint = format!("At least {MIN_PASSWORD_CHARS} characters.");
    view! {
        <Title text=text::TITLE />
        <section class="panel narrow login">
            <h1>{text::TITLE}</h1>
            <p class="muted">{text::LEAD}</p>
            <ActionForm action=link attr:data-testid=testids::LINK_FORM attr:class="form">
                <label class="field">
                    <span>{text::EMAIL}</span>
                    <input type="email" name="email" autocomplete="username" required />
                </label>
                <label class="field">
                    <span>{text::BILLING_PASSWORD}</span>
                    <input type="password" name="billing_password" autocomplete="off" required />
                </label>
                <label class="field">
                    <span>{text::NEW_PASSWORD}</span>
                    <input type="password" name="new_password" autocomplete="new-password"
                        minlength=MIN_PASSWORD_CHARS.to_string() required />
                    <small class="muted">{hint}</small>
                </label>
                {move || error().map(|e| view! {
                    <p class="form__error" role="alert" data-testid=testids::LINK_ERROR>{e.to_string()}</p>
                })}
                <button class="btn btn--primary" type="submit" disabled=move || link.pending().get()>
                    {move || if link.pending().get() { text::SUBMITTING } else { text::SUBMIT }}
                </button>
                <p class="muted small">{text::PRIVACY}</p>
            </ActionForm>
            <p class="muted">{text::HAVE_LOGIN}" "<a href=routes::LOGIN>{text::LOG_IN}</a></p>
        </section>
    }
}

super::lazy_page!(LinkRoute, LinkPage);
