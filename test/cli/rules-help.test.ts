/** `caplint rules` lists every rule, grouped; `caplint rules ID` finds any of them; `caplint help CMD` is CMD's help. */
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES } from '../../rules/index.js';
import { caplint } from '../helpers/cli.js';

describe('caplint rules', () => {
  it('lists every built-in rule, the Pod Security ones included, under group headers', async () => {
    const { code, stdout } = await caplint(['rules']);
    expect(code).toBe(0);
    for (const rule of BUILTIN_RULES) expect(stdout).toMatch(new RegExp(`^  ${rule.id}\\s`, 'm'));
    expect(stdout).toMatch(/^pss \(19 rules, off under policy "default"\)$/m);
    expect(stdout).toMatch(/^capabilities \(4 rules\)$/m);
    expect(stdout).toContain(`${BUILTIN_RULES.length} rules;`);
  });

  it('says which rules the named policy turns on', async () => {
    const { stdout } = await caplint(['rules', '--policy', 'pss-baseline', '--format', 'json']);
    const listed = JSON.parse(stdout) as { id: string; group: string; enabled: boolean }[];
    expect(listed).toHaveLength(BUILTIN_RULES.length);
    expect(listed.find((r) => r.id === 'pss/privileged')).toMatchObject({ group: 'pss', enabled: true });
    expect(listed.find((r) => r.id === 'pss/run-as-non-root')!.enabled).toBe(false);
  });

  it("prints a Pod Security rule's documentation", async () => {
    const { code, stdout } = await caplint(['rules', 'pss/privileged']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# pss\/privileged\n/);
  });

  it('names the nearest rule for a typo, exit 2', async () => {
    const { code, stderr } = await caplint(['rules', 'pss/privilegd']);
    expect(code).toBe(2);
    expect(stderr).toContain('did you mean pss/privileged');
  });
});

describe('caplint help', () => {
  it.each(['audit', 'ps', 'rules', 'init', 'run', 'seccomp'])('help %s prints the command help', async (command) => {
    const viaHelp = await caplint(['help', command]);
    const viaFlag = await caplint([command, '--help']);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toMatch(new RegExp(`^Usage: caplint ${command}\\b`));
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
  });

  it('help with an unknown command is a usage error', async () => {
    const { code, stderr } = await caplint(['help', 'nosuch']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown command "nosuch"');
  });
});
