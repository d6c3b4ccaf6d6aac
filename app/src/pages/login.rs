use crate::api::{get_demo_logins, password_reset_offered, Login};
use crate::{t, testids};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let error = move || login.value().get().and_then(Result::err);
    let demo = Resource::new(|| (), |_| get_demo_logins());
    let reset = Resource::new(|| (), |_| password_reset_offered());

    view! {
        <Title text=t!("portal-login-title") />
        <section class="panel narrow login">
            <h1>{t!("portal-login-heading")}</h1>
            <ActionForm action=login attr:data-testid=testids::LOGIN_FORM attr:class="form">
                <label class="field">
                    <span>{t!("portal-login-email")}</span>
                    <input type="email" name="email" autocomplete="username" required />
                </label>
                <label class="field">
                    <span>{t!("portal-login-password")}</span>
                    <input type="password" name="password" autocomplete="current-password" required />
                </label>
                {move || error().map(|e| view! {
                    <p class="form__error" role="alert" data-testid=testids::LOGIN_ERROR>{e.to_string()}</p>
                })}
                <button class="btn btn--primary" type="submit" disabled=move || login.pending().get()>
                    {move || if login.pending().get() { t!("portal-login-submitting") } else { t!("portal-login-submit") }}
                </button>
            </ActionForm>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    reset.await.ok().filter(|on| *on).map(|_| view! {
                        <p class="muted"><a href=crate::routes::FORGOT_PASSWORD data-testid=testids::FORGOT_LINK>{t!("portal-login-forgot")}</a></p>
                    })
                })}
            </Transition>
            <p class="muted">{t!("portal-login-new-here")}" "<a href=crate::routes::SIGNUP>{t!("portal-login-sign-up")}</a></p>
            <p class="muted">{t!("portal-login-first-time")}" "<a href=crate::routes::LINK data-testid=testids::LINK_PAGE>{t!("portal-login-link")}</a></p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    demo.await.ok().flatten().map(|d| view! {
                        <aside class="demo-hint" data-testid=testids::DEMO_LOGINS>
                            <p>{t!("portal-login-demo")}</p>
                            <ul>{d.emails.into_iter().map(|e| view! { <li class="mono">{e}</li> }).collect_view()}</ul>
                            <p>{t!("portal-login-demo-password")}" "<span class="mono">{d.password}</span></p>
                        </aside>
                    })
                })}
            </Transition>
        </section>
    }
}

super::lazy_page!(LoginRoute, LoginPage);
