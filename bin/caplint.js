#!/usr/bin/env node
// Sets the exit code from the CLI; nothing else. CommonJS (bin/package.json) and
// a V8 code cache made at build time keep start-up close to Node's own.
'use strict';
// First, before anything is loaded: SIGUSR1 makes Node open its inspector
// (code execution over 127.0.0.1:9229) for anyone allowed to signal caplint,
// such as the programs it launches. A listener replaces Node's handler for the
// life of the process (Node 20 has no --disable-sigusr1), and an inspector
// that NODE_OPTIONS or the command line opened is closed.
process.on('SIGUSR1', () => {});
if (/--inspect/.test(`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`)) require('node:inspector').close();

const { readFileSync } = require('node:fs');
const { join } = require('node:path');

/**
 * The bundle for a command line: `audit` and `run` each have one of their
 * own, dist/cli-audit.cjs and dist/cli-run.cjs, with only that command in it;
 * everything else is in dist/cli.cjs.
 */
function bundleName(argv) {
  const name = cacheName(argv);
  return name === 'run' || name === 'audit' ? `cli-${name}` : 'cli';
}

/**
 * The code cache for a command line: V8 keeps in a cache exactly the functions
 * that had run when it was made, so scripts/bundle.mjs makes one per everyday
 * command by running only that command (dist/cache/NAME.cache); a cache with
 * less in it is faster to load. Other commands take the one made by running
 * them all.
 */
function cacheName(argv) {
  const [first, second] = argv;
  if (first === 'audit' || first === 'run') return first;
  if (first === 'help' && (second === 'audit' || second === 'run')) return second;
  if (first === undefined || ['--version', '-V', '--help', '-h', 'help'].includes(first)) return 'base';
  return 'all';
}

/** The bundled CLI for `argv` (dist/cli.cjs or dist/cli-run.cjs), compiled with its code cache when V8 accepts it (`cache: null`: none). */
function loadCli(argv = [], { cache = join(__dirname, '..', 'dist', 'cache', `${cacheName(argv)}.cache`) } = {}) {
  const { Script } = require('node:vm');
  const file = join(__dirname, '..', 'dist', `${bundleName(argv)}.cjs`);
  // esbuild writes ASCII only, so latin1 reads it exactly and without decoding.
  const source = readFileSync(file, 'latin1');
  let cachedData;
  try {
    cachedData = cache === null ? undefined : readFileSync(cache);
  } catch {
    cachedData = undefined; // no cache: V8 compiles as usual
  }
  // The file is one function expression, the CommonJS wrapper written out by scripts/bundle.mjs (node:module would
  // load Node's ES module loader too): compiled as read, with no copy.
  const script = new Script(source, { filename: file, cachedData });
  const module = { exports: {} };
  // This file's require resolves the bundle's dependencies as dist/ would: both look in the package's node_modules.
  script.runInThisContext().call(module.exports, module.exports, require, module, file, join(__dirname, '..', 'dist'));
  return { cli: module.exports, script };
}

/** The CLI, or null after one sentence on stderr (exit 2) when the package was never built. */
function loadOrExplain(argv) {
  try {
    return loadCli(argv).cli;
  } catch (error) {
    if (process.env.CAPLINT_DEBUG === '1') throw error;
    const reason = error && error.code === 'ENOENT' ? 'is missing' : `cannot be loaded (${String(error && error.message).split('\n')[0]})`;
    process.stderr.write(`caplint: the built CLI, dist/${bundleName(argv)}.cjs, ${reason}; run "npm run build" in the package (npm ci does it).\n`);
    process.exitCode = 2;
    return null;
  }
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const cli = loadOrExplain(argv);
  if (cli) cli.main(argv, cli.processIo()).then((code) => {
    process.exitCode = code;
  });
} else {
  module.exports = { loadCli, cacheName, bundleName };
}
