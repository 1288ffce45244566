#!/usr/bin/env node
/**
 * Custom rules: the audit of a generated corpus with 20 custom TypeScript
 * rules against the same audit with none (same run), the one-off cost of
 * loading the TypeScript toolchain, and the rule host's start-up and
 * confinement (against `node -e 0`). Run after `npm run build`.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { timeCommand, fmt, ratio } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/caplint.js');
const COUNT = Number(process.env.CAPLINT_BENCH_CONFIGS ?? 10_000);
const RULES = 20;

const dir = mkdtempSync(join(tmpdir(), 'caplint-bench-rules-'));
try {
  const bases = ['examples/oci/runc-default/config.json', 'examples/oci/hardened/config.json'].map((f) => JSON.parse(readFileSync(join(root, f), 'utf8')));
  for (let i = 0; i < COUNT; i++) {
    const config = structuredClone(bases[i % 2]);
    config.hostname = `c${i}`;
    const sub = join(dir, 'corpus', String(Math.floor(i / 500)), String(i));
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'config.json'), JSON.stringify(config, null, 2));
  }
  const ruleFiles = [];
  for (let r = 0; r < RULES; r++) {
    const file = join(dir, `rule-${r}.ts`);
    writeFileSync(file, `import { defineRule } from 'caplint';
import type { Subject } from 'caplint';
export default defineRule({
  id: 'bench/rule-${r}',
  meta: {
    severity: 'low', appliesTo: ['oci'], title: 'bench rule ${r}', description: 'A custom rule for the bench.',
    messages: { cap: '{{subject}} holds {{cap}}.' }, rationale: 'Bench.', remediation: 'None.', references: ['bench'],
  },
  check(subject: Subject, ctx) {
    const bounding = subject.capabilities.bounding;
    if (!Array.isArray(bounding)) return;
    for (const cap of bounding) if (cap.length % ${RULES} === ${r}) ctx.report('cap', { cap }, 'capabilities.bounding/' + cap);
  },
});
`);
    ruleFiles.push('--rule-file', file);
  }
  const corpus = join(dir, 'corpus');
  const one = join(root, 'examples/oci/hardened/config.json');
  console.log(`## custom rules (${RULES} TypeScript rules)\n`);
  // The rule host alone: start, confine itself (os) or check the permission model, answer, exit at end of input.
  const host = join(root, 'dist/rule-host.js');
  const initFrame = (mode) => {
    const body = Buffer.from(JSON.stringify({ op: 'init', mode, timeoutMs: 250, maxRulesPerFile: 100, addressSpace: 1024 ** 3, cpuSeconds: 600, files: [] }));
    const head = Buffer.alloc(4);
    head.writeUInt32BE(body.length);
    return Buffer.concat([head, body]);
  };
  const bare = timeCommand(process.execPath, ['-e', '0'], { runs: 9 });
  const os = existsSync(join(root, 'build/Release/caplint_enforcer.node'))
    ? timeCommand(process.execPath, ['--max-old-space-size=256', host], { runs: 9, input: initFrame('os') })
    : null;
  const flag = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
  const permission = timeCommand(process.execPath, ['--max-old-space-size=256', flag, `--allow-fs-read=${host}`, '--no-addons', host], { runs: 9, input: initFrame('permission') });
  console.log(`rule host, once per run: node -e 0 ${fmt(bare.median)} | start-up and OS-level confinement ${os ? `${fmt(os.median)} (${ratio(os.median, bare.median)})` : 'n/a (no addon)'} | under the permission model ${fmt(permission.median)} (${ratio(permission.median, bare.median)})`);
  const coldNone = timeCommand(process.execPath, [bin, 'audit', one, '--no-config', '--fail-on', 'never'], { runs: 7 });
  const coldRules = timeCommand(process.execPath, [bin, 'audit', one, '--no-config', '--fail-on', 'never', ...ruleFiles], { runs: 7 });
  console.log(`one config: no custom rules ${fmt(coldNone.median)} | ${RULES} custom rules ${fmt(coldRules.median)}: loading TypeScript, checking the rules and starting the rule host costs ${fmt(coldRules.median - coldNone.median)} once`);
  const none = timeCommand(process.execPath, [bin, 'audit', corpus, '--no-config', '--format', 'json', '--fail-on', 'never'], { runs: 3, warmup: 1 });
  const custom = timeCommand(process.execPath, [bin, 'audit', corpus, '--no-config', '--format', 'json', '--fail-on', 'never', ...ruleFiles], { runs: 3, warmup: 1 });
  const loaded = (custom.median - (coldRules.median - coldNone.median));
  console.log(`${COUNT} configs: no custom rules ${fmt(none.median)} | ${RULES} custom rules ${fmt(custom.median)} (${ratio(custom.median, none.median)}; ${ratio(loaded, none.median)} once loaded)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
