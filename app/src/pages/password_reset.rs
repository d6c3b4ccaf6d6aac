//! "Forgot your password?": ask for a link by email, then choose a new password with it.

use crate::api::{RequestPasswordReset, ResetPassword};
use crate::domain::account::MIN_PASSWORD_CHARS;
use crate::{routes, t, testids};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let ask = ServerAction::<RequestPasswordReset>::new();
    let result = move || ask.value().get();
    view! {
        <Title text=t!("portal-forgot-title") />
        <section class="panel narrow login">
            <h1>{t!("portal-forgot-title")}</h1>
            <p class="muted">{t!("portal-forgot-lead")}</p>
            <ActionForm action=ask attr:class="form" attr:data-testid=testids::RESET_REQUEST_FORM>
                <label class="field">
                    <span>{t!("portal-forgot-email")}</span>
                    <input type="email" name="email" autocomplete="username" required />
                </label>
                {move || match result() {
                    Some(Ok(message)) => Some(view! {
                        <p class="notice" role="status" data-testid=testids::RESET_MESSAGE>{message}</p>
                    }.into_any()),
                    Some(Err(e)) => Some(view! {
                        <p class="form__error" role="alert" data-testid=testids::RESET_MESSAGE>{e.to_string()}</p>
                    }.into_any()),
                    None => None,
                }}
                <button class="btn btn--primary" type="submit" disabled=move || ask.pending().get()>
                    {move || if ask.pending().get() { t!("portal-forgot-sending") } else { t!("portal-forgot-send") }}
                </button>
            </ActionForm>
            <p class="muted"><a href=routes::LOGIN>{t!("portal-reset-back")}</a></p>
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let reset = ServerAction::<ResetPassword>::new();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let outcome = move || reset.value().get();
    view! {
        <Title text=t!("portal-reset-title") />
        <section class="panel narrow login">
            <h1>{t!("portal-reset-title")}</h1>
            {move || match outcome() {
                Some(Ok(())) => view! {
                    <p class="notice" role="status" data-testid=testids::RESET_MESSAGE>{t!("portal-reset-done")}</p>
                    <a class="btn btn--primary" href=routes::LOGIN>{t!("portal-reset-back")}</a>
                }.into_any(),
                _ if token().is_empty() => view! {
                    <p class="form__error" role="alert">{t!("portal-reset-no-token")}</p>
                    <a href=routes::FORGOT_PASSWORD>{t!("portal-reset-ask-again")}</a>
                }.into_any(),
                other => view! {
                    <p class="muted">{t!("portal-reset-lead")}</p>
                    <ActionForm action=reset attr:class="form" attr:data-testid=testids::RESET_FORM>
                        <input type="hidden" name="token" value=token />
                        <label class="field">
                            <span>{t!("portal-reset-new-password")}</span>
                            <input type="password" name="new_password" autocomplete="new-password"
                                minlength=MIN_PASSWORD_CHARS.to_string() required />
                            <small class="muted">{t!("portal-password-hint", min = MIN_PASSWORD_CHARS.to_string())}</small>
                        </label>
                        {other.and_then(Result::err).map(|e| view! {
                            <p class="form__error" role="alert" data-testid=testids::RESET_MESSAGE>{e.to_string()}</p>
                            <a href=routes::FORGOT_PASSWORD>{t!("portal-reset-ask-again")}</a>
                        })}
                        <button class="btn btn--primary" type="submit" disabled=move || reset.pending().get()>
                            {move || if reset.pending().get() { t!("portal-reset-saving") } else { t!("portal-reset-save") }}
                        </button>
                    </ActionForm>
                }.into_any(),
            }}
        </section>
    }
}

super::lazy_page!(ForgotPasswordRoute, ForgotPasswordPage);

super::lazy_page!(ResetPasswordRoute, ResetPasswordPage);
