//! Threads and messages in the database: typed rows, one function per question. Other
//! features write into a thread through `post`.

use crate::db::ids::{Counter, Ids};
use crate::db::WriteTx;
use crate::domain::limits::Recent;
use crate::domain::rome;
use crate::error::{AppError, AppResult};
use api::{
    Category, Cf, CommunicationStatus, Contributor, ContributorId, Instant, OfficeId, ThreadId,
    UserId,
};
use sqlx::AnyConnection;

/// What the rules of "Richiedi appuntamento" need to know about a thread.
#[derive(sqlx::FromRow)]
pub struct Facts {
    pub topic_code: String,
    pub sent_at: Instant,
    pub topic_days: i64,
    pub status: CommunicationStatus,
    pub contributor_id: ContributorId,
}

impl Facts {
    /// Whether the thread may be booked at `now` by its topic's days or a rejection (the
    /// caller checks its live appointment and the contributor's limit under its locks).
    pub fn eligibility(&self, now: Instant) -> api::Eligibility {
        use crate::domain::eligibility;
        let decision = eligibility::decide(&eligibility::Facts {
            sent_on: rome::date_of(self.sent_at),
            topic_days: self.topic_days,
            status: self.status,
            active_appointment: None,
            today: rome::date_of(now),
        });
        eligibility::describe(&decision, self.topic_days, crate::language::current())
    }
}

pub async fn facts(conn: &mut AnyConnection, id: ThreadId) -> AppResult<Facts> {
    sqlx::query_as(
        "SELECT t.topic_code, t.sent_at, tp.appointment_after_days AS topic_days, t.status,
                t.contributor_id
         FROM communications t JOIN topics tp ON tp.code = t.topic_code WHERE t.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or(AppError::NotFound)
}

/// A line of a thread list, with what eligibility needs.
#[derive(sqlx::FromRow)]
pub struct SummaryRow {
    pub id: ThreadId,
    pub protocol: String,
    pub topic_code: String,
    pub topic_label: String,
    pub topic_days: i64,
    pub subject: String,
    pub sent_at: Instant,
    pub status: CommunicationStatus,
    pub last_institute_message_at: Option<Instant>,
    pub contributor_read_at: Option<Instant>,
}

pub const SUMMARY_COLUMNS: &str = "t.id, t.protocol, t.topic_code, tp.label AS topic_label,
     tp.appointment_after_days AS topic_days, t.subject, t.sent_at, t.status,
     t.last_institute_message_at, t.contributor_read_at";

pub async fn summary(conn: &mut AnyConnection, id: ThreadId) -> AppResult<Option<SummaryRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM communications t JOIN topics tp ON tp.code = t.topic_code
         WHERE t.id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

/// A page of a contributor's threads, newest first, with the total; filters optional.
pub async fn page(
    conn: &mut AnyConnection,
    contributor: ContributorId,
    status: Option<CommunicationStatus>,
    topic: Option<&str>,
    limit: i64,
    offset: i64,
) -> AppResult<(i64, Vec<SummaryRow>)> {
    let condition =
        "t.contributor_id = $1 AND ($2 = '' OR t.status = $2) AND ($3 = '' OR t.topic_code = $3)";
    let status = status.map_or("", CommunicationStatus::code);
    let topic = topic.unwrap_or("");
    let total: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM communications t WHERE {condition}"
    ))
    .bind(contributor)
    .bind(status)
    .bind(topic)
    .fetch_one(&mut *conn)
    .await?;
    let rows = sqlx::query_as(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM communications t JOIN topics tp ON tp.code = t.topic_code
         WHERE {condition} ORDER BY t.sent_at DESC, t.id DESC LIMIT $4 OFFSET $5"
    ))
    .bind(contributor)
    .bind(status)
    .bind(topic)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?;
    Ok((total, rows))
}

/// Who a thread is with and where it is routed.
#[derive(sqlx::FromRow)]
pub struct Parties {
    pub contributor_id: ContributorId,
    pub cf: Cf,
    pub name: String,
    pub category: Category,
    pub province: String,
    pub office_name: String,
}

impl Parties {
    pub fn contributor(&self) -> Contributor {
        Contributor {
            cf: self.cf.clone(),
            name: self.name.clone(),
            category: self.category,
            province: self.province.clone(),
        }
    }
}

pub async fn parties(conn: &mut AnyConnection, id: ThreadId) -> AppResult<Parties> {
    Ok(sqlx::query_as(
        "SELECT c.id AS contributor_id, c.cf, c.name, c.category, c.province, o.name AS office_name
         FROM communications t
         JOIN contributors c ON c.id = t.contributor_id
         JOIN offices o ON o.id = t.office_id WHERE t.id = $1",
    )
    .bind(id)
    .fetch_one(conn)
    .await?)
}

#[derive(sqlx::FromRow)]
pub struct MessageRow {
    pub id: i64,
    pub author_label: String,
    pub from_institute: i64,
    pub text: String,
    pub said: Option<String>,
    pub created_at: Instant,
    pub event: i64,
}

/// The phone `booked_by` gave with their latest booking for the contributor, if any: a number
/// the person gave themselves, never the one an intermediary gave for them (or the reverse).
pub async fn last_phone(
    conn: &mut AnyConnection,
    contributor: ContributorId,
    booked_by: UserId,
) -> AppResult<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT phone FROM appointments WHERE contributor_id = $1 AND booked_by = $2
         ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(contributor)
    .bind(booked_by)
    .fetch_optional(conn)
    .await?)
}

pub async fn messages(conn: &mut AnyConnection, id: ThreadId) -> AppResult<Vec<MessageRow>> {
    Ok(sqlx::query_as(
        "SELECT id, author_label, from_institute, text, said, created_at, event FROM messages
         WHERE communication_id = $1 ORDER BY created_at, id",
    )
    .bind(id)
    .fetch_all(conn)
    .await?)
}

/// The columns of a queue row (`QueueRow`), with the joins they need.
const QUEUE_SELECT: &str =
    "SELECT t.id, t.protocol, c.cf, c.name, c.category, c.province, t.topic_code,
                tp.label AS topic_label, tp.appointment_after_days AS topic_days, t.subject,
                t.sent_at, t.awaiting_answer, t.awaiting_since, t.last_message_at, t.status,
                h.name AS handled_by_name
         FROM communications t
         JOIN contributors c ON c.id = t.contributor_id
         JOIN topics tp ON tp.code = t.topic_code
         LEFT JOIN users h ON h.id = t.handled_by";

/// A line of the office's queue.
#[derive(sqlx::FromRow)]
pub struct QueueRow {
    pub id: ThreadId,
    pub protocol: String,
    pub cf: Cf,
    pub name: String,
    pub category: Category,
    pub province: String,
    pub topic_code: String,
    pub topic_label: String,
    pub topic_days: i64,
    pub subject: String,
    pub sent_at: Instant,
    pub awaiting_answer: i64,
    pub awaiting_since: Option<Instant>,
    pub last_message_at: Instant,
    pub status: CommunicationStatus,
    pub handled_by_name: Option<String>,
}

/// One page of the office's threads and how many there are: those awaiting an answer first,
/// the longest waiting first (since the contributor's side wrote, whatever the service wrote
/// since), then the others, the latest active first. `awaiting`: only those owed an answer.
pub async fn queue(
    conn: &mut AnyConnection,
    office: OfficeId,
    status: Option<CommunicationStatus>,
    awaiting: bool,
    limit: i64,
    offset: i64,
) -> AppResult<(i64, Vec<QueueRow>)> {
    let status = status.map_or("", CommunicationStatus::code);
    let awaiting = i64::from(awaiting);
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM communications t WHERE t.office_id = $1 AND ($2 = '' OR t.status = $2)
             AND ($3 = 0 OR t.awaiting_answer = 1)",
    )
    .bind(office)
    .bind(status)
    .bind(awaiting)
    .fetch_one(&mut *conn)
    .await?;
    let rows = sqlx::query_as(&format!(
        "{QUEUE_SELECT}
         WHERE t.office_id = $1 AND ($2 = '' OR t.status = $2) AND ($5 = 0 OR t.awaiting_answer = 1)
         ORDER BY t.awaiting_answer DESC,
             CASE WHEN t.awaiting_answer = 1 THEN COALESCE(t.awaiting_since, t.sent_at)
                  ELSE -t.last_message_at END ASC,
             t.id ASC
         LIMIT $3 OFFSET $4"
    ))
    .bind(office)
    .bind(status)
    .bind(limit)
    .bind(offset)
    .bind(awaiting)
    .fetch_all(&mut *conn)
    .await?;
    Ok((total, rows))
}

/// The office's threads whose protocol, contributor's codice fiscale or name match (`code`:
/// an upper-case LIKE pattern, `name`: a lower-case one), the latest first.
pub async fn search_of_office(
    conn: &mut AnyConnection,
    office: OfficeId,
    code: &str,
    name: &str,
    limit: i64,
) -> AppResult<Vec<QueueRow>> {
    Ok(sqlx::query_as(&format!(
        "{QUEUE_SELECT}
         WHERE t.office_id = $1
           AND (UPPER(t.protocol) LIKE $2 ESCAPE '\\' OR UPPER(c.cf) LIKE $2 ESCAPE '\\'
                OR LOWER(c.name) LIKE $3 ESCAPE '\\')
         ORDER BY t.sent_at DESC, t.id DESC
         LIMIT $4"
    ))
    .bind(office)
    .bind(code)
    .bind(name)
    .bind(limit)
    .fetch_all(conn)
    .await?)
}

/// The contributor's threads routed to the office, the latest first.
pub async fn of_contributor_at_office(
    conn: &mut AnyConnection,
    office: OfficeId,
    contributor: ContributorId,
) -> AppResult<Vec<QueueRow>> {
    Ok(sqlx::query_as(&format!(
        "{QUEUE_SELECT}
         WHERE t.office_id = $1 AND t.contributor_id = $2
         ORDER BY t.sent_at DESC, t.id DESC"
    ))
    .bind(office)
    .bind(contributor)
    .fetch_all(conn)
    .await?)
}

/// The threads routed to the office sent in `[from, to)`, in the order they came.
pub async fn sent_between(
    conn: &mut AnyConnection,
    office: OfficeId,
    from: Instant,
    to: Instant,
) -> AppResult<Vec<QueueRow>> {
    Ok(sqlx::query_as(&format!(
        "{QUEUE_SELECT}
         WHERE t.office_id = $1 AND t.sent_at >= $2 AND t.sent_at < $3
         ORDER BY t.sent_at, t.id"
    ))
    .bind(office)
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?)
}

impl QueueRow {
    pub fn into_api(self) -> api::OfficeCommunication {
        api::OfficeCommunication {
            contributor: api::Contributor {
                cf: self.cf,
                name: self.name,
                category: self.category,
                province: self.province,
            },
            topic: api::Topic {
                label: crate::language::topic(&self.topic_code, &self.topic_label),
                code: self.topic_code,
                appointment_after_days: self.topic_days as u32,
            },
            id: self.id,
            protocol: self.protocol,
            subject: self.subject,
            sent_at: crate::domain::rome::instant(self.sent_at),
            status: self.status,
            awaiting_answer: self.awaiting_answer == 1,
            awaiting_since: self.awaiting_since.map(crate::domain::rome::instant),
            handled_by: self.handled_by_name,
            last_message_at: crate::domain::rome::instant(self.last_message_at),
        }
    }
}

pub struct NewThread<'a> {
    pub contributor_id: ContributorId,
    pub office_id: OfficeId,
    pub topic: &'a str,
    pub subject: &'a str,
    pub status: CommunicationStatus,
    pub sent_at: Instant,
}

/// The first message of a new thread: who wrote it (none for the demo's), signed how, and what.
pub struct FirstMessage<'a> {
    pub author: Option<UserId>,
    pub label: &'a str,
    pub text: &'a str,
}

/// Stores a thread with a new id, the next protocol number of its year and its first message
/// (ids and numbers taken together, after any lock).
pub async fn insert_thread(
    tx: &mut WriteTx,
    thread: NewThread<'_>,
    first: FirstMessage<'_>,
) -> AppResult<(ThreadId, String)> {
    let year = rome::date_of(thread.sent_at).year();
    let protocol_counter = Counter::Protocol(year);
    let mut ids = Ids::take(
        tx,
        &[
            (Counter::Communications, 1),
            (protocol_counter, 1),
            (Counter::Messages, 1),
        ],
    )
    .await?;
    let id = ThreadId(ids.next(Counter::Communications)?);
    let protocol = format!("INPS.5100.{year}.{:07}", ids.next(protocol_counter)?);
    sqlx::query(
        "INSERT INTO communications (id, protocol, contributor_id, office_id, topic_code, subject,
             status, sent_at, last_message_at, awaiting_answer, awaiting_since)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, 1, $8)",
    )
    .bind(id)
    .bind(&protocol)
    .bind(thread.contributor_id)
    .bind(thread.office_id)
    .bind(thread.topic)
    .bind(thread.subject)
    .bind(thread.status)
    .bind(thread.sent_at)
    .execute(&mut **tx)
    .await?;
    let first = NewMessage {
        id: ids.next(Counter::Messages)?,
        communication_id: id,
        author: first.author,
        label: first.label,
        from_institute: false,
        text: first.text,
        said: None,
        now: thread.sent_at,
    };
    insert_message(tx, &first).await?;
    Ok((id, protocol))
}

/// A message, with an id the caller took.
pub struct NewMessage<'a> {
    pub id: i64,
    pub communication_id: ThreadId,
    pub author: Option<UserId>,
    /// "Mario Rossi", "Studio Verdi per conto di Mario Rossi", "Sede di Roma"
    pub label: &'a str,
    pub from_institute: bool,
    pub text: &'a str,
    /// The text as a catalogue sentence (`texts::Saying`, JSON) when the service wrote it.
    pub said: Option<&'a str>,
    pub now: Instant,
}

/// A message a person wrote.
pub async fn insert_message(tx: &mut WriteTx, message: &NewMessage<'_>) -> AppResult<()> {
    insert(tx, message, false).await
}

/// `event`: written by a booking event rather than by a person.
async fn insert(tx: &mut WriteTx, m: &NewMessage<'_>, event: bool) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO messages (id, communication_id, author_user_id, author_label, from_institute,
             text, said, created_at, event)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(m.id)
    .bind(m.communication_id)
    .bind(m.author)
    .bind(m.label)
    .bind(i64::from(m.from_institute))
    .bind(m.text)
    .bind(m.said)
    .bind(m.now)
    .bind(i64::from(event))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The contributor's threads opened since `since`.
pub async fn recent_threads(
    conn: &mut AnyConnection,
    contributor: ContributorId,
    since: Instant,
) -> AppResult<Recent> {
    Ok(sqlx::query_as(
        "SELECT COUNT(*) AS n, MIN(sent_at) AS oldest FROM communications
         WHERE contributor_id = $1 AND sent_at > $2",
    )
    .bind(contributor)
    .bind(since)
    .fetch_one(conn)
    .await?)
}

/// The messages people on the contributor's side wrote in a thread since `since`.
pub async fn recent_messages(
    conn: &mut AnyConnection,
    thread: ThreadId,
    since: Instant,
) -> AppResult<Recent> {
    Ok(sqlx::query_as(
        "SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM messages
         WHERE communication_id = $1 AND from_institute = 0 AND event = 0 AND created_at > $2",
    )
    .bind(thread)
    .bind(since)
    .fetch_one(conn)
    .await?)
}

/// Every booking event is also a message in its thread, so that the conversation and the
/// appointment stay one story. What the office writes (`from_institute`) counts as the
/// Institute's answer, so the contributor sees it as new. The caller holds the thread's lock.
pub async fn post(tx: &mut WriteTx, message: &NewMessage<'_>) -> AppResult<()> {
    insert(tx, message, true).await?;
    sqlx::query(
        "UPDATE communications SET last_message_at = $1,
             last_institute_message_at = CASE WHEN $2 = 1 THEN $1 ELSE last_institute_message_at END
         WHERE id = $3",
    )
    .bind(message.now)
    .bind(i64::from(message.from_institute))
    .bind(message.communication_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// What a person writes in a thread: who, signed how, from which side, the text.
pub struct Writing<'a> {
    pub thread: ThreadId,
    pub author: UserId,
    /// "Mario Rossi", "Studio Verdi per conto di Mario Rossi", "Sede di Roma"
    pub label: &'a str,
    pub from_institute: bool,
    pub text: &'a str,
    /// The text as a catalogue sentence when part of it is the service's words (an outcome).
    pub said: Option<&'a str>,
}

/// A message from either side, changing the thread's state in one conditional update: a
/// closed thread takes no messages (`None`; otherwise the new message's id), the office's first answer puts a sent thread "In
/// lavorazione", the contributor's side marks it awaiting an answer.
pub async fn write(tx: &mut WriteTx, w: &Writing<'_>, now: Instant) -> AppResult<Option<i64>> {
    let updated = if w.from_institute {
        sqlx::query(
            "UPDATE communications SET last_message_at = $1, last_institute_message_at = $1,
                 awaiting_answer = 0, awaiting_since = NULL,
                 status = CASE WHEN status = 'inviata' THEN 'in_lavorazione' ELSE status END
             WHERE id = $2 AND status <> 'chiusa'",
        )
    } else {
        sqlx::query(
            "UPDATE communications SET last_message_at = $1, awaiting_answer = 1,
                 awaiting_since = COALESCE(awaiting_since, $1), contributor_read_at = $1
             WHERE id = $2 AND status <> 'chiusa'",
        )
    }
    .bind(now)
    .bind(w.thread)
    .execute(&mut **tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(None);
    }
    Ok(Some(written(tx, w, now).await?))
}

/// Registra esito: the outcome and its motivation as the office's message; false if an
/// outcome was already recorded.
pub async fn record_outcome(
    tx: &mut WriteTx,
    status: CommunicationStatus,
    w: &Writing<'_>,
    now: Instant,
) -> AppResult<bool> {
    let updated = sqlx::query(
        "UPDATE communications SET status = $1, last_message_at = $2,
             last_institute_message_at = $2, awaiting_answer = 0, awaiting_since = NULL
         WHERE id = $3 AND status IN ('inviata', 'in_lavorazione')",
    )
    .bind(status)
    .bind(now)
    .bind(w.thread)
    .execute(&mut **tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(false);
    }
    written(tx, w, now).await?;
    Ok(true)
}

/// A message someone wrote in a thread, with the next message id.
async fn written(tx: &mut WriteTx, w: &Writing<'_>, now: Instant) -> AppResult<i64> {
    let message = NewMessage {
        id: crate::db::ids::next_value(tx, Counter::Messages).await?,
        communication_id: w.thread,
        author: Some(w.author),
        label: w.label,
        from_institute: w.from_institute,
        text: w.text,
        said: w.said,
        now,
    };
    insert_message(tx, &message).await?;
    Ok(message.id)
}

pub async fn mark_read(tx: &mut WriteTx, id: ThreadId, now: Instant) -> AppResult<()> {
    sqlx::query("UPDATE communications SET contributor_read_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn office_of_province(
    conn: &mut AnyConnection,
    province: &str,
) -> AppResult<Option<OfficeId>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM offices WHERE province = $1")
            .bind(province)
            .fetch_optional(conn)
            .await?,
    )
}

#[derive(sqlx::FromRow)]
pub struct TopicRow {
    pub code: String,
    pub label: String,
    pub appointment_after_days: i64,
}

pub async fn topics(conn: &mut AnyConnection) -> AppResult<Vec<TopicRow>> {
    Ok(sqlx::query_as(
        "SELECT code, label, appointment_after_days FROM topics ORDER BY position, code",
    )
    .fetch_all(conn)
    .await?)
}
