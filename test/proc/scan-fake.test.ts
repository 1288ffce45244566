import { describe, expect, it } from 'vitest';
import { scanProcesses } from '../../engine/inputs/proc/scan.js';
import type { Subject } from '../../engine/model/subject.js';
import { HYBRID_MOUNTS, addProcess, fakeHost } from '../helpers/fake-proc.js';

function only(fake: ReturnType<typeof fakeHost>, pid: number, extra: Parameters<typeof scanProcesses>[0] = {}): Subject {
  const result = scanProcesses({ fs: fake, pids: [pid], ...extra });
  expect(result.errors).toEqual([]);
  return result.subjects[0]!.subject;
}

describe('capabilities against cap_last_cap', () => {
  it('names bits past the name table CAP_<n> and keeps them', () => {
    const fake = addProcess(fakeHost({ lastCap: '42\n' }), { pid: 10, status: { CapEff: '0000060000000400', CapPrm: '0000060000000400', CapBnd: '000007ffffffffff' } });
    const s = only(fake, 10);
    expect(s.capabilities.effective).toEqual(['CAP_NET_BIND_SERVICE', 'CAP_41', 'CAP_42']);
    expect(s.capabilities.bounding).toHaveLength(43);
    expect(s.process?.capabilityMasks.effective).toBe('0000060000000400');
  });

  it('masks bits above cap_last_cap (old kernels print ffffffffffffffff for CapBnd) but keeps the raw mask', () => {
    const fake = addProcess(fakeHost({ lastCap: '37\n' }), { pid: 10, status: { CapBnd: 'ffffffffffffffff' } });
    const s = only(fake, 10);
    expect(s.capabilities.bounding).toHaveLength(38);
    expect(s.process?.capabilityMasks.bounding).toBe('ffffffffffffffff');
  });

  it('decodes every bit when cap_last_cap is unreadable, and says so', () => {
    const fake = addProcess(fakeHost(), { pid: 10, status: { CapEff: '8000000000000001' } });
    fake.file('/proc/sys/kernel/cap_last_cap', { errno: 'EACCES' });
    const result = scanProcesses({ fs: fake, pids: [10] });
    expect(result.subjects[0]!.subject.capabilities.effective).toEqual(['CAP_CHOWN', 'CAP_63']);
    expect(result.summary.unreadable).toMatchObject({ 'cap_last_cap: permission denied': 1 });
    expect(result.subjects[0]!.subject.privileged).toMatchObject({ unknown: true });
  });
});

describe('namespaces against the reference', () => {
  it('tells shared from own namespaces by (dev, inode)', () => {
    const fake = addProcess(fakeHost(), { pid: 10, ns: { net: 4026532100, pid: 4026532101 } });
    const s = only(fake, 10);
    expect(s.namespaces.network).toEqual({ state: 'isolated' });
    expect(s.namespaces.pid).toEqual({ state: 'isolated' });
    expect(s.namespaces.mount).toEqual({ state: 'host' });
  });

  it('reports another user\'s unreadable ns links as unknown with the reason, never as safe', () => {
    const fake = addProcess(fakeHost(), { pid: 10, ns: { net: { errno: 'EACCES' } } });
    const result = scanProcesses({ fs: fake, pids: [10] });
    expect(result.subjects[0]!.subject.namespaces.network).toEqual({ state: 'unknown', reason: '/proc/PID/ns/net: permission denied' });
    expect(result.summary.unreadable['namespaces: permission denied']).toBe(1);
  });

  it('falls back to kthreadd when PID 1 is unreadable, and uses --reference as given', () => {
    const fake = addProcess(fakeHost(), { pid: 2, ppid: 0, comm: 'kthreadd', flags: 0x00200000 });
    fake.links.set('/proc/1/ns/net', { errno: 'EACCES' });
    addProcess(fake, { pid: 10, ns: { net: 4026532100 } });
    const result = scanProcesses({ fs: fake, pids: [10] });
    expect(result.subjects[0]!.subject.process?.reference).toBe(2);
    expect(result.summary.notes[0]).toMatch(/PID 2 \(kthreadd\)/);
    const asked = scanProcesses({ fs: fake, pids: [10], reference: 10 });
    expect(asked.subjects[0]!.subject.namespaces.network).toEqual({ state: 'host' });
  });
});

describe('cgroup limits', () => {
  it('takes the tightest limit along the v2 path', () => {
    const fake = addProcess(fakeHost(), { pid: 10, cgroup: '0::/a/b\n' });
    fake.file('/sys/fs/cgroup/cgroup.controllers', 'cpu memory pids\n')
      .file('/sys/fs/cgroup/a/memory.max', '1073741824\n').file('/sys/fs/cgroup/a/b/memory.max', 'max\n')
      .file('/sys/fs/cgroup/a/pids.max', 'max\n').file('/sys/fs/cgroup/a/b/pids.max', '64\n')
      .file('/sys/fs/cgroup/a/cpu.max', '50000 100000\n').file('/sys/fs/cgroup/a/b/cpu.max', '150000 100000\n');
    const s = only(fake, 10);
    expect(s.limits).toEqual({ memory: 1073741824, pids: 64, cpu: { quota: 50000, period: 100000 } });
    expect(s.process?.limitSources.memory).toBe('/sys/fs/cgroup/a');
  });

  it('reads v1 controllers on a hybrid host and treats the v1 "unlimited" number as no limit', () => {
    const fake = addProcess(fakeHost({ mountinfo: HYBRID_MOUNTS }), { pid: 10, cgroup: '5:devices:/\n4:memory:/x\n3:pids:/\n2:cpu,cpuacct:/x\n0::/\n' });
    fake.file('/sys/fs/cgroup/unified/cgroup.controllers', '\n')
      .file('/sys/fs/cgroup/memory/x/memory.limit_in_bytes', '9223372036854771712\n').file('/sys/fs/cgroup/memory/memory.limit_in_bytes', '9223372036854771712\n')
      .file('/sys/fs/cgroup/pids/pids.max', 'max\n')
      .file('/sys/fs/cgroup/cpu,cpuacct/x/cpu.cfs_quota_us', '25000\n').file('/sys/fs/cgroup/cpu,cpuacct/x/cpu.cfs_period_us', '100000\n')
      .file('/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us', '-1\n').file('/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us', '100000\n')
      .file('/sys/fs/cgroup/devices/devices.list', 'a *:* rwm\n');
    const s = only(fake, 10);
    expect(s.limits).toEqual({ memory: null, pids: null, cpu: { quota: 25000, period: 100000 } });
    expect(s.deviceRules).toEqual([{ allow: true, type: 'a', major: null, minor: null, access: 'rwm' }]);
  });

  it('says a limit is unknown when no hierarchy carries the controller, or its file is unreadable', () => {
    const fake = addProcess(fakeHost(), { pid: 10, cgroup: '0::/a\n' });
    fake.file('/sys/fs/cgroup/cgroup.controllers', 'memory\n').file('/sys/fs/cgroup/a/memory.max', { errno: 'EACCES' });
    const s = only(fake, 10);
    expect(s.limits.memory).toEqual({ unknown: true, reason: '/sys/fs/cgroup/a: permission denied' });
    expect(s.limits.pids).toMatchObject({ unknown: true, reason: expect.stringContaining('no cgroup hierarchy with the pids controller') });
  });
});

describe('robustness', () => {
  it('skips kernel threads and zombies unless --all, and counts them', () => {
    const fake = addProcess(fakeHost(), { pid: 2, ppid: 0, comm: 'kthreadd', flags: 0x00200000 });
    addProcess(fake, { pid: 11, state: 'Z' });
    addProcess(fake, { pid: 12 });
    const result = scanProcesses({ fs: fake });
    expect(result.subjects.map((s) => s.subject.pid)).toEqual([1, 12]);
    expect(result.summary.skipped).toEqual({ 'kernel thread': 1, zombie: 1 });
    expect(scanProcesses({ fs: fake, all: true }).subjects.map((s) => s.subject.pid)).toEqual([1, 2, 11, 12]);
  });

  it('drops a pid reused during the scan (start time changed) and one that vanished', () => {
    let reads = 0;
    const fake = addProcess(fakeHost(), { pid: 20, startTime: () => String(500 + reads++) });
    addProcess(fake, { pid: 21 });
    fake.file('/proc/21/status', { errno: 'ESRCH' });
    const result = scanProcesses({ fs: fake });
    expect(result.subjects.map((s) => s.subject.pid)).toEqual([1]);
    expect(result.summary.skipped).toEqual({ 'pid reused during the scan': 1, 'exited during the scan': 1 });
    expect(scanProcesses({ fs: fake, pids: [21] }).errors[0]?.message).toBe('process 21 exited while it was being read');
  });

  it('reports threads whose credentials differ from the leader\'s', () => {
    const fake = addProcess(fakeHost(), { pid: 30 });
    fake.file('/proc/30/task/31/status', fake.read('/proc/30/status').replace(/CapEff:.*/, 'CapEff:\t0000000000000000').replace(/Uid:.*/, 'Uid:\t1000\t1000\t1000\t1000'));
    expect(only(fake, 30).process?.threads).toEqual([{ tid: 31, fields: ['Uid', 'CapEff'] }]);
  });

  it('notes a hidepid=2 proc mount', () => {
    const fake = fakeHost({ mountinfo: '23 22 0:21 / /proc rw,relatime - proc proc rw,hidepid=invisible\n' });
    expect(scanProcesses({ fs: fake }).summary.notes).toEqual(['procfs is mounted with hidepid=2: other users\' processes are not listed at all']);
  });

  it('keeps only the processes of a cgroup and its children with --cgroup', () => {
    const fake = addProcess(fakeHost(), { pid: 40, cgroup: '0::/web/worker\n' });
    addProcess(fake, { pid: 41, cgroup: '0::/webby\n' });
    expect(scanProcesses({ fs: fake, cgroup: '/web' }).subjects.map((s) => s.subject.pid)).toEqual([40]);
  });
});

describe('the rest of the model', () => {
  it('reads seccomp, no_new_privs, ids, maps, LSM label and mountinfo', () => {
    const fake = addProcess(fakeHost(), {
      pid: 50, status: { Seccomp: '2', Seccomp_filters: '3', NoNewPrivs: '1', Uid: '1000\t0\t1001\t0', Gid: '100\t100\t100\t100' },
      mountinfo: '1 0 8:1 / / ro,relatime - ext4 /dev/sda1 rw\n2 1 0:5 /null /proc/kcore rw - devtmpfs udev rw\n3 1 0:21 /sys /proc/sys ro,relatime - proc proc rw\n',
    });
    fake.file('/proc/50/attr/apparmor/current', 'docker-default (enforce)\n');
    const s = only(fake, 50);
    expect(s.seccomp).toEqual({ mode: 'filter', filters: 3 });
    expect(s.noNewPrivileges).toBe(true);
    expect(s.user).toEqual({ uid: 0, gid: 100 });
    expect(s.process?.uids).toEqual({ real: 1000, effective: 0, saved: 1001, fs: 0 });
    expect(s.uidMappings).toEqual([{ containerID: 0, hostID: 0, size: 4294967295 }]);
    expect(s.lsm).toEqual({ apparmor: 'docker-default', selinux: null });
    expect(s.readOnlyRootfs).toBe(true);
    expect(s.maskedPaths).toEqual(['/proc/kcore']);
    expect(s.readonlyPaths).toEqual(['/proc/sys']);
    expect(s.name).toBe('pid 50 (sleep)');
  });
});

describe('--cgroup', () => {
  it('takes a directory of a mounted hierarchy as well as a cgroup path', () => {
    const fake = addProcess(fakeHost({ mountinfo: HYBRID_MOUNTS }), { pid: 40, cgroup: '4:memory:/web/worker\n0::/\n' });
    addProcess(fake, { pid: 41, cgroup: '4:memory:/db\n0::/\n' });
    expect(scanProcesses({ fs: fake, cgroup: '/sys/fs/cgroup/memory/web' }).subjects.map((s) => s.subject.pid)).toEqual([40]);
    expect(scanProcesses({ fs: fake, cgroup: '/sys/fs/cgroup/memory' }).subjects.map((s) => s.subject.pid)).toEqual([1, 40, 41]);
  });
});

describe('processes read alike share their Subject parts', () => {
  const scan = (fake: ReturnType<typeof fakeHost>, pids: number[]) => {
    const result = scanProcesses({ fs: fake, pids });
    expect(result.errors).toEqual([]);
    return result;
  };

  it('shares what their texts decide and keeps each one its own pid, parent, command and nested pids', () => {
    const fake = fakeHost();
    addProcess(fake, { pid: 10, ppid: 1, cmdline: ['sleep', '10'], status: { Threads: '1' } });
    addProcess(fake, { pid: 11, ppid: 10, cmdline: ['sleep', '11'], status: { Threads: '1' } });
    const both = scan(fake, [10, 11]);
    const [a, b] = both.subjects.map((s) => s.subject);
    // What could not be read (here: no hierarchy carries a controller) is counted per process, as two scans of one each count it.
    const alone = [10, 11].map((pid) => scan(fake, [pid]).summary.unreadable);
    expect(Object.keys(both.summary.unreadable).length).toBeGreaterThan(0);
    for (const [reason, n] of Object.entries(both.summary.unreadable)) expect(n).toBe((alone[0]![reason] ?? 0) + (alone[1]![reason] ?? 0));
    for (const field of ['capabilities', 'namespaces', 'mounts', 'limits', 'user', 'seccomp', 'lsm', 'uidMappings'] as const) expect(b![field]).toBe(a![field]);
    expect(b!.process!.capabilityMasks).toBe(a!.process!.capabilityMasks);
    expect([a!.pid, b!.pid]).toEqual([10, 11]);
    expect([a!.name, b!.name]).toEqual(['pid 10 (sleep)', 'pid 11 (sleep)']);
    expect([a!.process!.ppid, b!.process!.ppid]).toEqual([1, 10]);
    expect([a!.process!.command, b!.process!.command]).toEqual([['sleep', '10'], ['sleep', '11']]);
    expect([a!.process!.nsPids, b!.process!.nsPids]).toEqual([[10], [11]]);
  });

  // One raw text changed at a time: the second process must show its own value, never the first one's.
  const variants: [string, Parameters<typeof addProcess>[1], (s: Subject) => unknown, unknown][] = [
    ['set of effective capabilities', { pid: 11, status: { CapEff: '0000000000000400' } }, (s) => s.capabilities.effective, ['CAP_NET_BIND_SERVICE']],
    ['user id', { pid: 11, status: { Uid: '1000\t1000\t1000\t1000' } }, (s) => s.user.uid, 1000],
    ['no_new_privs flag', { pid: 11, status: { NoNewPrivs: '1' } }, (s) => s.noNewPrivileges, true],
    ['seccomp mode', { pid: 11, status: { Seccomp: '2', Seccomp_filters: '1' } }, (s) => s.seccomp, { mode: 'filter', filters: 1 }],
    ['namespace', { pid: 11, ns: { net: 4026532100 } }, (s) => s.namespaces.network, { state: 'isolated' }],
    ['cgroup', { pid: 11, cgroup: '0::/system.slice/docker-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.scope\n' }, (s) => s.container?.runtime, 'docker'],
    ['kernel-thread flag', { pid: 11, flags: 0x00200000 }, (s) => s.process?.kernelThread, true],
  ];
  for (const [what, second, pick, expected] of variants) {
    it(`does not share across a different ${what}`, () => {
      const fake = fakeHost();
      addProcess(fake, { pid: 10 });
      addProcess(fake, second);
      const [a, b] = scanProcesses({ fs: fake, pids: [10, 11], all: true }).subjects.map((s) => s.subject);
      expect(pick(b!)).toEqual(expected);
      expect(pick(a!)).not.toEqual(expected);
    });
  }

  it('takes a process\'s nested pids from its own NSpid line, not from a name that spells one', () => {
    const fake = fakeHost();
    addProcess(fake, { pid: 10, comm: 'x NSpid:\t1' });
    addProcess(fake, { pid: 11 });
    const [a, b] = scan(fake, [10, 11]).subjects.map((s) => s.subject);
    expect(a!.process!.nsPids).toEqual([10]);
    expect(b!.process!.nsPids).toEqual([11]);
  });

  it('shares nothing that was unreadable: a later process with readable files gets its own', () => {
    const fake = fakeHost();
    addProcess(fake, { pid: 10 });
    addProcess(fake, { pid: 11 });
    fake.file('/proc/10/uid_map', { errno: 'EACCES' });
    const result = scan(fake, [10, 11]);
    const [a, b] = result.subjects.map((s) => s.subject);
    expect(a!.uidMappings).toMatchObject({ unknown: true });
    expect(b!.uidMappings).toEqual([{ containerID: 0, hostID: 0, size: 4294967295 }]);
    expect(result.summary.unreadable['uid/gid map: permission denied']).toBe(1);
  });

  it('counts what a shared part could not read once per process, as reading each alone does', () => {
    const fake = fakeHost();
    for (const pid of [10, 11, 12]) addProcess(fake, { pid, ns: { net: { errno: 'EACCES' } } });
    const result = scan(fake, [10, 11, 12]);
    expect(result.summary.unreadable['namespaces: permission denied']).toBe(3);
    expect(result.subjects.map((s) => s.subject.namespaces.network.state)).toEqual(['unknown', 'unknown', 'unknown']);
  });
});
