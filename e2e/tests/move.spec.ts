import { test, expect, checkAxe as runAxe } from './fixtures';
import { ACCOUNTS } from '../pages/login-page';
import { logIn } from '../pages/communications';
import { press, stepHeading } from '../pages/booking';
import { Shell } from '../pages/shell';

test.use({ allowedHttpErrors: [422] });
test.describe.configure({ timeout: 90_000 });

test('a contributor moves a confirmed appointment by keyboard and keeps its reference', async ({ page, browser, axe }) => {
  // A confirmed appointment at the Sede di Milano, made through the API.
  await logIn(page, ACCOUNTS.bianchi.username);
  const created = await page.request.post(`/api/contributors/${ACCOUNTS.bianchi.username}/communications`, {
    data: { topic: 'rateazione', subject: `Rateazione da spostare ${Date.now()}`, text: 'Vorrei rateizzare il debito.' },
  });
  expect(created.status()).toBe(201);
  const thread = await created.json();
  const office = await browser.newContext();
  const operator = await office.newPage();
  await logIn(operator, ACCOUNTS.operatoreMilano.username);
  expect((await operator.request.post(`/api/communications/${thread.id}/outcome`, {
    data: { outcome: 'non_accolta', text: 'Ne parliamo in sede.' },
  })).status()).toBe(200);
  await office.close();
  const days = await (await page.request.get('/api/availability?point=sportello&office=2')).json();
  const first = days[0].slots[0].start;
  const held = await page.request.post('/api/appointments', {
    headers: { 'Idempotency-Key': `move-${Date.now()}` },
    data: { communication_id: thread.id, point: 'sportello', office: 2, start: first, phone: '02 1234 5678', notes: 'Rateazione.' },
  });
  expect(held.status()).toBe(201);
  const { reference } = await held.json();
  expect((await page.request.post(`/api/appointments/${reference}/confirm`, { data: {} })).status()).toBe(200);

  // From Gestione appuntamenti, "Sposta" names the appointment it moves.
  const shell = new Shell(page);
  await shell.navLink('Gestione appuntamenti').click();
  await expect(page.getByRole('link', { name: `Sposta appuntamento ${reference}` })).toBeVisible();
  await page.goto(`/appuntamenti/${reference}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Appuntamento confermato' })).toBeVisible();
  await press(page.getByRole('link', { name: 'Sposta appuntamento' }));

  // The wizard opens at "Data e ora" with the point and office kept.
  await expect(stepHeading(page, 3)).toBeFocused();
  await expect(page.getByText(`Sposta appuntamento ${reference}`)).toBeVisible();
  await axe('move: data e ora');
  await press(page.locator('.day-list__link').nth(1));
  const times = page.getByRole('group', { name: /^Orari liberi di / });
  await expect(times).toBeVisible();
  const slot = times.getByRole('radio').first();
  const when = (await slot.getAttribute('aria-label'))!;
  await press(slot, 'Space');
  await press(page.getByRole('button', { name: 'Continua' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Passo 4 di 4: Conferma lo spostamento' })).toBeFocused();
  const summary = page.locator('.summary');
  await expect(summary.getByRole('definition').filter({ hasText: 'Sede di Milano' }).first()).toBeVisible();
  await expect(summary).toContainText(when);
  await axe('move: riepilogo da … a …');
  await press(page.getByRole('button', { name: 'Sposta appuntamento' }));

  await expect(page.getByRole('heading', { level: 1, name: 'Appuntamento spostato' })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: `L'appuntamento ${reference} è stato spostato` })).toBeVisible();
  const history = page.getByRole('list', { name: "Storia dell'appuntamento" });
  await expect(history).toContainText('Appuntamento spostato – Lucia Bianchi');
  await expect(history).toContainText('Spostato da ');
  await axe('moved');
  // The old place is free again.
  const after = await (await page.request.get(`/api/availability?point=sportello&office=2&from=${first.slice(0, 10)}&to=${first.slice(0, 10)}`)).json();
  expect(after[0].slots.some((s: { start: string }) => s.start === first)).toBe(true);

  // The office moves it again, with the reason Bianchi will read.
  const officeContext = await browser.newContext();
  const desk = await officeContext.newPage();
  await logIn(desk, ACCOUNTS.operatoreMilano.username);
  await desk.goto(`/appuntamenti/${reference}`);
  const form = desk.getByRole('region', { name: 'Sposta appuntamento' });
  const choice = form.getByLabel('Nuovo orario');
  await expect(choice.locator('option').nth(2)).toBeAttached();
  const target = await choice.locator('option').nth(2).getAttribute('value');
  await choice.selectOption(target!);
  await press(form.getByRole('button', { name: 'Sposta appuntamento' }));
  await expect(form.getByLabel('Motivo (obbligatorio)')).toHaveAccessibleDescription(/Scrivi il motivo dello spostamento/);
  // Said as on every form: the summary, focused and announced.
  await expect(form.getByRole('alert').filter({ hasText: "C'è un problema" })).toBeFocused();
  await runAxe(desk, 'office move without a reason');
  await form.getByLabel('Motivo (obbligatorio)').fill('Lo sportello sarà chiuso per lavori.');
  await press(form.getByRole('button', { name: 'Sposta appuntamento' }));
  await expect(desk.getByRole('status').filter({ hasText: `L'appuntamento ${reference} è stato spostato` })).toBeVisible();
  await runAxe(desk, 'moved by the office');
  await officeContext.close();
  await page.reload();
  await expect(page.getByRole('list', { name: "Storia dell'appuntamento" })).toContainText('Motivo: Lo sportello sarà chiuso per lavori.');
  // Let the place go again: the demo's contributors may hold at most 3 active appointments.
  expect((await page.request.post(`/api/appointments/${reference}/cancel`, { data: {} })).status()).toBe(200);
});
