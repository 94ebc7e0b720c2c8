//! Typed YAML parsing that turns the parser's complaints into [`Problem`]s pointing at the line.

use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Problem, did_you_mean};

/// Parse `yaml`, which starts at byte `start` of the file `source`, into `T`.
///
/// `what` names the thing parsed in messages ("front matter", "handbook.yaml"); `keys` lists the
/// keys that are allowed, for the "did you mean" of an unknown key.
pub fn parse<T: DeserializeOwned>(
    yaml: &str,
    start: usize,
    path: &Path,
    source: &Arc<String>,
    what: &str,
    keys: &[&str],
) -> Result<T, Problem> {
    // An empty document means "no keys", which serde_yaml reads as unit, not as an empty map.
    let text = if yaml.trim().is_empty() { "{}" } else { yaml };
    yaml_serde::from_str(text).map_err(|e| {
        let offset = e.location().map_or(0, |l| l.index());
        let raw = e.to_string();
        let message = strip_location(&raw);
        let (message, help) = explain(message, what, keys);
        Problem::error(path, message).with_help_opt(help).at_offset(
            source,
            start + offset.min(yaml.len()),
            1,
        )
    })
}

/// serde_yaml appends " at line L column C"; the diagnostic shows that itself.
fn strip_location(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

/// Rephrase serde's messages in the words an editor uses, with a suggestion where we have one.
fn explain(message: &str, what: &str, keys: &[&str]) -> (String, Option<String>) {
    if let Some(rest) = message.split("unknown field `").nth(1) {
        let prefix = message.split("unknown field `").next().unwrap_or("");
        let field = rest.split('`').next().unwrap_or(rest);
        let place = prefix.trim_end_matches(": ").trim();
        let place = if place.is_empty() {
            String::new()
        } else {
            format!(" under `{place}`")
        };
        let mut help = did_you_mean(field, keys.iter().copied());
        if help.is_none() && !keys.is_empty() {
            help = Some(format!("allowed keys: {}", keys.join(", ")));
        }
        if what == "front matter" {
            let extra = "free data goes under `extra`";
            help = Some(match help {
                Some(h) => format!("{h} ({extra})"),
                None => extra.to_string(),
            });
        }
        return (format!("unknown key `{field}`{place} in {what}"), help);
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return (
            format!("{what} is missing the required key `{field}`"),
            None,
        );
    }
    if message.contains("invalid type") {
        let (field, detail) = match message.split_once(": invalid type") {
            Some((field, detail)) => (format!(" for `{field}`"), format!("invalid type{detail}")),
            None => (String::new(), message.to_string()),
        };
        return (
            format!(
                "wrong type{field} in {what}: {}",
                detail.replace("invalid type: ", "found ")
            ),
            None,
        );
    }
    (format!("{what} is not valid YAML: {message}"), None)
}

/// A field that may be written as a number or as a string in YAML (`schaal: 7`).
pub mod string_or_number {
    use serde::{Deserialize, Deserializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            S(String),
            I(i64),
            F(f64),
        }
        Ok(match Either::deserialize(d)? {
            Either::S(s) => s,
            Either::I(i) => i.to_string(),
            Either::F(f) => f.to_string(),
        })
    }
}

/// Where `key:` is written at the start of a line of `yaml`, as a byte offset into it.
pub fn key_offset(yaml: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with(':')
        {
            return Some(offset + indent);
        }
        offset += line.len();
    }
    None
}

/// Where `value` is written after `key:` (inline or as a list item below it), as a byte offset.
pub fn value_offset(yaml: &str, key: &str, value: &str) -> Option<usize> {
    let start = key_offset(yaml, key)?;
    let after = &yaml[start..];
    let rel = after
        .find(&format!(" {value}"))
        .map(|i| i + 1)
        .or_else(|| after.find(value))?;
    Some(start + rel)
}
