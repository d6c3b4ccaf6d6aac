//! The operator console's SIM inventory rules (seed 003, issue 11), pure so they are tested
//! exhaustively and shared by pages, REST and the import: the lifecycle state machine, and
//! the checks on an ICCID (length and Luhn check digit), an MSISDN, PIN/PUK and the SIM type.

use crate::t;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a SIM card is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LifecycleState {
    Available,
    Reserved,
    Active,
    Suspended,
    LostStolen,
    Terminated,
}

impl LifecycleState {
    pub const ALL: [LifecycleState; 6] = [
        LifecycleState::Available,
        LifecycleState::Reserved,
        LifecycleState::Active,
        LifecycleState::Suspended,
        LifecycleState::LostStolen,
        LifecycleState::Terminated,
    ];

    /// As stored and as the API spells it: `AVAILABLE`, `LOST_STOLEN`, …
    pub fn as_str(self) -> &'static str {
        match self {
            LifecycleState::Available => "AVAILABLE",
            LifecycleState::Reserved => "RESERVED",
            LifecycleState::Active => "ACTIVE",
            LifecycleState::Suspended => "SUSPENDED",
            LifecycleState::LostStolen => "LOST_STOLEN",
            LifecycleState::Terminated => "TERMINATED",
        }
    }

    pub fn parse(s: &str) -> Option<LifecycleState> {
        Self::ALL
            .into_iter()
            .find(|st| st.as_str().eq_ignore_ascii_case(s.trim()))
    }

    pub fn label(self) -> String {
        match self {
            LifecycleState::Available => t!("console-state-available"),
            LifecycleState::Reserved => t!("console-state-reserved"),
            LifecycleState::Active => t!("console-state-active"),
            LifecycleState::Suspended => t!("console-state-suspended"),
            LifecycleState::LostStolen => t!("console-state-lost-stolen"),
            LifecycleState::Terminated => t!("console-state-terminated"),
        }
    }
}

impl fmt::Display for LifecycleState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What staff can do to a SIM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Operation {
    Reserve,
    Activate,
    Suspend,
    Resume,
    ReportLost,
    Terminate,
    /// The number and tariff move to a new AVAILABLE card; this card is terminated.
    Swap,
}

impl Operation {
    pub const ALL: [Operation; 7] = [
        Operation::Reserve,
        Operation::Activate,
        Operation::Suspend,
        Operation::Resume,
        Operation::ReportLost,
        Operation::Terminate,
        Operation::Swap,
    ];

    /// As the API's paths name them (`report-lost`).
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::Reserve => "reserve",
            Operation::Activate => "activate",
            Operation::Suspend => "suspend",
            Operation::Resume => "resume",
            Operation::ReportLost => "report-lost",
            Operation::Terminate => "terminate",
            Operation::Swap => "swap",
        }
    }

    pub fn parse(s: &str) -> Option<Operation> {
        Self::ALL.into_iter().find(|o| o.as_str() == s.trim())
    }

    pub fn label(self) -> String {
        match self {
            Operation::Reserve => t!("console-op-reserve"),
            Operation::Activate => t!("console-op-activate"),
            Operation::Suspend => t!("console-op-suspend"),
            Operation::Resume => t!("console-op-resume"),
            Operation::ReportLost => t!("console-op-report-lost"),
            Operation::Terminate => t!("console-op-terminate"),
            Operation::Swap => t!("console-op-swap"),
        }
    }

    /// The operation as a SIM undergoes it ("A SIM that is … cannot be *suspended*").
    pub fn done_label(self) -> String {
        match self {
            Operation::Reserve => t!("console-op-done-reserve"),
            Operation::Activate => t!("console-op-done-activate"),
            Operation::Suspend => t!("console-op-done-suspend"),
            Operation::Resume => t!("console-op-done-resume"),
            Operation::ReportLost => t!("console-op-done-report-lost"),
            Operation::Terminate => t!("console-op-done-terminate"),
            Operation::Swap => t!("console-op-done-swap"),
        }
    }

    /// Whether staff must give a reason (it goes into the SIM's event).
    pub fn needs_reason(self) -> bool {
        matches!(
            self,
            Operation::Suspend | Operation::Terminate | Operation::ReportLost
        )
    }
}

/// The state `op` leads to from `from`, or `None` when the state machine refuses it:
/// AVAILABLE → RESERVED → ACTIVE ⇄ SUSPENDED; ACTIVE/SUSPENDED → LOST_STOLEN; any state but
/// TERMINATED → TERMINATED (final). Activation may skip the reservation. A swap ends the old
/// card (ACTIVE or SUSPENDED) as TERMINATED.
pub fn transition(from: LifecycleState, op: Operation) -> Option<LifecycleState> {
    use LifecycleState as S;
    use Operation as O;
    Some(match (from, op) {
        (S::Available, O::Reserve) => S::Reserved,
        (S::Available | S::Reserved, O::Activate) => S::Active,
        (S::Active, O::Suspend) => S::Suspended,
        (S::Suspended, O::Resume) => S::Active,
        (S::Active | S::Suspended, O::ReportLost) => S::LostStolen,
        (S::Active | S::Suspended, O::Swap) => S::Terminated,
        (s, O::Terminate) if s != S::Terminated => S::Terminated,
        _ => return None,
    })
}

/// The operations `from` allows, in a stable order (the buttons a SIM's page shows, and what
/// a 409 lists).
pub fn allowed(from: LifecycleState) -> Vec<Operation> {
    Operation::ALL
        .into_iter()
        .filter(|op| transition(from, *op).is_some())
        .collect()
}

/// Why a value was refused, in words for staff.
pub type Refusal = String;

/// Whether `digits` pass the Luhn check (the last digit is the check digit).
pub fn luhn_ok(digits: &str) -> bool {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// An ICCID (ITU-T E.118): 19 or 20 digits starting with the telecom prefix 89, the last one
/// a Luhn check digit. Spaces and hyphens are ignored.
pub fn parse_iccid(input: &str) -> Result<String, Refusal> {
    let digits: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if digits.is_empty() {
        return Err(t!("console-iccid-missing"));
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(t!("console-iccid-not-digits"));
    }
    if !(19..=20).contains(&digits.len()) {
        return Err(t!("console-iccid-length", count = digits.len().to_string()));
    }
    if !digits.starts_with("89") {
        return Err(t!("console-iccid-prefix"));
    }
    if !luhn_ok(&digits) {
        return Err(t!("console-iccid-luhn"));
    }
    Ok(digits)
}

/// A Japanese mobile number as stored: 11 digits starting 070, 080 or 090 (or 020 for data
/// lines); `+81` and separators are accepted on input.
pub fn parse_msisdn(input: &str) -> Result<String, Refusal> {
    let mut digits: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if let Some(rest) = digits.strip_prefix("+81") {
        digits = format!("0{rest}");
    }
    let ok = digits.len() == 11
        && digits.bytes().all(|b| b.is_ascii_digit())
        && ["070", "080", "090", "020"]
            .iter()
            .any(|p| digits.starts_with(p));
    if ok {
        Ok(digits)
    } else {
        Err(t!("console-msisdn-invalid"))
    }
}

/// A PIN (4–8 digits) or PUK (8 digits).
pub fn parse_code(
    input: &str,
    what: &str,
    lengths: std::ops::RangeInclusive<usize>,
) -> Result<String, Refusal> {
    let v = input.trim();
    if v.bytes().all(|b| b.is_ascii_digit()) && lengths.contains(&v.len()) {
        Ok(v.to_string())
    } else if lengths.start() == lengths.end() {
        Err(t!(
            "console-code-digits",
            what = what.to_string(),
            count = lengths.start().to_string()
        ))
    } else {
        Err(t!(
            "console-code-digits-range",
            what = what.to_string(),
            min = lengths.start().to_string(),
            max = lengths.end().to_string()
        ))
    }
}

/// The kind of SIM card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CardType {
    Prepaid,
    Postpaid,
    DataOnly,
}

impl CardType {
    pub fn as_str(self) -> &'static str {
        match self {
            CardType::Prepaid => "prepaid",
            CardType::Postpaid => "postpaid",
            CardType::DataOnly => "data-only",
        }
    }

    /// The type in words for staff (in English the code itself).
    pub fn label(self) -> String {
        match self {
            CardType::Prepaid => t!("console-card-prepaid"),
            CardType::Postpaid => t!("console-card-postpaid"),
            CardType::DataOnly => t!("console-card-data-only"),
        }
    }

    pub fn parse(s: &str) -> Result<CardType, Refusal> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "prepaid" => Ok(CardType::Prepaid),
            "postpaid" => Ok(CardType::Postpaid),
            "data-only" | "dataonly" | "data" => Ok(CardType::DataOnly),
            _ => Err(t!("console-card-type-invalid")),
        }
    }
}

/// Shows only the last two digits of a PIN or PUK.
pub fn masked(code: &str) -> String {
    let keep = code.len().min(2);
    format!(
        "{}{}",
        "•".repeat(code.len() - keep),
        &code[code.len() - keep..]
    )
}

/// One valid row of an import file (`iccid,pin,puk,type,msisdn?`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRow {
    pub iccid: String,
    pub pin: String,
    pub puk: String,
    pub card_type: CardType,
    pub msisdn: Option<String>,
}

/// The columns of an import file, in order.
pub const IMPORT_COLUMNS: [&str; 5] = ["iccid", "pin", "puk", "type", "msisdn"];

/// Checks one row's fields; the first refusal names the column.
pub fn check_row(fields: &[&str]) -> Result<ImportRow, Refusal> {
    if !(4..=5).contains(&fields.len()) {
        return Err(t!("console-row-columns", count = fields.len().to_string()));
    }
    let msisdn = match fields.get(4).map(|m| m.trim()) {
        None | Some("") => None,
        Some(m) => Some(parse_msisdn(m)?),
    };
    Ok(ImportRow {
        iccid: parse_iccid(fields[0])?,
        pin: parse_code(fields[1], "PIN", 4..=8)?,
        puk: parse_code(fields[2], "PUK", 8..=8)?,
        card_type: CardType::parse(fields[3])?,
        msisdn,
    })
}

/// Whether a first row is the header (`iccid,pin,…`) rather than data.
pub fn is_header(fields: &[&str]) -> bool {
    fields
        .first()
        .is_some_and(|f| f.trim().eq_ignore_ascii_case(IMPORT_COLUMNS[0]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use LifecycleState as S;
    use Operation as O;

    /// Every pair of state × operation, written out: the table the issue states.
    #[test]
    fn the_state_machine_allows_exactly_the_documented_transitions() {
        let expected = |from: S, op: O| -> Option<S> {
            match (from, op) {
                (S::Available, O::Reserve) => Some(S::Reserved),
                (S::Available, O::Activate) | (S::Reserved, O::Activate) => Some(S::Active),
                (S::Active, O::Suspend) => Some(S::Suspended),
                (S::Suspended, O::Resume) => Some(S::Active),
                (S::Active, O::ReportLost) | (S::Suspended, O::ReportLost) => Some(S::LostStolen),
                (S::Active, O::Swap) | (S::Suspended, O::Swap) => Some(S::Terminated),
                (S::Available, O::Terminate)
                | (S::Reserved, O::Terminate)
                | (S::Active, O::Terminate)
                | (S::Suspended, O::Terminate)
                | (S::LostStolen, O::Terminate) => Some(S::Terminated),
                _ => None,
            }
        };
        let mut checked = 0;
        for from in S::ALL {
            for op in O::ALL {
                assert_eq!(
                    transition(from, op),
                    expected(from, op),
                    "{from} {}",
                    op.as_str()
                );
                checked += 1;
            }
        }
        assert_eq!(checked, 42);
        assert!(allowed(S::Terminated).is_empty(), "terminated is final");
        assert_eq!(
            allowed(S::Available),
            [O::Reserve, O::Activate, O::Terminate]
        );
        assert_eq!(
            allowed(S::Active),
            [O::Suspend, O::ReportLost, O::Terminate, O::Swap]
        );
    }

    #[test]
    fn names_round_trip() {
        for s in S::ALL {
            assert_eq!(S::parse(s.as_str()), Some(s));
        }
        for o in O::ALL {
            assert_eq!(O::parse(o.as_str()), Some(o));
        }
        assert_eq!(S::parse("lost_stolen"), Some(S::LostStolen));
        assert_eq!(O::parse("explode"), None);
    }

    #[test]
    fn iccids_are_checked_by_length_prefix_and_luhn() {
        // 19 digits with a valid Luhn digit; any other last digit is refused.
        let body = "898110000500001234";
        let check = (0..10).find(|d| luhn_ok(&format!("{body}{d}"))).unwrap();
        let good = format!("{body}{check}");
        assert_eq!(parse_iccid(&good), Ok(good.clone()));
        let wrong = format!("{body}{}", (check + 1) % 10);
        assert!(parse_iccid(&wrong).unwrap_err().contains("Luhn"));
        assert_eq!(
            parse_iccid(&format!("{} {}", &good[..10], &good[10..])),
            Ok(good.clone())
        );
        assert!(parse_iccid("12345").unwrap_err().contains("19 or 20"));
        assert!(parse_iccid("8981x000050000123456")
            .unwrap_err()
            .contains("digits"));
        assert!(parse_iccid("7981100005000012345")
            .unwrap_err()
            .contains("89"));
        assert!(parse_iccid("").unwrap_err().contains("missing"));
        assert!(luhn_ok("79927398713"));
        assert!(!luhn_ok("79927398710"));
    }

    #[test]
    fn msisdns_pins_types() {
        assert_eq!(parse_msisdn("090-1234-5678"), Ok("09012345678".into()));
        assert_eq!(parse_msisdn("+81 80 1234 5678"), Ok("08012345678".into()));
        assert!(parse_msisdn("0312345678").is_err(), "a landline");
        assert!(parse_msisdn("0901234567").is_err(), "10 digits");
        assert_eq!(parse_code("1234", "PIN", 4..=8), Ok("1234".into()));
        assert!(parse_code("12a4", "PIN", 4..=8).is_err());
        assert_eq!(
            parse_code("1234567", "PUK", 8..=8).unwrap_err(),
            "PUK must be 8 digits"
        );
        assert_eq!(CardType::parse("Data_Only"), Ok(CardType::DataOnly));
        assert!(CardType::parse("esim").is_err());
        assert_eq!(masked("12345678"), "••••••78");
        assert!(is_header(&["ICCID", "pin", "puk", "type"]));
        let body = "898110000500001234";
        let check = (0..10).find(|d| luhn_ok(&format!("{body}{d}"))).unwrap();
        let iccid = format!("{body}{check}");
        let row = check_row(&[&iccid, "1234", "12345678", "prepaid", "090-1111-2222"]).unwrap();
        assert_eq!(row.msisdn.as_deref(), Some("09011112222"));
        assert_eq!(
            check_row(&[&iccid, "1234", "12345678", "prepaid"])
                .unwrap()
                .msisdn,
            None
        );
        assert!(check_row(&[&iccid, "1234", "1234", "prepaid"])
            .unwrap_err()
            .contains("PUK"));
        assert!(check_row(&[&iccid, "1234", "12345678", "gold"])
            .unwrap_err()
            .contains("type"));
        assert!(check_row(&[&iccid, "1234"])
            .unwrap_err()
            .contains("columns"));
        assert_eq!(masked("1"), "1");
    }
}
