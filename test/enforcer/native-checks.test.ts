/** The addon re-checks the plan's types itself and starts nothing when one is wrong. */
import { describe, expect, it } from 'vitest';
import { loadBinding } from '../../enforcer/load-binding.js';
import type { NativePlan } from '../../enforcer/native-binding.js';

const base: NativePlan = {
  file: '/bin/true', argv: ['true'], env: [], cwd: null, lastCap: 40, dropBounding: false, bounding: 0n,
  setCapabilities: false, permitted: 0n, effective: 0n, inheritable: 0n, ambient: 0n, uid: null, gid: null,
  noNewPrivs: true, seccomp: null, seccompFlags: 0,
};

describe.skipIf(process.platform !== 'linux')('native argument checks', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['empty argv', { argv: [] }, /argv must be a non-empty array/],
    ['a negative mask', { bounding: -1n }, /bounding must be a bigint between 0 and 2\^64-1/],
    ['a number for a mask', { permitted: 5 }, /permitted must be a bigint/],
    ['uid without gid', { uid: 5 }, /uid and gid must be both set or both null/],
    ['a NUL in an argument', { argv: ['a\0b'] }, /argv must be strings without NUL bytes/],
    ['a filter of 7 bytes', { seccomp: new Uint8Array(7) }, /seccomp must be 1 to 4096 instructions/],
    ['NEW_LISTENER', { seccomp: new Uint8Array(8), seccompFlags: 8 }, /seccompFlags must be an integer in range/],
    ['flags without a filter', { seccompFlags: 1 }, /seccompFlags must be 0 when there is no filter/],
  ];
  it.each(cases)('rejects %s', (_label, change, message) => {
    expect(() => loadBinding().launch({ ...base, ...change } as NativePlan)).toThrow(message);
  });

  it('signals and waits only on pidfds of children it started (never a number closed and reused)', () => {
    expect(loadBinding().signal(0, 0)).toBe(false); // fd 0 is open, but not a pidfd the addon handed out
    expect(() => loadBinding().waitExit(0)).toThrow(/not the pidfd of a child this addon started/);
  });

  it('refuses a filter dump without a deadline', () => {
    expect(() => (loadBinding().dumpSeccompFilters as unknown as (pid: number) => unknown)(1)).toThrow(/timeoutMs/);
  });
});
