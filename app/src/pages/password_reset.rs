//! "Forgot your password?": ask for a link by email, then choose a new password with it.

use crate::api::{RequestPasswordReset, ResetPassword};
use crate::domain::account::MIN_PASSWORD_CHARS;
use crate::{routes, testids};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

mod text {
    pub const FORGOT_TITLE: &str = "Forgot your password?";
    pub const FORGOT_LEAD: &str =
        "Enter the email you log in with. We will send you a link to choose a new password.";
    pub const EMAIL: &str = "Email";
    pub const SEND: &str = "Send the link";
    pub const SENDING: &str = "Sending…";
    pub const RESET_TITLE: &str = "Choose a new password";
    pub const RESET_LEAD: &str = "Setting it logs you out on every device.";
    pub const NEW_PASSWORD: &str = "New password";
    pub const SAVE: &str = "Set the new password";
    pub const SAVING: &str = "Saving…";
    pub const DONE: &str = "Your password is changed. Log in with it now.";
    pub const NO_TOKEN: &str =
        "This page needs the link from the email. Ask for a new one if it is lost.";
    pub const ASK_AGAIN: &str = "Ask for a new link";
    pub const BACK: &str = "Back to login";
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let ask = ServerAction::<RequestPasswordReset>::new();
    let result = move || ask.value().get();
    view! {
        <Title text=text::FORGOT_TITLE />
        <section class="panel narrow login">
            <h1>{text::FORGOT_TITLE}</h1>
            <p class="muted">{text::FORGOT_LEAD}</p>
            <ActionForm action=ask attr:class="form" attr:data-testid=testids::RESET_REQUEST_FORM>
                <label class="field">
                    <span>{text::EMAIL}</span>
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
                    {move || if ask.pending().get() { text::SENDING } else { text::SEND }}
                </button>
            </ActionForm>
            <p class="muted"><a href=routes::LOGIN>{text::BACK}</a></p>
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
        <Title text=text::RESET_TITLE />
        <section class="panel narrow login">
            <h1>{text::RESET_TITLE}</h1>
            {move || match outcome() {
                Some(Ok(())) => view! {
                    <p class="notice" role="status" data-testid=testids::RESET_MESSAGE>{text::DONE}</p>
                    <a class="btn btn--primary" href=routes::LOGIN>{text::BACK}</a>
                }.into_any(),
                _ if token().is_empty() => view! {
                    <p class="form__error" role="alert">{text::NO_TOKEN}</p>
                    <a href=routes::FORGOT_PASSWORD>{text::ASK_AGAIN}</a>
                }.into_any(),
                other => view! {
                    <p class="muted">{text::RESET_LEAD}</p>
                    <ActionForm action=reset attr:class="form" attr:data-testid=testids::RESET_FORM>
                        <input type="hidden" name="token" value=token />
                        <label class="field">
                            <span>{text::NEW_PASSWORD}</span>
                            <input type="password" name="new_password" autocomplete="new-password"
                                minlength=MIN_PASSWORD_CHARS.to_string() required />
                            <small class="muted">{format!("At least {MIN_PASSWORD_CHARS} characters.")}</small>
                        </label>
                        {other.and_then(Result::err).map(|e| view! {
                            <p class="form__error" role="alert" data-testid=testids::RESET_MESSAGE>{e.to_string()}</p>
                            <a href=routes::FORGOT_PASSWORD>{text::ASK_AGAIN}</a>
                        })}
                        <button class="btn btn--primary" type="submit" disabled=move || reset.pending().get()>
                            {move || if reset.pending().get() { text::SAVING } else { text::SAVE }}
                        </button>
                    </ActionForm>
                }.into_any(),
            }}
        </section>
    }
}

super::lazy_page!(ForgotPasswordRoute, ForgotPasswordPage);

super::lazy_page!(ResetPasswordRoute, ResetPasswordPage);
