import { describe, it, expect } from 'vitest';
import { resolve, entry, archTable, ALLOW, EPERM } from './helpers.js';
import { decide } from '../../engine/seccomp/decide.js';

const deny = { defaultAction: 'SCMP_ACT_ERRNO' };
const allowRule = (names: string[], extra: object = {}) => ({ names, action: 'SCMP_ACT_ALLOW', ...extra });
const arches = (t: { arches: readonly { arch: string }[] }) => t.arches.map((a) => a.arch);

describe('includes and excludes', () => {
  const profile = { ...deny, syscalls: [
    allowRule(['mount'], { includes: { caps: ['CAP_SYS_ADMIN', 'CAP_SYS_CHROOT'] } }),
    allowRule(['chroot'], { excludes: { caps: ['CAP_SYS_ADMIN', 'CAP_BPF'] } }),
  ] };

  it('includes.caps needs every listed capability in the bounding set', () => {
    expect(entry(resolve(profile, { caps: ['CAP_SYS_ADMIN'] }), 'mount')).toBeUndefined();
    expect(entry(resolve(profile, { caps: ['CAP_SYS_ADMIN', 'CAP_SYS_CHROOT'] }), 'mount')?.rules).toEqual([{ when: [], action: ALLOW }]);
  });

  it('excludes.caps drops the rule when any listed capability is held', () => {
    expect(entry(resolve(profile, { caps: [] }), 'chroot')).toBeDefined();
    expect(entry(resolve(profile, { caps: ['CAP_BPF'] }), 'chroot')).toBeUndefined();
  });

  it('compares arches with the host architecture, for every filter architecture', () => {
    const p = { ...deny, archMap: [{ architecture: 'SCMP_ARCH_X86_64', subArchitectures: ['SCMP_ARCH_X86'] }], syscalls: [
      allowRule(['modify_ldt'], { includes: { arches: ['x86'] } }),
      allowRule(['arch_prctl'], { includes: { arches: ['amd64'] } }),
      allowRule(['getpid'], { excludes: { arches: ['amd64'] } }),
    ] };
    const t = resolve(p);
    expect(entry(t, 'modify_ldt', 'i386')).toBeUndefined();
    expect(entry(t, 'arch_prctl')).toBeDefined();
    expect(entry(t, 'getpid')).toBeUndefined();
    expect(entry(resolve(p, { arch: 'aarch64' }), 'getpid', 'aarch64')).toBeDefined();
  });

  it('minKernel includes on a new enough kernel and excludes from one on', () => {
    const p = { ...deny, syscalls: [allowRule(['ptrace'], { includes: { minKernel: '4.8' } }), allowRule(['kcmp'], { excludes: { minKernel: '5.0' } })] };
    expect(entry(resolve(p, { kernel: { major: 4, minor: 4 } }), 'ptrace')).toBeUndefined();
    expect(entry(resolve(p, { kernel: { major: 4, minor: 8 } }), 'ptrace')).toBeDefined();
    expect(entry(resolve(p, { kernel: { major: 4, minor: 19 } }), 'kcmp')).toBeDefined();
    expect(entry(resolve(p, { kernel: { major: 6, minor: 1 } }), 'kcmp')).toBeUndefined();
    expect(entry(resolve(p), 'ptrace')).toBeDefined();
  });

  it('ignores includes and excludes in OCI form, as runc never reads them', () => {
    expect(entry(resolve(profile, { caps: [] }, 'oci'), 'mount')).toBeDefined();
  });
});

describe('rules', () => {
  it('skips a rule whose action and errno equal the default', () => {
    const t = resolve({ ...deny, syscalls: [{ names: ['read'], action: 'SCMP_ACT_ERRNO' }, { names: ['write'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 }] });
    expect(entry(t, 'read')).toBeUndefined();
    expect(entry(t, 'write')?.rules[0]?.action).toEqual({ kind: 'errno', errno: 38 });
  });

  it('ANDs comparisons on different arguments', () => {
    const t = resolve({ ...deny, syscalls: [allowRule(['socket'], { args: [{ index: 0, value: 2, op: 'SCMP_CMP_EQ' }, { index: 1, value: 1, op: 'SCMP_CMP_EQ' }] })] });
    expect(entry(t, 'socket')?.rules).toHaveLength(1);
    expect(decide(t, 'x86_64', 41, [2n, 1n])).toEqual(ALLOW);
    expect(decide(t, 'x86_64', 41, [2n, 2n])).toEqual(EPERM);
  });

  it('turns every comparison into its own rule (OR) once one argument is compared twice, as runc does', () => {
    const t = resolve({ ...deny, syscalls: [allowRule(['socket'], { args: [
      { index: 0, value: 38, op: 'SCMP_CMP_NE' }, { index: 0, value: 40, op: 'SCMP_CMP_NE' }, { index: 1, value: 5, op: 'SCMP_CMP_EQ' },
    ] })] });
    expect(entry(t, 'socket')?.rules.map((r) => r.when.length)).toEqual([1, 1, 1]);
    // NE 38 OR NE 40 holds for every family: the profile author's AND is lost.
    expect(decide(t, 'x86_64', 41, [38n, 0n])).toEqual(ALLOW);
  });

  it('evaluates MASKED_EQ as (arg & value) == valueTwo, over 64 bits', () => {
    const t = resolve({ ...deny, syscalls: [allowRule(['clone'], { args: [{ index: 0, value: 0x7e020000, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }] })] });
    expect(decide(t, 'x86_64', 56, [0x11n])).toEqual(ALLOW);
    expect(decide(t, 'x86_64', 56, [0x10000000n])).toEqual(EPERM);
    expect(decide(t, 'x86_64', 56, [0xffffffff_00000011n])).toEqual(ALLOW);
  });

  it('lets the first unconditional rule of a syscall replace its argument rules, as libseccomp does', () => {
    const conditionalFirst = resolve({ ...deny, syscalls: [
      allowRule(['personality'], { args: [{ index: 0, value: 0, op: 'SCMP_CMP_EQ' }] }),
      { names: ['personality'], action: 'SCMP_ACT_ERRNO', errnoRet: 22 },
      allowRule(['personality']),
    ] });
    expect(entry(conditionalFirst, 'personality')?.rules).toEqual([{ when: [], action: { kind: 'errno', errno: 22 } }]);
    expect(decide(conditionalFirst, 'x86_64', 135, [0n])).toEqual({ kind: 'errno', errno: 22 });
    const unconditionalFirst = resolve({ ...deny, syscalls: [
      allowRule(['personality']),
      { names: ['personality'], action: 'SCMP_ACT_ERRNO', errnoRet: 22, args: [{ index: 0, value: 8, op: 'SCMP_CMP_EQ' }] },
    ] });
    expect(decide(unconditionalFirst, 'x86_64', 135, [8n])).toEqual(ALLOW);
  });

  it('keeps argument rules of several entries in profile order', () => {
    const t = resolve({ ...deny, syscalls: [
      { names: ['socket'], action: 'SCMP_ACT_ERRNO', errnoRet: 97, args: [{ index: 0, value: 38, op: 'SCMP_CMP_EQ' }] },
      allowRule(['socket'], { args: [{ index: 0, value: 100, op: 'SCMP_CMP_LT' }] }),
    ] });
    expect(decide(t, 'x86_64', 41, [38n])).toEqual({ kind: 'errno', errno: 97 });
    expect(decide(t, 'x86_64', 41, [2n])).toEqual(ALLOW);
    expect(decide(t, 'x86_64', 41, [200n])).toEqual(EPERM);
  });

  it('skips names missing on one architecture but keeps them where they exist', () => {
    const t = resolve({ ...deny, architectures: ['SCMP_ARCH_X86'], syscalls: [allowRule(['socketcall', 'arch_prctl', 'read'])] });
    expect(entry(t, 'socketcall')).toBeUndefined();
    expect(entry(t, 'socketcall', 'i386')?.nr).toBe(102);
    expect(entry(t, 'arch_prctl', 'i386')?.nr).toBe(384);
    expect(entry(t, 'read', 'i386')?.nr).toBe(3);
  });

  it('adds i386 socket and IPC rules to socketcall and ipc with argument 0 replaced by the call number, as libseccomp does', () => {
    const t = resolve({ ...deny, architectures: ['SCMP_ARCH_X86'], syscalls: [
      allowRule(['socket'], { args: [{ index: 0, value: 38, op: 'SCMP_CMP_LT' }, { index: 1, value: 1, op: 'SCMP_CMP_EQ' }] }),
      allowRule(['accept', 'semget']),
    ] });
    expect(entry(t, 'socket', 'i386')?.rules[0]?.when.map((c) => [c.index, c.op, c.value])).toEqual([[0, 'LT', 38n], [1, 'EQ', 1n]]);
    expect(entry(t, 'socketcall', 'i386')?.rules.map((r) => r.when.map((c) => [c.index, c.op, c.value]))).toEqual([
      [[0, 'EQ', 1n], [1, 'EQ', 1n]],
      [[0, 'EQ', 5n]],
    ]);
    expect(entry(t, 'accept', 'i386')).toBeUndefined();
    expect(entry(t, 'semget', 'i386')?.nr).toBe(393);
    expect(entry(t, 'ipc', 'i386')?.rules[0]?.when).toEqual([{ index: 0, op: 'EQ', value: 2n, valueTwo: 0n }]);
    expect(entry(t, 'socketcall')).toBeUndefined();
    expect(entry(t, 'socket')?.rules[0]?.when).toHaveLength(2);
  });

  it('keeps entries sorted by number, with each architecture highest known number', () => {
    const t = resolve({ ...deny, syscalls: [allowRule(['write', 'read', 'keyctl'])] });
    expect(archTable(t, 'x86_64').syscalls.map((e) => e.nr)).toEqual([0, 1, 250]);
    expect(archTable(t, 'x86_64').highestKnownNr).toBeGreaterThanOrEqual(462);
  });
});

describe('architectures', () => {
  it('takes the native architecture alone when the profile names none', () => {
    expect(arches(resolve(deny))).toEqual(['x86_64']);
    expect(arches(resolve(deny, { arch: 'aarch64' }))).toEqual(['aarch64']);
  });

  it('always includes the native architecture, first, as libseccomp does', () => {
    expect(arches(resolve({ ...deny, architectures: ['SCMP_ARCH_X86', 'SCMP_ARCH_X86_64'] }))).toEqual(['x86_64', 'i386']);
  });

  it('uses the archMap entry of the native architecture with its sub-architectures', () => {
    const p = { ...deny, archMap: [
      { architecture: 'SCMP_ARCH_X86_64', subArchitectures: ['SCMP_ARCH_X86', 'SCMP_ARCH_X32'] },
      { architecture: 'SCMP_ARCH_AARCH64', subArchitectures: ['SCMP_ARCH_ARM'] },
    ] };
    expect(arches(resolve(p))).toEqual(['x86_64', 'i386', 'x32']);
    expect(arches(resolve(p, { arch: 'aarch64' }))).toEqual(['aarch64']);
  });

  it('gives x32 callers the bad-architecture action unless SCMP_ARCH_X32 is listed', () => {
    const only64 = resolve({ ...deny, architectures: ['SCMP_ARCH_X86_64'], syscalls: [allowRule(['read'])] });
    expect(decide(only64, 'x32', 0x40000000)).toEqual({ kind: 'kill_thread' });
    const with32 = resolve({ ...deny, architectures: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X32'], syscalls: [allowRule(['read'])] });
    expect(entry(with32, 'read', 'x32')?.nr).toBe(0x40000000);
    expect(decide(with32, 'x32', 0x40000000)).toEqual(ALLOW);
  });
});

describe('flags and listener', () => {
  it('passes flags without their prefix and adds NEW_LISTENER when a rule notifies', () => {
    const t = resolve({ ...deny, flags: ['SECCOMP_FILTER_FLAG_LOG'], listenerPath: '/run/agent.sock', syscalls: [{ names: ['mount'], action: 'SCMP_ACT_NOTIFY' }] });
    expect(t.flags).toEqual(['LOG', 'NEW_LISTENER']);
    expect(t.listenerPath).toBe('/run/agent.sock');
    expect(t.badArchAction).toEqual({ kind: 'kill_thread' });
  });
});
