// "Accedi", as a user finds it: by labels and roles.
import { expect, Page } from '@playwright/test';

export const PASSWORD = 'demo2026';

export const ACCOUNTS = {
  rossi: { username: 'RSSMRA80A01H501U', name: 'Mario Rossi' },
  bianchi: { username: 'BNCLCU85M41F205T', name: 'Lucia Bianchi' },
  ferri: { username: 'FRRGNN72T10F839E', name: 'Giovanni Ferri' },
  verdi: { username: 'VRDGPP70C15L219C', name: 'Giuseppe Verdi' },
  operatoreRoma: { username: 'operatore.roma', name: 'Anna Conti' },
  operatoreMilano: { username: 'operatore.milano', name: 'Paolo Greco' },
} as const;

export class LoginPage {
  constructor(private readonly page: Page) {}

  username = () => this.page.getByLabel('Codice fiscale o nome utente');
  password = () => this.page.getByLabel('Password', { exact: true });
  submit = () => this.page.getByRole('button', { name: 'Accedi' });
  heading = () => this.page.getByRole('heading', { level: 1, name: 'Accedi' });
  errorSummary = () => this.page.getByRole('alert').filter({ hasText: "C'è un problema" });

  async goto() {
    await this.page.goto('/accedi');
    await expect(this.heading()).toBeVisible();
  }

  async logIn(username: string, password = PASSWORD) {
    await this.username().fill(username);
    await this.password().fill(password);
    await this.submit().click();
  }
}
