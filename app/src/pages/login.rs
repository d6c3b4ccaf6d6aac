use crate::api::{get_demo_logins, password_reset_offered, Login};
use crate::testids;
use leptos::prelude::*;
use leptos_meta::Title;

mod text {
    pub const TITLE: &str = "Log in";
    pub const HEADING: &str = "Log in to manage your SIMs";
    pub const EMAIL: &str = "Email";
    pub const PASSWORD: &str = "Password";
    pub const SUBMIT: &str = "Log in";
    pub const SUBMITTING: &str = "Logging in…";
    pub const DEMO: &str = "Demo accounts (simulated carrier and billing):";
    pub const DEMO_PASSWORD: &str = "Password:";
    pub const FIRST_TIME: &str = "First time here with an existing billing account?";
    pub const LINK: &str = "Set up your portal login";
    pub const FORGOT: &str = "Forgot your password?";
    pub const NEW_HERE: &str = "New customer with a customer number?";
    pub const SIGN_UP: &str = "Sign up";
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let error = move || login.value().get().and_then(Result::err);
    let demo = Resource::new(|| (), |_| get_demo_logins());
    let reset = Resource::new(|| (), |_| password_reset_offered());

    view! {
        <Title text=text::TITLE />
        <section class="panel narrow login">
            <h1>{text::HEADING}</h1>
            <ActionForm action=login attr:data-testid=testids::LOGIN_FORM attr:class="form">
                <label class="field">
                    <span>{text::EMAIL}</span>
                    <input type="email" name="email" autocomplete="username" required />
                </label>
                <label class="field">
                    <span>{text::PASSWORD}</span>
                    <input type="password" name="password" autocomplete="current-password" required />
                </label>
                {move || error().map(|e| view! {
                    <p class="form__error" role="alert" data-testid=testids::LOGIN_ERROR>{e.to_string()}</p>
                })}
                <button class="btn btn--primary" type="submit" disabled=move || login.pending().get()>
                    {move || if login.pending().get() { text::SUBMITTING } else { text::SUBMIT }}
                </button>
            </ActionForm>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    reset.await.ok().filter(|on| *on).map(|_| view! {
                        <p class="muted"><a href=crate::routes::FORGOT_PASSWORD data-testid=testids::FORGOT_LINK>{text::FORGOT}</a></p>
                    })
                })}
            </Transition>
            <p class="muted">{text::NEW_HERE}" "<a href=crate::routes::SIGNUP>{text::SIGN_UP}</a></p>
            <p class="muted">{text::FIRST_TIME}" "<a href=crate::routes::LINK data-testid=testids::LINK_PAGE>{text::LINK}</a></p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    demo.await.ok().flatten().map(|d| view! {
                        <aside class="demo-hint" data-testid=testids::DEMO_LOGINS>
                            <p>{text::DEMO}</p>
                            <ul>{d.emails.into_iter().map(|e| view! { <li class="mono">{e}</li> }).collect_view()}</ul>
                            <p>{text::DEMO_PASSWORD}" "<span class="mono">{d.password}</span></p>
                        </aside>
                    })
                })}
            </Transition>
        </section>
    }
}

super::lazy_page!(LoginRoute, LoginPage);
