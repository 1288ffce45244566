/**
 * One AdmissionReview body → the HTTP answer. CREATE and UPDATE judge the
 * object as it would be stored; DELETE and CONNECT carry nothing to judge and
 * are allowed; an exempt namespace is allowed unjudged, and says so in the
 * audit annotations. A dry run is judged exactly like the real request, so
 * `kubectl apply --dry-run=server` previews the verdict.
 */
import { BadReview, parseReview, reviewResponse } from './review.js';
import type { AdmissionRequest, AdmissionResponse } from './review.js';
import { decide } from './decide.js';
import type { Judge } from './judge.js';

export interface Answer {
  readonly status: number;
  readonly body: string;
  /** For the decision log; absent when the review was not understood. */
  readonly record?: DecisionRecord;
}

export interface DecisionRecord {
  readonly uid: string;
  readonly user: string;
  readonly operation: string;
  readonly object: string;
  readonly dryRun: boolean;
  readonly allowed: boolean;
  readonly rules: readonly string[];
  readonly why?: string;
}

function label(request: AdmissionRequest): string {
  const meta = (request.object as { metadata?: { name?: unknown; generateName?: unknown } } | null)?.metadata;
  const name = request.name || (typeof meta?.name === 'string' ? meta.name : typeof meta?.generateName === 'string' ? `${meta.generateName}*` : '(unnamed)');
  return `${request.kind}/${name}${request.namespace ? ` in namespace ${request.namespace}` : ''}`;
}

export async function admit(body: string, judge: Judge): Promise<Answer> {
  let request: AdmissionRequest;
  try {
    request = parseReview(body);
  } catch (error) {
    if (error instanceof BadReview) return { status: 400, body: `not an AdmissionReview: ${error.message}\n` };
    throw error;
  }
  const shown = label(request);
  const record = (response: AdmissionResponse, rules: readonly string[], why?: string): Answer => ({
    status: 200,
    body: reviewResponse(response),
    record: { uid: request.uid, user: request.username, operation: request.operation, object: shown, dryRun: request.dryRun, allowed: response.allowed, rules, ...(why ? { why } : {}) },
  });
  if (request.operation !== 'CREATE' && request.operation !== 'UPDATE')
    return record({ uid: request.uid, allowed: true }, [], `${request.operation} is not judged`);
  if (request.namespace && judge.exemptNamespaces.has(request.namespace))
    return record({ uid: request.uid, allowed: true, auditAnnotations: { decision: 'exempt', reason: `namespace ${request.namespace} is exempt by configuration` } }, [], 'exempt namespace');
  const file = `${request.namespace || '_'}/${request.kind}/${request.name || 'unnamed'}.json`;
  const audited = await judge.judge(request.object, file);
  if (audited.subjects.length === 0 && audited.errors.length === 0)
    return record({ uid: request.uid, allowed: true, auditAnnotations: { decision: 'allowed', reason: `${request.kind} has no pod template` } }, [], 'no pod template');
  const { response, denying } = decide(request.uid, shown, audited, judge.failOn, judge.policy);
  return record(response, denying);
}
