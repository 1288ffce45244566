/**
 * Declared (a config) against actual (a live process): every difference in
 * capabilities per set, namespaces, no_new_privs, seccomp mode and limits,
 * each with the model key of the config text it contradicts.
 */
import type { Severity } from '../../engine/model/finding.js';
import type { CpuLimit, Maybe, Subject } from '../../engine/model/subject.js';
import { CAP_SETS, isUnknown } from '../../engine/model/subject.js';
import { NAMESPACE_TYPES } from '../../engine/linux/namespaces.js';
import { listWords } from '../../engine/model/query.js';

export interface Difference {
  readonly what: string;
  readonly declared: string;
  readonly actual: string;
  readonly key: string;
  readonly severity: Severity;
}

export interface Unverifiable {
  readonly what: string;
  readonly reason: string;
  readonly key: string;
}

export function differences(declared: Subject, actual: Subject): { differences: Difference[]; unverifiable: Unverifiable[] } {
  const out: Difference[] = [];
  const unverifiable: Unverifiable[] = [];
  const known = <T>(what: string, key: string, a: Maybe<T>, d: Maybe<T>, compare: (d: T, a: T) => void) => {
    if (isUnknown(a)) unverifiable.push({ what, reason: a.reason, key });
    else if (!isUnknown(d)) compare(d, a);
  };
  for (const set of CAP_SETS) {
    known(`the ${set} capability set`, `capabilities.${set}`, actual.capabilities[set], declared.capabilities[set], (d, a) => {
      const extra = a.filter((c) => !d.includes(c));
      const missing = holdable(declared, set, d).filter((c) => !a.includes(c));
      if (extra.length) out.push({ what: `the ${set} capability set`, declared: `no ${listWords(extra)}`, actual: `holds ${listWords(extra)}`, key: `capabilities.${set}`, severity: 'high' });
      if (missing.length) out.push({ what: `the ${set} capability set`, declared: listWords(missing), actual: `lacks ${listWords(missing)}`, key: `capabilities.${set}/${missing[0]}`, severity: 'medium' });
    });
  }
  for (const type of NAMESPACE_TYPES) {
    const d = declared.namespaces[type];
    const a = actual.namespaces[type];
    const key = `namespaces.${type}`;
    if (a.state === 'unknown') unverifiable.push({ what: `the ${type} namespace`, reason: a.reason, key });
    else if (d.state === 'joined') joined(type, d, a.state === 'host', actual.process?.namespaceInodes[type] ?? null);
    else if (d.state === 'isolated' && a.state === 'host') out.push({ what: `the ${type} namespace`, declared: 'its own', actual: 'shares the reference process\'s', key, severity: 'high' });
    else if (d.state === 'host' && a.state === 'isolated') out.push({ what: `the ${type} namespace`, declared: 'the host\'s (not listed)', actual: 'has its own', key, severity: 'low' });
  }
  function joined(type: string, d: { path: string; inode?: number; unresolved?: string }, host: boolean, inode: number | null) {
    const what = `the ${type} namespace`;
    if (d.inode === undefined || inode === null) unverifiable.push({ what, reason: d.unresolved ?? 'its inode is unknown', key: `namespaces.${type}` });
    else if (d.inode !== inode) out.push({ what, declared: `the one at ${d.path} (inode ${d.inode})`, actual: host ? 'shares the reference process\'s' : `is in another (inode ${inode})`, key: `namespaces.${type}`, severity: host ? 'high' : 'medium' });
  }
  known('no_new_privs', 'noNewPrivileges', actual.noNewPrivileges, declared.noNewPrivileges, (d, a) => {
    if (d !== a) out.push({ what: 'no_new_privs', declared: d ? 'it set' : 'it unset', actual: a ? 'has it set' : 'does not have it set', key: 'noNewPrivileges', severity: d ? 'high' : 'low' });
  });
  const dMode = seccompCategory(declared.seccomp.mode);
  const aMode = seccompCategory(actual.seccomp.mode);
  if (actual.seccomp.mode === 'unknown') unverifiable.push({ what: 'the seccomp mode', reason: actual.seccomp.reason, key: 'seccomp' });
  else if (dMode !== 'unknown' && dMode !== aMode) out.push({ what: 'the seccomp mode', declared: `seccomp ${dMode}`, actual: `runs with seccomp ${aMode}`, key: 'seccomp', severity: aMode === 'disabled' ? 'high' : 'medium' });
  for (const kind of ['memory', 'pids', 'cpu'] as const) {
    known(`the ${kind} limit`, `limits.${kind}`, actual.limits[kind] as Maybe<number | CpuLimit | null>, declared.limits[kind] as Maybe<number | CpuLimit | null>, (d, a) => {
      // A config without the limit does not forbid one: an enclosing cgroup's limit is no contradiction.
      if (d === null || same(d, a)) return;
      out.push({ what: `the ${kind} limit`, declared: show(d), actual: a === null ? 'has no such limit on its cgroup or any ancestor' : `is held to ${show(a)}`, key: `limits.${kind}`, severity: a === null || (d !== null && ratio(a) > ratio(d)) ? 'high' : 'low' });
    });
  }
  return { differences: out, unverifiable };
}

/**
 * The kernel keeps ambient ⊆ permitted ∩ inheritable (man 7 capabilities), and
 * runtimes skip ambient capabilities they cannot raise: a declared ambient
 * capability outside the other two cannot be held, so its absence is no drift.
 */
function holdable(declared: Subject, set: (typeof CAP_SETS)[number], list: readonly string[]): readonly string[] {
  const { permitted, inheritable } = declared.capabilities;
  if (set !== 'ambient' || isUnknown(permitted) || isUnknown(inheritable)) return list;
  return list.filter((c) => permitted.includes(c) && inheritable.includes(c));
}

function seccompCategory(mode: Subject['seccomp']['mode']): string {
  if (mode === 'runtime-default' || mode === 'filter') return 'filter';
  if (mode === 'unconfined') return 'disabled';
  return mode;
}

function ratio(v: number | CpuLimit | null): number {
  if (v === null) return Infinity;
  return typeof v === 'number' ? v : v.quota / v.period;
}

function same(a: number | CpuLimit | null, b: number | CpuLimit | null): boolean {
  return ratio(a) === ratio(b);
}

function show(v: number | CpuLimit | null): string {
  if (v === null) return 'none';
  return typeof v === 'number' ? String(v) : `${v.quota}/${v.period} (${(v.quota / v.period).toFixed(2)} CPU)`;
}
