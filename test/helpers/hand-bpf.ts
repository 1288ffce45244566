/**
 * Small hand-assembled seccomp programs for enforcer tests (no compiler
 * needed): x86_64 only, the arch checked first, x32 numbers refused.
 */
import { encodeProgram } from '../../enforcer/bpf/types.js';
import type { SockFilter } from '../../enforcer/bpf/types.js';

const LD_W_ABS = 0x20, JEQ_K = 0x15, JGE_K = 0x35, RET_K = 0x06;
const AUDIT_ARCH_X86_64 = 0xc000003e;
const ALLOW = 0x7fff0000, KILL_PROCESS = 0x80000000, ERRNO = 0x00050000;

const insn = (code: number, k: number, jt = 0, jf = 0): SockFilter => ({ code, jt, jf, k });

/** Every syscall in `denied` gets ERRNO(errno); other arches are killed; x32 numbers get ERRNO(errno); the rest allowed. */
export function denyProgram(denied: readonly number[], errno = 1): Buffer {
  const deny = (ERRNO | errno) >>> 0;
  const body: SockFilter[] = [
    insn(LD_W_ABS, 4),
    insn(JEQ_K, AUDIT_ARCH_X86_64, 1, 0),
    insn(RET_K, KILL_PROCESS),
    insn(LD_W_ABS, 0),
    insn(JGE_K, 0x40000000, 0, 1),
    insn(RET_K, deny),
  ];
  denied.forEach((nr, i) => body.push(insn(JEQ_K, nr, denied.length - i, 0)));
  body.push(insn(RET_K, ALLOW), insn(RET_K, deny));
  return encodeProgram(body);
}

/** A program that allows everything (one instruction). */
export function allowAllProgram(): Buffer {
  return encodeProgram([insn(RET_K, ALLOW)]);
}

export const X86_64 = { keyctl: 250, add_key: 248, getppid: 110, kexec_load: 246, unshare: 272, mount: 165, ptrace: 101, execve: 59 } as const;
