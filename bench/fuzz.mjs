#!/usr/bin/env node
/**
 * The long fuzz run: `node bench/fuzz.mjs [COUNT] [SEED]` (default 12,000
 * inputs). Prints the totals: inputs per format, exit codes, crashes, hangs,
 * heap overflows, inputs over 1 s, peak memory. Exits 1 on any crash or hang.
 */
import { fuzz } from '../scripts/fuzz/run.mjs';

const count = Number(process.argv[2] ?? 12_000);
const seed = Number(process.argv[3] ?? 20261202);
const started = Date.now();
const totals = await fuzz({ count, seed, log: (line) => console.error(line) });
console.log(`fuzz: ${totals.inputs} inputs in ${Math.round((Date.now() - started) / 1000)} s (seed ${seed})`);
console.log(`  per format: ${Object.entries(totals.perFormat).map(([f, n]) => `${f} ${n}`).join(', ')}`);
console.log(`  exit codes: ${Object.entries(totals.exitCodes).map(([c, n]) => `${c}: ${n}`).join(', ')}`);
console.log(`  crashes ${totals.crashes.length}, hangs ${totals.hangs.length}, heap overflows ${totals.outOfMemory.length}, over 1 s ${totals.slow.length}`);
console.log(`  peak memory: ${totals.peakRssMb} MB RSS (process), ${totals.peakHeapMb} MB heap (worker)`);
for (const c of [...totals.crashes, ...totals.hangs, ...totals.outOfMemory].slice(0, 20)) console.log(`  ${JSON.stringify(c)}`);
process.exitCode = totals.crashes.length || totals.hangs.length || totals.outOfMemory.length ? 1 : 0;
