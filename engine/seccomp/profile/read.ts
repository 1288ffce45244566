/**
 * Reads a profile in OCI `linux.seccomp` form or Docker's form into a
 * Profile, failing at file:line:column on anything runc or moby would reject.
 * Docker's form is a superset: `archMap`, `includes`/`excludes`, the legacy
 * `name`. In OCI form those keys are not part of the spec and runc never
 * reads them, so they are ignored here too (a rule then always applies).
 */
import type { SeccompProfileSource } from '../../model/subject.js';
import type { ArchMapEntry, Profile } from './model.js';
import { join } from '../../model/pointer.js';
import { hint } from '../../linux/suggest.js';
import { readAction } from './actions.js';
import { readRule } from './read-rule.js';
import { errorAt, describe } from './place.js';
import { objectAt, stringList, optionalString } from './read-values.js';
import { SCMP_ARCH_NAMES } from './arches.js';
import { isSyscallName, allSyscallNames } from '../../linux/syscalls/index.js';

/** The flags the OCI runtime spec defines for `linux.seccomp.flags`. */
export const FILTER_FLAGS: readonly string[] = [
  'SECCOMP_FILTER_FLAG_TSYNC', 'SECCOMP_FILTER_FLAG_LOG', 'SECCOMP_FILTER_FLAG_SPEC_ALLOW',
  'SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV',
];

export interface ReadOptions {
  /** Keep syscall names no table knows (newer than caplint's tables) instead of refusing them; they are listed in `unknownSyscalls`. */
  readonly acceptUnknownSyscalls?: boolean;
}

export function readProfile(source: SeccompProfileSource, options: ReadOptions = {}): Profile {
  const at = source.pointer;
  const doc = objectAt(source, at, source.document, 'a seccomp profile');
  const docker = source.format === 'docker';
  if (doc['defaultAction'] === undefined) throw errorAt(source, at, "the profile has no 'defaultAction'");
  const defaultAction = readAction(source, join(at, 'defaultAction'), doc['defaultAction'], join(at, 'defaultErrnoRet'), doc['defaultErrnoRet']);
  // runc refuses a notifying default: it could never write the listener's fd to its parent.
  if (defaultAction.kind === 'notify') throw errorAt(source, join(at, 'defaultAction'), 'SCMP_ACT_NOTIFY cannot be the default action');
  const architectures = archNames(source, join(at, 'architectures'), doc['architectures'], 'architectures');
  const archMap = docker ? readArchMap(source, join(at, 'archMap'), doc['archMap']) : [];
  if (architectures.length > 0 && archMap.length > 0) {
    throw errorAt(source, join(at, 'archMap'), "both 'architectures' and 'archMap' are set; use either 'architectures' or 'archMap'");
  }
  const flags = stringList(source, join(at, 'flags'), doc['flags'], 'flags');
  flags.forEach((flag, i) => {
    if (!FILTER_FLAGS.includes(flag)) throw errorAt(source, join(at, 'flags', i), `"${flag}" is not a seccomp filter flag${hint(flag, FILTER_FLAGS)}`);
  });
  const listenerPath = optionalString(source, join(at, 'listenerPath'), doc['listenerPath'], 'listenerPath');
  const listenerMetadata = optionalString(source, join(at, 'listenerMetadata'), doc['listenerMetadata'], 'listenerMetadata');
  const list = doc['syscalls'] ?? [];
  if (!Array.isArray(list)) throw errorAt(source, join(at, 'syscalls'), `'syscalls' must be an array, not ${describe(list)}`);
  const rules = list.map((item, i) => readRule(source, item, join(at, 'syscalls', i), docker));
  const unknownSyscalls: string[] = [];
  for (const rule of rules) {
    // runc skips names libseccomp cannot resolve; caplint reports a name no architecture has, whatever the rule's conditions.
    // With acceptUnknownSyscalls such a name stays in the rule and, as in runc, lands on no architecture.
    for (const { name, pointer } of rule.names) {
      if (isSyscallName(name)) continue;
      if (!options.acceptUnknownSyscalls) throw errorAt(source, pointer, `"${name}" is not a system call on any architecture${hint(name, allSyscallNames())}`);
      if (!unknownSyscalls.includes(name)) unknownSyscalls.push(name);
    }
    // runc: the write syscall cannot notify, or runc could not hand the listener over.
    const write = rule.names.find((n) => n.name === 'write');
    if (rule.action.kind === 'notify' && write) throw errorAt(source, write.pointer, 'SCMP_ACT_NOTIFY cannot be used for the write syscall');
  }
  return {
    source, defaultAction, architectures, archMap, flags, rules, unknownSyscalls,
    ...(listenerPath ? { listenerPath } : {}), ...(listenerMetadata ? { listenerMetadata } : {}),
  };
}

function archNames(source: SeccompProfileSource, at: string, value: unknown, what: string): string[] {
  const names = stringList(source, at, value, what);
  names.forEach((name, i) => {
    if (!SCMP_ARCH_NAMES.includes(name)) throw errorAt(source, join(at, i), `"${name}" is not a seccomp architecture${hint(name, SCMP_ARCH_NAMES)}`);
  });
  return names;
}

function readArchMap(source: SeccompProfileSource, at: string, value: unknown): ArchMapEntry[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw errorAt(source, at, `'archMap' must be an array, not ${describe(value)}`);
  return value.map((item, i) => {
    const entryAt = join(at, i);
    const entry = objectAt(source, entryAt, item, 'an archMap entry');
    const [architecture] = archNames(source, join(entryAt, 'architecture'), [entry['architecture']], 'architecture');
    const subArchitectures = archNames(source, join(entryAt, 'subArchitectures'), entry['subArchitectures'], 'subArchitectures');
    return { architecture: architecture!, subArchitectures };
  });
}
