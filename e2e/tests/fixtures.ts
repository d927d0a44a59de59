// The extended `test` every spec uses: an axe check (WCAG 2.2 A/AA) to call at every page
// and state, and a guard that fails the test on any console error or uncaught exception
// (a CSP violation is reported as a console error).
import { test as base, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

type Fixtures = {
  axe: (state: string) => Promise<void>;
  consoleErrors: string[];
  /** HTTP statuses a test provokes on purpose (a wrong password's 401): Chromium logs each
   * refused fetch as a console error, and only these are forgiven. */
  allowedHttpErrors: number[];
};

export const test = base.extend<Fixtures>({
  allowedHttpErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, allowedHttpErrors, baseURL }, use) => {
      const errors: string[] = [];
      const ours = (url: string) => !baseURL || url.startsWith(baseURL) || url === 'about:blank';
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        // Another site's page (the SPID/CIE provider's) is not ours to judge.
        if (!ours(page.url())) return;
        const status = /the server responded with a status of (\d{3})/.exec(message.text());
        if (status && allowedHttpErrors.includes(Number(status[1]))) return;
        errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(String(error)));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
  axe: async ({ page }, use) => {
    await use((state: string) => checkAxe(page, state));
  },
});

/** axe (WCAG 2.2 A/AA) on any page, a second browser's included. */
export async function checkAxe(page: Page, state: string) {
  // Legacy mode: axe then opens no blank page of its own to merge frame results. Such a page
  // joins the context's fake clock (page.clock) and can set it back, which made the idle
  // warning vanish under the session spec.
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .setLegacyMode(true)
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, `axe violations on ${state}`).toEqual([]);
}

export { expect };
export type { Page };
