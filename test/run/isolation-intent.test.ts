/** Namespaces and limits asked for (profile, then flags) and decided (what caplint holds): no process is started. */
import { describe, expect, it } from 'vitest';
import { isolationIntent } from '../../engine/run/isolation-intent.js';
import type { IsolationFlags } from '../../engine/run/isolation-intent.js';
import { decideIsolation } from '../../engine/run/decide-isolation.js';
import type { RunProfile } from '../../engine/run/run-profile.js';
import type { ConfinementStatus } from '../../enforcer/proc-status.js';
import { CaplintError, UsageError } from '../../engine/errors.js';

const NO_FLAGS: IsolationFlags = { unshare: [], mapRootUser: false, mountProc: false };
const profile = (namespaces: RunProfile['namespaces'], limits: RunProfile['limits'] = {}, more: Partial<RunProfile> = {}): RunProfile => ({
  name: 'p', builtIn: false, file: '/p.json', allow: [], noNewPrivileges: true, seccomp: 'default', seccompFlags: [], forbiddenSyscalls: [], unknownSyscalls: [],
  namespaces, limits, filesystem: {}, init: true, ...more, place: () => ({ file: '/p.json', line: 7, column: 3 }),
});
const FULL = (1n << 41n) - 1n;
const ROOT: ConfinementStatus = { capInh: 0n, capPrm: FULL, capEff: FULL, capBnd: FULL, capAmb: 0n, noNewPrivs: false, seccomp: 0, seccompFilters: 0, uids: [0, 0, 0, 0] };
const NOBODY: ConfinementStatus = { ...ROOT, capPrm: 0n, capEff: 0n, uids: [65534, 65534, 65534, 65534] };
const WRITABLE = () => [{ version: 1 as const, controllers: ['pids' as const], parentDir: '/sys/fs/cgroup/pids', parentPath: '/' }];

describe('isolationIntent', () => {
  it('takes the profile\'s isolated namespaces and limits, and adds the flags', () => {
    const r = isolationIntent(profile({ pid: 'isolated', network: 'isolated', ipc: 'any' }, { pids: { required: true, max: 64 }, cpu: { required: false } }), {
      ...NO_FLAGS, unshare: ['user,uts', 'mnt'], hostname: 'box', cpus: '0.2',
    });
    expect(r.namespaces).toEqual(['user', 'pid', 'mount', 'net', 'uts']);
    expect(r.mapTo).toEqual({ uid: 0, gid: 0 });
    expect(r.hostname).toBe('box');
    expect(r.limits).toEqual({ pids: 64, cpu: 0.2 });
  });

  it('--map-user implies a user namespace with that mapping; --memory takes sizes', () => {
    const r = isolationIntent(undefined, { ...NO_FLAGS, mapUser: '1000:1001', memory: '256Mi' });
    expect(r.namespaces).toEqual(['user']);
    expect(r.mapTo).toEqual({ uid: 1000, gid: 1001 });
    expect(r.limits).toEqual({ memory: 256 * 2 ** 20 });
  });

  it('refuses bad flags with one sentence each', () => {
    expect(() => isolationIntent(undefined, { ...NO_FLAGS, unshare: ['pdi'] })).toThrow(new UsageError('--unshare "pdi" is not a namespace caplint run creates (user, pid, mount, net, ipc, uts, cgroup) (did you mean pid?)'));
    expect(() => isolationIntent(undefined, { ...NO_FLAGS, mapUser: 'root' })).toThrow(/--map-user "root" is not UID:GID/);
    expect(() => isolationIntent(undefined, { ...NO_FLAGS, mapRootUser: true, mapUser: '1:1' })).toThrow(/exclude each other/);
    expect(() => isolationIntent(undefined, { ...NO_FLAGS, pids: '1.5' })).toThrow(/--pids "1.5" is not a whole number/);
    expect(() => isolationIntent(undefined, { ...NO_FLAGS, memory: 'lots' })).toThrow(/--memory "lots" is not a size/);
    expect(() => isolationIntent(undefined, { ...NO_FLAGS, hostname: 'a b' })).toThrow(/--hostname "a b" is not a host name/);
  });

  it('refuses a flag above the profile\'s max, and a required limit with no max, naming the profile\'s place', () => {
    expect(() => isolationIntent(profile({}, { pids: { required: true, max: 64 } }), { ...NO_FLAGS, pids: '100' })).toThrow(/--pids 100 is above the profile's limits\.pids\.max/);
    let error: unknown;
    try {
      isolationIntent(profile({}, { memory: { required: true } }), NO_FLAGS);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CaplintError);
    expect((error as CaplintError).place).toEqual({ file: '/p.json', line: 7, column: 3 });
    expect((error as CaplintError).message).toBe('limits.memory is required but has no max, so caplint run has no value to set (add "max")');
  });

  it('lists a required time namespace as one caplint run cannot create', () => {
    expect(isolationIntent(profile({ time: 'isolated' }), NO_FLAGS).unsupported).toEqual(['time']);
  });
});

describe('decideIsolation', () => {
  const ask = (flags: Partial<IsolationFlags>) => isolationIntent(undefined, { ...NO_FLAGS, ...flags });

  it('as root: every namespace, a root map onto caplint\'s uid, /proc with pid+mount, and the child holds every capability inside', () => {
    const d = decideIsolation(ask({ unshare: ['user,pid,mount'], pids: '8' }), ROOT, 40, false, WRITABLE);
    expect(d.plan).toMatchObject({ namespaces: ['user', 'pid', 'mount'], idMap: { insideUid: 0, outsideUid: 0, denySetgroups: false }, mountProc: true });
    expect(d.limits).toEqual({ pids: 8 });
    expect(d.gaps).toEqual([]);
    expect(d.childOwn.capBnd).toBe(FULL);
  });

  it('without CAP_SYS_ADMIN: refuses namespaces other than user, unless inside a user namespace', () => {
    expect(() => decideIsolation(ask({ unshare: ['pid'] }), NOBODY, 40, false, WRITABLE)).toThrow(/creating the pid namespace needs CAP_SYS_ADMIN.*add user to --unshare/);
    const inside = decideIsolation(ask({ unshare: ['user,pid,net'] }), NOBODY, 40, false, WRITABLE);
    expect(inside.plan?.namespaces).toEqual(['user', 'pid', 'net']);
    expect(inside.plan?.idMap).toMatchObject({ outsideUid: 65534, denySetgroups: true });
    expect(inside.childOwn.capEff).toBe(FULL);
    expect(inside.childOwn.uids).toEqual([0, 0, 0, 0]);
  });

  it('with --allow-partial: leaves out what it cannot do and says so', () => {
    const d = decideIsolation(ask({ unshare: ['pid'], pids: '8' }), NOBODY, 40, true, () => 'no cgroup is writable here');
    expect(d.plan).toBeNull();
    expect(d.limits).toEqual({});
    expect(d.gaps).toEqual([
      'creating the pid namespace needs CAP_SYS_ADMIN, which caplint does not hold (add user to --unshare to create them inside a user namespace)',
      'the cgroup limits cannot be set: no cgroup is writable here',
    ]);
  });

  const KINDS = (path: string) => (path === '/proc/acpi' ? 'directory' : path === '/proc/kcore' || path === '/proc/sys' ? 'file' : 'absent') as 'directory' | 'file' | 'absent';
  const FS = profile({ mount: 'isolated' }, {}, { filesystem: { readOnlyRootfs: true, maskedPaths: ['/proc/acpi', '/proc/kcore', '/proc/nothing'], readonlyPaths: ['/proc/sys', '/proc/none'] } });

  it('the profile\'s filesystem: masks by what each path is here, leaves out absent paths, / read-only', () => {
    const d = decideIsolation(isolationIntent(FS, NO_FLAGS), ROOT, 40, false, WRITABLE, KINDS);
    expect(d.plan).toMatchObject({
      readOnlyRoot: true,
      maskedPaths: [{ path: '/proc/acpi', directory: true }, { path: '/proc/kcore', directory: false }],
      readonlyPaths: ['/proc/sys'],
    });
  });

  it('the profile\'s filesystem without a mount namespace is refused (fail closed), or dropped with --allow-partial', () => {
    const noMount = profile({ pid: 'isolated' }, {}, { filesystem: { maskedPaths: ['/proc/kcore'] } });
    expect(() => decideIsolation(isolationIntent(noMount, NO_FLAGS), ROOT, 40, false, WRITABLE, KINDS)).toThrow(/filesystem settings \(read-only \/, masked and read-only paths\) need a mount namespace/);
    const d = decideIsolation(isolationIntent(noMount, NO_FLAGS), ROOT, 40, true, WRITABLE, KINDS);
    expect(d.plan).toMatchObject({ maskedPaths: [], readonlyPaths: [], readOnlyRoot: false });
  });

  it('--no-init, or init: false in the profile, makes the command PID 1', () => {
    expect(decideIsolation(ask({ unshare: ['pid'] }), ROOT, 40, false, WRITABLE).plan?.init).toBe(true);
    expect(decideIsolation(ask({ unshare: ['pid'], noInit: true }), ROOT, 40, false, WRITABLE).plan?.init).toBe(false);
    expect(isolationIntent(profile({ pid: 'isolated' }, {}, { init: false }), NO_FLAGS).init).toBe(false);
  });
});
