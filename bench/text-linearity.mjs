#!/usr/bin/env node
/**
 * Is the text report linear? One compose file of 1,000, 3,000 and 10,000
 * services (three findings-bearing settings each) is audited and rendered as
 * text in-process; the time per service at each size is compared with the
 * smallest size's, in the same run. Then the report of the largest file is
 * rendered with its first 1,000 and first 10,000 findings: time per finding,
 * same comparison. Last, an OCI config.json of 1,000 and 10,000 bind mounts
 * of /var (a finding each, placed by pointer in the JSON text): time per
 * mount, same comparison. A linear report keeps every ratio near 1; a
 * quadratic one makes the 10,000 ratio about 10.
 * Run after `npm run build`: node bench/text-linearity.mjs
 * (times on a shared machine are noisy: read the ratios, not the times).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { audit, formatReport } = await import(join(root, 'dist/engine/api.js'));
const SIZES = (process.env.CAPLINT_BENCH_SERVICES ?? '1000,3000,10000').split(',').map(Number);

function compose(services) {
  const lines = ['services:'];
  for (let i = 0; i < services; i++) {
    lines.push(`  svc${i}:`, `    image: example/app:${i % 7}`, '    cap_add: [NET_ADMIN]', '    pid: host', `    volumes: ["/var/lib/app${i}:/data"]`);
  }
  return `${lines.join('\n')}\n`;
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

/** Median of `runs` timings of `fn` (async), after one warm-up. */
async function median(fn, runs) {
  await fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    await fn();
    samples.push(now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

console.log('## text report linearity (compose services, in-process)\n');
let first;
let largest;
for (const size of SIZES) {
  const text = compose(size);
  const runs = 3;
  let result;
  const auditMs = await median(async () => { result = await audit({ texts: [{ file: 'compose.yaml', text }], config: false, cwd: root }); }, runs);
  const textMs = await median(() => formatReport(result, 'text', { cwd: root }), runs);
  const perSubject = (auditMs + textMs) / size;
  first ??= { perSubject, text: textMs / size };
  largest = result;
  console.log(`${String(size).padStart(6)} services, ${String(result.findings.length).padStart(6)} findings: audit ${fmt(auditMs)}, text ${fmt(textMs)}; per service ${(perSubject * 1000).toFixed(0)} µs (${(perSubject / first.perSubject).toFixed(2)}x the ${SIZES[0]}-service time; text alone ${((textMs / size) / first.text).toFixed(2)}x)`);
}

console.log('\n## text report linearity (findings of one report)\n');
let base;
for (const count of [1_000, 10_000]) {
  if (largest.findings.length < count) break;
  const sliced = { ...largest, report: { ...largest.report, findings: largest.report.findings.slice(0, count) } };
  const ms = await median(() => formatReport(sliced, 'text', { cwd: root }), 5);
  base ??= ms / count;
  console.log(`${String(count).padStart(6)} findings: text ${fmt(ms)}; per finding ${((ms / count) * 1000).toFixed(1)} µs (${((ms / count) / base).toFixed(2)}x the 1,000-finding time)`);
}

console.log('\n## findings placed in one JSON config (bind mounts of /var, audit + text)\n');
const oci = JSON.parse(readFileSync(join(root, 'examples/oci/runc-default/config.json'), 'utf8'));
let perMount;
for (const mounts of [1_000, 10_000]) {
  const text = JSON.stringify({ ...oci, mounts: Array.from({ length: mounts }, (_, i) => ({ destination: `/m${i}`, type: 'bind', source: '/var', options: ['rbind'] })) }, null, 2);
  const ms = await median(async () => formatReport(await audit({ texts: [{ file: 'config.json', text }], config: false, cwd: root }), 'text', { cwd: root }), 3);
  perMount ??= ms / mounts;
  console.log(`${String(mounts).padStart(6)} mounts: ${fmt(ms)}; per mount ${((ms / mounts) * 1000).toFixed(1)} µs (${((ms / mounts) / perMount).toFixed(2)}x the 1,000-mount time)`);
}
