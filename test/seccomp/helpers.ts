/** Profiles from inline JSON text, with positions, for the seccomp tests. */
import type { SeccompProfileSource } from '../../engine/model/subject.js';
import { profileSource } from '../../engine/seccomp/profile/load.js';
import { readProfile } from '../../engine/seccomp/profile/read.js';
import { resolveProfile } from '../../engine/seccomp/profile/resolve.js';
import type { ResolveOptions } from '../../engine/seccomp/profile/resolve.js';
import type { DecisionTable, ArchTable, SyscallEntry } from '../../engine/seccomp/types.js';

/** A Docker-format profile file holding `body` (pretty-printed, so lines are predictable). */
export function source(body: object, format: 'oci' | 'docker' = 'docker'): SeccompProfileSource {
  return profileSource('profile.json', JSON.stringify(body, null, 2), format);
}

export function resolve(body: object, options: ResolveOptions = {}, format: 'oci' | 'docker' = 'docker'): DecisionTable {
  return resolveProfile(readProfile(source(body, format)), options);
}

export function archTable(table: DecisionTable, arch: string): ArchTable {
  const found = table.arches.find((t) => t.arch === arch);
  if (!found) throw new Error(`no ${arch} table`);
  return found;
}

export function entry(table: DecisionTable, name: string, arch = 'x86_64'): SyscallEntry | undefined {
  return archTable(table, arch).syscalls.find((e) => e.name === name);
}

/** The CaplintError message with its place, as the CLI prints it. */
export function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    const place = (error as { place?: { file: string; line?: number; column?: number } }).place;
    return place ? `${place.file}:${place.line ?? '?'}:${place.column ?? '?'}: ${(error as Error).message}` : (error as Error).message;
  }
  throw new Error('expected an error');
}

export const ALLOW = { kind: 'allow' } as const;
export const EPERM = { kind: 'errno', errno: 1 } as const;
export const ENOSYS = { kind: 'errno', errno: 38 } as const;
