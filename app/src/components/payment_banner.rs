//! The banner that asks a customer without a payment method to add one (seed 004): shown on
//! the dashboard until billing has a card or account. The button opens billing's payment
//! methods page through a sign-in link minted when it is followed (never stored).

use crate::api::get_payment_methods;
use crate::{routes, t, testids};
use leptos::prelude::*;

#[component]
pub fn PaymentBanner() -> impl IntoView {
    let summary = Resource::new(|| (), |_| get_payment_methods());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                summary.await.ok().filter(|s| !s.has_payment_method).map(|_| view! {
                    <aside class="banner banner--warn" role="status" data-testid=testids::PAYMENT_BANNER>
                        <div>
                            <strong>{t!("portal-add-payment-method")}</strong>
                            <p>{t!("portal-payment-banner-lead")}</p>
                        </div>
                        <a class="btn btn--primary" href=routes::MANAGE_PAYMENT_METHODS
                            data-testid=testids::MANAGE_PAYMENT_METHODS rel="external">{t!("portal-profile-manage-payment")}</a>
                    </aside>
                })
            })}
        </Transition>
    }
}
