/**
 * caplint's own manifests: the Helm chart renders the objects of
 * deploy/kubernetes; caplint audits them (the webhook clean under
 * pss-restricted, the agent's host access suppressed with reasons, and the
 * suppressions load-bearing); the ValidatingWebhookConfiguration fails closed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { caplint, ROOT } from '../helpers/cli.js';
import { renderChart } from '../helpers/helm-render.js';
import { haveTool } from '../helpers/processes.js';

const PLAIN = join(ROOT, 'deploy/kubernetes');
const CHART = join(ROOT, 'deploy/helm/caplint');
type Obj = Record<string, any>;

const objects = (texts: readonly string[]): Obj[] => texts.flatMap((t) => parseAllDocuments(t).map((d) => d.toJS() as Obj)).filter(Boolean);
const plainFiles = readdirSync(PLAIN).filter((f) => f.endsWith('.yaml')).sort();
const plain = objects(plainFiles.map((f) => readFileSync(join(PLAIN, f), 'utf8')));
const key = (o: Obj) => `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
const byKey = (list: readonly Obj[]) => Object.fromEntries(list.map((o) => [key(o), o]));
const find = (kind: string) => plain.find((o) => o.kind === kind)!;

const haveHelm = haveTool('helm');
if (!haveHelm) console.warn('SKIPPED: `helm template` of the chart, because no helm binary is installed (the chart is rendered by test/helpers/helm-render.ts instead)');

describe('deploy/', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caplint-deploy-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the Helm chart renders the same objects as deploy/kubernetes (all but the Namespace)', () => {
    const rendered = objects(renderChart(CHART, 'caplint-system'));
    expect(byKey(rendered)).toEqual(byKey(plain.filter((o) => o.kind !== 'Namespace')));
  });

  it.skipIf(!haveHelm)('helm template renders the same objects as deploy/kubernetes', () => {
    const run = spawnSync('helm', ['template', 'caplint', CHART, '--namespace', 'caplint-system'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(byKey(objects([run.stdout]))).toEqual(byKey(plain.filter((o) => o.kind !== 'Namespace')));
  });

  it('the chart follows its values', () => {
    const rendered = objects(renderChart(CHART, 'elsewhere'));
    const hook = rendered.find((o) => o.kind === 'ValidatingWebhookConfiguration')!;
    expect(hook.webhooks[0].clientConfig.service.namespace).toBe('elsewhere');
    expect(hook.webhooks[0].namespaceSelector.matchExpressions[0].values).toEqual(['kube-system', 'elsewhere']);
  });

  it('the webhook fails closed, has a timeout, two replicas and a disruption budget', () => {
    const hook = find('ValidatingWebhookConfiguration').webhooks[0];
    expect(hook.failurePolicy).toBe('Fail');
    expect(hook.timeoutSeconds).toBeGreaterThan(0);
    expect(hook.timeoutSeconds).toBeLessThanOrEqual(10);
    expect(hook.sideEffects).toBe('None');
    expect(hook.admissionReviewVersions).toEqual(['v1']);
    const kinds = hook.rules.flatMap((r: Obj) => r.resources);
    for (const resource of ['pods', 'pods/ephemeralcontainers', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'replicationcontrollers', 'podtemplates'])
      expect(kinds).toContain(resource);
    expect(plain.find((o) => o.kind === 'Deployment')!.spec.replicas).toBe(2);
    expect(find('PodDisruptionBudget').spec.minAvailable).toBe(1);
  });

  for (const [what, texts] of [['deploy/kubernetes', () => plainFiles.map((f) => readFileSync(join(PLAIN, f), 'utf8'))], ['the rendered chart', () => renderChart(CHART, 'caplint-system')]] as const) {
    it(`caplint audits ${what}: clean under pss-restricted and pss-baseline, nothing high under the default policy`, async () => {
      const file = join(dir, `${what.replace(/\W+/g, '-')}.yaml`);
      writeFileSync(file, texts().join('\n---\n'));
      for (const [policy, failOn] of [['pss-restricted', 'info'], ['pss-baseline', 'info'], ['default', 'high']]) {
        const run = await caplint(['audit', file, '--policy', policy!, '--fail-on', failOn!, '--format', 'json', '--no-config']);
        const report = JSON.parse(run.stdout);
        expect(report.summary.subjects, policy).toBe(2);
        expect(run.code, `${policy}: ${report.findings.map((f: Obj) => f.ruleId).join(', ')}`).toBe(0);
      }
    });
  }

  it('the agent\'s suppressions carry reasons and are load-bearing; the webhook needs none', async () => {
    const agent = plain.find((o) => o.kind === 'DaemonSet')!;
    const notes = agent.spec.template.metadata.annotations as Record<string, string>;
    const ignores = Object.entries(notes).filter(([k]) => k.startsWith('caplint.dev/ignore'));
    expect(ignores.length).toBeGreaterThan(0);
    for (const [, value] of ignores) expect(value.slice(value.indexOf(':') + 1).trim().length).toBeGreaterThan(40);
    const webhook = plain.find((o) => o.kind === 'Deployment')!;
    expect(JSON.stringify(webhook)).not.toContain('caplint.dev/ignore');
    const bare = structuredClone(agent);
    bare.spec.template.metadata.annotations = {};
    const file = join(dir, 'agent-bare.yaml');
    writeFileSync(file, stringify(bare));
    const run = await caplint(['audit', file, '--policy', 'pss-restricted', '--format', 'json', '--no-config']);
    const rules = new Set(JSON.parse(run.stdout).findings.map((f: Obj) => f.ruleId));
    expect(run.code).toBe(1);
    for (const rule of ['pss/host-namespaces', 'pss/volume-types', 'pss/capabilities-restricted', 'pss/run-as-non-root']) expect(rules).toContain(rule);
  });

  it('the agent is granted exactly the capabilities its comment justifies, and no more host access', () => {
    const agent = plain.find((o) => o.kind === 'DaemonSet')!;
    const spec = agent.spec.template.spec;
    const container = spec.containers[0];
    expect(container.securityContext.capabilities).toEqual({ drop: ['ALL'], add: ['SYS_PTRACE', 'SYS_ADMIN', 'DAC_READ_SEARCH'] });
    const text = readFileSync(join(PLAIN, '50-agent.yaml'), 'utf8');
    for (const cap of container.securityContext.capabilities.add) expect(text).toMatch(new RegExp(`#\\s+CAP_${cap}\\s+\\S`));
    expect(spec.hostPID).toBe(true);
    expect(spec.hostNetwork).toBeUndefined();
    expect(spec.hostIPC).toBeUndefined();
    expect(container.securityContext.privileged).toBeUndefined();
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    for (const mount of container.volumeMounts) expect(mount.readOnly, mount.mountPath).toBe(true);
    expect(spec.volumes.map((v: Obj) => v.hostPath.path)).not.toContain('/run');
  });
});
