# The app's sentences in English, fetched by the app only when English is the language.
# The keys are those of it.ftl; a test fails when one is missing or uses other variables.

## The app: the frame of every page and shared components (app/src/components/)
shell-log-out = Sign out
nav-communications = Comunicazione bidirezionale (messages)
nav-appointments = Gestione appuntamenti (appointments)
nav-contacts = Recapiti (contact details)
nav-studio = Firm's diary
nav-contributors = Contributors
nav-office-queue = Office messages
nav-office-agenda = Office diary
nav-office-week = Week
nav-closures = Closures and capacity
nav-office-stats = Trends
nav-main = Main navigation
nav-menu = Menu
shell-acting-for = You are acting for:{ " " }
shell-change-contributor = Change contributor
shell-skip-link = Skip to main content
shell-owner = INPS – Istituto Nazionale Previdenza Sociale (National Social Security Institute)
shell-service-name = Cassetto Previdenziale per Artigiani e Commercianti
shell-service-tagline = Messages with the Institute and appointments
loading = Loading…
not-found-title = Page not found
not-found-body = The address you opened does not match any page of the service, or the page is not available for your profile.
not-found-typed = If you typed the address, check that it is spelt correctly.
not-found-home = Go back to the home page
pager-label = Pagination
pager-previous = Previous page
pager-next = Next page
filters-legend = Filter the list
filters-apply = Filter
contributor-search-label = Find a contributor
contributor-search-hint = Name or codice fiscale (tax code)
search-button = Search
office-search-label = Search the office
office-search-hint = Codice fiscale (tax code), name, protocol number or appointment reference
error-summary-title = There is a problem
field-date-hint = Day, month and year, for example 15/12/2026.
field-error-prefix = Error:{ " " }
request-appointment = Ask for an appointment
request-go-appointments = Go to Gestione appuntamenti (appointments)
request-not-yet = Ask for an appointment: not available yet
session-extended = Session extended by 30 minutes.
session-warning-title = Your session is about to expire
session-warning-body = For your security, the session ends after 30 minutes of inactivity. Time left:{ " " }
session-continue = Continue the session
office-took-thread = You have taken charge of the comunicazione: your colleagues can see it.
office-released-thread = Comunicazione released: nobody is in charge of it.
office-note-saved = Internal note saved.
office-internal-title = Internal handling
office-internal-hint = Visible only to the office's operators: the contributor does not see it.
office-nobody-in-charge = Nobody has taken charge of this comunicazione.
office-release = Release
office-take = Take charge
office-notes-title = Internal notes
office-note-label = Internal note
office-note-hint = For your colleagues: the contributor does not read it. At most 2000 characters.
office-note-save = Save the note
client-unreachable = The service cannot be reached. Check the connection and try again.
wizard-step-topic = Topic and consultation point
wizard-step-office = Office
wizard-step-time = Date and time
wizard-step-contact = Phone and notes
client-unexpected = An unexpected error occurred. Try again in a few minutes.

## Accedi and Recapiti (app/src/pages/login.rs, contacts.rs)
contacts-lead = The email address at which the Institute will write to you for appointment confirmations, reminders and notices from the office, for example if an appointment is cancelled.
contacts-email = Email address
contacts-email-hint = For example name.surname@example.it. We will not use it for anything else.
contacts-reminders = I want a reminder before each appointment
saving = Saving…
contacts-save = Save the contact details
contacts-saved-with-reminders = Contact details saved: { $to }, with reminders.
contacts-saved-without-reminders = Contact details saved: { $to }, without reminders.
pager-page = Page { $page } of { $pages }
page-title = { $title } – Cassetto Previdenziale
mail-notice-confirmation = the confirmation
mail-notice-receipt = the receipt
mail-notice-change = Change
mail-notice-change-what = { " " }the email address
mail-notice-studio = You will receive { $what } at { $to }; the contributor receives it too, if they have given an email address.
mail-notice-to = You will receive { $what } at { $to }.
mail-notice-none = You have not given an email address: you will not receive { $what } by email.{ " " }
mail-notice-add = Give an address in Recapiti (contact details)
phone-hint-video = A mobile number, for example 347 123 4567: the office will send the video call link here by text message, before the time.
phone-hint-studio = The firm's or the contributor's, landline or mobile: for example 06 1234 5678.
phone-hint = Landline or mobile, for example 06 1234 5678.
phone-hint-remembered = { " " }The one from your last booking is suggested.
phone-label-mobile = Phone number (mobile)
phone-label = Phone number
notes-label = Notes
notes-hint = What you want to talk about at the appointment.
notes-over = You are over the limit by { $count } characters
notes-left = { $count ->
    [one] You have 1 character left
   *[other] You have { $count } characters left
}
office-in-charge = Taken in charge by { $who } since { $date }, at { $time }.
office-note-signature = { $author } – { $date }, at { $time }
appointment-prefix = Appointment{ " " }

## Comunicazione bidirezionale: the list, a new thread, a thread (app/src/pages/communications.rs)
threads-filter = Filter the messages
label-status = Status
threads-all-statuses = All statuses
label-topic = Topic
threads-all-topics = All topics
threads-lead = The messages exchanged with the Institute. From each one you can ask for an appointment when the topic allows it or if the request was not accepted.
threads-new = New message
threads-none-filtered = No message matches the filters chosen.{ " " }
threads-show-all = Show all messages
threads-none = There are no messages yet. To write to the Institute use “New message”.
label-subject = Subject
label-protocol = Protocol number
label-sent-on = Sent on
label-appointment = Appointment
threads-new-answer = New reply
thread-new-lead = Write to the Institute. All fields are required.
thread-choose-topic = Choose the topic
hint-max-150 = At most 150 characters.
label-text = Text
hint-max-4000 = At most 4000 characters.
sending = Sending…
thread-send = Send the message
cancel = Cancel
thread-answer-sent = Reply sent: the contributor reads it in this comunicazione.
thread-message-sent = Message sent: the office reads it in this comunicazione and answers you here.
label-contributor = Contributor
thread-contributor-card = Contributor's record
label-office = Office
thread-book-for = Book for the contributor
thread-record-outcome = Record the outcome
thread-messages = Messages
thread-go-to-message = Go to the message
thread-answer-title = Reply to the contributor
thread-write-title = Write a message
label-message = Message
thread-send-message = Send the message
thread-back = Back to the list of messages
threads-count = { $count ->
    [one] 1 message.
   *[other] { $count } messages.
}
threads-caption = Messages of { $name }
thread-new-lead-for = Write to the Institute on behalf of { $name }. All fields are required.
thread-arrived-sent = Message sent with protocol number { $protocol }. The office's reply will arrive on this page.
thread-arrived-outcome = Outcome recorded: { $outcome }. The contributor reads it in this comunicazione.
thread-appointment = Appointment { $reference }
thread-routed-elsewhere = The comunicazione is assigned to the { $office }: your office reads it and answers because the appointment takes place there; the outcome is recorded by the { $office }.

## An appointment's page (app/src/pages/appointment/mod.rs)
label-reference = Appointment reference
label-point = Consultation point
label-thread = Comunicazione (message thread)
label-booked-by = Booked by
label-cancel-reason = Reason for the cancellation
appointment-history = History of the appointment
note-reason = Reason:{ " " }
note-outcome = Outcome of the meeting:{ " " }
hold-expired-title = Booking expired
hold-start-again = Start the booking again
hold-title = Booking to confirm
label-reference-colon = Appointment reference:{ " " }
hold-warning = The booking is about to expire. If you need more time, extend it by 15 minutes.
hold-extend = Extend
hold-confirm = Confirm appointment
hold-release = Cancel booking
hold-explain = The place is reserved for you. To fix the appointment press “Confirm appointment”; if you no longer need it, “Cancel booking”.
appointment-too-close = Status: confirmed. The appointment is very close: it can no longer be cancelled or moved online. If you cannot come, write to the office in the comunicazione.
print-header = INPS – Cassetto Previdenziale per Artigiani e Commercianti – appointments
appointment-moved-title = Appointment moved
appointment-confirmed-title = Appointment confirmed
bring-title = What to bring
bring-title-remote = What to have at hand
appointment-move = Move appointment
appointment-calendar = Add to calendar
appointment-print = Print
appointment-cancelled-office-title = Appointment cancelled by the office
appointment-cancelled-title = Appointment cancelled
hold-released-title = Booking cancelled
choose-another-time = Choose another time
back-to-thread = Back to the comunicazione
bring-sportello = Go to the { $office } ({ $address }) a few minutes early, with a valid identity document and the documents about comunicazione { $protocol }.
bring-telefono = An operator of the { $office } will call you on { $phone } at the time given. Keep at hand the documents about comunicazione { $protocol }.
bring-video = You will join the { $office }'s video call from the link below; if you cannot connect, the office will call you on the mobile { $phone }. You need a device with a microphone and a camera and the documents about communication { $protocol }.
when-span = { $date }, { $from }–{ $to }
when-at = { $date }, { $time }
hold-expired-body = The time to confirm booking { $reference } has run out and the slot has been released.
hold-when = { $date }, { $time } – { $office }, { $point }
hold-until = The place stays reserved until { $time }
hold-left = { " " }({ $left } left).
appointment-title = Appointment { $reference }
appointment-was-due = Status: confirmed. The appointment was due on { $date } at { $time }: the office will record whether it took place.
appointment-moved-body = Appointment { $reference } has been moved: it is now confirmed for { $date } at { $time }.
appointment-confirmed-body = Appointment { $reference } is confirmed for { $date } at { $time }.
appointment-cancelled-office-body = Appointment { $reference } on { $date } at { $time } has been cancelled by the { $office }.
appointment-cancelled-body = Appointment { $reference } on { $date } at { $time } has been cancelled at your request: the time is available to others again.
hold-released-body = Booking { $reference } on { $date } at { $time } has been cancelled: the time is available to others again.
appointment-status = Status: { $status }.

## Prenota appuntamento and Sposta appuntamento: the four steps (app/src/pages/booking/)
wizard-steps-move = Steps of the move
wizard-steps = Steps of the booking
wizard-confirm-move = Confirm the move
wizard-choose-point = Choose the consultation point.
wizard-topic-hint = The topic is that of the comunicazione from which you asked for the appointment.
button-continue = Continue
wizard-choose-office = Choose the office.
wizard-offices-hint-studio = The offices that offer the consultation point chosen; the first is that of the contributor's province.
wizard-offices-hint = The offices that offer the consultation point chosen; the first is that of your province.
wizard-other-office = Choose another office
back = Back
wizard-choose-time = Choose the time.
wizard-no-time-suits = Does no time suit you?
wizard-notify-me = Tell me if a place becomes free
wizard-no-times = In the next 30 days this office has no free times for the consultation point chosen: choose another office.
wizard-choose-day = Choose the day
wizard-back-to-days = Back to the days
wizard-back-office = Back: office
booking-pending = Booking…
booking-submit = Book appointment
summary = Summary
wizard-move-heading = Step 4 of 4: Confirm the move
move-from = From
move-to = To
move-explain = The reference stays the same. The old time becomes available to others only when the new one is yours.
move-pending = Moving…
wizard-go-appointment = Go to appointment { $reference }
wizard-context-move = Move appointment { $reference } – Comunicazione { $protocol }
wizard-context = Comunicazione { $protocol }
wizard-step-heading = Step { $number } of 4: { $title }
wizard-full-days = Some days are full, the first on { $date }: you can join the waiting list for those days. If a place becomes free, we keep it for you and let you know.
wizard-free-count = { $count ->
    [one] 1 free time
   *[other] { $count } free times
}
wizard-free-times-of = Free times on { $date }
change = Change
change-what = { " " }{ $what }

## Gestione appuntamenti and the cancellation (app/src/pages/appointments/mod.rs, appointment/cancel.rs)
label-reference-short = Reference
label-office-and-point = Office and consultation point
appointments-move = Move
label-office-short = Office
appointments-by-intermediary = Managed by an intermediary
appointments-filter = Filter the appointments
label-from-day = From day
label-to-day = To day
appointments-include-intermediaries = Include the appointments managed by intermediaries
appointments-none-filtered = No appointment matches the filters chosen.
appointments-none = There are no appointments. You can ask for one from a comunicazione, with “Ask for an appointment”.
appointments-upcoming = Upcoming appointments
appointments-history-caption = History: past, cancelled or unconfirmed appointments
appointments-history = Appointment history
cancel-title = Cancelling the appointment
cancel-office-explain = If the office cannot receive the contributor, cancel the appointment giving the reason: they will read it in the comunicazione and the time will become available again.
cancel-button = Cancel appointment
cancel-question = Cancel the appointment?
cancel-reason-required = Reason (required)
cancel-reason-optional = Reason (optional)
cancel-reason-hint = At most 500 characters. It will be written in the comunicazione.
cancel-yes = Yes, cancel the appointment
cancel-no = No, go back
appointments-move-what = { " " }appointment { $reference }
appointments-lead = The history of { $name }'s appointments, with the details and status of each.
appointments-count = { $count ->
    [one] 1 appointment.
   *[other] { $count } appointments.
}
cancel-online-over = This appointment can no longer be cancelled online: it could be done until { $date } at { $time }. If you cannot attend, call the INPS Contact Center on 803 164 (free from a landline) or on 06 164 164 (from a mobile).
cancel-explain = If you can no longer attend, cancel the appointment by { $date } at { $time }: the time will become available to others again.
cancel-describe = Appointment { $reference } on { $date } at { $time } at the { $office } will be cancelled and the time will become available to others again.

## Lista d'attesa, Agenda dello studio, the intermediary's contributors (app/src/pages/waitlist.rs, appointments/waitlist.rs, studio.rs, contributors.rs)
waitlist-lead = Give the days and the part of the day that suit you. If a place becomes free on those days, we keep it for you and let you know here, in Gestione appuntamenti (appointments), and by email: you will have two hours to confirm it (if we tell you in the evening or at night, until 10 the next morning; less, but never less than an hour, if the appointment is close), then it will go to the next person.
waitlist-all-free = At this office every day still has free times for the consultation point chosen: book from “Date and time”.
waitlist-days = Days that suit you
waitlist-days-hint = Within the next 30 days, starting from the first working day.
waitlist-part = Part of the day
part-any = At any time
part-morning = In the morning (before 1 pm)
part-afternoon = In the afternoon (from 1 pm)
waitlist-pending = Joining…
waitlist-back = Back: date and time
waitlist-declined = You declined the place offered: it has gone to the next person and your wait for this comunicazione has ended.
waitlist-left = You have left the waiting list.
waitlist-title = Lista d'attesa (waiting list)
waitlist-explain = You are on the waiting list. If a suitable place becomes free we offer it to you here and by email: you will have a limited time to confirm it.
waitlist-decline = Decline
waitlist-ahead-none = Nobody is ahead of you on the list for these days.
waitlist-leave-question = Do you want to leave the waiting list?
waitlist-leave-warning = { " " }You will lose your turn: if you join again later, you will come after those already on the list.
waitlist-leave-yes = Yes, leave the list
waitlist-leave-no = No, stay on the list
waitlist-leave = Leave the list
contributors-choose = Choose the contributor
studio-search-hint = Search the contributors who have delegated you, to act for one of them.
studio-all-contributors = See all the delegating contributors
studio-none = No appointment scheduled for the delegating contributors.
studio-caption = Upcoming appointments of the delegating contributors
label-cf = Codice fiscale (tax code)
label-scheme = Scheme
label-province = Province
contributors-act-for = Act for{ " " }
contributors-current = You are already acting for this contributor.
contributors-lead = Choose the contributor you want to act for. You will see their messages and appointments until you choose another one.
contributors-none = You have no active delegations: no contributor to manage.
contributors-show-all = Show all the delegating contributors
contributors-caption = Contributors who have delegated you
office-and-point = { $office } – { $point }
thread-context = Comunicazione { $protocol } – “{ $subject }”
waitlist-book-instead = Book { $date } at { $time }
studio-lead = The upcoming appointments of the contributors who have delegated { $organisation }, by date.
contributors-no-match = None of the contributors who have delegated you matches “{ $search }”. You can act only for those who have given you a delegation.
contributors-found = { $count ->
    [one] 1 contributor found.
   *[other] { $count } contributors found.
}
contributors-delegating = { $count ->
    [one] 1 contributor has delegated you.
   *[other] { $count } contributors have delegated you.
}
waitlist-one-day = on { $date }
waitlist-day-span = from { $from } to { $to }
waitlist-days-part = { $days }, { $part }
waitlist-days-any = { $days }, at any time
waitlist-offer = A place has become free: { $date }, { $time }.
waitlist-offer-until = It is kept for you until { $date }, { $time }; then it will go to the next person. Reference { $reference }.
waitlist-ahead = { $count ->
    [one] There is 1 person ahead of you on the list for these days.
   *[other] There are { $count } people ahead of you on the list for these days.
}
waitlist-entry-days = Days: { $days }.

## The words of the contract's codes (api/src): roles, categories, statuses, timeline, notices, limits
role-contribuente = Contributor
role-intermediario = Intermediary
role-operatore = Operator
category-artigiano = Artisan
category-commerciante = Merchant
status-prenotato = Booked – to be confirmed
status-confermato = Confirmed
status-prenotazione-cancellata = Booking cancelled
status-scaduto = Expired
status-annullato = Cancelled
status-svolto = Held
status-non-presentato = Did not attend
status-annullato-dalla-sede = Cancelled by the office
status-data-passata = Date passed
event-prenotato = Booking made
event-esteso = Booking extended
event-confermato = Appointment confirmed
event-prenotazione-cancellata = Booking cancelled
event-scaduto = Booking expired
event-annullato = Appointment cancelled
event-svolto = Appointment held
event-non-presentato = Contributor did not attend
event-spostato = Appointment moved
event-offerto = Place offered from the waiting list
event-presenza-corretta = Attendance corrected by the office
delivery-inviata = Notice sent by e-mail
delivery-in-invio = Notice by e-mail being sent
delivery-non-recapitata = E-mail notice not delivered: tell them by phone
delivery-nessun-recapito = No e-mail address: tell them by phone
thread-status-inviata = Sent
thread-status-in-lavorazione = Being handled
thread-status-accolta = Granted
thread-status-non-accolta = Not granted
thread-status-chiusa = Closed
part-of-day-mattina = in the morning (before 1 pm)
part-of-day-pomeriggio = in the afternoon (from 1 pm)
waitlist-status-in-attesa = Waiting for a place
waitlist-status-offerta = Place offered: to be confirmed
waitlist-status-prenotato = Booked
waitlist-status-ritirata = Left the list
waitlist-status-scaduta = Expired
attachment-limits = { $count ->
    [one] PDF, JPG or PNG, one file of up to { $size }.
   *[other] PDF, JPG or PNG, up to { $count } files of { $size } each.
}
attachment-too-large = The file “{ $name }” is over the limit of { $size }: make it smaller (for example a photo at a lower resolution or a compressed PDF) and try again.
attachment-not-accepted = The file “{ $name }” is not a PDF, a JPG or a PNG: it was not attached.
attachment-empty = The file “{ $name }” is empty.
attachment-no-room = A message can have at most { $max } attachments: “{ $name }” was not added.

## Allega documenti (app/src/components/attachments.rs)
attachments-still-uploading = Wait for the files to finish uploading, then send the message.
attachments-taken-back = “{ $name }” taken off the message.
attachments-label = Attach documents (optional)
attachments-chosen = Files attached to the message
attachments-uploading-of = Uploading { $name }
attachments-uploading = Uploading { $percent }%
attachments-ready = Uploaded
attachments-take-back-named = Remove { $name }
attachments-take-back = Remove
attachments-not-uploaded = The file “{ $name }” was not uploaded: try again.
attachments-uploaded = “{ $name }” uploaded.
attachments-refused-field = “{ $name }”: { $reason }
attachments-no-answer = The file “{ $name }” was not uploaded: the service did not answer. Try again.
attachments-connection = The file “{ $name }” was not uploaded: check the connection and try again.
attachments-list = Attachments

## Agenda della sede, Chiusure e capienza (app/src/pages/office_agenda.rs)
agenda-action-of = { $action }: { $reference } at { $time }
agenda-record-attendance = Record attendance
agenda-manage = Manage
agenda-col-contributor = Contributor
agenda-col-topic = Topic
agenda-col-point = Point
agenda-phone = Tel. { $phone }
agenda-col-notes = Notes
agenda-col-status = Status
agenda-col-actions = Actions
agenda-recorded = { $reference }: recorded “{ $outcome }”.
agenda-title = Office diary
agenda-caption = Appointments on { $day }
agenda-title-of = Office diary – { $day }
agenda-days = Days of the diary
agenda-previous-day = ← Previous day
agenda-today = Today
agenda-next-day = Next day →
agenda-choose-day = Choose the day
agenda-day = Day
agenda-show = Show
agenda-closed = Office closed:{ " " }
agenda-all-points-lower = all consultation points
agenda-count = { $count ->
    [0] No appointments on this day.
    [one] 1 appointment.
   *[other] { $count } appointments.
}
agenda-waiting = { $count ->
    [0] Nobody on the waiting list for this day.
    [one] 1 person on the waiting list for this day: a place that becomes free is offered to them at once.
   *[other] { $count } people on the waiting list for this day: a place that becomes free is offered at once to the first.
}
agenda-to-record = { $count ->
    [one] 1 attendance to record.
   *[other] { $count } attendances to record.
}
agenda-col-time = Time and reference
agenda-col-point-contact = Consultation point and contact
agenda-waitlist = Waiting list of the day
agenda-waitlist-order = In the order in which a place that becomes free is offered.
agenda-waitlist-offered = place offered at { $start }, to accept by { $until } on { $day }
agenda-waitlist-since = waiting since { $date }
agenda-print = Print the diary
agenda-download = Download the diary (CSV)
closure-days = from { $from } to { $to }
closure-hours = { $days }, from { $start } to { $end }
closure-from = { $days }, from { $start }
closure-until = { $days }, until { $end }
closure-whole-days = { $days }, whole days
closure-declared = { $count ->
    [0] Closure recorded: the times can no longer be booked.
    [one] Closure recorded: 1 appointment was cancelled and the contributor was told in the communication.
   *[other] Closure recorded: { $count } appointments were cancelled and the contributors were told in the communications.
}
closure-revoked = Closure withdrawn: its times can be booked again. The appointments it cancelled stay cancelled: the contributors were told and can book again.
closures-title = Closures and capacity
closures-lead = Declare when the office does not receive and how many people are on duty. Closed times disappear from booking at once.
closures-planned = Planned closures
closures-none = No closures planned.
closure-revoke-named = Withdraw the closure of { $period }
closure-revoke = Withdraw
closure-declare = Declare a closure
closure-point = Consultation point
closure-all-points = All consultation points
closure-from-day = From day
closure-to-day = To day (included)
closure-hours-hint = To close only part of a day give the times; for whole days leave them empty.
closure-from-time = From (optional)
closure-to-time = To (optional)
closure-reason = Reason
closure-reason-hint = The contributors whose appointments are cancelled will read it.
closure-check = Check the closure
closure-check-title = Checking the closure
closure-nothing-affected = No appointment falls in the closure.
closure-affected = { $count ->
    [one] Warning: there is 1 appointment in the closure. If you confirm it will be cancelled with the closure's reason and the contributor will be told.
   *[other] Warning: there are { $count } appointments in the closure. If you confirm they will be cancelled with the closure's reason and the contributors will be told.
}
closure-affected-list = Appointments that will be cancelled
closure-affected-line = { $reference } – { $day }, { $time } – { $name } ({ $point }) – { $status }
closure-confirm = Confirm the closure
closure-confirm-cancelling = Confirm the closure and cancel the appointments
capacity-updated = { $count ->
    [one] Capacity updated for { $day }: 1 person on duty for each time.
   *[other] Capacity updated for { $day }: { $count } people on duty for each time.
}
capacity-none = { $day }: the office does not receive at this point, or the day cannot be booked.
capacity-now = Now, { $day }: { $capacity } places in all, { $booked } already booked.
capacity-title = Capacity of a day
capacity-lead = If one more (or one fewer) colleague is on duty on a day, say how many people receive for each time. It cannot go below the bookings already made.
point-name-sportello = At the office counter
point-name-telefono = Phone consultation (we call you back)
point-name-video = Video call
capacity-people = People on duty
capacity-update = Update the capacity

## Comunicazioni della sede, Registra esito (app/src/pages/office.rs)
queue-title = Office communications
queue-lead = First those to answer, from whoever has waited longest (the bookings' automatic messages do not count); then the others, most recent first.
queue-office = Local office:{ " " }
queue-filter = Filter the communications
queue-only-awaiting = Only those to answer
queue-empty = No communications to show.
queue-count = { $count ->
    [one] 1 communication.
   *[other] { $count } communications.
}
queue-caption = Communications assigned to the office
queue-awaiting = To answer
queue-handled-by = Handled by { $name }
queue-waiting-since = Waiting since { $date }
outcome-title = Record outcome
outcome-lead = Communication { $protocol } – “{ $subject }” from { $name }.
outcome-already = The outcome of this communication has already been recorded: { $status }.
outcome-legend = Outcome of the request
outcome-motivation = Reasons
outcome-motivation-hint = It will be sent to the contributor as a message in the communication.

## An appointment as the office sees it (app/src/pages/appointment/office.rs)
office-attendance-corrected = Attendance corrected: appointment { $reference } now reads “{ $status }”. The contributor is told in the communication and by e-mail.
office-attendance-held = Attendance recorded: appointment { $reference } took place.
office-attendance-no-show = Attendance recorded: the contributor did not attend appointment { $reference }.
office-cancelled = Appointment { $reference } is cancelled: the contributor is told in the communication.
office-booked = Appointment { $reference } booked and confirmed for { $name }: { $day }, { $time }. The contributor gets the confirmation by e-mail and reads it in the communication.
office-moved = Appointment { $reference } has been moved: it is now { $day }, { $time }. The contributor is told in the communication and by e-mail.
office-appointment-title = Appointment { $reference }
office-appointment-lead = { $name } – { $day }, { $time }
office-back-to-agenda = Back to the office diary
office-contributor-file = Contributor's file
office-move-title = Move appointment
office-move-lead = Choose another free time of the office, at another consultation point too: the contributor will read the reason in the communication and get it by e-mail.
office-move-days-hint = The days with free times.
office-move-new-time = New time
office-move-times-hint = The free times of the chosen day.
office-move-choose-time = Choose a time
office-move-at = { $time }
office-move-reason = Reason (required)
office-move-reason-hint = For example: the office will be closed for works.
office-attendance-title = Record attendance
office-attendance-legend = Did the contributor attend?
office-meeting-outcome = Outcome of the meeting (optional)
office-meeting-outcome-hint = Only for an appointment that took place: it will be written in the communication with the contributor.
office-correct-title = Correct the attendance
office-correct-lead = Recorded: “{ $status }”. If it is a mistake you can correct it to “{ $to }” within a day of recording it: the correction stays in the history and the contributor is told.
office-meeting-outcome-hint-short = It will be written in the communication with the contributor.
office-correct-to = Correct to “{ $to }”

## Prenota per il contribuente (app/src/pages/office_booking.rs)
office-booking-title = Book for the contributor
office-booking-for = Book for { $name }
office-booking-lead = For { $name } ({ $cf }), communication { $protocol } – { $subject }.
office-booking-already = This communication already has appointment { $reference }.
office-booking-open = Open the appointment
office-booking-closed = The communication is closed: for a new appointment the contributor must send a new communication.
office-booking-point-hint = How the meeting takes place.
office-booking-time = Time
office-booking-slot = { $count ->
    [one] { $time } (1 free)
   *[other] { $time } ({ $count } free)
}
office-booking-phone = Contributor's phone number
office-booking-phone-hint = Landline or mobile, for example 06 1234 5678; for the video call a mobile, to which the link is sent by text message. The one of the last booking is proposed, if there is one.
office-booking-notes-hint = What will be discussed: the contributor reads them in the confirmation.
office-booking-submit = Book and confirm

## Scheda del contribuente (app/src/pages/office_contributor.rs), Cerca nella sede (office_search.rs)
file-of = File of { $name }
file-attended = { $count ->
    [0] no appointments held
    [one] 1 appointment held
   *[other] { $count } appointments held
}
file-no-shows = { $count ->
    [0] no absences
    [one] did not attend once
   *[other] did not attend { $count } times
}
file-category = Category
file-province = Province
file-phones = Phone numbers
file-no-phones = None: has not booked yet
file-at-office = At the office
file-threads = Communications
file-no-threads = No communications assigned to the office.
file-book = Book
file-book-for = { " " }for communication { $protocol }
file-thread-line = { " " }– { $protocol } – sent on { $date }{ " " }
file-appointments = Appointments at the office
file-no-appointments = No appointments at the office.
file-appointment-line = { " " }– { $day }, { $time } – { $point } – { $status }

## Cerca nella sede (app/src/pages/office_search.rs)
search-title = Search the office
search-lead = Type in the box above a tax code, a name, a protocol number or an appointment reference: you find those of your office.
search-count = { $count ->
    [0] No results for “{ $search }” at the office.
    [one] 1 result.
   *[other] { $count } results.
}
search-contributors = Contributors
search-appointments = Appointments
search-appointment-line = { " " }– { $day }, { $time } – { $point } – { $name } – { $status }

## Settimana della sede (app/src/pages/office_week.rs)
week-short-sportello = Counter
week-short-telefono = Phone
week-short-video = Video
week-title = Office week
week-title-from = Office week – from { $day }
week-lead = From { $from } to { $to }: for each day and consultation point, the places booked out of those available.
week-nav = Weeks
week-previous = ← Previous week
week-from-tomorrow = From tomorrow
week-next = Next week →
week-caption = Places booked out of those available from { $day }
week-waitlist = Waiting list
week-closed = Office closed: { $period } – { $reason }
week-full = { $booked } of { $capacity } (full)
week-booked = { $booked } of { $capacity }
week-people = { $count ->
    [one] 1 person
   *[other] { $count } people
}
week-dash = “—”: no places on that day (outside the booking period, a holiday, closed, or the point does not receive).

## Andamento della sede (app/src/pages/office_stats.rs)
stats-title = Office trends
stats-title-of = Office trends – from { $from } to { $to }
stats-rate = { $rate }% of the attendances recorded
stats-no-rate = no attendance recorded
stats-no-answer = no answer yet
stats-hours = { $count ->
    [one] 1 hour
   *[other] { $count } hours
}
stats-days = { $count ->
    [one] 1 day
   *[other] { $count } days
}
stats-lead = From { $from } to { $to }.
stats-choose = Choose the period
stats-from = From
stats-to = To
stats-to-hint = At most 92 days later.
stats-appointments = { $count } ({ $cancelled } cancelled)
stats-attendance = Held and did not attend
stats-attended = { $attended } held, { $missed } did not attend
stats-absence = Absence rate
stats-to-answer = Communications to answer today
stats-of-open = { $awaiting } of { $open } open
stats-first-answer = First answer (median)
stats-answers = { $median }: { $answered } answers to { $sent } communications received, { $quick } within two days
stats-waitlist = { $entries } requests, { $booked } became appointments, { $waiting } still waiting
stats-download-agenda = Download the period’s diary (CSV)
stats-download-queue = Download the period's communications (CSV)
stats-days-title = Appointments by day and consultation point
stats-no-appointments = No appointments in the period.
stats-days-chart = Chart of appointments by day
stats-chart-alt = Bar chart: the numbers are in the table that follows.
stats-days-caption = Each bar is a day, split by consultation point (each with its own pattern, as in the legend); the number above is the total.
stats-days-table = Appointments by day: for each consultation point, those of the day (held, did not attend)
stats-day-cell = { $count } ({ $attended } held, { $missed } did not attend)
stats-queue-title = Communications to answer, by waiting time
stats-queue-chart = Chart of communications by waiting time
stats-queue-caption = How many communications are waiting for an answer from the office, and for how long.
stats-waiting-for = Waiting for

## The language choice in the header (app/src/components/shell.rs)
shell-language = Language

## Valuta il servizio (api/src/service.rs, app/src/components/rating.rs)
rating-question-booked = How easy was it to book the appointment?
rating-question-closed = How easy was it to get an answer from the office?
rating-question-attended = How easy was the appointment with the office?
rating-occasion-booked = Booking an appointment
rating-occasion-closed = Closed communication
rating-occasion-attended = Appointment held
rating-score-1 = Very difficult
rating-score-2 = Difficult
rating-score-3 = Neither easy nor difficult
rating-score-4 = Easy
rating-score-5 = Very easy

## The footer of every page (app/src/components/shell.rs, server/src/html.rs)
footer-label = About the service
footer-accessibility = Accessibility statement
footer-privacy = Privacy notice
footer-cookies = Cookies
footer-help = Help
footer-contacts = Contacts
rating-title = Rate the service
rating-hint = Optional: it helps us improve the service. Choose from 1 (very difficult) to 5 (very easy).
rating-comment = Would you like to add a comment? (optional)
rating-submit = Send the rating
rating-thanks = Thank you: your rating has been recorded.

## The videochiamata's room (app/src/pages/appointment/mod.rs)
video-title = Video call
video-open = The video call room is open: join when you are ready. It opens in a new tab.
video-join = Join the video call
video-opens = The video call link will appear here on { $day } from { $time }, 15 minutes before the time. You also find it in the confirmation e-mail.

## Valuta il servizio in Andamento della sede (app/src/pages/office_stats.rs)
stats-ratings-title = Service ratings
stats-ratings-lead = The ratings given by contributors and intermediaries in the period, from 1 (very difficult) to 5 (very easy).
stats-ratings-occasion = Moment rated
stats-ratings-count = Ratings
stats-ratings-average = Average
stats-ratings-comments = Comments
stats-ratings-no-comments = No comments in the period.

## Segnalazioni di accessibilità (app/src/pages/office_reports.rs)
reports-title = Accessibility reports
reports-lead = The reports sent from the Accessibility statement's form, newest first. Those who gave an e-mail address get an answer by the date shown, quoting the number.
reports-none = No reports received.
reports-number = Report no. { $number }
reports-received = Received { $at } – answer by { $by }
reports-page = Page or function:
reports-anonymous = Sent without a name or an e-mail address.
reports-answer-to = Answer { $who }
agenda-video-join = Join the video call
