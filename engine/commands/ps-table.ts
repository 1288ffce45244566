/** The process table `caplint ps` prints before its findings. */
import type { CpuLimit, Maybe, Subject } from '../model/subject.js';
import { isUnknown } from '../model/subject.js';
import { NAMESPACE_TYPES, PROC_NS_FILE } from '../linux/namespaces.js';
import { capabilityBit, capabilityName } from '../linux/capabilities.js';
import { terminalSafe } from '../../reports/common/terminal.js';

const HEADER = ['PID', 'PPID', 'USER', 'COMMAND', 'CAPS', 'SECCOMP', 'NNP', 'SHARED', 'LIMITS'];

export function processTable(subjects: readonly Subject[], width = 160): string {
  const rows = subjects.map(row);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  // The command column absorbs what does not fit.
  const others = widths.reduce((a, b) => a + b + 2, 0) - widths[3]!;
  widths[3] = Math.max(12, Math.min(widths[3]!, width - others));
  const line = (cells: readonly string[]) => cells.map((c, i) => fit(c, widths[i]!)).join('  ').trimEnd();
  return `${[line(HEADER), ...rows.map(line)].join('\n')}\n`;
}

function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

/** Every cell passes through terminalSafe: a process picks its own comm and cmdline. */
function row(s: Subject): string[] {
  const p = s.process;
  const command = p && !isUnknown(p.command) && p.command.length ? p.command.join(' ') : `[${p?.comm ?? '?'}]`;
  return [
    String(s.pid ?? '?'), String(p?.ppid ?? '?'), isUnknown(s.user.uid) ? '?' : String(s.user.uid), command,
    capsShort(s), seccompShort(s), isUnknown(s.noNewPrivileges) ? '?' : s.noNewPrivileges ? 'yes' : 'no',
    sharedShort(s), limitsShort(s),
  ].map(terminalSafe);
}

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

function seccompShort(s: Subject): string {
  const { seccomp } = s;
  if (seccomp.mode === 'filter') return seccomp.filters === undefined ? 'filter' : `filter(${seccomp.filters})`;
  return seccomp.mode === 'unknown' ? '?' : seccomp.mode;
}

/** Namespaces shared with the reference process: `all`, `none`, or their /proc names; `?N` for unknown ones. */
function sharedShort(s: Subject): string {
  const shared = NAMESPACE_TYPES.filter((t) => s.namespaces[t].state === 'host');
  const unknownCount = NAMESPACE_TYPES.filter((t) => s.namespaces[t].state === 'unknown').length;
  const text = shared.length === NAMESPACE_TYPES.length ? 'all' : shared.length === 0 ? 'none' : shared.map((t) => PROC_NS_FILE[t]).join(',');
  return unknownCount ? `${unknownCount === NAMESPACE_TYPES.length ? '' : `${text} `}?${unknownCount}` : text;
}

function limitsShort(s: Subject): string {
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
