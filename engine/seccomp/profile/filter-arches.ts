/**
 * The architectures a profile's filter covers on a given native arch.
 *
 * - libseccomp always includes the native architecture (seccomp_init), and
 *   runc adds each of `architectures` (libcontainer/seccomp/seccomp_linux.go,
 *   InitSeccomp: filter.AddArch).
 * - moby turns `archMap` into `architectures`: only the entry whose
 *   `architecture` is the native one counts, giving it plus its
 *   `subArchitectures` (profiles/seccomp/seccomp_linux.go). That is how
 *   Docker's default covers i386 and x32 on an x86_64 host.
 * - x32 shares x86_64's AUDIT_ARCH; libseccomp's x86_64 section sends
 *   numbers at or above __X32_SYSCALL_BIT to the bad-architecture action
 *   (src/gen_bpf.c, "filter out x32"), except nr -1, which tracers use to
 *   skip a call and which goes on to the x86_64 rules. So without
 *   SCMP_ARCH_X32 an x32 call never reaches the x86_64 rules.
 * Architectures caplint has no syscall table for (arm, mips, ...) are left
 * out; their callers get the bad-architecture action in caplint's filters.
 */
import type { Arch } from '../types.js';
import type { Profile } from './model.js';
import { SCMP_ARCH_OF, NATIVE_NAME_OF, archOfScmp } from './arches.js';

export function filterArches(profile: Profile, native: Arch): { arches: Arch[]; nativeName: string } {
  const written = profile.architectures.length > 0
    ? profile.architectures
    : profile.archMap
      .filter((entry) => entry.architecture === SCMP_ARCH_OF[native])
      .slice(0, 1)
      .flatMap((entry) => [entry.architecture, ...entry.subArchitectures]);
  const arches: Arch[] = [native];
  for (const name of written) {
    const arch = archOfScmp(name, native);
    if (arch && !arches.includes(arch)) arches.push(arch);
  }
  return { arches, nativeName: NATIVE_NAME_OF[native] };
}
