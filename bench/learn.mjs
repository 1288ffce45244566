#!/usr/bin/env node
// The cost of learning: a syscall-heavy helper (N getppid calls, default
// 100,000) under `caplint learn` against under `caplint run --profile
// default`, and against the helper alone, in one run; then the size of the
// learned profiles for the test workloads against `default` (syscalls
// allowed on x86_64 and capabilities). Both launches use default's
// namespaces (pid with caplint's init, mount, ipc, uts, cgroup), so the
// difference is the recording. Run after `npm run build`, as root
// (unprivileged, run needs --allow-partial and capabilities are not learned).
// The load average is printed before and after: on a shared machine it says
// how much the absolute times are worth.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 7);
const calls = Number(process.env.BENCH_CALLS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'caplint-bench-learn-'));
const caplint = [process.execPath, join(root, 'bin/caplint.js')];
const root_ = process.getuid?.() === 0;

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(argv) {
  const samples = [];
  for (let i = 0; i < runs + 1; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
    if (i >= 1) samples.push(ms); // one warm-up run
  }
  return median(samples);
}

function allowed(seccompFile) {
  const doc = JSON.parse(readFileSync(seccompFile, 'utf8'));
  return new Set(doc.syscalls.filter((s) => s.action === 'SCMP_ACT_ALLOW').flatMap((s) => s.names)).size;
}

const load = () => loadavg().map((n) => n.toFixed(2)).join(', ');

try {
  console.log(`load average before: ${load()}`);
  const helper = join(dir, 'learn-helper');
  execFileSync('cc', ['-O2', '-pthread', '-o', helper, join(root, 'test/fixtures/learn/learn-helper.c')]);
  const partial = root_ ? [] : ['--allow-partial'];
  if (!root_) console.log('note: not root; run uses --allow-partial and capabilities are not learned');
  const rows = [
    [`helper, ${calls} getppid calls, alone`, time([helper, 'getppid', String(calls)])],
    ['under caplint run --profile default', time([...caplint, 'run', ...partial, '--profile', 'default', '--', helper, 'getppid', String(calls)])],
    ['under caplint learn', time([...caplint, 'learn', '-o', join(dir, 'bench.json'), '--', helper, 'getppid', String(calls)])],
  ];
  console.log(`learn, median of ${runs} runs (ms; shared machines make absolute times noise, read the ratios):`);
  for (const [label, ms] of rows) console.log(`  ${label.padEnd(44)} ${ms.toFixed(1)}`);
  console.log(`  ratio learn / run: ${(rows[2][1] / rows[1][1]).toFixed(1)}; per recorded call: ${(((rows[2][1] - rows[1][1]) * 1000) / calls).toFixed(2)} µs more than under run`);

  const defaults = JSON.parse(execFileSync(caplint[0], [caplint[1], 'seccomp', 'explain', 'default', '--format', 'json'], { encoding: 'utf8' }));
  const defaultAllowed = defaults.allowed.length;
  const defaultCaps = JSON.parse(readFileSync(join(root, 'profiles/default.json'), 'utf8')).capabilities.allow.length;
  const workloads = [
    ['sh -c \'cat /etc/hostname\'', ['sh', '-c', 'cat /etc/hostname']],
    ['sh -c \'ls /; cat /etc/hostname\'', ['sh', '-c', 'ls /; cat /etc/hostname']],
    ['helper bind 80', [helper, 'bind', '80']],
    ['helper thread', [helper, 'thread']],
  ];
  if (spawnSync('python3', ['-c', '0']).status === 0) workloads.push(['python3 -c \'import http.server\'', ['python3', '-c', 'import http.server']]);
  console.log(`profile sizes (syscalls allowed on ${process.arch === 'x64' ? 'x86_64' : process.arch}, capabilities):`);
  console.log(`  ${'default'.padEnd(36)} ${String(defaultAllowed).padStart(4)} syscalls  ${defaultCaps} capabilities`);
  workloads.forEach(([label, argv], i) => {
    const out = join(dir, `w${i}.json`);
    const r = spawnSync(caplint[0], [caplint[1], 'learn', '-o', out, '--', ...argv], { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir });
    if (r.status !== 0) throw new Error(`learning ${label} exited ${r.status}: ${r.stderr}`);
    const caps = JSON.parse(readFileSync(out, 'utf8')).capabilities.allow.length;
    console.log(`  ${label.padEnd(36)} ${String(allowed(join(dir, `w${i}.seccomp.json`))).padStart(4)} syscalls  ${caps} capabilities`);
  });
  console.log(`load average after: ${load()}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
