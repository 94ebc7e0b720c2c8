//! `::: niveau vanaf=C` / `::: rol hr-adviseur` passages and `::: tip` callouts: found in the
//! Markdown source, blanked out of it, and turned into marked `<div>`s around the passage.

use super::callouts;
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
    /// HTML that opens a block of another syntax (a callout), emitted as it is; with the title
    /// it shows when print must write it (a `::: tip` line, whose text is blanked out).
    RawOpen {
        html: String,
        title: Option<String>,
    },
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
///
/// `::: tip` (any callout kind, with an optional title: `::: warning Let op`, `:::tip[Let op]`)
/// opens a callout, as Docusaurus and VitePress write them. In a plain folder a `:::` line of
/// another kind (mkdocstrings' `::: package.module`) is not handboek's: it stays in the text as
/// written, with a warning; a `:::` that closes nothing is left out, with a warning.
pub fn extract(
    body: &str,
    config: &Config,
) -> (String, Vec<BlockMarker>, Vec<(usize, usize, Problem)>) {
    let mut out = String::with_capacity(body.len());
    let mut markers = Vec::new();
    let mut problems = Vec::new();
    let mut fence: Option<String> = None;
    // Per open block: where it starts and what its `:::` closes.
    let mut open: Vec<(usize, Closer)> = Vec::new();
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
        // Three colons or more (Docusaurus nests with `::::`).
        let Some(rest) = trimmed
            .strip_prefix(":::")
            .map(|r| r.trim_start_matches(':').trim())
        else {
            out.push_str(line);
            continue;
        };
        if rest.is_empty() {
            match open.pop() {
                Some((_, closer)) => {
                    blank(&mut out, line);
                    let marker = match closer {
                        Closer::Passage => Some(Marker::Close),
                        Closer::Html(html) => Some(Marker::RawClose(html.into())),
                        Closer::Nothing => None,
                    };
                    markers.extend(marker.map(|marker| BlockMarker {
                        offset: start,
                        marker,
                    }));
                }
                None if config.is_plain() => {
                    blank(&mut out, line);
                    problems.push((
                        start,
                        3,
                        Problem::warning("", "this `:::` closes nothing; it is left out"),
                    ));
                }
                None => {
                    blank(&mut out, line);
                    problems.push((
                        start,
                        3,
                        problem("a `:::` closes a passage that was never opened"),
                    ));
                }
            }
            continue;
        }
        match parse_open(rest, config) {
            Ok((marker, closer)) => {
                blank(&mut out, line);
                open.push((start, closer));
                markers.extend(marker.map(|marker| BlockMarker {
                    offset: start,
                    marker,
                }));
            }
            Err(Unknown::Kind(kind)) if config.is_plain() => {
                out.push_str(line);
                problems.push((start, trimmed.len(), foreign(&kind)));
            }
            Err(e) => {
                blank(&mut out, line);
                // Still count it as open so its `:::` does not report a second problem.
                open.push((start, Closer::Passage));
                markers.push(BlockMarker {
                    offset: start,
                    marker: Marker::Open {
                        levels: vec![],
                        roles: vec![],
                    },
                });
                problems.push((start, trimmed.len(), e.into_problem()));
            }
        }
    }
    for (start, _) in open {
        problems.push((
            start,
            3,
            problem("this `:::` passage is never closed")
                .with_help("end the passage with a line `:::`"),
        ));
    }
    (out, markers, problems)
}

/// The warning for a `:::` line of another tool, left in a plain folder's text.
fn foreign(kind: &str) -> Problem {
    Problem::warning(
        "",
        format!("`::: {kind}` is not a passage or callout handboek knows; it is shown as written"),
    )
    .with_help(
        "handboek knows `::: niveau …`, `::: rol …` and callouts (`::: tip`); \
         mkdocstrings' API pages are not rendered",
    )
}

fn blank(out: &mut String, line: &str) {
    let content = line.trim_end_matches('\n');
    out.extend(std::iter::repeat_n(' ', content.len()));
    out.push_str(&line[content.len()..]);
}

fn problem(message: &str) -> Problem {
    Problem::error("", message)
}

/// Why a `:::` line opens nothing.
enum Unknown {
    /// Not a kind handboek knows.
    Kind(String),
    /// A known kind with a wrong argument.
    Argument(Problem),
}

impl Unknown {
    fn into_problem(self) -> Problem {
        match self {
            Unknown::Kind(kind) => problem(&format!("unknown passage kind `{kind}` after `:::`"))
                .with_help("use `::: niveau …`, `::: rol …` or a callout (`::: tip`)"),
            Unknown::Argument(p) => p,
        }
    }
}

/// What the `:::` that ends an open block closes.
#[derive(Debug, Clone, Copy)]
enum Closer {
    /// A level or role passage.
    Passage,
    /// A callout, closed by this HTML.
    Html(&'static str),
    /// A container that only groups (VitePress' `::: code-group`): its lines are left out.
    Nothing,
}

/// VitePress containers that only group or mark their content; handboek shows the content.
const GROUPING_KINDS: &[&str] = &["code-group", "v-pre", "raw"];

fn parse_open(rest: &str, config: &Config) -> Result<(Option<Marker>, Closer), Unknown> {
    let mut words = rest.split_whitespace();
    let kind = words.next().unwrap_or("");
    let args: Vec<&str> = words.collect();
    let passage = |marker: Result<Marker, Problem>| {
        marker
            .map(|m| (Some(m), Closer::Passage))
            .map_err(Unknown::Argument)
    };
    match kind {
        "niveau" | "niveaus" => passage(levels(&args, config)),
        "rol" | "rollen" => passage(roles(&args, config)),
        other if GROUPING_KINDS.contains(&other) => Ok((None, Closer::Nothing)),
        other => match callout(rest) {
            Some((kind, title)) => {
                let (html, close, title) = callouts::open_colon(&kind, title);
                let marker = Marker::RawOpen {
                    html,
                    title: Some(title).filter(|t| !t.is_empty()),
                };
                Ok((Some(marker), Closer::Html(close)))
            }
            None => Err(Unknown::Kind(other.to_string())),
        },
    }
}

/// The kind (lower case) and own title of a `:::` callout, from what follows the colons:
/// `tip`, `warning Let op`, `tip[Let op]` (as Docusaurus writes a title).
fn callout(rest: &str) -> Option<(String, Option<String>)> {
    let (words, bracket_title) = match rest.split_once('[') {
        Some((kind, title)) if !kind.contains(char::is_whitespace) => {
            (kind, Some(title.strip_suffix(']').unwrap_or(title).trim()))
        }
        _ => (rest, None),
    };
    let mut words = words.split_whitespace();
    let kind = words.next()?.to_lowercase();
    if !callouts::is_kind(&kind) {
        return None;
    }
    let rest: Vec<&str> = words.collect();
    let title = bracket_title
        .map(str::to_string)
        .or_else(|| (!rest.is_empty()).then(|| rest.join(" ")));
    Some((kind, title))
}

fn levels(args: &[&str], config: &Config) -> Result<Marker, Problem> {
    let mut levels = Vec::new();
    for arg in args {
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

fn roles(args: &[&str], config: &Config) -> Result<Marker, Problem> {
    let mut roles = Vec::new();
    for arg in args {
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
