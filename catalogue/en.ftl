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

## Dates, consultation points and topics
when = { $date } at { $time }
point-sportello = At the office counter
point-telefono = Phone consultation (we call you back)
point-video = Video call
topic-iscrizione = Registration, changes and cancellation
topic-riduzione = Reduced contributions
topic-rateazione = Paying contribution debts in instalments
topic-estratto-conto = Statement of account and contributions
topic-avvisi-bonari = Payment notices and debt recovery
topic-esonero = Exemptions and contribution relief
topic-rimborsi = Refunds and offsetting
topic-durc = Contribution compliance – DURC

## E-mail notices and their calendar file
mail-where-phone = The office will call you on { $phone }
mail-where-video = Video call: the office will send the link by text message to the mobile { $phone }
mail-label-reference = Appointment reference
mail-label-when = Date and time
mail-label-point = Consultation point
mail-label-where = Where
mail-label-contributor = Contributor
mail-label-thread = Comunicazione (message thread)
mail-moved-subject = Appointment moved { $reference }
mail-moved-body = Appointment { $reference } has been moved: it is now on { $when } at the { $office }.
mail-moved-calendar = Attached is the updated file for your calendar: it replaces the previous one.
mail-offered-subject = A place has become free: { $when }
mail-offered-body = A place you were on the waiting list for has become free: { $when } at the { $office }.
mail-offered-until = We are keeping it for you until { $until }: confirm by then, otherwise it will go to the next person on the list.
mail-offered-decline = If you no longer need it, decline it: the place will go straight to whoever is waiting after you.
mail-offered-link = Confirm or decline the place in the Cassetto Previdenziale
mail-cancelled-hold = Booking { $reference } for { $when } has been cancelled by the { $office }.
mail-cancelled-appointment = Appointment { $reference } on { $when } has been cancelled by the { $office }.
mail-reason = Reason: { $reason }
mail-cancelled-what-now = What to do now: the comunicazione stays open and you can choose another time, also at another consultation point. If you cannot find a suitable time, write to the office in the comunicazione.
mail-book-again-link = Choose another time
mail-cancelled-by-office-subject = The office has cancelled appointment { $reference }
mail-no-show = The { $office } has recorded that the contributor did not attend appointment { $reference } on { $when }. If you still need help, you can ask for another appointment.
mail-held = The { $office } has recorded that appointment { $reference } on { $when } took place.
mail-outcome = Outcome of the meeting: { $outcome }
mail-attended-subject = Outcome of appointment { $reference }
mail-see-link = See the appointment in the Cassetto Previdenziale
mail-confirmed-subject = Appointment confirmed { $reference }
mail-confirmed-body = Appointment { $reference } is confirmed for { $when } at the { $office }.
mail-confirmed-calendar = Attached is the file to add to your calendar. If you can no longer come, cancel the appointment in the Cassetto Previdenziale: the place will become available to others again.
mail-reminder-subject = Reminder: appointment { $reference } on { $when }
mail-reminder-body = This is a reminder of appointment { $reference } on { $when } at the { $office }.
mail-reminder-cancel = If you can no longer come, cancel the appointment: the place will become available to others again. You can stop receiving reminders from the Recapiti (contact details) page.
mail-cancelled-by-you-subject = Receipt for the cancellation of appointment { $reference }
mail-cancelled-by-you-body = Appointment { $reference } on { $when } at the { $office } has been cancelled at your request. The time is available to others again.
mail-cancelled-by-you-link = If you still need one, choose another time
mail-corrected-subject = Correction of the outcome of appointment { $reference }
mail-corrected-body = The { $office } has corrected what it had recorded for appointment { $reference }: what follows applies.
mail-answered-subject = New reply in comunicazione { $protocol }
mail-answered-body = The { $office } has written in comunicazione { $protocol } “{ $subject }” of { $contributor }. To read the reply, sign in to the Cassetto Previdenziale.
mail-answered-files = The reply contains { $count ->
    [one] an attached document
   *[other] { $count } attached documents
}: for your security we do not send them by e-mail, you can download them from the comunicazione.
mail-answered-link = Read the comunicazione
mail-footer = This message was sent automatically by INPS's Cassetto Previdenziale per Artigiani e Commercianti: do not reply to this address. To write to the office, use the comunicazione in the Cassetto.
ics-summary = INPS appointment { $reference } – { $topic }
ics-location-phone = Call back on { $phone }
ics-description = { $point } – { $office }.
    Comunicazione { $protocol }: { $subject }.
    Appointment reference: { $reference }.
