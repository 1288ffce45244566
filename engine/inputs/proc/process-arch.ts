/**
 * The architecture a process's program was built for, from the ELF header of
 * /proc/PID/exe (e_ident[EI_CLASS] and e_machine): the syscall table its
 * calls are numbered in.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { Arch } from '../../seccomp/types.js';

const EM_386 = 3;
const EM_X86_64 = 62;
const EM_AARCH64 = 183;

export function archOfElf(header: Uint8Array): Arch | undefined {
  if (header.length < 20 || header[0] !== 0x7f || header[1] !== 0x45 || header[2] !== 0x4c || header[3] !== 0x46) return undefined;
  // EI_DATA: 1 little-endian, 2 big-endian.
  const machine = header[5] === 1 ? header[18]! | (header[19]! << 8) : (header[18]! << 8) | header[19]!;
  const is64 = header[4] === 2;
  if (machine === EM_X86_64) return is64 ? 'x86_64' : 'x32';
  if (machine === EM_386) return 'i386';
  if (machine === EM_AARCH64 && is64) return 'aarch64';
  return undefined;
}

/** The arch of /proc/PID/exe, or a sentence saying why it is not known. */
export function processArch(procRoot: string, pid: number): { arch: Arch } | { reason: string } {
  let fd: number | undefined;
  try {
    fd = openSync(`${procRoot}/${pid}/exe`, 'r');
    const header = new Uint8Array(20);
    readSync(fd, header, 0, 20, 0);
    const arch = archOfElf(header);
    return arch ? { arch } : { reason: 'its executable is not an ELF file for an architecture caplint has syscall tables for' };
  } catch (error) {
    return { reason: `its executable cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
