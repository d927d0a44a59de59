//! A day for the office to work on, loaded by `--demo` only (the tests book their own).

use super::people::{demo_error, CONTRIBUTORS, DAY};
use crate::communications::repo::{insert_thread, FirstMessage, NewMessage, NewThread};
use crate::db::ids::{next_value, Counter};
use crate::db::{Db, WriteTx};
use crate::domain::transition::Transition;
use crate::domain::{rome, texts};
use api::{
    CommunicationStatus, ContributorId, EventKind, Instant, OfficeId, PointCode, SlotId, ThreadId,
    UserId,
};

/// Demo appointments for Rossi at the Sede di Roma, so that "Agenda della sede" has a day to
/// work on: two meetings on the last working day (attendance still to record) and one on the
/// first bookable day (which the office may cancel). Only `--demo` loads them: the tests book
/// their own.
pub async fn load_office_day(db: &Db, now: Instant) -> Result<(), sqlx::Error> {
    use crate::domain::calendar::{is_closed_day, next_working_day};
    use jiff::ToSpan;
    let office: OfficeId = sqlx::query_scalar("SELECT id FROM offices WHERE province = 'RM'")
        .fetch_one(&db.pool)
        .await?;
    let patron: Option<String> = sqlx::query_scalar("SELECT patron_day FROM offices WHERE id = $1")
        .bind(office)
        .fetch_one(&db.pool)
        .await?;
    let contributor: ContributorId =
        sqlx::query_scalar("SELECT id FROM contributors WHERE cf = $1")
            .bind(CONTRIBUTORS[0].0)
            .fetch_one(&db.pool)
            .await?;
    let today = rome::date_of(now);
    let mut past = today.checked_sub(1.day()).expect("in range");
    while is_closed_day(past, patron.as_deref()) {
        past = past.checked_sub(1.day()).expect("in range");
    }
    let future = next_working_day(today, patron.as_deref());
    let at = |day: jiff::civil::Date, hour: i8, minute: i8| {
        rome::at(day, jiff::civil::Time::constant(hour, minute, 0, 0)).unwrap_or_default()
    };
    let meetings = [
        (
            "estratto_conto",
            "Contributi 2023: verifica dei versamenti",
            at(past, 9, 0),
            "Porto le quietanze F24 del 2023.",
        ),
        (
            "iscrizione",
            "Variazione della sede dell'attività",
            at(past, 9, 30),
            "Devo comunicare il trasferimento del laboratorio.",
        ),
        (
            "iscrizione",
            "Cessazione dell'attività: ultimi contributi",
            at(past, 10, 0),
            "Chiudo la bottega a fine anno: cosa devo ancora versare?",
        ),
        (
            "esonero",
            "Esonero contributivo per il primo anno di attività",
            at(future, 10, 0),
            "Vorrei sapere se posso ancora chiedere l'esonero.",
        ),
    ];
    let mut tx = db.begin_write().await?;
    let office_name: String = sqlx::query_scalar("SELECT name FROM offices WHERE id = $1")
        .bind(office)
        .fetch_one(&mut *tx)
        .await?;
    for meeting in meetings {
        load_meeting(&mut tx, (office, &office_name), contributor, meeting, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// One confirmed meeting of Rossi's at the office, with its thread, as a real booking writes it.
async fn load_meeting(
    tx: &mut WriteTx,
    (office, office_name): (OfficeId, &str),
    contributor: ContributorId,
    (topic, subject, starts_at, notes): (&str, &str, Instant, &str),
    now: Instant,
) -> Result<(), sqlx::Error> {
    let sent_at = now - 60 * DAY;
    let (thread, _) = insert_thread(
        tx,
        NewThread {
            contributor_id: contributor,
            office_id: office,
            topic,
            subject,
            status: CommunicationStatus::InLavorazione,
            sent_at,
        },
        FirstMessage {
            author: None,
            label: CONTRIBUTORS[0].1,
            text: notes,
        },
    )
    .await
    .map_err(demo_error)?;
    let ends_at = starts_at + 30 * 60;
    // Booked three days before, and never later than now (a Monday meeting seen on a Friday
    // morning).
    let booked_at = (starts_at - 3 * DAY).min(now - 3600);
    let slot = demo_slot(tx, office, starts_at, ends_at).await?;
    let user: UserId = sqlx::query_scalar("SELECT user_id FROM contributors WHERE id = $1")
        .bind(contributor)
        .fetch_one(&mut **tx)
        .await?;
    let reference = insert_confirmed(
        tx,
        Confirmed {
            thread,
            contributor,
            user,
            slot,
            office,
            topic,
            starts_at,
            ends_at,
            notes,
            booked_at,
        },
    )
    .await?;
    let starts = rome::instant(starts_at);
    let about = texts::About {
        reference: &reference,
        starts_at: &starts,
        office: office_name,
        point: api::PointCode::Sportello,
    };
    let who = CONTRIBUTORS[0].1.to_string();
    let actor = texts::Actor {
        user: Some(user),
        timeline: who.clone(),
        thread: who,
    };
    let said = texts::after(&Transition::Confirm, &about, "", &actor);
    let (text, stored) = (said.italian(), said.stored());
    // The service's message, as a real booking writes it.
    let booked = NewMessage {
        id: next_value(tx, Counter::Messages).await?,
        communication_id: thread,
        author: Some(user),
        label: texts::SYSTEM_AUTHOR,
        from_institute: false,
        text: &text,
        said: stored.as_deref(),
        now: booked_at,
    };
    crate::communications::repo::post(tx, &booked)
        .await
        .map_err(demo_error)?;
    sqlx::query("UPDATE communications SET last_message_at = $1 WHERE id = $2")
        .bind(booked_at.max(sent_at))
        .bind(thread)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The Sportello slot the meeting sits in, made with one place taken if the day has none yet.
async fn demo_slot(
    tx: &mut WriteTx,
    office: OfficeId,
    starts_at: Instant,
    ends_at: Instant,
) -> Result<SlotId, sqlx::Error> {
    let slot = crate::agenda::slot_rows::slot_id(office, PointCode::Sportello, starts_at);
    sqlx::query(
        "INSERT INTO slots (id, office_id, point_code, starts_at, ends_at, capacity, booked)
         VALUES ($1, $2, 'sportello', $3, $4, 2, 1)
         ON CONFLICT (office_id, point_code, starts_at) DO NOTHING",
    )
    .bind(slot)
    .bind(office)
    .bind(starts_at)
    .bind(ends_at)
    .execute(&mut **tx)
    .await?;
    sqlx::query_scalar(
        "SELECT id FROM slots WHERE office_id = $1 AND point_code = 'sportello' AND starts_at = $2",
    )
    .bind(office)
    .bind(starts_at)
    .fetch_one(&mut **tx)
    .await
}

/// A meeting as a booking confirmed by its contributor leaves it.
struct Confirmed<'a> {
    thread: ThreadId,
    contributor: ContributorId,
    user: UserId,
    slot: SlotId,
    office: OfficeId,
    topic: &'a str,
    starts_at: Instant,
    ends_at: Instant,
    notes: &'a str,
    booked_at: Instant,
}

/// The appointment row and its Prenotato and Confermato events; returns its reference.
async fn insert_confirmed(tx: &mut WriteTx, m: Confirmed<'_>) -> Result<String, sqlx::Error> {
    let id = next_value(tx, Counter::Appointments).await?;
    let year = rome::date_of(m.booked_at).year();
    let reference = format!(
        "AP-{year}-{:06}",
        next_value(tx, Counter::Reference(year)).await?
    );
    sqlx::query(
        "INSERT INTO appointments (id, reference, communication_id, contributor_id, slot_id,
             office_id, point_code, topic_code, starts_at, ends_at, phone, notes, status,
             booked_by, booked_by_label, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'sportello', $7, $8, $9, '0612345678', $10,
             'confermato', $11, $12, $13, $13)",
    )
    .bind(id)
    .bind(&reference)
    .bind(m.thread)
    .bind(m.contributor)
    .bind(m.slot)
    .bind(m.office)
    .bind(m.topic)
    .bind(m.starts_at)
    .bind(m.ends_at)
    .bind(m.notes)
    .bind(m.user)
    .bind(CONTRIBUTORS[0].1)
    .bind(m.booked_at)
    .execute(&mut **tx)
    .await?;
    for kind in [EventKind::Prenotato, EventKind::Confermato] {
        let event = next_value(tx, Counter::AppointmentEvents).await?;
        sqlx::query(
            "INSERT INTO appointment_events (id, appointment_id, at, kind, actor_user_id, actor_label)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(event)
        .bind(id)
        .bind(m.booked_at)
        .bind(kind)
        .bind(m.user)
        .bind(CONTRIBUTORS[0].1)
        .execute(&mut **tx)
        .await?;
    }
    Ok(reference)
}
