/** Plan decisions from what was asked and what caplint holds, without launching. */
import { describe, expect, it } from 'vitest';
import { ConfinementRefused, decidePlan } from '../../engine/run/decide-plan.js';
import type { RunIntent } from '../../engine/run/decide-plan.js';
import type { ConfinementStatus } from '../../enforcer/proc-status.js';
import { expectedStatus, verifyStatus } from '../../enforcer/verify.js';
import { parseStatus } from '../../enforcer/proc-status.js';

const FULL = (1n << 41n) - 1n;
const ROOT: ConfinementStatus = { capInh: 0n, capPrm: FULL, capEff: FULL, capBnd: FULL, capAmb: 0n, noNewPrivs: false, seccomp: 0, seccompFilters: 0, uids: [0, 0, 0, 0] };
const NOBODY: ConfinementStatus = { ...ROOT, capPrm: 0n, capEff: 0n, uids: [65534, 65534, 65534, 65534] };
const seccomp = { program: new Uint8Array(8), flags: [], summary: 'test' };

function intent(over: Partial<RunIntent> = {}): RunIntent {
  const caps = ['CAP_CHOWN', 'CAP_KILL'];
  return { file: '/bin/true', argv: ['true'], env: {}, capabilities: { bounding: caps, permitted: caps, effective: caps, inheritable: [], ambient: [] }, noNewPrivs: true, user: null, seccomp, allowPartial: false, ...over };
}

describe('decidePlan', () => {
  it('keeps exactly the asked set as root', () => {
    const { plan, partial } = decidePlan(intent(), ROOT, 40);
    expect(partial).toBeNull();
    expect(plan.capabilities).toEqual({ bounding: 0x21n, permitted: 0x21n, effective: 0x21n, inheritable: 0n, ambient: 0n });
    expect(plan.dropBounding).toBe(true);
  });

  it('cannot keep what caplint itself lacks, and says so', () => {
    const own = { ...ROOT, capBnd: FULL & ~(1n << 5n), capPrm: FULL & ~(1n << 5n) };
    const d = decidePlan(intent(), own, 40);
    expect(d.plan.capabilities.bounding).toBe(0x1n);
    expect(d.notes).toEqual(["caplint's own bounding set lacks CAP_KILL, so the child cannot hold it either"]);
  });

  it('refuses a non-root caller without --allow-partial, and plans no bounding drop with it', () => {
    expect(() => decidePlan(intent(), NOBODY, 40)).toThrow(ConfinementRefused);
    expect(() => decidePlan(intent(), NOBODY, 40)).toThrow(/as uid 65534, without CAP_SETPCAP, caplint cannot drop the capability bounding set \(39 capabilities would stay in it\); it can set no_new_privs and the seccomp filter\..*nothing was run$/);
    const d = decidePlan(intent({ allowPartial: true }), NOBODY, 40);
    expect(d.partial).toMatch(/cannot drop the capability bounding set/);
    expect(d.plan.dropBounding).toBe(false);
    expect(d.plan.capabilities.permitted).toBe(0n);
  });

  it('refuses a seccomp filter without no_new_privs unless CAP_SYS_ADMIN stays effective', () => {
    expect(() => decidePlan(intent({ noNewPrivs: false }), ROOT, 40)).toThrow(/needs CAP_SYS_ADMIN/);
    const admin = ['CAP_SYS_ADMIN'];
    expect(decidePlan(intent({ noNewPrivs: false, capabilities: { bounding: admin, permitted: admin, effective: admin, inheritable: [], ambient: [] } }), ROOT, 40).plan.noNewPrivs).toBe(false);
  });

  it('refuses a uid change without CAP_SETUID', () => {
    expect(() => decidePlan(intent({ user: { uid: 1000, gid: 1000 }, allowPartial: true }), NOBODY, 40)).toThrow(/needs CAP_SETUID/);
  });

  it('limits ambient to permitted and inheritable', () => {
    const caps = { bounding: ['CAP_KILL'], permitted: ['CAP_KILL'], effective: ['CAP_KILL'], inheritable: [], ambient: ['CAP_KILL'] };
    expect(decidePlan(intent({ capabilities: caps }), ROOT, 40).plan.capabilities.ambient).toBe(0n);
  });
});

describe('verifyStatus', () => {
  const status = (bnd: string, eff: string, nnp: number, seccompMode: number): ConfinementStatus =>
    parseStatus(`Uid:\t0\t0\t0\t0\nCapInh:\t0000000000000000\nCapPrm:\t${eff}\nCapEff:\t${eff}\nCapBnd:\t${bnd}\nCapAmb:\t0000000000000000\nNoNewPrivs:\t${nnp}\nSeccomp:\t${seccompMode}\nSeccomp_filters:\t${seccompMode === 2 ? 1 : 0}\n`);

  it('accepts a child that matches the plan and names every difference otherwise', () => {
    const { plan } = decidePlan(intent(), ROOT, 40);
    const want = expectedStatus(plan, ROOT);
    expect(verifyStatus(status('0000000000000021', '0000000000000021', 1, 2), want, 40)).toEqual([]);
    expect(verifyStatus(status('0000000000200021', '0000000000200021', 0, 0), want, 40)).toEqual([
      'CapBnd is 0000000000200021, planned 0000000000000021 (holds CAP_SYS_ADMIN)',
      'CapEff is 0000000000200021, planned 0000000000000021 (holds CAP_SYS_ADMIN)',
      'NoNewPrivs is 0, planned 1',
      'Seccomp is 0, planned 2',
      'Seccomp_filters is 0, planned at least 1',
    ]);
  });
});
