//! The background jobs, above the features and called by none of them: the sweeper (expired
//! holds, the Lista d'attesa's pass, retention) and the outbox's delivery worker. Each runs on
//! a timer for the life of the process; a round that fails is logged and tried at the next tick.

use crate::clock::SharedClock;
use crate::db::{Db, Shared};
use crate::notify::outbox;
use crate::notify::worker::{Delivery, Round};
use std::sync::Arc;
use std::time::Duration;

/// Every 30 seconds: holds whose time ran out give their places back, waiting entries get the
/// places still free, and what is kept only for a day (login attempts, idempotency keys,
/// uploads no message took) goes.
pub fn spawn_sweeper(db: Db, clock: SharedClock) {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(Duration::from_secs(30));
        loop {
            interval.tick().await;
            // Several servers on one PostgreSQL: one of them sweeps each round.
            if let Err(error) = db.alone(Shared::Sweeper, sweep(&db, clock.now())).await {
                tracing::warn!(%error, "sweeper");
            }
        }
    });
}

/// One round of the sweeper at `now`; each part's failure is logged and left to the next.
pub async fn sweep(db: &Db, now: api::Instant) {
    match crate::agenda::workflow::sweep(db, now).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(expired = n, "holds expired"),
        Err(error) => tracing::warn!(%error, "sweeper"),
    }
    match crate::waitlist::workflow::sweep(db, now).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(offers = n, "free places offered from the waiting list"),
        Err(error) => tracing::warn!(%error, "waiting list"),
    }
    if let Err(error) = crate::oidc::repo::purge(db, now).await {
        tracing::warn!(%error, "retention of SPID/CIE logins");
    }
    let orphans = now - crate::domain::attachment::ORPHAN_SECONDS;
    match crate::communications::attachments::delete_orphans(db, orphans).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(deleted = n, "uploads no message took deleted"),
        Err(error) => tracing::warn!(%error, "attachments"),
    }
    match crate::session::repo::purge(db, now).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(deleted = n, "old login attempts and keys deleted"),
        Err(error) => tracing::warn!(%error, "retention"),
    }
    retention(db, now).await;
}

/// What `domain::retention` says is kept no longer: notices dealt with, ratings, accessibility
/// reports, and the records of threads closed long ago.
async fn retention(db: &Db, now: api::Instant) {
    use crate::domain::retention::{NOTICES, RECORDS};
    let parts = [
        (
            "notices",
            crate::notify::outbox::purge(db, now - NOTICES).await,
        ),
        ("ratings", crate::ratings::repo::purge(db, now).await),
        (
            "accessibility reports",
            crate::info::repo::purge(db, now).await,
        ),
        (
            "closed threads",
            crate::communications::retention::purge_records(db, now - RECORDS).await,
        ),
    ];
    for (what, outcome) in parts {
        match outcome {
            Ok(0) => {}
            Ok(n) => tracing::info!(deleted = n, what, "retention"),
            Err(error) => tracing::warn!(%error, what, "retention"),
        }
    }
}

/// Every two seconds: the notices that are due, if any (an idle worker only reads).
pub fn spawn_delivery(delivery: Arc<Delivery>, clock: SharedClock) {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(Duration::from_secs(2));
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            let now = clock.now();
            match outbox::anything_due(&delivery.db, now).await {
                Ok(false) => continue,
                Ok(true) => {}
                Err(error) => {
                    tracing::warn!(%error, "outbox");
                    continue;
                }
            }
            match delivery.deliver_due(now).await {
                Ok(round) if round == Round::default() => {}
                Ok(round) => tracing::info!(?round, "notices delivered"),
                Err(error) => tracing::warn!(%error, "delivery round"),
            }
        }
    });
}

/// Resolves the providers' trust chains at start and again before they expire, so the login
/// page names them and the first login does not wait on the federation.
pub fn spawn_trust_chains(
    rp: Option<Arc<crate::federation::RelyingParty>>,
    clock: crate::clock::SharedClock,
) {
    let Some(rp) = rp else { return };
    tokio::spawn(async move {
        loop {
            for (_, id) in &rp.settings.providers {
                if let Err(error) = rp.provider(id, clock.now()).await {
                    tracing::warn!(%error, provider = %id, "trust chain not resolved");
                }
            }
            tokio::time::sleep(std::time::Duration::from_secs(300)).await;
        }
    });
}
