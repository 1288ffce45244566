/** Kubernetes manifests → Subjects: workload kinds, inheritance, capabilities, seccomp, positions. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditText } from '../helpers/audit-text.js';
import { isUnknown } from '../../engine/model/subject.js';

const DIR = resolve(__dirname, '../fixtures/kubernetes');
const read = (name: string) => readFileSync(resolve(DIR, name), 'utf8');

describe('Kubernetes input', () => {
  it('finds every container of every workload kind, in Lists too, and skips other kinds', async () => {
    const { subjects, errors } = await auditText('workloads.yaml', read('workloads.yaml'));
    expect(errors).toEqual([]);
    expect(subjects.map((s) => s.name)).toEqual([
      'Deployment/web container nginx',
      'Deployment/web init container setup',
      'Deployment/web ephemeral container debug',
      'CronJob/nightly container job',
      'PodTemplate/tmpl container win',
    ]);
  });

  it('applies the pod securityContext where the container does not override it', async () => {
    const { subjects } = await auditText('workloads.yaml', read('workloads.yaml'));
    const [nginx, setup, debug] = subjects;
    expect(setup!.user.uid).toBe(0);
    expect(nginx!.user.uid).toBe(1000);
    expect(nginx!.seccomp).toEqual({ mode: 'runtime-default' });
    expect(debug!.seccomp).toEqual({ mode: 'unconfined' });
    expect(nginx!.noNewPrivileges).toBe(true);
    expect(setup!.noNewPrivileges).toBe(false);
  });

  it('applies add/drop to the runtime default set and keeps the text as written', async () => {
    const { subjects } = await auditText('workloads.yaml', read('workloads.yaml'));
    const nginx = subjects[0]!;
    expect(nginx.capabilities.bounding).toEqual(['CAP_CHOWN', 'CAP_NET_BIND_SERVICE']);
    expect(nginx.capabilities.effective).toEqual([]); // uid 1000 loses them at execve
    expect(nginx.capabilities.written).toEqual({ add: ['net_bind_service', 'CAP_CHOWN'], drop: ['ALL'] });
    expect(nginx.limits.memory).toBe(128 * 1024 * 1024);
    expect(nginx.limits.cpu).toEqual({ quota: 25000, period: 100000 });
    expect(isUnknown(nginx.limits.pids)).toBe(true);
  });

  it('reads legacy annotations, hostUsers and Windows pods', async () => {
    const { subjects } = await auditText('workloads.yaml', read('workloads.yaml'));
    const job = subjects[3]!;
    expect(job.lsm.apparmor).toBe('unconfined');
    expect(job.seccomp).toEqual({ mode: 'filter' });
    expect(job.namespaces.user).toEqual({ state: 'isolated' });
    expect(subjects[4]!.os).toBe('windows');
  });

  it('unset seccomp is Unconfined, and the message says why', async () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: x\n';
    const { findings, subjects } = await auditText('p.yaml', text);
    expect(subjects[0]!.seccomp.mode).toBe('unconfined');
    const f = findings.find((x) => x.ruleId === 'seccomp/required')!;
    expect(f.message).toContain('Kubernetes runs containers Unconfined');
    expect(f.line).toBe(6);
  });

  it('resolves Localhost profiles under --seccomp-root and analyses them', async () => {
    const { subjects, findings } = await auditText('workloads.yaml', read('workloads.yaml'), 'default', { seccompRoot: resolve(DIR, 'seccomp') });
    expect(subjects[3]!.seccomp.mode).toBe('filter');
    const keyring = findings.find((f) => f.ruleId === 'seccomp/no-risky-syscalls' && f.subject === 'CronJob/nightly container job');
    expect(keyring?.message).toContain('keyctl');
    expect(keyring?.line).toBe(55); // the seccomp annotation that names the profile
  });

  it('reports findings at the field that caused them, inherited or not', async () => {
    const { findings } = await auditText('workloads.yaml', read('workloads.yaml'));
    const at = (rule: string, subject: string) => findings.filter((f) => f.ruleId === rule && f.subject === subject).map((f) => f.line);
    expect(at('privileges/no-root-without-userns', 'Deployment/web init container setup')).toEqual([23]);
    expect(at('seccomp/required', 'Deployment/web ephemeral container debug')).toEqual([38]);
    expect(at('lsm/profile', 'CronJob/nightly container job')).toEqual([54]);
  });

  it('an invalid document is an error at its line and column; the others are audited (exit 2 in the CLI)', async () => {
    const { findings, errors, subjects } = await auditText('mixed-invalid.yaml', read('mixed-invalid.yaml'), 'pss-baseline');
    expect(subjects.map((s) => s.name)).toEqual(['Pod/good-one container app', 'Pod/good-two container app']);
    expect(findings.map((f) => `${f.line} ${f.ruleId}`)).toEqual(['6 pss/host-namespaces', '32 pss/host-namespaces']);
    expect(errors.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual([
      '20:9 Pod/bad-type: not a valid pod spec: spec.containers[0].securityContext.privileged must be a boolean',
      expect.stringMatching(/^25:1 not valid YAML: /),
    ]);
  });

  it('container-scoped suppressions apply to that container only', async () => {
    const text = [
      'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  annotations:',
      '    caplint.dev/ignore.a: "pss/privileged: firmware flasher, reviewed"',
      'spec:', '  containers:', '  - name: a', '    image: x', '    securityContext: {privileged: true}',
      '  - name: b', '    image: x', '    securityContext: {privileged: true}', '',
    ].join('\n');
    const { findings } = await auditText('p.yaml', text, 'pss-baseline');
    expect(findings.map((f) => `${f.line} ${f.ruleId} ${f.subject}`)).toEqual(['14 pss/privileged Pod/p container b']);
  });
});

describe('Kubernetes user identity', () => {
  it('runAsNonRoot: true without runAsUser: the uid is unknown but known not to be root', async () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsNonRoot: true}\n  containers:\n  - name: c\n    image: x\n';
    const { subjects, findings } = await auditText('p.yaml', text);
    expect(subjects[0]!.user).toEqual({ uid: { unknown: true, reason: 'set by the image' }, gid: { unknown: true, reason: 'set by the image' }, nonRoot: true });
    expect(findings.filter((f) => f.ruleId === 'privileges/no-root-without-userns')).toEqual([]);
  });
});

describe('Kubernetes null fields', () => {
  it('a null field is unset, as the API server reads it (Helm renders empty values as null)', async () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: null\n  containers:\n  - name: c\n    image: x\n    securityContext: null\n    resources: {limits: null}\n';
    const { errors, subjects } = await auditText('p.yaml', text);
    expect(errors).toEqual([]);
    expect(subjects).toHaveLength(1);
  });
});

describe('Kubernetes JSON', () => {
  it('reads `kubectl get -o json` output (a List) with positions', async () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'j' }, spec: { hostIPC: true, containers: [{ name: 'c', image: 'x' }] } }] };
    const text = JSON.stringify(list, null, 2);
    const { findings, subjects } = await auditText('pods.json', text, 'pss-baseline');
    expect(subjects.map((s) => s.name)).toEqual(['Pod/j container c']);
    const line = text.split('\n').findIndex((l) => l.includes('hostIPC')) + 1;
    expect(findings.map((f) => `${f.line} ${f.ruleId}`)).toEqual([`${line} pss/host-namespaces`]);
  });
});
