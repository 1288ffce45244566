/**
 * The admission webhook: POST /validate answers AdmissionReviews with the
 * current judge; /healthz says the process serves; /readyz says a rule set
 * and a certificate are loaded. `reload()` swaps in a new rule set, or keeps
 * the one in use when the new one does not load, and says which.
 */
import type { Running } from '../http/server.js';
import { startServer } from '../http/server.js';
import type { TlsFiles } from '../http/tls-files.js';
import { readTls, watchTls } from '../http/tls-files.js';
import { admit } from './admit.js';
import type { Judge, JudgeOptions } from './judge.js';
import { loadJudge } from './judge.js';
import { describeError } from '../../errors.js';

export const DEFAULT_MAX_BODY = 8 * 1024 * 1024;

export interface WebhookOptions {
  readonly host: string;
  readonly port: number;
  readonly tls: TlsFiles;
  readonly judge: JudgeOptions;
  readonly maxBodyBytes?: number;
  /** How often the certificate files are checked for change (ms). */
  readonly tlsPollMs?: number;
  /** One JSON line per decision. */
  decision(line: string): void;
  /** Human-readable notes (reloads, errors). */
  log(line: string): void;
}

export interface Webhook {
  readonly port: number;
  current(): Judge;
  /** Loads the rule set again; false (and the old one kept) when it fails. */
  reload(): Promise<boolean>;
  close(): Promise<void>;
}

export async function startWebhook(options: WebhookOptions): Promise<Webhook> {
  let judge = await loadJudge(options.judge);
  const tls = readTls(options.tls);
  let running: Running | undefined;
  running = await startServer({
    host: options.host,
    port: options.port,
    tls,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY,
    log: options.log,
    routes: {
      '/validate': {
        method: 'POST',
        async handle(body) {
          const answer = await admit(body, judge);
          if (answer.record) options.decision(JSON.stringify({ time: new Date().toISOString(), ...answer.record }));
          return { status: answer.status, body: answer.body, type: answer.status === 200 ? 'application/json' : 'text/plain; charset=utf-8' };
        },
      },
      '/healthz': { method: 'GET', handle: () => ({ status: 200, body: 'ok\n' }) },
      '/readyz': { method: 'GET', handle: () => ({ status: running ? 200 : 503, body: running ? `ready: policy ${judge.policy}\n` : 'starting\n' }) },
    },
  });
  const server = running.server as import('node:https').Server;
  const stopWatching = watchTls(options.tls, (next) => server.setSecureContext({ ...next, minVersion: 'TLSv1.2' }), options.log, options.tlsPollMs);
  return {
    port: running.port,
    current: () => judge,
    async reload() {
      try {
        const next = await loadJudge(options.judge);
        // The judge in place now, not the one when this reload began: with two reloads at once, each retires what it replaced.
        const previous = judge;
        judge = next;
        void previous.retire();
        options.log(`caplint serve: reloaded the policy: ${judge.policy}, fail-on ${judge.failOn}`);
        return true;
      } catch (error) {
        options.log(`caplint serve: the policy did not reload, keeping the one loaded at ${judge.loadedAt} (${judge.policy}): ${describeError(error)}`);
        return false;
      }
    },
    async close() {
      stopWatching();
      await running!.close();
      await judge.retire();
    },
  };
}
