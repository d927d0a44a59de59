// The release server on a free port with a fresh demo database, for the benches.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..', '..');

export async function startServer() {
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
  return { base, stop: () => server.kill() };
}

// Italian, as the Italian e2e project: the pages follow the browser's languages.
export const CHROMIUM_ARGS = ['--lang=it-IT', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
