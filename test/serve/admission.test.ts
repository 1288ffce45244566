/**
 * The admission webhook over real TLS on 127.0.0.1, with a CA made here:
 * verdicts, warnings, audit annotations, operations, dry runs, exempt
 * namespaces, suppressions written by the object's author, bad bodies,
 * certificate rotation and policy reload.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhook } from '../../engine/serve/admission/webhook.js';
import type { Webhook } from '../../engine/serve/admission/webhook.js';
import { haveOpenssl, httpsCall, makeTestCa } from '../helpers/test-ca.js';
import type { TestCa } from '../helpers/test-ca.js';
import { admissionReview } from '../helpers/admission-review.js';
import { ROOT } from '../helpers/cli.js';
import { ruleHostsOf, waitUntil } from '../helpers/rule-hosts.js';

if (!haveOpenssl) console.warn('SKIPPED: admission webhook tests because the openssl command is not installed');

const hardened = parse(readFileSync(join(ROOT, 'examples/kubernetes/hardened.yaml'), 'utf8')) as Record<string, any>;
const pod = (securityContext: Record<string, unknown>, annotations: Record<string, string> = {}) => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: 'p', annotations },
  spec: { containers: [{ name: 'app', image: 'busybox', securityContext }] },
});

describe.skipIf(!haveOpenssl)('caplint serve --admission', () => {
  let ca: TestCa;
  let dir: string;
  let hook: Webhook;
  const decisions: string[] = [];
  const logs: string[] = [];
  const review = async (body: unknown) => {
    const res = await httpsCall(hook.port, ca.ca, '/validate', typeof body === 'string' ? body : JSON.stringify(body));
    return { ...res, json: res.status === 200 ? JSON.parse(res.body) : undefined };
  };

  beforeAll(async () => {
    ca = makeTestCa();
    dir = mkdtempSync(join(tmpdir(), 'caplint-webhook-'));
    writeFileSync(join(dir, 'caplint.config.json'), JSON.stringify({ policy: 'pss-restricted', admission: { exemptNamespaces: ['kube-system'] } }));
    hook = await startWebhook({
      host: '127.0.0.1', port: 0, tls: { cert: ca.cert, key: ca.key }, tlsPollMs: 100, maxBodyBytes: 64 * 1024,
      judge: { cwd: dir }, decision: (l) => decisions.push(l), log: (l) => logs.push(l),
    });
  });
  afterAll(async () => {
    await hook?.close();
    ca?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('denies a privileged Pod on CREATE, naming the rule, the place and the fix, and answers with the request uid', async () => {
    const body = admissionReview(pod({ privileged: true }), { uid: 'uid-create-1' });
    const { status, json } = await review(body);
    expect(status).toBe(200);
    expect(json.apiVersion).toBe('admission.k8s.io/v1');
    expect(json.kind).toBe('AdmissionReview');
    expect(json.response.uid).toBe('uid-create-1');
    expect(json.response.allowed).toBe(false);
    expect(json.response.status.code).toBe(403);
    const message: string = json.response.status.message;
    expect(message).toMatch(/^caplint denied Pod\/p in namespace default \(policy Kubernetes Pod Security Standards, restricted .*, fail-on high\):\n- /);
    expect(message).toContain('pss/privileged at /spec/containers/0/securityContext/privileged');
    expect(message).toMatch(/Fix: /);
    expect(message.split('\n').length).toBeLessThanOrEqual(7);
    expect(json.response.auditAnnotations.decision).toBe('denied');
    expect(json.response.auditAnnotations.rules.split(',')).toContain('pss/privileged');
    const logged = JSON.parse(decisions.at(-1)!);
    expect(logged).toMatchObject({ uid: 'uid-create-1', user: 'kubernetes-admin', operation: 'CREATE', allowed: false });
  });

  it('writes control characters from the object as visible escapes in the message kubectl prints', async () => {
    const hostile = pod({ privileged: true });
    hostile.metadata.name = 'p\u001b[2J\nforged: allowed\u202e';
    const { json } = await review(admissionReview(hostile));
    const message: string = json.response.status.message;
    expect(json.response.allowed).toBe(false);
    expect(message).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    expect(message.split('\n')[0]).toContain('p\\x1b[2J\\nforged: allowed\\u202e');
  });

  it('allows a hardened Deployment and reports lower findings as warnings', async () => {
    const { json } = await review(admissionReview(hardened));
    expect(json.response.allowed).toBe(true);
    expect(json.response.status).toBeUndefined();
    expect(json.response.auditAnnotations.decision).toBe('allowed');
    const medium = await review(admissionReview(pod({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } })));
    // runAsNonRoot is missing: a medium finding under fail-on high.
    expect(medium.json.response.allowed).toBe(true);
    expect(medium.json.response.warnings.join('\n')).toMatch(/caplint medium pss\/run-as-non-root at \/spec/);
  });

  it('judges the new object on UPDATE, not the old one', async () => {
    const bad = structuredClone(hardened);
    bad.spec.template.spec.hostPID = true;
    const toBad = await review(admissionReview(bad, { operation: 'UPDATE', oldObject: hardened }));
    expect(toBad.json.response.allowed).toBe(false);
    expect(toBad.json.response.status.message).toContain('/spec/template/spec/hostPID');
    const toGood = await review(admissionReview(hardened, { operation: 'UPDATE', oldObject: bad }));
    expect(toGood.json.response.allowed).toBe(true);
  });

  it('gives a dry run the same verdict as the real request', async () => {
    const object = pod({ privileged: true });
    const real = await review(admissionReview(object));
    const dry = await review(admissionReview(object, { dryRun: true }));
    expect(dry.json.response.allowed).toBe(real.json.response.allowed);
    expect(dry.json.response.status.message).toBe(real.json.response.status.message);
    expect(JSON.parse(decisions.at(-1)!).dryRun).toBe(true);
  });

  it('allows DELETE and CONNECT, which carry no object to judge', async () => {
    for (const operation of ['DELETE', 'CONNECT'] as const) {
      const { json } = await review(admissionReview(pod({ privileged: true }), { operation, uid: `uid-${operation}` }));
      expect(json.response).toEqual({ uid: `uid-${operation}`, allowed: true });
    }
  });

  it('allows an exempt namespace unjudged and says so; the same object elsewhere is denied', async () => {
    const exempt = await review(admissionReview(pod({ privileged: true }), { namespace: 'kube-system' }));
    expect(exempt.json.response.allowed).toBe(true);
    expect(exempt.json.response.auditAnnotations).toEqual({ decision: 'exempt', reason: 'namespace kube-system is exempt by configuration' });
    const other = await review(admissionReview(pod({ privileged: true }), { namespace: 'kube-systemx' }));
    expect(other.json.response.allowed).toBe(false);
  });

  it('does not let the object silence the judge with its own caplint.dev/ignore annotations', async () => {
    const sneaky = pod({ privileged: true }, { 'caplint.dev/ignore': '*: trust me', 'caplint.dev/ignore.app': 'pss/privileged: me too' });
    const { json } = await review(admissionReview(sneaky));
    expect(json.response.allowed).toBe(false);
    expect(json.response.status.message).toContain('pss/privileged');
  });

  it('answers 400 to a malformed review, a wrong apiVersion and a review without a uid, and keeps serving', async () => {
    const cases: [string, string | object, RegExp][] = [
      ['not JSON', '{"apiVersion":', /not JSON/],
      ['wrong apiVersion', { ...admissionReview(hardened), apiVersion: 'admission.k8s.io/v1beta1' }, /expected apiVersion admission.k8s.io\/v1/],
      ['no uid', { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { kind: { kind: 'Pod' }, operation: 'CREATE', object: {} } }, /request.uid/],
      ['an array', '[]', /the body must be an object/],
      ['bad operation', { ...admissionReview(hardened), request: { ...admissionReview(hardened).request, operation: 'PATCH' } }, /request.operation/],
      ['CREATE without an object', { ...admissionReview(hardened), request: { ...admissionReview(hardened).request, object: null } }, /request.object must be an object/],
    ];
    for (const [what, body, pattern] of cases) {
      const res = await review(body);
      expect(res.status, what).toBe(400);
      expect(res.body, what).toMatch(pattern);
    }
    expect((await httpsCall(hook.port, ca.ca, '/healthz')).status).toBe(200);
  });

  it('refuses an oversized body with 413 before judging it', async () => {
    const big = admissionReview(pod({}, { filler: 'x'.repeat(100 * 1024) }));
    const res = await review(big);
    expect(res.status).toBe(413);
    expect(res.body).toMatch(/limit is 65536/);
    expect((await httpsCall(hook.port, ca.ca, '/readyz')).status).toBe(200);
  });

  it('denies, and does not crash on, an object it cannot read', async () => {
    const broken = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b' }, spec: { containers: 'not a list' } };
    const { json } = await review(admissionReview(broken));
    expect(json.response.allowed).toBe(false);
    expect(json.response.status.message).toMatch(/could not be judged/);
    const deep = `${'{"a":'.repeat(10000)}{}${'}'.repeat(10000)}`;
    const request = JSON.stringify({ uid: 'd', kind: { kind: 'Pod' }, operation: 'CREATE', object: { kind: 'Pod', metadata: { name: 'd' }, spec: { containers: [{ name: 'c', image: 'i' }] }, deep: 0 } }).replace('"deep":0', `"deep":${deep}`);
    const res = await review(`{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":${request}}`);
    // Never admitted: either refused as a bad review or denied.
    if (res.status === 200) expect(res.json.response.allowed).toBe(false);
    else expect(res.status).toBe(400);
    expect((await httpsCall(hook.port, ca.ca, '/healthz')).status).toBe(200);
  });

  it('allows a kind without a pod template, saying it was not judged', async () => {
    const { json } = await review(admissionReview({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: {} }));
    expect(json.response.allowed).toBe(true);
    expect(json.response.auditAnnotations.reason).toBe('ConfigMap has no pod template');
  });

  it('answers 404 and 405 on other paths and methods', async () => {
    expect((await httpsCall(hook.port, ca.ca, '/nope')).status).toBe(404);
    expect((await httpsCall(hook.port, ca.ca, '/validate')).status).toBe(405);
  });

  it('is refused by a client that does not trust the test CA', async () => {
    const other = makeTestCa();
    try {
      await expect(httpsCall(hook.port, other.ca, '/healthz')).rejects.toThrow(/self[- ]signed|unable to verify|certificate/i);
    } finally {
      other.remove();
    }
  });

  it('serves a rotated certificate without a restart', async () => {
    const before = (await httpsCall(hook.port, ca.ca, '/healthz')).serial;
    const serial = ca.issue();
    expect(serial).not.toBe(before);
    let seen = before;
    for (let i = 0; i < 100 && seen !== serial; i++) {
      await new Promise((r) => setTimeout(r, 100));
      seen = (await httpsCall(hook.port, ca.ca, '/healthz')).serial;
    }
    expect(seen).toBe(serial);
    expect(logs.join('\n')).toMatch(/loaded the new TLS certificate/);
  });

  it('keeps the previous policy when the new one does not load, and takes a good one', async () => {
    const file = join(dir, 'caplint.config.json');
    writeFileSync(file, '{"policy": "no-such-policy"}');
    expect(await hook.reload()).toBe(false);
    expect(logs.at(-1)).toMatch(/did not reload, keeping the one loaded at .* \(Kubernetes Pod Security Standards, restricted .*\): .*caplint\.config\.json:1:\d+: \"no-such-policy\" is neither/);
    expect((await review(admissionReview(pod({ privileged: true })))).json.response.allowed).toBe(false);
    writeFileSync(file, JSON.stringify({ policy: 'pss-restricted', failOn: 'never' }));
    expect(await hook.reload()).toBe(true);
    expect((await review(admissionReview(pod({ privileged: true })))).json.response.allowed).toBe(true);
  });
});

describe.skipIf(!haveOpenssl)('caplint serve --admission with a team\'s config and custom rules', () => {
  let ca: TestCa;
  let hook: Webhook;
  beforeAll(async () => {
    ca = makeTestCa();
    hook = await startWebhook({ host: '127.0.0.1', port: 0, tls: { cert: ca.cert, key: ca.key }, judge: { cwd: join(ROOT, 'examples/policy') }, decision: () => {}, log: () => {} });
  }, 60_000);
  afterAll(async () => {
    await hook?.close();
    ca?.remove();
  });

  it('judges with the config\'s policy and custom rules, as caplint audit does from that folder', async () => {
    const owned = { 'team.example/owner': 'payments' };
    const timeSetter = pod({ capabilities: { add: ['SYS_TIME'] } }, owned);
    const denied = JSON.parse((await httpsCall(hook.port, ca.ca, '/validate', JSON.stringify(admissionReview(timeSetter)))).body).response;
    expect(denied.allowed).toBe(false);
    expect(denied.status.message).toContain('team/no-host-time');
    expect(hook.current().policy).toMatch(/^Payments team policy with .*caplint.config.json$/);
    const unowned = JSON.parse((await httpsCall(hook.port, ca.ca, '/validate', JSON.stringify(admissionReview(hardened)))).body).response;
    expect(unowned.warnings.join('\n')).toMatch(/team\/require-owner/);
  });

  it('closes the replaced rule host on reload, after the reviews using it, and the last one on close', async () => {
    const hosts = () => ruleHostsOf(process.pid);
    expect(hosts()).toHaveLength(1);
    const owned = { 'team.example/owner': 'payments' };
    // A review in flight while the rule set is replaced is still judged by the old host.
    const inFlight = httpsCall(hook.port, ca.ca, '/validate', JSON.stringify(admissionReview(pod({ capabilities: { add: ['SYS_TIME'] } }, owned))));
    for (let i = 0; i < 3; i++) expect(await hook.reload()).toBe(true);
    // Reloads that overlap (two SIGHUPs in a row) each retire the set they replaced.
    expect(await Promise.all([hook.reload(), hook.reload(), hook.reload()])).toEqual([true, true, true]);
    expect(JSON.parse((await inFlight).body).response.allowed).toBe(false);
    await waitUntil(() => hosts().length === 1);
    expect(hosts()).toHaveLength(1);
    const again = JSON.parse((await httpsCall(hook.port, ca.ca, '/validate', JSON.stringify(admissionReview(pod({ capabilities: { add: ['SYS_TIME'] } }, owned))))).body).response;
    expect(again.status.message).toContain('team/no-host-time');
    await hook.close();
    await waitUntil(() => hosts().length === 0);
    expect(hosts()).toEqual([]);
  }, 60_000);
});
