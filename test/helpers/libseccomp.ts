/**
 * Runs test/helpers/libseccomp-bpf.py (python3-seccomp, Debian's binding
 * of libseccomp) to build the same rules with libseccomp. Absent binding:
 * `libseccompPython()` prints why and returns undefined, so suites skip.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Action, ArchTable } from '../../engine/seccomp/types.js';
import type { BpfProgram } from '../../enforcer/bpf/types.js';
import { decodeProgram } from '../../enforcer/bpf/types.js';

const SCRIPT = fileURLToPath(new URL('./libseccomp-bpf.py', import.meta.url));
let found: string | null | undefined;

/** A python that can `import seccomp`, or undefined (after printing the reason). */
export function libseccompPython(): string | undefined {
  if (found === undefined) {
    found = ['/usr/bin/python3', 'python3'].find((py) => spawnSync(py, ['-c', 'import seccomp'], { stdio: 'ignore' }).status === 0) ?? null;
    if (found === null) console.warn('skipping the libseccomp comparisons: no python3 with the seccomp module (apt-get install python3-seccomp)');
  }
  return found ?? undefined;
}

function run(requests: readonly object[]): unknown[] {
  const python = libseccompPython();
  if (!python) throw new Error('python3-seccomp is not available');
  const result = spawnSync(python, [SCRIPT], { input: requests.map((r) => JSON.stringify(r)).join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`libseccomp helper failed: ${result.stderr}`);
  return result.stdout.trim().split('\n').map((line) => JSON.parse(line) as unknown);
}

/** libseccomp's numbers for names on one architecture (null: unknown to it). */
export function libseccompNumbers(arch: string, names: readonly string[]): Record<string, number | null> {
  return (run([{ arch, resolve: names }])[0] as { numbers: Record<string, number | null> }).numbers;
}

export interface LibseccompFilter { readonly program: BpfProgram; readonly refused: readonly unknown[] }

const bigints = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

/** One libseccomp filter per request: the arch table's rules in order, optimize 0 (its default layout) or 2 (binary tree). */
export function libseccompFilters(requests: readonly { table: ArchTable; badArchAction: Action; optimize: 0 | 2 }[]): LibseccompFilter[] {
  const wire = requests.map(({ table, badArchAction, optimize }) => JSON.parse(JSON.stringify({
    arch: table.arch, default: table.defaultAction, badArch: badArchAction, optimize,
    syscalls: table.syscalls.map((s) => ({ name: s.name, rules: s.rules.map((r) => ({ action: r.action, args: r.when })) })),
  }, bigints)) as object);
  return run(wire).map((answer) => {
    const a = answer as { bpf: string; refused: unknown[] };
    return { program: decodeProgram(Buffer.from(a.bpf, 'hex')), refused: a.refused };
  });
}
