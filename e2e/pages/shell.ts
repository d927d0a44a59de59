// The frame around every page: header, navigation, "Stai operando per", "Esci".
import { Page } from '@playwright/test';

export class Shell {
  constructor(private readonly page: Page) {}

  header = () => this.page.getByRole('banner');
  navigation = () => this.page.getByRole('navigation', { name: 'Navigazione principale' });
  navLink = (name: string) => this.navigation().getByRole('link', { name });
  logOut = () => this.page.getByRole('button', { name: 'Esci' });
  actingFor = () => this.page.getByText('Stai operando per:');
  heading = () => this.page.getByRole('heading', { level: 1 });
}
