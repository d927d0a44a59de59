import { test, expect } from './fixtures';
import { ACCOUNTS, LoginPage } from '../pages/login-page';
import { Shell } from '../pages/shell';

test('Verdi acts for Rossi, then Bianchi, and is never offered Ferri', async ({ page, axe }) => {
  const login = new LoginPage(page);
  const shell = new Shell(page);
  await login.goto();
  await login.logIn(ACCOUNTS.verdi.username);
  await expect(shell.heading()).toHaveText('Agenda dello studio');
  await axe('studio agenda');
  await shell.navLink('Contribuenti').click();
  await expect(shell.heading()).toHaveText('Scegli il contribuente');
  const list = page.getByRole('list', { name: 'Contribuenti che ti hanno delegato' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list).not.toContainText('Ferri');
  await expect(list).not.toContainText('FRRGNN72T10F839E');
  await axe('contributor choice');

  // Search by codice fiscale or name, among the delegated contributors only.
  const search = page.getByRole('searchbox', { name: 'Nome o codice fiscale' });
  await search.fill('rssmra80');
  await search.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '1 contribuente trovato.' })).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(search).toHaveValue('rssmra80');
  await axe('contributor search');
  await search.fill('Ferri');
  await page.getByRole('button', { name: 'Cerca' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Nessuno dei contribuenti che ti hanno delegato corrisponde a «Ferri». Puoi operare solo per chi ti ha conferito una delega.' })).toBeVisible();
  // Only the search in the address: nothing from the button.
  expect(new URL(page.url()).search).toBe('?cerca=Ferri');
  await expect(page.getByRole('link', { name: 'Mostra tutti i contribuenti delegati' })).toBeVisible();
  await axe('contributor search without results');
  await search.fill('Rossi');
  await search.press('Enter');

  await page.getByRole('button', { name: 'Opera per Mario Rossi' }).click();
  await expect(shell.heading()).toHaveText('Comunicazione bidirezionale');
  await expect(page.getByText('Stai operando per: Mario Rossi (RSSMRA80A01H501U)')).toBeVisible();
  await axe('acting for Rossi');

  // The choice survives a reload, and shows on every page.
  await page.reload();
  await expect(page.getByText('Stai operando per: Mario Rossi (RSSMRA80A01H501U)')).toBeVisible();
  await shell.navLink('Gestione appuntamenti').click();
  await expect(shell.heading()).toHaveText('Gestione appuntamenti');
  await expect(page.getByText('Stai operando per: Mario Rossi (RSSMRA80A01H501U)')).toBeVisible();

  await page.getByRole('link', { name: 'Cambia contribuente' }).click();
  await expect(page.getByText('Stai già operando per questo contribuente.')).toBeVisible();
  await page.getByRole('button', { name: 'Opera per Lucia Bianchi' }).click();
  await expect(page.getByText('Stai operando per: Lucia Bianchi (BNCLCU85M41F205T)')).toBeVisible();

  // A link opened in a new tab acts for the same contributor.
  const tab = await page.context().newPage();
  await tab.goto('/appuntamenti');
  await expect(tab.getByText('Stai operando per: Lucia Bianchi (BNCLCU85M41F205T)')).toBeVisible();
  await tab.close();

  // The server agrees: Ferri is not among the contributors Verdi may act for.
  const contributors = await (await page.request.get('/api/contributors')).json();
  expect(contributors.map((c: { cf: string }) => c.cf)).toEqual(['BNCLCU85M41F205T', 'RSSMRA80A01H501U']);
});
