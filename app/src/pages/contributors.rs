//! "Scegli il contribuente": an intermediary picks whom to act for among the contributors who
//! delegated them. The list comes from the server, so an undelegated contributor is never
//! offered, and the server checks again on every request that names one.

use crate::components::heading::PageHeading;
use crate::session::Session;
use api::Role;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

#[component]
pub fn ChooseContributor() -> impl IntoView {
    let session = expect_context::<Session>();
    let navigate = use_navigate();
    let info = session.info();
    if session.role() != Some(Role::Intermediario) {
        return view! { <Redirect path=session.home()/> }.into_any();
    }
    let contributors = info.map(|i| i.contributors).unwrap_or_default();
    let count = contributors.len();
    view! {
        <PageHeading title="Scegli il contribuente"/>
        <p class="lead">"Scegli il contribuente per cui vuoi operare. Vedrai le sue comunicazioni e i suoi appuntamenti finché non ne sceglierai un altro."</p>
        {(count == 0).then(|| view! {
            <div class="alert alert--info"><p>"Non hai deleghe attive: nessun contribuente da gestire."</p></div>
        })}
        <ul class="card-list" aria-label="Contribuenti che ti hanno delegato">
            {contributors.into_iter().map(|c| {
                let navigate = navigate.clone();
                let cf = c.cf.clone();
                let selected = {
                    let cf = c.cf.clone();
                    move || session.selected.get().as_deref() == Some(cf.as_str())
                };
                view! {
                    <li class="card">
                        <h2 class="card__title">{c.name.clone()}</h2>
                        <dl class="card__facts">
                            <div><dt>"Codice fiscale"</dt><dd>{c.cf.clone()}</dd></div>
                            <div><dt>"Gestione"</dt><dd>{c.category.label()}</dd></div>
                            <div><dt>"Provincia"</dt><dd>{c.province.clone()}</dd></div>
                        </dl>
                        <Show when=selected.clone() fallback={
                            let name = c.name.clone();
                            move || {
                                let navigate = navigate.clone();
                                let cf = cf.clone();
                                view! {
                                    <button type="button" class="button" on:click=move |_| {
                                        session.select(&cf);
                                        navigate("/comunicazioni", Default::default());
                                    }>"Opera per "{name.clone()}</button>
                                }
                            }
                        }>
                            <p class="card__current">"Stai già operando per questo contribuente."</p>
                        </Show>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
