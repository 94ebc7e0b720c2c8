//! A rebuild that panics (a bug in handboek, never the editor's fault) must not take the dev
//! server down: the panic becomes a failed build, shown in the browser's overlay and on the
//! terminal, and the next change loads the whole handbook anew.

use std::panic::{AssertUnwindSafe, catch_unwind};

use super::rebuild::{Change, Outcome, Rebuilder};
use crate::diagnostics::{Problem, Problems};

/// [`Rebuilder::apply`], surviving any panic in it.
pub fn apply(rebuilder: &mut Rebuilder, changes: &[Change]) -> Outcome {
    guarded(rebuilder, |r| r.apply(changes))
}

/// Run `rebuild` on `rebuilder`; a panic is turned into [`Outcome::Failed`] and the rebuilder
/// forgets its half-updated site, so the next change starts from a full load.
pub fn guarded(
    rebuilder: &mut Rebuilder,
    rebuild: impl FnOnce(&mut Rebuilder) -> Outcome,
) -> Outcome {
    match catch_unwind(AssertUnwindSafe(|| rebuild(rebuilder))) {
        Ok(outcome) => outcome,
        Err(payload) => {
            rebuilder.reset();
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".into());
            let problem = Problem::error(rebuilder.root(), format!("the rebuild crashed: {what}"))
                .with_help(
                    "this is a bug in handboek, please report it with the file you last changed; \
                 the last good site is still served and the next save rebuilds everything",
                );
            Outcome::Failed(Problems(vec![problem]))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn a_panicking_rebuild_fails_and_the_next_one_loads_everything() {
        let root =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve-basic/handbook");
        let out = tempfile::tempdir().unwrap();
        let mut r = Rebuilder::new(root, out.path().join("public"));
        assert!(matches!(
            apply(&mut r, &[Change::Config]),
            Outcome::Published(_)
        ));
        let outcome = guarded(&mut r, |_| panic!("kapot by design"));
        let Outcome::Failed(problems) = outcome else {
            panic!("a panic must be a failed build");
        };
        assert_eq!(
            problems.0[0].message,
            "the rebuild crashed: kapot by design"
        );
        assert!(r.world().is_none());
        match apply(&mut r, &[]) {
            Outcome::Published(p) => assert!(p.all, "a full load after a panic"),
            Outcome::Failed(ps) => panic!("{}", ps.render()),
        }
    }
}
