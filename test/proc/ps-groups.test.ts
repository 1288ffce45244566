/** `caplint ps` on this machine: identical processes are one group, and the table fits 100 columns. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { caplint as runCli } from '../helpers/cli.js';
import { childrenOf } from '../helpers/processes.js';

const COUNT = 1000;
let shell: ChildProcess | undefined;
let sleepers: number[] = [];

beforeAll(async () => {
  shell = spawn('bash', ['-c', `for i in $(seq ${COUNT}); do sleep 3600 & done; wait`], { detached: true, stdio: 'ignore' });
  const deadline = Date.now() + 60_000;
  while ((sleepers = childrenOf(shell.pid!)).length < COUNT && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}, 70_000);

afterAll(async () => {
  // The sleeps first, so the shell's `wait` reaps them (no zombies left behind), then the shell.
  for (const pid of sleepers) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
  const deadline = Date.now() + 10_000;
  while (shell && shell.exitCode === null && shell.signalCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (shell?.pid) try { process.kill(-shell.pid, 'SIGKILL'); } catch { /* gone */ }
}, 20_000);

interface PsJson {
  subjects: { pid: number; group: string }[];
  groups: { id: string; processes: number; pids: number[]; commands: Record<string, number> }[];
  summary: { subjects: number; groups: number };
}

describe(`caplint ps with ${COUNT} identical sleeps`, () => {
  it('puts every sleep in one group, judged once, and lists each process with its group id', async () => {
    expect(sleepers).toHaveLength(COUNT);
    const r = await runCli(['ps', '--format', 'json', '--no-filters', '--fail-on', 'never']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as PsJson;
    const groupOf = new Map(report.subjects.map((s) => [s.pid, s.group]));
    const ids = new Set(sleepers.map((pid) => groupOf.get(pid)));
    expect([...ids]).toHaveLength(1);
    const group = report.groups.find((g) => g.id === [...ids][0])!;
    expect(group.commands.sleep).toBeGreaterThanOrEqual(COUNT);
    expect(group.pids).toEqual(expect.arrayContaining(sleepers));
    expect(report.summary.groups).toBeLessThan(report.summary.subjects / 10);
    // Every finding is about a group, not a process: at most one per rule per group.
    const findings = (JSON.parse(r.stdout) as { findings: { ruleId: string; subject: string }[] }).findings;
    const perRuleAndGroup = new Set(findings.map((f) => `${f.ruleId} ${f.subject}`));
    expect(perRuleAndGroup.size).toBe(findings.length);
  }, 60_000);

  it('prints a table of groups no wider than 100 columns when stdout is not a terminal and COLUMNS is unset', async () => {
    const r = await runCli(['ps', '--no-filters', '--fail-on', 'never']);
    const table = r.stdout.slice(0, r.stdout.indexOf('\n\n'));
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^GROUP\s+PROCS\s+PIDS\s+CONTAINER\s+USER\s+COMMAND\s+CAPS\s+SECCOMP\s+NNP\s+SHARED\s+LIMITS$/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    expect(lines.some((l) => /^g\d+\s+\d{4,}\s/.test(l) && /\ssleep ×/.test(l))).toBe(true);
    const narrow = await runCli(['ps', '--no-filters', '--fail-on', 'never'], { env: { COLUMNS: '80' } });
    for (const line of narrow.stdout.slice(0, narrow.stdout.indexOf('\n\n')).split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    const wide = await runCli(['ps', '--wide', '--no-filters', '--fail-on', 'never']);
    expect(wide.stdout).not.toMatch(/…/);
  }, 60_000);
});
