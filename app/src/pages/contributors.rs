//! tr(t::contributors_choose()): an intermediary picks whom to act for among the contributors who
//! delegated them, searching by name or codice fiscale. The list comes from the server, so an
//! undelegated contributor is never offered, and the server checks again on every request that
//! names one.

use crate::components::contributor_search::ContributorSearch;
use crate::components::heading::PageHeading;
use crate::components::loaded::{fetch, when_loaded};
use crate::language::tr;
use crate::session::Session;
use api::{Contributor, Role};
use catalogue::t;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_navigate, use_query_map};

fn card(
    c: Contributor,
    session: Session,
    navigate: impl Fn(&str) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let cf = c.cf.clone();
    let selected = {
        let cf = c.cf.clone();
        move || session.selected.get().as_deref() == Some(cf.as_str())
    };
    let name = c.name.clone();
    view! {
        <li class="card">
            <h2 class="card__title">{c.name.clone()}</h2>
            <dl class="card__facts">
                <div><dt>{tr(t::label_cf())}</dt><dd>{c.cf.to_string()}</dd></div>
                <div><dt>{tr(t::label_scheme())}</dt><dd>{tr(c.category.label())}</dd></div>
                <div><dt>{tr(t::label_province())}</dt><dd>{c.province.clone()}</dd></div>
            </dl>
            <Show when=selected.clone() fallback=move || {
                let navigate = navigate.clone();
                let cf = cf.clone();
                view! {
                    <button type="button" class="button" on:click=move |_| {
                        session.select(cf.as_str());
                        navigate(api::paths::COMMUNICATIONS);
                    }>{tr(t::contributors_act_for())}{name.clone()}</button>
                }
            }>
                <p class="card__current">{tr(t::contributors_current())}</p>
            </Show>
        </li>
    }
}

#[component]
pub fn ChooseContributor() -> impl IntoView {
    let session = expect_context::<Session>();
    if session.role() != Some(Role::Intermediario) {
        return view! { <Redirect path=session.home()/> }.into_any();
    }
    let query = use_query_map();
    let search = Signal::derive(move || query.read().get("cerca").unwrap_or_default());
    let list = fetch::<Vec<Contributor>>(move || {
        api::calls::contributors(&String::from(js_sys::encode_uri_component(
            search.get().trim(),
        )))
    });
    view! {
        <PageHeading title=tr(t::contributors_choose())/>
        <p class="lead">{tr(t::contributors_lead())}</p>
        <ContributorSearch current=search/>
        {when_loaded(list, move |list: Vec<Contributor>| {
            let searching = !search.get_untracked().trim().is_empty();
            let count = list.len();
            let outcome = match (searching, count) {
                (false, 0) => tr(t::contributors_none()),
                (true, 0) => tr(t::contributors_no_match(search.get_untracked().trim())),
                (true, n) => tr(t::contributors_found(n)),
                (false, n) => tr(t::contributors_delegating(n)),
            };
            let navigate = use_navigate();
            let go = move |path: &str| navigate(path, Default::default());
            view! {
                <p class="result-count" role="status">{outcome}</p>
                {(searching && count == 0).then(|| view! {
                    <p><a href=api::paths::CONTRIBUTORS>{tr(t::contributors_show_all())}</a></p>
                })}
                {(count > 0).then(|| view! {
                    <ul class="card-list" aria-label=tr(t::contributors_caption())>
                        {list.into_iter().map(|c| card(c, session, go.clone())).collect_view()}
                    </ul>
                })}
            }
        })}
    }
    .into_any()
}
