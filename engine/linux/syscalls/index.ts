/**
 * System call numbers per architecture (generated tables, see
 * scripts/gen-syscalls.mjs). Maps are built once, on first use.
 */
import type { Arch } from '../../seccomp/types.js';
import { ARCHES } from '../../seccomp/types.js';
import { table as X86_64, SOURCES as X86_64_SOURCES } from './x86_64.gen.js';
import { table as I386, SOURCES as I386_SOURCES } from './i386.gen.js';
import { table as X32, SOURCES as X32_SOURCES } from './x32.gen.js';
import { table as AARCH64, SOURCES as AARCH64_SOURCES } from './aarch64.gen.js';
import { OTHER_ARCH_SYSCALLS } from './other-arches.js';

type Row = readonly [string, number, number];
const TABLES: Readonly<Record<Arch, { table: () => readonly Row[]; sources: readonly string[] }>> = {
  x86_64: { table: X86_64, sources: X86_64_SOURCES },
  i386: { table: I386, sources: I386_SOURCES },
  x32: { table: X32, sources: X32_SOURCES },
  aarch64: { table: AARCH64, sources: AARCH64_SOURCES },
};

const rowsByArch = new Map<Arch, readonly Row[]>();

/** The rows of `arch`, made on first use (a launch needs its own architecture's only). */
function rowsOf(arch: Arch): readonly Row[] {
  let rows = rowsByArch.get(arch);
  if (!rows) rowsByArch.set(arch, (rows = TABLES[arch].table()));
  return rows;
}

const indexes = [new Map<Arch, ReadonlyMap<string | number, string | number>>(), new Map<Arch, ReadonlyMap<string | number, string | number>>()] as const;
let everywhere: ReadonlySet<string> | undefined;

/**
 * Column `from` of `arch`'s rows (0 names, 1 numbers) to the other, built on
 * its first use with a plain loop: `caplint run` looks up one number
 * (execve's) at every launch, and destructuring rows into pairs for two maps
 * allocated some 270 KB on that first, interpreted pass (enough to cost the
 * launch a young-generation GC).
 */
function index(arch: Arch, from: 0 | 1): ReadonlyMap<string | number, string | number> {
  let found = indexes[from].get(arch);
  if (!found) {
    const rows = rowsOf(arch);
    const map = new Map<string | number, string | number>();
    for (let i = 0; i < rows.length; i++) map.set(rows[i]![from], rows[i]![1 - from]!);
    indexes[from].set(arch, (found = map));
  }
  return found;
}

/** The number of `name` on `arch` (x32 numbers include __X32_SYSCALL_BIT), or undefined. */
export function syscallNumber(arch: Arch, name: string): number | undefined {
  return index(arch, 0).get(name) as number | undefined;
}

/** The name of syscall `nr` on `arch`, or undefined. */
export function syscallName(arch: Arch, nr: number): string | undefined {
  return index(arch, 1).get(nr) as string | undefined;
}

/** Every syscall name known on `arch`, in number order. */
export function syscallNames(arch: Arch): readonly string[] {
  return rowsOf(arch).map(([name]) => name);
}

/** The highest syscall number the table knows on `arch`. */
export function highestSyscallNumber(arch: Arch): number {
  return rowsOf(arch).reduce((max, [, nr]) => Math.max(max, nr), -1);
}

/** Whether `name` is a syscall on at least one of the architectures caplint knows. */
export function isKnownAnywhere(name: string): boolean {
  return allSyscallNames().has(name);
}

/** Names known on any architecture (for did-you-mean hints). */
export function allSyscallNames(): ReadonlySet<string> {
  everywhere ??= new Set(ARCHES.flatMap((arch) => syscallNames(arch)));
  return everywhere;
}

/** Where the number of `name` on `arch` came from (header or newer-kernel table), or undefined. */
export function syscallSource(arch: Arch, name: string): string | undefined {
  const { sources } = TABLES[arch];
  const row = rowsOf(arch).find(([n]) => n === name);
  return row ? sources[row[2]] : undefined;
}

/** Whether `name` is a syscall on some architecture libseccomp supports, with or without a caplint table. */
export function isSyscallName(name: string): boolean {
  return isKnownAnywhere(name) || OTHER_ARCH_SYSCALLS.has(name);
}
