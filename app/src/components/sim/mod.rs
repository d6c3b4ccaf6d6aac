//! The SIM Management page's sections and modals. They share one [`SimPageCtx`]: the
//! subscription, a refresh counter every section's `Resource` depends on (bumped after each
//! action, so the affected data reloads), the page's status message and the open modal.

pub mod actions_card;
pub mod alerts_card;
pub mod cancel_sim;
pub mod change_plan;
pub mod features_card;
pub mod pending;
pub mod reissue_esim;
pub mod timeline_card;
pub mod top_up;
pub mod top_up_history;
pub mod trips_card;
pub mod usage_card;
pub mod usage_chart;

use crate::domain::{ActionReceipt, PortalError, SubscriptionId};
use crate::testids;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SimModal {
    ChangePlan,
    Cancel,
    Reissue,
    TopUp,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub ok: bool,
    pub text: String,
}

#[derive(Clone, Copy)]
pub struct SimPageCtx {
    pub id: SubscriptionId,
    pub refresh: RwSignal<u32>,
    pub notice: RwSignal<Option<Notice>>,
    pub modal: RwSignal<Option<SimModal>>,
    /// The options card has unsent edits: background re-reads wait, so they are not lost.
    pub editing: RwSignal<bool>,
    /// Bumped when a top-up was ordered, whatever its answer: only the top-up list reloads
    /// (a declined payment keeps the modal, and what it shows, open).
    pub top_ups_changed: RwSignal<u32>,
}

impl SimPageCtx {
    pub fn new(id: SubscriptionId) -> Self {
        SimPageCtx {
            id,
            refresh: RwSignal::new(0),
            notice: RwSignal::new(None),
            modal: RwSignal::new(None),
            editing: RwSignal::new(false),
            top_ups_changed: RwSignal::new(0),
        }
    }

    /// Reloads every section.
    pub fn reload(&self) {
        self.refresh.update(|n| *n += 1);
    }

    /// Whether a background re-read would throw away what the customer is doing.
    pub fn busy(&self) -> bool {
        self.modal.get_untracked().is_some() || self.editing.get_untracked()
    }

    pub fn open(&self, m: SimModal) {
        self.notice.set(None);
        self.modal.set(Some(m));
    }

    /// Whether modal `m` is open.
    pub fn is_open(&self, m: SimModal) -> Signal<bool> {
        let modal = self.modal;
        Signal::derive(move || modal.get() == Some(m))
    }

    pub fn close_modal(&self) -> Callback<()> {
        let modal = self.modal;
        Callback::new(move |()| modal.set(None))
    }
}

pub fn use_sim_ctx() -> SimPageCtx {
    expect_context::<SimPageCtx>()
}

/// Connects an action to the page: on success the modal closes, the message shows and every
/// section reloads; on failure nothing reloads (the form keeps what was typed) and the
/// returned signal holds the error for the form to show.
pub fn watch_action<S>(action: ServerAction<S>, ctx: SimPageCtx) -> Signal<Option<PortalError>>
where
    S: ServerFn<Output = ActionReceipt, Error = PortalError> + Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if let Some(Ok(receipt)) = action.value().get() {
            ctx.modal.set(None);
            ctx.notice.set(Some(Notice {
                ok: true,
                text: receipt.message,
            }));
            ctx.reload();
        }
    });
    Signal::derive(move || action.value().get().and_then(Result::err))
}

/// Re-reads while `busy()` reports work in progress, so a finished change shows without a
/// reload: one timer at a time (however many reloads happen meanwhile), every `every`, at most
/// `max_polls` times. While the customer has a modal open or unsent edits it calls `hold`
/// instead (which should re-trigger `busy` without reloading under their hands). Browser only.
#[allow(unused_variables)]
pub fn poll_while(
    busy: impl Fn() -> bool + 'static,
    reread: impl Fn() + Copy + 'static,
    hold: impl Fn() + Copy + 'static,
    every: std::time::Duration,
    max_polls: u32,
) {
    let ctx = use_sim_ctx();
    let scheduled = StoredValue::new(false);
    let polls = StoredValue::new(0u32);
    Effect::new(move |_| {
        let busy = busy();
        #[cfg(feature = "hydrate")]
        if busy && !scheduled.get_value() && polls.get_value() < max_polls {
            scheduled.set_value(true);
            set_timeout(
                move || {
                    scheduled.set_value(false);
                    polls.update_value(|n| *n += 1);
                    if ctx.busy() {
                        hold();
                    } else {
                        reread();
                    }
                },
                every,
            );
        }
    });
}

/// The page's status line (success messages), announced to screen readers.
#[component]
pub fn NoticeBar() -> impl IntoView {
    let ctx = use_sim_ctx();
    view! {
        <div class="notice-slot" role="status" aria-live="polite" data-testid=testids::SIM_NOTICE>
            {move || ctx.notice.get().map(|n| view! {
                <p class=if n.ok { "notice notice--ok" } else { "notice notice--error" }>
                    <span>{n.text}</span>
                    <button type="button" class="icon-btn" aria-label=crate::t!("common-dismiss") on:click=move |_| ctx.notice.set(None)>
                        <span aria-hidden="true">"×"</span>
                    </button>
                </p>
            })}
        </div>
    }
}

/// A section that could not load: what is unavailable, that nothing changed, and a retry.
#[component]
pub fn SectionError(
    #[prop(into)] what: String,
    error: PortalError,
    retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="section-error" role="alert" data-testid=testids::SECTION_ERROR>
            <p><strong>{what}</strong>" "{error.to_string()}</p>
            {error.is_transient().then(|| view! {
                <button type="button" class="btn btn--small" on:click=move |_| retry.run(())>{crate::t!("common-try-again")}</button>
            })}
        </div>
    }
}

/// The form error inside a modal or card.
#[component]
pub fn FormError(error: Signal<Option<PortalError>>) -> impl IntoView {
    view! {
        {move || error.get().map(|e| view! {
            <p class="form__error" role="alert" data-testid=testids::ACTION_ERROR>{e.to_string()}</p>
        })}
    }
}
