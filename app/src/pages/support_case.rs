//! One support case: what was asked, the conversation, and a box to add to it. Another
//! account's case looks exactly like one that does not exist.

use crate::api::{get_case, AddCaseComment};
use crate::components::address_fields::FieldError;
use crate::components::status::{Badge, ErrorPanel, LoginRedirect};
use crate::domain::support::{category_label, status_label, when_label};
use crate::domain::PortalError;
use crate::{routes, t, testids};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CasePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let comment = ServerAction::<AddCaseComment>::new();
    let error = Signal::derive(move || comment.value().get().and_then(Result::err));
    let case = Resource::new(
        move || (id(), comment.version().get()),
        |(id, _)| get_case(id),
    );
    // The reply box is reused when the conversation reloads: empty it once a reply is sent.
    let reply_box = NodeRef::<leptos::html::Textarea>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = comment.value().get() {
            if let Some(t) = reply_box.get_untracked() {
                t.set_value("");
            }
        }
    });
    view! {
        <Title text=t!("portal-case-title") />
        <a class="back" href=routes::SUPPORT>{t!("portal-case-back")}</a>
        <Transition fallback=|| view! { <p class="muted">{t!("portal-case-loading")}</p> }>
            {move || Suspend::new(async move {
                match case.await {
                    Ok(d) => {
                        let tone = super::support::status_tone(&d.case);
                        let case_id = d.case.id.clone();
                        view! {
                            <article class="card case" data-testid=testids::CASE_DETAIL>
                                <header class="card__head">
                                    <h1>{d.case.subject.clone()}</h1>
                                    <Badge label=status_label(&d.case.status) tone=tone />
                                </header>
                                <p class="muted small">{t!("portal-case-meta", number = d.case.number.clone(), category = category_label(&d.case.category), opened = when_label(&d.case.created_at))}</p>
                                <p class="case__description">{d.description}</p>
                                <h2>{t!("portal-case-conversation")}</h2>
                                {if d.comments.is_empty() {
                                    view! { <p class="muted">{t!("portal-case-no-replies")}</p> }.into_any()
                                } else {
                                    view! {
                                        <ol class="comments">
                                            {d.comments.into_iter().map(|c| view! {
                                                <li class="comments__item" data-testid=testids::CASE_COMMENT>
                                                    <p>{c.body}</p>
                                                    <span class="muted small">{when_label(&c.created_at)}</span>
                                                </li>
                                            }).collect_view()}
                                        </ol>
                                    }.into_any()
                                }}
                                {(!d.case.closed).then(|| view! {
                                    <ActionForm action=comment attr:data-testid=testids::COMMENT_FORM attr:class="form">
                                        <input type="hidden" name="id" value=case_id />
                                        <label class="field">
                                            <span>{t!("portal-case-reply")}</span>
                                            <textarea name="body" rows="4" required node_ref=reply_box></textarea>
                                            <FieldError error=error name="body" />
                                        </label>
                                        {move || error.get().filter(|e| e.field().is_none()).map(|e| view! {
                                            <p class="form__error" role="alert">{e.to_string()}</p>
                                        })}
                                        <div class="form__actions">
                                            <button class="btn btn--primary" type="submit" disabled=move || comment.pending().get()>{t!("portal-case-send")}</button>
                                        </div>
                                    </ActionForm>
                                })}
                            </article>
                        }.into_any()
                    }
                    Err(PortalError::Unauthorized) => view! { <LoginRedirect /> }.into_any(),
                    Err(PortalError::NotFound) => view! {
                        <ErrorPanel error=PortalError::NotFound message=t!("portal-case-not-found") />
                    }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

super::lazy_page!(CaseRoute, CasePage);
