/**
 * Builds test/helpers/seccomp-run.c with the system C compiler and runs
 * calls under filters in the real kernel. Absent compiler or seccomp (a
 * sandbox that forbids it): `kernelRunner()` prints why and returns undefined.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BpfProgram } from '../../enforcer/bpf/types.js';
import { encodeProgram } from '../../enforcer/bpf/types.js';

const SOURCE = fileURLToPath(new URL('./seccomp-run.c', import.meta.url));

export interface KernelCall { readonly i386?: boolean; readonly nr: number; readonly args: readonly bigint[] }
export interface KernelRunner {
  /** "ok" or "err <errno>" per program. */
  load(programs: readonly BpfProgram[]): string[];
  /** "<ret> <errno>" per call, or one line "signal N" / "load E". */
  run(program: BpfProgram, calls: readonly KernelCall[]): string[];
}

let runner: KernelRunner | null | undefined;

function exec(binary: string, input: string): string[] {
  const result = spawnSync(binary, [], { input, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`seccomp-run failed: ${result.stderr}`);
  return result.stdout.trim().split('\n');
}

export function kernelRunner(): KernelRunner | undefined {
  if (runner !== undefined) return runner ?? undefined;
  runner = null;
  if (process.arch !== 'x64' || process.platform !== 'linux') {
    console.warn('skipping the kernel comparison: it needs Linux on x86_64');
    return undefined;
  }
  const binary = join(mkdtempSync(join(tmpdir(), 'caplint-kernel-')), 'seccomp-run');
  const built = spawnSync('cc', ['-O1', '-mno-red-zone', '-o', binary, SOURCE], { encoding: 'utf8' });
  if (built.status !== 0) {
    console.warn(`skipping the kernel comparison: cannot build the helper with cc (${built.error?.message ?? built.stderr.trim()})`);
    return undefined;
  }
  const hex = (p: BpfProgram) => encodeProgram(p).toString('hex');
  const candidate: KernelRunner = {
    load: (programs) => exec(binary, programs.map((p) => `L ${hex(p)}\n`).join('')),
    run: (program, calls) => exec(binary, `P ${hex(program)}\n${calls.map((c) => `${c.i386 ? 'I' : 'C'} ${c.nr} ${[0, 1, 2, 3, 4, 5].map((i) => String(c.args[i] ?? 0n)).join(' ')}\n`).join('')}R\n`),
  };
  const probe = candidate.load([[{ code: 0x06, jt: 0, jf: 0, k: 0x7fff0000 }]])[0];
  if (probe !== 'ok') {
    console.warn(`skipping the kernel comparison: this process cannot load a seccomp filter (${probe})`);
    return undefined;
  }
  runner = candidate;
  return runner;
}
