import { describe, expect, it } from 'vitest';
import { hardened, lint, lineOf } from '../helpers/oci.js';

describe('mounts/no-sensitive-host-paths', () => {
  it('passes the hardened mounts (proc, tmpfs, sysfs are not bind mounts)', async () => {
    expect((await lint(hardened(), 'mounts/no-sensitive-host-paths')).findings).toEqual([]);
  });

  it('reports the docker socket as critical even read-only, and a read-only /etc one level lower', async () => {
    const config = hardened();
    config.mounts.push(
      { destination: '/var/run/docker.sock', type: 'bind', source: '/var/run/docker.sock', options: ['rbind', 'ro'] },
      { destination: '/host-etc', type: 'bind', source: '/etc/', options: ['rbind', 'ro'] },
      { destination: '/data', type: 'bind', source: '/srv/data', options: ['rbind'] },
    );
    const { text, findings } = await lint(config, 'mounts/no-sensitive-host-paths');
    expect(findings.map((f) => [f.severity, f.line, f.message])).toEqual([
      ['critical', lineOf(text, '"destination": "/var/run/docker.sock"') - 1, 'container "app" mounts the host\'s /var/run/docker.sock at /var/run/docker.sock (read-only).'],
      ['medium', lineOf(text, '"destination": "/host-etc"') - 1, 'container "app" mounts the host\'s /etc/ at /host-etc (read-only).'],
    ]);
  });
});

describe('devices/no-host-devices', () => {
  it('passes a deny-all device cgroup and no devices', async () => {
    expect((await lint(hardened(), 'devices/no-host-devices')).findings).toEqual([]);
  });

  it('reports host disks and an allow-all device rule', async () => {
    const config = hardened();
    config.linux.devices = [{ type: 'b', path: '/dev/sda', major: 8, minor: 0 }, { type: 'c', path: '/dev/null', major: 1, minor: 3 }];
    config.linux.resources.devices.push({ allow: true, access: 'rwm' });
    const { text, findings } = await lint(config, 'devices/no-host-devices');
    expect(findings.map((f) => [f.severity, f.line, f.message])).toEqual([
      ['critical', lineOf(text, '"allow": true') - 1, 'container "app"\'s device cgroup allows rwm on all host devices.'],
      ['high', lineOf(text, '"/dev/sda"') - 2, 'container "app" has the host device /dev/sda.'],
    ]);
  });
});

describe('kernel/namespaced-sysctls', () => {
  it('passes namespaced sysctls in owned namespaces', async () => {
    const config = hardened();
    config.linux.sysctl = { 'net.ipv4.ip_forward': '1', 'kernel.shmmax': '1000000', 'fs.mqueue.msg_max': '100' };
    expect((await lint(config, 'kernel/namespaced-sysctls')).findings).toEqual([]);
  });

  it('reports host-wide sysctls, and net.* with the host network', async () => {
    const config = hardened();
    config.linux.sysctl = { 'kernel.randomize_va_space': '0', 'net.ipv4.ip_forward': '1' };
    config.linux.namespaces = config.linux.namespaces.filter((n: { type: string }) => n.type !== 'network');
    const { text, findings } = await lint(config, 'kernel/namespaced-sysctls');
    expect(findings.map((f) => [f.line, f.message])).toEqual([
      [lineOf(text, '"kernel.randomize_va_space"'), 'container "app" sets kernel.randomize_va_space, which is not namespaced: it changes the host.'],
      [lineOf(text, '"net.ipv4.ip_forward"'), 'container "app" sets net.ipv4.ip_forward while sharing the host\'s network namespace: it changes the host.'],
    ]);
  });
});

describe('lsm/profile', () => {
  it('passes an AppArmor profile', async () => {
    expect((await lint(hardened(), 'lsm/profile')).findings).toEqual([]);
  });

  it('reports no profile as low and "unconfined" as high', async () => {
    const config = hardened();
    delete config.process.apparmorProfile;
    const none = await lint(config, 'lsm/profile');
    expect(none.findings.map((f) => [f.severity, f.line])).toEqual([['low', lineOf(none.text, '"process"')]]);
    config.process.apparmorProfile = 'unconfined';
    const unconfined = await lint(config, 'lsm/profile');
    expect(unconfined.findings.map((f) => [f.severity, f.line])).toEqual([['high', lineOf(unconfined.text, '"apparmorProfile"')]]);
  });
});

describe('cgroups limits', () => {
  it('pass when memory, pids and cpu are limited', async () => {
    for (const id of ['cgroups/memory-limit', 'cgroups/pids-limit', 'cgroups/cpu-limit']) expect((await lint(hardened(), id)).findings).toEqual([]);
  });

  it('report each missing limit at the object that should hold it', async () => {
    const config = hardened();
    delete config.linux.resources.memory;
    config.linux.resources.pids.limit = 0;
    delete config.linux.resources.cpu;
    const memory = await lint(config, 'cgroups/memory-limit');
    expect(memory.findings.map((f) => [f.message, f.line])).toEqual([['container "app" has no memory limit.', lineOf(memory.text, '"resources"')]]);
    const pids = await lint(config, 'cgroups/pids-limit');
    expect(pids.findings.map((f) => [f.message, f.line])).toEqual([['container "app" has no pids limit.', lineOf(pids.text, '"limit": 0')]]);
    const cpu = await lint(config, 'cgroups/cpu-limit');
    expect(cpu.findings.map((f) => [f.message, f.severity])).toEqual([['container "app" has no CPU limit.', 'low']]);
  });
});
