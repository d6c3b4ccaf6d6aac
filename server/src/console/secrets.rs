//! PIN and PUK at rest: AES-256-GCM with a random nonce per value, stored as base64 of
//! nonce ‖ ciphertext. A copy of the database alone reveals no PIN; the key
//! (`OPS_SECRET_KEY`, 32 bytes in base64) lives in the deployment's secrets.

use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;

#[derive(Clone)]
pub struct Secrets {
    cipher: Aes256Gcm,
}

/// The demo key (embedded default only; live mode requires `OPS_SECRET_KEY`).
pub const DEMO_KEY: [u8; 32] = *b"sim-portal-demo-pin-key-32-bytes";

impl Secrets {
    pub fn new(key: &[u8; 32]) -> Self {
        Secrets {
            cipher: Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(key)),
        }
    }

    /// Reads `OPS_SECRET_KEY`'s value: 32 bytes, base64.
    pub fn parse_key(b64: &str) -> Result<[u8; 32], String> {
        STANDARD
            .decode(b64.trim())
            .ok()
            .and_then(|k| <[u8; 32]>::try_from(k).ok())
            .ok_or_else(|| {
                "OPS_SECRET_KEY must be 32 bytes in base64 (openssl rand -base64 32)".into()
            })
    }

    pub fn seal(&self, clear: &str) -> String {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        // Encryption with a valid key and a fresh nonce cannot fail.
        let sealed = self
            .cipher
            .encrypt(&nonce, clear.as_bytes())
            .expect("AES-GCM encryption");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        STANDARD.encode(out)
    }

    /// The clear value, or `None` when it was sealed with another key or damaged.
    pub fn open(&self, sealed: &str) -> Option<String> {
        let bytes = STANDARD.decode(sealed).ok()?;
        if bytes.len() < 12 {
            return None;
        }
        let (nonce, body) = bytes.split_at(12);
        let clear = self.cipher.decrypt(Nonce::from_slice(nonce), body).ok()?;
        String::from_utf8(clear).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_pin_opens_only_with_its_key() {
        let s = Secrets::new(&DEMO_KEY);
        let sealed = s.seal("1234");
        assert!(!sealed.contains("1234"));
        assert_ne!(sealed, s.seal("1234"), "a fresh nonce each time");
        assert_eq!(s.open(&sealed).as_deref(), Some("1234"));
        assert_eq!(Secrets::new(&[7; 32]).open(&sealed), None);
        assert!(Secrets::parse_key("short").is_err());
        assert!(Secrets::parse_key(&STANDARD.encode([1u8; 32])).is_ok());
    }
}
