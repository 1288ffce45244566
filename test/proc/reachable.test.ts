/**
 * Reading the real filter: programs written here instruction by instruction
 * (raw struct sock_filter values, not through caplint's compiler), evaluated
 * alone and in combination; then live processes launched with known filters
 * and with none.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reachableSyscalls } from '../../engine/seccomp/reachable.js';
import { encodeProgram } from '../../enforcer/bpf/types.js';
import type { BpfProgram } from '../../enforcer/bpf/types.js';
import { SYSCALL_RISKS } from '../../engine/linux/syscall-risk.js';
import { syscallNames, syscallNumber } from '../../engine/linux/syscalls/index.js';
import { caplint as runCli } from '../helpers/cli.js';
import type { Started } from '../helpers/processes.js';
import { startConfined, stopAll } from '../helpers/processes.js';
import type { Subject } from '../../engine/model/subject.js';

const LD_NR = { code: 0x20, jt: 0, jf: 0, k: 0 };
const ALLOW = { code: 0x06, jt: 0, jf: 0, k: 0x7fff0000 };
const ERRNO_EPERM = { code: 0x06, jt: 0, jf: 0, k: 0x00050001 };
const LD_ARG0 = { code: 0x20, jt: 0, jf: 0, k: 16 };

/** Deny `name` (x86_64 number) with EPERM, allow the rest. */
function denyOne(name: string): BpfProgram {
  return [LD_NR, { code: 0x15, jt: 0, jf: 1, k: syscallNumber('x86_64', name)! }, ERRNO_EPERM, ALLOW];
}

const riskyOnX86 = syscallNames('x86_64').filter((n) => SYSCALL_RISKS.has(n));

describe('reachableSyscalls', () => {
  it('finds every risky syscall of the arch behind an allow-all filter', () => {
    const r = reachableSyscalls([[ALLOW]], 'x86_64');
    expect(r.risky).toEqual(riskyOnX86);
    expect(r.evaluated).toBe(syscallNames('x86_64').length);
  });

  it('drops the syscall a filter denies, and the most restrictive of several filters wins', () => {
    expect(reachableSyscalls([denyOne('keyctl')], 'x86_64').risky).toEqual(riskyOnX86.filter((n) => n !== 'keyctl'));
    const both = reachableSyscalls([denyOne('keyctl'), denyOne('bpf'), [ALLOW]], 'x86_64').risky;
    expect(both).not.toContain('keyctl');
    expect(both).not.toContain('bpf');
    expect(both).toContain('add_key');
  });

  it('marks a syscall allowed only for some argument values', () => {
    // unshare: allowed when arg0 == 0, denied otherwise.
    const program: BpfProgram = [LD_NR, { code: 0x15, jt: 0, jf: 3, k: syscallNumber('x86_64', 'unshare')! }, LD_ARG0, { code: 0x15, jt: 1, jf: 0, k: 0 }, ERRNO_EPERM, ALLOW];
    const r = reachableSyscalls([program], 'x86_64');
    expect(r.argumentChecked).toEqual(['unshare']);
    expect(r.risky).toContain('unshare');
  });

  it('probes clone, clone3 and socket with their risky arguments, and the default with a number no table has', () => {
    expect(reachableSyscalls([[ALLOW]], 'x86_64')).toMatchObject({ riskyArguments: ['socket', 'clone', 'clone3'], defaultAllows: true });
    // Allow-list: clone only when arg0 has no CLONE_NEWUSER bit (arg0 & 0x10000000 == 0), socket only for AF_INET (2); default EPERM.
    const clone = syscallNumber('x86_64', 'clone')!;
    const socket = syscallNumber('x86_64', 'socket')!;
    const JSET = 0x45;
    const program: BpfProgram = [
      LD_NR,
      { code: 0x15, jt: 0, jf: 2, k: clone }, LD_ARG0, { code: JSET, jt: 3, jf: 4, k: 0x10000000 },
      { code: 0x15, jt: 0, jf: 2, k: socket }, LD_ARG0, { code: 0x15, jt: 1, jf: 0, k: 2 },
      ERRNO_EPERM, ALLOW,
    ];
    const r = reachableSyscalls([program], 'x86_64');
    expect(r.risky).toEqual([]);
    expect(r.riskyArguments).toEqual([]);
    expect(r.defaultAllows).toBe(false);
  });
});

const dist = existsSync('dist/engine/cli/main.js') && existsSync('build/Release/caplint_enforcer.node');
const skip = process.getuid?.() !== 0 ? 'needs root (CAP_SYS_ADMIN) to dump filters' : !dist ? 'needs `npm run build` and the enforcer addon (node scripts/build-addon.mjs) to launch confined processes' : '';
if (skip) console.log(`live filter test skipped: ${skip}`);

describe.skipIf(skip !== '')('caplint audit --pid reads the filter in force', () => {
  const started: Started[] = [];
  afterAll(() => stopAll(started));
  const caplint = [process.execPath, 'bin/caplint.js'];
  const audit = async (pid: number, ...extra: string[]) => {
    const r = await runCli(['audit', '--pid', String(pid), '--format', 'json', '--fail-on', 'never', ...extra]);
    return JSON.parse(r.stdout) as { subjects: Subject[]; findings: { ruleId: string; message: string }[] };
  };

  it('a raw filter that denies only keyctl leaves every other risky syscall reachable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caplint-bpf-'));
    writeFileSync(join(dir, 'deny-keyctl.bpf'), encodeProgram(denyOne('keyctl')));
    const s = await startConfined('deny keyctl', [...caplint, 'run', '--cap-add', 'ALL', '--seccomp', join(dir, 'deny-keyctl.bpf'), '--', 'sleep', '30']);
    started.push(s);
    const report = await audit(s.pid);
    expect(report.subjects[0]!.seccomp).toEqual({ mode: 'filter', filters: 1 });
    expect(report.subjects[0]!.process!.reachableSyscalls).toEqual(riskyOnX86.filter((n) => n !== 'keyctl'));
    expect(report.findings.find((f) => f.ruleId === 'seccomp/no-risky-syscalls' && f.message.includes('add_key'))?.message).toMatch(/filters allow add_key and request_key \(keyring\)\.$/);
    // One rule judges what the filters allow; live/reachable-syscalls only says when they could not be read.
    expect(report.findings.filter((f) => f.ruleId === 'live/reachable-syscalls')).toEqual([]);
  });

  it('caplint\'s default profile lets no non-namespaced syscall through', async () => {
    const s = await startConfined('default profile', [...caplint, 'run', '--profile', 'default', '--', 'sleep', '30']);
    started.push(s);
    const report = await audit(s.pid);
    const reachable = report.subjects[0]!.process!.reachableSyscalls as string[];
    expect(Array.isArray(reachable)).toBe(true);
    expect(reachable.filter((n) => SYSCALL_RISKS.get(n)!.nonNamespaced)).toEqual([]);
    // Launched by caplint run: the advice is about the profile it ran with, not to use caplint run.
    expect(report.subjects[0]!.process!.launcher).toMatchObject({ tool: 'caplint run', profile: 'default' });
    const advice = (report.findings as { ruleId: string; remediation?: string }[]).filter((f) => f.ruleId === 'seccomp/no-risky-syscalls').map((f) => f.remediation!);
    expect(advice.length).toBeGreaterThan(0);
    for (const text of advice) {
      expect(text).toMatch(/in the profile "default" that `caplint run` \(pid \d+\) launched it with/);
      expect(text).not.toMatch(/caplint run --profile default/);
    }
  });

  it('recognises a caplint run launcher by its command line: the run subcommand before `--`, with its profile', async () => {
    const { asLauncher } = await import('../../engine/inputs/proc/launcher.js');
    expect(asLauncher(['/usr/bin/node', '/opt/caplint/bin/caplint.js', 'run', '--profile', 'restricted', '--', 'sh'], 9)).toEqual({ tool: 'caplint run', pid: 9, profile: 'restricted' });
    expect(asLauncher(['caplint', 'run', '--', 'sh', '--profile', 'x'], 9)).toMatchObject({ profile: 'default' });
    expect(asLauncher(['caplint', 'run', '--seccomp', 'mine.json', '--', 'sh'], 9)).toEqual({ tool: 'caplint run', pid: 9, profile: 'default', seccomp: 'mine.json' });
    expect(asLauncher(['caplint', 'run', '--seccomp=mine.json', '--', 'sh'], 9)).toMatchObject({ seccomp: 'mine.json' });
    expect(asLauncher(['sh', '-c', 'caplint run'], 9)).toBeUndefined();
    expect(asLauncher(['node', 'caplint.js', 'ps'], 9)).toBeUndefined();
  });

  it('a process without a filter gets no filter verdict, only seccomp/required; --no-filters skips the dump', async () => {
    const plain = await startConfined('no filter', ['sleep', '30']);
    started.push(plain);
    const report = await audit(plain.pid);
    expect(report.subjects[0]!.process!.reachableSyscalls).toBeUndefined();
    expect(report.findings.map((f) => f.ruleId)).toContain('seccomp/required');
    expect(report.findings.map((f) => f.ruleId)).not.toContain('live/reachable-syscalls');
    expect(report.findings.map((f) => f.ruleId)).not.toContain('seccomp/no-risky-syscalls');
    const filtered = started[0]!.pid;
    expect((await audit(filtered, '--no-filters')).subjects[0]!.process!.reachableSyscalls).toBeUndefined();
  });
});
