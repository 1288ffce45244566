/** Real cgroups on this machine: the tightest limit along the path applies, and --cgroup selects their processes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { setup } from '../helpers/cgroup-sandbox.js';
import type { Sandbox } from '../helpers/cgroup-sandbox.js';
import { caplint as runCli } from '../helpers/cli.js';
import type { Subject } from '../../engine/model/subject.js';

const made = setup(`caplint-test-${process.pid}`);
const skip = typeof made === 'string' ? made : '';
if (skip) console.log(`cgroup limit test skipped: ${skip}`);

describe.skipIf(skip !== '')('cgroup limits of a live process', () => {
  const box = made as Sandbox;
  let child: ChildProcess;
  beforeAll(() => {
    child = spawn('sleep', ['60'], { stdio: 'ignore' });
  });
  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited; // reaped: the cgroup is empty now, or within moments (remove() retries)
    }
    await box.remove();
    expect(readdirSync('/sys/fs/cgroup', { recursive: true }).filter((p) => String(p).includes(`caplint-test-${process.pid}`))).toEqual([]);
  });

  it(`reads the tightest limit of the cgroup and its ancestors`, async () => {
    box.add(child.pid!);
    const r = await runCli(['ps', '--pid', String(child.pid), '--format', 'json', '--fail-on', 'never']);
    const subject = (JSON.parse(r.stdout) as { subjects: Subject[] }).subjects[0]!;
    expect(subject.limits).toEqual({ memory: 256 * 2 ** 20, pids: 50, cpu: { quota: 50000, period: 100000 } });
    expect(subject.process!.limitSources.memory).toMatch(new RegExp(`caplint-test-${process.pid}$`));
    expect(subject.process!.limitSources.pids).toMatch(/\/child$/);
    const table = await runCli(['ps', '--pid', String(child.pid), '--wide', '--fail-on', 'never']);
    expect(table.stdout).toMatch(/mem 256M pids 50 cpu 0\.50/);
  });

  it('--cgroup lists exactly the processes in the cgroup', async () => {
    const r = await runCli(['ps', '--cgroup', box.path.replace(/\/child$/, ''), '--format', 'json', '--fail-on', 'never']);
    expect((JSON.parse(r.stdout) as { subjects: Subject[] }).subjects.map((s) => s.pid)).toEqual([child.pid]);
  });
});
