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
