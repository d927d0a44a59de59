import { test, expect } from './fixtures';
import { ACCOUNTS, LoginPage } from '../pages/login-page';
import { Shell } from '../pages/shell';

test('before the idle timeout the app warns and "Continua la sessione" keeps the session', async ({ page, axe }) => {
  await page.clock.install();
  const login = new LoginPage(page);
  const shell = new Shell(page);
  await login.goto();
  await login.logIn(ACCOUNTS.bianchi.username);
  await expect(shell.heading()).toHaveText('Comunicazione bidirezionale');
  // Every answer of the server restarts the idle clock: one still in flight when the clock jumps
  // would end the warning by itself (under load it did), so let the page finish loading first.
  await page.waitForLoadState('networkidle');

  await page.clock.fastForward('28:05');
  const warning = page.getByRole('alertdialog', { name: 'La sessione sta per scadere' });
  await expect(warning).toBeVisible();
  await expect(warning.getByRole('button', { name: 'Continua la sessione' })).toBeFocused();
  await axe('session warning');

  await page.keyboard.press('Enter');
  await expect(warning).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Sessione prolungata' })).toBeAttached();
  await expect(shell.heading()).toHaveText('Comunicazione bidirezionale');
});

test('at the idle timeout the user is logged out and told why', async ({ page, axe }) => {
  await page.clock.install();
  const login = new LoginPage(page);
  const shell = new Shell(page);
  await login.goto();
  await login.logIn(ACCOUNTS.ferri.username);
  await expect(shell.heading()).toHaveText('Comunicazione bidirezionale');
  // Every answer of the server restarts the idle clock: one still in flight when the clock jumps
  // would end the warning by itself (under load it did), so let the page finish loading first.
  await page.waitForLoadState('networkidle');

  await page.clock.fastForward('30:05');
  await expect(login.heading()).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: 'La sessione è scaduta per inattività' }),
  ).toBeVisible();
  await axe('expired session');
  expect((await page.request.get('/api/session')).status()).toBe(401);
});
