# The app's sentences in Italian (the source language of the app's keys). Fluent syntax.
# The server's own sentences are in ../server/it.ftl.

## The app: the frame of every page and shared components (app/src/components/)
shell-log-out = Esci
nav-communications = Comunicazione bidirezionale
nav-appointments = Gestione appuntamenti
nav-contacts = Recapiti
nav-studio = Agenda dello studio
nav-contributors = Contribuenti
nav-office-queue = Comunicazioni della sede
nav-office-agenda = Agenda della sede
nav-office-week = Settimana
nav-closures = Chiusure e capienza
nav-office-stats = Andamento
nav-main = Navigazione principale
nav-menu = Menu
shell-acting-for = Stai operando per:{ " " }
shell-change-contributor = Cambia contribuente
shell-skip-link = Vai al contenuto principale
shell-owner = INPS – Istituto Nazionale Previdenza Sociale
shell-service-name = Cassetto Previdenziale per Artigiani e Commercianti
shell-service-tagline = Comunicazione bidirezionale e Agenda appuntamenti
loading = Caricamento…
not-found-title = Pagina non trovata
not-found-body = L'indirizzo che hai aperto non corrisponde a nessuna pagina del servizio, oppure la pagina non è disponibile per il tuo profilo.
not-found-typed = Se hai digitato l'indirizzo, controlla che sia scritto correttamente.
not-found-home = Torna alla pagina iniziale
pager-label = Paginazione
pager-previous = Pagina precedente
pager-next = Pagina successiva
filters-legend = Filtra l'elenco
filters-apply = Filtra
contributor-search-label = Cerca un contribuente
contributor-search-hint = Nome o codice fiscale
search-button = Cerca
office-search-label = Cerca nella sede
office-search-hint = Codice fiscale, nome, protocollo o identificativo appuntamento
error-summary-title = C'è un problema
field-date-hint = Giorno, mese e anno, ad esempio 15/12/2026.
field-error-prefix = Errore:{ " " }
request-appointment = Richiedi appuntamento
request-go-appointments = Vai a Gestione appuntamenti
request-not-yet = Richiedi appuntamento: non ancora disponibile
session-extended = Sessione prolungata di 30 minuti.
session-warning-title = La sessione sta per scadere
session-warning-body = Per la tua sicurezza, dopo 30 minuti di inattività la sessione termina. Tempo rimasto:{ " " }
session-continue = Continua la sessione
office-took-thread = Hai preso in carico la comunicazione: i colleghi lo vedono.
office-released-thread = Comunicazione rilasciata: nessuno la ha in carico.
office-note-saved = Nota interna salvata.
office-internal-title = Lavorazione interna
office-internal-hint = Visibile solo agli operatori della sede: il contribuente non la vede.
office-nobody-in-charge = Nessuno ha preso in carico questa comunicazione.
office-release = Rilascia
office-take = Prendi in carico
office-notes-title = Note interne
office-note-label = Nota interna
office-note-hint = Per i colleghi: il contribuente non la legge. Al massimo 2000 caratteri.
office-note-save = Salva la nota
client-unreachable = Il servizio non è raggiungibile. Controlla la connessione e riprova.
wizard-step-topic = Argomento e punto di consulenza
wizard-step-office = Struttura territoriale
wizard-step-time = Data e ora
wizard-step-contact = Recapito e note
client-unexpected = Si è verificato un errore imprevisto. Riprova tra qualche minuto.

## Accedi and Recapiti (app/src/pages/login.rs, contacts.rs)
contacts-lead = L'indirizzo e-mail a cui l'Istituto ti scriverà per le conferme degli appuntamenti, i promemoria e gli avvisi della sede, ad esempio se un appuntamento viene annullato.
contacts-email = Indirizzo e-mail
contacts-email-hint = Ad esempio nome.cognome@example.it. Non lo useremo per altro.
contacts-reminders = Voglio un promemoria prima di ogni appuntamento
saving = Salvataggio…
contacts-save = Salva i recapiti
contacts-saved-with-reminders = Recapiti salvati: { $to }, con i promemoria.
contacts-saved-without-reminders = Recapiti salvati: { $to }, senza promemoria.
pager-page = Pagina { $page } di { $pages }
page-title = { $title } – Cassetto Previdenziale
mail-notice-confirmation = la conferma
mail-notice-receipt = la ricevuta
mail-notice-change = Cambia
mail-notice-change-what = { " " }l'indirizzo e-mail
mail-notice-studio = Riceverai { $what } a { $to }; anche il contribuente la riceve, se ha indicato un indirizzo e-mail.
mail-notice-to = Riceverai { $what } a { $to }.
mail-notice-none = Non hai indicato un indirizzo e-mail: non riceverai { $what } per e-mail.{ " " }
mail-notice-add = Indica un indirizzo in Recapiti
phone-hint-video = Un cellulare, ad esempio 347 123 4567: la sede ti manderà qui per SMS il collegamento alla videochiamata, prima dell'orario.
phone-hint-studio = Dello studio o del contribuente, fisso o cellulare: ad esempio 06 1234 5678.
phone-hint = Fisso o cellulare, ad esempio 06 1234 5678.
phone-hint-remembered = { " " }Proposto quello dell'ultima prenotazione.
phone-label-mobile = Recapito telefonico (cellulare)
phone-label = Recapito telefonico
notes-label = Note
notes-hint = Di cosa vuoi parlare all'appuntamento.
notes-over = Hai superato il limite di { $count } caratteri
notes-left = { $count ->
    [one] Hai ancora 1 carattere
   *[other] Hai ancora { $count } caratteri
}
office-in-charge = Presa in carico da { $who } dal { $date }, ore { $time }.
office-note-signature = { $author } – { $date }, ore { $time }
appointment-prefix = Appuntamento{ " " }

## Comunicazione bidirezionale: the list, a new thread, a thread (app/src/pages/communications.rs)
threads-filter = Filtra le comunicazioni
label-status = Stato
threads-all-statuses = Tutti gli stati
label-topic = Argomento
threads-all-topics = Tutti gli argomenti
threads-lead = Le comunicazioni scambiate con l'Istituto. Da ciascuna puoi richiedere un appuntamento quando l'argomento lo consente o se la richiesta non è stata accolta.
threads-new = Nuova comunicazione
threads-none-filtered = Nessuna comunicazione corrisponde ai filtri scelti.{ " " }
threads-show-all = Mostra tutte le comunicazioni
threads-none = Non ci sono ancora comunicazioni. Per scrivere all'Istituto usa «Nuova comunicazione».
label-subject = Oggetto
label-protocol = Protocollo
label-sent-on = Inviata il
label-appointment = Appuntamento
threads-new-answer = Nuova risposta
thread-new-lead = Scrivi all'Istituto. Tutti i campi sono obbligatori.
thread-choose-topic = Scegli l'argomento
hint-max-150 = Al massimo 150 caratteri.
label-text = Testo
hint-max-4000 = Al massimo 4000 caratteri.
sending = Invio in corso…
thread-send = Invia comunicazione
cancel = Annulla
thread-answer-sent = Risposta inviata: il contribuente la legge in questa comunicazione.
thread-message-sent = Messaggio inviato: la sede lo legge in questa comunicazione e ti risponde qui.
label-contributor = Contribuente
thread-contributor-card = Scheda del contribuente
label-office = Struttura territoriale
thread-book-for = Prenota per il contribuente
thread-record-outcome = Registra esito
thread-messages = Messaggi
thread-go-to-message = Vai al messaggio
thread-answer-title = Rispondi al contribuente
thread-write-title = Scrivi un messaggio
label-message = Messaggio
thread-send-message = Invia messaggio
thread-back = Torna all'elenco delle comunicazioni
threads-count = { $count ->
    [one] 1 comunicazione.
   *[other] { $count } comunicazioni.
}
threads-caption = Comunicazioni di { $name }
thread-new-lead-for = Scrivi all'Istituto per conto di { $name }. Tutti i campi sono obbligatori.
thread-arrived-sent = Comunicazione inviata con protocollo { $protocol }. La risposta della sede arriverà in questa pagina.
thread-arrived-outcome = Esito registrato: { $outcome }. Il contribuente lo legge in questa comunicazione.
thread-appointment = Appuntamento { $reference }
thread-routed-elsewhere = La comunicazione è assegnata alla { $office }: la tua sede la legge e risponde perché vi si svolge l'appuntamento; l'esito lo registra la { $office }.

## An appointment's page (app/src/pages/appointment/mod.rs)
label-reference = Identificativo appuntamento
label-point = Punto di consulenza
label-thread = Comunicazione
label-booked-by = Prenotato da
label-cancel-reason = Motivo dell'annullamento
appointment-history = Storia dell'appuntamento
note-reason = Motivo:{ " " }
note-outcome = Esito dell'incontro:{ " " }
hold-expired-title = Prenotazione scaduta
hold-start-again = Ricomincia la prenotazione
hold-title = Prenotazione da confermare
label-reference-colon = Identificativo appuntamento:{ " " }
hold-warning = La prenotazione sta per scadere. Se ti serve più tempo, estendila di 15 minuti.
hold-extend = Estendi
hold-confirm = Conferma appuntamento
hold-release = Cancella prenotazione
hold-explain = Il posto è riservato per te. Per fissare l'appuntamento premi «Conferma appuntamento»; se non ti serve più, «Cancella prenotazione».
appointment-too-close = Stato: Confermato. Manca poco all'appuntamento: non si può più annullare o spostare online. Se non puoi venire, scrivi alla sede nella comunicazione.
print-header = INPS – Cassetto Previdenziale per Artigiani e Commercianti – Agenda appuntamenti
appointment-moved-title = Appuntamento spostato
appointment-confirmed-title = Appuntamento confermato
bring-title = Cosa portare
bring-title-remote = Cosa tenere a portata di mano
appointment-move = Sposta appuntamento
appointment-calendar = Aggiungi al calendario
appointment-print = Stampa
appointment-cancelled-office-title = Appuntamento annullato dalla sede
appointment-cancelled-title = Appuntamento annullato
hold-released-title = Prenotazione cancellata
choose-another-time = Scegli un altro orario
back-to-thread = Torna alla comunicazione
bring-sportello = Presentati alla { $office } ({ $address }) qualche minuto prima, con un documento d'identità valido e i documenti che riguardano la comunicazione { $protocol }.
bring-telefono = Un operatore della { $office } ti chiamerà al numero { $phone } all'ora indicata. Tieni a portata di mano i documenti che riguardano la comunicazione { $protocol }.
bring-video = Entrerai nella videochiamata della { $office } dal collegamento qui sotto; se non riesci a collegarti, la sede ti chiamerà al cellulare { $phone }. Ti servono un dispositivo con microfono e videocamera e i documenti che riguardano la comunicazione { $protocol }.
when-span = { $date }, ore { $from }–{ $to }
when-at = { $date }, ore { $time }
hold-expired-body = Il tempo per confermare la prenotazione { $reference } è scaduto e l'orario è stato liberato.
hold-when = { $date }, ore { $time } – { $office }, { $point }
hold-until = Il posto resta riservato fino alle { $time }
hold-left = { " " }(ancora { $left }).
appointment-title = Appuntamento { $reference }
appointment-was-due = Stato: Confermato. L'appuntamento era previsto per { $date }, ore { $time }: la sede registrerà se si è svolto.
appointment-moved-body = L'appuntamento { $reference } è stato spostato: ora è confermato per { $date }, ore { $time }.
appointment-confirmed-body = L'appuntamento { $reference } è confermato per { $date }, ore { $time }.
appointment-cancelled-office-body = L'appuntamento { $reference } di { $date }, ore { $time }, è stato annullato dalla { $office }.
appointment-cancelled-body = L'appuntamento { $reference } di { $date }, ore { $time }, è stato annullato su tua richiesta: l'orario è di nuovo disponibile per altri.
hold-released-body = La prenotazione { $reference } di { $date }, ore { $time }, è stata cancellata: l'orario è di nuovo disponibile per altri.
appointment-status = Stato: { $status }.

## Prenota appuntamento and Sposta appuntamento: the four steps (app/src/pages/booking/)
wizard-steps-move = Passaggi dello spostamento
wizard-steps = Passaggi della prenotazione
wizard-confirm-move = Conferma lo spostamento
wizard-choose-point = Scegli il punto di consulenza.
wizard-topic-hint = L'argomento è quello della comunicazione da cui hai richiesto l'appuntamento.
button-continue = Continua
wizard-choose-office = Scegli la struttura territoriale.
wizard-offices-hint-studio = Le strutture che offrono il punto di consulenza scelto; la prima è quella della provincia del contribuente.
wizard-offices-hint = Le strutture che offrono il punto di consulenza scelto; la prima è quella della tua provincia.
wizard-other-office = Scegli un'altra sede
back = Indietro
wizard-choose-time = Scegli l'orario.
wizard-no-time-suits = Nessun orario ti va bene?
wizard-notify-me = Avvisami se si libera un posto
wizard-no-times = Nei prossimi 30 giorni questa struttura non ha orari liberi per il punto di consulenza scelto: scegli un'altra struttura.
wizard-choose-day = Scegli il giorno
wizard-back-to-days = Torna ai giorni
wizard-back-office = Indietro: struttura territoriale
booking-pending = Prenotazione in corso…
booking-submit = Prenota appuntamento
summary = Riepilogo
wizard-move-heading = Passo 4 di 4: Conferma lo spostamento
move-from = Da
move-to = A
move-explain = L'identificativo resta lo stesso. Il vecchio orario torna disponibile per altri solo quando il nuovo è tuo.
move-pending = Spostamento in corso…
wizard-go-appointment = Vai all'appuntamento { $reference }
wizard-context-move = Sposta appuntamento { $reference } – Comunicazione { $protocol }
wizard-context = Comunicazione { $protocol }
wizard-step-heading = Passo { $number } di 4: { $title }
wizard-full-days = Alcuni giorni sono al completo, il primo { $date }: puoi metterti in lista d'attesa per quei giorni. Se si libera un posto, lo teniamo per te e ti avvisiamo.
wizard-free-count = { $count ->
    [one] 1 orario libero
   *[other] { $count } orari liberi
}
wizard-free-times-of = Orari liberi di { $date }
change = Modifica
change-what = { " " }{ $what }

## Gestione appuntamenti and the cancellation (app/src/pages/appointments/mod.rs, appointment/cancel.rs)
label-reference-short = Identificativo
label-office-and-point = Struttura e punto di consulenza
appointments-move = Sposta
label-office-short = Struttura
appointments-by-intermediary = Gestito da intermediario
appointments-filter = Filtra gli appuntamenti
label-from-day = Dal giorno
label-to-day = Al giorno
appointments-include-intermediaries = Includi gli appuntamenti gestiti da intermediari
appointments-none-filtered = Nessun appuntamento corrisponde ai filtri scelti.
appointments-none = Non ci sono appuntamenti. Puoi richiederne uno da una comunicazione, con «Richiedi appuntamento».
appointments-upcoming = Prossimi appuntamenti
appointments-history-caption = Storico: appuntamenti passati, annullati o non confermati
appointments-history = Storico degli appuntamenti
cancel-title = Annullare l'appuntamento
cancel-office-explain = Se la sede non può ricevere il contribuente, annulla l'appuntamento indicando il motivo: lo leggerà nella comunicazione e l'orario tornerà disponibile.
cancel-button = Annulla appuntamento
cancel-question = Annullare l'appuntamento?
cancel-reason-required = Motivo (obbligatorio)
cancel-reason-optional = Motivo (facoltativo)
cancel-reason-hint = Al massimo 500 caratteri. Sarà scritto nella comunicazione.
cancel-yes = Sì, annulla l'appuntamento
cancel-no = No, torna indietro
appointments-move-what = { " " }appuntamento { $reference }
appointments-lead = L'elenco storico degli appuntamenti di { $name }, con i dettagli e lo stato di ciascuno.
appointments-count = { $count ->
    [one] 1 appuntamento.
   *[other] { $count } appuntamenti.
}
cancel-online-over = Non è più possibile annullare online questo appuntamento: si poteva fare fino a { $date }, ore { $time }. Se non puoi presentarti, chiama il Contact Center INPS al numero 803 164 (gratuito da rete fissa) oppure al numero 06 164 164 (da cellulare).
cancel-explain = Se non puoi più partecipare, annulla l'appuntamento entro { $date }, ore { $time }: l'orario tornerà disponibile per altri.
cancel-describe = L'appuntamento { $reference } di { $date }, ore { $time }, presso la { $office } sarà annullato e l'orario tornerà disponibile per altri.

## Lista d'attesa, Agenda dello studio, the intermediary's contributors (app/src/pages/waitlist.rs, appointments/waitlist.rs, studio.rs, contributors.rs)
waitlist-lead = Indica i giorni e la parte della giornata che ti vanno bene. Se in quei giorni si libera un posto, lo teniamo per te e ti avvisiamo qui, in Gestione appuntamenti, e per e-mail: avrai due ore per confermarlo (se ti avvisiamo di sera o di notte, fino alle 10 del mattino dopo; meno, ma mai meno di un'ora, se l'appuntamento è vicino), poi passerà alla persona successiva.
waitlist-all-free = In questa struttura ogni giorno ha ancora orari liberi per il punto di consulenza scelto: prenota da «Data e ora».
waitlist-days = Giorni che ti vanno bene
waitlist-days-hint = Entro i prossimi 30 giorni, a partire dal primo giorno lavorativo.
waitlist-part = Parte della giornata
part-any = A qualsiasi orario
part-morning = Di mattina (prima delle 13)
part-afternoon = Di pomeriggio (dalle 13)
waitlist-pending = Iscrizione in corso…
waitlist-back = Indietro: data e ora
waitlist-declined = Hai rifiutato il posto proposto: è passato alla persona successiva e la tua attesa per questa comunicazione si è chiusa.
waitlist-left = Hai lasciato la lista d'attesa.
waitlist-title = Lista d'attesa
waitlist-explain = Sei in lista d'attesa. Se si libera un posto adatto te lo proponiamo qui e per e-mail: avrai un tempo limitato per confermarlo.
waitlist-decline = Rifiuta
waitlist-ahead-none = Nessuno è in lista prima di te per questi giorni.
waitlist-leave-question = Vuoi uscire dalla lista d'attesa?
waitlist-leave-warning = { " " }Perderai il tuo turno: se poi ti iscrivi di nuovo, passerai dopo chi è già in lista.
waitlist-leave-yes = Sì, esci dalla lista
waitlist-leave-no = No, resta in lista
waitlist-leave = Esci dalla lista
contributors-choose = Scegli il contribuente
studio-search-hint = Cerca tra i contribuenti che ti hanno delegato per operare per uno di loro.
studio-all-contributors = Vedi tutti i contribuenti delegati
studio-none = Nessun appuntamento in programma per i contribuenti delegati.
studio-caption = Prossimi appuntamenti dei contribuenti delegati
label-cf = Codice fiscale
label-scheme = Gestione
label-province = Provincia
contributors-act-for = Opera per{ " " }
contributors-current = Stai già operando per questo contribuente.
contributors-lead = Scegli il contribuente per cui vuoi operare. Vedrai le sue comunicazioni e i suoi appuntamenti finché non ne sceglierai un altro.
contributors-none = Non hai deleghe attive: nessun contribuente da gestire.
contributors-show-all = Mostra tutti i contribuenti delegati
contributors-caption = Contribuenti che ti hanno delegato
office-and-point = { $office } – { $point }
thread-context = Comunicazione { $protocol } – «{ $subject }»
waitlist-book-instead = Prenota { $date } alle { $time }
studio-lead = I prossimi appuntamenti dei contribuenti che hanno delegato { $organisation }, in ordine di data.
contributors-no-match = Nessuno dei contribuenti che ti hanno delegato corrisponde a «{ $search }». Puoi operare solo per chi ti ha conferito una delega.
contributors-found = { $count ->
    [one] 1 contribuente trovato.
   *[other] { $count } contribuenti trovati.
}
contributors-delegating = { $count ->
    [one] 1 contribuente ti ha delegato.
   *[other] { $count } contribuenti ti hanno delegato.
}
waitlist-one-day = il { $date }
waitlist-day-span = dal { $from } al { $to }
waitlist-days-part = { $days }, { $part }
waitlist-days-any = { $days }, a qualsiasi orario
waitlist-offer = Si è liberato un posto: { $date }, ore { $time }.
waitlist-offer-until = È tenuto per te fino a { $date }, ore { $time }; poi passerà alla persona successiva. Identificativo { $reference }.
waitlist-ahead = { $count ->
    [one] Prima di te c'è 1 persona in lista per questi giorni.
   *[other] Prima di te ci sono { $count } persone in lista per questi giorni.
}
waitlist-entry-days = Giorni: { $days }.

## The words of the contract's codes (api/src): roles, categories, statuses, timeline, notices, limits
role-contribuente = Contribuente
role-intermediario = Intermediario
role-operatore = Operatore
category-artigiano = Artigiano
category-commerciante = Commerciante
status-prenotato = Prenotato – da confermare
status-confermato = Confermato
status-prenotazione-cancellata = Prenotazione cancellata
status-scaduto = Scaduto
status-annullato = Annullato
status-svolto = Svolto
status-non-presentato = Non presentato
status-annullato-dalla-sede = Annullato dalla sede
status-data-passata = Data passata
event-prenotato = Prenotazione effettuata
event-esteso = Prenotazione estesa
event-confermato = Appuntamento confermato
event-prenotazione-cancellata = Prenotazione cancellata
event-scaduto = Prenotazione scaduta
event-annullato = Appuntamento annullato
event-svolto = Appuntamento svolto
event-non-presentato = Contribuente non presentato
event-spostato = Appuntamento spostato
event-offerto = Posto proposto dalla lista d'attesa
event-presenza-corretta = Presenza corretta dalla sede
delivery-inviata = Avviso inviato per e-mail
delivery-in-invio = Avviso per e-mail in invio
delivery-non-recapitata = Avviso per e-mail non recapitato: avvisare per telefono
delivery-nessun-recapito = Nessun indirizzo e-mail: avvisare per telefono
thread-status-inviata = Inviata
thread-status-in-lavorazione = In lavorazione
thread-status-accolta = Accolta
thread-status-non-accolta = Non accolta
thread-status-chiusa = Chiusa
part-of-day-mattina = di mattina (prima delle 13)
part-of-day-pomeriggio = di pomeriggio (dalle 13)
waitlist-status-in-attesa = In attesa di un posto
waitlist-status-offerta = Posto proposto: da confermare
waitlist-status-prenotato = Prenotato
waitlist-status-ritirata = Uscito dalla lista
waitlist-status-scaduta = Scaduta
attachment-limits = PDF, JPG o PNG, fino a { $count } file da { $size } ciascuno.
attachment-too-large = Il file «{ $name }» supera il limite di { $size }: riducine le dimensioni (ad esempio con una foto a risoluzione più bassa o un PDF compresso) e riprova.
attachment-not-accepted = Il file «{ $name }» non è un PDF, un JPG o un PNG: non è stato allegato.
attachment-empty = Il file «{ $name }» è vuoto.
attachment-no-room = Un messaggio può avere al massimo { $max } allegati: «{ $name }» non è stato aggiunto.

## Allega documenti (app/src/components/attachments.rs)
attachments-still-uploading = Attendi che il caricamento dei file finisca, poi invia il messaggio.
attachments-taken-back = «{ $name }» tolto dal messaggio.
attachments-label = Allega documenti (facoltativo)
attachments-chosen = File allegati al messaggio
attachments-uploading-of = Caricamento di { $name }
attachments-uploading = Caricamento { $percent }%
attachments-ready = Caricato
attachments-take-back-named = Togli { $name }
attachments-take-back = Togli
attachments-not-uploaded = Il file «{ $name }» non è stato caricato: riprova.
attachments-uploaded = «{ $name }» caricato.
attachments-refused-field = «{ $name }»: { $reason }
attachments-no-answer = Il file «{ $name }» non è stato caricato: il servizio non ha risposto. Riprova.
attachments-connection = Il file «{ $name }» non è stato caricato: controlla la connessione e riprova.
attachments-list = Allegati

## Agenda della sede, Chiusure e capienza (app/src/pages/office_agenda.rs)
agenda-action-of = { $action }: { $reference } delle { $time }
agenda-record-attendance = Registra presenza
agenda-manage = Gestisci
agenda-col-contributor = Contribuente
agenda-col-topic = Argomento
agenda-col-point = Punto
agenda-phone = Tel. { $phone }
agenda-col-notes = Note
agenda-col-status = Stato
agenda-col-actions = Azioni
agenda-recorded = { $reference }: registrato «{ $outcome }».
agenda-title = Agenda della sede
agenda-caption = Appuntamenti di { $day }
agenda-title-of = Agenda della sede – { $day }
agenda-days = Giorni dell'agenda
agenda-previous-day = ← Giorno precedente
agenda-today = Oggi
agenda-next-day = Giorno successivo →
agenda-choose-day = Scegli il giorno
agenda-day = Giorno
agenda-show = Mostra
agenda-closed = Sede chiusa:{ " " }
agenda-all-points-lower = tutti i punti di consulenza
agenda-count = { $count ->
    [0] Nessun appuntamento in questo giorno.
    [one] 1 appuntamento.
   *[other] { $count } appuntamenti.
}
agenda-waiting = { $count ->
    [0] Nessuna persona in lista d'attesa per questo giorno.
    [one] 1 persona in lista d'attesa per questo giorno: un posto che si libera le viene proposto subito.
   *[other] { $count } persone in lista d'attesa per questo giorno: un posto che si libera viene proposto subito alla prima.
}
agenda-to-record = { $count ->
    [one] 1 presenza da registrare.
   *[other] { $count } presenze da registrare.
}
agenda-col-time = Ora e identificativo
agenda-col-point-contact = Punto di consulenza e recapito
agenda-waitlist = Lista d'attesa del giorno
agenda-waitlist-order = Nell'ordine in cui un posto che si libera viene proposto.
agenda-waitlist-offered = posto proposto alle { $start }, da accettare entro le { $until } di { $day }
agenda-waitlist-since = in attesa dal { $date }
agenda-print = Stampa l'agenda
agenda-download = Scarica l'agenda (CSV)
closure-days = dal { $from } al { $to }
closure-hours = { $days }, dalle { $start } alle { $end }
closure-from = { $days }, dalle { $start }
closure-until = { $days }, fino alle { $end }
closure-whole-days = { $days }, giorni interi
closure-declared = { $count ->
    [0] Chiusura registrata: gli orari non sono più prenotabili.
    [one] Chiusura registrata: 1 appuntamento è stato annullato e il contribuente è stato avvisato nella comunicazione.
   *[other] Chiusura registrata: { $count } appuntamenti sono stati annullati e i contribuenti sono stati avvisati nelle comunicazioni.
}
closure-revoked = Chiusura revocata: i suoi orari sono di nuovo prenotabili. Gli appuntamenti che aveva annullato restano annullati: i contribuenti sono stati avvisati e possono prenotare di nuovo.
closures-title = Chiusure e capienza
closures-lead = Dichiara quando la sede non riceve e quante persone sono in servizio. Gli orari chiusi spariscono subito dalle prenotazioni.
closures-planned = Chiusure in programma
closures-none = Nessuna chiusura in programma.
closure-revoke-named = Revoca la chiusura di { $period }
closure-revoke = Revoca
closure-declare = Dichiara una chiusura
closure-point = Punto di consulenza
closure-all-points = Tutti i punti di consulenza
closure-from-day = Dal giorno
closure-to-day = Al giorno (compreso)
closure-hours-hint = Per chiudere solo una parte di un giorno indica gli orari; per giorni interi lasciali vuoti.
closure-from-time = Dalle ore (facoltativo)
closure-to-time = Alle ore (facoltativo)
closure-reason = Motivo
closure-reason-hint = Lo leggeranno i contribuenti i cui appuntamenti saranno annullati.
closure-check = Verifica la chiusura
closure-check-title = Verifica della chiusura
closure-nothing-affected = Nessun appuntamento cade nella chiusura.
closure-affected = { $count ->
    [one] Attenzione: nella chiusura c'è 1 appuntamento. Confermando sarà annullato con il motivo della chiusura e il contribuente sarà avvisato.
   *[other] Attenzione: nella chiusura ci sono { $count } appuntamenti. Confermando saranno annullati con il motivo della chiusura e i contribuenti saranno avvisati.
}
closure-affected-list = Appuntamenti che saranno annullati
closure-affected-line = { $reference } – { $day }, ore { $time } – { $name } ({ $point }) – { $status }
closure-confirm = Conferma la chiusura
closure-confirm-cancelling = Conferma la chiusura e annulla gli appuntamenti
capacity-updated = { $count ->
    [one] Capienza aggiornata per { $day }: 1 persona in servizio per ogni orario.
   *[other] Capienza aggiornata per { $day }: { $count } persone in servizio per ogni orario.
}
capacity-none = { $day }: la sede non riceve in questo punto, oppure il giorno non è prenotabile.
capacity-now = Ora, { $day }: { $capacity } posti in tutto, { $booked } già prenotati.
capacity-title = Capienza di un giorno
capacity-lead = Se in un giorno è in servizio un collega in più (o in meno), indica quante persone ricevono per ogni orario. Non si può scendere sotto le prenotazioni già fatte.
point-name-sportello = Sportello in sede
point-name-telefono = Consulenza telefonica (richiamata)
point-name-video = Videochiamata
capacity-people = Persone in servizio
capacity-update = Aggiorna la capienza

## Comunicazioni della sede, Registra esito (app/src/pages/office.rs)
queue-title = Comunicazioni della sede
queue-lead = Prima quelle da rispondere, da chi attende da più tempo (i messaggi automatici delle prenotazioni non contano); poi le altre, dalla più recente.
queue-office = Struttura territoriale:{ " " }
queue-filter = Filtra le comunicazioni
queue-only-awaiting = Solo da rispondere
queue-empty = Nessuna comunicazione da mostrare.
queue-count = { $count ->
    [one] 1 comunicazione.
   *[other] { $count } comunicazioni.
}
queue-caption = Comunicazioni assegnate alla sede
queue-awaiting = Da rispondere
queue-handled-by = In carico a { $name }
queue-waiting-since = In attesa dal { $date }
outcome-title = Registra esito
outcome-lead = Comunicazione { $protocol } – «{ $subject }» di { $name }.
outcome-already = L'esito di questa comunicazione è già stato registrato: { $status }.
outcome-legend = Esito della richiesta
outcome-motivation = Motivazione
outcome-motivation-hint = Sarà inviata al contribuente come messaggio nella comunicazione.

## An appointment as the office sees it (app/src/pages/appointment/office.rs)
office-attendance-corrected = Presenza corretta: ora l'appuntamento { $reference } risulta «{ $status }». Il contribuente ne è informato nella comunicazione e per e-mail.
office-attendance-held = Presenza registrata: l'appuntamento { $reference } si è svolto.
office-attendance-no-show = Presenza registrata: il contribuente non si è presentato all'appuntamento { $reference }.
office-cancelled = L'appuntamento { $reference } è annullato: il contribuente ne è informato nella comunicazione.
office-booked = Appuntamento { $reference } prenotato e confermato per { $name }: { $day }, ore { $time }. Il contribuente riceve la conferma per e-mail e la legge nella comunicazione.
office-moved = L'appuntamento { $reference } è stato spostato: ora è { $day }, ore { $time }. Il contribuente ne è informato nella comunicazione e per e-mail.
office-appointment-title = Appuntamento { $reference }
office-appointment-lead = { $name } – { $day }, ore { $time }
office-back-to-agenda = Torna all'agenda della sede
office-contributor-file = Scheda del contribuente
office-move-title = Sposta appuntamento
office-move-lead = Scegli un altro orario libero della sede, anche in un altro punto di consulenza: il contribuente leggerà il motivo nella comunicazione e lo riceverà per e-mail.
office-move-days-hint = I giorni con orari liberi.
office-move-new-time = Nuovo orario
office-move-times-hint = Gli orari liberi del giorno scelto.
office-move-choose-time = Scegli un orario
office-move-at = ore { $time }
office-move-reason = Motivo (obbligatorio)
office-move-reason-hint = Ad esempio: la sede sarà chiusa per lavori.
office-attendance-title = Registra la presenza
office-attendance-legend = Il contribuente si è presentato?
office-meeting-outcome = Esito dell'incontro (facoltativo)
office-meeting-outcome-hint = Solo per un appuntamento svolto: sarà scritto nella comunicazione con il contribuente.
office-correct-title = Correggi la presenza
office-correct-lead = Registrato: «{ $status }». Se è un errore puoi correggerlo in «{ $to }» entro un giorno dalla registrazione: la correzione resta nella cronologia e il contribuente ne è informato.
office-meeting-outcome-hint-short = Sarà scritto nella comunicazione con il contribuente.
office-correct-to = Correggi in «{ $to }»

## Prenota per il contribuente (app/src/pages/office_booking.rs)
office-booking-title = Prenota per il contribuente
office-booking-for = Prenota per { $name }
office-booking-lead = Per { $name } ({ $cf }), comunicazione { $protocol } – { $subject }.
office-booking-already = Per questa comunicazione c'è già l'appuntamento { $reference }.
office-booking-open = Apri l'appuntamento
office-booking-closed = La comunicazione è chiusa: per un nuovo appuntamento il contribuente deve inviare una nuova comunicazione.
office-booking-point-hint = Come si svolge l'incontro.
office-booking-time = Orario
office-booking-slot = { $count ->
    [one] ore { $time } (1 libero)
   *[other] ore { $time } ({ $count } liberi)
}
office-booking-phone = Recapito telefonico del contribuente
office-booking-phone-hint = Fisso o cellulare, ad esempio 06 1234 5678; per la videochiamata un cellulare, a cui arriva per SMS il collegamento. Proposto quello dell'ultima prenotazione, se c'è.
office-booking-notes-hint = Di cosa si parlerà: il contribuente le legge nella conferma.
office-booking-submit = Prenota e conferma

## Scheda del contribuente (app/src/pages/office_contributor.rs), Cerca nella sede (office_search.rs)
file-of = Scheda di { $name }
file-attended = { $count ->
    [0] nessun appuntamento svolto
    [one] 1 appuntamento svolto
   *[other] { $count } appuntamenti svolti
}
file-no-shows = { $count ->
    [0] nessuna assenza
    [one] 1 volta non presentato
   *[other] { $count } volte non presentato
}
file-category = Categoria
file-province = Provincia
file-phones = Recapiti telefonici
file-no-phones = Nessuno: non ha ancora prenotato
file-at-office = Presso la sede
file-threads = Comunicazioni
file-no-threads = Nessuna comunicazione assegnata alla sede.
file-book = Prenota
file-book-for = { " " }per la comunicazione { $protocol }
file-thread-line = { " " }– { $protocol } – inviata il { $date }{ " " }
file-appointments = Appuntamenti presso la sede
file-no-appointments = Nessun appuntamento presso la sede.
file-appointment-line = { " " }– { $day }, ore { $time } – { $point } – { $status }

## Cerca nella sede (app/src/pages/office_search.rs)
search-title = Cerca nella sede
search-lead = Scrivi nella casella sopra un codice fiscale, un nome, un protocollo o un identificativo di appuntamento: trovi quelli della tua sede.
search-count = { $count ->
    [0] Nessun risultato per «{ $search }» nella sede.
    [one] 1 risultato.
   *[other] { $count } risultati.
}
search-contributors = Contribuenti
search-appointments = Appuntamenti
search-appointment-line = { " " }– { $day }, ore { $time } – { $point } – { $name } – { $status }

## Settimana della sede (app/src/pages/office_week.rs)
week-short-sportello = Sportello
week-short-telefono = Telefono
week-short-video = Video
week-title = Settimana della sede
week-title-from = Settimana della sede – dal { $day }
week-lead = Dal { $from } al { $to }: per ogni giorno e punto di consulenza, i posti prenotati su quelli disponibili.
week-nav = Settimane
week-previous = ← Settimana precedente
week-from-tomorrow = Da domani
week-next = Settimana successiva →
week-caption = Posti prenotati su disponibili dal { $day }
week-waitlist = Lista d'attesa
week-closed = Sede chiusa: { $period } – { $reason }
week-full = { $booked } su { $capacity } (pieno)
week-booked = { $booked } su { $capacity }
week-people = { $count ->
    [one] 1 persona
   *[other] { $count } persone
}
week-dash = «—»: nessun posto in quel giorno (fuori dal periodo prenotabile, festivo, chiuso, o il punto non riceve).

## Andamento della sede (app/src/pages/office_stats.rs)
stats-title = Andamento della sede
stats-title-of = Andamento della sede – dal { $from } al { $to }
stats-rate = { $rate }% delle presenze registrate
stats-no-rate = nessuna presenza registrata
stats-no-answer = nessuna risposta ancora
stats-hours = { $count ->
    [one] 1 ora
   *[other] { $count } ore
}
stats-days = { $count ->
    [one] 1 giorno
   *[other] { $count } giorni
}
stats-lead = Dal { $from } al { $to }.
stats-choose = Scegli il periodo
stats-from = Dal
stats-to = Al
stats-to-hint = Al massimo 92 giorni dopo.
stats-appointments = { $count } ({ $cancelled } annullati)
stats-attendance = Svolti e non presentati
stats-attended = { $attended } svolti, { $missed } non presentati
stats-absence = Tasso di assenza
stats-to-answer = Comunicazioni da rispondere oggi
stats-of-open = { $awaiting } su { $open } aperte
stats-first-answer = Prima risposta (mediana)
stats-answers = { $median }: { $answered } risposte su { $sent } comunicazioni ricevute, { $quick } entro due giorni
stats-waitlist = { $entries } richieste, { $booked } diventate appuntamento, { $waiting } ancora in attesa
stats-download-agenda = Scarica l'agenda del periodo (CSV)
stats-download-queue = Scarica le comunicazioni del periodo (CSV)
stats-days-title = Appuntamenti per giorno e punto di consulenza
stats-no-appointments = Nessun appuntamento nel periodo.
stats-days-chart = Grafico degli appuntamenti per giorno
stats-chart-alt = Grafico a barre: i numeri sono nella tabella che segue.
stats-days-caption = Ogni barra è un giorno, divisa per punto di consulenza (ciascuno con il suo motivo, come nella legenda); il numero sopra è il totale.
stats-days-table = Appuntamenti per giorno: per ogni punto di consulenza, quelli del giorno (svolti, non presentati)
stats-day-cell = { $count } ({ $attended } svolti, { $missed } non presentati)
stats-queue-title = Comunicazioni da rispondere, per attesa
stats-queue-chart = Grafico delle comunicazioni per attesa
stats-queue-caption = Quante comunicazioni aspettano una risposta della sede, da quanto tempo.
stats-waiting-for = In attesa da

## The language choice in the header (app/src/components/shell.rs)
shell-language = Lingua

## Valuta il servizio (api/src/service.rs, app/src/components/rating.rs)
rating-question-booked = Quanto è stato facile prenotare l'appuntamento?
rating-question-closed = Quanto è stato facile ottenere una risposta dalla sede?
rating-question-attended = Quanto è stato facile l'appuntamento con la sede?
rating-occasion-booked = Prenotazione di un appuntamento
rating-occasion-closed = Comunicazione chiusa
rating-occasion-attended = Appuntamento svolto
rating-score-1 = Molto difficile
rating-score-2 = Difficile
rating-score-3 = Né facile né difficile
rating-score-4 = Facile
rating-score-5 = Molto facile

## The footer of every page (app/src/components/shell.rs, server/src/html.rs)
footer-label = Informazioni sul servizio
footer-accessibility = Dichiarazione di accessibilità
footer-privacy = Informativa privacy
footer-cookies = Cookie
footer-help = Aiuto
footer-contacts = Contatti
rating-title = Valuta il servizio
rating-hint = Facoltativo: ci aiuta a migliorare il servizio. Scegli da 1 (molto difficile) a 5 (molto facile).
rating-comment = Vuoi aggiungere un commento? (facoltativo)
rating-submit = Invia la valutazione
rating-thanks = Grazie: la tua valutazione è stata registrata.

## The videochiamata's room (app/src/pages/appointment/mod.rs)
video-title = Videochiamata
video-open = La stanza della videochiamata è aperta: entra quando sei pronto. Si apre in una nuova scheda.
video-join = Entra nella videochiamata
video-opens = Il collegamento alla videochiamata comparirà qui { $day } dalle { $time }, 15 minuti prima dell'orario. Lo trovi anche nell'e-mail di conferma.

## Valuta il servizio in Andamento della sede (app/src/pages/office_stats.rs)
stats-ratings-title = Valuta il servizio
stats-ratings-lead = Le valutazioni date dai contribuenti e dagli intermediari nel periodo, da 1 (molto difficile) a 5 (molto facile).
stats-ratings-occasion = Momento valutato
stats-ratings-count = Valutazioni
stats-ratings-average = Punteggio medio
stats-ratings-comments = Commenti
stats-ratings-no-comments = Nessun commento nel periodo.

## Segnalazioni di accessibilità (app/src/pages/office_reports.rs)
reports-title = Segnalazioni di accessibilità
reports-lead = Le segnalazioni inviate dal modulo della Dichiarazione di accessibilità, dalla più recente. A chi ha indicato un indirizzo e-mail si risponde entro la data indicata, citando il numero.
reports-none = Nessuna segnalazione ricevuta.
reports-number = Segnalazione n. { $number }
reports-received = Ricevuta { $at } – rispondere entro { $by }
reports-page = Pagina o funzione:
reports-anonymous = Inviata senza nome né indirizzo e-mail.
reports-answer-to = Rispondi a { $who }
agenda-video-join = Entra nella videochiamata
