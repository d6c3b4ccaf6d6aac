//! Trip roaming: international roaming on from 00:00 JST of a trip's first day to 24:00 JST
//! of its last, through the carrier (the same recorded, pending-until-applied request as the
//! options card), every step in the timeline.
//!
//! A step that finds the line already as the trip wants it does nothing. A trip that found
//! roaming already on at its start leaves it on at its end. The attempt count is written
//! before each carrier call, so a trip that finds roaming on after an attempt whose answer
//! was lost knows it was its own doing.

use super::{parse_row_id, store, Automation};
use crate::portal::sim::TRIP_ACTOR;
use crate::store::leases::Leased;
use crate::store::now;
use crate::store::trips::{self as rows, NewTrip, Step, TripRow};
use app::domain::trips::{dates_label, Trip, TripStage, TripState, TripView};
use app::domain::{Customer, PortalError, SubscriptionId};
use app::ports::Trips;
use app::t;
use async_trait::async_trait;
use chrono::NaiveDate;

/// A carrier step refused this many times fails the trip (the customer is told to switch by
/// hand); an unconfirmed one is not counted against it.
const MAX_REFUSALS: i64 = 5;
/// Open trips per SIM.
const MAX_OPEN: usize = 5;

const SCHEDULED: &str = "trip_scheduled";
const CANCELLED: &str = "trip_cancelled";
const STEP: &str = "trip_roaming";

fn trip_of(r: &TripRow) -> Option<Trip> {
    Some(Trip {
        first_day: NaiveDate::parse_from_str(&r.first_day, "%Y-%m-%d").ok()?,
        last_day: NaiveDate::parse_from_str(&r.last_day, "%Y-%m-%d").ok()?,
        label: r.label.clone(),
    })
}

fn view(r: &TripRow) -> Option<TripView> {
    let t = trip_of(r)?;
    let state = TripState::parse(&r.state)?;
    Some(TripView {
        id: r.id.to_string(),
        dates_label: dates_label(t.first_day, t.last_day),
        cancellable: state == TripState::Scheduled && t.stage(now()) == TripStage::Scheduled,
        first_day: t.first_day,
        last_day: t.last_day,
        label: t.label,
        state,
    })
}

/// "“Seoul trip”, 14–21 May 2027" or "your trip of 14–21 May 2027".
fn name(t: &Trip) -> String {
    let dates = dates_label(t.first_day, t.last_day);
    if t.label.is_empty() {
        t!("server-trip-name-unnamed", dates = dates)
    } else {
        t!("server-trip-name", label = t.label.as_str(), dates = dates)
    }
}

fn no_trip() -> String {
    t!("server-trip-not-found")
}

impl Automation {
    async fn trips_of(&self, customer: &Customer, key: i64) -> Result<Vec<TripView>, PortalError> {
        let mut list: Vec<TripView> = rows::for_subscription(&self.db, customer.id, key)
            .await
            .map_err(store)?
            .iter()
            .filter_map(view)
            .collect();
        // Open trips first, soonest first; then the rest, latest first.
        list.sort_by(|a, b| {
            b.state.is_open().cmp(&a.state.is_open()).then_with(|| {
                if a.state.is_open() {
                    a.first_day.cmp(&b.first_day)
                } else {
                    b.first_day.cmp(&a.first_day)
                }
            })
        });
        Ok(list)
    }

    /// A step of trip roaming in the SIM's timeline, in the job's name.
    async fn trip_line(&self, customer: i64, sub: i64, detail: &str, outcome: &str) {
        self.timeline(customer, sub, STEP, detail, Some(TRIP_ACTOR), outcome)
            .await;
    }

    pub(super) async fn step_trips(&self) -> usize {
        self.drive(Leased::Trips, |id, token| async move {
            let step = self.step_trip(id, &token).await;
            if let Some(step) = step {
                if let Err(e) = rows::record_step(&self.db, id, &token, step).await {
                    tracing::warn!(error = %e, id, "could not record a trip step");
                }
            }
        })
        .await
    }

    fn later(&self) -> i64 {
        chrono::Utc::now().timestamp_millis()
            + i64::try_from(self.cfg.trip_retry.as_millis()).unwrap_or(300_000)
    }

    /// One look at a due trip, in the customer's language: the timeline's lines it writes are
    /// stored once, so they are written in the language the customer reads.
    async fn step_trip(&self, id: i64, token: &str) -> Option<Step<'static>> {
        let customer = rows::get(&self.db, id).await.ok().flatten()?.customer_id;
        let lang = crate::emails::lang_of(&self.db, customer).await;
        app::i18n::with_lang(lang, self.step_trip_now(id, token)).await
    }

    /// One look at a due trip: what to write back (`None`: leave the row as it is, its lease
    /// runs out).
    async fn step_trip_now(&self, id: i64, token: &str) -> Option<Step<'static>> {
        let row = rows::get(&self.db, id).await.ok().flatten()?;
        let state = TripState::parse(&row.state)?;
        let Some(trip) = trip_of(&row) else {
            tracing::error!(id, "a trip with unreadable dates");
            return Some(Step {
                state: TripState::Failed.as_str(),
                attempts: row.attempts,
                roaming_was_on: row.roaming_was_on,
                next_ms: None,
            });
        };
        let keep = |next_ms: Option<i64>| Step {
            state: state.as_str(),
            attempts: row.attempts,
            roaming_was_on: row.roaming_was_on,
            next_ms,
        };
        let now = now();
        let (sub, name) = (row.subscription_id, name(&trip));
        let customer = self.customer(row.customer_id).await;
        let Some(customer) = customer else {
            return Some(Step {
                state: TripState::Failed.as_str(),
                ..keep(None)
            });
        };
        let sim = SubscriptionId(u64::try_from(sub).ok()?);
        let want_on = match (state, trip.stage(now)) {
            (TripState::Scheduled, TripStage::Scheduled) => {
                return Some(keep(Some(trip.on_at() * 1000)))
            }
            (TripState::Underway, TripStage::Scheduled | TripStage::Underway) => {
                return Some(keep(Some(trip.off_at() * 1000)))
            }
            (TripState::Scheduled, TripStage::Over) => {
                // The portal was down for the whole trip: nothing to switch any more.
                let detail = t!("server-trip-missed", name = name.as_str());
                self.trip_line(customer.id, sub, &detail, "failed").await;
                return Some(Step {
                    state: TripState::Over.as_str(),
                    ..keep(None)
                });
            }
            (TripState::Underway, TripStage::Over) if row.roaming_was_on => {
                let detail = t!("server-trip-over-stays-on", name = name.as_str());
                self.trip_line(customer.id, sub, &detail, "accepted").await;
                return Some(Step {
                    state: TripState::Over.as_str(),
                    ..keep(None)
                });
            }
            (TripState::Scheduled, _) => true,
            (TripState::Underway, _) => false,
            _ => return Some(keep(None)),
        };
        let done = |was_on: bool| Step {
            state: if want_on {
                TripState::Underway
            } else {
                TripState::Over
            }
            .as_str(),
            attempts: 0,
            roaming_was_on: was_on,
            next_ms: want_on.then(|| trip.off_at() * 1000),
        };
        match self.sims.roaming_now(&customer, sim).await {
            Ok(Some(on)) if on == want_on => {
                // Already as wanted. Before any attempt of ours, at the start: it was on before.
                let was_on = want_on && row.attempts == 0;
                if was_on {
                    let detail = t!("server-trip-already-on", name = name.as_str());
                    self.trip_line(customer.id, sub, &detail, "accepted").await;
                }
                return Some(done(was_on || (!want_on && row.roaming_was_on)));
            }
            Ok(Some(_)) => {}
            // A change to the options is on its way: look again shortly.
            Ok(None) => return Some(keep(Some(self.later()))),
            Err(PortalError::NotFound) => {
                return Some(Step {
                    state: TripState::Failed.as_str(),
                    ..keep(None)
                })
            }
            Err(e) => {
                tracing::info!(error = %e, id, "line unavailable for a trip step; later");
                return Some(keep(Some(self.later())));
            }
        }
        // Written before the call: after a lost answer, finding roaming on means it was ours.
        let attempts = row.attempts + 1;
        if rows::note_attempt(&self.db, id, token, attempts)
            .await
            .is_err()
        {
            return None;
        }
        let detail = if want_on {
            t!("server-trip-roaming-on", name = name.as_str())
        } else {
            t!("server-trip-roaming-off", name = name.as_str())
        };
        match self
            .sims
            .switch_roaming(&customer, sim, want_on, &detail)
            .await
        {
            Ok(()) => Some(done(false)),
            Err(PortalError::Unconfirmed) => Some(Step {
                attempts,
                ..keep(Some(self.later()))
            }),
            Err(
                e @ (PortalError::Declined(_) | PortalError::Conflict(_) | PortalError::Internal),
            ) => {
                if attempts >= MAX_REFUSALS {
                    let (name, error) = (name.as_str(), e.to_string());
                    let detail = if want_on {
                        t!("server-trip-failed-on", name = name, error = error)
                    } else {
                        t!("server-trip-failed-off", name = name, error = error)
                    };
                    self.trip_line(customer.id, sub, &detail, "failed").await;
                    Some(Step {
                        state: TripState::Failed.as_str(),
                        attempts,
                        ..keep(None)
                    })
                } else {
                    Some(Step {
                        attempts,
                        ..keep(Some(self.later()))
                    })
                }
            }
            Err(e) => {
                tracing::info!(error = %e, id, "trip step not taken; later");
                Some(Step {
                    attempts: attempts - 1,
                    ..keep(Some(self.later()))
                })
            }
        }
    }
}

#[async_trait]
impl Trips for Automation {
    async fn trips(
        &self,
        customer: &Customer,
        id: SubscriptionId,
    ) -> Result<Vec<TripView>, PortalError> {
        let (_, key) = self.owned(customer, id).await?;
        self.trips_of(customer, key).await
    }

    async fn schedule_trip(
        &self,
        customer: &Customer,
        id: SubscriptionId,
        first_day: &str,
        last_day: &str,
        label: &str,
    ) -> Result<Vec<TripView>, PortalError> {
        let (_, key) = self.owned(customer, id).await?;
        let trip = Trip::parse(first_day, last_day, label, super::super::sim::today_jst())?;
        let open: Vec<Trip> = rows::for_subscription(&self.db, customer.id, key)
            .await
            .map_err(store)?
            .iter()
            .filter(|r| TripState::parse(&r.state).is_some_and(TripState::is_open))
            .filter_map(trip_of)
            .collect();
        if let Some(other) = open.iter().find(|o| o.overlaps(&trip)) {
            return Err(PortalError::invalid(
                "firstDay",
                t!("server-trip-overlap", name = name(other)),
            ));
        }
        if open.len() >= MAX_OPEN {
            return Err(PortalError::invalid(
                "firstDay",
                t!("server-trip-max-open", max = MAX_OPEN.to_string()),
            ));
        }
        let (first, last) = (trip.first_day.to_string(), trip.last_day.to_string());
        rows::create(
            &self.db,
            NewTrip {
                customer_id: customer.id,
                subscription_id: key,
                first_day: &first,
                last_day: &last,
                label: &trip.label,
                start_ms: trip.on_at() * 1000,
            },
        )
        .await
        .map_err(store)?;
        let detail = t!("server-trip-scheduled-detail", name = name(&trip));
        self.timeline(customer.id, key, SCHEDULED, &detail, None, "accepted")
            .await;
        self.trips_of(customer, key).await
    }

    async fn cancel_trip(
        &self,
        customer: &Customer,
        id: SubscriptionId,
        trip_id: &str,
    ) -> Result<Vec<TripView>, PortalError> {
        let (_, key) = self.owned(customer, id).await?;
        let trip = parse_row_id(trip_id, no_trip)?;
        let row = rows::get(&self.db, trip).await.map_err(store)?;
        let Some(row) = row.filter(|r| r.customer_id == customer.id && r.subscription_id == key)
        else {
            return Err(PortalError::NoSuch(no_trip()));
        };
        let started = trip_of(&row).is_none_or(|t| t.stage(now()) != TripStage::Scheduled);
        if started
            || !rows::cancel(&self.db, customer.id, trip)
                .await
                .map_err(store)?
        {
            return Err(match TripState::parse(&row.state) {
                Some(TripState::Cancelled) => {
                    PortalError::Conflict(t!("server-trip-already-cancelled"))
                }
                _ => PortalError::Conflict(t!("server-trip-started")),
            });
        }
        if let Some(t) = trip_of(&row) {
            let detail = t!("server-trip-cancelled-detail", name = name(&t));
            self.timeline(customer.id, key, CANCELLED, &detail, None, "accepted")
                .await;
        }
        self.trips_of(customer, key).await
    }
}
