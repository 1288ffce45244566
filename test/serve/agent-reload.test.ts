/** The agent reloads its rule set on request, and keeps the previous one when the new one does not load. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startAgent } from '../../engine/serve/agent/agent.js';
import { ROOT } from '../helpers/cli.js';
import { ruleHostsOf, waitUntil } from '../helpers/rule-hosts.js';

describe('agent reload', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caplint-agent-reload-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes a good config, keeps the old rules on a bad one, and refuses to start on a bad one', async () => {
    const file = join(dir, 'caplint.config.json');
    writeFileSync(file, JSON.stringify({ policy: 'default' }));
    const logs: string[] = [];
    const agent = await startAgent({ host: '127.0.0.1', port: 0, intervalMs: 3_600_000, scan: { pids: [process.pid], filters: false }, rules: { cwd: dir }, event: () => {}, log: (l) => logs.push(l) });
    try {
      const before = (await agent.scanNow())!.findings.length;
      writeFileSync(file, JSON.stringify({ policy: 'default', rules: { '*': 'off' } }));
      expect(await agent.reload()).toBe(true);
      expect((await agent.scanNow())!.findings).toEqual([]);
      writeFileSync(file, '{"policy": "nope"}');
      expect(await agent.reload()).toBe(false);
      expect(logs.at(-1)).toMatch(/did not reload, keeping the previous one: .*"nope" is neither/);
      expect((await agent.scanNow())!.findings).toEqual([]);
      expect(before).toBeGreaterThan(0);
    } finally {
      await agent.close();
    }
    await expect(startAgent({ host: '127.0.0.1', port: 0, intervalMs: 1000, scan: { pids: [process.pid] }, rules: { cwd: dir }, event: () => {}, log: () => {} })).rejects.toThrow(/"nope" is neither/);
  });

  it('closes the replaced rule host once the scan using it is over, and the last one on close', async () => {
    const agent = await startAgent({ host: '127.0.0.1', port: 0, intervalMs: 3_600_000, scan: { pids: [process.pid], filters: false }, rules: { cwd: join(ROOT, 'examples/policy') }, event: () => {}, log: () => {} });
    try {
      expect(ruleHostsOf(process.pid)).toHaveLength(1);
      const scanning = agent.scanNow();
      expect(await agent.reload()).toBe(true);
      expect(await Promise.all([agent.reload(), agent.reload()])).toEqual([true, true]);
      expect(await scanning).toBeDefined();
      await waitUntil(() => ruleHostsOf(process.pid).length === 1);
      expect(ruleHostsOf(process.pid)).toHaveLength(1);
      expect(await agent.scanNow()).toBeDefined();
    } finally {
      await agent.close();
    }
    await waitUntil(() => ruleHostsOf(process.pid).length === 0);
    expect(ruleHostsOf(process.pid)).toEqual([]);
  }, 60_000);
});

