/**
 * Headless Chromium for the HTML report test. Every host name resolves to
 * nothing and every connection goes to a closed loopback port, so not even
 * the browser's own background requests leave the machine; a net log records
 * what the page tried to load.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome'];

/** The browser binary (CHROMIUM_BIN, else the first of NAMES on PATH), or undefined. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_BIN;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of NAMES) if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

export interface BrowserRun {
  readonly stdout: string;
  /** Requests the page itself started (the browser's own background requests are left out). */
  readonly pageRequests: readonly string[];
}

export function runChromium(binary: string, url: string, args: readonly string[]): BrowserRun {
  const profile = mkdtempSync(join(tmpdir(), 'caplint-chromium-'));
  const netLog = join(profile, 'net-log.json');
  const run = spawnSync(binary, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-extensions', '--disable-default-apps', '--no-pings',
    '--host-resolver-rules=MAP * ~NOTFOUND', '--proxy-server=127.0.0.1:9',
    `--user-data-dir=${profile}`, `--log-net-log=${netLog}`, ...args, url,
  ], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`chromium exited with ${run.status ?? run.signal}: ${run.stderr.slice(-2000)}`);
  return { stdout: run.stdout, pageRequests: pageRequests(netLog) };
}

interface NetLog {
  constants: { logEventTypes: Record<string, number> };
  events: { type: number; params?: { url?: string; initiator?: string } }[];
}

/** URL requests whose initiator is a document origin ("null" for file://), not the browser itself. */
function pageRequests(path: string): string[] {
  const log = JSON.parse(readFileSync(path, 'utf8')) as NetLog;
  const start = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  return log.events
    .filter((e) => e.type === start && e.params?.url && e.params.initiator !== 'not an origin')
    .map((e) => e.params!.url!);
}
