//! `/ops/staff` (admin): staff logins — add one with a first password, change a role,
//! disable (their sessions end at once) or enable again.

use super::{jst, StaffOnly};
use crate::components::status::ErrorPanel;
use crate::console::api_records::{ops_staff_users, OpsAddStaff, OpsUpdateStaff};
use crate::domain::console::{Permission, Role, Staff};
use crate::t;
use crate::testids;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
fn StaffPage() -> impl IntoView {
    let add = ServerAction::<OpsAddStaff>::new();
    let update = ServerAction::<OpsUpdateStaff>::new();
    let users = Resource::new(
        move || (add.version().get(), update.version().get()),
        |_| ops_staff_users(),
    );
    let error = move || {
        add.value()
            .get()
            .and_then(Result::err)
            .or_else(|| update.value().get().and_then(Result::err))
    };
    view! {
        <Title text=t!("console-staff-title") />
        <h1>{t!("console-staff-heading")}</h1>
        <StaffOnly page=move |me: Staff| {
            if !me.role.may(Permission::Administer) {
                return view! { <p class="panel">{t!("console-staff-admin-only")}</p> }.into_any();
            }
            view! {
                {move || error().map(|e| view! { <p class="form__error" role="alert" data-testid=testids::OPS_STAFF_ERROR>{e.to_string()}</p> })}
                <Transition fallback=|| view! { <p class="muted">{t!("console-loading")}</p> }>
                    {move || {
                        let me = me.clone();
                        Suspend::new(async move {
                            match users.await {
                                Ok(list) => view! {
                                    <div class="panel table-wrap">
                                        <table class="table">
                                            <thead><tr><th>{t!("console-email")}</th><th>{t!("console-staff-role")}</th><th>{t!("console-staff-since")}</th><th>{t!("console-staff-state")}</th><th></th></tr></thead>
                                            <tbody>
                                                {list.into_iter().map(|u| {
                                                    let own = u.id == me.id;
                                                    view! {
                                                        <tr data-testid=testids::OPS_STAFF_ROW>
                                                            <td>{u.email.clone()}</td>
                                                            <td>
                                                                <ActionForm action=update attr:class="ops-inline">
                                                                    <input type="hidden" name="id" value=u.id.to_string() />
                                                                    <input type="hidden" name="disabled" value=u.disabled.to_string() />
                                                                    <select name="role" aria-label=t!("console-staff-role-of", email = u.email.clone()) disabled=own>
                                                                        {Role::ALL.into_iter().map(|r| view! { <option value=r.as_str() selected=r == u.role>{r.label()}</option> }).collect_view()}
                                                                    </select>
                                                                    {(!own).then(|| view! { <button class="btn btn--ghost btn--small" type="submit">{t!("console-staff-set-role")}</button> })}
                                                                </ActionForm>
                                                            </td>
                                                            <td>{jst(u.created_at)}</td>
                                                            <td>{if u.disabled { view! { <span class="badge badge--muted">{t!("console-staff-disabled")}</span> }.into_any() } else { view! { <span class="badge badge--ok">{t!("console-staff-active")}</span> }.into_any() }}</td>
                                                            <td>{(!own).then(|| view! {
                                                                <ActionForm action=update>
                                                                    <input type="hidden" name="id" value=u.id.to_string() />
                                                                    <input type="hidden" name="role" value=u.role.as_str() />
                                                                    <input type="hidden" name="disabled" value=(!u.disabled).to_string() />
                                                                    <button class=if u.disabled { "btn btn--ghost btn--small" } else { "btn btn--danger-outline btn--small" } type="submit">
                                                                        {if u.disabled { t!("console-staff-enable") } else { t!("console-staff-disable") }}
                                                                    </button>
                                                                </ActionForm>
                                                            })}</td>
                                                        </tr>
                                                    }
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                }.into_any(),
                                Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                            }
                        })
                    }}
                </Transition>
                <section class="panel">
                    <h2>{t!("console-staff-add-heading")}</h2>
                    <ActionForm action=add attr:class="form" attr:data-testid=testids::OPS_STAFF_FORM>
                        <div class="form__row">
                            <label class="field"><span>{t!("console-work-email")}</span><input type="email" name="email" required /></label>
                            <label class="field field--short"><span>{t!("console-staff-role")}</span>
                                <select name="role">{Role::ALL.into_iter().map(|r| view! { <option value=r.as_str() selected=r == Role::Viewer>{r.label()}</option> }).collect_view()}</select>
                            </label>
                        </div>
                        <label class="field"><span>{t!("console-staff-first-password")}</span>
                            <input type="password" name="password" required minlength="10" autocomplete="new-password" />
                        </label>
                        <div class="form__actions"><button class="btn btn--primary" type="submit">{t!("console-staff-add")}</button></div>
                    </ActionForm>
                </section>
            }.into_any()
        } />
    }
}

crate::pages::lazy_page!(StaffRoute, StaffPage);
