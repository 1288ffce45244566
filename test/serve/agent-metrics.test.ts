/** The agent's metrics (label escaping) and its finding diff (each change once). */
import { describe, expect, it } from 'vitest';
import { labelValue, renderMetrics } from '../../engine/serve/agent/metrics.js';
import { changes, findingKey } from '../../engine/serve/agent/changes.js';
import type { Finding } from '../../engine/model/finding.js';

describe('agent metrics and changes', () => {
  const finding = (ruleId: string, subject: string): Finding => ({
    ruleId, severity: 'high', message: `${subject} m`, rationale: '', remediation: 'r', subject, subjectKind: 'process',
    file: null, line: null, column: null, endLine: null, endColumn: null, pointer: null,
  });

  it('escapes label values so a hostile name cannot forge a sample', () => {
    expect(labelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    const text = renderMetrics({
      findings: [finding('x/y', 'evil"} 1\ncaplint_fake 9')], processes: 1, unknowns: {}, containersChecked: 0, drifting: [],
      namespaces: new Map([['evil"} 1\ncaplint_fake 9', 'ns"\n']]), identities: new Map(), seconds: 0.5,
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

  it('keeps a group\'s finding the same when only its per-scan name changes', () => {
    const one = finding('r/a', 'g1 (pid 7 sleep)');
    const two = { ...finding('r/a', 'g2 (2 processes: sleep)'), pid: 7 };
    const first = changes(new Map(), [{ ...one, pid: 7 }], (f) => findingKey(f, 'group-key'));
    expect(changes(first.current, [two], (f) => findingKey(f, 'group-key')).changes).toEqual([]);
    expect(changes(first.current, [two], (f) => findingKey(f, 'another-group')).changes.map((c) => c.event)).toEqual(['new', 'resolved']);
  });
});
