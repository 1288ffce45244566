#!/usr/bin/env node
// Launch cost of `caplint run --profile default -- /bin/true` against `node -e 0`
// and against setpriv (bounding set + no_new_privs, no seccomp) in the same run,
// and the per-syscall cost of caplint's default filter (a getppid loop in the
// test probe, unfiltered and filtered). Run after `npm run build`, as root.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 20);
const loops = Number(process.env.BENCH_LOOPS ?? 2_000_000);
const caplint = [process.execPath, join(root, 'bin/caplint.js'), 'run', '--profile', 'default', '--'];
const keep = ['chown', 'dac_override', 'fowner', 'fsetid', 'kill', 'setgid', 'setuid', 'setpcap', 'net_bind_service', 'sys_chroot', 'mknod', 'audit_write', 'setfcap'];
const setpriv = ['setpriv', `--bounding-set=-all,${keep.map((c) => `+${c}`).join(',')}`, '--no-new-privs', '--inh-caps=-all'];

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(argv) {
  const samples = [];
  for (let i = 0; i < runs + 2; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
    if (i >= 2) samples.push(ms); // two warm-up runs
  }
  return median(samples);
}

if (process.getuid?.() !== 0) console.log('note: not root; caplint run needs --allow-partial here and setpriv cannot drop the bounding set');

const rows = [
  ['caplint run --profile default -- /bin/true', time([...caplint, '/bin/true'])],
  ['node -e 0', time([process.execPath, '-e', '0'])],
  ['setpriv --bounding-set ... --no-new-privs /bin/true', time([...setpriv, '/bin/true'])],
];
console.log(`launch, median of ${runs} runs (ms):`);
for (const [label, ms] of rows) console.log(`  ${label.padEnd(52)} ${ms.toFixed(1)}`);
console.log(`  ratio caplint / node -e 0: ${(rows[0][1] / rows[1][1]).toFixed(2)}; caplint / setpriv: ${(rows[0][1] / rows[2][1]).toFixed(1)}`);

const dir = mkdtempSync(join(tmpdir(), 'caplint-bench-'));
try {
  const probe = join(dir, 'probe');
  execFileSync('cc', ['-O2', '-o', probe, join(root, 'test/helpers/syscall-probe.c'), '-pthread']);
  const once = (seccomp, i) => {
    const out = join(dir, `loop-${seccomp}-${i}`);
    execFileSync(caplint[0], [...caplint.slice(1, 3), '--profile', 'default', '--seccomp', seccomp, '--', probe, '-o', out, 'loop', String(loops)]);
    return Number(/ns-per-call ([\d.]+)/.exec(readFileSync(out, 'utf8'))[1]);
  };
  const samples = { unconfined: [], default: [] };
  for (let i = 0; i < 7; i++) for (const mode of ['unconfined', 'default']) samples[mode].push(once(mode, i)); // interleaved
  const free = median(samples.unconfined);
  const filtered = median(samples.default);
  console.log(`getppid(), CPU time, median of 7 interleaved runs of ${loops} calls (ns per call):`);
  console.log(`  no filter                      ${free.toFixed(1)}`);
  console.log(`  caplint default filter         ${filtered.toFixed(1)}  (+${(filtered - free).toFixed(1)} ns per syscall)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
