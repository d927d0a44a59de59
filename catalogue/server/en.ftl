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
mail-where-video-room = Video call: { $link }
mail-video-when = The video call room opens 15 minutes before the time: join from the link below, in the browser of your computer or phone.
mail-video-link = Join the video call
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

## Comunicazione bidirezionale: threads, messages, outcomes
thread-text-forbidden = The text contains characters that are not allowed.
thread-topic-empty = Choose the topic.
thread-topic-unknown = Choose a topic from the list.
thread-subject-empty = Enter the subject.
thread-subject-too-long = The subject can be at most { $max } characters long.
thread-subject-one-line = The subject fits on one line and cannot contain invisible or control characters.
thread-message-empty = Write the text of the message.
thread-message-too-long = The text can be at most { $max } characters long.
thread-note-empty = Write the text of the note.
thread-note-too-long = The note can be at most { $max } characters long.
thread-too-many-attachments = A message can have at most { $max } attachments.
thread-attachment-twice = The same attachment is listed more than once.
list-page-invalid = Page number not valid.
list-status-unknown = Status not recognised.
list-topic-unknown = Topic not recognised.
thread-no-office = The office responsible for your province could not be found. Contact the INPS Contact Center.
thread-outcome-missing = Choose the outcome: Accolta (accepted) or Non accolta (not accepted).
thread-motivation-empty = Write the reason for the outcome.
thread-motivation-too-long = The reason can be at most { $max } characters long.

## Sign-in and Gestione appuntamenti's filters
login-username-empty = Enter your codice fiscale (tax code) or username.
login-password-empty = Enter the password.
history-managed-by-unknown = Filter not recognised: use contribuente, intermediario or sede.
history-to-before-from = The end date cannot come before the start date.
date-invalid = Date not valid: use the format YYYY-MM-DD.
date-out-of-range = Date outside the allowed range: choose a day between 2000 and 2100.

## Closures and capacity, declared by an office
closure-to-empty = Enter the end date.
closure-from-empty = Enter the start date.
time-invalid = Time not valid: use the format HH:MM.
closure-hours-one-day = Times apply only to a closure of a single day: for a period leave the times empty.
closure-reason-empty = Write the reason for the closure: contributors will read it.
closure-from-past = A closure cannot start on a day in the past.
closure-to-before-from = The last day cannot come before the first.
closure-too-long = A closure can last at most one year.
closure-end-before-start = The end time must come after the start time.
closure-end-missing = Give the end time too, or leave both empty for the whole day.
closure-start-missing = Give the start time too, or leave both empty for the whole day.
closure-past = The closure given is already over.
closure-point-or-all = Choose a consultation point the office offers, or all of them.
capacity-point-offered = Choose a consultation point the office offers.
capacity-day-past = The capacity of a day in the past cannot be changed.
capacity-out-of-range = Give how many people are on duty: from 1 to { $max }. To receive nobody, declare a closure.

## The booking state machine's refusals
office-moves-at-own-office = The office can move the appointment only to another time at its own premises.
office-books-at-own-office = The office can book only at its own premises: choose a consultation point of your office.
office-thread-closed = The comunicazione is closed: for a new appointment the contributor must send a new comunicazione.
calendar-only-confirmed = Only a confirmed appointment can be added to the calendar.
hold-cannot-confirm = This booking can no longer be confirmed.
hold-already-confirmed = The appointment is already confirmed: to give it up use “Cancel appointment” in Gestione appuntamenti (managing appointments).
hold-cannot-release = This booking can no longer be cancelled.
hold-extended-enough = You have already extended the booking the maximum number of times: confirm or cancel.
hold-not-waiting = This booking is no longer waiting for confirmation.
cancel-too-late = The deadline for cancelling online has passed: if you cannot attend, call the INPS Contact Center on 803 164 (free from a landline) or 06 164 164 (from a mobile).
cancel-started = The appointment has already started or taken place: it cannot be cancelled.
cancel-only-confirmed = Only a confirmed appointment can be cancelled.
move-too-many = This appointment has already been moved 3 times: to change it again, cancel it and book another one.
move-too-late = The deadline for moving the appointment online has passed: if you cannot attend, call the INPS Contact Center on 803 164 (free from a landline) or 06 164 164 (from a mobile).
move-started = The appointment has already started or taken place: it cannot be moved.
move-only-confirmed = Only a confirmed appointment can be moved.
attendance-not-started = The appointment has not started yet: attendance is recorded from the start time.
attendance-already = Attendance for this appointment has already been recorded.
attendance-only-confirmed = Attendance is recorded only for a confirmed appointment.
attendance-correction-too-late = Attendance can be corrected within one day of recording it: more than a day has passed.
attendance-nothing-to-correct = There is no recorded attendance to correct.

## Richiedi appuntamento: may this thread be booked
eligible-by-days = You can ask for an appointment: at least { $days ->
    [one] 1 day has
   *[other] { $days } days have
} passed since it was sent.
eligible-by-rejection = You can ask for an appointment: the request was not accepted.
eligible-from = You will be able to ask for an appointment from { $date } ({ $days ->
    [one] 1 day
   *[other] { $days } days
} after sending).
eligible-from-or-earlier = You will be able to ask for an appointment from { $date } ({ $days ->
    [one] 1 day
   *[other] { $days } days
} after sending), or earlier if the request is not accepted.
eligible-already-booked = This comunicazione already has appointment { $reference }.
eligible-limit-reached = You already have { $max } active appointments, the maximum: to ask for another, cancel one in Gestione appuntamenti (managing appointments).

## Limits against abuse
limit-threads = { $max } comunicazioni have already been sent in the last 24 hours.
limit-messages = { $max } messages have already been written in this comunicazione in the last hour.
limit-given-up-holds = In the last hour { $max } bookings were cancelled or left to expire: so as not to block places for others, you can book again later.
limit-retry-minutes = Try again in { $minutes ->
    [one] a minute
   *[other] { $minutes } minutes
}.
limit-retry-hours = Try again in { $hours } hours.
limit-exceeded = { $why } { $wait }

## Allegati: files attached to a message
attachment-types = You can attach PDF, JPG or PNG files.
attachment-name-unreadable = The file name cannot be read: rename the file and try again.
attachment-name-empty = The file must have a name.
attachment-name-too-long = The file name can be at most { $max } characters long: rename the file and try again.
attachment-name-forbidden = The file name contains characters that are not allowed: rename the file and try again.
attachment-name-path = The file name cannot contain “/”, “\” or “..”: rename the file and try again.
attachment-not-that-type = The file “{ $name }” is not a valid { $kind }. You can attach PDF, JPG or PNG files.
attachment-encrypted = The file “{ $name }” is protected by a password: attach a copy without protection.
attachment-active = The file “{ $name }” contains scripts, automatic actions or other files: save it as a plain PDF (for example with “Print to PDF”) and try again.
attachment-unreadable = The file “{ $name }” cannot be opened: it may be damaged.
attachment-message-full = A message can have at most { $max } attachments: remove one before adding another.
attachment-thread-full = This comunicazione already has { $size } of attachments and cannot hold more: write in the message what is missing, the office will tell you how to send it.
attachment-day-full = { $max } files have already been attached for this contributor in the last 24 hours. { $wait }
attachment-late = the file “{ $name }” did not arrive in full within two minutes: check the connection and try again.
attachment-incomplete = the file “{ $name }” did not arrive in full.
attachment-infected = The file “{ $name }” contains a virus or a harmful program ({ $signature }) and has not been saved. Check your device with an antivirus.
attachment-name-missing = The file name is missing (X-Filename header).

## Refusals of the agenda, threads, office and waiting list
request-value-forbidden = The value contains characters that are not allowed.
hold-slot-taken = The time chosen is no longer available. Choose another time.
hold-office-closed = The office has declared a closure at this time: choose another time.
idempotency-key-reused = This Idempotency-Key has already been used for a different request.
idempotency-in-progress = The same request is already in progress: wait a few seconds.
moving-slot-taken = The time chosen is no longer available: the appointment stays as it was. Choose another time.
moving-changed = The appointment changed in the meantime: reload the page.
moving-office-closed = The office has declared a closure at that time: the appointment stays as it was. Choose another time.
places-point-unknown = Choose a consultation point from the list.
places-office-unknown = Choose an office from the list.
places-point-not-offered = The office chosen does not offer this consultation point: choose another one.
confirm-office-closed = The office has declared a closure at this time: the booking cannot be confirmed. Cancel it and choose another time.
appointment-changed = The appointment changed in the meantime: reload the page.
thread-closed = The comunicazione is closed: no more messages can be added.
thread-attachment-gone = One of the attachments is no longer available (it was removed, or more than a day has passed): attach it again and send.
thread-outcome-recorded = The outcome of this comunicazione has already been recorded.
search-empty = Write a codice fiscale (tax code), a name, a protocol number or an appointment reference.
search-too-long = The search can be at most 100 characters long, with no control characters.
period-to-before-from = The last day cannot come before the first.
chart-unknown = Chart not recognised: use giorni or coda.
closure-cancels-one = There is 1 appointment in the closure period: check it and confirm to cancel it with the reason for the closure.
closure-started = The closure has already started: it can no longer be withdrawn. Its times can be booked again when it ends.
capacity-not-open = On this day the office does not receive at this consultation point.
waitlist-already = You are already on the waiting list for this comunicazione: you will find the entry in Gestione appuntamenti (managing appointments).
waitlist-no-offer = There is no place waiting for an answer for this entry.
waitlist-ended = This waiting list entry has already ended.
language-unknown = Language not available: you can choose Italian (it) or English (en).
login-password-operators-only = Signing in with codice fiscale and password is reserved for the Institute's operators. Sign in with SPID or CIE.
waitlist-no-mornings = At this office the consultation point chosen does not receive in the morning: choose “In the afternoon” or “At any time”.
waitlist-mornings-only = At this office the consultation point chosen receives only in the morning: choose “In the morning” or “At any time”.
waitlist-closed-days = On those days the office does not receive at the consultation point chosen: choose other days.
search-max = The search can be at most 100 characters long.
waitlist-from-too-early = Choose a day from { $date } onwards.
waitlist-to-too-late = You can wait for a place until { $date }: choose a day up to that date.
closure-cancels-many = There are { $count } appointments in the closure period: check them and confirm to cancel them with the reason for the closure.
login-too-many-attempts = Too many failed sign-in attempts. { $wait }
thread-has-appointment = This comunicazione already has appointment { $reference }: you can manage it in Gestione appuntamenti (managing appointments).
hold-too-many-office = The contributor already has { $max } active appointments ({ $references }): to book another, one must be cancelled.
hold-too-many = You already have { $max } active appointments ({ $references }): to book another, cancel one in Gestione appuntamenti (managing appointments).
waitlist-place-free = There is still a free time in the period chosen, { $when }: you can book it now, or choose other days.
waitlist-too-many = You already have { $max } active appointments: to join the waiting list, cancel one in Gestione appuntamenti (managing appointments).
capacity-below-bookings = You cannot go down to { $capacity ->
    [one] 1 place
   *[other] { $capacity } places
}: at { $time } there are already { $booked } bookings. To free places, first cancel the appointments, with a reason.

## What the service writes by itself into a thread and a timeline (server/src/domain/texts.rs),
## kept as these keys and rendered in each reader's language
system-author = Appointment diary (automatic message)
system-actor = System
said-held = Appointment { $reference } booked by { $who } for { $when } at { $office }, { $point }: to be confirmed by { $time }.
said-offered = A place has become free from the waiting list: appointment { $reference } on { $when } at { $office }, { $point }, held for you until { $until }. Confirm it by then or turn it down: after that it goes to the next person.
said-offered-note = To be confirmed by { $when }.
said-because = { " " }Reason: { $reason }
said-expired-note = Booking not confirmed in the time allowed.
said-corrected-note = From “{ $from }” to “{ $to }”.
said-outcome-heading = Outcome of the meeting:
said-extended = Booking { $reference } extended by { $who }: to be confirmed by { $time }.
said-confirmed = Appointment { $reference } confirmed by { $who } for { $when } at { $office }, { $point }.
said-released = Booking { $reference } cancelled by { $who }: the time of { $when } at { $office } is available again.
said-expired = Booking { $reference } expired: it was not confirmed in the time allowed and the time is available to others again.
said-cancelled-by-office = Appointment { $reference } of { $when } at { $office } cancelled by { $office }.{ $because }
said-cancelled = Appointment { $reference } of { $when } at { $office } cancelled by { $who }.{ $because }
said-released-for-closure = Booking { $reference } cancelled by the office. Reason: { $reason }
said-outcome-of = Outcome of the meeting for appointment { $reference } of { $when } at { $office }:
said-attended = Appointment { $reference } of { $when } at { $office } took place.
said-no-show = The contributor did not attend appointment { $reference } of { $when } at { $office }. If they still need one, they can ask for another.
said-corrected = Correction: { $office } has corrected what was recorded for appointment { $reference } of { $when }: { $now }.
said-now-held = it took place
said-now-no-show = the contributor did not attend
said-place = { $when } at { $office }, { $point }
said-moved-note = Moved from { $from } to { $to }.{ $because }
said-moved = Appointment { $reference } moved by { $who }. { $note }
said-thread-outcome = Outcome: { $status }.

## The office's agenda and queue (server/src/agenda/view.rs, communications/handlers.rs)
office-call-back = Call the contributor back on { $phone }.
office-send-video-link = Send the video call link by text message to the mobile { $phone } before the time.
office-join-video = Video call: join the room from the link at the time; if the contributor cannot connect, call them on { $phone }.
office-awaiting-filter = The “to answer” filter is true or false.

## Andamento della sede: how long the threads owed an answer have waited (server/src/domain/stats.rs)
wait-under-2-days = Under 2 days
wait-2-to-7-days = 2 to 7 days
wait-8-to-30-days = 8 to 30 days
wait-over-30-days = Over 30 days

## The login page (/accedi), which the server draws itself.
login-title = Sign in
login-lead = Sign in to the Cassetto Previdenziale per Artigiani e Commercianti (the social security account of artisans and merchants) to exchange messages with the Institute and manage your appointments.
login-demo-title = Demo sign-in
login-operators-title = Operators' sign-in
login-password-title = Sign in with a password
login-demo-hint = To try the service with the demo data: the codice fiscale (tax code) of a contributor or of an intermediary, or an operator's username.
login-operators-hint = Reserved for the Institute's staff, with the username they were given (for example operatore.roma). Contributors and intermediaries sign in with SPID or CIE.
login-password-hint = The Institute's operators use the username they were given, for example operatore.roma.
login-username = Codice fiscale (tax code) or username
login-password = Password
doors-title = Sign in with your digital identity
doors-hint = Use SPID, the Sistema Pubblico di Identità Digitale (public digital identity system), or the Carta d'Identità Elettronica (CIE, the electronic identity card). You need level 2 credentials: username, password and a one-time code or your provider's app.
doors-spid = Sign in with SPID
doors-spid-providers = SPID identity providers
doors-spid-how = No SPID? Find out how to get it
doors-cie = Sign in with CIE
login-failure-expired = The sign-in request has expired or has already been used. Choose “Sign in with SPID” or “Sign in with CIE” again.
login-failure-cancelled = You cancelled the sign-in at the identity provider. You can try again whenever you like.
login-failure-provider = The identity provider chosen is not answering at the moment. Try again in a few minutes or choose another provider.
login-failure-level = This service needs a SPID sign-in at level 2 (with a one-time code or the app) or the CIE. Try again and choose security level 2 or higher.
login-failure-unknown = Your codice fiscale (tax code) is not among the users of the Cassetto Previdenziale per Artigiani e Commercianti: the service is reserved for those registered with the Gestioni Artigiani e Commercianti (the artisans' and merchants' schemes) and for the intermediaries who assist them with a delegation. If you think this is a mistake, contact your INPS office.
login-failure-unverified = The data received from the identity provider could not be verified. Try again; if the problem continues, choose another provider.
shell-logged-out = You have closed the session.
session-ended = Your session has expired. Sign in again: you will return to the page you were on, with the text you had written.
session-expired-idle = Your session expired because of inactivity. Sign in again: you will return to the page you were on, with the text you had written.

## Valuta il servizio (server/src/domain/feedback.rs, server/src/ratings/)
rating-already = You have already given your rating: thank you.
rating-not-due = This rating is not available now.
rating-occasion-unknown = The moment to rate is not one of those provided.
rating-score-missing = Choose a value from 1 (very difficult) to 5 (very easy).
rating-comment-too-long = The comment can be at most { $max } characters.

## Periods, as the privacy and cookie pages say them (server/src/info/view.rs)
period-years = { $n ->
    [one] 1 year
   *[other] { $n } years
}
period-days = { $n ->
    [one] 1 day
   *[other] { $n } days
}
period-hours = { $n ->
    [one] 1 hour
   *[other] { $n } hours
}
period-minutes = { $n ->
    [one] 1 minute
   *[other] { $n } minutes
}

## Dichiarazione di accessibilità and its form (server/src/info/)
accessibility-title = Accessibility statement
accessibility-intro = INPS is committed to making the online service Cassetto Previdenziale per Artigiani e Commercianti – Agenda appuntamenti accessible, in accordance with Law no. 4 of 9 January 2004 and Directive (EU) 2016/2102. This statement applies to every page of the service.
accessibility-status-title = Compliance status
accessibility-status = The service is partially compliant with the requirements of standard EN 301 549 and WCAG 2.1 level AA, because of the non-accessible content listed below. Every page of the service, in each of its states, meets the WCAG 2.2 level A and AA success criteria that are checked automatically.
accessibility-status-how = How it was checked: at every change of the service, an automated suite opens every page and every state (errors, confirmations, empty lists) in Chromium and checks them with axe-core against WCAG 2.2 A and AA; it goes through the main tasks with the keyboard alone and finds every control by its accessible name, as a screen reader does; the pages are reviewed at 320, 375 and 1280 pixels wide. A review with people who use assistive technologies has not yet been carried out.
accessibility-gaps-title = Non-accessible content
accessibility-gaps-files = Documents attached to communications (PDFs and images) are uploaded by contributors, intermediaries and offices: the service does not check their accessibility, which depends on who made them (third-party content).
accessibility-gaps-charts = The charts of the office's Andamento page (for operators) come with tables holding the same data: anyone who cannot read the charts finds every value there.
accessibility-made-title = Preparation of this statement
accessibility-made = Statement prepared on { $date } on the basis of a self-assessment by the team that builds the service, with the checks described above; it is reviewed at every relevant change.
report-title = Report an accessibility problem
report-intro = If part of the service is not accessible to you, describe it here. Every report gets a number and is read by the Institute's operators, who answer within { $days } days. To receive the answer, give your e-mail address.
report-description = Describe the problem
report-description-hint = What you were doing, what did not work, which assistive technology or browser you use (if you wish).
report-page = Page or function (optional)
report-page-hint = For example: Gestione appuntamenti, or the page's address.
report-name = Full name (optional)
report-email = E-mail address (optional)
report-email-hint = Only to answer you.
report-submit = Send the report
report-received-title = Report no. { $number } received
report-received-body = Thank you. The Institute's operators will read it and, if you gave an e-mail address, will answer within { $days } days quoting this number.
report-description-empty = Describe the problem you met.
report-description-too-long = The description can be at most { $max } characters.
report-page-too-long = The page or function can be at most { $max } characters.
report-name-too-long = The name can be at most { $max } characters.
report-text-forbidden = The text holds characters that are not allowed: write it again without invisible special characters.
report-too-many = Too many reports arrived in a short time. Try again in an hour, or call the Contact Center.
accessibility-escalation-title = Enforcement procedure
accessibility-escalation = If the answer does not satisfy you, or you receive no answer within { $days } days, you can turn to the Digital Ombudsman at the Agency for Digital Italy (AgID), with the form AgID publishes:
accessibility-escalation-link = form.agid.gov.it

## Informativa sul trattamento dei dati personali (server/src/info/view.rs)
privacy-title = Privacy notice
privacy-intro = Notice under Article 13 of Regulation (EU) 2016/679 (GDPR) for people who use the Cassetto Previdenziale per Artigiani e Commercianti – Agenda appuntamenti.
privacy-controller-title = Data controller
privacy-controller = The data controller is the Istituto Nazionale della Previdenza Sociale (INPS), via Ciro il Grande 21, 00144 Rome, Italy.
privacy-dpo = You can contact the Institute's Data Protection Officer at the addresses published on www.inps.it.
privacy-purposes-title = Purposes and data processed
privacy-purposes = Data are processed to handle the communications between contributors, intermediaries and the Institute's offices, to book, move and cancel appointments, to send the e-mail notices you asked for, and to protect the service from unauthorised access and abuse.
privacy-data = Processed are: identification data (name, tax code, given by SPID or CIE at login), the contact details you give (e-mail, phone), the content of communications and attached documents, appointments and their history, the ratings of the service you choose to give, and technical security data (login attempts, network addresses in hashed form).
privacy-basis-title = Legal basis
privacy-basis = Processing is necessary for the performance of tasks carried out in the public interest and in the exercise of official authority vested in the Institute (Article 6(1)(e) GDPR; Article 2-ter of the Italian Personal Data Protection Code). Rating the service and giving an e-mail address are optional.
privacy-recipients-title = Recipients
privacy-recipients = Data are processed by the Institute's authorised staff (the operators of the competent office) and by the intermediaries you have delegated. The e-mail provider and the digital identity providers (SPID, CIE) process the data their task needs, as processors or independent controllers.
privacy-transfers = Data are not transferred outside the European Union and are not used for automated decisions or profiling.
privacy-retention-title = How long we keep data
privacy-retention-intro = The periods below are those the service itself applies: once they are over, the data are deleted automatically.
privacy-retention-caption = Retention periods
privacy-retention-what = Data
privacy-retention-period = Kept for
privacy-kept-session = Login session
privacy-kept-session-period = ends after { $idle } of inactivity and in any case { $absolute } after login
privacy-kept-attempts = Failed login attempts (to stop password guessing)
privacy-kept-spid-cie = A SPID or CIE login under way
privacy-kept-keys = Keys that prevent a double booking when a request is repeated
privacy-kept-holds = A place booked and not yet confirmed
privacy-kept-holds-period = held for { $hold }, then available again (the lapsed booking stays in the communication's history)
privacy-kept-uploads = Documents uploaded and not sent with a message
privacy-kept-notices = Log of e-mail notices (which notice, to whom, whether delivered)
privacy-kept-records = Closed communications, with messages, attached documents, appointments and history (from the last message or appointment, whichever is later)
privacy-kept-ratings = Ratings of the service and comments
privacy-kept-reports = Accessibility reports
privacy-kept-report-senders = Hashed fingerprint of the network address a report is sent from (to limit abuse)
privacy-rights-title = Your rights
privacy-rights = You can ask the Institute for access to your data, rectification, erasure where provided for, restriction of processing, and object to processing (Articles 15–22 GDPR), by writing to the Data Protection Officer.
privacy-complaint = If you believe the processing infringes the GDPR you can lodge a complaint with the Italian Data Protection Authority (www.garanteprivacy.it).
privacy-see-cookies = Which cookies the service uses

## Cookie (server/src/info/view.rs)
cookies-title = Cookies
cookies-intro = The service uses only technical cookies, needed to make it work: no profiling, analytics or third-party cookies.
cookies-caption = Cookies used by the service
cookies-name = Name
cookies-purpose = What it is for
cookies-lifetime = Lifetime
cookies-session = Keeps the session open after login. Sent only by the service's own pages.
cookies-session-lifetime = at most { $absolute }; the session ends earlier after { $idle } of inactivity or with Log out
cookies-spid-cie = Links the return from the SPID or CIE provider to the login you started.
cookies-language = Remembers the language you chose on this device.
cookies-storage-title = Other data in the browser
cookies-storage = What you type into a form stays in the browser tab (sessionStorage) until you send it, so it is not lost if the page reloads; it is deleted when you close the tab or log out.
cookies-no-banner-title = Why we do not ask for your consent
cookies-no-banner = Technical cookies need no consent (Article 122 of the Italian Personal Data Protection Code; the Italian Data Protection Authority's cookie guidelines of 10 June 2021): this is why the service shows no banner.

## Aiuto (server/src/info/view.rs)
help-title = Help
help-intro = How to use the Cassetto Previdenziale to write to your INPS office and book an appointment.
help-login-title = Logging in
help-login = Log in with SPID (level 2) or with the Electronic Identity Card (CIE). The Institute's operators log in with their internal credentials.
help-intermediaries = If you are an intermediary (an accountant or a patronato, for example), after logging in choose the contributor you act for: you see only those who gave you a valid delegation.
help-threads-title = Communications
help-threads = From Comunicazione bidirezionale write a new communication to the office, choosing its topic; you can attach PDF documents or images. When the office answers you get a notice and find the answer in the communication.
help-appointments-title = Appointments
help-appointments = From a communication, when possible, choose Richiedi appuntamento: the office, the consultation point (desk, phone or video call), the day and the time. The chosen place is held for { $hold }: confirm the appointment within that time.
help-appointments-change = In Gestione appuntamenti you find your appointments: you can move or cancel them until the time shown on each.
help-waitlist = If there are no free places, choose Avvisami se si libera un posto: we offer you the first place that frees up on the days you gave.
help-video-title = Video call
help-video = For a video call appointment you get the link in the e-mail confirmation and find it on the appointment's page from 15 minutes before the time. All you need is an up-to-date browser, with a microphone and a camera.
help-more = For other questions, or if something does not work:

## Contatti (server/src/info/view.rs)
contacts-centre-title = Contacts
contacts-centre-intro = The INPS Contact Center answers on every service of the Institute, the Cassetto Previdenziale included.
contacts-centre-landline = free from a landline
contacts-centre-mobile = from a mobile phone, charged at your operator's rate
contacts-centre-hours = Monday to Friday from 8:00 to 20:00, Saturday from 8:00 to 14:00.
contacts-office-title = Your office
contacts-office = For a case under way, write to the office from Comunicazione bidirezionale: the answer stays in the communication, with what you have already written to each other.
contacts-accessibility = If you meet an accessibility problem:
