//! The database: SQLite by default, PostgreSQL when the URL says so, through one SQL text
//! (sqlx's `Any` driver, `$1` placeholders).

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::AnyConnection;
use sqlx::{Any, AnyPool, Executor, Transaction};
use std::ops::{Deref, DerefMut};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, OwnedMutexGuard};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// SQLite has one writer at a time. Writers of this process queue here, in order, instead
    /// of on SQLite's busy handler, which sleeps in growing steps between attempts. Other
    /// processes still meet the busy timeout.
    writer: Arc<Mutex<()>>,
}

/// A write transaction (see `Db::begin_write`). It reads as the connection, so statements take
/// `&mut *tx`; dropped without `commit` it rolls back, and only then lets the next writer in.
pub struct WriteTx {
    tx: Transaction<'static, Any>,
    backend: Backend,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl WriteTx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }

    /// Takes row locks at one level of the lock order (see `Level`), ids ascending. On SQLite
    /// the transaction already holds the database's write lock, so this costs nothing there.
    pub async fn lock(&mut self, level: Level, ids: &[i64]) -> Result<(), sqlx::Error> {
        if self.backend != Backend::Postgres {
            return Ok(());
        }
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let sql = format!("SELECT id FROM {} WHERE id = $1 FOR UPDATE", level.table());
        for id in ids {
            sqlx::query(&sql).bind(id).execute(&mut *self.tx).await?;
        }
        Ok(())
    }

    /// Takes one row lock only if nobody holds it, never waiting: false if someone does. For
    /// a lock taken out of the lock order (a freed place offered to a waiting person whose
    /// thread comes before the slot already held): never waiting cannot deadlock. On SQLite
    /// the transaction holds the database's write lock, so it always succeeds.
    pub async fn try_lock(&mut self, level: Level, id: i64) -> Result<bool, sqlx::Error> {
        if self.backend != Backend::Postgres {
            return Ok(true);
        }
        let sql = format!(
            "SELECT id FROM {} WHERE id = $1 FOR UPDATE SKIP LOCKED",
            level.table()
        );
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&mut *self.tx)
            .await?;
        Ok(row.is_some())
    }
}

/// The one lock order. Every write transaction that changes more than one of these takes its
/// rows level by level, in this order, ids ascending within a level, and takes its counters
/// (`next_values`, names sorted) after all of them; so two transactions never wait for each
/// other in a circle. New rows (events, messages, outbox) come last and lock nothing shared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Contributor,
    Thread,
    Slot,
    Appointment,
}

impl Level {
    fn table(self) -> &'static str {
        match self {
            Level::Contributor => "contributors",
            Level::Thread => "communications",
            Level::Slot => "slots",
            Level::Appointment => "appointments",
        }
    }
}

impl Deref for WriteTx {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("URL del database non riconosciuto (usa sqlite://… oppure postgres://…): {0}")]
    UnknownScheme(String),
    #[error("impossibile creare la cartella del database {0}: {1}")]
    Folder(String, std::io::Error),
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl Db {
    /// Connects, creating the SQLite file and its folder when needed, and runs the migrations.
    pub async fn connect(url: &str) -> Result<Db, DbError> {
        sqlx::any::install_default_drivers();
        let (backend, url) = if let Some(path) = url.strip_prefix("sqlite://") {
            let path = path.split('?').next().unwrap_or(path);
            if let Some(parent) = std::path::Path::new(path).parent() {
                if !parent.as_os_str().is_empty() {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| DbError::Folder(parent.display().to_string(), e))?;
                }
            }
            let url = if url.contains('?') {
                url.to_string()
            } else {
                format!("{url}?mode=rwc")
            };
            (Backend::Sqlite, url)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Backend::Postgres, url.to_string())
        } else {
            return Err(DbError::UnknownScheme(url.to_string()));
        };

        let options = AnyConnectOptions::from_str(&url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers work while one writer commits; FULL makes a commit
                        // survive a power cut; the busy timeout makes a second writer wait for
                        // the lock instead of failing.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = FULL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA busy_timeout = 10000").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        Ok(Db {
            pool,
            backend,
            writer: Arc::new(Mutex::new(())),
        })
    }

    /// Opens a write transaction. On SQLite it takes the write lock up front (`BEGIN
    /// IMMEDIATE`), so two writers queue on the busy timeout instead of one failing when it
    /// upgrades a read lock; PostgreSQL locks rows as the statements reach them.
    pub async fn begin_write(&self) -> Result<WriteTx, sqlx::Error> {
        Ok(match self.backend {
            Backend::Sqlite => {
                let turn = self.writer.clone().lock_owned().await;
                WriteTx {
                    tx: self.pool.begin_with("BEGIN IMMEDIATE").await?,
                    backend: self.backend,
                    _turn: Some(turn),
                }
            }
            Backend::Postgres => WriteTx {
                tx: self.pool.begin().await?,
                backend: self.backend,
                _turn: None,
            },
        })
    }

    /// One statement in its own write transaction, queued with the other writers.
    pub async fn write_one<'q>(
        &self,
        query: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
    ) -> Result<sqlx::any::AnyQueryResult, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        let result = query.execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(result)
    }

    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
    }
}

#[derive(sqlx::FromRow)]
struct Counter {
    name: String,
    value: i64,
}

/// Values taken from the named counters (`sequences`), handed out one by one.
#[derive(Debug, Default)]
pub struct Ids {
    /// name → (next value to hand out, last value taken)
    blocks: std::collections::BTreeMap<String, (i64, i64)>,
}

impl Ids {
    /// Advances every counter by the number wanted, in one statement and in name order
    /// whatever the order asked: a transaction takes its counters once, after its row locks
    /// (see `Level`), so two transactions never take two counters in opposite orders.
    pub async fn take(tx: &mut WriteTx, wants: &[(&str, i64)]) -> Result<Ids, sqlx::Error> {
        let mut wanted = std::collections::BTreeMap::<&str, i64>::new();
        for (name, n) in wants {
            *wanted.entry(name).or_default() += n;
        }
        wanted.retain(|_, n| *n > 0);
        if wanted.is_empty() {
            return Ok(Ids::default());
        }
        let rows = (0..wanted.len())
            .map(|i| format!("(${}, ${})", 2 * i + 1, 2 * i + 2))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO sequences (name, value) VALUES {rows}
             ON CONFLICT (name) DO UPDATE SET value = sequences.value + excluded.value
             RETURNING name, value"
        );
        let mut query = sqlx::query_as::<_, Counter>(&sql);
        for (name, n) in &wanted {
            query = query.bind(*name).bind(*n);
        }
        let mut ids = Ids::default();
        for counter in query.fetch_all(&mut **tx).await? {
            let n = wanted.get(counter.name.as_str()).copied().unwrap_or(0);
            ids.blocks
                .insert(counter.name, (counter.value - n + 1, counter.value));
        }
        Ok(ids)
    }

    /// The next value of `name`; asking for more than was taken is a bug, answered as one.
    pub fn next(&mut self, name: &str) -> Result<i64, sqlx::Error> {
        match self.blocks.get_mut(name) {
            Some((next, last)) if *next <= *last => {
                *next += 1;
                Ok(*next - 1)
            }
            _ => Err(sqlx::Error::Protocol(format!(
                "no value of counter {name} left"
            ))),
        }
    }
}

/// Advances a named counter and returns its new value, inside the caller's transaction.
pub async fn next_value(tx: &mut WriteTx, name: &str) -> Result<i64, sqlx::Error> {
    Ids::take(tx, &[(name, 1)]).await?.next(name)
}

/// Advances several counters by one (see `Ids::take`) and returns their new values in the
/// order asked.
pub async fn next_values(tx: &mut WriteTx, names: &[&str]) -> Result<Vec<i64>, sqlx::Error> {
    let wants: Vec<(&str, i64)> = names.iter().map(|n| (*n, 1)).collect();
    let mut ids = Ids::take(tx, &wants).await?;
    names.iter().map(|n| ids.next(n)).collect()
}
