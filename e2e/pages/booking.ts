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

/** Step 2: the province's office is in sight; another one is behind "Scegli un'altra sede". */
export async function chooseOffice(page: Page, office: string) {
  const radio = page.getByLabel(office);
  if (!(await radio.isVisible())) await press(page.getByText("Scegli un'altra sede"));
  await press(radio, 'Space');
}

export async function chooseUpToTimes(page: Page, point: string, office: string) {
  await press(page.getByLabel(point), 'Space');
  await press(page.getByRole('button', { name: 'Continua' }));
  await expect(stepHeading(page, 2)).toBeFocused();
  await chooseOffice(page, office);
  await press(page.getByRole('button', { name: 'Continua' }));
  await expect(stepHeading(page, 3)).toBeFocused();
  await press(page.locator('.day-list__link').first());
  await expect(page.getByRole('group', { name: /^Orari liberi di / })).toBeVisible();
}

/** What sticks out of the viewport's width in `main` (empty when nothing scrolls sideways). */
export async function sideways(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide: string[] = [];
    if (document.documentElement.scrollWidth > width) {
      for (const el of Array.from(document.querySelectorAll('main *'))) {
        const box = el.getBoundingClientRect();
        if (box.right > width + 1 && box.width > 0) {
          const name = (el.getAttribute('id') || el.className || el.tagName).toString();
          wide.push(`${el.tagName.toLowerCase()}.${name}: ${Math.round(box.right)} px`);
        }
      }
      wide.unshift(`page ${document.documentElement.scrollWidth} px in ${width}`);
    }
    return wide.slice(0, 6);
  });
}

/** On a 375 × 812 phone, the top of `action` is within the first screen, and at 320 × 640
 * nothing scrolls sideways (WCAG 1.4.10); then back to the size the journey runs at. */
export async function inFirstScreenOnAPhone(page: Page, action: ReturnType<Page['getByRole']>) {
  const before = page.viewportSize()!;
  await page.setViewportSize({ width: 375, height: 812 });
  const top = await action.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  expect(top, `the main action at ${Math.round(top)} px on a phone`).toBeLessThan(812);
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await sideways(page)).toEqual([]);
  await page.setViewportSize(before);
}
