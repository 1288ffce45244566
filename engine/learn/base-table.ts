/**
 * The base profile's seccomp decision table, for the machine learn runs on
 * and the bounding set the command gets (Docker-format rules gate on it).
 */
import { release } from 'node:os';
import { CaplintError } from '../errors.js';
import type { DecisionTable } from '../seccomp/types.js';
import { readProfile } from '../seccomp/profile/read.js';
import { resolveProfile } from '../seccomp/profile/resolve.js';
import { parseKernelRelease } from '../seccomp/profile/kernel.js';
import type { Profile } from '../seccomp/profile/model.js';
import { seccompProfileSource } from '../run/seccomp-source.js';
import { nativeArch } from '../run/seccomp-compile.js';

/** A seccomp profile file (or built-in name), read. */
export function readSeccompProfile(ref: string): Profile {
  return readProfile(seccompProfileSource(ref).source);
}

export function baseTable(ref: string, capabilities: readonly string[]): DecisionTable {
  if (ref === 'unconfined' || ref.endsWith('.bpf'))
    throw new CaplintError(`learning records through the base profile's seccomp rules, and its seccomp choice is ${ref === 'unconfined' ? '"unconfined"' : 'a raw BPF program'}; extend a profile with a seccomp profile (default, restricted, or a JSON file)`);
  const kernel = parseKernelRelease(release());
  return resolveProfile(readSeccompProfile(ref), { arch: nativeArch(), caps: capabilities, ...(kernel ? { kernel } : {}) });
}
