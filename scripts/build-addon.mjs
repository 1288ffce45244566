#!/usr/bin/env node
// `npm install` runs this. When a prebuilt addon in prebuilds/ fits this
// machine (platform, architecture, Node-API version) and loads, nothing is
// built. Otherwise it builds the enforcer addon from source with npm's
// bundled node-gyp. Where it cannot (not Linux, no C++ compiler, no
// node-gyp) it says so in one sentence and exits 0, so the install succeeds
// and file audits still work; `caplint run` then explains what is missing.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fittingPrebuild, nodeGyp, nodedirArgs } from './node-gyp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function skip(reason) {
  console.log(`caplint: the enforcer addon was not built (${reason}); "caplint run" will be unavailable, audits still work.`);
  process.exit(0);
}

if (process.env.CAPLINT_SKIP_ADDON === '1') skip('CAPLINT_SKIP_ADDON=1');
if (process.platform !== 'linux') skip(`it needs Linux, this is ${process.platform}`);
const prebuilt = fittingPrebuild(root);
if (prebuilt.file && process.env.CAPLINT_BUILD_FROM_SOURCE !== '1') {
  console.log(`caplint: using the prebuilt enforcer addon ${prebuilt.file.slice(root.length + 1)}.`);
  process.exit(0);
}
const compiler = process.env.CXX || 'c++';
if (spawnSync(compiler, ['--version'], { stdio: 'ignore' }).status !== 0) skip(`${prebuilt.reason ?? 'CAPLINT_BUILD_FROM_SOURCE=1'}, and no C++ compiler ("${compiler}") was found`);

const gyp = nodeGyp();
if (!gyp) skip('npm\'s bundled node-gyp was not found');
const result = spawnSync(process.execPath, [gyp, 'rebuild', ...nodedirArgs()], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) skip(`node-gyp rebuild failed with exit code ${result.status ?? result.signal}`);
