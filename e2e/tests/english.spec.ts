// Issue 25: a contributor and an office that read English. The choice is made in the header,
// by keyboard, before signing in; every state is checked with axe, on a phone too, and no
// Italian is left on the screen but names and what people wrote.
import { test, expect, Page } from './fixtures';
import { ACCOUNTS, PASSWORD } from '../pages/login-page';
import { press, inFirstScreenOnAPhone, sideways } from '../pages/booking';
import { chooseEnglish, noItalian, watchPeople } from '../pages/english';

test.use({ allowedHttpErrors: [422] });
test.describe.configure({ timeout: 120_000 });

async function signIn(page: Page, username: string) {
  await page.getByLabel('Codice fiscale (tax code) or username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await press(page.getByRole('button', { name: 'Sign in', exact: true }));
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Sign in');
}

/** axe, no Italian, and nothing sideways on a 375 px phone. */
async function check(page: Page, people: Set<string>, axe: (s: string) => Promise<void>, state: string, typed: string[] = []) {
  await axe(state);
  await noItalian(page, people, state, typed);
  const before = page.viewportSize()!;
  await page.setViewportSize({ width: 375, height: 812 });
  expect(await sideways(page), `sideways at 375 px: ${state}`).toEqual([]);
  await axe(`${state} at 375 px`);
  await page.setViewportSize(before);
}

test('a contributor books, writes, cancels and sets Recapiti in English', async ({ page, axe }) => {
  const people = watchPeople(page);
  await page.goto('/accedi');
  await expect(page.getByRole('heading', { level: 1, name: 'Accedi' })).toBeVisible();
  await chooseEnglish(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page).toHaveTitle(/^Sign in – /);
  // The choice now offers the way back, in Italian.
  await expect(page.getByRole('link', { name: 'Italiano' })).toHaveAttribute('lang', 'it');
  await check(page, people, axe, 'sign-in');

  await signIn(page, ACCOUNTS.rossi.username);
  await expect(page.getByRole('link', { name: 'New message' })).toBeVisible();
  await check(page, people, axe, 'messages');

  // The booking flow, step by step.
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: /^Contributi del 2024 non presenti/ }) });
  await press(row.getByRole('link', { name: /Ask for an appointment/ }));
  const step = (n: number) => page.getByRole('heading', { level: 1, name: new RegExp(`^Step ${n} of 4`) });
  await expect(step(1)).toBeFocused();
  await check(page, people, axe, 'step 1');
  await press(page.getByRole('button', { name: 'Continue' }));
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
  await check(page, people, axe, 'step 1 with errors');
  await press(page.getByLabel('At the office counter'), 'Space');
  await press(page.getByRole('button', { name: 'Continue' }));
  await expect(step(2)).toBeFocused();
  await check(page, people, axe, 'step 2');
  await press(page.getByLabel('Sede di Roma'), 'Space');
  await press(page.getByRole('button', { name: 'Continue' }));
  await expect(step(3)).toBeFocused();
  await check(page, people, axe, 'step 3: days');
  await press(page.locator('.day-list__link').first());
  const times = page.getByRole('group', { name: /^Free times on / });
  await expect(times).toBeVisible();
  const nine = times.getByRole('radio', { name: /(Monday|Tuesday|Wednesday|Thursday|Friday) \d+ \w+ \d{4}, 9:00$/ });
  await check(page, people, axe, 'step 3: times');
  await press(nine, 'Space');
  await press(page.getByRole('button', { name: 'Continue' }));
  await expect(step(4)).toBeFocused();
  await check(page, people, axe, 'step 4');
  await inFirstScreenOnAPhone(page, page.getByRole('button', { name: 'Book appointment' }));
  const notes = 'Please check my 2024 payments.';
  await page.getByLabel('Notes').fill(notes);
  await press(page.getByRole('button', { name: 'Book appointment' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Booking to confirm' })).toBeFocused();
  await expect(page.getByText('Booked – to be confirmed')).toBeVisible();
  await check(page, people, axe, 'held', [notes]);
  await press(page.getByRole('button', { name: 'Confirm appointment' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Appointment confirmed' })).toBeVisible();
  await expect(page.getByText(/is confirmed for (Monday|Tuesday|Wednesday|Thursday|Friday) \d+ \w+ \d{4} at 9:00\./)).toBeVisible();
  await check(page, people, axe, 'confirmed', [notes]);

  // The thread, with the service's own messages in English, and a reply.
  await page.getByRole('link', { name: /^Comunicazione bidirezionale/ }).first().click();
  await page.getByRole('link', { name: /^Contributi del 2024 non presenti/ }).click();
  await expect(page.getByText(/booked by Mario Rossi for/)).toBeVisible();
  await expect(page.getByText(/confirmed by Mario Rossi for/)).toBeVisible();
  await check(page, people, axe, 'thread');
  const reply = 'I will bring the payment receipts.';
  await page.getByRole('textbox', { name: 'Message' }).fill(reply);
  await press(page.getByRole('button', { name: 'Send the message' }));
  await expect(page.getByText(/^Message sent/)).toBeVisible();
  await expect(page.getByText(reply)).toBeVisible();
  await check(page, people, axe, 'thread with a reply', [reply]);

  // Gestione appuntamenti: the appointment, cancelled through the dialog.
  await page.getByRole('link', { name: /^Gestione appuntamenti/ }).first().click();
  await expect(page.getByRole('heading', { level: 2, name: 'Upcoming appointments' })).toBeVisible();
  await check(page, people, axe, 'appointments', [notes]);
  await page.getByRole('link', { name: /^AP-/ }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Appointment confirmed' })).toBeVisible();
  await check(page, people, axe, 'appointment', [notes]);
  await press(page.getByRole('button', { name: 'Cancel appointment' }));
  const dialog = page.getByRole('dialog', { name: 'Cancel the appointment?' });
  await expect(dialog).toBeVisible();
  const reason = 'I found the answer myself.';
  await dialog.getByLabel('Reason (optional)').fill(reason);
  await check(page, people, axe, 'cancel dialog', [notes, reason]);
  await press(dialog.getByRole('button', { name: 'Yes, cancel the appointment' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Appointment cancelled' })).toBeVisible();
  await expect(page.getByText('Appointment cancelled', { exact: true }).last()).toBeVisible();
  await check(page, people, axe, 'cancelled', [notes, reason]);

  // Recapiti.
  await page.getByRole('link', { name: /^Recapiti/ }).first().click();
  await expect(page.getByLabel('Email address')).toBeVisible();
  await check(page, people, axe, 'contacts');
  await page.getByLabel('Email address').fill('not an address');
  await press(page.getByRole('button', { name: 'Save the contact details' }));
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
  await check(page, people, axe, 'contacts with errors', ['not an address']);
  await page.getByLabel('Email address').fill('mario.rossi@example.it');
  await press(page.getByRole('button', { name: 'Save the contact details' }));
  await expect(page.getByText(/^Contact details saved: mario\.rossi@example\.it/)).toBeVisible();
  await check(page, people, axe, 'contacts saved');

  // The choice was kept with the account: back to Italian from the header.
  await press(page.getByRole('button', { name: 'Italiano' }));
  await expect(page.locator('html')).toHaveAttribute('lang', 'it');
  await expect(page.getByRole('heading', { level: 1, name: 'Recapiti' })).toBeVisible();
});

test("the office's day agenda in English", async ({ page, axe }) => {
  const people = watchPeople(page);
  await page.goto('/accedi');
  await chooseEnglish(page);
  await signIn(page, ACCOUNTS.operatoreRoma.username);
  await page.getByRole('link', { name: 'Office diary' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Office diary' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /appointments?\.$|No appointments on this day\./ })).toBeVisible();
  await check(page, people, axe, 'office diary');
  // Back to the last working day, whose appointments wait for their attendance.
  const table = page.getByRole('table', { name: /^Appointments on / });
  for (let i = 0; i < 6 && !(await table.isVisible()); i++) {
    await press(page.getByRole('link', { name: '← Previous day' }));
    await expect(page).toHaveTitle(/^Office diary – /);
  }
  await expect(table).toBeVisible();
  await expect(page.getByText(/^\d+ attendances? to record\.$/)).toBeVisible();
  await check(page, people, axe, 'office diary, a day to record');
  const held = table.getByRole('button', { name: /^Held: AP-/ }).first();
  const name = await held.getAttribute('aria-label');
  await press(held);
  await expect(page.getByRole('status').filter({ hasText: /: recorded “Held”\.$/ })).toBeVisible();
  expect(name).toMatch(/^Held: AP-\d{4}-\d{6} at \d{1,2}:\d{2}$/);
  await check(page, people, axe, 'office diary, attendance recorded');
  await page.getByRole('link', { name: 'Closures and capacity' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Closures and capacity' })).toBeVisible();
  await press(page.getByRole('button', { name: 'Check the closure' }));
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
  await check(page, people, axe, 'closures with errors');
});
