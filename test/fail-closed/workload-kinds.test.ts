/**
 * Every pod template is audited whatever the kind: known custom resources and
 * any object shaped like a workload; other kinds are listed as not audited,
 * a typo of a workload kind gets a did-you-mean, and an audit that audited
 * nothing says so and exits 2 unless --allow-empty.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../engine/model/finding.js';
import { caplint } from '../helpers/cli.js';
import { HARDENED_PATH } from '../helpers/oci.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'caplint-kinds-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

type Json = Pick<AuditReport, 'findings' | 'errors' | 'summary'>;
async function audit(...args: string[]): Promise<{ code: number; report: Json; text: string }> {
  const json = await caplint(['audit', '--format', 'json', ...args]);
  const text = await caplint(['audit', ...args]);
  expect(text.code).toBe(json.code);
  return { code: json.code, report: JSON.parse(json.stdout) as Json, text: text.stdout };
}

const PRIVILEGED = 'containers: [{name: a, image: x, securityContext: {privileged: true}}]';
const workload = (apiVersion: string, kind: string, path: string) => {
  const indent = (n: number) => ' '.repeat(n);
  const tokens = path === '' ? [] : path.split('.');
  const lines = tokens.map((t, i) => `${indent(i * 2)}${t}:`);
  return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: w}\n${lines.join('\n')}${lines.length ? '\n' : ''}${indent(tokens.length * 2)}spec:\n${indent(tokens.length * 2 + 2)}hostPID: true\n${indent(tokens.length * 2 + 2)}${PRIVILEGED}\n`;
};

describe('workloads by kind and by shape', () => {
  it.each([
    ['apps.openshift.io/v1', 'DeploymentConfig', 'spec.template'],
    ['argoproj.io/v1alpha1', 'Rollout', 'spec.template'],
    ['serving.knative.dev/v1', 'Service', 'spec.template'],
    ['apps.kruise.io/v1alpha1', 'CloneSet', 'spec.template'],
    ['example.com/v1', 'Widget', 'spec.template'],
    ['example.com/v1', 'NightlyThing', 'spec.jobTemplate.spec.template'],
    ['example.com/v1', 'Sandbox', ''],
  ])('%s %s holding a privileged container with hostPID fails the gate, named by its kind', async (apiVersion, kind, path) => {
    const { code, report } = await audit(file(`${kind}.yaml`, workload(apiVersion, kind, path)));
    expect(code).toBe(1);
    expect(report.errors).toEqual([]);
    const subjects = new Set(report.findings.map((f) => f.subject));
    expect([...subjects]).toEqual([`${kind}/w container a`]);
    expect(report.findings.some((f) => f.ruleId === 'namespaces/no-host-namespaces' && f.severity !== 'low')).toBe(true);
    expect(report.summary.subjects).toBe(1);
  });

  it('a Knative container without a name gets the name Knative gives it', async () => {
    const text = 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: kn}\nspec:\n  template:\n    spec:\n      containers: [{image: x, securityContext: {privileged: true}}]\n';
    const { code, report } = await audit(file('knative.yaml', text));
    expect(code).toBe(1);
    expect(new Set(report.findings.map((f) => f.subject))).toEqual(new Set(['Service/kn container user-container']));
  });

  it('a typo of a workload kind: did-you-mean at the kind, and the workload is still audited by its shape', async () => {
    const path = file('typo.yaml', workload('apps/v1', 'Deploymnet', 'spec.template'));
    const { code, report } = await audit(path);
    expect(code).toBe(2);
    expect(report.errors).toEqual([{ file: path, line: 2, column: 1, message: '"Deploymnet" is not a Kubernetes kind caplint knows (did you mean Deployment?)' }]);
    expect(report.findings.some((f) => f.subject === 'Deploymnet/w container a' && f.severity === 'critical')).toBe(true);
  });

  it('non-workload kinds are skipped and said so; unknown kinds are listed as not audited with their place', async () => {
    const mixed = [
      workload('apps/v1', 'Deployment', 'spec.template'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n',
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n',
      'apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g1}\n',
      'apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g2}\n',
    ].join('---\n');
    const path = file('mixed.yaml', mixed);
    const gadget = mixed.split('\n').indexOf('apiVersion: example.com/v1') + 1;
    const { code, report, text } = await audit(path);
    expect(code).toBe(1);
    expect(report.summary.notAudited).toEqual([{ kind: 'Gadget', count: 2, file: path, line: gadget }]);
    expect(report.summary.skipped?.map((k) => [k.kind, k.count])).toEqual([['ConfigMap', 1], ['Service', 1]]);
    expect(text).toContain(`not audited: 2 objects of kind Gadget (${path}:${gadget})`);
    expect(text).toContain('skipped 2 objects that run no containers (ConfigMap, Service)');
  });

  it('detection reads the whole document: a manifest padded past 64 KiB is still audited', async () => {
    const padding = `# ${'x'.repeat(100)}\n`.repeat(1000);
    const { code, report } = await audit(file('padded.yaml', `${padding}${workload('v1', 'Pod', '')}`));
    expect(code).toBe(1);
    expect(report.summary.subjects).toBe(1);
  });
});

describe('an audit that audited nothing', () => {
  it('only non-workload objects: one sentence, exit 2; --allow-empty passes', async () => {
    const path = file('configmap.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    const { code, report, text } = await audit(path);
    expect(code).toBe(2);
    expect(report.summary.nothingAudited).toBe('no input held a container to audit');
    expect(text).toMatch(/✖ 0 findings across 0 subjects in 1 input; nothing audited: no input held a container to audit\.\n$/);
    expect(text).not.toContain('passed');
    const allowed = await audit(path, '--allow-empty');
    expect(allowed.code).toBe(0);
    expect(allowed.text).toContain('nothing audited (--allow-empty)');
  });

  it('a policy none of whose rules applies: pss-restricted on an OCI config', async () => {
    const { code, report } = await audit(HARDENED_PATH, '--policy', 'pss-restricted');
    expect(code).toBe(2);
    expect(report.summary.nothingAudited).toMatch(/^none of the rules of the policy ".*" applies to oci inputs, so nothing was judged$/);
  });

  it('a config for another operating system', async () => {
    const path = file('freebsd.json', JSON.stringify({ ociVersion: '1.1.0', process: { args: ['sh'], cwd: '/', user: { uid: 0, gid: 0 } }, root: { path: 'r' }, freebsd: {} }));
    const { code, report } = await audit(path);
    expect(code).toBe(2);
    expect(report.summary.nothingAudited).toBe('every config is for an operating system other than Linux, which no rule of this policy judges');
  });

  it('ps --cgroup matching nothing', async () => {
    const { code, stdout } = await caplint(['ps', '--cgroup', '/no/such/cgroup/path', '--no-filters']);
    expect(code).toBe(2);
    expect(stdout).toContain('nothing audited: no process is in the cgroup /no/such/cgroup/path or below it.');
    expect((await caplint(['ps', '--cgroup', '/no/such/cgroup/path', '--no-filters', '--allow-empty'])).code).toBe(0);
  });
});
