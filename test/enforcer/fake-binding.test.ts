/** The facade with an injected binding: messages and exit codes without a kernel. */
import { describe, expect, it } from 'vitest';
import { createEnforcer, exitCodeOf } from '../../enforcer/launcher.js';
import type { NativeBinding, NativeLaunchResult, NativePlan } from '../../enforcer/native-binding.js';
import { plan } from '../helpers/plans.js';

function fake(result: Partial<NativeLaunchResult>, seen: NativePlan[] = []): () => NativeBinding {
  return () => ({
    launch: (p) => (seen.push(p), { started: false, pid: 1, pidfd: -1, step: 0, errno: 0, detail: -1, ...result }),
    waitExit: async () => ({ code: 3, signal: null, beforeExec: false }),
    signal: () => true,
    dumpSeccompFilters: () => ({ timedOut: false, filters: [] }),
    confineSelf: () => ({ userNamespaceErrno: 0, netNamespaceErrno: 0, boundingCleared: true }),
  });
}

describe('enforcer facade', () => {
  it('names the step, the capability and the errno of a failed bounding drop', () => {
    const outcome = createEnforcer(fake({ step: 4, errno: 1, detail: 21 })).launch(plan(['/bin/true']));
    expect(outcome).toMatchObject({ kind: 'failed', exitCode: 125, step: 'bounding-drop' });
    if (outcome.kind === 'failed')
      expect(outcome.message).toBe('could not drop the capability bounding set (PR_CAPBSET_DROP CAP_SYS_ADMIN): Operation not permitted');
  });

  it('hands the addon masks as bigints and the flags as bits', () => {
    const seen: NativePlan[] = [];
    createEnforcer(fake({ step: 14, errno: 22 }, seen)).launch(
      plan(['/bin/true'], { seccomp: { program: new Uint8Array(8), flags: ['TSYNC', 'SPEC_ALLOW'] }, env: { A: '1', B: undefined } }),
    );
    expect(seen[0]).toMatchObject({ bounding: 0xa80405fbn, seccompFlags: 5, env: ['A=1'], uid: null, gid: null });
  });

  it('refuses a plan the kernel could not take before calling the addon', () => {
    const seen: NativePlan[] = [];
    const enforcer = createEnforcer(fake({}, seen));
    const caps = { bounding: 1n, permitted: 1n, effective: 1n, inheritable: 0n, ambient: 1n };
    expect(() => enforcer.launch(plan(['/bin/true'], { capabilities: caps }))).toThrow(/ambient must be within permitted and inheritable/);
    expect(() => enforcer.launch(plan(['/bin/true'], { seccomp: { program: new Uint8Array(7), flags: [] } }))).toThrow(/8-byte/);
    expect(seen).toHaveLength(0);
  });

  it('maps a started child exit to its code', async () => {
    const outcome = createEnforcer(fake({ started: true, pidfd: 99 })).launch(plan(['/bin/true']));
    expect(outcome.kind).toBe('started');
    if (outcome.kind === 'started') expect(await outcome.child.exited).toEqual({ code: 3, signal: null, beforeExec: false, exitCode: 3 });
    expect(exitCodeOf({ code: null, signal: 15 })).toBe(143);
  });

  it('never signals a pidfd after a rejected wait (the addon has closed it; its number may be reused)', async () => {
    const signalled: number[] = [];
    const binding = (): NativeBinding => ({
      launch: () => ({ started: true, pid: 1, pidfd: 41, step: 0, errno: 0, detail: -1 }),
      waitExit: async () => Promise.reject(new Error('waiting for the child: No child processes')),
      signal: (fd) => (signalled.push(fd), true),
      dumpSeccompFilters: () => ({ timedOut: false, filters: [] }),
      confineSelf: () => ({ userNamespaceErrno: 0, netNamespaceErrno: 0, boundingCleared: true }),
    });
    const outcome = createEnforcer(binding).launch(plan(['/bin/true']));
    if (outcome.kind !== 'started') throw new Error('not started');
    await expect(outcome.child.exited).rejects.toThrow(/No child processes/);
    expect(outcome.child.signal('SIGTERM')).toBe(false);
    expect(signalled).toEqual([]);
  });
});
