/**
 * --merge: the union of a profile learned before and this run. Capabilities
 * are united; the seccomp profiles are read back and united rule by rule (an
 * unconditional rule covers conditional ones for the same call); the
 * descriptions are kept, newest first.
 */
import { dirname } from 'node:path';
import { CaplintError } from '../errors.js';
import { loadProfile } from '../policy/profile.js';
import { sortCapabilities } from '../linux/capabilities.js';
import { nativeArch } from '../run/seccomp-compile.js';
import { readSeccompProfile } from './base-table.js';
import type { LearnedSeccomp } from './learned-seccomp.js';
import { mergeSeccomp } from './learned-seccomp.js';
import { fromProfile } from './seccomp-json.js';

export interface Learned {
  readonly seccomp: LearnedSeccomp;
  readonly capabilities: readonly string[];
  readonly description: string;
  /** Forbidden: what the base allowed and the runs did not use. */
  readonly forbidden: readonly string[];
}

/** The earlier profile, read before anything runs so a bad file stops the run. */
export function readPrevious(file: string): Learned {
  const old = loadProfile(file, dirname(file));
  const ref = old.fields.seccomp;
  if (ref === undefined || ref === 'unconfined' || ref.endsWith('.bpf'))
    throw new CaplintError(`--merge takes a profile written by caplint learn, whose "seccomp" names a seccomp profile file; this one's is ${ref === undefined ? 'not set' : `"${ref}"`}`, { file });
  return {
    seccomp: fromProfile(readSeccompProfile(ref), nativeArch()), // a built-in name, or a path the loader resolved
    capabilities: old.fields.capabilities?.allow ?? [],
    description: old.fields.description ?? '(no description)',
    forbidden: old.fields.forbiddenSyscalls ?? [],
  };
}

export function mergeLearned(previous: Learned, current: Learned): Learned {
  const seccomp = mergeSeccomp(current.seccomp, previous.seccomp);
  const used = new Set(seccomp.allow.map((r) => r.name));
  const before = new Set(previous.forbidden);
  return {
    seccomp,
    forbidden: current.forbidden.filter((name) => before.has(name) && !used.has(name)),
    capabilities: sortCapabilities(new Set([...current.capabilities, ...previous.capabilities])),
    description: `${current.description} Merged with an earlier run: ${previous.description}`,
  };
}
