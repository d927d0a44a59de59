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
