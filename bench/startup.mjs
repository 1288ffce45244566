#!/usr/bin/env node
/**
 * Start-up cost of the everyday commands against `node -e 0`, in one run:
 * the commands take turns (round-robin), so a change in machine load hits
 * them all alike. Wall time is the median of the runs; CPU time (user+system
 * of the child, from /proc/self/stat's cutime+cstime) is the mean.
 * Run after `npm run build`: node bench/startup.mjs  (BENCH_RUNS, default 25)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stats, fmt } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 25);
const bin = join(root, 'bin/caplint.js');
const example = join(root, 'examples/oci/runc-default/config.json');
const dir = mkdtempSync(join(tmpdir(), 'caplint-bench-startup-'));
const userProfile = join(dir, 'profile.json');
// caplint's default seccomp profile plus one rule: a user profile whose program is not shipped.
const profile = JSON.parse(readFileSync(join(root, 'profiles/seccomp/default.json'), 'utf8'));
profile.syscalls.push({ names: ['getppid'], action: 'SCMP_ACT_ALLOW' });
writeFileSync(userProfile, JSON.stringify(profile));
const keep = ['chown', 'dac_override', 'fowner', 'fsetid', 'kill', 'setgid', 'setuid', 'setpcap', 'net_bind_service', 'sys_chroot', 'mknod', 'audit_write', 'setfcap'];
const asRoot = process.getuid?.() === 0;
const partial = asRoot ? [] : ['--allow-partial'];
const warmCache = join(dir, 'warm');
let coldRun = 0;

const COMMANDS = [
  { name: 'node -e 0', argv: [process.execPath, '-e', '0'] },
  { name: 'caplint --version', argv: [process.execPath, bin, '--version'] },
  { name: 'caplint audit (text)', argv: [process.execPath, bin, 'audit', example, '--fail-on', 'never'] },
  { name: 'caplint audit (json)', argv: [process.execPath, bin, 'audit', example, '--format', 'json', '--fail-on', 'never'] },
  { name: 'caplint run --profile default (shipped program)', argv: [process.execPath, bin, 'run', ...partial, '--profile', 'default', '--', '/bin/true'] },
  { name: 'caplint run --profile default --no-cache (compiles)', argv: [process.execPath, bin, 'run', ...partial, '--profile', 'default', '--no-cache', '--', '/bin/true'] },
  { name: 'caplint run --seccomp FILE, cache cold', argv: [process.execPath, bin, 'run', ...partial, '--seccomp', userProfile, '--', '/bin/true'], env: () => ({ XDG_CACHE_HOME: join(dir, `cold-${coldRun++}`) }) },
  { name: 'caplint run --seccomp FILE, cache warm', argv: [process.execPath, bin, 'run', ...partial, '--seccomp', userProfile, '--', '/bin/true'], env: () => ({ XDG_CACHE_HOME: warmCache }) },
  ...(asRoot ? [{ name: 'setpriv (bounding set, no_new_privs)', argv: ['setpriv', `--bounding-set=-all,${keep.map((c) => `+${c}`).join(',')}`, '--no-new-privs', '--inh-caps=-all', '/bin/true'] }] : []),
];

/** The children's CPU time so far, in ms (clock ticks of 10 ms). */
function childrenCpuMs() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

const wall = COMMANDS.map(() => []);
const cpu = COMMANDS.map(() => 0);
try {
  for (let i = 0; i < runs + 2; i++) {
    COMMANDS.forEach((c, k) => {
      const before = childrenCpuMs();
      const start = process.hrtime.bigint();
      const r = spawnSync(c.argv[0], c.argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...(c.env?.() ?? {}) } });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (r.status !== 0 && !(c.name.startsWith('caplint audit') && r.status === 1)) throw new Error(`${c.name} exited ${r.status}: ${r.stderr}`);
      if (i < 2) return; // warm-up
      wall[k].push(ms);
      cpu[k] += childrenCpuMs() - before;
    });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const base = stats(wall[0]).median;
const baseCpu = cpu[0] / runs;
console.log(`## start-up, ${runs} runs each, round-robin${asRoot ? '' : ' (not root: run uses --allow-partial)'}\n`);
console.log(`${'command'.padEnd(54)} ${'wall median'.padStart(12)} ${'ratio'.padStart(7)} ${'+ms'.padStart(7)} ${'cpu mean'.padStart(9)} ${'ratio'.padStart(7)}`);
COMMANDS.forEach((c, k) => {
  const m = stats(wall[k]).median;
  const cpuMean = cpu[k] / runs;
  console.log(`${c.name.padEnd(54)} ${fmt(m).padStart(12)} ${(m / base).toFixed(2).padStart(6)}x ${(m - base).toFixed(1).padStart(7)} ${fmt(cpuMean).padStart(9)} ${(cpuMean / baseCpu).toFixed(2).padStart(6)}x`);
});
