//! Checkout (seed 004 phase 4, phase 6 "cart hash idempotency"): the cart is priced against
//! the customer's catalog, gated on a payment method and a complete address, and written to
//! Salesforce as one Order with its items. The order row is inserted first under the cart
//! key (sha256 of customer and normalised cart), so a double submit, a retry or twenty
//! concurrent submits find that row instead of writing a second Salesforce order; the key is
//! also stored on the Salesforce order, so a create whose answer was lost is found there.

use super::{order_view, PortalShop};
use crate::portal::signup::salesforce_error;
use crate::portal::{store_error, whmcs_error};
use crate::salesforce::orders::{NewOrder as SfNewOrder, NewOrderItem};
use crate::store::orders::{self, NewOrder, Step};
use crate::store::signups::now_ms;
use app::domain::catalog::{quote, Cart, CatalogView, Quote};
use app::domain::orders::{OrderState, OrderView};
use app::domain::{Customer, PortalError};
use sha2::{Digest, Sha256};
use std::time::Duration;

/// The Salesforce status of a new order (a custom status of the Draft category).
pub const PENDING_REVIEW: &str = "Pending Review";
/// How long a second submit waits for the first one's Salesforce write.
const WAIT_FOR_FIRST: Duration = Duration::from_secs(15);

/// The idempotency key of `customer` checking out `quote` (options normalised, add-ons in
/// cart order as priced).
pub fn cart_key(customer: i64, quote: &Quote) -> String {
    let mut h = Sha256::new();
    h.update(customer.to_be_bytes());
    for line in &quote.lines {
        h.update(line.sku.as_bytes());
        h.update([0]);
        for (k, v) in &line.options {
            h.update(k.as_bytes());
            h.update([1]);
            h.update(v.as_bytes());
            h.update([2]);
        }
        h.update([3]);
    }
    hex::encode(h.finalize())
}

fn invalid((field, message): (String, String)) -> PortalError {
    PortalError::Invalid { field, message }
}

impl PortalShop {
    pub(super) async fn place(
        &self,
        customer: &Customer,
        cart: Cart,
    ) -> Result<OrderView, PortalError> {
        let items = self.items_for(customer).await?;
        let catalog = CatalogView {
            products: items.iter().map(|i| i.product.clone()).collect(),
        };
        let mut cart = cart;
        cart.add_ons.sort();
        let quote = quote(&catalog, &cart).map_err(invalid)?;
        let key = cart_key(customer.id, &quote);
        if let Some(existing) = self.existing(&key).await? {
            return Ok(existing);
        }
        // Gates: a payment method (read live, not cached: the customer may have just added
        // one) and a complete address to snapshot.
        let methods = self
            .whmcs
            .get_pay_methods(customer.whmcs_client_id)
            .await
            .map_err(whmcs_error)?;
        if methods.is_empty() {
            return Err(PortalError::PaymentRequired {
                message: app::t!("portal-order-payment-required"),
                pay_url: Some("/api/billing/payment-methods/manage".into()),
                pay_label: Some(app::t!("portal-add-payment-method")),
            });
        }
        let client = self
            .whmcs
            .get_clients_details(customer.whmcs_client_id)
            .await
            .map_err(whmcs_error)?;
        let address = [
            client.address1.trim(),
            client.address2.trim(),
            client.city.trim(),
            client.state.trim(),
            client.postcode.trim(),
            client.country.trim(),
        ]
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| crate::lenient::decode_html(p))
        .collect::<Vec<_>>()
        .join(", ");
        if client.address1.trim().is_empty() || client.postcode.trim().is_empty() {
            return Err(PortalError::Invalid {
                field: "address".into(),
                message: app::t!("portal-order-address-required"),
            });
        }
        let account = self.account(customer).await?;
        let id = format!("ord{}", hex::encode(rand::random::<[u8; 12]>()));
        let lease = crate::portal::accounts::new_token();
        let quote_json = serde_json::to_string(&quote).map_err(|_| PortalError::Internal)?;
        let inserted = orders::insert(
            &self.db,
            NewOrder {
                id: &id,
                customer_id: customer.id,
                salesforce_account_id: &account,
                cart_key: &key,
                quote: &quote_json,
                address: &address,
            },
            &lease,
            now_ms() + self.settings.lease_ms,
        )
        .await
        .map_err(store_error)?;
        if !inserted {
            // Another submit of the same cart got there first.
            return self.existing(&key).await?.ok_or(PortalError::Internal);
        }
        let pricebook = items
            .first()
            .map(|i| i.pricebook_id.clone())
            .unwrap_or_default();
        let sf_items = quote
            .lines
            .iter()
            .map(|l| {
                let entry = items
                    .iter()
                    .find(|i| i.product.sku == l.sku)
                    .map(|i| i.entry_id.clone())
                    .unwrap_or_default();
                NewOrderItem {
                    pricebook_entry_id: entry,
                    quantity: 1,
                    unit_price: l.price_yen as f64,
                    billing_cycle: l.cycle.label().to_string(),
                    options_json: serde_json::to_string(&l.options).unwrap_or_default(),
                }
            })
            .collect();
        let order = SfNewOrder {
            account_id: account.clone(),
            pricebook_id: pricebook,
            effective_date: app::domain::dates::jst_date(chrono::Utc::now().timestamp())
                .format("%Y-%m-%d")
                .to_string(),
            status: PENDING_REVIEW.into(),
            cart_key: key.clone(),
            description: format!("Address: {address}"),
            items: sf_items,
        };
        // An earlier attempt at this very checkout may have written the order and died before
        // recording it: use that one.
        let earlier = self.unrecorded_order(&account, &key).await?;
        let created = match earlier {
            Some(found) => Ok(found),
            None => self.salesforce.create_order(&order).await,
        };
        let created = match created {
            Ok(id) => Ok(id),
            // The answer may have been lost after Salesforce wrote the order: look for it.
            Err(e) if e.is_transient() => match self.unrecorded_order(&account, &key).await {
                Ok(Some(found)) => Ok(found),
                _ => Err(e),
            },
            Err(e) => Err(e),
        };
        let sf_id = match created {
            Ok(id) => id,
            Err(e) => {
                orders::discard(&self.db, &id).await.map_err(store_error)?;
                return Err(match e.code() {
                    Some("FIELD_INTEGRITY_EXCEPTION") | Some("INVALID_CROSS_REFERENCE_KEY") => {
                        tracing::error!(error = %e, "Salesforce refused an order the catalog offered");
                        self.invalidate_catalog().await;
                        PortalError::Conflict(app::t!("portal-order-product-changed"))
                    }
                    _ => salesforce_error(e),
                });
            }
        };
        let number = self
            .salesforce
            .order(&sf_id)
            .await
            .ok()
            .flatten()
            .and_then(|o| o.order_number);
        orders::advance(
            &self.db,
            &id,
            &lease,
            0,
            Step {
                state: Some(OrderState::Submitted.as_str()),
                sf_order_id: Some(&sf_id),
                sf_order_number: number.as_deref(),
                ..Step::default()
            },
        )
        .await
        .map_err(store_error)?;
        crate::store::audit::record(
            &self.db,
            Some(customer.id),
            None,
            "order.submitted",
            &format!(
                "Order {} submitted: {}",
                number.as_deref().unwrap_or(&sf_id),
                quote.service().name
            ),
        )
        .await
        .ok();
        let row = orders::get(&self.db, &id)
            .await
            .map_err(store_error)?
            .ok_or(PortalError::Internal)?;
        Ok(order_view(&row))
    }

    /// The newest Salesforce order of this checkout that no portal order knows yet (one an
    /// earlier attempt wrote before its answer was lost or its instance died).
    async fn unrecorded_order(
        &self,
        account: &str,
        key: &str,
    ) -> Result<Option<String>, PortalError> {
        let found = self
            .salesforce
            .orders_by_cart_key(account, key)
            .await
            .map_err(salesforce_error)?;
        for o in found {
            if orders::by_sf_order(&self.db, &o.id)
                .await
                .map_err(store_error)?
                .is_none()
            {
                return Ok(Some(o.id));
            }
        }
        Ok(None)
    }

    /// The open order under `key`, once it has left `creating` (waiting for a concurrent
    /// first submit to finish its Salesforce write).
    async fn existing(&self, key: &str) -> Result<Option<OrderView>, PortalError> {
        let deadline = tokio::time::Instant::now() + WAIT_FOR_FIRST;
        loop {
            match orders::by_cart_key(&self.db, key)
                .await
                .map_err(store_error)?
            {
                None => return Ok(None),
                Some(row)
                    if row.state == "creating"
                        && orders::drop_stale_creating(&self.db, key, now_ms())
                            .await
                            .map_err(store_error)? =>
                {
                    tracing::warn!(order = row.id, "a checkout left unfinished is taken over");
                    return Ok(None);
                }
                Some(row) if row.state != "creating" => return Ok(Some(order_view(&row))),
                Some(_) if tokio::time::Instant::now() >= deadline => {
                    return Err(PortalError::Conflict(app::t!(
                        "portal-order-still-submitting"
                    )))
                }
                Some(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }
}
