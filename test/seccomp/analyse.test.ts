import { describe, it, expect } from 'vitest';
import { analyseProfile, actionVerdict } from '../../engine/seccomp/analyse.js';
import { source, failure } from './helpers.js';

const profile = {
  defaultAction: 'SCMP_ACT_ERRNO',
  syscalls: [
    { names: ['read', 'write'], action: 'SCMP_ACT_ALLOW' },
    { names: ['getpid'], action: 'SCMP_ACT_LOG' },
    { names: ['personality'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: 0, op: 'SCMP_CMP_EQ' }] },
    { names: ['mount'], action: 'SCMP_ACT_NOTIFY' },
    { names: ['chroot'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_SYS_CHROOT'] } },
  ],
};

describe('analyseProfile', () => {
  const src = source(profile);
  const analysis = analyseProfile(src, { caps: [] });

  it('gives a verdict per syscall name on the native architecture', () => {
    expect(analysis.verdict('read')).toBe('allow');
    expect(analysis.verdict('getpid')).toBe('allow');
    expect(analysis.verdict('personality')).toBe('conditional');
    expect(analysis.verdict('mount')).toBe('conditional');
    expect(analysis.verdict('keyctl')).toBe('deny');
    expect(analysis.verdict('chroot')).toBe('deny');
    expect(analysis.verdict('socketcall')).toBe('unknown-name');
    expect(analysis.defaultAllows).toBe(false);
    expect(analysis.defaultAction).toBe('SCMP_ACT_ERRNO');
    expect(analysis.architectures).toBeNull();
    expect(analysis.verdict('nonsense')).toBe('unknown-name');
  });

  it('follows the capability set it is given', () => {
    expect(analyseProfile(src, { caps: ['CAP_SYS_CHROOT'] }).verdict('chroot')).toBe('allow');
  });

  it('is memoised per document and options', () => {
    expect(analyseProfile(src, { caps: [] })).toBe(analysis);
    expect(analyseProfile(src, { caps: ['CAP_SYS_CHROOT'] })).not.toBe(analysis);
  });

  it('points at the rule that decides a syscall', () => {
    expect(analysis.pointerOf('write')).toBe('/syscalls/0/names/1');
    expect(analysis.pointerOf('chroot')).toBeUndefined();
    expect(src.origin?.span(analysis.pointerOf('write')!)?.line).toBe(7);
  });

  it('lists what the profile lets through', () => {
    expect(analysis.permitted()).toEqual(expect.arrayContaining(['read', 'write', 'getpid', 'personality', 'mount']));
    expect(analysis.permitted()).not.toContain('keyctl');
  });

  it('resolves for another architecture and kernel', () => {
    const arm = analyseProfile(src, { arch: 'aarch64', kernel: '6.1.0' });
    expect(arm.native.arch).toBe('aarch64');
    expect(arm.entry('read')?.nr).toBe(63);
  });

  it('reports an invalid profile with its place, and the same error on every call', () => {
    const bad = source({ defaultAction: 'SCMP_ACT_ALOW' });
    expect(failure(() => analyseProfile(bad))).toBe('profile.json:2:3: "SCMP_ACT_ALOW" is not a seccomp action (did you mean SCMP_ACT_ALLOW?)');
    let first: unknown;
    let second: unknown;
    try { analyseProfile(bad); } catch (error) { first = error; }
    try { analyseProfile(bad); } catch (error) { second = error; }
    expect(second).toBe(first);
  });

  it('maps actions to verdicts', () => {
    expect(actionVerdict({ kind: 'trace', data: 1 })).toBe('conditional');
    expect(actionVerdict({ kind: 'kill_process' })).toBe('deny');
    expect(actionVerdict({ kind: 'trap' })).toBe('deny');
  });
});

describe('a profile inside an OCI config', () => {
  const text = [
    '{',
    '  "ociVersion": "1.2.0",',
    '  "linux": {',
    '    "seccomp": {',
    '      "defaultAction": "SCMP_ACT_ERRNO",',
    '      "syscalls": [',
    '        { "names": ["ioctl"], "action": "SCMP_ACT_ALLOW", "args": [{ "index": 1, "value": 18446744073709551614, "op": "SCMP_CMP_EQ" }] },',
    '        { "names": ["mmap"], "action": "SCMP_ACT_ALOW" }',
    '      ]',
    '    }',
    '  }',
    '}',
  ].join('\n');

  it('reads 64-bit values from the config text and places errors in the config', async () => {
    const { parseJson } = await import('../../engine/inputs/json-document.js');
    const doc = parseJson('config.json', text);
    const seccomp = (doc.value as { linux: { seccomp: { syscalls: unknown[] } } }).linux.seccomp;
    const valid = { ...seccomp, syscalls: seccomp.syscalls.slice(0, 1) };
    const ok = analyseProfile({ format: 'oci', document: valid, pointer: '/linux/seccomp', file: 'config.json', origin: doc });
    expect(ok.entry('ioctl')?.rules[0]?.when[0]?.value).toBe(18446744073709551614n);
    expect(ok.check('ioctl', [0n, 18446744073709551614n])).toEqual({ kind: 'allow' });
    expect(ok.check('ioctl', [0n, 18446744073709551615n])).toEqual({ kind: 'errno', errno: 1 });
    expect(failure(() => analyseProfile({ format: 'oci', document: seccomp, pointer: '/linux/seccomp', file: 'config.json', origin: doc })))
      .toBe('config.json:8:30: "SCMP_ACT_ALOW" is not a seccomp action (did you mean SCMP_ACT_ALLOW?)');
  });
});
