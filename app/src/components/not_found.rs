//! The page for any address the app does not know.

use crate::components::heading::PageHeading;
use crate::session::Session;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <PageHeading title="Pagina non trovata"/>
        <p class="lead">"L'indirizzo che hai aperto non corrisponde a nessuna pagina del servizio, oppure la pagina non è disponibile per il tuo profilo."</p>
        <p>"Se hai digitato l'indirizzo, controlla che sia scritto correttamente."</p>
        <p><a href=move || session.home().to_string()>"Torna alla pagina iniziale"</a></p>
    }
}
