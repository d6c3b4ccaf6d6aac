//! The top-up list: what was ordered, what it cost, where it stands, and the invoice; plus
//! additions the carrier reports that were not made in the portal. While a top-up is still
//! in progress the list re-reads itself every few seconds (browser only, bounded).

use super::{poll_while, SectionError};
use crate::components::status::Badge;
use crate::domain::topup::yen_label;
use crate::domain::{PortalError, TopUpHistory, TopUpState};
use crate::t;
use crate::testids;
use leptos::prelude::*;

const POLL_MS: u64 = 4000;
/// Ten minutes of re-reading.
const MAX_POLLS: u32 = 150;

fn tone(s: TopUpState) -> &'static str {
    match s {
        TopUpState::Applied => "ok",
        TopUpState::Pending | TopUpState::Scheduled => "info",
        TopUpState::Voided | TopUpState::PaymentFailed => "warn",
    }
}

#[component]
pub fn TopUpHistoryCard(history: Resource<Result<TopUpHistory, PortalError>>) -> impl IntoView {
    poll_while_in_progress(history);
    view! {
        <section class="card" aria-labelledby="top-ups-title" data-testid=testids::TOP_UP_HISTORY>
            <header class="card__head"><h2 id="top-ups-title">{t!("sim-topups-title")}</h2></header>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match history.await {
                        Ok(h) => {
                            let partial = (!h.carrier_complete).then(|| view! { <p class="muted small">{t!("sim-topups-partial")}</p> });
                            let list = if h.entries.is_empty() {
                                view! { <p class="muted">{t!("sim-topups-empty")}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="top-ups">
                                        {h.entries.into_iter().map(|t| view! {
                                            <li class="top-ups__item" data-testid=testids::TOP_UP_ENTRY data-state=format!("{:?}", t.state).to_lowercase()>
                                                <div class="top-ups__head">
                                                    <strong>{t.quota_label.clone()}</strong>
                                                    {t.amount_jpy.map(|a| view! { <span>{yen_label(a)}</span> })}
                                                    <Badge label=t.state.label() tone=tone(t.state) />
                                                </div>
                                                <p class="small">{t.message.clone()}</p>
                                                <p class="muted small">
                                                    {t.created_at_label.clone()}
                                                    {t.invoice_id.map(|i| t!("sim-topups-invoice", id = i.to_string()))}
                                                </p>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            };
                            view! { {partial}{list} }.into_any()
                        }
                        Err(e) => view! {
                            <SectionError what=t!("sim-topups-unavailable") error=e retry=Callback::new(move |()| history.refetch()) />
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// Re-reads the list while a top-up is in progress (or its invoice may be being paid), so
/// "In progress" turns into "Added" (or "Refunded as credit") without a reload.
fn poll_while_in_progress(history: Resource<Result<TopUpHistory, PortalError>>) {
    poll_while(
        move || {
            // An unpaid invoice counts: the customer may be paying it in billing right now.
            history.get().and_then(Result::ok).is_some_and(|h| {
                h.entries.iter().any(|t| {
                    t.state == TopUpState::Pending
                        || (t.state == TopUpState::PaymentFailed && t.invoice_id.is_some())
                })
            })
        },
        move || history.refetch(),
        move || history.update(|_| ()),
        std::time::Duration::from_millis(POLL_MS),
        MAX_POLLS,
    );
}
