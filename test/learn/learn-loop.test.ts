/**
 * The loop, with real processes: learn a profile, launch under it, audit
 * with it. Root: capabilities come from the cap_capable tracepoint.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caplintProcess } from '../helpers/cli.js';
import { IS_ROOT } from '../helpers/probe.js';
import { validate } from '../../engine/run/run-profile.js';
import { allowedNames, buildLearnBench } from './helper.js';
import type { LearnBench } from './helper.js';

if (!IS_ROOT) console.warn('SKIPPED: learn-loop because it needs root (run drops the bounding set; capabilities are traced through tracefs)');

describe.skipIf(!IS_ROOT)('caplint learn, run, audit (root)', () => {
  let bench: LearnBench;
  beforeAll(() => void (bench = buildLearnBench()));
  afterAll(() => bench?.cleanup());

  it("learns sh -c 'cat /etc/hostname': the calls it makes and not the ones it does not", () => {
    const ran = bench.learn('cat', ['sh', '-c', 'cat /etc/hostname']);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toBe(readFileSync('/etc/hostname', 'utf8'));
    const names = allowedNames(ran.seccomp);
    for (const name of ['openat', 'read', 'write', 'execve', 'exit_group']) expect(names).toContain(name);
    for (const name of ['socket', 'mount', 'ptrace']) expect(names).not.toContain(name);
    expect(ran.profile).toMatchObject({ extends: 'default', noNewPrivileges: true, seccomp: './cat.seccomp.json', capabilities: { allow: [] } });
    expect(ran.profile['description']).toMatch(/from `sh -c 'cat \/etc\/hostname'` \(exit 0\) over the base "default", in new pid, mount, ipc, uts, cgroup namespaces; capabilities traced/);
    expect(ran.profile['forbiddenSyscalls']).toEqual(expect.arrayContaining(['socket', 'unshare']));
    expect(validate()(ran.profile)).toBe(true);
  });

  it('the learned profile runs the command again, and refuses what it did not learn', () => {
    const profile = join(bench.dir, 'cat.json');
    const again = caplintProcess(['run', '--profile', profile, '--', 'sh', '-c', 'cat /etc/hostname']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(readFileSync('/etc/hostname', 'utf8'));
    const unshare = caplintProcess(['run', '--profile', profile, '--', 'sh', '-c', 'unshare -U true']);
    expect(unshare.code).not.toBe(0);
    expect(unshare.stderr).toMatch(/Operation not permitted/);
  });

  it('compiles, and seccomp check and diff read it', () => {
    const file = join(bench.dir, 'cat.seccomp.json');
    expect(caplintProcess(['seccomp', 'compile', file, '--format', 'disasm']).code).toBe(0);
    expect(caplintProcess(['seccomp', 'check', file, '--syscall', 'openat']).stdout).toMatch(/ALLOW/);
    expect(caplintProcess(['seccomp', 'check', file, '--syscall', 'socket']).stdout).toMatch(/ERRNO\(1\)/);
    const diff = caplintProcess(['seccomp', 'diff', 'default', file]);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toMatch(/socket\s+ALLOW \(by argument\)\s+→\s+ERRNO\(1\) EPERM/);
  });

  it('records CAP_NET_BIND_SERVICE for a program that binds port 80, and nothing for one that does not', () => {
    const bound = bench.learn('bind', [bench.helper, 'bind', '80']);
    expect(bound.code, bound.stderr).toBe(0);
    expect(bound.profile['capabilities']).toEqual({ allow: ['CAP_NET_BIND_SERVICE'] });
    expect(allowedNames(bound.seccomp)).toEqual(expect.arrayContaining(['bind']));
    const socket = bound.seccomp.syscalls.find((s) => s.names.includes('socket'));
    expect(socket?.args).toEqual([{ index: 0, op: 'SCMP_CMP_EQ', value: 2 }]); // AF_INET only, narrowed from the base's ranges
    const quiet = bench.learn('quiet', [bench.helper, 'uname']);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.profile['capabilities']).toEqual({ allow: [] });
    // Under the learned profile without the capability, binding port 80 fails; with it, it works.
    expect(caplintProcess(['run', '--profile', join(bench.dir, 'bind.json'), '--', bench.helper, 'bind', '80']).code).toBe(0);
    expect(caplintProcess(['run', '--profile', join(bench.dir, 'bind.json'), '--cap-drop', 'NET_BIND_SERVICE', '--', bench.helper, 'bind', '80']).code).toBe(3);
  });

  it('--merge writes the union of two runs', () => {
    const first = bench.learn('merged', [bench.helper, 'uname']);
    expect(first.code).toBe(0);
    const second = bench.learn('merged', [bench.helper, 'bind', '80'], ['--merge', join(bench.dir, 'merged.json')]);
    expect(second.code, second.stderr).toBe(0);
    const names = allowedNames(second.seccomp);
    expect(names).toEqual(expect.arrayContaining(['uname', 'bind', 'socket']));
    expect(second.profile['capabilities']).toEqual({ allow: ['CAP_NET_BIND_SERVICE'] });
    expect(second.profile['forbiddenSyscalls']).not.toContain('uname');
    expect(second.profile['description']).toMatch(/Merged with an earlier run: Learned by caplint learn/);
    expect(caplintProcess(['run', '--profile', join(bench.dir, 'merged.json'), '--', bench.helper, 'uname']).code).toBe(0);
  });

  it.skipIf(process.arch !== 'x64')('records an int $0x80 call under i386', () => {
    const ran = bench.learn('i386', [bench.helper, 'int80']);
    expect(ran.code, ran.stdout + ran.stderr).toBe(0);
    expect(ran.stderr).toMatch(/^ {2}i386: 1 syscalls allowed: getppid$/m);
    expect(ran.seccomp.archMap).toEqual([{ architecture: 'SCMP_ARCH_X86_64', subArchitectures: ['SCMP_ARCH_X86'] }]);
    // Without the i386 call the learned filter lists no i386 section: such a call is refused.
    const native = bench.learn('native-only', [bench.helper, 'uname']);
    expect(native.seccomp.archMap[0]!.subArchitectures).toEqual([]);
    expect(caplintProcess(['run', '--profile', join(bench.dir, 'native-only.json'), '--', bench.helper, 'int80']).code).not.toBe(0);
  });

  it("follows threads, keeps clone's argument condition and clone3's ENOSYS", () => {
    const ran = bench.learn('thread', [bench.helper, 'thread']);
    expect(ran.code, ran.stderr).toBe(0);
    expect(allowedNames(ran.seccomp)).toContain('uname'); // called only by the thread
    const clone = ran.seccomp.syscalls.find((s) => s.names.includes('clone'));
    expect(clone?.args).toEqual([{ index: 0, op: 'SCMP_CMP_MASKED_EQ', value: 0x7e020000, valueTwo: 0 }]);
    expect(ran.seccomp.syscalls.find((s) => s.names.includes('clone3'))).toMatchObject({ action: 'SCMP_ACT_ERRNO', errnoRet: 38 });
    expect(ran.stderr).toMatch(/refused by the base \(and still refused\): clone3/);
    expect(caplintProcess(['run', '--profile', join(bench.dir, 'thread.json'), '--', bench.helper, 'thread']).code).toBe(0);
  });

  it('reports a failing command, and --timeout stops one and keeps the partial profile', () => {
    const failing = bench.learn('failing', ['sh', '-c', 'exit 3']);
    expect(failing.code).toBe(3);
    expect(failing.stderr).toMatch(/the command exited 3; a failing run learns a partial profile/);
    expect(allowedNames(failing.seccomp)).toContain('exit_group');
    const slow = bench.learn('slow', [bench.helper, 'sleep', '60000'], ['--timeout', '0.5']);
    expect(slow.code).toBe(128 + 15);
    expect(slow.stderr).toMatch(/stopped by --timeout; the profile is partial/);
    expect(allowedNames(slow.seccomp)).toContain('clock_nanosleep');
  });

  it('counts a storm of one call instead of logging it', () => {
    const ran = bench.learn('storm', [bench.helper, 'getppid', '20000']);
    expect(ran.code).toBe(0);
    const [, total, distinct] = /(\d+) calls recorded as (\d+) distinct calls/.exec(ran.stderr) ?? [];
    expect(Number(total)).toBeGreaterThanOrEqual(20000);
    expect(Number(distinct)).toBeLessThan(60);
    expect(allowedNames(ran.seccomp).filter((n) => n === 'getppid')).toHaveLength(1);
  });

  it('an OCI config and a Kubernetes manifest are checked against the learned profile with audit --policy', () => {
    const policy = join(bench.dir, 'cat.json');
    const hardened = caplintProcess(['audit', 'examples/oci/hardened/config.json', '--policy', policy, '--format', 'json']);
    const findings = (JSON.parse(hardened.stdout) as { findings: { ruleId: string; message: string }[] }).findings;
    expect(findings.find((f) => f.ruleId === 'policy/capabilities')?.message).toMatch(/CAP_NET_BIND_SERVICE, which the policy does not allow/);
    expect(findings.find((f) => f.ruleId === 'policy/forbidden-syscalls')?.message).toMatch(/allows .*\bsocket\b/);
    const manifest = caplintProcess(['audit', 'examples/kubernetes/risky.yaml', '--policy', policy, '--format', 'json']);
    const k8s = (JSON.parse(manifest.stdout) as { findings: { ruleId: string; message: string; line: number }[] }).findings;
    expect(k8s.filter((f) => f.ruleId === 'policy/capabilities').map((f) => f.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/container agent holds CAP_CHOWN.*which the policy does not allow/)]),
    );
  });
});

describe.skipIf(!IS_ROOT)('what learning must not do (root)', () => {
  let bench: LearnBench;
  beforeAll(() => void (bench = buildLearnBench()));
  afterAll(() => bench?.cleanup());

  it('a call the base refuses stays refused while learning, is reported, and is not learned', () => {
    const ran = bench.learn('refused', ['sh', '-c', 'unshare -U true']);
    expect(ran.code).not.toBe(0);
    expect(ran.stderr).toMatch(/unshare failed: Operation not permitted/);
    expect(ran.stderr).toMatch(/refused by the base \(and still refused\): .*\bunshare\b/);
    expect(allowedNames(ran.seccomp)).not.toContain('unshare');
    expect(ran.profile['forbiddenSyscalls']).toContain('unshare');
  });

  it('many distinct argument values stay a bounded number of records', () => {
    const ran = bench.learn('ioctls', [bench.helper, 'ioctls', '5000']);
    expect(ran.code, ran.stderr).toBe(0);
    const [, total, distinct] = /(\d+) calls recorded as (\d+) distinct calls/.exec(ran.stderr) ?? [];
    expect(Number(total)).toBeGreaterThanOrEqual(5000);
    expect(Number(distinct)).toBeLessThan(150); // 64 ioctl values, one overflow record, the rest of the program
    expect(allowedNames(ran.seccomp)).toContain('ioctl');
  });

  it("has no --profile: it records, it does not enforce", () => {
    const ran = caplintProcess(['learn', '--profile', 'default', '--', 'true']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/--profile/);
  });
});
