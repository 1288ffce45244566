/** What every `caplint seccomp` subcommand shares: PROFILE loading and --arch/--caps/--kernel. */
import { resolve } from 'node:path';
import type { Io } from '../../cli/io.js';
import type { Arch, DecisionTable } from '../../seccomp/types.js';
import { ARCHES, AUDIT_ARCH, X32_SYSCALL_BIT } from '../../seccomp/types.js';
import { CaplintError, UsageError, describeFsError } from '../../errors.js';
import { hint } from '../../linux/suggest.js';
import { readUserText } from '../../inputs/bounded-read.js';
import { RUNTIME_DEFAULT_CAPS, allCapabilities, isAllKeyword, normaliseCapability } from '../../linux/capabilities.js';
import { syscallName } from '../../linux/syscalls/index.js';
import { builtinProfile, isBuiltinProfile, profileSource, readProfile, resolveProfile, parseKernelRelease } from '../../seccomp/profile/index.js';

export const COMMON_OPTIONS = {
  arch: { type: 'string' },
  caps: { type: 'string' },
  kernel: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface Common { arch?: string | undefined; caps?: string | undefined; kernel?: string | undefined }

export function archOption(value: string | undefined, fallback: Arch = 'x86_64'): Arch {
  if (value === undefined) return fallback;
  if ((ARCHES as readonly string[]).includes(value)) return value as Arch;
  throw new UsageError(`--arch must be one of ${ARCHES.join(', ')}; got "${value}"${hint(value, ARCHES)}`);
}

/** `--caps CAP_A,B,...` (any case, with or without CAP_, or ALL); Docker's 14 when not given. */
export function capsOption(value: string | undefined): readonly string[] {
  if (value === undefined) return RUNTIME_DEFAULT_CAPS;
  const written = value.split(',').map((c) => c.trim()).filter((c) => c !== '');
  if (written.some(isAllKeyword)) return allCapabilities();
  return written.map((c) => {
    const name = normaliseCapability(c);
    const probe = c.toUpperCase().startsWith('CAP_') ? c.toUpperCase() : `CAP_${c.toUpperCase()}`;
    if (!name) throw new UsageError(`--caps: "${c}" is not a capability${hint(probe, allCapabilities())}`);
    return name;
  });
}

/** The host architecture a call's ABI runs on (i386 and x32 processes run on x86_64 hosts). */
export const nativeOf = (arch: Arch): Arch => (arch === 'i386' || arch === 'x32' ? 'x86_64' : arch);

/** PROFILE: a file, `-` for standard input, or a built-in name (default, strict); resolved for the options. */
export async function loadTable(spec: string | undefined, io: Io, common: Common, command: string): Promise<{ label: string; table: DecisionTable }> {
  if (spec === undefined) throw new UsageError(`caplint seccomp ${command}: give a PROFILE (a file, - for standard input, or default or strict)`);
  let source;
  if (spec === '-') source = profileSource('<stdin>', await io.readStdin());
  else if (isBuiltinProfile(spec) && !spec.includes('/')) source = builtinProfile(spec);
  else {
    let text: string;
    try {
      text = readUserText(resolve(io.cwd, spec));
    } catch (error) {
      throw new CaplintError(`cannot read the profile: ${describeFsError(error)}`, { file: spec });
    }
    source = profileSource(spec, text);
  }
  const kernel = common.kernel === undefined ? undefined : parseKernelRelease(common.kernel);
  if (common.kernel !== undefined && !kernel) throw new UsageError(`--kernel must be a release such as 6.1.0; got "${common.kernel}"`);
  const table = resolveProfile(readProfile(source), { arch: nativeOf(archOption(common.arch)), caps: capsOption(common.caps), ...(kernel ? { kernel } : {}) });
  return { label: spec, table };
}

/** Syscall names for the disassembler: the ABI follows from the arch value and the x32 bit. */
export function nameOf(audit: number, nr: number): string | undefined {
  if (audit === AUDIT_ARCH.x86_64) return syscallName(nr >= X32_SYSCALL_BIT ? 'x32' : 'x86_64', nr);
  if (audit === AUDIT_ARCH.i386) return syscallName('i386', nr);
  if (audit === AUDIT_ARCH.aarch64) return syscallName('aarch64', nr);
  return undefined;
}
