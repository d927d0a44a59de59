//! Numbers for new rows: PostgreSQL's sequences, SQLite's highest + 1 (migration 0020).

use super::{Backend, WriteTx};

/// What numbers new rows: a table's ids, or a year's numbers.
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
    /// PostgreSQL's sequence (migration 0020 for the tables; a year's made at its first use).
    fn sequence(self) -> String {
        match self {
            Counter::Protocol(year) => format!("counter_protocol_{year}"),
            Counter::Reference(year) => format!("counter_appointment_{year}"),
            table => format!("counter_{}", table.table()),
        }
    }

    fn table(self) -> &'static str {
        match self {
            Counter::AppointmentEvents => "appointment_events",
            Counter::Attachments => "attachments",
            Counter::Appointments | Counter::Reference(_) => "appointments",
            Counter::Closures => "closures",
            Counter::Communications | Counter::Protocol(_) => "communications",
            Counter::Contributors => "contributors",
            Counter::Delegations => "delegations",
            Counter::Messages => "messages",
            Counter::Outbox => "outbox",
            Counter::ThreadNotes => "thread_notes",
            Counter::Users => "users",
            Counter::Waitlist => "waitlist",
        }
    }

    /// SQLite: the highest number given so far (the indexes of migration 0020 find a year's).
    fn highest(self) -> String {
        // "INPS.5100.2026.0000123" and "AP-2026-000123": the year, then the number.
        let (column, year, year_at, number_at) = match self {
            Counter::Protocol(year) => ("protocol", year, 11, 16),
            Counter::Reference(year) => ("reference", year, 4, 9),
            // A deleted row's id is not handed out again (migration 0020's `id_floor`).
            Counter::Closures | Counter::Attachments => {
                let table = self.table();
                return format!(
                    "SELECT MAX(COALESCE((SELECT MAX(id) FROM {table}), 0),
                                COALESCE((SELECT id FROM id_floor WHERE name = '{table}'), 0))"
                );
            }
            table => return format!("SELECT COALESCE(MAX(id), 0) FROM {}", table.table()),
        };
        let number = format!("CAST(substr({column}, {number_at}) AS INTEGER)");
        format!(
            "SELECT COALESCE((SELECT {number} FROM {table} WHERE substr({column}, {year_at}, 4) = '{year:04}'
                              ORDER BY {number} DESC LIMIT 1), 0)",
            table = self.table()
        )
    }
}

/// Numbers for new rows, taken together and handed out one by one.
#[derive(Debug, Default)]
pub struct Ids {
    /// What `later` was asked for and `fetch` has not taken yet.
    pending: Vec<(Counter, i64)>,
    /// sequence name → the values taken, in the order they are handed out
    taken: std::collections::BTreeMap<String, std::collections::VecDeque<i64>>,
}

impl Ids {
    /// Numbers a change will want if it happens: nothing is taken until `fetch` (called by
    /// `agenda::workflow::apply` once the status has changed), so a change that turns out a
    /// no-op takes none, and PostgreSQL's sequences skip no number for it.
    pub fn later(wants: &[(Counter, i64)]) -> Ids {
        Ids {
            pending: wants.to_vec(),
            taken: Default::default(),
        }
    }

    /// Takes what `later` was asked for, once.
    pub async fn fetch(&mut self, tx: &mut WriteTx) -> Result<(), sqlx::Error> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let wants = std::mem::take(&mut self.pending);
        let fetched = Ids::take(tx, &wants).await?;
        for (name, values) in fetched.taken {
            self.taken.entry(name).or_default().extend(values);
        }
        Ok(())
    }

    /// Takes the numbers wanted in one statement, after the transaction's row locks (see
    /// `Level`). PostgreSQL: `nextval` on each counter's sequence, which locks no row, so two
    /// bookings never wait for each other here. SQLite: each table's highest id (a year's
    /// highest number) + 1, as SQLite numbers rowids; the transaction holds the database's
    /// write lock, and what it took before without inserting yet is counted too.
    pub async fn take(tx: &mut WriteTx, wants: &[(Counter, i64)]) -> Result<Ids, sqlx::Error> {
        let mut wanted = std::collections::BTreeMap::<String, (Counter, i64)>::new();
        for (counter, n) in wants {
            wanted.entry(counter.sequence()).or_insert((*counter, 0)).1 += n;
        }
        wanted.retain(|_, (_, n)| *n > 0);
        let mut ids = Ids::default();
        if wanted.is_empty() {
            return Ok(ids);
        }
        match tx.backend {
            Backend::Postgres => {
                let sql = (0..wanted.len())
                    .map(|i| {
                        format!(
                            "SELECT CAST(${} AS TEXT) AS name, cassetto_take(${}, ${}) AS value",
                            2 * i + 1,
                            2 * i + 1,
                            2 * i + 2
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" UNION ALL ");
                let mut query = sqlx::query_as::<_, (String, i64)>(&sql);
                for (name, (_, n)) in &wanted {
                    query = query.bind(name.as_str()).bind(*n);
                }
                for (name, value) in query.fetch_all(&mut **tx).await? {
                    ids.taken.entry(name).or_default().push_back(value);
                }
                for values in ids.taken.values_mut() {
                    values.make_contiguous().sort_unstable();
                }
            }
            Backend::Sqlite => {
                let sql = wanted
                    .values()
                    .map(|(counter, _)| format!("SELECT ({})", counter.highest()))
                    .collect::<Vec<_>>()
                    .join(" UNION ALL ");
                let highest: Vec<i64> = sqlx::query_scalar(&sql).fetch_all(&mut **tx).await?;
                for ((name, (_, n)), highest) in wanted.into_iter().zip(highest) {
                    let handed = tx.handed.entry(name.clone()).or_insert(0);
                    let from = highest.max(*handed) + 1;
                    *handed = from + n - 1;
                    ids.taken.insert(name, (from..from + n).collect());
                }
            }
        }
        Ok(ids)
    }

    /// The next value of `counter`; asking for more than was taken is a bug, answered as one.
    pub fn next(&mut self, counter: Counter) -> Result<i64, sqlx::Error> {
        let name = counter.sequence();
        self.taken
            .get_mut(&name)
            .and_then(|values| values.pop_front())
            .ok_or_else(|| sqlx::Error::Protocol(format!("no value of counter {name} left")))
    }
}

/// Advances a counter and returns its new value, inside the caller's transaction.
pub async fn next_value(tx: &mut WriteTx, counter: Counter) -> Result<i64, sqlx::Error> {
    Ids::take(tx, &[(counter, 1)]).await?.next(counter)
}
