/**
 * System call numbers per architecture (generated tables, see
 * scripts/gen-syscalls.mjs). Maps are built once, on first use.
 */
import type { Arch } from '../../seccomp/types.js';
import { ARCHES } from '../../seccomp/types.js';
import { TABLE as X86_64, SOURCES as X86_64_SOURCES } from './x86_64.gen.js';
import { TABLE as I386, SOURCES as I386_SOURCES } from './i386.gen.js';
import { TABLE as X32, SOURCES as X32_SOURCES } from './x32.gen.js';
import { TABLE as AARCH64, SOURCES as AARCH64_SOURCES } from './aarch64.gen.js';
import { OTHER_ARCH_SYSCALLS } from './other-arches.js';

type Row = readonly [string, number, number];
const TABLES: Readonly<Record<Arch, { rows: readonly Row[]; sources: readonly string[] }>> = {
  x86_64: { rows: X86_64, sources: X86_64_SOURCES },
  i386: { rows: I386, sources: I386_SOURCES },
  x32: { rows: X32, sources: X32_SOURCES },
  aarch64: { rows: AARCH64, sources: AARCH64_SOURCES },
};

interface Index {
  readonly byName: ReadonlyMap<string, number>;
  readonly byNr: ReadonlyMap<number, string>;
  readonly highest: number;
}

const indexes = new Map<Arch, Index>();
let everywhere: ReadonlySet<string> | undefined;

function index(arch: Arch): Index {
  let found = indexes.get(arch);
  if (!found) {
    const { rows } = TABLES[arch];
    found = {
      byName: new Map(rows.map(([name, nr]) => [name, nr])),
      byNr: new Map(rows.map(([name, nr]) => [nr, name])),
      highest: rows.reduce((max, [, nr]) => Math.max(max, nr), -1),
    };
    indexes.set(arch, found);
  }
  return found;
}

/** The number of `name` on `arch` (x32 numbers include __X32_SYSCALL_BIT), or undefined. */
export function syscallNumber(arch: Arch, name: string): number | undefined {
  return index(arch).byName.get(name);
}

/** The name of syscall `nr` on `arch`, or undefined. */
export function syscallName(arch: Arch, nr: number): string | undefined {
  return index(arch).byNr.get(nr);
}

/** Every syscall name known on `arch`, in number order. */
export function syscallNames(arch: Arch): readonly string[] {
  return TABLES[arch].rows.map(([name]) => name);
}

/** The highest syscall number the table knows on `arch`. */
export function highestSyscallNumber(arch: Arch): number {
  return index(arch).highest;
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
  const { rows, sources } = TABLES[arch];
  const row = rows.find(([n]) => n === name);
  return row ? sources[row[2]] : undefined;
}

/** Whether `name` is a syscall on some architecture libseccomp supports, with or without a caplint table. */
export function isSyscallName(name: string): boolean {
  return isKnownAnywhere(name) || OTHER_ARCH_SYSCALLS.has(name);
}
