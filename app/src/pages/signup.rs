//! Sign-up for newcomers with the customer number from their contract (seed 004). Every
//! refusal names the field and says what to fix; on success the new customer is logged in
//! and sent to the address step.

use crate::api::{demo_customer_numbers, SignUpCustomer};
use crate::components::address_fields::{AddressFields, FieldError};
use crate::domain::account::MIN_PASSWORD_CHARS;
use crate::{routes, t, testids};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignupPage() -> impl IntoView {
    let signup = ServerAction::<SignUpCustomer>::new();
    let error = Signal::derive(move || signup.value().get().and_then(Result::err));
    let demo = Resource::new(|| (), |_| demo_customer_numbers());
    let hint = t!(
        "portal-signup-password-hint",
        min = MIN_PASSWORD_CHARS.to_string()
    );
    view! {
        <Title text=t!("portal-signup-title") />
        <section class="panel wide" data-testid=testids::SIGNUP_PAGE>
            <h1>{t!("portal-signup-heading")}</h1>
            <p class="muted">{t!("portal-signup-lead")}</p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    demo.await.ok().filter(|n| !n.is_empty()).map(|numbers| view! {
                        <aside class="demo-hint" data-testid=testids::DEMO_CUSTOMER_NUMBERS>
                            <p>{t!("portal-signup-demo")}</p>
                            <ul>{numbers.into_iter().map(|n| view! { <li class="mono">{n}</li> }).collect_view()}</ul>
                        </aside>
                    })
                })}
            </Transition>
            <ActionForm action=signup attr:data-testid=testids::SIGNUP_FORM attr:class="form">
                <div class="form__row">
                    <label class="field">
                        <span>{t!("portal-signup-number")}</span>
                        <input name="customer_number" autocomplete="off" placeholder="SNX-300101" required />
                        <FieldError error=error name="customerNumber" />
                    </label>
                    <label class="field">
                        <span>{t!("portal-signup-name")}</span>
                        <input name="name" autocomplete="name" placeholder=t!("portal-signup-name-placeholder") required />
                        <FieldError error=error name="name" />
                    </label>
                </div>
                <div class="form__row">
                    <label class="field">
                        <span>{t!("portal-signup-email")}</span>
                        <input type="email" name="email" autocomplete="email" required />
                        <FieldError error=error name="email" />
                    </label>
                    <label class="field">
                        <span>{t!("portal-signup-phone")}</span>
                        <input type="tel" name="phone" autocomplete="tel" placeholder="090-1234-5678" required />
                        <FieldError error=error name="phone" />
                    </label>
                </div>
                <div class="field">
                    <label for="signup-password">{t!("portal-signup-password")}</label>
                    <input id="signup-password" type="password" name="password" autocomplete="new-password"
                        aria-describedby="signup-password-hint" minlength=MIN_PASSWORD_CHARS.to_string() required />
                    <small id="signup-password-hint" class="muted">{hint}</small>
                    <FieldError error=error name="password" />
                </div>
                <AddressFields error=error />
                {move || error.get().filter(|e| e.field().is_none()).map(|e| view! {
                    <p class="form__error" role="alert" data-testid=testids::SIGNUP_ERROR>{e.to_string()}</p>
                })}
                {move || error.get().filter(|e| e.field().is_some()).map(|_| view! {
                    <p class="form__error" role="alert" data-testid=testids::SIGNUP_ERROR>
                        {t!("portal-signup-check-field")}
                    </p>
                })}
                <button class="btn btn--primary" type="submit" disabled=move || signup.pending().get()>
                    {move || if signup.pending().get() { t!("portal-signup-submitting") } else { t!("portal-signup-submit") }}
                </button>
            </ActionForm>
            <p class="muted">{t!("portal-signup-have-login")}" "<a href=routes::LOGIN>{t!("portal-signup-log-in")}</a>
                " · "{t!("portal-signup-billing")}" "<a href=routes::LINK>{t!("portal-signup-link")}</a></p>
        </section>
    }
}

super::lazy_page!(SignupRoute, SignupPage);
