//! The service's areas. Each page says for whom it is shown; their content (threads,
//! appointments, the office queue) arrives with the features that build them.

use crate::components::heading::PageHeading;
use crate::session::Session;
use api::Role;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// For pages about one contributor: an intermediary who has not chosen yet goes to the list.
fn for_contributor(title: &'static str, text: &'static str) -> AnyView {
    let session = expect_context::<Session>();
    match (session.role(), session.selected_contributor()) {
        (Some(Role::Operatore), _) => view! { <Redirect path=session.home()/> }.into_any(),
        (_, None) => view! { <Redirect path="/contribuenti"/> }.into_any(),
        (_, Some(c)) => view! {
            <PageHeading title=title/>
            <p class="lead">{text}</p>
            <p class="context">"Contribuente: "<strong>{format!("{} ({})", c.name, c.cf)}</strong></p>
            <div class="alert alert--info"><p>"Non ci sono ancora elementi da mostrare."</p></div>
        }
        .into_any(),
    }
}

#[component]
pub fn Appointments() -> impl IntoView {
    for_contributor(
        "Gestione appuntamenti",
        "L'elenco storico degli appuntamenti, con i dettagli e lo stato di ciascuno.",
    )
}
