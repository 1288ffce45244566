/**
 * The launch boundary, tried as the launched program would: it signals
 * caplint, tries the inspector, reads caplint's /proc entries, outlives it,
 * and fills a slow pipe. Real processes, as root (CI); `npm run build` first.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeProgram } from '../../enforcer/bpf/types.js';
import { HAS_SETPRIV, UNPRIVILEGED, cliArgv, runSync } from '../helpers/setpriv.js';
import { IS_ROOT, ROOT_SKIP_REASON } from '../helpers/probe.js';

if (!IS_ROOT) console.warn(`SKIPPED: trust-boundary because it ${ROOT_SKIP_REASON}`);

const INSPECTOR_PORT = 9229;

/** Listening TCP sockets (state 0A) as {port, inode}, from /proc/net/tcp and tcp6. */
function listening(): { port: number; inode: string }[] {
  const out: { port: number; inode: string }[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[3] === '0A') out.push({ port: parseInt(f[1]!.split(':')[1]!, 16), inode: f[9]! });
    }
  }
  return out;
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch { /* closed meanwhile */ }
  }
  return inodes;
}

const alive = (pid: number): boolean => {
  try {
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

async function until(what: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (what()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return what();
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe.skipIf(!IS_ROOT)('the launched program cannot reach caplint', () => {
  let dir: string;
  const started: ChildProcess[] = [];
  /** `caplint run -- sh -c SCRIPT` as a process; resolves once the script has printed "signalled". */
  async function runUntilSignalled(script: string, env: NodeJS.ProcessEnv = process.env) {
    const child = spawn(process.execPath, cliArgv(['run', '--profile', sharedNamespaces, '--', 'sh', '-c', script]).slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env });
    started.push(child);
    const done = exited(child);
    let stdout = '';
    child.stdout!.on('data', (b: Buffer) => void (stdout += b.toString()));
    expect(await until(() => stdout.includes('signalled'), 15000)).toBe(true);
    return { child, done };
  }
  // The default profile's pid namespace would hide caplint from the child altogether ($PPID is then
  // caplint's init): these cases try the boundary where the child can name caplint.
  let sharedNamespaces: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'caplint-boundary-'));
    chmodSync(dir, 0o1777);
    sharedNamespaces = join(dir, 'shared-namespaces.json');
    writeFileSync(sharedNamespaces, JSON.stringify({ extends: 'default', namespaces: {} }));
  });
  afterAll(() => {
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('SIGUSR1, SIGUSR2, SIGQUIT, SIGALRM and real-time signals from the child open nothing and end nothing; the inspector attack writes no file', async () => {
    const pwned = join(dir, 'pwned');
    const script = [
      'kill -USR1 $PPID; kill -USR2 $PPID; kill -QUIT $PPID; kill -ALRM $PPID; kill -s 40 $PPID; kill -s 64 $PPID',
      // What an attacker would do next: attach to the inspector the signal would have opened, and run code in caplint.
      `(sleep 1.5; echo "exec process.getBuiltinModule('fs').writeFileSync('${pwned}', 'x')"; sleep 1) | timeout 5 "${process.execPath}" inspect -p $PPID >/dev/null 2>&1`,
      'echo signalled',
      'sleep 1',
      'exit 7',
    ].join('\n');
    const { child, done } = await runUntilSignalled(script);
    // caplint (still waiting for its child) holds no listening socket, and nobody listens on the inspector's port.
    const own = socketInodes(child.pid!);
    const open = listening();
    expect(open.filter((s) => own.has(s.inode))).toEqual([]);
    expect(open.filter((s) => s.port === INSPECTOR_PORT)).toEqual([]);
    expect(await done).toEqual({ code: 7, signal: null });
    expect(existsSync(pwned)).toBe(false);
  });

  it('the same holds when NODE_OPTIONS asks for the inspector: it is closed before anything runs', async () => {
    const script = 'kill -USR1 $PPID; echo signalled; sleep 1; exit 0';
    const { child, done } = await runUntilSignalled(script, { ...process.env, NODE_OPTIONS: '--inspect=127.0.0.1:0' });
    const own = socketInodes(child.pid!);
    expect(listening().filter((s) => own.has(s.inode))).toEqual([]);
    expect(await done).toEqual({ code: 0, signal: null });
  });

  it('kill -9 of caplint: the child is gone within a second', async () => {
    const pidFile = join(dir, 'child-pid');
    const child = spawn(process.execPath, cliArgv(['run', '--profile', sharedNamespaces, '--', 'sh', '-c', `echo $$ > ${pidFile}; exec sleep 60`]).slice(1), { stdio: 'ignore' });
    started.push(child);
    const done = exited(child);
    expect(await until(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').endsWith('\n'), 15000)).toBe(true);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    expect(await until(() => /\(sleep\)/.test(readFileSync(`/proc/${grandchild}/stat`, 'utf8')), 5000)).toBe(true);
    child.kill('SIGKILL');
    await done;
    expect(await until(() => !alive(grandchild), 1000)).toBe(true);
  });

  it('back-pressure: 10 MB through a pipe with a slow reader arrives whole', () => {
    const command = `"${process.execPath}" "${cliArgv([])[1]}" run -- head -c 10000000 /dev/zero | (sleep 1; wc -c)`;
    const r = spawnSync('sh', ['-c', command], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('10000000');
  });

  it("the child's stdout is blocking even when caplint's is a non-blocking pipe", () => {
    // Node makes its own stdout pipe O_NONBLOCK; the flags line of fdinfo is octal, 04000 = O_NONBLOCK.
    const r = runSync(cliArgv(['run', '--', 'sh', '-c', 'grep ^flags: /proc/self/fdinfo/1']));
    expect(r.status).toBe(0);
    const flags = parseInt(/^flags:\s+([0-7]+)/m.exec(r.stdout)![1]!, 8);
    expect(flags & 0o4000).toBe(0);
  });

  it('a descriptor closed in caplint is /dev/null in the child', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${cliArgv([])[1]}" run -- readlink /proc/self/fd/0 0<&-`], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('/dev/null');
  });

  it.skipIf(!HAS_SETPRIV)("as the same uid, the child cannot read caplint's /proc entries (PR_SET_DUMPABLE 0)", () => {
    // uid 65534 with --allow-partial: caplint and child share uid and (empty) capabilities, so only dumpable stands between them.
    const r = runSync([...UNPRIVILEGED, ...cliArgv(['run', '--allow-partial', '--seccomp', 'unconfined', '--', 'sh', '-c', 'cat /proc/$PPID/environ >/dev/null 2>&1 && echo readable || echo refused'])]);
    expect(r.stdout.trim()).toBe('refused');
    expect(r.status).toBe(0);
    // The control: the same read of a same-uid process that is dumpable succeeds.
    const control = runSync([...UNPRIVILEGED, 'sh', '-c', 'sleep 2 & cat /proc/$!/environ >/dev/null 2>&1 && echo readable; kill $!']);
    expect(control.stdout.trim()).toBe('readable');
  });
});

describe.skipIf(!IS_ROOT)('a filter that stops the exec fails closed (125)', () => {
  let dir: string;
  beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'caplint-exec-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const action of ['SCMP_ACT_KILL_PROCESS', 'SCMP_ACT_ERRNO']) {
    it(`a profile whose execve action is ${action} is refused before anything runs`, () => {
      const profile = join(dir, `${action}.json`);
      writeFileSync(profile, JSON.stringify({ defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ names: ['execve'], action }] }));
      const marker = join(dir, `${action}-ran`);
      const r = runSync(cliArgv(['run', '--seccomp', profile, '--', 'touch', marker]));
      expect(r.status).toBe(125);
      expect(r.stderr).toMatch(new RegExp(`^caplint run: the seccomp filter returns ${action === 'SCMP_ACT_ERRNO' ? 'ERRNO\\(1\\) EPERM' : 'KILL_PROCESS'} for execve on \\w+, so the command could never start; nothing was run\\n$`));
      expect(existsSync(marker)).toBe(false);
    });
  }

  it.skipIf(process.arch !== 'x64')('a child killed by SIGSYS at its execve is reported as 125 with the reason, not 159', () => {
    // Kills execve only when its first argument (the path pointer) is not null: the emulator's check (null
    // arguments) passes, the real execve does not.
    const ins = (code: number, k: number, jt = 0, jf = 0) => ({ code, jt, jf, k });
    const program = encodeProgram([
      ins(0x20, 0), ins(0x15, 59, 0, 3), ins(0x20, 16), ins(0x15, 0, 1, 0), ins(0x06, 0x80000000), ins(0x06, 0x7fff0000),
    ]);
    const bpf = join(dir, 'kill-real-execve.bpf');
    writeFileSync(bpf, program);
    const r = runSync(cliArgv(['run', '--seccomp', bpf, '--', '/bin/true']));
    expect(r.stderr).toMatch(/^caplint run: the seccomp filter killed the child with SIGSYS before \/bin\/true could start .*nothing was run\n$/);
    expect(r.status).toBe(125);
  });
});
