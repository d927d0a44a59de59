//! SQLite's group commit: the writers of this process share one transaction on one connection.

use sqlx::any::AnyConnectOptions;
use sqlx::{AnyConnection, ConnectOptions, Executor};
use std::sync::Arc;
use tokio::sync::{oneshot, Mutex, Notify};

/// Group commit on SQLite. Every write transaction of this process runs, in turn, as a
/// savepoint of one shared transaction on one connection: a refusal rolls back only its own
/// savepoint; one `COMMIT` (one fsync, `synchronous = FULL`) then makes every released
/// savepoint durable at once, and only then are their callers answered. Writers queue on the
/// mutex in arrival order (tokio's mutex is fair); the committer task queues behind them, so a
/// group holds whoever was waiting when its first member finished. A database-wide write lock
/// is what SQLite has anyway; this only stops paying one fsync per transaction.
pub(super) struct Group {
    pub(super) conn: AnyConnection,
    /// To open the writer connection again (see `roll_back`).
    pub(super) options: AnyConnectOptions,
    /// `BEGIN IMMEDIATE` issued and not yet committed.
    pub(super) open: bool,
    /// Savepoints released into the open transaction, waiting for its commit.
    pub(super) members: Vec<oneshot::Sender<Result<(), String>>>,
}

impl Group {
    /// Ends the open transaction, whatever it holds. Should even `ROLLBACK` fail, the
    /// connection is replaced: closing it ends its transaction and lets go of the write lock,
    /// where keeping it would leave every later writer refused ("cannot start a transaction
    /// within a transaction") until the server restarts.
    async fn roll_back(&mut self) {
        self.open = false;
        if self.conn.execute("ROLLBACK").await.is_ok() {
            return;
        }
        match self.options.connect().await {
            Ok(mut fresh) => {
                if let Err(e) = sqlite_pragmas(&mut fresh).await {
                    tracing::error!("writer connection reopened without its pragmas: {e}");
                }
                let stuck = std::mem::replace(&mut self.conn, fresh);
                let _ = sqlx::Connection::close(stuck).await;
                tracing::warn!("ROLLBACK failed: the writer connection was replaced");
            }
            Err(e) => tracing::error!(
                "ROLLBACK failed and the writer connection could not be reopened: {e}"
            ),
        }
    }

    /// Commits the open transaction and tells every member how it went.
    pub(super) async fn flush(&mut self) {
        if !self.open {
            return;
        }
        let outcome = match self.conn.execute("COMMIT").await {
            Ok(_) => Ok(()),
            Err(e) => {
                self.roll_back().await;
                Err(e.to_string())
            }
        };
        self.open = false;
        for member in self.members.drain(..) {
            let _ = member.send(outcome.clone());
        }
    }

    /// Undoes the current savepoint; if even that fails, the whole group is lost and its
    /// members are told so.
    pub(super) async fn roll_back_savepoint(&mut self) {
        let undone = self.conn.execute("ROLLBACK TO w").await.is_ok()
            && self.conn.execute("RELEASE w").await.is_ok();
        if !undone {
            self.roll_back().await;
            for member in self.members.drain(..) {
                let _ = member.send(Err("the group transaction was rolled back".into()));
            }
        } else if self.members.is_empty() {
            // Nothing to keep: let go of the write lock now rather than at the next writer's
            // commit, so another process is not kept waiting.
            self.roll_back().await;
        }
    }
}

/// WAL lets readers work while one writer commits; FULL makes a commit survive a power cut;
/// the busy timeout makes another process's writer wait for the lock instead of failing.
pub(super) async fn sqlite_pragmas(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    conn.execute("PRAGMA journal_mode = WAL").await?;
    conn.execute("PRAGMA synchronous = FULL").await?;
    conn.execute("PRAGMA foreign_keys = ON").await?;
    conn.execute("PRAGMA busy_timeout = 10000").await?;
    Ok(())
}

/// Commits the group once the writers queued before it have had their turn.
pub(super) async fn committer(group: std::sync::Weak<Mutex<Group>>, commits: Arc<Notify>) {
    loop {
        commits.notified().await;
        let Some(group) = group.upgrade() else { return };
        group.lock().await.flush().await;
    }
}
