import { test, expect } from './fixtures';
import { Page } from '@playwright/test';
import { ACCOUNTS } from '../pages/login-page';
import { logIn } from '../pages/communications';
import { press, startBooking, stepHeading, chooseOffice } from '../pages/booking';

test.describe.configure({ timeout: 90_000 });

const SIZES = [
  { width: 375, height: 812 },
  { width: 1280, height: 800 },
];

/** WCAG 1.4.10 Reflow: nothing scrolls sideways. */
async function fitsTheWidth(page: Page) {
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
  expect(scroll, 'page width').toBeLessThanOrEqual(inner);
}

/** Within the screen's width, without scrolling sideways. */
async function inWidth(page: Page, locator: ReturnType<Page['getByRole']>) {
  await expect(locator).toBeVisible();
  const box = (await locator.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

for (const size of SIZES) {
  test(`at ${size.width}×${size.height}: lists, the wizard and a held appointment fit, with status and actions in reach`, async ({ page, browser, axe }) => {
    await page.setViewportSize(size);
    await logIn(page, ACCOUNTS.bianchi.username);
    const subject = `Rateazione sul telefono ${size.width} ${Date.now()}`;
    const created = await page.request.post(`/api/contributors/${ACCOUNTS.bianchi.username}/communications`, {
      data: { topic: 'rateazione', subject, text: 'Vorrei rateizzare il debito.' },
    });
    expect(created.status()).toBe(201);
    const thread = (await created.json()).id;
    const office = await browser.newContext();
    const desk = await office.newPage();
    await logIn(desk, ACCOUNTS.operatoreMilano.username);
    expect((await desk.request.post(`/api/communications/${thread}/outcome`, {
      data: { outcome: 'non_accolta', text: 'Ne parliamo in sede.' },
    })).status()).toBe(200);
    await office.close();

    // The threads list: every row's status and its "Richiedi appuntamento" without sideways scrolling.
    await page.goto('/comunicazioni');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: subject }) });
    await inWidth(page, row.getByText('Non accolta', { exact: true }));
    await inWidth(page, row.getByRole('link', { name: /Richiedi appuntamento/ }));
    await fitsTheWidth(page);
    await axe(`threads list at ${size.width}`);

    // The wizard's steps.
    await startBooking(page, subject);
    await fitsTheWidth(page);
    await press(page.getByLabel('Sportello in sede'), 'Space');
    await press(page.getByRole('button', { name: 'Continua' }));
    await expect(stepHeading(page, 2)).toBeFocused();
    await fitsTheWidth(page);
    await chooseOffice(page, 'Sede di Milano');
    await press(page.getByRole('button', { name: 'Continua' }));
    await expect(stepHeading(page, 3)).toBeFocused();
    await fitsTheWidth(page);
    await press(page.locator('.day-list__link').first());
    await press(page.getByRole('radio').first(), 'Space');
    await press(page.getByRole('button', { name: 'Continua' }));
    await expect(stepHeading(page, 4)).toBeFocused();
    await fitsTheWidth(page);
    await axe(`riepilogo at ${size.width}`);
    await page.getByLabel('Recapito telefonico').fill('02 1234 5678');
    await page.getByLabel('Note', { exact: true }).fill('Rateazione del debito.');
    await press(page.getByRole('button', { name: 'Prenota appuntamento' }));

    // The held appointment: when, the time left and both buttons on the first screen.
    await expect(page.getByRole('heading', { level: 1, name: 'Prenotazione da confermare' })).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0));
    for (const name of ['Conferma appuntamento', 'Cancella prenotazione']) {
      const button = page.getByRole('button', { name });
      await inWidth(page, button);
      const box = (await button.boundingBox())!;
      expect(box.y + box.height, `${name} on the first screen`).toBeLessThanOrEqual(size.height);
    }
    await expect(page.getByText(/^Il posto resta riservato fino alle \d\d:\d\d/)).toBeInViewport();
    await fitsTheWidth(page);
    await axe(`held appointment at ${size.width}`);
    const reference = page.url().split('/').pop()!;

    // Gestione appuntamenti: the booking's status without sideways scrolling.
    await page.goto('/appuntamenti');
    const booked = page.getByRole('row').filter({ has: page.getByRole('link', { name: reference }) });
    await inWidth(page, booked.getByText('Prenotato – da confermare'));
    await fitsTheWidth(page);
    await axe(`gestione at ${size.width}`);
    // Let the place go again: the demo's contributors may hold at most 3 active appointments.
    expect((await page.request.post(`/api/appointments/${reference}/release`, { data: {} })).status()).toBe(200);
  });
}

for (const size of SIZES) {
  test(`at ${size.width}×${size.height}: the office's queue fits, each thread's status in reach`, async ({ page, axe }) => {
    await page.setViewportSize(size);
    await logIn(page, ACCOUNTS.operatoreRoma.username);
    await expect(page.getByRole('heading', { level: 1, name: 'Comunicazioni della sede' })).toBeVisible();
    // The first thread, whatever its state: its link and its status within the width.
    const row = page.getByRole('row').nth(1);
    await inWidth(page, row.getByRole('link').first());
    await inWidth(page, row.locator('td[data-label="Stato"] > *').first());
    await fitsTheWidth(page);
    await axe(`office queue at ${size.width}`);
  });
}
