/**
 * Drift as the agent computes it: the processes of a container compared with
 * the bundle config the live scan paired them with. Here a real process is
 * paired by hand with the hardened OCI example (which it does not follow),
 * and with a config that does not exist (not counted as checked). The
 * metrics' label escaping and the finding diff are checked on their own.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProcesses } from '../../engine/audit/load-processes.js';
import { driftFindings } from '../../engine/serve/agent/drift.js';
import { labelValue, renderMetrics } from '../../engine/serve/agent/metrics.js';
import { changes, findingKey } from '../../engine/serve/agent/changes.js';
import type { Finding } from '../../engine/model/finding.js';
import { ROOT } from '../helpers/cli.js';

describe('agent drift', () => {
  const child = spawn('sleep', ['600'], { stdio: 'ignore' });
  afterAll(() => void child.kill('SIGKILL'));

  it('finds a process that differs from its container\'s config, and skips a config it cannot read', async () => {
    const loaded = await loadProcesses({ pids: [child.pid!], filters: false });
    expect(loaded.subjects.length).toBe(1);
    const paired = (config: string) => loaded.subjects.map((s) => ({ ...s, subject: { ...s.subject, container: { runtime: 'runc' as const, id: 'c1', cgroup: '/c1', config } } }));
    const drift = await driftFindings(paired(join(ROOT, 'examples/oci/hardened/config.json')));
    expect(drift.checked).toBe(1);
    expect(drift.drifting).toEqual(['c1']);
    expect(drift.findings.map((f) => f.ruleId)).toContain('live/matches-config');
    expect(drift.findings.some((f) => /capabilit/.test(f.message))).toBe(true);
    const missing = await driftFindings(paired('/nonexistent/config.json'));
    expect(missing).toEqual({ findings: [], checked: 0, drifting: [] });
  });
});

describe('agent metrics and changes', () => {
  const finding = (ruleId: string, subject: string): Finding => ({
    ruleId, severity: 'high', message: `${subject} m`, rationale: '', remediation: 'r', subject, subjectKind: 'process',
    file: null, line: null, column: null, endLine: null, endColumn: null, pointer: null,
  });

  it('escapes label values so a hostile name cannot forge a sample', () => {
    expect(labelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    const text = renderMetrics({
      findings: [finding('x/y', 'evil"} 1\ncaplint_fake 9')], processes: 1, unknowns: {}, containersChecked: 0, drifting: [],
      namespaces: new Map([['evil"} 1\ncaplint_fake 9', 'ns"\n']]), seconds: 0.5,
    }, { scans: 1, failedScans: 0, lastScanTime: 1 });
    expect(text).not.toMatch(/^caplint_fake/m);
    expect(text).toContain('caplint_findings{severity="high",rule="x/y",namespace="ns\\"\\n"} 1');
  });

  it('reports each finding once when it appears and once when it goes away', () => {
    const a = finding('r/a', 'pid 1 (x)');
    const b = finding('r/b', 'pid 2 (y)');
    const first = changes(new Map(), [a, b]);
    expect(first.changes.map((c) => c.event)).toEqual(['new', 'new']);
    const second = changes(first.current, [a, b]);
    expect(second.changes).toEqual([]);
    const third = changes(second.current, [b]);
    expect(third.changes).toEqual([{ event: 'resolved', finding: a }]);
    expect(third.current.has(findingKey(b))).toBe(true);
  });
});
