import { test, expect } from './fixtures';
import { ACCOUNTS } from '../pages/login-page';
import { logIn } from '../pages/communications';
import { chooseUpToTimes, press, startBooking, stepHeading } from '../pages/booking';
import fs from 'node:fs';
import path from 'node:path';

test.use({ allowedHttpErrors: [422] });

test('a contributor changes the address for confirmations and turns reminders off, by keyboard', async ({ page, axe }) => {
  await logIn(page, ACCOUNTS.rossi.username);
  await page.getByRole('navigation', { name: 'Navigazione principale' }).getByRole('link', { name: 'Recapiti' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Recapiti' })).toBeVisible();
  const email = page.getByLabel('Indirizzo e-mail');
  await expect(email).toHaveValue('mario.rossi@example.it');
  const reminders = page.getByLabel('Voglio un promemoria prima di ogni appuntamento');
  await expect(reminders).toBeChecked();
  await axe('recapiti');

  await email.fill('mario rossi@example');
  await email.press('Enter');
  const summary = page.getByRole('alert').filter({ hasText: "C'è un problema" });
  await expect(summary).toBeFocused();
  await expect(email).toHaveAccessibleDescription(/indirizzo e-mail valido/);
  await axe('recapiti with an error');

  await email.fill('m.rossi@esempio.it');
  await reminders.focus();
  await page.keyboard.press('Space');
  await expect(reminders).not.toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Salva i recapiti' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Recapiti salvati' })).toHaveText(
    'Recapiti salvati: m.rossi@esempio.it, senza promemoria.',
  );
  await expect(summary).toHaveCount(0);
  await axe('recapiti saved');

  await page.reload();
  await expect(page.getByLabel('Indirizzo e-mail')).toHaveValue('m.rossi@esempio.it');
  await expect(page.getByLabel('Voglio un promemoria prima di ogni appuntamento')).not.toBeChecked();
});

/** The .eml files the server wrote whose text contains `needle`. */
function mailsWith(needle: string): string[] {
  const dir = process.env.E2E_MAIL_DIR!;
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.eml'))
    .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))
    .filter((text) => text.includes(needle));
}

test('the confirmation of a booking is written to the address on Recapiti, as the Riepilogo says', async ({ page, browser, axe }) => {
  test.setTimeout(90_000);
  const subject = `Rateazione per la conferma via e-mail ${Date.now()}`;
  const address = `lucia.bianchi.${Date.now()}@esempio.it`;
  await logIn(page, ACCOUNTS.bianchi.username);
  // A thread the office has already rejected: bookable at once.
  const created = await page.request.post(`/api/contributors/${ACCOUNTS.bianchi.username}/communications`, {
    data: { topic: 'rateazione', subject, text: 'Vorrei rateizzare il debito.' },
  });
  expect(created.status()).toBe(201);
  const thread = await created.json();
  const office = await browser.newContext();
  const operator = await office.newPage();
  await logIn(operator, ACCOUNTS.operatoreMilano.username);
  const rejected = await operator.request.post(`/api/communications/${thread.id}/outcome`, {
    data: { outcome: 'non_accolta', text: 'Il debito è già in riscossione: ne parliamo in sede.' },
  });
  expect(rejected.status()).toBe(200);
  await office.close();

  await page.getByRole('navigation', { name: 'Navigazione principale' }).getByRole('link', { name: 'Recapiti' }).click();
  await page.getByLabel('Indirizzo e-mail').fill(address);
  await press(page.getByRole('button', { name: 'Salva i recapiti' }));
  await expect(page.getByRole('status').filter({ hasText: 'Recapiti salvati' })).toContainText(address);

  await page.getByRole('navigation', { name: 'Navigazione principale' }).getByRole('link', { name: 'Comunicazione bidirezionale' }).click();
  await startBooking(page, subject);
  await chooseUpToTimes(page, 'Sportello in sede', 'Sede di Milano');
  await press(page.getByRole('radio').first(), 'Space');
  await press(page.getByRole('button', { name: 'Continua' }));
  await expect(stepHeading(page, 4)).toBeFocused();
  // Her own address, whole, with the way to change it.
  await expect(page.getByText(`Riceverai la conferma a ${address}.`)).toBeVisible();
  await expect(page.getByRole('link', { name: "Cambia l'indirizzo e-mail" })).toHaveAttribute('href', '/recapiti');
  await axe('riepilogo with the address for the confirmation');
  await page.getByLabel('Recapito telefonico').fill('06 1234 5678');
  await page.getByLabel('Note').fill('Rateazione del debito.');
  await press(page.getByRole('button', { name: 'Prenota appuntamento' }));
  await press(page.getByRole('button', { name: 'Conferma appuntamento' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Appuntamento confermato' })).toBeFocused();
  await expect(page.getByText(`Riceverai la conferma a ${address}.`)).toBeVisible();
  const reference = (await page.locator('.summary strong').first().textContent())!.trim();
  expect(reference).toMatch(/^AP-\d{4}-\d{6}$/);

  // The delivery worker writes it within seconds of the commit.
  await expect.poll(() => mailsWith(`Subject: Appuntamento confermato ${reference}`).length, { timeout: 15_000 }).toBe(1);
  const mail = mailsWith(`Subject: Appuntamento confermato ${reference}`)[0];
  expect(mail).toContain(`To: ${address}`);
  expect(mail).toMatch(/Message-ID: <avviso\.\d+\.\d+@/);
  expect(mail).toContain('Content-Type: text/calendar');
  expect(mail).toContain(`filename="${reference}.ics"`);
  // Let the place go again: the demo's contributors may hold at most 3 active appointments,
  // and other specs book for Bianchi too.
  expect((await page.request.post(`/api/appointments/${reference}/cancel`, { data: {} })).status()).toBe(200);
});
