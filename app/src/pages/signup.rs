//! Sign-up for newcomers with the customer number from their contract (seed 004). Every
//! refusal names the field and says what to fix; on success the new customer is logged in
//! and sent to the address step.

use crate::api::{demo_customer_numbers, SignUpCustomer};
use crate::components::address_fields::{AddressFields, FieldError};
use crate::domain::account::MIN_PASSWORD_CHARS;
use crate::{routes, testids};
use leptos::prelude::*;
use leptos_meta::Title;

mod text {
    pub const TITLE: &str = "Sign up";
    pub const HEADING: &str = "Create your portal login";
    pub const LEAD: &str = "For SonixNet customers with a contract. You need the customer number printed on your contract or welcome letter.";
    pub const NUMBER: &str = "Customer number";
    pub const NAME: &str = "Full name";
    pub const EMAIL: &str = "Email";
    pub const PHONE: &str = "Phone";
    pub const PASSWORD: &str = "Password";
    pub const SUBMIT: &str = "Create my login";
    pub const SUBMITTING: &str = "Creating your login…";
    pub const DEMO: &str = "Demo customer numbers you can sign up with:";
    pub const HAVE_LOGIN: &str = "Already have a login?";
    pub const LOG_IN: &str = "Log in";
    pub const BILLING: &str = "Have a billing login but no customer number?";
    pub const LINK: &str = "Link your billing account";
}

#[component]
pub fn SignupPage() -> impl IntoView {
    let signup = ServerAction::<SignUpCustomer>::new();
    let error = Signal::derive(move || signup.value().get().and_then(Result::err));
    let demo = Resource::new(|| (), |_| demo_customer_numbers());
    let hint = format!("At least {MIN_PASSWORD_CHARS} characters, not your email.");
    view! {
        <Title text=text::TITLE />
        <section class="panel wide" data-testid=testids::SIGNUP_PAGE>
            <h1>{text::HEADING}</h1>
            <p class="muted">{text::LEAD}</p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    demo.await.ok().filter(|n| !n.is_empty()).map(|numbers| view! {
                        <aside class="demo-hint" data-testid=testids::DEMO_CUSTOMER_NUMBERS>
                            <p>{text::DEMO}</p>
                            <ul>{numbers.into_iter().map(|n| view! { <li class="mono">{n}</li> }).collect_view()}</ul>
                        </aside>
                    })
                })}
            </Transition>
            <ActionForm action=signup attr:data-testid=testids::SIGNUP_FORM attr:class="form">
                <div class="form__row">
                    <label class="field">
                        <span>{text::NUMBER}</span>
                        <input name="customer_number" autocomplete="off" placeholder="SNX-300101" required />
                        <FieldError error=error name="customerNumber" />
                    </label>
                    <label class="field">
                        <span>{text::NAME}</span>
                        <input name="name" autocomplete="name" placeholder="Aiko Tanaka" required />
                        <FieldError error=error name="name" />
                    </label>
                </div>
                <div class="form__row">
                    <label class="field">
                        <span>{text::EMAIL}</span>
                        <input type="email" name="email" autocomplete="email" required />
                        <FieldError error=error name="email" />
                    </label>
                    <label class="field">
                        <span>{text::PHONE}</span>
                        <input type="tel" name="phone" autocomplete="tel" placeholder="090-1234-5678" required />
                        <FieldError error=error name="phone" />
                    </label>
                </div>
                <div class="field">
                    <label for="signup-password">{text::PASSWORD}</label>
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
                        "Please check the field marked below its input."
                    </p>
                })}
                <button class="btn btn--primary" type="submit" disabled=move || signup.pending().get()>
                    {move || if signup.pending().get() { text::SUBMITTING } else { text::SUBMIT }}
                </button>
            </ActionForm>
            <p class="muted">{text::HAVE_LOGIN}" "<a href=routes::LOGIN>{text::LOG_IN}</a>
                " · "{text::BILLING}" "<a href=routes::LINK>{text::LINK}</a></p>
        </section>
    }
}

super::lazy_page!(SignupRoute, SignupPage);
