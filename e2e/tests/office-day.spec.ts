// An operator's day at the desk and on the phone, on a wide screen and on a phone: a person
// calls with a protocol, the operator finds the thread and the person's file, takes the thread
// in charge, books for them, then looks at how the office is doing and downloads the period.
import { test, expect, Page } from './fixtures';
import { ACCOUNTS } from '../pages/login-page';
import { logIn } from '../pages/communications';
import { press, sideways } from '../pages/booking';
import { Shell } from '../pages/shell';
import fs from 'node:fs';

test.use({ allowedHttpErrors: [422] });
test.describe.configure({ timeout: 120_000 });

/** A tab of the main navigation, opening "Menu" first where the phone folds it. */
async function tab(page: Page, name: string) {
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await new Shell(page).navLink(name).click();
}

for (const [label, viewport] of [
  ['wide screen', { width: 1280, height: 800 }],
  ['phone', { width: 375, height: 812 }],
] as const) {
  test.describe(label, () => {
    test.use({ viewport });

    test(`the office books by phone for a caller found by protocol and codice fiscale (${label})`, async ({ page, browser, axe }) => {
      const shell = new Shell(page);
      // Bianchi writes to Milano (today: she could not ask for an appointment herself yet).
      const context = await browser.newContext();
      const bianchi = await context.newPage();
      await logIn(bianchi, ACCOUNTS.bianchi.username);
      const subject = `Rateazione al telefono (${label})`;
      const sent = await bianchi.request.post(`/api/contributors/${ACCOUNTS.bianchi.username}/communications`, {
        data: { topic: 'rateazione', subject, text: 'Vorrei rateizzare l\'avviso di addebito.' },
      });
      expect(sent.status()).toBe(201);
      const protocol: string = (await sent.json()).protocol;
      await context.close();

      await logIn(page, ACCOUNTS.operatoreMilano.username);
      const search = page.getByRole('search', { name: 'Cerca nella sede' });
      const box = search.getByRole('searchbox', { name: /Codice fiscale, nome, protocollo/ });
      await box.fill(protocol);
      await box.press('Enter');
      await expect(page.getByRole('status').filter({ hasText: '1 risultato.' })).toBeVisible();
      await axe(`search by protocol (${label})`);
      await page.getByRole('region', { name: 'Comunicazioni' }).getByRole('link', { name: subject }).click();
      await expect(shell.heading()).toHaveText(subject);
      expect(await sideways(page)).toEqual([]);

      // Take it in charge, so colleagues see who is on it.
      const inside = page.getByRole('region', { name: 'Lavorazione interna' });
      await press(inside.getByRole('button', { name: 'Prendi in carico' }));
      await expect(inside).toContainText('Presa in carico da Paolo Greco');
      await axe(`thread taken in charge (${label})`);

      // The person's file, found by codice fiscale too.
      await box.fill(ACCOUNTS.bianchi.username);
      await box.press('Enter');
      await page.getByRole('region', { name: 'Contribuenti' }).getByRole('link', { name: ACCOUNTS.bianchi.name }).click();
      await expect(shell.heading()).toHaveText('Scheda del contribuente');
      await expect(page).toHaveTitle(`Scheda di ${ACCOUNTS.bianchi.name} – Cassetto Previdenziale`);
      const threads = page.getByRole('region', { name: 'Comunicazioni' });
      await expect(threads.getByRole('link', { name: subject })).toBeVisible();
      expect(await sideways(page)).toEqual([]);
      await axe(`contributor's file (${label})`);

      // Book for her, from the file: a call-back.
      await threads.getByRole('link', { name: `Prenota per la comunicazione ${protocol}` }).click();
      await expect(shell.heading()).toHaveText('Prenota per il contribuente');
      await press(page.getByRole('button', { name: 'Prenota e conferma' }));
      const summary = page.getByRole('alert').filter({ hasText: "C'è un problema" });
      await expect(summary).toBeFocused();
      await axe(`office booking with errors (${label})`);
      await page.getByLabel('Punto di consulenza').selectOption({ label: 'Consulenza telefonica (richiamata)' });
      const time = page.getByLabel('Orario');
      await expect(time.locator('option')).not.toHaveCount(1);
      await time.selectOption({ index: 1 });
      await page.getByLabel('Recapito telefonico del contribuente').fill('02 1234 5678');
      await page.getByLabel('Note').fill('Rateazione: richiamare per le condizioni.');
      await press(page.getByRole('button', { name: 'Prenota e conferma' }));
      await expect(shell.heading()).toHaveText(/^Appuntamento AP-\d{4}-\d{6}$/);
      const reference = (await shell.heading().textContent())!.replace('Appuntamento ', '').trim();
      await expect(page.getByRole('status').filter({ hasText: 'prenotato e confermato per Lucia Bianchi' })).toBeVisible();
      await expect(page.getByRole('list', { name: "Storia dell'appuntamento" })).toContainText('Appuntamento confermato – Sede di Milano (Paolo Greco)');
      expect(await sideways(page)).toEqual([]);
      await axe(`booked by the office (${label})`);

      // How the office is doing, and the period's threads as a spreadsheet.
      await tab(page, 'Andamento');
      await expect(shell.heading()).toHaveText('Andamento della sede');
      await expect(page.getByRole('table', { name: 'Comunicazioni da rispondere, per attesa' })).toBeVisible();
      await expect(page.getByRole('img', { name: /Grafico a barre/ }).first()).toBeVisible();
      expect(await sideways(page)).toEqual([]);
      await axe(`office statistics (${label})`);
      const downloading = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Scarica le comunicazioni del periodo (CSV)' }).click();
      const text = fs.readFileSync((await (await downloading).path())!, 'utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      expect(text).toContain(`"${protocol}"`);
      expect(text).toContain(`"${subject}"`);

      // The week and today's agenda read on this screen too, nothing off to the side.
      await tab(page, 'Settimana');
      await expect(shell.heading()).toHaveText('Settimana della sede');
      await expect(page.getByRole('rowheader')).toHaveCount(7);
      expect(await sideways(page)).toEqual([]);
      await axe(`the week (${label})`);
      await page.getByRole('rowheader').first().getByRole('link').click();
      await expect(shell.heading()).toHaveText('Agenda della sede');
      expect(await sideways(page)).toEqual([]);
      await axe(`a day's agenda (${label})`);
      // Let the place go again: the demo's contributors may hold at most 3 active appointments,
      // and other specs book for Bianchi too.
      const cancelled = await page.request.post(`/api/appointments/${reference}/cancel`, { data: { reason: 'Prova conclusa.' } });
      expect(cancelled.status()).toBe(200);
    });
  });
}
