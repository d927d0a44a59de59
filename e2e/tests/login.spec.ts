import { test, expect } from './fixtures';
import { ACCOUNTS, LoginPage } from '../pages/login-page';
import { Shell } from '../pages/shell';

test.describe('Accedi', () => {
  test('the login page has labelled fields, a title and no accessibility problems', async ({ page, axe }) => {
    const login = new LoginPage(page);
    await login.goto();
    await expect(page).toHaveTitle('Accedi – Cassetto Previdenziale');
    await expect(page.locator('html')).toHaveAttribute('lang', 'it');
    await expect(new Shell(page).header()).toContainText(
      'Cassetto Previdenziale per Artigiani e Commercianti',
    );
    await expect(login.username()).toHaveAttribute('autocomplete', 'username');
    await expect(login.password()).toHaveAttribute('autocomplete', 'current-password');
    await axe('login page');
  });

  const landings = [
    { account: ACCOUNTS.rossi, heading: 'Comunicazione bidirezionale', nav: ['Comunicazione bidirezionale', 'Gestione appuntamenti'] },
    { account: ACCOUNTS.bianchi, heading: 'Comunicazione bidirezionale', nav: ['Comunicazione bidirezionale', 'Gestione appuntamenti'] },
    { account: ACCOUNTS.ferri, heading: 'Comunicazione bidirezionale', nav: ['Comunicazione bidirezionale', 'Gestione appuntamenti'] },
    { account: ACCOUNTS.verdi, heading: 'Agenda dello studio', nav: ['Agenda dello studio', 'Contribuenti', 'Comunicazione bidirezionale'] },
    { account: ACCOUNTS.operatoreRoma, heading: 'Comunicazioni della sede', nav: ['Comunicazioni della sede'] },
    { account: ACCOUNTS.operatoreMilano, heading: 'Comunicazioni della sede', nav: ['Comunicazioni della sede'] },
  ];
  for (const { account, heading, nav } of landings) {
    test(`${account.name} logs in and sees their own name`, async ({ page, axe }) => {
      const login = new LoginPage(page);
      const shell = new Shell(page);
      await login.goto();
      await login.logIn(account.username);
      await expect(shell.heading()).toHaveText(heading);
      await expect(shell.header()).toContainText(account.name);
      for (const link of nav) await expect(shell.navLink(link)).toBeVisible();
      await expect(page).toHaveTitle(`${heading} – Cassetto Previdenziale`);
      await axe(`landing page of ${account.name}`);
    });
  }

  test.describe('refused logins', () => {
  test.use({ allowedHttpErrors: [401, 422] });

  test('a wrong password shows the error summary and moves the focus to it', async ({ page, axe }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.logIn(ACCOUNTS.bianchi.username, 'password-sbagliata');
    await expect(login.errorSummary()).toBeVisible();
    await expect(login.errorSummary()).toBeFocused();
    await expect(login.errorSummary()).toContainText('Nome utente o password non corretti');
    await expect(login.password()).toHaveValue('');
    await axe('login with wrong password');
  });

  test('empty fields get one linked message each', async ({ page, axe }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.submit().click();
    const summary = login.errorSummary();
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveCount(2);
    await summary.getByRole('link', { name: 'Inserisci la password.' }).click();
    await expect(login.password()).toBeFocused();
    await expect(login.username()).toHaveAttribute('aria-invalid', 'true');
    await expect(login.username()).toHaveAccessibleDescription(/Inserisci il codice fiscale o il nome utente/);
    await axe('login with empty fields');
  });
  });

  // The door works before (and without) the app's wasm: the server draws it and takes the form.
  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false, allowedHttpErrors: [401, 422] });

    for (const { account, lands, heading } of [
      { account: ACCOUNTS.operatoreRoma, lands: '/sede/comunicazioni', heading: 'Comunicazioni della sede' },
      { account: ACCOUNTS.rossi, lands: '/comunicazioni', heading: 'Comunicazione bidirezionale' },
    ]) {
      // axe needs a script to run: the same page, drawn by the server alike, is checked with it
      // in the other tests of this file.
      test(`${account.name} logs in with JavaScript off and lands in the app`, async ({ page, browser }) => {
        const login = new LoginPage(page);
        await login.goto();
        await login.logIn(account.username);
        await expect(page).toHaveURL(new RegExp(`${lands}$`));
        // The session is the browser's: the app, once it can run, opens signed in.
        // (A context made in a test takes the test's options: JavaScript back on by name.)
        const withScript = await browser.newContext({
          javaScriptEnabled: true,
          storageState: await page.context().storageState(),
        });
        const app = await withScript.newPage();
        await app.goto(lands);
        await expect(app.getByRole('heading', { level: 1 })).toHaveText(heading);
        await expect(app.getByRole('banner')).toContainText(account.name);
        await withScript.close();
      });
    }

    test('a wrong password with JavaScript off shows the error summary, focused', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.logIn(ACCOUNTS.bianchi.username, 'password-sbagliata');
      await expect(login.errorSummary()).toBeVisible();
      await expect(login.errorSummary()).toBeFocused();
      await expect(login.errorSummary()).toContainText('Nome utente o password non corretti');
      await expect(login.username()).toHaveValue(ACCOUNTS.bianchi.username);
      await expect(login.password()).toHaveValue('');
      // The summary's link leads to the field, with no script.
      await login.errorSummary().getByRole('link').click();
      await expect(login.username()).toBeFocused();
    });
  });

  test('a user logs in with the keyboard alone', async ({ page }) => {
    await new LoginPage(page).goto();
    const shell = new Shell(page);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Vai al contenuto principale' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
    // From the start of the content: SPID and CIE when offered, the first field, then the
    // password, then the button.
    if (process.env.OIDC_TEST_STATE) {
      // A <details> disclosure (Playwright's role table lacks summary; Chromium's has it).
      const spid = page.locator('summary', { hasText: 'Entra con SPID' });
      await expect(spid).toBeVisible();
      await page.keyboard.press('Tab');
      await expect(spid).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(page.getByRole('link', { name: 'Entra con CIE' })).toBeFocused();
    }
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Codice fiscale o nome utente')).toBeFocused();
    await page.keyboard.type(ACCOUNTS.rossi.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo2026');
    await page.keyboard.press('Enter');
    // A new page load into the app: the keyboard starts again from the top, at the skip link.
    await expect(shell.heading()).toHaveText('Comunicazione bidirezionale');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Vai al contenuto principale' })).toBeFocused();
  });

  test('Esci ends the session and says so', async ({ page, axe }) => {
    const login = new LoginPage(page);
    const shell = new Shell(page);
    await login.goto();
    await login.logIn(ACCOUNTS.rossi.username);
    await expect(shell.heading()).toHaveText('Comunicazione bidirezionale');
    await shell.logOut().click();
    await expect(login.heading()).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Hai chiuso la sessione.' })).toBeVisible();
    await axe('after logout');
    // The server forgot the session: a reload does not bring the user back in.
    await page.goto('/comunicazioni');
    await expect(login.heading()).toBeVisible();
    const response = await page.request.get('/api/session');
    expect(response.status()).toBe(401);
  });

  test('a reload on a client route serves the app on that route', async ({ page }) => {
    const login = new LoginPage(page);
    const shell = new Shell(page);
    await login.goto();
    await login.logIn(ACCOUNTS.rossi.username);
    await shell.navLink('Gestione appuntamenti').click();
    await expect(shell.heading()).toHaveText('Gestione appuntamenti');
    await expect(shell.navLink('Gestione appuntamenti')).toHaveAttribute('aria-current', 'page');
    await page.reload();
    await expect(shell.heading()).toHaveText('Gestione appuntamenti');
    await expect(page).toHaveURL(/\/appuntamenti$/);
  });

  test('an unknown address shows the 404 page', async ({ page, axe }) => {
    // A visitor without a session is asked to sign in first, and comes back to the address.
    await page.goto('/pagina-che-non-esiste');
    await expect(page).toHaveURL(/\/accedi\?torna=%2Fpagina-che-non-esiste$/);
    await new LoginPage(page).logIn(ACCOUNTS.rossi.username);
    await expect(page.getByRole('heading', { level: 1, name: 'Pagina non trovata' })).toBeVisible();
    await expect(page).toHaveTitle('Pagina non trovata – Cassetto Previdenziale');
    await expect(page.getByRole('link', { name: 'Torna alla pagina iniziale' })).toBeVisible();
    await axe('404 page');
  });

  test('pages are served under the strict content security policy', async ({ page }) => {
    const response = await page.goto('/accedi');
    const csp = response!.headers()['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain("'unsafe-inline'");
    // The app ran: the form is there, and the fixture checks the console stayed clean.
    await expect(page.getByRole('button', { name: 'Accedi' })).toBeVisible();
  });
});
