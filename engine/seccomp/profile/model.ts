/**
 * A seccomp profile as read from its JSON (OCI `linux.seccomp` or Docker's
 * format), validated but not yet resolved for an architecture, capability
 * set and kernel. Every part keeps the JSON pointer it came from so that
 * errors found later (an unknown name) still name file, line and column.
 */
import type { Action, CompareOp } from '../types.js';
import type { SeccompProfileSource } from '../../model/subject.js';

export interface ProfileArg {
  readonly index: number;
  readonly op: CompareOp;
  readonly value: bigint;
  readonly valueTwo: bigint;
  readonly pointer: string;
}

export interface KernelVersion {
  readonly major: number;
  readonly minor: number;
}

/** Docker's `includes`/`excludes`; empty lists mean "no condition". */
export interface RuleFilter {
  readonly arches: readonly string[];
  readonly caps: readonly string[];
  readonly minKernel?: KernelVersion;
}

export interface ProfileName {
  readonly name: string;
  readonly pointer: string;
}

export interface ProfileRule {
  readonly names: readonly ProfileName[];
  readonly action: Action;
  readonly args: readonly ProfileArg[];
  readonly includes: RuleFilter;
  readonly excludes: RuleFilter;
  readonly comment?: string;
  readonly pointer: string;
}

export interface ArchMapEntry {
  readonly architecture: string;
  readonly subArchitectures: readonly string[];
}

export interface Profile {
  readonly source: SeccompProfileSource;
  readonly defaultAction: Action;
  /** SCMP_ARCH_* names as written in `architectures`. */
  readonly architectures: readonly string[];
  readonly archMap: readonly ArchMapEntry[];
  /** SECCOMP_FILTER_FLAG_* names as written. */
  readonly flags: readonly string[];
  readonly listenerPath?: string;
  readonly listenerMetadata?: string;
  readonly rules: readonly ProfileRule[];
  /** Names no syscall table knows, kept when the reader accepted them ("names unknown to this kernel table"). */
  readonly unknownSyscalls: readonly string[];
}
