//! Where the service's e-mail about a booking goes, said where people look for it: the
//! Riepilogo before "Prenota appuntamento" and the confirmed and cancelled pages.

use crate::components::loaded::fetch;
use crate::session::Session;
use api::{Contacts, Role};
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mail {
    Confirmation,
    Receipt,
}

#[component]
pub fn MailNotice(mail: Mail) -> impl IntoView {
    let role = expect_context::<Session>().role();
    let studio = match role {
        Some(Role::Contribuente) => false,
        Some(Role::Intermediario) => true,
        _ => return ().into_any(),
    };
    let contacts = fetch::<Contacts>(|| api::calls::CONTACTS.to_string());
    let what = match mail {
        Mail::Confirmation => "la conferma",
        Mail::Receipt => "la ricevuta",
    };
    // The address is the reader's own: shown whole, with the way to change it.
    let sentence = move |c: Contacts| {
        let change = view! {
            " "<a href=api::paths::CONTACTS>"Cambia"<span class="visually-hidden">" l'indirizzo e-mail"</span></a>
        };
        match c.email {
            Some(to) if studio => view! {
                <p class="mail-notice">{format!("Riceverai {what} a {to}; anche il contribuente la riceve, se ha indicato un indirizzo e-mail.")}{change}</p>
            }
            .into_any(),
            Some(to) => view! { <p class="mail-notice">{format!("Riceverai {what} a {to}.")}{change}</p> }.into_any(),
            None => view! {
                <p class="mail-notice">
                    {format!("Non hai indicato un indirizzo e-mail: non riceverai {what} per e-mail. ")}
                    <a href=api::paths::CONTACTS>"Indica un indirizzo in Recapiti"</a>
                </p>
            }
            .into_any(),
        }
    };
    view! {
        <Suspense fallback=|| ()>
            {move || contacts.get().and_then(Result::ok).map(sentence)}
        </Suspense>
    }
    .into_any()
}
