// `make bench`: what the login page costs a first-time visitor. Starts the release server on a
// free port with a fresh database, loads /accedi in headless Chromium with an empty cache
// several times, and prints the bytes actually transferred (compressed, as the server sends
// them) by kind, and the median time until the login form can be used.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const RUNS = 7;
const BUDGET_BYTES = 250 * 1024;
const root = path.resolve(import.meta.dirname, '..', '..');
const serverBin =
  process.env.SERVER_BIN ??
  path.join(process.env.CARGO_TARGET_DIR ?? path.join(root, 'target'), 'release', 'cassetto-server');

const port = await new Promise((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});
const dir = mkdtempSync(path.join(tmpdir(), 'cassetto-bench-'));
const server = spawn(
  serverBin,
  ['--bind', `127.0.0.1:${port}`, '--database-url', `sqlite://${dir}/bench.sqlite`, '--static-dir', path.join(root, 'dist'), '--demo'],
  { stdio: 'ignore' },
);
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {}
  if (i > 100) throw new Error('the server did not start');
  await new Promise((r) => setTimeout(r, 100));
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});

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
  server.kill();
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
