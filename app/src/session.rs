//! Who is logged in, whom they act for ("utente selezionato") and when the session will end.
//! The rules are plain functions with native unit tests; the rest only stores their results.

use api::{Contributor, Role, SessionInfo};
use leptos::prelude::*;
use std::cell::Cell;

/// The warning comes this long before the idle timeout (WCAG 2.2.1 asks for at least 20 s).
pub const WARNING_SECONDS: f64 = 120.0;

#[derive(Clone, Debug, PartialEq)]
pub enum Auth {
    /// The app has just started and is asking the server.
    Loading,
    Anonymous,
    LoggedIn(SessionInfo),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Phase {
    Active,
    Warning { seconds_left: u32 },
    Expired,
}

/// Where the idle timeout stands, `idle_ms` after the last request the server saw.
pub fn phase(idle_ms: f64, idle_timeout_seconds: u32) -> Phase {
    let left = f64::from(idle_timeout_seconds) - idle_ms / 1000.0;
    if left <= 0.0 {
        Phase::Expired
    } else if left <= WARNING_SECONDS {
        Phase::Warning {
            seconds_left: left.ceil() as u32,
        }
    } else {
        Phase::Active
    }
}

/// "1 minuto e 30 secondi": a countdown in words, as it is read aloud.
pub fn duration_words(seconds: u32) -> String {
    let plural = |n: u32, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let (minutes, seconds) = (seconds / 60, seconds % 60);
    match (minutes, seconds) {
        (0, s) => plural(s, "secondo", "secondi"),
        (m, 0) => plural(m, "minuto", "minuti"),
        (m, s) => format!(
            "{} e {}",
            plural(m, "minuto", "minuti"),
            plural(s, "secondo", "secondi")
        ),
    }
}

/// The contributor the user acts for: a contributor always acts for themself; an intermediary
/// for the stored choice while it is still among their delegations; an operator for nobody.
pub fn resolve_selection(
    role: Role,
    contributors: &[Contributor],
    stored: Option<&str>,
) -> Option<String> {
    match role {
        Role::Contribuente => contributors.first().map(|c| c.cf.to_string()),
        Role::Intermediario => stored
            .filter(|cf| contributors.iter().any(|c| c.cf == *cf))
            .map(str::to_string),
        Role::Operatore => None,
    }
}

/// The navigation entry a page belongs to, so that it is marked current there too: a thread
/// is under the office's queue for an operator, an appointment under the office's agenda;
/// otherwise the entry whose path begins the page's.
pub fn nav_section(role: Role, path: &str, entries: &[&'static str]) -> Option<&'static str> {
    use api::paths;
    let under = |base: &str| path == base || path.starts_with(&format!("{base}/"));
    if role == Role::Operatore {
        if under(paths::COMMUNICATIONS) {
            return Some(paths::OFFICE_QUEUE);
        }
        if under(paths::APPOINTMENTS) {
            return Some(paths::OFFICE_AGENDA);
        }
    }
    entries.iter().copied().find(|e| under(e))
}

/// Leaves the app for the login page (the server's, which needs no wasm), which brings the
/// person back to `here` afterwards and says `notice` once. `replace`: the address that sent
/// them is not kept in the history (Back would only send them to the login page again).
pub fn leave_for_login(here: &str, notice: Option<api::LoginNotice>, replace: bool) {
    // The first reason wins: Esci (or the session's end) sets the session anonymous, which
    // makes every page that needs one leave as well, a moment later and without the notice.
    if LEAVING.with(|l| l.replace(true)) {
        return;
    }
    let back = safe_return(here);
    let address = api::paths::login(back.as_deref(), notice);
    if let Some(window) = web_sys::window() {
        let location = window.location();
        let _ = if replace {
            location.replace(&address)
        } else {
            location.assign(&address)
        };
    }
}

/// A return address the login may follow (`api::paths::local_return`).
pub fn safe_return(raw: &str) -> Option<String> {
    api::paths::local_return(raw).map(str::to_string)
}

/// The address the browser shows now (path and query).
pub fn here() -> String {
    web_sys::window()
        .and_then(|w| {
            let location = w.location();
            Some(location.pathname().ok()? + &location.search().ok()?)
        })
        .unwrap_or_default()
}

thread_local! {
    static LEAVING: Cell<bool> = const { Cell::new(false) };
    static LAST_ACTIVITY_MS: Cell<f64> = const { Cell::new(0.0) };
}

/// Called after every answer of the server: each one restarted the server's idle clock.
pub fn note_activity() {
    LAST_ACTIVITY_MS.with(|c| c.set(js_sys::Date::now()));
}

pub fn idle_ms() -> f64 {
    js_sys::Date::now() - LAST_ACTIVITY_MS.with(Cell::get)
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The latest choice of any tab, for a tab opened later (a link opened in a new tab starts with
/// an empty sessionStorage); forgotten at Esci.
fn shared_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The contributor this tab acts for, else the latest chosen in another tab.
fn stored_selection(username: &str) -> Option<String> {
    let key = storage_key(username);
    storage()
        .and_then(|s| s.get_item(&key).ok().flatten())
        .or_else(|| shared_storage().and_then(|s| s.get_item(&key).ok().flatten()))
}

fn storage_key(username: &str) -> String {
    format!("cassetto.utente_selezionato.{username}")
}

/// The app-wide session, provided as context by `App`.
#[derive(Clone, Copy)]
pub struct Session {
    pub auth: RwSignal<Auth>,
    pub selected: RwSignal<Option<String>>,
}

impl Session {
    pub fn new() -> Self {
        Session {
            auth: RwSignal::new(Auth::Loading),
            selected: RwSignal::new(None),
        }
    }

    pub fn info(&self) -> Option<SessionInfo> {
        match self.auth.get() {
            Auth::LoggedIn(info) => Some(info),
            _ => None,
        }
    }

    pub fn role(&self) -> Option<Role> {
        self.info().map(|info| info.user.role)
    }

    pub fn logged_in(&self, info: SessionInfo) {
        let stored = stored_selection(&info.user.username);
        let selection = resolve_selection(info.user.role, &info.contributors, stored.as_deref());
        self.selected.set(selection);
        crate::language::follow_account(info.language);
        self.auth.set(Auth::LoggedIn(info));
    }

    pub fn logged_out(&self) {
        if let (Some(info), Some(shared)) = (self.info(), shared_storage()) {
            let _ = shared.remove_item(&storage_key(&info.user.username));
        }
        self.selected.set(None);
        self.auth.set(Auth::Anonymous);
    }

    /// Acts for `cf` from now on; kept across reloads of this tab.
    pub fn select(&self, cf: &str) {
        if let Some(info) = self.info() {
            for storage in [storage(), shared_storage()].into_iter().flatten() {
                let _ = storage.set_item(&storage_key(&info.user.username), cf);
            }
        }
        self.selected.set(Some(cf.to_string()));
    }

    pub fn selected_contributor(&self) -> Option<Contributor> {
        let cf = self.selected.get()?;
        self.info()?.contributors.into_iter().find(|c| c.cf == cf)
    }

    pub fn home(&self) -> &'static str {
        match self.role() {
            Some(role) => api::paths::home(role),
            None => api::paths::LOGIN,
        }
    }
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_page_marks_the_navigation_entry_it_belongs_to() {
        use api::paths::*;
        let office = [OFFICE_QUEUE, OFFICE_AGENDA, OFFICE_WEEK, CLOSURES];
        assert_eq!(
            nav_section(Role::Operatore, "/comunicazioni/7", &office),
            Some(OFFICE_QUEUE)
        );
        assert_eq!(
            nav_section(Role::Operatore, "/appuntamenti/AP-2026-000001", &office),
            Some(OFFICE_AGENDA)
        );
        assert_eq!(
            nav_section(Role::Operatore, "/sede/agenda", &office),
            Some(OFFICE_AGENDA)
        );
        assert_eq!(nav_section(Role::Operatore, "/sede/cerca", &office), None);
        let mine = [COMMUNICATIONS, APPOINTMENTS, CONTACTS];
        assert_eq!(
            nav_section(Role::Contribuente, "/comunicazioni/7/appuntamento", &mine),
            Some(COMMUNICATIONS)
        );
        assert_eq!(
            nav_section(Role::Contribuente, "/appuntamenti/AP-1", &mine),
            Some(APPOINTMENTS)
        );
        assert_eq!(nav_section(Role::Contribuente, "/recapitiX", &mine), None);
    }

    use super::*;
    use api::Category;

    fn contributor(cf: &str) -> Contributor {
        Contributor {
            cf: cf.into(),
            name: "X".into(),
            category: Category::Artigiano,
            province: "RM".into(),
        }
    }

    #[test]
    fn the_warning_starts_two_minutes_before_the_timeout() {
        assert_eq!(phase(27.0 * 60_000.0, 1800), Phase::Active);
        assert_eq!(
            phase(28.0 * 60_000.0, 1800),
            Phase::Warning { seconds_left: 120 }
        );
        assert_eq!(
            phase(29.0 * 60_000.0 + 30_500.0, 1800),
            Phase::Warning { seconds_left: 30 }
        );
        assert_eq!(phase(30.0 * 60_000.0, 1800), Phase::Expired);
    }

    #[test]
    fn a_countdown_reads_as_italian_words() {
        assert_eq!(duration_words(120), "2 minuti");
        assert_eq!(duration_words(90), "1 minuto e 30 secondi");
        assert_eq!(duration_words(61), "1 minuto e 1 secondo");
        assert_eq!(duration_words(1), "1 secondo");
        assert_eq!(duration_words(45), "45 secondi");
    }

    #[test]
    fn a_contributor_always_acts_for_themself() {
        let own = [contributor("RSSMRA80A01H501U")];
        assert_eq!(
            resolve_selection(Role::Contribuente, &own, Some("FRRGNN72T10F839E")).as_deref(),
            Some("RSSMRA80A01H501U")
        );
    }

    #[test]
    fn an_intermediary_keeps_a_choice_only_while_it_is_delegated() {
        let delegated = [
            contributor("RSSMRA80A01H501U"),
            contributor("BNCLCU85M41F205T"),
        ];
        assert_eq!(
            resolve_selection(Role::Intermediario, &delegated, Some("BNCLCU85M41F205T")).as_deref(),
            Some("BNCLCU85M41F205T")
        );
        assert_eq!(
            resolve_selection(Role::Intermediario, &delegated, Some("FRRGNN72T10F839E")),
            None
        );
        assert_eq!(
            resolve_selection(Role::Intermediario, &delegated, None),
            None
        );
    }
}
