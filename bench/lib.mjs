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
