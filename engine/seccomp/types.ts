/**
 * The seccomp decision table: what a profile means once resolved for one
 * architecture, capability set and kernel version. The profile model
 * produces it; the BPF compiler, the emulator-backed checks and the audit
 * rules consume it.
 */
export const ARCHES = ['x86_64', 'i386', 'x32', 'aarch64'] as const;
export type Arch = (typeof ARCHES)[number];

/** AUDIT_ARCH_* values as seccomp_data.arch carries them (x32 shares x86_64's). */
export const AUDIT_ARCH: Readonly<Record<Arch, number>> = {
  x86_64: 0xc000003e,
  i386: 0x40000003,
  x32: 0xc000003e,
  aarch64: 0xc00000b7,
};

/** x32 syscall numbers carry this bit (__X32_SYSCALL_BIT). */
export const X32_SYSCALL_BIT = 0x40000000;

export type Action =
  | { readonly kind: 'kill_process' }
  | { readonly kind: 'kill_thread' }
  | { readonly kind: 'trap' }
  | { readonly kind: 'errno'; readonly errno: number }
  | { readonly kind: 'trace'; readonly data: number }
  | { readonly kind: 'log' }
  | { readonly kind: 'notify' }
  | { readonly kind: 'allow' };

export const RET = {
  KILL_PROCESS: 0x80000000,
  KILL_THREAD: 0x00000000,
  TRAP: 0x00030000,
  ERRNO: 0x00050000,
  USER_NOTIF: 0x7fc00000,
  TRACE: 0x7ff00000,
  LOG: 0x7ffc0000,
  ALLOW: 0x7fff0000,
} as const;

/** The value a filter returns for an action (SECCOMP_RET_*), as an unsigned 32-bit number. */
export function actionValue(action: Action): number {
  switch (action.kind) {
    case 'kill_process': return RET.KILL_PROCESS;
    case 'kill_thread': return RET.KILL_THREAD;
    case 'trap': return RET.TRAP;
    case 'errno': return (RET.ERRNO | (action.errno & 0xffff)) >>> 0;
    case 'trace': return (RET.TRACE | (action.data & 0xffff)) >>> 0;
    case 'log': return RET.LOG;
    case 'notify': return RET.USER_NOTIF;
    case 'allow': return RET.ALLOW;
  }
}

/** The action a filter's return value stands for. */
export function actionOf(value: number): Action {
  const v = value >>> 0;
  const data = v & 0xffff;
  switch ((v & 0xffff0000) >>> 0) {
    case RET.KILL_PROCESS: return { kind: 'kill_process' };
    case RET.KILL_THREAD: return { kind: 'kill_thread' };
    case RET.TRAP: return { kind: 'trap' };
    case RET.ERRNO: return { kind: 'errno', errno: data };
    case RET.TRACE: return { kind: 'trace', data };
    case RET.LOG: return { kind: 'log' };
    case RET.USER_NOTIF: return { kind: 'notify' };
    case RET.ALLOW: return { kind: 'allow' };
    default: return { kind: 'kill_process' };
  }
}

export type CompareOp = 'NE' | 'LT' | 'LE' | 'EQ' | 'GE' | 'GT' | 'MASKED_EQ';

/** One comparison of a 64-bit syscall argument (SCMP_CMP_*); MASKED_EQ is `(arg & value) == valueTwo`. */
export interface ArgCompare {
  readonly index: number;
  readonly op: CompareOp;
  readonly value: bigint;
  readonly valueTwo: bigint;
}

/** A rule applies when every comparison holds (an empty list always holds). */
export interface SyscallRule {
  readonly when: readonly ArgCompare[];
  readonly action: Action;
}

export interface SyscallEntry {
  readonly name: string;
  /** Number on this architecture (x32 numbers include X32_SYSCALL_BIT). */
  readonly nr: number;
  /** Evaluated in order; the first that applies decides. None applies: the table's default. */
  readonly rules: readonly SyscallRule[];
}

export interface ArchTable {
  readonly arch: Arch;
  readonly defaultAction: Action;
  /** Sorted by nr, one entry per syscall that has rules. */
  readonly syscalls: readonly SyscallEntry[];
  /** Highest syscall number the tables know for this arch: numbers above it get ENOSYS unless the default allows, logs or traces. */
  readonly highestKnownNr: number;
}

export interface DecisionTable {
  /** Native architecture first. */
  readonly arches: readonly ArchTable[];
  /** What a syscall from an architecture not listed gets. */
  readonly badArchAction: Action;
  /** SECCOMP_FILTER_FLAG_* names to pass to seccomp(2): TSYNC, LOG, SPEC_ALLOW, ... */
  readonly flags: readonly string[];
  readonly listenerPath?: string;
}
