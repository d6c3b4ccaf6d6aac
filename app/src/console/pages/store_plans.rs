//! `/ops/store-plans`: the travel eSIM store's curation. Every staff member sees which plans
//! are featured on `/store` and can search the catalogue as customers do; admins feature a
//! plan or stop featuring it.

use super::StaffOnly;
use crate::components::status::ErrorPanel;
use crate::console::api_records::{ops_store_plans, OpsSetFeatured};
use crate::domain::console::{Permission, Staff};
use crate::domain::store::StorePlan;
use crate::t;
use crate::testids;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

#[component]
fn PlanRows(
    plans: Vec<StorePlan>,
    admin: bool,
    set: ServerAction<OpsSetFeatured>,
) -> impl IntoView {
    view! {
        <tbody>
            {plans.into_iter().map(|p| {
                let (value, label) = if p.featured { ("false", t!("console-store-unfeature")) } else { ("true", t!("console-store-feature")) };
                view! {
                    <tr>
                        <td><a href=crate::routes::store_plan(&p.name)>{p.title()}</a><div class="muted small mono">{p.name.clone()}</div></td>
                        <td class="num">{p.price_label()}</td>
                        <td>{if p.featured { t!("console-store-featured") } else { "—".to_string() }}</td>
                        <td>
                            {admin.then(|| view! {
                                <ActionForm action=set attr:class="inline-form">
                                    <input type="hidden" name="name" value=p.name.clone() />
                                    <input type="hidden" name="featured" value=value />
                                    <button class="btn btn--small" type="submit" disabled=move || set.pending().get()>{label}</button>
                                </ActionForm>
                            })}
                        </td>
                    </tr>
                }
            }).collect_view()}
        </tbody>
    }
}

#[component]
fn StorePlansPage() -> impl IntoView {
    let query = use_query_map();
    let set = ServerAction::<OpsSetFeatured>::new();
    let data = Resource::new(
        move || {
            (
                query.with(|q| (q.get("q"), q.get("page"))),
                set.version().get(),
            )
        },
        |((q, page), _)| ops_store_plans(q, page),
    );
    let error = move || set.value().get().and_then(Result::err);
    view! {
        <Title text=t!("console-store-title") />
        <StaffOnly page=move |staff: Staff| {
            let admin = staff.role.may(Permission::Administer);
            let q = query.with_untracked(|q| q.get("q").unwrap_or_default());
            view! {
                <h1>{t!("console-store-heading")}</h1>
                <p class="muted">{t!("console-store-intro")}</p>
                {move || error().map(|e| view! { <p class="form__error" role="alert">{e.to_string()}</p> })}
                <Form method="GET" action="" attr:class="panel ops-search">
                    <label class="field">
                        <span>{t!("console-store-country")}</span>
                        <input type="search" name="q" value=q />
                    </label>
                    <button class="btn btn--primary" type="submit">{t!("console-search")}</button>
                </Form>
                <Transition fallback=|| view! { <p class="muted">{t!("console-store-loading")}</p> }>
                    {move || Suspend::new(async move {
                        match data.await {
                            Ok(c) => view! {
                                <section class="panel">
                                    <h2>{t!("console-store-featured-now", count = c.featured.len().to_string())}</h2>
                                    <div class="table-wrap">
                                        <table class="table" data-testid=testids::OPS_FEATURED>
                                            <thead><tr><th>{t!("console-plan")}</th><th class="num">{t!("console-store-price")}</th><th>{t!("console-store-featured")}</th><th></th></tr></thead>
                                            <PlanRows plans=c.featured admin=admin set=set />
                                        </table>
                                    </div>
                                </section>
                                <section class="panel">
                                    <h2>{t!("console-store-results", count = c.results.total.to_string())}</h2>
                                    <div class="table-wrap">
                                        <table class="table" data-testid=testids::OPS_STORE_RESULTS>
                                            <thead><tr><th>{t!("console-plan")}</th><th class="num">{t!("console-store-price")}</th><th>{t!("console-store-featured")}</th><th></th></tr></thead>
                                            <PlanRows plans=c.results.plans admin=admin set=set />
                                        </table>
                                    </div>
                                </section>
                            }.into_any(),
                            Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                        }
                    })}
                </Transition>
            }
        } />
    }
}

crate::pages::lazy_page!(StorePlansRoute, StorePlansPage);
