//! The operator console's people and views (seed 003, issue 11): staff roles and what each
//! may do, and the shapes the pages, REST and the services exchange. The rules on SIM cards
//! themselves are in [`super::inventory`].

mod dashboard;
mod import;
mod sim_list;
mod sims;

pub use dashboard::*;
pub use import::*;
pub use sim_list::*;
pub use sims::*;

use crate::t;
use serde::{Deserialize, Serialize};

/// A staff member's role (seed 003 §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything: imports, tariff plans, staff users.
    Admin,
    /// Views and edits SIMs and customers, changes statuses.
    Support,
    /// Reads lists and the dashboard.
    Viewer,
}

/// What a request wants to do, checked against the role in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Lists, details, history, dashboard.
    Read,
    /// Lifecycle operations, assignments, activation codes, PIN/PUK reveal.
    Operate,
    /// Imports, tariff plans, staff users.
    Administer,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Support, Role::Viewer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Support => "support",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Self::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }

    pub fn label(self) -> String {
        match self {
            Role::Admin => t!("console-role-admin"),
            Role::Support => t!("console-role-support"),
            Role::Viewer => t!("console-role-viewer"),
        }
    }

    pub fn may(self, p: Permission) -> bool {
        match p {
            Permission::Read => true,
            Permission::Operate => matches!(self, Role::Admin | Role::Support),
            Permission::Administer => self == Role::Admin,
        }
    }
}

/// A logged-in staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staff {
    pub id: i64,
    pub email: String,
    pub role: Role,
}

impl Staff {
    /// `Ok` when the role allows `p`; otherwise the 403 the caller answers.
    pub fn require(&self, p: Permission) -> Result<(), crate::domain::PortalError> {
        if self.role.may(p) {
            Ok(())
        } else {
            Err(crate::domain::PortalError::Forbidden(match p {
                Permission::Read => t!("console-forbidden-read"),
                Permission::Operate => t!("console-forbidden-operate"),
                Permission::Administer => t!("console-forbidden-administer"),
            }))
        }
    }
}

/// A staff login as the admin's staff page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StaffUser {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: i64,
}

/// A staff email as typed: trimmed, lower-case, one `@` with text either side.
pub fn parse_staff_email(input: &str) -> Result<String, crate::domain::PortalError> {
    let e = input.trim().to_ascii_lowercase();
    let ok = e.len() <= 254
        && e.split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !b.contains('@'))
        && !e.contains(char::is_whitespace);
    if ok {
        Ok(e)
    } else {
        Err(crate::domain::PortalError::invalid(
            "email",
            t!("console-staff-email-invalid"),
        ))
    }
}

/// The demo staff logins, shown on the console's login page while the simulators run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoStaff {
    pub emails: Vec<String>,
    pub password: String,
}

/// A reference to a customer or tariff from a SIM row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedRef {
    pub id: i64,
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_allow_what_the_seed_says() {
        assert!(Role::Viewer.may(Permission::Read));
        assert!(!Role::Viewer.may(Permission::Operate));
        assert!(!Role::Viewer.may(Permission::Administer));
        assert!(Role::Support.may(Permission::Operate));
        assert!(!Role::Support.may(Permission::Administer));
        assert!(Role::Admin.may(Permission::Administer));
    }

    /// The console's catalog gives the English the pages wrote before (tests and staff read it).
    #[test]
    fn console_texts_in_english_are_as_before() {
        use crate::i18n::{num, Lang};
        let en = Lang::En;
        let done = |n: u64, skipped: u64| {
            crate::tr!(
                en,
                "console-imports-done",
                count = num(n as f64),
                skipped = num(skipped as f64)
            )
        };
        assert_eq!(done(2, 1), "Imported 2 new SIMs; 1 row skipped.");
        assert_eq!(done(1, 0), "Imported 1 new SIM; 0 rows skipped.");
        assert_eq!(
            crate::tr!(en, "console-imports-download-rejected", count = num(1)),
            "Download the 1 rejected row with reasons (CSV)"
        );
        assert_eq!(
            crate::tr!(en, "console-imports-commit", count = num(3)),
            "Import 3 new SIMs"
        );
        assert_eq!(
            crate::tr!(en, "console-bulk-changed", count = num(1)),
            "Changed 1 SIM."
        );
        assert_eq!(
            crate::tr!(en, "console-bulk-changed", count = num(0)),
            "Changed 0 SIMs."
        );
        assert_eq!(
            crate::tr!(en, "console-bulk-apply", op = "Suspend", count = num(1)),
            "Suspend 1 SIM"
        );
        assert_eq!(
            crate::tr!(en, "console-bulk-not-changed", count = "2"),
            " 2 not changed (refused or changed by someone else meanwhile)."
        );
        assert_eq!(
            crate::tr!(en, "console-login-intro-before"),
            "For SonixNet staff. Customers log in at "
        );
        assert_eq!(crate::tr!(en, "console-customers-added-after"), ".");
        assert_eq!(
            crate::tr!(en, "console-imports-help-header"),
            " (a header row is optional; "
        );
        assert_eq!(
            crate::tr!(en, "console-bulk-items-list"),
            "items is a list of {\"id\", \"version\"} from a preview"
        );
        assert_eq!(
            crate::tr!(en, "console-sim-version", version = "3"),
            " JST · version 3"
        );
        assert_eq!(
            crate::tr!(
                Lang::Ja,
                "console-imports-done",
                count = num(2),
                skipped = num(1)
            ),
            "新しいSIMを2件取り込みました。1行はスキップしました。"
        );
    }
}
