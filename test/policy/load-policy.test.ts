/** --policy: built-in policies as data, files with extends/exclude, and usage errors. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinPolicyNames, loadPolicy } from '../../engine/policy/load-policy.js';
import { BUILTIN_RULES } from '../../rules/index.js';
import { CaplintError } from '../../engine/errors.js';

const ids = async (name: string, cwd = process.cwd()) => (await loadPolicy(name, cwd)).rules.map((r) => r.rule.id).sort();

describe('policies', () => {
  it('lists the built-in policies', () => {
    expect(builtinPolicyNames()).toEqual(expect.arrayContaining(['default', 'pss-baseline', 'pss-restricted']));
  });

  it('default runs every rule but the Pod Security ones; the suppression check always runs', async () => {
    const expected = BUILTIN_RULES.map((r) => r.id).filter((id) => !id.startsWith('pss/')).sort();
    expect(await ids('default')).toEqual(expected);
    expect(await ids('pss-baseline')).toContain('caplint/suppression');
  });

  it('pss-restricted includes baseline except the four checks restricted replaces', async () => {
    const baseline = await ids('pss-baseline');
    const restricted = await ids('pss-restricted');
    const replaced = ['pss/capabilities-baseline', 'pss/host-path-volumes', 'pss/proc-mount', 'pss/seccomp-baseline'];
    expect(baseline.filter((id) => !restricted.includes(id))).toEqual(replaced);
    expect(restricted.filter((id) => id.startsWith('pss/'))).toHaveLength(19 - replaced.length);
  });

  it('reads a policy file with extends and rule settings in order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caplint-policy-'));
    writeFileSync(join(dir, 'mine.json'), JSON.stringify({ name: 'mine', extends: 'pss-baseline', rules: { 'seccomp/*': 'on', 'pss/host-ports': 'off' } }));
    const got = await ids('./mine.json', dir);
    expect(got).toContain('seccomp/required');
    expect(got).toContain('pss/privileged');
    expect(got).not.toContain('pss/host-ports');
  });

  it('an unknown policy or rule is a usage error with a suggestion', async () => {
    await expect(loadPolicy('pss-baselin', process.cwd())).rejects.toThrow(new CaplintError('"pss-baselin" is neither a built-in profile (default, restricted, demo, pss-baseline, pss-restricted) nor a file (did you mean pss-baseline?)'));
    const dir = mkdtempSync(join(tmpdir(), 'caplint-policy-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ rules: { 'pss/privilegd': 'on' } }, null, 2));
    await expect(loadPolicy('./bad.json', dir)).rejects.toThrow('policy ./bad.json: "pss/privilegd" names no rule (did you mean pss/privileged?)');
  });
});
