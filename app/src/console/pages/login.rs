//! `/ops/login`: the staff login (a form post that works before hydration too).

use crate::console::api::{ops_demo_staff, OpsLogin};
use crate::testids;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
fn OpsLoginPage() -> impl IntoView {
    let login = ServerAction::<OpsLogin>::new();
    let error = move || login.value().get().and_then(Result::err);
    let demo = Resource::new(|| (), |_| ops_demo_staff());
    view! {
        <Title text="Staff login" />
        <section class="panel narrow login">
            <h1>"Operator console"</h1>
            <p class="muted">"For SonixNet staff. Customers log in at "<a href=crate::routes::LOGIN>"the customer portal"</a>"."</p>
            <ActionForm action=login attr:data-testid=testids::OPS_LOGIN_FORM attr:class="form">
                <label class="field">
                    <span>"Work email"</span>
                    <input type="email" name="email" autocomplete="username" required />
                </label>
                <label class="field">
                    <span>"Password"</span>
                    <input type="password" name="password" autocomplete="current-password" required />
                </label>
                {move || error().map(|e| view! {
                    <p class="form__error" role="alert" data-testid=testids::OPS_LOGIN_ERROR>{e.to_string()}</p>
                })}
                <button class="btn btn--primary" type="submit" disabled=move || login.pending().get()>
                    {move || if login.pending().get() { "Logging in…" } else { "Log in" }}
                </button>
            </ActionForm>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    demo.await.ok().flatten().map(|d| view! {
                        <aside class="demo-hint" data-testid=testids::OPS_DEMO_STAFF>
                            <p>"Demo staff (one per role: admin, support, viewer):"</p>
                            <ul>{d.emails.into_iter().map(|e| view! { <li class="mono">{e}</li> }).collect_view()}</ul>
                            <p>"Password: "<span class="mono">{d.password}</span></p>
                        </aside>
                    })
                })}
            </Transition>
        </section>
    }
}

crate::pages::lazy_page!(OpsLoginRoute, OpsLoginPage);
