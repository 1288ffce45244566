/** The bundled examples do what the README says they do. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caplintProcess, ROOT } from '../helpers/cli.js';

describe('examples/policy: a team profile extending restricted, two custom rules, a baseline', () => {
  const cwd = join(ROOT, 'examples/policy');

  it('passes with the accepted findings set aside', () => {
    const { code, stdout } = caplintProcess(['audit', 'deploy/'], { cwd });
    expect(stdout).toMatch(/0 findings across 2 subjects in 2 inputs; 3 accepted in \.caplint-baseline\.json; passed/);
    expect(code).toBe(0);
  });

  it('without the baseline, its own rules and the profile report what was accepted', () => {
    const { code, stdout } = caplintProcess(['audit', 'deploy/', '--format', 'json'], { cwd, env: {} });
    expect(code).toBe(0);
    const all = caplintProcess(['audit', 'deploy/', '--format', 'json', '--fail-on', 'medium', '--no-config', '--policy', './team.json', '--rule-file', 'rules/no-host-time.ts', '--rule-file', 'rules/require-owner.ts'], { cwd });
    expect(all.code).toBe(1);
    const ids = JSON.parse(all.stdout).findings.map((f: { ruleId: string }) => f.ruleId).sort();
    expect(ids).toEqual(['lsm/profile', 'privileges/read-only-rootfs', 'team/require-owner']);
    expect(JSON.parse(stdout).summary.baseline.accepted).toBe(3);
  });

  it('the same profile drives caplint run, which refuses a filter that allows a forbidden syscall', () => {
    const refused = caplintProcess(['run', '--profile', 'team.json', '--seccomp', 'unconfined', '--dry-run', '--', '/bin/true'], { cwd });
    expect(refused.code).toBe(125);
    expect(refused.stderr).toContain('the profile forbids ptrace, process_vm_readv, process_vm_writev, userfaultfd, keyctl, bpf, but the seccomp choice is "unconfined"; nothing was run');
    const { code, stdout } = caplintProcess(['run', '--profile', 'team.json', '--dry-run', '--', '/bin/true'], { cwd });
    expect(stdout).toMatch(/bounding +0000000000000400 +CAP_NET_BIND_SERVICE\n/);
    expect(stdout).toMatch(/no_new_privs yes\n/);
    expect(stdout).toMatch(/seccomp +caplint's "default" profile/);
    expect(code).toBe(0);
  });
});

describe('the quick-start example', () => {
  it('the runc default exits 1 and the hardened config exits 0', () => {
    expect(caplintProcess(['audit', 'examples/oci/runc-default/config.json']).code).toBe(1);
    expect(caplintProcess(['audit', 'examples/oci/hardened/config.json']).code).toBe(0);
  });
});
