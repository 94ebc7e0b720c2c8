//! Stage timings for whoever measures a run: with `HANDBOEK_TIMINGS` set, each stage prints how
//! long it took on stderr.

use std::time::Instant;

/// With `HANDBOEK_TIMINGS` set, print how long a stage took (and, on Linux, the memory in use
/// after it).
pub fn timing(stage: &str, since: Instant) {
    if std::env::var_os("HANDBOEK_TIMINGS").is_some() {
        let rss = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                let line = s.lines().find(|l| l.starts_with("VmRSS:"))?;
                Some(format!(
                    ", {} MB in use",
                    line.split_whitespace().nth(1)?.parse::<u64>().ok()? / 1024
                ))
            })
            .unwrap_or_default();
        eprintln!("{stage:>32}: {:>6} ms{rss}", since.elapsed().as_millis());
    }
}
