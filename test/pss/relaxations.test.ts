/** Pod Security exemptions beyond the PSA fixtures: Windows pods, hostUsers: false, overrides at restricted. */
import { describe, expect, it } from 'vitest';
import { auditText } from '../helpers/audit-text.js';

function pod(spec: string, container = ''): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}  containers:\n  - name: c\n    image: x\n${container}`;
}

async function rules(text: string, policy: string): Promise<string[]> {
  const { findings, errors } = await auditText('p.yaml', text, policy);
  expect(errors).toEqual([]);
  return [...new Set(findings.map((f) => f.ruleId))].sort();
}

describe('Pod Security relaxations', () => {
  it('Windows pods are exempt from privilege escalation, seccomp and capabilities at restricted', async () => {
    expect(await rules(pod('  os: {name: windows}\n'), 'pss-restricted')).toEqual(['pss/run-as-non-root']);
    expect(await rules(pod('  os: {name: linux}\n'), 'pss-restricted')).toEqual([
      'pss/capabilities-restricted', 'pss/privilege-escalation', 'pss/run-as-non-root', 'pss/seccomp-restricted',
    ]);
  });

  it('a Windows pod may add any capability at restricted: the restricted check replaces baseline\'s, and skips Windows', async () => {
    const text = pod('  os: {name: windows}\n  securityContext: {runAsNonRoot: true}\n', '    securityContext:\n      capabilities: {add: [SYS_ADMIN]}\n');
    expect(await rules(text, 'pss-restricted')).toEqual([]);
    expect(await rules(text, 'pss-baseline')).toEqual(['pss/capabilities-baseline']);
  });

  it('hostUsers: false relaxes runAsNonRoot, runAsUser and (baseline) procMount, not restricted procMount', async () => {
    const sc = '    securityContext:\n      runAsUser: 0\n      procMount: Unmasked\n      allowPrivilegeEscalation: false\n      capabilities: {drop: [ALL]}\n      seccompProfile: {type: RuntimeDefault}\n';
    expect(await rules(pod('  hostUsers: false\n', sc), 'pss-restricted')).toEqual(['pss/proc-mount-restricted']);
    expect(await rules(pod('  hostUsers: false\n', sc), 'pss-baseline')).toEqual([]);
    expect(await rules(pod('', sc), 'pss-restricted')).toEqual(['pss/proc-mount-restricted', 'pss/run-as-non-root', 'pss/run-as-user']);
    expect(await rules(pod('', sc), 'pss-baseline')).toEqual(['pss/proc-mount']);
  });

  it('pod-level findings are reported once per pod, at the pod field', async () => {
    const text = `${pod('  hostPID: true\n')}  - name: d\n    image: x\n`;
    const { findings } = await auditText('p.yaml', text, 'pss-baseline');
    expect(findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(['6:3 pss/host-namespaces']);
    expect(findings[0]!.message).toBe('Pod/p sets hostPID: true. [Pod Security baseline: Host Namespaces]');
  });

  it('restricted wants drop exactly "ALL"; lower-case all still drops everything for the runtime', async () => {
    const text = pod('', '    securityContext:\n      capabilities: {drop: [all]}\n');
    const { findings, subjects } = await auditText('p.yaml', text, 'pss-restricted');
    expect(subjects[0]!.capabilities.bounding).toEqual([]);
    expect(findings.filter((f) => f.ruleId === 'pss/capabilities-restricted').map((f) => f.line)).toEqual([10]);
  });
});
