/** Problems with a rule's shape: used for custom rules at load time and by the meta tests. */
import { SEVERITIES } from './model/finding.js';
import { SUBJECT_KINDS } from './model/subject.js';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/;

export function ruleShapeProblems(rule: unknown): string[] {
  const problems: string[] = [];
  const r = rule as { id?: unknown; meta?: Record<string, unknown>; check?: unknown } | null;
  if (!r || typeof r !== 'object') return ['defineRule() was not given an object'];
  if (typeof r.id !== 'string' || !ID.test(r.id)) problems.push(`the id must look like "group/name" in kebab-case; got ${JSON.stringify(r.id)}`);
  if (typeof r.check !== 'function') problems.push('check must be a function');
  const meta = r.meta;
  if (!meta || typeof meta !== 'object') return [...problems, 'meta is missing'];
  if (!(SEVERITIES as readonly unknown[]).includes(meta.severity)) problems.push(`meta.severity must be one of ${SEVERITIES.join(', ')}`);
  const applies = meta.appliesTo;
  if (!Array.isArray(applies) || applies.length === 0 || applies.some((k) => !(SUBJECT_KINDS as readonly unknown[]).includes(k)))
    problems.push(`meta.appliesTo must list some of ${SUBJECT_KINDS.join(', ')}`);
  for (const field of ['title', 'description', 'rationale', 'remediation']) {
    if (typeof meta[field] !== 'string' || (meta[field] as string).trim() === '') problems.push(`meta.${field} must be a non-empty string`);
  }
  const messages = meta.messages;
  if (!messages || typeof messages !== 'object' || Object.keys(messages).length === 0 || Object.values(messages).some((m) => typeof m !== 'string'))
    problems.push('meta.messages must map message ids to strings');
  if (!Array.isArray(meta.references) || meta.references.some((x) => typeof x !== 'string')) problems.push('meta.references must be a list of strings');
  return problems;
}
