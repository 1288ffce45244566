/**
 * The node agent against real processes it starts in a cgroup of its own (the
 * scan is scoped to that cgroup, so other processes on the machine are not
 * read): metrics and JSON lines change when a risky process starts and when
 * it stops, and a scan with nothing new prints nothing.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent } from '../../engine/serve/agent/agent.js';
import type { Agent } from '../../engine/serve/agent/agent.js';
import { setup } from '../helpers/cgroup-sandbox.js';
import type { Sandbox } from '../helpers/cgroup-sandbox.js';
import { ROOT } from '../helpers/cli.js';

const sandbox: Sandbox | string = setup(`caplint-agent-test-${process.pid}`);
const reason = typeof sandbox === 'string' ? sandbox : undefined;
if (reason) console.warn(`SKIPPED: the node agent against real processes because ${reason}`);

async function metrics(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
  return res.text();
}

function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe.skipIf(reason !== undefined)('caplint serve --agent', () => {
  const box = sandbox as Sandbox;
  const events: Record<string, any>[] = [];
  const children: ChildProcess[] = [];
  let agent: Agent;
  beforeAll(async () => {
    agent = await startAgent({
      host: '127.0.0.1', port: 0, intervalMs: 3_600_000, scan: { cgroup: box.path, filters: false },
      rules: { cwd: ROOT, noConfig: true }, event: (l) => events.push(JSON.parse(l)), log: () => {},
    });
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await agent?.close();
    await new Promise((r) => setTimeout(r, 100));
    await box.remove();
  });

  it('starts empty: nothing in its cgroup, no findings, one scan done', async () => {
    const text = await metrics(agent.port);
    expect(sample(text, 'caplint_processes')).toBe(0);
    expect(sample(text, 'caplint_scans_total')).toBe(1);
    expect(text).not.toMatch(/^caplint_findings\{/m);
    expect(events).toEqual([]);
  });

  it('reports a process with every capability when it starts, once, and resolves it when it stops', async () => {
    const child = spawn('sleep', ['600'], { stdio: 'ignore' });
    children.push(child);
    box.add(child.pid!);
    await agent.scanNow();
    const text = await metrics(agent.port);
    expect(sample(text, 'caplint_processes')).toBe(1);
    expect(sample(text, 'caplint_findings', 'severity="critical",rule="capabilities/no-dangerous",namespace=""')).toBeGreaterThan(0);
    const added = events.filter((e) => e.event === 'new');
    expect(added.length).toBeGreaterThan(0);
    for (const e of added) expect(e).toMatchObject({ pid: child.pid, subject: expect.stringMatching(new RegExp(`^g\\d+ \\(pid ${child.pid} sleep\\)$`)) });
    expect(added.map((e) => e.ruleId)).toContain('capabilities/no-dangerous');

    const before = events.length;
    await agent.scanNow();
    expect(events.length).toBe(before);
    expect(sample(await metrics(agent.port), 'caplint_scans_total')).toBe(3);

    // A second identical process joins the group (renamed "2 processes"): nothing new is reported.
    const twin = spawn('sleep', ['600'], { stdio: 'ignore' });
    children.push(twin);
    box.add(twin.pid!);
    await agent.scanNow();
    expect(sample(await metrics(agent.port), 'caplint_processes')).toBe(2);
    expect(events.length).toBe(before);
    twin.kill('SIGKILL');
    await new Promise((r) => twin.once('exit', r));

    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    await agent.scanNow();
    const after = await metrics(agent.port);
    expect(sample(after, 'caplint_processes')).toBe(0);
    expect(sample(after, 'caplint_scans_total')).toBe(5);
    expect(after).not.toMatch(/^caplint_findings\{/m);
    const resolved = events.slice(before).filter((e) => e.event === 'resolved');
    expect(events.slice(before).every((e) => e.event === 'resolved')).toBe(true);
    expect(resolved.map((e) => `${e.ruleId} ${e.message.replace(e.subject, '')}`).sort()).toEqual(added.map((e) => `${e.ruleId} ${e.message.replace(e.subject, '')}`).sort());
  });

  it('answers 404 off its paths and never takes a body', async () => {
    expect((await fetch(`http://127.0.0.1:${agent.port}/validate`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${agent.port}/metrics`, { method: 'POST', body: 'x' })).status).toBe(405);
  });
});
