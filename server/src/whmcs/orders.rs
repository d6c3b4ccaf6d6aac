//! Orders in WHMCS (contract B4–B6): AddOrder with the items as PHP arrays, AcceptOrder,
//! CancelOrder, GetOrders — and the lookup that keeps fulfilment from ever adding a second
//! order for one Salesforce order. AddOrder has no `notes`, so each service of the order
//! carries the Salesforce order id in a service custom field, written atomically with the
//! order; finding a service with that value means the order exists.

use super::client::{custom_fields, WhmcsClient, WhmcsError};
use crate::lenient;
use crate::upstream::CallKind as Kind;
use serde::Deserialize;
use serde_json::Value;

/// One line of an order: a WHMCS product at the price Salesforce sold it for.
#[derive(Debug, Clone)]
pub struct OrderLine {
    pub pid: u64,
    /// WHMCS's cycle name: `monthly`, `onetime`, …
    pub billing_cycle: String,
    pub price_yen: u64,
    /// The SIM's number (the service's MSISDN field), for a SIM line.
    pub msisdn: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedOrder {
    pub order_id: u64,
    pub service_ids: Vec<u64>,
    /// 0 when no invoice was made.
    pub invoice_id: u64,
}

#[derive(Deserialize)]
struct AddOrderReply {
    #[serde(deserialize_with = "lenient::u64_lenient")]
    orderid: u64,
    #[serde(default, deserialize_with = "lenient::string")]
    serviceids: String,
    // `productids` before WHMCS 7.8.
    #[serde(default, deserialize_with = "lenient::string")]
    productids: String,
    #[serde(default, deserialize_with = "lenient::u64_lenient")]
    invoiceid: u64,
}

/// An order as GetOrders lists it.
#[derive(Debug, Clone, Deserialize)]
pub struct WhmcsOrder {
    #[serde(deserialize_with = "lenient::u64_lenient")]
    pub id: u64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub status: String,
    #[serde(default, deserialize_with = "lenient::u64_lenient")]
    pub invoiceid: u64,
}

#[derive(Deserialize)]
struct OrdersPage {
    #[serde(default, deserialize_with = "lenient::wrapped_vec")]
    orders: Vec<WhmcsOrder>,
}

impl WhmcsClient {
    /// Adds a Pending order for `client_id` (sent once: after a lost answer, look for it with
    /// [`Self::order_for_reference`] before adding again). Every service carries `reference`
    /// (the Salesforce order id) in custom field `reference_field_id`.
    pub async fn add_order(
        &self,
        client_id: u64,
        gateway: &str,
        lines: &[OrderLine],
        reference_field_id: u64,
        reference: &str,
    ) -> Result<AddedOrder, WhmcsError> {
        let mut params: Vec<(String, String)> = vec![
            ("clientid".into(), client_id.to_string()),
            ("paymentmethod".into(), gateway.to_string()),
            ("noemail".into(), "true".into()),
        ];
        for (n, line) in lines.iter().enumerate() {
            let mut fields = vec![(reference_field_id, reference)];
            if let Some(m) = &line.msisdn {
                fields.push((self.msisdn_field_id(), m.as_str()));
            }
            params.extend([
                (format!("pid[{n}]"), line.pid.to_string()),
                (format!("qty[{n}]"), "1".to_string()),
                (format!("billingcycle[{n}]"), line.billing_cycle.clone()),
                (format!("customfields[{n}]"), custom_fields(&fields)),
                (
                    format!("priceoverride[{n}]"),
                    format!("{}.00", line.price_yen),
                ),
            ]);
        }
        let r: AddOrderReply = self.call("AddOrder", &params, Kind::Write).await?;
        let ids = if r.serviceids.is_empty() {
            r.productids
        } else {
            r.serviceids
        };
        Ok(AddedOrder {
            order_id: r.orderid,
            service_ids: ids
                .split(',')
                .filter_map(|s| s.trim().parse().ok())
                .collect(),
            invoice_id: r.invoiceid,
        })
    }

    /// Accepts a Pending order (its services become Active).
    pub async fn accept_order(&self, order_id: u64) -> Result<(), WhmcsError> {
        let _: Value = self
            .call(
                "AcceptOrder",
                &[
                    ("orderid", order_id.to_string()),
                    ("sendemail", "false".into()),
                ],
                Kind::Write,
            )
            .await?;
        Ok(())
    }

    /// Cancels a Pending order (compensation).
    pub async fn cancel_order(&self, order_id: u64) -> Result<(), WhmcsError> {
        let _: Value = self
            .call(
                "CancelOrder",
                &[
                    ("orderid", order_id.to_string()),
                    ("noemail", "true".into()),
                ],
                Kind::Write,
            )
            .await?;
        Ok(())
    }

    /// One order, if it exists.
    pub async fn get_order(&self, order_id: u64) -> Result<Option<WhmcsOrder>, WhmcsError> {
        let page: OrdersPage = self
            .call("GetOrders", &[("id", order_id.to_string())], Kind::Read)
            .await?;
        Ok(page.orders.into_iter().find(|o| o.id == order_id))
    }

    /// The order whose services carry `reference` in custom field `reference_field_id`, with
    /// its first service: `(order id, service id)`.
    pub async fn order_for_reference(
        &self,
        client_id: u64,
        reference_field_id: u64,
        reference: &str,
    ) -> Result<Option<(u64, u64)>, WhmcsError> {
        let services = self.get_clients_products(client_id, None).await?;
        Ok(services.iter().find_map(|p| {
            let order = p
                .customfields
                .iter()
                .any(|f| f.id == reference_field_id && lenient::decode_html(&f.value) == reference)
                .then(|| lenient::text(p.extra.get("orderid")))
                .flatten()
                .and_then(|o| o.trim().parse().ok())?;
            Some((order, p.id))
        }))
    }
}
