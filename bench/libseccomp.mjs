/**
 * libseccomp (Debian's python3-seccomp) as a baseline: builds the filter for
 * a caplint decision table with test/helpers/libseccomp-bpf.py and returns
 * its BPF program. Shared by the seccomp and launch benches.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HELPER = fileURLToPath(new URL('../test/helpers/libseccomp-bpf.py', import.meta.url));

/** The python that has the seccomp module, or undefined. */
export const python = ['/usr/bin/python3', 'python3'].find((py) => spawnSync(py, ['-c', 'import seccomp'], { stdio: 'ignore' }).status === 0);

/** libseccomp's filter for the whole table (every architecture, as runc builds it), built `times` times: BPF bytes and median build time (µs). */
export function libseccompFilter(table, optimize, times = 20) {
  if (!python) throw new Error('python3-seccomp is not installed (apt-get install python3-seccomp)');
  const byName = new Map();
  for (const t of table.arches) for (const s of t.syscalls) if (!byName.has(s.name)) byName.set(s.name, s);
  const request = JSON.stringify({
    arches: table.arches.map((t) => t.arch), default: table.arches[0].defaultAction, badArch: table.badArchAction, optimize,
    syscalls: [...byName.values()].map((s) => ({ name: s.name, rules: s.rules.map((r) => ({ action: r.action, args: r.when })) })),
  }, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  const result = spawnSync(python, [HELPER], { input: `${request}\n`.repeat(times), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(result.stderr);
  const answers = result.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const micros = answers.map((a) => a.seconds * 1e6).sort((a, b) => a - b)[answers.length >> 1];
  return { bytes: Buffer.from(answers[0].bpf, 'hex'), micros };
}
