/**
 * AdmissionReview (admission.k8s.io/v1), as the API server sends it: the
 * body read, checked and reduced to the fields caplint uses. Anything else
 * is a BadReview, answered with HTTP 400 and never judged.
 */
export const API_VERSION = 'admission.k8s.io/v1';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
const OPERATIONS: readonly string[] = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'];

export interface AdmissionRequest {
  readonly uid: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly operation: Operation;
  readonly username: string;
  readonly dryRun: boolean;
  /** The object as it would be stored (the new one on UPDATE); null on DELETE and CONNECT. */
  readonly object: unknown;
}

export class BadReview extends Error {}

/** Far deeper than any pod spec; deeper objects are refused before any recursive walk sees them. */
const MAX_DEPTH = 100;

function deeperThan(root: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BadReview(`${what} must be an object`);
  return value as Record<string, unknown>;
}

function text(value: unknown, what: string, required: boolean): string {
  if (value === undefined && !required) return '';
  if (typeof value !== 'string' || (required && value === '')) throw new BadReview(`${what} must be a ${required ? 'non-empty ' : ''}string`);
  return value;
}

export function parseReview(body: string): AdmissionRequest {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new BadReview(`the body is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const review = record(value, 'the body');
  if (review.apiVersion !== API_VERSION || review.kind !== 'AdmissionReview')
    throw new BadReview(`expected apiVersion ${API_VERSION} kind AdmissionReview; got ${JSON.stringify(review.apiVersion ?? null)} ${JSON.stringify(review.kind ?? null)}`);
  const request = record(review.request, 'request');
  const uid = text(request.uid, 'request.uid', true);
  if (uid.length > 128) throw new BadReview('request.uid is longer than 128 characters');
  const operation = text(request.operation, 'request.operation', true);
  if (!OPERATIONS.includes(operation)) throw new BadReview(`request.operation must be one of ${OPERATIONS.join(', ')}`);
  const kind = record(request.kind, 'request.kind');
  const userInfo = request.userInfo === undefined ? {} : record(request.userInfo, 'request.userInfo');
  const judged = operation === 'CREATE' || operation === 'UPDATE';
  if (judged) {
    record(request.object, 'request.object');
    if (deeperThan(request.object, MAX_DEPTH)) throw new BadReview(`request.object is nested deeper than ${MAX_DEPTH} levels`);
  }
  if (request.dryRun !== undefined && typeof request.dryRun !== 'boolean') throw new BadReview('request.dryRun must be a boolean');
  return {
    uid,
    kind: text(kind.kind, 'request.kind.kind', true),
    name: text(request.name, 'request.name', false),
    namespace: text(request.namespace, 'request.namespace', false),
    operation: operation as Operation,
    username: text(userInfo.username, 'request.userInfo.username', false),
    dryRun: request.dryRun === true,
    object: judged ? request.object : null,
  };
}

export interface AdmissionResponse {
  readonly uid: string;
  readonly allowed: boolean;
  readonly status?: { readonly code: number; readonly reason: string; readonly message: string };
  readonly warnings?: readonly string[];
  readonly auditAnnotations?: Readonly<Record<string, string>>;
}

export function reviewResponse(response: AdmissionResponse): string {
  return JSON.stringify({ apiVersion: API_VERSION, kind: 'AdmissionReview', response });
}
