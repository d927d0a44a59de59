//! tr(t::request_appointment()): the three steps (punto di consulenza, struttura territoriale, data e
//! ora), then "Recapito e note" and tr(t::booking_submit()); the choices live in the address.
//! Sposta appuntamento walks the same steps and ends in its own (`moving`).

mod moving;

use crate::booking::{offices_for, Draft, Step};
use crate::client::{self, ApiError};
use crate::components::contact_fields::{BookingMemory, ContactFields};
use crate::components::error_summary::{ErrorSummary, Problem};
use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::components::mail_notice::{Mail, MailNotice};
use crate::components::params::thread_id;
use crate::components::reference_data::{office_of, point_label_of};
use crate::components::submit::Submission;
use crate::language::{date_with_weekday, time, tr, trs};
use api::{
    calls, it, paths, Appointment, CommunicationDetail, ConsultationPoint, DayAvailability,
    ErrorCode, HoldRequest, Office, PointCode, ThreadId, WaitlistDays,
};
use catalogue::t;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

/// Writes a choice into the current history entry without a navigation, so that the browser's
/// back button returns to this step with the choice made (and the focus stays where it is).
fn remember(href: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
    }
}

#[component]
fn Stepper(current: Step, draft: Draft) -> impl IntoView {
    view! {
        <ol class="stepper" aria-label=if draft.moving.is_some() { tr(t::wizard_steps_move()) } else { tr(t::wizard_steps()) }>
            {Step::ALL.into_iter().map(|step| {
                let state = if step == current { "current" } else if draft.is_done(step) && step < current { "done" } else { "todo" };
                view! {
                    <li class=format!("stepper__step stepper__step--{state}") aria-current=(step == current).then_some("step")>
                        <span class="stepper__number" aria-hidden="true">{step.number()}</span>
                        <span class="stepper__title">{if step == Step::Contact && draft.moving.is_some() { trs(t::wizard_confirm_move()) } else { step.title() }}</span>
                        {(state == "done").then(|| view! { <span class="visually-hidden">" (completato)"</span> })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

#[component]
pub fn BookingWizard() -> impl IntoView {
    let query = use_query_map();
    let memory = expect_context::<BookingMemory>();
    let id = thread_id();
    let thread = fetch::<CommunicationDetail>(move || calls::thread(id.get()));
    let points = fetch::<Vec<ConsultationPoint>>(|| calls::POINTS.into());
    let offices = fetch::<Vec<Office>>(|| calls::OFFICES.into());
    let draft = Memo::new(move |_| Draft::from_query(|k| query.read().get(k)));

    view! {
        {when_loaded(thread, move |t: CommunicationDetail| {
            let summary = t.summary.clone();
            let moving = draft.get_untracked().0.moving;
            if !summary.eligibility.eligible && moving.is_none() {
                return view! {
                    <PageHeading title=tr(t::request_appointment())/>
                    <div class="alert alert--info" role="status"><p>{summary.eligibility.reason.clone()}</p></div>
                    {summary.eligibility.active_appointment.clone().map(|r| view! {
                        <p><a href=paths::appointment(&r)>{tr(t::wizard_go_appointment(r.as_str()))}</a></p>
                    })}
                    {summary.eligibility.limit_reached.then(|| view! {
                        <p><a href=paths::APPOINTMENTS>{tr(t::request_go_appointments())}</a></p>
                    })}
                    <p><a href=paths::thread(summary.id)>{tr(t::back_to_thread())}</a></p>
                }.into_any();
            }
            // "Recapito telefonico" starts from the latest booking's number.
            if memory.phone.get_untracked().is_empty() {
                if let Some(phone) = t.last_phone.clone() {
                    // Grouped as people write it, not as the server keeps it.
                    memory.phone.set(it::phone(&phone));
                }
            }
            let province = t.contributor.province.clone();
            let topic = summary.topic.clone();
            let thread = summary.id;
            let context = match &moving {
                Some(reference) => tr(t::wizard_context_move(reference.as_str(), &summary.protocol)),
                None => tr(t::wizard_context(&summary.protocol)),
            };
            // On a phone the subject is left to screen readers: the step's action comes first.
            let subject = format!(" – «{}»", summary.subject);
            view! {
                <p class="context">{context}<span class="context__subject">{subject}</span></p>
                {move || {
                    let (d, step) = draft.get();
                    view! {
                        <Stepper current=step draft=d.clone()/>
                        <div class="step">
                            {match step {
                                Step::Point => view! { <PointStep draft=d thread=thread topic=topic.label.clone() points=points/> }.into_any(),
                                Step::Office => view! { <OfficeStep draft=d thread=thread province=province.clone() offices=offices/> }.into_any(),
                                Step::DateTime => view! { <DateTimeStep draft=d thread=thread topic=topic.code.clone() memory=memory/> }.into_any(),
                                Step::Contact if d.moving.is_some() => view! { <moving::MoveStep draft=d thread=thread points=points offices=offices memory=memory/> }.into_any(),
                                Step::Contact => view! { <ContactStep draft=d thread=thread topic=topic.label.clone() points=points offices=offices memory=memory/> }.into_any(),
                            }}
                        </div>
                    }
                }}
            }.into_any()
        })}
    }
}

fn step_heading(step: Step) -> String {
    tr(t::wizard_step_heading(step.number(), step.title()))
}

#[component]
fn PointStep(
    draft: Draft,
    thread: ThreadId,
    topic: String,
    points: LocalResource<Result<Vec<ConsultationPoint>, ApiError>>,
) -> impl IntoView {
    let navigate = use_navigate();
    let chosen = RwSignal::new(draft.point);
    let problems = RwSignal::new(Vec::<Problem>::new());
    let submit = {
        let draft = draft.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(point) = chosen.get_untracked() else {
                problems.set(vec![Problem {
                    field: Some("point-0"),
                    message: tr(t::wizard_choose_point()),
                }]);
                return;
            };
            navigate(
                &draft.with_point(point).href(thread, Step::Office),
                Default::default(),
            );
        }
    };
    view! {
        <PageHeading title=step_heading(Step::Point)/>
        <ErrorSummary problems=problems.into()/>
        <form class="form narrow" novalidate on:submit=submit>
            <dl class="facts facts--single"><div><dt>{tr(t::label_topic())}</dt><dd>{topic}</dd></div></dl>
            <p class="hint">{tr(t::wizard_topic_hint())}</p>
            <fieldset class="fieldset form-group" class:form-group--error=move || !problems.get().is_empty()
                aria-describedby=move || (!problems.get().is_empty()).then_some("point-error")>
                <legend class="label">{tr(t::label_point())}</legend>
                {move || (!problems.get().is_empty()).then(|| view! { <p class="field-error" id="point-error">{tr(t::wizard_choose_point())}</p> })}
                {move || points.get().and_then(Result::ok).unwrap_or_default().into_iter().enumerate().map(|(n, p)| {
                    let code: PointCode = p.code;
                    let checked = chosen.get_untracked() == Some(code);
                    let href = draft.with_point(code).href(thread, Step::Point);
                    view! {
                        <div class="radio">
                            <input type="radio" id=format!("point-{n}") name="point" value=code.code() checked=checked
                                on:change=move |_| { chosen.set(Some(code)); remember(&href); }/>
                            <label for=format!("point-{n}")>{p.label}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button">{tr(t::button_continue())}</button>
        </form>
    }
}

#[component]
fn OfficeStep(
    draft: Draft,
    thread: ThreadId,
    province: String,
    offices: LocalResource<Result<Vec<Office>, ApiError>>,
) -> impl IntoView {
    let navigate = use_navigate();
    let chosen = RwSignal::new(draft.office);
    let problems = RwSignal::new(Vec::<Problem>::new());
    let point = draft.point;
    let back = draft.href(thread, Step::Point);
    let submit = {
        let draft = draft.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            match chosen.get_untracked() {
                Some(office) => navigate(
                    &draft.with_office(office).href(thread, Step::DateTime),
                    Default::default(),
                ),
                None => problems.set(vec![Problem {
                    field: Some("office-0"),
                    message: tr(t::wizard_choose_office()),
                }]),
            }
        }
    };
    view! {
        <PageHeading title=step_heading(Step::Office)/>
        <ErrorSummary problems=problems.into()/>
        <form class="form narrow" novalidate on:submit=submit>
            <fieldset class="fieldset form-group" class:form-group--error=move || !problems.get().is_empty()>
                <legend class="label">{tr(t::label_office())}</legend>
                <p class="hint">{
                    // An intermediary books for a client: "tua provincia" would be the studio's.
                    if expect_context::<crate::session::Session>().role() == Some(api::Role::Intermediario) {
                        {tr(t::wizard_offices_hint_studio())}
                    } else {
                        {tr(t::wizard_offices_hint())}
                    }
                }</p>
                {move || (!problems.get().is_empty()).then(|| view! { <p class="field-error">{tr(t::wizard_choose_office())}</p> })}
                {move || {
                    let list = offices_for(&offices.get().and_then(Result::ok).unwrap_or_default(), point, &province);
                    // The contributor's own office comes first, and is chosen until they choose.
                    if let Some(first) = list.first().filter(|o| o.province == province) {
                        if chosen.get_untracked().is_none() {
                            chosen.set(Some(first.id));
                        }
                    }
                    let radio = |n: usize, o: &Office| {
                        let checked = chosen.get_untracked() == Some(o.id);
                        let office_id = o.id;
                        let href = draft.with_office(o.id).href(thread, Step::Office);
                        view! {
                            <div class="radio radio--with-hint">
                                <input type="radio" id=format!("office-{n}") name="office" value=o.id.to_string() checked=checked
                                    aria-describedby=format!("office-{n}-address")
                                    on:change=move |_| { chosen.set(Some(office_id)); remember(&href); }/>
                                <label for=format!("office-{n}")>{o.name.clone()}</label>
                                <p class="hint radio__hint" id=format!("office-{n}-address")>{o.address.clone()}</p>
                            </div>
                        }
                    };
                    // On the first screen, the office of the province (so tr(t::button_continue()) is there
                    // too); the others one tap away, open when one of them is the choice.
                    let first_chosen = list.first().is_some_and(|o| chosen.get_untracked() == Some(o.id));
                    let others: Vec<_> = list.iter().enumerate().skip(1).map(|(n, o)| radio(n, o)).collect();
                    view! {
                        {list.first().map(|o| radio(0, o))}
                        {(!others.is_empty()).then(|| view! {
                            <details class="other-offices" open=!first_chosen>
                                <summary class="filters-fold__summary">{tr(t::wizard_other_office())}</summary>
                                {others}
                            </details>
                        })}
                    }
                }}
            </fieldset>
            <div class="actions">
                <button type="submit" class="button">{tr(t::button_continue())}</button>
                <a href=back class="button button--secondary">{tr(t::back())}</a>
            </div>
        </form>
    }
}

#[component]
fn DateTimeStep(
    draft: Draft,
    thread: ThreadId,
    topic: String,
    memory: BookingMemory,
) -> impl IntoView {
    let navigate = use_navigate();
    // The step is reached only with both chosen (`Draft::reachable`).
    let (point, office) = (
        draft.point.unwrap_or(PointCode::Sportello),
        draft.office.unwrap_or_default(),
    );
    let url = calls::availability(Some(&topic), point, office);
    let availability = fetch::<Vec<DayAvailability>>(move || url.clone());
    let chosen = RwSignal::new(draft.start.clone());
    let problems = RwSignal::new(Vec::<Problem>::new());
    let notice = memory.notice.get_untracked();
    memory.notice.set(None);
    let back = draft.href(thread, Step::Office);
    let days_href = Draft {
        day: None,
        start: None,
        ..draft.clone()
    }
    .href(thread, Step::DateTime);
    let day = draft.day.clone();
    let submit = {
        let draft = draft.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            match chosen.get_untracked() {
                Some(start) => navigate(
                    &draft.with_start(&start).href(thread, Step::Contact),
                    Default::default(),
                ),
                None => problems.set(vec![Problem {
                    field: Some("time-0"),
                    message: tr(t::wizard_choose_time()),
                }]),
            }
        }
    };
    let draft_for_days = draft.clone();
    // Nothing that suits: wait for a place (not while moving: the appointment keeps its own),
    // offered only when some day is full, since a wait is taken only for those.
    let waitlist = draft.moving.is_none().then(|| {
        let href = paths::waitlist_join(thread, point, office);
        // A signal, not a resource: the step's own content must not wait for it.
        let days = RwSignal::new(None::<WaitlistDays>);
        let url = calls::waitlist_days(point, office);
        leptos::task::spawn_local(async move {
            if let Ok(d) = client::get::<WaitlistDays>(&url).await {
                days.set(Some(d));
            }
        });
        move || {
            let d = days.get().filter(WaitlistDays::any)?;
            let first = d.days.iter().find(|d| !d.waitable.is_empty())?.date.clone();
            let href = href.clone();
            Some(view! {
                <section class="callout" aria-labelledby="attesa-titolo">
                    <h2 id="attesa-titolo" class="callout__title">{tr(t::wizard_no_time_suits())}</h2>
                    <p>{tr(t::wizard_full_days(date_with_weekday(&first)))}</p>
                    <p><a href=href>{tr(t::wizard_notify_me())}</a></p>
                </section>
            })
        }
    });
    view! {
        <PageHeading title=step_heading(Step::DateTime)/>
        {notice.map(|n| view! { <div class="alert alert--error" role="alert"><p>{n}</p></div> })}
        <ErrorSummary problems=problems.into()/>
        {when_loaded(availability, move |days: Vec<DayAvailability>| {
            if days.is_empty() {
                return view! {
                    <div class="alert alert--info" role="status"><p>{tr(t::wizard_no_times())}</p></div>
                }.into_any();
            }
            match day.clone().and_then(|d| days.iter().find(|x| x.date == d).cloned()) {
                None => view! {
                    <h2 class="step__subtitle">{tr(t::wizard_choose_day())}</h2>
                    <ul class="day-list">
                        {days.into_iter().map(|d| {
                            let href = draft_for_days.with_day(&d.date).href(thread, Step::DateTime);
                            let n = d.slots.len();
                            view! {
                                <li><a href=href class="day-list__link">
                                    <span class="day-list__date">{crate::language::date_with_weekday(&d.date)}</span>
                                    <span class="day-list__count">{tr(t::wizard_free_count(n))}</span>
                                </a></li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
                Some(d) => {
                    let submit = submit.clone();
                    view! {
                        <form class="form narrow" novalidate on:submit=submit>
                            <fieldset class="fieldset form-group" class:form-group--error=move || !problems.get().is_empty()>
                                <legend class="label">{tr(t::wizard_free_times_of(date_with_weekday(&d.date)))}</legend>
                                {move || (!problems.get().is_empty()).then(|| view! { <p class="field-error">{tr(t::wizard_choose_time())}</p> })}
                                <div class="time-grid">
                                    {d.slots.iter().enumerate().map(|(n, s)| {
                                        let start = s.start.clone();
                                        let href = draft_for_days.with_start(&s.start).href(thread, Step::DateTime);
                                        let checked = chosen.get_untracked().as_deref() == Some(s.start.as_str());
                                        let name = tr(t::when_at(date_with_weekday(&s.start), time(&s.start)));
                                        view! {
                                            <div class="radio radio--time">
                                                <input type="radio" id=format!("time-{n}") name="time" value=s.start.clone() checked=checked
                                                    aria-label=name on:change=move |_| { chosen.set(Some(start.clone())); remember(&href); }/>
                                                <label for=format!("time-{n}") aria-hidden="true">{crate::language::time(&s.start)}</label>
                                            </div>
                                        }
                                    }).collect_view()}
                                </div>
                            </fieldset>
                            <div class="actions">
                                <button type="submit" class="button">{tr(t::button_continue())}</button>
                                <a href=days_href.clone() class="button button--secondary">{tr(t::wizard_back_to_days())}</a>
                            </div>
                        </form>
                    }.into_any()
                }
            }
        })}
        {waitlist}
        <p><a href=back>{tr(t::wizard_back_office())}</a></p>
    }
}

const CONTACT_FIELDS: &[(&str, &str)] = &[("phone", "phone"), ("notes", "notes")];

/// What a refused Prenota or Sposta does: the request is over, so the next press is a new one
/// (a new key); a place taken meanwhile sends the person back to tr(t::wizard_step_time()) with the reason
/// shown there, every other refusal is shown on this page.
fn refused(
    key: StoredValue<String>,
    memory: BookingMemory,
    draft: &Draft,
    thread: ThreadId,
) -> impl Fn(&ApiError) -> Option<Vec<Problem>> + 'static {
    let navigate = use_navigate();
    let retry = Draft {
        start: None,
        ..draft.clone()
    }
    .href(thread, Step::DateTime);
    move |error| {
        key.set_value(client::new_key());
        if error.code != Some(ErrorCode::SlotUnavailable) {
            return None;
        }
        memory.notice.set(Some(error.message.clone()));
        navigate(&retry, Default::default());
        Some(Vec::new())
    }
}

#[component]
fn ContactStep(
    draft: Draft,
    thread: ThreadId,
    topic: String,
    points: LocalResource<Result<Vec<ConsultationPoint>, ApiError>>,
    offices: LocalResource<Result<Vec<Office>, ApiError>>,
    memory: BookingMemory,
) -> impl IntoView {
    let navigate = use_navigate();
    let key = StoredValue::new(client::new_key());
    let (point, office_id) = (
        draft.point.unwrap_or(PointCode::Sportello),
        draft.office.unwrap_or_default(),
    );
    let start = draft.start.clone().unwrap_or_default();
    let point_label = move || point_label_of(points, point);
    let office = move || office_of(offices, office_id);
    let booking = Submission::refusing(
        CONTACT_FIELDS,
        move |body: HoldRequest| async move {
            client::post_with_key::<_, Appointment>(calls::APPOINTMENTS, &body, &key.get_value())
                .await
        },
        move |appointment: Appointment| {
            memory.phone.set(String::new());
            memory.notes.set(String::new());
            navigate(
                &paths::appointment(&appointment.reference),
                Default::default(),
            );
            None
        },
        refused(key, memory, &draft, thread),
    );
    let submit = {
        let start = start.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            booking.submit(HoldRequest {
                communication_id: thread,
                point: point.into(),
                office: office_id,
                start: start.clone(),
                phone: memory.phone.get_untracked(),
                notes: memory.notes.get_untracked(),
            });
        }
    };
    let pending = booking.pending();

    // On a phone tr(t::booking_submit()) is in the first screen: what is being booked in two
    // lines above the form, the whole Riepilogo (each choice with "Modifica") below it; the
    // held appointment's page shows everything again before "Conferma appuntamento".
    let when = tr(t::when_at(date_with_weekday(&start), time(&start)));
    view! {
        <PageHeading title=step_heading(Step::Contact)/>
        <ErrorSummary problems=booking.problems.into()/>
        <p class="booking-choice">
            <strong>{when.clone()}</strong><br/>
            {move || format!("{} – {}", point_label(), office().map(|o| o.name).unwrap_or_default())}
        </p>
        <form class="form narrow" novalidate on:submit=submit>
            <ContactFields memory=memory problems=booking.problems point=Some(point)/>
            <button type="submit" class="button">{move || if pending.get() { tr(t::booking_pending()) } else { tr(t::booking_submit()) }}</button>
        </form>
        <MailNotice mail=Mail::Confirmation/>
        <h2 class="step__subtitle">{tr(t::summary())}</h2>
        <dl class="summary">
            <div class="summary__row">
                <dt>{tr(t::wizard_step_topic())}</dt>
                <dd>{topic}" – "{point_label}</dd>
                <dd class="summary__change"><a href=draft.href(thread, Step::Point)>{tr(t::change())}<span class="visually-hidden">{tr(t::change_what(t::wizard_step_topic()))}</span></a></dd>
            </div>
            <div class="summary__row">
                <dt>{tr(t::label_office())}</dt>
                <dd>{move || office().map(|o| format!("{}, {}", o.name, o.address)).unwrap_or_default()}</dd>
                <dd class="summary__change"><a href=draft.href(thread, Step::Office)>{tr(t::change())}<span class="visually-hidden">{tr(t::change_what(t::label_office()))}</span></a></dd>
            </div>
            <div class="summary__row">
                <dt>{tr(t::wizard_step_time())}</dt>
                <dd>{when}</dd>
                <dd class="summary__change"><a href=draft.href(thread, Step::DateTime)>{tr(t::change())}<span class="visually-hidden">{tr(t::change_what(t::wizard_step_time()))}</span></a></dd>
            </div>
        </dl>
    }
}
