// "Entra con SPID" and "Entra con CIE" against Developers Italia's reference provider, which
// `make e2e` runs on 127.0.0.2 (scripts/oidc-provider.sh) with this server onboarded. Our pages
// are found by role and name; the provider's own pages, which are not ours to label, by the ids
// its templates give them.
import { test, expect, Page } from './fixtures';
import { Shell } from '../pages/shell';
import { LoginPage } from '../pages/login-page';

test.skip(!process.env.OIDC_TEST_STATE, 'needs the reference provider (make e2e)');

// "Entra con SPID" is a <details> disclosure, which works without a script: Chromium exposes its
// <summary> as an expandable button, but Playwright's role table has no entry for summary.
const spidButton = (page: Page) => page.locator('summary', { hasText: 'Entra con SPID' });
const spidOpen = (page: Page) => page.locator('details', { has: spidButton(page) });
const cieLink = (page: Page) => page.getByRole('link', { name: 'Entra con CIE' });

/** At the provider: credentials, then consent. */
async function atProvider(page: Page, username: string) {
  await page.locator('#id_username').fill(username);
  await page.locator('#id_password').fill('Prova-SPID-1');
  await page.locator('#submit').click();
  await page.locator('#agree').click();
}

test.describe('SPID e CIE', () => {
  test('Accedi offers SPID and CIE first, by keyboard, and the demo form below', async ({ page, axe }) => {
    const login = new LoginPage(page);
    await login.goto();
    await expect(spidButton(page)).toBeVisible();
    await expect(cieLink(page)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Accesso dimostrativo' })).toBeVisible();
    await axe('login page with SPID and CIE');
    // The SPID button discloses its providers; Enter opens, the list is reachable by Tab.
    await expect(spidOpen(page)).not.toHaveAttribute('open');
    await spidButton(page).focus();
    await page.keyboard.press('Enter');
    await expect(spidOpen(page)).toHaveAttribute('open');
    const providers = page.getByRole('list', { name: "Gestori dell'identità SPID" });
    await expect(providers.getByRole('link', { name: 'Provider SPID di prova' })).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(providers.getByRole('link', { name: 'Provider SPID di prova' })).toBeFocused();
    await axe('login page with the SPID providers open');
  });

  test('a contributor enters with SPID, lands on their communications and logs out', async ({ page }) => {
    const shell = new Shell(page);
    await new LoginPage(page).goto();
    await spidButton(page).click();
    await page.getByRole('link', { name: 'Provider SPID di prova' }).click();
    await expect(page).toHaveURL(/127\.0\.0\.2:8000\/oidc\/op\/authorization/);
    await atProvider(page, 'rssmra80a01h501u');
    await expect(shell.heading()).toHaveText('Comunicazione bidirezionale');
    await expect(shell.header()).toContainText('Mario Rossi');
    await page.getByRole('button', { name: 'Esci' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Accedi' })).toBeVisible();
    await page.goto('/comunicazioni');
    await expect(page.getByRole('heading', { level: 1, name: 'Accedi' })).toBeVisible();
  });

  test('an intermediary enters with CIE and sees the studio agenda', async ({ page }) => {
    const shell = new Shell(page);
    await new LoginPage(page).goto();
    await cieLink(page).click();
    await expect(page).toHaveURL(/127\.0\.0\.2:8001\/oidc\/op\/authorization/);
    await atProvider(page, 'vrdgpp70c15l219c');
    await expect(shell.heading()).toHaveText('Agenda dello studio');
    await expect(shell.header()).toContainText('Giuseppe Verdi');
  });

  test('a codice fiscale the service does not know comes back with a plain explanation', async ({ page, axe }) => {
    await new LoginPage(page).goto();
    await cieLink(page).click();
    await atProvider(page, 'scnscn90a01h501x');
    await expect(page).toHaveURL(/\/accedi\?errore=sconosciuto/);
    const summary = page.getByRole('alert').filter({ hasText: "C'è un problema" });
    await expect(summary).toContainText('non risulta tra gli utenti');
    await expect(summary).toBeFocused();
    await axe('login refused: unknown codice fiscale');
  });
});
