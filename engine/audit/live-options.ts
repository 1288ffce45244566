/** The flags `caplint ps` and `caplint audit --pid` share, and what they mean for the scan. */
import { UsageError } from '../errors.js';
import { parsePids } from './load-processes.js';
import type { LiveOptions } from './load-processes.js';

export const LIVE_OPTIONS = {
  pid: { type: 'string', multiple: true },
  cgroup: { type: 'string' },
  reference: { type: 'string' },
  all: { type: 'boolean' },
  'no-filters': { type: 'boolean' },
} as const;

export function liveScanOptions(values: { pid?: string[]; cgroup?: string; reference?: string; all?: boolean; 'no-filters'?: boolean }): LiveOptions {
  const pids = parsePids('pid', values.pid);
  const reference = parsePids('reference', values.reference === undefined ? undefined : [values.reference]);
  if (reference && reference.length !== 1) throw new UsageError('--reference takes one process id');
  return {
    ...(pids ? { pids } : {}),
    ...(values.cgroup !== undefined ? { cgroup: values.cgroup } : {}),
    ...(reference ? { reference: reference[0]! } : {}),
    all: values.all === true,
    filters: values['no-filters'] !== true,
  };
}
