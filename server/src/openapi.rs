//! The API's routes and its OpenAPI 3.1 document, made from the same declarations: each
//! handler's `#[utoipa::path]` registers its route (`utoipa_axum::routes!`) and documents it,
//! so the two cannot drift. What every operation may answer because of the layers around the
//! handlers (the session, the guard against other sites, the JSON body, retries) is added here
//! once, from the same facts those layers act on.

use crate::state::AppState;
use axum::Router;
use std::sync::OnceLock;
use utoipa::openapi::path::{HttpMethod, Operation, Parameter, ParameterIn};
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::{AnyOfBuilder, ObjectBuilder, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
use utoipa::openapi::Required;
use utoipa::openapi::{Content, OpenApi as Document, Ref, RefOr};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Cassetto Previdenziale per Artigiani e Commercianti — Agenda appuntamenti",
        description = "Errors use one envelope with an Italian message. State-changing requests from other sites are refused (403). Instants are RFC 3339 with offset, days YYYY-MM-DD (Europe/Rome) between 2000 and 2100."
    ),
    components(schemas(api::ErrorEnvelope, api::ManagedBy))
)]
struct Declared;

static DOCUMENT: OnceLock<serde_json::Value> = OnceLock::new();

/// `GET /api/openapi.json`.
#[utoipa::path(get, path = "/api/openapi.json", tag = "session", security(()),
    responses((status = 200, description = "This document", body = Object)))]
async fn document() -> crate::extract::Json<serde_json::Value> {
    crate::extract::Json(DOCUMENT.get().cloned().unwrap_or_default())
}

/// Every route of the API, and the document that describes them.
pub fn api() -> (Router<AppState>, Document) {
    let (router, mut doc) = OpenApiRouter::with_openapi(Declared::openapi())
        .merge(crate::session::router())
        .merge(crate::oidc::router())
        .merge(crate::communications::router())
        .merge(crate::agenda::router())
        .merge(crate::office::router())
        .merge(crate::waitlist::router())
        .merge(crate::info::router())
        .merge(crate::ratings::router())
        .routes(routes!(document))
        .split_for_parts();
    complete(&mut doc);
    let _ = DOCUMENT.set(serde_json::to_value(&doc).unwrap_or_default());
    (router, doc)
}

fn error(description: &str) -> RefOr<utoipa::openapi::Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            Content::new(Some(Ref::from_schema_name("ErrorEnvelope"))),
        )
        .into()
}

fn add(operation: &mut Operation, status: &str, description: &str) {
    operation
        .responses
        .responses
        .entry(status.to_string())
        .or_insert_with(|| error(description));
}

/// An optional query parameter may be sent empty (`?status=&from=`, as a form does): the
/// server reads it as absent, and the document says so.
fn empty_means_absent(parameter: &mut Parameter) {
    if parameter.parameter_in != ParameterIn::Query || parameter.required == Required::True {
        return;
    }
    if let Some(schema) = parameter.schema.take() {
        let empty = ObjectBuilder::new()
            .schema_type(Type::String)
            .max_length(Some(0));
        parameter.schema = Some(AnyOfBuilder::new().item(schema).item(empty).into());
    }
}

/// The session cookie as the security scheme every operation needs unless it says otherwise,
/// and the answers of the layers around the handlers.
/// The upload's body is the file itself, of one of the three types taken: declared here
/// because the path macro describes JSON bodies only.
fn file_body(doc: &mut Document) {
    use utoipa::openapi::request_body::RequestBodyBuilder;
    use utoipa::openapi::schema::SchemaFormat;
    let Some(operation) = doc
        .paths
        .paths
        .get_mut("/api/communications/{id}/attachments")
        .and_then(|item| item.post.as_mut())
    else {
        return;
    };
    let binary = || {
        Content::new(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .format(Some(SchemaFormat::Custom("binary".into())))
                .max_length(Some(crate::domain::attachment::MAX_BYTES)),
        ))
    };
    let mut body = RequestBodyBuilder::new()
        .description(Some("The file's bytes"))
        .required(Some(Required::True));
    for kind in api::AttachmentType::ALL {
        body = body.content(kind.code(), binary());
    }
    operation.request_body = Some(body.build());
    // The download answers with the file's own type.
    let Some(download) = doc
        .paths
        .paths
        .get_mut("/api/attachments/{id}")
        .and_then(|item| item.get.as_mut())
    else {
        return;
    };
    let mut file = ResponseBuilder::new().description("The file's bytes, of its stored type");
    for kind in api::AttachmentType::ALL {
        file = file.content(kind.code(), binary());
    }
    download
        .responses
        .responses
        .insert("200".into(), file.build().into());
}

fn complete(doc: &mut Document) {
    file_body(doc);
    let cookie = crate::auth::SESSION.name;
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "session",
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
            cookie,
            "The session cookie set by POST /api/session (__Host-cassetto_session over HTTPS)",
        ))),
    );
    doc.security = Some(vec![SecurityRequirement::new(
        "session",
        Vec::<String>::new(),
    )]);
    for item in doc.paths.paths.values_mut() {
        let operations = [
            (HttpMethod::Get, item.get.as_mut()),
            (HttpMethod::Post, item.post.as_mut()),
            (HttpMethod::Put, item.put.as_mut()),
            (HttpMethod::Delete, item.delete.as_mut()),
            (HttpMethod::Patch, item.patch.as_mut()),
        ];
        for (method, operation) in operations {
            let Some(operation) = operation else { continue };
            // An operation that declares no security of its own needs the session.
            if operation.security.is_none() {
                add(operation, "401", "Not logged in, or the session expired");
            }
            if method != HttpMethod::Get {
                add(operation, "403", "A request sent by another site");
                add(operation, "413", "Body over 64 KiB");
                add(operation, "415", "A body that is not JSON");
                add(
                    operation,
                    "503",
                    "Too busy to finish the change; nothing changed, retry",
                );
            }
            if operation.request_body.is_some() {
                add(
                    operation,
                    "400",
                    "Malformed JSON, unknown fields, a missing header",
                );
            }
            // security::guard refuses control characters in a path or a query value.
            let places: Vec<ParameterIn> = operation
                .parameters
                .iter()
                .flatten()
                .map(|p| p.parameter_in.clone())
                .collect();
            if places.contains(&ParameterIn::Path) {
                add(operation, "404", "No such resource");
            }
            if places.contains(&ParameterIn::Query) {
                add(operation, "422", "A filter the server does not accept");
            }
            for parameter in operation.parameters.iter_mut().flatten() {
                empty_means_absent(parameter);
            }
        }
    }
}
