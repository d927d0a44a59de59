//! The warning before the session ends for inactivity (WCAG 2.2.1 Timing Adjustable): two
//! minutes before, a dialog takes the focus and offers tr(t::session_continue()); at the end the user
//! is logged out and told why.

use crate::client;
use crate::language::tr;
use crate::session::{duration_words, here, idle_ms, leave_for_login, phase, Auth, Phase, Session};
use api::calls;
use catalogue::t;
use leptos::html;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

#[component]
pub fn SessionWarning() -> impl IntoView {
    let session = expect_context::<Session>();
    let current = RwSignal::new(Phase::Active);
    let extended = RwSignal::new(false);
    let stay = NodeRef::<html::Button>::new();
    // Where the focus was before the dialog took it, to give it back afterwards.
    let previous_focus = StoredValue::new_local(None::<web_sys::HtmlElement>);

    // Ends the session on both sides and tells the user why on the login page.
    let ending = Action::new_local(move |_: &()| async move {
        let _ = client::delete(calls::SESSION).await;
        session.logged_out();
        leave_for_login(&here(), Some(api::LoginNotice::Idle), false);
    });
    let expire = move || {
        current.set(Phase::Active);
        if !ending.pending().get_untracked() {
            ending.dispatch_local(());
        }
    };

    let tick = {
        move || {
            let timeout = session.auth.with_untracked(|auth| match auth {
                Auth::LoggedIn(info) => Some(info.idle_timeout_seconds),
                _ => None,
            });
            let Some(timeout) = timeout else {
                current.set(Phase::Active);
                return;
            };
            let next = phase(idle_ms(), timeout);
            let now = current.get_untracked();
            if next == Phase::Expired {
                expire();
            } else if next != now {
                if now == Phase::Active {
                    extended.set(false);
                    previous_focus.set_value(
                        document()
                            .active_element()
                            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()),
                    );
                }
                current.set(next);
            }
        }
    };
    if let Ok(handle) = set_interval_with_handle(tick, Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }

    let warning = Memo::new(move |_| matches!(current.get(), Phase::Warning { .. }));
    Effect::new(move |_| {
        if let (true, Some(button)) = (warning.get(), stay.get()) {
            let _ = button.focus();
        }
    });

    // tr(t::session_continue()): any request the server answers restarts its idle clock.
    let staying = Action::new_local(move |_: &()| async move {
        match client::get::<api::SessionInfo>(calls::SESSION).await {
            Ok(_) => {
                current.set(Phase::Active);
                extended.set(true);
                if let Some(element) = previous_focus.get_value() {
                    let _ = element.focus();
                }
            }
            Err(error) if error.is_unauthenticated() => expire(),
            // A network failure: the warning stays and the user can try again.
            Err(_) => {}
        }
    });
    let stay_logged_in = move |_| {
        if !staying.pending().get_untracked() {
            staying.dispatch_local(());
        }
    };

    let time_left = move || match current.get() {
        Phase::Warning { seconds_left } => duration_words(seconds_left),
        _ => String::new(),
    };

    view! {
        <p class="visually-hidden" role="status">
            {move || extended.get().then_some(tr(t::session_extended()))}
        </p>
        <Show when=move || warning.get()>
            <div class="session-warning" role="alertdialog" aria-modal="false"
                aria-labelledby="session-warning-title" aria-describedby="session-warning-text">
                <h2 id="session-warning-title" class="session-warning__title">{tr(t::session_warning_title())}</h2>
                <p id="session-warning-text">
                    {tr(t::session_warning_body())}
                    <span>{time_left}</span>"."
                </p>
                <button type="button" class="button" node_ref=stay on:click=stay_logged_in>
                    {tr(t::session_continue())}
                </button>
            </div>
        </Show>
    }
}
