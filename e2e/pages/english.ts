// Issue 25: the service in English. What the screen may still say in Italian: names (of
// people, offices, institutions) and what people wrote, which the page received from the API.
import { expect, Page } from '@playwright/test';

/** Names that stay Italian in every language (with their English meaning beside them). */
const INSTITUTIONAL = [
  'Cassetto Previdenziale per Artigiani e Commercianti',
  'Cassetto Previdenziale',
  'Istituto Nazionale della Previdenza Sociale',
  'Gestioni Artigiani e Commercianti',
  'Comunicazione bidirezionale',
  'Gestione appuntamenti',
  'Agenda appuntamenti',
  'Recapiti',
  'comunicazione',
  'Comunicazione',
  'codice fiscale',
  'Codice fiscale',
  'Italiano',
];

/** Words that only Italian writes (so an English sentence never trips them). */
const ITALIAN = new RegExp(
  '(?<!\\p{L})(' +
    [
      'il', 'gli', 'della', 'delle', 'degli', 'dei', 'del', 'nel', 'nella', 'alle', 'dalla', 'sono',
      'questo', 'questa', 'puoi', 'tuo', 'tua', 'prenota', 'prenotazione', 'prenotato', 'appuntamento',
      'appuntamenti', 'orario', 'orari', 'giorno', 'giorni', 'accedi', 'esci', 'indietro', 'continua',
      'annulla', 'salva', 'invia', 'messaggio', 'messaggi', 'stato', 'argomento', 'oggetto', 'punto',
      'sportello', 'videochiamata', 'telefonica', 'contribuente', 'confermato', 'annullato', 'nessun',
      'nessuna', 'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica', 'gennaio',
      'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre',
      'novembre', 'dicembre', 'ore', 'chiusa', 'inviata', 'errore', 'problema', 'obbligatorio',
      'facoltativo', 'sede', 'lingua', 'richiedi', 'richiesta', 'torna', 'scegli', 'passo',
    ].join('|') +
    ')(?!\\p{L})',
  'giu',
);

/** Keys of the API's JSON whose strings are names or what people wrote. */
const PEOPLE = new Set([
  'subject', 'notes', 'reason', 'cancel_reason', 'name', 'office', 'office_name', 'address', 'city',
  'province', 'organisation', 'author', 'actor', 'booked_by', 'email', 'phone', 'protocol',
]);

function collect(value: unknown, out: Set<string>) {
  if (Array.isArray(value)) {
    value.forEach((v) => collect(v, out));
  } else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    // A message a person wrote; the service's own (automatic) ones must be in English.
    if (typeof object.text === 'string' && object.automatic === false) out.add(object.text);
    for (const [key, v] of Object.entries(object)) {
      if (PEOPLE.has(key) && typeof v === 'string') out.add(v);
      else collect(v, out);
    }
  }
}

/** Follows what the API tells the page, to tell people's words from the service's. */
export function watchPeople(page: Page): Set<string> {
  const people = new Set<string>();
  page.on('response', async (response) => {
    if (!response.url().includes('/api/')) return;
    if (!(response.headers()['content-type'] ?? '').includes('json')) return;
    try {
      collect(await response.json(), people);
    } catch {
      // A body already gone (a navigation) has nothing to add.
    }
  });
  return people;
}

/** No Italian on the screen but names and what people wrote (`typed`: what the test wrote). */
export async function noItalian(page: Page, people: Set<string>, state: string, typed: string[] = []) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  let rest = await page.locator('body').innerText();
  const words = [...people, ...typed].filter((s) => s.trim().length > 1).sort((a, b) => b.length - a.length);
  for (const s of [...words, ...INSTITUTIONAL]) rest = rest.split(s).join(' ');
  const found = [...rest.matchAll(ITALIAN)].map((m) =>
    rest.slice(Math.max(0, m.index! - 40), m.index! + 40).replace(/\s+/g, ' '),
  );
  expect(found, `Italian on the screen: ${state}`).toEqual([]);
}

/** The header's choice: "English", said in English. */
export async function chooseEnglish(page: Page) {
  // On the login page (the server's, which needs no script) the choice is a link.
  const english = page.getByRole('navigation', { name: 'Lingua' }).getByRole('link', { name: 'English' });
  await expect(english).toHaveAttribute('lang', 'en');
  await english.focus();
  await english.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}
