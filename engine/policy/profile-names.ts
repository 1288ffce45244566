/**
 * The names a profile writes, checked against caplint's tables: an unknown
 * capability is always refused, an unknown syscall unless the caller accepts
 * names newer than the tables (`--accept-unknown-syscalls`). Each refusal
 * names the file, line and column of the name, with a did-you-mean.
 */
import { CaplintError } from '../errors.js';
import { CAPABILITY_NAMES } from '../linux/capabilities.js';
import { hint } from '../linux/suggest.js';
import { allSyscallNames, isSyscallName } from '../linux/syscalls/index.js';
import type { ResolvedProfile } from './profile.js';

export interface NameCheckOptions {
  /** Keep syscall names no table knows (a kernel newer than caplint's tables) instead of refusing them. */
  readonly acceptUnknownSyscalls?: boolean;
}

export interface CheckedNames {
  /** forbiddenSyscalls that some table knows. */
  readonly forbiddenSyscalls: readonly string[];
  /** forbiddenSyscalls no table knows, accepted by the option: "names unknown to this kernel table". */
  readonly unknownSyscalls: readonly string[];
}

function refuse(profile: ResolvedProfile, message: string, field: string, ...path: (string | number)[]): CaplintError {
  return new CaplintError(`profile ${profile.name}: ${message}`, profile.place(field, ...path));
}

export function checkProfileNames(profile: ResolvedProfile, options: NameCheckOptions = {}): CheckedNames {
  const { fields } = profile;
  fields.capabilities?.allow.forEach((cap, i) => {
    if (!CAPABILITY_NAMES.includes(cap)) throw refuse(profile, `"${cap}" is not a capability${hint(cap, CAPABILITY_NAMES)}`, 'capabilities', 'allow', i);
  });
  const known: string[] = [];
  const unknown: string[] = [];
  (fields.forbiddenSyscalls ?? []).forEach((name, i) => {
    if (isSyscallName(name)) known.push(name);
    else if (options.acceptUnknownSyscalls) unknown.push(name);
    else throw refuse(profile, `"${name}" is not a system call${hint(name, allSyscallNames())}`, 'forbiddenSyscalls', i);
  });
  return { forbiddenSyscalls: known, unknownSyscalls: unknown };
}
