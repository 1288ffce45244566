#!/usr/bin/env node
/**
 * Bundle the CLI into dist/cli.js plus lazily-loaded chunks. Node's ESM
 * loader resolves and compiles each module separately; one bundle with code
 * splitting keeps start-up to a few files while `import()` of a command, an
 * input format or a report format still loads only when it runs.
 * Packages that are large or loaded rarely (TypeScript for custom rules)
 * stay external and are imported from node_modules when needed.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist/chunks'), { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'engine/cli/entry.ts', 'rule-host': 'engine/custom-rules/host/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: false,
  mainFields: ['module', 'main'],
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  external: ['typescript', '@typescript-eslint/typescript-estree', 'yaml', 'ajv', '*.node'],
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  // CommonJS packages bundled into ESM (yaml) call require() for Node built-ins.
  banner: { js: "import { createRequire as __caplintRequire } from 'node:module'; const require = __caplintRequire(import.meta.url);" },
  logLevel: 'warning',
});
