import { test, expect, Page } from './fixtures';
import { ACCOUNTS } from '../pages/login-page';
import { logIn } from '../pages/communications';
import { chooseUpToTimes, press, startBooking, stepHeading, chooseOffice, inFirstScreenOnAPhone } from '../pages/booking';

test.use({ allowedHttpErrors: [409, 422] });
// Whole journeys through four steps and two pages, with an axe run at each state.
test.describe.configure({ timeout: 90_000 });

test('a contributor books by keyboard from "Richiedi appuntamento" to "Appuntamento confermato"', async ({ page, axe }) => {
  await logIn(page, ACCOUNTS.rossi.username);
  await startBooking(page, 'Contributi del 2024 non presenti');
  await expect(page.getByRole('list', { name: 'Passaggi della prenotazione' }).locator('[aria-current="step"]')).toContainText('Argomento e punto di consulenza');
  await expect(page.getByText('Estratto conto e contributi')).toBeVisible();
  await axe('step 1');
  await inFirstScreenOnAPhone(page, page.getByRole('button', { name: 'Continua' }));
  await press(page.getByRole('button', { name: 'Continua' }));
  await expect(page.getByRole('alert').filter({ hasText: "C'è un problema" })).toBeFocused();
  await axe('step 1 with errors');

  await press(page.getByLabel('Sportello in sede'), 'Space');
  await press(page.getByRole('button', { name: 'Continua' }));
  await expect(stepHeading(page, 2)).toBeFocused();
  const offices = page.getByRole('radio');
  await expect(offices.first()).toHaveAccessibleName('Sede di Roma');
  await expect(offices.first()).toHaveAccessibleDescription(/Amba Aradam/);
  await expect(page.getByText('(completato)')).toHaveCount(1);
  await axe('step 2');
  await inFirstScreenOnAPhone(page, page.getByRole('button', { name: 'Continua' }));
  await chooseOffice(page, 'Sede di Roma');
  await press(page.getByRole('button', { name: 'Continua' }));
  await expect(stepHeading(page, 3)).toBeFocused();
  await axe('step 3: days');
  await inFirstScreenOnAPhone(page, page.locator('.day-list__link').first());
  // The day links, "Indietro" and the like lead within the wizard: none claims to be the page.
  await expect(page.getByRole('main').locator('[aria-current="page"]')).toHaveCount(0);
  await press(page.locator('.day-list__link').first());
  const times = page.getByRole('group', { name: /^Orari liberi di / });
  await expect(times).toBeVisible();
  const nine = times.getByRole('radio', { name: /, ore 09:00$/ });
  await expect(nine).toHaveAccessibleName(/^(lunedì|martedì|mercoledì|giovedì|venerdì) \d+°? \w+ \d{4}, ore 09:00$/);
  await axe('step 3: times');
  await inFirstScreenOnAPhone(page, page.getByRole('button', { name: 'Continua' }));
  await press(nine, 'Space');
  await press(page.getByRole('button', { name: 'Continua' }));
  await expect(stepHeading(page, 4)).toBeFocused();
  await axe('step 4');
  await inFirstScreenOnAPhone(page, page.getByRole('button', { name: 'Prenota appuntamento' }));
  await expect(page.getByRole('main').locator('[aria-current="page"]')).toHaveCount(0);

  // Back keeps every choice, and so does the browser's back button.
  await page.goBack();
  await expect(stepHeading(page, 3)).toBeVisible();
  await expect(page.getByRole('radio', { name: /, ore 09:00$/ })).toBeChecked();
  await page.goForward();
  await expect(stepHeading(page, 4)).toBeVisible();

  await press(page.getByRole('button', { name: 'Prenota appuntamento' }));
  await expect(page.getByRole('alert').filter({ hasText: "C'è un problema" })).toBeFocused();
  await axe('step 4 with errors');
  const phone = page.getByLabel('Recapito telefonico');
  await expect(phone).toHaveAttribute('type', 'tel');
  await expect(phone).toHaveAttribute('autocomplete', 'tel');
  // It starts from his latest booking's number, and says so; he types another over it.
  await expect(phone).toHaveValue('06 1234 5678');
  await expect(phone).toHaveAccessibleDescription(/Proposto quello dell'ultima prenotazione/);
  await phone.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('06 1234 5678');
  const notes = 'Verifica dei contributi <b>2024</b>.';
  await page.getByLabel('Note').focus();
  await page.keyboard.type(notes);
  await expect(page.getByText(`Hai ancora ${500 - notes.length} caratteri`)).toBeVisible();
  await press(page.getByRole('button', { name: 'Prenota appuntamento' }));

  await expect(page.getByRole('heading', { level: 1, name: 'Prenotazione da confermare' })).toBeFocused();
  await expect(page.getByText(/^Identificativo appuntamento: AP-\d{4}-\d{6}$/)).toBeVisible();
  await expect(page.getByText('Prenotato – da confermare')).toBeVisible();
  await expect(page.getByText('Verifica dei contributi <b>2024</b>.')).toBeVisible();
  await axe('held');
  // The countdown ticks every second without taking the focus away.
  const confirm = page.getByRole('button', { name: 'Conferma appuntamento' });
  await confirm.focus();
  await page.waitForTimeout(2500);
  await expect(confirm).toBeFocused();
  await confirm.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Appuntamento confermato' })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: /è confermato per/ })).toBeVisible();
  await expect(page.getByText(/Via dell'Amba Aradam/).first()).toBeVisible();
  await axe('confirmed');
  const download = page.waitForEvent('download');
  await press(page.getByRole('link', { name: 'Aggiungi al calendario' }));
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^AP-\d{4}-\d{6}\.ics$/);
  const ics = await (await import('node:fs/promises')).readFile(await file.path(), 'utf8');
  expect(ics).toMatch(/DTSTART;TZID=Europe\/Rome:\d{8}T090000/);

  const reference = (await page.getByText(/^Identificativo appuntamento/).first().locator('xpath=..').textContent())!.match(/AP-\d{4}-\d{6}/)![0];
  await press(page.getByRole('link', { name: 'Vai a Gestione appuntamenti' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Gestione appuntamenti' })).toBeFocused();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: reference, exact: true }) });
  await expect(row).toContainText('Confermato');
  await expect(row).toContainText('Mario Rossi');
  await axe('Gestione appuntamenti');

  // The thread tells the same story.
  await press(row.getByRole('link', { name: reference, exact: true }));
  await page.getByRole('link', { name: /Contributi del 2024 non presenti/ }).click();
  await expect(page.getByText(/^Appuntamento AP-\d{4}-\d{6} confermato da Mario Rossi per .* alle 09:00 presso la Sede di Roma/)).toBeVisible();
});

test('Cancella prenotazione frees the slot, which is offered again', async ({ page, axe }) => {
  await logIn(page, ACCOUNTS.bianchi.username);
  await startBooking(page, 'Domanda di riduzione contributiva');
  await chooseUpToTimes(page, 'Consulenza telefonica (richiamata)', 'Sede di Milano');
  const first = page.getByRole('radio').first();
  const name = await first.getAttribute('aria-label');
  await press(first, 'Space');
  await press(page.getByRole('button', { name: 'Continua' }));
  await page.getByLabel('Recapito telefonico').fill('347 123 4567');
  await page.getByLabel('Note').fill('Chiarimenti sulla riduzione.');
  await press(page.getByRole('button', { name: 'Prenota appuntamento' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Prenotazione da confermare' })).toBeVisible();
  await press(page.getByRole('button', { name: 'Cancella prenotazione' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Prenotazione cancellata' })).toBeFocused();
  const released = await page.getByRole('status').filter({ hasText: 'è di nuovo disponibile' }).textContent();
  await axe('released');
  // In Gestione appuntamenti it is history, not among the next appointments.
  const reference = /AP-\d{4}-\d{6}/.exec(released!)![0];
  await page.goto('/appuntamenti');
  await expect(page.getByRole('table', { name: 'Storico degli appuntamenti' }).getByRole('link', { name: reference, exact: true })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Prossimi appuntamenti' }).getByRole('link', { name: reference, exact: true })).toHaveCount(0);
  // Reopened from there it keeps what it was (when, where) and the way to choose again.
  await press(page.getByRole('table', { name: 'Storico degli appuntamenti' }).getByRole('link', { name: reference, exact: true }));
  await expect(page.getByRole('heading', { level: 1, name: 'Prenotazione cancellata' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Consulenza telefonica (richiamata)' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Sede di Milano' })).toBeVisible();
  await axe('released, reopened');
  // Choosing again starts at "Data e ora", with the point and the office kept.
  await press(page.getByRole('link', { name: 'Scegli un altro orario' }));
  await expect(stepHeading(page, 3)).toBeFocused();
  await expect(page).toHaveURL(/punto=telefono&sede=2/);

  await page.goto('/comunicazioni');
  await startBooking(page, 'Domanda di riduzione contributiva');
  await chooseUpToTimes(page, 'Consulenza telefonica (richiamata)', 'Sede di Milano');
  await expect(page.getByRole('radio', { name: name! })).toBeVisible();
});

test('when someone else takes the last place, Prenota says so and returns to step 3 with the choices kept', async ({ page, browser }) => {
  await logIn(page, ACCOUNTS.ferri.username);
  await startBooking(page, 'Domanda di riduzione contributiva');
  await chooseUpToTimes(page, 'Consulenza telefonica (richiamata)', 'Sede di Napoli');
  const slot = page.getByRole('radio').first();
  const start = await slot.getAttribute('value');
  await press(slot, 'Space');
  await press(page.getByRole('button', { name: 'Continua' }));
  await page.getByLabel('Recapito telefonico').fill('081 123 4567');
  await page.getByLabel('Note').fill('Vorrei un chiarimento.');

  // Meanwhile, in another browser, Verdi books that very place for Bianchi.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await logIn(otherPage, ACCOUNTS.verdi.username);
  const threads = await (await otherPage.request.get('/api/contributors/BNCLCU85M41F205T/communications')).json();
  const thread = threads.items.find((c: { subject: string }) => c.subject.startsWith('Contributi del 2024')).id;
  const taken = await otherPage.request.post('/api/appointments', {
    headers: { 'Idempotency-Key': `e2e-${Date.now()}` },
    data: { communication_id: thread, point: 'telefono', office: 3, start, phone: '02 1234 5678', notes: 'Per la cliente.' },
  });
  expect(taken.status()).toBe(201);
  const { reference } = await taken.json();

  await press(page.getByRole('button', { name: 'Prenota appuntamento' }));
  await expect(stepHeading(page, 3)).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: "L'orario scelto non è più disponibile" })).toBeVisible();
  await expect(page.getByRole('group', { name: /^Orari liberi di / })).toBeVisible();
  await expect(page.getByRole('radio', { checked: true })).toHaveCount(0);
  await expect(page.locator(`input[value="${start}"]`)).toHaveCount(0);
  await expect(page).toHaveURL(/punto=telefono/);
  await expect(page).toHaveURL(/sede=3/);
  // Verdi lets the place go: left held, it would hide Bianchi's "Richiedi appuntamento" from
  // the specs that read her threads next.
  expect((await otherPage.request.post(`/api/appointments/${reference}/release`)).status()).toBe(200);
  await other.close();
});

test('a hold warns before it ends, can be extended, and says when it has expired', async ({ page, axe }) => {
  await page.clock.install();
  await logIn(page, ACCOUNTS.ferri.username);
  await startBooking(page, 'Contributi del 2024 non presenti');
  await chooseUpToTimes(page, 'Sportello in sede', 'Sede di Napoli');
  await press(page.getByRole('radio').first(), 'Space');
  await press(page.getByRole('button', { name: 'Continua' }));
  await page.getByLabel('Recapito telefonico').fill('081 123 4567');
  await page.getByLabel('Note').fill('Contributi mancanti.');
  await press(page.getByRole('button', { name: 'Prenota appuntamento' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Prenotazione da confermare' })).toBeVisible();
  const until = await page.getByText(/^Il posto resta riservato fino alle/).textContent();

  await page.clock.fastForward('13:30');
  const warning = page.getByRole('alert').filter({ hasText: 'La prenotazione sta per scadere' });
  await expect(warning).toBeVisible();
  await axe('hold about to expire');
  await press(warning.getByRole('button', { name: 'Estendi' }));
  await expect(page.getByText(/^Il posto resta riservato fino alle/)).not.toHaveText(until!);

  await page.clock.fastForward('16:00');
  await expect(page.getByRole('heading', { level: 1, name: 'Prenotazione scaduta' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ricomincia la prenotazione' })).toHaveAttribute('href', /passo=3&punto=\w+&sede=\d+/);
  await axe('hold expired');
});
