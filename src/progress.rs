//! Progress of a long run (build, check, search) on the terminal: the stage, pages done of
//! the total and the time so far, drawn by `indicatif` on standard error. The work only bumps
//! an atomic counter; a drawing thread reads it at most ten times a second. Nothing is shown
//! when standard error is not a terminal or the user asked for `--quiet`.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How often the bar is redrawn.
const TICK: Duration = Duration::from_millis(100);

/// A run shorter than this shows no bar at all.
const DELAY: Duration = Duration::from_millis(300);

/// A handle the stages of a run report to; cheap to call when nothing is shown.
pub struct Progress {
    shared: Option<Arc<Shared>>,
    drawer: Option<JoinHandle<()>>,
}

struct Shared {
    stage: Mutex<&'static str>,
    done: AtomicUsize,
    /// 0 when the stage has no count.
    total: AtomicUsize,
    stop: AtomicBool,
}

impl Progress {
    /// Shows nothing.
    pub fn hidden() -> Progress {
        Progress {
            shared: None,
            drawer: None,
        }
    }

    /// Shown on standard error if it is a terminal and not `quiet`.
    pub fn on_terminal(quiet: bool) -> Progress {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress::hidden();
        }
        let shared = Arc::new(Shared {
            stage: Mutex::new(""),
            done: AtomicUsize::new(0),
            total: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
        });
        let s = Arc::clone(&shared);
        let drawer = std::thread::Builder::new()
            .name("progress".into())
            .spawn(move || draw(&s))
            .ok();
        Progress {
            shared: Some(shared),
            drawer,
        }
    }

    /// A new stage: its name and how many items it has (0: no count, only the time).
    pub fn stage(&self, name: &'static str, total: usize) {
        if let Some(s) = &self.shared {
            *s.stage
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = name;
            s.done.store(0, Ordering::Relaxed);
            s.total.store(total, Ordering::Relaxed);
        }
    }

    /// One more item of the stage done.
    pub fn inc(&self) {
        if let Some(s) = &self.shared {
            s.done.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Take the bar off the terminal (before the summary line is printed).
    pub fn finish(&mut self) {
        if let Some(s) = &self.shared {
            s.stop.store(true, Ordering::Relaxed);
        }
        if let Some(d) = self.drawer.take() {
            d.thread().unpark();
            let _ = d.join();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// The drawing loop: read the counters, redraw, until told to stop; then clear the line.
fn draw(s: &Shared) {
    std::thread::park_timeout(DELAY);
    if s.stop.load(Ordering::Relaxed) {
        return;
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(10))
        .with_elapsed(DELAY);
    let counted =
        ProgressStyle::with_template("{elapsed:>4} {msg:<16} [{bar:30}] {pos}/{len} pages")
            .map(|st| st.progress_chars("=> "));
    let plain = ProgressStyle::with_template("{elapsed:>4} {msg:<16} {spinner}");
    let mut shown_total = usize::MAX;
    while !s.stop.load(Ordering::Relaxed) {
        let stage = *s
            .stage
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let total = s.total.load(Ordering::Relaxed);
        bar.set_message(stage);
        if total != shown_total {
            let style = if total > 0 { &counted } else { &plain };
            if let Ok(style) = style {
                bar.set_style(style.clone());
            }
            if total > 0 {
                bar.set_length(total as u64);
            } else {
                bar.unset_length();
            }
            shown_total = total;
        }
        bar.set_position(s.done.load(Ordering::Relaxed).min(total.max(1)) as u64);
        std::thread::park_timeout(TICK);
    }
    bar.finish_and_clear();
}
