/** Small read helpers for rules: they never treat Unknown as safe. */
import type { CapSetName, Maybe, Subject } from './subject.js';
import { CAP_SETS, isUnknown } from './subject.js';

/** The list, or [] when unknown (rules that need certainty check isUnknown themselves). */
export function known<T>(value: Maybe<readonly T[]>): readonly T[] {
  return isUnknown(value) ? [] : value;
}

/** For each capability, the sets that hold it, in kernel set order. */
export function capabilityHolders(subject: Subject): Map<string, CapSetName[]> {
  const holders = new Map<string, CapSetName[]>();
  for (const set of CAP_SETS) {
    for (const cap of known(subject.capabilities[set])) {
      const sets = holders.get(cap);
      if (sets) sets.push(set);
      else holders.set(cap, [set]);
    }
  }
  return holders;
}

/** `bounding, permitted and effective`. */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/**
 * Whether a subject's filesystem view is a container's: always for configs;
 * for a live process, only inside a container (a host process's mounts,
 * root and device cgroup are the host's own, not something it was given).
 */
export function containerView(subject: Subject): boolean {
  return subject.kind !== 'process' || (subject.container !== undefined && subject.container.runtime !== 'systemd');
}
