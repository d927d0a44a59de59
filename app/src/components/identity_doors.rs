//! tr(t::doors_spid()) and tr(t::doors_cie()), as every PA site shows them (Designers Italia): the SPID
//! button opens the list of providers, the CIE button is a link. Plain links to the server's
//! `/auth/oidc/begin`, which sends the browser to the provider (`rel="external"`: the router
//! must let the browser follow them rather than look for an app page).

use crate::language::tr;
use api::{IdentityProvider, IdentityScheme};
use catalogue::t;
use leptos::prelude::*;

#[component]
pub fn IdentityDoors(providers: Vec<IdentityProvider>, back: Option<String>) -> impl IntoView {
    // The page to come back to after the provider, as the password form does.
    let suffix = back
        .map(|path| format!("&torna={}", js_sys::encode_uri_component(&path)))
        .unwrap_or_default();
    let of = |scheme| -> Vec<IdentityProvider> {
        providers
            .iter()
            .filter(|p| p.scheme == scheme)
            .map(|p| IdentityProvider {
                login_url: format!("{}{suffix}", p.login_url),
                ..p.clone()
            })
            .collect()
    };
    let spid = of(IdentityScheme::Spid);
    let cie = of(IdentityScheme::Cie);
    let open = RwSignal::new(false);
    view! {
        <section class="identity" aria-labelledby="identity-title">
            <h2 id="identity-title" class="identity__title">{tr(t::doors_title())}</h2>
            <p>{tr(t::doors_hint())}</p>
            <div class="identity__doors">
                {(!spid.is_empty()).then(|| view! {
                    <div class="identity__spid">
                        <button type="button" class="button button--identity" aria-controls="spid-providers"
                            aria-expanded=move || if open.get() { "true" } else { "false" }
                            on:click=move |_| open.update(|o| *o = !*o)>
                            <span class="identity__mark" aria-hidden="true">"SPID"</span>
                            {tr(t::doors_spid())}
                        </button>
                        <ul id="spid-providers" class="identity__providers" hidden=move || !open.get()
                            aria-label=tr(t::doors_spid_providers())>
                            {spid.into_iter().map(|p| view! {
                                <li><a href=p.login_url.clone() rel="external">{p.name.clone()}</a></li>
                            }).collect_view()}
                            <li class="identity__help"><a href="https://www.spid.gov.it/cos-e-spid/come-attivare-spid/" rel="noopener">{tr(t::doors_spid_how())}</a></li>
                        </ul>
                    </div>
                })}
                {cie.into_iter().map(|p| view! {
                    <a class="button button--identity" href=p.login_url.clone() rel="external">
                        <span class="identity__mark" aria-hidden="true">"CIE"</span>
                        {tr(t::doors_cie())}
                    </a>
                }).collect_view()}
            </div>
        </section>
    }
}
