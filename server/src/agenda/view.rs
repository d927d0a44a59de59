//! An appointment as each page and each notice shows it, from its `Record`: the detail with
//! its timeline (`read_back`), a line of Gestione appuntamenti, a line of the office's agenda.
//! What a viewer may do comes from `booking::permissions`, the one rule. A layer below the
//! workflows: the booking's answers and the outbox's e-mails both read appointments here.

use super::repo::{self, EventRow, Record};
use crate::domain::booking::{self, Viewer};
use crate::domain::{rome, texts};
use crate::error::{AppError, AppResult};
use api::{
    Appointment, AppointmentEvent, AppointmentId, AppointmentStatus, AppointmentSummary,
    CancelledBy, ConsultationPoint, Contributor, Instant, ManagedBy, OfficeAppointment, PointCode,
    Role, Topic,
};
use catalogue::t;

/// The appointment as `viewer` sees it now, read through the repository.
pub async fn read_back(
    conn: &mut sqlx::AnyConnection,
    id: AppointmentId,
    viewer: Viewer,
    now: Instant,
) -> AppResult<Appointment> {
    let (r, events) = repo::with_timeline(conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(r.to_appointment(events, viewer, now))
}

impl Record {
    fn topic(&self) -> Topic {
        Topic {
            code: self.topic_code.clone(),
            label: crate::language::topic(&self.topic_code, &self.topic_label),
            appointment_after_days: self.topic_days as u32,
        }
    }

    fn point(&self) -> ConsultationPoint {
        ConsultationPoint {
            code: self.point_code,
            label: crate::language::point(self.point_code),
        }
    }

    pub fn contributor(&self) -> Contributor {
        Contributor {
            cf: self.cf.clone(),
            name: self.contributor_name.clone(),
            category: self.category,
            province: self.province.clone(),
        }
    }

    /// Who booked it: an intermediary, the office, or the contributor themself.
    pub fn managed_by(&self) -> ManagedBy {
        match self.booker_role {
            Role::Intermediario => ManagedBy::Intermediario,
            Role::Operatore => ManagedBy::Sede,
            Role::Contribuente => ManagedBy::Contribuente,
        }
    }

    fn cancelled_by_office(&self) -> bool {
        self.cancelled_by == Some(CancelledBy::Sede)
    }

    /// The room's link while the videochiamata is confirmed (to take place, or taking place).
    fn video_link(&self) -> Option<String> {
        (self.status == AppointmentStatus::Confermato)
            .then(|| self.video_room.as_deref().and_then(crate::video::link))
            .flatten()
    }

    fn permissions(&self, viewer: Viewer, now: Instant) -> booking::Permissions {
        booking::permissions(viewer, self.status, &self.deadlines(), now)
    }

    /// The detail page's appointment, with its timeline, as `viewer` sees it at `now`.
    pub fn to_appointment(
        &self,
        events: Vec<EventRow>,
        viewer: Viewer,
        now: Instant,
    ) -> Appointment {
        let status = self.status;
        let may = self.permissions(viewer, now);
        let language = crate::language::current();
        Appointment {
            reference: self.reference.clone(),
            status,
            communication_id: self.communication_id,
            protocol: self.protocol.clone(),
            subject: self.subject.clone(),
            topic: self.topic(),
            point: self.point(),
            office: api::Office {
                id: self.office_id,
                name: self.office_name.clone(),
                city: self.office_city.clone(),
                address: self.office_address.clone(),
                province: self.office_province.clone(),
                points: vec![self.point_code],
            },
            contributor: self.contributor(),
            starts_at: rome::instant(self.starts_at),
            ends_at: rome::instant(self.ends_at),
            phone: self.phone.clone(),
            notes: self.notes.clone(),
            hold_expires_at: (status == AppointmentStatus::Prenotato)
                .then(|| self.hold_expires_at.map(rome::instant))
                .flatten(),
            booked_by: self.booked_by_label.clone(),
            timeline: events
                .into_iter()
                .map(|e| AppointmentEvent {
                    at: rome::instant(e.at),
                    label: crate::language::render(&e.kind.label()),
                    kind: e.kind,
                    // Colleagues see who acted; the contributor's side reads the office.
                    actor: match (viewer, e.operator_name) {
                        (Viewer::Office, Some(name)) => format!("{} ({name})", e.actor_label),
                        _ => texts::signed(language, &e.actor_label),
                    },
                    note: e
                        .note
                        .map(|note| texts::read_back(language, note, e.note_said.as_deref())),
                })
                .collect(),
            cancelled_by_office: self.cancelled_by_office(),
            cancel_reason: self.cancel_reason.clone(),
            cancel_until: may.cancel_until.map(rome::instant),
            can_cancel: may.can_cancel,
            can_move: may.can_move,
            can_record_attendance: may.can_record_attendance,
            can_correct_attendance: may.can_correct_attendance,
            viewed_by_office: viewer == Viewer::Office,
            video_link: self.video_link(),
            rating_due: None,
        }
    }

    /// A line of Gestione appuntamenti and of the studio's agenda.
    pub fn to_summary(&self, now: Instant) -> AppointmentSummary {
        let may = self.permissions(Viewer::ContributorSide, now);
        AppointmentSummary {
            reference: self.reference.clone(),
            status: self.status_at(now),
            starts_at: rome::instant(self.starts_at),
            ends_at: rome::instant(self.ends_at),
            office: self.office_name.clone(),
            point: crate::language::point(self.point_code),
            topic: crate::language::topic(&self.topic_code, &self.topic_label),
            communication_id: self.communication_id,
            booked_by: self.booked_by_label.clone(),
            managed_by_intermediary: self.managed_by() == ManagedBy::Intermediario,
            cancelled_by_office: self.cancelled_by_office(),
            contributor: self.contributor(),
            upcoming: self.starts_at > now,
            can_move: may.can_move,
            office_id: self.office_id,
            point_code: self.point_code,
        }
    }

    /// A line of the office's agenda, with what the operator needs to reach the contributor.
    pub fn to_office_line(&self, now: Instant) -> OfficeAppointment {
        let may = self.permissions(Viewer::Office, now);
        let phone = api::it::phone(&self.phone);
        let video_link = self.video_link();
        let contact = match self.point_code {
            PointCode::Telefono => Some(crate::language::render(&t::office_call_back(phone))),
            PointCode::Video if video_link.is_some() => {
                Some(crate::language::render(&t::office_join_video(phone)))
            }
            PointCode::Video => Some(crate::language::render(&t::office_send_video_link(phone))),
            PointCode::Sportello => None,
        };
        OfficeAppointment {
            reference: self.reference.clone(),
            status: self.status,
            cancelled_by_office: self.cancelled_by_office(),
            starts_at: rome::instant(self.starts_at),
            ends_at: rome::instant(self.ends_at),
            contributor: self.contributor(),
            topic: crate::language::topic(&self.topic_code, &self.topic_label),
            point: self.point(),
            phone: self.phone.clone(),
            notes: self.notes.clone(),
            communication_id: self.communication_id,
            protocol: self.protocol.clone(),
            contact,
            can_record_attendance: may.can_record_attendance,
            can_cancel: may.can_cancel,
            cancellation_notice: None,
            video_link,
        }
    }
}
