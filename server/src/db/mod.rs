//! The database: SQLite by default, PostgreSQL when the URL says so, through one SQL text
//! (sqlx's `Any` driver, `$1` placeholders).

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::AnyConnection;
use sqlx::{Any, AnyPool, ConnectOptions, Executor, Transaction};
use std::collections::HashMap;
use std::ops::{Deref, DerefMut};
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{oneshot, Mutex, Notify, OwnedMutexGuard};

use sqlx::migrate::Migrator;

mod group;
pub mod ids;
pub mod listen;

use group::{committer, sqlite_pragmas, Group};

/// Migrations both databases run, then those whose DDL differs (ids: sequences on PostgreSQL,
/// the tables' highest on SQLite), numbered after them.
static SHARED: Migrator = sqlx::migrate!("./migrations");
static POSTGRES: Migrator = sqlx::migrate!("./migrations-postgres");
static SQLITE: Migrator = sqlx::migrate!("./migrations-sqlite");

/// The migrations of one database, in order. (sqlx's `Migrator` fields are public for its
/// macro; sqlx is pinned by Cargo.lock, and a change there fails the build, not a run.)
fn migrator(backend: Backend) -> Migrator {
    let own = match backend {
        Backend::Postgres => &POSTGRES,
        Backend::Sqlite => &SQLITE,
    };
    let mut migrations: Vec<_> = SHARED.iter().chain(own.iter()).cloned().collect();
    migrations.sort_by_key(|m| m.version);
    Migrator {
        migrations: std::borrow::Cow::Owned(migrations),
        ..Migrator::DEFAULT
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// SQLite only: the one writer connection and its open group (see `Group`).
    group: Option<Arc<Mutex<Group>>>,
    commits: Arc<Notify>,
    /// Bumped by every committed write transaction of this process and, on PostgreSQL, by
    /// every one another server announces (see `listen`): what was read before a commit may be
    /// stale after it (see `cached`).
    generation: Arc<AtomicU64>,
    /// Whether what is kept can be trusted: always on SQLite (one server per file); on
    /// PostgreSQL only while this server is listening for the other servers' commits.
    trusted: Arc<AtomicBool>,
    /// This process among the servers announcing commits on PostgreSQL, so it skips its own.
    instance: Arc<str>,
    memo: Arc<std::sync::Mutex<HashMap<String, Kept>>>,
}

/// A value read at a generation, and when (see `Db::remember`).
type Kept = (
    u64,
    std::time::Instant,
    Arc<dyn std::any::Any + Send + Sync>,
);

/// On PostgreSQL a kept value is not served past this age: a server that died between a commit
/// and its announcement (`listen::announce`, one round trip), or could not send it, leaves the
/// others' values stale at most this long.
const KEPT_AT_MOST_WITH_OTHERS: std::time::Duration = std::time::Duration::from_secs(10);

/// Entries kept at most; past it the memo starts again (keys come partly from query strings).
const MEMO_ENTRIES: usize = 2_000;

/// A write transaction (see `Db::begin_write`). It reads as the connection, so statements take
/// `&mut *tx`; dropped without `commit` it rolls back, and only then lets the next writer in.
pub struct WriteTx {
    inner: Inner,
    backend: Backend,
    /// `None` for writes to tables nothing is cached from (see `Db::write_one_uncached`).
    generation: Option<Arc<AtomicU64>>,
    /// PostgreSQL: where and as whom to announce this commit to the other servers, once done.
    announce: Option<(AnyPool, Arc<str>)>,
    /// SQLite: the highest number `Ids::take` handed out per counter in this transaction, so
    /// two takes before the rows are inserted do not hand out the same one.
    handed: HashMap<String, i64>,
}

enum Inner {
    Postgres(Transaction<'static, Any>),
    /// `None` once committed.
    Group(Option<OwnedMutexGuard<Group>>, Arc<Notify>),
}

impl WriteTx {
    /// Returns once the transaction is durable; on SQLite that is when its group commits.
    pub async fn commit(mut self) -> Result<(), sqlx::Error> {
        // Taken out, so the Drop below finds nothing left to roll back.
        match std::mem::replace(&mut self.inner, Inner::Group(None, Arc::default())) {
            Inner::Postgres(tx) => {
                tx.commit().await?;
                // Announced once committed, before the answer goes out, and not inside the
                // transaction: one that NOTIFYs holds PostgreSQL's database-wide notify lock
                // until its commit is flushed, which queued every writer of every server
                // behind it (pgbench here, 16 clients: 5 600–6 000 commits/s plain, 2 800
                // with pg_notify inside, 4 900–5 100 with it after the commit).
                if let (Some(_), Some((pool, instance))) = (&self.generation, &self.announce) {
                    listen::announce(pool, instance).await;
                }
            }
            Inner::Group(None, _) => unreachable!("a transaction commits once"),
            Inner::Group(Some(mut group), commits) => {
                if let Err(e) = group.conn.execute("RELEASE w").await {
                    group.roll_back_savepoint().await;
                    return Err(e);
                }
                let (done, outcome) = oneshot::channel();
                group.members.push(done);
                commits.notify_one();
                drop(group);
                match outcome.await {
                    Ok(Ok(())) => {}
                    Ok(Err(e)) => {
                        return Err(sqlx::Error::Protocol(format!("commit di gruppo: {e}")))
                    }
                    Err(_) => return Err(sqlx::Error::PoolClosed),
                }
            }
        }
        if let Some(generation) = &self.generation {
            generation.fetch_add(1, Ordering::AcqRel);
        }
        Ok(())
    }

    fn conn(&mut self) -> &mut AnyConnection {
        match &mut self.inner {
            Inner::Postgres(tx) => tx,
            Inner::Group(Some(group), _) => &mut group.conn,
            Inner::Group(None, _) => unreachable!("used after commit"),
        }
    }

    /// Takes row locks at one level of the lock order (the ids' type says which, see `Level`),
    /// ids ascending. On SQLite the transaction already holds the database's write lock, so
    /// this costs nothing there.
    pub async fn lock<I: Locked>(&mut self, ids: &[I]) -> Result<(), sqlx::Error> {
        if self.backend != Backend::Postgres {
            return Ok(());
        }
        let mut ids: Vec<i64> = ids.iter().map(|id| id.row()).collect();
        ids.sort_unstable();
        ids.dedup();
        let sql = format!(
            "SELECT id FROM {} WHERE id = $1 FOR UPDATE",
            I::LEVEL.table()
        );
        for id in ids {
            sqlx::query(&sql).bind(id).execute(self.conn()).await?;
        }
        Ok(())
    }

    /// Takes one row lock only if nobody holds it, never waiting: false if someone does. For
    /// a lock taken out of the lock order (a freed place offered to a waiting person whose
    /// thread comes before the slot already held): never waiting cannot deadlock. On SQLite
    /// the transaction holds the database's write lock, so it always succeeds.
    pub async fn try_lock<I: Locked>(&mut self, id: I) -> Result<bool, sqlx::Error> {
        if self.backend != Backend::Postgres {
            return Ok(true);
        }
        let sql = format!(
            "SELECT id FROM {} WHERE id = $1 FOR UPDATE SKIP LOCKED",
            I::LEVEL.table()
        );
        let row = sqlx::query(&sql)
            .bind(id.row())
            .fetch_optional(self.conn())
            .await?;
        Ok(row.is_some())
    }
}

impl WriteTx {
    /// Waits until no other server holds `what`, and holds it until this transaction ends.
    /// On SQLite the transaction already holds the database's write lock.
    pub async fn exclusive(&mut self, what: Shared) -> Result<(), sqlx::Error> {
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(what.key())
                .execute(self.conn())
                .await?;
        }
        Ok(())
    }
}

/// The work several servers on one PostgreSQL share, each held by one of them at a time
/// (advisory locks: they lock no row).
#[derive(Clone, Copy, Debug)]
pub enum Shared {
    /// Loading the demo data into an empty database.
    DemoLoad,
    /// The sweeper's round (expired holds, the Lista d'attesa's pass, retention).
    Sweeper,
}

impl Shared {
    fn key(self) -> i64 {
        // "CASSETTO" in the high bytes, so the keys do not meet another application's.
        const BASE: i64 = 0x4341_5353_4554_0000;
        BASE + match self {
            Shared::DemoLoad => 1,
            Shared::Sweeper => 2,
        }
    }
}

impl Drop for WriteTx {
    fn drop(&mut self) {
        // Not committed: undo this savepoint before the next writer gets the connection. The
        // guard moves into the task, so nobody else can use the connection meanwhile.
        if let Inner::Group(slot, _) = &mut self.inner {
            if let Some(mut group) = slot.take() {
                if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                    runtime.spawn(async move { group.roll_back_savepoint().await });
                }
            }
        }
    }
}

/// The one lock order. Every write transaction that changes more than one of these takes its
/// rows level by level, in this order, ids ascending within a level, so two transactions
/// never wait for each other in a circle. New ids (`Ids`) and new rows (events, messages,
/// outbox) come after and lock nothing shared.
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

/// The ids of the rows the lock order names, each knowing its level.
pub trait Locked: Copy {
    const LEVEL: Level;
    fn row(self) -> i64;
}

macro_rules! locked {
    ($($id:ty => $level:expr),+) => { $(
        impl Locked for $id {
            const LEVEL: Level = $level;
            fn row(self) -> i64 {
                self.0
            }
        }
    )+ };
}

locked!(
    api::ContributorId => Level::Contributor,
    api::ThreadId => Level::Thread,
    api::SlotId => Level::Slot,
    api::AppointmentId => Level::Appointment
);

impl Deref for WriteTx {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        match &self.inner {
            Inner::Postgres(tx) => tx,
            Inner::Group(Some(group), _) => &group.conn,
            Inner::Group(None, _) => unreachable!("used after commit"),
        }
    }
}

impl DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        self.conn()
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
            // An embedded SQLite connection does not go stale; a ping is one more round trip
            // to its worker thread on every read.
            .test_before_acquire(backend == Backend::Postgres)
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        sqlite_pragmas(conn).await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options.clone())
            .await?;
        migrator(backend).run(&pool).await?;
        let commits = Arc::new(Notify::new());
        let group = match backend {
            Backend::Postgres => None,
            Backend::Sqlite => {
                let mut conn = options.connect().await?;
                sqlite_pragmas(&mut conn).await?;
                let group = Arc::new(Mutex::new(Group {
                    conn,
                    options: options.clone(),
                    open: false,
                    members: Vec::new(),
                }));
                tokio::spawn(committer(Arc::downgrade(&group), commits.clone()));
                Some(group)
            }
        };
        let generation = Arc::<AtomicU64>::default();
        let trusted = Arc::new(AtomicBool::new(backend == Backend::Sqlite));
        let instance: Arc<str> =
            format!("{}-{:016x}", std::process::id(), rand::random::<u64>()).into();
        if backend == Backend::Postgres {
            tokio::spawn(listen::ping(
                pool.clone(),
                instance.clone(),
                Arc::downgrade(&generation),
            ));
            tokio::spawn(listen::listen(
                url.clone(),
                pool.clone(),
                instance.clone(),
                Arc::downgrade(&generation),
                trusted.clone(),
            ));
        }
        Ok(Db {
            pool,
            backend,
            group,
            commits,
            generation,
            trusted,
            instance,
            memo: Arc::default(),
        })
    }

    /// Whether kept values are served (false on PostgreSQL while the listening connection is
    /// down: every answer then comes from the database).
    pub fn keeps(&self) -> bool {
        self.trusted.load(Ordering::Acquire)
    }

    /// Opens a write transaction. On SQLite it is a savepoint in the group's transaction,
    /// which takes the write lock up front (`BEGIN IMMEDIATE`) so another process's writer
    /// waits on the busy timeout instead of failing on a lock upgrade; PostgreSQL locks rows
    /// as the statements reach them.
    pub async fn begin_write(&self) -> Result<WriteTx, sqlx::Error> {
        let inner = match &self.group {
            None => Inner::Postgres(self.pool.begin().await?),
            Some(group) => {
                let mut group = group.clone().lock_owned().await;
                if !group.open {
                    group.conn.execute("BEGIN IMMEDIATE").await?;
                    group.open = true;
                }
                if let Err(e) = group.conn.execute("SAVEPOINT w").await {
                    // Nothing of ours to undo; members already released wait for the
                    // committer, which this failure does not stop.
                    self.commits.notify_one();
                    return Err(e);
                }
                Inner::Group(Some(group), self.commits.clone())
            }
        };
        Ok(WriteTx {
            inner,
            backend: self.backend,
            generation: Some(self.generation.clone()),
            announce: (self.backend == Backend::Postgres)
                .then(|| (self.pool.clone(), self.instance.clone())),
            handed: HashMap::new(),
        })
    }

    /// Where the committed writes stand now; read it before reading what `remember` keeps.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// A value kept by `remember`, if no write transaction has committed since it was read.
    pub fn cached<T: Send + Sync + 'static>(&self, key: &str) -> Option<Arc<T>> {
        if !self.keeps() {
            return None;
        }
        let generation = self.generation();
        let memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
        let (at, read, value) = memo.get(key)?;
        let fresh = self.backend == Backend::Sqlite || read.elapsed() < KEPT_AT_MOST_WITH_OTHERS;
        (*at == generation && fresh)
            .then(|| value.clone().downcast::<T>().ok())
            .flatten()
    }

    /// Keeps a value read after `generation` was taken; a commit in between makes it stale at
    /// once, so a read that raced a write is never served.
    pub fn remember<T: Send + Sync + 'static>(&self, key: String, generation: u64, value: Arc<T>) {
        if !self.keeps() {
            return;
        }
        let mut memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
        if memo.len() >= MEMO_ENTRIES {
            memo.clear();
        }
        memo.insert(key, (generation, std::time::Instant::now(), value));
    }

    /// One statement in its own write transaction, queued with the other writers.
    pub async fn write_one<'q>(
        &self,
        query: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
    ) -> Result<sqlx::any::AnyQueryResult, sqlx::Error> {
        self.write_single(query, true).await
    }

    /// `write_one` for a table nothing is cached from (a session's last request): it leaves
    /// what `cached` keeps in place, so every signed-in page view does not empty it.
    pub async fn write_one_uncached<'q>(
        &self,
        query: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
    ) -> Result<sqlx::any::AnyQueryResult, sqlx::Error> {
        self.write_single(query, false).await
    }

    async fn write_single<'q>(
        &self,
        query: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
        stales_cache: bool,
    ) -> Result<sqlx::any::AnyQueryResult, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        if !stales_cache {
            tx.generation = None;
        }
        let result = query.execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(result)
    }

    /// Runs `work` unless another server is running it now (then false, and nothing runs):
    /// a periodic round that every server runs on its own timer is done once per tick, not
    /// once per server. On SQLite there is one server.
    pub async fn alone<F: std::future::Future<Output = ()>>(
        &self,
        what: Shared,
        work: F,
    ) -> Result<bool, sqlx::Error> {
        if self.backend != Backend::Postgres {
            work.await;
            return Ok(true);
        }
        // A session lock, on a connection kept for the round: it goes with the connection if
        // this process dies, so a crash never leaves the work undone for good.
        let mut conn = self.pool.acquire().await?;
        let mine: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
            .bind(what.key())
            .fetch_one(&mut *conn)
            .await?;
        if !mine {
            return Ok(false);
        }
        work.await;
        let released = sqlx::query("SELECT pg_advisory_unlock($1)")
            .bind(what.key())
            .execute(&mut *conn)
            .await;
        if released.is_err() {
            // Closing the session is what lets go of the lock then.
            let _ = conn.close().await;
        }
        Ok(true)
    }

    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
    }
}
