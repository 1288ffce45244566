#!/usr/bin/env node
/**
 * Kubernetes and compose audit throughput against the bare YAML parse of the
 * same bytes, measured in one run. Usage (after `npm run build`):
 *   node bench/kube.mjs [--docs 5000] [--files 1000] [--runs 5]
 * Prints documents/s for `caplint audit` (in-process, JSON report, every
 * built-in rule) and for `yaml` (parseAllDocuments + toJS, with merge keys on
 * as caplint reads them, so both get the same values), and their ratio.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { main } from '../dist/engine/cli/main.js';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '5000' }, files: { type: 'string', default: '1000' }, runs: { type: 'string', default: '5' } } });
const DOCS = Number(values.docs);
const FILES = Number(values.files);
const RUNS = Number(values.runs);
const YAML_OPTIONS = { merge: true };

function workload(i) {
  const kinds = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'Pod'];
  const kind = kinds[i % kinds.length];
  const pod = `    spec:
      ${i % 7 === 0 ? 'hostNetwork: true\n      ' : ''}securityContext:
        runAsNonRoot: ${i % 3 !== 0}
        seccompProfile: { type: ${i % 4 === 0 ? 'Unconfined' : 'RuntimeDefault'} }
      containers:
        - name: app-${i}
          image: registry.example/app:${i}
          ports: [{ containerPort: 8080${i % 9 === 0 ? ', hostPort: 8080' : ''} }]
          securityContext:
            allowPrivilegeEscalation: ${i % 5 === 0}
            capabilities: { drop: ["ALL"], add: [${i % 6 === 0 ? '"NET_ADMIN"' : '"NET_BIND_SERVICE"'}] }
          resources:
            limits: { memory: ${64 + (i % 8) * 64}Mi, cpu: ${100 + (i % 10) * 50}m }
          volumeMounts: [{ name: data, mountPath: /data }]
        - name: sidecar
          image: registry.example/proxy:1
      volumes:
        - name: data
          ${i % 11 === 0 ? 'hostPath: { path: /var/lib/data }' : 'emptyDir: {}'}`;
  if (kind === 'Pod') return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-${i}\n  labels: { app: a${i} }\nspec:${pod.slice('    spec:'.length).replace(/\n {4}/g, '\n')}\n`;
  return `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: w-${i}\n  labels: { app: a${i} }\nspec:\n  replicas: 2\n  selector: { matchLabels: { app: a${i} } }\n  template:\n    metadata:\n      labels: { app: a${i} }\n${pod}\n`;
}

function compose(i) {
  return `x-base: &base
  restart: unless-stopped
  mem_limit: ${128 + i % 4 * 128}m
services:
  web:
    <<: *base
    image: example/web:${i}
    read_only: ${i % 2 === 0}
    cap_drop: [ALL]
    cap_add: [${i % 5 === 0 ? 'SYS_ADMIN' : 'NET_BIND_SERVICE'}]
    security_opt: ["no-new-privileges:true"${i % 7 === 0 ? ', "seccomp:unconfined"' : ''}]
    volumes:
      - ${i % 9 === 0 ? '/var/run/docker.sock:/var/run/docker.sock' : 'data:/data'}
    ports: ["8080:80"]
  worker:
    extends: web
    image: example/worker:${i}
    pid: ${i % 13 === 0 ? 'host' : '""'}
volumes:
  data: {}
`;
}

const sink = { argv0: 'caplint', cwd: process.cwd(), env: { NO_COLOR: '1' }, stdoutIsTTY: false, stderrIsTTY: false, write() {}, error(t) { process.stderr.write(t); }, readStdin: async () => '' };

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn) {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

async function measure(label, count, parse, audit) {
  await parse();
  await audit(); // warm up both
  const p = [];
  const a = [];
  for (let r = 0; r < RUNS; r++) {
    p.push(await time(parse));
    a.push(await time(audit));
  }
  // Median of the runs, and the best run of each (less sensitive to other load on the machine).
  const ps = median(p);
  const as = median(a);
  const pb = Math.min(...p);
  const ab = Math.min(...a);
  console.log(`${label}: ${count} documents, ${RUNS} runs (median; best)`);
  console.log(`  yaml parse + toJS (bare)      : ${(count / ps).toFixed(0).padStart(6)} documents/s (${(ps * 1000).toFixed(0)} ms); best ${(count / pb).toFixed(0)}/s`);
  console.log(`  caplint audit                 : ${(count / as).toFixed(0).padStart(6)} documents/s (${(as * 1000).toFixed(0)} ms); best ${(count / ab).toFixed(0)}/s`);
  console.log(`  audit time / parse time       : ${(as / ps).toFixed(2)}x median; ${(ab / pb).toFixed(2)}x best`);
}

const dir = mkdtempSync(join(tmpdir(), 'caplint-bench-'));
try {
  const kubeFile = join(dir, 'manifests.yaml');
  writeFileSync(kubeFile, Array.from({ length: DOCS }, (_, i) => workload(i)).join('---\n'));
  const code = await main(['audit', kubeFile, '--format', 'json', '--fail-on', 'never'], sink);
  if (code !== 0) throw new Error(`the generated manifests did not audit cleanly (exit ${code})`);
  await measure('Kubernetes, one multi-document file', DOCS,
    () => { for (const d of parseAllDocuments(readFileSync(kubeFile, 'utf8'), YAML_OPTIONS)) d.toJS(); },
    () => main(['audit', kubeFile, '--format', 'json', '--fail-on', 'never'], sink));

  const composeDir = join(dir, 'compose');
  mkdirSync(composeDir);
  for (let i = 0; i < FILES; i++) writeFileSync(join(composeDir, `compose-${String(i).padStart(4, '0')}.yaml`), compose(i));
  await measure('compose, one file per project', FILES,
    () => { for (const f of readdirSync(composeDir)) for (const d of parseAllDocuments(readFileSync(join(composeDir, f), 'utf8'), YAML_OPTIONS)) d.toJS(); },
    () => main(['audit', composeDir, '--format', 'json', '--fail-on', 'never'], sink));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
