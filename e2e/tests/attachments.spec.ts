// Allega documenti, on a phone: a contributor attaches a PDF and a photo to a message; a file
// of another type and one whose bytes lie are refused by name; the office of Roma downloads
// both byte for byte and answers with a receipt, whose e-mail says it carries a file; Milano's
// office, another contributor and an intermediary without the delegation get the 404.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, checkAxe, Page } from './fixtures';
import { ACCOUNTS } from '../pages/login-page';
import { ThreadPage, logIn } from '../pages/communications';

test.use({ allowedHttpErrors: [404, 422], viewport: { width: 375, height: 812 } });

/** A one-page PDF, its cross-reference table written with the real offsets. */
function pdf(text: string): Buffer {
  const content = `BT /F1 14 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A photo as a phone's browser makes one: a canvas encoded as JPEG by Chromium itself. */
async function photo(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 480;
    const g = canvas.getContext('2d')!;
    const gradient = g.createLinearGradient(0, 0, 640, 480);
    gradient.addColorStop(0, '#f4f1e8');
    gradient.addColorStop(1, '#c9c2ad');
    g.fillStyle = gradient;
    g.fillRect(0, 0, 640, 480);
    g.fillStyle = '#1a1a1a';
    g.font = '28px sans-serif';
    g.fillText('Quietanza F24 – 16/03/2024', 40, 120);
    const blob: Blob = await new Promise((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.85));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    bytes.forEach((b) => (binary += String.fromCharCode(b)));
    return btoa(binary);
  });
  return Buffer.from(base64, 'base64');
}

/** The text of the "new answer" e-mails about the thread `protocol` (quoted-printable undone). */
function answerMails(protocol: string): string[] {
  const dir = process.env.E2E_MAIL_DIR!;
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('-thread_answered.eml'))
    .map((name) => fs.readFileSync(path.join(dir, name), 'utf8').replace(/=\r?\n/g, ''))
    .filter((text) => text.includes(protocol));
}

test('a contributor attaches a PDF and a photo; only the thread reads them', async ({ page, browser, axe }) => {
  test.setTimeout(90_000);
  const subject = `Quietanze dei contributi ${Date.now()}`;
  await logIn(page, ACCOUNTS.rossi.username);
  const created = await page.request.post(`/api/contributors/${ACCOUNTS.rossi.username}/communications`, {
    data: { topic: 'estratto_conto', subject, text: 'Nell\u2019estratto conto non risultano i contributi del 2024.' },
  });
  expect(created.status()).toBe(201);
  const { id: threadId, protocol } = await created.json();
  const receipt = pdf('Quietanza F24 del 16 marzo 2024');
  const picture = await photo(page);

  await page.goto(`/comunicazioni/${threadId}`);
  const thread = new ThreadPage(page);
  await expect(thread.heading(subject)).toBeVisible();
  const input = page.getByLabel('Allega documenti (facoltativo)');
  await expect(input).toHaveAccessibleDescription('PDF, JPG o PNG, fino a 3 file da 3 MB ciascuno.');
  await axe('message form with Allega documenti');

  // A file of another type is refused before it is sent, by name, in the summary.
  await input.setInputFiles({ name: 'scansione.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
  const summary = page.getByRole('alert').filter({ hasText: "C'è un problema" });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Il file «scansione.gif» non è un PDF, un JPG o un PNG');
  await expect(input).toHaveAccessibleDescription(/scansione\.gif/);
  await axe('a file of another type refused');

  // A "PDF" whose bytes are not one: the server says so, by name.
  await input.setInputFiles({ name: 'ricevuta.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ not a pdf at all') });
  await expect(summary).toContainText('Il file «ricevuta.pdf» non è un PDF valido');
  await expect(page.getByRole('list', { name: 'File allegati al messaggio' })).toBeHidden();

  // The PDF and the photo, and a third file taken back.
  await input.setInputFiles([
    { name: 'quietanza F24 – marzo 2024.pdf', mimeType: 'application/pdf', buffer: receipt },
    { name: 'foto quietanza.jpg', mimeType: 'image/jpeg', buffer: picture },
    { name: 'doppione.jpg', mimeType: 'image/jpeg', buffer: picture },
  ]);
  const chosen = page.getByRole('list', { name: 'File allegati al messaggio' });
  await expect(chosen.getByRole('listitem')).toHaveCount(3);
  await expect(chosen.getByRole('listitem').filter({ hasText: 'Caricato' })).toHaveCount(3);
  await expect(summary).toBeHidden();
  await expect(chosen.getByRole('listitem').first()).toContainText(/quietanza F24 – marzo 2024\.pdf.*\d+ (byte|kB)/);
  await axe('three files uploaded');
  await page.getByRole('button', { name: 'Togli doppione.jpg' }).click();
  await expect(chosen.getByRole('listitem')).toHaveCount(2);
  await expect(input).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: '«doppione.jpg» tolto dal messaggio.' })).toBeAttached();

  await thread.reply().fill('Allego la quietanza e una foto del versamento.');
  // A reload loses neither the text nor the files.
  await page.reload();
  await expect(thread.reply()).toHaveValue('Allego la quietanza e una foto del versamento.');
  await expect(chosen.getByRole('listitem').filter({ hasText: 'Caricato' })).toHaveCount(2);
  // (Listed in the order the server kept them, which is the order their uploads finished.)
  await expect(chosen.getByRole('listitem').filter({ hasText: 'quietanza F24 – marzo 2024.pdf' })).toContainText('Caricato');
  await expect(chosen.getByRole('listitem').filter({ hasText: 'foto quietanza.jpg' })).toContainText('Caricato');
  await thread.send().click();
  await expect(page.getByRole('status').filter({ hasText: 'Messaggio inviato' })).toBeVisible();
  const files = page.getByRole('list', { name: 'Allegati', exact: true });
  await expect(files.getByRole('link')).toHaveCount(2);
  await expect(files.getByRole('listitem').filter({ hasText: 'quietanza F24 – marzo 2024.pdf' })).toContainText('(PDF,');
  await expect(files.getByRole('listitem').filter({ hasText: 'foto quietanza.jpg' })).toContainText('(JPG,');
  await expect(chosen).toBeHidden();
  await axe('message sent with two files');
  const hrefs = await files.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));

  // The office of Roma downloads both: the bytes are those sent. Then answers with a receipt.
  const roma = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const operator = await roma.newPage();
  await logIn(operator, ACCOUNTS.operatoreRoma.username);
  await operator.goto(`/comunicazioni/${threadId}`);
  const officeFiles = operator.getByRole('list', { name: 'Allegati', exact: true }).first();
  for (const [name, bytes] of [
    ['quietanza F24 – marzo 2024.pdf', receipt],
    ['foto quietanza.jpg', picture],
  ] as const) {
    const download = operator.waitForEvent('download');
    await officeFiles.getByRole('link', { name }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(name);
    expect(fs.readFileSync(await file.path())).toEqual(bytes);
  }
  const officeThread = new ThreadPage(operator);
  await operator.getByLabel('Allega documenti (facoltativo)').setInputFiles({
    name: 'ricevuta di verifica.pdf',
    mimeType: 'application/pdf',
    buffer: pdf('Verifica dei versamenti'),
  });
  await expect(operator.getByRole('list', { name: 'File allegati al messaggio' }).getByRole('listitem').filter({ hasText: 'Caricato' })).toHaveCount(1);
  await officeThread.reply().fill('Versamenti verificati: in allegato la ricevuta.');
  await officeThread.send().click();
  await expect(operator.getByRole('status').filter({ hasText: 'Risposta inviata' })).toBeVisible();
  await expect(operator.getByRole('link', { name: 'ricevuta di verifica.pdf' })).toBeVisible();
  await checkAxe(operator, 'office thread with files');
  await roma.close();
  // The e-mail says a file came with the answer, and carries none.
  await expect.poll(() => answerMails(protocol).length, { timeout: 15_000 }).toBe(1);
  const mail = answerMails(protocol)[0];
  expect(mail).toContain('un documento allegato');
  expect(mail).not.toContain('application/pdf');

  // Nobody else: Milano's office, another contributor, an intermediary without the delegation
  // (Verdi acts for Rossi and Bianchi, not for Ferri: Ferri's own file is not his to read).
  const ferri = await browser.newContext();
  const ferriPage = await ferri.newPage();
  await logIn(ferriPage, ACCOUNTS.ferri.username);
  const ferriThread = await ferriPage.request.post(`/api/contributors/${ACCOUNTS.ferri.username}/communications`, {
    data: { topic: 'estratto_conto', subject: `Foto per la sede ${Date.now()}`, text: 'Allego la foto.' },
  });
  const ferriId = (await ferriThread.json()).id;
  const ferriUpload = await ferriPage.request.post(`/api/communications/${ferriId}/attachments`, {
    headers: { 'content-type': 'image/jpeg', 'x-filename': 'foto.jpg' },
    data: picture,
  });
  expect(ferriUpload.status()).toBe(201);
  const ferriFile = (await ferriUpload.json()).id;
  expect(
    (await ferriPage.request.post(`/api/communications/${ferriId}/messages`, { data: { text: 'La foto.', attachments: [ferriFile] } })).status(),
  ).toBe(201);
  await ferri.close();

  for (const [who, urls] of [
    [ACCOUNTS.operatoreMilano.username, hrefs],
    [ACCOUNTS.bianchi.username, hrefs],
    [ACCOUNTS.verdi.username, [`/api/attachments/${ferriFile}`]],
  ] as const) {
    const context = await browser.newContext();
    const other = await context.newPage();
    await logIn(other, who);
    for (const url of urls) {
      const refused = await other.request.get(url);
      expect(refused.status(), `${who} ${url}`).toBe(404);
      expect((await refused.json()).error.code).toBe('not_found');
    }
    await context.close();
  }
});
