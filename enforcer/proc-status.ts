/** The confinement fields of /proc/PID/status (man 5 proc). */
import { readFileSync } from 'node:fs';

export interface ConfinementStatus {
  readonly capInh: bigint;
  readonly capPrm: bigint;
  readonly capEff: bigint;
  readonly capBnd: bigint;
  readonly capAmb: bigint;
  readonly noNewPrivs: boolean;
  /** 0 off, 1 strict, 2 filter. */
  readonly seccomp: number;
  /** Number of filters attached (Linux 5.9+), or null when the kernel does not say. */
  readonly seccompFilters: number | null;
  /** Real, effective, saved, filesystem. */
  readonly uids: readonly number[];
}

export function parseStatus(text: string): ConfinementStatus {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  const need = (name: string): string => {
    const value = fields.get(name);
    if (value === undefined) throw new Error(`/proc status has no ${name} line`);
    return value;
  };
  const hex = (name: string): bigint => BigInt(`0x${need(name)}`);
  const filters = fields.get('Seccomp_filters');
  return {
    capInh: hex('CapInh'),
    capPrm: hex('CapPrm'),
    capEff: hex('CapEff'),
    capBnd: hex('CapBnd'),
    capAmb: hex('CapAmb'),
    noNewPrivs: need('NoNewPrivs') === '1',
    seccomp: Number(need('Seccomp')),
    seccompFilters: filters === undefined ? null : Number(filters),
    uids: need('Uid').split(/\s+/).map(Number),
  };
}

export function readStatus(pid: number | 'self'): ConfinementStatus {
  return parseStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
}

export function readLastCap(): number {
  try {
    return Number(readFileSync('/proc/sys/kernel/cap_last_cap', 'utf8').trim());
  } catch {
    return 40;
  }
}
