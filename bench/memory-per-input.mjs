#!/usr/bin/env node
/**
 * Memory kept per audited input: one process reads and audits N generated
 * files (the Kubernetes, compose, docker inspect and OCI examples, each with
 * a unique name) through the pipeline `caplint audit` runs, and holds what
 * the pipeline returns, as the command does until it has written its report.
 * Prints heapUsed after a full gc, per file, for N/4 and N files in the same
 * run (what is kept per file should not depend on how many came before), and
 * against the bytes of the inputs.
 * Run after `npm run build`: node bench/memory-per-input.mjs [N] [--json]
 * (--json prints the figures as one object; test/fail-closed reads it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const json = process.argv.includes('--json');
const N = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? process.env.CAPLINT_BENCH_FILES ?? 4000);

if (typeof globalThis.gc !== 'function') {
  const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), String(N), ...(json ? ['--json'] : [])], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const read = (path) => readFileSync(join(root, 'examples', path), 'utf8');
const kube = (t, i) => t.replace(/name: (\S+)/, `name: $1-${i}`);
const compose = (t, i) => `${t}\n# copy ${i}\n`;
const inspect = (t, i) => t.replace(/"Name": "\/([^"]+)"/, `"Name": "/$1-${i}"`);
const oci = (t, i) => t.replace(/"hostname": "([^"]+)"/, `"hostname": "$1-${i}"`);
/** The examples, risky and hardened, of every format (the hardened OCI config carries its seccomp profile). */
const TEMPLATES = [
  ['deployment.yaml', read('kubernetes/risky.yaml'), kube],
  ['deployment.yaml', read('kubernetes/hardened.yaml'), kube],
  ['compose.yaml', read('compose/risky/compose.yaml'), compose],
  ['compose.yaml', read('compose/hardened/compose.yaml'), compose],
  ['inspect.json', read('docker-inspect/risky.json'), inspect],
  ['inspect.json', read('docker-inspect/hardened.json'), inspect],
  ['config.json', read('oci/runc-default/config.json'), oci],
  ['config.json', read('oci/hardened/config.json'), oci],
];

/** Write `count` files under a fresh directory; returns it and the bytes written. */
function corpus(count) {
  const dir = mkdtempSync(join(tmpdir(), 'caplint-mem-'));
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const [name, text, vary] = TEMPLATES[i % TEMPLATES.length];
    const sub = join(dir, String(Math.floor(i / 500)), String(i));
    mkdirSync(sub, { recursive: true });
    const body = vary(text, i);
    bytes += Buffer.byteLength(body);
    writeFileSync(join(sub, name), body);
  }
  return { dir, bytes };
}

function heap() {
  for (let i = 0; i < 3; i++) globalThis.gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss };
}

const { collectInputs } = await import(join(root, 'dist/engine/inputs/collect.js'));
const { auditInputs } = await import(join(root, 'dist/engine/audit/audit-inputs.js'));
const { loadPolicy } = await import(join(root, 'dist/engine/policy/load-policy.js'));
const { rules } = await loadPolicy('default', root);

/** Heap kept per file while what the pipeline returns for `count` files is held (their texts included). */
async function keptPerFile(count) {
  const { dir, bytes } = corpus(count);
  try {
    const before = heap();
    const collected = await collectInputs([dir], { cwd: dir, maxBytes: 32 * 2 ** 20, readStdin: async () => '' });
    const audited = await auditInputs(collected.inputs, rules, undefined, undefined, { cwd: dir });
    const after = heap();
    if (audited.subjects.length < count) throw new Error(`only ${audited.subjects.length} subjects from ${count} files`);
    return { count, bytes, findings: audited.findings.length, heap: (after.heap - before.heap) / count, rss: after.rss, keep: [collected, audited] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
await keptPerFile(40); // warm: modules, rule tables, yaml
const small = await keptPerFile(Math.max(40, Math.floor(N / 4)));
small.keep = undefined;
const large = await keptPerFile(N);
if (json) {
  const figures = (r) => ({ files: r.count, inputBytesPerFile: r.bytes / r.count, findingsPerFile: r.findings / r.count, heapPerFile: r.heap, rss: r.rss });
  console.log(JSON.stringify({ small: figures(small), large: figures(large) }));
  process.exit(0);
}
console.log('## memory kept per audited input (heapUsed after gc, result held)\n');
for (const r of [small, large]) {
  console.log(`${String(r.count).padStart(6)} files (${kb(r.bytes / r.count)} of input each, ${(r.findings / r.count).toFixed(1)} findings each): ${kb(r.heap)} heap per file, RSS ${(r.rss / 2 ** 20).toFixed(0)} MB`);
}
console.log(`\nheap per file at ${N} against at ${small.count}: ${(large.heap / small.heap).toFixed(2)}x; heap per file against input bytes per file: ${(large.heap / (large.bytes / large.count)).toFixed(1)}x`);
console.log('(a shared machine: heap figures are stable, RSS less so)');
