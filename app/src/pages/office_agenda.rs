//! The office's day: "Agenda della sede" (printable), and "Chiusure e capienza", where an
//! operator closes the office (seeing first what the closure would cancel) or changes how many
//! people are on duty on a day.

use crate::client;
use crate::components::error_summary::ErrorSummary;
use crate::components::field::{described_by, FieldGroup};
use crate::components::get_form::GetForm;
use crate::components::heading::focus_later;
use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::components::submit::{Done, Submission};
use crate::language::{date_with_weekday, period, time, tr, trs};
use crate::session::Session;
use api::{
    calls, it, paths, status_text, Attendance, CapacityRequest, Closure, ClosureOutcome, Code,
    DayAvailability, NewClosure, NoticeDelivery, OfficeAgenda, OfficeAppointment, PointCode,
    Reference, Role,
};
use catalogue::t;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

fn is_operator(session: &Session) -> bool {
    session.role() == Some(Role::Operatore)
}

/// "giovedì 26 novembre 2026" from "2026-11-26".
fn long_day(date: &str) -> String {
    date_with_weekday(&format!("{date}T12:00:00+01:00"))
}

/// One row of the day; `record` takes "Svolto" or "Non presentato" in one click (the esito,
/// when there is one to write, on the appointment's page).
fn row(a: OfficeAppointment, record: Callback<(Reference, Attendance)>) -> impl IntoView {
    let href = paths::appointment(&a.reference);
    let action_label = |label: &str| {
        tr(t::agenda_action_of(
            label,
            a.reference.to_string(),
            time(&a.starts_at),
        ))
    };
    let action = if a.can_record_attendance {
        Some(trs(t::agenda_record_attendance()))
    } else if a.can_cancel {
        Some(trs(t::agenda_manage()))
    } else {
        None
    }
    .map(|label| (label, action_label(label)));
    view! {
        <tr>
            <td class="nowrap table__lead"><strong>{format!("{}–{}", time(&a.starts_at), time(&a.ends_at))}</strong><br/><a href=href.clone()>{a.reference.to_string()}</a></td>
            <td data-label=trs(t::agenda_col_contributor())>{a.contributor.name.clone()}<br/><span class="hint">{a.contributor.cf.to_string()}</span></td>
            <td data-label=trs(t::agenda_col_topic())>{a.topic.clone()}<br/><span class="hint">{a.protocol.clone()}</span></td>
            <td data-label=trs(t::agenda_col_point())>
                {a.point.label.clone()}<br/><span class="nowrap">{tr(t::agenda_phone(it::phone(&a.phone)))}</span>
                {a.contact.clone().map(|c| view! { <br/><span class="hint">{c}</span> })}
                {a.video_link.clone().map(|link| view! {
                    <br/><a href=link target="_blank" rel="noopener external">{tr(t::agenda_video_join())}</a>
                })}
            </td>
            <td class="message__text agenda__notes" data-label=trs(t::agenda_col_notes())>{a.notes.clone()}</td>
            <td data-label=trs(t::agenda_col_status())>
                <span class=format!("status-tag status-tag--{}", a.status.code())>{tr(status_text(a.status, a.cancelled_by_office))}</span>
                {a.cancellation_notice.map(|n| match n {
                    NoticeDelivery::NonRecapitata | NoticeDelivery::NessunRecapito => view! { <br/><strong class="hint">{tr(n.label())}</strong> }.into_any(),
                    _ => view! { <br/><span class="hint">{tr(n.label())}</span> }.into_any(),
                })}
            </td>
            <td class="no-print" data-label=trs(t::agenda_col_actions())>
                {a.can_record_attendance.then(|| {
                    let (met, missed) = (a.reference.clone(), a.reference.clone());
                    view! {
                        <div class="row-actions">
                            <button type="button" class="button button--small" aria-label=action_label(&tr(Attendance::Svolto.label()))
                                on:click=move |_| record.run((met.clone(), Attendance::Svolto))>{tr(Attendance::Svolto.label())}</button>
                            <button type="button" class="button button--small button--secondary" aria-label=action_label(&tr(Attendance::NonPresentato.label()))
                                on:click=move |_| record.run((missed.clone(), Attendance::NonPresentato))>{tr(Attendance::NonPresentato.label())}</button>
                        </div>
                    }
                })}
                {action.map(|(label, name)| view! {
                    <a href=href aria-label=name>{label}</a>
                })}
            </td>
        </tr>
    }
}

#[component]
pub fn OfficeAgendaPage() -> impl IntoView {
    let session = expect_context::<Session>();
    if !is_operator(&session) {
        return view! { <Redirect path=session.home()/> }.into_any();
    }
    let query = use_query_map();
    let day = move || query.read().get("data").unwrap_or_default();
    let version = RwSignal::new(0u32);
    let agenda = fetch::<OfficeAgenda>(move || {
        version.track();
        calls::office_agenda(&String::from(js_sys::encode_uri_component(&day())))
    });
    // Svolto / Non presentato from the row: recorded, said, and the day read again.
    let recording = Submission::new(
        &[],
        move |(reference, outcome): (Reference, Attendance)| async move {
            let body = api::AttendanceRequest {
                outcome: outcome.into(),
                text: None,
            };
            client::post::<_, api::Appointment>(
                &calls::appointment_step(&reference, calls::Step::Attendance),
                &body,
            )
            .await
            .map(|_| (reference, outcome))
        },
        move |(reference, outcome): (Reference, Attendance)| {
            version.update(|v| *v += 1);
            Some(tr(t::agenda_recorded(
                reference.to_string(),
                outcome.label(),
            )))
        },
    );
    let record = Callback::new(move |input: (Reference, Attendance)| recording.submit(input));
    view! {
        <PageHeading title=tr(t::agenda_title())/>
        <Done text=recording.done/>
        <ErrorSummary problems=recording.problems.into()/>
        {when_loaded(agenda, move |a: OfficeAgenda| {
            // Cancelled appointments are listed, but the day's count is of those that stand.
            let count = a.appointments.iter().filter(|x| x.status != api::AppointmentStatus::Annullato).count();
            let listed = a.appointments.len();
            let to_record = a.appointments.iter().filter(|x| x.can_record_attendance).count();
            let caption = tr(t::agenda_caption(long_day(&a.date)));
            let date = a.date.clone();
            // The tab names the day, as the heading's lead does.
            crate::components::heading::set_title(&tr(t::agenda_title_of(long_day(&a.date))));
            view! {
                <p class="lead">{format!("{} – {}", a.office, long_day(&a.date))}</p>
                <nav class="day-nav no-print" aria-label=tr(t::agenda_days())>
                    <a href=paths::office_day(&a.previous)>{tr(t::agenda_previous_day())}</a>
                    <a href=paths::OFFICE_AGENDA>{tr(t::agenda_today())}</a>
                    <a href=paths::office_day(&a.next)>{tr(t::agenda_next_day())}</a>
                </nav>
                <GetForm action=paths::OFFICE_AGENDA class="filters no-print" label=trs(t::agenda_choose_day())>
                    <div class="filters__field">
                        <label class="label" for="giorno">{tr(t::agenda_day())}</label>
                        <p class="hint" id="giorno-hint">{crate::components::field::date_hint()}</p>
                        <input class="input" type="date" id="giorno" name="data" prop:value=a.date.clone() aria-describedby="giorno-hint"/>
                    </div>
                    <button type="submit" class="button button--secondary">{tr(t::agenda_show())}</button>
                </GetForm>
                // A closed day says so first: why its hours are empty.
                {a.closures.iter().map(|c| view! {
                    <div class="alert alert--warning">
                        <p><strong>{tr(t::agenda_closed())}</strong>{format!("{} – {}: {}", period(&c.starts_at, &c.ends_at), c.point.as_ref().map(|p| p.label.clone()).unwrap_or_else(|| tr(t::agenda_all_points_lower())), c.reason)}</p>
                    </div>
                }).collect_view()}
                <p class="result-count" role="status">{tr(t::agenda_count(count))}</p>
                <p class="waiting-count">{tr(t::agenda_waiting(a.waiting))}</p>
                {(to_record > 0).then(|| view! {
                    <p class="waiting-since">{tr(t::agenda_to_record(to_record))}</p>
                })}
                {(listed > 0).then(|| view! {
                    // On a phone each appointment is a card with its actions in reach.
                    <div class="table-wrap table-wrap--stack">
                    <table class="table table--agenda table--stack">
                        <caption class="visually-hidden">{caption.clone()}</caption>
                        <thead><tr>
                            <th scope="col">{tr(t::agenda_col_time())}</th>
                            <th scope="col">{tr(t::agenda_col_contributor())}</th>
                            <th scope="col">{tr(t::agenda_col_topic())}</th>
                            <th scope="col">{tr(t::agenda_col_point_contact())}</th>
                            <th scope="col">{tr(t::agenda_col_notes())}</th>
                            <th scope="col">{tr(t::agenda_col_status())}</th>
                            <th scope="col" class="no-print">{tr(t::agenda_col_actions())}</th>
                        </tr></thead>
                        <tbody>{a.appointments.into_iter().map(|x| row(x, record)).collect_view()}</tbody>
                    </table>
                    </div>
                })}
                {(!a.waitlist.is_empty()).then(|| view! {
                    <section aria-labelledby="lista-attesa-giorno">
                        <h2 id="lista-attesa-giorno">{tr(t::agenda_waitlist())}</h2>
                        <p class="hint">{tr(t::agenda_waitlist_order())}</p>
                        <ol class="search-results">
                            {a.waitlist.iter().map(|w| {
                                let part = w.part_of_day.map(|p| format!(" {}", tr(p.label()))).unwrap_or_default();
                                let state = match (&w.offered_start, &w.offer_until) {
                                    (Some(start), Some(until)) => tr(t::agenda_waitlist_offered(time(start), time(until), date_with_weekday(until))),
                                    _ => tr(t::agenda_waitlist_since(crate::language::date(&w.since))),
                                };
                                view! {
                                    <li>
                                        <a href=paths::thread(w.communication_id)>{w.contributor.name.clone()}</a>
                                        {format!(" ({}) – {}{part} – {state}", w.contributor.cf, w.point.label)}
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    </section>
                })}
                <p class="no-print actions">
                    <button type="button" class="button button--secondary" on:click=|_| { let _ = window().print(); }>{tr(t::agenda_print())}</button>
                    <a class="button button--secondary" href=calls::office_agenda_csv(&date, &date) download=format!("agenda-{date}.csv")>{tr(t::agenda_download())}</a>
                </p>
            }
        })}
    }
    .into_any()
}

/// The period a closure form describes, as the preview repeats it.
fn draft_period(d: &NewClosure) -> String {
    let days = if d.from == d.to {
        date_with_weekday(&d.from)
    } else {
        tr(t::closure_days(
            date_with_weekday(&d.from),
            date_with_weekday(&d.to),
        ))
    };
    tr(match (&d.start_time, &d.end_time) {
        (Some(s), Some(e)) => t::closure_hours(days, s, e),
        (Some(s), None) => t::closure_from(days, s),
        (None, Some(e)) => t::closure_until(days, e),
        (None, None) => t::closure_whole_days(days),
    })
}

#[component]
pub fn ClosuresPage() -> impl IntoView {
    let session = expect_context::<Session>();
    if !is_operator(&session) {
        return view! { <Redirect path=session.home()/> }.into_any();
    }
    let refresh = RwSignal::new(0u32);
    let list = fetch::<Vec<Closure>>(move || {
        refresh.track();
        calls::CLOSURES.to_string()
    });
    let points = fetch::<Vec<api::ConsultationPoint>>(|| calls::POINTS.to_string());
    let draft = RwSignal::new(NewClosure::default());
    let preview = RwSignal::new(None::<ClosureOutcome>);
    // Verifica, then Conferma: one form, one list of problems.
    let closing = Submission::new(
        &[
            ("point", "chiusura-punto"),
            ("from", "chiusura-dal"),
            ("to", "chiusura-al"),
            ("start_time", "chiusura-dalle"),
            ("end_time", "chiusura-alle"),
            ("reason", "chiusura-motivo"),
        ],
        move |step: ClosureStep| async move {
            match step {
                ClosureStep::Check(body) => {
                    client::post::<_, ClosureOutcome>(calls::CLOSURE_PREVIEW, &body)
                        .await
                        .map(ClosureDone::Checked)
                }
                ClosureStep::Declare(body) => {
                    client::post::<_, ClosureOutcome>(calls::CLOSURES, &body)
                        .await
                        .map(ClosureDone::Declared)
                }
            }
        },
        move |done: ClosureDone| match done {
            ClosureDone::Checked(outcome) => {
                preview.set(Some(outcome));
                None
            }
            ClosureDone::Declared(outcome) => {
                preview.set(None);
                // The point stays chosen (and shown: the select follows the state), the rest
                // starts again.
                draft.update(|d| {
                    *d = NewClosure {
                        point: d.point.clone(),
                        ..NewClosure::default()
                    }
                });
                refresh.update(|n| *n += 1);
                focus_later("chiusura-esito");
                Some(tr(t::closure_declared(outcome.affected.len())))
            }
        },
    );
    // Revoca: the hours come back; what the closure cancelled stays cancelled, and says so.
    let revoking = Submission::new(
        &[],
        move |id: i64| async move { client::delete(&calls::closure(id)).await },
        move |()| {
            refresh.update(|n| *n += 1);
            focus_later("chiusura-esito");
            Some(tr(t::closure_revoked()))
        },
    );
    let problems = closing.problems;
    let error = move |id: &'static str| closing.error(id);
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        preview.set(None);
        closing.submit(ClosureStep::Check(draft.get_untracked()));
    };
    let declare = move |_| {
        let mut body = draft.get_untracked();
        body.cancel_appointments = true;
        closing.submit(ClosureStep::Declare(body));
    };
    let set = move |f: fn(&mut NewClosure, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            preview.set(None);
            draft.update(|d| f(d, value));
        }
    };
    view! {
        <PageHeading title=tr(t::closures_title())/>
        <p class="lead">{tr(t::closures_lead())}</p>
        <div id="chiusura-esito" tabindex="-1"><Done text=closing.done/><Done text=revoking.done/></div>
        <h2>{tr(t::closures_planned())}</h2>
        <ErrorSummary problems=revoking.problems.into()/>
        {when_loaded(list, move |list: Vec<Closure>| {
            if list.is_empty() {
                return view! { <p>{tr(t::closures_none())}</p> }.into_any();
            }
            view! {
                <ul class="closure-list">
                    {list.into_iter().map(|c| {
                        let period = period(&c.starts_at, &c.ends_at);
                        // Only one still to start can go (the server says so too).
                        let future = js_sys::Date::parse(&c.starts_at) > js_sys::Date::now();
                        let (id, name) = (c.id, tr(t::closure_revoke_named(&period)));
                        view! {
                            <li>
                                <strong>{period.clone()}</strong>
                                {format!(" – {}: {}", c.point.map(|p| p.label).unwrap_or_else(|| tr(t::agenda_all_points_lower())), c.reason)}
                                {future.then(|| view! {
                                    " "<button type="button" class="button button--small button--secondary" aria-label=name
                                        on:click=move |_| revoking.submit(id)>{tr(t::closure_revoke())}</button>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        })}
        <h2 id="chiusura-titolo">{tr(t::closure_declare())}</h2>
        <ErrorSummary problems=problems.into()/>
        <form class="form narrow" novalidate on:submit=check aria-labelledby="chiusura-titolo">
            <FieldGroup id="chiusura-punto" label=trs(t::closure_point()) error=error("chiusura-punto")>
                <select class="select" id="chiusura-punto" prop:value=move || draft.with(|d| d.point.as_ref().and_then(Code::known).map(|p| p.code().to_string()).unwrap_or_default()) on:change=set(|d, v| d.point = (!v.is_empty()).then(|| Code::read(&v)))>
                    <option value="">{tr(t::closure_all_points())}</option>
                    {move || points.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|p| {
                        let code = p.code;
                        view! {
                            <option value=code.code() selected=move || draft.with(|d| d.point.as_ref().and_then(Code::known) == Some(code))>{p.label.clone()}</option>
                        }
                    }).collect_view()}
                </select>
            </FieldGroup>
            <div class="form-row">
                <FieldGroup id="chiusura-dal" label=trs(t::closure_from_day()) hint=crate::components::field::date_hint() error=error("chiusura-dal")>
                    <input class="input" type="date" id="chiusura-dal" prop:value=move || draft.with(|d| d.from.clone())
                        aria-describedby=move || described_by("chiusura-dal", true, error("chiusura-dal").get().is_some())
                        on:change=set(|d, v| d.from = v)/>
                </FieldGroup>
                <FieldGroup id="chiusura-al" label=trs(t::closure_to_day()) hint=crate::components::field::date_hint() error=error("chiusura-al")>
                    <input class="input" type="date" id="chiusura-al" prop:value=move || draft.with(|d| d.to.clone())
                        aria-describedby=move || described_by("chiusura-al", true, error("chiusura-al").get().is_some())
                        on:change=set(|d, v| d.to = v)/>
                </FieldGroup>
            </div>
            <p class="hint" id="orari-hint">{tr(t::closure_hours_hint())}</p>
            <div class="form-row">
                <FieldGroup id="chiusura-dalle" label=trs(t::closure_from_time()) error=error("chiusura-dalle")>
                    <input class="input" type="time" id="chiusura-dalle" prop:value=move || draft.with(|d| d.start_time.clone().unwrap_or_default())
                        aria-describedby=move || described_by("chiusura-dalle", false, error("chiusura-dalle").get().is_some()).unwrap_or_else(|| "orari-hint".into())
                        on:change=set(|d, v| d.start_time = Some(v).filter(|v| !v.is_empty()))/>
                </FieldGroup>
                <FieldGroup id="chiusura-alle" label=trs(t::closure_to_time()) error=error("chiusura-alle")>
                    <input class="input" type="time" id="chiusura-alle" prop:value=move || draft.with(|d| d.end_time.clone().unwrap_or_default())
                        aria-describedby=move || described_by("chiusura-alle", false, error("chiusura-alle").get().is_some()).unwrap_or_else(|| "orari-hint".into())
                        on:change=set(|d, v| d.end_time = Some(v).filter(|v| !v.is_empty()))/>
                </FieldGroup>
            </div>
            <FieldGroup id="chiusura-motivo" label=trs(t::closure_reason()) hint=trs(t::closure_reason_hint()) error=error("chiusura-motivo")>
                <textarea class="textarea" id="chiusura-motivo" rows="3" maxlength="500"
                    aria-describedby=move || described_by("chiusura-motivo", true, error("chiusura-motivo").get().is_some())
                    prop:value=move || draft.with(|d| d.reason.clone())
                    on:input=set(|d, v| d.reason = v)></textarea>
            </FieldGroup>
            <button type="submit" class="button">{tr(t::closure_check())}</button>
        </form>
        {move || preview.get().map(|p| {
            let n = p.affected.len();
            view! {
                <section class="closure-preview" aria-labelledby="verifica-titolo">
                    <h2 id="verifica-titolo">{tr(t::closure_check_title())}</h2>
                    <p class="booking-choice"><strong>{move || draft.with(|d| {
                        let point = d.point.as_ref().and_then(Code::known).map(|c| {
                            points.get().and_then(Result::ok).unwrap_or_default().into_iter()
                                .find(|p| p.code == c).map(|p| p.label).unwrap_or_default()
                        });
                        point.unwrap_or_else(|| tr(t::closure_all_points()))
                    })}</strong><br/>{move || draft.with(draft_period)}</p>
                    {if n == 0 {
                        view! { <div class="alert alert--info" role="status"><p>{tr(t::closure_nothing_affected())}</p></div> }.into_any()
                    } else {
                        view! {
                            <div class="alert alert--warning" role="alert">
                                <p>{tr(t::closure_affected(n))}</p>
                            </div>
                            <ul class="closure-list" aria-label=tr(t::closure_affected_list())>
                                {p.affected.into_iter().map(|a| view! {
                                    <li>{tr(t::closure_affected_line(a.reference.to_string(), date_with_weekday(&a.starts_at), time(&a.starts_at), &a.contributor.name, &a.point.label, status_text(a.status, a.cancelled_by_office)))}</li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                    <p><button type="button" class="button" on:click=declare>{if n == 0 {
                        tr(t::closure_confirm())
                    } else {
                        tr(t::closure_confirm_cancelling())
                    }}</button></p>
                </section>
            }
        })}
        <CapacityForm/>
    }
    .into_any()
}

/// A step of the closure form.
#[derive(Clone)]
enum ClosureStep {
    Check(NewClosure),
    Declare(NewClosure),
}

enum ClosureDone {
    Checked(ClosureOutcome),
    Declared(ClosureOutcome),
}

#[component]
fn CapacityForm() -> impl IntoView {
    let draft = RwSignal::new(CapacityRequest {
        date: String::new(),
        point: PointCode::Sportello.into(),
        capacity: 2,
    });
    let changing = Submission::new(
        &[
            ("date", "capienza-giorno"),
            ("point", "capienza-punto"),
            ("capacity", "capienza-persone"),
        ],
        move |body: CapacityRequest| async move {
            let capacity = body.capacity;
            client::post::<_, DayAvailability>(calls::CAPACITY, &body)
                .await
                .map(|day| (day, capacity))
        },
        move |(day, capacity): (DayAvailability, i64)| {
            Some(tr(t::capacity_updated(capacity, long_day(&day.date))))
        },
    );
    let error = move |id: &'static str| changing.error(id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        changing.submit(draft.get_untracked());
    };
    // What the chosen day and point hold now, read again after each change.
    let current = LocalResource::new(move || {
        let (date, point) = draft.with(|d| (d.date.clone(), d.point.known()));
        changing.done.track();
        async move {
            if date.is_empty() {
                return None;
            }
            let week = client::get::<api::OfficeWeek>(&calls::office_week(&date))
                .await
                .ok()?;
            let day = week.days.into_iter().find(|d| d.date == date)?;
            let load = day
                .points
                .into_iter()
                .find(|p| Some(p.point.code) == point)?;
            Some(if load.capacity == 0 {
                tr(t::capacity_none(long_day(&date)))
            } else {
                tr(t::capacity_now(long_day(&date), load.capacity, load.booked))
            })
        }
    });
    view! {
        <h2 id="capienza-titolo">{tr(t::capacity_title())}</h2>
        <p>{tr(t::capacity_lead())}</p>
        <Done text=changing.done/>
        // Every refusal in the summary, focused and announced, as on every other form.
        <ErrorSummary problems=changing.problems.into()/>
        <form class="form narrow" novalidate on:submit=submit aria-labelledby="capienza-titolo">
            <div class="form-row">
                <FieldGroup id="capienza-giorno" label=trs(t::agenda_day()) hint=crate::components::field::date_hint() error=error("capienza-giorno")>
                    <input class="input" type="date" id="capienza-giorno" aria-describedby="capienza-giorno-hint"
                        on:change=move |ev| draft.update(|d| d.date = event_target_value(&ev))/>
                </FieldGroup>
                <FieldGroup id="capienza-punto" label=trs(t::closure_point()) error=error("capienza-punto")>
                    <select class="select" id="capienza-punto" on:change=move |ev| draft.update(|d| d.point = Code::read(&event_target_value(&ev)))>
                        <option value=PointCode::Sportello.code()>{tr(t::point_name_sportello())}</option>
                        <option value=PointCode::Telefono.code()>{tr(t::point_name_telefono())}</option>
                        <option value=PointCode::Video.code()>{tr(t::point_name_video())}</option>
                    </select>
                </FieldGroup>
                <FieldGroup id="capienza-persone" label=trs(t::capacity_people()) error=error("capienza-persone")>
                    <input class="input input--short" type="number" id="capienza-persone" min="1" max="50" inputmode="numeric"
                        prop:value=move || draft.with(|d| d.capacity.to_string())
                        on:change=move |ev| draft.update(|d| d.capacity = event_target_value(&ev).trim().parse().unwrap_or(0))/>
                </FieldGroup>
            </div>
            <p class="hint" aria-live="polite">{move || current.get().flatten()}</p>
            <button type="submit" class="button">{tr(t::capacity_update())}</button>
        </form>
    }
}
