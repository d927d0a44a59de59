# Every sentence the service writes, in English. The keys are those of it.ftl; a test fails
# when one is missing here or uses other variables. Names of the Institute's services and
# offices stay in Italian (Cassetto Previdenziale, Sede di Roma).

verbatim = { $text }

## The API's error envelope
error-bad-request = The request is not valid: { $detail }
error-unauthenticated = Sign in to continue.
error-session-expired = Your session has expired. Sign in again to continue.
error-invalid-credentials = The username or password is not correct. Check them and try again.
error-forbidden = This function is not available for your profile.
error-cross-site = Request refused: it comes from another site.
error-not-found = The resource you asked for does not exist.
error-changed-meanwhile = The data changed in the meantime: reload the page and try again.
error-hold-expired = The time to confirm the booking has run out and the slot has been released. You can book again.
error-payload-too-large = The request is too large.
error-antivirus-down = The antivirus check of files is not available at the moment: the file has not been saved. Try again in a few minutes.
error-not-json = The content of the request must be JSON.
error-validation = Some details are not valid. Correct the fields shown.
error-busy = The service is very busy at the moment: try again in a few seconds.
error-internal = An unexpected error occurred. Try again in a few minutes.
request-body-unreadable = the body of the request cannot be read.
request-body-not-object = the body must be a JSON object ({ "{" }…{ "}" }).
request-body-not-json = the body is not valid JSON.
request-field-unknown = the field “{ $field }” is not expected.
request-field-missing = the field “{ $field }” is missing.
request-field-wrong-type = the field “{ $field }” is not of the expected type.
request-wrong-shape = the data does not have the expected shape (fields missing, unknown or of the wrong type).
request-path-unreadable = the parameters of the address cannot be read.

## Recapiti (contact details)
contacts-email-invalid = Enter a valid email address, for example name.surname@example.it.
contacts-email-empty = Enter the email address at which to receive confirmations.
contacts-email-too-long = The email address can be at most { $max } characters long.

## What a booking request carries
booking-phone-invalid = Enter a valid Italian phone number, landline or mobile, for example 06 1234 5678 or 347 123 4567.
booking-phone-empty = Enter a phone number.
booking-phone-too-long = The phone number can be at most { $max } characters long.
booking-video-needs-mobile = For a video call give a mobile number, for example 347 123 4567: the link is sent by text message to that number.
booking-notes-empty = Write a note: what you want to talk about at the appointment.
booking-notes-too-long = The notes can be at most { $max } characters long.
booking-notes-forbidden = The notes contain characters that are not allowed.
booking-start-missing = Choose the date and time of the appointment.
booking-topic-unknown = Topic not recognised.
booking-start-not-offered = The time chosen is not one that can be booked: choose a time from the list.
booking-office-missing = Choose an office.
booking-idempotency-missing = the Idempotency-Key header is missing (a unique identifier for each request).
booking-idempotency-too-long = the Idempotency-Key header can be at most 200 characters long.
booking-move-reason-empty = Write the reason for the move: the contributor will read it.
booking-cancel-reason-empty = Write the reason for the cancellation: the contributor will read it.
booking-reason-too-long = The reason can be at most { $max } characters long.
booking-reason-forbidden = The reason contains characters that are not allowed.
booking-attendance-missing = Choose “Held” or “Did not attend”.
booking-outcome-not-held = The outcome of the meeting is written only for an appointment that was held.
booking-outcome-too-long = The outcome of the meeting can be at most { $max } characters long.
booking-outcome-forbidden = The outcome of the meeting contains characters that are not allowed.

## Sposta appuntamento (moving an appointment)
moving-video-needs-mobile = { $needs } The appointment has the number { $phone }: book again with a mobile number, or choose another consultation point.
moving-same-start = That is already the appointment's time: choose another one.
