/**
 * Seccomp profile (OCI or Docker JSON) → decision table → BPF, for the
 * architecture caplint runs on, the kernel it runs on and the bounding set
 * the child keeps (Docker profiles gate rules on capabilities).
 */
import { release } from 'node:os';
import { CaplintError } from '../errors.js';
import type { SeccompProfileSource } from '../model/subject.js';
import type { Arch } from '../seccomp/types.js';
import { readProfile } from '../seccomp/profile/read.js';
import { resolveProfile } from '../seccomp/profile/resolve.js';
import { parseKernelRelease } from '../seccomp/profile/kernel.js';
import { compile } from '../../enforcer/bpf/compile.js';
import { encodeProgram } from '../../enforcer/bpf/types.js';
import { SECCOMP_FLAGS } from '../../enforcer/launch-plan.js';
import type { SeccompFlag } from '../../enforcer/launch-plan.js';
import type { SeccompChoice } from './seccomp-source.js';

export interface CompileContext {
  /** Capabilities in the child's bounding set. */
  readonly capabilities: readonly string[];
}

const NATIVE: Readonly<Record<string, Arch>> = { x64: 'x86_64', ia32: 'i386', arm64: 'aarch64' };

export function nativeArch(): Arch {
  const arch = NATIVE[process.arch];
  if (!arch) throw new CaplintError(`caplint has no syscall table for this machine's architecture (${process.arch})`);
  return arch;
}

function filterFlags(fromTable: readonly string[], fromProfile: readonly SeccompFlag[], label: string): SeccompFlag[] {
  const flags = new Set<SeccompFlag>(fromProfile);
  for (const flag of fromTable) {
    if (flag === 'NEW_LISTENER') throw new CaplintError(`${label} notifies a listener (SCMP_ACT_NOTIFY), and caplint run has no listener to hand it to`);
    if (!(flag in SECCOMP_FLAGS)) throw new CaplintError(`${label} asks for the filter flag ${flag}, which caplint run does not support`);
    flags.add(flag as SeccompFlag);
  }
  return [...flags];
}

export function compileSeccompProfile(source: SeccompProfileSource, label: string, flags: readonly SeccompFlag[], context: CompileContext): SeccompChoice {
  const arch = nativeArch();
  const kernel = parseKernelRelease(release());
  const profile = readProfile(source);
  const table = resolveProfile(profile, { arch, caps: context.capabilities, ...(kernel ? { kernel } : {}) });
  const program = compile(table);
  const native = table.arches[0];
  const rules = native ? native.syscalls.length : 0;
  return {
    program: new Uint8Array(encodeProgram(program)),
    flags: filterFlags(table.flags, flags, label),
    summary: `${label}: ${program.length} instructions for ${table.arches.map((a) => a.arch).join('+')}, ${rules} syscalls with rules on ${arch}, default ${native?.defaultAction.kind ?? 'n/a'}`,
  };
}
