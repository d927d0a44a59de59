//! Where the service's e-mail about a booking goes, said where people look for it: the
//! Riepilogo before "Prenota appuntamento" and the confirmed and cancelled pages.

use crate::components::loaded::fetch;
use crate::language::tr;
use crate::session::Session;
use api::{Contacts, Role};
use catalogue::t;
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
        Mail::Confirmation => t::mail_notice_confirmation(),
        Mail::Receipt => t::mail_notice_receipt(),
    };
    // The address is the reader's own: shown whole, with the way to change it.
    let sentence = move |c: Contacts| {
        let change = view! {
            " "<a href=api::paths::CONTACTS>{tr(t::mail_notice_change())}<span class="visually-hidden">{tr(t::mail_notice_change_what())}</span></a>
        };
        match c.email {
            Some(to) if studio => view! {
                <p class="mail-notice">{tr(t::mail_notice_studio(what.clone(), to))}{change}</p>
            }
            .into_any(),
            Some(to) => view! { <p class="mail-notice">{tr(t::mail_notice_to(what.clone(), to))}{change}</p> }.into_any(),
            None => view! {
                <p class="mail-notice">
                    {tr(t::mail_notice_none(what.clone()))}
                    <a href=api::paths::CONTACTS>{tr(t::mail_notice_add())}</a>
                </p>
            }
            .into_any(),
        }
    };
    view! {
        <Suspense fallback=|| ()>
            {move || contacts.get().and_then(Result::ok).map(&sentence)}
        </Suspense>
    }
    .into_any()
}
