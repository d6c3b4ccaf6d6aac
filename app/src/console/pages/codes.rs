//! `/ops/codes`: activation codes by status and code; support and admin mark an unused code
//! used or expired (used and expired are final).

use super::{jst, StaffOnly};
use crate::components::status::ErrorPanel;
use crate::console::api_records::{ops_codes, OpsMarkCode};
use crate::console::routes;
use crate::domain::console::{Permission, Staff};
use crate::domain::console_records::CodeStatus;
use crate::t;
use crate::testids;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

fn tone(s: CodeStatus) -> &'static str {
    match s {
        CodeStatus::Unused => "ok",
        CodeStatus::Used => "info",
        CodeStatus::Expired => "muted",
    }
}

#[component]
fn CodesPage() -> impl IntoView {
    let query = use_query_map();
    let mark = ServerAction::<OpsMarkCode>::new();
    let list = Resource::new(
        move || {
            (
                query.with(|q| (q.get("status"), q.get("q"), q.get("page"))),
                mark.version().get(),
            )
        },
        |((status, q, page), _)| ops_codes(status, q, page),
    );
    let error = move || mark.value().get().and_then(Result::err);
    view! {
        <Title text=t!("console-codes-title") />
        <StaffOnly page=move |staff: Staff| {
            let may_mark = staff.role.may(Permission::Operate);
            let (status, q) = query.with_untracked(|p| (p.get("status").unwrap_or_default(), p.get("q").unwrap_or_default()));
            let link = {
                let (status, q) = (status.clone(), q.clone());
                move |n: u32| format!("{}?status={status}&q={q}&page={n}", routes::OPS_CODES)
            };
            view! {
                <h1>{t!("console-codes-heading")}</h1>
                <Form method="GET" action="" attr:class="panel ops-search">
                    <label class="field">
                        <span>{t!("console-codes-code")}</span>
                        <input type="search" name="q" value=q.clone() placeholder="ACT-1…" />
                    </label>
                    <label class="field">
                        <span>{t!("console-col-status")}</span>
                        <select name="status">
                            <option value="">{t!("console-any")}</option>
                            {CodeStatus::ALL.into_iter().map(|s| view! {
                                <option value=s.as_str() selected=status == s.as_str()>{s.label()}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <button class="btn btn--primary" type="submit">{t!("console-search")}</button>
                </Form>
                {move || error().map(|e| view! { <p class="form__error" role="alert">{e.to_string()}</p> })}
                <Transition fallback=|| view! { <p class="muted">{t!("console-codes-loading")}</p> }>
                    {move || {
                        let link = link.clone();
                        Suspend::new(async move {
                            match list.await {
                                Ok(p) => {
                                    let prev = (p.page > 1).then(|| link(p.page - 1));
                                    let next = p.has_next.then(|| link(p.page + 1));
                                    view! {
                                        <div class="panel table-wrap">
                                            <table class="table">
                                                <thead><tr><th>{t!("console-codes-code")}</th><th>{t!("console-col-status")}</th><th>{t!("console-codes-expires")}</th><th>{t!("console-codes-used-at")}</th><th>"SIM"</th><th></th></tr></thead>
                                                <tbody>
                                                    {p.items.into_iter().map(|c| {
                                                        let open = may_mark && c.status == CodeStatus::Unused;
                                                        view! {
                                                            <tr data-testid=testids::OPS_CODE_ROW>
                                                                <td class="mono">{c.code.clone()}</td>
                                                                <td><span class=format!("badge badge--{}", tone(c.status))>{c.status.label()}</span></td>
                                                                <td>{c.expires_at.map(jst).unwrap_or_else(|| t!("console-codes-never"))}</td>
                                                                <td>{c.used_at.map(jst).unwrap_or_default()}</td>
                                                                <td class="mono">{c.sim_id.zip(c.sim_iccid.clone()).map(|(id, iccid)| view! { <a href=routes::ops_sim(id)>{iccid}</a> })}</td>
                                                                <td>{open.then(|| view! {
                                                                    <div class="ops-inline">
                                                                        {[("USED", t!("console-codes-mark-used")), ("EXPIRED", t!("console-codes-mark-expired"))].into_iter().map(|(status, label)| view! {
                                                                            <ActionForm action=mark>
                                                                                <input type="hidden" name="id" value=c.id.to_string() />
                                                                                <input type="hidden" name="status" value=status />
                                                                                <button class="btn btn--ghost btn--small" type="submit">{label}</button>
                                                                            </ActionForm>
                                                                        }).collect_view()}
                                                                    </div>
                                                                })}</td>
                                                            </tr>
                                                        }
                                                    }).collect_view()}
                                                </tbody>
                                            </table>
                                        </div>
                                        <nav class="ops-pager">
                                            <span class="muted">{t!("console-page", page = p.page.to_string())}</span>
                                            {prev.map(|h| view! { <a class="btn btn--ghost btn--small" href=h>{t!("console-prev")}</a> })}
                                            {next.map(|h| view! { <a class="btn btn--ghost btn--small" href=h>{t!("console-next")}</a> })}
                                        </nav>
                                    }.into_any()
                                }
                                Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                            }
                        })
                    }}
                </Transition>
            }
        } />
    }
}

crate::pages::lazy_page!(CodesRoute, CodesPage);
