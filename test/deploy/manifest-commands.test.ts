/**
 * The manifests' commands run: the webhook container's command line, with the
 * mounted paths pointed at a test CA and at the ConfigMap's config, serves and
 * judges with that config (its exempt namespaces included).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { haveOpenssl, httpsCall, makeTestCa } from '../helpers/test-ca.js';
import { startServe } from '../helpers/serve-process.js';
import type { Served } from '../helpers/serve-process.js';
import { admissionReview } from '../helpers/admission-review.js';

type Obj = Record<string, any>;
const docs = (file: string): Obj[] => parseAllDocuments(readFileSync(join(ROOT, 'deploy/kubernetes', file), 'utf8')).map((d) => d.toJS() as Obj);

if (!haveOpenssl) console.warn('SKIPPED: running the webhook manifest\'s command because the openssl command is not installed');

describe.skipIf(!haveOpenssl)('the webhook manifest\'s command', () => {
  const ca = haveOpenssl ? makeTestCa() : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'caplint-manifest-'));
  let served: Served | undefined;
  afterAll(async () => {
    await served?.stop();
    ca?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves and judges with the ConfigMap\'s config', async () => {
    const deployment = docs('30-webhook.yaml').find((o) => o.kind === 'Deployment')!;
    const container = deployment.spec.template.spec.containers[0];
    const config = docs('20-webhook-config.yaml')[0]!.data['caplint.config.json'];
    writeFileSync(join(dir, 'caplint.config.json'), config);
    expect(container.command).toEqual(['caplint']);
    expect(container.args[0]).toBe('serve');
    const paths: Record<string, string> = {
      '/etc/caplint/tls/tls.crt': ca!.cert, '/etc/caplint/tls/tls.key': ca!.key, '/etc/caplint/config/caplint.config.json': join(dir, 'caplint.config.json'),
    };
    const args = (container.args as string[]).slice(1).map((a) => a.replace(/=(.*)$/, (_m, v: string) => `=${paths[v] ?? v}`).replace(/^--port=8443$/, '--port=0'));
    expect(args).toContain(`--tls-cert=${ca!.cert}`);
    served = await startServe([...args, '--address=127.0.0.1'], dir);
    expect((await httpsCall(served.port, ca!.ca, '/readyz')).status).toBe(200);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i', securityContext: { privileged: true } }] } };
    const verdict = async (namespace: string) => JSON.parse((await httpsCall(served!.port, ca!.ca, '/validate', JSON.stringify(admissionReview(pod, { namespace })))).body).response;
    expect((await verdict('default')).allowed).toBe(false);
    expect(await verdict('kube-system')).toMatchObject({ allowed: true, auditAnnotations: { decision: 'exempt' } });
  }, 60_000);
});

describe('the agent manifest\'s command', () => {
  let served: Served | undefined;
  afterAll(async () => {
    if (served) expect(await served.stop()).toBe(0);
  });

  it('scans and serves metrics', async () => {
    const daemonSet = docs('50-agent.yaml').find((o) => o.kind === 'DaemonSet')!;
    const container = daemonSet.spec.template.spec.containers[0];
    expect(container.command).toEqual(['caplint']);
    expect(container.args.slice(0, 2)).toEqual(['serve', '--agent']);
    const args = (container.args as string[]).slice(1).map((a) => a.replace(/^--port=9090$/, '--port=0'));
    served = await startServe([...args, '--address=127.0.0.1', '--no-filters'], ROOT);
    const text = await (await fetch(`http://127.0.0.1:${served.port}/metrics`)).text();
    expect(Number(/^caplint_scans_total (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(1);
    expect(Number(/^caplint_processes (\d+)$/m.exec(text)?.[1])).toBeGreaterThan(0);
    expect(served.stdout().split('\n').slice(0, -1).filter(Boolean).every((l) => ['new', 'resolved'].includes(JSON.parse(l).event))).toBe(true);
  }, 60_000);
});
