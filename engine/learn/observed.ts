/**
 * What the recorder counted, named: each distinct call with its
 * architecture, syscall name, verdict under the base profile and the
 * arguments kept.
 */
import type { Arch } from '../seccomp/types.js';
import { AUDIT_ARCH, X32_SYSCALL_BIT } from '../seccomp/types.js';
import { syscallName } from '../linux/syscalls/index.js';
import type { NativeCallRecord } from '../../enforcer/native-binding.js';

/** A recorded call with its architecture and syscall named. */
export interface ObservedCall extends Omit<NativeCallRecord, 'arch'> {
  readonly arch: Arch;
  readonly name: string;
}

export interface Observation {
  readonly calls: readonly ObservedCall[];
  /** Calls whose architecture or number caplint has no name for: "arch 0x…/nr N". */
  readonly unnamed: readonly string[];
}

export function archOfCall(auditArch: number, nr: number): Arch | undefined {
  const value = auditArch >>> 0;
  if (value === AUDIT_ARCH.x86_64) return nr >>> 0 >= X32_SYSCALL_BIT && nr !== -1 ? 'x32' : 'x86_64';
  return (Object.keys(AUDIT_ARCH) as Arch[]).find((a) => a !== 'x32' && AUDIT_ARCH[a] === value);
}

export function nameCalls(records: readonly NativeCallRecord[]): Observation {
  const calls: ObservedCall[] = [];
  const unnamed = new Set<string>();
  for (const r of records) {
    const arch = archOfCall(r.arch, r.nr);
    const name = arch === undefined ? undefined : syscallName(arch, r.nr >>> 0);
    if (arch === undefined || name === undefined) unnamed.add(`arch 0x${(r.arch >>> 0).toString(16)}/nr ${r.nr}`);
    else calls.push({ arch, name, nr: r.nr >>> 0, denied: r.denied, overflow: r.overflow, args: r.args, count: r.count });
  }
  return { calls, unnamed: [...unnamed] };
}

/** Distinct syscall names per architecture, allowed or denied, sorted. */
export function namesByArch(calls: readonly ObservedCall[], denied: boolean): Map<Arch, string[]> {
  const out = new Map<Arch, Set<string>>();
  for (const c of calls) if (c.denied === denied) (out.get(c.arch) ?? out.set(c.arch, new Set()).get(c.arch)!).add(c.name);
  return new Map([...out].map(([arch, names]) => [arch, [...names].sort()]));
}
