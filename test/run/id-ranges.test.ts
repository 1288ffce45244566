/**
 * Range maps (--map-users): a subordinate range of uids and gids written by
 * the parent, the command switching to its ids inside. Parsing and refusals
 * run anywhere; the launches need root (only CAP_SETUID/CAP_SETGID may
 * write a range): the maps and the command's ids are read from the host's
 * /proc/PID/status and /proc/PID/uid_map.
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseIdRanges, subordinateRange } from '../../engine/run/id-ranges.js';
import { UsageError } from '../../engine/errors.js';
import { idMapProblems } from '../../engine/run/verify-id-maps.js';
import { BIN, caplintProcess } from '../helpers/cli.js';
import { leftCgroups } from '../helpers/launch-cgroups.js';
import { IS_ROOT } from '../helpers/probe.js';
import { startConfined, stopStarted } from '../helpers/processes.js';
import type { Started } from '../helpers/processes.js';
import { HAS_SETPRIV, UNPRIVILEGED, cliArgv, runSync } from '../helpers/setpriv.js';

if (!IS_ROOT) console.warn('SKIPPED: --map-users launches because writing a range map needs root (CAP_SETUID, CAP_SETGID)');

const none = (): null => null;

describe('--map-users values', () => {
  it('INSIDE:OUTSIDE:COUNT maps uids and gids alike', () => {
    expect(parseIdRanges('0:100000:65536', ['root'], none)).toEqual({ uid: { inside: 0, outside: 100000, count: 65536 }, gid: { inside: 0, outside: 100000, count: 65536 } });
  });

  it('auto takes the caller\'s first entry, by name or uid, of /etc/subuid and /etc/subgid', () => {
    const files: Record<string, string> = { '/etc/subuid': 'alice:1:2\n# x\nroot:200000:65536\nroot:900000:10\n', '/etc/subgid': '0:300000:1000\n' };
    expect(parseIdRanges('auto', ['root', '0'], (f) => files[f] ?? null)).toEqual({ uid: { inside: 0, outside: 200000, count: 65536 }, gid: { inside: 0, outside: 300000, count: 1000 } });
    expect(() => parseIdRanges('auto', ['root', '0'], none)).toThrow('--map-users auto: /etc/subuid does not exist, so the caller has no subordinate range (give INSIDE:OUTSIDE:COUNT)');
    expect(() => subordinateRange('bob:1000:10\n', ['root', '0'], '/etc/subuid')).toThrow('--map-users auto: /etc/subuid has no range for root (uid 0)');
  });

  it('refuses a range that takes in host id 0, a malformed value and one past 32 bits', () => {
    expect(() => parseIdRanges('0:0:65536', ['root'], none)).toThrow(/would map the host's uid and gid 0 into the namespace/);
    expect(() => parseIdRanges('0:100000', ['root'], none)).toThrow(UsageError);
    expect(() => parseIdRanges('0:4294967000:65536', ['root'], none)).toThrow(/does not fit in 32-bit ids/);
    expect(() => subordinateRange('root:0:10\n', ['root'], '/etc/subuid')).toThrow(/would map the host's id 0/);
  });
});

let running: Started | undefined;
afterEach(async () => {
  await stopStarted(running);
  running = undefined;
});
const started = process.pid;
afterAll(() => expect(leftCgroups(started)).toEqual([]));

const ids = (pid: number, key: 'Uid' | 'Gid'): string[] => new RegExp(`^${key}:\\s+(.*)$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]!.split(/\s+/);
const mapOf = (pid: number, file: string): string => readFileSync(`/proc/${pid}/${file}`, 'utf8').trim().split(/\s+/).join(' ');

describe.skipIf(!IS_ROOT)('--map-users launches (root)', () => {
  it('0:100000:65536: the command is root inside and uid/gid 100000 on the host; the maps are the one planned line', async () => {
    running = await startConfined('range', [process.execPath, BIN, 'run', '--map-users', '0:100000:65536', '--', 'sleep', '30']);
    expect(ids(running.pid, 'Uid')).toEqual(['100000', '100000', '100000', '100000']);
    expect(ids(running.pid, 'Gid')).toEqual(['100000', '100000', '100000', '100000']);
    expect(mapOf(running.pid, 'uid_map')).toBe('0 100000 65536');
    expect(mapOf(running.pid, 'gid_map')).toBe('0 100000 65536');
    // The init (host uid 0, unmapped inside) can still forward SIGTERM to a command of other ids: it keeps CAP_KILL.
    const child = running.child;
    const code = new Promise((r) => child.once('exit', (c) => r(c)));
    child.kill('SIGTERM');
    expect(await code).toBe(143);
  });

  it('with --map-user 1000:1000 the command runs as 1000 inside, 101000 on the host', async () => {
    running = await startConfined('range-user', [process.execPath, BIN, 'run', '--map-users', '0:100000:65536', '--map-user', '1000:1000', '--', 'sleep', '30']);
    expect(ids(running.pid, 'Uid')).toEqual(['101000', '101000', '101000', '101000']);
    expect(ids(running.pid, 'Gid')[0]).toBe('101000');
    const inside = caplintProcess(['run', '--map-users', '0:100000:65536', '--map-user', '1000:1000', '--', 'sh', '-c', 'id -u; id -g']);
    expect(inside.stdout).toBe('1000\n1000\n');
  });

  it('refuses ids outside the range and a range with host root, running nothing (exit 2)', () => {
    const out = caplintProcess(['run', '--map-users', '0:100000:100', '--map-user', '1000:1000', '--', 'true']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/the command's ids 1000:1000 are outside the ranges --map-users maps/);
    expect(caplintProcess(['run', '--map-users', '0:0:65536', '--', 'true']).code).toBe(2);
    expect(caplintProcess(['run', '--map-users', '0:100000:65536', '--map-root-user', '--', 'true']).stderr).toMatch(/give one of them/);
  });

  it.skipIf(!HAS_SETPRIV)('an unprivileged caller is refused with one sentence and exit 125 (no newuidmap)', () => {
    const r = runSync([...UNPRIVILEGED, ...cliArgv(['run', '--map-users', '0:100000:65536', '--', 'true'])]);
    expect(r.status).toBe(125);
    expect(r.stderr).toBe('caplint run: mapping a range of ids (--map-users) needs CAP_SETUID and CAP_SETGID (root); caplint does not use newuidmap. Use --map-root-user to map the caller alone; nothing was run\n');
  });
});

describe('the verification after exec reads the id maps', () => {
  it('finds a process whose maps are not the planned line (this test\'s own: the initial namespace\'s full map)', () => {
    const plan = { namespaces: ['user'] as const, idMap: { insideUid: 0, outsideUid: 100000, uidCount: 65536, insideGid: 0, outsideGid: 100000, gidCount: 65536, denySetgroups: false } };
    const problems = idMapProblems(process.pid, 'its', { ...plan, namespaces: [...plan.namespaces], mountProc: false, readOnlyRoot: false, maskedPaths: [], readonlyPaths: [], hostname: null, init: true, cgroupProcs: [] });
    expect(problems).toEqual([
      `its uid_map is "${mapOf(process.pid, 'uid_map')}", planned "0 100000 65536"`,
      `its gid_map is "${mapOf(process.pid, 'gid_map')}", planned "0 100000 65536"`,
    ]);
  });
});
