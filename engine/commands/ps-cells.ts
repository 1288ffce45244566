/** The short cells of the `caplint ps` table: capabilities, seccomp, shared namespaces, limits. */
import type { CpuLimit, Maybe, Subject } from '../model/subject.js';
import { isUnknown } from '../model/subject.js';
import { NAMESPACE_TYPES, PROC_NS_FILE } from '../linux/namespaces.js';
import { capabilityBit, capabilityName } from '../linux/capabilities.js';

/** `=ep all`, `=ep all -sys_resource`, `none`, `net_bind_service=ep`, `chown,kill,setuid +5=e`. */
export function capsShort(s: Subject): string {
  const { effective, permitted } = s.capabilities;
  if (isUnknown(effective) || isUnknown(permitted)) return '?';
  if (effective.length === 0 && permitted.length === 0) return 'none';
  const lastCap = s.process?.capLastCap ?? null;
  const flags = same(effective, permitted) ? 'ep' : effective.length ? 'e' : 'p';
  const shown = flags === 'p' ? permitted : effective;
  if (lastCap !== null && shown.length >= lastCap + 1 - 3) {
    const missing = Array.from({ length: lastCap + 1 }, (_, bit) => bit).filter((bit) => !shown.some((n) => bitOf(n, bit)));
    return `=${flags} all${missing.map((b) => ` -${short(nameOf(b))}`).join('')}`;
  }
  const names = shown.map(short);
  return `${names.slice(0, 3).join(',')}${names.length > 3 ? ` +${names.length - 3}` : ''}=${flags}`;
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function bitOf(name: string, bit: number): boolean {
  return capabilityBit(name) === bit;
}
function nameOf(bit: number): string {
  return capabilityName(bit);
}
function short(name: string): string {
  return name.replace(/^CAP_/, '').toLowerCase();
}

export function seccompShort(s: Subject): string {
  const { seccomp } = s;
  if (seccomp.mode === 'filter') return seccomp.filters === undefined ? 'filter' : `filter(${seccomp.filters})`;
  return seccomp.mode === 'unknown' ? '?' : seccomp.mode;
}

/** Namespaces shared with the reference process: `all`, `none`, or their /proc names; `?N` for unknown ones. */
export function sharedShort(s: Subject): string {
  const shared = NAMESPACE_TYPES.filter((t) => s.namespaces[t].state === 'host');
  const unknownCount = NAMESPACE_TYPES.filter((t) => s.namespaces[t].state === 'unknown').length;
  const text = shared.length === NAMESPACE_TYPES.length ? 'all' : shared.length === 0 ? 'none' : shared.map((t) => PROC_NS_FILE[t]).join(',');
  return unknownCount ? `${unknownCount === NAMESPACE_TYPES.length ? '' : `${text} `}?${unknownCount}` : text;
}

export function limitsShort(s: Subject): string {
  const parts: string[] = [];
  const add = (label: string, value: Maybe<number | CpuLimit | null>, show: (v: never) => string) => {
    if (isUnknown(value)) parts.push(`${label} ?`);
    else if (value !== null) parts.push(`${label} ${show(value as never)}`);
  };
  add('mem', s.limits.memory, (v: number) => bytes(v));
  add('pids', s.limits.pids, (v: number) => String(v));
  add('cpu', s.limits.cpu, (v: CpuLimit) => (v.quota / v.period).toFixed(2));
  return parts.length ? parts.join(' ') : 'none';
}

function bytes(n: number): string {
  for (const [unit, size] of [['G', 2 ** 30], ['M', 2 ** 20], ['K', 2 ** 10]] as const) if (n >= size) return `${+(n / size).toFixed(1)}${unit}`;
  return `${n}B`;
}
