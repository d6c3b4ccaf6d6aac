//! The customer's profile and payment methods, from billing (WHMCS is the source of truth
//! for the address). Cached per seed 001: the profile 30 minutes (forgotten when the address
//! changes), payment methods 15 minutes (forgotten when the customer goes to manage them).

use super::{store_error, whmcs_error};
use crate::cache::Cache;
use crate::lenient::decode_html;
use crate::store::{audit, Db};
use crate::whmcs::{ContactDetails, WhmcsClient};
use app::domain::signup::{
    validated_phone, Address, AddressChange, PaymentMethodsSummary, Profile,
};
use app::domain::{Customer, PortalError};
use app::ports::Profiles;
use async_trait::async_trait;
use std::time::Duration;

const PROFILE_TTL: Duration = Duration::from_secs(30 * 60);
const PAY_METHODS_TTL: Duration = Duration::from_secs(15 * 60);
/// The client area page where cards are added and removed.
pub const PAYMENT_METHODS_PATH: &str = "index.php?rp=/account/paymentmethods";

pub struct PortalProfiles {
    whmcs: WhmcsClient,
    cache: Cache,
    db: Db,
}

impl PortalProfiles {
    pub fn new(whmcs: WhmcsClient, cache: Cache, db: Db) -> Self {
        PortalProfiles { whmcs, cache, db }
    }

    async fn details(
        &self,
        customer: &Customer,
    ) -> Result<crate::whmcs::wire::Client, PortalError> {
        self.whmcs
            .get_clients_details(customer.whmcs_client_id)
            .await
            .map_err(whmcs_error)
    }
}

fn to_profile(c: &crate::whmcs::wire::Client) -> Profile {
    let address = Address {
        postcode: c.postcode.trim().to_string(),
        prefecture: decode_html(&c.state),
        city: decode_html(&c.city),
        line1: decode_html(&c.address1),
        line2: decode_html(&c.address2),
    };
    let first = decode_html(&c.firstname);
    let last = decode_html(&c.lastname);
    Profile {
        // A one-word name is stored as both names (see the sign-up rules).
        name: if first == last {
            first
        } else {
            format!("{first} {last}")
        },
        email: c.email.clone(),
        phone: c.phonenumber.trim().to_string(),
        address_complete: address.validated().is_ok(),
        address,
    }
}

#[async_trait]
impl Profiles for PortalProfiles {
    async fn profile(&self, customer: &Customer) -> Result<Profile, PortalError> {
        self.cache
            .get_or_load(
                customer.id,
                "profile",
                |_| PROFILE_TTL,
                || async { Ok(to_profile(&self.details(customer).await?)) },
            )
            .await
    }

    async fn change_address(
        &self,
        customer: &Customer,
        change: AddressChange,
    ) -> Result<Profile, PortalError> {
        let address = change.address.validated()?;
        let phone = change.phone.as_deref().map(validated_phone).transpose()?;
        // Live, not cached: the names and phone sent back must be billing's current ones.
        let current = self.details(customer).await?;
        let before = to_profile(&current);
        let contact = ContactDetails {
            firstname: decode_html(&current.firstname),
            lastname: decode_html(&current.lastname),
            address1: address.line1.clone(),
            address2: address.line2.clone(),
            city: address.city.clone(),
            state: address.prefecture.clone(),
            postcode: address.postcode.clone(),
            country: "JP".into(),
            phonenumber: phone.clone().unwrap_or_else(|| current.phonenumber.clone()),
        };
        let result = self
            .whmcs
            .update_client(customer.whmcs_client_id, &contact)
            .await;
        // Whatever billing answered, the cached copy may be stale now.
        self.cache.forget(customer.id).await;
        result.map_err(|e| match e {
            crate::whmcs::WhmcsError::Api { message, .. }
                if message.to_lowercase().contains("phone") =>
            {
                PortalError::invalid("phone", app::t!("portal-signup-phone-invalid"))
            }
            e => whmcs_error(e),
        })?;
        audit::record(
            &self.db,
            Some(customer.id),
            None,
            "address_changed",
            &format!(
                "address {} {} → {} {}",
                before.address.postcode,
                before.address.prefecture,
                address.postcode,
                address.prefecture
            ),
        )
        .await
        .map_err(store_error)?;
        self.profile(customer).await
    }

    async fn payment_methods(
        &self,
        customer: &Customer,
    ) -> Result<PaymentMethodsSummary, PortalError> {
        self.cache
            .get_or_load(
                customer.id,
                "pay-methods",
                |_| PAY_METHODS_TTL,
                || async {
                    let methods = self
                        .whmcs
                        .get_pay_methods(customer.whmcs_client_id)
                        .await
                        .map_err(whmcs_error)?;
                    Ok(PaymentMethodsSummary {
                        has_payment_method: !methods.is_empty(),
                        count: u32::try_from(methods.len()).unwrap_or(u32::MAX),
                        description: methods
                            .first()
                            .map(|m| decode_html(&m.description))
                            .filter(|d| !d.is_empty()),
                    })
                },
            )
            .await
    }

    async fn payment_methods_link(&self, customer: &Customer) -> Result<String, PortalError> {
        let sso = self
            .whmcs
            .create_sso_token(customer.whmcs_client_id, Some(PAYMENT_METHODS_PATH))
            .await
            .map_err(whmcs_error)?;
        // The customer is about to change their cards: read them again when they are back.
        self.cache.forget(customer.id).await;
        Ok(sso.redirect_url)
    }
}
