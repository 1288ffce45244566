/**
 * `audit` of files never loads the enforcer: no static import chain from the
 * CLI entry (or from the audit command, when present) reaches enforcer/, and
 * the addon loader is reached only through the run command's dynamic import.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^(?:import|export)\s(?!type\b)[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]!);
  return specs.filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    stack.push(...staticImports(file));
  }
  return new Set([...seen].map((f) => relative(ROOT, f)));
}

describe('import boundary', () => {
  it('the CLI entry reaches no enforcer module statically', () => {
    const files = [...reachable(join(ROOT, 'engine/cli/main.ts'))];
    expect(files).toContain('engine/cli/commands.ts');
    expect(files.filter((f) => f.startsWith('enforcer/'))).toEqual([]);
  });

  it.skipIf(!existsSync(join(ROOT, 'engine/commands/audit.ts')))('the audit command reaches no enforcer module statically (skipped while engine/commands/audit.ts is absent)', () => {
    expect([...reachable(join(ROOT, 'engine/commands/audit.ts'))].filter((f) => f.startsWith('enforcer/') && !f.startsWith('enforcer/bpf/'))).toEqual([]);
  });

  it('the run command loads the addon only when it launches', () => {
    const files = reachable(join(ROOT, 'engine/commands/run.ts'));
    expect(files.has('enforcer/load-binding.ts')).toBe(false);
    expect(readFileSync(join(ROOT, 'engine/commands/run.ts'), 'utf8')).toContain("await import('../../enforcer/launcher.js')");
  });
});
