import { test, expect, checkAxe, Page } from './fixtures';
import { ACCOUNTS } from '../pages/login-page';
import { CommunicationsPage, logIn } from '../pages/communications';
import { press } from '../pages/booking';
import { Shell } from '../pages/shell';
import fs from 'node:fs';

test.use({ allowedHttpErrors: [409, 422] });
test.describe.configure({ timeout: 120_000 });

type Agenda = { date: string; appointments: { reference: string; starts_at: string; can_record_attendance: boolean; can_cancel: boolean; contributor: { name: string } }[] };

/** The nearest day, going `step` days at a time from today, whose agenda satisfies `wanted`. */
async function findDay(page: Page, step: number, wanted: (a: Agenda) => boolean) {
  const today = new Date();
  for (let i = 1; i <= 10; i++) {
    const day = new Date(today.getTime() + step * i * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
    const agenda: Agenda = await (await page.request.get(`/api/office/agenda?date=${day}`)).json();
    if (wanted(agenda)) return agenda;
  }
  throw new Error('no such day in the demo');
}

async function showDay(page: Page, date: string) {
  await page.getByLabel('Giorno', { exact: true }).fill(date);
  await page.getByRole('button', { name: 'Mostra' }).click();
  await expect(page).toHaveURL(new RegExp(`data=${date}`));
}

test("operatore.roma holds the day: Svolto with an esito, Non presentato, a cancellation the contributor reads", async ({ page, browser, axe }) => {
  const shell = new Shell(page);
  await logIn(page, ACCOUNTS.operatoreRoma.username);
  await shell.navLink('Agenda della sede').click();
  await expect(shell.heading()).toHaveText('Agenda della sede');
  await expect(page.getByText(/^Sede di Roma – /)).toBeVisible();
  await axe("today's agenda");

  // The demo's last working day: two meetings whose attendance is still to record.
  const past = await findDay(page, -1, (a) => a.appointments.filter((x) => x.can_record_attendance).length >= 3);
  await showDay(page, past.date);
  const [met, missed, third] = past.appointments.filter((x) => x.can_record_attendance);
  await expect(page.getByRole('row').filter({ hasText: met.reference })).toContainText('Mario Rossi');
  await axe('agenda of a past day');

  // The print view: the agenda alone.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Navigazione principale' })).toBeHidden();
  await expect(page.getByRole('table')).toBeVisible();
  await axe('print view');
  await page.emulateMedia({ media: 'screen' });

  await press(page.getByRole('link', { name: `Registra presenza: ${met.reference} delle ${met.starts_at.slice(11, 16)}` }));
  await expect(shell.heading()).toHaveText(`Appuntamento ${met.reference}`);
  // The appointment belongs to the agenda: that tab is the current one.
  await expect(shell.navLink('Agenda della sede')).toHaveAttribute('aria-current', 'page');
  await press(page.getByRole('button', { name: 'Registra la presenza' }));
  // Said as on every form: the summary, focused, naming the field.
  const summary = page.getByRole('alert').filter({ hasText: "C'è un problema" });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Scegli «Svolto» oppure «Non presentato».');
  await axe('attendance with an error');
  // A no-show has no esito: choosing it takes the field away, Svolto brings it back.
  await press(page.getByLabel('Non presentato'), 'Space');
  await expect(page.getByLabel("Esito dell'incontro (facoltativo)")).toHaveCount(0);
  await press(page.getByLabel('Svolto', { exact: true }), 'Space');
  const esito = 'Verificati i versamenti del 2023: risultano tutti accreditati.';
  await page.getByLabel("Esito dell'incontro (facoltativo)").fill(esito);
  await press(page.getByRole('button', { name: 'Registra la presenza' }));
  await expect(page.getByRole('status').filter({ hasText: 'si è svolto' })).toBeVisible();
  await expect(page.getByRole('list', { name: "Storia dell'appuntamento" })).toContainText('Appuntamento svolto – Sede di Roma');
  await axe('recorded Svolto');

  // The other one in one click, from the agenda's row.
  await page.getByRole('link', { name: "Torna all'agenda della sede" }).click();
  await expect(page.getByRole('row').filter({ hasText: met.reference })).toContainText('Svolto');
  await expect(page.getByText('2 presenze da registrare.')).toBeVisible();
  await axe('agenda with an attendance to record');
  await press(page.getByRole('button', { name: `Non presentato: ${missed.reference} delle ${missed.starts_at.slice(11, 16)}` }));
  await expect(page.getByRole('status').filter({ hasText: `${missed.reference}: registrato «Non presentato».` })).toBeVisible();
  const missedRow = page.getByRole('row').filter({ hasText: missed.reference });
  await expect(missedRow.getByRole('button')).toHaveCount(0);
  await expect(missedRow.locator('.status-tag')).toHaveText('Non presentato');
  await expect(page.getByText('1 presenza da registrare.')).toBeVisible();
  await press(page.getByRole('button', { name: `Svolto: ${third.reference} delle ${third.starts_at.slice(11, 16)}` }));
  await expect(page.getByRole('status').filter({ hasText: `${third.reference}: registrato «Svolto».` })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: third.reference }).locator('.status-tag')).toHaveText('Svolto');
  await expect(page.getByText(/presenz[ae] da registrare/)).toHaveCount(0);
  await axe('recorded Non presentato and Svolto from the rows');

  // A slip of the hand: within the day the office corrects it, and the history keeps both.
  await missedRow.getByRole('link', { name: missed.reference, exact: true }).click();
  await expect(shell.heading()).toHaveText(`Appuntamento ${missed.reference}`);
  await press(page.getByRole('button', { name: 'Correggi in «Svolto»' }));
  await expect(page.getByRole('status').filter({ hasText: 'Presenza corretta: ora l\'appuntamento' })).toBeVisible();
  const history = page.getByRole('list', { name: "Storia dell'appuntamento" });
  await expect(history).toContainText('Contribuente non presentato');
  await expect(history).toContainText('Presenza corretta dalla sede');
  await expect(history).toContainText('Da «Non presentato» a «Svolto».');
  await axe('attendance corrected');

  // The next working day: the office cancels, with a reason.
  const future = await findDay(page, 1, (a) => a.appointments.some((x) => x.can_cancel && x.contributor.name === 'Mario Rossi'));
  const upcoming = future.appointments.find((x) => x.can_cancel && x.contributor.name === 'Mario Rossi')!;
  await page.goto('/sede/agenda');
  await showDay(page, future.date);
  await press(page.getByRole('link', { name: new RegExp(`^Gestisci: ${upcoming.reference}`) }));
  const cancel = page.getByRole('button', { name: 'Annulla appuntamento' });
  await press(cancel);
  const dialog = page.getByRole('dialog', { name: "Annullare l'appuntamento?" });
  await press(dialog.getByRole('button', { name: "Sì, annulla l'appuntamento" }));
  await expect(dialog.getByText("Scrivi il motivo dell'annullamento")).toBeVisible();
  await axe('office cancellation without a reason');
  const reason = 'La sede resterà chiusa per una disinfestazione: la ricontatteremo.';
  await dialog.getByLabel('Motivo (obbligatorio)').fill(reason);
  await press(dialog.getByRole('button', { name: "Sì, annulla l'appuntamento" }));
  await expect(page.getByRole('status').filter({ hasText: 'è annullato' })).toBeVisible();
  await axe('cancelled by the office');
  // The agenda says whether Rossi was told by e-mail (the worker sends within seconds).
  await expect(async () => {
    await page.goto(`/sede/agenda?data=${future.date}`);
    await expect(page.getByRole('row').filter({ hasText: upcoming.reference })).toContainText('Avviso inviato per e-mail', { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await axe('agenda with the notice sent');
  await expect(page.getByRole('main').locator('[aria-current="page"]')).toHaveCount(0);

  // Rossi reads both: the esito in the thread, the cancellation and its reason.
  const context = await browser.newContext();
  const rossi = await context.newPage();
  await logIn(rossi, ACCOUNTS.rossi.username);
  await new CommunicationsPage(rossi).row('Contributi 2023: verifica dei versamenti').getByRole('link', { name: /Contributi 2023/ }).click();
  await expect(rossi.getByText(esito)).toBeVisible();
  await checkAxe(rossi, 'the thread with the esito');
  await new Shell(rossi).navLink('Gestione appuntamenti').click();
  const row = rossi.getByRole('row').filter({ has: rossi.getByRole('link', { name: upcoming.reference, exact: true }) });
  await expect(row).toContainText('Annullato dalla sede');
  await row.getByRole('link', { name: upcoming.reference, exact: true }).click();
  await expect(rossi.getByRole('heading', { level: 1, name: 'Appuntamento annullato dalla sede' })).toBeVisible();
  await expect(rossi.getByRole('definition').filter({ hasText: reason })).toBeVisible();
  await checkAxe(rossi, 'cancelled by the office, as the contributor sees it');
  await context.close();
});

test('a closure warns about the appointments inside it before it cancels them', async ({ page, axe }) => {
  const shell = new Shell(page);
  await logIn(page, ACCOUNTS.operatoreMilano.username);
  await shell.navLink('Chiusure e capienza').click();
  await expect(shell.heading()).toHaveText('Chiusure e capienza');
  await axe('closures');
  const closure = page.getByRole('form', { name: 'Dichiara una chiusura' });
  await press(closure.getByRole('button', { name: 'Verifica la chiusura' }));
  await expect(page.getByRole('alert').filter({ hasText: "C'è un problema" })).toBeFocused();
  await axe('closure with errors');

  // A day three weeks on, for Milan's video calls: nothing inside.
  const day = new Date(Date.now() + 21 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
  await closure.getByLabel('Punto di consulenza').selectOption({ label: 'Videochiamata' });
  await closure.getByLabel('Dal giorno').fill(day);
  await closure.getByLabel('Al giorno (compreso)').fill(day);
  await closure.getByLabel('Motivo').fill('Aggiornamento dei sistemi di videochiamata');
  await press(closure.getByRole('button', { name: 'Verifica la chiusura' }));
  await expect(page.getByRole('status').filter({ hasText: 'Nessun appuntamento cade nella chiusura.' })).toBeVisible();
  await axe('closure preview');
  const preview = page.getByRole('region', { name: 'Verifica della chiusura' });
  await expect(preview).toContainText('Videochiamata');
  await expect(preview).toContainText('giorni interi');
  await press(page.getByRole('button', { name: 'Conferma la chiusura' }));
  await expect(page.getByRole('status').filter({ hasText: 'Chiusura registrata' })).toBeVisible();
  await expect(page.locator('#chiusura-esito')).toBeFocused();
  const list = page.getByRole('list').filter({ hasText: 'Aggiornamento dei sistemi di videochiamata' });
  await expect(list).toContainText('tutto il giorno – Videochiamata');
  await axe('closure declared');

  // A second one without touching the point: it stays Videochiamata, as the select shows.
  await expect(closure.getByLabel('Punto di consulenza')).toHaveValue('video');
  const next = new Date(Date.now() + 22 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
  await closure.getByLabel('Dal giorno').fill(next);
  await closure.getByLabel('Al giorno (compreso)').fill(next);
  await closure.getByLabel('Motivo').fill('Seconda giornata di aggiornamento');
  await press(closure.getByRole('button', { name: 'Verifica la chiusura' }));
  const sent = page.waitForRequest((r) => r.url().endsWith('/api/office/closures') && r.method() === 'POST');
  await press(page.getByRole('button', { name: /^Conferma la chiusura/ }));
  expect((await sent).postDataJSON().point).toBe('video');
  await expect(page.getByRole('listitem').filter({ hasText: 'Seconda giornata di aggiornamento' })).toContainText('Videochiamata');
  // Undo: the second one is revoked, and its day is bookable again.
  const second = page.getByRole('listitem').filter({ hasText: 'Seconda giornata di aggiornamento' });
  await press(second.getByRole('button', { name: /^Revoca la chiusura di / }));
  await expect(page.getByRole('status').filter({ hasText: 'Chiusura revocata' })).toBeVisible();
  await expect(page.locator('#chiusura-esito')).toBeFocused();
  await expect(second).toHaveCount(0);
  await axe('closure revoked');
  // The closed day's agenda says so.
  await page.goto(`/sede/agenda?data=${day}`);
  await expect(page.locator('.alert').filter({ hasText: 'Sede chiusa:' })).toContainText('Aggiornamento dei sistemi di videochiamata');
  await axe('agenda of a closed day');
  await shell.navLink('Chiusure e capienza').click();

  // Capacity: not below zero people.
  const capacity = page.getByRole('form', { name: 'Capienza di un giorno' });
  await capacity.getByLabel('Giorno').fill(day);
  await capacity.getByLabel('Persone in servizio').fill('0');
  await press(capacity.getByRole('button', { name: 'Aggiorna la capienza' }));
  const refused = page.getByRole('alert').filter({ hasText: "C'è un problema" });
  await expect(refused).toBeFocused();
  await expect(refused).toContainText(/Indica quante persone sono in servizio/);
  await axe('capacity with an error');
});

test('the queue puts first who has waited longest, and keeps only those to answer on request', async ({ page, axe }) => {
  const shell = new Shell(page);
  await logIn(page, ACCOUNTS.operatoreRoma.username);
  await shell.navLink('Comunicazioni della sede').click();
  await expect(shell.heading()).toHaveText('Comunicazioni della sede');
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows.nth(1)).toContainText('Da rispondere');
  await expect(rows.nth(1)).toContainText(/In attesa dal \d+°? \w+ \d{4}/);
  await page.getByRole('checkbox', { name: 'Solo da rispondere' }).check();
  await page.getByRole('button', { name: 'Filtra' }).click();
  await expect(page).toHaveURL(/da_rispondere=1/);
  await expect(page.getByRole('checkbox', { name: 'Solo da rispondere' })).toBeChecked();
  const count = await rows.count();
  for (let i = 1; i < count; i++) await expect(rows.nth(i)).toContainText('Da rispondere');
  // The oldest wait first: the dates of "In attesa dal" never go back in time down the list.
  const api = await (await page.request.get('/api/office/communications?awaiting=true')).json();
  const since = api.items.map((t: { awaiting_since: string }) => Date.parse(t.awaiting_since));
  expect(since).toEqual([...since].sort((a: number, b: number) => a - b));
  await axe('queue, only those to answer');

  // Presa in carico: the first thread, with a note for colleagues.
  await rows.nth(1).getByRole('link').first().click();
  const inside = page.getByRole('region', { name: 'Lavorazione interna' });
  await expect(inside).toContainText('Nessuno ha preso in carico questa comunicazione.');
  await press(inside.getByRole('button', { name: 'Prendi in carico' }));
  await expect(page.getByRole('status').filter({ hasText: 'Hai preso in carico' })).toBeVisible();
  await expect(inside).toContainText('Presa in carico da Anna Conti');
  await inside.getByLabel('Nota interna').fill('Verificare le quietanze prima di rispondere.');
  await press(inside.getByRole('button', { name: 'Salva la nota' }));
  await expect(inside.getByRole('listitem').filter({ hasText: 'Verificare le quietanze' })).toContainText('Anna Conti');
  await axe('thread taken in charge, with a note');
  await shell.navLink('Comunicazioni della sede').click();
  await expect(page.getByRole('table')).toContainText('In carico a Anna Conti');
  await page.goBack();
  await press(inside.getByRole('button', { name: 'Rilascia' }));
  await expect(inside).toContainText('Nessuno ha preso in carico questa comunicazione.');
});

test('an operator finds a contributor by codice fiscale and a reference, and downloads the day as CSV', async ({ page, axe }) => {
  const shell = new Shell(page);
  await logIn(page, ACCOUNTS.operatoreRoma.username);
  const search = page.getByRole('search', { name: 'Cerca nella sede' });
  const box = search.getByRole('searchbox', { name: /Codice fiscale, nome, protocollo/ });
  await box.fill(ACCOUNTS.rossi.username.toLowerCase());
  await box.press('Enter');
  await expect(shell.heading()).toHaveText('Cerca nella sede');
  await expect(page).toHaveURL(new RegExp(`/sede/cerca\\?q=${ACCOUNTS.rossi.username.toLowerCase()}$`));
  const people = page.getByRole('region', { name: 'Contribuenti' });
  await expect(people.getByRole('link', { name: 'Mario Rossi' })).toBeVisible();
  const appointments = page.getByRole('region', { name: 'Appuntamenti' });
  const first = appointments.getByRole('link').first();
  const reference = (await first.textContent())!.trim();
  await axe('search by codice fiscale');
  await box.fill(reference);
  await box.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '1 risultato.' })).toBeVisible();
  await appointments.getByRole('link', { name: reference }).click();
  await expect(shell.heading()).toHaveText(`Appuntamento ${reference}`);
  await box.fill('zzzz');
  await box.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Nessun risultato per «zzzz» nella sede.' })).toBeVisible();
  await axe('search without results');

  // The day's agenda as a spreadsheet: the same appointments, in order.
  const day = await findDay(page, -1, (a) => a.appointments.length >= 2);
  await page.goto(`/sede/agenda?data=${day.date}`);
  await expect(page).toHaveTitle(/^Agenda della sede – /);
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: "Scarica l'agenda (CSV)" }).click();
  const file = await (await downloading).path();
  const text = fs.readFileSync(file!, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows = text.slice(1).trim().split('\r\n');
  expect(rows[0]).toContain('"Identificativo appuntamento";"Data";"Ora"');
  expect(rows.slice(1).map((r) => r.split(';')[0].replace(/"/g, ''))).toEqual(day.appointments.map((a) => a.reference));

  // The week: a day per row, a point per column, each day leading to its agenda.
  await shell.navLink('Settimana').click();
  await expect(shell.heading()).toHaveText('Settimana della sede');
  const week = page.getByRole('table');
  await expect(week.getByRole('columnheader', { name: 'Sportello in sede' })).toBeVisible();
  await expect(week.getByRole('row')).toHaveCount(8);
  await expect(week.getByRole('cell').filter({ hasText: / su \d+/ }).first()).toBeVisible();
  await axe('the week');
  await week.getByRole('rowheader').first().getByRole('link').click();
  await expect(shell.heading()).toHaveText('Agenda della sede');
});
