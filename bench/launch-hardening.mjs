// What the trust-boundary hardening adds to one launch, piece by piece, in one
// run: the SIGUSR1 guard at the top of bin/caplint.js, the signal listeners
// `run` holds while the child lives, the emulated execve pre-check, and the
// native launch (parent guard, stdio and parent-death steps in the child)
// against the addon built from the sources before the hardening when
// BENCH_BASELINE_ADDON names one. Run after `npm run build`, as root.
import { spawnSync } from 'node:child_process';
import { confinedTruePlan, median, medianLaunchMs } from './lib.mjs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 20);
/** Medians of two commands, run alternately so both see the same load. */
const spawnPair = (a, b) => {
  const samples = [[], []];
  for (let i = 0; i < runs + 2; i++) {
    [a, b].forEach((argv, k) => {
      const start = process.hrtime.bigint();
      spawnSync(argv[0], argv.slice(1), { stdio: 'ignore' });
      if (i >= 2) samples[k].push(Number(process.hrtime.bigint() - start) / 1e6);
    });
  }
  return samples.map(median);
};
const perCall = (n, f) => {
  const start = performance.now();
  for (let i = 0; i < n; i++) f();
  return (performance.now() - start) / n;
};

const { forwardSignals } = await import(join(root, 'dist/engine/run/forward-signals.js'));
const { refuseUnlessExecAllowed } = await import(join(root, 'dist/engine/run/exec-allowed.js'));
const { loadSeccomp } = await import(join(root, 'dist/engine/run/seccomp-source.js'));
const { nativeArch } = await import(join(root, 'dist/engine/run/seccomp-compile.js'));
const { createEnforcer } = await import(join(root, 'dist/enforcer/launcher.js'));
const { loadBindingFrom } = await import(join(root, 'dist/enforcer/load-binding.js'));
const { readLastCap } = await import(join(root, 'dist/enforcer/proc-status.js'));

const [nodeBare, nodeGuarded] = spawnPair([process.execPath, '-e', '0'], [process.execPath, '-e', "process.on('SIGUSR1', () => {}); /--inspect/.test(process.env.NODE_OPTIONS ?? '')"]);
// The guard's own time, measured inside a fresh Node (the first signal listener loads Node's signal binding).
const guardSamples = [];
for (let i = 0; i < runs; i++) {
  const r = spawnSync(process.execPath, ['-e', "const t = performance.now(); process.on('SIGUSR1', () => {}); /--inspect/.test(process.env.NODE_OPTIONS ?? ''); console.log(performance.now() - t)"], { encoding: 'utf8' });
  guardSamples.push(Number(r.stdout));
}
const guardMs = median(guardSamples);
const seccomp = loadSeccomp('default', [], { capabilities: ['CAP_CHOWN', 'CAP_KILL', 'CAP_SETUID', 'CAP_SETGID'] });
const listenersMs = perCall(200, () => forwardSignals(process).stop());
const precheckMs = perCall(200, () => refuseUnlessExecAllowed(seccomp.program, nativeArch(), 'bench'));

const plan = confinedTruePlan(seccomp.program, readLastCap());
const launchMs = (enforcer) => medianLaunchMs(enforcer, plan);
const baselineAddon = process.env.BENCH_BASELINE_ADDON;
// Interleaved, so both addons see the same load on a shared machine.
const hardened = [];
const baseline = [];
for (let round = 0; round < 3; round++) {
  hardened.push(await launchMs(createEnforcer()));
  if (baselineAddon) baseline.push(await launchMs(createEnforcer(() => loadBindingFrom([baselineAddon]))));
}

console.log('trust-boundary hardening, per launch:');
console.log(`  bin/ SIGUSR1 guard, timed inside Node: ${(guardMs * 1000).toFixed(1)} µs (node -e 0 ${nodeBare.toFixed(1)} ms, with the guard ${nodeGuarded.toFixed(1)} ms, ratio ${(nodeGuarded / nodeBare).toFixed(3)})`);
console.log(`  signal listeners while the child lives: ${(listenersMs * 1000).toFixed(1)} µs; execve pre-check in the emulator: ${(precheckMs * 1000).toFixed(1)} µs`);
console.log(`  native launch + wait of /bin/true, median of 95, best of 3 rounds: ${Math.min(...hardened).toFixed(3)} ms`);
if (baselineAddon) {
  const delta = Math.min(...hardened) - Math.min(...baseline);
  console.log(`  the same with the addon before the hardening: ${Math.min(...baseline).toFixed(3)} ms (difference ${delta.toFixed(3)} ms)`);
  console.log(`  hardening total ≈ ${(guardMs + listenersMs + precheckMs + Math.max(0, delta)).toFixed(2)} ms per launch (budget 2 ms)`);
} else {
  console.log('  (set BENCH_BASELINE_ADDON to an addon built from the sources before the hardening to compare the native part)');
}
