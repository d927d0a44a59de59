import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';

// With the reference SPID/CIE provider running (make e2e), the server takes the port of the
// entity id the provider onboarded; otherwise one free port for the whole run, chosen once in
// the runner and inherited by the workers.
const oidcState = process.env.OIDC_TEST_STATE;
if (oidcState && process.env.E2E_OIDC_PORT) {
  process.env.E2E_PORT = process.env.E2E_OIDC_PORT;
}
const freePort = () =>
  execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
  ])
    .toString()
    .trim();
if (!process.env.E2E_PORT) process.env.E2E_PORT = freePort();
// The English specs run against a server and a database of their own: a language chosen
// there is kept with the demo accounts, which the Italian specs share.
if (!process.env.E2E_PORT_EN) process.env.E2E_PORT_EN = freePort();
const port = process.env.E2E_PORT;
const englishPort = process.env.E2E_PORT_EN;
// Where the server writes its e-mail as .eml files (no SMTP server): the specs read them.
if (!process.env.E2E_MAIL_DIR) {
  process.env.E2E_MAIL_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-mail-'));
}
const mailDir = process.env.E2E_MAIL_DIR;
// The server's own log, for reading after a failed run (`make e2e` prints its end).
const serverLog = process.env.E2E_SERVER_LOG ?? path.join(mailDir, 'server.log');
const root = path.resolve(__dirname, '..');
const oidcFlags = oidcState
  ? [
      `--oidc-entity-id http://127.0.0.1:${port}`,
      '--oidc-allow-http',
      `--oidc-trust-anchor ${process.env.OIDC_TEST_TA}`,
      `--oidc-provider ${process.env.OIDC_TEST_SPID}`,
      `--oidc-provider cie=${process.env.OIDC_TEST_CIE}`,
      `--oidc-keys "${oidcState}/rp-keys"`,
      `--oidc-trust-marks "${oidcState}/trust-marks-${port}.json"`,
    ].join(' ')
  : '';
// Under `make e2e` a real clamd (scripts/clamd.sh) scans every attachment, as in production.
const clamdFlag = process.env.CLAMD_TEST_SOCKET ? `--clamd-socket "${process.env.CLAMD_TEST_SOCKET}"` : '';
const serverBin =
  process.env.SERVER_BIN ??
  path.join(process.env.CARGO_TARGET_DIR ?? path.join(root, 'target'), 'release', 'cassetto-server');

/** The server on `at`, with a fresh SQLite database and the demo data. */
function serve(at: string, mail: string, log: string, flags: string) {
  return `sh -c 'dir=$(mktemp -d) && exec "${serverBin}" --bind 127.0.0.1:${at} --database-url "sqlite://$dir/e2e.sqlite" --static-dir "${root}/dist" --mail-dir "${mail}" --demo ${flags} 2>"${log}"'`;
}
if (!process.env.E2E_MAIL_DIR_EN) {
  process.env.E2E_MAIL_DIR_EN = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-mail-en-'));
}
const englishMailDir = process.env.E2E_MAIL_DIR_EN;

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'italiano', testIgnore: /english\.spec\.ts/ },
    { name: 'english', testMatch: /english\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${englishPort}` } },
  ],
  webServer: [
    {
      // A fresh database with the demo data for every run.
      command: serve(port, mailDir, serverLog, `${clamdFlag} ${oidcFlags}`),
      url: `http://127.0.0.1:${port}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: serve(englishPort!, englishMailDir, `${serverLog}.en`, clamdFlag),
      url: `http://127.0.0.1:${englishPort}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
