/** A random profile spec as caplint's decision table, with caplint's syscall numbers. */
import type { Arch, ArchTable, DecisionTable } from '../../engine/seccomp/types.js';
import { highestSyscallNumber, syscallNumber } from '../../engine/linux/syscalls/index.js';
import type { ProfileSpec } from './random-profile.js';

export function archTable(spec: ProfileSpec, arch: Arch): ArchTable {
  const syscalls = spec.syscalls
    .map((s) => ({ name: s.name, nr: syscallNumber(arch, s.name), rules: s.rules }))
    .filter((s): s is { name: string; nr: number; rules: ProfileSpec['syscalls'][number]['rules'] } => s.nr !== undefined)
    .sort((a, b) => a.nr - b.nr);
  return { arch, defaultAction: spec.defaultAction, syscalls, highestKnownNr: highestSyscallNumber(arch) };
}

export function tableFromSpec(spec: ProfileSpec, arches: readonly Arch[]): DecisionTable {
  return { arches: arches.map((arch) => archTable(spec, arch)), badArchAction: spec.badArchAction, flags: [] };
}
