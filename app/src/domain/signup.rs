//! What a newcomer enters to sign up, and the customer's postal address (also edited on the
//! account page), with the rules both the browser and the server check. Each refusal names
//! the field (its JSON name) and says what to fix.

use super::account::check_new_password;
use super::PortalError;
use crate::t;
use serde::{Deserialize, Serialize};

/// Japan's 47 prefectures, as WHMCS's `state` and the address form's choices.
pub const PREFECTURES: [&str; 47] = [
    "Hokkaido",
    "Aomori",
    "Iwate",
    "Miyagi",
    "Akita",
    "Yamagata",
    "Fukushima",
    "Ibaraki",
    "Tochigi",
    "Gunma",
    "Saitama",
    "Chiba",
    "Tokyo",
    "Kanagawa",
    "Niigata",
    "Toyama",
    "Ishikawa",
    "Fukui",
    "Yamanashi",
    "Nagano",
    "Gifu",
    "Shizuoka",
    "Aichi",
    "Mie",
    "Shiga",
    "Kyoto",
    "Osaka",
    "Hyogo",
    "Nara",
    "Wakayama",
    "Tottori",
    "Shimane",
    "Okayama",
    "Hiroshima",
    "Yamaguchi",
    "Tokushima",
    "Kagawa",
    "Ehime",
    "Kochi",
    "Fukuoka",
    "Saga",
    "Nagasaki",
    "Kumamoto",
    "Oita",
    "Miyazaki",
    "Kagoshima",
    "Okinawa",
];

/// A postal address in Japan (the portal serves customers living there).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Address {
    /// `150-0002` (the hyphen is optional when typed).
    pub postcode: String,
    /// One of [`PREFECTURES`].
    pub prefecture: String,
    /// City, ward, town (`Shibuya-ku`).
    pub city: String,
    /// Block and street (`1-2-3 Shibuya`).
    pub line1: String,
    /// Building and room, optional.
    #[serde(default)]
    pub line2: String,
}

impl Address {
    /// The address cleaned up (trimmed, postcode as `123-4567`), or the first field to fix
    /// (named `address.<field>`).
    pub fn validated(&self) -> Result<Address, PortalError> {
        let digits: String = self
            .postcode
            .chars()
            .filter(|c| !matches!(c, '-' | ' ' | '〒'))
            .collect();
        if digits.len() != 7 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(PortalError::invalid(
                "address.postcode",
                t!("portal-signup-postcode-invalid"),
            ));
        }
        let prefecture = PREFECTURES
            .iter()
            .find(|p| p.eq_ignore_ascii_case(self.prefecture.trim()))
            .ok_or_else(|| {
                PortalError::invalid("address.prefecture", t!("portal-signup-prefecture-invalid"))
            })?;
        // `missing` when a required field is empty, `too_long` when it is too long or not one line.
        let text = |field: &str, value: &str, missing: Option<String>, too_long: String| {
            let v = value.trim();
            if let Some(missing) = missing.filter(|_| v.is_empty()) {
                return Err(PortalError::invalid(field, missing));
            }
            if v.chars().count() > 100 || v.chars().any(char::is_control) {
                return Err(PortalError::invalid(field, too_long));
            }
            Ok(v.to_string())
        };
        Ok(Address {
            postcode: format!("{}-{}", &digits[..3], &digits[3..]),
            prefecture: (*prefecture).to_string(),
            city: text(
                "address.city",
                &self.city,
                Some(t!("portal-signup-city-missing")),
                t!("portal-signup-city-too-long"),
            )?,
            line1: text(
                "address.line1",
                &self.line1,
                Some(t!("portal-signup-line1-missing")),
                t!("portal-signup-line1-too-long"),
            )?,
            line2: text(
                "address.line2",
                &self.line2,
                None,
                t!("portal-signup-line2-too-long"),
            )?,
        })
    }
}

/// The sign-up form (`POST /api/auth/signup`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignUp {
    /// The Salesforce account number on the customer's contract.
    pub customer_number: String,
    pub email: String,
    pub password: String,
    /// Full name, given name first (`Aiko Tanaka`).
    pub name: String,
    pub phone: String,
    pub address: Address,
}

/// A sign-up that passed every rule, cleaned up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidSignUp {
    pub customer_number: String,
    /// Lower case.
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: String,
    pub address: Address,
}

pub fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    email.len() <= 254
        && !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || ",;<>\"'".contains(c))
}

/// A phone number as typed (`090-1234-5678`, `+81 90 1234 5678`), or the reason it is not one.
pub fn validated_phone(phone: &str) -> Result<String, PortalError> {
    let p = phone.trim();
    let digits = p.chars().filter(char::is_ascii_digit).count();
    if !(10..=15).contains(&digits) || !p.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c))
    {
        return Err(PortalError::invalid(
            "phone",
            t!("portal-signup-phone-invalid"),
        ));
    }
    Ok(p.to_string())
}

impl SignUp {
    /// The form cleaned up, or the first field to fix.
    pub fn validated(&self) -> Result<ValidSignUp, PortalError> {
        let number = self.customer_number.trim().to_ascii_uppercase();
        if number.is_empty()
            || number.len() > 40
            || !number
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(PortalError::invalid(
                "customerNumber",
                t!("portal-signup-number-invalid"),
            ));
        }
        let email = self.email.trim().to_lowercase();
        if !valid_email(&email) {
            return Err(PortalError::invalid(
                "email",
                t!("portal-signup-email-invalid"),
            ));
        }
        check_new_password(&self.password, "password")?;
        let lowered = self.password.to_lowercase();
        let local = email.split('@').next().unwrap_or_default();
        if lowered == email || (local.len() >= 4 && lowered.contains(local)) {
            return Err(PortalError::invalid(
                "password",
                t!("portal-signup-password-has-email"),
            ));
        }
        if self
            .password
            .chars()
            .collect::<std::collections::BTreeSet<_>>()
            .len()
            < 4
        {
            return Err(PortalError::invalid(
                "password",
                t!("portal-signup-password-too-simple"),
            ));
        }
        let name = self.name.split_whitespace().collect::<Vec<_>>();
        if name.is_empty() || self.name.chars().count() > 100 {
            return Err(PortalError::invalid(
                "name",
                t!("portal-signup-name-invalid"),
            ));
        }
        // Billing keeps a given and a family name; one word (common for Japanese names typed without a space) is both.
        let (first_name, last_name) = match name.split_last() {
            Some((last, rest)) if !rest.is_empty() => (rest.join(" "), (*last).to_string()),
            _ => (name[0].to_string(), name[0].to_string()),
        };
        Ok(ValidSignUp {
            customer_number: number,
            email,
            first_name,
            last_name,
            phone: validated_phone(&self.phone)?,
            address: self.address.validated()?,
        })
    }
}

/// What the account page shows and edits: name and email (read-only), phone and address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub address: Address,
    /// Whether the address is complete (a newcomer is sent to fill it in).
    pub address_complete: bool,
}

/// The address change (`PATCH /api/me/address`): the address and, optionally, the phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AddressChange {
    pub address: Address,
    #[serde(default)]
    pub phone: Option<String>,
}

/// Whether the customer has a way to pay (`GET /api/billing/payment-methods/summary`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentMethodsSummary {
    pub has_payment_method: bool,
    pub count: u32,
    /// "Visa ending 4242" of the first one.
    pub description: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SignUp {
        SignUp {
            customer_number: " snx-300101 ".into(),
            email: "Aiko.Tanaka@Example.com".into(),
            password: "correct horse battery".into(),
            name: "Aiko  Tanaka".into(),
            phone: "090-1234-5678".into(),
            address: Address {
                postcode: "1500002".into(),
                prefecture: "tokyo".into(),
                city: "Shibuya-ku".into(),
                line1: "1-2-3 Shibuya".into(),
                line2: String::new(),
            },
        }
    }

    #[test]
    fn a_good_form_is_cleaned_up() {
        let v = form().validated().unwrap();
        assert_eq!(v.customer_number, "SNX-300101");
        assert_eq!(v.email, "aiko.tanaka@example.com");
        assert_eq!(
            (v.first_name.as_str(), v.last_name.as_str()),
            ("Aiko", "Tanaka")
        );
        assert_eq!(v.address.postcode, "150-0002");
        assert_eq!(v.address.prefecture, "Tokyo");
    }

    #[test]
    fn each_bad_field_is_named() {
        type Breaker = fn(&mut SignUp);
        let cases: Vec<(Breaker, &str)> = vec![
            (
                |f| f.customer_number = "' OR Id != '".into(),
                "customerNumber",
            ),
            (|f| f.customer_number = String::new(), "customerNumber"),
            (|f| f.email = "aiko@".into(), "email"),
            (|f| f.password = "short".into(), "password"),
            (|f| f.password = "aiko.tanaka-2024".into(), "password"),
            (|f| f.password = "aaaaaaaaaaaa".into(), "password"),
            (|f| f.name = "   ".into(), "name"),
            (|f| f.phone = "12345".into(), "phone"),
            (|f| f.phone = "090-1234-5678; drop".into(), "phone"),
            (|f| f.address.postcode = "150-00".into(), "address.postcode"),
            (
                |f| f.address.prefecture = "Narnia".into(),
                "address.prefecture",
            ),
            (|f| f.address.city = " ".into(), "address.city"),
            (|f| f.address.line1 = String::new(), "address.line1"),
            (|f| f.address.line2 = "x\ny".into(), "address.line2"),
        ];
        for (break_it, field) in cases {
            let mut f = form();
            break_it(&mut f);
            let e = f.validated().unwrap_err();
            assert_eq!(e.field(), Some(field), "{e}");
        }
    }

    #[test]
    fn a_one_word_name_is_both_names() {
        let mut f = form();
        f.name = "佐藤花子".into();
        let v = f.validated().unwrap();
        assert_eq!(
            (v.first_name.as_str(), v.last_name.as_str()),
            ("佐藤花子", "佐藤花子")
        );
    }

    #[test]
    fn unknown_fields_are_refused() {
        let e = serde_json::from_str::<SignUp>(
            r#"{"customerNumber":"1","email":"a@b.c","password":"p","name":"n","phone":"1",
               "address":{"postcode":"1","prefecture":"Tokyo","city":"c","line1":"l"},"admin":true}"#,
        );
        assert!(e.is_err());
    }
}
