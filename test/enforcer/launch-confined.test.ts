/**
 * Real processes: the child reads its own /proc/self/status and tries
 * syscalls; what it reports must equal the plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnforcer } from '../../enforcer/launcher.js';
import type { RunningChild } from '../../enforcer/launcher.js';
import { IS_ROOT, ROOT_SKIP_REASON, buildProbe, statusFields } from '../helpers/probe.js';
import type { Probe } from '../helpers/probe.js';
import { DEFAULT_KEEP, plan } from '../helpers/plans.js';
import { X86_64, denyProgram } from '../helpers/hand-bpf.js';

if (!IS_ROOT) console.warn(`launch-confined: skipped, ${ROOT_SKIP_REASON}`);

async function run(argv: string[], overrides = {}): Promise<{ exitCode: number; child: RunningChild }> {
  const outcome = createEnforcer().launch(plan(argv, overrides));
  if (outcome.kind !== 'started') throw new Error(outcome.message);
  return { exitCode: (await outcome.child.exited).exitCode, child: outcome.child };
}

const hex = (mask: bigint): string => mask.toString(16).padStart(16, '0');
const isX86 = process.arch === 'x64';

describe.skipIf(!IS_ROOT)('a confined child (root)', () => {
  let probe: Probe;
  beforeAll(() => void (probe = buildProbe()));
  afterAll(() => probe.cleanup());

  it('holds exactly the planned capability sets, no_new_privs and one filter', async () => {
    const out = probe.outFile('status');
    const { exitCode } = await run([probe.binary, '-o', out, 'status'], { seccomp: { program: denyProgram([X86_64.keyctl]), flags: [] } });
    expect(exitCode).toBe(0);
    const status = statusFields(probe.read('status'));
    expect(status.get('CapBnd')).toBe(hex(DEFAULT_KEEP));
    expect(status.get('CapPrm')).toBe(hex(DEFAULT_KEEP));
    expect(status.get('CapEff')).toBe(hex(DEFAULT_KEEP));
    expect(status.get('CapInh')).toBe(hex(0n));
    expect(status.get('CapAmb')).toBe(hex(0n));
    expect(status.get('NoNewPrivs')).toBe('1');
    expect(status.get('Seccomp')).toBe('2');
    expect(Number(status.get('Seccomp_filters'))).toBeGreaterThanOrEqual(1);
  });

  it('starts with no blocked signals and no ignored ones (Node ignores SIGPIPE; the child must not inherit that)', async () => {
    const { exitCode } = await run([probe.binary, '-o', probe.outFile('signals'), 'status']);
    expect(exitCode).toBe(0);
    const status = statusFields(probe.read('signals'));
    expect(status.get('SigBlk')).toBe(hex(0n));
    expect(status.get('SigIgn')).toBe(hex(0n));
  });

  it('keeps capabilities across a uid change through the ambient set (keep-caps)', async () => {
    const bind = 1n << 10n; // CAP_NET_BIND_SERVICE
    const out = probe.outFile('ambient');
    const { exitCode } = await run([probe.binary, '-o', out, 'status'], {
      user: { uid: 65534, gid: 65534 },
      capabilities: { bounding: bind, permitted: bind, effective: bind, inheritable: bind, ambient: bind },
    });
    expect(exitCode).toBe(0);
    const status = statusFields(probe.read('ambient'));
    expect([status.get('CapBnd'), status.get('CapEff'), status.get('CapAmb')]).toEqual([hex(bind), hex(bind), hex(bind)]);
  });

  it('denies a syscall with EPERM from a real process and allows the others', async () => {
    const program = denyProgram([X86_64.keyctl]);
    await run([probe.binary, '-o', probe.outFile('keyctl'), 'call', String(X86_64.keyctl), '0'], { seccomp: { program, flags: [] } });
    await run([probe.binary, '-o', probe.outFile('getppid'), 'call', String(X86_64.getppid)], { seccomp: { program, flags: [] } });
    expect(probe.read('keyctl')).toBe('errno 1\n');
    expect(probe.read('getppid')).toMatch(/^ok \d+\n$/);
  });

  it.skipIf(!isX86)('stops the i386 ABI (int $0x80) at the arch check and x32 numbers too', async () => {
    const program = denyProgram([X86_64.keyctl]);
    const i386 = await run([probe.binary, '-o', probe.outFile('i386'), 'i386', '20'], { seccomp: { program, flags: [] } });
    expect(i386.exitCode).toBe(128 + 31); // SIGSYS: SECCOMP_RET_KILL_PROCESS
    const unfiltered = await run([probe.binary, '-o', probe.outFile('i386-free'), 'i386', '20']);
    expect(unfiltered.exitCode).toBe(0); // the same call works without the filter: the arch check is what stopped it
    await run([probe.binary, '-o', probe.outFile('x32'), 'x32', '39'], { seccomp: { program, flags: [] } });
    expect(probe.read('x32')).toBe('errno 1\n');
  });

  it('attaches the filter with TSYNC, LOG and SPEC_ALLOW', async () => {
    const out = probe.outFile('flags');
    const { exitCode } = await run([probe.binary, '-o', out, 'status'], { seccomp: { program: denyProgram([X86_64.keyctl]), flags: ['TSYNC', 'LOG', 'SPEC_ALLOW'] } });
    expect(exitCode).toBe(0);
    expect(statusFields(probe.read('flags')).get('Seccomp')).toBe('2');
  });

  it('leaks no descriptor beyond 0, 1 and 2 into the child', async () => {
    const out = probe.outFile('fds');
    await run([probe.binary, '-o', out, 'fds']);
    expect(probe.read('fds').trim().split('\n').map(Number).sort()).toEqual([0, 1, 2]);
  });

  it('keeps the event loop running while it waits', async () => {
    let ticks = 0;
    const timer = setInterval(() => void ticks++, 20);
    const { exitCode } = await run(['/bin/sleep', '0.4']);
    clearInterval(timer);
    expect(exitCode).toBe(0);
    expect(ticks).toBeGreaterThanOrEqual(5); // a blocking wait would let none fire; 5 leaves room for a loaded machine
  });

  it('dumps the filter it attached (PTRACE_SECCOMP_GET_FILTER)', async () => {
    const program = denyProgram([X86_64.keyctl, X86_64.kexec_load]);
    const enforcer = createEnforcer();
    const outcome = enforcer.launch(plan(['/bin/sleep', '5'], { seccomp: { program, flags: [] } }));
    if (outcome.kind !== 'started') throw new Error(outcome.message);
    const { filters, timedOut } = enforcer.dumpSeccompFilters(outcome.child.pid);
    expect(timedOut).toBe(false);
    outcome.child.signal('SIGKILL');
    expect((await outcome.child.exited).exitCode).toBe(128 + 9);
    expect(filters).toHaveLength(1);
    expect(Buffer.compare(filters[0]!, program)).toBe(0);
  });
});
