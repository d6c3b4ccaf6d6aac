//! Trip roaming: international roaming switched on for a trip's dates and back off after
//! (00:00 JST on the first day to midnight after the last), cancellable until it starts.

use super::{use_sim_ctx, FormError, Notice, SectionError};
use crate::api::{list_trips, CancelTrip, ScheduleTrip};
use crate::components::status::Badge;
use crate::domain::trips::{TripState, TripView};
use crate::t;
use crate::testids;
use leptos::prelude::*;

fn tone(s: TripState) -> &'static str {
    match s {
        TripState::Scheduled => "info",
        TripState::Underway => "ok",
        TripState::Over | TripState::Cancelled => "muted",
        TripState::Failed => "warn",
    }
}

#[component]
pub fn TripsCard() -> impl IntoView {
    let ctx = use_sim_ctx();
    let id = ctx.id;
    let schedule = ServerAction::<ScheduleTrip>::new();
    let cancel = ServerAction::<CancelTrip>::new();
    let trips = Resource::new(move || ctx.refresh.get(), move |_| list_trips(id));
    // Success reloads the page's sections: the timeline has a new line.
    Effect::new(move |_| {
        if let Some(Ok(_)) = schedule.value().get() {
            ctx.notice.set(Some(Notice {
                ok: true,
                text: t!("sim-trips-scheduled"),
            }));
            ctx.reload();
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = cancel.value().get() {
            ctx.notice.set(Some(Notice {
                ok: true,
                text: t!("sim-trips-cancelled"),
            }));
            ctx.reload();
        }
    });
    let error = Signal::derive(move || {
        schedule
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| cancel.value().get().and_then(Result::err))
    });
    view! {
        <section class="card" aria-labelledby="trips-title" data-testid=testids::TRIPS_CARD>
            <header class="card__head"><h2 id="trips-title">{t!("sim-trips-title")}</h2></header>
            <p class="muted small">{t!("sim-trips-lead")}</p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match trips.await {
                        Ok(list) if list.is_empty() => view! { <p class="muted">{t!("sim-trips-empty")}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="rows">
                                {list.into_iter().map(|t| view! { <TripRow trip=t cancel /> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! {
                            <SectionError what=t!("sim-trips-unavailable") error=e retry=Callback::new(move |()| trips.refetch()) />
                        }.into_any(),
                    }
                })}
            </Transition>
            <TripForm schedule />
            <FormError error />
        </section>
    }
}

#[component]
fn TripRow(trip: TripView, cancel: ServerAction<CancelTrip>) -> impl IntoView {
    let ctx = use_sim_ctx();
    let id = trip.id.clone();
    view! {
        <li class="rows__item" data-testid=testids::TRIP_ROW data-state=trip.state.as_str()>
            <strong>{trip.dates_label.clone()}</strong>
            {(!trip.label.is_empty()).then(|| view! { <span>{trip.label.clone()}</span> })}
            <Badge label=trip.state.label() tone=tone(trip.state) />
            {trip.cancellable.then(|| view! {
                <button type="button" class="btn btn--ghost btn--small rows__end" data-testid=testids::TRIP_CANCEL
                    disabled=move || cancel.pending().get()
                    on:click=move |_| { cancel.dispatch(CancelTrip { id: ctx.id, trip: id.clone() }); }>
                    {t!("sim-trips-cancel")}
                </button>
            })}
        </li>
    }
}

#[component]
fn TripForm(schedule: ServerAction<ScheduleTrip>) -> impl IntoView {
    let ctx = use_sim_ctx();
    let first = RwSignal::new(String::new());
    let last = RwSignal::new(String::new());
    let label = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if schedule.pending().get_untracked() {
            return;
        }
        schedule.dispatch(ScheduleTrip {
            id: ctx.id,
            first_day: first.get_untracked(),
            last_day: last.get_untracked(),
            label: label.get_untracked(),
        });
    };
    view! {
        <form class="inline-form" on:submit=submit>
            <label class="field">
                <span>{t!("sim-trips-first")}</span>
                <input type="date" required data-testid=testids::TRIP_FIRST prop:value=first
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        // A one-day trip unless the customer says otherwise.
                        if last.get_untracked().is_empty() || last.get_untracked() < v {
                            last.set(v.clone());
                        }
                        first.set(v);
                    } />
            </label>
            <label class="field">
                <span>{t!("sim-trips-last")}</span>
                <input type="date" required data-testid=testids::TRIP_LAST prop:value=last
                    on:input=move |ev| last.set(event_target_value(&ev)) />
            </label>
            <label class="field">
                <span>{t!("sim-trips-name")}</span>
                <input type="text" maxlength="60" placeholder=t!("sim-trips-name-hint") data-testid=testids::TRIP_LABEL
                    prop:value=label on:input=move |ev| label.set(event_target_value(&ev)) />
            </label>
            <button type="submit" class="btn btn--small" data-testid=testids::TRIP_ADD
                disabled=move || schedule.pending().get()>{t!("sim-trips-add")}</button>
        </form>
    }
}
