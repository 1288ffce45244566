/** /proc/PID/status: `Key:\tvalue` lines (man 5 proc). */

export type StatusFields = ReadonlyMap<string, string>;

/** The keys the reader uses; the other ~45 lines (memory, signals, CPU lists) are not kept. */
export const STATUS_KEYS = ['Uid', 'Gid', 'Groups', 'NSpid', 'Threads', 'CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb', 'NoNewPrivs', 'Seccomp', 'Seccomp_filters'] as const;
const WANTED = new Set<string>(STATUS_KEYS);

export function parseStatus(text: string): StatusFields {
  const fields = new Map<string, string>();
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const colon = text.indexOf(':', start);
    if (colon > start && colon < end) {
      const key = text.slice(start, colon);
      if (WANTED.has(key)) fields.set(key, text.slice(colon + 1, end).trim());
    }
    start = end + 1;
  }
  return fields;
}

export interface IdSet {
  readonly real: number;
  readonly effective: number;
  readonly saved: number;
  readonly fs: number;
}

/** `Uid:`/`Gid:` → real, effective, saved, filesystem ids; undefined when absent or malformed. */
export function idSet(value: string | undefined): IdSet | undefined {
  const ids = (value ?? '').split(/\s+/).map(Number);
  if (ids.length !== 4 || !ids.every(Number.isSafeInteger)) return undefined;
  return { real: ids[0]!, effective: ids[1]!, saved: ids[2]!, fs: ids[3]! };
}

/** A hex capability mask (`000001ffffffffff`), or undefined. */
export function hexMask(value: string | undefined): bigint | undefined {
  return value !== undefined && /^[0-9a-fA-F]{1,16}$/.test(value) ? BigInt(`0x${value}`) : undefined;
}

/** `NSpid:` → the pid in each nested PID namespace, outermost first. */
export function nsPids(value: string | undefined): number[] {
  return (value ?? '').split(/\s+/).filter(Boolean).map(Number).filter(Number.isSafeInteger);
}
