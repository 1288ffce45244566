/**
 * The tracefs a learning run uses cannot leak: it is mounted only in the
 * private mount namespace of a holder process, never on the host, and a
 * learn killed with SIGKILL leaves neither its tracing instance (the
 * holder removes it) nor a mount; an instance left by a learn whose holder
 * died too is removed by the next learn. Real processes, as root.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { IS_ROOT } from '../helpers/probe.js';
import { buildLearnBench } from './helper.js';
import type { LearnBench } from './helper.js';

/** Runs `script` with tracefs at $t, in a private mount namespace of its own (the host's mounts stay as they are). */
function inTracefs(script: string): string {
  const r = spawnSync('unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c', `t=/sys/kernel/tracing; mountpoint -q $t || mount -t tracefs tracefs $t || exit 3; ${script}`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tracefs view failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

const instances = (): string[] => inTracefs('ls $t/instances').split('\n').filter((n) => n.startsWith('caplint-learn-'));
const tracefsMounts = (): string[] => readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter((l) => / - tracefs /.test(l));
/** Processes whose command line holds `word`, or starts with it (the holder carries its instance's name). */
const processesWith = (word: string, at: 'anywhere' | 'start' = 'anywhere'): number[] =>
  readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((pid) => {
    try {
      const line = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return at === 'start' ? line.startsWith(word) : line.includes(word);
    } catch {
      return false;
    }
  }).map(Number);
const PIDNS = statSync('/proc/self/ns/pid').ino;
const owner = (name: string) => Number(/^caplint-learn-\d+-(\d+)-/.exec(name)![1]);
const running = (pid: number) => {
  try {
    return !/^\d+ \(.*\) [ZX]/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

async function until(what: () => boolean, ms = 10_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (what()) return true;
  return what();
}

const TRACEPOINT = IS_ROOT && spawnSync('unshare', ['--mount', '--', 'sh', '-c', 'mountpoint -q /sys/kernel/tracing || mount -t tracefs tracefs /sys/kernel/tracing; test -d /sys/kernel/tracing/events/capability/cap_capable'], { stdio: 'ignore' }).status === 0;
if (!IS_ROOT) console.warn('SKIPPED: learn-tracefs because it needs root (tracefs)');
else if (!TRACEPOINT) console.warn('SKIPPED: learn-tracefs because this kernel has no capability:cap_capable tracepoint (Linux 6.14+)');

describe.skipIf(!TRACEPOINT)('the tracefs of caplint learn does not leak', () => {
  let bench: LearnBench;
  const children: ChildProcess[] = [];
  const planted: string[] = [];
  beforeAll(() => void (bench = buildLearnBench()));
  afterAll(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const name of planted) inTracefs(`rmdir $t/instances/${name} 2>/dev/null; true`);
    bench?.cleanup();
  });

  it('a learn killed with SIGKILL mid-run leaves no instance, no mount, no holder and no command', async () => {
    const mountsBefore = tracefsMounts();
    const learn = spawn(process.execPath, [BIN, 'learn', '-o', `${bench.dir}/killed.json`, '--', bench.helper, 'sleep', '30000'], { stdio: 'ignore' });
    children.push(learn);
    const prefix = `caplint-learn-${PIDNS}-${learn.pid}-`;
    expect(await until(() => instances().some((n) => n.startsWith(prefix)))).toBe(true);
    const name = instances().find((n) => n.startsWith(prefix))!;
    expect(await until(() => processesWith(`${bench.helper}\0sleep\x0030000`, 'start').length === 1)).toBe(true);
    expect(processesWith(name)).toHaveLength(1); // the holder, in a mount namespace of its own
    expect(tracefsMounts()).toEqual(mountsBefore); // nothing mounted here while it runs

    learn.kill('SIGKILL');
    expect(await until(() => !instances().includes(name))).toBe(true);
    expect(await until(() => processesWith(name).length === 0)).toBe(true);
    expect(await until(() => processesWith(`${bench.helper}\0sleep\x0030000`, 'start').length === 0)).toBe(true);
    expect(tracefsMounts()).toEqual(mountsBefore);
  });

  it("a command in caplint's pid namespace cannot enter the holder's tracefs, and killing the holder leaks nothing", async () => {
    writeFileSync(`${bench.dir}/hostpid.json`, JSON.stringify({ extends: 'default', namespaces: {} }));
    // Its own learn's holder only (the instance name carries caplint's pid, the command's parent): others' are left alone.
    const attack = [
      'p=caplint-trace',
      'for f in $(grep -l -- "-$PPID-" $(grep -l "${p}fs" /proc/[0-9]*/cmdline 2>/dev/null) 2>/dev/null); do h=${f%/cmdline}; h=${h#/proc/}; done',
      '[ -n "$h" ] && echo found',
      'ls /proc/$h/root/sys/kernel/tracing/instances >/dev/null && echo reached',
      'kill -9 $h && echo killed',
      'sleep 0.5', // dead before the run ends, so its end finds the holder gone
    ].join('\n');
    const ran = bench.learn('attack', ['sh', '-c', attack], ['--extends', './hostpid.json']);
    expect(ran.stdout).toBe('found\nkilled\n');
    expect(ran.stderr).toMatch(/ls: cannot access '\/proc\/\d+\/root\/sys\/kernel\/tracing\/instances': Permission denied/);
    expect(ran.stderr).toMatch(/capabilities not learned \(the capability checks could not be read \(its tracefs holder process ended during the run\)\)/);
    expect(ran.code).toBe(0);
    // The janitor started in the killed holder's place removes the run's instance.
    expect(await until(() => instances().every((n) => planted.includes(n) || running(owner(n))))).toBe(true);
  });

  it('removes the instance a learn left whose holder died too, and not those of a live learn or of another pid namespace', () => {
    const dead = spawnSync('sh', ['-c', 'sh -c "echo \\$\\$"'], { encoding: 'utf8' }).stdout.trim();
    const stale = `caplint-learn-${PIDNS}-${dead}-0badf00d`;
    const live = `caplint-learn-${PIDNS}-${process.pid}-0badf00d`; // this test process runs: not stale
    const elsewhere = `caplint-learn-1-${dead}-0badf00d`; // made from another pid namespace: its pid means nothing here
    planted.push(stale, live, elsewhere);
    inTracefs(`mkdir $t/instances/${stale} $t/instances/${live} $t/instances/${elsewhere}`);
    const ran = bench.learn('swept', [bench.helper, 'uname']);
    expect(ran.code, ran.stderr).toBe(0);
    const left = instances();
    expect(left).not.toContain(stale);
    expect(left).toContain(live);
    expect(left).toContain(elsewhere);
    expect(left.filter((n) => n !== elsewhere && !running(owner(n))), ran.stderr).toEqual([]); // nor the run's own: its learn has exited
  });
});
