/**
 * Learning runs the way `run` launches: in the base profile's namespaces and
 * under its limits. Real processes: the command reports its own namespaces,
 * a pids limit stops its forks, the pid namespace's init stays closed to it,
 * and, where unprivileged user namespaces work, a uid without privileges
 * learns in a user namespace of its own.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caplintProcess } from '../helpers/cli.js';
import { leftCgroups } from '../helpers/launch-cgroups.js';
import { IS_ROOT } from '../helpers/probe.js';
import { HAS_SETPRIV, UNPRIVILEGED, cliArgv, runSync } from '../helpers/setpriv.js';
import { allowedNames, buildLearnBench } from './helper.js';
import type { LearnBench } from './helper.js';

const USERNS = IS_ROOT && HAS_SETPRIV && spawnSync(UNPRIVILEGED[0]!, [...UNPRIVILEGED.slice(1), 'unshare', '-U', '-r', 'true'], { stdio: 'ignore' }).status === 0;
if (!IS_ROOT) console.warn('SKIPPED: learn-isolated because it needs root (namespaces other than user, cgroup limits, setpriv)');
else if (!USERNS) console.warn('SKIPPED: learning as uid 65534 in a user namespace, because setpriv is missing or unprivileged user namespaces are off here');

const KINDS = ['pid', 'mnt', 'net', 'ipc', 'uts'] as const;
const own = (kind: string) => readlinkSync(`/proc/self/ns/${kind}`);
/** Prints the command's namespace links, one a line, then its pid as it sees it. */
const REPORT = `readlink ${KINDS.map((k) => `/proc/self/ns/${k}`).join(' ')}; echo $$`;

describe.skipIf(!IS_ROOT)('caplint learn in the base profile\'s namespaces and limits', () => {
  let bench: LearnBench;
  const started = process.pid;
  const base = (name: string, fields: object) => {
    writeFileSync(join(bench.dir, `${name}.json`), JSON.stringify({ extends: 'default', ...fields }));
    return `./${name}.json`;
  };
  beforeAll(() => void (bench = buildLearnBench()));
  afterAll(() => {
    bench?.cleanup();
    expect(leftCgroups(started)).toEqual([]);
  });

  it('records the calls of a command that runs in new pid, mount, net, ipc and uts namespaces, and the result runs it again', () => {
    const ref = base('ns', { namespaces: { pid: 'isolated', mount: 'isolated', network: 'isolated', ipc: 'isolated', uts: 'isolated' } });
    const ran = bench.learn('ns-learned', ['sh', '-c', REPORT], ['--extends', ref]);
    expect(ran.code, ran.stderr).toBe(0);
    const lines = ran.stdout.trim().split('\n');
    KINDS.forEach((kind, i) => {
      expect(lines[i]).toMatch(new RegExp(`^${kind}:\\[\\d+\\]$`));
      expect(lines[i]).not.toBe(own(kind));
    });
    expect(lines[KINDS.length]).toBe('2'); // the init is 1
    const names = allowedNames(ran.seccomp);
    expect(names).toEqual(expect.arrayContaining(['execve', 'readlink', 'write', 'exit_group']));
    expect(names).not.toContain('socket');
    expect(ran.profile['description']).toMatch(/over the base "\.\/ns\.json", in new pid, mount, net, ipc, uts namespaces;/);
    const again = caplintProcess(['run', '--profile', join(bench.dir, 'ns-learned.json'), '--', 'sh', '-c', REPORT]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.trim().split('\n')).toHaveLength(KINDS.length + 1);
  });

  it('with "init": false the command itself is PID 1 of its pid namespace, and is recorded', () => {
    const ref = base('noinit', { init: false });
    const ran = bench.learn('noinit-learned', ['sh', '-c', 'echo $$; readlink /proc/self/ns/pid'], ['--extends', ref]);
    expect(ran.code, ran.stderr).toBe(0);
    const [self, pid] = ran.stdout.trim().split('\n');
    expect(self).toBe('1');
    expect(pid).not.toBe(own('pid'));
    expect(allowedNames(ran.seccomp)).toEqual(expect.arrayContaining(['execve', 'readlink', 'getpid']));
  });

  it("keeps the base's pids limit in force while learning: forks past it fail and learn says so", () => {
    const ref = base('pids', { limits: { pids: { required: true, max: 4 } } });
    const ran = bench.learn('pids-learned', ['sh', '-c', 'for i in 1 2 3 4 5 6 7 8; do sleep 0.3 & done; wait'], ['--extends', ref]);
    expect(ran.stderr).toMatch(/caplint learn: the command reached its limit of 4 processes \(pids\.max\): \d+ forks? failed/);
    expect(ran.profile['description']).toMatch(/with the limits pids 4;/);
    expect(allowedNames(ran.seccomp)).toEqual(expect.arrayContaining(['clone', 'execve']));
    // The host still forks, and the launch cgroup is gone (also checked for every test in afterAll).
    expect(leftCgroups(started)).toEqual([]);
  });

  it('an execve that fails under the pid namespace init is reported (126), and nothing waits for a listener', () => {
    const script = join(bench.dir, 'bad-interpreter.sh');
    writeFileSync(script, '#!/nonexistent-interpreter\n', { mode: 0o755 });
    const notExecutable = bench.learn('noexec', ['/etc/hostname']);
    expect(notExecutable.code).toBe(126);
    expect(notExecutable.stderr).toMatch(/could not execute \/etc\/hostname \(execve\): Exec format error; nothing was learned/);
    const badInterpreter = bench.learn('badinterp', [script]);
    expect(badInterpreter.code).toBe(127);
    expect(badInterpreter.stderr).toMatch(/No such file or directory; nothing was learned/);
  }, 30_000);

  it("leaves the pid namespace's init closed to the command: its memory and environment stay unreadable", () => {
    const ran = bench.learn('init', ['sh', '-c', 'cat /proc/self/environ >/dev/null && echo own; cat /proc/1/environ']);
    expect(ran.stdout).toBe('own\n');
    expect(ran.stderr).toMatch(/\/proc\/1\/environ: Permission denied/);
    expect(ran.code).not.toBe(0);
  });

  it.skipIf(!USERNS)('as uid 65534, learns in a user namespace of its own with new pid and mount namespaces', () => {
    const ref = base('userns', { namespaces: { user: 'isolated', pid: 'isolated', mount: 'isolated' } });
    const output = join(bench.dir, 'userns-learned.json');
    const ran = runSync([...UNPRIVILEGED, ...cliArgv(['learn', '--extends', join(bench.dir, ref), '-o', output, '--', 'sh', '-c', 'readlink /proc/self/ns/user /proc/self/ns/pid; echo $$; id -u'])]);
    expect(ran.status, ran.stderr).toBe(0);
    const [user, pid, self, uid] = ran.stdout.trim().split('\n');
    expect(user).toMatch(/^user:\[\d+\]$/);
    expect(user).not.toBe(own('user'));
    expect(pid).not.toBe(own('pid'));
    expect([self, uid]).toEqual(['2', '0']); // under the init, as root mapped from uid 65534
    expect(ran.stderr).toMatch(/capabilities not learned \(tracing capability checks needs root/);
    const profile = JSON.parse(readFileSync(output, 'utf8'));
    expect(profile.description).toMatch(/in new user, pid, mount namespaces;/);
    const seccomp = JSON.parse(readFileSync(join(bench.dir, 'userns-learned.seccomp.json'), 'utf8'));
    expect(allowedNames(seccomp)).toEqual(expect.arrayContaining(['execve', 'readlink', 'getuid', 'exit_group']));
  });
});
