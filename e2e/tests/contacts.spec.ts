import { test, expect } from './fixtures';
import { ACCOUNTS } from '../pages/login-page';
import { logIn } from '../pages/communications';

test.use({ allowedHttpErrors: [422] });

test('a contributor changes the address for confirmations and turns reminders off, by keyboard', async ({ page, axe }) => {
  await logIn(page, ACCOUNTS.rossi.username);
  await page.getByRole('navigation', { name: 'Navigazione principale' }).getByRole('link', { name: 'Recapiti' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Recapiti' })).toBeVisible();
  const email = page.getByLabel('Indirizzo e-mail');
  await expect(email).toHaveValue('mario.rossi@example.it');
  const reminders = page.getByLabel('Voglio un promemoria prima di ogni appuntamento');
  await expect(reminders).toBeChecked();
  await axe('recapiti');

  await email.fill('mario rossi@example');
  await email.press('Enter');
  const summary = page.getByRole('alert').filter({ hasText: "C'è un problema" });
  await expect(summary).toBeFocused();
  await expect(email).toHaveAccessibleDescription(/indirizzo e-mail valido/);
  await axe('recapiti with an error');

  await email.fill('m.rossi@esempio.it');
  await reminders.focus();
  await page.keyboard.press('Space');
  await expect(reminders).not.toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Salva i recapiti' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Recapiti salvati' })).toHaveText(
    'Recapiti salvati: m•••@esempio.it, senza promemoria.',
  );
  await expect(summary).toHaveCount(0);
  await axe('recapiti saved');

  await page.reload();
  await expect(page.getByLabel('Indirizzo e-mail')).toHaveValue('m.rossi@esempio.it');
  await expect(page.getByLabel('Voglio un promemoria prima di ogni appuntamento')).not.toBeChecked();
});
