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

/** Calls multiplexed through socketcall/ipc on i386: libseccomp refuses argument rules on them there, or rewrites them. */
export const MULTIPLEXED = /^(socket|socketpair|bind|connect|listen|accept4?|getsockname|getpeername|send|recv|sendto|recvfrom|shutdown|[gs]etsockopt|sendm?msg|recvm?msg|sem|msg|shm|ipc|socketcall)/;

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

export interface LibseccompFilter {
  readonly program: BpfProgram;
  readonly refused: readonly (readonly [string, number, string])[];
  /** libseccomp's number for each name on the first architecture (null: unknown to it). */
  readonly numbers: Readonly<Record<string, number | null>>;
}

const bigints = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

function syscalls(tables: readonly ArchTable[]) {
  const byName = new Map<string, ArchTable['syscalls'][number]>();
  for (const t of tables) for (const s of t.syscalls) if (!byName.has(s.name)) byName.set(s.name, s);
  return [...byName.values()].map((s) => ({ name: s.name, rules: s.rules.map((r) => ({ action: r.action, args: r.when })) }));
}

/**
 * One libseccomp filter per request, optimize 0 (its default layout) or 2
 * (binary tree). One table: its rules exactly. Several (a whole decision
 * table, as runc builds it): each name's rules from the first table that
 * has it, added by libseccomp on every architecture that knows the name.
 */
export function libseccompFilters(requests: readonly { tables: readonly ArchTable[]; badArchAction: Action; optimize: 0 | 2 }[]): LibseccompFilter[] {
  const wire = requests.map(({ tables, badArchAction, optimize }) => JSON.parse(JSON.stringify({
    arches: tables.map((t) => t.arch), default: tables[0]!.defaultAction, badArch: badArchAction, optimize, syscalls: syscalls(tables),
  }, bigints)) as object);
  return run(wire).map((answer) => {
    const a = answer as { bpf: string; refused: [string, number, string][]; numbers: Record<string, number | null> };
    return { program: decodeProgram(Buffer.from(a.bpf, 'hex')), refused: a.refused, numbers: a.numbers };
  });
}
