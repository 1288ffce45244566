#!/usr/bin/env node
// Benchmark of `caplint ps` (run `npm run build` first): a full scan with N extra
// sleeping processes, against pscap -a (libcap-ng) and lsns (util-linux) in the
// same run, for N = 500, 2,000 and 4,000 by default (BENCH_SIZES) to show scaling.
// The table and the JSON run with --no-filters, as pscap reads no seccomp filter.
// Wall time and peak RSS come from /usr/bin/time -v when present.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sizes = (process.env.BENCH_SIZES ?? '500,2000,4000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const timeV = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const have = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

const TOOLS = [
  { name: 'caplint ps (table)', argv: [process.execPath, join(root, 'bin/caplint.js'), 'ps', '--no-filters', '--fail-on', 'never'] },
  { name: 'caplint ps --format json', argv: [process.execPath, join(root, 'bin/caplint.js'), 'ps', '--format', 'json', '--no-filters', '--fail-on', 'never'] },
  { name: 'caplint ps --format json --all', argv: [process.execPath, join(root, 'bin/caplint.js'), 'ps', '--format', 'json', '--all', '--fail-on', 'never'] },
  // The reading alone, as pscap and lsns do no more: no rules, no report.
  { name: 'caplint /proc scan only', argv: [process.execPath, '--input-type=module', '-e', `const { scanProcesses } = await import(${JSON.stringify(join(root, 'dist/engine/inputs/proc/scan.js'))}); scanProcesses();`] },
  { name: 'pscap -a', argv: ['pscap', '-a'], needs: 'pscap' },
  { name: 'lsns -J', argv: ['lsns', '-J'], needs: 'lsns' },
];

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

function measure(argv) {
  const started = process.hrtime.bigint();
  const r = timeV ? spawnSync(timeV, ['-v', ...argv], { encoding: 'utf8', maxBuffer: 1 << 30 }) : spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = timeV ? ['User time', 'System time'].reduce((sum, what) => sum + Number(new RegExp(`${what} \\(seconds\\): ([\\d.]+)`).exec(r.stderr)?.[1] ?? 0), 0) * 1000 : NaN;
  const rss = timeV ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN) : NaN;
  return { wall, cpu, rss, bytes: r.stdout.length, status: r.status };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const processes = () => readdirSync('/proc').filter((n) => /^\d+$/.test(n)).length;

const results = [];
for (const n of sizes) {
  const shell = await startSleepers(n);
  try {
    const total = processes();
    for (const tool of TOOLS) {
      if (tool.needs && !have(tool.needs)) {
        console.log(`${tool.name}: skipped (${tool.needs} is not installed)`);
        continue;
      }
      const samples = Array.from({ length: runs }, () => measure(tool.argv));
      const row = { extra: n, processes: total, tool: tool.name, wallMs: median(samples.map((s) => s.wall)), cpuMs: median(samples.map((s) => s.cpu)), peakRssKb: median(samples.map((s) => s.rss)), outputBytes: samples[0].bytes, exit: samples[0].status };
      results.push(row);
      console.log(`${String(n).padStart(5)} extra (${total} in /proc)  ${tool.name.padEnd(32)} ${row.wallMs.toFixed(0).padStart(6)} ms wall ${row.cpuMs.toFixed(0).padStart(6)} ms cpu  ${String(row.peakRssKb).padStart(7)} KB peak  ${(row.outputBytes / 1024).toFixed(0).padStart(6)} KB out  exit ${row.exit}`);
    }
  } finally {
    process.kill(-shell.pid, 'SIGKILL');
  }
  await new Promise((r) => setTimeout(r, 500));
}

const ratio = (tool, base, n) => {
  const a = results.find((r) => r.tool === tool && r.extra === n);
  const b = results.find((r) => r.tool === base && r.extra === n);
  return a && b ? `${(a.wallMs / b.wallMs).toFixed(2)} wall, ${(a.cpuMs / b.cpuMs).toFixed(2)} cpu` : 'n/a';
};
for (const n of sizes) console.log(`${n} extra: table / pscap -a = ${ratio('caplint ps (table)', 'pscap -a', n)} (aim 2); json / pscap -a = ${ratio('caplint ps --format json', 'pscap -a', n)} (aim 3); scan only / pscap -a = ${ratio('caplint /proc scan only', 'pscap -a', n)}`);
if (sizes.length >= 2) {
  const [a, b] = [sizes[0], sizes.at(-1)];
  for (const tool of TOOLS.map((t) => t.name)) {
    const x = results.find((r) => r.tool === tool && r.extra === a);
    const y = results.find((r) => r.tool === tool && r.extra === b);
    if (x && y) console.log(`scaling ${tool}: ${x.processes} → ${y.processes} processes (${(y.processes / x.processes).toFixed(2)}x), wall ${(y.wallMs / x.wallMs).toFixed(2)}x, cpu ${(y.cpuMs / x.cpuMs).toFixed(2)}x`);
  }
}
