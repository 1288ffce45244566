#!/usr/bin/env node
/**
 * caplint audit on OCI configs:
 *  1. cold start of one audit against `node -e 0` (same run, medians);
 *  2. throughput over a generated corpus of 10,000 configs against plain
 *     JSON.parse of the same files, and the share of the rules.
 * Run after `npm run build`: node bench/audit.mjs
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { timeCommand, timeFn, fmt, ratio } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/caplint.js');
const example = join(root, 'examples/oci/runc-default/config.json');
const COUNT = Number(process.env.CAPLINT_BENCH_CONFIGS ?? 10_000);

console.log('## caplint audit (OCI)\n');
const node = timeCommand(process.execPath, ['-e', '0']);
const cold = timeCommand(process.execPath, [bin, 'audit', example, '--fail-on', 'never']);
const coldJson = timeCommand(process.execPath, [bin, 'audit', example, '--format', 'json', '--fail-on', 'never']);
console.log(`cold start, one config:  node -e 0 ${fmt(node.median)} | caplint audit ${fmt(cold.median)} (${ratio(cold.median, node.median)}) | --format json ${fmt(coldJson.median)} (${ratio(coldJson.median, node.median)})`);

// A corpus of varied configs: the two examples with mutations.
const dir = mkdtempSync(join(tmpdir(), 'caplint-bench-'));
try {
  const bases = [example, join(root, 'examples/oci/hardened/config.json')].map((f) => JSON.parse(readFileSync(f, 'utf8')));
  const caps = ['CAP_SYS_ADMIN', 'CAP_NET_ADMIN', 'CAP_SYS_PTRACE', 'CAP_CHOWN', 'CAP_SYS_TIME'];
  let bytes = 0;
  for (let i = 0; i < COUNT; i++) {
    const config = structuredClone(bases[i % 2]);
    config.hostname = `c${i}`;
    config.process.capabilities.bounding.push(caps[i % caps.length]);
    if (i % 3 === 0) config.linux.namespaces.pop();
    if (i % 7 === 0) config.process.user.uid = 0;
    const sub = join(dir, String(Math.floor(i / 500)), String(i));
    mkdirSync(sub, { recursive: true });
    const text = JSON.stringify(config, null, 2);
    bytes += Buffer.byteLength(text);
    writeFileSync(join(sub, 'config.json'), text);
  }
  const files = readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('config.json')).map((f) => join(dir, String(f)));
  const parse = timeFn(() => { for (const f of files) JSON.parse(readFileSync(f, 'utf8')); }, { runs: 3 });
  const audit = timeCommand(process.execPath, [bin, 'audit', dir, '--format', 'json', '--fail-on', 'never'], { runs: 3, warmup: 1 });
  const auditNoRulesCost = audit.median - node.median;
  const mb = bytes / (1024 * 1024);
  console.log(`corpus: ${COUNT} configs, ${mb.toFixed(1)} MiB`);
  console.log(`JSON.parse of every file (read + parse): ${fmt(parse.median)} (${(COUNT / (parse.median / 1000)).toFixed(0)} configs/s)`);
  console.log(`caplint audit --format json (whole process): ${fmt(audit.median)} = ${(COUNT / (auditNoRulesCost / 1000)).toFixed(0)} configs/s, ${(mb / (auditNoRulesCost / 1000)).toFixed(1)} MiB/s beyond node start-up; ${ratio(auditNoRulesCost, parse.median)} the bare read + parse`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
