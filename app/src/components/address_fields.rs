//! The address inputs of the sign-up form and the address step (names `postcode`,
//! `prefecture`, `city`, `line1`, `line2`, as both server functions take them), with the
//! error of the field a refusal names shown under it.

use crate::domain::signup::{Address, PREFECTURES};
use crate::domain::PortalError;
use crate::t;
use leptos::prelude::*;

/// The message to show under the input `name` (`address.postcode` errors go under
/// `postcode`), if the last error is about it.
pub fn error_for(error: Option<PortalError>, name: &str) -> Option<String> {
    let e = error?;
    let field = e.field()?;
    (field == name || field.strip_prefix("address.") == Some(name)).then(|| e.to_string())
}

#[component]
pub fn FieldError(
    #[prop(into)] error: Signal<Option<PortalError>>,
    name: &'static str,
) -> impl IntoView {
    move || {
        error_for(error.get(), name)
            .map(|m| view! { <small class="field__error" role="alert">{m}</small> })
    }
}

#[component]
pub fn AddressFields(
    #[prop(optional)] address: Option<Address>,
    #[prop(into)] error: Signal<Option<PortalError>>,
) -> impl IntoView {
    let a = address.unwrap_or_default();
    let chosen = a.prefecture.clone();
    view! {
        <fieldset class="form__group">
            <legend>{t!("portal-address-fields-legend")}</legend>
            <div class="form__row">
                <label class="field field--short">
                    <span>{t!("portal-address-fields-postcode")}</span>
                    <input name="postcode" inputmode="numeric" autocomplete="postal-code"
                        placeholder="150-0002" value=a.postcode required />
                    <FieldError error=error name="postcode" />
                </label>
                <label class="field">
                    <span>{t!("portal-address-fields-prefecture")}</span>
                    <select name="prefecture" autocomplete="address-level1" required>
                        <option value="" selected=chosen.is_empty()>{t!("portal-address-fields-choose")}</option>
                        {PREFECTURES.iter().map(|p| view! {
                            <option value=*p selected=chosen.eq_ignore_ascii_case(p)>{*p}</option>
                        }).collect_view()}
                    </select>
                    <FieldError error=error name="prefecture" />
                </label>
            </div>
            <label class="field">
                <span>{t!("portal-address-fields-city")}</span>
                <input name="city" autocomplete="address-level2" placeholder=t!("portal-address-fields-city-placeholder") value=a.city required />
                <FieldError error=error name="city" />
            </label>
            <label class="field">
                <span>{t!("portal-address-fields-line1")}</span>
                <input name="line1" autocomplete="address-line1" placeholder=t!("portal-address-fields-line1-placeholder") value=a.line1 required />
                <FieldError error=error name="line1" />
            </label>
            <label class="field">
                <span>{t!("portal-address-fields-line2")}<span class="muted">{t!("portal-address-fields-optional")}</span></span>
                <input name="line2" autocomplete="address-line2" placeholder=t!("portal-address-fields-line2-placeholder") value=a.line2 />
                <FieldError error=error name="line2" />
            </label>
        </fieldset>
    }
}
