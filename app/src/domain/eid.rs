//! The EID of an eSIM-capable device: what a customer types to move their eSIM to a new phone.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A validated EID: 32 digits, starting with the telecom industry prefix "89", whose two
/// check digits satisfy ISO/IEC 7064 MOD 97-10 (the whole number mod 97 is 1, GSMA SGP.29),
/// so a mistyped digit is caught before anything reaches the carrier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Eid(String);

impl Eid {
    pub const LEN: usize = 32;

    /// Spaces and hyphens (as printed on device settings screens) are ignored.
    pub fn parse(input: &str) -> Result<Self, String> {
        let digits: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if digits.is_empty() {
            return Err(crate::t!("domain-eid-missing"));
        }
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(crate::t!("domain-eid-digits"));
        }
        if digits.len() != Self::LEN {
            return Err(crate::t!(
                "domain-eid-length",
                want = crate::i18n::num(Self::LEN as f64),
                got = crate::i18n::num(digits.len() as f64)
            ));
        }
        if !digits.starts_with("89") {
            return Err(crate::t!("domain-eid-prefix"));
        }
        if mod97(&digits) != 1 {
            return Err(crate::t!("domain-eid-check"));
        }
        Ok(Eid(digits))
    }

    /// Parses a customer's input; the error names the `eid` field.
    pub fn parse_input(input: &str) -> Result<Self, super::PortalError> {
        Eid::parse(input).map_err(|m| super::PortalError::invalid("eid", m))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn mod97(digits: &str) -> u32 {
    digits
        .bytes()
        .fold(0u32, |acc, b| (acc * 10 + u32::from(b - b'0')) % 97)
}

impl TryFrom<String> for Eid {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Eid::parse(&s)
    }
}

impl From<Eid> for String {
    fn from(e: Eid) -> String {
        e.0
    }
}

impl fmt::Display for Eid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Completes 30 digits with the two MOD 97-10 check digits.
    fn with_check_digits(first30: &str) -> String {
        let check = 98 - mod97(&format!("{first30}00"));
        format!("{first30}{check:02}")
    }

    #[test]
    fn accepts_a_valid_eid_with_separators() {
        let eid = with_check_digits("890490320040088826000167812345");
        assert_eq!(Eid::parse(&eid).unwrap().as_str(), eid);
        let spaced = format!("{} {}-{}", &eid[..8], &eid[8..20], &eid[20..]);
        assert_eq!(Eid::parse(&spaced).unwrap().as_str(), eid);
    }

    #[test]
    fn rejects_typos_and_wrong_shapes() {
        let eid = with_check_digits("890490320040088826000167812345");
        // One digit changed: the check digits catch it.
        let mut typo = eid.clone().into_bytes();
        typo[10] = if typo[10] == b'9' { b'8' } else { typo[10] + 1 };
        let typo = String::from_utf8(typo).unwrap();
        assert!(Eid::parse(&typo).unwrap_err().contains("check digits"));
        assert!(Eid::parse(&eid[..31]).unwrap_err().contains("32 digits"));
        assert!(Eid::parse(&format!("{eid}1"))
            .unwrap_err()
            .contains("this has 33"));
        assert!(Eid::parse("8904903200400888260001678123456A")
            .unwrap_err()
            .contains("digits only"));
        assert!(Eid::parse("").is_err());
        let wrong_prefix = with_check_digits("790490320040088826000167812345");
        assert!(Eid::parse(&wrong_prefix)
            .unwrap_err()
            .contains("starts with 89"));
    }

    #[test]
    fn deserialising_validates() {
        assert!(serde_json::from_str::<Eid>(r#""123""#).is_err());
    }
}
