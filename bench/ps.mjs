#!/usr/bin/env node
// Benchmark of `caplint ps` (run `npm run build` first): with N extra sleeping
// processes, in one run and in turns (round after round, every tool once per
// round), `node -e 0` (Node's own start-up, a fixed cost caplint cannot avoid),
// `pscap -a` (libcap-ng), `lsns -J` (util-linux), the ps table and the ps JSON.
// N is 500, 2,000 and 4,000 by default (BENCH_SIZES), for the scaling;
// BENCH_RUNS rounds (default 5), medians. Wall time and CPU time (user + system,
// from wait4's rusage of each child, in microseconds) come from a small python3
// runner, so the figures are the child's alone. The ps runs use --no-filters, as
// pscap reads no seccomp filter; as root, BENCH_FILTERED (default 1,000) sleeps under
// one `caplint run` filter are then listed with and without the filter dumps. Prints the load average with every size: on a
// shared machine the ratios, not the times, are the figures to quote. BENCH_COMPARE_ROOT=DIR adds the ps table and JSON
// of another built checkout to the same rounds, for before/after figures from one run.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sizes = (process.env.BENCH_SIZES ?? '500,2000,4000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const have = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const caplint = [process.execPath, join(root, 'bin/caplint.js')];

const TOOLS = [
  { name: 'node -e 0', argv: [process.execPath, '-e', '0'] },
  { name: 'pscap -a', argv: ['pscap', '-a'], needs: 'pscap' },
  { name: 'lsns -J', argv: ['lsns', '-J'], needs: 'lsns' },
  { name: 'caplint ps (table)', argv: [...caplint, 'ps', '--no-filters', '--fail-on', 'never'] },
  { name: 'caplint ps --format json', argv: [...caplint, 'ps', '--format', 'json', '--no-filters', '--fail-on', 'never'] },
];
const compareRoot = process.env.BENCH_COMPARE_ROOT;
if (compareRoot) {
  const other = [process.execPath, join(compareRoot, 'bin/caplint.js')];
  TOOLS.push(
    { name: 'other ps (table)', argv: [...other, 'ps', '--no-filters', '--fail-on', 'never'] },
    { name: 'other ps --format json', argv: [...other, 'ps', '--format', 'json', '--no-filters', '--fail-on', 'never'] },
  );
}

// fork + exec + drain stdout + wait4: wall from fork to reap, CPU from the child's rusage.
const RUNNER = `
import json, os, subprocess, sys, time
argv = json.loads(sys.argv[1])
start = time.perf_counter()
p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
size = 0
while True:
    chunk = p.stdout.read(1 << 16)
    if not chunk: break
    size += len(chunk)
_, status, ru = os.wait4(p.pid, 0)
p.returncode = os.waitstatus_to_exitcode(status)
wall = time.perf_counter() - start
print(json.dumps({"wall": wall * 1000, "cpu": (ru.ru_utime + ru.ru_stime) * 1000, "bytes": size, "status": p.returncode}))
`;

function measure(argv) {
  const r = spawnSync('python3', ['-c', RUNNER, JSON.stringify(argv)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the runner failed for ${argv.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function childrenCount(ppid) {
  let n = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === ppid) n++;
    } catch { /* exited */ }
  }
  return n;
}

async function startSleepers(n) {
  const shell = spawn('bash', ['-c', `for i in $(seq ${n}); do sleep 3600 & done; wait`], { detached: true, stdio: 'ignore' });
  const deadline = Date.now() + 60_000;
  while (childrenCount(shell.pid) < n) {
    if (Date.now() > deadline) throw new Error(`only ${childrenCount(shell.pid)} of ${n} sleepers started`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return shell;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const processes = () => readdirSync('/proc').filter((n) => /^\d+$/.test(n)).length;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
if (!have('python3')) {
  console.log('ps bench skipped: python3 (the rusage runner) is not installed');
  process.exit(0);
}

const tools = TOOLS.filter((t) => {
  if (!t.needs || have(t.needs)) return true;
  console.log(`${t.name}: skipped (${t.needs} is not installed)`);
  return false;
});
const results = [];
for (const n of sizes) {
  const shell = await startSleepers(n);
  try {
    const before = load();
    const total = processes();
    const samples = new Map(tools.map((t) => [t.name, []]));
    for (let round = 0; round < runs; round++) for (const t of tools) samples.get(t.name).push(measure(t.argv));
    console.log(`${n} extra processes (${total} in /proc), ${runs} rounds; load average ${before} before, ${load()} after`);
    for (const t of tools) {
      const s = samples.get(t.name);
      const row = { extra: n, processes: total, tool: t.name, wallMs: median(s.map((x) => x.wall)), cpuMs: median(s.map((x) => x.cpu)), outputBytes: s[0].bytes, exit: s[0].status };
      results.push(row);
      console.log(`  ${t.name.padEnd(26)} ${row.wallMs.toFixed(1).padStart(7)} ms wall ${row.cpuMs.toFixed(1).padStart(7)} ms cpu ${(row.outputBytes / 1024).toFixed(0).padStart(6)} KB out  exit ${row.exit}`);
    }
  } finally {
    process.kill(-shell.pid, 'SIGKILL');
  }
  await new Promise((r) => setTimeout(r, 500));
}

const row = (tool, n) => results.find((r) => r.tool === tool && r.extra === n);
const x = (a, b, key) => (a && b ? (a[key] / b[key]).toFixed(2) : 'n/a');
for (const n of sizes) {
  const [node, pscap] = [row('node -e 0', n), row('pscap -a', n)];
  console.log(`${n} extra:`);
  for (const [tool, aim] of [['caplint ps (table)', 2], ['caplint ps --format json', 3], ...(compareRoot ? [['other ps (table)', 2], ['other ps --format json', 3]] : [])]) {
    const r = row(tool, n);
    // What caplint adds over Node's own start-up, against pscap's whole run.
    const own = r && node ? { wallMs: r.wallMs - node.wallMs, cpuMs: r.cpuMs - node.cpuMs } : undefined;
    console.log(`  ${tool} / pscap -a: ${x(r, pscap, 'wallMs')} wall, ${x(r, pscap, 'cpuMs')} cpu (aim ${aim} wall); / node -e 0: ${x(r, node, 'wallMs')} wall, ${x(r, node, 'cpuMs')} cpu; beyond node -e 0 / pscap -a: ${x(own, pscap, 'wallMs')} wall, ${x(own, pscap, 'cpuMs')} cpu`);
  }
}
// Filters: N sleeps under one caplint-run filter; `ps` dumps and emulates each one's filter (root only).
const filtered = Number(process.env.BENCH_FILTERED ?? 1000);
if (filtered > 0 && process.getuid?.() === 0) {
  const runner = spawn(caplint[0], [...caplint.slice(1), 'run', '--profile', 'default', '--', 'sh', '-c', `for i in $(seq ${filtered}); do sleep 3600 & done; wait`], { detached: true, stdio: 'ignore' });
  try {
    const deadline = Date.now() + 60_000;
    const sleeps = () => readdirSync('/proc').filter((n) => /^\d+$/.test(n)).filter((n) => { try { return readFileSync(`/proc/${n}/comm`, 'utf8') === 'sleep\n' && /Seccomp:\t2/.test(readFileSync(`/proc/${n}/status`, 'utf8')); } catch { return false; } }).length;
    while (sleeps() < filtered && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const ps = [...caplint, 'ps', '--fail-on', 'never'];
    const s = { with: [], without: [] };
    for (let round = 0; round < runs; round++) {
      s.with.push(measure(ps));
      s.without.push(measure([...ps, '--no-filters']));
    }
    const [w, wo] = [s.with, s.without].map((xs) => ({ wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)) }));
    console.log(`${filtered} filtered sleeps: ps with filter dumps ${w.wall.toFixed(0)} ms wall ${w.cpu.toFixed(0)} ms cpu; --no-filters ${wo.wall.toFixed(0)} ms wall ${wo.cpu.toFixed(0)} ms cpu (${(w.wall / wo.wall).toFixed(2)}x wall); load average ${load()}`);
  } finally {
    process.kill(-runner.pid, 'SIGKILL');
  }
}
if (sizes.length >= 2) {
  const [a, b] = [sizes[0], sizes.at(-1)];
  for (const t of tools) {
    const [p, q] = [row(t.name, a), row(t.name, b)];
    if (p && q) console.log(`scaling ${t.name}: ${p.processes} → ${q.processes} processes (${(q.processes / p.processes).toFixed(2)}x): wall ${(q.wallMs / p.wallMs).toFixed(2)}x, cpu ${(q.cpuMs / p.cpuMs).toFixed(2)}x`);
  }
}
