//! The account page's usage feed: read-only tokens for `GET /api/feed/usage` (home
//! automation, spreadsheets). A new token is shown once, with how to use it.

use crate::api::{list_feed_tokens, CreateFeedToken, RevokeFeedToken};
use crate::components::status::ErrorPanel;
use crate::domain::feed::FeedToken;
use crate::{t, testids};
use leptos::prelude::*;

#[component]
pub fn FeedTokensCard() -> impl IntoView {
    let create = ServerAction::<CreateFeedToken>::new();
    let revoke = ServerAction::<RevokeFeedToken>::new();
    let tokens = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        |_| list_feed_tokens(),
    );
    let label = RwSignal::new(String::new());
    let error = move || {
        create
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| revoke.value().get().and_then(Result::err))
    };
    let fresh = move || create.value().get().and_then(Result::ok);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !create.pending().get_untracked() {
            create.dispatch(CreateFeedToken {
                label: label.get_untracked(),
            });
        }
    };
    view! {
        <section class="card feed" aria-labelledby="feed-title" data-testid=testids::FEED_CARD>
            <header class="card__head"><h2 id="feed-title">{t!("portal-feed-title")}</h2></header>
            <p class="muted">{t!("portal-feed-lead")}</p>
            {move || fresh().map(|t| {
                let curl = format!("curl -H \"Authorization: Bearer {}\" {}/api/feed/usage", t.token, origin());
                view! {
                    <div class="notice notice--ok feed__new" role="status">
                        <p><strong>{t!("portal-feed-copy-now")}</strong></p>
                        <p><code class="mono feed__token" data-testid=testids::FEED_NEW_TOKEN>{t.token.clone()}</code></p>
                        <p class="small">{t!("portal-feed-use")}</p>
                        <pre class="mono small feed__curl">{curl}</pre>
                    </div>
                }
            })}
            <Transition fallback=|| view! { <p class="muted">{t!("portal-feed-loading")}</p> }>
                {move || Suspend::new(async move {
                    match tokens.await {
                        Ok(list) if list.is_empty() => view! { <p class="muted">{t!("portal-feed-empty")}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="rows">
                                {list.into_iter().map(|t| view! { <TokenRow token=t revoke /> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                    }
                })}
            </Transition>
            <form class="inline-form" on:submit=submit>
                <label class="field">
                    <span>{t!("portal-feed-name")}</span>
                    <input type="text" maxlength="40" required placeholder=t!("portal-feed-name-hint") data-testid=testids::FEED_LABEL
                        prop:value=label on:input=move |ev| label.set(event_target_value(&ev)) />
                </label>
                <button type="submit" class="btn btn--small" data-testid=testids::FEED_CREATE
                    disabled=move || create.pending().get()>{t!("portal-feed-create")}</button>
            </form>
            {move || error().map(|e| view! { <p class="form__error" role="alert">{e.to_string()}</p> })}
        </section>
    }
}

#[component]
fn TokenRow(token: FeedToken, revoke: ServerAction<RevokeFeedToken>) -> impl IntoView {
    let id = token.id.clone();
    view! {
        <li class="rows__item" data-testid=testids::FEED_ROW>
            <strong>{token.label.clone()}</strong>
            <span class="muted small">
                {t!("portal-feed-row-when", created = token.created_label.clone(), used = token.last_used_label.clone())}
            </span>
            <button type="button" class="btn btn--ghost btn--small rows__end" data-testid=testids::FEED_REVOKE
                disabled=move || revoke.pending().get()
                on:click=move |_| { revoke.dispatch(RevokeFeedToken { token: id.clone() }); }>
                {t!("portal-feed-revoke")}
            </button>
        </li>
    }
}

/// The portal's own address for the example (the browser knows it; SSR never shows a token).
fn origin() -> String {
    #[cfg(feature = "hydrate")]
    if let Some(o) = web_sys::window().and_then(|w| w.location().origin().ok()) {
        return o;
    }
    String::new()
}
