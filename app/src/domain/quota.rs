//! Data quotas: the validated top-up amount and the one formatting rule for remaining data.

use serde::{Deserialize, Serialize};

/// A top-up amount the carrier will really apply.
///
/// The seed's BFF accepted 1–100000 MB but Freebit's addSpec only applies 100–51200 MB for
/// this portal; accepting more would charge for data that is then refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u64", into = "u64")]
pub struct QuotaMb(u64);

impl QuotaMb {
    pub const MIN: u64 = 100;
    pub const MAX: u64 = 51_200;

    pub fn parse(mb: u64) -> Result<Self, String> {
        if mb < Self::MIN {
            Err(crate::t!(
                "domain-quota-min",
                mb = crate::i18n::num(Self::MIN as f64)
            ))
        } else if mb > Self::MAX {
            Err(crate::t!(
                "domain-quota-max",
                mb = crate::i18n::num(Self::MAX as f64)
            ))
        } else {
            Ok(QuotaMb(mb))
        }
    }

    pub fn get(self) -> u64 {
        self.0
    }

    /// Price in yen: ¥500 per started 1000 MB (1000 MB → ¥500, 3000 MB → ¥1,500).
    pub fn price_jpy(self) -> u64 {
        self.0.div_ceil(1000) * 500
    }
}

impl TryFrom<u64> for QuotaMb {
    type Error = String;
    fn try_from(v: u64) -> Result<Self, Self::Error> {
        QuotaMb::parse(v)
    }
}

impl From<QuotaMb> for u64 {
    fn from(q: QuotaMb) -> u64 {
        q.0
    }
}

/// Formats an amount of data for people: "47.1 GB" from 48256 MB, "512 MB" below 1 GB.
/// 1 GB = 1024 MB, as the carrier counts plan sizes; tenths are rounded half up in integer
/// arithmetic, so every client (and the end-to-end tests) can reproduce the exact text.
pub fn format_quota_mb(mb: u64) -> String {
    if mb >= 1024 {
        let tenths = (mb * 10 + 512) / 1024;
        format!("{}.{} GB", tenths / 10, tenths % 10)
    } else {
        format!("{mb} MB")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_the_carriers() {
        assert!(QuotaMb::parse(99).is_err());
        assert_eq!(QuotaMb::parse(100).unwrap().get(), 100);
        assert_eq!(QuotaMb::parse(51_200).unwrap().get(), 51_200);
        assert!(QuotaMb::parse(51_201).is_err());
    }

    #[test]
    fn price_is_500_yen_per_started_1000_mb() {
        let price = |mb| QuotaMb::parse(mb).unwrap().price_jpy();
        assert_eq!(price(100), 500);
        assert_eq!(price(1000), 500);
        assert_eq!(price(1001), 1000);
        assert_eq!(price(3000), 1500);
        assert_eq!(price(51_200), 26_000);
    }

    #[test]
    fn formats_like_the_seed() {
        assert_eq!(format_quota_mb(48_256), "47.1 GB");
        assert_eq!(format_quota_mb(10_240), "10.0 GB");
        assert_eq!(format_quota_mb(1023), "1023 MB");
        assert_eq!(format_quota_mb(1024), "1.0 GB");
        assert_eq!(format_quota_mb(1075), "1.0 GB"); // 1.0498…
        assert_eq!(format_quota_mb(1076), "1.1 GB"); // 1.0508…
        assert_eq!(format_quota_mb(0), "0 MB");
    }

    #[test]
    fn deserialising_validates() {
        assert!(serde_json::from_str::<QuotaMb>("50").is_err());
        assert_eq!(serde_json::from_str::<QuotaMb>("1000").unwrap().get(), 1000);
    }
}
