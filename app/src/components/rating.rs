//! Valuta il servizio (the Designers Italia "valutazione" pattern): one question, five choices
//! from "Molto difficile" to "Molto facile", an optional comment. Offered after a booking is
//! confirmed, a thread is closed or an appointment has taken place; never in the way: it sits
//! below what the page is for, and sending it or not changes nothing else.

use super::error_summary::ErrorSummary;
use super::submit::Submission;
use crate::client;
use crate::language::tr;
use api::{rating_score_label, Code, NewRating, RatingOccasion, RATING_COMMENT_MAX};
use catalogue::t;
use leptos::prelude::*;

const FIELDS: &[(&str, &str)] = &[("score", "rating-score-1"), ("comment", "rating-comment")];

#[component]
pub fn Rating(occasion: RatingOccasion, url: String) -> impl IntoView {
    let score = RwSignal::new(None::<i64>);
    // What a person writes is kept in the tab until it is sent, as every form's text is.
    let comment = crate::drafts::kept(format!("valutazione.{url}"));
    let thanked = RwSignal::new(false);
    let rating = Submission::refusing(
        FIELDS,
        move |request: NewRating| {
            let url = url.clone();
            async move { client::post_done(&url, &request).await }
        },
        move |()| {
            comment.set(String::new());
            thanked.set(true);
            None
        },
        // Rated already (on another device): the same thanks.
        move |e: &client::ApiError| {
            (e.status == 409).then(|| {
                comment.set(String::new());
                thanked.set(true);
                Vec::new()
            })
        },
    );
    let error = move |field: &'static str| rating.error(field);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        rating.submit(NewRating {
            occasion: Code::Known(occasion),
            score: score.get_untracked().unwrap_or(0),
            comment: comment.get_untracked(),
        });
    };
    let choice = move |value: i64| {
        let id = format!("rating-score-{value}");
        view! {
            <div class="rating__choice">
                <input type="radio" id=id.clone() name="rating-score" value=value.to_string()
                    prop:checked=move || score.get() == Some(value)
                    on:change=move |_| score.set(Some(value))/>
                <label for=id>
                    <span class="rating__value" aria-hidden="true">{value.to_string()}</span>
                    <span>{tr(rating_score_label(value))}</span>
                </label>
            </div>
        }
    };
    view! {
        <section class="rating no-print" aria-labelledby="rating-title">
            <h2 id="rating-title">{tr(t::rating_title())}</h2>
            <super::submit::Done text=Signal::derive(move || thanked.get().then(|| tr(t::rating_thanks())))/>
            <Show when=move || !thanked.get()>
                <ErrorSummary problems=rating.problems.into()/>
                <form class="form" novalidate on:submit=submit>
                    <fieldset class="form-group" class:form-group--error=move || error("rating-score-1").get().is_some()>
                        <legend class="label">{tr(occasion.question())}</legend>
                        <p class="hint">{tr(t::rating_hint())}</p>
                        {move || error("rating-score-1").get().map(|m| view! {
                            <p class="field-error"><span class="visually-hidden">{tr(t::field_error_prefix())}</span>{m}</p>
                        })}
                        <div class="rating__scale">
                            {(1..=5).map(choice).collect_view()}
                        </div>
                    </fieldset>
                    <div class="form-group" class:form-group--error=move || error("rating-comment").get().is_some()>
                        <label class="label" for="rating-comment">{tr(t::rating_comment())}</label>
                        {move || error("rating-comment").get().map(|m| view! {
                            <p class="field-error" id="rating-comment-error"><span class="visually-hidden">{tr(t::field_error_prefix())}</span>{m}</p>
                        })}
                        <textarea class="textarea" id="rating-comment" name="comment" rows="3"
                            maxlength=RATING_COMMENT_MAX.to_string()
                            aria-describedby=move || error("rating-comment").get().is_some().then_some("rating-comment-error")
                            bind:value=comment></textarea>
                    </div>
                    <button type="submit" class="button button--secondary" disabled=move || rating.pending().get()>{tr(t::rating_submit())}</button>
                </form>
            </Show>
        </section>
    }
}
