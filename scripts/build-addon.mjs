#!/usr/bin/env node
// `npm install` runs this: builds the enforcer addon with npm's bundled
// node-gyp. Where it cannot be built (not Linux, no C++ compiler, no node-gyp)
// it says so in one sentence and exits 0, so the install succeeds and file
// audits still work; `caplint run` then explains what is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function skip(reason) {
  console.log(`caplint: the enforcer addon was not built (${reason}); "caplint run" will be unavailable, audits still work.`);
  process.exit(0);
}

if (process.env.CAPLINT_SKIP_ADDON === '1') skip('CAPLINT_SKIP_ADDON=1');
if (process.platform !== 'linux') skip(`it needs Linux, this is ${process.platform}`);
const compiler = process.env.CXX || 'c++';
if (spawnSync(compiler, ['--version'], { stdio: 'ignore' }).status !== 0) skip(`no C++ compiler ("${compiler}") was found`);

function nodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    join(dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((p) => p && existsSync(p));
}

const gyp = nodeGyp();
if (!gyp) skip('npm\'s bundled node-gyp was not found');
const args = [gyp, 'rebuild'];
// Build against the headers installed with this Node when npm names none (no download needed).
const prefix = join(dirname(process.execPath), '..');
if (!process.env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${prefix}`);
const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
if (result.status !== 0) skip(`node-gyp rebuild failed with exit code ${result.status ?? result.signal}`);
