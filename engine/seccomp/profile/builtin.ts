/**
 * caplint's own seccomp profiles (profiles/seccomp/<name>.json): `default`
 * for ordinary workloads, `strict` for services that need no privileged call,
 * `rule-host` for the process that runs custom rules.
 */
import { readFileSync } from 'node:fs';
import type { SeccompProfileSource } from '../../model/subject.js';
import { CaplintError } from '../../errors.js';
import { hint } from '../../linux/suggest.js';
import { packagePath } from '../../paths.js';
import { profileSource } from './load.js';

export const BUILTIN_PROFILES = ['default', 'strict', 'rule-host'] as const;
export type BuiltinProfileName = (typeof BUILTIN_PROFILES)[number];

export function isBuiltinProfile(name: string): name is BuiltinProfileName {
  return (BUILTIN_PROFILES as readonly string[]).includes(name);
}

/** The built-in profile `name`, with positions (its file path is package-relative in messages). */
export function builtinProfile(name: string): SeccompProfileSource {
  if (!isBuiltinProfile(name)) throw new CaplintError(`"${name}" is not a built-in seccomp profile${hint(name, BUILTIN_PROFILES)}; they are ${BUILTIN_PROFILES.join(', ')}`);
  const relative = `profiles/seccomp/${name}.json`;
  return profileSource(relative, readFileSync(packagePath(relative), 'utf8'), 'docker');
}
