//! One `reqwest::Client` for WHMCS: form POST to `/includes/api.php` with `identifier`,
//! `secret` (and optional `accesskey`), `responsetype=json`.
//!
//! A 2xx proves nothing: a call succeeded only when the body is JSON with `result` "success",
//! no `status: "error"` and no warning known to mean failure ([`FAILURE_WARNINGS`]); other
//! warnings are logged and the call counts as done — treating them as failures would retry a
//! CreateInvoice that worked into a second invoice. Reads are retried on transient failures; writes
//! (invoices, captures, credits) never are — after a timeout the caller reconciles with a read.

use super::wire;
use crate::upstream::{call_with_policy, CallKind as Kind};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::time::Duration;

/// `warning` texts that WHMCS sends with `"result":"success"` although the action failed
/// (WHMCS/developer-docs#303), matched at the start. Any other warning is logged only.
pub const FAILURE_WARNINGS: &[&str] = &["Invalid or Missing Payment Information"];

/// Page size sent with every list call (WHMCS defaults to 25 and some installs cap it).
pub const PAGE_SIZE: u64 = 100;

/// A yen amount as WHMCS takes it: `###` (JPY has no decimals).
pub fn amount_jpy(yen: u64) -> String {
    yen.to_string()
}

#[derive(Clone)]
pub struct WhmcsConfig {
    /// The WHMCS root, e.g. `https://billing.example.com/` (api.php is below it).
    pub base_url: url::Url,
    pub identifier: String,
    pub secret: SecretString,
    pub access_key: Option<SecretString>,
    /// Id of the service custom field that holds the SIM's MSISDN.
    pub msisdn_field_id: u64,
    /// Id of the client custom field that holds the Salesforce customer number (sign-up).
    pub customer_number_field_id: u64,
    pub timeout: Duration,
    pub read_retries: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum WhmcsError {
    #[error("WHMCS did not answer in time")]
    Timeout,
    #[error("WHMCS could not be reached: {0}")]
    Transport(String),
    #[error("WHMCS rejected the API credentials or this server's IP: {0}")]
    Auth(String),
    #[error("WHMCS answered HTTP {status}")]
    Http { status: u16 },
    #[error("WHMCS sent a body that is not the expected JSON: {0}")]
    Decode(String),
    #[error("WHMCS {action} failed: {message}")]
    Api { action: String, message: String },
}

impl WhmcsError {
    pub fn is_transient(&self) -> bool {
        match self {
            WhmcsError::Timeout | WhmcsError::Transport(_) | WhmcsError::Decode(_) => true,
            WhmcsError::Http { status } => *status >= 500 || *status == 429,
            WhmcsError::Auth(_) | WhmcsError::Api { .. } => false,
        }
    }

    /// Whether a write that ended in this error may still have happened: only WHMCS's own
    /// refusal (an error answer, refused credentials) proves it did not; a timeout, a proxy's
    /// 4xx/5xx or an unreadable answer may hide it, so the caller looks before writing again.
    pub fn may_have_written(&self) -> bool {
        !matches!(self, WhmcsError::Api { .. } | WhmcsError::Auth(_))
    }

    /// The message WHMCS gave for a failed action (e.g. "Payment Attempt Failed").
    pub fn api_message(&self) -> Option<&str> {
        match self {
            WhmcsError::Api { message, .. } => Some(message),
            _ => None,
        }
    }

    /// CapturePayment's answer for a declined card, and for a missing one (contract §5): the
    /// invoice stays Unpaid.
    /// Anything else from a capture (a timeout, "Not Unpaid") proves nothing either way.
    pub fn is_declined(&self) -> bool {
        self.api_message() == Some("Payment Attempt Failed")
    }

    fn from_reqwest(e: reqwest::Error) -> Self {
        if e.is_timeout() {
            WhmcsError::Timeout
        } else {
            WhmcsError::Transport(e.to_string())
        }
    }
}

/// A client's name and address as AddClient and UpdateClient take them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactDetails {
    pub firstname: String,
    pub lastname: String,
    pub address1: String,
    pub address2: String,
    pub city: String,
    /// Prefecture.
    pub state: String,
    pub postcode: String,
    /// ISO-2, e.g. `JP`.
    pub country: String,
    pub phonenumber: String,
}

impl ContactDetails {
    fn params(&self) -> Vec<(&'static str, String)> {
        vec![
            ("firstname", self.firstname.clone()),
            ("lastname", self.lastname.clone()),
            ("address1", self.address1.clone()),
            ("address2", self.address2.clone()),
            ("city", self.city.clone()),
            ("state", self.state.clone()),
            ("postcode", self.postcode.clone()),
            ("country", self.country.clone()),
            ("phonenumber", self.phonenumber.clone()),
        ]
    }
}

/// WHMCS's custom-field encoding (contract B8): `base64(serialize([id => value]))`, with
/// string lengths in UTF-8 bytes. The form encoder percent-encodes `+ / =`.
pub fn custom_fields(fields: &[(u64, &str)]) -> String {
    use base64::Engine;
    let mut php = format!("a:{}:{{", fields.len());
    for (id, value) in fields {
        php.push_str(&format!("i:{id};s:{}:\"{value}\";", value.len()));
    }
    php.push('}');
    base64::engine::general_purpose::STANDARD.encode(php)
}

#[derive(Clone)]
pub struct WhmcsClient {
    http: reqwest::Client,
    api: url::Url,
    config: std::sync::Arc<WhmcsConfig>,
    page_size: u64,
}

impl WhmcsClient {
    pub fn new(config: WhmcsConfig) -> Result<Self, WhmcsError> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(5)))
            // A redirect would re-send the form, credentials included, to wherever it
            // points: never followed (a 3xx is an error).
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| WhmcsError::Transport(e.to_string()))?;
        let mut base = config.base_url.clone();
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        let api = base
            .join("includes/api.php")
            .map_err(|e| WhmcsError::Transport(e.to_string()))?;
        Ok(WhmcsClient {
            http,
            api,
            config: std::sync::Arc::new(config),
            page_size: PAGE_SIZE,
        })
    }

    /// Uses `n` results per list page (tests use small pages to exercise paging).
    pub fn with_page_size(mut self, n: u64) -> Self {
        self.page_size = n.max(1);
        self
    }

    pub fn msisdn_field_id(&self) -> u64 {
        self.config.msisdn_field_id
    }

    // ---- actions -----------------------------------------------------------------------

    /// All of a client's services (or one, with `service_id`), following pages until
    /// `totalresults` are read.
    pub async fn get_clients_products(
        &self,
        client_id: u64,
        service_id: Option<u64>,
    ) -> Result<Vec<wire::Product>, WhmcsError> {
        let mut all = Vec::new();
        loop {
            let mut params = vec![
                ("clientid", client_id.to_string()),
                ("limitstart", all.len().to_string()),
                ("limitnum", self.page_size.to_string()),
            ];
            if let Some(id) = service_id {
                params.push(("serviceid", id.to_string()));
            }
            let page: wire::ProductsPage =
                self.call("GetClientsProducts", &params, Kind::Read).await?;
            let got = page.products.len();
            all.extend(page.products);
            if got == 0 || all.len() as u64 >= page.totalresults {
                break;
            }
        }
        Ok(all)
    }

    /// A cheap authenticated read, for health checks.
    pub async fn ping(&self) -> Result<(), WhmcsError> {
        let _: Value = self
            .call(
                "GetClientsProducts",
                &[("limitnum", "1".to_string())],
                Kind::Read,
            )
            .await?;
        Ok(())
    }

    pub async fn get_clients_details(&self, client_id: u64) -> Result<wire::Client, WhmcsError> {
        let d: wire::ClientDetails = self
            .call(
                "GetClientsDetails",
                &[("clientid", client_id.to_string())],
                Kind::Read,
            )
            .await?;
        Ok(d.client)
    }

    /// Checks a WHMCS user's password; returns the WHMCS *user* id.
    pub async fn validate_login(
        &self,
        email: &str,
        password: &SecretString,
    ) -> Result<wire::ValidateLogin, WhmcsError> {
        self.call(
            "ValidateLogin",
            &[
                ("email", email.to_string()),
                ("password2", password.expose_secret().to_string()),
            ],
            Kind::Write,
        )
        .await
    }

    /// The WHMCS user `user_id` (from ValidateLogin), found among the users whose email
    /// starts with `email` (GetUsers searches by prefix), with the clients it belongs to.
    pub async fn get_user(
        &self,
        user_id: u64,
        email: &str,
    ) -> Result<Option<wire::User>, WhmcsError> {
        self.search("GetUsers", email, |page: wire::UsersPage| {
            let got = page.users.len() as u64;
            let found = page.users.into_iter().find(|u| u.id == user_id);
            (got, page.totalresults, found)
        })
        .await
    }

    /// An unpaid invoice with one line, not e-mailed (it is captured right away). `notes`
    /// carries the portal's reference, so an invoice whose answer was lost can be found.
    /// `amount` is WHMCS's `###` or `###.##` ([`amount_jpy`] for yen).
    pub async fn create_invoice(
        &self,
        client_id: u64,
        description: &str,
        amount: &str,
        notes: &str,
        payment_method: Option<&str>,
    ) -> Result<wire::CreatedInvoice, WhmcsError> {
        let mut params = vec![
            ("userid", client_id.to_string()),
            ("status", "Unpaid".to_string()),
            ("sendinvoice", "0".to_string()),
            ("itemdescription1", description.to_string()),
            ("itemamount1", amount.to_string()),
            ("itemtaxed1", "0".to_string()),
            ("autoapplycredit", "0".to_string()),
            ("notes", notes.to_string()),
        ];
        if let Some(pm) = payment_method {
            params.push(("paymentmethod", pm.to_string()));
        }
        self.call("CreateInvoice", &params, Kind::Write).await
    }

    /// Charges the stored card for an unpaid invoice. Never retried.
    pub async fn capture_payment(&self, invoice_id: u64) -> Result<(), WhmcsError> {
        let _: Value = self
            .call(
                "CapturePayment",
                &[("invoiceid", invoice_id.to_string())],
                Kind::Write,
            )
            .await?;
        Ok(())
    }

    pub async fn get_invoice(&self, invoice_id: u64) -> Result<wire::Invoice, WhmcsError> {
        self.call(
            "GetInvoice",
            &[("invoiceid", invoice_id.to_string())],
            Kind::Read,
        )
        .await
    }

    /// All of a client's invoices, newest first, following pages.
    pub async fn get_invoices(
        &self,
        client_id: u64,
        status: Option<&str>,
    ) -> Result<Vec<wire::InvoiceSummary>, WhmcsError> {
        let mut all = Vec::new();
        loop {
            let mut params = vec![
                ("userid", client_id.to_string()),
                ("orderby", "date".to_string()),
                ("order", "desc".to_string()),
                ("limitstart", all.len().to_string()),
                ("limitnum", self.page_size.to_string()),
            ];
            if let Some(s) = status {
                params.push(("status", s.to_string()));
            }
            let page: wire::InvoicesPage = self.call("GetInvoices", &params, Kind::Read).await?;
            let got = page.invoices.len();
            all.extend(page.invoices);
            if got == 0 || all.len() as u64 >= page.totalresults {
                break;
            }
        }
        Ok(all)
    }

    /// Voids an invoice that will not be paid.
    pub async fn cancel_invoice(&self, invoice_id: u64) -> Result<(), WhmcsError> {
        let _: Value = self
            .call(
                "UpdateInvoice",
                &[
                    ("invoiceid", invoice_id.to_string()),
                    ("status", "Cancelled".to_string()),
                ],
                Kind::Write,
            )
            .await?;
        Ok(())
    }

    /// Adds account credit (how a paid top-up that cannot be applied is given back).
    pub async fn add_credit(
        &self,
        client_id: u64,
        description: &str,
        amount: &str,
    ) -> Result<String, WhmcsError> {
        let r: wire::NewBalance = self
            .call(
                "AddCredit",
                &[
                    ("clientid", client_id.to_string()),
                    ("description", description.to_string()),
                    ("amount", amount.to_string()),
                ],
                Kind::Write,
            )
            .await?;
        Ok(r.newbalance)
    }

    /// The invoice whose notes carry `reference`: how an invoice whose CreateInvoice answer was
    /// lost is found before another is created.
    pub async fn find_invoice_by_notes(
        &self,
        client_id: u64,
        reference: &str,
    ) -> Result<Option<u64>, WhmcsError> {
        let list = self.get_invoices(client_id, None).await?;
        Ok(list
            .iter()
            .find(|i| i.notes.contains(reference))
            .map(|i| i.id))
    }

    /// Whether a credit whose description carries `reference` is in the client's log: a
    /// credit whose answer was lost is not given twice.
    pub async fn credit_given(&self, client_id: u64, reference: &str) -> Result<bool, WhmcsError> {
        let log = self.get_credits(client_id).await?;
        Ok(log.iter().any(|c| c.description.contains(reference)))
    }

    /// The client's credit log (GetCredits): how a credit whose answer was lost is found.
    pub async fn get_credits(&self, client_id: u64) -> Result<Vec<wire::Credit>, WhmcsError> {
        let r: wire::Credits = self
            .call(
                "GetCredits",
                &[("clientid", client_id.to_string())],
                Kind::Read,
            )
            .await?;
        Ok(r.credits)
    }

    /// A single-use login link into WHMCS, valid ~60 s: mint it when the customer clicks.
    pub async fn create_sso_token(
        &self,
        client_id: u64,
        redirect_path: Option<&str>,
    ) -> Result<wire::SsoToken, WhmcsError> {
        let mut params = vec![("client_id", client_id.to_string())];
        match redirect_path {
            Some(p) => {
                params.push(("destination", "sso:custom_redirect".to_string()));
                params.push(("sso_redirect_path", p.to_string()));
            }
            None => params.push(("destination", "clientarea:invoices".to_string())),
        }
        self.call("CreateSsoToken", &params, Kind::Write).await
    }

    pub async fn get_pay_methods(
        &self,
        client_id: u64,
    ) -> Result<Vec<wire::PayMethod>, WhmcsError> {
        let r: wire::PayMethods = self
            .call(
                "GetPayMethods",
                &[("clientid", client_id.to_string())],
                Kind::Read,
            )
            .await?;
        Ok(r.paymethods)
    }

    /// Creates the billing client of a newcomer (sign-up), with the Salesforce customer
    /// number in its custom field. The owner user gets a random password nobody keeps: the
    /// customer reaches billing only through single sign-on links. Sent once: after a lost
    /// answer, look the email up ([`Self::client_by_email`]) before trying again.
    pub async fn add_client(
        &self,
        email: &str,
        contact: &ContactDetails,
        customer_number: &str,
    ) -> Result<u64, WhmcsError> {
        let unused_password: String = {
            use rand::Rng;
            rand::thread_rng()
                .sample_iter(&rand::distributions::Alphanumeric)
                .take(32)
                .map(char::from)
                .collect()
        };
        let mut params = contact.params();
        params.extend([
            ("email", email.to_string()),
            ("password2", unused_password),
            (
                "customfields",
                custom_fields(&[(self.config.customer_number_field_id, customer_number)]),
            ),
            ("noemail", "true".to_string()),
            ("skipvalidation", "false".to_string()),
        ]);
        let r: wire::ClientId = self.call("AddClient", &params, Kind::Write).await?;
        Ok(r.clientid)
    }

    /// Replaces the client's contact details (address and phone). Setting the same values
    /// twice changes nothing, so a lost answer may simply be sent again.
    pub async fn update_client(
        &self,
        client_id: u64,
        contact: &ContactDetails,
    ) -> Result<(), WhmcsError> {
        let mut params = contact.params();
        params.push(("clientid", client_id.to_string()));
        let _: wire::ClientId = self.call("UpdateClient", &params, Kind::Write).await?;
        Ok(())
    }

    /// The value of the client's customer-number custom field (GetClientsDetails), if set.
    pub async fn client_customer_number(
        &self,
        client_id: u64,
    ) -> Result<Option<String>, WhmcsError> {
        let details = self.get_clients_details(client_id).await?;
        // A flat list here (contract), though some installs wrap it like other lists.
        let fields = match details.extra.get("customfields") {
            Some(Value::Object(m)) => m.get("customfield").cloned().unwrap_or_default(),
            Some(v) => v.clone(),
            None => Value::Null,
        };
        let list: Vec<serde_json::Map<String, Value>> =
            crate::lenient::one_or_many(fields).unwrap_or_default();
        Ok(list.iter().find_map(|f| {
            let id = crate::lenient::text(f.get("id"))?;
            (id.trim() == self.config.customer_number_field_id.to_string())
                .then(|| crate::lenient::text(f.get("value")))
                .flatten()
                .map(|v| crate::lenient::decode_html(&v))
        }))
    }

    /// The client whose email is exactly `email` (GetClients searches by substring).
    pub async fn client_by_email(&self, email: &str) -> Result<Option<u64>, WhmcsError> {
        self.search("GetClients", email, |page: wire::ClientsPage| {
            let found = page
                .clients
                .iter()
                .find(|c| c.email.eq_ignore_ascii_case(email.trim()))
                .map(|c| c.id);
            (page.clients.len() as u64, page.totalresults, found)
        })
        .await
    }

    /// Pages through a list action's `search` results until `pick` finds what it looks for;
    /// `pick` answers (rows on this page, total results, found).
    async fn search<P: DeserializeOwned, T>(
        &self,
        action: &str,
        term: &str,
        mut pick: impl FnMut(P) -> (u64, u64, Option<T>),
    ) -> Result<Option<T>, WhmcsError> {
        let mut seen = 0u64;
        loop {
            let params = vec![
                ("search", term.to_string()),
                ("limitstart", seen.to_string()),
                ("limitnum", self.page_size.to_string()),
            ];
            let (got, total, found) = pick(self.call(action, &params, Kind::Read).await?);
            if found.is_some() {
                return Ok(found);
            }
            seen += got;
            if got == 0 || seen >= total {
                return Ok(None);
            }
        }
    }

    // ---- transport ---------------------------------------------------------------------

    pub(super) async fn call<T: DeserializeOwned, K: AsRef<str> + Sync>(
        &self,
        action: &str,
        params: &[(K, String)],
        kind: Kind,
    ) -> Result<T, WhmcsError> {
        let value = call_with_policy(
            "whmcs",
            kind,
            self.config.read_retries,
            action,
            || self.post(action, params),
            WhmcsError::is_transient,
        )
        .await?;
        serde_json::from_value(value).map_err(|e| WhmcsError::Decode(format!("{action}: {e}")))
    }

    async fn post<K: AsRef<str>>(
        &self,
        action: &str,
        params: &[(K, String)],
    ) -> Result<Value, WhmcsError> {
        let mut form: Vec<(&str, &str)> = vec![
            ("action", action),
            ("identifier", &self.config.identifier),
            ("secret", self.config.secret.expose_secret()),
            ("responsetype", "json"),
        ];
        if let Some(k) = &self.config.access_key {
            form.push(("accesskey", k.expose_secret()));
        }
        form.extend(params.iter().map(|(k, v)| (k.as_ref(), v.as_str())));
        let mut req = self.http.post(self.api.clone()).form(&form);
        // The request's correlation id, so WHMCS's logs (and ours) can be matched up.
        if let Some(id) = crate::routes::request_id::current() {
            req = req.header(crate::routes::request_id::HEADER, id);
        }
        let resp = req.send().await.map_err(WhmcsError::from_reqwest)?;
        let status = resp.status();
        let text = resp.text().await.map_err(WhmcsError::from_reqwest)?;
        interpret(action, status.as_u16(), &text)
    }
}

/// Turns an HTTP status and body into the JSON of a successful call or an error.
pub fn interpret(action: &str, status: u16, body: &str) -> Result<Value, WhmcsError> {
    let parsed: Option<Value> = serde_json::from_str(body).ok();
    let message = parsed
        .as_ref()
        .and_then(|v| v.get("message"))
        .and_then(Value::as_str)
        .map(str::to_string);
    if status == 401 || status == 403 {
        return Err(WhmcsError::Auth(
            message.unwrap_or_else(|| format!("HTTP {status}")),
        ));
    }
    if !(200..300).contains(&status) {
        return Err(WhmcsError::Http { status });
    }
    let Some(value) = parsed.filter(Value::is_object) else {
        let t: String = body.chars().take(80).collect();
        return Err(WhmcsError::Decode(format!("{action}: {t:?}")));
    };
    let field = |k: &str| {
        value
            .get(k)
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase)
    };
    let failed = field("result").as_deref() != Some("success")
        || field("status").as_deref() == Some("error");
    let warning = value
        .get("warning")
        .filter(|w| !w.is_null() && w.as_str() != Some(""))
        .map(|w| {
            w.as_str()
                .map(str::to_string)
                .unwrap_or_else(|| w.to_string())
        });
    let failing_warning = warning
        .as_deref()
        .is_some_and(|w| FAILURE_WARNINGS.iter().any(|f| w.starts_with(f)));
    if let (false, false, Some(w)) = (failed, failing_warning, &warning) {
        tracing::warn!(action, warning = %w, "WHMCS answered success with a warning");
    }
    if failed || failing_warning {
        let message = message
            .or(warning)
            .unwrap_or_else(|| "unspecified error".to_string());
        if message == "Authentication Failed" || message.starts_with("Invalid IP") {
            return Err(WhmcsError::Auth(message));
        }
        return Err(WhmcsError::Api {
            action: action.to_string(),
            message,
        });
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_fields_encode_as_the_contract_shows() {
        assert_eq!(
            custom_fields(&[(1, "Google")]),
            "YToxOntpOjE7czo2OiJHb29nbGUiO30="
        );
        assert_eq!(
            custom_fields(&[(12, "CUST-000123")]),
            "YToxOntpOjEyO3M6MTE6IkNVU1QtMDAwMTIzIjt9"
        );
    }

    #[test]
    fn success_needs_result_success() {
        assert!(interpret("X", 200, r#"{"result":"success","a":1}"#).is_ok());
        let e = interpret(
            "CapturePayment",
            200,
            r#"{"result":"error","message":"Payment Attempt Failed"}"#,
        )
        .unwrap_err();
        assert_eq!(e.api_message(), Some("Payment Attempt Failed"));
    }

    #[test]
    fn status_error_and_known_failure_warnings_are_failures() {
        assert!(interpret("GetEmails", 200, r#"{"status":"error","message":"x"}"#).is_err());
        let e = interpret(
            "CapturePayment",
            200,
            r#"{"result":"success","warning":"Invalid or Missing Payment Information - Please Reload and Try Again"}"#,
        )
        .unwrap_err();
        assert!(e.api_message().unwrap().starts_with("Invalid or Missing"));
    }

    #[test]
    fn other_warnings_do_not_fail_a_call_that_worked() {
        // A CreateInvoice that succeeded with a warning must not look failed, or a retry
        // would create a second invoice.
        let v = interpret(
            "CreateInvoice",
            200,
            r#"{"result":"success","invoiceid":"9001","warning":"Email sending is disabled"}"#,
        )
        .unwrap();
        assert_eq!(v["invoiceid"], "9001");
    }

    #[test]
    fn forbidden_is_auth() {
        let e = interpret(
            "X",
            403,
            r#"{"result":"error","message":"Invalid IP 203.0.113.9"}"#,
        )
        .unwrap_err();
        assert!(matches!(e, WhmcsError::Auth(m) if m == "Invalid IP 203.0.113.9"));
        let e = interpret(
            "X",
            200,
            r#"{"result":"error","message":"Authentication Failed"}"#,
        )
        .unwrap_err();
        assert!(matches!(e, WhmcsError::Auth(_)));
    }

    #[test]
    fn html_with_200_is_a_decode_error() {
        let e = interpret("X", 200, "<html><body>Maintenance</body></html>").unwrap_err();
        assert!(matches!(e, WhmcsError::Decode(_)) && e.is_transient());
    }

    #[test]
    fn server_errors_are_transient() {
        assert!(interpret("X", 503, "").unwrap_err().is_transient());
    }
}
