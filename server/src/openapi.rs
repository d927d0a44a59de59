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
                    "parameters": [ { "name": "q", "in": "query", "description": "Words of the name or of the codice fiscale", "schema": { "type": "string", "maxLength": 100 } } ],
                    "responses": {
                        "200": { "description": "The list", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Contributor" } } } } },
                        "401": error_response("Not logged in"),
                        "403": error_response("Operators act for no contributor")
                    }
                }
            },
            "/api/topics": {
                "get": { "summary": "Argomenti", "responses": { "200": { "description": "[Topic]" }, "401": error_response("Not logged in") } }
            },
            "/api/contributors/{cf}/communications": {
                "parameters": [ { "name": "cf", "in": "path", "required": true, "schema": { "type": "string" } } ],
                "get": {
                    "summary": "Comunicazione bidirezionale: the contributor's threads, newest first",
                    "parameters": [
                        { "name": "status", "in": "query", "schema": { "enum": ["inviata", "in_lavorazione", "accolta", "non_accolta", "chiusa"] } },
                        { "name": "topic", "in": "query", "schema": { "type": "string" } },
                        { "name": "page", "in": "query", "schema": { "type": "integer", "minimum": 1 } }
                    ],
                    "responses": { "200": { "description": "CommunicationPage" }, "404": error_response("Not a contributor you may act for"), "422": error_response("Unknown filter") }
                },
                "post": {
                    "summary": "Nuova comunicazione",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewCommunication" } } } },
                    "responses": { "201": { "description": "CommunicationDetail" }, "404": error_response("Not a contributor you may act for"), "422": error_response("A message per field") }
                }
            },
            "/api/communications/{id}": {
                "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } } ],
                "get": { "summary": "One thread with its messages", "responses": { "200": { "description": "CommunicationDetail" }, "404": error_response("Missing or not yours") } }
            },
            "/api/communications/{id}/messages": {
                "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } } ],
                "post": {
                    "summary": "Write in a thread",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["text"], "properties": { "text": { "type": "string", "maxLength": 4000 } } } } } },
                    "responses": { "201": { "description": "CommunicationDetail" }, "404": error_response("Missing or not yours"), "409": error_response("Closed thread"), "422": error_response("Empty or too long") }
                }
            },
            "/api/communications/{id}/eligibility": {
                "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } } ],
                "get": { "summary": "Whether 'Richiedi appuntamento' is enabled, and why", "responses": { "200": { "description": "Eligibility" }, "404": error_response("Missing or not yours") } }
            },
            "/api/office/communications": {
                "get": {
                    "summary": "Operator: the threads routed to my office",
                    "parameters": [ { "name": "status", "in": "query", "schema": { "type": "string" } } ],
                    "responses": { "200": { "description": "[OfficeCommunication]" }, "403": error_response("Not an operator") }
                }
            },
            "/api/communications/{id}/outcome": {
                "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } } ],
                "post": {
                    "summary": "Operator: Registra esito",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["outcome", "text"], "properties": { "outcome": { "enum": ["accolta", "non_accolta"] }, "text": { "type": "string" } } } } } },
                    "responses": { "200": { "description": "CommunicationDetail" }, "404": error_response("Not a thread of my office"), "409": error_response("Outcome already recorded"), "422": error_response("A message per field") }
                }
            },
            "/api/consultation-points": {
                "get": { "summary": "Punti di consulenza", "responses": { "200": { "description": "[{code, label}]" }, "401": error_response("Not logged in") } }
            },
            "/api/offices": {
                "get": { "summary": "Strutture territoriali with the points they offer", "responses": { "200": { "description": "[Office]" }, "401": error_response("Not logged in") } }
            },
            "/api/availability": {
                "get": {
                    "summary": "Free slots by day, from the next working day to 30 days ahead",
                    "parameters": [
                        { "name": "point", "in": "query", "required": true, "schema": { "type": "string" } },
                        { "name": "office", "in": "query", "required": true, "schema": { "type": "integer" } },
                        { "name": "topic", "in": "query", "schema": { "type": "string" } },
                        { "name": "from", "in": "query", "schema": { "type": "string", "format": "date" } },
                        { "name": "to", "in": "query", "schema": { "type": "string", "format": "date" } }
                    ],
                    "responses": { "200": { "description": "[{date, slots: [{start, end, free}]}]" }, "422": error_response("Unknown point, office or topic; office without the point") }
                }
            },
            "/api/appointments": {
                "post": {
                    "summary": "Prenota Appuntamento: holds the slot for 15 minutes",
                    "parameters": [ { "name": "Idempotency-Key", "in": "header", "required": true, "schema": { "type": "string" } } ],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/HoldRequest" } } } },
                    "responses": {
                        "201": { "description": "Appointment, status prenotato" },
                        "400": error_response("Missing Idempotency-Key, malformed body"),
                        "404": error_response("Not a thread you may act on"),
                        "409": error_response("Slot taken, thread already booked, thread not eligible"),
                        "422": error_response("A message per field; same key with another body"),
                        "429": error_response("Three active appointments already")
                    }
                }
            },
            "/api/appointments/{reference}": {
                "parameters": [ { "name": "reference", "in": "path", "required": true, "schema": { "type": "string" } } ],
                "get": { "summary": "Details and timeline", "responses": { "200": { "description": "Appointment" }, "404": error_response("Missing or not yours") } }
            },
            "/api/appointments/{reference}/extend": {
                "parameters": [ { "name": "reference", "in": "path", "required": true, "schema": { "type": "string" } } ],
                "post": { "summary": "Estendi: 15 more minutes", "responses": { "200": { "description": "Appointment" }, "409": error_response("Not held, or extended too often"), "410": error_response("Expired") } }
            },
            "/api/appointments/{reference}/confirm": {
                "parameters": [ { "name": "reference", "in": "path", "required": true, "schema": { "type": "string" } } ],
                "post": { "summary": "Conferma Appuntamento", "responses": { "200": { "description": "Appointment, status confermato" }, "409": error_response("Not held"), "410": error_response("Expired") } }
            },
            "/api/appointments/{reference}/release": {
                "parameters": [ { "name": "reference", "in": "path", "required": true, "schema": { "type": "string" } } ],
                "post": { "summary": "Cancella Prenotazione", "responses": { "200": { "description": "Appointment, status prenotazione_cancellata" }, "409": error_response("Already confirmed"), "410": error_response("Expired") } }
            },
            "/api/appointments/{reference}/ics": {
                "parameters": [ { "name": "reference", "in": "path", "required": true, "schema": { "type": "string" } } ],
                "get": { "summary": "Aggiungi al calendario (text/calendar)", "responses": { "200": { "description": "iCalendar" }, "409": error_response("Not confirmed") } }
            },
            "/api/contributors/{cf}/appointments": {
                "parameters": [ { "name": "cf", "in": "path", "required": true, "schema": { "type": "string" } } ],
                "get": {
                    "summary": "Gestione appuntamenti: the history, upcoming first",
                    "parameters": [
                        { "name": "status", "in": "query", "schema": { "type": "string" } },
                        { "name": "from", "in": "query", "schema": { "type": "string", "format": "date" } },
                        { "name": "to", "in": "query", "schema": { "type": "string", "format": "date" } },
                        { "name": "managed_by", "in": "query", "description": "Who booked it", "schema": { "enum": ["contribuente", "intermediario"] } }
                    ],
                    "responses": { "200": { "description": "[AppointmentSummary]" }, "404": error_response("Not a contributor you may act for"), "422": error_response("Unknown status or managed_by, malformed date, range ending before it starts") }
                }
            },
            "/api/appointments/{reference}/cancel": {
                "parameters": [ { "name": "reference", "in": "path", "required": true, "schema": { "type": "string" } } ],
                "post": {
                    "summary": "Annulla appuntamento: the contributor's side until the topic's cut-off (2 hours by default), the office until the start with a mandatory reason",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "properties": { "reason": { "type": ["string", "null"], "maxLength": 500 } }, "additionalProperties": false } } } },
                    "responses": { "200": { "description": "Appointment, status annullato" }, "404": error_response("Not an appointment you may act on"), "409": error_response("Not confirmed, past the cut-off, or already started"), "422": error_response("Reason too long, or missing for the office") }
                }
            },
            "/api/appointments/{reference}/attendance": {
                "parameters": [ { "name": "reference", "in": "path", "required": true, "schema": { "type": "string" } } ],
                "post": {
                    "summary": "Operator: record Svolto or Non presentato once the appointment has started; with Svolto, `text` (Esito dell'incontro) is posted into the thread",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["outcome"], "properties": { "outcome": { "enum": ["svolto", "non_presentato"] }, "text": { "type": ["string", "null"], "maxLength": 2000 } }, "additionalProperties": false } } } },
                    "responses": { "200": { "description": "Appointment" }, "404": error_response("Not an appointment of my office"), "409": error_response("Not started yet, not confirmed, or attendance already recorded"), "422": error_response("A message per field") }
                }
            },
            "/api/office/agenda": {
                "get": {
                    "summary": "Operator: Agenda della sede, the office's appointments of a day by time",
                    "parameters": [ { "name": "date", "in": "query", "schema": { "type": "string", "format": "date" } } ],
                    "responses": { "200": { "description": "OfficeAgenda" }, "403": error_response("Not an operator"), "422": error_response("Malformed date") }
                }
            },
            "/api/office/closures": {
                "get": { "summary": "Operator: the office's closures still to end", "responses": { "200": { "description": "[Closure]" }, "403": error_response("Not an operator") } },
                "post": {
                    "summary": "Operator: declare a closure (a day, part of a day, a period; one point or all). Appointments inside are cancelled with its reason only with cancel_appointments",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["from", "to", "reason"], "properties": { "point": { "type": ["string", "null"] }, "from": { "type": "string", "format": "date" }, "to": { "type": "string", "format": "date" }, "start_time": { "type": ["string", "null"] }, "end_time": { "type": ["string", "null"] }, "reason": { "type": "string" }, "cancel_appointments": { "type": "boolean" } }, "additionalProperties": false } } } },
                    "responses": { "201": { "description": "ClosureOutcome" }, "403": error_response("Not an operator"), "409": error_response("Appointments inside: confirm with cancel_appointments"), "422": error_response("A message per field") }
                }
            },
            "/api/office/closures/preview": {
                "post": {
                    "summary": "Operator: the appointments a closure would cancel, changing nothing",
                    "responses": { "200": { "description": "ClosureOutcome (closure null)" }, "403": error_response("Not an operator"), "422": error_response("A message per field") }
                }
            },
            "/api/office/capacity": {
                "post": {
                    "summary": "Operator: a day's capacity for a consultation point",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["date", "point", "capacity"], "properties": { "date": { "type": "string", "format": "date" }, "point": { "type": "string" }, "capacity": { "type": "integer", "minimum": 1, "maximum": 50 } }, "additionalProperties": false } } } },
                    "responses": { "200": { "description": "DayAvailability of that day" }, "403": error_response("Not an operator"), "409": error_response("Below what a slot already holds"), "422": error_response("A message per field") }
                }
            },
            "/api/intermediary/agenda": {
                "get": {
                    "summary": "Agenda dello studio: the upcoming appointments of every contributor who delegated the calling intermediary, soonest first",
                    "responses": { "200": { "description": "[AppointmentSummary]" }, "401": error_response("Not logged in"), "403": error_response("Not an intermediary") }
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
                "NewCommunication": {
                    "type": "object", "additionalProperties": false, "required": ["topic", "subject", "text"],
                    "properties": {
                        "topic": { "type": "string" },
                        "subject": { "type": "string", "maxLength": 150 },
                        "text": { "type": "string", "maxLength": 4000 }
                    }
                },
                "HoldRequest": {
                    "type": "object", "additionalProperties": false,
                    "required": ["communication_id", "point", "office", "start", "phone", "notes"],
                    "properties": {
                        "communication_id": { "type": "integer" },
                        "point": { "type": "string" },
                        "office": { "type": "integer" },
                        "start": { "type": "string", "format": "date-time" },
                        "phone": { "type": "string" },
                        "notes": { "type": "string", "maxLength": 500 }
                    }
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
