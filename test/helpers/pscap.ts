/**
 * Reads `pscap -a` (libcap-ng-utils): one line per process whose effective
 * set is not empty; the capability column is `full` (every effective bit) or
 * the permitted set by name; ` @` when the ambient set is not empty and ` +`
 * when the bounding set is not empty (libcap-ng 0.8.x).
 */
export interface PscapLine {
  readonly ppid: number;
  readonly pid: number;
  readonly full: boolean;
  /** Permitted capability names (lower case, no cap_ prefix); empty when `full`. */
  readonly permitted: readonly string[];
  readonly ambient: boolean;
  readonly bounding: boolean;
}

export function parsePscap(text: string): Map<number, PscapLine> {
  const lines = new Map<number, PscapLine>();
  for (const line of text.split('\n').slice(1)) {
    const m = /^(\d+)\s+(\d+)\s+\S+\s+.*?\s{2}(full|[a-z0-9_]+(?:, [a-z0-9_]+)*)( @)?( \+)?$/.exec(line);
    if (!m) continue;
    const full = m[3] === 'full';
    lines.set(Number(m[2]), { ppid: Number(m[1]), pid: Number(m[2]), full, permitted: full ? [] : m[3]!.split(', '), ambient: m[4] !== undefined, bounding: m[5] !== undefined });
  }
  return lines;
}
