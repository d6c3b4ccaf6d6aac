//! `data-testid` values used by the pages and by the Playwright suite
//! (`end2end/tests/ids.ts` mirrors this file; a unit test keeps the two in step).

pub const LOGIN_FORM: &str = "login-form";
pub const LOGIN_ERROR: &str = "login-error";
pub const LOGOUT: &str = "logout";
pub const CURRENT_USER: &str = "current-user";
pub const SUBSCRIPTION_LIST: &str = "subscription-list";
pub const SUBSCRIPTION_ROW: &str = "subscription-row";
pub const SIM_DETAILS: &str = "sim-details";
pub const SIM_ICCID: &str = "sim-iccid";
pub const SIM_MSISDN: &str = "sim-msisdn";
pub const SIM_PLAN_CODE: &str = "sim-plan-code";
pub const SIM_PLAN_NAME: &str = "sim-plan-name";
pub const SIM_STATUS: &str = "sim-status";
pub const SIM_TYPE: &str = "sim-type";
pub const SIM_PRODUCT: &str = "sim-product";
pub const SIM_REMAINING: &str = "sim-remaining";
pub const PAGE_ERROR: &str = "page-error";
pub const DEMO_LOGINS: &str = "demo-logins";

/// Every id, for the consistency test below.
pub const ALL: &[(&str, &str)] = &[
    ("LOGIN_FORM", LOGIN_FORM),
    ("LOGIN_ERROR", LOGIN_ERROR),
    ("LOGOUT", LOGOUT),
    ("CURRENT_USER", CURRENT_USER),
    ("SUBSCRIPTION_LIST", SUBSCRIPTION_LIST),
    ("SUBSCRIPTION_ROW", SUBSCRIPTION_ROW),
    ("SIM_DETAILS", SIM_DETAILS),
    ("SIM_ICCID", SIM_ICCID),
    ("SIM_MSISDN", SIM_MSISDN),
    ("SIM_PLAN_CODE", SIM_PLAN_CODE),
    ("SIM_PLAN_NAME", SIM_PLAN_NAME),
    ("SIM_STATUS", SIM_STATUS),
    ("SIM_TYPE", SIM_TYPE),
    ("SIM_PRODUCT", SIM_PRODUCT),
    ("SIM_REMAINING", SIM_REMAINING),
    ("PAGE_ERROR", PAGE_ERROR),
    ("DEMO_LOGINS", DEMO_LOGINS),
];

#[cfg(test)]
mod tests {
    #[test]
    fn playwright_mirror_matches() {
        let ts = include_str!("../../end2end/tests/ids.ts");
        for (name, value) in super::ALL {
            let line = format!("{name}: \"{value}\",");
            assert!(ts.contains(&line), "end2end/tests/ids.ts lacks `{line}`");
        }
        let entries = ts.lines().filter(|l| l.trim_end().ends_with("\",")).count();
        assert_eq!(entries, super::ALL.len(), "ids.ts has ids the app does not");
    }
}
