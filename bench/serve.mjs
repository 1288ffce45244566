#!/usr/bin/env node
// Benchmark of `caplint serve` (run `npm run build` first).
// Webhook: a typical Pod (the hardened example's pod template) as AdmissionReviews
// over TLS on loopback, with autocannon: latency p50/p99 at a fixed 200 requests
// per second, and the most requests per second on 8 connections. Baseline in the
// same run: a TLS server that answers every review with a constant response (the
// cost of TLS, HTTP and JSON alone). Memory: the webhook process's RSS at rest,
// before and after the load. Agent: CPU time per scan with 2,000 extra sleeping
// processes (BENCH_SLEEPERS), against the /proc reading alone in the same run.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin/caplint.js');
const sleepers = Number(process.env.BENCH_SLEEPERS ?? 2000);
const dir = mkdtempSync(join(tmpdir(), 'caplint-bench-serve-'));
const children = [];
const cleanup = () => {
  for (const c of children) try { process.kill(-c.pid, 'SIGKILL'); } catch { try { c.kill('SIGKILL'); } catch { /* gone */ } }
  rmSync(dir, { recursive: true, force: true });
};
process.on('exit', cleanup);

const ssl = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
ssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'tls.key', '-out', 'tls.crt', '-days', '1', '-subj', '/CN=bench', '-addext', 'subjectAltName=IP:127.0.0.1');

const deployment = parse(readFileSync(join(root, 'examples/kubernetes/hardened.yaml'), 'utf8'));
const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'default', labels: deployment.spec.template.metadata.labels }, spec: deployment.spec.template.spec };
const review = JSON.stringify({
  apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
  request: { uid: 'bench', kind: { group: '', version: 'v1', kind: 'Pod' }, resource: { group: '', version: 'v1', resource: 'pods' }, name: 'web-1', namespace: 'default', operation: 'CREATE', userInfo: { username: 'bench' }, object: pod, oldObject: null, dryRun: false },
});

function start(argv, ready) {
  const child = spawn(process.execPath, argv, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  children.push(child);
  let err = '';
  child.stderr.on('data', (c) => { err += c; });
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const m = ready.exec(err);
      if (m) { clearInterval(timer); resolve({ child, port: Number(m[1]) }); }
      if (child.exitCode !== null) { clearInterval(timer); reject(new Error(err)); }
    }, 20);
  });
}

const rssMiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function load(port, options) {
  const r = await autocannon({ url: `https://127.0.0.1:${port}/validate`, method: 'POST', headers: { 'content-type': 'application/json' }, body: review, ...options });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors, total: r.requests.total };
}

const baselineCode = `
const https = require('node:https'); const fs = require('node:fs');
const answer = JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: 'bench', allowed: true } });
const s = https.createServer({ cert: fs.readFileSync('tls.crt'), key: fs.readFileSync('tls.key') }, (req, res) => {
  const chunks = []; req.on('data', (c) => chunks.push(c)); req.on('end', () => { JSON.parse(Buffer.concat(chunks)); res.writeHead(200, { 'content-type': 'application/json' }); res.end(answer); });
});
s.listen(0, '127.0.0.1', () => process.stderr.write('listening on :' + s.address().port + '\\n'));`;

console.log('caplint serve (shared machine: figures vary with what else runs)');
const webhook = await start([bin, 'serve', '--admission', '--tls-cert', 'tls.crt', '--tls-key', 'tls.key', '--port', '0', '--address', '127.0.0.1', '--no-config', '--policy', 'pss-restricted'], /:(\d+)\/validate/);
const baseline = await start(['-e', baselineCode], /listening on :(\d+)/);
await sleep(1000);
const rssIdle = rssMiB(webhook.child.pid);
await load(webhook.port, { connections: 4, amount: 500 }); // warm-up
const results = {};
for (const [name, server] of [['baseline (constant answer)', baseline], ['caplint webhook', webhook]]) {
  const fixed = await load(server.port, { connections: 8, overallRate: 200, duration: 10 });
  const max = await load(server.port, { connections: 8, amount: 4000 });
  results[name] = { fixed, max };
  console.log(`  ${name}: at 200 req/s p50 ${fixed.p50} ms, p99 ${fixed.p99} ms (${fixed.total} requests, ${fixed.non2xx} non-2xx); at most ${max.rps.toFixed(0)} req/s (p50 ${max.p50} ms, p99 ${max.p99} ms)`);
}
await sleep(2000);
console.log(`  webhook RSS at rest: ${rssIdle.toFixed(1)} MiB after start, ${rssMiB(webhook.child.pid).toFixed(1)} MiB after the load`);
const b = results['baseline (constant answer)'].max.rps;
const w = results['caplint webhook'].max.rps;
console.log(`  throughput ratio webhook/baseline: ${(w / b).toFixed(2)}x`);
for (const c of [webhook.child, baseline.child]) c.kill('SIGTERM');

// The agent: CPU per scan with extra sleeping processes.
const shell = spawn('bash', ['-c', `for i in $(seq ${sleepers}); do sleep 3600 & done; wait`], { detached: true, stdio: 'ignore' });
children.push(shell);
const count = () => readdirSync('/proc').filter((n) => /^\d+$/.test(n)).length;
const before = count();
for (let i = 0; i < 600 && count() < before + sleepers * 0.99; i++) await sleep(100);
const { scanNode } = await import(join(root, 'dist/engine/serve/agent/node-scan.js'));
const { scanProcesses } = await import(join(root, 'dist/engine/inputs/proc/scan.js'));
const { prepareStrict } = await import(join(root, 'dist/engine/audit/prepare.js'));
const rules = (await prepareStrict({ cwd: root, noConfig: true })).settings.rulesFor('');
const cpuOf = async (fn, runs = 3) => {
  await fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = process.cpuUsage();
    await fn();
    const d = process.cpuUsage(t);
    samples.push((d.user + d.system) / 1000);
  }
  return samples.sort((x, y) => x - y)[1];
};
const scanCpu = await cpuOf(() => scanNode(rules, { filters: false }));
const readCpu = await cpuOf(() => scanProcesses());
const n = (await scanNode(rules, { filters: false })).processes;
console.log(`  agent scan of ${n} processes (${sleepers} sleepers added; --no-filters): ${scanCpu.toFixed(0)} ms CPU per scan (median of 3), /proc reading alone ${readCpu.toFixed(0)} ms, ratio ${(scanCpu / readCpu).toFixed(2)}x`);
process.exit(0);
