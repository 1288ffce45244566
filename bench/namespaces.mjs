#!/usr/bin/env node
// What namespaces and cgroup limits add to a launch, in one run: `caplint run`
// with all seven namespaces and three limits, against caplint's launch with
// shared namespaces and no limits, `unshare --fork ... /bin/true`,
// `bwrap --unshare-all --ro-bind / / /bin/true` and `node -e 0`; then the
// same difference in-process (the addon's launch and the cgroup set-up and
// removal, without Node's start-up). Run after `npm run build`, as root.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, ratio, timeCommand } from './lib.mjs';

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
const all = ['--unshare', 'user,pid,mount,net,ipc,uts,cgroup', '--cpus', '1', '--memory', '256Mi', '--pids', '64'];

const rows = [
  ['node -e 0', [process.execPath, '-e', '0']],
  ['caplint run (shared namespaces, no limits) /bin/true', [...caplint, '--profile', shared, '--', '/bin/true']],
  ['caplint run (7 namespaces, 3 limits) /bin/true', [...caplint, '--profile', 'default', ...all, '--', '/bin/true']],
  ...(have('unshare') ? [['unshare --fork --user --pid ... --cgroup /bin/true', ['unshare', '--fork', '--user', '--pid', '--map-root-user', '--mount-proc', '--net', '--ipc', '--uts', '--cgroup', '/bin/true']]] : []),
  ...(have('bwrap') ? [['bwrap --unshare-all --ro-bind / / /bin/true', ['bwrap', '--unshare-all', '--ro-bind', '/', '/', '/bin/true']]] : []),
];
const times = rows.map(([label, argv]) => [label, timeCommand(argv[0], argv.slice(1), { runs }).median]);
console.log(`launch, median of ${runs} runs (shared machine: compare ratios, not times):`);
for (const [label, ms] of times) console.log(`  ${label.padEnd(54)} ${fmt(ms)}  ${ratio(ms, times[0][1])} of node -e 0`);
console.log(`  namespaces + limits add ${fmt(times[2][1] - times[1][1])} to caplint's launch (CLI)`);

// In-process: the addon's launch of /bin/true, plain and isolated (user ns mapped to root, all seven namespaces,
// a launch cgroup with three limits created before and removed after).
{
  const { createEnforcer } = await import(join(root, 'dist/enforcer/launcher.js'));
  const { readLastCap } = await import(join(root, 'dist/enforcer/proc-status.js'));
  const { cgroupPlaces } = await import(join(root, 'dist/engine/run/cgroup/cgroup-places.js'));
  const { createLaunchCgroup } = await import(join(root, 'dist/engine/run/cgroup/launch-cgroup.js'));
  const enforcer = createEnforcer();
  const caps = { bounding: 0xa80405fbn, permitted: 0xa80405fbn, effective: 0xa80405fbn, inheritable: 0n, ambient: 0n };
  const base = { file: '/bin/true', argv: ['true'], env: {}, cwd: null, lastCap: readLastCap(), capabilities: caps, dropBounding: true, setCapabilities: true, user: null, noNewPrivs: true, seccomp: null };
  const limits = { cpu: 1, memory: 256 * 2 ** 20, pids: 64 };
  const places = cgroupPlaces(limits);
  const isolation = (procs) => ({
    namespaces: ['user', 'pid', 'mount', 'net', 'ipc', 'uts', 'cgroup'],
    idMap: { insideUid: 0, insideGid: 0, outsideUid: 0, outsideGid: 0, denySetgroups: false },
    mountProc: true, readOnlyRoot: false, maskedPaths: [], readonlyPaths: [], hostname: null, init: true, cgroupProcs: procs,
  });
  const once = async (isolated) => {
    const start = performance.now();
    const cgroup = isolated && typeof places !== 'string' ? createLaunchCgroup(places, limits) : null;
    const outcome = enforcer.launch(isolated ? { ...base, isolation: { ...isolation(cgroup ? cgroup.procsFiles : []), cgroupDir: cgroup?.v2Dir ?? null } } : base);
    if (outcome.kind !== 'started') throw new Error(outcome.message);
    outcome.child.release();
    await outcome.child.exited;
    await cgroup?.remove();
    return performance.now() - start;
  };
  const median = async (isolated) => {
    const samples = [];
    for (let i = 0; i < runs + 2; i++) samples.push(await once(isolated));
    return samples.slice(2).sort((a, b) => a - b)[Math.floor(runs / 2)];
  };
  const plain = await median(false);
  const isolated = await median(true);
  console.log(`in-process launch of /bin/true, median of ${runs}: plain ${fmt(plain)}, 7 namespaces + 3 limits ${fmt(isolated)}: adds ${fmt(isolated - plain)} (${ratio(isolated, plain)})`);
}
rmSync(dir, { recursive: true, force: true });
