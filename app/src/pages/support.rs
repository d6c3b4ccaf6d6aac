//! Support: the account's cases (live from Salesforce) and a form to open one; each case
//! has its own page with the conversation (`support_case`).

use crate::api::{list_cases, OpenCase};
use crate::components::address_fields::FieldError;
use crate::components::status::{Badge, ErrorPanel, LoginRedirect};
use crate::domain::support::{when_label, CaseSummary, CATEGORIES};
use crate::domain::PortalError;
use crate::{routes, testids};
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
        <Title text="Support" />
        <h1>"Support"</h1>
        <p class="lead">"Ask us anything about your SIMs, plans or bills. We answer here and by email, usually within one business day."</p>
        <div class="support">
            <section class="card" aria-labelledby="cases-title">
                <header class="card__head"><h2 id="cases-title">"Your cases"</h2></header>
                <Transition fallback=|| view! { <p class="muted">"Loading your cases…"</p> }>
                    {move || Suspend::new(async move {
                        match cases.await {
                            Ok(list) if list.is_empty() => view! {
                                <p class="muted" data-testid=testids::CASE_LIST>"No cases yet. Open one with the form."</p>
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
                <header class="card__head"><h2 id="new-case-title">"Open a case"</h2></header>
                <ActionForm action=open attr:data-testid=testids::CASE_FORM attr:class="form">
                    <label class="field">
                        <span>"Category"</span>
                        <select name="category" required>
                            <option value="">"Choose…"</option>
                            {CATEGORIES.iter().map(|c| view! { <option value=*c>{*c}</option> }).collect_view()}
                        </select>
                        <FieldError error=error name="category" />
                    </label>
                    <label class="field">
                        <span>"Subject"</span>
                        <input name="subject" maxlength="255" placeholder="No data since this morning" required />
                        <FieldError error=error name="subject" />
                    </label>
                    <label class="field">
                        <span>"What happened?"</span>
                        <textarea name="description" rows="6" maxlength="10000" required
                            placeholder="Which SIM or number, since when, what you already tried."></textarea>
                        <FieldError error=error name="description" />
                    </label>
                    {move || error.get().filter(|e| e.field().is_none()).map(|e| view! {
                        <p class="form__error" role="alert" data-testid=testids::CASE_ERROR>{e.to_string()}</p>
                    })}
                    <div class="form__actions">
                        <button class="btn btn--primary" type="submit" disabled=move || open.pending().get()>
                            {move || if open.pending().get() { "Sending…" } else { "Open case" }}
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
                <Badge label=case.status tone=tone />
                <span class="muted small">{format!("#{} · {} · {}", case.number, case.category, when_label(&case.created_at))}</span>
            </a>
        </li>
    }
}

super::lazy_page!(SupportRoute, SupportPage);
