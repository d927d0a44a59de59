//! `/`: sends each user to their first page, or to "Accedi".

use crate::language::tr;
use crate::session::{Auth, Session};
use catalogue::t;
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn Home() -> impl IntoView {
    let session = expect_context::<Session>();
    Effect::new(move |_| {
        if session.auth.get() == Auth::Anonymous {
            crate::session::leave_for_login(api::paths::HOME, None, true);
        }
    });
    move || match session.auth.get() {
        Auth::LoggedIn(_) => view! { <Redirect path=session.home()/> }.into_any(),
        _ => view! { <p class="loading" role="status">{tr(t::loading())}</p> }.into_any(),
    }
}
