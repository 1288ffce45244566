import { describe, it, expect } from 'vitest';
import { builtinProfile } from '../../engine/seccomp/profile/builtin.js';
import { analyseProfile } from '../../engine/seccomp/analyse.js';
import { SYSCALL_RISKS } from '../../engine/linux/syscall-risk.js';
import { RUNTIME_DEFAULT_CAPS, allCapabilities } from '../../engine/linux/capabilities.js';
import { syscallNumber } from '../../engine/linux/syscalls/index.js';
import { decide } from '../../engine/seccomp/decide.js';
import { ALLOW, EPERM, ENOSYS } from './helpers.js';

const load = builtinProfile;
const CLONE_NEWUSER = 0x10000000n;
const CLONE_NEWTIME = 0x80n;
const READ_IMPLIES_EXEC = 0x0400000n;

describe.each(['default', 'strict'])('the built-in %s profile', (name) => {
  const source = load(name);
  const x86 = analyseProfile(source, { caps: RUNTIME_DEFAULT_CAPS });

  it('is Docker format, refuses with EPERM by default and covers i386 and x32 on x86_64', () => {
    expect(source.format).toBe('docker');
    expect(x86.native.defaultAction).toEqual(EPERM);
    expect(x86.table.arches.map((a) => a.arch)).toEqual(['x86_64', 'i386', 'x32']);
    expect(analyseProfile(source, { arch: 'aarch64' }).native.arch).toBe('aarch64');
  });

  it('refuses every syscall of the risk catalogue on x86_64 with EPERM', () => {
    const risky = [...SYSCALL_RISKS.keys()].filter((n) => syscallNumber('x86_64', n) !== undefined);
    expect(risky.length).toBeGreaterThan(50);
    for (const syscall of risky) {
      const entry = x86.entry(syscall);
      if (!entry) {
        expect(x86.check(syscall), syscall).toEqual(EPERM);
        continue;
      }
      // Allowed only under argument conditions, with EPERM for everything else.
      expect(entry.rules.every((r) => r.when.length > 0), syscall).toBe(true);
    }
    expect(x86.check('personality', [READ_IMPLIES_EXEC])).toEqual(EPERM);
    expect(x86.check('unshare', [CLONE_NEWUSER])).toEqual(EPERM);
    expect(x86.check('unshare', [CLONE_NEWTIME])).toEqual(EPERM);
  });

  it('lets ordinary work through', () => {
    for (const syscall of ['read', 'write', 'openat', 'mmap', 'execve', 'exit_group', 'futex', 'epoll_wait', 'accept4', 'arch_prctl', 'rseq']) {
      expect(x86.verdict(syscall), syscall).toBe('allow');
    }
  });

  it('allows clone and unshare only without namespace flags and answers clone3 with ENOSYS', () => {
    expect(x86.check('clone', [0x3d0f00n])).toEqual(ALLOW);
    expect(x86.check('clone', [0x3d0f00n | CLONE_NEWUSER])).toEqual(EPERM);
    expect(x86.check('unshare', [0x400n])).toEqual(ALLOW);
    expect(x86.check('clone3')).toEqual(ENOSYS);
  });

  it('allows safe personalities only, and socket for every family but AF_ALG and AF_VSOCK', () => {
    expect(x86.check('personality', [0n])).toEqual(ALLOW);
    expect(x86.check('personality', [0xffffffffn])).toEqual(ALLOW);
    expect(x86.check('personality', [0x0040000n])).toEqual(EPERM);
    for (const family of [1n, 2n, 10n, 16n, 39n, 41n]) expect(x86.check('socket', [family]), String(family)).toEqual(ALLOW);
    for (const family of [38n, 40n]) expect(x86.check('socket', [family]), String(family)).toEqual(EPERM);
  });

  it('on i386 lets socketcall through only for the calls allowed directly, where the family cannot be checked', () => {
    const i386 = x86.table;
    expect(decide(i386, 'i386', 359, [38n])).toEqual(EPERM);
    expect(decide(i386, 'i386', 359, [2n])).toEqual(ALLOW);
    // socketcall(SYS_SOCKET, args): libseccomp replaces the family check with the call number.
    expect(decide(i386, 'i386', 102, [1n])).toEqual(ALLOW);
    expect(decide(i386, 'i386', 102, [99n])).toEqual(EPERM);
  });
});

it('names the built-in profiles when asked for another', () => {
  expect(() => builtinProfile('defualt')).toThrow('"defualt" is not a built-in seccomp profile (did you mean default?); they are default, strict');
});

describe('capability-gated calls', () => {
  it('default.json allows them only with the capability, like Docker', () => {
    const source = load('default');
    const plain = analyseProfile(source, { caps: RUNTIME_DEFAULT_CAPS });
    const admin = analyseProfile(source, { caps: [...RUNTIME_DEFAULT_CAPS, 'CAP_SYS_ADMIN', 'CAP_SYS_TIME'] });
    for (const syscall of ['mount', 'setns', 'umount2', 'clock_settime']) {
      expect(plain.verdict(syscall), syscall).toBe('deny');
      expect(admin.verdict(syscall), syscall).toBe('allow');
    }
    expect(admin.check('clone', [CLONE_NEWUSER])).toEqual(ALLOW);
    expect(admin.check('clone3')).toEqual(ALLOW);
    expect(admin.verdict('keyctl')).toBe('deny');
  });

  it('strict.json allows none of them, whatever the capabilities', () => {
    const source = load('strict');
    const all = analyseProfile(source, { caps: allCapabilities() });
    for (const syscall of ['mount', 'setns', 'ptrace', 'chroot', 'bpf', 'reboot']) expect(all.verdict(syscall), syscall).toBe('deny');
    expect(all.check('clone', [CLONE_NEWUSER])).toEqual(EPERM);
    expect((source.document as { syscalls: { includes?: unknown }[] }).syscalls.some((r) => r.includes && JSON.stringify(r.includes).includes('caps'))).toBe(false);
  });
});
