#!/usr/bin/env node
/**
 * Bundle the CLI into one CommonJS file, dist/cli.cjs, and `caplint run` alone
 * into another, dist/cli-run.cjs (a third of the size: less to read, compile
 * and initialise at every launch), and make their V8 code caches,
 * dist/cache/NAME.cache. Node 20 keeps no compile cache for ES
 * modules, so bin/caplint.js compiles the bundle through vm.Script with the
 * cache for the command: the functions it runs arrive compiled. Packages that are large
 * or loaded rarely (TypeScript for custom rules, yaml, ajv) stay external and
 * are required from node_modules when a command needs them.
 */
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist/chunks'), { recursive: true, force: true });
rmSync(join(root, 'dist/cli.js'), { force: true });
rmSync(join(root, 'dist/cli-run.cjs'), { force: true });
rmSync(join(root, 'dist/cli-audit.cjs'), { force: true });
rmSync(join(root, 'dist/cli.cache'), { force: true });
rmSync(join(root, 'dist/cache'), { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'engine/cli/entry.ts', 'cli-audit': 'engine/cli/audit-entry.ts', 'cli-run': 'engine/cli/run-entry.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  mainFields: ['module', 'main'],
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  charset: 'ascii',
  // import() of the external packages becomes require(): all are CommonJS, and vm.Script has no module loader.
  supported: { 'dynamic-import': false },
  external: ['typescript', '@typescript-eslint/typescript-estree', 'yaml', 'ajv', '*.node'],
  // Bundled, but initialised only when called (scripts/bundle-shims/).
  alias: { 'jsonc-parser': './scripts/bundle-shims/jsonc-parser.cjs' },
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: true,
  legalComments: 'none',
  define: { 'import.meta.url': '__caplintModuleUrl' },
  // The CommonJS wrapper is part of the file, so bin/caplint.js compiles the text as read: no second
  // 600 KB string built by concatenation at every start.
  banner: { js: "(function (exports, require, module, __filename, __dirname) { const __caplintModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  footer: { js: '\n});' },
  logLevel: 'warning',
});

// The rule host (engine/custom-rules/host/main.ts): a program of its own, started
// only when there are custom rules. It loads everything it needs before it
// confines itself, so it is one file with nothing to import from node_modules.
await build({
  absWorkingDir: root,
  entryPoints: { 'rule-host': 'engine/custom-rules/host/main.ts' },
  outdir: 'dist',
  bundle: true,
  mainFields: ['module', 'main'],
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['*.node'],
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  banner: { js: "import { createRequire as __caplintRequire } from 'node:module'; const require = __caplintRequire(import.meta.url);" },
  logLevel: 'warning',
});

// The code caches (scripts/code-cache.mjs), one per everyday command, each made in a fresh process.
// A cache V8 rejects (another Node) is ignored at start.
// A cache that cannot be made (the warm-up launch hangs on an odd build machine) is left out: bin/ then compiles as usual.
for (const name of ['base', 'audit', 'run', 'all']) {
  try {
    execFileSync(process.execPath, [join(root, 'scripts/code-cache.mjs'), name], { stdio: 'inherit', timeout: 120_000 });
  } catch (error) {
    console.warn(`bundle: the ${name} code cache was not made (${error.message.split('\n')[0]}); that command starts without one`);
  }
}
