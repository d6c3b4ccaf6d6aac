//! The address step: right after sign-up (`?welcome=1`: check the address billing now has,
//! then go on to the SIMs) and from the account page (edit it). Billing (WHMCS) keeps it.

use crate::api::{get_profile, ChangeAddress};
use crate::components::address_fields::{AddressFields, FieldError};
use crate::components::status::{ErrorPanel, LoginRedirect};
use crate::domain::PortalError;
use crate::{routes, t, testids};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AddressPage() -> impl IntoView {
    let welcome = use_query_map().with_untracked(|q| q.get("welcome").is_some());
    let save = ServerAction::<ChangeAddress>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let saved = move || save.value().get().is_some_and(|r| r.is_ok());
    let profile = Resource::new(|| (), |_| get_profile());
    let (title, lead, submit) = if welcome {
        (
            t!("portal-address-welcome-title"),
            t!("portal-address-welcome-lead"),
            t!("portal-address-welcome-submit"),
        )
    } else {
        (
            t!("portal-address-title"),
            t!("portal-address-lead"),
            t!("portal-address-submit"),
        )
    };
    let submit = StoredValue::new(submit);
    view! {
        <Title text=title.clone() />
        {(!welcome).then(|| view! { <a class="back" href=routes::ACCOUNT>{t!("portal-address-back")}</a> })}
        <section class="panel wide">
            <h1>{title}</h1>
            <p class="muted">{lead}</p>
            <Transition fallback=|| view! { <p class="muted">{t!("portal-address-loading")}</p> }>
                {move || Suspend::new(async move {
                    match profile.await {
                        Ok(p) => view! {
                            <ActionForm action=save attr:data-testid=testids::ADDRESS_FORM attr:class="form">
                                {welcome.then(|| view! { <input type="hidden" name="welcome" value="1" /> })}
                                <AddressFields address=p.address error=error />
                                <label class="field field--short">
                                    <span>{t!("portal-address-phone")}</span>
                                    <input type="tel" name="phone" autocomplete="tel" value=p.phone required />
                                    <FieldError error=error name="phone" />
                                </label>
                                {move || error.get().filter(|e| e.field().is_none()).map(|e| view! {
                                    <p class="form__error" role="alert">{e.to_string()}</p>
                                })}
                                {move || saved().then(|| view! {
                                    <p class="notice notice--ok" role="status" data-testid=testids::ADDRESS_SAVED>{t!("portal-address-saved")}</p>
                                })}
                                <div class="form__actions">
                                    <button class="btn btn--primary" type="submit" disabled=move || save.pending().get()>
                                        {move || if save.pending().get() { t!("portal-address-saving") } else { submit.get_value() }}
                                    </button>
                                </div>
                            </ActionForm>
                        }.into_any(),
                        Err(PortalError::Unauthorized) => view! { <LoginRedirect /> }.into_any(),
                        Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

super::lazy_page!(AddressRoute, AddressPage);
