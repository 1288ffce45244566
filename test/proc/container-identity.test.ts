/** Container identity from /proc/PID/cgroup and the runtimes' state, on a fake /proc. */
import { describe, expect, it } from 'vitest';
import { containerFromPath } from '../../engine/inputs/proc/container-from-cgroup.js';
import { scanProcesses } from '../../engine/inputs/proc/scan.js';
import { containerLabel } from '../../engine/model/container.js';
import { HYBRID_MOUNTS, addProcess, fakeHost } from '../helpers/fake-proc.js';

const ID = '3f2a9c1b7e4d5a6b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d';
const POD = '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';

describe('the container a cgroup path names', () => {
  const cases: [string, string, Record<string, unknown> | undefined][] = [
    ['Kubernetes, containerd, systemd driver', `/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod${POD.replace(/-/g, '_')}.slice/cri-containerd-${ID}.scope`, { runtime: 'containerd', id: ID, pod: { uid: POD } }],
    ['Kubernetes, CRI-O, systemd driver', `/kubepods.slice/kubepods-pod${POD.replace(/-/g, '_')}.slice/crio-${ID}.scope`, { runtime: 'cri-o', id: ID, pod: { uid: POD } }],
    ['Kubernetes, cgroupfs driver', `/kubepods/besteffort/pod${POD}/${ID}`, { runtime: 'kubernetes', id: ID, pod: { uid: POD } }],
    ['Docker, systemd driver', `/system.slice/docker-${ID}.scope`, { runtime: 'docker', id: ID }],
    ['Docker, cgroupfs driver', `/docker/${ID}`, { runtime: 'docker', id: ID }],
    ['Podman', `/machine.slice/libpod-${ID}.scope/container`, { runtime: 'podman', id: ID }],
    ['Podman, cgroupfs', `/libpod_parent/libpod-${ID}`, { runtime: 'podman', id: ID }],
    ['LXC', '/lxc/web', { runtime: 'lxc', id: 'web' }],
    ['LXC 4', '/lxc.payload.web', { runtime: 'lxc', id: 'web' }],
    ['runc, systemd driver', '/system.slice/runc-t1.scope', { runtime: 'runc', id: 't1' }],
    ['a systemd service', '/system.slice/nginx.service', { runtime: 'systemd', id: 'nginx.service' }],
    ['a container below a service wins', `/system.slice/containerd.service/docker-${ID}.scope`, { runtime: 'docker', id: ID }],
    ['CRI-O conmon is not a container', `/kubepods.slice/crio-conmon-${ID}.scope`, undefined],
    ['an LXC monitor is not a container', '/lxc.monitor.web', undefined],
    ['the root', '/', undefined],
    ['a user session', '/user.slice/user-1000.slice/session-2.scope', undefined],
    ['a 64-hex directory outside kubepods and docker', `/other/${ID}`, undefined],
  ];
  it.each(cases)('%s', (_, path, expected) => {
    const found = containerFromPath(path);
    if (expected === undefined) expect(found).toBeUndefined();
    else expect(found).toEqual({ ...expected, cgroup: path });
  });
});

function runcHost() {
  const fake = fakeHost({ mountinfo: HYBRID_MOUNTS });
  addProcess(fake, { pid: 40, comm: 'sleep', startTime: '777', cgroup: '4:memory:/t1\n3:pids:/t1\n0::/t1\n' });
  addProcess(fake, { pid: 41, comm: 'sh', cgroup: '4:memory:/t1\n3:pids:/t1\n0::/t1\n' });
  addProcess(fake, { pid: 50, comm: 'bash', cgroup: '4:memory:/\n3:pids:/\n0::/\n' });
  fake.file('/run/runc/t1/state.json', JSON.stringify({ id: 't1', init_process_pid: 40, init_process_start: 777, config: { labels: ['bundle=/srv/b1'] } }));
  fake.file('/srv/b1/config.json', '{}');
  fake.links.set('/srv/b1/config.json', { dev: 1, ino: 2 });
  return fake;
}

describe('containers of a scan', () => {
  it('recognises a runc container by its state: every process in its init\'s cgroup, with the bundle config', () => {
    const subjects = scanProcesses({ fs: runcHost() }).subjects.map((s) => s.subject);
    const byPid = new Map(subjects.map((s) => [s.pid, s.container]));
    const expected = { runtime: 'runc', id: 't1', cgroup: '/t1', bundle: '/srv/b1', config: '/srv/b1/config.json' };
    expect(byPid.get(40)).toEqual(expected);
    expect(byPid.get(41)).toEqual(expected);
    expect(byPid.get(50)).toBeUndefined();
    expect(containerLabel(byPid.get(40)!)).toBe('runc t1');
  });

  it('does not trust runc state whose init pid was reused by another process', () => {
    const fake = runcHost();
    fake.file('/run/runc/t1/state.json', JSON.stringify({ id: 't1', init_process_pid: 40, init_process_start: 778, config: { labels: ['bundle=/srv/b1'] } }));
    const s = scanProcesses({ fs: fake, pids: [41] }).subjects[0]!.subject;
    expect(s.container).toBeUndefined();
  });

  it('names a Kubernetes container from its bundle annotations and a Docker one from config.v2.json', () => {
    const fake = fakeHost();
    addProcess(fake, { pid: 60, cgroup: `0::/kubepods.slice/kubepods-pod${POD.replace(/-/g, '_')}.slice/cri-containerd-${ID}.scope\n` });
    const bundle = `/run/containerd/io.containerd.runtime.v2.task/k8s.io/${ID}`;
    fake.file(`${bundle}/config.json`, JSON.stringify({ annotations: { 'io.kubernetes.cri.container-name': 'nginx', 'io.kubernetes.cri.sandbox-name': 'web-0', 'io.kubernetes.cri.sandbox-namespace': 'shop' } }));
    fake.links.set(`${bundle}/config.json`, { dev: 1, ino: 3 });
    const other = 'a'.repeat(64);
    addProcess(fake, { pid: 61, cgroup: `0::/system.slice/docker-${other}.scope\n` });
    fake.file(`/var/lib/docker/containers/${other}/config.v2.json`, JSON.stringify({ Name: '/db' }));
    const [k8s, docker] = scanProcesses({ fs: fake, pids: [60, 61] }).subjects.map((s) => s.subject.container!);
    expect(k8s).toMatchObject({ runtime: 'containerd', id: ID, name: 'nginx', pod: { uid: POD, name: 'web-0', namespace: 'shop' }, config: `${bundle}/config.json` });
    expect(containerLabel(k8s!)).toBe('containerd shop/web-0/nginx');
    expect(docker).toMatchObject({ runtime: 'docker', id: other, name: 'db' });
    expect(containerLabel(docker!)).toBe('docker db (aaaaaaaaaaaa)');
  });
});
