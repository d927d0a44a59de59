//! The ids in a route's address, typed: a page reads its thread or appointment here.

use api::{Reference, ThreadId};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The thread named by the route's `:id` (0 when it is not a number: the API then says 404).
pub fn thread_id() -> Signal<ThreadId> {
    let params = use_params_map();
    Signal::derive(move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse().ok())
            .unwrap_or(ThreadId(0))
    })
}

/// The appointment named by the route's `:reference`.
pub fn reference() -> Signal<Reference> {
    let params = use_params_map();
    Signal::derive(move || Reference(params.read().get("reference").unwrap_or_default()))
}
