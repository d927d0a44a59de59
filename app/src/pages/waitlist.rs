//! Lista d'attesa: tr(t::wizard_notify_me()), reached from "Data e ora" when no time
//! suits. The entries themselves are shown in Gestione appuntamenti.

use crate::booking::{Draft, Step};
use crate::client;
use crate::components::contact_fields::{BookingMemory, ContactFields};
use crate::components::error_summary::ErrorSummary;
use crate::components::field::described_by;
use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::components::params::thread_id;
use crate::components::reference_data::{office_of, point_label_of};
use crate::components::submit::Submission;
use crate::language::{date_with_weekday, time, tr, trs};
use api::paths::{self, Arrival};
use api::{
    calls, it, CommunicationDetail, ConsultationPoint, ErrorCode, Office, OfficeId, PartOfDay,
    PointCode, WaitlistDays, WaitlistEntry, WaitlistRequest,
};
use catalogue::t;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

const FIELDS: &[(&str, &str)] = &[
    ("from", "from"),
    ("to", "to"),
    ("part_of_day", "part-any"),
    ("phone", "phone"),
    ("notes", "notes"),
];

/// `YYYY-MM-DD` of the browser's day `days` from today.
fn day_from_today(days: u32) -> String {
    let d = js_sys::Date::new_0();
    d.set_date(d.get_date() + days);
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

#[component]
pub fn WaitlistJoin() -> impl IntoView {
    let query = use_query_map();
    let memory = expect_context::<BookingMemory>();
    let navigate = use_navigate();
    let id = thread_id();
    let point = query
        .read_untracked()
        .get("punto")
        .and_then(|p| PointCode::from_code(&p));
    let office_id = query
        .read_untracked()
        .get("sede")
        .and_then(|v| v.parse::<OfficeId>().ok())
        .unwrap_or_default();
    let thread = fetch::<CommunicationDetail>(move || calls::thread(id.get()));
    let points = fetch::<Vec<ConsultationPoint>>(|| calls::POINTS.into());
    let offices = fetch::<Vec<Office>>(|| calls::OFFICES.into());
    // A signal, not a resource: the form must not wait for it.
    let days = RwSignal::new(None::<WaitlistDays>);
    let days_url = calls::waitlist_days(point.unwrap_or(PointCode::Sportello), office_id);
    leptos::task::spawn_local(async move {
        if let Ok(d) = client::get::<WaitlistDays>(&days_url).await {
            days.set(Some(d));
        }
    });
    let from = RwSignal::new(day_from_today(1));
    let to = RwSignal::new(day_from_today(14));
    let part = RwSignal::new(None::<PartOfDay>);
    let booking = Draft {
        point,
        office: Some(office_id),
        ..Draft::default()
    };
    let back = booking.href(id.get_untracked(), Step::DateTime);
    // A refusal because a place that suits is free: that place, offered as the way forward.
    let free_place = RwSignal::new(None::<String>);
    let joining = Submission::refusing(
        FIELDS,
        move |body: WaitlistRequest| async move {
            client::post::<_, WaitlistEntry>(calls::WAITLIST, &body).await
        },
        move |_: WaitlistEntry| {
            navigate(
                &paths::appointments_after(Arrival::Waiting),
                Default::default(),
            );
            None
        },
        move |error| {
            free_place.set(
                (error.code == Some(ErrorCode::PlacesFree))
                    .then(|| error.free_start.clone())
                    .flatten(),
            );
            None
        },
    );
    let problems = joining.problems;
    let error = move |field: &'static str| joining.error(field);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        free_place.set(None);
        joining.submit(WaitlistRequest {
            communication_id: id.get_untracked(),
            office: office_id,
            point: point.map(Into::into).unwrap_or_default(),
            from: from.get_untracked(),
            to: to.get_untracked(),
            part_of_day: part.get_untracked(),
            phone: memory.phone.get_untracked(),
            notes: memory.notes.get_untracked(),
        });
    };
    let pending = joining.pending();
    // The first days a wait would be taken for, as the starting values; the parts of the day
    // the office receives in.
    let served = RwSignal::new(vec![PartOfDay::Mattina, PartOfDay::Pomeriggio]);
    Effect::new(move || {
        if let Some(d) = days.get() {
            served.set(d.parts());
            if let Some(s) = d.suggestion() {
                from.set(s.from);
                to.set(s.to);
                part.set(s.part);
            } else if let Some(first) = d.days.first() {
                // Nothing full: still days the office serves, never a holiday before the
                // first bookable day (the browser's "tomorrow" may be one).
                from.set(first.date.clone());
                to.set(
                    d.days
                        .get(9)
                        .or(d.days.last())
                        .map(|x| x.date.clone())
                        .unwrap_or_default(),
                );
            }
        }
    });
    let place = move || {
        let office = office_of(offices, office_id)
            .map(|o| o.name)
            .unwrap_or_default();
        let point = point.map(|p| point_label_of(points, p)).unwrap_or_default();
        tr(t::office_and_point(office, point))
    };
    let date_field = move |field: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <div class="form-group" class:form-group--error=move || error(field).get().is_some()>
                <label class="label" for=field>{label}</label>
                // Browsers draw a date field their own way: the format, said once.
                <p class="hint" id=format!("{field}-hint")>{crate::components::field::date_hint()}</p>
                {move || error(field).get().map(|m| view! { <p class="field-error" id=format!("{field}-error")><span class="visually-hidden">{tr(t::field_error_prefix())}</span>{m}</p> })}
                <input class="input input--medium" type="date" id=field name=field bind:value=value
                    aria-describedby=move || described_by(field, true, error(field).get().is_some())
                    aria-invalid=move || error(field).get().map(|_| "true")/>
            </div>
        }
    };
    view! {
        {when_loaded(thread, move |t: CommunicationDetail| {
            if memory.phone.get_untracked().is_empty() {
                if let Some(phone) = t.last_phone.clone() {
                    // Grouped as people write it, not as the server keeps it.
                    memory.phone.set(it::phone(&phone));
                }
            }
            view! { <p class="context">{tr(t::thread_context(&t.summary.protocol, &t.summary.subject))}</p> }
        })}
        <PageHeading title=tr(t::wizard_notify_me())/>
        <p class="lead">{tr(t::waitlist_lead())}</p>
        <dl class="summary">
            <div class="summary__row"><dt>{tr(t::label_office_and_point())}</dt><dd>{place}</dd></div>
        </dl>
        <ErrorSummary problems=problems.into()/>
        {move || free_place.get().map(|start| {
            let href = booking.with_start(&start).href(id.get_untracked(), Step::Contact);
            view! {
                <p><a href=href class="button">{tr(t::waitlist_book_instead(date_with_weekday(&start), time(&start)))}</a></p>
            }
        })}
        {move || days.get().filter(|d| !d.any()).map(|_| view! {
            <div class="alert alert--info" role="status"><p>{tr(t::waitlist_all_free())}</p></div>
        })}
        <form class="form narrow" novalidate on:submit=submit>
            <fieldset class="fieldset">
                <legend class="label">{tr(t::waitlist_days())}</legend>
                <p class="hint">{tr(t::waitlist_days_hint())}</p>
                {date_field("from", trs(t::label_from_day()), from)}
                {date_field("to", trs(t::label_to_day()), to)}
            </fieldset>
            <fieldset class="fieldset form-group" class:form-group--error=move || error("part-any").get().is_some()>
                <legend class="label">{tr(t::waitlist_part())}</legend>
                {move || error("part-any").get().map(|m| view! {
                    <p class="field-error" id="part-error"><span class="visually-hidden">{tr(t::field_error_prefix())}</span>{m}</p>
                })}
                {move || [(None, tr(t::part_any())), (Some(PartOfDay::Mattina), tr(t::part_morning())), (Some(PartOfDay::Pomeriggio), tr(t::part_afternoon()))]
                    .into_iter()
                    // Only the parts of the day the office receives in: a wait for another could never end.
                    .filter(|(code, _)| code.is_none_or(|c| served.get().contains(&c)))
                    .map(|(code, label)| {
                        let id = code.map_or("part-any".to_string(), |c| format!("part-{c}"));
                        view! {
                            <div class="radio">
                                <input type="radio" id=id.clone() name="part" value=code.map_or("", PartOfDay::code)
                                    prop:checked=move || part.get() == code
                                    on:change=move |_| part.set(code)/>
                                <label for=id>{label}</label>
                            </div>
                        }
                    }).collect_view()}
            </fieldset>
            <ContactFields memory=memory problems=problems point=point/>
            // While a free place is offered instead, that is the page's one primary action.
            <button type="submit" class="button" class:button--secondary=move || free_place.get().is_some()>{move || if pending.get() { tr(t::waitlist_pending()) } else { tr(t::wizard_notify_me()) }}</button>
        </form>
        <p><a href=back>{tr(t::waitlist_back())}</a></p>
    }
}
