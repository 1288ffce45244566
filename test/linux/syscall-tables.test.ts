import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  syscallNumber, syscallName, syscallNames, highestSyscallNumber, isKnownAnywhere, syscallSource,
} from '../../engine/linux/syscalls/index.js';
import { available } from '../helpers/skip.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const headers = ['/usr/include/x86_64-linux-gnu/asm/unistd_64.h', '/usr/include/asm-generic/unistd.h', '/usr/include/linux/version.h'];

describe('syscall tables', () => {
  it('numbers keyctl as each architecture does', () => {
    expect(syscallNumber('x86_64', 'keyctl')).toBe(250);
    expect(syscallNumber('i386', 'keyctl')).toBe(288);
    expect(syscallNumber('aarch64', 'keyctl')).toBe(219);
    expect(syscallNumber('x32', 'keyctl')).toBe(0x40000000 + 250);
  });

  it('gives x32 numbers with __X32_SYSCALL_BIT, including x32-only numbers', () => {
    expect(syscallNumber('x32', 'read')).toBe(0x40000000);
    expect(syscallNumber('x32', 'execve')).toBe(0x40000000 + 520);
    expect(syscallName('x32', 0x40000000 + 520)).toBe('execve');
  });

  it('maps numbers back to names', () => {
    expect(syscallName('x86_64', 0)).toBe('read');
    expect(syscallName('i386', 11)).toBe('execve');
    expect(syscallName('aarch64', 221)).toBe('execve');
    expect(syscallName('x86_64', 100_000)).toBeUndefined();
  });

  it('gives aarch64 only what the generic table defines for arm64', () => {
    for (const legacy of ['open', 'fork', 'stat', 'fcntl64', 'clock_gettime64', 'llseek', 'sync_file_range2', 'arch_specific_syscall', 'syscalls']) {
      expect(syscallNumber('aarch64', legacy), legacy).toBeUndefined();
    }
    expect(syscallNumber('aarch64', 'fcntl')).toBe(25);
    expect(syscallNumber('aarch64', 'newfstatat')).toBe(79);
    expect(syscallNumber('aarch64', 'renameat')).toBe(38);
    expect(syscallNumber('aarch64', 'getrlimit')).toBe(163);
    expect(syscallNumber('aarch64', 'clone3')).toBe(435);
    expect(syscallNumber('aarch64', 'memfd_secret')).toBe(447);
    expect(syscallNumber('aarch64', 'mmap')).toBe(222);
  });

  it('adds calls newer than the headers and says where each came from', () => {
    expect(syscallNumber('x86_64', 'mseal')).toBe(462);
    expect(syscallNumber('aarch64', 'fchmodat2')).toBe(452);
    expect(syscallNumber('i386', 'map_shadow_stack')).toBe(453);
    expect(syscallSource('i386', 'map_shadow_stack')).toMatch(/syscall_32\.tbl of Linux 6\.7/);
    expect(syscallNumber('i386', 'uretprobe')).toBeUndefined();
    expect(syscallSource('x86_64', 'mseal')).toMatch(/syscall_64\.tbl of Linux 6\.10/);
    expect(syscallSource('x86_64', 'keyctl')).toMatch(/unistd_64\.h of Linux 6\.1/);
    expect(highestSyscallNumber('x86_64')).toBeGreaterThanOrEqual(462);
    expect(highestSyscallNumber('x32')).toBe(0x40000000 + 547);
  });

  it('knows names on any architecture', () => {
    expect(isKnownAnywhere('socketcall')).toBe(true);
    expect(syscallNumber('x86_64', 'socketcall')).toBeUndefined();
    expect(isKnownAnywhere('no_such_call')).toBe(false);
    expect(new Set(syscallNames('x86_64')).size).toBe(syscallNames('x86_64').length);
  });

  it.skipIf(!available('the regeneration check', ...headers))('regenerates with no difference', () => {
    const out = mkdtempSync(join(tmpdir(), 'caplint-syscalls-'));
    try {
      execFileSync(process.execPath, [join(root, 'scripts/gen-syscalls.mjs'), '--out', out]);
      const committed = join(root, 'engine/linux/syscalls');
      const generated = readdirSync(out).sort();
      expect(generated).toEqual(readdirSync(committed).filter((f) => f.endsWith('.gen.ts')).sort());
      for (const file of generated) expect(readFileSync(join(out, file), 'utf8'), file).toBe(readFileSync(join(committed, file), 'utf8'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
