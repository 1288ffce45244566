#!/usr/bin/env node
/**
 * npm run fuzz [-- --count N --seed S]: mutated seeds for every input format,
 * profiles and caplint.config.json, each audited beside a known-good control
 * input, in a worker thread with a 512 MB heap and a watchdog. Invariants per
 * input: exit 0, 1 or 2; no stack trace; every error placed file:line:col;
 * the control input still reported in full; under 1 s. Needs `npm run build`.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FORMATS, loadSeeds } from './seeds.mjs';
import { mutate, prng } from './mutate.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CONTROL = join(ROOT, 'examples', 'oci', 'runc-default', 'config.json');
const FILE_NAME = { oci: 'config.json', kubernetes: 'pod.yaml', compose: 'compose.yaml', docker: 'inspect.json', profile: 'profile.json', config: 'caplint.config.json' };
const STACK = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

function argsFor(format, path) {
  const common = ['audit', '--format', 'json'];
  if (format === 'profile') return [...common, '--no-config', '--policy', path, CONTROL];
  if (format === 'config') return [...common, '--config', path, CONTROL];
  return [...common, '--no-config', path, CONTROL];
}

/** What is wrong with one result, or an empty list. */
export function violations(result, { format, path, controlFindings, timeLimitMs }) {
  const out = [];
  if (result.thrown) out.push(`main threw: ${result.thrown.split('\n')[0]}`);
  if (![0, 1, 2].includes(result.code)) out.push(`exit code ${result.code}`);
  const printed = `${result.stdout}\n${result.stderr}`;
  if (STACK.test(printed) || printed.includes('CAPLINT_DEBUG=1 to see where')) out.push('a stack trace or an unexpected error was printed');
  if (result.stdout.trim()) {
    let report;
    try {
      report = JSON.parse(result.stdout);
    } catch {
      out.push('stdout is not the JSON report');
    }
    if (report) {
      for (const error of report.errors ?? []) {
        if (error.line === null || error.column === null) out.push(`unplaced error: ${error.file}: ${error.message}`);
        if (/^rule .* failed on /.test(error.message)) out.push(`a rule crashed: ${error.message}`);
      }
      const control = (report.findings ?? []).filter((f) => f.file === CONTROL).length;
      if (format !== 'profile' && format !== 'config' && control !== controlFindings) out.push(`the control input lost its report (${control} of ${controlFindings} findings)`);
    }
  } else if (result.code === 2 && !new RegExp(`^caplint: .*${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `, 'm').test(result.stderr) && !/^caplint: .*:\d+:\d+: /m.test(result.stderr)) {
    out.push(`an error not placed file:line:col: ${result.stderr.trim().split('\n')[0]}`);
  }
  if (result.ms > timeLimitMs) out.push(`slow: ${Math.round(result.ms)} ms`);
  return out;
}

function startWorker(memoryMb) {
  const worker = new Worker(new URL('./worker.mjs', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: memoryMb } });
  const ready = new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { worker, ready };
}

/** Run `count` mutated inputs; the totals say how many per format, and every failure with its seed. */
export async function fuzz({ count = 1000, seed = 1, timeLimitMs = 1000, hangMs = 20_000, memoryMb = 512, log = () => {} } = {}) {
  const seeds = loadSeeds(ROOT);
  const formats = FORMATS.filter((f) => seeds[f].length);
  const dir = mkdtempSync(join(tmpdir(), 'caplint-fuzz-'));
  const totals = { inputs: 0, perFormat: Object.fromEntries(formats.map((f) => [f, 0])), exitCodes: {}, crashes: [], hangs: [], outOfMemory: [], slow: [], peakRssMb: 0, peakHeapMb: 0, controlFindings: 0 };
  let { worker, ready } = startWorker(memoryMb);
  await ready;
  const run = (message) => new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ hang: true }), hangMs);
    const done = (value) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      resolve(value);
    };
    const onMessage = (value) => done(value);
    const onError = (error) => done({ died: String(error?.code ?? error) });
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.postMessage(message);
  });
  try {
    const baseline = await run({ index: -1, args: ['audit', '--format', 'json', '--no-config', CONTROL], cwd: ROOT });
    totals.controlFindings = JSON.parse(baseline.stdout).findings.length;
    for (let i = 0; i < count; i++) {
      const r = prng(seed * 100_003 + i);
      const format = formats[i % formats.length];
      const from = r.pick(seeds[format]);
      const text = mutate(from.text, from.syntax, r);
      const caseDir = join(dir, String(i % 64));
      const path = join(caseDir, FILE_NAME[format]);
      rmSync(caseDir, { recursive: true, force: true });
      mkdirSync(caseDir, { recursive: true });
      // A config names its policy and baseline by relative path: they come along.
      if (format === 'config') for (const name of ['team.json', '.caplint-baseline.json']) if (existsSync(join(from.dir, name))) cpSync(join(from.dir, name), join(caseDir, name));
      writeFileSync(path, text);
      const result = await run({ index: i, args: argsFor(format, path), cwd: caseDir });
      totals.inputs++;
      totals.perFormat[format]++;
      const where = { index: i, seed, format, from: from.name, bytes: Buffer.byteLength(text) };
      if (result.hang || result.died) {
        (result.hang ? totals.hangs : totals.outOfMemory).push({ ...where, problem: result.hang ? `no answer in ${hangMs} ms` : result.died });
        await worker.terminate();
        ({ worker, ready } = startWorker(memoryMb));
        await ready;
        continue;
      }
      totals.exitCodes[result.code] = (totals.exitCodes[result.code] ?? 0) + 1;
      totals.peakHeapMb = Math.max(totals.peakHeapMb, result.heapMb);
      totals.peakRssMb = Math.max(totals.peakRssMb, process.memoryUsage().rss / 2 ** 20);
      const problems = violations(result, { format, path, controlFindings: totals.controlFindings, timeLimitMs });
      const slow = problems.filter((p) => p.startsWith('slow'));
      if (slow.length) totals.slow.push({ ...where, ms: Math.round(result.ms) });
      const rest = problems.filter((p) => !p.startsWith('slow'));
      if (rest.length) totals.crashes.push({ ...where, problems: rest });
      if ((i + 1) % 500 === 0) log(`${i + 1}/${count} inputs, ${totals.crashes.length} crashes, ${totals.hangs.length} hangs`);
    }
  } finally {
    await worker.terminate();
    rmSync(dir, { recursive: true, force: true });
  }
  totals.peakRssMb = Math.round(totals.peakRssMb);
  totals.peakHeapMb = Math.round(totals.peakHeapMb);
  return totals;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const flag = (name, fallback) => {
    const at = process.argv.indexOf(`--${name}`);
    return at > 0 ? Number(process.argv[at + 1]) : fallback;
  };
  const totals = await fuzz({ count: flag('count', 2000), seed: flag('seed', Date.now() % 100_000), log: (line) => console.error(line) });
  console.log(JSON.stringify(totals, null, 2));
  process.exitCode = totals.crashes.length || totals.hangs.length || totals.outOfMemory.length ? 1 : 0;
}
