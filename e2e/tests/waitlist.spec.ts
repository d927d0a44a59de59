import { test, expect } from './fixtures';
import { Browser, Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { ACCOUNTS } from '../pages/login-page';
import { logIn } from '../pages/communications';
import { press, startBooking, stepHeading, chooseOffice } from '../pages/booking';

test.use({ allowedHttpErrors: [409, 422] });
test.describe.configure({ timeout: 90_000 });

/** A new thread of the logged-in contributor that may book at once (the office did not accept it). */
async function eligibleThread(page: Page, browser: Browser, cf: string, operator: string, subject: string) {
  const created = await page.request.post(`/api/contributors/${cf}/communications`, {
    data: { topic: 'rateazione', subject, text: 'Vorrei rateizzare il debito.' },
  });
  expect(created.status()).toBe(201);
  const thread = await created.json();
  const office = await browser.newContext();
  const desk = await office.newPage();
  await logIn(desk, operator);
  expect((await desk.request.post(`/api/communications/${thread.id}/outcome`, {
    data: { outcome: 'non_accolta', text: 'Ne parliamo con un appuntamento.' },
  })).status()).toBe(200);
  await office.close();
  return thread.id as number;
}

test('with nothing free, a contributor joins the waiting list, gets the place someone else cancels and confirms it, by keyboard', async ({ page, browser, axe }) => {
  // The last bookable day of Milan's video calls: the office closes it but for 11:30, which
  // Rossi books, so nothing is free that day.
  const milano = await browser.newContext();
  const desk = await milano.newPage();
  await logIn(desk, ACCOUNTS.operatoreMilano.username);
  const days = await (await desk.request.get('/api/availability?point=video&office=2')).json();
  const day = days.filter((d: { slots: { start: string }[] }) => d.slots.some((s) => s.start.includes('T11:30'))).at(-1);
  const last = day.slots.find((s: { start: string }) => s.start.includes('T11:30')).start as string;
  const closed = await desk.request.post('/api/office/closures', {
    data: { point: 'video', from: day.date, to: day.date, start_time: '09:00', end_time: '11:30', reason: 'Formazione del personale', cancel_appointments: true },
  });
  expect(closed.status()).toBe(201);
  await milano.close();

  const other = await browser.newContext();
  const rossi = await other.newPage();
  await logIn(rossi, ACCOUNTS.rossi.username);
  const rossiThread = await eligibleThread(rossi, browser, ACCOUNTS.rossi.username, ACCOUNTS.operatoreRoma.username, `Rateazione di Rossi ${Date.now()}`);
  const held = await rossi.request.post('/api/appointments', {
    headers: { 'Idempotency-Key': `waitlist-${Date.now()}` },
    data: { communication_id: rossiThread, point: 'video', office: 2, start: last, phone: '347 123 4567', notes: 'Rateazione.' },
  });
  expect(held.status(), await held.text()).toBe(201);
  const rossiRef = (await held.json()).reference as string;
  expect((await rossi.request.post(`/api/appointments/${rossiRef}/confirm`, { data: {} })).status()).toBe(200);

  // Bianchi finds nothing that day and asks to be told.
  await logIn(page, ACCOUNTS.bianchi.username);
  const subject = `Rateazione in attesa ${Date.now()}`;
  await eligibleThread(page, browser, ACCOUNTS.bianchi.username, ACCOUNTS.operatoreMilano.username, subject);
  await page.goto('/comunicazioni');
  await startBooking(page, subject);
  await press(page.getByLabel('Videochiamata'), 'Space');
  await press(page.getByRole('button', { name: 'Continua' }));
  await expect(stepHeading(page, 2)).toBeFocused();
  await chooseOffice(page, 'Sede di Milano');
  await press(page.getByRole('button', { name: 'Continua' }));
  await expect(stepHeading(page, 3)).toBeFocused();
  await expect(page.getByRole('heading', { level: 2, name: 'Nessun orario ti va bene?' })).toBeVisible();
  await axe('data e ora with the waiting list');
  await press(page.getByRole('link', { name: 'Avvisami se si libera un posto' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Avvisami se si libera un posto' })).toBeFocused();
  await expect(page.getByText('Sede di Milano – Videochiamata')).toBeVisible();
  await axe('waiting list form');

  // A mistake first: no phone (it starts from her latest booking's). The summary names it and
  // nothing is stored.
  await page.getByLabel('Recapito telefonico').fill('');
  await page.getByLabel('Dal giorno', { exact: true }).fill(day.date);
  await page.getByLabel('Al giorno', { exact: true }).fill(day.date);
  await page.getByLabel('Note', { exact: true }).fill('Rateazione del debito.');
  await press(page.getByRole('button', { name: 'Avvisami se si libera un posto' }));
  const summary = page.getByRole('alert').filter({ hasText: "C'è un problema" });
  await expect(summary).toContainText('Inserisci un recapito telefonico.');
  await axe('waiting list form with an error');
  // The video link arrives by SMS: a landline is refused, and the field says so beforehand.
  await expect(page.getByLabel('Recapito telefonico')).toHaveAccessibleDescription(/per SMS/);
  await page.getByLabel('Recapito telefonico').fill('02 1234 5678');
  await press(page.getByRole('radio', { name: 'Di mattina (prima delle 13)' }), 'Space');
  await press(page.getByRole('button', { name: 'Avvisami se si libera un posto' }));
  await expect(summary).toContainText('Per la videochiamata indica un numero di cellulare');
  await page.getByLabel('Recapito telefonico').fill('348 765 4321');
  await press(page.getByRole('button', { name: 'Avvisami se si libera un posto' }));

  await expect(page.getByRole('heading', { level: 1, name: 'Gestione appuntamenti' })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: "Sei in lista d'attesa" })).toBeVisible();
  const list = page.getByRole('region', { name: "Lista d'attesa" });
  await expect(list).toContainText('Sede di Milano – Videochiamata');
  await expect(list).toContainText('di mattina (prima delle 13)');
  await expect(list.getByRole('button', { name: 'Esci dalla lista' })).toBeVisible();
  await axe('gestione with a waiting entry');
  // Leaving gives up her turn: it asks first, and "No" puts everything back as it was.
  await press(list.getByRole('button', { name: 'Esci dalla lista' }));
  const question = list.getByText("Vuoi uscire dalla lista d'attesa?");
  await expect(list.getByRole('group', { name: /Vuoi uscire dalla lista d'attesa\?/ })).toBeVisible();
  await expect(question.locator('xpath=..')).toBeFocused();
  await axe('leaving the waiting list asks first');
  await press(list.getByRole('button', { name: 'No, resta in lista' }));
  await expect(list.getByRole('button', { name: 'Esci dalla lista' })).toBeFocused();

  // Rossi cancels: in that same transaction the place is held for Bianchi.
  expect((await rossi.request.post(`/api/appointments/${rossiRef}/cancel`, { data: {} })).status()).toBe(200);
  await other.close();
  await page.reload();
  await expect(list.getByText(/^Si è liberato un posto: .*, ore 11:30\.$/)).toBeVisible();
  await axe('gestione with an offer');
  const offered = (await (await page.request.get(`/api/contributors/${ACCOUNTS.bianchi.username}/waitlist`)).json())[0];
  expect(offered.status).toBe('offerta');
  const reference = offered.offer.reference as string;
  // The e-mail says so, with the reference.
  const mailDir = process.env.E2E_MAIL_DIR!;
  await expect.poll(() => fs.readdirSync(mailDir).filter((f) => f.endsWith('-waitlist_offer.eml'))
    .some((f) => fs.readFileSync(path.join(mailDir, f), 'utf8').includes(reference)), { timeout: 15_000 }).toBe(true);

  await press(list.getByRole('button', { name: 'Conferma appuntamento' }));
  await expect(page).toHaveURL(new RegExp(`/appuntamenti/${reference}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Appuntamento confermato' })).toBeVisible();
  const history = page.getByRole('list', { name: "Storia dell'appuntamento" });
  await expect(history).toContainText("Posto proposto dalla lista d'attesa");
  await axe('offer confirmed');
  // Let the place go again: the demo's contributors may hold at most 3 active appointments.
  expect((await page.request.post(`/api/appointments/${reference}/cancel`, { data: {} })).status()).toBe(200);
});

test('where places are free, the waiting list offers them instead, and only the parts of the day the office serves', async ({ page, browser, axe }) => {
  await logIn(page, ACCOUNTS.bianchi.username);
  const subject = `Rateazione senza attesa ${Date.now()}`;
  const thread = await eligibleThread(page, browser, ACCOUNTS.bianchi.username, ACCOUNTS.operatoreMilano.username, subject);
  // Roma's Sportello receives only in the morning and has free places on every day.
  await page.goto(`/comunicazioni/${thread}/appuntamento?passo=3&punto=sportello&sede=1`);
  await expect(stepHeading(page, 3)).toBeVisible();
  await expect(page.locator('.day-list__link').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Nessun orario ti va bene?' })).toHaveCount(0);

  await page.goto(`/comunicazioni/${thread}/lista-attesa?punto=sportello&sede=1`);
  await expect(page.getByRole('heading', { level: 1, name: 'Avvisami se si libera un posto' })).toBeVisible();
  await expect(page.getByText('ogni giorno ha ancora orari liberi')).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Di mattina (prima delle 13)' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Di pomeriggio (dalle 13)' })).toHaveCount(0);
  await page.getByLabel('Recapito telefonico').fill('02 1234 5678');
  await page.getByLabel('Note', { exact: true }).fill('Rateazione del debito.');
  await press(page.getByRole('button', { name: 'Avvisami se si libera un posto' }));
  const summary = page.getByRole('alert').filter({ hasText: "C'è un problema" });
  await expect(summary).toContainText("c'è ancora un orario libero");
  const take = page.getByRole('link', { name: /^Prenota (lunedì|martedì|mercoledì|giovedì|venerdì) \d+°? \w+ \d{4} alle \d\d:\d\d$/ });
  await expect(take).toBeVisible();
  await axe('waiting list refused, with the free place offered');
  const name = (await take.textContent())!;
  await press(take);
  // Step 4 with that time, and what she typed still there.
  await expect(stepHeading(page, 4)).toBeFocused();
  const [, day, time] = name.match(/^Prenota (.*) alle (\d\d:\d\d)$/)!;
  await expect(page.locator('.booking-choice')).toContainText(`${day}, ore ${time}`);
  await expect(page.getByLabel('Note', { exact: true })).toHaveValue('Rateazione del debito.');
  // Nothing was stored.
  expect(await (await page.request.get(`/api/contributors/${ACCOUNTS.bianchi.username}/waitlist`)).json())
    .not.toContainEqual(expect.objectContaining({ communication_id: thread, status: 'in_attesa' }));
});
