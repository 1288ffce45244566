/**
 * caplint ps against tools nobody here wrote, run at the same time on the
 * same machine: pscap (libcap-ng) for capabilities, lsns (util-linux) for
 * namespace membership, over processes started with known confinement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { caplint as runCli } from '../helpers/cli.js';
import type { Started } from '../helpers/processes.js';
import { haveTool, output, startConfined, stopAll } from '../helpers/processes.js';
import { parsePscap } from '../helpers/pscap.js';
import type { Subject } from '../../engine/model/subject.js';
import { NAMESPACE_TYPES, PROC_NS_FILE } from '../../engine/linux/namespaces.js';

const missing = ['pscap', 'lsns', 'setpriv', 'unshare'].filter((t) => !haveTool(t));
const root = process.getuid?.() === 0;
const skip = missing.length ? `missing ${missing.join(', ')} (Debian: apt-get install libcap-ng-utils util-linux)` : !root ? 'needs root to start namespaced processes and read every /proc/PID/ns' : '';
if (skip) console.log(`differential test skipped: ${skip}`);

const started: Started[] = [];
let subjects = new Map<number, Subject>();
let pscap = new Map<number, ReturnType<typeof parsePscap> extends Map<number, infer L> ? L : never>();
let lsnsByPid = new Map<number, Map<string, number>>();
let reference = 1;
let lastCap = 40;

async function lsns(pid: number): Promise<Map<string, number> | undefined> {
  const r = await output('lsns', ['-J', '-p', String(pid), '-o', 'NS,TYPE']);
  if (r.code !== 0) return undefined;
  const parsed = JSON.parse(r.stdout) as { namespaces: { ns: number | string; type: string }[] };
  return new Map(parsed.namespaces.map((n) => [n.type, Number(n.ns)]));
}

describe.skipIf(skip !== '')('caplint ps agrees with pscap and lsns', () => {
  beforeAll(async () => {
    lastCap = Number(readFileSync('/proc/sys/kernel/cap_last_cap', 'utf8'));
    started.push(
      await startConfined('bounding net_bind_service', ['setpriv', '--bounding-set', '-all,+net_bind_service', '--inh-caps', '-all', 'sleep', '60']),
      await startConfined('new pid+mnt namespaces', ['unshare', '--pid', '--fork', '--mount-proc', 'sleep', '60']),
      await startConfined('new net namespace', ['unshare', '--net', 'sleep', '60']),
      await startConfined('new user namespace', ['unshare', '-U', 'sleep', '60']),
      await startConfined('no capabilities', ['setpriv', '--reuid', '65534', '--regid', '65534', '--clear-groups', '--inh-caps', '-all', 'sleep', '60']),
      await startConfined('plain root', ['sleep', '60']),
      await startConfined('ambient net_raw as nobody', ['setpriv', '--reuid', '65534', '--regid', '65534', '--clear-groups', '--inh-caps', '+net_raw', '--ambient-caps', '+net_raw', 'sleep', '60']),
    );
    // Same time: the tools start, then caplint scans while they run. --no-filters: a whole-machine
    // scan must not ptrace-stop the filtered processes of whatever else runs here.
    const pscapRun = output('pscap', ['-a']);
    const lsnsRuns = Promise.all([2, 1, ...started.map((s) => s.pid)].map(async (pid) => [pid, await lsns(pid)] as const));
    const ps = await runCli(['ps', '--format', 'json', '--all', '--fail-on', 'never', '--no-filters']);
    expect(ps.code).toBe(0);
    const report = JSON.parse(ps.stdout) as { subjects: Subject[] };
    subjects = new Map(report.subjects.map((s) => [s.pid!, s]));
    reference = report.subjects[0]!.process!.reference;
    pscap = parsePscap((await pscapRun).stdout);
    lsnsByPid = new Map((await lsnsRuns).filter((e): e is readonly [number, Map<string, number>] => e[1] !== undefined));
  }, 30_000);
  afterAll(() => stopAll(started));

  it('lists every confined process it started', () => {
    for (const s of started) expect(subjects.has(s.pid), s.label).toBe(true);
  });

  it('agrees with pscap on the capabilities of every process both list', () => {
    let compared = 0;
    for (const [pid, line] of pscap) {
      const subject = subjects.get(pid);
      if (!subject || subject.process?.kernelThread) continue;
      const effective = subject.capabilities.effective as string[];
      const permitted = (subject.capabilities.permitted as string[]).map((c) => c.replace(/^CAP_/, '').toLowerCase());
      const bounding = subject.capabilities.bounding as string[];
      if (line.full) expect(effective.length, `pid ${pid}`).toBe(lastCap + 1);
      else expect(permitted, `pid ${pid}`).toEqual(line.permitted);
      expect(bounding.length > 0, `pid ${pid} bounding`).toBe(line.bounding);
      expect((subject.capabilities.ambient as string[]).length > 0, `pid ${pid} ambient`).toBe(line.ambient);
      compared++;
    }
    console.log(`pscap: ${compared} processes compared, all agree`);
    expect(compared).toBeGreaterThanOrEqual(4);
    const bind = started[0]!.pid;
    expect(pscap.get(bind)?.permitted).toEqual(['net_bind_service']);
    expect(subjects.get(bind)!.capabilities.bounding).toEqual(['CAP_NET_BIND_SERVICE']);
    const ambient = started[6]!.pid;
    expect(pscap.get(ambient)).toMatchObject({ permitted: ['net_raw'], ambient: true });
    expect(subjects.get(ambient)!.capabilities.ambient).toEqual(['CAP_NET_RAW']);
    // pscap lists only processes with effective capabilities; caplint says the same of the ones it leaves out.
    for (const s of started.slice(3, 5)) {
      expect(pscap.has(s.pid), s.label).toBe(false);
      expect(subjects.get(s.pid)!.capabilities.effective, s.label).toEqual([]);
    }
  });

  it('agrees with lsns on namespace membership and on what is shared with the reference', () => {
    const ref = lsnsByPid.get(reference);
    expect(ref, `lsns -p ${reference}`).toBeDefined();
    let compared = 0;
    for (const [pid, namespaces] of lsnsByPid) {
      const subject = subjects.get(pid);
      if (!subject) continue;
      for (const type of NAMESPACE_TYPES) {
        const ino = namespaces.get(PROC_NS_FILE[type]);
        if (ino === undefined) continue;
        expect(subject.process!.namespaceInodes[type], `pid ${pid} ${type}`).toBe(ino);
        expect(subject.namespaces[type].state, `pid ${pid} ${type}`).toBe(ino === ref!.get(PROC_NS_FILE[type]) ? 'host' : 'isolated');
        compared++;
      }
    }
    console.log(`lsns: ${compared} (process, namespace) pairs over ${lsnsByPid.size} processes compared, all agree`);
    const state = (i: number, t: keyof Subject['namespaces']) => subjects.get(started[i]!.pid)!.namespaces[t].state;
    expect([state(1, 'pid'), state(1, 'mount'), state(1, 'network')]).toEqual(['isolated', 'isolated', 'host']);
    expect([state(2, 'network'), state(2, 'pid')]).toEqual(['isolated', 'host']);
    expect([state(3, 'user'), state(3, 'network')]).toEqual(['isolated', 'host']);
  });

  it('agrees with lsns on every namespace\'s lowest pid', async () => {
    const all = JSON.parse((await output('lsns', ['-J', '-o', 'NS,TYPE,PID'])).stdout) as { namespaces: { ns: number; type: string; pid: number }[] };
    let compared = 0;
    for (const ns of all.namespaces) {
      const subject = subjects.get(Number(ns.pid));
      const type = NAMESPACE_TYPES.find((t) => PROC_NS_FILE[t] === ns.type);
      if (!subject || !type) continue; // started or exited between the two runs
      if (subject.process!.namespaceInodes[type] === null) continue;
      expect(subject.process!.namespaceInodes[type], `pid ${ns.pid} ${ns.type}`).toBe(Number(ns.ns));
      compared++;
    }
    expect(compared).toBeGreaterThan(8);
  });
});
