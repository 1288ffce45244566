/**
 * clone3 with CLONE_INTO_CGROUP: the child of an isolated launch is created
 * in a cgroup2 directory instead of writing itself into its cgroup.procs.
 * This host is hybrid (controllers on v1, cgroup2 at /sys/fs/cgroup/unified
 * without controllers), and CLONE_INTO_CGROUP works on any cgroup2
 * directory, so the path is tested under the unified mount. A directory
 * clone3 refuses (a v1 one: not cgroup2) takes the fallback, a write of
 * cgroup.procs, the same branch a kernel without clone3 (ENOSYS, E2BIG)
 * takes. Every directory made is removed in afterAll.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEnforcer } from '../../enforcer/launcher.js';
import type { IsolationPlan } from '../../enforcer/isolation-plan.js';
import { createRunCommand } from '../../engine/commands/run.js';
import { recordingIo } from '../helpers/io.js';
import { plan } from '../helpers/plans.js';
import { IS_ROOT } from '../helpers/probe.js';

const UNIFIED = '/sys/fs/cgroup/unified';
const ownV2 = /^0::(.*)$/m.exec(readFileSync('/proc/self/cgroup', 'utf8'))?.[1];
const ownPids = /^\d+:pids:(.*)$/m.exec(readFileSync('/proc/self/cgroup', 'utf8'))?.[1];
const HAVE = IS_ROOT && ownV2 !== undefined && existsSync(join(UNIFIED, 'cgroup.procs'));
if (!HAVE) console.warn(`SKIPPED: clone3 CLONE_INTO_CGROUP because it needs root and a cgroup2 mount at ${UNIFIED} (root: ${IS_ROOT}, own cgroup2 path: ${ownV2 ?? 'none'})`);

const made: string[] = [];
function cgroupDir(top: string, own: string, label: string): string {
  const dir = join(top, own, `caplint-test-${process.pid}-${label}`);
  mkdirSync(dir);
  made.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of made.reverse()) {
    for (let i = 0; i < 100 && existsSync(dir); i++) {
      try {
        rmdirSync(dir);
      } catch {
        await new Promise((r) => setTimeout(r, 20)); // the last task is still leaving
      }
    }
  }
  expect(made.filter((d) => existsSync(d))).toEqual([]);
});

const isolation = (over: Partial<IsolationPlan>): IsolationPlan => ({
  namespaces: [], idMap: null, mountProc: false, readOnlyRoot: false, maskedPaths: [], readonlyPaths: [], hostname: null, init: true, cgroupProcs: [], ...over,
});

/** Launches `sleep 5`, reads the 0:: (or the pids) line of the command's /proc/PID/cgroup, then kills it. */
async function placed(iso: IsolationPlan, line: RegExp): Promise<{ intoCgroup: boolean; path: string | undefined }> {
  const outcome = createEnforcer().launch(plan(['/bin/sleep', '5'], { isolation: iso }));
  if (outcome.kind !== 'started') throw new Error(outcome.message);
  const { child } = outcome;
  try {
    return { intoCgroup: child.intoCgroup === true, path: line.exec(readFileSync(`/proc/${child.pid}/cgroup`, 'utf8'))?.[1] };
  } finally {
    child.release();
    child.signal('SIGKILL');
    await child.exited;
  }
}

describe.skipIf(!HAVE)('clone3 CLONE_INTO_CGROUP (root, cgroup2 at /sys/fs/cgroup/unified)', () => {
  it('creates the child in the cgroup2 directory, without namespaces', async () => {
    const dir = cgroupDir(UNIFIED, ownV2!, 'plain');
    const r = await placed(isolation({ cgroupDir: dir }), /^0::(.*)$/m);
    expect(r).toEqual({ intoCgroup: true, path: join(ownV2!, `caplint-test-${process.pid}-plain`) });
  });

  it('with user, pid and mount namespaces, the command (under the init) is in it too', async () => {
    const dir = cgroupDir(UNIFIED, ownV2!, 'ns');
    const idMap = { insideUid: 0, insideGid: 0, outsideUid: 0, outsideGid: 0, denySetgroups: false };
    const r = await placed(isolation({ namespaces: ['user', 'pid', 'mount'], idMap, mountProc: true, cgroupDir: dir }), /^0::(.*)$/m);
    expect(r).toEqual({ intoCgroup: true, path: join(ownV2!, `caplint-test-${process.pid}-ns`) });
  });

  it('a directory clone3 refuses (v1: not cgroup2) falls back to a write of its cgroup.procs', async () => {
    const dir = cgroupDir('/sys/fs/cgroup/pids', ownPids ?? '/', 'fallback');
    const r = await placed(isolation({ cgroupDir: dir }), /^\d+:pids:(.*)$/m);
    expect(r).toEqual({ intoCgroup: false, path: join(ownPids ?? '/', `caplint-test-${process.pid}-fallback`) });
  });

  it('a cgroup2 directory that is not there stops the launch at the cgroup step (125), and the command does not run', () => {
    const out = mkdtempSync(join(tmpdir(), 'caplint-clone3-gone-'));
    try {
      const gone = join(UNIFIED, ownV2!, `caplint-test-${process.pid}-gone`);
      const outcome = createEnforcer().launch(plan(['/usr/bin/touch', join(out, 'ran')], { isolation: isolation({ namespaces: ['pid'], cgroupDir: gone }) }));
      expect(outcome.kind).toBe('failed');
      if (outcome.kind !== 'failed') return;
      expect(outcome.exitCode).toBe(125);
      expect(outcome.message).toBe(`could not join the cgroup (${gone}/cgroup.procs): No such file or directory`);
      expect(existsSync(join(out, 'ran'))).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('caplint run with a v2 place: the command is created in its launch cgroup, verified, and the cgroup removed', async () => {
    const parentDir = join(UNIFIED, ownV2!);
    const out = mkdtempSync(join(tmpdir(), 'caplint-clone3-'));
    try {
      const command = createRunCommand({ cgroupPlaces: () => [{ version: 2, controllers: [], parentDir, parentPath: ownV2! }] });
      const io = recordingIo(out);
      // A profile without a cgroup namespace, so that the command sees its cgroup's full path.
      writeFileSync(join(out, 'p.json'), JSON.stringify({ extends: 'default', namespaces: {} }));
      expect(await command.run(['--profile', join(out, 'p.json'), '--pids', '8', '--unshare', 'user,pid', '--', 'sh', '-c', `grep ^0:: /proc/self/cgroup > ${out}/cgroup`], io)).toBe(0);
      expect(io.err.join('')).toBe('');
      const path = readFileSync(join(out, 'cgroup'), 'utf8').trim().slice(3);
      expect(path).toMatch(new RegExp(`^${ownV2 === '/' ? '' : ownV2}/caplint-run-${process.pid}-\\d+$`));
      expect(existsSync(join(UNIFIED, path))).toBe(false); // removed once the command ended
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
