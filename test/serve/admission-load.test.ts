/**
 * Concurrency: a bounded load run (autocannon, loopback only, a fixed number
 * of requests over several keep-alive connections). Every request carries its
 * own uid and alternates between an object that is denied and one that is
 * allowed; every response must carry its request's uid and its verdict.
 * Throughput and latency are printed, never asserted (the machine is shared).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhook } from '../../engine/serve/admission/webhook.js';
import type { Webhook } from '../../engine/serve/admission/webhook.js';
import { haveOpenssl, makeTestCa } from '../helpers/test-ca.js';
import type { TestCa } from '../helpers/test-ca.js';
import { admissionReview } from '../helpers/admission-review.js';
import { ROOT } from '../helpers/cli.js';

const REQUESTS = 2000;
const CONNECTIONS = 8;

if (!haveOpenssl) console.warn('SKIPPED: the webhook load run because the openssl command is not installed');

describe.skipIf(!haveOpenssl)('the webhook under load', () => {
  let ca: TestCa;
  let hook: Webhook;
  beforeAll(async () => {
    ca = makeTestCa();
    hook = await startWebhook({ host: '127.0.0.1', port: 0, tls: { cert: ca.cert, key: ca.key }, judge: { cwd: ROOT, noConfig: true, policy: 'pss-restricted' }, decision: () => {}, log: () => {} });
  });
  afterAll(async () => {
    await hook?.close();
    ca?.remove();
  });

  it(`answers ${REQUESTS} reviews on ${CONNECTIONS} connections, each with its own uid and verdict`, async () => {
    const hardened = parse(readFileSync(join(ROOT, 'examples/kubernetes/hardened.yaml'), 'utf8')) as Record<string, any>;
    const risky = structuredClone(hardened);
    risky.spec.template.spec.hostNetwork = true;
    const bodies = [hardened, risky].map((o) => JSON.stringify(admissionReview(o, { uid: 'UID' })));
    let sent = 0;
    const answered = new Map<string, boolean>();
    const problems: string[] = [];
    const result = await autocannon({
      url: `https://127.0.0.1:${hook.port}`,
      connections: CONNECTIONS,
      pipelining: 1,
      amount: REQUESTS,
      timeout: 30,
      requests: [{
        method: 'POST',
        path: '/validate',
        headers: { 'content-type': 'application/json' },
        setupRequest(request: any, context: any) {
          const n = sent++;
          context.uid = `req-${n}`;
          context.denied = n % 2 === 1;
          return { ...request, body: bodies[n % 2]!.replace('"UID"', JSON.stringify(context.uid)) };
        },
        onResponse(status: number, body: string, context: any) {
          if (status !== 200) return void problems.push(`${context.uid}: HTTP ${status}`);
          const response = JSON.parse(body).response;
          if (response.uid !== context.uid) problems.push(`${context.uid}: answered with uid ${response.uid}`);
          else if (answered.has(response.uid)) problems.push(`${context.uid}: answered twice`);
          else if (response.allowed === context.denied) problems.push(`${context.uid}: allowed=${response.allowed}`);
          answered.set(response.uid, response.allowed);
        },
      }],
    } as any);
    console.log(`webhook load (shared machine): ${result.requests.total} requests, ${result.requests.average.toFixed(0)} req/s average, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
    expect(problems).toEqual([]);
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(result['2xx']).toBe(REQUESTS);
    expect(answered.size).toBe(REQUESTS);
    expect([...answered.values()].filter((allowed) => !allowed).length).toBe(REQUESTS / 2);
  }, 120_000);
});
