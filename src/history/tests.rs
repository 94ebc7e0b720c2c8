//! Unit tests of the history module on repositories made in a temp dir.
