/** Assert where each rule fires: rule id → the exact set of lines of its findings. */
import { expect } from 'vitest';
import type { Finding } from '../../engine/model/finding.js';

export function expectRuleLines(findings: readonly Finding[], table: Readonly<Record<string, readonly number[]>>): void {
  for (const [rule, lines] of Object.entries(table)) {
    const seen = new Set(findings.filter((f) => f.ruleId === rule).map((f) => f.line ?? 0));
    expect([...seen].sort((a, b) => a - b), rule).toEqual([...lines]);
  }
}
