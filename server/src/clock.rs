//! The time source. Every rule that depends on time (session expiry, throttling, eligibility,
//! holds) asks the clock, so tests can move time instead of waiting.

use api::Instant;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

pub trait Clock: Send + Sync {
    fn now(&self) -> Instant;
}

pub type SharedClock = Arc<dyn Clock>;

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant(jiff::Timestamp::now().as_second())
    }
}

/// A clock that only moves when told to: for tests and benchmarks.
pub struct ManualClock(AtomicI64);

impl ManualClock {
    pub fn new(start: Instant) -> Arc<Self> {
        Arc::new(Self(AtomicI64::new(start.seconds())))
    }

    pub fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        Instant(self.0.load(Ordering::SeqCst))
    }
}
