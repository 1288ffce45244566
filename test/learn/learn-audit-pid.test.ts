/** `audit --pid` of a process launched under a learned profile, judged by that profile: its policy rules find nothing. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, caplintProcess } from '../helpers/cli.js';
import { IS_ROOT } from '../helpers/probe.js';
import { buildLearnBench } from './helper.js';
import type { LearnBench } from './helper.js';

if (!IS_ROOT) console.warn('SKIPPED: learn-audit-pid because it needs root (run drops the bounding set; audit --pid dumps the filter)');

async function childOf(parent: number): Promise<number> {
  for (let i = 0; i < 100; i++) {
    try {
      const kids = (of: number): number[] => readFileSync(`/proc/${of}/task/${of}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
      // With the default profile's pid namespace the command runs under caplint's init: a grandchild.
      const children = kids(parent);
      const pid = [...children, ...children.flatMap(kids)].find((p) => readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'learn-helper');
      if (pid) return pid;
    } catch {
      // not there yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no learn-helper child of ${parent}`);
}

describe.skipIf(!IS_ROOT)('audit --pid with the learned profile as policy (root)', () => {
  let bench: LearnBench;
  let running: ChildProcess | undefined;
  beforeAll(() => void (bench = buildLearnBench()));
  afterAll(() => {
    running?.kill('SIGKILL');
    bench?.cleanup();
  });

  it('finds no capability, seccomp or policy finding on the learned run', async () => {
    const learned = bench.learn('sleeper', [bench.helper, 'sleep', '50']);
    expect(learned.code, learned.stderr).toBe(0);
    const profile = join(bench.dir, 'sleeper.json');
    running = spawn(process.execPath, [BIN, 'run', '--profile', profile, '--', bench.helper, 'sleep', '20000'], { stdio: 'ignore' });
    const pid = await childOf(running.pid!);
    const audit = caplintProcess(['audit', '--pid', String(pid), '--policy', profile, '--format', 'json']);
    const report = JSON.parse(audit.stdout) as { findings: { ruleId: string }[]; errors: unknown[]; subjects: { pid: number }[] };
    expect(report.errors).toEqual([]);
    expect(report.subjects.map((s) => s.pid)).toEqual([pid]);
    const judged = report.findings.filter((f) => /^(policy|capabilities|seccomp|privileges\/no-new-privileges)/.test(f.ruleId));
    expect(judged).toEqual([]);
    // The policy is active on live processes: caplint's own run process, which holds every capability, is reported.
    const parent = caplintProcess(['audit', '--pid', String(running.pid), '--policy', profile, '--format', 'json']);
    const found = (JSON.parse(parent.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
    expect(found).toContain('policy/capabilities');
  });
});
