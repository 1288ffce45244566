/**
 * A judged object → the AdmissionResponse: findings at or above fail-on deny
 * with a few lines naming rules, places and remedies; lower ones become
 * warnings (kubectl prints them); a summary goes to auditAnnotations. An
 * object the judge could not read is denied (fail closed), never allowed.
 */
import type { FailOn, Finding, InputError } from '../../model/finding.js';
import { atOrAbove, SEVERITIES } from '../../model/finding.js';
import type { Audited } from '../../audit/audit-inputs.js';
import type { AdmissionResponse } from './review.js';
// Text from the object reaches kubectl's terminal: the one sanitizer of every human-readable output.
import { terminalSafe as plain } from '../../../reports/common/terminal.js';

/** Lines of the denial message, and warnings, beyond which "and N more" is said. */
const MAX_LINES = 5;
const MAX_WARNINGS = 10;
const MAX_WARNING_LENGTH = 240;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function more(shown: number, total: number): string[] {
  return total > shown ? [`and ${total - shown} more`] : [];
}

function place(f: Finding): string {
  return f.pointer ? ` at ${f.pointer}` : '';
}

export interface Decision {
  readonly response: AdmissionResponse;
  /** The rules that denied, for the log and metrics. */
  readonly denying: readonly string[];
}

export function decide(uid: string, label: string, audited: Audited, failOn: FailOn, policy: string): Decision {
  if (audited.errors.length) return unreadable(uid, label, audited.errors);
  const blocking = audited.findings.filter((f) => atOrAbove(f.severity, failOn));
  const lower = audited.findings.filter((f) => !atOrAbove(f.severity, failOn));
  const counts = SEVERITIES.map((s) => [s, audited.findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  const denying = [...new Set(blocking.map((f) => f.ruleId))];
  const auditAnnotations: Record<string, string> = {
    decision: blocking.length ? 'denied' : 'allowed',
    policy: clip(plain(policy), 200),
    findings: counts.length ? counts.map(([s, n]) => `${s} ${n}`).join(', ') : 'none',
    ...(denying.length ? { rules: clip(denying.join(','), 500) } : {}),
  };
  const warnings = lower.slice(0, MAX_WARNINGS).map((f) => clip(plain(`caplint ${f.severity} ${f.ruleId}${place(f)}: ${f.message}`), MAX_WARNING_LENGTH));
  warnings.push(...more(Math.min(lower.length, MAX_WARNINGS), lower.length));
  const base = { uid, auditAnnotations, ...(warnings.length ? { warnings } : {}) };
  if (!blocking.length) return { response: { ...base, allowed: true }, denying };
  const lines = blocking.slice(0, MAX_LINES).map((f) => `- ${f.ruleId}${place(f)}: ${f.message} Fix: ${f.remediation}`);
  const message = [`caplint denied ${label} (policy ${policy}, fail-on ${failOn}):`, ...lines, ...more(lines.length, blocking.length)].map(plain).join('\n');
  return { response: { ...base, allowed: false, status: { code: 403, reason: 'Forbidden', message: clip(message, 3000) } }, denying };
}

function unreadable(uid: string, label: string, errors: readonly InputError[]): Decision {
  const lines = errors.slice(0, MAX_LINES).map((e) => `- ${e.line ? `line ${e.line} of the object as JSON: ` : ''}${e.message}`);
  const message = [`caplint denied ${label}: the object could not be judged, so it is not admitted:`, ...lines, ...more(lines.length, errors.length)].map(plain).join('\n');
  return {
    response: { uid, allowed: false, status: { code: 400, reason: 'BadRequest', message: clip(message, 3000) }, auditAnnotations: { decision: 'denied', reason: 'unreadable' } },
    denying: ['caplint/unreadable'],
  };
}
