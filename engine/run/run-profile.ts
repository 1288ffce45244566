/**
 * A profile as `caplint run` uses it: the same file `caplint audit --policy`
 * reads (engine/policy/profile.ts). Fields a profile chain leaves unset fall
 * back to the closed choice: no capabilities, no_new_privs, caplint's default
 * seccomp profile.
 */
import type { ErrorObject } from 'ajv';
import { CaplintError } from '../errors.js';
import { loadProfile } from '../policy/profile.js';
import { checkProfileNames } from '../policy/profile-names.js';
import type { NameCheckOptions } from '../policy/profile-names.js';
import { validate as validateProfile } from '../policy/validate.gen.js';
import type { SeccompFlag } from '../../enforcer/launch-plan.js';
import type { FilesystemPolicy, LimitPolicy, NamespacePolicy } from '../policy/profile.gen.js';

export interface RunProfile {
  /** The name given, or the file. */
  readonly name: string;
  readonly builtIn: boolean;
  readonly file: string;
  readonly allow: readonly string[];
  readonly noNewPrivileges: boolean;
  /** "unconfined", a built-in seccomp profile name, or a path already resolved against the file that named it. */
  readonly seccomp: string;
  readonly seccompFlags: readonly SeccompFlag[];
  /** Syscalls the seccomp choice must deny; a launch whose filter allows one is refused. */
  readonly forbiddenSyscalls: readonly string[];
  /** Forbidden names no table knows, kept by --accept-unknown-syscalls ("names unknown to this kernel table"). */
  readonly unknownSyscalls: readonly string[];
  /** The profile's `namespaces` and `limits` (engine/run/isolation-intent.ts), with the place that set them. */
  readonly namespaces: NamespacePolicy;
  readonly limits: LimitPolicy;
  /** The profile's `filesystem` (read-only root, masked and read-only paths). */
  readonly filesystem: FilesystemPolicy;
  /** With a new pid namespace: caplint's minimal init as PID 1 (true) or the command itself (false). */
  readonly init: boolean;
  place(field: string): { file: string; line: number | null; column: number | null };
}

/** The profile schema's validator (also used by the tests that check the built-in profiles). */
export function validate(): ((value: unknown) => boolean) & { errors?: ErrorObject[] | null } {
  return validateProfile as unknown as ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };
}

export function loadRunProfile(spec: string, cwd: string, options: NameCheckOptions = {}): RunProfile {
  let profile;
  try {
    profile = loadProfile(spec, cwd);
  } catch (error) {
    if (error instanceof CaplintError && !error.place && /neither a built-in profile/.test(error.message)) throw new CaplintError(`--profile ${error.message}`);
    throw error;
  }
  const { fields } = profile;
  const names = checkProfileNames(profile, options);
  return {
    name: spec,
    builtIn: profile.builtIn,
    file: profile.file,
    allow: fields.capabilities?.allow ?? [],
    noNewPrivileges: fields.noNewPrivileges ?? true,
    seccomp: fields.seccomp ?? 'default',
    seccompFlags: (fields.seccompFlags ?? []) as SeccompFlag[],
    forbiddenSyscalls: names.forbiddenSyscalls,
    unknownSyscalls: names.unknownSyscalls,
    namespaces: fields.namespaces ?? {},
    limits: fields.limits ?? {},
    filesystem: fields.filesystem ?? {},
    init: fields.init ?? true,
    place: (field) => profile.place(field),
  };
}
