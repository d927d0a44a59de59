# Every sentence the service writes, in Italian (the source language: the keys come from here).
# Fluent syntax (https://projectfluent.org). Sections follow the code that says them.
# Names stay in Italian in every language where they are names (Cassetto Previdenziale,
# Comunicazione bidirezionale, Sede di Roma).

## Sentences kept as they were written: what people wrote, and sentences stored before the
## catalogues. Rendered as they are in every language.
verbatim = { $text }

## The API's error envelope (server/src/error.rs, server/src/extract.rs)
error-bad-request = La richiesta non è valida: { $detail }
error-unauthenticated = Accedi per continuare.
error-session-expired = La sessione è scaduta. Accedi di nuovo per continuare.
error-invalid-credentials = Nome utente o password non corretti. Controlla i dati e riprova.
error-forbidden = Questa funzione non è disponibile per il tuo profilo.
error-cross-site = Richiesta rifiutata: proviene da un altro sito.
error-not-found = La risorsa richiesta non esiste.
error-changed-meanwhile = Nel frattempo i dati sono cambiati: ricarica la pagina e riprova.
error-hold-expired = Il tempo per confermare la prenotazione è scaduto e l'orario è stato liberato. Puoi prenotare di nuovo.
error-payload-too-large = La richiesta è troppo grande.
error-antivirus-down = Il controllo antivirus dei file non è disponibile in questo momento: il file non è stato salvato. Riprova tra qualche minuto.
error-not-json = Il contenuto della richiesta deve essere in formato JSON.
error-validation = Alcuni dati non sono validi. Correggi i campi indicati.
error-busy = Il servizio è molto richiesto in questo momento: riprova tra qualche secondo.
error-internal = Si è verificato un errore imprevisto. Riprova tra qualche minuto.
request-body-unreadable = il corpo della richiesta non è leggibile.
request-body-not-object = il corpo deve essere un oggetto JSON ({ "{" }…{ "}" }).
request-body-not-json = il corpo non è un JSON valido.
request-field-unknown = il campo «{ $field }» non è previsto.
request-field-missing = manca il campo «{ $field }».
request-field-wrong-type = il campo «{ $field }» non è del tipo atteso.
request-wrong-shape = i dati non hanno la forma attesa (campi mancanti, sconosciuti o di tipo errato).
request-path-unreadable = i parametri dell'indirizzo non sono leggibili.

## Recapiti (server/src/domain/contacts.rs)
contacts-email-invalid = Inserisci un indirizzo e-mail valido, ad esempio nome.cognome@example.it.
contacts-email-empty = Inserisci l'indirizzo e-mail a cui ricevere le conferme.
contacts-email-too-long = L'indirizzo e-mail può contenere al massimo { $max } caratteri.

## What a booking request carries (server/src/domain/booking/input.rs)
booking-phone-invalid = Inserisci un numero di telefono italiano valido, fisso o cellulare, ad esempio 06 1234 5678 oppure 347 123 4567.
booking-phone-empty = Inserisci un recapito telefonico.
booking-phone-too-long = Il recapito telefonico può contenere al massimo { $max } caratteri.
booking-video-needs-mobile = Per la videochiamata indica un numero di cellulare, ad esempio 347 123 4567: il collegamento arriva per SMS a quel numero.
booking-notes-empty = Scrivi una nota: di cosa vuoi parlare all'appuntamento.
booking-notes-too-long = Le note possono contenere al massimo { $max } caratteri.
booking-notes-forbidden = Le note contengono caratteri non ammessi.
booking-start-missing = Scegli la data e l'ora dell'appuntamento.
booking-topic-unknown = Argomento non riconosciuto.
booking-start-not-offered = L'orario scelto non è tra quelli prenotabili: scegli un orario dall'elenco.
booking-office-missing = Scegli una struttura territoriale.
booking-idempotency-missing = manca l'intestazione Idempotency-Key (un identificativo unico per ogni richiesta).
booking-idempotency-too-long = l'intestazione Idempotency-Key può contenere al massimo 200 caratteri.
booking-move-reason-empty = Scrivi il motivo dello spostamento: il contribuente lo leggerà.
booking-cancel-reason-empty = Scrivi il motivo dell'annullamento: il contribuente lo leggerà.
booking-reason-too-long = Il motivo può contenere al massimo { $max } caratteri.
booking-reason-forbidden = Il motivo contiene caratteri non ammessi.
booking-attendance-missing = Scegli «Svolto» oppure «Non presentato».
booking-outcome-not-held = L'esito dell'incontro si scrive solo per un appuntamento svolto.
booking-outcome-too-long = L'esito dell'incontro può contenere al massimo { $max } caratteri.
booking-outcome-forbidden = L'esito dell'incontro contiene caratteri non ammessi.

## Sposta appuntamento (server/src/agenda/moving.rs)
moving-video-needs-mobile = { $needs } L'appuntamento ha il numero { $phone }: prenota di nuovo con un cellulare, oppure scegli un altro punto di consulenza.
moving-same-start = È già l'orario dell'appuntamento: scegline un altro.

## Dates, consultation points and topics (server/src/domain/speech.rs)
when = { $date } alle { $time }
point-sportello = Sportello in sede
point-telefono = Consulenza telefonica (richiamata)
point-video = Videochiamata
topic-iscrizione = Iscrizione, variazione e cancellazione
topic-riduzione = Riduzione contributiva
topic-rateazione = Rateazione dei debiti contributivi
topic-estratto-conto = Estratto conto e contributi
topic-avvisi-bonari = Avvisi bonari e recupero crediti
topic-esonero = Esonero e agevolazioni contributive
topic-rimborsi = Rimborsi e compensazioni
topic-durc = Regolarità contributiva – DURC

## E-mail notices (server/src/domain/notices.rs) and their calendar file (server/src/agenda/ics.rs)
mail-where-phone = La sede ti chiamerà al numero { $phone }
mail-where-video = Videochiamata: il collegamento arriverà dalla sede per SMS al cellulare { $phone }
mail-where-video-room = Videochiamata: { $link }
mail-video-when = La stanza della videochiamata è aperta dai 15 minuti prima dell'orario: entra dal collegamento qui sotto, con il browser del computer o del telefono.
mail-video-link = Entra nella videochiamata
mail-label-reference = Identificativo appuntamento
mail-label-when = Data e ora
mail-label-point = Punto di consulenza
mail-label-where = Dove
mail-label-contributor = Contribuente
mail-label-thread = Comunicazione
mail-moved-subject = Appuntamento spostato { $reference }
mail-moved-body = L'appuntamento { $reference } è stato spostato: ora è { $when } presso la { $office }.
mail-moved-calendar = In allegato trovi il file aggiornato per il tuo calendario: sostituisce quello di prima.
mail-offered-subject = Si è liberato un posto: { $when }
mail-offered-body = Si è liberato un posto per cui eri in lista d'attesa: { $when } presso la { $office }.
mail-offered-until = Lo teniamo per te fino a { $until }: conferma entro quell'ora, altrimenti passerà alla persona successiva in lista.
mail-offered-decline = Se non ti serve più, rifiutalo: il posto passerà subito a chi aspetta dopo di te.
mail-offered-link = Conferma o rifiuta il posto nel Cassetto Previdenziale
mail-cancelled-hold = La prenotazione { $reference } di { $when } è stata cancellata dalla { $office }.
mail-cancelled-appointment = L'appuntamento { $reference } di { $when } è stato annullato dalla { $office }.
mail-reason = Motivo: { $reason }
mail-cancelled-what-now = Cosa fare ora: la comunicazione resta aperta e puoi scegliere un altro orario, anche presso un altro punto di consulenza. Se non trovi un orario adatto, scrivi alla sede nella comunicazione.
mail-book-again-link = Scegli un altro orario
mail-cancelled-by-office-subject = La sede ha annullato l'appuntamento { $reference }
mail-no-show = La { $office } ha registrato che all'appuntamento { $reference } di { $when } il contribuente non si è presentato. Se hai ancora bisogno, puoi richiedere un altro appuntamento.
mail-held = La { $office } ha registrato che l'appuntamento { $reference } di { $when } si è svolto.
mail-outcome = Esito dell'incontro: { $outcome }
mail-attended-subject = Esito dell'appuntamento { $reference }
mail-see-link = Vedi l'appuntamento nel Cassetto Previdenziale
mail-confirmed-subject = Appuntamento confermato { $reference }
mail-confirmed-body = L'appuntamento { $reference } è confermato per { $when } presso la { $office }.
mail-confirmed-calendar = In allegato trovi il file da aggiungere al tuo calendario. Se non puoi più venire, annulla l'appuntamento dal Cassetto Previdenziale: il posto tornerà disponibile per altri.
mail-reminder-subject = Promemoria: appuntamento { $reference } di { $when }
mail-reminder-body = Ti ricordiamo l'appuntamento { $reference } di { $when } presso la { $office }.
mail-reminder-cancel = Se non puoi più venire, annulla l'appuntamento: il posto tornerà disponibile per altri. Puoi smettere di ricevere i promemoria dalla pagina Recapiti.
mail-cancelled-by-you-subject = Ricevuta di annullamento dell'appuntamento { $reference }
mail-cancelled-by-you-body = L'appuntamento { $reference } di { $when } presso la { $office } è stato annullato su tua richiesta. L'orario è di nuovo disponibile per altri.
mail-cancelled-by-you-link = Se ti serve ancora, scegli un altro orario
mail-corrected-subject = Rettifica dell'esito dell'appuntamento { $reference }
mail-corrected-body = La { $office } ha corretto quanto aveva registrato per l'appuntamento { $reference }: vale quanto segue.
mail-answered-subject = Nuova risposta alla comunicazione { $protocol }
mail-answered-body = La { $office } ha scritto nella comunicazione { $protocol } «{ $subject }» di { $contributor }. Per leggere la risposta accedi al Cassetto Previdenziale.
mail-answered-files = La risposta contiene { $count ->
    [one] un documento allegato
   *[other] { $count } documenti allegati
}: per sicurezza non li inviamo per e-mail, puoi scaricarli dalla comunicazione.
mail-answered-link = Leggi la comunicazione
mail-footer = Questo messaggio è stato inviato automaticamente dal Cassetto Previdenziale per Artigiani e Commercianti dell'INPS: non rispondere a questo indirizzo. Per scrivere alla sede usa la comunicazione nel Cassetto.
ics-summary = Appuntamento INPS { $reference } – { $topic }
ics-location-phone = Richiamata al numero { $phone }
ics-description = { $point } – { $office }.
    Comunicazione { $protocol }: { $subject }.
    Identificativo appuntamento: { $reference }.

## Comunicazione bidirezionale: threads, messages, outcomes (server/src/domain/communication.rs)
thread-text-forbidden = Il testo contiene caratteri non ammessi.
thread-topic-empty = Scegli l'argomento.
thread-topic-unknown = Scegli un argomento dell'elenco.
thread-subject-empty = Inserisci l'oggetto.
thread-subject-too-long = L'oggetto può contenere al massimo { $max } caratteri.
thread-subject-one-line = L'oggetto sta su una riga e non può contenere caratteri invisibili o di controllo.
thread-message-empty = Scrivi il testo del messaggio.
thread-message-too-long = Il testo può contenere al massimo { $max } caratteri.
thread-note-empty = Scrivi il testo della nota.
thread-note-too-long = La nota può contenere al massimo { $max } caratteri.
thread-too-many-attachments = Un messaggio può avere al massimo { $max } allegati.
thread-attachment-twice = Lo stesso allegato è indicato più di una volta.
list-page-invalid = Numero di pagina non valido.
list-status-unknown = Stato non riconosciuto.
list-topic-unknown = Argomento non riconosciuto.
thread-no-office = Non è stato possibile individuare la struttura territoriale competente per la tua provincia. Contatta il Contact Center INPS.
thread-outcome-missing = Scegli l'esito: Accolta o Non accolta.
thread-motivation-empty = Scrivi la motivazione dell'esito.
thread-motivation-too-long = La motivazione può contenere al massimo { $max } caratteri.

## Sign-in and Gestione appuntamenti's filters (server/src/domain/login.rs, history.rs, rome.rs)
login-username-empty = Inserisci il codice fiscale o il nome utente.
login-password-empty = Inserisci la password.
history-managed-by-unknown = Filtro non riconosciuto: usa contribuente, intermediario oppure sede.
history-to-before-from = La data finale non può precedere quella iniziale.
date-invalid = Data non valida: usa il formato AAAA-MM-GG.
date-out-of-range = Data fuori dall'intervallo ammesso: scegli un giorno tra il 2000 e il 2100.

## Closures and capacity, declared by an office (server/src/domain/closure.rs)
closure-to-empty = Inserisci la data di fine.
closure-from-empty = Inserisci la data di inizio.
time-invalid = Ora non valida: usa il formato HH:MM.
closure-hours-one-day = Gli orari valgono per una chiusura di un solo giorno: per un periodo lascia vuoti gli orari.
closure-reason-empty = Scrivi il motivo della chiusura: lo leggeranno i contribuenti.
closure-from-past = La chiusura non può iniziare in un giorno passato.
closure-to-before-from = L'ultimo giorno non può precedere il primo.
closure-too-long = Una chiusura può durare al massimo un anno.
closure-end-before-start = L'ora di fine deve seguire quella di inizio.
closure-end-missing = Indica anche l'ora di fine, o lascia vuote entrambe per tutto il giorno.
closure-start-missing = Indica anche l'ora di inizio, o lascia vuote entrambe per tutto il giorno.
closure-past = La chiusura indicata è già passata.
closure-point-or-all = Scegli un punto di consulenza che la sede offre, o tutti.
capacity-point-offered = Scegli un punto di consulenza che la sede offre.
capacity-day-past = Non si può cambiare la capienza di un giorno passato.
capacity-out-of-range = Indica quante persone sono in servizio: da 1 a { $max }. Per non ricevere nessuno dichiara una chiusura.

## The booking state machine's refusals (server/src/domain/booking/mod.rs)
office-moves-at-own-office = La sede può spostare l'appuntamento solo a un altro orario presso di sé.
office-books-at-own-office = La sede può prenotare solo presso di sé: scegli un punto di consulenza della tua sede.
office-thread-closed = La comunicazione è chiusa: per un nuovo appuntamento il contribuente deve inviare una nuova comunicazione.
calendar-only-confirmed = Solo un appuntamento confermato può essere aggiunto al calendario.
hold-cannot-confirm = Questa prenotazione non può più essere confermata.
hold-already-confirmed = L'appuntamento è già confermato: per rinunciare usa «Annulla appuntamento» in Gestione appuntamenti.
hold-cannot-release = Questa prenotazione non può più essere cancellata.
hold-extended-enough = Hai già esteso la prenotazione il numero massimo di volte: conferma o cancella.
hold-not-waiting = Questa prenotazione non è più in attesa di conferma.
cancel-too-late = Il termine per annullare online è passato: se non puoi presentarti, chiama il Contact Center INPS al numero 803 164 (gratuito da rete fissa) oppure 06 164 164 (da cellulare).
cancel-started = L'appuntamento è già iniziato o si è già svolto: non può essere annullato.
cancel-only-confirmed = Si può annullare solo un appuntamento confermato.
move-too-many = Questo appuntamento è già stato spostato 3 volte: per cambiarlo ancora annullalo e prenotane un altro.
move-too-late = Il termine per spostare online l'appuntamento è passato: se non puoi presentarti, chiama il Contact Center INPS al numero 803 164 (gratuito da rete fissa) oppure 06 164 164 (da cellulare).
move-started = L'appuntamento è già iniziato o si è già svolto: non può essere spostato.
move-only-confirmed = Si può spostare solo un appuntamento confermato.
attendance-not-started = L'appuntamento non è ancora iniziato: la presenza si registra dall'orario di inizio.
attendance-already = La presenza per questo appuntamento è già stata registrata.
attendance-only-confirmed = La presenza si registra solo per un appuntamento confermato.
attendance-correction-too-late = La presenza si può correggere entro un giorno dalla registrazione: è passato più di un giorno.
attendance-nothing-to-correct = Non c'è una presenza registrata da correggere.

## Richiedi appuntamento: may this thread be booked (server/src/domain/eligibility.rs)
eligible-by-days = Puoi richiedere un appuntamento: sono trascorsi almeno { $days ->
    [one] 1 giorno
   *[other] { $days } giorni
} dall'invio.
eligible-by-rejection = Puoi richiedere un appuntamento: la richiesta non è stata accolta.
eligible-from = Potrai richiedere un appuntamento dal { $date } ({ $days ->
    [one] 1 giorno
   *[other] { $days } giorni
} dopo l'invio).
eligible-from-or-earlier = Potrai richiedere un appuntamento dal { $date } ({ $days ->
    [one] 1 giorno
   *[other] { $days } giorni
} dopo l'invio), oppure prima se la richiesta non viene accolta.
eligible-already-booked = Per questa comunicazione c'è già l'appuntamento { $reference }.
eligible-limit-reached = Hai già { $max } appuntamenti attivi, il massimo: per richiederne un altro annullane uno da Gestione appuntamenti.

## Limits against abuse (server/src/domain/limits.rs)
limit-threads = Sono già state inviate { $max } comunicazioni nelle ultime 24 ore.
limit-messages = In questa comunicazione sono già stati scritti { $max } messaggi nell'ultima ora.
limit-given-up-holds = Nell'ultima ora { $max } prenotazioni sono state cancellate o lasciate scadere: per non bloccare posti ad altri si potrà prenotare di nuovo più tardi.
limit-retry-minutes = Riprova tra { $minutes ->
    [one] un minuto
   *[other] { $minutes } minuti
}.
limit-retry-hours = Riprova tra { $hours } ore.
limit-exceeded = { $why } { $wait }

## Allegati: files attached to a message (server/src/domain/attachment.rs, communications/files.rs)
attachment-types = Si possono allegare file PDF, JPG o PNG.
attachment-name-unreadable = Il nome del file non è leggibile: rinomina il file e riprova.
attachment-name-empty = Il file deve avere un nome.
attachment-name-too-long = Il nome del file può avere al massimo { $max } caratteri: rinomina il file e riprova.
attachment-name-forbidden = Il nome del file contiene caratteri non ammessi: rinomina il file e riprova.
attachment-name-path = Il nome del file non può contenere «/», «\» o «..»: rinomina il file e riprova.
attachment-not-that-type = Il file «{ $name }» non è un { $kind } valido. Si possono allegare file PDF, JPG o PNG.
attachment-encrypted = Il file «{ $name }» è protetto da password: allegane una copia senza protezione.
attachment-active = Il file «{ $name }» contiene script, azioni automatiche o altri file: salvalo come PDF semplice (ad esempio con «Stampa in PDF») e riprova.
attachment-unreadable = Il file «{ $name }» non si riesce ad aprire: potrebbe essere danneggiato.
attachment-message-full = Un messaggio può avere al massimo { $max } allegati: togline uno prima di aggiungerne un altro.
attachment-thread-full = Questa comunicazione ha già allegati per { $size } e non può contenerne altri: scrivi nel messaggio che cosa manca, la sede ti dirà come inviarlo.
attachment-day-full = Nelle ultime 24 ore sono già stati allegati { $max } file per questo contribuente. { $wait }
attachment-late = il file «{ $name }» non è arrivato per intero entro due minuti: controlla la connessione e riprova.
attachment-incomplete = il file «{ $name }» non è arrivato per intero.
attachment-infected = Il file «{ $name }» contiene un virus o un programma dannoso ({ $signature }) e non è stato salvato. Controlla il tuo dispositivo con un antivirus.
attachment-name-missing = Manca il nome del file (intestazione X-Filename).

## Refusals of the agenda, threads, office and waiting list (server/src/{agenda,communications,office,waitlist,session}/)
request-value-forbidden = Il valore contiene caratteri non ammessi.
hold-slot-taken = L'orario scelto non è più disponibile. Scegli un altro orario.
hold-office-closed = La sede ha dichiarato una chiusura in questo orario: scegli un altro orario.
idempotency-key-reused = Questa chiave Idempotency-Key è già stata usata per una richiesta diversa.
idempotency-in-progress = La stessa richiesta è già in corso: attendi qualche secondo.
moving-slot-taken = L'orario scelto non è più disponibile: l'appuntamento resta com'era. Scegli un altro orario.
moving-changed = Nel frattempo l'appuntamento è cambiato: ricarica la pagina.
moving-office-closed = La sede ha dichiarato una chiusura in quell'orario: l'appuntamento resta com'era. Scegli un altro orario.
places-point-unknown = Scegli un punto di consulenza dell'elenco.
places-office-unknown = Scegli una struttura territoriale dell'elenco.
places-point-not-offered = La struttura scelta non offre questo punto di consulenza: scegline un'altra.
confirm-office-closed = La sede ha dichiarato una chiusura in questo orario: la prenotazione non può essere confermata. Cancellala e scegli un altro orario.
appointment-changed = L'appuntamento è cambiato nel frattempo: ricarica la pagina.
thread-closed = La comunicazione è chiusa: non è possibile aggiungere messaggi.
thread-attachment-gone = Uno degli allegati non è più disponibile (è stato tolto, o è passato più di un giorno): allegalo di nuovo e invia.
thread-outcome-recorded = L'esito di questa comunicazione è già stato registrato.
search-empty = Scrivi un codice fiscale, un nome, un protocollo o un identificativo di appuntamento.
search-too-long = La ricerca può contenere al massimo 100 caratteri, senza caratteri di controllo.
period-to-before-from = Il giorno finale non può precedere quello iniziale.
chart-unknown = Grafico non riconosciuto: usa giorni oppure coda.
closure-cancels-one = Nel periodo di chiusura c'è 1 appuntamento: controllalo e conferma per annullarlo con il motivo della chiusura.
closure-started = La chiusura è già iniziata: non si può più revocare. I suoi orari tornano prenotabili quando finisce.
capacity-not-open = In questo giorno la sede non riceve per questo punto di consulenza.
waitlist-already = Per questa comunicazione sei già in lista d'attesa: trovi l'iscrizione in Gestione appuntamenti.
waitlist-no-offer = Per questa iscrizione non c'è un posto in attesa di risposta.
waitlist-ended = Questa iscrizione alla lista d'attesa è già terminata.
language-unknown = Lingua non disponibile: si può scegliere italiano (it) o inglese (en).
login-password-operators-only = L'accesso con codice fiscale e password è riservato agli operatori dell'Istituto. Entra con SPID o CIE.
waitlist-no-mornings = In questa struttura il punto di consulenza scelto non riceve di mattina: scegli «Di pomeriggio» o «A qualsiasi orario».
waitlist-mornings-only = In questa struttura il punto di consulenza scelto riceve solo di mattina: scegli «Di mattina» o «A qualsiasi orario».
waitlist-closed-days = In quei giorni la struttura non riceve nel punto di consulenza scelto: scegli altri giorni.
search-max = La ricerca può contenere al massimo 100 caratteri.
waitlist-from-too-early = Scegli un giorno dal { $date } in poi.
waitlist-to-too-late = Si può attendere un posto fino al { $date }: scegli un giorno entro quella data.
closure-cancels-many = Nel periodo di chiusura ci sono { $count } appuntamenti: controllali e conferma per annullarli con il motivo della chiusura.
login-too-many-attempts = Troppi tentativi di accesso non riusciti. { $wait }
thread-has-appointment = Per questa comunicazione c'è già l'appuntamento { $reference }: puoi gestirlo da Gestione appuntamenti.
hold-too-many-office = Il contribuente ha già { $max } appuntamenti attivi ({ $references }): per prenotarne un altro ne va annullato uno.
hold-too-many = Hai già { $max } appuntamenti attivi ({ $references }): per prenotarne un altro annullane uno da Gestione appuntamenti.
waitlist-place-free = Nel periodo scelto c'è ancora un orario libero, { $when }: puoi prenotarlo subito, oppure scegliere altri giorni.
waitlist-too-many = Hai già { $max } appuntamenti attivi: per metterti in lista d'attesa annullane uno da Gestione appuntamenti.
capacity-below-bookings = Non puoi scendere a { $capacity ->
    [one] 1 posto
   *[other] { $capacity } posti
}: alle { $time } ci sono già { $booked } prenotazioni. Per liberare posti annulla prima gli appuntamenti, con un motivo.

## What the service writes by itself into a thread and a timeline (server/src/domain/texts.rs),
## kept as these keys and rendered in each reader's language
system-author = Agenda appuntamenti (messaggio automatico)
system-actor = Sistema
said-held = Appuntamento { $reference } prenotato da { $who } per { $when } presso la { $office }, { $point }: da confermare entro le { $time }.
said-offered = Si è liberato un posto dalla lista d'attesa: appuntamento { $reference } per { $when } presso la { $office }, { $point }, tenuto per te fino a { $until }. Confermalo entro quell'ora oppure rifiutalo: poi passerà alla persona successiva.
said-offered-note = Da confermare entro { $when }.
said-because = { " " }Motivo: { $reason }
said-expired-note = Prenotazione non confermata entro il tempo previsto.
said-corrected-note = Da «{ $from }» a «{ $to }».
said-outcome-heading = Esito dell'incontro:
said-extended = Prenotazione { $reference } estesa da { $who }: da confermare entro le { $time }.
said-confirmed = Appuntamento { $reference } confermato da { $who } per { $when } presso la { $office }, { $point }.
said-released = Prenotazione { $reference } cancellata da { $who }: l'orario di { $when } presso la { $office } è di nuovo disponibile.
said-expired = Prenotazione { $reference } scaduta: non è stata confermata entro il tempo previsto e l'orario è di nuovo disponibile per altri.
said-cancelled-by-office = Appuntamento { $reference } di { $when } presso la { $office } annullato dalla { $office }.{ $because }
said-cancelled = Appuntamento { $reference } di { $when } presso la { $office } annullato da { $who }.{ $because }
said-released-for-closure = Prenotazione { $reference } cancellata dalla sede. Motivo: { $reason }
said-outcome-of = Esito dell'incontro dell'appuntamento { $reference } di { $when } presso la { $office }:
said-attended = L'appuntamento { $reference } di { $when } presso la { $office } si è svolto.
said-no-show = Il contribuente non si è presentato all'appuntamento { $reference } di { $when } presso la { $office }. Se ha ancora bisogno, può richiederne un altro.
said-corrected = Rettifica: la { $office } ha corretto quanto registrato per l'appuntamento { $reference } di { $when }: { $now }.
said-now-held = si è svolto
said-now-no-show = il contribuente non si è presentato
said-place = { $when } presso la { $office }, { $point }
said-moved-note = Spostato da { $from } a { $to }.{ $because }
said-moved = Appuntamento { $reference } spostato da { $who }. { $note }
said-thread-outcome = Esito: { $status }.

## The office's agenda and queue (server/src/agenda/view.rs, communications/handlers.rs)
office-call-back = Richiamare il contribuente al numero { $phone }.
office-send-video-link = Inviare il collegamento alla videochiamata per SMS al cellulare { $phone } prima dell'orario.
office-join-video = Videochiamata: entra nella stanza dal collegamento all'orario; se il contribuente non riesce a collegarsi, chiamalo al { $phone }.
office-awaiting-filter = Il filtro «da rispondere» vale true oppure false.

## Andamento della sede: how long the threads owed an answer have waited (server/src/domain/stats.rs)
wait-under-2-days = Meno di 2 giorni
wait-2-to-7-days = Da 2 a 7 giorni
wait-8-to-30-days = Da 8 a 30 giorni
wait-over-30-days = Oltre 30 giorni

## The login page (/accedi), which the server draws itself.
login-title = Accedi
login-lead = Accedi al Cassetto Previdenziale per Artigiani e Commercianti per scambiare comunicazioni con l'Istituto e gestire i tuoi appuntamenti.
login-demo-title = Accesso dimostrativo
login-operators-title = Accesso operatori
login-password-title = Accesso con password
login-demo-hint = Per provare il servizio con i dati dimostrativi: codice fiscale di un contribuente o di un intermediario, oppure il nome utente di un operatore.
login-operators-hint = Riservato al personale dell'Istituto, con il nome utente assegnato (ad esempio operatore.roma). Contribuenti e intermediari entrano con SPID o CIE.
login-password-hint = Gli operatori dell'Istituto usano il nome utente assegnato, ad esempio operatore.roma.
login-username = Codice fiscale o nome utente
login-password = Password
doors-title = Entra con la tua identità digitale
doors-hint = Usa SPID, il Sistema Pubblico di Identità Digitale, o la Carta d'Identità Elettronica (CIE). Ti servono le credenziali di livello 2: nome utente, password e un codice temporaneo o l'app del tuo gestore.
doors-spid = Entra con SPID
doors-spid-providers = Gestori dell'identità SPID
doors-spid-how = Non hai SPID? Scopri come ottenerlo
doors-cie = Entra con CIE
login-failure-expired = La richiesta di accesso è scaduta o è già stata usata. Scegli di nuovo «Entra con SPID» o «Entra con CIE».
login-failure-cancelled = Hai annullato l'accesso presso il gestore dell'identità. Quando vuoi, puoi riprovare.
login-failure-provider = Il gestore dell'identità scelto non risponde in questo momento. Riprova tra qualche minuto o scegli un altro gestore.
login-failure-level = Per questo servizio serve un accesso SPID di livello 2 (con codice temporaneo o app) oppure la CIE. Riprova e scegli un livello di sicurezza 2 o superiore.
login-failure-unknown = Il tuo codice fiscale non risulta tra gli utenti del Cassetto Previdenziale per Artigiani e Commercianti: il servizio è riservato a chi è iscritto alle Gestioni Artigiani e Commercianti e agli intermediari che li assistono con delega. Se pensi che sia un errore, rivolgiti alla tua Struttura territoriale INPS.
login-failure-unverified = Non è stato possibile verificare i dati ricevuti dal gestore dell'identità. Riprova; se il problema continua, scegli un altro gestore.
shell-logged-out = Hai chiuso la sessione.
session-ended = La sessione è scaduta. Accedi di nuovo: tornerai alla pagina dove eri, con il testo che avevi scritto.
session-expired-idle = La sessione è scaduta per inattività. Accedi di nuovo: tornerai alla pagina dove eri, con il testo che avevi scritto.

## Valuta il servizio (server/src/domain/feedback.rs, server/src/ratings/)
rating-already = Hai già dato la tua valutazione: grazie.
rating-not-due = Questa valutazione non è disponibile ora.
rating-occasion-unknown = Il momento da valutare non è tra quelli previsti.
rating-score-missing = Scegli un valore da 1 (molto difficile) a 5 (molto facile).
rating-comment-too-long = Il commento può avere al massimo { $max } caratteri.

## Periods, as the privacy and cookie pages say them (server/src/info/view.rs)
period-years = { $n ->
    [one] 1 anno
   *[other] { $n } anni
}
period-days = { $n ->
    [one] 1 giorno
   *[other] { $n } giorni
}
period-hours = { $n ->
    [one] 1 ora
   *[other] { $n } ore
}
period-minutes = { $n ->
    [one] 1 minuto
   *[other] { $n } minuti
}

## Dichiarazione di accessibilità and its form (server/src/info/)
accessibility-title = Dichiarazione di accessibilità
accessibility-intro = L'INPS si impegna a rendere accessibile il servizio online Cassetto Previdenziale per Artigiani e Commercianti – Agenda appuntamenti, in conformità alla legge 9 gennaio 2004, n. 4, e alla direttiva (UE) 2016/2102. Questa dichiarazione si applica a tutte le pagine del servizio.
accessibility-status-title = Stato di conformità
accessibility-status = Il servizio è parzialmente conforme ai requisiti della norma EN 301 549 e alle WCAG 2.1 livello AA, per i contenuti non accessibili indicati sotto. Tutte le pagine del servizio, in ogni loro stato, soddisfano i criteri di successo delle WCAG 2.2 di livello A e AA verificati automaticamente.
accessibility-status-how = Come è stato verificato: a ogni modifica del servizio, una suite automatica apre ogni pagina e ogni stato (errori, conferme, elenchi vuoti) in Chromium e li controlla con axe-core secondo le WCAG 2.2 A e AA; percorre i compiti principali con la sola tastiera e trova ogni comando dal suo nome accessibile, come fa un lettore di schermo; le pagine sono esaminate a 320, 375 e 1280 pixel di larghezza. Non è ancora stata svolta una verifica con persone che usano tecnologie assistive.
accessibility-gaps-title = Contenuti non accessibili
accessibility-gaps-files = I documenti allegati alle comunicazioni (PDF e immagini) sono caricati dai contribuenti, dagli intermediari e dalle sedi: il servizio non ne verifica l'accessibilità, che dipende da chi li ha prodotti (contenuti di terzi).
accessibility-gaps-charts = I grafici della pagina Andamento della sede (per gli operatori) sono accompagnati da tabelle con gli stessi dati: chi non può leggere i grafici trova lì ogni valore.
accessibility-made-title = Redazione della dichiarazione
accessibility-made = Dichiarazione redatta il { $date } sulla base di un'autovalutazione svolta dal gruppo che sviluppa il servizio, con i controlli descritti sopra; è riesaminata a ogni modifica rilevante.
report-title = Segnala un problema di accessibilità
report-intro = Se una parte del servizio non è accessibile per te, descrivila qui. Ogni segnalazione riceve un numero e viene letta dagli operatori dell'Istituto, che rispondono entro { $days } giorni. Per avere la risposta indica il tuo indirizzo e-mail.
report-description = Descrivi il problema
report-description-hint = Cosa stavi facendo, cosa non ha funzionato, quale tecnologia assistiva o browser usi (se vuoi).
report-page = Pagina o funzione (facoltativo)
report-page-hint = Ad esempio: Gestione appuntamenti, oppure l'indirizzo della pagina.
report-name = Nome e cognome (facoltativo)
report-email = Indirizzo e-mail (facoltativo)
report-email-hint = Solo per risponderti.
report-submit = Invia la segnalazione
report-received-title = Segnalazione n. { $number } ricevuta
report-received-body = Grazie. Gli operatori dell'Istituto la leggeranno e, se hai indicato un indirizzo e-mail, ti risponderanno entro { $days } giorni citando questo numero.
report-description-empty = Descrivi il problema che hai incontrato.
report-description-too-long = La descrizione può avere al massimo { $max } caratteri.
report-page-too-long = La pagina o funzione può avere al massimo { $max } caratteri.
report-name-too-long = Il nome può avere al massimo { $max } caratteri.
report-text-forbidden = Il testo contiene caratteri non ammessi: riscrivilo senza caratteri speciali invisibili.
report-too-many = Sono arrivate troppe segnalazioni in poco tempo. Riprova tra un'ora, oppure chiama il Contact Center.
accessibility-escalation-title = Procedura di attuazione
accessibility-escalation = Se la risposta non ti soddisfa, o non ricevi risposta entro { $days } giorni, puoi rivolgerti al Difensore civico per il digitale presso l'Agenzia per l'Italia Digitale (AgID), con il modulo pubblicato da AgID:
accessibility-escalation-link = form.agid.gov.it

## Informativa sul trattamento dei dati personali (server/src/info/view.rs)
privacy-title = Informativa sul trattamento dei dati personali
privacy-intro = Informativa ai sensi dell'articolo 13 del Regolamento (UE) 2016/679 (GDPR) per chi usa il Cassetto Previdenziale per Artigiani e Commercianti – Agenda appuntamenti.
privacy-controller-title = Titolare del trattamento
privacy-controller = Il titolare del trattamento è l'Istituto Nazionale della Previdenza Sociale (INPS), via Ciro il Grande 21, 00144 Roma.
privacy-dpo = Puoi contattare il Responsabile della protezione dei dati dell'Istituto ai recapiti pubblicati sul sito www.inps.it.
privacy-purposes-title = Finalità e dati trattati
privacy-purposes = I dati sono trattati per gestire le comunicazioni tra contribuenti, intermediari e sedi dell'Istituto, prenotare, spostare e annullare gli appuntamenti, inviare gli avvisi per e-mail che hai chiesto, e proteggere il servizio da accessi non autorizzati e abusi.
privacy-data = Sono trattati: i dati di identificazione (nome, codice fiscale, forniti da SPID o CIE all'accesso), i recapiti che indichi (e-mail, telefono), il contenuto delle comunicazioni e dei documenti allegati, gli appuntamenti e il loro storico, le valutazioni del servizio che scegli di dare, e dati tecnici di sicurezza (tentativi di accesso, indirizzi di rete in forma cifrata).
privacy-basis-title = Base giuridica
privacy-basis = Il trattamento è necessario per l'esecuzione di compiti di interesse pubblico e per l'esercizio di pubblici poteri di cui è investito l'Istituto (articolo 6, paragrafo 1, lettera e, del GDPR; articolo 2-ter del Codice in materia di protezione dei dati personali). La valutazione del servizio e i recapiti e-mail sono facoltativi.
privacy-recipients-title = Destinatari
privacy-recipients = I dati sono trattati dal personale autorizzato dell'Istituto (gli operatori della sede competente) e dagli intermediari a cui hai conferito una delega. Il fornitore del servizio di posta elettronica e i gestori dell'identità digitale (SPID, CIE) trattano i dati necessari al loro compito, come responsabili o titolari autonomi.
privacy-transfers = I dati non sono trasferiti fuori dall'Unione europea e non sono usati per decisioni automatizzate o profilazione.
privacy-retention-title = Per quanto tempo conserviamo i dati
privacy-retention-intro = I periodi qui sotto sono quelli applicati dal servizio stesso: trascorsi, i dati sono cancellati automaticamente.
privacy-retention-caption = Periodi di conservazione
privacy-retention-what = Dati
privacy-retention-period = Conservati per
privacy-kept-session = Sessione di accesso
privacy-kept-session-period = termina dopo { $idle } di inattività e in ogni caso dopo { $absolute } dall'accesso
privacy-kept-attempts = Tentativi di accesso non riusciti (per bloccare chi prova le password)
privacy-kept-spid-cie = Accesso con SPID o CIE in corso
privacy-kept-keys = Chiavi che evitano una doppia prenotazione se la richiesta viene ripetuta
privacy-kept-holds = Posto prenotato e non ancora confermato
privacy-kept-holds-period = trattenuto per { $hold }, poi torna disponibile (la prenotazione scaduta resta nello storico della comunicazione)
privacy-kept-uploads = Documenti caricati e non inviati con un messaggio
privacy-kept-notices = Registro degli avvisi e-mail (quale avviso, a chi, se è stato consegnato)
privacy-kept-records = Comunicazioni chiuse, con messaggi, documenti allegati, appuntamenti e storico (dall'ultimo messaggio o appuntamento, il più recente)
privacy-kept-ratings = Valutazioni del servizio e commenti
privacy-kept-reports = Segnalazioni di accessibilità
privacy-kept-report-senders = Impronta cifrata dell'indirizzo di rete di chi invia una segnalazione (per limitare gli abusi)
privacy-rights-title = I tuoi diritti
privacy-rights = Puoi chiedere all'Istituto l'accesso ai tuoi dati, la rettifica, la cancellazione nei casi previsti, la limitazione del trattamento e opporti al trattamento (articoli 15–22 del GDPR), scrivendo al Responsabile della protezione dei dati.
privacy-complaint = Se ritieni che il trattamento violi il GDPR puoi proporre reclamo al Garante per la protezione dei dati personali (www.garanteprivacy.it).
privacy-see-cookies = Quali cookie usa il servizio

## Cookie (server/src/info/view.rs)
cookies-title = Cookie
cookies-intro = Il servizio usa solo cookie tecnici, necessari a farlo funzionare: nessun cookie di profilazione, di statistica o di terze parti.
cookies-caption = Cookie usati dal servizio
cookies-name = Nome
cookies-purpose = A cosa serve
cookies-lifetime = Durata
cookies-session = Tiene aperta la sessione dopo l'accesso. Inviato solo dalle pagine del servizio stesso.
cookies-session-lifetime = al massimo { $absolute }; la sessione termina prima dopo { $idle } di inattività o con Esci
cookies-spid-cie = Collega il ritorno dal gestore SPID o CIE all'accesso che hai avviato.
cookies-language = Ricorda la lingua che hai scelto su questo dispositivo.
cookies-storage-title = Altri dati nel browser
cookies-storage = Quello che scrivi in un modulo resta nella scheda del browser (sessionStorage) finché non lo invii, così non si perde se la pagina si ricarica; è cancellato quando chiudi la scheda o esci dal servizio.
cookies-no-banner-title = Perché non ti chiediamo il consenso
cookies-no-banner = I cookie tecnici non richiedono il consenso (articolo 122 del Codice in materia di protezione dei dati personali; Linee guida del Garante sui cookie del 10 giugno 2021): per questo il servizio non mostra alcun banner.

## Aiuto (server/src/info/view.rs)
help-title = Aiuto
help-intro = Come usare il Cassetto Previdenziale per comunicare con la tua sede INPS e prendere un appuntamento.
help-login-title = Accedere
help-login = Accedi con SPID (livello 2) o con la Carta d'Identità Elettronica. Gli operatori dell'Istituto accedono con le credenziali interne.
help-intermediaries = Se sei un intermediario (ad esempio un commercialista o un patronato), dopo l'accesso scegli il contribuente per cui operi: vedi solo chi ti ha conferito una delega valida.
help-threads-title = Comunicazioni
help-threads = Da Comunicazione bidirezionale scrivi una nuova comunicazione alla sede scegliendo l'argomento; puoi allegare documenti PDF o immagini. Quando la sede risponde ricevi un avviso e trovi la risposta nella comunicazione.
help-appointments-title = Appuntamenti
help-appointments = Da una comunicazione, quando è possibile, scegli Richiedi appuntamento: la sede, il punto di consulenza (sportello, telefono o videochiamata), il giorno e l'ora. Il posto scelto è trattenuto per { $hold }: conferma l'appuntamento entro quel tempo.
help-appointments-change = In Gestione appuntamenti trovi i tuoi appuntamenti: puoi spostarli o annullarli fino al termine indicato su ciascuno.
help-waitlist = Se non trovi posti liberi, scegli Avvisami se si libera un posto: ti proponiamo il primo posto che si libera nei giorni che hai indicato.
help-video-title = Videochiamata
help-video = Per un appuntamento in videochiamata ricevi il collegamento nella conferma per e-mail e lo trovi nella pagina dell'appuntamento dai 15 minuti prima dell'orario. Serve solo un browser aggiornato, con microfono e videocamera.
help-more = Per altre domande o se qualcosa non funziona:

## Contatti (server/src/info/view.rs)
contacts-centre-title = Contatti
contacts-centre-intro = Il Contact Center INPS risponde su tutti i servizi dell'Istituto, compreso il Cassetto Previdenziale.
contacts-centre-landline = gratuito da telefono fisso
contacts-centre-mobile = da telefono cellulare, a pagamento secondo la tariffa del tuo operatore
contacts-centre-hours = Dal lunedì al venerdì dalle 8 alle 20, il sabato dalle 8 alle 14.
contacts-office-title = La tua sede
contacts-office = Per una pratica in corso scrivi alla sede dalla Comunicazione bidirezionale: la risposta resta nella comunicazione, insieme a quanto vi siete già scritti.
contacts-accessibility = Se incontri un problema di accessibilità:
