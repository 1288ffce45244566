/** Limit bounds as profiles write them: bytes (number, or 512Mi / 2Gi / 1G ...), pids (count), CPUs (1.5). */
const UNITS: Readonly<Record<string, number>> = {
  '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4,
};

/** The bound as a number, or null when it is not one. */
export function parseQuantity(kind: 'memory' | 'pids' | 'cpu', value: number | string): number | null {
  if (typeof value === 'number') return value > 0 && Number.isFinite(value) ? value : null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kKMGT]i?)?\s*$/.exec(value);
  if (!m) return null;
  if (kind !== 'memory' && m[2]) return null;
  const n = Number(m[1]) * UNITS[m[2] ?? '']!;
  return n > 0 ? n : null;
}
