// `make bench`: Lighthouse (the version scripts/install-tools.sh pins, mobile preset: simulated
// slow 4G and a 4× slower CPU) on /accedi, and on the booking page signed in, with a snapshot
// at the step "Data e ora". Prints the scores; targets: performance ≥ 95, accessibility 100.
// Lighthouse's own puppeteer-core drives Debian's Chromium; no score is read from a warm cache.
import { createRequire } from 'node:module';
import path from 'node:path';
import os from 'node:os';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startServer } from './server.mjs';

const tools = path.join(process.env.TOOLS_DIR ?? path.join(os.homedir(), '.cache', 'cassetto-tools'), 'lighthouse');
const require = createRequire(path.join(tools, 'node_modules', 'lighthouse', 'package.json'));
const { startFlow } = await import(require.resolve('lighthouse'));
const puppeteer = (await import(require.resolve('puppeteer-core'))).default;
const version = require('lighthouse/package.json').version;

const { base, stop } = await startServer();
const browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
let result;
try {
  const page = await browser.newPage();
  const flow = await startFlow(page, { name: 'Cassetto' });
  await flow.navigate(`${base}/accedi`, { name: '/accedi' });

  // Signed in as the demo's Mario Rossi, on a thread that may book.
  const thread = await page.evaluate(async () => {
    // Italian, whatever languages Lighthouse's emulation reports.
    document.cookie = 'lingua=it; path=/; SameSite=Lax';
    const login = await fetch('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'RSSMRA80A01H501U', password: 'demo2026' }),
    });
    if (!login.ok) throw new Error(`login: ${login.status}`);
    const list = await (await fetch('/api/contributors/RSSMRA80A01H501U/communications')).json();
    return list.items.find((t) => t.eligibility.eligible).id;
  });
  const cdp = await page.createCDPSession();
  await cdp.send('Network.clearBrowserCache');
  await flow.navigate(`${base}/comunicazioni/${thread}/appuntamento`, {
    name: 'booking page',
    disableStorageReset: true, // keeps the session cookie; the cache was emptied above
  });
  await page.locator('::-p-aria(Sportello in sede)').click().catch(async (e) => {
    await page.screenshot({ path: '/tmp/lh-fail.png' });
    console.error(page.url());
    throw e;
  });
  await page.locator('::-p-aria(Continua)').click();
  await page.locator('::-p-aria(Sede di Roma)').click();
  await page.locator('::-p-aria(Continua)').click();
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('main h1')].some((h) => h.textContent.startsWith('Passo 3 di 4')) &&
      document.querySelector('main').innerText.includes('orari liberi'),
    { timeout: 15_000, polling: 200 },
  ).catch(async (e) => {
    await page.screenshot({ path: '/tmp/lh-fail.png' });
    throw e;
  });
  await flow.snapshot({ name: 'Data e ora' });
  result = await flow.createFlowResult();
} finally {
  await browser.close();
  stop();
}

import { writeFileSync } from "node:fs";
if (process.env.LH_DUMP) writeFileSync(process.env.LH_DUMP, JSON.stringify(result.steps.map((s) => s.lhr)));
const score = (lhr, category) => {
  // A snapshot has no load to score: its performance category is not a page-load score.
  if (category === 'performance' && lhr.gatherMode !== 'navigation') return '  –';
  const s = lhr.categories[category]?.score;
  return s == null ? '  –' : String(Math.round(s * 100)).padStart(3);
};
console.log(`Lighthouse ${version} (mobile preset):`);
for (const step of result.steps) {
  const { lhr } = step;
  const failing = Object.values(lhr.audits)
    .filter((a) => a.score !== null && a.score < 1 && lhr.categories.accessibility?.auditRefs.some((r) => r.id === a.id && r.weight > 0))
    .map((a) => a.id);
  console.log(
    `  ${step.name.padEnd(14)} performance ${score(lhr, 'performance')}   accessibility ${score(lhr, 'accessibility')}` +
      (lhr.audits['largest-contentful-paint']?.displayValue ? `   LCP ${lhr.audits['largest-contentful-paint'].displayValue}, TBT ${lhr.audits['total-blocking-time'].displayValue}` : '') +
      (failing.length ? `   (accessibility audits failing: ${failing.join(', ')})` : ''),
  );
}
const met = result.steps.every(
  ({ lhr }) =>
    lhr.categories.accessibility?.score === 1 && (lhr.gatherMode !== 'navigation' || lhr.categories.performance.score >= 0.95),
);
console.log(`  targets: performance ≥ 95 on page loads, accessibility 100 everywhere: ${met ? 'met' : 'NOT met'}`);
