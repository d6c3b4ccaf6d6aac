//! The operator console's services (issue 11, seed 003): staff sessions, the SIM inventory
//! and its lifecycle, the dashboard and the CSV import. One implementation of
//! [`app::console::port::Console`] serves the pages' server functions and `/api/ops/…`; each
//! method checks the role first.

mod audit;
mod bulk;
pub mod demo;
mod import;
mod lifecycle;
mod queries;
mod records;
pub mod secrets;
pub mod staff;

use crate::portal::limits::LimitConfig;
use crate::store::{Db, StoreError};
use app::console::port::{Console, Source, StaffSession};
use app::domain::console::{
    parse_staff_email, Bucket, Dashboard, DateCount, DemoStaff, ImportPreview, ImportResult,
    NamedRef, OperationInput, OperationResult, Permission, Revealed, Role, SimFilter, SimPage,
    SimWithEvents, Staff, StaffUser, StatusCount, TariffCount,
};
use app::domain::console_records::{
    ActivationCode, BulkPreview, BulkResult, CodePage, CodeStatus, CustomerDetail, CustomerInput,
    CustomerPage, CustomerRow, Picked, TariffInput, TariffPlan,
};
use app::domain::inventory::Operation;
use app::domain::PortalError;
use app::ports::Client;
use async_trait::async_trait;
pub use secrets::Secrets;

pub(crate) fn store_err(e: StoreError) -> PortalError {
    crate::portal::store_error(e)
}

pub(crate) fn db_error(e: sqlx::Error) -> PortalError {
    crate::portal::store_error(e.into())
}

pub struct OpsConsole {
    db: Db,
    auth: staff::StaffAuth,
    secrets: Secrets,
    demo: bool,
}

impl OpsConsole {
    pub fn new(
        db: Db,
        secrets: Secrets,
        demo: bool,
        limits: LimitConfig,
    ) -> Result<Self, PortalError> {
        Ok(OpsConsole {
            auth: staff::StaffAuth::new(db.clone(), demo, limits)?,
            db,
            secrets,
            demo,
        })
    }
}

#[async_trait]
impl Console for OpsConsole {
    async fn login(
        &self,
        email: &str,
        password: &str,
        client: &Client,
    ) -> Result<StaffSession, PortalError> {
        self.auth.login(email, password, client).await
    }

    async fn staff_for_session(&self, token: &str) -> Result<Option<Staff>, PortalError> {
        self.auth.staff_for_session(token).await
    }

    async fn logout(&self, token: &str) -> Result<(), PortalError> {
        self.auth.logout(token).await
    }

    async fn sims(&self, staff: &Staff, filter: &SimFilter) -> Result<SimPage, PortalError> {
        staff.require(Permission::Read)?;
        self.list(filter).await
    }

    async fn sim(&self, staff: &Staff, id: i64) -> Result<SimWithEvents, PortalError> {
        staff.require(Permission::Read)?;
        self.detail(id).await
    }

    async fn operate(
        &self,
        staff: &Staff,
        id: i64,
        op: Operation,
        input: &OperationInput,
        source: Source,
    ) -> Result<OperationResult, PortalError> {
        staff.require(Permission::Operate)?;
        self.run_operation(staff, id, op, input, source).await
    }

    async fn reveal(
        &self,
        staff: &Staff,
        id: i64,
        source: Source,
    ) -> Result<Revealed, PortalError> {
        staff.require(Permission::Operate)?;
        self.reveal_codes(staff, id, source).await
    }

    async fn by_status(&self, staff: &Staff) -> Result<Vec<StatusCount>, PortalError> {
        staff.require(Permission::Read)?;
        self.status_counts().await
    }

    async fn activations(
        &self,
        staff: &Staff,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Vec<DateCount>, PortalError> {
        staff.require(Permission::Read)?;
        self.activation_days(from, to).await
    }

    async fn by_tariff(&self, staff: &Staff) -> Result<Vec<TariffCount>, PortalError> {
        staff.require(Permission::Read)?;
        self.tariff_counts().await
    }

    async fn tariffs(&self, staff: &Staff) -> Result<Vec<NamedRef>, PortalError> {
        staff.require(Permission::Read)?;
        self.tariff_list().await
    }

    async fn dashboard(&self, staff: &Staff, bucket: Bucket) -> Result<Dashboard, PortalError> {
        staff.require(Permission::Read)?;
        self.build_dashboard(bucket).await
    }

    async fn import_preview(
        &self,
        staff: &Staff,
        csv: &[u8],
    ) -> Result<ImportPreview, PortalError> {
        staff.require(Permission::Administer)?;
        self.preview(csv).await
    }

    async fn import_commit(
        &self,
        staff: &Staff,
        csv: &[u8],
        file_name: Option<&str>,
    ) -> Result<ImportResult, PortalError> {
        staff.require(Permission::Administer)?;
        self.commit(staff, csv, file_name).await
    }

    async fn customers(
        &self,
        staff: &Staff,
        q: Option<&str>,
        page: u32,
    ) -> Result<CustomerPage, PortalError> {
        staff.require(Permission::Read)?;
        self.customer_page(q, page).await
    }

    async fn customer(&self, staff: &Staff, id: i64) -> Result<CustomerDetail, PortalError> {
        staff.require(Permission::Read)?;
        self.customer_detail(id).await
    }

    async fn save_customer(
        &self,
        staff: &Staff,
        id: Option<i64>,
        input: &CustomerInput,
        source: Source,
    ) -> Result<CustomerRow, PortalError> {
        staff.require(Permission::Operate)?;
        self.save_customer_record(staff, id, input, source).await
    }

    async fn assign(
        &self,
        staff: &Staff,
        customer_id: i64,
        iccid: &str,
        source: Source,
    ) -> Result<OperationResult, PortalError> {
        staff.require(Permission::Operate)?;
        self.assign_sim(staff, customer_id, iccid, source).await
    }

    async fn codes(
        &self,
        staff: &Staff,
        status: Option<CodeStatus>,
        q: Option<&str>,
        page: u32,
    ) -> Result<CodePage, PortalError> {
        staff.require(Permission::Read)?;
        self.code_page(status, q, page).await
    }

    async fn mark_code(
        &self,
        staff: &Staff,
        id: i64,
        status: CodeStatus,
        source: Source,
    ) -> Result<ActivationCode, PortalError> {
        staff.require(Permission::Operate)?;
        self.set_code_status(staff, id, status, source).await
    }

    async fn tariff_plans(&self, staff: &Staff) -> Result<Vec<TariffPlan>, PortalError> {
        staff.require(Permission::Read)?;
        self.plans().await
    }

    async fn save_tariff(
        &self,
        staff: &Staff,
        id: Option<i64>,
        input: &TariffInput,
        source: Source,
    ) -> Result<TariffPlan, PortalError> {
        staff.require(Permission::Administer)?;
        self.save_plan(staff, id, input, source).await
    }

    async fn delete_tariff(
        &self,
        staff: &Staff,
        id: i64,
        source: Source,
    ) -> Result<(), PortalError> {
        staff.require(Permission::Administer)?;
        self.delete_plan(staff, id, source).await
    }

    async fn bulk_preview(
        &self,
        staff: &Staff,
        filter: &SimFilter,
        op: Operation,
    ) -> Result<BulkPreview, PortalError> {
        staff.require(Permission::Operate)?;
        self.preview_bulk(filter, op).await
    }

    async fn bulk_apply(
        &self,
        staff: &Staff,
        picked: &[Picked],
        op: Operation,
        input: &OperationInput,
        source: Source,
    ) -> Result<BulkResult, PortalError> {
        staff.require(Permission::Operate)?;
        self.apply_bulk(staff, picked, op, input, source).await
    }

    async fn staff_users(&self, staff: &Staff) -> Result<Vec<StaffUser>, PortalError> {
        staff.require(Permission::Administer)?;
        staff::list(&self.db, self.demo).await
    }

    async fn add_staff(
        &self,
        staff: &Staff,
        email: &str,
        role: Role,
        password: &str,
        source: Source,
    ) -> Result<StaffUser, PortalError> {
        staff.require(Permission::Administer)?;
        let email = parse_staff_email(email)?;
        app::domain::account::check_new_password(password, "password")?;
        let hash = self.auth.hash(password).await?;
        let user = staff::add(&self.db, &email, &hash, role).await?;
        // After the change (staff logins are written by their own module): a lost line here
        // is logged, and the login exists either way.
        let after =
            serde_json::json!({"email": user.email, "role": role.as_str(), "disabled": false});
        if let Err(e) = audit::record(
            &self.db,
            staff,
            source,
            audit::Entity::StaffUser,
            user.id,
            "created",
            None,
            Some(after),
        )
        .await
        {
            tracing::error!(error = %e, "could not audit a new staff login");
        }
        tracing::info!(
            by = staff.id,
            added = user.id,
            role = role.as_str(),
            "staff login added"
        );
        Ok(user)
    }

    async fn update_staff(
        &self,
        staff: &Staff,
        id: i64,
        role: Role,
        disabled: bool,
        source: Source,
    ) -> Result<StaffUser, PortalError> {
        staff.require(Permission::Administer)?;
        if id == staff.id && (disabled || role != Role::Admin) {
            return Err(PortalError::Conflict(app::t!("console-staff-self-change")));
        }
        let before = staff::list(&self.db, self.demo)
            .await?
            .into_iter()
            .find(|u| u.id == id);
        let user = staff::update(&self.db, id, role, disabled).await?;
        let json = |role: Role, disabled: bool| serde_json::json!({"role": role.as_str(), "disabled": disabled});
        let before = before.map(|b| json(b.role, b.disabled));
        if let Err(e) = audit::record(
            &self.db,
            staff,
            source,
            audit::Entity::StaffUser,
            id,
            "updated",
            before,
            Some(json(user.role, user.disabled)),
        )
        .await
        {
            tracing::error!(error = %e, "could not audit a staff login change");
        }
        tracing::info!(
            by = staff.id,
            changed = id,
            role = role.as_str(),
            disabled,
            "staff login changed"
        );
        Ok(user)
    }

    fn demo_staff(&self) -> Option<DemoStaff> {
        self.demo.then(|| DemoStaff {
            emails: staff::DEMO_STAFF
                .iter()
                .map(|(e, _)| e.to_string())
                .collect(),
            password: crate::simulator::demo::DEMO_PASSWORD.to_string(),
        })
    }
}
