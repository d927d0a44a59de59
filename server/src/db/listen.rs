//! Several servers on one PostgreSQL: each announces its commits on a channel and listens for
//! the others', so what it keeps (`Db::cached`) never outlives another server's write.

use sqlx::AnyPool;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// PostgreSQL's channel on which every server announces its committed writes (see `listen`).
pub(super) const CHANGES: &str = "cassetto_changes";

/// How often each server pings its own listening connection through the channel (see `listen`).
const LISTEN_HEARTBEAT: Duration = Duration::from_secs(10);
/// The payload of those pings: they change nothing, so nobody drops what it keeps for them.
const PING: &str = "ping:";

/// Announces a commit of this server on `CHANGES`, after it committed (so only what committed
/// is announced) and outside the transaction (see `WriteTx::commit`). The write is durable
/// already: a notification that cannot be sent is logged, and the other servers' kept values
/// lapse by age (`KEPT_AT_MOST_WITH_OTHERS`).
pub(super) async fn announce(pool: &AnyPool, instance: &str) {
    let sent = sqlx::query("SELECT pg_notify($1, $2)")
        .bind(CHANGES)
        .bind(instance)
        .execute(pool)
        .await;
    if let Err(e) = sent {
        tracing::warn!("announcing a commit to the other servers: {e}");
    }
}

/// Every `LISTEN_HEARTBEAT`, a ping on the channel, which this server's listener must hear.
pub(super) async fn ping(
    pool: AnyPool,
    instance: Arc<str>,
    generation: std::sync::Weak<AtomicU64>,
) {
    let payload = format!("{PING}{instance}");
    loop {
        tokio::time::sleep(LISTEN_HEARTBEAT).await;
        if generation.strong_count() == 0 || pool.is_closed() {
            return;
        }
        // Named apart from the commits' announcement, so a count of a request's statements
        // (tests/statements.rs) can leave the heartbeat out.
        let sent = sqlx::query("SELECT pg_notify($1, $2) AS heartbeat")
            .bind(CHANGES)
            .bind(&payload)
            .execute(&pool)
            .await;
        if let Err(e) = sent {
            tracing::warn!("ping on the listening channel: {e}");
        }
    }
}

/// The name a server's listening connection goes by in `pg_stat_activity` (one per process).
pub fn listener_name(process: u32) -> String {
    format!("cassetto-listen-{process}")
}

/// PostgreSQL with several servers: every committed write of another server is announced on
/// `CHANGES` (`announce`) and makes what this one keeps stale, as its own commits do.
/// While the listening connection is down nothing is kept (`Db::keeps`): a commit announced
/// meanwhile would be missed. Back up, the generation moves on before values are kept again,
/// so nothing read while the connection was down is served after it.
pub(super) async fn listen(
    url: String,
    pool: AnyPool,
    instance: Arc<str>,
    generation: std::sync::Weak<AtomicU64>,
    trusted: Arc<AtomicBool>,
) {
    use sqlx::postgres::{PgConnectOptions, PgListener, PgPoolOptions};
    let bump = |generation: &std::sync::Weak<AtomicU64>| match generation.upgrade() {
        Some(g) => {
            g.fetch_add(1, Ordering::AcqRel);
            true
        }
        None => false,
    };
    let mut pause = Duration::from_millis(50);
    loop {
        let connected = async {
            let options = PgConnectOptions::from_str(&url)?
                .application_name(&listener_name(std::process::id()));
            let pool = PgPoolOptions::new()
                .max_connections(1)
                .max_lifetime(None)
                .idle_timeout(None)
                .connect_with(options)
                .await?;
            let mut listener = PgListener::connect_with(&pool).await?;
            listener.eager_reconnect(false);
            listener.listen(CHANGES).await?;
            Ok::<_, sqlx::Error>(listener)
        }
        .await;
        let mut listener = match connected {
            Ok(listener) => listener,
            Err(e) => {
                if generation.strong_count() == 0 || pool.is_closed() {
                    return;
                }
                tracing::warn!("listening for the other servers: {e}; trying again");
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_secs(5));
                continue;
            }
        };
        pause = Duration::from_millis(50);
        if !bump(&generation) {
            return;
        }
        trusted.store(true, Ordering::Release);
        loop {
            let heard = tokio::select! {
                _ = pool.close_event() => return,
                heard = listener.try_recv() => heard,
                // Not even this server's own ping for three rounds: the path died without a
                // word (a firewall dropping an idle connection), so give the connection up
                // rather than go on trusting what is kept. Dropped here, the listener is not
                // used again, so cutting its read short loses nothing.
                _ = tokio::time::sleep(LISTEN_HEARTBEAT * 3) => break,
            };
            match heard {
                Ok(Some(note)) if note.payload() == &*instance => {}
                Ok(Some(note)) if note.payload().starts_with(PING) => {}
                Ok(Some(_)) => {
                    if !bump(&generation) {
                        return;
                    }
                }
                Ok(None) | Err(_) => break,
            }
        }
        trusted.store(false, Ordering::Release);
        if !bump(&generation) {
            return;
        }
        tracing::warn!("listening connection lost: nothing kept until it is back");
    }
}
