import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import format from '../../engine/inputs/oci/format.js';
import { runRules } from '../../engine/runner/run-rules.js';
import rule from '../../rules/live/matches-config.js';
import type { Subject } from '../../engine/model/subject.js';
import { unknown } from '../../engine/model/subject.js';
import { caplint as runCli } from '../helpers/cli.js';

const CONFIG = 'examples/oci/runc-default/config.json';
const located = format.load({ file: CONFIG, text: readFileSync(CONFIG, 'utf8') }).subjects[0]!;

function compare(actual: Subject) {
  const subject = { ...actual, kind: 'process' as const, pid: 7, name: 'pid 7 (app)' };
  return runRules([{ ...located, subject }], [{ rule, options: { declared: located.subject } }]).findings;
}

describe('live/matches-config', () => {
  it('reports nothing for a process exactly as declared', () => {
    expect(compare(located.subject)).toEqual([]);
  });

  it('reports each difference at the config line that declared otherwise', () => {
    const declared = located.subject;
    const findings = compare({
      ...declared,
      capabilities: { ...declared.capabilities, effective: [...(declared.capabilities.effective as string[]), 'CAP_SYS_ADMIN'] },
      namespaces: { ...declared.namespaces, network: { state: 'host' } },
      noNewPrivileges: false,
      seccomp: { mode: 'filter', filters: 1 },
      limits: { ...declared.limits, pids: unknown('permission denied') },
    });
    const text = readFileSync(CONFIG, 'utf8').split('\n');
    const byMessage = (part: string) => findings.find((f) => f.message.includes(part))!;
    const caps = byMessage('effective capability set');
    expect(caps.severity).toBe('high');
    expect(caps.message).toBe('pid 7 (app): the effective capability set differs from the config, which declares no CAP_SYS_ADMIN; the process holds CAP_SYS_ADMIN.');
    expect(text[caps.line! - 1]).toMatch(/"effective"/);
    expect(text[byMessage('no_new_privs').line! - 1]).toMatch(/"noNewPrivileges": true/);
    expect(byMessage('network namespace').file).toBe(CONFIG);
    expect(byMessage('network namespace').pid).toBe(7);
    expect(byMessage('seccomp mode').message).toBe('pid 7 (app): the seccomp mode differs from the config, which declares seccomp disabled; the process runs with seccomp filter.');
    expect(byMessage('pids limit').severity).toBe('info');
  });
});

describe('live/matches-config: what the kernel can hold, and namespaces joined by path', () => {
  const declared = located.subject;
  const inodes = { pid: 1, network: 4026532500, ipc: 3, uts: 4, mount: 5, cgroup: 6, user: 7, time: 8 };
  const process = (network: number) => ({ ...declared, process: { namespaceInodes: { ...inodes, network } } }) as unknown as Subject;

  it('does not call a declared ambient capability missing when the config leaves it out of inheritable (the kernel cannot hold it)', () => {
    const actual = { ...declared, capabilities: { ...declared.capabilities, ambient: [] } };
    expect(declared.capabilities.inheritable).toEqual([]);
    expect(compare(actual).filter((f) => f.message.includes('ambient'))).toEqual([]);
  });

  it('compares a namespace joined by path with the inode the path resolves to', async () => {
    const { resolveJoined } = await import('../../engine/audit/resolve-joined.js');
    const joinedNet = { ...declared, namespaces: { ...declared.namespaces, network: { state: 'joined' as const, path: '/proc/99/ns/net' } } };
    const resolved = resolveJoined(joinedNet, () => ({ ino: 4026532500 }));
    const check = (network: number, state: 'host' | 'isolated') => runRules(
      [{ ...located, subject: { ...process(network), namespaces: { ...declared.namespaces, network: { state } }, kind: 'process', pid: 7, name: 'pid 7 (app)' } }],
      [{ rule, options: { declared: resolved } }],
    ).findings.filter((f) => f.message.includes('network'));
    expect(check(4026532500, 'isolated')).toEqual([]);
    const other = check(4026532999, 'isolated');
    expect(other.map((f) => [f.severity, f.message])).toEqual([['medium', 'pid 7 (app): the network namespace differs from the config, which declares the one at /proc/99/ns/net (inode 4026532500); the process is in another (inode 4026532999).']]);
    expect(check(4026531840, 'host')[0]!.severity).toBe('high');
    const unresolved = resolveJoined(joinedNet, () => { throw Object.assign(new Error('gone'), { code: 'ENOENT' }); });
    expect(unresolved.namespaces.network).toMatchObject({ unresolved: '/proc/99/ns/net cannot be resolved on this host (ENOENT)' });
  });
});

const children: ReturnType<typeof spawn>[] = [];
afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

describe.skipIf(process.getuid?.() !== 0)('caplint audit --pid --against', () => {
  it('compares a running process with the config and frames the config lines', async () => {
    const child = spawn('setpriv', ['--bounding-set', '-all,+net_bind_service,+kill,+audit_write', '--inh-caps', '-all', 'sleep', '30'], { stdio: 'ignore' });
    children.push(child);
    await new Promise((r) => setTimeout(r, 150));
    const r = await runCli(['audit', '--pid', String(child.pid), '--against', CONFIG, '--format', 'json', '--fail-on', 'never']);
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string; message: string; file: string; line: number; pid: number }[] };
    const live = report.findings.filter((f) => f.ruleId === 'live/matches-config');
    expect(live.every((f) => f.file === CONFIG && f.line > 0 && f.pid === child.pid)).toBe(true);
    // runc-default grants exactly these three in bounding, so the bounding set matches; no_new_privs and namespaces do not.
    expect(live.some((f) => f.message.includes('bounding'))).toBe(false);
    expect(live.some((f) => f.message.includes('no_new_privs'))).toBe(true);
    expect(live.some((f) => f.message.includes('the network namespace'))).toBe(true);
    const text = await runCli(['audit', '--pid', String(child.pid), '--against', CONFIG, '--fail-on', 'never']);
    expect(text.stdout).toMatch(/> \d+ \|\s+"noNewPrivileges": true/);
  });
});
