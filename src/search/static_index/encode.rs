//! Compact encodings of the static index: base-64 varints, shard wrappers, content-hash names.

/// Digits of the varint encoding (URL- and JSON-safe).
pub const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/// Name of the global object shards register themselves in.
pub const GLOBAL: &str = "HandboekZoekData";

/// Appends `value` as base-32 digits, low first; all digits but the last carry +32.
pub fn push_varint(out: &mut String, mut value: u64) {
    loop {
        let digit = (value & 31) as usize;
        value >>= 5;
        if value == 0 {
            out.push(DIGITS[digit] as char);
            return;
        }
        out.push(DIGITS[digit + 32] as char);
    }
}

/// Decodes a string of varints (used by tests; the client has its own).
pub fn decode_varints(s: &str) -> Option<Vec<u64>> {
    let mut out = Vec::new();
    let (mut value, mut shift) = (0u64, 0u32);
    for b in s.bytes() {
        let digit = DIGITS.iter().position(|d| *d == b)? as u64;
        value |= (digit & 31) << shift;
        if digit >= 32 {
            shift += 5;
        } else {
            out.push(value);
            value = 0;
            shift = 0;
        }
    }
    (shift == 0).then_some(out)
}

/// The first 12 hex digits of the BLAKE3 hash of `bytes`.
pub fn short_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..12].to_string()
}

/// The first 12 hex digits of the BLAKE3 hash of `parts` one after the other.
pub fn hash_of<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut hasher = blake3::Hasher::new();
    for part in parts {
        hasher.update(part.as_bytes());
    }
    hasher.finalize().to_hex()[..12].to_string()
}

/// A classic script that registers `json` under `name`: works from `file://` too.
pub fn wrap(name: &str, json: &str) -> String {
    format!("(self.{GLOBAL}=self.{GLOBAL}||{{}})[\"{name}\"]={json};\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        let values = [0u64, 1, 31, 32, 33, 255, 1023, 1024, 123_456_789];
        let mut s = String::new();
        for v in values {
            push_varint(&mut s, v);
        }
        assert_eq!(decode_varints(&s), Some(values.to_vec()));
        assert_eq!(&s[..3], "ABf");
    }

    #[test]
    fn truncated_varint_is_rejected() {
        assert_eq!(decode_varints("g"), None);
    }
}
