#!/usr/bin/env node
/**
 * Start-up cost of the everyday commands against `node -e 0`, in one run:
 * the commands take turns (round-robin), so a change in machine load hits
 * them all alike. Wall time is the median of the runs; CPU time (user+system
 * of the child, from /proc/self/stat's cutime+cstime, in 10 ms ticks) is the
 * mean. Then the import graph: the bundle and its code caches in bytes, and
 * the Node built-ins each command loads beyond `node -e 0` (stdout to
 * /dev/null and stderr to a pipe, as timed). The load average is printed
 * before and after: the figures mean little on a busy machine.
 * Run after `npm run build`: node bench/startup.mjs  (BENCH_RUNS, default 25;
 * BENCH_COMPARE_ROOT=DIR adds the same commands from another built checkout,
 * such as main before a change, to the same round-robin).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
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
  { name: 'caplint run --profile default, warm (shipped program)', argv: [process.execPath, bin, 'run', ...partial, '--profile', 'default', '--', '/bin/true'] },
  { name: 'caplint run --profile default, cold (--no-cache)', argv: [process.execPath, bin, 'run', ...partial, '--profile', 'default', '--no-cache', '--', '/bin/true'] },
  { name: 'caplint run --seccomp FILE, cache cold', argv: [process.execPath, bin, 'run', ...partial, '--seccomp', userProfile, '--', '/bin/true'], env: () => ({ XDG_CACHE_HOME: join(dir, `cold-${coldRun++}`) }) },
  { name: 'caplint run --seccomp FILE, cache warm', argv: [process.execPath, bin, 'run', ...partial, '--seccomp', userProfile, '--', '/bin/true'], env: () => ({ XDG_CACHE_HOME: warmCache }) },
  ...compared(),
  ...(asRoot ? [{ name: 'setpriv (bounding set, no_new_privs)', argv: ['setpriv', `--bounding-set=-all,${keep.map((c) => `+${c}`).join(',')}`, '--no-new-privs', '--inh-caps=-all', '/bin/true'] }] : []),
];

/** With BENCH_COMPARE_ROOT: --version, audit and run from that checkout's bin/caplint.js, marked "(compared)". */
function compared() {
  const other = process.env.BENCH_COMPARE_ROOT;
  if (!other) return [];
  const otherBin = join(other, 'bin/caplint.js');
  return [
    { name: '(compared) caplint --version', argv: [process.execPath, otherBin, '--version'] },
    { name: '(compared) caplint audit (text)', argv: [process.execPath, otherBin, 'audit', example, '--fail-on', 'never'] },
    { name: '(compared) caplint audit (json)', argv: [process.execPath, otherBin, 'audit', example, '--format', 'json', '--fail-on', 'never'] },
    { name: '(compared) caplint run --profile default, warm', argv: [process.execPath, otherBin, 'run', ...partial, '--profile', 'default', '--', '/bin/true'] },
  ];
}

/** The children's CPU time so far, in ms (clock ticks of 10 ms). */
function childrenCpuMs() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const loadBefore = load();
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
} catch (error) {
  rmSync(dir, { recursive: true, force: true });
  throw error;
}

const base = stats(wall[0]).median;
const baseCpu = cpu[0] / runs;
console.log(`## start-up, ${runs} runs each, round-robin${asRoot ? '' : ' (not root: run uses --allow-partial)'}; load average ${loadBefore} before, ${load()} after\n`);
console.log(`${'command'.padEnd(54)} ${'wall median'.padStart(12)} ${'ratio'.padStart(7)} ${'+ms'.padStart(7)} ${'cpu mean'.padStart(9)} ${'ratio'.padStart(7)}`);
COMMANDS.forEach((c, k) => {
  const m = stats(wall[k]).median;
  const cpuMean = cpu[k] / runs;
  console.log(`${c.name.padEnd(54)} ${fmt(m).padStart(12)} ${(m / base).toFixed(2).padStart(6)}x ${(m - base).toFixed(1).padStart(7)} ${fmt(cpuMean).padStart(9)} ${(cpuMean / baseCpu).toFixed(2).padStart(6)}x`);
});

/** Node built-ins loaded by the end of a run of `argv` (process.moduleLoadList, recorded at exit by a --require hook). */
function builtinsOf(argv, env = {}) {
  const hookDir = mkdtempSync(join(tmpdir(), 'caplint-bench-builtins-'));
  try {
    const hook = join(hookDir, 'hook.cjs');
    const out = join(hookDir, 'loaded.json');
    writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(process.moduleLoadList)));`);
    spawnSync(argv[0], ['--require', hook, ...argv.slice(1)], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    return JSON.parse(readFileSync(out, 'utf8')).filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
  } finally {
    rmSync(hookDir, { recursive: true, force: true });
  }
}

const size = (file) => (existsSync(file) ? statSync(file).size : 0);
const caches = existsSync(join(root, 'dist/cache')) ? readdirSync(join(root, 'dist/cache')).filter((f) => f.endsWith('.cache')).sort() : [];
const bundles = (at) => ['cli.cjs', 'cli-audit.cjs', 'cli-run.cjs'].filter((f) => existsSync(join(at, 'dist', f))).map((f) => `dist/${f} ${size(join(at, 'dist', f))}`).join(', ');
console.log(`\n## import graph\n\nbundles (bytes): ${bundles(root)}; code caches: ${caches.map((f) => `${f} ${size(join(root, 'dist/cache', f))}`).join(', ') || 'none'}`);
const other = process.env.BENCH_COMPARE_ROOT;
if (other) console.log(`(compared) bundles: ${bundles(other)}; dist/cache/audit.cache ${size(join(other, 'dist/cache/audit.cache'))}, run.cache ${size(join(other, 'dist/cache/run.cache'))}`);
console.log('');
const nodeOnly = new Set(builtinsOf(COMMANDS[0].argv));
console.log(`node -e 0 loads ${nodeOnly.size} Node built-ins; each command loads besides:`);
for (const c of COMMANDS.slice(1)) {
  if (!c.argv[1]?.endsWith('caplint.js')) continue;
  if (c.name.startsWith('(compared)') && !c.name.includes('audit (json)') && !c.name.includes('run')) continue;
  const extra = builtinsOf(c.argv, c.env?.() ?? {}).filter((m) => !nodeOnly.has(m));
  console.log(`${c.name.padEnd(54)} ${String(extra.length).padStart(3)}  ${extra.join(' ')}`);
}
rmSync(dir, { recursive: true, force: true });
