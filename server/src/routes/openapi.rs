//! `GET /api/openapi.json`: the API as OpenAPI 3.1, for intermediaries' own software. Written
//! by hand beside the routes; a test checks that every route answers as documented here.

use crate::AppState;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

pub fn router() -> Router<AppState> {
    Router::new().route("/api/openapi.json", get(|| async { Json(document()) }))
}

fn error_response(description: &str) -> Value {
    json!({ "description": description,
            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } })
}

pub fn document() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Cassetto Previdenziale per Artigiani e Commercianti — Agenda appuntamenti",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Errors use one envelope with an Italian message. State-changing requests from other sites are refused (403)."
        },
        "paths": {
            "/api/session": {
                "post": {
                    "summary": "Accedi",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/LoginRequest" } } } },
                    "responses": {
                        "200": { "description": "Logged in; sets the session cookie", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SessionInfo" } } } },
                        "401": error_response("Wrong username or password"),
                        "422": error_response("Empty fields"),
                        "429": error_response("Too many failed attempts; see Retry-After")
                    }
                },
                "get": {
                    "summary": "Who am I",
                    "responses": {
                        "200": { "description": "The session", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SessionInfo" } } } },
                        "401": error_response("Not logged in, or session expired")
                    }
                },
                "delete": {
                    "summary": "Esci",
                    "responses": { "204": { "description": "The session ended on the server" } }
                }
            },
            "/api/session/status": {
                "get": {
                    "summary": "Who am I, without a 401 for visitors",
                    "responses": {
                        "200": { "description": "`session` is null when not logged in", "content": { "application/json": { "schema": { "type": "object", "properties": { "session": { "oneOf": [ { "$ref": "#/components/schemas/SessionInfo" }, { "type": "null" } ] } } } } } }
                    }
                }
            },
            "/api/contributors": {
                "get": {
                    "summary": "Contributors the caller may act for",
                    "responses": {
                        "200": { "description": "The list", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Contributor" } } } } },
                        "401": error_response("Not logged in"),
                        "403": error_response("Operators act for no contributor")
                    }
                }
            },
            "/api/openapi.json": {
                "get": { "summary": "This document", "responses": { "200": { "description": "OpenAPI 3.1" } } }
            }
        },
        "components": {
            "schemas": {
                "LoginRequest": {
                    "type": "object", "additionalProperties": false, "required": ["username", "password"],
                    "properties": { "username": { "type": "string" }, "password": { "type": "string" } }
                },
                "Contributor": {
                    "type": "object", "required": ["cf", "name", "category", "province"],
                    "properties": {
                        "cf": { "type": "string", "description": "Codice fiscale" },
                        "name": { "type": "string" },
                        "category": { "enum": ["artigiano", "commerciante"] },
                        "province": { "type": "string" }
                    }
                },
                "SessionInfo": {
                    "type": "object", "required": ["user", "contributors", "idle_timeout_seconds", "expires_at"],
                    "properties": {
                        "user": {
                            "type": "object",
                            "properties": {
                                "username": { "type": "string" }, "name": { "type": "string" },
                                "role": { "enum": ["contribuente", "intermediario", "operatore"] },
                                "organisation": { "type": ["string", "null"] },
                                "office": { "type": ["string", "null"] }
                            }
                        },
                        "contributors": { "type": "array", "items": { "$ref": "#/components/schemas/Contributor" } },
                        "idle_timeout_seconds": { "type": "integer" },
                        "expires_at": { "type": "string", "format": "date-time" }
                    }
                },
                "Error": {
                    "type": "object", "required": ["error"],
                    "properties": { "error": { "type": "object", "required": ["code", "message"],
                        "properties": { "code": { "type": "string" }, "message": { "type": "string" },
                                        "fields": { "type": "object", "additionalProperties": { "type": "string" } } } } }
                }
            }
        }
    })
}
