/**
 * What the user asked for, before caplint compares it with what it holds:
 * the profile (default "default"), then an OCI config's process settings
 * over it, then --cap-add/--cap-drop and --seccomp over both.
 */
import { loadRunProfile } from './run-profile.js';
import type { RunProfile } from './run-profile.js';
import { readOciProcess } from './oci-process.js';
import type { OciProcess } from './oci-process.js';
import type { JsonDocument } from '../inputs/json-document.js';
import { applyCapabilityFlags } from './capability-flags.js';
import type { CapabilityIntent } from './decide-plan.js';
import { isolationIntent } from './isolation-intent.js';
import type { IsolationFlags, IsolationRequest } from './isolation-intent.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export interface RunOptions {
  readonly profile?: string;
  readonly config?: string;
  readonly capAdd: readonly string[];
  readonly capDrop: readonly string[];
  readonly seccomp?: string;
  /** --unshare, --map-*, --mount-proc, --hostname, --cpus, --memory, --pids (none when absent). */
  readonly isolation?: IsolationFlags;
  /** Accept syscall names newer than caplint's tables (in the profile and the seccomp profile). */
  readonly acceptUnknownSyscalls?: boolean;
}

export interface ConfinementIntent {
  readonly capabilities: CapabilityIntent;
  readonly noNewPrivs: boolean;
  readonly user: { readonly uid: number; readonly gid: number } | null;
  /** "unconfined", a built-in name, a path, or the config's inline linux.seccomp. */
  readonly seccomp: { readonly ref: string } | { readonly inline: unknown; readonly document: JsonDocument };
  readonly seccompFlags: RunProfile['seccompFlags'];
  /** Syscalls the profile forbids: the seccomp choice must deny them. */
  readonly forbiddenSyscalls: readonly string[];
  /** Namespaces and cgroup limits (profile, then flags). */
  readonly isolation: IsolationRequest;
  /** Names no syscall table knows, accepted by --accept-unknown-syscalls. */
  readonly unknownSyscalls: readonly string[];
  /** For --dry-run: where the settings came from. */
  readonly source: string;
}

/** --seccomp: "unconfined", a built-in name (when no such file exists here), or a path. */
function seccompFlagRef(value: string, cwd: string): string {
  if (value === 'unconfined') return value;
  const path = resolve(cwd, value);
  return /^[a-z0-9][a-z0-9-]*$/.test(value) && !existsSync(path) ? value : path;
}

function fromProfile(profile: RunProfile): CapabilityIntent {
  return { bounding: profile.allow, permitted: profile.allow, effective: profile.allow, inheritable: [], ambient: [] };
}

export function buildIntent(options: RunOptions, cwd: string): ConfinementIntent {
  const profile = options.profile !== undefined || options.config === undefined ? loadRunProfile(options.profile ?? 'default', cwd, { acceptUnknownSyscalls: options.acceptUnknownSyscalls === true }) : undefined;
  const config: OciProcess | undefined = options.config === undefined ? undefined : readOciProcess(resolve(cwd, options.config));
  const base = config?.capabilities ?? (profile ? fromProfile(profile) : { bounding: [], permitted: [], effective: [], inheritable: [], ambient: [] });
  const seccomp =
    options.seccomp !== undefined
      ? { ref: seccompFlagRef(options.seccomp, cwd) }
      : config && config.seccomp !== undefined
        ? { inline: config.seccomp, document: config.document }
        : config && !profile
          ? { ref: 'unconfined' }
          : { ref: profile!.seccomp };
  const source = [profile ? `profile ${profile.builtIn ? `"${profile.name}" (built-in)` : profile.file}` : '', config ? `config ${config.file}` : '']
    .filter(Boolean)
    .join(' + ');
  return {
    capabilities: applyCapabilityFlags(base, options.capAdd, options.capDrop),
    noNewPrivs: config?.noNewPrivileges ?? profile?.noNewPrivileges ?? false,
    user: config?.user ?? null,
    seccomp,
    seccompFlags: profile?.seccompFlags ?? [],
    forbiddenSyscalls: profile?.forbiddenSyscalls ?? [],
    isolation: isolationIntent(profile, options.isolation ?? { unshare: [], mapRootUser: false, mountProc: false }),
    unknownSyscalls: profile?.unknownSyscalls ?? [],
    source,
  };
}
