/**
 * `--policy NAME|FILE`: a policy selects rules. Built-in policies are data in
 * profiles/*.json: `rules` (ids, or `group/*`, or `*`), an optional `extends`
 * (another policy whose rules it starts from) and `exclude` (patterns
 * removed after). The suppression check always runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RuleDefinition } from '../rule-api.js';
import type { ActiveRule } from '../runner/run-rules.js';
import { packagePath } from '../paths.js';
import { UsageError, describeFsError } from '../errors.js';
import { hint } from '../linux/suggest.js';

export interface Policy {
  readonly name: string;
  readonly title: string;
  readonly rules: ActiveRule[];
}

interface PolicyFile {
  readonly name?: string;
  readonly title?: string;
  readonly extends?: string;
  readonly rules: readonly string[];
  readonly exclude?: readonly string[];
}

export const DEFAULT_POLICY = 'default';
const ALWAYS = 'caplint/suppression';

export function builtinPolicyNames(): string[] {
  return readdirSync(packagePath('profiles')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
}

export async function loadPolicy(nameOrFile: string, cwd: string): Promise<Policy> {
  const { BUILTIN_RULES } = await import('../../rules/index.js');
  const ids = resolveIds(nameOrFile, cwd, BUILTIN_RULES, 0);
  if (!ids.includes(ALWAYS) && BUILTIN_RULES.some((r) => r.id === ALWAYS)) ids.push(ALWAYS);
  const file = readPolicy(nameOrFile, cwd);
  const known = BUILTIN_RULES.map((r) => r.id);
  const rules = BUILTIN_RULES.filter((r) => ids.includes(r.id)).map((rule) => ({
    rule,
    options: { ...(rule.meta.defaultOptions ?? {}), ...(rule.id === ALWAYS ? { knownRules: known } : {}) },
  }));
  return { name: file.name ?? nameOrFile, title: file.title ?? nameOrFile, rules };
}

function resolveIds(nameOrFile: string, cwd: string, all: readonly RuleDefinition[], depth: number): string[] {
  if (depth > 8) throw new UsageError(`policy ${nameOrFile}: "extends" goes around in a circle`);
  const policy = readPolicy(nameOrFile, cwd);
  const base = policy.extends ? resolveIds(policy.extends, cwd, all, depth + 1) : [];
  const matching = (pattern: string) => {
    const hits = all.filter((r) => matches(pattern, r.id)).map((r) => r.id);
    if (hits.length === 0) throw new UsageError(`policy ${nameOrFile}: no rule "${pattern}"${hint(pattern, all.map((r) => r.id))}`);
    return hits;
  };
  const chosen = new Set([...base, ...policy.rules.flatMap(matching)]);
  for (const pattern of policy.exclude ?? []) for (const id of matching(pattern)) chosen.delete(id);
  return [...chosen];
}

function matches(pattern: string, id: string): boolean {
  if (pattern === '*') return true;
  return pattern.endsWith('/*') ? id.startsWith(pattern.slice(0, -1)) : pattern === id;
}

function readPolicy(nameOrFile: string, cwd: string): PolicyFile {
  const isFile = nameOrFile.includes('/') || nameOrFile.endsWith('.json');
  const names = isFile ? [] : builtinPolicyNames();
  if (!isFile && !names.includes(nameOrFile))
    throw new UsageError(`there is no built-in policy "${nameOrFile}"${hint(nameOrFile, names)}; built-in policies: ${names.join(', ')}`);
  const path = isFile ? resolve(cwd, nameOrFile) : packagePath('profiles', `${nameOrFile}.json`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read the policy ${nameOrFile}: ${error instanceof SyntaxError ? error.message : describeFsError(error)}`);
  }
  const p = parsed as PolicyFile;
  if (typeof p !== 'object' || p === null || !Array.isArray(p.rules) || !p.rules.every((r) => typeof r === 'string'))
    throw new UsageError(`the policy ${nameOrFile} must be a JSON object with "rules": an array of rule ids`);
  return p;
}
