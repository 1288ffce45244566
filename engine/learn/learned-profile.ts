/**
 * The caplint profile `learn` writes: the learned capabilities, no_new_privs,
 * the learned seccomp profile (a file beside it), `extends` the base, and a
 * description of what was observed, from which command and when.
 */
import { basename, dirname, isAbsolute, relative } from 'node:path';
import { sortCapabilities } from '../linux/capabilities.js';
import type { CapabilityChecks } from './cap-trace.js';

export type CapabilityOutcome =
  | { readonly kind: 'traced'; readonly checks: CapabilityChecks }
  | { readonly kind: 'not-learned'; readonly reason: string };

/** Capabilities the command was granted when checked; with no trace, the base's (not learned). */
export function learnedCapabilities(outcome: CapabilityOutcome, base: readonly string[]): string[] {
  if (outcome.kind === 'not-learned') return sortCapabilities(base);
  return sortCapabilities([...outcome.checks.checks].filter(([name, c]) => c.granted > 0 && base.includes(name)).map(([name]) => name));
}

export function capabilitySentence(outcome: CapabilityOutcome, base: readonly string[]): string {
  if (outcome.kind === 'not-learned') return `capabilities not learned (${outcome.reason}): the base's ${base.length} are kept`;
  const entries = [...outcome.checks.checks].sort(([a], [b]) => a.localeCompare(b));
  const granted = entries.filter(([, c]) => c.granted > 0).map(([n]) => n);
  const deniedOnly = entries.filter(([, c]) => c.granted === 0).map(([n]) => n);
  const parts = [`capabilities traced (cap_capable): ${granted.length ? `granted ${granted.join(', ')}` : 'none granted'}`];
  if (deniedOnly.length) parts.push(`checked and refused ${deniedOnly.join(', ')} (not added)`);
  if (outcome.checks.lost) parts.push(`${outcome.checks.lost} events lost, the list may be short`);
  return parts.join('; ');
}

/** How `extends` names the base from the output's folder: a built-in name, or a relative path. */
export function extendsRef(base: { name: string; builtIn: boolean; file: string }, output: string): string {
  if (base.builtIn) return base.name;
  const rel = relative(dirname(output), base.file);
  return isAbsolute(rel) || rel.startsWith('..') ? base.file : `./${rel}`;
}

export function seccompPathFor(output: string): string {
  return output.replace(/(\.json)?$/, '.seccomp.json');
}

export interface LearnedFields {
  readonly output: string;
  readonly extends: string;
  readonly capabilities: readonly string[];
  readonly forbiddenSyscalls: readonly string[];
  readonly description: string;
}

export function profileJson(fields: LearnedFields): string {
  const doc = {
    title: `Learned by caplint learn`,
    description: fields.description,
    extends: fields.extends,
    capabilities: { allow: [...fields.capabilities] },
    noNewPrivileges: true,
    seccomp: `./${basename(seccompPathFor(fields.output))}`,
    forbiddenSyscalls: [...fields.forbiddenSyscalls],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
