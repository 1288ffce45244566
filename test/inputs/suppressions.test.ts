/** Suppressions written in OCI annotations (the same key as Kubernetes). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditText } from '../helpers/audit-text.js';

const config = JSON.parse(readFileSync(resolve(__dirname, '../../examples/oci/runc-default/config.json'), 'utf8')) as Record<string, unknown>;

describe('suppressions in OCI annotations', () => {
  it('silence the named rules and report a reasonless or unknown one at the annotation', async () => {
    const before = await auditText('config.json', JSON.stringify(config, null, 2));
    expect(before.findings.some((f) => f.ruleId === 'cgroups/memory-limit')).toBe(true);
    const annotated = { ...config, annotations: { 'caplint.dev/ignore': 'cgroups/*, privileges/masked-paths: sandbox for tests', 'caplint.dev/ignore.extra': 'seccomp/requird' } };
    const text = JSON.stringify(annotated, null, 2);
    const { findings } = await auditText('config.json', text);
    expect(findings.filter((f) => f.ruleId.startsWith('cgroups/') || f.ruleId === 'privileges/masked-paths')).toEqual([]);
    const problems = findings.filter((f) => f.ruleId === 'caplint/suppression');
    const line = text.split('\n').findIndex((l) => l.includes('caplint.dev/ignore.extra')) + 1;
    expect(problems.map((f) => `${f.line} ${f.message}`)).toEqual([
      `${line} container "runc"'s suppression caplint.dev/ignore.extra entry "seccomp/requird" gives no reason, so it does not apply.`,
      `${line} container "runc"'s suppression caplint.dev/ignore.extra names "seccomp/requird", which is not a rule.`,
    ]);
  });
});

const POD = (ignore: string) => `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    caplint.dev/ignore: ${JSON.stringify(ignore)}
spec:
  containers:
    - name: web
      image: nginx
`;

describe('several entries in one caplint.dev/ignore', () => {
  it('each entry, on its own line or after ;, silences its rules and keeps its reason', async () => {
    const text = POD('seccomp/required: runs under gVisor\ncgroups/cpu-limit, cgroups/memory-limit: sized by the autoscaler; privileges/read-only-rootfs: writes its cache to /');
    const { findings, suppressed } = await auditText('pod.yaml', text);
    const silenced = ['seccomp/required', 'cgroups/cpu-limit', 'cgroups/memory-limit', 'privileges/read-only-rootfs'];
    expect(findings.filter((f) => silenced.includes(f.ruleId))).toEqual([]);
    expect(findings.filter((f) => f.ruleId === 'caplint/suppression')).toEqual([]);
    expect(suppressed.map((f) => [f.ruleId, f.suppression?.justification]).sort()).toEqual([
      ['cgroups/cpu-limit', 'sized by the autoscaler'],
      ['cgroups/memory-limit', 'sized by the autoscaler'],
      ['privileges/read-only-rootfs', 'writes its cache to /'],
      ['seccomp/required', 'runs under gVisor'],
    ]);
  });

  it('an entry without a reason, or naming no rule caplint has, is a finding of its own; the others still apply', async () => {
    const { findings, suppressed } = await auditText('pod.yaml', POD('seccomp/required: runs under gVisor; cgroups/cpu-limit; no/such-rule: typo'));
    expect(findings.filter((f) => f.ruleId === 'caplint/suppression').map((f) => `${f.line} ${f.message}`)).toEqual([
      '6 Pod/web container web\'s suppression caplint.dev/ignore entry "cgroups/cpu-limit" gives no reason, so it does not apply.',
      '6 Pod/web container web\'s suppression caplint.dev/ignore names "no/such-rule", which is not a rule.',
    ]);
    expect(findings.some((f) => f.ruleId === 'cgroups/cpu-limit')).toBe(true);
    expect(suppressed.map((f) => f.ruleId)).toEqual(['seccomp/required']);
  });

  it('an empty value names no rule', async () => {
    const { findings } = await auditText('pod.yaml', POD(' ; '));
    expect(findings.filter((f) => f.ruleId === 'caplint/suppression').map((f) => f.message)).toEqual([
      'Pod/web container web\'s suppression caplint.dev/ignore names no rule.',
    ]);
  });
});
