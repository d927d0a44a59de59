//! `GET /api/contributors`: whom the caller may act for, checked at every request.

use crate::helpers::*;
use api::Contributor;
use axum::http::StatusCode;

fn codes(list: &[Contributor]) -> Vec<&str> {
    list.iter().map(|c| c.cf.as_str()).collect()
}

#[tokio::test]
async fn a_contributor_acts_only_for_themself() {
    let app = spawn_app().await;
    let mut client = app.logged_in(FERRI).await;
    let list: Vec<Contributor> = client.get("/api/contributors").await.json();
    assert_eq!(codes(&list), [FERRI]);
}

#[tokio::test]
async fn an_intermediary_acts_for_the_delegating_contributors_only() {
    let app = spawn_app().await;
    let mut client = app.logged_in(VERDI).await;
    let list: Vec<Contributor> = client.get("/api/contributors").await.json();
    assert_eq!(
        codes(&list),
        [BIANCHI, ROSSI],
        "ordered by name, Ferri absent"
    );
}

#[tokio::test]
async fn a_revoked_delegation_stops_counting_on_the_next_request() {
    let app = spawn_app().await;
    let mut client = app.logged_in(VERDI).await;
    sqlx::query(
        "UPDATE delegations SET revoked_at = $1
         WHERE contributor_id = (SELECT id FROM contributors WHERE cf = $2)",
    )
    .bind(START)
    .bind(ROSSI)
    .execute(&app.db.pool)
    .await
    .unwrap();
    let list: Vec<Contributor> = client.get("/api/contributors").await.json();
    assert_eq!(codes(&list), [BIANCHI]);
}

#[tokio::test]
async fn an_expired_delegation_stops_counting() {
    let app = spawn_app().await;
    sqlx::query("UPDATE delegations SET valid_until = $1 WHERE contributor_id = (SELECT id FROM contributors WHERE cf = $2)")
        .bind(START + 60)
        .bind(BIANCHI)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let mut client = app.logged_in(VERDI).await;
    assert_eq!(
        client
            .get("/api/contributors")
            .await
            .json::<Vec<Contributor>>()
            .len(),
        2
    );
    app.clock.advance(61);
    let list: Vec<Contributor> = client.get("/api/contributors").await.json();
    assert_eq!(codes(&list), [ROSSI]);
}

#[tokio::test]
async fn an_operator_never_acts_for_a_contributor() {
    let app = spawn_app().await;
    let mut client = app.logged_in("operatore.roma").await;
    let response = client.get("/api/contributors").await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert_eq!(response.code(), "forbidden");
}

#[tokio::test]
async fn nobody_anonymous_gets_the_list() {
    let app = spawn_app().await;
    assert_eq!(
        app.client().get("/api/contributors").await.status,
        StatusCode::UNAUTHORIZED
    );
}
