/** Small timing helpers for the benches: medians of repeated runs, ratios in the same run. */
import { spawnSync } from 'node:child_process';

export function timeCommand(command, args, { runs = 15, warmup = 2, input, cwd } = {}) {
  const samples = [];
  for (let i = 0; i < warmup + runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(command, args, { input, cwd, stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.error) throw r.error;
    if (i >= warmup) samples.push(ms);
  }
  return stats(samples);
}

export function timeFn(fn, { runs = 5, warmup = 1 } = {}) {
  const samples = [];
  for (let i = 0; i < warmup + runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (i >= warmup) samples.push(ms);
  }
  return stats(samples);
}

export function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return { median, min: sorted[0], max: sorted.at(-1), runs: sorted.length };
}

export const fmt = (ms) => `${ms.toFixed(1)} ms`;
export const ratio = (a, b) => `${(a / b).toFixed(2)}x`;

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The launch plan of /bin/true under a filter and Docker's default capability set, as `run --profile default` makes it. */
export function confinedTruePlan(program, lastCap) {
  const caps = { bounding: 0xa80405fbn, permitted: 0xa80405fbn, effective: 0xa80405fbn, inheritable: 0n, ambient: 0n };
  return { file: '/bin/true', argv: ['true'], env: {}, cwd: null, lastCap, capabilities: caps, dropBounding: true, setCapabilities: true, user: null, noNewPrivs: true, seccomp: { program, flags: [] } };
}

/** Median ms of 95 native launches and waits of `plan` (after 5 warm-ups). */
export async function medianLaunchMs(enforcer, plan) {
  const samples = [];
  for (let i = 0; i < 100; i++) {
    const start = performance.now();
    const outcome = enforcer.launch(plan);
    if (outcome.kind !== 'started') throw new Error(outcome.message);
    await outcome.child.exited;
    if (i >= 5) samples.push(performance.now() - start);
  }
  return median(samples);
}
