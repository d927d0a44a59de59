//! Allegati over HTTP: the upload (a raw body of a type taken, its name in `X-Filename`, never
//! a form), the download under the thread's own access rule, and taking back a pending upload.
//! Handlers translate only: the checks are the domain's, the scan the antivirus's, the limits
//! the workflow's.

use super::attachments::{self, NewUpload, Scan};
use super::{repo, workflow};
use crate::access::{self, Access};
use crate::antivirus::{self, Verdict};
use crate::auth::CurrentUser;
use crate::domain::attachment;
use crate::error::{AppError, AppResult};
use crate::extract::{Json, Path};
use crate::state::AppState;
use api::{AttachmentId, CommunicationStatus, ErrorCode, ThreadId};
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use catalogue::t;
use http_body_util::BodyExt;
use sha2::{Digest, Sha256};
use std::time::Duration;

/// The header that carries the file's name (percent-encoded UTF-8).
pub const NAME_HEADER: &str = "x-filename";
/// How long clamd may take over one file before the upload is refused as unavailable.
const SCAN_WITHIN: Duration = Duration::from_secs(30);
/// How long an upload waits for its turn to be received when as many as the server takes at
/// once are arriving.
const TURN_WITHIN: Duration = Duration::from_secs(10);
/// How long a file may take to arrive: a phone on a slow line sends 3 MiB in well under this;
/// a client that trickles its bytes does not hold a place for longer.
const ARRIVAL_WITHIN: Duration = Duration::from_secs(120);

#[utoipa::path(post, path = "/api/communications/{id}/attachments", tag = "communications",
    params(("id" = i64, Path, description = "The thread"),
        ("X-Filename" = String, Header, description = "The file's original name, percent-encoded UTF-8 (at most 100 characters; no control or bidi characters, no / \\ ..)")),
    description = "Allega documenti: the file is the raw body (Content-Type application/pdf, image/jpeg or image/png; never a form), at most --attachment-max-bytes (3 MiB). Its bytes must be of the declared type; a PDF must not be encrypted nor hold JavaScript, launch actions or embedded files; an image must decode; clamd scans it. Kept pending in the caller's name until a message of theirs in the thread takes it (`attachments` of POST …/messages); deleted after 24 hours otherwise.",
    responses((status = 201, description = "The pending upload", body = api::Attachment),
        (status = 404, description = "Missing, or not a thread the caller may write in", body = api::ErrorEnvelope),
        (status = 409, description = "A closed thread (`communication_closed`), as many files pending as a message carries (`too_many_attachments`), the thread's attachments full (`thread_attachments_full`)", body = api::ErrorEnvelope),
        (status = 413, description = "A file over the limit, refused while it is read", body = api::ErrorEnvelope),
        (status = 415, description = "Not PDF, JPEG or PNG (a form, JSON, anything else)", body = api::ErrorEnvelope),
        (status = 422, description = "A name that cannot be shown (`validation`, `fields.filename`), bytes not of the type (`attachment_wrong_type`), an encrypted PDF (`attachment_encrypted`), a PDF that runs something (`attachment_active_content`), an unreadable file (`attachment_unreadable`), a virus (`attachment_infected`)", body = api::ErrorEnvelope),
        (status = 429, description = "30 files for the contributor in 24 hours; see Retry-After", body = api::ErrorEnvelope),
        (status = 503, description = "The antivirus did not answer: nothing was kept; see Retry-After", body = api::ErrorEnvelope)))]
pub async fn upload(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<ThreadId>,
    headers: HeaderMap,
    body: Body,
) -> AppResult<(StatusCode, Json<api::Attachment>)> {
    let now = state.clock.now();
    let access = access::thread_access(&state.db, &user, id, now).await?;
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let kind = text(header::CONTENT_TYPE)
        .and_then(attachment::kind_of)
        .ok_or(AppError::UnsupportedFile)?;
    let name = match headers.get(NAME_HEADER) {
        None => Err(t::attachment_name_missing()),
        Some(raw) => raw
            .to_str()
            .map_err(|_| t::attachment_name_unreadable())
            .and_then(attachment::parse_name),
    }
    .map_err(|e| AppError::field("filename", e))?;
    let limits = state.uploads.limits;
    let declared = text(header::CONTENT_LENGTH).and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limits.max_bytes as u64) {
        return Err(AppError::FileTooLarge(
            limits.wire().too_large(&name, crate::language::current()),
        ));
    }
    // What would refuse the file anyway is said before its bytes are read.
    let mut conn = state.db.pool.acquire().await?;
    let facts = repo::facts(&mut conn, id).await?;
    if facts.status == CommunicationStatus::Chiusa {
        return Err(workflow::closed());
    }
    let counted = matches!(access, Access::ContributorSide(_));
    let held = attachments::held(&mut conn, facts.contributor_id, id, user.id, now).await?;
    drop(conn);
    attachment::room(
        limits,
        held,
        declared.unwrap_or(0) as i64,
        counted,
        now,
        crate::language::current(),
    )
    .map_err(workflow::no_room)?;

    let _receiving = tokio::time::timeout(TURN_WITHIN, state.uploads.receiving.acquire())
        .await
        .map_err(|_| AppError::Busy("uploads: every place to receive a file is taken".into()))?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let data = tokio::time::timeout(ARRIVAL_WITHIN, read_capped(body, limits, &name))
        .await
        .map_err(|_| AppError::BadRequest(t::attachment_late(&name)))??;
    if data.is_empty() {
        return Err(AppError::Rejected {
            code: ErrorCode::AttachmentUnreadable,
            message: t::attachment_empty(&name),
        });
    }
    let _permit = state
        .uploads
        .checking
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let (data, checked) = tokio::task::spawn_blocking(move || {
        let checked = attachment::check(kind, &data);
        (data, checked)
    })
    .await
    .map_err(|e| AppError::Internal(format!("check: {e}")))?;
    checked.map_err(|refusal| AppError::Rejected {
        code: refusal.code(),
        message: refusal.message(&name, kind),
    })?;
    let scan = scan(&state, &data, &name).await?;
    let sha256 = hex::encode(Sha256::digest(&data));
    let upload = NewUpload {
        thread: id,
        uploaded_by: user.id,
        name: &name,
        media_type: kind,
        sha256: &sha256,
        scan,
        data: &data,
        now,
    };
    let id = crate::error::retrying(|| {
        workflow::keep_upload(&state.db, facts.contributor_id, &upload, limits, counted)
    })
    .await?;
    tracing::info!(target: "audit", event = "attachment_uploaded", user = user.id.0,
        communication = upload.thread.0, attachment = id.0, size = data.len(), media_type = kind.code());
    Ok((
        StatusCode::CREATED,
        Json(api::Attachment {
            id,
            name,
            media_type: kind,
            size: data.len() as u64,
            sha256,
        }),
    ))
}

/// The body, refused (413) as soon as it passes the limit: a longer one is never held whole.
async fn read_capped(body: Body, limits: attachment::Limits, name: &str) -> AppResult<Vec<u8>> {
    let mut body = body;
    let mut data = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| AppError::BadRequest(t::attachment_incomplete(name)))?;
        if let Ok(chunk) = frame.into_data() {
            if data.len() + chunk.len() > limits.max_bytes {
                return Err(AppError::FileTooLarge(
                    limits.wire().too_large(name, crate::language::current()),
                ));
            }
            data.extend_from_slice(&chunk);
        }
    }
    Ok(data)
}

/// The antivirus's word on the file: clean, or kept unscanned when none is configured (only
/// `--demo` starts so); a virus is a 422 naming the file, a clamd that does not answer a 503.
async fn scan(state: &AppState, data: &[u8], name: &str) -> AppResult<Scan> {
    let Some(clamd) = &state.uploads.clamd else {
        return Ok(Scan::NotScanned);
    };
    match antivirus::scan(clamd, data, SCAN_WITHIN).await {
        Ok(Verdict::Clean) => Ok(Scan::Clean),
        Ok(Verdict::Infected(signature)) => {
            tracing::warn!(target: "audit", event = "attachment_infected", %signature);
            Err(AppError::Rejected {
                code: ErrorCode::AttachmentInfected,
                message: t::attachment_infected(name, signature),
            })
        }
        Err(error) => Err(AppError::Unavailable(error.to_string())),
    }
}

#[utoipa::path(get, path = "/api/communications/{id}/attachments", tag = "communications",
    params(("id" = i64, Path, description = "The thread")),
    description = "The caller's own uploads in the thread that no message carries yet, the oldest first: the message being written finds its files again after a reload or a new login.",
    responses((status = 200, description = "The pending uploads", body = Vec<api::Attachment>),
        (status = 404, description = "Missing, or not a thread the caller may write in", body = api::ErrorEnvelope)))]
pub async fn pending(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<ThreadId>,
) -> AppResult<Json<Vec<api::Attachment>>> {
    access::thread_access(&state.db, &user, id, state.clock.now()).await?;
    let mut conn = state.db.pool.acquire().await?;
    let files = attachments::pending(&mut conn, id, user.id).await?;
    Ok(Json(
        files.into_iter().map(attachments::Meta::into_api).collect(),
    ))
}

#[utoipa::path(get, path = "/api/attachments/{id}", tag = "communications",
    params(("id" = i64, Path, description = "The attachment")),
    description = "The file, to save (Content-Disposition: attachment), of its stored type; under the thread's own access rule. A pending upload is its uploader's only.",
    responses((status = 200, description = "The file's bytes, of its stored type (application/pdf, image/jpeg or image/png)"),
        (status = 404, description = "Missing, or not the caller's to read", body = api::ErrorEnvelope)))]
pub async fn download(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<AttachmentId>,
) -> AppResult<Response> {
    let now = state.clock.now();
    let mut conn = state.db.pool.acquire().await?;
    let (meta, data) = attachments::find(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    drop(conn);
    access::thread_access(&state.db, &user, meta.communication_id, now)
        .await
        .map_err(|_| AppError::NotFound)?;
    if meta.message_id.is_none() && meta.uploaded_by != user.id {
        return Err(AppError::NotFound);
    }
    tracing::info!(target: "audit", event = "attachment_downloaded", user = user.id.0, attachment = id.0);
    let disposition = content_disposition(&meta.name);
    let mut response = (StatusCode::OK, data).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(meta.media_type.code()),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    // (`nosniff` comes with every response, from `security::headers`.) Opened in a tab anyway,
    // the file may run nothing and reach nothing.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    Ok(response)
}

/// `attachment; filename="<ASCII stand-in>"; filename*=UTF-8''<the name, percent-encoded>`
/// (RFC 6266): every browser saves the file under its real name, older ones under the stand-in.
pub fn content_disposition(name: &str) -> String {
    const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "attachment; filename=\"{fallback}\"; filename*=UTF-8''{}",
        percent_encoding::utf8_percent_encode(name, UNRESERVED)
    )
}

#[utoipa::path(delete, path = "/api/attachments/{id}", tag = "communications",
    params(("id" = i64, Path, description = "The attachment")),
    description = "Takes back a pending upload of the caller's (the file removed from the message being written): its bytes are deleted at once; it still counts among the contributor's files of the day. A file a message carries stays with it.",
    responses((status = 204, description = "Deleted"),
        (status = 404, description = "Not a pending upload of the caller's", body = api::ErrorEnvelope)))]
pub async fn discard(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<AttachmentId>,
) -> AppResult<StatusCode> {
    if attachments::discard_pending(&state.db, id, user.id, state.clock.now()).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_saved_as_written_and_stands_in_as_ascii() {
        assert_eq!(
            content_disposition("quietanza F24 – 2023.pdf"),
            "attachment; filename=\"quietanza F24 _ 2023.pdf\"; filename*=UTF-8''quietanza%20F24%20%E2%80%93%202023.pdf"
        );
        assert_eq!(
            content_disposition("a\"b.png"),
            "attachment; filename=\"a_b.png\"; filename*=UTF-8''a%22b.png"
        );
    }
}
