//! One handler per WHMCS API action, and per page of the simulated client area (the SSO
//! landing, the invoice page, the pay-methods page). Each receives the locked state and the
//! request's fields and answers the action's JSON or the page's HTML.

pub(super) mod accept_order;
pub(super) mod account_payment_methods;
pub(super) mod add_client;
pub(super) mod add_credit;
pub(super) mod add_order;
pub(super) mod capture_payment;
pub(super) mod create_invoice;
pub(super) mod create_sso_token;
pub(super) mod get_clients;
pub(super) mod get_clients_details;
pub(super) mod get_clients_products;
pub(super) mod get_credits;
pub(super) mod get_invoice;
pub(super) mod get_invoices;
pub(super) mod get_orders;
pub(super) mod get_pay_methods;
pub(super) mod get_payment_methods;
pub(super) mod get_users;
pub(super) mod single_sign_on;
pub(super) mod update_client;
pub(super) mod update_invoice;
pub(super) mod validate_login;
pub(super) mod view_invoice;
