/**
 * A document's repeated keys go to the subject whose text holds them (the
 * deepest subject root that is a prefix of the key's pointer), or to the
 * document's first subject, so each is reported once.
 */
import type { LocatedSubject, RepeatedKey, SourceDocument } from '../model/located.js';

export function withRepeatedKeys(subjects: readonly LocatedSubject[]): readonly LocatedSubject[] {
  const assigned = new Map<LocatedSubject, RepeatedKey[]>();
  const done = new Set<SourceDocument>();
  for (const located of subjects) {
    const document = located.document;
    if (!document?.repeatedKeys?.length || done.has(document)) continue;
    done.add(document);
    const mine = subjects.filter((s) => s.document === document).map((s) => ({ s, root: s.locate('subject') ?? '' }));
    for (const key of document.repeatedKeys) {
      const holders = mine.filter(({ root }) => key.pointer === root || key.pointer.startsWith(`${root}/`));
      const owner = holders.reduce((best, next) => (next.root.length > best.root.length ? next : best), holders[0] ?? mine[0]!).s;
      assigned.set(owner, [...(assigned.get(owner) ?? []), key]);
    }
  }
  if (assigned.size === 0) return subjects;
  return subjects.map((s) => {
    const keys = assigned.get(s);
    return keys ? { ...s, subject: { ...s.subject, repeatedKeys: keys } } : s;
  });
}
