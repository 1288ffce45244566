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
      `${line} container "runc"'s suppression caplint.dev/ignore.extra gives no reason, so it does not apply.`,
      `${line} container "runc"'s suppression caplint.dev/ignore.extra names "seccomp/requird", which is not a rule.`,
    ]);
  });
});
