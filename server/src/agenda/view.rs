//! An appointment as each page shows it, from its `Record`: the detail with its timeline, a
//! line of Gestione appuntamenti, a line of the office's agenda. What a viewer may do comes
//! from `booking::permissions`, the one rule.

use super::repo::{EventRow, Record};
use crate::access::contributor;
use crate::domain::booking::{self, Viewer};
use crate::domain::transition::{BookedBy, CancelledBy, EventKind, Point};
use crate::error::AppResult;
use crate::rome;
use api::{
    Appointment, AppointmentEvent, AppointmentStatus, AppointmentSummary, ConsultationPoint,
    OfficeAppointment, Topic,
};

impl Record {
    fn topic(&self) -> Topic {
        Topic {
            code: self.topic_code.clone(),
            label: self.topic_label.clone(),
            appointment_after_days: self.topic_days as u32,
        }
    }

    fn point(&self) -> ConsultationPoint {
        ConsultationPoint {
            code: self.point_code.clone(),
            label: self.point_label.clone(),
        }
    }

    fn contributor(&self) -> AppResult<api::Contributor> {
        contributor(
            &self.cf,
            &self.contributor_name,
            &self.category,
            &self.province,
        )
    }

    pub fn booked_by(&self) -> BookedBy {
        match self.booker_role.as_str() {
            "intermediario" => BookedBy::Intermediario,
            _ => BookedBy::Contribuente,
        }
    }

    fn permissions(&self, viewer: Viewer, now: i64) -> AppResult<booking::Permissions> {
        Ok(booking::permissions(
            viewer,
            self.status()?,
            self.starts_at,
            self.cancel_cutoff_minutes,
            now,
        ))
    }

    /// The detail page's appointment, with its timeline, as `viewer` sees it at `now`.
    pub fn to_appointment(
        &self,
        events: Vec<EventRow>,
        viewer: Viewer,
        now: i64,
    ) -> AppResult<Appointment> {
        let status = self.status()?;
        let may = self.permissions(viewer, now)?;
        Ok(Appointment {
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
                points: vec![self.point_code.clone()],
            },
            contributor: self.contributor()?,
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
                    label: EventKind::from_code(&e.kind)
                        .map_or("Aggiornamento", EventKind::label)
                        .to_string(),
                    kind: e.kind,
                    actor: e.actor_label,
                    note: e.note,
                })
                .collect(),
            cancelled_by_office: self.cancelled_by() == Some(CancelledBy::Sede),
            cancel_reason: self.cancel_reason.clone(),
            cancel_until: may.cancel_until.map(rome::instant),
            can_cancel: may.can_cancel,
            can_move: may.can_move && self.moves < booking::MAX_MOVES,
            can_record_attendance: may.can_record_attendance,
            viewed_by_office: viewer == Viewer::Office,
        })
    }

    /// A line of Gestione appuntamenti and of the studio's agenda.
    pub fn to_summary(&self, now: i64) -> AppResult<AppointmentSummary> {
        let may = self.permissions(Viewer::ContributorSide, now)?;
        Ok(AppointmentSummary {
            reference: self.reference.clone(),
            status: self.status_at(now)?,
            starts_at: rome::instant(self.starts_at),
            ends_at: rome::instant(self.ends_at),
            office: self.office_name.clone(),
            point: self.point_label.clone(),
            topic: self.topic_label.clone(),
            communication_id: self.communication_id,
            booked_by: self.booked_by_label.clone(),
            managed_by_intermediary: self.booked_by() == BookedBy::Intermediario,
            cancelled_by_office: self.cancelled_by() == Some(CancelledBy::Sede),
            contributor: self.contributor()?,
            upcoming: self.starts_at > now,
            can_move: may.can_move && self.moves < booking::MAX_MOVES,
            office_id: self.office_id,
            point_code: self.point_code.clone(),
        })
    }

    /// A line of the office's agenda, with what the operator needs to reach the contributor.
    pub fn to_office_line(&self, now: i64) -> AppResult<OfficeAppointment> {
        let may = self.permissions(Viewer::Office, now)?;
        let phone = &self.phone;
        let contact = match Point::from_code(&self.point_code) {
            Some(Point::Telefono) => Some(format!("Richiamare il contribuente al numero {phone}.")),
            Some(Point::Video) => Some(format!(
                "Inviare il collegamento alla videochiamata al numero {phone} prima dell'orario."
            )),
            _ => None,
        };
        Ok(OfficeAppointment {
            reference: self.reference.clone(),
            status: self.status()?,
            cancelled_by_office: self.cancelled_by() == Some(CancelledBy::Sede),
            starts_at: rome::instant(self.starts_at),
            ends_at: rome::instant(self.ends_at),
            contributor: self.contributor()?,
            topic: self.topic_label.clone(),
            point: self.point(),
            phone: self.phone.clone(),
            notes: self.notes.clone(),
            communication_id: self.communication_id,
            protocol: self.protocol.clone(),
            contact,
            can_record_attendance: may.can_record_attendance,
            can_cancel: may.can_cancel,
            cancellation_notice: None,
        })
    }
}
