// What a public service owes its users: the footer's pages from the login page and from a
// signed-in page, an accessibility report that an operator reads, and Valuta il servizio after
// a confirmation, seen in the office's Andamento — at a desk's width and a phone's.
import { test, expect, checkAxe, Page } from './fixtures';
import { ACCOUNTS } from '../pages/login-page';
import { logIn } from '../pages/communications';

test.describe.configure({ timeout: 90_000 });

const SIZES = [
  { width: 1280, height: 800 },
  { width: 375, height: 812 },
];

const footerLink = (page: Page, name: string) =>
  page.getByRole('contentinfo').getByRole('navigation', { name: 'Informazioni sul servizio' }).getByRole('link', { name });

/** Follows the footer's three notices from the page `page` is on, with axe on each. */
async function followTheFooter(page: Page, axe: (state: string) => Promise<void>, from: string) {
  const back = page.url();
  for (const [link, heading] of [
    ['Dichiarazione di accessibilità', 'Dichiarazione di accessibilità'],
    ['Informativa privacy', 'Informativa sul trattamento dei dati personali'],
    ['Cookie', 'Cookie'],
  ]) {
    await page.goto(back);
    await footerLink(page, link).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await axe(`${heading} from ${from}`);
  }
}

for (const size of SIZES) {
  test(`at ${size.width}: the footer leads to the statement, the privacy notice and the cookie page, from the login page and from a signed-in page`, async ({ page, axe }) => {
    await page.setViewportSize(size);
    await page.goto('/accedi');
    await followTheFooter(page, axe, `/accedi at ${size.width}`);
    // The privacy notice's periods are a table a screen reader can walk.
    await page.goto('/privacy');
    const periods = page.getByRole('table', { name: 'Periodi di conservazione' });
    await expect(periods.getByRole('row', { name: /Tentativi di accesso non riusciti/ })).toContainText('1 giorno');
    await expect(page.getByRole('row', { name: /^Posto prenotato/ })).toContainText('15 minuti');
    await page.goto('/cookie');
    await expect(page.getByRole('row', { name: /cassetto_session/ })).toContainText('12 ore');
    await expect(page.getByText('il servizio non mostra alcun banner')).toBeVisible();

    await logIn(page, ACCOUNTS.ferri.username);
    await expect(footerLink(page, 'Aiuto')).toBeVisible();
    await followTheFooter(page, axe, `a signed-in page at ${size.width}`);
    // The brand leads back into the app, still signed in.
    await page.getByRole('link', { name: /Cassetto Previdenziale per Artigiani e Commercianti/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Comunicazione bidirezionale' })).toBeVisible();
  });
}

test.describe('reports', () => {
  test.use({ allowedHttpErrors: [422] });

  for (const size of SIZES) {
    test(`at ${size.width}: an accessibility report is sent from the statement and an operator reads it`, async ({ page, browser, axe }) => {
      await page.setViewportSize(size);
      await page.goto('/accedi');
      await footerLink(page, 'Dichiarazione di accessibilità').click();
      const send = page.getByRole('button', { name: 'Invia la segnalazione' });
      await send.click();
      const summary = page.getByRole('alert').filter({ hasText: "C'è un problema" });
      await expect(summary).toBeFocused();
      await axe(`report with errors at ${size.width}`);
      await summary.getByRole('link', { name: 'Descrivi il problema che hai incontrato.' }).click();
      const description = page.getByLabel('Descrivi il problema');
      await expect(description).toBeFocused();
      const words = `Il calendario non si legge con lo zoom al 200% (${size.width} ${Date.now()})`;
      await description.fill(words);
      await page.getByLabel('Pagina o funzione (facoltativo)').fill('Richiedi appuntamento');
      await page.getByLabel('Indirizzo e-mail (facoltativo)').fill('anna.neri@example.it');
      await send.click();
      const received = page.getByRole('status').filter({ hasText: /Segnalazione n\. \d+ ricevuta/ });
      await expect(received).toBeVisible();
      await expect(received).toBeFocused();
      const number = (await received.getByRole('heading').textContent())!.match(/\d+/)![0];
      await axe(`report received at ${size.width}`);

      const office = await browser.newContext({ viewport: size, javaScriptEnabled: true });
      const desk = await office.newPage();
      await logIn(desk, ACCOUNTS.operatoreRoma.username);
      await desk.goto('/sede/andamento');
      await desk.getByRole('link', { name: 'Segnalazioni di accessibilità' }).click();
      await expect(desk.getByRole('heading', { level: 1, name: 'Segnalazioni di accessibilità' })).toBeVisible();
      const report = desk.getByRole('listitem').filter({ hasText: words });
      await expect(report.getByRole('heading', { name: `Segnalazione n. ${number}` })).toBeVisible();
      await expect(report.getByRole('link', { name: 'Rispondi a anna.neri@example.it' })).toHaveAttribute('href', 'mailto:anna.neri@example.it');
      await checkAxe(desk, `reports list at ${size.width}`);
      await office.close();
    });
  }
});

test.describe('ratings', () => {
  test.use({ allowedHttpErrors: [422] });

  for (const size of SIZES) {
    test(`at ${size.width}: a rating given after a confirmation appears in the office's Andamento`, async ({ page, browser, axe }) => {
      await page.setViewportSize(size);
      // Bianchi writes; the Milan office closes the thread (so a booking may follow at once).
      await logIn(page, ACCOUNTS.bianchi.username);
      const created = await page.request.post(`/api/contributors/${ACCOUNTS.bianchi.username}/communications`, {
        data: { topic: 'rateazione', subject: `Valutazione ${size.width} ${Date.now()}`, text: 'Vorrei rateizzare il debito.' },
      });
      expect(created.status()).toBe(201);
      const thread = (await created.json()).id;
      const office = await browser.newContext({ viewport: size, javaScriptEnabled: true });
      const desk = await office.newPage();
      await logIn(desk, ACCOUNTS.operatoreMilano.username);
      expect((await desk.request.post(`/api/communications/${thread}/outcome`, {
        data: { outcome: 'non_accolta', text: 'Ne parliamo in sede.' },
      })).status()).toBe(200);
      const offices = await (await page.request.get('/api/offices')).json();
      const milano = offices.find((o: { name: string }) => o.name === 'Sede di Milano').id;
      const days = await (await page.request.get(`/api/availability?point=sportello&office=${milano}`)).json();
      const start = days.flatMap((d: { slots: { start: string; free: number }[] }) => d.slots).find((s: { free: number }) => s.free > 0).start;
      const held = await page.request.post('/api/appointments', {
        headers: { 'Idempotency-Key': `rating-${size.width}-${Date.now()}` },
        data: { communication_id: thread, point: 'sportello', office: milano, start, phone: '02 1234 5678', notes: 'Rateazione.' },
      });
      expect(held.status()).toBe(201);
      const reference = (await held.json()).reference;
      expect((await page.request.post(`/api/appointments/${reference}/confirm`, { data: {} })).status()).toBe(200);

      await page.goto(`/appuntamenti/${reference}`);
      await expect(page.getByRole('heading', { level: 1, name: 'Appuntamento confermato' })).toBeVisible();
      const rating = page.getByRole('region', { name: 'Valuta il servizio' });
      const question = rating.getByRole('group', { name: "Quanto è stato facile prenotare l'appuntamento?" });
      await expect(question).toBeVisible();
      await axe(`rating offered at ${size.width}`);
      await rating.getByRole('button', { name: 'Invia la valutazione' }).click();
      await expect(page.getByRole('alert').filter({ hasText: "C'è un problema" })).toBeFocused();
      await axe(`rating without a choice at ${size.width}`);
      await question.getByRole('radio', { name: 'Facile', exact: true }).check();
      const comment = `Tutto chiaro ${size.width} ${Date.now()}`;
      await rating.getByLabel('Vuoi aggiungere un commento? (facoltativo)').fill(comment);
      await rating.getByRole('button', { name: 'Invia la valutazione' }).click();
      await expect(rating.getByRole('status')).toContainText('Grazie: la tua valutazione è stata registrata.');
      await expect(question).toHaveCount(0);
      await axe(`rating thanked at ${size.width}`);
      // Reloaded, the question is not asked again.
      await page.reload();
      await expect(page.getByRole('heading', { level: 1, name: 'Appuntamento confermato' })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Valuta il servizio' })).toHaveCount(0);

      await desk.goto('/sede/andamento');
      const section = desk.getByRole('region', { name: 'Valuta il servizio' });
      await expect(section.getByRole('row', { name: /Prenotazione di un appuntamento/ })).toBeVisible();
      await expect(section.getByText(comment)).toBeVisible();
      await checkAxe(desk, `Andamento with ratings at ${size.width}`);
      await office.close();
    });
  }
});
