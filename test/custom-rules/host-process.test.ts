/**
 * The audit side of the rule host, against stand-in hosts that misbehave as
 * a compromised one might: one that never answers is killed at the deadline,
 * one that sends a frame larger than the limit or bytes that are not JSON is
 * killed for it, one that dies is reported with its signal. No stand-in's
 * output ever reaches a report: the caller only gets the death.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HostProcess } from '../../engine/custom-rules/host-process.js';
import { describeDeath } from '../../engine/custom-rules/rule-host.js';

const dir = mkdtempSync(join(tmpdir(), 'caplint-fake-host-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeHost(name: string, body: string): string {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, body);
  return file;
}

const LIMITS = { memoryBytes: 512 * 1024 * 1024, heapMiB: 64 };
const request = { op: 'check', documents: [], subjects: [], rules: [], options: [] } as const;

describe('the audit process facing a misbehaving rule host', () => {
  it('kills a host that never answers, at the deadline', async () => {
    const host = new HostProcess(fakeHost('silent', 'setInterval(() => {}, 1000);'), 'os', LIMITS, false);
    const pid = host.pid!;
    const reply = await host.call(request, 300);
    expect(reply).toEqual({ death: { kind: 'timeout', ms: 300 } });
    expect(describeDeath((reply as { death: Parameters<typeof describeDeath>[0] }).death)).toBe('it ran longer than 300 ms and was stopped');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(() => process.kill(pid, 0)).toThrow();
    host.close();
  });

  it('refuses a frame larger than the limit without reading it', async () => {
    const host = new HostProcess(fakeHost('huge', "const b = Buffer.alloc(4); b.writeUInt32BE(0xfffffff0); process.stdout.write(b); setInterval(() => {}, 1000);"), 'os', LIMITS, false);
    const reply = await host.call(request, 5000);
    expect(reply).toMatchObject({ death: { kind: 'protocol', detail: expect.stringMatching(/^the rule host sent a frame of 4294967280 bytes, more than \d+$/) } });
    host.close();
  });

  it('refuses a frame that is not JSON', async () => {
    const host = new HostProcess(fakeHost('garbage', "const t = Buffer.from('{\"op\": toString}'); const b = Buffer.alloc(4); b.writeUInt32BE(t.length); process.stdout.write(Buffer.concat([b, t])); setInterval(() => {}, 1000);"), 'os', LIMITS, false);
    expect(await host.call(request, 5000)).toEqual({ death: { kind: 'protocol', detail: 'a reply that is not JSON' } });
    host.close();
  });

  it('reports a host that dies, with its signal', async () => {
    const host = new HostProcess(fakeHost('dies', "process.kill(process.pid, 'SIGSEGV');"), 'os', LIMITS, false);
    const reply = await host.call(request, 5000);
    expect(reply).toEqual({ death: { kind: 'exited', code: null, signal: 'SIGSEGV' } });
    expect(describeDeath((reply as { death: Parameters<typeof describeDeath>[0] }).death)).toBe('the rule host stopped while it ran (SIGSEGV)');
    host.close();
  });
});
