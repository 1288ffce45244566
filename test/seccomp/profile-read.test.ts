import { describe, it, expect } from 'vitest';
import { readProfile } from '../../engine/seccomp/profile/read.js';
import { profileSource } from '../../engine/seccomp/profile/load.js';
import { source, failure } from './helpers.js';

const base = { defaultAction: 'SCMP_ACT_ERRNO' };
const read = (body: object, format: 'oci' | 'docker' = 'docker') => readProfile(source(body, format));

describe('reading a seccomp profile', () => {
  it('reads actions as runc does: KILL is kill_thread, ERRNO and TRACE default to EPERM', () => {
    const p = read({ ...base, syscalls: [
      { names: ['read'], action: 'SCMP_ACT_KILL' },
      { names: ['write'], action: 'SCMP_ACT_ERRNO' },
      { names: ['open'], action: 'SCMP_ACT_TRACE' },
      { names: ['close'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 },
      { names: ['stat'], action: 'SCMP_ACT_KILL_PROCESS' },
      { names: ['fstat'], action: 'SCMP_ACT_LOG' },
    ] });
    expect(p.defaultAction).toEqual({ kind: 'errno', errno: 1 });
    expect(p.rules.map((r) => r.action)).toEqual([
      { kind: 'kill_thread' }, { kind: 'errno', errno: 1 }, { kind: 'trace', data: 1 },
      { kind: 'errno', errno: 38 }, { kind: 'kill_process' }, { kind: 'log' },
    ]);
  });

  it('applies defaultErrnoRet to the default action', () => {
    expect(read({ ...base, defaultErrnoRet: 38 }).defaultAction).toEqual({ kind: 'errno', errno: 38 });
  });

  it('reads the seven comparison operators, with MASKED_EQ keeping valueTwo', () => {
    const ops = ['NE', 'LT', 'LE', 'EQ', 'GE', 'GT', 'MASKED_EQ'];
    const p = read({ ...base, syscalls: ops.map((op, i) => ({ names: ['personality'], action: 'SCMP_ACT_ALLOW', args: [{ index: i % 6, value: 7, valueTwo: 3, op: `SCMP_CMP_${op}` }] })) });
    expect(p.rules.map((r) => r.args[0]!.op)).toEqual(ops);
    expect(p.rules[6]!.args[0]).toMatchObject({ value: 7n, valueTwo: 3n });
  });

  it('reads 64-bit values exactly from the text', () => {
    const text = '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["ioctl"],"action":"SCMP_ACT_ERRNO","args":[{"index":1,"value":18446744073709551615,"valueTwo":9007199254740993,"op":"SCMP_CMP_MASKED_EQ"}]}]}';
    const arg = readProfile(profileSource('p.json', text)).rules[0]!.args[0]!;
    expect(arg.value).toBe(18446744073709551615n);
    expect(arg.valueTwo).toBe(9007199254740993n);
  });

  it('rejects values that are negative, fractional or wider than 64 bits, at their place', () => {
    const text = (v: string) => `{"defaultAction":"SCMP_ACT_ALLOW",\n"syscalls":[{"names":["ioctl"],"action":"SCMP_ACT_ERRNO",\n  "args":[{"index":1,"value":${v},"op":"SCMP_CMP_EQ"}]}]}`;
    expect(failure(() => readProfile(profileSource('p.json', text('18446744073709551616'))))).toBe('p.json:3:22: value 18446744073709551616 does not fit in 64 bits');
    expect(failure(() => readProfile(profileSource('p.json', text('-1'))))).toMatch(/^p\.json:3:22: value must be an integer from 0 to 2\^64-1, not -1$/);
    expect(failure(() => readProfile(profileSource('p.json', text('1.5'))))).toMatch(/not 1\.5$/);
  });

  it('accepts the legacy name but not together with names', () => {
    expect(read({ ...base, syscalls: [{ name: 'read', action: 'SCMP_ACT_ALLOW' }] }).rules[0]!.names.map((n) => n.name)).toEqual(['read']);
    expect(failure(() => read({ ...base, syscalls: [{ name: 'read', names: ['write'], action: 'SCMP_ACT_ALLOW' }] })))
      .toBe("profile.json:5:7: both 'name' and 'names' are set; use either 'name' or 'names'");
  });

  it('reads includes and excludes in Docker form only', () => {
    const rule = { names: ['ptrace'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_SYS_PTRACE'], arches: ['amd64'], minKernel: '4.8' }, excludes: { caps: ['CAP_SYS_ADMIN'] } };
    const docker = read({ ...base, syscalls: [rule] }).rules[0]!;
    expect(docker.includes).toEqual({ caps: ['CAP_SYS_PTRACE'], arches: ['amd64'], minKernel: { major: 4, minor: 8 } });
    expect(docker.excludes.caps).toEqual(['CAP_SYS_ADMIN']);
    const oci = read({ ...base, syscalls: [rule] }, 'oci').rules[0]!;
    expect(oci.includes).toEqual({ arches: [], caps: [] });
  });

  it('reads flags and listener fields', () => {
    const p = read({ ...base, flags: ['SECCOMP_FILTER_FLAG_LOG'], listenerPath: '/run/agent.sock', listenerMetadata: 'web' });
    expect(p).toMatchObject({ flags: ['SECCOMP_FILTER_FLAG_LOG'], listenerPath: '/run/agent.sock', listenerMetadata: 'web' });
  });
});

describe('profile errors name file, line and column', () => {
  const cases: [string, object, string][] = [
    ['an unknown action, with a hint', { ...base, syscalls: [{ names: ['read'], action: 'SCMP_ACT_ALLOWW' }] }, 'profile.json:8:7: "SCMP_ACT_ALLOWW" is not a seccomp action (did you mean SCMP_ACT_ALLOW?)'],
    ['an unknown operator', { ...base, syscalls: [{ names: ['read'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: 1, op: 'SCMP_CMP_EQUAL' }] }] }, 'profile.json:13:11: "SCMP_CMP_EQUAL" is not a comparison operator (did you mean SCMP_CMP_EQ?)'],
    ['an argument index above 5', { ...base, syscalls: [{ names: ['read'], action: 'SCMP_ACT_ALLOW', args: [{ index: 6, value: 1, op: 'SCMP_CMP_EQ' }] }] }, 'profile.json:11:11: argument index must be 0 to 5 (syscalls take at most six arguments), not number 6'],
    ['a name no architecture has', { ...base, syscalls: [{ names: ['read', 'keyctll'], action: 'SCMP_ACT_ALLOW' }] }, 'profile.json:7:9: "keyctll" is not a system call on any architecture (did you mean keyctl?)'],
    ['a missing default action', { syscalls: [] }, 'profile.json:1:1: the profile has no \'defaultAction\''],
    ['an unknown architecture', { ...base, architectures: ['SCMP_ARCH_X86_46'] }, 'profile.json:4:5: "SCMP_ARCH_X86_46" is not a seccomp architecture (did you mean SCMP_ARCH_X86_64?)'],
    ['architectures with archMap', { ...base, architectures: ['SCMP_ARCH_X86_64'], archMap: [{ architecture: 'SCMP_ARCH_X86_64', subArchitectures: [] }] }, "profile.json:6:3: both 'architectures' and 'archMap' are set; use either 'architectures' or 'archMap'"],
    ['an unknown flag', { ...base, flags: ['SECCOMP_FILTER_FLAG_TSYN'] }, 'profile.json:4:5: "SECCOMP_FILTER_FLAG_TSYN" is not a seccomp filter flag (did you mean SECCOMP_FILTER_FLAG_TSYNC?)'],
    ['a malformed minKernel', { ...base, syscalls: [{ names: ['read'], action: 'SCMP_ACT_ALLOW', includes: { minKernel: '4.8.1' } }] }, 'profile.json:10:9: minKernel must be "<major>.<minor>" such as "4.8", not string "4.8.1"'],
    ['a notifying default', { defaultAction: 'SCMP_ACT_NOTIFY' }, 'profile.json:2:3: SCMP_ACT_NOTIFY cannot be the default action'],
    ['notify on write', { ...base, syscalls: [{ names: ['write'], action: 'SCMP_ACT_NOTIFY' }] }, 'profile.json:6:9: SCMP_ACT_NOTIFY cannot be used for the write syscall'],
    ['an errno out of range', { ...base, defaultErrnoRet: 70000 }, 'profile.json:3:3: the errno must be an integer from 0 to 65535, not number 70000'],
    ['an entry without names', { ...base, syscalls: [{ action: 'SCMP_ACT_ALLOW' }] }, 'profile.json:4:5: this syscalls entry names no syscall'],
  ];
  it.each(cases)('%s', (_what, body, message) => {
    expect(failure(() => read(body))).toBe(message);
  });
});
