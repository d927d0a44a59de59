// What a person typed survives a session that ended on the server while the page was open:
// the header tells the truth at once, "Accedi" brings them back to the same page with the text,
// and sending it shows, beside the form, what happened and where it is.
import { test, expect } from './fixtures';
import { ACCOUNTS, LoginPage } from '../pages/login-page';
import { ThreadPage, logIn } from '../pages/communications';
import { Shell } from '../pages/shell';

test.use({ allowedHttpErrors: [401] });

test('a reply typed when the session ended is there after logging in again, and sending it shows', async ({ page, axe }) => {
  const shell = new Shell(page);
  const thread = new ThreadPage(page);
  await logIn(page, ACCOUNTS.ferri.username);
  await page.getByRole('table').getByRole('link').first().click();
  const address = new URL(page.url()).pathname;
  await expect(thread.reply()).toBeVisible();
  const text = 'Allego la ricevuta del versamento di ottobre: vi chiedo di verificarla.';
  await thread.reply().fill(text);

  // The session ends on the server while the page stays open (a phone asleep, say).
  expect((await page.request.delete('/api/session')).status()).toBe(204);
  await thread.send().click();

  const login = new LoginPage(page);
  await expect(login.heading()).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'tornerai alla pagina dove eri' })).toBeVisible();
  await expect(shell.header()).not.toContainText('Giovanni Ferri');
  await expect(page.getByRole('button', { name: 'Esci' })).toHaveCount(0);
  await axe('login after the session ended');

  await login.logIn(ACCOUNTS.ferri.username);
  await expect(page).toHaveURL(address);
  await expect(thread.reply()).toHaveValue(text);

  await thread.send().click();
  const banner = page.getByRole('status').filter({ hasText: 'Messaggio inviato' });
  await expect(banner).toBeVisible();
  await expect(thread.reply()).toHaveValue('');
  await expect(thread.messages()).toContainText(text);
  await banner.getByRole('link', { name: 'Vai al messaggio' }).click();
  await expect(page.locator('#ultimo-messaggio')).toContainText(text);
  await axe('reply sent');
  // Sent, the draft is gone: a reload shows an empty field.
  await page.reload();
  await expect(thread.reply()).toHaveValue('');
});

test('Esci forgets the drafts of the tab', async ({ page }) => {
  const thread = new ThreadPage(page);
  await logIn(page, ACCOUNTS.bianchi.username);
  await page.getByRole('table').getByRole('link').first().click();
  const address = new URL(page.url()).pathname;
  await thread.reply().fill('Una bozza che nessun altro deve leggere.');
  await new Shell(page).logOut().click();
  // Esci leaves for the login page, which says so: only then is the next person's turn.
  await expect(page.getByRole('status').filter({ hasText: 'Hai chiuso la sessione.' })).toBeVisible();
  await logIn(page, ACCOUNTS.bianchi.username);
  await page.goto(address);
  await expect(thread.reply()).toHaveValue('');
});
