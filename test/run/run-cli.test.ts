/**
 * The CLI as its own process: as an unprivileged uid (setpriv) it refuses to
 * run half-confined unless --allow-partial, and a SIGTERM sent to caplint
 * reaches the child.
 */
import { existsSync, mkdtempSync, chmodSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { HAS_SCRIPT, HAS_SETPRIV, UNPRIVILEGED, cliArgv, runSync } from '../helpers/setpriv.js';
import { allowAllProgram } from '../helpers/hand-bpf.js';
import { IS_ROOT, ROOT_SKIP_REASON } from '../helpers/probe.js';

if (!HAS_SCRIPT) console.warn('run-cli: the TTY test is skipped, script (util-linux) is not installed');
if (!IS_ROOT || !HAS_SETPRIV) console.warn(`run-cli: skipped, ${!IS_ROOT ? ROOT_SKIP_REASON : 'setpriv (util-linux) is not installed'}`);

describe.skipIf(!IS_ROOT || !HAS_SETPRIV)('caplint run as a process', () => {
  let dir: string;
  let bpf: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'caplint-cli-'));
    chmodSync(dir, 0o1777);
    bpf = join(dir, 'allow.bpf');
    writeFileSync(bpf, allowAllProgram(), { mode: 0o644 });
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('as uid 65534: says what it cannot enforce, runs nothing, exits 125', () => {
    const marker = join(dir, 'unprivileged-marker');
    const r = runSync([...UNPRIVILEGED, ...cliArgv(['run', '--seccomp', bpf, '--', 'touch', marker])]);
    expect(r.stderr).toMatch(/^caplint run: creating the pid, mount, ipc, uts, cgroup namespaces needs CAP_SYS_ADMIN, which caplint does not hold \(add user to --unshare .*\)\. Pass --allow-partial .*nothing was run\n$/);
    expect(r.status).toBe(125);
    expect(existsSync(marker)).toBe(false);
  });

  it('as uid 65534 with --allow-partial: no_new_privs and seccomp are enforced, the bounding set is not', () => {
    const r = runSync([...UNPRIVILEGED, ...cliArgv(['run', '--allow-partial', '--seccomp', bpf, '--', 'grep', '-E', '^(NoNewPrivs|Seccomp|CapEff):', '/proc/self/status'])]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^caplint run: partial confinement: creating the pid, mount, ipc, uts, cgroup namespaces needs CAP_SYS_ADMIN.*\ncaplint run: partial confinement: as uid 65534/);
    expect(r.stdout).toMatch(/CapEff:\s+0000000000000000\nNoNewPrivs:\s+1\nSeccomp:\s+2\n/);
  });

  it('as uid 65534, --unshare user makes the default profile enforceable: its namespaces inside a user namespace, 65534 mapped to root', () => {
    const script = 'cat /proc/self/uid_map /proc/self/gid_map /proc/self/setgroups; grep CapBnd /proc/self/status; id -u';
    const r = runSync([...UNPRIVILEGED, ...cliArgv(['run', '--unshare', 'user', '--', 'sh', '-c', script])]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((line) => line.trim().split(/\s+/).join(' '));
    // setgroups is denied: without CAP_SETGID outside, the kernel requires it before gid_map.
    expect(lines).toEqual(['0 65534 1', '0 65534 1', 'deny', 'CapBnd: 00000000a80405fb', '0']);
  });

  it('as uid 65534, --map-user 1000:1000 maps 65534 to uid and gid 1000 inside', () => {
    const r = runSync([...UNPRIVILEGED, ...cliArgv(['run', '--map-user', '1000:1000', '--', 'sh', '-c', 'cat /proc/self/uid_map /proc/self/gid_map; id -u; id -g'])]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n').map((line) => line.trim().split(/\s+/).join(' '))).toEqual(['1000 65534 1', '1000 65534 1', '1000', '1000']);
  });

  it.skipIf(!HAS_SCRIPT)('leaves a terminal a terminal: the child sees a TTY on 0, 1 and 2', () => {
    const command = [...cliArgv(['run', '--seccomp', bpf, '--', 'sh', '-c', '[ -t 0 ] && [ -t 1 ] && [ -t 2 ] && echo all-ttys'])].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
    const r = runSync(['script', '-qec', command, '/dev/null']);
    expect(r.stdout).toContain('all-ttys');
    expect(r.status).toBe(0);
  });

  it('forwards a SIGTERM sent to caplint to the child (exit 143) and keeps stdio passing through', async () => {
    const [node, ...args] = cliArgv(['run', '--seccomp', bpf, '--', 'sh', '-c', 'echo started; exec sleep 5']);
    const child = spawn(node!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => ((out += d.toString()), out.includes('started') && resolve())));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(out).toBe('started\n');
    expect(code).toBe(143);
  });
});
