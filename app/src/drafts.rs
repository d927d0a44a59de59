//! What a person types into a form is kept in the tab (sessionStorage) until it is sent: a
//! session that ends, a reload or logging in again find it where it was. "Esci" forgets every
//! draft, so the next person at the same computer finds none.

use leptos::prelude::*;

const PREFIX: &str = "cassetto.bozza.";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// A text field's value, starting from its draft and kept as it changes.
pub fn kept(key: String) -> RwSignal<String> {
    let name = format!("{PREFIX}{key}");
    let initial = storage()
        .and_then(|s| s.get_item(&name).ok().flatten())
        .unwrap_or_default();
    let value = RwSignal::new(initial);
    Effect::new(move |_| {
        let text = value.get();
        if let Some(storage) = storage() {
            let _ = if text.is_empty() {
                storage.remove_item(&name)
            } else {
                storage.set_item(&name, &text)
            };
        }
    });
    value
}

/// Every draft of the tab, at "Esci".
pub fn forget_all() {
    let Some(storage) = storage() else { return };
    let count = storage.length().unwrap_or(0);
    let names: Vec<String> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|name| name.starts_with(PREFIX))
        .collect();
    for name in names {
        let _ = storage.remove_item(&name);
    }
}
