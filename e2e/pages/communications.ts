// Comunicazione bidirezionale and the office's pages, found by role and label.
import { expect, Page } from '@playwright/test';
import { LoginPage } from './login-page';

export async function logIn(page: Page, username: string) {
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(username);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Accedi');
}

export class CommunicationsPage {
  constructor(private readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { level: 1, name: 'Comunicazione bidirezionale' });
  table = () => this.page.getByRole('table');
  row = (subject: string) => this.page.getByRole('row').filter({ has: this.page.getByRole('link', { name: subject }) });
  newCommunication = () => this.page.getByRole('link', { name: 'Nuova comunicazione' });

  async filterByStatus(label: string) {
    await this.page.getByLabel('Stato').selectOption({ label });
    await this.page.getByRole('button', { name: 'Filtra' }).click();
  }
}

export class NewCommunicationForm {
  constructor(private readonly page: Page) {}

  topic = () => this.page.getByLabel('Argomento');
  subject = () => this.page.getByLabel('Oggetto');
  text = () => this.page.getByLabel('Testo');
  send = () => this.page.getByRole('button', { name: 'Invia comunicazione' });
  errorSummary = () => this.page.getByRole('alert').filter({ hasText: "C'è un problema" });
}

export class ThreadPage {
  constructor(private readonly page: Page) {}

  heading = (subject: string) => this.page.getByRole('heading', { level: 1, name: subject });
  messages = () => this.page.getByRole('list').filter({ has: this.page.locator('.message') });
  status = () => this.page.locator('dt', { hasText: 'Stato' }).locator('xpath=following-sibling::dd');
  reply = () => this.page.getByRole('textbox', { name: 'Messaggio' });
  send = () => this.page.getByRole('button', { name: 'Invia messaggio' });
  requestAppointmentButton = () => this.page.getByRole('button', { name: 'Richiedi appuntamento' });
  requestAppointmentLink = () => this.page.getByRole('link', { name: 'Richiedi appuntamento' });
}
