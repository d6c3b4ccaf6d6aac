//! Reading WHMCS's custom-field encoding (contract B8): `base64(serialize([id => value]))`,
//! PHP's `serialize` of an array of integer (or numeric string) keys to string values, e.g.
//! `a:1:{i:12;s:11:"CUST-000123";}`. String lengths are in UTF-8 bytes.

use base64::Engine;
use std::collections::BTreeMap;

/// The field id → value map, or `None` when the text is not such an encoding.
pub(crate) fn custom_fields(encoded: &str) -> Option<BTreeMap<u64, String>> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let mut p = Parser { s: &bytes, at: 0 };
    p.expect(b"a:")?;
    let n: usize = p.number()?;
    p.expect(b":{")?;
    let mut out = BTreeMap::new();
    for _ in 0..n {
        let key = match p.peek()? {
            b'i' => {
                p.expect(b"i:")?;
                let k = p.number()?;
                p.expect(b";")?;
                k
            }
            b's' => p.string()?.parse().ok()?,
            _ => return None,
        };
        let value = match p.peek()? {
            b's' => p.string()?,
            b'i' => {
                p.expect(b"i:")?;
                let v: i64 = p.number()?;
                p.expect(b";")?;
                v.to_string()
            }
            _ => return None,
        };
        out.insert(key, value);
    }
    p.expect(b"}")?;
    (p.at == bytes.len()).then_some(out)
}

struct Parser<'a> {
    s: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.at).copied()
    }

    fn expect(&mut self, lit: &[u8]) -> Option<()> {
        if self.s.get(self.at..self.at + lit.len())? == lit {
            self.at += lit.len();
            Some(())
        } else {
            None
        }
    }

    fn number<T: std::str::FromStr>(&mut self) -> Option<T> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit() || c == b'-') {
            self.at += 1;
        }
        std::str::from_utf8(&self.s[start..self.at])
            .ok()?
            .parse()
            .ok()
    }

    /// `s:<bytes>:"<raw>";`
    fn string(&mut self) -> Option<String> {
        self.expect(b"s:")?;
        let len: usize = self.number()?;
        self.expect(b":\"")?;
        let raw = self.s.get(self.at..self.at + len)?;
        self.at += len;
        self.expect(b"\";")?;
        String::from_utf8(raw.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contracts_examples_decode() {
        assert_eq!(
            custom_fields("YToxOntpOjE7czo2OiJHb29nbGUiO30="),
            Some(BTreeMap::from([(1, "Google".to_string())]))
        );
        assert_eq!(
            custom_fields("YToxOntpOjEyO3M6MTE6IkNVU1QtMDAwMTIzIjt9"),
            Some(BTreeMap::from([(12, "CUST-000123".to_string())]))
        );
    }

    #[test]
    fn lengths_are_bytes_and_garbage_is_refused() {
        let enc = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        assert_eq!(
            custom_fields(&enc("a:1:{i:3;s:6:\"東京\";}")),
            Some(BTreeMap::from([(3, "東京".to_string())]))
        );
        assert_eq!(custom_fields(&enc("a:1:{i:3;s:2:\"東京\";}")), None);
        assert_eq!(custom_fields("not base64!"), None);
        assert_eq!(custom_fields(&enc("a:2:{i:1;s:1:\"x\";}")), None);
    }
}
