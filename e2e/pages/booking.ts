// The booking wizard, driven by the keyboard alone and found by role and label.
import { expect, Page } from '@playwright/test';
import { CommunicationsPage } from './communications';

export const stepHeading = (page: Page, n: number) =>
  page.getByRole('heading', { level: 1, name: new RegExp(`^Passo ${n} di 4`) });

/** Focus, then the key: the keyboard alone does the work. */
export async function press(locator: ReturnType<Page['getByRole']>, key = 'Enter') {
  await locator.focus();
  await locator.press(key);
}

export async function startBooking(page: Page, subject: string) {
  const row = new CommunicationsPage(page).row(subject);
  await press(row.getByRole('link', { name: /Richiedi appuntamento/ }));
  await expect(stepHeading(page, 1)).toBeFocused();
}

export async function chooseUpToTimes(page: Page, point: string, office: string) {
  await press(page.getByLabel(point), 'Space');
  await press(page.getByRole('button', { name: 'Continua' }));
  await expect(stepHeading(page, 2)).toBeFocused();
  await press(page.getByLabel(office), 'Space');
  await press(page.getByRole('button', { name: 'Continua' }));
  await expect(stepHeading(page, 3)).toBeFocused();
  await press(page.locator('.day-list__link').first());
  await expect(page.getByRole('group', { name: /^Orari liberi di / })).toBeVisible();
}
