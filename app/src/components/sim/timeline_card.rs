//! The customer timeline: who did what to this SIM, when, and how it ended; newest first.

use super::SectionError;
use crate::components::status::Badge;
use crate::domain::{Outcome, PortalError, TimelineEntry};
use crate::t;
use crate::testids;
use leptos::prelude::*;

#[component]
pub fn TimelineCard(timeline: Resource<Result<Vec<TimelineEntry>, PortalError>>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="timeline-title" data-testid=testids::TIMELINE>
            <header class="card__head"><h2 id="timeline-title">{t!("sim-timeline-title")}</h2></header>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match timeline.await {
                        Ok(list) if list.is_empty() => view! { <p class="muted">{t!("sim-timeline-empty")}</p> }.into_any(),
                        Ok(list) => view! {
                            <ol class="timeline">
                                {list.into_iter().map(|e| {
                                    let tone = match e.outcome {
                                        Outcome::Accepted => "ok",
                                        Outcome::Failed => "warn",
                                        Outcome::Unconfirmed => "info",
                                    };
                                    view! {
                                        <li class="timeline__item" data-testid=testids::TIMELINE_ENTRY>
                                            <div class="timeline__head">
                                                <strong>{e.action}</strong>
                                                <Badge label=e.outcome.label() tone=tone />
                                            </div>
                                            <p>{e.detail}</p>
                                            <p class="muted small"><time datetime=e.at_iso>{e.at_label}</time>" · "{e.actor}</p>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        }.into_any(),
                        Err(e) => view! {
                            <SectionError what=t!("sim-timeline-unavailable") error=e retry=Callback::new(move |()| timeline.refetch()) />
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
