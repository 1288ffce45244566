/** From recorded calls to the learned seccomp profile, without running anything. */
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '../../engine/seccomp/profile/resolve.js';
import { loadProfile } from '../../engine/seccomp/profile/load.js';
import { readSeccompProfile } from '../../engine/learn/base-table.js';
import { nameCalls } from '../../engine/learn/observed.js';
import { learnSeccomp, mergeSeccomp, unusedSyscalls } from '../../engine/learn/learned-seccomp.js';
import { fromProfile, seccompJson } from '../../engine/learn/seccomp-json.js';
import { captureList, recordingFilter } from '../../engine/learn/recording-filter.js';
import { emulate } from '../../enforcer/bpf/emulate.js';
import { decodeProgram } from '../../enforcer/bpf/types.js';
import { AUDIT_ARCH } from '../../engine/seccomp/types.js';
import { syscallNames, syscallNumber } from '../../engine/linux/syscalls/index.js';
import type { NativeCallRecord } from '../../enforcer/native-binding.js';

const base = resolveProfile(readSeccompProfile('default'), { arch: 'x86_64', caps: [] });
const X86 = AUDIT_ARCH.x86_64;
const call = (name: string, args: (bigint | null)[] = [], extra: Partial<NativeCallRecord> = {}): NativeCallRecord => ({
  arch: X86, nr: syscallNumber('x86_64', name)!, denied: false, overflow: false, args: [...args, null, null, null, null, null, null].slice(0, 6), count: 1, ...extra,
});

describe('the recording filter', () => {
  const filter = recordingFilter(base);
  const run = (program: Uint8Array, name: string, args: bigint[] = []) =>
    emulate(decodeProgram(program), { arch: X86, nr: syscallNumber('x86_64', name)!, args }).action;

  it('notifies what the base allows or refuses with an errno, and the oracle keeps the base answers', () => {
    expect(run(filter.program, 'read')).toEqual({ kind: 'notify' });
    expect(run(filter.program, 'keyctl')).toEqual({ kind: 'notify' });
    expect(run(filter.oracle, 'read')).toEqual({ kind: 'allow' });
    expect(run(filter.oracle, 'keyctl')).toEqual({ kind: 'errno', errno: 1 });
    expect(run(filter.oracle, 'clone3')).toEqual({ kind: 'errno', errno: 38 });
  });

  it('captures the arguments the base conditions on, and ioctl requests', () => {
    const triples = [...captureList(base)];
    const mask = (name: string) => {
      for (let i = 0; i < triples.length; i += 3) if (triples[i] === X86 && triples[i + 1] === syscallNumber('x86_64', name)) return triples[i + 2];
      return undefined;
    };
    expect(mask('socket')).toBe(1);
    expect(mask('personality')).toBe(1);
    expect(mask('ioctl')).toBe(2);
    expect(mask('read')).toBeUndefined();
  });
});

describe('learnSeccomp', () => {
  it('allows what was seen, narrows one-argument comparisons to the values seen, keeps masks as the base wrote them', () => {
    const { calls } = nameCalls([call('read'), call('socket', [2n]), call('socket', [10n]), call('clone', [0x1200011n]), call('personality', [0xffffffffn])]);
    const learned = learnSeccomp(calls, base);
    const rules = learned.allow.map((r) => [r.name, r.args.map((c) => `${c.index}${c.op}${c.value}/${c.valueTwo}`)]);
    expect(rules).toEqual(expect.arrayContaining([
      ['read', []],
      ['socket', ['0EQ2/0']],
      ['socket', ['0EQ10/0']],
      ['clone', ['0MASKED_EQ2114060288/0']],
      ['personality', ['0EQ4294967295/0']],
    ]));
    expect(learned.arches).toEqual(['x86_64']);
    expect(learned.errno).toContainEqual({ name: 'clone3', errno: 38 });
  });

  it('leaves out what the base refused, and falls back to the base conditions past 64 values', () => {
    const { calls } = nameCalls([call('keyctl', [], { denied: true }), call('socket', [], { overflow: true, args: [null, null, null, null, null, null] })]);
    const learned = learnSeccomp(calls, base);
    expect(learned.allow.some((r) => r.name === 'keyctl')).toBe(false);
    expect(learned.allow.filter((r) => r.name === 'socket').map((r) => r.args.map((c) => `${c.op}${c.value}`).join()).sort()).toEqual(['EQ39', 'GT40', 'LT38']);
  });

  it('writes Docker JSON that reads back to the same rules, and a merge is the union', () => {
    const a = learnSeccomp(nameCalls([call('read'), call('socket', [2n])]).calls, base);
    const b = learnSeccomp(nameCalls([call('write'), call('socket', [10n]), { ...call('getppid'), arch: AUDIT_ARCH.i386, nr: syscallNumber('i386', 'getppid')! }]).calls, base);
    const again = fromProfile(loadProfile('a.json', seccompJson(a, 'test')), 'x86_64');
    expect(again.allow).toEqual(a.allow);
    expect(again.errno).toEqual(a.errno);
    const merged = mergeSeccomp(a, b);
    expect(merged.allow.map((r) => r.name)).toEqual(expect.arrayContaining(['read', 'write', 'getppid']));
    expect(merged.allow.filter((r) => r.name === 'socket')).toHaveLength(2);
    expect(merged.arches).toEqual(['x86_64', 'i386']);
    expect(JSON.parse(seccompJson(merged, 'm')).archMap).toEqual([{ architecture: 'SCMP_ARCH_X86_64', subArchitectures: ['SCMP_ARCH_X86'] }]);
  });

  it('forbids what the base allowed and the run did not use', () => {
    const learned = learnSeccomp(nameCalls([call('read'), call('write')]).calls, base);
    const unused = unusedSyscalls(base, learned, ['keyctl'], syscallNames);
    expect(unused).toEqual(expect.arrayContaining(['openat', 'socket', 'keyctl']));
    expect(unused).not.toContain('read');
  });
});
