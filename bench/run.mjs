#!/usr/bin/env node
/** npm run bench: every bench in turn; each prints ratios measured in its own run. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const here = fileURLToPath(new URL('.', import.meta.url));
const BENCHES = ['startup.mjs', 'audit.mjs', 'rules.mjs', 'seccomp.mjs', 'launch.mjs', 'namespaces.mjs', 'kube.mjs', 'ps.mjs', 'serve.mjs', 'learn.mjs', 'fuzz.mjs', 'memory-per-input.mjs', 'text-linearity.mjs'];
let failed = 0;
for (const bench of BENCHES) {
  const file = join(here, bench);
  if (!existsSync(file)) continue;
  const r = spawnSync(process.execPath, [file], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
  console.log('');
}
process.exitCode = failed ? 1 : 0;
