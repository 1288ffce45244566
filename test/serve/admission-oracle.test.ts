/**
 * Same answers everywhere: each Pod Security Admission fixture (148, from the
 * shared folder) and each Kubernetes example goes through the webhook as an
 * AdmissionReview, and the verdict (allowed or not, and the rules that deny)
 * is the one `caplint audit` gives the file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhook } from '../../engine/serve/admission/webhook.js';
import type { Webhook } from '../../engine/serve/admission/webhook.js';
import { haveOpenssl, httpsCall, makeTestCa } from '../helpers/test-ca.js';
import type { TestCa } from '../helpers/test-ca.js';
import { admissionReview } from '../helpers/admission-review.js';
import { caplint, ROOT } from '../helpers/cli.js';
import { available, sharedPath } from '../helpers/skip.js';

const PSA = sharedPath('fixtures/psa');
const havePsa = available('the PSA fixtures through the webhook', PSA);
if (!haveOpenssl) console.warn('SKIPPED: the webhook/audit agreement tests because the openssl command is not installed');

const FAIL_ON = 'low';

function psaFiles(level: string): string[] {
  if (!havePsa) return [];
  return ['pass', 'fail'].flatMap((kind) => readdirSync(join(PSA, level, kind)).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(PSA, level, kind, f)));
}

const CASES: { policy: string; files: string[] }[] = [
  { policy: 'pss-baseline', files: psaFiles('baseline') },
  { policy: 'pss-restricted', files: psaFiles('restricted') },
  ...['default', 'pss-restricted'].map((policy) => ({ policy, files: ['hardened.yaml', 'risky.yaml'].map((f) => join(ROOT, 'examples/kubernetes', f)) })),
];

describe.skipIf(!haveOpenssl)('the webhook and caplint audit agree', () => {
  let ca: TestCa;
  const hooks = new Map<string, Webhook>();
  let count = 0;
  beforeAll(async () => {
    ca = makeTestCa();
    for (const policy of new Set(CASES.map((c) => c.policy)))
      hooks.set(policy, await startWebhook({ host: '127.0.0.1', port: 0, tls: { cert: ca.cert, key: ca.key }, judge: { cwd: ROOT, noConfig: true, policy, failOn: FAIL_ON }, decision: () => {}, log: () => {} }));
  });
  afterAll(async () => {
    for (const hook of hooks.values()) await hook.close();
    ca?.remove();
    console.log(`webhook/audit agreement: ${count} files`);
  });

  for (const { policy, files } of CASES) {
    for (const file of files) {
      it(`${policy}: ${file.split('/').slice(-3).join('/')}`, async () => {
        const audit = await caplint(['audit', file, '--policy', policy, '--fail-on', FAIL_ON, '--format', 'json', '--no-config']);
        expect(audit.code, audit.stderr).not.toBe(2);
        const report = JSON.parse(audit.stdout) as { findings: { ruleId: string; severity: string }[]; summary: { failed: boolean } };
        const auditDenies = new Set(report.findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId));
        const hook = hooks.get(policy)!;
        const webhookDenies = new Set<string>();
        let allowed = true;
        const docs = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS()).filter((d) => d && typeof d === 'object');
        expect(docs.length).toBeGreaterThan(0);
        for (const [i, doc] of docs.entries()) {
          const uid = `${count}-${i}`;
          const res = await httpsCall(hook.port, ca.ca, '/validate', JSON.stringify(admissionReview(doc, { uid })));
          expect(res.status).toBe(200);
          const response = JSON.parse(res.body).response;
          expect(response.uid).toBe(uid);
          allowed &&= response.allowed;
          for (const rule of response.auditAnnotations.rules?.split(',') ?? []) webhookDenies.add(rule);
        }
        expect(allowed).toBe(audit.code === 0);
        // Not vacuous: what PSA rejects, and the risky example, are denied; what PSA passes is allowed.
        if (/\/fail\/|risky/.test(file)) expect(allowed).toBe(false);
        if (/\/pass\//.test(file)) expect(allowed).toBe(true);
        expect([...webhookDenies].sort()).toEqual([...auditDenies].sort());
        count++;
      });
    }
  }
});
