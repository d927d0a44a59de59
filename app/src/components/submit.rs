//! Every write of the app goes through a `Submission`: a Leptos `Action` that runs one request
//! at a time (a second press while one runs does nothing, so a double tap writes once), turns
//! a refusal into the error summary (focused, with each field's error beside its control) and
//! shows and announces what a success did. Pages say only what to send and what follows.

use super::error_summary::Problem;
use crate::client::ApiError;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::future::Future;
use std::rc::Rc;

/// A form's write: its action, the problems of its last refusal, the words of its last success.
pub struct Submission<I: 'static> {
    action: Action<I, ()>,
    pub problems: RwSignal<Vec<Problem>>,
    pub done: RwSignal<Option<String>>,
}

impl<I: 'static> Clone for Submission<I> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I: 'static> Copy for Submission<I> {}

/// What a refusal becomes: the problems of the summary, in the form's order. `fields` maps the
/// API's field names to the ids of the controls; a field the form does not show is listed
/// without a link, and a refusal about no field is one line.
pub fn problems_of(error: &ApiError, fields: &[(&'static str, &'static str)]) -> Vec<Problem> {
    if error.fields.is_empty() {
        return vec![Problem {
            field: None,
            message: error.message.clone(),
        }];
    }
    let mut list = linked(&error.fields, fields);
    list.extend(
        error
            .fields
            .iter()
            .filter(|(key, _)| !fields.iter().any(|(f, _)| f == key))
            .map(|(_, message)| Problem {
                field: None,
                message: message.clone(),
            }),
    );
    list
}

fn linked(
    errors: &BTreeMap<String, String>,
    fields: &[(&'static str, &'static str)],
) -> Vec<Problem> {
    fields
        .iter()
        .filter_map(|(key, id)| {
            errors.get(*key).map(|m| Problem {
                field: Some(*id),
                message: m.clone(),
            })
        })
        .collect()
}

/// What a page may do with a refusal before the summary does: nothing (None, the summary
/// shows it), or say which problems to show instead (none, when the page moved on).
pub type Refused = Rc<dyn Fn(&ApiError) -> Option<Vec<Problem>>>;

impl<I: Clone + 'static> Submission<I> {
    /// `call` sends the request; `then` follows a success and may say what it did (shown and
    /// announced), or move to another page and say nothing.
    pub fn new<T, Fut>(
        fields: &'static [(&'static str, &'static str)],
        call: impl Fn(I) -> Fut + 'static,
        then: impl Fn(T) -> Option<String> + 'static,
    ) -> Self
    where
        T: 'static,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        Self::refusing(fields, call, then, |_| None)
    }

    /// As `new`, with the page's own answer to some refusals (`refused`).
    pub fn refusing<T, Fut>(
        fields: &'static [(&'static str, &'static str)],
        call: impl Fn(I) -> Fut + 'static,
        then: impl Fn(T) -> Option<String> + 'static,
        refused: impl Fn(&ApiError) -> Option<Vec<Problem>> + 'static,
    ) -> Self
    where
        T: 'static,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let problems = RwSignal::new(Vec::<Problem>::new());
        let done = RwSignal::new(None::<String>);
        // A session that ended meanwhile: to Accedi and back here, the form's drafts kept.
        let ended = Rc::new(super::shell::session_ended());
        let then = Rc::new(then);
        let refused: Refused = Rc::new(refused);
        let action = Action::new_local(move |input: &I| {
            let request = call(input.clone());
            let (then, refused, ended) = (then.clone(), refused.clone(), ended.clone());
            async move {
                match request.await {
                    Ok(answer) => {
                        problems.set(Vec::new());
                        done.set(then(answer));
                    }
                    Err(error) if error.is_unauthenticated() => ended(super::shell::ended()),
                    Err(error) => {
                        let list = refused(&error).unwrap_or_else(|| problems_of(&error, fields));
                        problems.set(list);
                    }
                }
            }
        });
        Submission {
            action,
            problems,
            done,
        }
    }

    /// Sends `input`, unless a request of this form is still running.
    pub fn submit(&self, input: I) {
        if self.action.pending().get_untracked() {
            return;
        }
        self.done.set(None);
        self.action.dispatch_local(input);
    }

    /// Whether a request is running: buttons say so.
    pub fn pending(&self) -> Signal<bool> {
        let pending = self.action.pending();
        Signal::derive(move || pending.get())
    }

    /// The refusals about no field, for a form that shows each field's error only beside it.
    pub fn general(&self) -> Signal<Vec<Problem>> {
        let problems = self.problems;
        Signal::derive(move || {
            problems.with(|list| list.iter().filter(|p| p.field.is_none()).cloned().collect())
        })
    }

    /// The error of one control, following the summary.
    pub fn error(&self, id: &'static str) -> Signal<Option<String>> {
        super::error_summary::field_error(self.problems, id)
    }
}

/// What a success did: shown and announced (a status region, always present so that a screen
/// reader hears what appears in it).
#[component]
pub fn Done(#[prop(into)] text: Signal<Option<String>>) -> impl IntoView {
    view! {
        <div role="status" class="status-region">
            {move || text.get().map(|text| view! { <div class="alert alert--success"><p>{text}</p></div> })}
        </div>
    }
}
