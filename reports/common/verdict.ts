/**
 * The run's verdict in one word, the same in every format. An input that
 * could not be read was not audited, so a run with input errors is never a
 * pass, even when what was read is clean.
 */
import type { AuditReport } from '../../engine/model/finding.js';

export type Verdict = 'failed' | 'not passed' | 'passed';

export function verdictOf(summary: Pick<AuditReport['summary'], 'failed' | 'errors'>): Verdict {
  if (summary.failed) return 'failed';
  return summary.errors ? 'not passed' : 'passed';
}
