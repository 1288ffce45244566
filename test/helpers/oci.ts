/** Helpers for rule tests on OCI configs: a hardened base, mutations, and in-process audits. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../engine/model/finding.js';
import { loadInputs } from '../../engine/audit/load-inputs.js';
import { runRules } from '../../engine/runner/run-rules.js';
import { BUILTIN_RULES } from '../../rules/index.js';

export const HARDENED_PATH = fileURLToPath(new URL('../../examples/oci/hardened/config.json', import.meta.url));
export const RUNC_DEFAULT_PATH = fileURLToPath(new URL('../../examples/oci/runc-default/config.json', import.meta.url));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Config = Record<string, any>;

export function hardened(): Config {
  return JSON.parse(readFileSync(HARDENED_PATH, 'utf8')) as Config;
}

export interface Linted {
  readonly text: string;
  readonly findings: readonly Finding[];
  readonly errors: readonly { message: string; line: number | null; column: number | null }[];
}

/** Audit a config (object or text) with the built-in rules, or only `ruleId`. */
export async function lint(config: Config | string, ruleId?: string): Promise<Linted> {
  const text = typeof config === 'string' ? config : `${JSON.stringify(config, null, 2)}\n`;
  const loaded = await loadInputs([{ file: 'config.json', text }], 'oci');
  const rules = BUILTIN_RULES.filter((r) => ruleId === undefined || r.id === ruleId).map((rule) => ({ rule, options: {} }));
  if (ruleId !== undefined && rules.length === 0) throw new Error(`no rule ${ruleId}`);
  const run = runRules(loaded.subjects, rules);
  return { text, findings: run.findings, errors: [...loaded.errors, ...run.errors] };
}

/** 1-based line of the `nth` occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string, nth = 1): number {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" occurs fewer than ${nth} times`);
  }
  return text.slice(0, at).split('\n').length;
}

/** 1-based column of the `nth` occurrence of `needle` in `text`. */
export function columnOf(text: string, needle: string, nth = 1): number {
  const line = lineOf(text, needle, nth);
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < line - 1; i++) seen += lines[i]!.split(needle).length - 1;
  let col = -1;
  for (let k = 0; k < nth - seen; k++) col = lines[line - 1]!.indexOf(needle, col + 1);
  return col + 1;
}
