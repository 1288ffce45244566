/**
 * A profile's filesystem view at launch, with real processes (root): / is
 * read-only (a write fails with EROFS), a masked file reads empty, a masked
 * directory is an empty read-only tmpfs, a read-only path refuses writes,
 * and the command cannot take the masks off (no CAP_SYS_ADMIN, even with
 * seccomp unconfined). The mountinfo of the launched process shows it all,
 * and caplint's own verification reads the same.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { caplintProcess } from '../helpers/cli.js';
import { leftCgroups } from '../helpers/launch-cgroups.js';
import { IS_ROOT } from '../helpers/probe.js';
import { HAS_SETPRIV, UNPRIVILEGED, cliArgv, runSync } from '../helpers/setpriv.js';
import { parseMountInfo } from '../../engine/inputs/proc/parse-mountinfo.js';
import { mountProblems } from '../../engine/run/verify-mounts.js';
import type { IsolationPlan } from '../../enforcer/isolation-plan.js';

if (!IS_ROOT) console.warn('SKIPPED: the filesystem view at launch because it needs root (namespaces made with CAP_SYS_ADMIN, cgroups written)');

const started = process.pid;
const dir = mkdtempSync(join(tmpdir(), 'caplint-fs-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  expect(leftCgroups(started)).toEqual([]);
});

/** A file and a directory every Linux /proc has, masked; /proc/sys read-only; / read-only. */
const profile = join(dir, 'fs.json');
writeFileSync(profile, JSON.stringify({
  extends: 'default',
  namespaces: { user: 'isolated', pid: 'isolated', mount: 'isolated' },
  filesystem: { readOnlyRootfs: true, maskedPaths: ['/proc/cmdline', '/proc/driver'], readonlyPaths: ['/proc/sys'] },
}));

const sh = (script: string, extra: readonly string[] = []) => caplintProcess(['run', '--profile', profile, ...extra, '--', 'sh', '-c', script]);

describe.skipIf(!IS_ROOT)('filesystem: readOnlyRootfs, maskedPaths, readonlyPaths (root)', () => {
  it('--dry-run lists the masks and read-only paths', () => {
    const r = caplintProcess(['run', '--profile', profile, '--dry-run', '--', 'true']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}mounts {7}private propagation, a fresh \/proc, \/ read-only$/m);
    expect(r.stdout).toMatch(/^ {2}masked {7}\/proc\/cmdline \/proc\/driver\/$/m);
    expect(r.stdout).toMatch(/^ {2}read-only {4}\/proc\/sys$/m);
  });

  it('a write to / fails with EROFS, and the command\'s mountinfo shows / read-only', () => {
    const marker = `/caplint-rofs-${process.pid}`;
    const r = sh(`touch ${marker}; echo "touch=$?"; grep -E '^[0-9]+ [0-9]+ [^ ]+ / / ' /proc/self/mountinfo`);
    expect(r.stderr).toMatch(/Read-only file system/);
    expect(r.stdout).toMatch(/^touch=1$/m);
    const root = parseMountInfo(r.stdout.split('\n').slice(1).join('\n'));
    expect(root[0]?.options).toContain('ro');
    expect(readFileSync('/proc/self/mountinfo', 'utf8')).toMatch(/ \/ \/ rw/); // the host's / is still writable
  });

  it('a masked file reads empty; a masked directory is an empty read-only tmpfs; a read-only path refuses writes', () => {
    expect(readFileSync('/proc/cmdline', 'utf8').length).toBeGreaterThan(0); // there is something to hide
    const r = sh('wc -c < /proc/cmdline; ls -A /proc/driver | wc -l; stat -f -c %T /proc/driver; touch /proc/driver/x 2>&1; echo 1 > /proc/sys/kernel/ns_last_pid; grep -E " /proc/(cmdline|driver|sys) " /proc/self/mountinfo');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual(['0', '0', 'tmpfs']);
    expect(r.stdout).toMatch(/touch: cannot touch '\/proc\/driver\/x': Read-only file system/);
    expect(r.stderr).toMatch(/\/proc\/sys\/kernel\/ns_last_pid: Read-only file system/); // the shell reports a failed redirection itself
    const mounts = parseMountInfo(lines.filter((l) => / - /.test(l)).join('\n'));
    expect(mounts.find((m) => m.mountPoint === '/proc/cmdline')).toMatchObject({ root: '/null', fsType: 'devtmpfs', options: expect.arrayContaining(['ro']) });
    expect(mounts.find((m) => m.mountPoint === '/proc/driver')).toMatchObject({ fsType: 'tmpfs', options: expect.arrayContaining(['ro']) });
    expect(mounts.find((m) => m.mountPoint === '/proc/sys')?.options).toContain('ro');
  });

  it('the command cannot lift a mask or make / writable again, even with seccomp unconfined (no CAP_SYS_ADMIN)', () => {
    const r = sh('umount /proc/cmdline 2>/dev/null; mount -o remount,rw / 2>/dev/null; wc -c < /proc/cmdline; touch /caplint-rofs-again 2>/dev/null; echo "touch=$?"', ['--seccomp', 'unconfined']);
    expect(r.stdout).toBe('0\ntouch=1\n');
  });

  it('restricted masks the runtimes\' default list, and keeps / writable', () => {
    const r = caplintProcess(['run', '--profile', 'restricted', '--', 'sh', '-c', 'grep -cE " /proc/(keys|acpi|timer_list|scsi) " /proc/self/mountinfo; wc -c < /proc/keys; t=$(mktemp) && rm "$t" && echo tmp-writable']);
    expect(r.stderr).toBe('');
    const [count, keys, tmp] = r.stdout.trim().split('\n');
    expect(Number(count)).toBeGreaterThanOrEqual(2);
    expect(keys).toBe('0');
    expect(tmp).toBe('tmp-writable');
  });
});

describe.skipIf(!IS_ROOT || !HAS_SETPRIV)('filesystem without root, inside a user namespace', () => {
  it('an unprivileged caller gets restricted\'s masks and read-only paths too (limits left out with --allow-partial)', () => {
    expect(readdirSync('/sys/firmware').length).toBeGreaterThan(0); // there is something to hide
    const r = runSync([...UNPRIVILEGED, ...cliArgv(['run', '--profile', 'restricted', '--allow-partial', '--', 'sh', '-c', 'ls -A /sys/firmware | wc -l; (echo 1 > /proc/sys/kernel/ns_last_pid) 2>&1 | sed "s/.*: //"'])]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('0\nRead-only file system\n');
    expect(r.stderr).toMatch(/^caplint run: partial confinement: the cgroup limits cannot be set/);
  });
});

describe('the verification after exec reads the mounts', () => {
  const plan = (over: Partial<IsolationPlan>): IsolationPlan => ({
    namespaces: ['mount'], idMap: null, mountProc: false, readOnlyRoot: false, maskedPaths: [], readonlyPaths: [], hostname: null, init: true, cgroupProcs: [], ...over,
  });

  it('finds a process whose / is writable, whose path is unmasked and whose path is writable, against a plan that wants otherwise', () => {
    // This test's own process: nothing is masked or read-only here (unless the machine runs it so).
    const own = parseMountInfo(readFileSync('/proc/self/mountinfo', 'utf8'));
    const rw = (path: string) => own.findLast((m) => path === m.mountPoint || path.startsWith(m.mountPoint === '/' ? '/' : `${m.mountPoint}/`))?.options.includes('rw');
    const problems = mountProblems(process.pid, 'its', plan({ readOnlyRoot: true, maskedPaths: [{ path: '/proc/cmdline', directory: false }], readonlyPaths: ['/proc/sys'] }));
    const expected = [
      ...(rw('/') ? ['its / is mounted read-write, planned read-only'] : []),
      'its /proc/cmdline is not masked, planned masked',
      ...(rw('/proc/sys') ? ['its /proc/sys is writable, planned read-only'] : []),
    ];
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(problems).toEqual(expected);
  });

  it('a planned path that is not there at all is no problem (the addon skips it: nothing to hide)', () => {
    expect(mountProblems(process.pid, 'its', plan({ maskedPaths: [{ path: '/proc/no-such-entry', directory: false }], readonlyPaths: ['/no/such/dir'] }))).toEqual([]);
  });
});
