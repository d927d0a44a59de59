//! Reading from the API inside a page: a resource, and one way to show its three states
//! (loading, failed, ready). A 404 shows the "Pagina non trovata" page; a 401 means the session
//! ended elsewhere, so the user is sent to log in again.

use crate::client::{self, ApiError};
use crate::components::not_found::NotFound;
use crate::components::shell::{ended, session_ended};
use crate::language::tr;
use catalogue::t;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use std::sync::Arc;

pub fn fetch<T>(url: impl Fn() -> String + 'static) -> LocalResource<Result<T, ApiError>>
where
    T: DeserializeOwned + Clone + 'static,
{
    LocalResource::new(move || {
        let url = url();
        async move { client::get::<T>(&url).await }
    })
}

/// What to show for a failed read.
pub fn failure(error: ApiError) -> AnyView {
    if error.status == 404 {
        return view! { <NotFound/> }.into_any();
    }
    if error.is_unauthenticated() {
        session_ended()(ended());
        return ().into_any();
    }
    view! { <div class="alert alert--error" role="alert"><p>{error.message}</p></div> }.into_any()
}

/// Renders `ready` once the resource has a value.
pub fn when_loaded<T, V>(
    resource: LocalResource<Result<T, ApiError>>,
    ready: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    suspended(Arc::new(move || {
        resource.get().map(|result| match result {
            Ok(value) => ready(value).into_any(),
            Err(error) => failure(error),
        })
    }))
}

/// The one `Suspense` of every page: not generic, so the wasm holds it once instead of once per
/// type a page reads.
fn suspended(render: Arc<dyn Fn() -> Option<AnyView> + Send + Sync>) -> AnyView {
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">{tr(t::loading())}</p> }>
            {move || render()}
        </Suspense>
    }
    .into_any()
}
