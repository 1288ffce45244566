/**
 * Profiles from files: parse the text with positions, tell the format, and
 * read it. For the compiler, `caplint seccomp`, and the built-in profiles.
 */
import type { SeccompProfileSource } from '../../model/subject.js';
import type { Profile } from './model.js';
import { parseJson } from '../../inputs/json-document.js';
import { readProfile } from './read.js';

const DOCKER_ONLY_KEYS = ['archMap', 'defaultErrno'];

/**
 * Docker's format is told by keys only it has: a top-level `archMap`, or a
 * syscalls entry with `includes`, `excludes` or the legacy `name`.
 */
export function detectFormat(document: unknown): 'oci' | 'docker' {
  if (document === null || typeof document !== 'object') return 'oci';
  const doc = document as Record<string, unknown>;
  if (DOCKER_ONLY_KEYS.some((k) => k in doc)) return 'docker';
  const rules = Array.isArray(doc['syscalls']) ? doc['syscalls'] : [];
  return rules.some((r) => r !== null && typeof r === 'object' && ('includes' in r || 'excludes' in r || 'name' in r)) ? 'docker' : 'oci';
}

/** A SeccompProfileSource for a whole file holding one profile. */
export function profileSource(file: string, text: string, format?: 'oci' | 'docker'): SeccompProfileSource {
  const doc = parseJson(file, text);
  return { format: format ?? detectFormat(doc.value), document: doc.value, pointer: '', file, origin: doc };
}

export function loadProfile(file: string, text: string, format?: 'oci' | 'docker'): Profile {
  return readProfile(profileSource(file, text, format));
}
