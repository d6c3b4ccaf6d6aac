//! Support: the account's cases (live from Salesforce) and a form to open one; each case
//! has its own page with the conversation (`support_case`).

use crate::api::{list_cases, OpenCase};
use crate::components::address_fields::FieldError;
use crate::components::status::{Badge, ErrorPanel, LoginRedirect};
use crate::domain::support::{category_label, status_label, when_label, CaseSummary, CATEGORIES};
use crate::domain::PortalError;
use crate::{routes, t, testids};
use leptos::prelude::*;
use leptos_meta::Title;

pub fn status_tone(case: &CaseSummary) -> &'static str {
    if case.closed {
        "muted"
    } else if case.status.eq_ignore_ascii_case("new") {
        "info"
    } else {
        "warn"
    }
}

#[component]
pub fn SupportPage() -> impl IntoView {
    let open = ServerAction::<OpenCase>::new();
    let error = Signal::derive(move || open.value().get().and_then(Result::err));
    let cases = Resource::new(move || open.version().get(), |_| list_cases());
    view! {
        <Title text=t!("portal-support-title") />
        <h1>{t!("portal-support-title")}</h1>
        <p class="lead">{t!("portal-support-lead")}</p>
        <div class="support">
            <section class="card" aria-labelledby="cases-title">
                <header class="card__head"><h2 id="cases-title">{t!("portal-support-cases")}</h2></header>
                <Transition fallback=|| view! { <p class="muted">{t!("portal-support-loading")}</p> }>
                    {move || Suspend::new(async move {
                        match cases.await {
                            Ok(list) if list.is_empty() => view! {
                                <p class="muted" data-testid=testids::CASE_LIST>{t!("portal-support-empty")}</p>
                            }.into_any(),
                            Ok(list) => view! {
                                <ul class="cases" data-testid=testids::CASE_LIST>
                                    {list.into_iter().map(|c| view! { <CaseRow case=c /> }).collect_view()}
                                </ul>
                            }.into_any(),
                            Err(PortalError::Unauthorized) => view! { <LoginRedirect /> }.into_any(),
                            Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
            <section class="card" aria-labelledby="new-case-title">
                <header class="card__head"><h2 id="new-case-title">{t!("portal-support-new-case")}</h2></header>
                <ActionForm action=open attr:data-testid=testids::CASE_FORM attr:class="form">
                    <label class="field">
                        <span>{t!("portal-support-category")}</span>
                        <select name="category" required>
                            <option value="">{t!("portal-support-choose")}</option>
                            {CATEGORIES.iter().map(|c| view! { <option value=*c>{category_label(c)}</option> }).collect_view()}
                        </select>
                        <FieldError error=error name="category" />
                    </label>
                    <label class="field">
                        <span>{t!("portal-support-subject")}</span>
                        <input name="subject" maxlength="255" placeholder=t!("portal-support-subject-placeholder") required />
                        <FieldError error=error name="subject" />
                    </label>
                    <label class="field">
                        <span>{t!("portal-support-description")}</span>
                        <textarea name="description" rows="6" maxlength="10000" required
                            placeholder=t!("portal-support-description-placeholder")></textarea>
                        <FieldError error=error name="description" />
                    </label>
                    {move || error.get().filter(|e| e.field().is_none()).map(|e| view! {
                        <p class="form__error" role="alert" data-testid=testids::CASE_ERROR>{e.to_string()}</p>
                    })}
                    <div class="form__actions">
                        <button class="btn btn--primary" type="submit" disabled=move || open.pending().get()>
                            {move || if open.pending().get() { t!("portal-support-sending") } else { t!("portal-support-submit") }}
                        </button>
                    </div>
                </ActionForm>
            </section>
        </div>
    }
}

#[component]
fn CaseRow(case: CaseSummary) -> impl IntoView {
    let tone = status_tone(&case);
    view! {
        <li data-testid=testids::CASE_ROW>
            <a class="cases__link" href=routes::support_case(&case.id)>
                <span class="cases__subject">{case.subject}</span>
                <Badge label=status_label(&case.status) tone=tone />
                <span class="muted small">{format!("#{} · {} · {}", case.number, category_label(&case.category), when_label(&case.created_at))}</span>
            </a>
        </li>
    }
}

super::lazy_page!(SupportRoute, SupportPage);
