//! The account page: who is logged in, and where. Each live session shows its device, when
//! it logged in and when it was last used; other devices can be logged out one by one, or all
//! at once with "Log out everywhere" (this device too).

use crate::api::{get_payment_methods, get_profile, list_sessions, EndSession, LogoutEverywhere};
use crate::components::feed_tokens::FeedTokensCard;
use crate::components::status::{Badge, ErrorPanel, LoginRedirect};
use crate::domain::dates::jst_datetime_label;
use crate::domain::{PortalError, SessionInfo};
use crate::{t, testids};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountPage() -> impl IntoView {
    let end = ServerAction::<EndSession>::new();
    let everywhere = ServerAction::<LogoutEverywhere>::new();
    let sessions = Resource::new(move || end.version().get(), |_| list_sessions());
    let end_error = move || end.value().get().and_then(Result::err);
    let everywhere_error = move || everywhere.value().get().and_then(Result::err);

    view! {
        <Title text=t!("portal-account-title") />
        <h1>{t!("portal-account-title")}</h1>
        <ProfileCard />
        <section class="card" aria-labelledby="sessions-title">
            <header class="card__head"><h2 id="sessions-title">{t!("portal-account-sessions")}</h2></header>
            <p class="muted">{t!("portal-account-sessions-lead")}</p>
            {move || end_error().map(|e| view! { <p class="form__error" role="alert">{e.to_string()}</p> })}
            <Transition fallback=|| view! { <p class="muted">{t!("portal-account-sessions-loading")}</p> }>
                {move || Suspend::new(async move {
                    match sessions.await {
                        Ok(list) => view! {
                            <ul class="sessions" data-testid=testids::SESSION_LIST>
                                {list.into_iter().map(|s| view! { <SessionRow session=s end=end /> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(PortalError::Unauthorized) => view! { <LoginRedirect /> }.into_any(),
                        Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                    }
                })}
            </Transition>
            <ActionForm action=everywhere attr:class="sessions__everywhere">
                <button class="btn btn--danger" type="submit" data-testid=testids::LOGOUT_EVERYWHERE
                    disabled=move || everywhere.pending().get()>{t!("portal-account-everywhere")}</button>
                <span class="muted">{t!("portal-account-everywhere-hint")}</span>
            </ActionForm>
            {move || everywhere_error().map(|e| view! { <p class="form__error" role="alert">{e.to_string()}</p> })}
        </section>
        <FeedTokensCard />
    }
}

/// Name, contact details and address (from billing), and the payment methods.
#[component]
fn ProfileCard() -> impl IntoView {
    let profile = Resource::new(|| (), |_| get_profile());
    let methods = Resource::new(|| (), |_| get_payment_methods());
    let billing_error =
        leptos_router::hooks::use_query_map().with_untracked(|q| q.get("billing_error").is_some());
    view! {
        <section class="card profile" aria-labelledby="profile-title" data-testid=testids::PROFILE_CARD>
            <header class="card__head">
                <h2 id="profile-title">{t!("portal-profile-title")}</h2>
                <a class="btn btn--ghost" href=crate::routes::ADDRESS>{t!("portal-profile-edit-address")}</a>
            </header>
            <Transition fallback=|| view! { <p class="muted">{t!("portal-profile-loading")}</p> }>
                {move || Suspend::new(async move {
                    match profile.await {
                        Ok(p) => {
                            let a = p.address;
                            let lines = [format!("〒{}", a.postcode), format!("{} {}", a.prefecture, a.city), a.line1, a.line2];
                            view! {
                                <dl class="facts">
                                    <dt>{t!("portal-profile-name")}</dt><dd>{p.name}</dd>
                                    <dt>{t!("portal-profile-email")}</dt><dd>{p.email}</dd>
                                    <dt>{t!("portal-profile-phone")}</dt><dd class="mono">{p.phone}</dd>
                                    <dt>{t!("portal-profile-address")}</dt>
                                    <dd>{lines.into_iter().filter(|l| !l.trim().is_empty()).map(|l| view! { <span class="block">{l}</span> }).collect_view()}</dd>
                                </dl>
                            }.into_any()
                        }
                        Err(PortalError::Unauthorized) => view! { <LoginRedirect /> }.into_any(),
                        Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                    }
                })}
            </Transition>
            <div class="profile__pay">
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        methods.await.ok().map(|m| view! {
                            <p>
                                <strong>{t!("portal-profile-payment-method")}</strong>
                                {if m.has_payment_method {
                                    m.description.unwrap_or_else(|| t!("portal-profile-payment-on-file"))
                                } else {
                                    t!("portal-profile-payment-none")
                                }}
                            </p>
                        })
                    })}
                </Transition>
                <a class="btn" href=crate::routes::MANAGE_PAYMENT_METHODS rel="external">{t!("portal-profile-manage-payment")}</a>
            </div>
            {billing_error.then(|| view! {
                <p class="form__error" role="alert">{t!("portal-profile-billing-error")}</p>
            })}
        </section>
    }
}

#[component]
fn SessionRow(session: SessionInfo, end: ServerAction<EndSession>) -> impl IntoView {
    let when = t!(
        "portal-account-session-when",
        created = jst_datetime_label(session.created_at),
        seen = jst_datetime_label(session.last_seen_at)
    );
    let id = session.id;
    view! {
        <li class="sessions__row" data-testid=testids::SESSION_ROW data-current=session.current.to_string()>
            <div class="sessions__what">
                <strong>{session.device}</strong>
                {session.current.then(|| view! { <Badge label=t!("portal-account-this-device") tone="ok" /> })}
                <span class="muted sessions__when">{when}</span>
                {session.ip.map(|ip| view! { <span class="muted mono sessions__ip">{ip}</span> })}
            </div>
            {(!session.current).then(|| view! {
                <button class="btn btn--ghost" type="button" data-testid=testids::SESSION_END
                    disabled=move || end.pending().get()
                    on:click=move |_| { end.dispatch(EndSession { session_id: id }); }>
                    {t!("portal-account-end-session")}
                </button>
            })}
        </li>
    }
}

super::lazy_page!(AccountRoute, AccountPage);
