/**
 * Namespaces and cgroup limits at launch, with real processes (root): the
 * pid namespace shows only what was launched, the network namespace only lo
 * (up), the memory limit ends in an OOM kill reported as such, the pids
 * limit stops a fork bomb, the CPU limit holds a busy loop to a fifth of a
 * CPU by the cgroup's own accounting, a failing cgroup step runs nothing,
 * and no launch cgroup is left behind, not even by a caplint killed with
 * SIGKILL (the next launch sweeps it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRunCommand } from '../../engine/commands/run.js';
import { BIN, caplintProcess } from '../helpers/cli.js';
import { recordingIo } from '../helpers/io.js';
import { leftCgroups } from '../helpers/launch-cgroups.js';
import { IS_ROOT } from '../helpers/probe.js';
import { startConfined } from '../helpers/processes.js';

const HAS_PYTHON = spawnSync('python3', ['--version'], { stdio: 'ignore' }).status === 0;
if (!IS_ROOT) console.warn('SKIPPED: namespace and cgroup launches because they need root (cgroups are written, namespaces made with CAP_SYS_ADMIN)');
if (!HAS_PYTHON) console.warn('SKIPPED: the network and memory cases because python3 is not installed');

const started = process.pid;
const dir = mkdtempSync(join(tmpdir(), 'caplint-isolation-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  expect(leftCgroups(started)).toEqual([]);
});

/** Interfaces of the namespace and whether each is up (SIOCGIFFLAGS), as `name up|down` lines. */
const LINKS = [
  'import socket, fcntl, struct',
  's = socket.socket()',
  'for _, name in socket.if_nameindex():',
  "    flags = struct.unpack('16sH', fcntl.ioctl(s, 0x8913, struct.pack('16sH', name.encode(), 0)))[1]",
  "    print(name, 'up' if flags & 1 else 'down')",
].join('\n');

describe.skipIf(!IS_ROOT)('caplint run with namespaces and cgroup limits (root)', () => {
  it('--unshare user,pid --map-root-user --mount-proc: ps shows PID 1 as root and only what was launched', () => {
    const r = caplintProcess(['run', '--unshare', 'user,pid', '--map-root-user', '--mount-proc', '--', 'ps', '-o', 'pid,user,comm']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').slice(1).map((line) => line.trim().split(/\s+/));
    expect(rows).toEqual([['1', 'root', 'caplint-init'], [expect.stringMatching(/^\d$/), 'root', 'ps']]);
  });

  it.skipIf(!HAS_PYTHON)('a new network namespace has only lo, and lo is up', () => {
    const r = caplintProcess(['run', '--unshare', 'net', '--', 'python3', '-c', LINKS]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('lo up\n');
    const host = spawnSync('python3', ['-c', LINKS], { encoding: 'utf8' }).stdout;
    expect(host.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(1); // the host's view is a different one
  });

  it('--hostname sets the name in a new uts namespace only', () => {
    const r = caplintProcess(['run', '--hostname', 'caplint-box', '--', 'cat', '/proc/sys/kernel/hostname']);
    expect(r.stdout).toBe('caplint-box\n');
    expect(readFileSync('/proc/sys/kernel/hostname', 'utf8')).not.toBe('caplint-box\n');
  });

  it.skipIf(!HAS_PYTHON)('32 MiB of memory and a program that allocates 256 MiB: exit 137 and an OOM sentence naming the limit', () => {
    const r = caplintProcess(['run', '--memory', '32Mi', '--', 'python3', '-c', 'b = bytearray(256 * 1024 * 1024); print("allocated")']);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(137);
    expect(r.stderr).toMatch(/^caplint run: the OOM killer killed a process of the command: it reached its memory limit of 32 MiB \((memory\.limit_in_bytes|memory\.max)\)\n$/);
  });

  it('--pids 16 and a fork bomb: forks fail, the summary says so, and the host still forks', () => {
    const bomb = 'f() { f | f & }; f; sleep 1';
    const r = caplintProcess(['run', '--pids', '16', '--seccomp', 'unconfined', '--', 'timeout', '-s', 'KILL', '2', 'sh', '-c', bomb]);
    expect(r.stderr).toMatch(/caplint run: the command reached its limit of 16 processes \(pids\.max\): \d+ forks? failed\n$/);
    expect(spawnSync('true').status).toBe(0);
  });

  it('--cpus 0.2 holds a busy loop to 0.1-0.3 CPU-seconds per second, by the cgroup\'s own accounting', async () => {
    const { child: caplint, pid: loop } = await startConfined('cpus', [process.execPath, BIN, 'run', '--cpus', '0.2', '--', 'sh', '-c', 'while :; do :; done'], 'sh');
    try {
      const lines = readFileSync(`/proc/${loop}/cgroup`, 'utf8').split('\n');
      const v1 = lines.find((l) => /^\d+:([^:]*,)?cpuacct(,[^:]*)?:/.test(l));
      const usage = v1
        ? () => Number(readFileSync(`/sys/fs/cgroup/cpuacct${v1.split(':')[2]}/cpuacct.usage`, 'utf8')) / 1e9
        : () => Number(/usage_usec (\d+)/.exec(readFileSync(`/sys/fs/cgroup${lines.find((l) => l.startsWith('0::'))!.slice(3)}/cpu.stat`, 'utf8'))![1]) / 1e6;
      const before = usage();
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, 2000));
      const rate = (usage() - before) / ((performance.now() - t0) / 1000);
      expect(rate).toBeGreaterThanOrEqual(0.1);
      expect(rate).toBeLessThanOrEqual(0.3);
    } finally {
      const exited = new Promise((r) => caplint.once('exit', r));
      caplint.kill('SIGTERM');
      await exited;
    }
  });

  it('a cgroup step that fails stops the launch with 125, and the command does not run', async () => {
    const notCgroup = join(dir, 'not-a-cgroup');
    mkdirSync(notCgroup);
    const command = createRunCommand({ cgroupPlaces: () => [{ version: 1, controllers: ['pids'], parentDir: notCgroup, parentPath: '/not-a-cgroup' }] });
    const io = recordingIo(dir);
    const marker = join(dir, 'ran');
    // The directory is created and pids.max written as plain files; cgroup.procs does not exist, so joining fails.
    expect(await command.run(['--pids', '8', '--', 'touch', marker], io)).toBe(125);
    expect(io.err.join('')).toMatch(/^caplint run: could not join the cgroup \(.*\/not-a-cgroup\/caplint-run-\d+-\d+\/cgroup\.procs\): No such file or directory; nothing was run\n/);
    expect(existsSync(marker)).toBe(false);
  });

  it('a caplint killed with SIGKILL takes its command along, and the next launch removes the cgroup it left', async () => {
    const { child: caplint, pid: sleeper } = await startConfined('killed', [process.execPath, BIN, 'run', '--pids', '32', '--', 'sleep', '30']);
    const left = readFileSync(`/proc/${sleeper}/cgroup`, 'utf8').match(/^\d+:pids:(.*)$/m)?.[1];
    const exited = new Promise((r) => caplint.once('exit', r));
    caplint.kill('SIGKILL');
    await exited;
    for (let i = 0; i < 100 && existsSync(`/proc/${sleeper}`); i++) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(`/proc/${sleeper}`)).toBe(false);
    if (left) expect(existsSync(`/sys/fs/cgroup/pids${left}`)).toBe(true); // nobody could remove it yet
    expect(caplintProcess(['run', '--pids', '32', '--', 'true']).code).toBe(0);
    if (left) expect(existsSync(`/sys/fs/cgroup/pids${left}`)).toBe(false);
  });
});
