/**
 * An in-memory /proc and /sys for the reader's unit tests: files are text,
 * functions (read on each access, to simulate change), or errno codes
 * (EACCES, ENOENT, ESRCH) thrown on read; namespace links are (dev, ino).
 */
import type { FileId, ProcFs } from '../../engine/inputs/proc/proc-fs.js';

export type Entry = string | (() => string) | { errno: string };

export class FakeProc implements ProcFs {
  readonly files = new Map<string, Entry>();
  readonly links = new Map<string, FileId | { errno: string }>();

  file(path: string, entry: Entry): this {
    this.files.set(path, entry);
    return this;
  }

  read(path: string): string {
    const entry = this.files.get(path);
    if (entry === undefined) throw errno('ENOENT', path);
    if (typeof entry === 'function') return entry();
    if (typeof entry === 'object') throw errno(entry.errno, path);
    return entry;
  }

  list(path: string): string[] {
    const prefix = `${path}/`;
    const names = new Set<string>();
    for (const p of [...this.files.keys(), ...this.links.keys()]) if (p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0]!);
    if (names.size === 0) throw errno('ENOENT', path);
    return [...names];
  }

  id(path: string): FileId {
    const link = this.links.get(path);
    if (link === undefined) throw errno('ENOENT', path);
    if ('errno' in link) throw errno(link.errno, path);
    return link;
  }

  readlink(path: string): string {
    if (path.endsWith('/root')) return '/';
    const link = this.links.get(path);
    if (link === undefined) throw errno('ENOENT', path);
    if ('errno' in link) throw errno(link.errno, path);
    return `${path.slice(path.lastIndexOf('/') + 1)}:[${link.ino}]`;
  }
}

function errno(code: string, path: string): NodeJS.ErrnoException {
  const error = new Error(`${code}: ${path}`) as NodeJS.ErrnoException;
  error.code = code;
  return error;
}

const NS = ['pid', 'net', 'ipc', 'uts', 'mnt', 'cgroup', 'user', 'time'];
export const HOST_NS: Readonly<Record<string, number>> = { pid: 4026531836, net: 4026531840, ipc: 4026531839, uts: 4026531838, mnt: 4026531841, cgroup: 4026531835, user: 4026531837, time: 4026531834 };

export interface FakeProcess {
  pid: number;
  ppid?: number;
  comm?: string;
  state?: string;
  flags?: number;
  startTime?: string | (() => string);
  status?: Record<string, string>;
  ns?: Partial<Record<string, number | { errno: string }>>;
  cgroup?: string;
  cmdline?: string[];
  mountinfo?: string;
}

export const ROOT_CAPS: Record<string, string> = {
  CapInh: '0000000000000000', CapPrm: '000001ffffffffff', CapEff: '000001ffffffffff', CapBnd: '000001ffffffffff', CapAmb: '0000000000000000',
};

/** Adds one process: stat, status, ns links, cgroup, cmdline, mountinfo, uid/gid maps. */
export function addProcess(fake: FakeProc, p: FakeProcess): FakeProc {
  const dir = `/proc/${p.pid}`;
  const stat = () => {
    const start = typeof p.startTime === 'function' ? p.startTime() : p.startTime ?? '100';
    const rest = [p.state ?? 'S', p.ppid ?? 1, p.pid, p.pid, 0, -1, p.flags ?? 4194560, ...Array(12).fill(0), start, 0, 0];
    return `${p.pid} (${p.comm ?? 'sleep'}) ${rest.join(' ')}\n`;
  };
  fake.file(`${dir}/stat`, stat);
  const status = { Name: p.comm ?? 'sleep', Uid: '0\t0\t0\t0', Gid: '0\t0\t0\t0', NSpid: String(p.pid), ...ROOT_CAPS, NoNewPrivs: '0', Seccomp: '0', Seccomp_filters: '0', ...p.status };
  fake.file(`${dir}/status`, Object.entries(status).map(([k, v]) => `${k}:\t${v}`).join('\n') + '\n');
  for (const ns of NS) {
    const value = p.ns?.[ns] ?? HOST_NS[ns]!;
    fake.links.set(`${dir}/ns/${ns}`, typeof value === 'number' ? { dev: 4, ino: value } : value);
  }
  fake.file(`${dir}/cgroup`, p.cgroup ?? '0::/\n');
  fake.file(`${dir}/cmdline`, (p.cmdline ?? [p.comm ?? 'sleep', '60']).map((a) => `${a}\0`).join(''));
  fake.file(`${dir}/mountinfo`, p.mountinfo ?? '22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n');
  fake.file(`${dir}/uid_map`, '         0          0 4294967295\n');
  fake.file(`${dir}/gid_map`, '         0          0 4294967295\n');
  fake.file(`${dir}/attr/current`, { errno: 'EINVAL' });
  fake.file(`${dir}/task/${p.pid}/status`, fake.read(`${dir}/status`));
  return fake;
}

/** A host: cap_last_cap, the reader's mountinfo (cgroup mounts), PID 1. */
export function fakeHost(options: { lastCap?: string; mountinfo?: string } = {}): FakeProc {
  const fake = new FakeProc();
  fake.file('/proc/sys/kernel/cap_last_cap', options.lastCap ?? '40\n');
  fake.file('/proc/self/mountinfo', options.mountinfo ?? V2_MOUNTS);
  addProcess(fake, { pid: 1, ppid: 0, comm: 'init', cmdline: ['/sbin/init'] });
  return fake;
}

export const V2_MOUNTS = [
  '22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw',
  '23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw',
  '30 22 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate',
].join('\n') + '\n';

export const HYBRID_MOUNTS = [
  '22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw',
  '23 22 0:21 / /proc rw,relatime - proc proc rw',
  '31 22 0:27 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime - cgroup2 cgroup2 rw',
  '32 22 0:28 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime - cgroup cgroup rw,memory',
  '33 22 0:29 / /sys/fs/cgroup/pids rw,nosuid,nodev,noexec,relatime - cgroup cgroup rw,pids',
  '34 22 0:30 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime - cgroup cgroup rw,cpu,cpuacct',
  '35 22 0:31 / /sys/fs/cgroup/devices rw,nosuid,nodev,noexec,relatime - cgroup cgroup rw,devices',
].join('\n') + '\n';
