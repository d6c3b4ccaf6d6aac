//! `/ops/tariffs`: tariff plans with how many SIMs use each; an admin creates, edits and
//! deletes them (a plan SIMs still use cannot be deleted).

use super::StaffOnly;
use crate::components::status::ErrorPanel;
use crate::console::api_records::{ops_tariff_plans, OpsDeleteTariff, OpsSaveTariff};
use crate::domain::console::{Permission, Staff};
use crate::domain::console_records::{tariff_kind_label, TariffPlan, TARIFF_KINDS};
use crate::domain::topup::yen_label;
use crate::t;
use crate::testids;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
fn TariffForm(save: ServerAction<OpsSaveTariff>, plan: Option<TariffPlan>) -> impl IntoView {
    let p = plan.clone();
    let field = move |f: fn(&TariffPlan) -> String| p.as_ref().map(f).unwrap_or_default();
    let kind = plan
        .as_ref()
        .map_or("mobile".to_string(), |p| p.kind.clone());
    view! {
        <ActionForm action=save attr:class="form ops-tariff-form" attr:data-testid=testids::OPS_TARIFF_FORM>
            <input type="hidden" name="id" value=plan.as_ref().map(|p| p.id.to_string()).unwrap_or_default() />
            <div class="form__row">
                <label class="field"><span>{t!("console-tariffs-name")}</span><input type="text" name="name" required maxlength="80" value=field(|p| p.name.clone()) /></label>
                <label class="field field--short"><span>{t!("console-tariffs-price")}</span><input type="text" name="monthly_price_yen" inputmode="numeric" required value=field(|p| p.monthly_price_yen.to_string()) /></label>
                <label class="field field--short"><span>{t!("console-tariffs-kind")}</span>
                    <select name="kind">
                        {TARIFF_KINDS.into_iter().map(|k| view! { <option value=k selected=kind == k>{tariff_kind_label(k)}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <label class="field"><span>{t!("console-tariffs-description")}</span><input type="text" name="description" maxlength="1000" value=field(|p| p.description.clone()) /></label>
            <div class="form__actions">
                <button class="btn btn--primary" type="submit" disabled=move || save.pending().get()>
                    {if plan.is_some() { t!("console-save-changes") } else { t!("console-tariffs-add-button") }}
                </button>
            </div>
        </ActionForm>
    }
}

#[component]
fn TariffsPage() -> impl IntoView {
    let save = ServerAction::<OpsSaveTariff>::new();
    let delete = ServerAction::<OpsDeleteTariff>::new();
    let plans = Resource::new(
        move || (save.version().get(), delete.version().get()),
        |_| ops_tariff_plans(),
    );
    let editing = RwSignal::new(None::<i64>);
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            editing.set(None);
        }
    });
    let error = move || {
        save.value()
            .get()
            .and_then(Result::err)
            .or_else(|| delete.value().get().and_then(Result::err))
    };
    view! {
        <Title text=t!("console-tariffs-title") />
        <StaffOnly page=move |staff: Staff| {
            let admin = staff.role.may(Permission::Administer);
            view! {
                <h1>{t!("console-tariffs-heading")}</h1>
                {move || error().map(|e| view! { <p class="form__error" role="alert" data-testid=testids::OPS_TARIFF_ERROR>{e.to_string()}</p> })}
                <Transition fallback=|| view! { <p class="muted">{t!("console-tariffs-loading")}</p> }>
                    {move || Suspend::new(async move {
                        match plans.await {
                            Ok(list) => view! {
                                <div class="panel table-wrap">
                                    <table class="table">
                                        <thead><tr><th>{t!("console-plan")}</th><th>{t!("console-tariffs-kind")}</th><th class="num">{t!("console-tariffs-monthly")}</th><th class="num">{t!("console-nav-sims")}</th><th></th></tr></thead>
                                        <tbody>
                                            {list.into_iter().map(|p| {
                                                let id = p.id;
                                                let plan = p.clone();
                                                view! {
                                                    <tr data-testid=testids::OPS_TARIFF_ROW>
                                                        <td><strong>{p.name.clone()}</strong><br /><span class="muted small">{p.description.clone()}</span></td>
                                                        <td>{tariff_kind_label(&p.kind)}</td>
                                                        <td class="num">{yen_label(p.monthly_price_yen.max(0) as u64)}</td>
                                                        <td class="num">{p.sims}</td>
                                                        <td>{admin.then(|| view! {
                                                            <div class="ops-inline">
                                                                <button class="btn btn--ghost btn--small" type="button" on:click=move |_| editing.set(Some(id))>{t!("console-tariffs-edit")}</button>
                                                                <ActionForm action=delete>
                                                                    <input type="hidden" name="id" value=id.to_string() />
                                                                    <button class="btn btn--danger-outline btn--small" type="submit">{t!("console-tariffs-delete")}</button>
                                                                </ActionForm>
                                                            </div>
                                                        })}</td>
                                                    </tr>
                                                    {move || (editing.get() == Some(id)).then(|| view! {
                                                        <tr><td colspan="5"><TariffForm save plan=Some(plan.clone()) /></td></tr>
                                                    })}
                                                }
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }.into_any(),
                            Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                        }
                    })}
                </Transition>
                {admin.then(|| view! {
                    <section class="panel">
                        <h2>{t!("console-tariffs-add-heading")}</h2>
                        <TariffForm save plan=None />
                    </section>
                })}
            }
        } />
    }
}

crate::pages::lazy_page!(TariffsRoute, TariffsPage);
