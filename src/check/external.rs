//! External links, fetched only with `check --external`: each distinct URL once, in parallel,
//! with a HEAD request (GET when the server refuses HEAD).

use std::collections::BTreeMap;
use std::time::Duration;

use rayon::prelude::*;

use crate::diagnostics::Problem;
use crate::site::Site;

/// How long one external link may take.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// Why a URL is broken, or `None` when it answers.
fn fetch(agent: &ureq::Agent, url: &str) -> Option<String> {
    let status = match agent.head(url).call() {
        Ok(r) if matches!(r.status().as_u16(), 405 | 501) => agent.get(url).call(),
        other => other,
    };
    match status {
        Ok(r) if r.status().as_u16() < 400 => None,
        Ok(r) => Some(format!("answers {}", r.status())),
        Err(e) => Some(format!("cannot be reached: {e}")),
    }
}

/// Problems for external links that do not answer, and how many distinct URLs were fetched.
pub fn check(site: &Site) -> (Vec<Problem>, usize) {
    let mut uses: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for (i, sp) in site.pages.iter().enumerate() {
        for (url, offset) in &sp.rendered.external_links {
            if url.starts_with("http://") || url.starts_with("https://") {
                uses.entry(url.as_str()).or_default().push((i, *offset));
            }
        }
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .user_agent(format!("handboek-check/{}", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let urls: Vec<&str> = uses.keys().copied().collect();
    let failures: Vec<(&str, String)> = urls
        .par_iter()
        .filter_map(|url| fetch(&agent, url).map(|why| (*url, why)))
        .collect();
    let mut problems = Vec::new();
    for (url, why) in failures {
        for &(i, offset) in uses.get(url).into_iter().flatten() {
            let p = &site.pages[i].page;
            problems.push(
                Problem::error(&p.source, format!("the external link {url} {why}"))
                    .at_offset(&p.text, offset, url.len())
                    .with_help("fix or remove the link, or point it at an archived copy"),
            );
        }
    }
    (problems, urls.len())
}
