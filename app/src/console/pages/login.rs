//! `/ops/login`: the staff login (a form post that works before hydration too).

use crate::console::api::{ops_demo_staff, OpsLogin};
use crate::t;
use crate::testids;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
fn OpsLoginPage() -> impl IntoView {
    let login = ServerAction::<OpsLogin>::new();
    let error = move || login.value().get().and_then(Result::err);
    let demo = Resource::new(|| (), |_| ops_demo_staff());
    view! {
        <Title text=t!("console-login-title") />
        <section class="panel narrow login">
            <h1>{t!("console-brand-sub")}</h1>
            <p class="muted">{t!("console-login-intro-before")}<a href=crate::routes::LOGIN>{t!("console-login-intro-link")}</a>{t!("console-login-intro-after")}</p>
            <ActionForm action=login attr:data-testid=testids::OPS_LOGIN_FORM attr:class="form">
                <label class="field">
                    <span>{t!("console-work-email")}</span>
                    <input type="email" name="email" autocomplete="username" required />
                </label>
                <label class="field">
                    <span>{t!("console-login-password")}</span>
                    <input type="password" name="password" autocomplete="current-password" required />
                </label>
                {move || error().map(|e| view! {
                    <p class="form__error" role="alert" data-testid=testids::OPS_LOGIN_ERROR>{e.to_string()}</p>
                })}
                <button class="btn btn--primary" type="submit" disabled=move || login.pending().get()>
                    {move || if login.pending().get() { t!("console-login-pending") } else { t!("console-login-button") }}
                </button>
            </ActionForm>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    demo.await.ok().flatten().map(|d| view! {
                        <aside class="demo-hint" data-testid=testids::OPS_DEMO_STAFF>
                            <p>{t!("console-login-demo")}</p>
                            <ul>{d.emails.into_iter().map(|e| view! { <li class="mono">{e}</li> }).collect_view()}</ul>
                            <p>{t!("console-login-demo-password")}<span class="mono">{d.password}</span></p>
                        </aside>
                    })
                })}
            </Transition>
        </section>
    }
}

crate::pages::lazy_page!(OpsLoginRoute, OpsLoginPage);
