//! The eSIM Go order: sent once its attempt is written, found again among the orders placed
//! since when the answer was lost, then delivered (eSIMs recorded, order completed, email).

use super::*;

impl PurchaseSaga {
    /// Sends the transaction, with its attempt written first.
    pub(super) async fn place(&self, row: &OrderRow, token: &str) -> Result<Step, StoreError> {
        let change = Change {
            esimgo_attempt_ms: Some(now_ms()),
            attempts: Some(row.attempts + 1),
            ..Change::default()
        };
        let Some(row) = self.step_to(row, token, State::Ordering, change).await? else {
            return Ok(Step::Stop);
        };
        match self.esimgo.place_order(&lines(&row)).await {
            Ok(placed) => self.ordered(&row, token, &placed.reference).await,
            // Refused on its merits (bundle withdrawn, balance): no order exists.
            Err(EsimGoError::Rejected { message, .. }) => {
                self.to_refund(&row, token, "store-failure-refunded-unsupplied", message)
                    .await
            }
            Err(e) => {
                let wait = self.backoff_ms(row.attempts);
                self.later(&row, token, wait, e.to_string()).await
            }
        }
    }

    /// `ordering` found again: the last transaction may have worked without us hearing it.
    pub(super) async fn find_or_place(
        &self,
        row: &OrderRow,
        token: &str,
    ) -> Result<Step, StoreError> {
        let since_ms = row.esimgo_attempt_ms.unwrap_or(row.created_at * 1000) - CLOCK_SLACK_MS;
        let since = chrono::DateTime::from_timestamp_millis(since_ms).unwrap_or_default();
        let listed = match self.esimgo.orders_since(since).await {
            Ok(list) => list,
            Err(e) => {
                let wait = self.backoff_ms(row.attempts);
                return self.later(row, token, wait, e.to_string()).await;
            }
        };
        for placed in listed.iter().filter(|o| same_order(row, o)) {
            if !orders::reference_taken(&self.db, &placed.reference, row.id).await? {
                tracing::info!(
                    id = row.id,
                    reference = placed.reference,
                    "found the eSIM Go order of a lost answer"
                );
                return self.ordered(row, token, &placed.reference).await;
            }
        }
        if row.attempts >= self.cfg.max_order_attempts {
            return self
                .to_refund(
                    row,
                    token,
                    "store-failure-refunded-not-taken",
                    format!("no order after {} attempts", row.attempts),
                )
                .await;
        }
        let Some(row) = self
            .step_to(row, token, State::Paid, Change::default())
            .await?
        else {
            return Ok(Step::Stop);
        };
        self.place(&row, token).await
    }

    pub(super) async fn ordered(
        &self,
        row: &OrderRow,
        token: &str,
        reference: &str,
    ) -> Result<Step, StoreError> {
        let change = Change {
            esimgo_reference: Some(reference.to_string()),
            next_attempt_ms: Some(Some(now_ms())),
            ..Change::default()
        };
        match self.go(row, token, State::Ordered, change).await {
            Ok(true) => Ok(Step::Continue),
            Ok(false) => Ok(Step::Stop),
            // Another store order holds this reference: never two for one eSIM Go order.
            Err(StoreError::Sqlx(sqlx::Error::Database(e))) if e.is_unique_violation() => {
                self.later(
                    row,
                    token,
                    self.backoff_ms(0),
                    format!("reference {reference} already claimed"),
                )
                .await
            }
            Err(e) => Err(e),
        }
    }

    /// Reads what the order made, records it and completes the order with its email.
    pub(super) async fn deliver(&self, row: &OrderRow, token: &str) -> Result<Step, StoreError> {
        let Some(reference) = row.esimgo_reference.clone() else {
            return self
                .to_failed(row, token, "ordered without a reference")
                .await;
        };
        let esims = if row.iccid.is_some() {
            Vec::new()
        } else {
            match self.esimgo.install_data(&reference).await {
                Ok(esims) if i64::try_from(esims.len()).ok() == Some(row.quantity) => esims,
                Ok(esims) => {
                    let why = format!("{} of {} eSIMs listed so far", esims.len(), row.quantity);
                    return self.later(row, token, self.backoff_ms(0), why).await;
                }
                Err(e) => {
                    return self
                        .later(row, token, self.backoff_ms(0), e.to_string())
                        .await
                }
            }
        };
        // Tags each eSIM with the order (idempotent; a failure is only logged: eSIM Go's
        // reference ties them to the order already).
        for e in &esims {
            if let Err(err) = self
                .esimgo
                .set_customer_ref(&e.iccid, &row.id.to_string())
                .await
            {
                tracing::warn!(error = %err, iccid = e.iccid, "could not tag an eSIM with its order");
            }
        }
        let email = crate::store::customers::find_by_id(&self.db, row.customer_id)
            .await?
            .map(|c| c.email);
        let lang = crate::emails::lang_of(&self.db, row.customer_id).await;
        let mut tx = crate::store::begin_write(&self.db).await?;
        let new: Vec<orders::NewEsim> = esims
            .iter()
            .map(|e| orders::NewEsim {
                iccid: &e.iccid,
                smdp_host: &e.smdp_host,
                matching_id: &e.matching_id,
            })
            .collect();
        orders::add_esims(&mut tx, row.customer_id, row.id, &new).await?;
        let moved = orders::transition(
            &mut *tx,
            row.id,
            token,
            State::Ordered,
            State::Completed,
            done(),
            self.lease_until(),
        )
        .await?;
        if !moved {
            return Ok(Step::Stop);
        }
        if let Some(to) = email {
            let mail = crate::emails::store_order_ready(
                lang,
                &row.plan_description,
                row.quantity.unsigned_abs(),
                row.iccid.as_deref(),
                row.amount_jpy.unsigned_abs(),
                &format!(
                    "{}/store/orders/{}",
                    self.public_base.trim_end_matches('/'),
                    row.id
                ),
            );
            crate::store::outbox::enqueue(&mut *tx, mail.to(&to, None)).await?;
        }
        tx.commit().await?;
        tracing::info!(id = row.id, reference, "store order completed");
        let iccids: Vec<String> = match &row.iccid {
            Some(i) => vec![i.clone()],
            None => esims.into_iter().map(|e| e.iccid).collect(),
        };
        crate::portal::esim_store::usage::refresh_bundles(&self.db, &self.esimgo, &iccids).await;
        self.cache.forget(row.customer_id).await;
        Ok(Step::Stop)
    }
}
