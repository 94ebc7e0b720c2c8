//! `::: niveau vanaf=C` / `::: rol hr-adviseur` passages: found in the Markdown source, blanked
//! out of it, and turned into marked `<div>`s around the passage.

use crate::config::Config;
use crate::diagnostics::Problem;

/// What a `:::` line opens or closes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// Open a passage for these levels and roles (empty = all).
    Open {
        levels: Vec<String>,
        roles: Vec<String>,
    },
    Close,
    /// HTML that opens a block of another syntax (a callout), emitted as it is.
    RawOpen(String),
    /// HTML that closes it.
    RawClose(String),
}

/// A `:::` line at a byte offset of the body.
#[derive(Debug, Clone)]
pub struct BlockMarker {
    pub offset: usize,
    pub marker: Marker,
}

/// Find the `:::` lines of `body` (outside code fences), blank them out in place (keeping byte
/// offsets), and report unknown levels, roles, kinds and unbalanced blocks as problems with the
/// offset in the body.
pub fn extract(
    body: &str,
    config: &Config,
) -> (String, Vec<BlockMarker>, Vec<(usize, usize, Problem)>) {
    let mut out = String::with_capacity(body.len());
    let mut markers = Vec::new();
    let mut problems = Vec::new();
    let mut fence: Option<String> = None;
    let mut open: Vec<usize> = Vec::new();
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim();
        let start = offset;
        offset += line.len();
        if let Some(f) = &fence {
            if trimmed.starts_with(f.as_str()) {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(trimmed[..3].to_string());
            out.push_str(line);
            continue;
        }
        let Some(rest) = trimmed.strip_prefix(":::") else {
            out.push_str(line);
            continue;
        };
        blank(&mut out, line);
        let rest = rest.trim();
        if rest.is_empty() {
            if open.pop().is_none() {
                problems.push((
                    start,
                    3,
                    problem("a `:::` closes a passage that was never opened"),
                ));
            } else {
                markers.push(BlockMarker {
                    offset: start,
                    marker: Marker::Close,
                });
            }
            continue;
        }
        match parse_open(rest, config) {
            Ok(marker) => {
                open.push(start);
                markers.push(BlockMarker {
                    offset: start,
                    marker,
                });
            }
            Err(p) => {
                // Still count it as open so its `:::` does not report a second problem.
                open.push(start);
                markers.push(BlockMarker {
                    offset: start,
                    marker: Marker::Open {
                        levels: vec![],
                        roles: vec![],
                    },
                });
                problems.push((start, trimmed.len(), p));
            }
        }
    }
    for start in open {
        problems.push((
            start,
            3,
            problem("this `:::` passage is never closed")
                .with_help("end the passage with a line `:::`"),
        ));
    }
    (out, markers, problems)
}

fn blank(out: &mut String, line: &str) {
    let content = line.trim_end_matches('\n');
    out.extend(std::iter::repeat_n(' ', content.len()));
    out.push_str(&line[content.len()..]);
}

fn problem(message: &str) -> Problem {
    Problem::error("", message)
}

fn parse_open(rest: &str, config: &Config) -> Result<Marker, Problem> {
    let mut words = rest.split_whitespace();
    let kind = words.next().unwrap_or("");
    let args: Vec<&str> = words.collect();
    match kind {
        "niveau" | "niveaus" => {
            let mut levels = Vec::new();
            for arg in &args {
                if let Some(from) = arg.strip_prefix("vanaf=") {
                    let i = config
                        .level_index(from)
                        .ok_or_else(|| unknown_level(from, config))?;
                    levels.extend(config.levels[i..].iter().map(|l| l.id.clone()));
                } else {
                    let l = config
                        .level(arg)
                        .ok_or_else(|| unknown_level(arg, config))?;
                    levels.push(l.id.clone());
                }
            }
            if levels.is_empty() {
                return Err(problem(
                    "`::: niveau` needs levels, e.g. `::: niveau vanaf=C` or `::: niveau A B`",
                ));
            }
            let order = config.level_ids();
            levels.sort_by_key(|l| order.iter().position(|o| o == l));
            levels.dedup();
            Ok(Marker::Open {
                levels,
                roles: vec![],
            })
        }
        "rol" | "rollen" => {
            let mut roles = Vec::new();
            for arg in &args {
                let r = config.role(arg).ok_or_else(|| {
                    problem(&format!("unknown role `{arg}` in a `::: rol` passage"))
                        .with_help(config.role_help(arg))
                })?;
                roles.push(r.id.clone());
            }
            if roles.is_empty() {
                return Err(problem("`::: rol` needs roles, e.g. `::: rol hr-adviseur`"));
            }
            Ok(Marker::Open {
                levels: vec![],
                roles,
            })
        }
        other => Err(
            problem(&format!("unknown passage kind `{other}` after `:::`"))
                .with_help("use `::: niveau …` or `::: rol …`"),
        ),
    }
}

fn unknown_level(id: &str, config: &Config) -> Problem {
    problem(&format!("unknown level `{id}` in a `::: niveau` passage"))
        .with_help(config.level_help(id))
}

/// The label shown above a passage: "Voor niveau C en D", "Voor rol HR-adviseur".
pub fn label(levels: &[String], roles: &[String], config: &Config) -> String {
    let mut parts = Vec::new();
    if !levels.is_empty() {
        let word = if levels.len() == 1 {
            "niveau"
        } else {
            "niveaus"
        };
        parts.push(format!("{word} {}", dutch_list(levels)));
    }
    if !roles.is_empty() {
        let names: Vec<String> = roles
            .iter()
            .map(|r| config.role(r).map_or_else(|| r.clone(), |d| d.name.clone()))
            .collect();
        let word = if names.len() == 1 { "rol" } else { "rollen" };
        parts.push(format!("{word} {}", dutch_list(&names)));
    }
    format!("Voor {}", parts.join(", "))
}

/// `A, B en C`.
pub fn dutch_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
    }
}
