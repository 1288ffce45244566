/** Grouping: processes that differ in any one field of the key are not grouped together. */
import { describe, expect, it } from 'vitest';
import { scanProcesses } from '../../engine/inputs/proc/scan.js';
import { groupFields } from '../../engine/audit/group-key.js';
import { groupProcesses } from '../../engine/audit/group-processes.js';
import type { LocatedSubject } from '../../engine/model/located.js';
import type { Subject } from '../../engine/model/subject.js';
import { addProcess, fakeHost } from '../helpers/fake-proc.js';
import type { FakeProcess } from '../helpers/fake-proc.js';

/** Two processes, 10 and 11, alike but for what `second` changes. */
function pair(second: Partial<FakeProcess> = {}): LocatedSubject[] {
  const fake = fakeHost();
  addProcess(fake, { pid: 10, comm: 'sleep', cgroup: '0::/work\n' });
  addProcess(fake, { pid: 11, comm: 'sleep', cgroup: '0::/work\n', ...second });
  return scanProcesses({ fs: fake, pids: [10, 11] }).subjects;
}

function withSubject(located: LocatedSubject, change: (s: Subject) => Subject): LocatedSubject {
  return { ...located, subject: change(located.subject) };
}

const groupsOf = (subjects: LocatedSubject[]) => groupProcesses(subjects).map((g) => g.pids);

describe('the grouping key', () => {
  it('names every field the issue asks for, and nothing per-process', () => {
    expect(Object.keys(groupFields(pair()[0]!.subject)).sort()).toEqual(['capabilities', 'cgroup', 'container', 'credentials', 'lsm', 'namespaces', 'noNewPrivileges', 'seccomp', 'threads']);
  });

  it('puts identical processes in one group, whatever their pid and command line', () => {
    expect(groupsOf(pair({ cmdline: ['sleep', '99'] }))).toEqual([[10, 11]]);
  });

  const fromProc: [string, Partial<FakeProcess>][] = [
    ['credentials (uid)', { status: { Uid: '1000\t1000\t1000\t1000' } }],
    ['credentials (saved gid)', { status: { Gid: '0\t0\t5\t0' } }],
    ['capability sets (effective)', { status: { CapEff: '0000000000000400' } }],
    ['capability sets (ambient)', { status: { CapAmb: '0000000000000400' } }],
    ['namespace set (network)', { ns: { net: 4026532999 } }],
    ['namespace set (user)', { ns: { user: 4026532998 } }],
    ['seccomp mode', { status: { Seccomp: '2', Seccomp_filters: '1' } }],
    ['no_new_privs', { status: { NoNewPrivs: '1' } }],
    ['cgroup', { cgroup: '0::/other\n' }],
  ];
  it.each(fromProc)('separates processes that differ only in %s', (_, second) => {
    expect(groupsOf(pair(second))).toEqual([[10], [11]]);
  });

  const fromModel: [string, (s: Subject) => Subject][] = [
    ['container', (s) => ({ ...s, container: { runtime: 'runc', id: 't2', cgroup: '/work' } })],
    ['seccomp filter hash', (s) => ({ ...s, process: { ...s.process!, filterHash: 'f'.repeat(64) } })],
    ['LSM label (AppArmor)', (s) => ({ ...s, lsm: { ...s.lsm, apparmor: 'docker-default' } })],
    ['LSM label (SELinux)', (s) => ({ ...s, lsm: { ...s.lsm, selinux: 'system_u:system_r:container_t:s0:c1,c2' } })],
    ['threads whose credentials differ', (s) => ({ ...s, process: { ...s.process!, threads: [{ tid: 12, fields: ['CapEff'] }] } })],
  ];
  it.each(fromModel)('separates processes that differ only in %s', (_, change) => {
    const [a, b] = pair();
    expect(groupsOf([a!, withSubject(b!, change)])).toEqual([[10], [11]]);
  });

  it('judges 1,000 identical processes as one group named by its count', () => {
    const fake = fakeHost();
    const pids = Array.from({ length: 1000 }, (_, i) => 100 + i);
    for (const pid of pids) addProcess(fake, { pid, comm: 'sleep', cgroup: '0::/work\n', status: { Threads: '1' } });
    const groups = groupProcesses(scanProcesses({ fs: fake, pids }).subjects);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.pids).toEqual(pids);
    expect(groups[0]!.representative.subject.name).toBe('g1 (1000 processes: sleep)');
  });
});
