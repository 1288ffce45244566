/**
 * The node agent against a real runc container (its scan scoped to the
 * container's cgroup): the metrics and the JSON lines change when the
 * container starts and when it stops, and a container whose processes no
 * longer match its bundle config counts as drifting.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent } from '../../engine/serve/agent/agent.js';
import type { Agent } from '../../engine/serve/agent/agent.js';
import { runcUnavailable, startRunc } from '../helpers/runc-bundle.js';
import type { RuncContainer } from '../helpers/runc-bundle.js';
import { ROOT } from '../helpers/cli.js';

const reason = runcUnavailable();
if (reason) console.warn(`SKIPPED: the node agent against a runc container because ${reason}`);

const metric = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);

describe.skipIf(reason !== undefined)('caplint serve --agent and a runc container', () => {
  const id = `caplint-agent-${process.pid}`;
  const events: Record<string, any>[] = [];
  let agent: Agent;
  let container: RuncContainer | undefined;
  const metrics = async () => (await fetch(`http://127.0.0.1:${agent.port}/metrics`)).text();
  beforeAll(async () => {
    agent = await startAgent({
      host: '127.0.0.1', port: 0, intervalMs: 3_600_000, scan: { cgroup: `/${id}`, filters: true },
      rules: { cwd: ROOT, noConfig: true }, event: (l) => events.push(JSON.parse(l)), log: () => {},
    });
  });
  afterAll(async () => {
    container?.remove();
    await agent?.close();
  });

  it('sees the container start and stop', async () => {
    expect(metric(await metrics(), 'caplint_processes')).toBe(0);
    container = startRunc(id);
    await agent.scanNow();
    const running = await metrics();
    expect(metric(running, 'caplint_processes')).toBe(1);
    expect(running).toMatch(/^caplint_findings\{severity="[a-z]+",rule="[a-z-]+\/[a-z-]+",namespace=""\} [1-9]/m);
    const added = events.filter((e) => e.event === 'new');
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((e) => e.pid === container!.pid)).toBe(true);

    container.remove();
    container = undefined;
    await agent.scanNow();
    const stopped = await metrics();
    expect(metric(stopped, 'caplint_processes')).toBe(0);
    expect(stopped).not.toMatch(/^caplint_findings\{/m);
    expect(events.filter((e) => e.event === 'resolved').length).toBe(added.length);
    expect(metric(stopped, 'caplint_checked_containers')).toBe(0);
  }, 60_000);

  it('counts a container as drifting while its processes differ from its bundle config', async () => {
    container = startRunc(id);
    await agent.scanNow();
    const faithful = await metrics();
    expect(metric(faithful, 'caplint_checked_containers')).toBe(1);
    expect(metric(faithful, 'caplint_drifting_containers')).toBe(0);
    // The config now declares no capabilities; the running process still holds runc's three.
    const config = JSON.parse(readFileSync(container.config, 'utf8'));
    for (const set of Object.keys(config.process.capabilities)) config.process.capabilities[set] = [];
    writeFileSync(container.config, JSON.stringify(config));
    const before = events.length;
    await agent.scanNow();
    const drifting = await metrics();
    expect(metric(drifting, 'caplint_drifting_containers')).toBe(1);
    expect(drifting).toMatch(/^caplint_findings\{severity="[a-z]+",rule="live\/matches-config",namespace=""\} [1-9]/m);
    expect(events.slice(before).some((e) => e.event === 'new' && e.ruleId === 'live/matches-config' && /capabilit/.test(e.message))).toBe(true);
    container.remove();
    container = undefined;
    await agent.scanNow();
    const gone = await metrics();
    expect(metric(gone, 'caplint_drifting_containers')).toBe(0);
    expect(events.some((e) => e.event === 'resolved' && e.ruleId === 'live/matches-config')).toBe(true);
  }, 60_000);
});
