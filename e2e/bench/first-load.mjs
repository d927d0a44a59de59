// `make bench`: what the login page costs a first-time visitor. Starts the release server on a
// free port with a fresh database, loads /accedi in headless Chromium with an empty cache
// several times, and prints the bytes actually transferred (compressed, as the server sends
// them) by kind, and the median time until the login form can be used.
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startServer } from './server.mjs';

const RUNS = 7;
const BUDGET_BYTES = 200 * 1024;
const { base, stop } = await startServer();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

function kind(url, mime) {
  if (url.endsWith('.wasm')) return 'wasm';
  if (url.endsWith('.js')) return 'js';
  if (url.endsWith('.css')) return 'css';
  if (url.endsWith('.woff2')) return 'font';
  if (mime.includes('html')) return 'html';
  return 'other';
}

const times = [];
let bytes = {};
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const requests = new Map();
    const sizes = {};
    cdp.on('Network.responseReceived', (e) => requests.set(e.requestId, kind(e.response.url, e.response.mimeType)));
    cdp.on('Network.loadingFinished', (e) => {
      const k = requests.get(e.requestId) ?? 'other';
      sizes[k] = (sizes[k] ?? 0) + e.encodedDataLength;
    });
    await page.goto(`${base}/accedi`);
    await page.getByRole('button', { name: 'Accedi' }).waitFor({ state: 'visible' });
    // Time from the start of navigation until the form is on screen and the app answers input.
    times.push(await page.evaluate(() => performance.now()));
    await page.waitForLoadState('networkidle');
    bytes = sizes;
    await context.close();
  }
} finally {
  await browser.close();
  stop();
}

times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const total = Object.values(bytes).reduce((a, b) => a + b, 0);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log('First load of /accedi (bytes on the wire, compressed as served):');
for (const k of ['html', 'wasm', 'js', 'css', 'font', 'other']) {
  if (bytes[k]) console.log(`  ${k.padEnd(5)} ${kb(bytes[k]).padStart(10)}`);
}
console.log(`  total ${kb(total).padStart(10)}   (budget ${kb(BUDGET_BYTES)}: ${total <= BUDGET_BYTES ? 'within' : 'OVER'})`);
console.log(`Login form usable after: median ${median.toFixed(0)} ms over ${RUNS} cold loads (min ${times[0].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms)`);
