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
import { analyseProfile } from '../seccomp/analyse.js';
import { programKey } from './bpf-cache/key.js';
import { compilerId, findOrCompile } from './bpf-cache/lookup.js';
import type { CacheOptions, Compiled } from './bpf-cache/lookup.js';

/** The launch is refused when the filter would let through a syscall the profile forbids (fail closed). */
function refuseForbidden(source: SeccompProfileSource, arch: Arch, context: CompileContext, label: string): void {
  if (!context.forbidden?.length) return;
  const analysis = analyseProfile(source, { arch, caps: context.capabilities, acceptUnknownSyscalls: context.acceptUnknownSyscalls === true });
  const allowed = context.forbidden.filter((name) => ['allow', 'conditional'].includes(analysis.verdict(name)));
  if (allowed.length) throw new CaplintError(`${label} allows ${allowed.join(', ')}, which the profile forbids`);
}

export interface CompileContext {
  /** Capabilities in the child's bounding set. */
  readonly capabilities: readonly string[];
  /** Syscalls the profile forbids: a filter that allows one is refused. */
  readonly forbidden?: readonly string[];
  /** Reuse programs compiled before (shipped, or in this user's cache); absent: compile every time. */
  readonly cache?: CacheOptions;
  /** Accept syscall names newer than caplint's tables (they match nothing); such a compile is never cached. */
  readonly acceptUnknownSyscalls?: boolean;
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

/** Resolve, check against the forbidden list, and compile for `arch`: the work a reused program saves. */
export function compileForArch(source: SeccompProfileSource, label: string, arch: Arch, context: CompileContext): Omit<Compiled, 'origin'> {
  const kernel = parseKernelRelease(release());
  const table = resolveProfile(readProfile(source, { acceptUnknownSyscalls: context.acceptUnknownSyscalls === true }), { arch, caps: context.capabilities, ...(kernel ? { kernel } : {}) });
  refuseForbidden(source, arch, context, label);
  const program = compile(table);
  const native = table.arches[0];
  return {
    program: new Uint8Array(encodeProgram(program)),
    tableFlags: table.flags,
    stats: { instructions: program.length, arches: table.arches.map((a) => a.arch), rules: native ? native.syscalls.length : 0, defaultAction: native?.defaultAction.kind ?? 'n/a' },
  };
}

/** A profile parsed, or a file's text with how to parse it: a program reused by the text's key needs no parse. */
export type ProfileInput = SeccompProfileSource | { readonly text: string; readonly parse: () => SeccompProfileSource };

export function compileSeccompProfile(input: ProfileInput, label: string, flags: readonly SeccompFlag[], context: CompileContext): SeccompChoice {
  const arch = nativeArch();
  let parsed: SeccompProfileSource | undefined;
  const source = (): SeccompProfileSource => (parsed ??= 'parse' in input ? input.parse() : input);
  const unknown = context.acceptUnknownSyscalls ? readProfile(source(), { acceptUnknownSyscalls: true }).unknownSyscalls : [];
  const id = context.cache && !context.acceptUnknownSyscalls ? compilerId() : null;
  const key = id === null ? null : programKey({
    compilerId: id, arch, profile: 'parse' in input ? { text: input.text } : { format: input.format, document: input.document }, capabilities: context.capabilities,
    forbidden: context.forbidden ?? [], flags, kernel: parseKernelRelease(release()),
  }, context.cache?.sha256);
  const compiled = findOrCompile(key, (context.acceptUnknownSyscalls ? undefined : context.cache) ?? { dir: null }, () => compileForArch(source(), label, arch, context));
  const { stats } = compiled;
  const origin = compiled.origin === 'compiled' ? '' : compiled.origin === 'shipped' ? ' (compiled when the package was built)' : ' (from the compiled-program cache)';
  return {
    program: compiled.program,
    flags: filterFlags(compiled.tableFlags, flags, label),
    summary: `${label}: ${stats.instructions} instructions for ${stats.arches.join('+')}, ${stats.rules} syscalls with rules on ${arch}, default ${stats.defaultAction}${origin}${unknown.length ? `; names unknown to this kernel table: ${unknown.join(', ')}` : ''}`,
    origin: compiled.origin,
    ...(unknown.length ? { unknownSyscalls: unknown } : {}),
  };
}
