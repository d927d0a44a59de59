import { test, expect, checkAxe as runAxe, Page } from './fixtures';
import { ACCOUNTS } from '../pages/login-page';
import { logIn } from '../pages/communications';
import { chooseUpToTimes, press, startBooking, stepHeading } from '../pages/booking';
import { Shell } from '../pages/shell';

test.use({ allowedHttpErrors: [404] });
test.describe.configure({ timeout: 120_000 });

const SUBJECT = 'Domanda di riduzione contributiva';

/** The free places of the Roman office's phone call-backs at `start`, as the server counts them. */
async function freeAt(page: Page, start: string) {
  const day = start.slice(0, 10);
  const days = await (await page.request.get(`/api/availability?point=telefono&office=1&from=${day}&to=${day}`)).json();
  const slot = days.flatMap((d: { slots: { start: string; free: number }[] }) => d.slots).find((s: { start: string }) => s.start === start);
  return slot ? slot.free : 0;
}

test('Verdi books for Rossi; Rossi finds it managed by Studio Verdi and cancels it through the dialog', async ({ page, browser, axe }) => {
  const shell = new Shell(page);
  // Verdi, from the studio's agenda, looks Rossi up and books for him.
  await logIn(page, ACCOUNTS.verdi.username);
  await expect(shell.heading()).toHaveText('Agenda dello studio');
  const search = page.getByRole('searchbox', { name: 'Nome o codice fiscale' });
  await search.fill('Rossi');
  await search.press('Enter');
  await press(page.getByRole('button', { name: 'Opera per Mario Rossi' }));
  await expect(shell.heading()).toHaveText('Comunicazione bidirezionale');
  await startBooking(page, SUBJECT);
  await chooseUpToTimes(page, 'Consulenza telefonica (richiamata)', 'Sede di Roma');
  const slot = page.getByRole('radio').first();
  const start = (await slot.getAttribute('value'))!;
  const when = (await slot.getAttribute('aria-label'))!;
  await press(slot, 'Space');
  await press(page.getByRole('button', { name: 'Continua' }));
  await expect(stepHeading(page, 4)).toBeFocused();
  await page.getByLabel('Recapito telefonico').fill('06 1234 5678');
  await page.getByLabel('Note').fill('Per conto del cliente: chiarimenti sulla riduzione.');
  await press(page.getByRole('button', { name: 'Prenota appuntamento' }));
  await press(page.getByRole('button', { name: 'Conferma appuntamento' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Appuntamento confermato' })).toBeFocused();
  const reference = (await page.locator('.summary strong').first().textContent())!.trim();
  expect(reference).toMatch(/^AP-\d{4}-\d{6}$/);
  expect(await freeAt(page, start)).toBe(0);

  // The studio's agenda lists it, saying for whom.
  await shell.navLink('Agenda dello studio').click();
  const agendaRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: reference, exact: true }) });
  await expect(agendaRow).toContainText('Mario Rossi');
  await expect(agendaRow).toContainText('Confermato');
  await axe('studio agenda with an appointment');

  // Rossi, in his own browser.
  const context = await browser.newContext();
  const rossi = await context.newPage();
  const rossiShell = new Shell(rossi);
  await logIn(rossi, ACCOUNTS.rossi.username);
  await rossiShell.navLink('Gestione appuntamenti').click();
  await expect(rossiShell.heading()).toHaveText('Gestione appuntamenti');
  const row = rossi.getByRole('row').filter({ has: rossi.getByRole('link', { name: reference, exact: true }) });
  await expect(row).toContainText('Studio Verdi');
  await expect(row).toContainText('Gestito da intermediario');
  await expect(row).toContainText('Confermato');
  await runAxe(rossi, 'Gestione appuntamenti, full');

  // Without the intermediaries' bookings it is gone; in a past range there is nothing.
  const include = rossi.getByRole('checkbox', { name: 'Includi gli appuntamenti gestiti da intermediari' });
  await expect(include).toBeChecked();
  await include.uncheck();
  await rossi.getByRole('button', { name: 'Filtra' }).click();
  await expect(rossi).toHaveURL(/filtrato=1/);
  await expect(include).not.toBeChecked();
  await expect(rossi.getByRole('link', { name: reference, exact: true })).toHaveCount(0);
  await runAxe(rossi, 'Gestione appuntamenti, filtered');
  await include.check();
  await rossi.getByLabel('Dal giorno', { exact: true }).fill('2020-01-01');
  await rossi.getByLabel('Al giorno', { exact: true }).fill('2020-01-31');
  await rossi.getByRole('button', { name: 'Filtra' }).click();
  await expect(rossi.getByRole('status').filter({ hasText: 'Nessun appuntamento corrisponde ai filtri scelti.' })).toBeVisible();
  await runAxe(rossi, 'Gestione appuntamenti, empty');

  // The appointment: details, who did each step, and "Annulla appuntamento".
  await rossi.goto(`/appuntamenti/${reference}`);
  await expect(rossi.getByRole('heading', { level: 1, name: 'Appuntamento confermato' })).toBeVisible();
  const timeline = rossi.getByRole('list', { name: "Storia dell'appuntamento" });
  await expect(timeline.getByRole('listitem')).toHaveCount(2);
  await expect(timeline.getByRole('listitem').nth(0)).toContainText('Prenotazione effettuata – Studio Verdi');
  await expect(timeline.getByRole('listitem').nth(1)).toContainText('Appuntamento confermato – Studio Verdi');
  await expect(rossi.getByRole('link', { name: new RegExp(SUBJECT) })).toBeVisible();
  await runAxe(rossi, 'appointment detail');

  const cancel = rossi.getByRole('button', { name: 'Annulla appuntamento' });
  await press(cancel);
  const dialog = rossi.getByRole('dialog', { name: "Annullare l'appuntamento?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: "Annullare l'appuntamento?" })).toBeFocused();
  await rossi.keyboard.press('Tab');
  await expect(dialog.getByLabel('Motivo (facoltativo)')).toBeFocused();
  await runAxe(rossi, 'cancel dialog');
  // Escape closes it and gives the focus back to the button; nothing changed.
  await rossi.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(cancel).toBeFocused();
  await cancel.press('Enter');
  await expect(dialog).toBeVisible();
  await rossi.keyboard.press('Tab');
  await rossi.keyboard.type('Ho risolto con il commercialista.');
  // The focus stays inside the dialog.
  for (let i = 0; i < 4; i++) {
    await rossi.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await press(dialog.getByRole('button', { name: "Sì, annulla l'appuntamento" }));

  await expect(rossi.getByRole('heading', { level: 1, name: 'Appuntamento annullato' })).toBeFocused();
  await expect(rossi.getByRole('status').filter({ hasText: 'è stato annullato su tua richiesta' })).toBeVisible();
  await expect(timeline.getByRole('listitem').nth(2)).toContainText('Appuntamento annullato – Mario Rossi');
  await expect(timeline.getByRole('listitem').nth(2)).toContainText('Motivo: Ho risolto con il commercialista.');
  await expect(rossi.getByRole('button', { name: 'Annulla appuntamento' })).toHaveCount(0);
  await runAxe(rossi, 'cancelled');

  // The place is free again at once: the server counts it, and the wizard offers it.
  expect(await freeAt(rossi, start)).toBe(1);
  await rossiShell.navLink('Comunicazione bidirezionale').click();
  await startBooking(rossi, SUBJECT);
  await chooseUpToTimes(rossi, 'Consulenza telefonica (richiamata)', 'Sede di Roma');
  await expect(rossi.getByRole('radio', { name: when })).toBeVisible();
  await context.close();
});

test("Verdi opening a URL of Ferri's thread sees the 404 page", async ({ page, browser, axe }) => {
  const context = await browser.newContext();
  const ferri = await context.newPage();
  await logIn(ferri, ACCOUNTS.ferri.username);
  const threads = await (await ferri.request.get('/api/contributors/FRRGNN72T10F839E/communications')).json();
  const thread = threads.items[0].id;
  await context.close();

  await logIn(page, ACCOUNTS.verdi.username);
  await page.goto(`/comunicazioni/${thread}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Pagina non trovata' })).toBeVisible();
  // The 404 alone: no form to write into a thread that does not exist for him.
  await expect(page.getByRole('textbox', { name: 'Messaggio' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Invia messaggio' })).toHaveCount(0);
  await axe("Ferri's thread as Verdi");
  await page.goto('/appuntamenti/AP-2026-999999');
  await expect(page.getByRole('heading', { level: 1, name: 'Pagina non trovata' })).toBeVisible();
});
