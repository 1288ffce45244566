/**
 * The shape of what the rule host sends back, checked in the audit process.
 * Replies are plain JSON (parsed from bytes): a finding is kept only when it
 * is a message id, data of strings and finite numbers, an optional model
 * key and an optional severity; anything else is dropped and named as that
 * rule's error.
 */
import { SEVERITIES } from '../model/finding.js';
import type { Severity } from '../model/finding.js';
import type { Boundary } from './boundary.js';

export interface CheckedFinding {
  readonly messageId: string;
  readonly data: Record<string, string | number>;
  readonly at?: string;
  readonly severity?: Severity;
}

export interface CheckedOutcome {
  readonly findings: CheckedFinding[];
  /** The rule's own errors, and findings dropped for their shape. */
  readonly errors: string[];
  readonly skipped: boolean;
  readonly off: boolean;
}

const MAX_TEXT = 10_000;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_TEXT;

/** Why a finding does not fit, or null when it does. */
function findingProblem(f: unknown): string | null {
  if (!isRecord(f)) return 'it is not an object';
  if (!isText(f.messageId)) return 'its message id is not a string';
  if (!isRecord(f.data)) return 'its data is not an object';
  for (const [key, value] of Object.entries(f.data)) {
    if (key.length > 200) return 'a data key is too long';
    if (!(isText(value) || (typeof value === 'number' && Number.isFinite(value)))) return `data.${key} is not a string or a number`;
  }
  if (f.at !== undefined && !isText(f.at)) return 'its model key is not a string';
  if (f.severity !== undefined && !(typeof f.severity === 'string' && (SEVERITIES as readonly string[]).includes(f.severity)))
    return `its severity is not one of ${SEVERITIES.join(', ')}`;
  return null;
}

export function checkOutcome(raw: unknown): CheckedOutcome | null {
  if (!isRecord(raw) || !Array.isArray(raw.findings)) return null;
  const errors: string[] = [];
  if (raw.error !== undefined) errors.push(isText(raw.error) ? raw.error : 'it failed with a message caplint cannot show');
  const findings: CheckedFinding[] = [];
  for (const f of raw.findings) {
    const problem = findingProblem(f);
    if (problem) errors.push(`it reported a finding caplint cannot accept (${problem}); the finding was dropped`);
    else {
      const ok = f as CheckedFinding;
      findings.push({ messageId: ok.messageId, data: ok.data, ...(ok.at !== undefined ? { at: ok.at } : {}), ...(ok.severity ? { severity: ok.severity } : {}) });
    }
  }
  return { findings, errors: [...new Set(errors)], skipped: raw.skipped === true, off: raw.off === true };
}

/** outcomes[subject][rule] with the expected dimensions, or null when the reply is malformed. */
export function checkOutcomes(reply: unknown, subjects: number, rules: number): CheckedOutcome[][] | null {
  if (!isRecord(reply) || reply.op !== 'checked' || !Array.isArray(reply.outcomes) || reply.outcomes.length !== subjects) return null;
  const out: CheckedOutcome[][] = [];
  for (const row of reply.outcomes as unknown[]) {
    if (!Array.isArray(row) || row.length !== rules) return null;
    const checked = row.map(checkOutcome);
    if (checked.some((c) => c === null)) return null;
    out.push(checked as CheckedOutcome[]);
  }
  return out;
}

export type Ready = { readonly ok: true; readonly boundary: Boundary } | { readonly ok: false; readonly reason: string };

export function checkReady(reply: unknown): Ready | null {
  if (!isRecord(reply) || reply.op !== 'ready') return null;
  if (reply.ok === false) return { ok: false, reason: isText(reply.reason) ? reply.reason : 'no reason given' };
  if (reply.ok !== true || !isRecord(reply.boundary) || (reply.boundary.kind !== 'os' && reply.boundary.kind !== 'permission')) return null;
  return { ok: true, boundary: reply.boundary as unknown as Boundary };
}

export interface LoadedFileReply {
  readonly rules?: { readonly id: unknown; readonly meta: unknown }[];
  readonly error?: string;
}

export function checkLoaded(reply: unknown, files: number): LoadedFileReply[] | null {
  if (!isRecord(reply) || reply.op !== 'loaded' || !Array.isArray(reply.files) || reply.files.length !== files) return null;
  return (reply.files as unknown[]).map((f) => {
    if (!isRecord(f)) return { error: 'the rule host gave no answer for this file' };
    if (Array.isArray(f.rules)) return { rules: f.rules.map((r) => (isRecord(r) ? { id: r.id, meta: r.meta } : { id: undefined, meta: undefined })) };
    return { error: isText(f.error) ? f.error : 'the rule file failed while loading' };
  });
}
