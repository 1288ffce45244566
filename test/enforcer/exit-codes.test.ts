/** Exit codes 0/N/128+N/125/126/127 from real launches; 125 proves nothing ran. */
import { existsSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnforcer } from '../../enforcer/launcher.js';
import type { LaunchOutcome } from '../../enforcer/launcher.js';
import { encodeProgram } from '../../enforcer/bpf/types.js';
import { IS_ROOT, ROOT_SKIP_REASON, buildProbe } from '../helpers/probe.js';
import type { Probe } from '../helpers/probe.js';
import { plan } from '../helpers/plans.js';

if (!IS_ROOT) console.warn(`exit-codes: skipped, ${ROOT_SKIP_REASON}`);

async function exitOf(outcome: LaunchOutcome): Promise<number> {
  return outcome.kind === 'started' ? (await outcome.child.exited).exitCode : outcome.exitCode;
}

describe.skipIf(!IS_ROOT)('exit codes of a confined launch (root)', () => {
  let probe: Probe;
  beforeAll(() => void (probe = buildProbe()));
  afterAll(() => probe.cleanup());
  const launch = (argv: string[], overrides = {}): LaunchOutcome => createEnforcer().launch(plan(argv, overrides));

  it('passes the child exit code through: 0 and N', async () => {
    expect(await exitOf(launch(['/bin/true']))).toBe(0);
    expect(await exitOf(launch(['/bin/sh', '-c', 'exit 42']))).toBe(42);
  });

  it('reports death by signal N as 128+N', async () => {
    expect(await exitOf(launch(['/bin/sh', '-c', 'kill -TERM $$']))).toBe(143);
    expect(await exitOf(launch(['/bin/sh', '-c', 'kill -KILL $$']))).toBe(137);
  });

  it('exits 125 when a confinement step fails, and the command never ran', async () => {
    const marker = probe.outFile('ran');
    // A jump past the end: the kernel rejects the filter (EINVAL) at the seccomp step.
    const invalid = encodeProgram([{ code: 0x05, jt: 0, jf: 0, k: 10 }, { code: 0x06, jt: 0, jf: 0, k: 0x7fff0000 }]);
    const outcome = launch([probe.binary, 'touch', marker], { seccomp: { program: invalid, flags: [] } });
    expect(outcome.kind).toBe('failed');
    if (outcome.kind !== 'failed') return;
    expect(outcome.exitCode).toBe(125);
    expect(outcome.step).toBe('seccomp');
    expect(outcome.message).toBe('could not attach the seccomp filter (seccomp SECCOMP_SET_MODE_FILTER): Invalid argument');
    expect(existsSync(marker)).toBe(false);
    // Control: the same command without the bad filter does leave the marker.
    expect(await exitOf(launch([probe.binary, 'touch', marker]))).toBe(0);
    expect(existsSync(marker)).toBe(true);
  });

  it('exits 125 when chdir fails, before execve', async () => {
    const outcome = launch(['/bin/true'], { cwd: '/nonexistent-caplint-dir' });
    expect(outcome).toMatchObject({ kind: 'failed', step: 'chdir', exitCode: 125, errnoName: 'ENOENT' });
  });

  it('exits 126 for a file that is not executable and 127 for one that does not exist', async () => {
    const script = probe.outFile('not-executable');
    writeFileSync(script, '#!/bin/sh\necho hi\n', { mode: 0o644 });
    expect(launch([script])).toMatchObject({ kind: 'failed', step: 'exec', exitCode: 126, errnoName: 'EACCES' });
    expect(launch(['/nonexistent/caplint-cmd'])).toMatchObject({ kind: 'failed', step: 'exec', exitCode: 127, errnoName: 'ENOENT' });
  });
});
