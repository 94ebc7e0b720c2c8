//! The old English spellings of `handbook.yaml`'s content-model keys (`levels`, `roles`, a role's
//! `description`), still read, with a warning naming the new key. Both spellings at once is an
//! error: which one counts would be a guess.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostics::Problem;

/// Old key → new key at the top level.
const TOP: &[(&str, &str)] = &[("levels", "niveaus"), ("roles", "rollen")];
/// Old key → new key inside each role.
const ROLE: (&str, &str) = ("description", "omschrijving");

/// What the old spellings in `source` (the text of `rel`) come to: warnings, or errors where
/// the old and the new spelling are both given. YAML that does not parse gives nothing here:
/// the typed parse reports it.
pub fn check(source: &Arc<String>, rel: &Path) -> Vec<Problem> {
    let Ok(yaml_serde::Value::Mapping(top)) = yaml_serde::from_str::<yaml_serde::Value>(source)
    else {
        return Vec::new();
    };
    let has = |m: &yaml_serde::Mapping, k: &str| m.contains_key(yaml_serde::Value::from(k));
    let mut problems = Vec::new();
    for &(old, new) in TOP {
        if has(&top, old) {
            let at = top_key_offset(source, old).unwrap_or(0);
            problems.push(problem(source, rel, at, old, new, has(&top, new)));
        }
    }
    let roles_key = if has(&top, "rollen") {
        "rollen"
    } else {
        "roles"
    };
    let Some(yaml_serde::Value::Sequence(roles)) = top.get(yaml_serde::Value::from(roles_key))
    else {
        return problems;
    };
    let block = top_key_offset(source, roles_key).map(|start| (start, block_end(source, start)));
    let mut found = block
        .map(|(start, end)| key_offsets(source, start, end, ROLE.0))
        .unwrap_or_default()
        .into_iter();
    for role in roles {
        if let yaml_serde::Value::Mapping(m) = role
            && has(m, ROLE.0)
        {
            let at = found.next().or(block.map(|b| b.0)).unwrap_or(0);
            problems.push(problem(source, rel, at, ROLE.0, ROLE.1, has(m, ROLE.1)));
        }
    }
    problems
}

fn problem(
    source: &Arc<String>,
    rel: &Path,
    at: usize,
    old: &str,
    new: &str,
    both: bool,
) -> Problem {
    if both {
        Problem::error(
            rel,
            format!("`{old}` and `{new}` are both given; `{old}` is the old name of `{new}`"),
        )
        .with_help(format!("remove `{old}` and keep `{new}`"))
        .at_offset(source, at, old.len())
    } else {
        Problem::warning(rel, format!("`{old}` is the old name of `{new}`"))
            .with_help(format!("rename `{old}` to `{new}`"))
            .at_offset(source, at, old.len())
    }
}

/// Where `key:` starts a line at column 0 of `text`.
fn top_key_offset(text: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key)
            && rest.trim_start().starts_with(':')
        {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// Where the block of the top-level key at `start` ends: the next line at column 0 that is not
/// blank, a comment or a list item.
fn block_end(text: &str, start: usize) -> usize {
    let mut offset = start;
    for (n, line) in text[start..].split_inclusive('\n').enumerate() {
        let more = n > 0 && !line.trim().is_empty() && !line.starts_with([' ', '\t', '-', '#']);
        if more {
            return offset;
        }
        offset += line.len();
    }
    text.len()
}

/// The offsets of `key` written as a key (`key:`, in block or flow style) in `text[start..end]`.
fn key_offsets(text: &str, start: usize, end: usize, key: &str) -> Vec<usize> {
    let block = &text[start..end];
    block
        .match_indices(key)
        .filter(|&(i, _)| {
            let before = block[..i].chars().next_back();
            let after = block[i + key.len()..].trim_start_matches([' ', '\t']);
            matches!(before, None | Some(' ' | '\t' | '\n' | '{' | ',' | '-'))
                && after.starts_with(':')
        })
        .map(|(i, _)| start + i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Level;

    fn check_text(text: &str) -> Vec<Problem> {
        check(&Arc::new(text.to_string()), Path::new("handbook.yaml"))
    }

    #[test]
    fn new_spellings_give_nothing() {
        let text = "title: T\nniveaus:\n  - {id: A, name: A}\nrollen:\n  - id: hr\n    name: HR\n    omschrijving: Adviseert.\n";
        assert!(check_text(text).is_empty());
    }

    #[test]
    fn old_spellings_warn_at_their_line_with_the_new_key() {
        let text = "title: T\nlevels:\n  - {id: A, name: A}\nroles:\n  - id: hr\n    name: HR\n    description: Adviseert.\n  - {id: wc, name: WC, description: Werkt.}\n";
        let ps = check_text(text);
        let seen: Vec<(Level, usize, String)> = ps
            .iter()
            .map(|p| (p.level, p.location.map_or(0, |l| l.line), p.message.clone()))
            .collect();
        assert_eq!(
            seen,
            [
                (
                    Level::Warning,
                    2,
                    "`levels` is the old name of `niveaus`".into()
                ),
                (
                    Level::Warning,
                    4,
                    "`roles` is the old name of `rollen`".into()
                ),
                (
                    Level::Warning,
                    7,
                    "`description` is the old name of `omschrijving`".into()
                ),
                (
                    Level::Warning,
                    8,
                    "`description` is the old name of `omschrijving`".into()
                ),
            ]
        );
    }

    #[test]
    fn both_spellings_are_an_error() {
        let text = "title: T\nniveaus: []\nlevels: []\nrollen:\n- id: hr\n  name: HR\n  omschrijving: a\n  description: b\ndescription: De site.\n";
        let ps = check_text(text);
        let seen: Vec<(Level, usize)> = ps
            .iter()
            .map(|p| (p.level, p.location.map_or(0, |l| l.line)))
            .collect();
        assert_eq!(seen, [(Level::Error, 3), (Level::Error, 8)]);
    }

    #[test]
    fn the_site_description_is_no_old_spelling() {
        assert!(check_text("title: T\ndescription: Een handboek.\n").is_empty());
    }
}
