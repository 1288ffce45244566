/**
 * Scanned processes are hostile: one that never stops for ptrace cannot
 * stall `caplint ps` or be left stopped, and one whose comm and cmdline hold
 * escape sequences cannot drive the terminal. Real processes
 * (test/helpers/scan-targets.c), scanned by pid only, as root; `npm run build` first.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliArgv, runSync } from '../helpers/setpriv.js';
import { IS_ROOT } from '../helpers/probe.js';

const HAS_CC = (() => {
  try {
    execFileSync('cc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const REASON = !IS_ROOT ? 'it needs root (CAP_SYS_ADMIN and ptrace to dump filters)' : 'no C compiler (cc) is installed';
if (!IS_ROOT || !HAS_CC) console.warn(`SKIPPED: scan-hostile because ${REASON}`);

export interface Targets {
  readonly binary: string;
  start(...args: string[]): Promise<ChildProcess>;
  cleanup(): void;
}

/** Builds test/helpers/scan-targets.c and starts targets that print "ready" once set up. */
export function buildTargets(): Targets {
  const dir = mkdtempSync(join(tmpdir(), 'caplint-targets-'));
  const binary = join(dir, 'scan-targets');
  execFileSync('cc', ['-O2', '-o', binary, fileURLToPath(new URL('../helpers/scan-targets.c', import.meta.url))], { stdio: 'pipe' });
  const started: ChildProcess[] = [];
  return {
    binary,
    start: (...args) =>
      new Promise((resolve, reject) => {
        const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'inherit'] });
        started.push(child);
        child.stdout!.once('data', () => resolve(child));
        child.once('exit', (code) => reject(new Error(`scan-targets ${args.join(' ')} exited ${code}`)));
      }),
    cleanup: () => {
      for (const child of started) {
        for (const pid of childrenOf(child.pid!)) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
        child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

const statusField = (pid: number, field: string): string => new RegExp(`^${field}:\\s*(.*)$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? '';

describe.skipIf(!IS_ROOT || !HAS_CC)('a scanned process cannot stall the scan', () => {
  let targets: Targets;
  beforeAll(() => void (targets = buildTargets()));
  afterAll(() => targets.cleanup());

  it('a filtered process stuck in vfork: ps completes, marks it Unknown, and leaves it running, untraced', async () => {
    const stuck = await targets.start('vfork-stuck');
    const pid = stuck.pid!;
    expect(childrenOf(pid)).toHaveLength(1); // the vfork child exists: the parent is inside vfork()
    expect(statusField(pid, 'Seccomp')).toBe('2');
    const r = runSync(cliArgv(['ps', '--pid', String(pid), '--format', 'json']));
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as { subjects: { pid: number; process: { reachableSyscalls: unknown } }[] };
    const subject = report.subjects.find((s) => s.pid === pid)!;
    expect(subject.process.reachableSyscalls).toEqual({ unknown: true, reason: expect.stringMatching(/^it did not stop for the filter dump within \d+ ms/) });
    expect(statusField(pid, 'State')).not.toMatch(/^[tT]/);
    expect(statusField(pid, 'TracerPid')).toBe('0');
    expect(readdirSync(`/proc/${pid}/task`)).toHaveLength(1);
  });

  it('ten such targets in one scan: each is Unknown, none is left stopped, the scan completes', async () => {
    const pids = await Promise.all(Array.from({ length: 10 }, async () => (await targets.start('vfork-stuck')).pid!));
    const r = runSync(cliArgv(['ps', ...pids.flatMap((p) => ['--pid', String(p)]), '--format', 'json']));
    const report = JSON.parse(r.stdout) as { subjects: { pid: number; process: { reachableSyscalls: { unknown?: boolean; reason?: string } } }[] };
    for (const pid of pids) {
      expect(report.subjects.find((s) => s.pid === pid)?.process.reachableSyscalls.reason).toMatch(/did not stop for the filter dump/);
      expect(statusField(pid, 'State')).not.toMatch(/^[tT]/);
      expect(statusField(pid, 'TracerPid')).toBe('0');
    }
  });
});

/** ESC[2J clears the screen, OSC 0 sets the window title, CR/LF forge a line of output. */
const HOSTILE_COMM = '\x1b[2J\r\nFORGED'; // 12 bytes: comm keeps 15
const HOSTILE_ARG = '\x1b]0;owned\x07\x9b31m\u202e';
const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/;

describe.skipIf(!IS_ROOT || !HAS_CC)('a scanned process cannot drive the terminal', () => {
  let targets: Targets;
  let pid: number;
  beforeAll(async () => {
    targets = buildTargets();
    pid = (await targets.start('named', HOSTILE_COMM, HOSTILE_ARG)).pid!;
  });
  afterAll(() => targets.cleanup());

  const check = (out: string) => {
    expect(out).not.toMatch(RAW);
    expect(out.split('\n').some((line) => line.startsWith('FORGED'))).toBe(false);
    expect(out).toContain('\\x1b[2J\\r\\nFORGED');
  };

  it('ps (table and findings) shows comm and cmdline escaped', () => {
    expect(readFileSync(`/proc/${pid}/comm`, 'utf8')).toBe(`${HOSTILE_COMM}\n`);
    const r = runSync(cliArgv(['ps', '--pid', String(pid), '--no-filters']));
    check(r.stdout);
  });

  for (const format of ['text', 'markdown', 'github']) {
    it(`audit --pid --format ${format} shows it escaped`, () => {
      const r = runSync(cliArgv(['audit', '--pid', String(pid), '--no-filters', '--format', format]));
      expect(r.stdout.length).toBeGreaterThan(0);
      expect(r.stdout).not.toMatch(RAW);
      expect(r.stdout.split('\n').some((line) => line.startsWith('FORGED'))).toBe(false);
    });
  }

  it('json keeps the exact comm and cmdline', () => {
    const r = runSync(cliArgv(['ps', '--pid', String(pid), '--no-filters', '--format', 'json']));
    const report = JSON.parse(r.stdout) as { subjects: { pid: number; process: { comm: string; command: string[] } }[] };
    const subject = report.subjects.find((s) => s.pid === pid)!;
    expect(subject.process.comm).toBe(HOSTILE_COMM);
    expect(subject.process.command.slice(1)).toEqual(['named', HOSTILE_COMM, HOSTILE_ARG]);
  });
});
