// Forms post one field per input: the sign-up and address functions take them all.
#![allow(clippy::too_many_arguments)]

use crate::domain::signup::{PaymentMethodsSummary, Profile};
use crate::domain::PortalError;
use leptos::prelude::*;

/// Signs a newcomer up with their customer number, logs them in and sends them to the
/// address step.
#[server(prefix = "/api/fn", endpoint = "sign_up")]
pub async fn sign_up_customer(
    customer_number: String,
    email: String,
    password: String,
    name: String,
    phone: String,
    postcode: String,
    prefecture: String,
    city: String,
    line1: String,
    line2: String,
) -> Result<(), PortalError> {
    use super::ctx;
    use crate::domain::signup::{Address, SignUp};
    let ports = ctx::ports()?;
    let form = SignUp {
        customer_number,
        email,
        password,
        name,
        phone,
        address: Address {
            postcode,
            prefecture,
            city,
            line1,
            line2,
        },
    };
    let session = ctx::with_status(ports.accounts.sign_up(&form, &ctx::client()).await)?;
    ctx::start_session_at(&session, ports.secure_cookies, crate::routes::WELCOME);
    Ok(())
}

/// Customer numbers a visitor of the demo can sign up with (empty outside the demo).
#[server(prefix = "/api/fn", endpoint = "demo_customer_numbers")]
pub async fn demo_customer_numbers() -> Result<Vec<String>, PortalError> {
    Ok(super::ctx::ports()?.demo_customer_numbers)
}

#[server(prefix = "/api/fn", endpoint = "get_profile")]
pub async fn get_profile() -> Result<Profile, PortalError> {
    use super::ctx;
    let customer = ctx::with_status(ctx::customer().await)?;
    ctx::with_status(ctx::ports()?.profiles.profile(&customer).await)
}

/// Saves the address (and phone) in billing; after the welcome step, goes on to the SIMs.
#[server(prefix = "/api/fn", endpoint = "change_address")]
pub async fn change_address(
    postcode: String,
    prefecture: String,
    city: String,
    line1: String,
    line2: String,
    phone: String,
    welcome: Option<String>,
) -> Result<Profile, PortalError> {
    use super::ctx;
    use crate::domain::signup::{Address, AddressChange};
    let customer = ctx::with_status(ctx::customer().await)?;
    let change = AddressChange {
        address: Address {
            postcode,
            prefecture,
            city,
            line1,
            line2,
        },
        phone: Some(phone),
    };
    let profile = ctx::with_status(
        ctx::ports()?
            .profiles
            .change_address(&customer, change)
            .await,
    )?;
    if welcome.is_some() {
        leptos_axum::redirect(crate::routes::SUBSCRIPTIONS);
    }
    Ok(profile)
}

#[server(prefix = "/api/fn", endpoint = "get_payment_methods")]
pub async fn get_payment_methods() -> Result<PaymentMethodsSummary, PortalError> {
    use super::ctx;
    let customer = ctx::with_status(ctx::customer().await)?;
    ctx::with_status(ctx::ports()?.profiles.payment_methods(&customer).await)
}

/// A single-use sign-in link into billing's payment methods page, minted at click time.
#[server(prefix = "/api/fn", endpoint = "payment_methods_link")]
pub async fn payment_methods_link() -> Result<String, PortalError> {
    use super::ctx;
    let customer = ctx::with_status(ctx::customer().await)?;
    ctx::with_status(ctx::ports()?.profiles.payment_methods_link(&customer).await)
}
