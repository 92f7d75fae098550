//! Signals and a closed terminal window. Handlers only set a flag. The event loop checks
//! the flag; a watchdog thread covers the case where the loop cannot: once the terminal
//! is gone, crossterm 0.29's reader spins and `event::poll` never returns (crossterm
//! issue #793). The watchdog then saves the newest copy, restores the terminal and exits.
//!
//! SIGHUP arrives twice when a terminal window closes (from the shell and from the
//! kernel), so a second signal only forces an exit for TERM, INT and QUIT, never HUP.

use std::io;
use std::os::fd::AsFd;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags, poll};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::flag;

use crate::app::autosave::Shared;

/// Exit status used when the terminal hung up without a signal reaching us.
pub const HANGUP_STATUS: i32 = 128 + SIGHUP;

/// What stops the program from outside.
pub struct Stop {
    /// The signal number received, 0 when none.
    pub signal: Arc<AtomicUsize>,
    /// Set when the terminal was found gone.
    pub hung_up: Arc<AtomicBool>,
}

impl Stop {
    /// The exit status to use if the loop should stop now.
    /// Forgets a signal that was refused (see the event loop): the program goes on.
    pub fn clear(&self) {
        self.signal.store(0, Ordering::SeqCst);
    }

    pub fn requested(&self) -> Option<i32> {
        match self.signal.load(Ordering::SeqCst) {
            0 if self.hung_up.load(Ordering::SeqCst) => Some(HANGUP_STATUS),
            0 => None,
            sig => Some(128 + sig as i32),
        }
    }
}

pub fn install() -> io::Result<Stop> {
    let signal = Arc::new(AtomicUsize::new(0));
    let armed = Arc::new(AtomicBool::new(false));
    for sig in [SIGTERM, SIGINT, SIGQUIT, SIGHUP] {
        if sig != SIGHUP {
            // A second TERM/INT/QUIT while the first is handled ends the program at once.
            flag::register_conditional_shutdown(sig, 128 + sig, Arc::clone(&armed))?;
            flag::register(sig, Arc::clone(&armed))?;
        }
        flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
    }
    Ok(Stop {
        signal,
        hung_up: Arc::new(AtomicBool::new(false)),
    })
}

/// True when the terminal on stdin is gone.
fn terminal_gone() -> bool {
    let stdin = io::stdin();
    let fd = stdin.as_fd();
    let mut fds = [PollFd::new(&fd, PollFlags::empty())];
    match poll(
        &mut fds,
        Some(&rustix::event::Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        }),
    ) {
        Ok(_) => fds[0]
            .revents()
            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL),
        Err(_) => false,
    }
}

/// Starts the watchdog: when a stop is requested (or the terminal is gone) and the event
/// loop has not ended the program within `grace`, the watchdog saves and exits itself.
pub fn watchdog(stop: &Stop, shared: Arc<Shared>, grace: Duration) {
    let signal = Arc::clone(&stop.signal);
    let hung_up = Arc::clone(&stop.hung_up);
    thread::Builder::new()
        .name("tafel-watchdog".into())
        .spawn(move || {
            let mut since: Option<Instant> = None;
            loop {
                thread::sleep(Duration::from_millis(100));
                if signal.load(Ordering::SeqCst) == 0
                    && !hung_up.load(Ordering::SeqCst)
                    && terminal_gone()
                {
                    hung_up.store(true, Ordering::SeqCst);
                }
                let sig = signal.load(Ordering::SeqCst);
                if sig == 0 && !hung_up.load(Ordering::SeqCst) {
                    // A signal the event loop refused (nothing could be saved) is forgotten.
                    since = None;
                    continue;
                }
                let started = *since.get_or_insert_with(Instant::now);
                if started.elapsed() < grace {
                    continue;
                }
                // The event loop did not stop by itself: save and leave from here; what
                // cannot be saved where it belongs is rescued elsewhere.
                if let crate::app::autosave::SaveStatus::Failed(_) = shared.save_pending() {
                    shared.rescue();
                }
                super::terminal::restore();
                let status = if sig == 0 {
                    HANGUP_STATUS
                } else {
                    128 + sig as i32
                };
                std::process::exit(status);
            }
        })
        .expect("the watchdog starts");
}
