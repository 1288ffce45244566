#!/usr/bin/env node
/**
 * Write docs/rules/<id>.md for every built-in rule, and docs/rules/README.md
 * as an index, from the rules' metadata. Needs the build (npm run build).
 * Usage: node scripts/gen-docs.mjs [OUT_ROOT]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outRoot = process.argv[2] ?? root;
const { BUILTIN_RULES } = await import(join(root, 'dist/rules/index.js'));
const { ruleDocPage, ruleIndexPage } = await import(join(root, 'dist/engine/rule-docs.js'));

for (const rule of BUILTIN_RULES) write(`docs/rules/${rule.id}.md`, ruleDocPage(rule));
write('docs/rules/README.md', ruleIndexPage(BUILTIN_RULES));

function write(relative, text) {
  const file = join(outRoot, relative);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
