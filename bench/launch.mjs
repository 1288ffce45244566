#!/usr/bin/env node
// Launch cost of `caplint run --profile default -- /bin/true` against `node -e 0`
// and against setpriv (bounding set + no_new_privs, no seccomp) in the same run,
// and the per-syscall cost of caplint's default filter (a getppid loop in the
// test probe: unfiltered, with caplint's program, and with libseccomp's
// program for the same resolved profile). Run after `npm run build`, as root.
import { execFileSync, spawnSync } from 'node:child_process';
import { confinedTruePlan, median, medianLaunchMs } from './lib.mjs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { python, libseccompFilter } from './libseccomp.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 20);
const loops = Number(process.env.BENCH_LOOPS ?? 2_000_000);
const caplint = [process.execPath, join(root, 'bin/caplint.js'), 'run', '--profile', 'default', '--'];
const keep = ['chown', 'dac_override', 'fowner', 'fsetid', 'kill', 'setgid', 'setuid', 'setpcap', 'net_bind_service', 'sys_chroot', 'mknod', 'audit_write', 'setfcap'];
const setpriv = ['setpriv', `--bounding-set=-all,${keep.map((c) => `+${c}`).join(',')}`, '--no-new-privs', '--inh-caps=-all'];


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

// The launch alone, in-process (clone, confinement, execve of /bin/true, pidfd wait), and the profile compile.
{
  const { loadSeccomp } = await import(join(root, 'dist/engine/run/seccomp-source.js'));
  const { createEnforcer } = await import(join(root, 'dist/enforcer/launcher.js'));
  const { readLastCap } = await import(join(root, 'dist/enforcer/proc-status.js'));
  const compileStart = performance.now();
  const seccomp = loadSeccomp('default', [], { capabilities: keep.map((c) => `CAP_${c.toUpperCase()}`) });
  const compileMs = performance.now() - compileStart;
  const enforcer = createEnforcer();
  const launchMs = await medianLaunchMs(enforcer, confinedTruePlan(seccomp.program, readLastCap()));
  console.log(`in-process: compiling the default profile ${compileMs.toFixed(1)} ms; launch + wait of /bin/true confined, median of 95: ${launchMs.toFixed(2)} ms`);
}

// What the trust-boundary hardening adds to that (also runnable alone).
await import('./launch-hardening.mjs');

const dir = mkdtempSync(join(tmpdir(), 'caplint-bench-'));
try {
  const probe = join(dir, 'probe');
  execFileSync('cc', ['-O2', '-o', probe, join(root, 'test/helpers/syscall-probe.c'), '-pthread']);
  const once = (seccomp, i) => {
    const out = join(dir, `loop-${seccomp.replace(/\W/g, "_")}-${i}`);
    execFileSync(caplint[0], [...caplint.slice(1, 3), '--profile', 'default', '--seccomp', seccomp, '--', probe, '-o', out, 'loop', String(loops)]);
    return Number(/ns-per-call ([\d.]+)/.exec(readFileSync(out, 'utf8'))[1]);
  };
  const modes = ['unconfined', 'default'];
  if (python) {
    // The same profile, resolved the same way (this machine's arch, the 13 capabilities run keeps), compiled by libseccomp (tree layout).
    const { builtinProfile, readProfile, resolveProfile } = await import(join(root, 'dist/engine/seccomp/profile/index.js'));
    const table = resolveProfile(readProfile(builtinProfile('default')), { arch: 'x86_64', caps: keep.map((c) => `CAP_${c.toUpperCase()}`) });
    writeFileSync(join(dir, 'libseccomp.bpf'), libseccompFilter(table, 2, 1).bytes);
    modes.push(join(dir, 'libseccomp.bpf'));
  } else console.log('(python3-seccomp not installed: no libseccomp row)');
  const samples = Object.fromEntries(modes.map((m) => [m, []]));
  for (let i = 0; i < 7; i++) for (const mode of modes) samples[mode].push(once(mode, i)); // interleaved
  const free = median(samples.unconfined);
  console.log(`getppid(), CPU time, median of 7 interleaved runs of ${loops} calls (ns per call):`);
  console.log(`  no filter                      ${free.toFixed(1)}`);
  for (const [mode, label] of [['default', 'caplint default filter'], [modes[2], 'same profile, libseccomp tree']]) {
    if (!mode) continue;
    const ns = median(samples[mode]);
    console.log(`  ${label.padEnd(30)} ${ns.toFixed(1)}  (+${(ns - free).toFixed(1)} ns per syscall)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
