// The contributor's and the intermediary's pages on small screens: nothing scrolls sideways at
// 320 px (WCAG 1.4.10 Reflow), measured on the page as rendered, not guessed from the CSS.
import { test, expect, Page } from './fixtures';
import { ACCOUNTS } from '../pages/login-page';
import { logIn } from '../pages/communications';
import { sideways } from '../pages/booking';

const pages: { who: keyof typeof ACCOUNTS; path: string; heading: RegExp }[] = [
  { who: 'rossi', path: '/comunicazioni', heading: /Comunicazione bidirezionale/ },
  { who: 'rossi', path: '/comunicazioni/nuova', heading: /Nuova comunicazione/ },
  { who: 'rossi', path: '/appuntamenti', heading: /Gestione appuntamenti/ },
  { who: 'rossi', path: '/recapiti', heading: /Recapiti/ },
  { who: 'verdi', path: '/studio', heading: /Agenda dello studio/ },
  { who: 'verdi', path: '/contribuenti', heading: /Contribuenti|Scegli/ },
];

test.describe('at 320 px nothing scrolls sideways', () => {
  test.use({ viewport: { width: 320, height: 640 } });
  for (const { who, path, heading } of pages) {
    test(`${path} as ${ACCOUNTS[who].name}`, async ({ page, axe }) => {
      await logIn(page, ACCOUNTS[who].username);
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      await page.waitForLoadState('networkidle');
      expect(await sideways(page)).toEqual([]);
      await axe(`${path} at 320 px`);
    });
  }
});

/** The top of the first element `locator` finds, in page pixels. */
async function topOf(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
}

test.describe('on a 375 × 812 phone the first item of a list is in the first screen', () => {
  test.use({ viewport: { width: 375, height: 812 } });
  const lists = [
    { who: 'rossi' as const, path: '/comunicazioni', first: 'main table tbody tr a' },
    { who: 'rossi' as const, path: '/appuntamenti', first: 'main table tbody tr a' },
    { who: 'verdi' as const, path: '/studio', first: 'main table tbody tr' },
  ];
  for (const { who, path, first } of lists) {
    test(`${path} as ${ACCOUNTS[who].name}`, async ({ page }) => {
      await logIn(page, ACCOUNTS[who].username);
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const top = await topOf(page, first);
      expect(top, `first item of ${path} at ${Math.round(top)} px`).toBeLessThan(812);
    });
  }
});

test.describe('on a phone the navigation folds behind Menu', () => {
  test.use({ viewport: { width: 375, height: 812 } });
  test('Menu opens by keyboard, a link followed closes it', async ({ page, axe }) => {
    await logIn(page, ACCOUNTS.verdi.username);
    const nav = page.getByRole('navigation', { name: 'Navigazione principale' });
    const menu = nav.getByRole('button', { name: 'Menu' });
    await expect(nav.getByRole('link', { name: 'Contribuenti' })).toBeHidden();
    await menu.focus();
    await page.keyboard.press('Enter');
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await axe('phone menu open');
    await nav.getByRole('link', { name: 'Contribuenti' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Contribuenti|Scegli/);
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
  });
});

test.describe('an intermediary on a phone', () => {
  test.use({ viewport: { width: 375, height: 812 } });
  test('step 4 for a client has "Prenota appuntamento" in the first screen', async ({ page, axe }) => {
    await logIn(page, ACCOUNTS.verdi.username);
    await page.goto('/contribuenti');
    await page.getByRole('button', { name: 'Opera per Mario Rossi' }).click();
    await expect(page.getByText('Stai operando per: Mario Rossi (RSSMRA80A01H501U)')).toBeVisible();
    const threads = await (await page.request.get(`/api/contributors/${ACCOUNTS.rossi.username}/communications`)).json();
    const items = Array.isArray(threads) ? threads : threads.items;
    const thread = items.find((t: { eligibility: { eligible: boolean } }) => t.eligibility.eligible);
    const days = await (await page.request.get('/api/availability?point=sportello&office=1')).json();
    const start = days[0].slots[0].start as string;
    await page.goto(`/comunicazioni/${thread.id}/appuntamento?passo=4&punto=sportello&sede=1&giorno=${days[0].date}&ora=${encodeURIComponent(start)}`);
    const book = page.getByRole('button', { name: 'Prenota appuntamento' });
    await expect(book).toBeVisible();
    const top = await book.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    expect(top, `Prenota appuntamento at ${Math.round(top)} px`).toBeLessThan(812);
    await axe('intermediary step 4 on a phone');
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await sideways(page)).toEqual([]);
  });
});

/** Every layout shift of the page's load (not caused by input), and whether index.html's frame
 * was on screen before the app: recorded from the first byte by an init script. */
async function watchShifts(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { shifts: string[]; framed: boolean };
    w.shifts = [];
    w.framed = false;
    new PerformanceObserver((list) => {
      type Shift = PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
        sources: { node?: Element; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[];
      };
      for (const entry of list.getEntries() as Shift[]) {
        if (entry.hadRecentInput) continue;
        // What moved, and from where to where: the failure names it.
        const moved = entry.sources.map((s) => {
          const el = s.node as Element | undefined;
          const name = el ? `${el.nodeName.toLowerCase()}.${el.className || el.id || ''}` : '?';
          const r = (x: DOMRectReadOnly) => `${Math.round(x.x)},${Math.round(x.y)} ${Math.round(x.width)}×${Math.round(x.height)}`;
          return `${name} ${r(s.previousRect)} → ${r(s.currentRect)}`;
        });
        w.shifts.push(`${entry.value.toFixed(5)} at ${Math.round(entry.startTime)} ms: ${moved.join('; ')}`);
      }
    }).observe({ type: 'layout-shift', buffered: true });
    document.addEventListener('DOMContentLoaded', () => {
      w.framed = document.getElementById('shell') !== null;
    });
  });
}

test.describe("the app's first paint is index.html's frame, replaced without a layout shift", () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 812 }]) {
    test(`the booking page at ${viewport.width} px`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await logIn(page, ACCOUNTS.bianchi.username);
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: /Richiedi appuntamento/ }) }).first();
      const booking = await row.getByRole('link', { name: /Richiedi appuntamento/ }).getAttribute('href');
      await watchShifts(page);
      await page.goto(booking!);
      await expect(page.getByRole('heading', { level: 1, name: /^Passo 1 di 4/ })).toBeVisible();
      await page.waitForLoadState('networkidle');
      const { shifts, framed, shell } = await page.evaluate(() => {
        const w = window as unknown as { shifts: string[]; framed: boolean };
        return { shifts: w.shifts, framed: w.framed, shell: document.getElementById('shell') !== null };
      });
      expect(framed, 'the frame was there before the app').toBe(true);
      expect(shell, 'the app replaced the frame').toBe(false);
      expect(shifts, 'layout shifts while the page loaded').toEqual([]);
    });
  }
});
