/**
 * i386 reaches the socket and System V IPC calls two ways: directly (Linux
 * 4.3+ for sockets, 5.1+ for IPC) and through the socketcall(2) and ipc(2)
 * multiplexers, whose first argument names the call. libseccomp adds a rule
 * for such a name to both (src/arch-x86.c, x86_rule_add): the direct number
 * as written, and the multiplexer with argument 0 *replaced* by
 * `== call number`. A comparison the profile made on argument 0 (socket's
 * address family) is therefore lost on the multiplexed path: the other
 * arguments sit behind a pointer no filter can read.
 */
import type { Arch, ArgCompare } from '../types.js';
import { syscallNumber } from '../../linux/syscalls/index.js';

/** Call numbers of socketcall(2) (linux/net.h SYS_*). */
const SOCKET_CALLS: Readonly<Record<string, number>> = {
  socket: 1, bind: 2, connect: 3, listen: 4, accept: 5, getsockname: 6, getpeername: 7, socketpair: 8,
  send: 9, recv: 10, sendto: 11, recvfrom: 12, shutdown: 13, setsockopt: 14, getsockopt: 15,
  sendmsg: 16, recvmsg: 17, accept4: 18, recvmmsg: 19, sendmmsg: 20,
};

/** Call numbers of ipc(2) (linux/ipc.h). */
const IPC_CALLS: Readonly<Record<string, number>> = {
  semop: 1, semget: 2, semctl: 3, semtimedop: 4, msgsnd: 11, msgrcv: 12, msgget: 13, msgctl: 14,
  shmat: 21, shmdt: 22, shmget: 23, shmctl: 24,
};

/** libseccomp adds no direct rule for these on i386 (no direct syscall by that name). */
const MULTIPLEXED_ONLY = new Set(['accept', 'send', 'recv', 'semop', 'semtimedop']);

export interface Target {
  readonly name: string;
  readonly nr: number;
  /** Rewrites a rule's comparisons for this target. */
  readonly rewrite: (when: readonly ArgCompare[]) => ArgCompare[];
}

const keep = (when: readonly ArgCompare[]): ArgCompare[] => [...when];

/** Where a rule for `name` lands on `arch`: nowhere, its own number, and on i386 perhaps a multiplexer too. */
export function targetsOf(arch: Arch, name: string): Target[] {
  const targets: Target[] = [];
  const direct = syscallNumber(arch, name);
  const mux = arch === 'i386' ? multiplexer(name) : undefined;
  if (direct !== undefined && !(mux && MULTIPLEXED_ONLY.has(name))) targets.push({ name, nr: direct, rewrite: keep });
  if (mux) {
    const nr = syscallNumber('i386', mux.via)!;
    const call: ArgCompare = { index: 0, op: 'EQ', value: BigInt(mux.call), valueTwo: 0n };
    targets.push({ name: mux.via, nr, rewrite: (when) => [call, ...when.filter((c) => c.index !== 0)] });
  }
  return targets;
}

function multiplexer(name: string): { via: string; call: number } | undefined {
  if (SOCKET_CALLS[name] !== undefined) return { via: 'socketcall', call: SOCKET_CALLS[name] };
  if (IPC_CALLS[name] !== undefined) return { via: 'ipc', call: IPC_CALLS[name] };
  return undefined;
}
