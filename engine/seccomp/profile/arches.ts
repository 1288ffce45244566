/**
 * Architecture names as profiles write them. SCMP_ARCH_* names are
 * libseccomp's (seccomp.h); `includes.arches`/`excludes.arches` use
 * libseccomp's short native names ("amd64", "x86", "x32", "arm64"), which moby
 * compares with the host's (profiles/seccomp/seccomp_linux.go, goToNative).
 */
import type { Arch } from '../types.js';

export const SCMP_ARCH_OF: Readonly<Record<Arch, string>> = {
  x86_64: 'SCMP_ARCH_X86_64',
  i386: 'SCMP_ARCH_X86',
  x32: 'SCMP_ARCH_X32',
  aarch64: 'SCMP_ARCH_AARCH64',
};

export const NATIVE_NAME_OF: Readonly<Record<Arch, string>> = {
  x86_64: 'amd64',
  i386: 'x86',
  x32: 'x32',
  aarch64: 'arm64',
};

/** Every SCMP_ARCH_* libseccomp accepts; caplint has tables for four of them and leaves the others out of its decision tables. */
export const SCMP_ARCH_NAMES: readonly string[] = [
  'SCMP_ARCH_NATIVE', 'SCMP_ARCH_X86', 'SCMP_ARCH_X86_64', 'SCMP_ARCH_X32', 'SCMP_ARCH_ARM', 'SCMP_ARCH_AARCH64',
  'SCMP_ARCH_MIPS', 'SCMP_ARCH_MIPS64', 'SCMP_ARCH_MIPS64N32', 'SCMP_ARCH_MIPSEL', 'SCMP_ARCH_MIPSEL64',
  'SCMP_ARCH_MIPSEL64N32', 'SCMP_ARCH_PPC', 'SCMP_ARCH_PPC64', 'SCMP_ARCH_PPC64LE', 'SCMP_ARCH_S390',
  'SCMP_ARCH_S390X', 'SCMP_ARCH_PARISC', 'SCMP_ARCH_PARISC64', 'SCMP_ARCH_RISCV64', 'SCMP_ARCH_LOONGARCH64',
  'SCMP_ARCH_M68K', 'SCMP_ARCH_SH', 'SCMP_ARCH_SHEB',
];

/** The caplint architecture of an SCMP_ARCH_* name (SCMP_ARCH_NATIVE is `native`), or undefined for one caplint has no table for. */
export function archOfScmp(name: string, native: Arch): Arch | undefined {
  if (name === 'SCMP_ARCH_NATIVE') return native;
  return (Object.keys(SCMP_ARCH_OF) as Arch[]).find((arch) => SCMP_ARCH_OF[arch] === name);
}
