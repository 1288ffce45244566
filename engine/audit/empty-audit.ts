/**
 * An audit that audited nothing must not say "passed" (ESLint's "no files
 * matching" convention): no input held a container, every config is for
 * another OS, or none of the policy's rules applies to what was read. Each
 * case is one sentence; the exit is 2 unless --allow-empty.
 */
import type { SkippedKind, SkippedObject } from '../model/finding.js';
import type { LocatedSubject } from '../model/located.js';
import type { ActiveRule } from '../runner/run-rules.js';

/** Checks of caplint's own inputs (suppressions, repeated keys): they judge no container. */
const META = 'caplint/';

export function nothingAuditedReason(subjects: readonly LocatedSubject[], rules: readonly ActiveRule[], policy: string, noSubjects?: string): string | undefined {
  if (subjects.length === 0) return noSubjects ?? 'no input held a container to audit';
  if (subjects.some((s) => judged(s, rules))) return undefined;
  if (subjects.every((s) => s.subject.os !== 'linux')) return 'every config is for an operating system other than Linux, which no rule of this policy judges';
  const kinds = [...new Set(subjects.map((s) => s.subject.kind))];
  return `none of the rules of the policy "${policy}" applies to ${kinds.join(' or ')} inputs, so nothing was judged`;
}

/** Some rule other than caplint's checks of its own inputs applies to the subject's kind and OS. */
function judged({ subject }: LocatedSubject, rules: readonly ActiveRule[]): boolean {
  return rules.some(({ rule }) => !rule.id.startsWith(META) && rule.meta.appliesTo.includes(subject.kind) && (rule.meta.os ?? ['linux']).includes(subject.os));
}

/** Skipped objects grouped by kind, each with its count and first place; non-Linux configs no rule judges count as not audited. */
export function groupSkipped(skipped: readonly SkippedObject[], subjects: readonly LocatedSubject[], rules: readonly ActiveRule[]): { notAudited: SkippedKind[]; skipped: SkippedKind[] } {
  const other = subjects.filter((s) => s.subject.os !== 'linux' && !judged(s, rules)).map((s) => ({
    kind: `${s.subject.kind === 'oci' ? 'OCI config' : s.subject.kind} for ${s.subject.os === 'windows' ? 'Windows' : 'another OS'}`,
    file: s.subject.file ?? s.subject.name, line: 1, known: false,
  }));
  const group = (objects: readonly SkippedObject[]) => {
    const byKind = new Map<string, SkippedKind>();
    for (const o of objects) {
      const seen = byKind.get(o.kind);
      byKind.set(o.kind, seen ? { ...seen, count: seen.count + 1 } : { kind: o.kind, count: 1, file: o.file, line: o.line });
    }
    return [...byKind.values()];
  };
  return { notAudited: group([...skipped.filter((o) => !o.known), ...other]), skipped: group(skipped.filter((o) => o.known)) };
}
