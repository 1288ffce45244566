/** Compose `volumes` (short `SRC:DST[:MODE]` and long syntax) and `devices` entries. */
import type { DockerDevice, DockerMount } from '../docker-like/settings.js';
import { isRecord } from '../kubernetes/workloads.js';

/** A short-syntax source that is a host path (not a named volume). */
function isHostPath(source: string): boolean {
  return /^([/.~]|[A-Za-z]:\\)/.test(source);
}

export function composeVolume(entry: unknown): DockerMount | undefined {
  if (typeof entry === 'string') {
    const parts = entry.split(':');
    if (parts.length === 1) return { type: 'volume', source: '', target: parts[0]!, readOnly: false };
    const [source, target, mode = ''] = parts as [string, string, string?];
    return { type: isHostPath(source) ? 'bind' : 'volume', source, target, readOnly: mode.split(',').includes('ro') };
  }
  if (!isRecord(entry) || typeof entry.target !== 'string') return undefined;
  const type = entry.type === 'bind' || entry.type === 'volume' || entry.type === 'tmpfs' ? entry.type : 'other';
  return { type, source: typeof entry.source === 'string' ? entry.source : '', target: entry.target, readOnly: entry.read_only === true };
}

export function composeDevice(entry: unknown): DockerDevice | undefined {
  if (typeof entry === 'string') {
    const [host = '', container = host] = entry.split(':');
    return host ? { host, container } : undefined;
  }
  if (isRecord(entry) && typeof entry.source === 'string') return { host: entry.source, container: typeof entry.target === 'string' ? entry.target : entry.source };
  return undefined;
}
