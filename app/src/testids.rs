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
pub const SIM_NETWORK: &str = "sim-network";
pub const SIM_EID: &str = "sim-eid";
pub const SIM_HEAD_NUMBER: &str = "sim-head-number";
pub const SIM_NOTICE: &str = "sim-notice";
pub const SECTION_ERROR: &str = "section-error";
pub const ACTION_ERROR: &str = "action-error";
pub const USAGE_CARD: &str = "usage-card";
pub const USAGE_AS_OF: &str = "usage-as-of";
pub const USAGE_REMAINING: &str = "usage-remaining";
pub const USAGE_USED: &str = "usage-used";
pub const USAGE_TODAY: &str = "usage-today";
pub const USAGE_FORECAST: &str = "usage-forecast";
pub const FORECAST_TOP_UP: &str = "forecast-top-up";
pub const USAGE_RIGHT_SIZE: &str = "usage-right-size";
pub const USAGE_CHART: &str = "usage-chart";
pub const ACTIONS_CARD: &str = "actions-card";
pub const ACTION_TOP_UP: &str = "action-top-up";
pub const ACTION_CHANGE_PLAN: &str = "action-change-plan";
pub const ACTION_REISSUE: &str = "action-reissue";
pub const ACTION_CANCEL: &str = "action-cancel";
pub const CHANGE_PLAN_MODAL: &str = "change-plan-modal";
pub const CHANGE_PLAN_SUBMIT: &str = "change-plan-submit";
pub const PLAN_EFFECTIVE_DATE: &str = "plan-effective-date";
pub const CANCEL_MODAL: &str = "cancel-modal";
pub const CANCEL_DATE: &str = "cancel-date";
pub const CANCEL_CONFIRM: &str = "cancel-confirm";
pub const CANCEL_SUBMIT: &str = "cancel-submit";
pub const REISSUE_MODAL: &str = "reissue-modal";
pub const REISSUE_EID: &str = "reissue-eid";
pub const REISSUE_EID_HINT: &str = "reissue-eid-hint";
pub const REISSUE_SUBMIT: &str = "reissue-submit";
pub const FEATURES_CARD: &str = "features-card";
pub const FEATURE_VOICE_MAIL: &str = "feature-voice-mail";
pub const FEATURE_CALL_WAITING: &str = "feature-call-waiting";
pub const FEATURE_ROAMING: &str = "feature-roaming";
pub const FEATURE_NETWORK: &str = "feature-network";
pub const FEATURES_APPLY: &str = "features-apply";
pub const PENDING_LIST: &str = "pending-list";
pub const CANCEL_PLAN_CHANGE: &str = "cancel-plan-change";
pub const TIMELINE: &str = "timeline";
pub const TIMELINE_ENTRY: &str = "timeline-entry";
pub const TOP_UP_MODAL: &str = "top-up-modal";
pub const TOP_UP_PRESET: &str = "top-up-preset";
pub const TOP_UP_CUSTOM: &str = "top-up-custom";
pub const TOP_UP_AMOUNT_ERROR: &str = "top-up-amount-error";
pub const TOP_UP_PRICE: &str = "top-up-price";
pub const TOP_UP_LATER: &str = "top-up-later";
pub const TOP_UP_DATE: &str = "top-up-date";
pub const TOP_UP_REVIEW: &str = "top-up-review";
pub const TOP_UP_SUBMIT: &str = "top-up-submit";
pub const TOP_UP_PAY_LINK: &str = "top-up-pay-link";
pub const TOP_UP_HISTORY: &str = "top-up-history";
pub const TOP_UP_ENTRY: &str = "top-up-entry";
pub const ACCOUNT_LINK: &str = "account-link";
pub const SESSION_LIST: &str = "session-list";
pub const SESSION_ROW: &str = "session-row";
pub const SESSION_END: &str = "session-end";
pub const LOGOUT_EVERYWHERE: &str = "logout-everywhere";
pub const BILLING_OUTSTANDING: &str = "billing-outstanding";
pub const INVOICE_LIST: &str = "invoice-list";
pub const INVOICE_ROW: &str = "invoice-row";
pub const INVOICE_OPEN: &str = "invoice-open";
pub const LINK_PAGE: &str = "link-page";
pub const LINK_FORM: &str = "link-form";
pub const LINK_ERROR: &str = "link-error";
pub const FORGOT_LINK: &str = "forgot-link";
pub const RESET_REQUEST_FORM: &str = "reset-request-form";
pub const RESET_FORM: &str = "reset-form";
pub const RESET_MESSAGE: &str = "reset-message";

pub const SIGNUP_FORM: &str = "signup-form";
pub const SIGNUP_ERROR: &str = "signup-error";
pub const SIGNUP_PAGE: &str = "signup-page";
pub const DEMO_CUSTOMER_NUMBERS: &str = "demo-customer-numbers";
pub const ADDRESS_FORM: &str = "address-form";
pub const ADDRESS_SAVED: &str = "address-saved";
pub const PROFILE_CARD: &str = "profile-card";
pub const PAYMENT_BANNER: &str = "payment-banner";
pub const MANAGE_PAYMENT_METHODS: &str = "manage-payment-methods";
pub const CASE_LIST: &str = "case-list";
pub const CASE_ROW: &str = "case-row";
pub const CASE_FORM: &str = "case-form";
pub const CASE_ERROR: &str = "case-error";
pub const CASE_DETAIL: &str = "case-detail";
pub const CASE_COMMENT: &str = "case-comment";
pub const COMMENT_FORM: &str = "comment-form";
pub const CATALOG_LIST: &str = "catalog-list";
pub const PRODUCT_CARD: &str = "product-card";
pub const STORE_PLAN_CARD: &str = "store-plan-card";
pub const STORE_PLAN_PRICE: &str = "store-plan-price";
pub const STORE_RESULT_COUNT: &str = "store-result-count";
pub const STORE_PLAN_LIST: &str = "store-plan-list";
pub const STORE_NEXT_PAGE: &str = "store-next-page";
pub const STORE_FILTER_FORM: &str = "store-filter-form";
pub const STORE_SEARCH: &str = "store-search";
pub const STORE_MAX_PRICE: &str = "store-max-price";
pub const STORE_FEATURED: &str = "store-featured";
pub const STORE_PLAN_PAGE: &str = "store-plan-page";
pub const STORE_PLAN_COUNTRIES: &str = "store-plan-countries";
pub const STORE_BUY_FORM: &str = "store-buy-form";
pub const STORE_BUY_TOTAL: &str = "store-buy-total";
pub const STORE_ORDER_PAGE: &str = "store-order-page";
pub const STORE_ORDER_STAGE: &str = "store-order-stage";
pub const STORE_INSTALL: &str = "store-install";
pub const STORE_IOS_LINK: &str = "store-ios-link";
pub const STORE_ACTIVATION_CODE: &str = "store-activation-code";
pub const STORE_QR: &str = "store-qr";
pub const STORE_ORDER_FILTER: &str = "store-order-filter";
pub const STORE_ORDERS_LIST: &str = "store-orders-list";
pub const STORE_ORDER_ROW: &str = "store-order-row";
pub const STORE_ESIM_CARD: &str = "store-esim-card";
pub const STORE_SUSPEND_FORM: &str = "store-suspend-form";
pub const PRODUCT_PAGE: &str = "product-page";
pub const ORDER_SUBMIT: &str = "order-submit";
pub const ORDER_TOTALS: &str = "order-totals";
pub const ORDER_ERROR: &str = "order-error";
pub const ORDER_LIST: &str = "order-list";
pub const ORDER_ROW: &str = "order-row";
pub const ORDER_STATUS: &str = "order-status";
pub const ORDER_STEP: &str = "order-step";
pub const OPS_LOGIN_FORM: &str = "ops-login-form";
pub const OPS_LOGIN_ERROR: &str = "ops-login-error";
pub const OPS_DEMO_STAFF: &str = "ops-demo-staff";
pub const OPS_STAFF: &str = "ops-staff";
pub const OPS_LOGOUT: &str = "ops-logout";
pub const OPS_TOTAL_ALL: &str = "ops-total-all";
pub const OPS_TOTAL_ACTIVE: &str = "ops-total-active";
pub const OPS_TOTAL_SUSPENDED: &str = "ops-total-suspended";
pub const OPS_TOTAL_AVAILABLE: &str = "ops-total-available";
pub const OPS_CHART_STATUS: &str = "ops-chart-status";
pub const OPS_CHART_ACTIVATIONS: &str = "ops-chart-activations";
pub const OPS_CHART_TARIFF: &str = "ops-chart-tariff";
pub const OPS_BUCKET: &str = "ops-bucket";
pub const OPS_FILTER_FORM: &str = "ops-filter-form";
pub const OPS_SIM_TABLE: &str = "ops-sim-table";
pub const OPS_SIM_ROW: &str = "ops-sim-row";
pub const OPS_NEXT_PAGE: &str = "ops-next-page";
pub const OPS_PREV_PAGE: &str = "ops-prev-page";
pub const OPS_SIM_HEADER: &str = "ops-sim-header";
pub const OPS_SIM_STATUS: &str = "ops-sim-status";
pub const OPS_ACTION: &str = "ops-action";
pub const OPS_ACTION_FORM: &str = "ops-action-form";
pub const OPS_ACTION_REASON: &str = "ops-action-reason";
pub const OPS_ACTION_SUBMIT: &str = "ops-action-submit";
pub const OPS_ACTION_ERROR: &str = "ops-action-error";
pub const OPS_ACTION_DONE: &str = "ops-action-done";
pub const OPS_TAB_DETAILS: &str = "ops-tab-details";
pub const OPS_TAB_HISTORY: &str = "ops-tab-history";
pub const OPS_EVENT: &str = "ops-event";
pub const OPS_REVEAL: &str = "ops-reveal";
pub const OPS_PIN: &str = "ops-pin";
pub const OPS_IMPORT_FILE: &str = "ops-import-file";
pub const OPS_IMPORT_PREVIEW: &str = "ops-import-preview";
pub const OPS_IMPORT_COUNTS: &str = "ops-import-counts";
pub const OPS_IMPORT_ROW: &str = "ops-import-row";
pub const OPS_IMPORT_COMMIT: &str = "ops-import-commit";
pub const OPS_IMPORT_DONE: &str = "ops-import-done";
pub const OPS_IMPORT_REJECTED: &str = "ops-import-rejected";
pub const OPS_IMPORT_ERROR: &str = "ops-import-error";
pub const OPS_STAFF_ERROR: &str = "ops-staff-error";
pub const OPS_STAFF_ROW: &str = "ops-staff-row";
pub const OPS_STAFF_FORM: &str = "ops-staff-form";
pub const OPS_CUSTOMER_SEARCH: &str = "ops-customer-search";
pub const OPS_CUSTOMER_ROW: &str = "ops-customer-row";
pub const OPS_CUSTOMER_SIMS: &str = "ops-customer-sims";
pub const OPS_ASSIGN_FORM: &str = "ops-assign-form";
pub const OPS_CUSTOMER_FORM: &str = "ops-customer-form";
pub const OPS_FEATURED: &str = "ops-featured";
pub const OPS_STORE_RESULTS: &str = "ops-store-results";
pub const OPS_CUSTOMER_CHANGES: &str = "ops-customer-changes";
pub const OPS_CODE_ROW: &str = "ops-code-row";
pub const OPS_TARIFF_FORM: &str = "ops-tariff-form";
pub const OPS_TARIFF_ROW: &str = "ops-tariff-row";
pub const OPS_TARIFF_ERROR: &str = "ops-tariff-error";
pub const OPS_BULK_FORM: &str = "ops-bulk-form";
pub const OPS_BULK_PREVIEW: &str = "ops-bulk-preview";
pub const OPS_BULK_APPLY: &str = "ops-bulk-apply";
pub const OPS_BULK_DONE: &str = "ops-bulk-done";

/// Every id, for the consistency test below.
pub const USAGE_CSV: &str = "usage-csv";
pub const ALERTS_CARD: &str = "alerts-card";
pub const ALERT_ROW: &str = "alert-row";
pub const ALERT_KIND: &str = "alert-kind";
pub const ALERT_VALUE: &str = "alert-value";
pub const ALERT_ADD: &str = "alert-add";
pub const ALERT_REMOVE: &str = "alert-remove";
pub const TRIPS_CARD: &str = "trips-card";
pub const TRIP_ROW: &str = "trip-row";
pub const TRIP_FIRST: &str = "trip-first";
pub const TRIP_LAST: &str = "trip-last";
pub const TRIP_LABEL: &str = "trip-label";
pub const TRIP_ADD: &str = "trip-add";
pub const TRIP_CANCEL: &str = "trip-cancel";
pub const FEED_CARD: &str = "feed-card";
pub const FEED_LABEL: &str = "feed-label";
pub const FEED_CREATE: &str = "feed-create";
pub const FEED_NEW_TOKEN: &str = "feed-new-token";
pub const FEED_ROW: &str = "feed-row";
pub const FEED_REVOKE: &str = "feed-revoke";

pub const LANG_SWITCH: &str = "lang-switch";

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
    ("SIM_NETWORK", SIM_NETWORK),
    ("SIM_EID", SIM_EID),
    ("SIM_HEAD_NUMBER", SIM_HEAD_NUMBER),
    ("SIM_NOTICE", SIM_NOTICE),
    ("SECTION_ERROR", SECTION_ERROR),
    ("ACTION_ERROR", ACTION_ERROR),
    ("USAGE_CARD", USAGE_CARD),
    ("USAGE_AS_OF", USAGE_AS_OF),
    ("USAGE_REMAINING", USAGE_REMAINING),
    ("USAGE_USED", USAGE_USED),
    ("USAGE_TODAY", USAGE_TODAY),
    ("USAGE_FORECAST", USAGE_FORECAST),
    ("FORECAST_TOP_UP", FORECAST_TOP_UP),
    ("USAGE_RIGHT_SIZE", USAGE_RIGHT_SIZE),
    ("USAGE_CHART", USAGE_CHART),
    ("ACTIONS_CARD", ACTIONS_CARD),
    ("ACTION_TOP_UP", ACTION_TOP_UP),
    ("ACTION_CHANGE_PLAN", ACTION_CHANGE_PLAN),
    ("ACTION_REISSUE", ACTION_REISSUE),
    ("ACTION_CANCEL", ACTION_CANCEL),
    ("CHANGE_PLAN_MODAL", CHANGE_PLAN_MODAL),
    ("CHANGE_PLAN_SUBMIT", CHANGE_PLAN_SUBMIT),
    ("PLAN_EFFECTIVE_DATE", PLAN_EFFECTIVE_DATE),
    ("CANCEL_MODAL", CANCEL_MODAL),
    ("CANCEL_DATE", CANCEL_DATE),
    ("CANCEL_CONFIRM", CANCEL_CONFIRM),
    ("CANCEL_SUBMIT", CANCEL_SUBMIT),
    ("REISSUE_MODAL", REISSUE_MODAL),
    ("REISSUE_EID", REISSUE_EID),
    ("REISSUE_EID_HINT", REISSUE_EID_HINT),
    ("REISSUE_SUBMIT", REISSUE_SUBMIT),
    ("FEATURES_CARD", FEATURES_CARD),
    ("FEATURE_VOICE_MAIL", FEATURE_VOICE_MAIL),
    ("FEATURE_CALL_WAITING", FEATURE_CALL_WAITING),
    ("FEATURE_ROAMING", FEATURE_ROAMING),
    ("FEATURE_NETWORK", FEATURE_NETWORK),
    ("FEATURES_APPLY", FEATURES_APPLY),
    ("PENDING_LIST", PENDING_LIST),
    ("CANCEL_PLAN_CHANGE", CANCEL_PLAN_CHANGE),
    ("TIMELINE", TIMELINE),
    ("TIMELINE_ENTRY", TIMELINE_ENTRY),
    ("TOP_UP_MODAL", TOP_UP_MODAL),
    ("TOP_UP_PRESET", TOP_UP_PRESET),
    ("TOP_UP_CUSTOM", TOP_UP_CUSTOM),
    ("TOP_UP_AMOUNT_ERROR", TOP_UP_AMOUNT_ERROR),
    ("TOP_UP_PRICE", TOP_UP_PRICE),
    ("TOP_UP_LATER", TOP_UP_LATER),
    ("TOP_UP_DATE", TOP_UP_DATE),
    ("TOP_UP_REVIEW", TOP_UP_REVIEW),
    ("TOP_UP_SUBMIT", TOP_UP_SUBMIT),
    ("TOP_UP_PAY_LINK", TOP_UP_PAY_LINK),
    ("TOP_UP_HISTORY", TOP_UP_HISTORY),
    ("TOP_UP_ENTRY", TOP_UP_ENTRY),
    ("ACCOUNT_LINK", ACCOUNT_LINK),
    ("SESSION_LIST", SESSION_LIST),
    ("SESSION_ROW", SESSION_ROW),
    ("SESSION_END", SESSION_END),
    ("LOGOUT_EVERYWHERE", LOGOUT_EVERYWHERE),
    ("BILLING_OUTSTANDING", BILLING_OUTSTANDING),
    ("INVOICE_LIST", INVOICE_LIST),
    ("INVOICE_ROW", INVOICE_ROW),
    ("INVOICE_OPEN", INVOICE_OPEN),
    ("LINK_PAGE", LINK_PAGE),
    ("LINK_FORM", LINK_FORM),
    ("LINK_ERROR", LINK_ERROR),
    ("FORGOT_LINK", FORGOT_LINK),
    ("RESET_REQUEST_FORM", RESET_REQUEST_FORM),
    ("RESET_FORM", RESET_FORM),
    ("RESET_MESSAGE", RESET_MESSAGE),
    ("SIGNUP_FORM", SIGNUP_FORM),
    ("SIGNUP_ERROR", SIGNUP_ERROR),
    ("SIGNUP_PAGE", SIGNUP_PAGE),
    ("DEMO_CUSTOMER_NUMBERS", DEMO_CUSTOMER_NUMBERS),
    ("ADDRESS_FORM", ADDRESS_FORM),
    ("ADDRESS_SAVED", ADDRESS_SAVED),
    ("PROFILE_CARD", PROFILE_CARD),
    ("PAYMENT_BANNER", PAYMENT_BANNER),
    ("MANAGE_PAYMENT_METHODS", MANAGE_PAYMENT_METHODS),
    ("CASE_LIST", CASE_LIST),
    ("CASE_ROW", CASE_ROW),
    ("CASE_FORM", CASE_FORM),
    ("CASE_ERROR", CASE_ERROR),
    ("CASE_DETAIL", CASE_DETAIL),
    ("CASE_COMMENT", CASE_COMMENT),
    ("COMMENT_FORM", COMMENT_FORM),
    ("CATALOG_LIST", CATALOG_LIST),
    ("PRODUCT_CARD", PRODUCT_CARD),
    ("STORE_PLAN_CARD", STORE_PLAN_CARD),
    ("STORE_PLAN_PRICE", STORE_PLAN_PRICE),
    ("STORE_RESULT_COUNT", STORE_RESULT_COUNT),
    ("STORE_PLAN_LIST", STORE_PLAN_LIST),
    ("STORE_NEXT_PAGE", STORE_NEXT_PAGE),
    ("STORE_FILTER_FORM", STORE_FILTER_FORM),
    ("STORE_SEARCH", STORE_SEARCH),
    ("STORE_MAX_PRICE", STORE_MAX_PRICE),
    ("STORE_FEATURED", STORE_FEATURED),
    ("STORE_PLAN_PAGE", STORE_PLAN_PAGE),
    ("STORE_PLAN_COUNTRIES", STORE_PLAN_COUNTRIES),
    ("STORE_BUY_FORM", STORE_BUY_FORM),
    ("STORE_BUY_TOTAL", STORE_BUY_TOTAL),
    ("STORE_ORDER_PAGE", STORE_ORDER_PAGE),
    ("STORE_ORDER_STAGE", STORE_ORDER_STAGE),
    ("STORE_INSTALL", STORE_INSTALL),
    ("STORE_IOS_LINK", STORE_IOS_LINK),
    ("STORE_ACTIVATION_CODE", STORE_ACTIVATION_CODE),
    ("STORE_QR", STORE_QR),
    ("STORE_ORDER_FILTER", STORE_ORDER_FILTER),
    ("STORE_ORDERS_LIST", STORE_ORDERS_LIST),
    ("STORE_ORDER_ROW", STORE_ORDER_ROW),
    ("STORE_ESIM_CARD", STORE_ESIM_CARD),
    ("STORE_SUSPEND_FORM", STORE_SUSPEND_FORM),
    ("PRODUCT_PAGE", PRODUCT_PAGE),
    ("ORDER_SUBMIT", ORDER_SUBMIT),
    ("ORDER_TOTALS", ORDER_TOTALS),
    ("ORDER_ERROR", ORDER_ERROR),
    ("ORDER_LIST", ORDER_LIST),
    ("ORDER_ROW", ORDER_ROW),
    ("ORDER_STATUS", ORDER_STATUS),
    ("ORDER_STEP", ORDER_STEP),
    ("OPS_LOGIN_FORM", OPS_LOGIN_FORM),
    ("OPS_LOGIN_ERROR", OPS_LOGIN_ERROR),
    ("OPS_DEMO_STAFF", OPS_DEMO_STAFF),
    ("OPS_STAFF", OPS_STAFF),
    ("OPS_LOGOUT", OPS_LOGOUT),
    ("OPS_TOTAL_ALL", OPS_TOTAL_ALL),
    ("OPS_TOTAL_ACTIVE", OPS_TOTAL_ACTIVE),
    ("OPS_TOTAL_SUSPENDED", OPS_TOTAL_SUSPENDED),
    ("OPS_TOTAL_AVAILABLE", OPS_TOTAL_AVAILABLE),
    ("OPS_CHART_STATUS", OPS_CHART_STATUS),
    ("OPS_CHART_ACTIVATIONS", OPS_CHART_ACTIVATIONS),
    ("OPS_CHART_TARIFF", OPS_CHART_TARIFF),
    ("OPS_BUCKET", OPS_BUCKET),
    ("OPS_FILTER_FORM", OPS_FILTER_FORM),
    ("OPS_SIM_TABLE", OPS_SIM_TABLE),
    ("OPS_SIM_ROW", OPS_SIM_ROW),
    ("OPS_NEXT_PAGE", OPS_NEXT_PAGE),
    ("OPS_PREV_PAGE", OPS_PREV_PAGE),
    ("OPS_SIM_HEADER", OPS_SIM_HEADER),
    ("OPS_SIM_STATUS", OPS_SIM_STATUS),
    ("OPS_ACTION", OPS_ACTION),
    ("OPS_ACTION_FORM", OPS_ACTION_FORM),
    ("OPS_ACTION_REASON", OPS_ACTION_REASON),
    ("OPS_ACTION_SUBMIT", OPS_ACTION_SUBMIT),
    ("OPS_ACTION_ERROR", OPS_ACTION_ERROR),
    ("OPS_ACTION_DONE", OPS_ACTION_DONE),
    ("OPS_TAB_DETAILS", OPS_TAB_DETAILS),
    ("OPS_TAB_HISTORY", OPS_TAB_HISTORY),
    ("OPS_EVENT", OPS_EVENT),
    ("OPS_REVEAL", OPS_REVEAL),
    ("OPS_PIN", OPS_PIN),
    ("OPS_IMPORT_FILE", OPS_IMPORT_FILE),
    ("OPS_IMPORT_PREVIEW", OPS_IMPORT_PREVIEW),
    ("OPS_IMPORT_COUNTS", OPS_IMPORT_COUNTS),
    ("OPS_IMPORT_ROW", OPS_IMPORT_ROW),
    ("OPS_IMPORT_COMMIT", OPS_IMPORT_COMMIT),
    ("OPS_IMPORT_DONE", OPS_IMPORT_DONE),
    ("OPS_IMPORT_REJECTED", OPS_IMPORT_REJECTED),
    ("OPS_IMPORT_ERROR", OPS_IMPORT_ERROR),
    ("OPS_CUSTOMER_SEARCH", OPS_CUSTOMER_SEARCH),
    ("OPS_CUSTOMER_ROW", OPS_CUSTOMER_ROW),
    ("OPS_CUSTOMER_SIMS", OPS_CUSTOMER_SIMS),
    ("OPS_ASSIGN_FORM", OPS_ASSIGN_FORM),
    ("OPS_CUSTOMER_FORM", OPS_CUSTOMER_FORM),
    ("OPS_FEATURED", OPS_FEATURED),
    ("OPS_STORE_RESULTS", OPS_STORE_RESULTS),
    ("OPS_CUSTOMER_CHANGES", OPS_CUSTOMER_CHANGES),
    ("OPS_CODE_ROW", OPS_CODE_ROW),
    ("OPS_TARIFF_FORM", OPS_TARIFF_FORM),
    ("OPS_TARIFF_ROW", OPS_TARIFF_ROW),
    ("OPS_TARIFF_ERROR", OPS_TARIFF_ERROR),
    ("OPS_BULK_FORM", OPS_BULK_FORM),
    ("OPS_BULK_PREVIEW", OPS_BULK_PREVIEW),
    ("OPS_BULK_APPLY", OPS_BULK_APPLY),
    ("OPS_BULK_DONE", OPS_BULK_DONE),
    ("OPS_STAFF_ERROR", OPS_STAFF_ERROR),
    ("OPS_STAFF_ROW", OPS_STAFF_ROW),
    ("OPS_STAFF_FORM", OPS_STAFF_FORM),
    ("USAGE_CSV", USAGE_CSV),
    ("ALERTS_CARD", ALERTS_CARD),
    ("ALERT_ROW", ALERT_ROW),
    ("ALERT_KIND", ALERT_KIND),
    ("ALERT_VALUE", ALERT_VALUE),
    ("ALERT_ADD", ALERT_ADD),
    ("ALERT_REMOVE", ALERT_REMOVE),
    ("TRIPS_CARD", TRIPS_CARD),
    ("TRIP_ROW", TRIP_ROW),
    ("TRIP_FIRST", TRIP_FIRST),
    ("TRIP_LAST", TRIP_LAST),
    ("TRIP_LABEL", TRIP_LABEL),
    ("TRIP_ADD", TRIP_ADD),
    ("TRIP_CANCEL", TRIP_CANCEL),
    ("FEED_CARD", FEED_CARD),
    ("FEED_LABEL", FEED_LABEL),
    ("FEED_CREATE", FEED_CREATE),
    ("FEED_NEW_TOKEN", FEED_NEW_TOKEN),
    ("FEED_ROW", FEED_ROW),
    ("FEED_REVOKE", FEED_REVOKE),
    ("LANG_SWITCH", LANG_SWITCH),
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
