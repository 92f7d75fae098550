//! Hooks for the test and benchmark scripts, read from the environment. They exist only in
//! debug builds (the tests) and with the cargo feature `hooks` (`scripts/bench.sh` builds
//! the release binary with it); the release binary people run has none of them.

/// When to quit on its own, for timing start-up from outside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BenchQuit {
    FirstFrame,
    Loaded,
}

/// `TAFEL_BENCH_QUIT=first-frame` quits right after the first frame is drawn,
/// `TAFEL_BENCH_QUIT=loaded` as soon as the whole library has been read and drawn.
#[cfg(any(debug_assertions, feature = "hooks"))]
pub fn bench_quit() -> Option<BenchQuit> {
    static MODE: std::sync::OnceLock<Option<BenchQuit>> = std::sync::OnceLock::new();
    *MODE.get_or_init(|| match std::env::var("TAFEL_BENCH_QUIT").ok()?.as_str() {
        "first-frame" => Some(BenchQuit::FirstFrame),
        "loaded" => Some(BenchQuit::Loaded),
        _ => None,
    })
}

#[cfg(not(any(debug_assertions, feature = "hooks")))]
pub fn bench_quit() -> Option<BenchQuit> {
    None
}

/// `TAFEL_TEST_PANIC_ON_KEY=<char>` makes typing that character panic, so a test can
/// prove that a panic saves and restores the terminal.
#[cfg(any(debug_assertions, feature = "hooks"))]
pub fn test_panic_key() -> Option<char> {
    static KEY: std::sync::OnceLock<Option<char>> = std::sync::OnceLock::new();
    *KEY.get_or_init(|| {
        std::env::var("TAFEL_TEST_PANIC_ON_KEY")
            .ok()
            .and_then(|v| v.chars().next())
    })
}

#[cfg(not(any(debug_assertions, feature = "hooks")))]
pub fn test_panic_key() -> Option<char> {
    None
}
