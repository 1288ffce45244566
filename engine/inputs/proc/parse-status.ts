/** /proc/PID/status: `Key:\tvalue` lines (man 5 proc). */

export type StatusFields = ReadonlyMap<string, string>;

export function parseStatus(text: string): StatusFields {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trim());
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
