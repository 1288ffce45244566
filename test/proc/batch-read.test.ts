/**
 * The batch /proc reader (the addon's readProcFiles behind a ProcFs): the
 * same Subjects as reading file by file, errno kept as the error a reader
 * expects, and the second stat read keeping its meaning (exited, reused).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativeProcFiles } from '../../enforcer/proc-files.js';
import { scanProcesses } from '../../engine/inputs/proc/scan.js';
import { batchProcFs } from '../../engine/inputs/proc/batch-fs.js';
import { parseStat } from '../../engine/inputs/proc/parse-stat.js';
import { CMDLINE_MAX, PROC_FILE_MAX, nodeProcFs, readFailure } from '../../engine/inputs/proc/proc-fs.js';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { addonCandidates } from '../../enforcer/load-binding.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProcFs } from '../../engine/inputs/proc/proc-fs.js';
import type { Started } from '../helpers/processes.js';
import { childrenOf, haveTool, startConfined, stopAll } from '../helpers/processes.js';
import { spawn, spawnSync } from 'node:child_process';

const readFiles = nativeProcFiles();
const root = process.getuid?.() === 0;
const skip = !readFiles ? 'the enforcer addon is not built' : !haveTool('setpriv') || !haveTool('unshare') ? 'setpriv and unshare (util-linux) are missing' : !root ? 'needs root to start namespaced processes' : '';
if (skip) console.warn(`SKIPPED: batch /proc reader tests because ${skip}`);

const started: Started[] = [];

describe.skipIf(skip !== '')('the batch /proc reader on real processes', () => {
  beforeAll(async () => {
    started.push(
      await startConfined('plain', ['sleep', '60']),
      await startConfined('nobody, no caps', ['setpriv', '--reuid', '65534', '--regid', '65534', '--clear-groups', '--inh-caps', '-all', 'sleep', '60']),
      await startConfined('own net namespace', ['unshare', '--net', 'sleep', '60']),
      await startConfined('own pid+mount namespaces', ['unshare', '--pid', '--fork', '--mount-proc', 'sleep', '60']),
      // A hostile argv of 1 MB: ten arguments of 100 KB each.
      await startConfined('huge argv', ['sh', '-c', 'sleep 60; :', 'sh', ...Array.from({ length: 10 }, (_, i) => String(i).repeat(100_000))], 'sh'),
    );
  }, 20_000);
  afterAll(() => stopAll(started));

  it('gives the same Subjects as reading each file on its own', () => {
    const pids = [1, process.pid, ...started.map((s) => s.pid)];
    const direct = scanProcesses({ pids });
    const batched = scanProcesses({ pids, readFiles: readFiles! });
    expect(direct.errors).toEqual([]);
    expect(batched.subjects.map((s) => s.subject.pid)).toEqual(direct.subjects.map((s) => s.subject.pid));
    for (const [i, { subject }] of batched.subjects.entries()) {
      const other = direct.subjects[i]!.subject;
      // Threads of caplint's own process may start or stop between the two scans.
      const { threads: _a, ...mine } = subject.process!;
      const { threads: _b, ...theirs } = other.process!;
      expect({ ...subject, process: mine }).toEqual({ ...other, process: theirs });
    }
    const isolated = batched.subjects.find((s) => s.subject.pid === started[2]!.pid)!.subject;
    expect(isolated.namespaces.network.state).toBe('isolated');
    expect(isolated.namespaces.mount.state).toBe('host');
  });

  it('bounds what it reads of a hostile argv, the same way in both readers', () => {
    const huge = started[4]!.pid;
    const batch = readFiles!('/proc', Int32Array.from([huge]), ['cmdline'], [], []);
    expect((batch.entry(1) as string).length).toBe(CMDLINE_MAX);
    expect(nodeProcFs.read(`/proc/${huge}/cmdline`)).toBe(batch.entry(1));
    const command = scanProcesses({ pids: [huge], readFiles: readFiles! }).subjects[0]!.subject.process!.command;
    expect(Array.isArray(command) && command.slice(0, 3)).toEqual(['sh', '-c', 'sleep 60; :']);
    expect((command as string[]).join('\0').length).toBeLessThanOrEqual(CMDLINE_MAX);
  });

  it('reports a pid that does not exist as an error naming it, as the direct reader does', () => {
    const missing = 0x7ffffff0;
    const direct = scanProcesses({ pids: [missing] });
    const batched = scanProcesses({ pids: [missing], readFiles: readFiles! });
    expect(batched.subjects).toEqual([]);
    expect(batched.errors).toEqual(direct.errors);
    expect(batched.errors[0]!.message).toMatch(/cannot read process 2147483632: no such process/);
  });

  it('keeps a process killed after the batch read it, whole: its texts are one snapshot of one process', async () => {
    const victim = await startConfined('exits', ['sleep', '60']);
    const killing: ReadFiles = (procRoot, pids, files, links, keys) => {
      const batch = readFiles!(procRoot, pids, files, links, keys);
      // Every chunk taken first, so the victim was read whole before it dies.
      const per = files.length + links.length + 2;
      for (let p = 0; p < batch.pids.length; p++) batch.entry(p * per);
      process.kill(victim.pid, 'SIGKILL');
      return batch;
    };
    try {
      const scan = scanProcesses({ readFiles: killing });
      expect(scan.subjects.some((s) => s.subject.pid === victim.pid)).toBe(true); // read before it died: a true snapshot
      expect(scan.subjects.find((s) => s.subject.pid === process.pid)?.subject.process?.comm).toBe(readComm(process.pid));
    } finally {
      stopAll([victim]);
    }
  });

  it('skips a kernel thread past its stat only when asked, and the scan then reads nothing more of it', () => {
    const kthreadd = Int32Array.from([2]);
    const skipped = readFiles!('/proc', kthreadd, ['status'], ['ns/net'], [], true);
    expect(skipped.entry(0)).toMatch(/^2 \(kthreadd\) /);
    expect([1, 2, 3].map((i) => skipped.entry(i))).toEqual([undefined, undefined, undefined]);
    const read = readFiles!('/proc', kthreadd, ['status'], ['ns/net'], [], false);
    expect(read.entry(1)).toMatch(/^Name:\tkthreadd/);
    const scan = scanProcesses({ readFiles: readFiles! });
    expect(scan.subjects.some((s) => s.subject.pid === 2)).toBe(false);
    expect(scan.summary.skipped['kernel thread']).toBeGreaterThan(0);
  });

  it('reads a large scan in background threads, chunk by chunk, taken in any order, the same as one by one', async () => {
    const shell = spawn('sh', ['-c', 'for i in $(seq 150); do sleep 60 & done; wait'], { detached: true, stdio: 'ignore' });
    try {
      let sleepers: number[] = [];
      const deadline = Date.now() + 20_000;
      // Each child counts once it runs sleep and sleeps (a child just forked still shows the shell).
      const asleep = (pid: number) => { try { return /^\d+ \(sleep\) S /.test(nodeProcFs.read(`/proc/${pid}/stat`)); } catch { return false; } };
      while ((sleepers = childrenOf(shell.pid!).filter(asleep)).length < 150 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(sleepers).toHaveLength(150);
      const pids = [...sleepers, ...started.map((s) => s.pid)];
      const files = ['status', 'cgroup', 'cmdline'];
      const links = ['ns/net', 'ns/mnt'];
      const keys = ['Uid', 'Gid', 'CapEff', 'NSpid'];
      const per = files.length + links.length + 2;
      const batch = readFiles!('/proc', Int32Array.from(pids), files, links, keys);
      const kept = (status: string) => status.split('\n').filter((l) => keys.includes(l.slice(0, l.indexOf(':')))).map((l) => `${l}\n`).join('');
      const identity = (stat: unknown) => { const p = parseStat(stat as string)!; return [p.pid, p.comm, p.ppid, p.startTime]; };
      // Last process first, then the rest from the end: each answers its own files whatever order the chunks are taken in.
      for (let p = pids.length - 1; p >= 0; p--) {
        const pid = pids[p]!;
        expect(batch.pids[p]).toBe(pid);
        expect(identity(batch.entry(p * per))).toEqual(identity(nodeProcFs.read(`/proc/${pid}/stat`)));
        expect(batch.entry(p * per + 1)).toBe(kept(nodeProcFs.read(`/proc/${pid}/status`)));
        expect(batch.entry(p * per + 3)).toBe(nodeProcFs.read(`/proc/${pid}/cmdline`));
        expect(batch.entry(p * per + 4)).toBe(nodeProcFs.readlink(`/proc/${pid}/ns/net`));
        expect(batch.entry(p * per + 6)).toBeNull(); // alive through every read
      }
      expect(batch.entry(pids.length * per)).toBeUndefined(); // past the batch: not read
      const direct = scanProcesses({ pids });
      const batched = scanProcesses({ pids, readFiles: readFiles! });
      expect(batched.subjects.map((s) => s.subject)).toEqual(direct.subjects.map((s) => s.subject));
    } finally {
      process.kill(-shell.pid!, 'SIGKILL');
    }
  }, 30_000);

  it('collects batches let go of mid-read, and a process exiting with reads under way exits cleanly', () => {
    // Batches started and dropped, then collected mid-read; then one left reading at exit.
    const addon = addonCandidates().find((path) => existsSync(path))!;
    const script = `
      const { readProcFiles } = require(${JSON.stringify(addon)});
      for (let i = 0; i < 30; i++) readProcFiles('/proc', null, ['status', 'cgroup', 'cmdline'], ['ns/net'], []);
      global.gc();
      const last = readProcFiles('/proc', null, ['status'], [], []);
      if (!/^\\d+ \\(/.test(last.take(0)[0])) process.exit(3);
      try { last.take(0); process.exit(4); } catch (e) { if (!/taken once/.test(e.message)) process.exit(5); }
      process.stdout.write('ok');
    `;
    const r = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('ok');
  });

  it('refuses names outside /proc/PID before calling the addon', () => {
    expect(() => readFiles!('/proc', null, ['../../etc/shadow'], [], [])).toThrow(/not a name under \/proc\/PID/);
    expect(() => readFiles!('/proc', null, [], ['/etc/passwd'], [])).toThrow(/not a name under \/proc\/PID/);
  });
});

type ReadFiles = NonNullable<ReturnType<typeof nativeProcFiles>>;

const slots = (entries: readonly (string | number | null | undefined)[]) => (i: number) => entries[i];

function readComm(pid: number): string {
  return nodeProcFs.read(`/proc/${pid}/comm`).trim();
}

describe('batchProcFs', () => {
  const base: ProcFs = {
    read: (path) => `base:${path}`,
    readlink: (path) => `base-link:${path}`,
    list: () => ['99'],
    id: () => ({ dev: 1, ino: 2 }),
  };
  const files = ['status', 'cgroup'];
  const links = ['ns/net'];
  // pid 5: all read, alive at the end; pid 6: status denied, link gone, stat re-read; pid 7: gone at the end.
  const fs = batchProcFs(base, '/proc', {
    pids: Int32Array.from([5, 6, 7]), files, links,
    entry: slots([
      '5 (a) S 1', 'Uid:\t0', '0::/', 'net:[1]', null,
      '6 (b) S 1', 13, '0::/x', 3, '6 (b) S 1 later',
      '7 (c) S 1', 'Uid:\t0', '0::/', 2, 3,
    ]),
  });
  const skipping = batchProcFs(base, '/proc', { pids: Int32Array.from([2]), files, links, entry: slots(['2 (kthreadd) S 0', undefined, undefined, undefined, undefined]) });

  it('answers a file with its text, and an errno as the error code a reader checks', () => {
    expect(fs.read('/proc/5/status')).toBe('Uid:\t0');
    expect(fs.readlink('/proc/5/ns/net')).toBe('net:[1]');
    expect(() => fs.read('/proc/6/status')).toThrow(expect.objectContaining({ code: 'EACCES' }));
    expect(() => fs.readlink('/proc/6/ns/net')).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  });

  it('reads a second stat as the first when the process lived through the batch, else as the batch found it', () => {
    expect(fs.read('/proc/5/stat')).toBe('5 (a) S 1');
    expect(fs.read('/proc/5/stat')).toBe('5 (a) S 1');
    expect(fs.read('/proc/6/stat')).toBe('6 (b) S 1');
    expect(fs.read('/proc/6/stat')).toBe('6 (b) S 1 later');
    expect(fs.read('/proc/7/stat')).toBe('7 (c) S 1');
    expect(() => fs.read('/proc/7/stat')).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  });

  it('falls back to the files for what the batch did not read, and lists the batch pids', () => {
    expect(fs.read('/proc/5/mountinfo')).toBe('base:/proc/5/mountinfo');
    expect(fs.read('/proc/8/status')).toBe('base:/proc/8/status');
    expect(fs.read('/proc/5/task/9/status')).toBe('base:/proc/5/task/9/status');
    expect(fs.readlink('/proc/5/root')).toBe('base-link:/proc/5/root');
    expect(fs.list('/proc')).toEqual(['5', '6', '7']);
    expect(fs.list('/proc/5/task')).toEqual(['99']);
    // A slot the batch skipped (a kernel thread's) is read from the files.
    expect(skipping.read('/proc/2/status')).toBe('base:/proc/2/status');
    expect(skipping.readlink('/proc/2/ns/net')).toBe('base-link:/proc/2/ns/net');
    expect(skipping.read('/proc/2/stat')).toBe('2 (kthreadd) S 0');
    expect(skipping.read('/proc/2/stat')).toBe('base:/proc/2/stat');
  });
});

describe.skipIf(!readFiles)('bounds on what a scanned process can make caplint read', () => {
  // A fake /proc (a folder of pid folders), so a file can be made longer than any real mountinfo.
  const root = mkdtempSync(join(tmpdir(), 'caplint-fake-proc-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('refuses a file past its bound in both readers (EFBIG, never its head as the whole), and cuts a cmdline', () => {
    mkdirSync(join(root, '4242'));
    writeFileSync(join(root, '4242', 'stat'), '4242 (x) S 1 4242 4242 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0\n');
    writeFileSync(join(root, '4242', 'mountinfo'), 'x'.repeat(PROC_FILE_MAX + 1));
    writeFileSync(join(root, '4242', 'cmdline'), 'a\0'.repeat(CMDLINE_MAX));
    const batch = readFiles!(root, Int32Array.from([4242]), ['mountinfo', 'cmdline'], [], []);
    expect(batch.entry(1)).toBe(27); // EFBIG
    expect((batch.entry(2) as string).length).toBe(CMDLINE_MAX);
    expect(() => nodeProcFs.read(join(root, '4242', 'mountinfo'))).toThrow(expect.objectContaining({ code: 'EFBIG' }));
    expect(nodeProcFs.read(join(root, '4242', 'cmdline'))).toBe(batch.entry(2));
    expect(readFailure(Object.assign(new Error('x'), { code: 'EFBIG' }))).toBe('longer than caplint reads (16 MiB)');
    // Exactly at a size the reader must grow through is still read whole.
    writeFileSync(join(root, '4242', 'mountinfo'), 'y'.repeat(200_000));
    expect(nodeProcFs.read(join(root, '4242', 'mountinfo'))).toHaveLength(200_000);
    expect((readFiles!(root, Int32Array.from([4242]), ['mountinfo'], [], []).entry(1) as string).length).toBe(200_000);
  });
});
