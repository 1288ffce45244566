/** ANSI styles, or identity when colour is off. */
import type { Severity } from '../engine/model/finding.js';

export interface Palette {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly cyan: (s: string) => string;
  readonly green: (s: string) => string;
  readonly severity: (severity: Severity, s: string) => string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const plain = (s: string) => s;

export function palette(color: boolean): Palette {
  if (!color) return { bold: plain, dim: plain, red: plain, yellow: plain, cyan: plain, green: plain, severity: (_, s) => s };
  const p = { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), cyan: wrap(36, 39), green: wrap(32, 39), magenta: wrap(35, 39) };
  const bySeverity: Record<Severity, (s: string) => string> = {
    critical: (s) => p.bold(p.magenta(s)), high: p.red, medium: p.yellow, low: p.cyan, info: p.dim,
  };
  return { ...p, severity: (severity, s) => bySeverity[severity](s) };
}
