//! Allega documenti: the native file input (keyboard and screen readers know it), the limits
//! said before choosing, each chosen file listed with its size, its upload's progress and a
//! button to take it back; a refused file says why, by name, in the form's error summary. And
//! the files under each message, to download.

use super::error_summary::Problem;
use crate::language::{size, tr};
use api::{calls, Attachment, AttachmentId, AttachmentLimits, ErrorEnvelope, ThreadId};
use catalogue::t;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{File, HtmlInputElement, ProgressEvent, XmlHttpRequest};

/// The id of the file input, where the summary's links lead.
pub const INPUT: &str = "allegati";

#[derive(Clone, Copy, Debug, PartialEq)]
enum Progress {
    /// Percent sent.
    Uploading(u8),
    Ready(AttachmentId),
}

#[derive(Clone)]
struct Chosen {
    key: u32,
    name: String,
    size: u64,
    progress: RwSignal<Progress>,
    request: StoredValue<Option<XmlHttpRequest>, LocalStorage>,
}

/// The files of the message being written.
#[derive(Clone, Copy)]
pub struct Files {
    list: RwSignal<Vec<Chosen>>,
    /// The refusals of files, for the form's error summary.
    pub problems: RwSignal<Vec<Problem>>,
    /// What happened to a file, announced.
    said: RwSignal<String>,
    next: StoredValue<u32>,
}

impl Default for Files {
    fn default() -> Self {
        Self::new()
    }
}

impl Files {
    pub fn new() -> Files {
        Files {
            list: RwSignal::new(Vec::new()),
            problems: RwSignal::new(Vec::new()),
            said: RwSignal::new(String::new()),
            next: StoredValue::new(0),
        }
    }

    /// The uploaded files for the message, or None while one is still uploading.
    pub fn ids(&self) -> Option<Vec<AttachmentId>> {
        self.list.with_untracked(|list| {
            list.iter()
                .map(|c| match c.progress.get_untracked() {
                    Progress::Ready(id) => Some(id),
                    Progress::Uploading(_) => None,
                })
                .collect()
        })
    }

    /// The message went with its files: the list starts again empty.
    pub fn sent(&self) {
        self.list.set(Vec::new());
        self.problems.set(Vec::new());
    }

    /// The message cannot go yet.
    pub fn still_uploading(&self) {
        self.problems.set(vec![Problem {
            field: Some(INPUT),
            message: tr(t::attachments_still_uploading()),
        }]);
    }

    /// The files uploaded earlier for this message (before a reload, or a new login), listed
    /// again as ready.
    fn restore(&self, uploaded: Vec<Attachment>) {
        let listed = |id: AttachmentId| {
            self.list.with_untracked(|l| {
                l.iter()
                    .any(|c| c.progress.get_untracked() == Progress::Ready(id))
            })
        };
        for a in uploaded.into_iter().filter(|a| !listed(a.id)) {
            let key = self.next.get_value();
            self.next.set_value(key + 1);
            self.list.update(|l| {
                l.push(Chosen {
                    key,
                    name: a.name,
                    size: a.size,
                    progress: RwSignal::new(Progress::Ready(a.id)),
                    request: StoredValue::new_local(None),
                })
            });
        }
    }

    fn refuse(&self, message: String) {
        self.problems.update(|p| {
            p.push(Problem {
                field: Some(INPUT),
                message,
            })
        });
    }

    fn remove(&self, key: u32) {
        self.list.update(|list| list.retain(|c| c.key != key));
    }
}

/// The file input and the list of chosen files, for the form of `thread`.
#[component]
pub fn AttachmentPicker(files: Files, thread: ThreadId, limits: AttachmentLimits) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let ended = super::shell::session_ended();
    // Files uploaded before a reload or a new login are still waiting for this message.
    if files.list.with_untracked(Vec::is_empty) {
        leptos::task::spawn_local(async move {
            if let Ok(uploaded) =
                crate::client::get::<Vec<Attachment>>(&calls::attachments(thread)).await
            {
                files.restore(uploaded);
            }
        });
    }
    let choose = move |_| {
        let Some(element) = input.get_untracked() else {
            return;
        };
        let element: HtmlInputElement = element;
        let Some(list) = element.files() else { return };
        let chosen: Vec<File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        // The same file may be chosen again after it was taken back.
        element.set_value("");
        files.problems.set(Vec::new());
        let described: Vec<(String, String, u64)> = chosen
            .iter()
            .map(|f| (f.name(), f.type_(), f.size() as u64))
            .collect();
        let already = files.list.with_untracked(Vec::len);
        for (file, verdict) in
            chosen
                .into_iter()
                .zip(limits.admit(&described, already, crate::language::current()))
        {
            match verdict {
                Ok(kind) => upload(files, thread, file, kind, ended.clone()),
                Err(message) => files.refuse(tr(message)),
            }
        }
    };
    let take_back = move |c: Chosen| {
        if let Some(request) = c.request.get_value() {
            let _ = request.abort();
        }
        if let Progress::Ready(id) = c.progress.get_untracked() {
            leptos::task::spawn_local(async move {
                // Left behind, the sweeper deletes it within a day anyway.
                let _ = crate::client::delete(&calls::attachment(id)).await;
            });
        }
        files.remove(c.key);
        files.said.set(tr(t::attachments_taken_back(&c.name)));
        if let Some(element) = input.get_untracked() {
            let _ = element.focus();
        }
    };
    view! {
        <div class="field">
            <label class="label" for=INPUT>{tr(t::attachments_label())}</label>
            <p class="hint" id=format!("{INPUT}-hint")>{tr(limits.sentence(crate::language::current()))}</p>
            {move || files.problems.with(|p| p.first().map(|p| p.message.clone())).map(|m| view! {
                <p class="field-error" id=format!("{INPUT}-error")><span class="visually-hidden">{tr(t::field_error_prefix())}</span>{m}</p>
            })}
            <input class="file-input" type="file" id=INPUT name="allegati" multiple
                accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                aria-describedby=move || {
                    if files.problems.with(Vec::is_empty) {
                        format!("{INPUT}-hint")
                    } else {
                        format!("{INPUT}-hint {INPUT}-error")
                    }
                }
                node_ref=input on:change=choose/>
            <ul class="chosen-files" aria-label=tr(t::attachments_chosen())
                hidden=move || files.list.with(Vec::is_empty)>
                <For each=move || files.list.get() key=|c| c.key let:c>
                    {
                        let name = c.name.clone();
                        let shown = c.clone();
                        view! {
                            <li class="chosen-file">
                                <span class="chosen-file__name">{name.clone()}</span>
                                <span class="chosen-file__size">{size(c.size)}</span>
                                {move || match c.progress.get() {
                                    Progress::Uploading(pct) => view! {
                                        <span class="chosen-file__state">
                                            <progress max="100" value=pct.to_string()
                                                aria-label=tr(t::attachments_uploading_of(&c.name))></progress>
                                            {format!(" {}", tr(t::attachments_uploading(pct)))}
                                        </span>
                                    }.into_any(),
                                    Progress::Ready(_) => view! {
                                        <span class="chosen-file__state chosen-file__state--ready">{tr(t::attachments_ready())}</span>
                                    }.into_any(),
                                }}
                                <button type="button" class="button button--secondary button--small"
                                    aria-label=tr(t::attachments_take_back_named(&name))
                                    on:click=move |_| take_back(shown.clone())>{tr(t::attachments_take_back())}</button>
                            </li>
                        }
                    }
                </For>
            </ul>
            <p class="visually-hidden" role="status">{move || files.said.get()}</p>
        </div>
    }
}

/// Sends one file, reporting its progress; a refusal removes it and says why.
fn upload(
    files: Files,
    thread: ThreadId,
    file: File,
    kind: api::AttachmentType,
    ended: impl Fn(api::LoginNotice) + 'static,
) {
    let key = files.next.get_value();
    files.next.set_value(key + 1);
    let name = file.name();
    let chosen = Chosen {
        key,
        name: name.clone(),
        size: file.size() as u64,
        progress: RwSignal::new(Progress::Uploading(0)),
        request: StoredValue::new_local(None),
    };
    let progress = chosen.progress;
    files.list.update(|l| l.push(chosen.clone()));
    let Ok(xhr) = XmlHttpRequest::new() else {
        return;
    };
    let fail = move |message: String| {
        files.remove(key);
        files.refuse(message);
    };
    let encoded: String = js_sys::encode_uri_component(&name).into();
    let opened = xhr
        .open_with_async("POST", &calls::attachments(thread), true)
        .and_then(|()| xhr.set_request_header("Content-Type", kind.code()))
        .and_then(|()| xhr.set_request_header("X-Filename", &encoded))
        .and_then(|()| {
            xhr.set_request_header("Accept-Language", crate::language::current().code())
        });
    if opened.is_err() {
        fail(tr(t::attachments_not_uploaded(&name)));
        return;
    }
    if let Ok(target) = xhr.upload() {
        let on_progress = Closure::<dyn Fn(ProgressEvent)>::new(move |e: ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                let pct = (e.loaded() / e.total() * 100.0).clamp(0.0, 99.0) as u8;
                progress.set(Progress::Uploading(pct));
            }
        });
        target.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        // Lives as long as the request: one small closure per file chosen.
        on_progress.forget();
    }
    let answered = xhr.clone();
    let said = files.said;
    let on_load = Closure::once_into_js(move || {
        crate::session::note_activity();
        let status = answered.status().unwrap_or(0);
        let body = answered.response_text().ok().flatten().unwrap_or_default();
        if status == 201 {
            match serde_json::from_str::<Attachment>(&body) {
                Ok(a) => {
                    progress.set(Progress::Ready(a.id));
                    said.set(tr(t::attachments_uploaded(&a.name)));
                }
                Err(_) => fail(tr(t::attachments_not_uploaded(&name))),
            }
            return;
        }
        match serde_json::from_str::<ErrorEnvelope>(&body) {
            Ok(envelope)
                if status == 401 && envelope.error.code != api::ErrorCode::InvalidCredentials =>
            {
                ended(super::shell::ended());
            }
            Ok(envelope) => {
                let error = envelope.error;
                let message = error
                    .fields
                    .into_values()
                    .next()
                    .map(|m| tr(t::attachments_refused_field(&name, m)))
                    .unwrap_or(error.message);
                fail(message);
            }
            Err(_) => fail(tr(t::attachments_no_answer(&name))),
        }
    });
    xhr.set_onload(Some(on_load.unchecked_ref()));
    let name_for_error = file.name();
    let on_error =
        Closure::once_into_js(move || fail(tr(t::attachments_connection(&name_for_error))));
    xhr.set_onerror(Some(on_error.unchecked_ref()));
    chosen.request.set_value(Some(xhr.clone()));
    if xhr.send_with_opt_blob(Some(&file)).is_err() {
        fail(tr(t::attachments_not_uploaded(file.name())));
    }
}

/// The files a message carries, each to download, with its type and size.
#[component]
pub fn MessageFiles(files: Vec<Attachment>) -> impl IntoView {
    (!files.is_empty()).then(|| {
        view! {
            <ul class="message__files" aria-label=tr(t::attachments_list())>
                {files.into_iter().map(|a| view! {
                    <li>
                        <a href=calls::attachment(a.id) download=a.name.clone()>{a.name.clone()}</a>
                        <span class="message__file-meta">{format!(" ({}, {})", a.media_type.label(), size(a.size))}</span>
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}
