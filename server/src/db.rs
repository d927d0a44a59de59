//! The database: SQLite by default, PostgreSQL when the URL says so, through one SQL text
//! (sqlx's `Any` driver, `$1` placeholders).

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::AnyConnection;
use sqlx::{Any, AnyPool, ConnectOptions, Executor, Transaction};
use std::collections::HashMap;
use std::ops::{Deref, DerefMut};
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{oneshot, Mutex, Notify, OwnedMutexGuard};

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
    /// SQLite only: the one writer connection and its open group (see `Group`).
    group: Option<Arc<Mutex<Group>>>,
    commits: Arc<Notify>,
    /// Bumped by every committed write transaction of this process: what was read before a
    /// commit may be stale after it (see `cached`). The server is the database's only writer.
    generation: Arc<AtomicU64>,
    memo: Arc<std::sync::Mutex<HashMap<String, Kept>>>,
}

/// A value read at a generation (see `Db::remember`).
type Kept = (u64, Arc<dyn std::any::Any + Send + Sync>);

/// Entries kept at most; past it the memo starts again (keys come partly from query strings).
const MEMO_ENTRIES: usize = 2_000;

/// Group commit on SQLite. Every write transaction of this process runs, in turn, as a
/// savepoint of one shared transaction on one connection: a refusal rolls back only its own
/// savepoint; one `COMMIT` (one fsync, `synchronous = FULL`) then makes every released
/// savepoint durable at once, and only then are their callers answered. Writers queue on the
/// mutex in arrival order (tokio's mutex is fair); the committer task queues behind them, so a
/// group holds whoever was waiting when its first member finished. A database-wide write lock
/// is what SQLite has anyway; this only stops paying one fsync per transaction.
struct Group {
    conn: AnyConnection,
    /// `BEGIN IMMEDIATE` issued and not yet committed.
    open: bool,
    /// Savepoints released into the open transaction, waiting for its commit.
    members: Vec<oneshot::Sender<Result<(), String>>>,
}

impl Group {
    /// Commits the open transaction and tells every member how it went.
    async fn flush(&mut self) {
        if !self.open {
            return;
        }
        let outcome = match self.conn.execute("COMMIT").await {
            Ok(_) => Ok(()),
            Err(e) => {
                let _ = self.conn.execute("ROLLBACK").await;
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
    async fn roll_back_savepoint(&mut self) {
        let undone = self.conn.execute("ROLLBACK TO w").await.is_ok()
            && self.conn.execute("RELEASE w").await.is_ok();
        if !undone {
            let _ = self.conn.execute("ROLLBACK").await;
            self.open = false;
            for member in self.members.drain(..) {
                let _ = member.send(Err("la transazione di gruppo è stata annullata".into()));
            }
        } else if self.members.is_empty() {
            // Nothing to keep: let go of the write lock now rather than at the next writer's
            // commit, so another process is not kept waiting.
            let _ = self.conn.execute("ROLLBACK").await;
            self.open = false;
        }
    }
}

/// A write transaction (see `Db::begin_write`). It reads as the connection, so statements take
/// `&mut *tx`; dropped without `commit` it rolls back, and only then lets the next writer in.
pub struct WriteTx {
    inner: Inner,
    backend: Backend,
    /// `None` for writes to tables nothing is cached from (see `Db::write_one_uncached`).
    generation: Option<Arc<AtomicU64>>,
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
            Inner::Postgres(tx) => tx.commit().await?,
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
/// rows level by level, in this order, ids ascending within a level, and takes its counters
/// (`Ids::take`, names sorted) after all of them; so two transactions never wait for each
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

/// WAL lets readers work while one writer commits; FULL makes a commit survive a power cut;
/// the busy timeout makes another process's writer wait for the lock instead of failing.
async fn sqlite_pragmas(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    conn.execute("PRAGMA journal_mode = WAL").await?;
    conn.execute("PRAGMA synchronous = FULL").await?;
    conn.execute("PRAGMA foreign_keys = ON").await?;
    conn.execute("PRAGMA busy_timeout = 10000").await?;
    Ok(())
}

/// Commits the group once the writers queued before it have had their turn.
async fn committer(group: std::sync::Weak<Mutex<Group>>, commits: Arc<Notify>) {
    loop {
        commits.notified().await;
        let Some(group) = group.upgrade() else { return };
        group.lock().await.flush().await;
    }
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
        MIGRATOR.run(&pool).await?;
        let commits = Arc::new(Notify::new());
        let group = match backend {
            Backend::Postgres => None,
            Backend::Sqlite => {
                let mut conn = options.connect().await?;
                sqlite_pragmas(&mut conn).await?;
                let group = Arc::new(Mutex::new(Group {
                    conn,
                    open: false,
                    members: Vec::new(),
                }));
                tokio::spawn(committer(Arc::downgrade(&group), commits.clone()));
                Some(group)
            }
        };
        Ok(Db {
            pool,
            backend,
            group,
            commits,
            generation: Arc::default(),
            memo: Arc::default(),
        })
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
        })
    }

    /// Where the committed writes stand now; read it before reading what `remember` keeps.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// A value kept by `remember`, if no write transaction has committed since it was read.
    pub fn cached<T: Send + Sync + 'static>(&self, key: &str) -> Option<Arc<T>> {
        let generation = self.generation();
        let memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
        let (at, value) = memo.get(key)?;
        (*at == generation)
            .then(|| value.clone().downcast::<T>().ok())
            .flatten()
    }

    /// Keeps a value read after `generation` was taken; a commit in between makes it stale at
    /// once, so a read that raced a write is never served.
    pub fn remember<T: Send + Sync + 'static>(&self, key: String, generation: u64, value: Arc<T>) {
        let mut memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
        if memo.len() >= MEMO_ENTRIES {
            memo.clear();
        }
        memo.insert(key, (generation, value));
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

    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
    }
}

/// A named counter of the `sequences` table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counter {
    AppointmentEvents,
    Attachments,
    Appointments,
    Closures,
    Communications,
    Contributors,
    Delegations,
    Messages,
    Outbox,
    ThreadNotes,
    Users,
    Waitlist,
    /// The protocol numbers of threads sent in a year.
    Protocol(i16),
    /// The Identificativi appuntamento of a year.
    Reference(i16),
}

impl Counter {
    fn name(self) -> String {
        match self {
            Counter::AppointmentEvents => "appointment_events".into(),
            Counter::Attachments => "attachments".into(),
            Counter::Appointments => "appointments".into(),
            Counter::Closures => "closures".into(),
            Counter::Communications => "communications".into(),
            Counter::Contributors => "contributors".into(),
            Counter::Delegations => "delegations".into(),
            Counter::Messages => "messages".into(),
            Counter::Outbox => "outbox".into(),
            Counter::ThreadNotes => "thread_notes".into(),
            Counter::Users => "users".into(),
            Counter::Waitlist => "waitlist".into(),
            Counter::Protocol(year) => format!("protocol-{year}"),
            Counter::Reference(year) => format!("appointment-{year}"),
        }
    }
}

#[derive(sqlx::FromRow)]
struct Row {
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
    pub async fn take(tx: &mut WriteTx, wants: &[(Counter, i64)]) -> Result<Ids, sqlx::Error> {
        let mut wanted = std::collections::BTreeMap::<String, i64>::new();
        for (counter, n) in wants {
            *wanted.entry(counter.name()).or_default() += n;
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
        let mut query = sqlx::query_as::<_, Row>(&sql);
        for (name, n) in &wanted {
            query = query.bind(name.as_str()).bind(*n);
        }
        let mut ids = Ids::default();
        for counter in query.fetch_all(&mut **tx).await? {
            let n = wanted.get(counter.name.as_str()).copied().unwrap_or(0);
            ids.blocks
                .insert(counter.name, (counter.value - n + 1, counter.value));
        }
        Ok(ids)
    }

    /// The next value of `counter`; asking for more than was taken is a bug, answered as one.
    pub fn next(&mut self, counter: Counter) -> Result<i64, sqlx::Error> {
        let name = counter.name();
        match self.blocks.get_mut(&name) {
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

/// Advances a counter and returns its new value, inside the caller's transaction.
pub async fn next_value(tx: &mut WriteTx, counter: Counter) -> Result<i64, sqlx::Error> {
    Ids::take(tx, &[(counter, 1)]).await?.next(counter)
}
