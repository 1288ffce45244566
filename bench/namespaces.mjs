#!/usr/bin/env node
// What namespaces and cgroup limits add to a launch, in one run, the rows
// interleaved (one sample of each in turn, so a change of load on a shared
// machine hits every row alike): `caplint run` with all seven namespaces and
// three limits, the same without the limits, caplint's launch with shared
// namespaces and no limits, `unshare --fork ... /bin/true`,
// `bwrap --unshare-all --ro-bind / / /bin/true` and `node -e 0`.
// Then the parts in-process (the addon's launch, without Node's start-up),
// each sample after a pause so that none inherits the kernel state the
// previous one left warm, as happens to a fresh `caplint run`:
//   - the plain launch, the seven namespaces, and the seven with the v1 launch cgroups;
//   - joining a cgroup2 directory by a write of cgroup.procs against being created in it
//     by clone3 CLONE_INTO_CGROUP (under the unified mount: works on a hybrid host too).
// Run after `npm run build`, as root.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, ratio, stats } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 15);
if (process.getuid?.() !== 0) {
  console.log('namespaces bench: skipped, it needs root (cgroup limits)');
  process.exit(0);
}
const have = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'caplint-bench-ns-'));
const shared = join(dir, 'shared.json');
writeFileSync(shared, JSON.stringify({ extends: 'default', namespaces: {} }));
const caplint = [process.execPath, join(root, 'bin/caplint.js'), 'run'];
const seven = ['--unshare', 'user,pid,mount,net,ipc,uts,cgroup'];
const limits = ['--cpus', '1', '--memory', '256Mi', '--pids', '64'];

const rows = [
  ['node -e 0', [process.execPath, '-e', '0']],
  ['caplint run, shared namespaces, no limits', [...caplint, '--profile', shared, '--', '/bin/true']],
  ['caplint run, 7 namespaces', [...caplint, '--profile', 'default', ...seven, '--', '/bin/true']],
  ['caplint run, 7 namespaces + 3 limits', [...caplint, '--profile', 'default', ...seven, ...limits, '--', '/bin/true']],
  ...(have('unshare') ? [['unshare --fork --user --pid ... --cgroup', ['unshare', '--fork', '--user', '--pid', '--map-root-user', '--mount-proc', '--net', '--ipc', '--uts', '--cgroup', '/bin/true']]] : []),
  ...(have('bwrap') ? [['bwrap --unshare-all --ro-bind / /', ['bwrap', '--unshare-all', '--ro-bind', '/', '/', '/bin/true']]] : []),
];

function once(argv) {
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.error || r.status !== 0) throw new Error(`${argv.join(' ')}: ${r.error ?? r.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const samples = rows.map(() => []);
const loadBefore = loadavg()[0];
for (let i = 0; i < runs + 2; i++) rows.forEach(([, argv], k) => { const ms = once(argv); if (i >= 2) samples[k].push(ms); });
const medians = samples.map((s) => stats(s).median);
console.log(`launch of /bin/true, median of ${runs} interleaved runs (load ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}; a shared machine: compare ratios, not times):`);
rows.forEach(([label], k) => console.log(`  ${label.padEnd(44)} ${fmt(medians[k]).padStart(9)}  ${ratio(medians[k], medians[0])} of node -e 0, ${ratio(medians[k], medians[1])} of caplint's plain launch`));
console.log(`  7 namespaces add ${fmt(medians[2] - medians[1])}; the 3 limits ${fmt(medians[3] - medians[2])} more (CLI)`);

// In-process, each sample after a pause: the addon's launch, and the two ways into a cgroup2 directory.
{
  const { createEnforcer } = await import(join(root, 'dist/enforcer/launcher.js'));
  const { readLastCap } = await import(join(root, 'dist/enforcer/proc-status.js'));
  const { cgroupPlaces } = await import(join(root, 'dist/engine/run/cgroup/cgroup-places.js'));
  const { createLaunchCgroup } = await import(join(root, 'dist/engine/run/cgroup/launch-cgroup.js'));
  const enforcer = createEnforcer();
  const caps = { bounding: 0xa80405fbn, permitted: 0xa80405fbn, effective: 0xa80405fbn, inheritable: 0n, ambient: 0n };
  const base = { file: '/bin/true', argv: ['true'], env: {}, cwd: null, lastCap: readLastCap(), capabilities: caps, dropBounding: true, setCapabilities: true, user: null, noNewPrivs: true, seccomp: null };
  const limitValues = { cpu: 1, memory: 256 * 2 ** 20, pids: 64 };
  const places = cgroupPlaces(limitValues);
  const none = { namespaces: [], idMap: null, mountProc: false, readOnlyRoot: false, maskedPaths: [], readonlyPaths: [], hostname: null, init: true, cgroupProcs: [], cgroupDir: null };
  const all = { ...none, namespaces: ['user', 'pid', 'mount', 'net', 'ipc', 'uts', 'cgroup'], idMap: { insideUid: 0, insideGid: 0, outsideUid: 0, outsideGid: 0, denySetgroups: false }, mountProc: true };
  const pause = () => new Promise((r) => setTimeout(r, 60));
  const launch = async (isolation) => {
    const start = performance.now();
    const outcome = enforcer.launch(isolation ? { ...base, isolation } : base);
    if (outcome.kind !== 'started') throw new Error(outcome.message);
    const launched = performance.now() - start;
    outcome.child.release();
    await outcome.child.exited;
    return { launched, total: performance.now() - start };
  };
  const cases = [
    ['plain launch', async () => launch(null)],
    ['7 namespaces', async () => launch(all)],
    ['7 namespaces + v1 launch cgroups (3 limits)', async () => {
      const cgroup = typeof places === 'string' ? null : createLaunchCgroup(places, limitValues);
      try {
        return await launch({ ...all, cgroupProcs: cgroup ? cgroup.procsFiles : [], cgroupDir: cgroup?.v2Dir ?? null });
      } finally {
        await cgroup?.remove();
      }
    }],
  ];
  const own2 = /^0::(.*)$/m.exec(readFileSync('/proc/self/cgroup', 'utf8'))?.[1];
  const unified = ['/sys/fs/cgroup/unified', '/sys/fs/cgroup'].find((m) => existsSync(join(m, 'cgroup.procs')) && existsSync(join(m, 'cgroup.controllers')));
  if (own2 !== undefined && unified) {
    const v2 = (label, viaClone3) => [label, async () => {
      const cg = join(unified, own2, `caplint-bench-${process.pid}`);
      mkdirSync(cg);
      try {
        return await launch(viaClone3 ? { ...none, cgroupDir: cg } : { ...none, cgroupProcs: [join(cg, 'cgroup.procs')] });
      } finally {
        for (let i = 0; i < 100; i++) { try { rmdirSync(cg); break; } catch { await new Promise((r) => setTimeout(r, 5)); } }
      }
    }];
    cases.push(v2('a cgroup2 directory joined by a write of cgroup.procs', false), v2('a cgroup2 directory by clone3 CLONE_INTO_CGROUP', true));
  }
  const launched = cases.map(() => []);
  for (let i = 0; i < runs + 1; i++) {
    for (let k = 0; k < cases.length; k++) {
      await pause();
      const t = await cases[k][1]();
      if (i >= 1) launched[k].push(t.launched);
    }
  }
  const med = launched.map((s) => stats(s).median);
  console.log(`in-process launch() of /bin/true until it has exec'd, median of ${runs}, each after a 60 ms pause:`);
  cases.forEach(([label], k) => console.log(`  ${label.padEnd(56)} ${fmt(med[k]).padStart(8)}  ${ratio(med[k], med[0])} of the plain launch`));
}
rmSync(dir, { recursive: true, force: true });
