//! The one place tafel learns the date and the time of day.
//!
//! Everything that dates or ages something (a new session, a follow-up, the session
//! clock, retention and purge, follow-ups due, the end of a series, a key added) takes a
//! [`Clock`] instead of asking the system. The program runs on [`Clock::system`]; tests
//! set a [`Clock::fixed`] one, so that they pass on any date.
//!
//! Elapsed time (debouncing, heartbeats, timeouts) is measured with
//! [`std::time::Instant`], which is not a date and needs no clock here. The age of a file
//! is measured against another file's mtime in the same folder (`store::atomic::fs_now`),
//! never against this clock: a file system keeps its own time.

use chrono::{DateTime, FixedOffset, Local, NaiveDate, TimeDelta};

/// Today and now: the system's, or a fixed moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock(Source);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// The system clock, moved by a fixed amount (zero in the program people run).
    System(TimeDelta),
    /// Always this moment.
    Fixed(DateTime<FixedOffset>),
}

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock(Source::System(TimeDelta::zero()))
    }

    /// The system clock moved so that it is `day` now, with the time of day running on:
    /// how the end-to-end tests start the real program on a date of their choosing.
    pub fn system_on(day: NaiveDate) -> Clock {
        let now = Local::now().fixed_offset();
        let shift = day.signed_duration_since(now.date_naive());
        Clock(Source::System(shift))
    }

    /// A clock that stands still at `at`.
    pub fn fixed(at: DateTime<FixedOffset>) -> Clock {
        Clock(Source::Fixed(at))
    }

    /// A clock that stands still at noon (UTC+1) on `day`.
    pub fn on(day: NaiveDate) -> Clock {
        let offset = FixedOffset::east_opt(3600).expect("an hour is a valid offset");
        let noon = day.and_hms_opt(12, 0, 0).expect("noon is a valid time");
        Clock::fixed(DateTime::from_naive_utc_and_offset(
            noon - TimeDelta::hours(1),
            offset,
        ))
    }

    /// Now, with the local UTC offset, as session files store it.
    pub fn now(&self) -> DateTime<FixedOffset> {
        match self.0 {
            // The only read of the system's date and time in tafel.
            Source::System(shift) => Local::now().fixed_offset() + shift,
            Source::Fixed(at) => at,
        }
    }

    /// Today's date, where the clock is.
    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }
}

/// The clock unit tests run on: noon on 30 November 2026 (UTC+1), whatever the date is.
#[cfg(test)]
pub(crate) fn test_clock() -> Clock {
    Clock::on(NaiveDate::from_ymd_opt(2026, 11, 30).expect("a valid date"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_stands_still_and_a_moved_one_runs_on_its_day() {
        let day = NaiveDate::from_ymd_opt(2031, 2, 28).unwrap();
        let c = Clock::on(day);
        assert_eq!(c.today(), day);
        assert_eq!(c.now(), c.now());
        let moved = Clock::system_on(day);
        assert_eq!(moved.today(), day);
        assert!(moved.now() <= moved.now());
    }
}
