/**
 * One profile for run and audit: fields become the options of the rules that
 * enforce them; bad profiles get one placed sentence.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { caplint } from '../helpers/cli.js';
import { hardened, lint } from '../helpers/oci.js';
import { loadPolicy } from '../../engine/policy/load-policy.js';
import { loadRunProfile } from '../../engine/run/run-profile.js';

const dir = mkdtempSync(join(tmpdir(), 'caplint-profiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, value: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return file;
};
const config = (mutate: (c: ReturnType<typeof hardened>) => void) => {
  const c = hardened();
  mutate(c);
  return write('config.json', c);
};
const audit = async (policy: string, file: string) => JSON.parse((await caplint(['audit', file, '--policy', policy, '--format', 'json', '--no-config'])).stdout);

describe('policy rules driven by profile fields', () => {
  it('policy/capabilities: one finding listing what the profile does not allow, graded by the worst', async () => {
    const team = write('team.json', { name: 'team', extends: 'restricted', capabilities: { allow: ['CAP_NET_BIND_SERVICE'] } });
    expect((await audit(team, config(() => undefined))).findings.filter((f: { ruleId: string }) => f.ruleId === 'policy/capabilities')).toEqual([]);
    const report = await audit(team, config((c) => c.process.capabilities.bounding.push('CAP_CHOWN', 'CAP_SYS_PTRACE')));
    const found = report.findings.filter((f: { ruleId: string }) => f.ruleId === 'policy/capabilities');
    expect(found.map((f: { message: string; severity: string }) => [f.message, f.severity])).toEqual([
      ['container "app" holds CAP_CHOWN and CAP_SYS_PTRACE, which the policy does not allow.', 'high'],
    ]);
  });

  it('policy/forbidden-syscalls: allowed forbidden calls, or no filter at all', async () => {
    const team = write('forbid.json', { name: 'forbid', extends: 'default', forbiddenSyscalls: ['ptrace', 'personality'] });
    const allowed = await audit(team, config((c) => c.linux.seccomp.syscalls.push({ names: ['ptrace'], action: 'SCMP_ACT_ALLOW' })));
    expect(allowed.findings.filter((f: { ruleId: string }) => f.ruleId === 'policy/forbidden-syscalls').map((f: { message: string }) => f.message))
      .toEqual(['container "app"\'s seccomp profile allows ptrace and personality, which the policy forbids.']);
    const none = await audit(team, config((c) => delete c.linux.seccomp));
    expect(none.findings.filter((f: { ruleId: string }) => f.ruleId === 'policy/forbidden-syscalls').map((f: { message: string }) => f.message))
      .toEqual(['container "app" runs without a seccomp filter, so ptrace and personality, which the policy forbids, can be made.']);
  });

  it('filesystem: readOnlyRootfs and the profile\'s masked/read-only lists judge an OCI config\'s root.readonly and linux.maskedPaths/readonlyPaths', async () => {
    const fs = write('fs.json', { name: 'fs', extends: 'default', filesystem: { readOnlyRootfs: true, maskedPaths: ['/proc/keys', '/proc/version'], readonlyPaths: ['/proc/sys'] } });
    const ids = (r: { findings: { ruleId: string; message: string }[] }) => r.findings.filter((f) => /^privileges\/(read-only-rootfs|masked-paths)$/.test(f.ruleId)).map((f) => `${f.ruleId}: ${f.message}`).sort();
    const masked = (c: ReturnType<typeof hardened>) => { c.root = { ...c.root, readonly: true }; c.linux.maskedPaths = ['/proc/keys', '/proc/version']; c.linux.readonlyPaths = ['/proc/sys']; };
    expect(ids(await audit(fs, config(masked)))).toEqual([]);
    const report = await audit(fs, config((c) => { masked(c); c.root.readonly = false; c.linux.maskedPaths = ['/proc/keys']; c.linux.readonlyPaths = []; }));
    expect(ids(report)).toEqual([
      'privileges/masked-paths: container "app" does not make /proc/sys read-only.',
      'privileges/masked-paths: container "app" does not mask /proc/version.',
      'privileges/read-only-rootfs: container "app"\'s root filesystem is writable.',
    ]);
    // readOnlyRootfs: false turns the rule off.
    const off = write('fs-off.json', { name: 'fs-off', extends: 'default', filesystem: { readOnlyRootfs: false } });
    expect(ids(await audit(off, config((c) => { c.root = { ...c.root, readonly: false }; })))).toEqual([]);
  });

  it('policy/namespaces and limits with bounds', async () => {
    const team = write('bounds.json', { name: 'bounds', extends: 'restricted', capabilities: { allow: ['CAP_NET_BIND_SERVICE'] }, namespaces: { cgroup: 'isolated', user: 'isolated' }, limits: { memory: { required: true, max: '256Mi' }, pids: { required: true, max: 100 }, cpu: { required: false } } });
    const report = await audit(team, config((c) => { c.linux.namespaces = c.linux.namespaces.filter((n: { type: string }) => n.type !== 'cgroup'); }));
    expect(report.findings.some((f: { ruleId: string }) => f.ruleId === 'policy/namespaces')).toBe(true);
    const got = report.findings.filter((f: { ruleId: string }) => /^(policy\/namespaces|cgroups\/)/.test(f.ruleId)).map((f: { ruleId: string; message: string }) => `${f.ruleId}: ${f.message}`);
    expect(got).toEqual([
      'cgroups/memory-limit: container "app"\'s memory limit is 512 MiB, above the policy\'s bound of 256 MiB.',
      'cgroups/pids-limit: container "app"\'s pids limit is 256, above the policy\'s bound of 100.',
      'policy/namespaces: container "app"\'s cgroup namespace is shared with the host, but the policy requires it isolated.',
    ]);
  });
});

describe('bad profiles: one sentence with its place, exit 2', () => {
  it.each([
    ['a profile that extends itself', { name: 'loop', extends: './self.json' }, 'self.json', /"extends" goes around in a circle: .*self\.json → .*self\.json/],
    ['an unknown rule', { name: 'x', rules: { 'seccomp/requred': 'off' } }, 'rule.json', /rule\.json:\d+:\d+: policy x: "seccomp\/requred" names no rule \(did you mean seccomp\/required\?\)/],
    ['an unknown capability', { name: 'x', capabilities: { allow: ['CAP_SYS_ADMN'] } }, 'cap.json', /cap\.json:\d+:\d+: profile x: "CAP_SYS_ADMN" is not a capability \(did you mean CAP_SYS_ADMIN\?\)/],
    ['an unknown syscall', { name: 'x', forbiddenSyscalls: ['ptrac'] }, 'sys.json', /sys\.json:\d+:\d+: profile x: "ptrac" is not a system call \(did you mean ptrace\?\)/],
    ['an option the rule\'s schema rejects', { name: 'x', rules: { 'cgroups/memory-limit': { options: { max: 'lots' } } } }, 'opt.json', /opt\.json:\d+:\d+: policy x: rule cgroups\/memory-limit: option max must be number/],
    ['a field the schema does not know', { name: 'x', capabilites: {} }, 'field.json', /field\.json:\d+:\d+: not a valid caplint profile: the document has an unknown field "capabilites"/],
  ])('%s', async (_, value, name, message) => {
    const file = write(name, value);
    const { code, stderr } = await caplint(['audit', file, '--policy', file, '--no-config']);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it('a profile that is not JSON', async () => {
    const file = write('broken.json', '{ "name": "x", }');
    const { code, stderr } = await caplint(['audit', file, '--policy', file, '--no-config']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/broken\.json:1:\d+: not valid JSON/);
  });
});

describe('one profile for run and audit', () => {
  it.each(['default', 'restricted'])('%s: run keeps exactly the capabilities audit allows, and sets what audit requires', async (name) => {
    const run = loadRunProfile(name, process.cwd());
    const policy = await loadPolicy(name, process.cwd());
    const caps = policy.rules.find((r) => r.rule.id === 'policy/capabilities')!.options.allow;
    expect(run.allow).toEqual(caps);
    expect(run.noNewPrivileges).toBe(true);
    expect(policy.rules.some((r) => r.rule.id === 'privileges/no-new-privileges')).toBe(true);
    expect(run.seccomp).toBe(name === 'default' ? 'default' : 'strict');
  });

  it('the policy rules see an OCI config that matches the run plan as clean', async () => {
    const c = hardened();
    c.process.capabilities = { bounding: ['CAP_NET_BIND_SERVICE'], effective: ['CAP_NET_BIND_SERVICE'], permitted: ['CAP_NET_BIND_SERVICE'] };
    const team = write('clean.json', { name: 'clean', extends: 'restricted', capabilities: { allow: ['CAP_NET_BIND_SERVICE'] } });
    const report = await audit(team, write('clean-config.json', c));
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId.startsWith('policy/'))).toEqual([]);
    expect((await lint(c)).errors).toEqual([]);
  });
});
